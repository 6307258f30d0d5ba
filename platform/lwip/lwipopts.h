/*
 * lwipopts.h -- our lwIP configuration, the same for the firmware image and
 * the host harness (platform/lwip/host/) that runs it over a TAP device.
 *
 * Shape: NO_SYS=1 (no OS, no threads: the integrator calls the stack from
 * one loop), the raw tcp_* API only (no sockets, no netconn, no altcp: the
 * transport in port/ck_lwip_tcp.c drives a tcp_pcb directly, and BearSSL
 * sits above it as a ck_transport, so no altcp_tls adapter is needed),
 * IPv4 only, Ethernet with ARP.
 *
 * Zero heap: MEM_LIBC_MALLOC=0 and MEMP_MEM_MALLOC=0, so every lwIP buffer
 * comes from static arrays sized here (the MEMP pools and lwIP's own
 * MEM_SIZE byte heap for outgoing segments); nothing calls malloc.
 *
 * Sizing is for ONE TLS connection carrying up to 16 KiB TLS records. The
 * receive side never needs a whole record in lwIP: port/ck_lwip_tcp.c keeps
 * the received pbufs chained and acknowledges them to TCP (tcp_recved) only
 * as BearSSL takes the bytes, so received data in lwIP is bounded by
 * TCP_WND, and a record simply streams through the window.
 *
 * Build switches (-D on the command line): CK_LWIP_DHCP, CK_LWIP_DNS (both
 * 0 by default; the host harness uses static addresses and numeric hosts).
 * Only this directory may come before lwIP's include directory: it must be
 * the first -I, ahead of any port/include that has a lwipopts.h of its own.
 */
#ifndef CK_LWIPOPTS_H
#define CK_LWIPOPTS_H

#ifndef CK_LWIP_DHCP
#define CK_LWIP_DHCP 0
#endif
#ifndef CK_LWIP_DNS
#define CK_LWIP_DNS 0
#endif

/* --- system ---------------------------------------------------------------- */
#define NO_SYS                  1
/* One thread of control and no lwIP call from interrupts: no locking. */
#define SYS_LIGHTWEIGHT_PROT    0
/* sys_check_timeouts() from the integrator's loop drives the timers. */
#define LWIP_TIMERS             1

/* --- memory: static only ------------------------------------------------ */
#define MEM_LIBC_MALLOC         0
#define MEMP_MEM_MALLOC         0
#define MEM_USE_POOLS           0
/* Pool elements hold pointers: align to the pointer size (4 on Cortex-M,
 * 8 on a 64-bit host, where 4 would be a misaligned access). */
#if defined(__SIZEOF_POINTER__) && __SIZEOF_POINTER__ == 8
#define MEM_ALIGNMENT           8
#else
#define MEM_ALIGNMENT           4
#endif
/*
 * lwIP's own byte heap (a static array): it holds the copies tcp_write
 * makes of outgoing data (TCP_WRITE_FLAG_COPY), one pbuf per segment with
 * room for the headers, plus the occasional ARP reply. TCP_SND_BUF
 * of payload in at most TCP_SND_QUEUELEN segments, each with about 100
 * bytes of pbuf, header and heap bookkeeping, plus 2 KiB of slack.
 * Running short is not fatal: tcp_write says ERR_MEM and the transport
 * waits for acknowledgements to free space.
 */
#define MEM_SIZE                (TCP_SND_BUF + TCP_SND_QUEUELEN * 100 + 2048)

/* --- pools --------------------------------------------------------------- */
/*
 * Received frames: one pool buffer holds one full Ethernet frame. Up to
 * TCP_WND bytes of TCP data may sit unconsumed (in the transport's chain or
 * on the out-of-sequence queue), TCP_WND/TCP_MSS full segments, plus room
 * for ARP and the frame being received. A peer that sends tiny
 * segments can use more buffers than that; frames then get dropped at the
 * driver and TCP retransmits them once the consumer has freed some.
 */
#define PBUF_POOL_SIZE          (TCP_WND / TCP_MSS + 4)
/* PBUF_POOL_BUFSIZE: lwIP's default, one MSS-sized frame with headers. */

/*
 * One open connection, plus pcbs our earlier connections left closing
 * (FIN_WAIT, LAST_ACK, TIME_WAIT) when the client reconnects. lwIP recycles
 * TIME_WAIT and LAST_ACK pcbs when the pool runs dry, but not FIN_WAIT
 * ones (up to TCP_FIN_WAIT_TIMEOUT, 20 s): 4 leaves room for a few quick
 * retries. A pcb is about 200 bytes.
 */
#define MEMP_NUM_TCP_PCB        4
/* No server side; a pool of size 0 is not portable C, so keep one. */
#define MEMP_NUM_TCP_PCB_LISTEN 1
/* Every queued outgoing segment plus the out-of-sequence ones. */
#define MEMP_NUM_TCP_SEG        (TCP_SND_QUEUELEN + TCP_OOSEQ_MAX_PBUFS)
/* PBUF_REF/ROM headers: only for no-copy writes, which we never do. */
#define MEMP_NUM_PBUF           4
/* DHCP and DNS each hold one UDP pcb. */
#define MEMP_NUM_UDP_PCB        2
#define MEMP_NUM_RAW_PCB        1
/* MEMP_NUM_SYS_TIMEOUT: lwIP's default counts the timers enabled here. */

/* --- protocols ----------------------------------------------------------- */
#define LWIP_IPV4               1
#define LWIP_IPV6               0
#define LWIP_ARP                1
#define LWIP_ETHERNET           1
/*
 * No ICMP: lwIP hands no ICMP error to TCP, so all it would do for this
 * client is answer pings (576 bytes of the firmware image, measured with
 * make size). A board that wants to be pinged turns it on in its overlay.
 */
#define LWIP_ICMP               0
#define LWIP_RAW                0
#define LWIP_IGMP               0
#define LWIP_AUTOIP             0
#define LWIP_DHCP               CK_LWIP_DHCP
#define LWIP_DNS                CK_LWIP_DNS
#define LWIP_UDP                (CK_LWIP_DHCP || CK_LWIP_DNS)
#define LWIP_TCP                1
/*
 * TCP with the MSS of a 1500-byte MTU never needs IP fragments, and a
 * reassembly buffer would cost more RAM than the whole TCP window: off.
 * A fragmented datagram is dropped.
 */
#define IP_REASSEMBLY           0
#define IP_FRAG                 0
/* ARP: remember a few neighbours (gateway, DNS server); queue no frames. */
#define ARP_TABLE_SIZE          4
#define ARP_QUEUEING            0
#if CK_LWIP_DNS
/* One cached answer is all a client with one endpoint needs. */
#define DNS_TABLE_SIZE          2
#define DNS_MAX_NAME_LENGTH     256
#endif

/* --- TCP ------------------------------------------------------------------ */
/* Ethernet MTU 1500 minus 20 bytes of IPv4 and 20 of TCP header. */
#define TCP_MSS                 1460
/*
 * Receive window: 4 segments (5840 bytes). It bounds both the received data
 * lwIP holds and PBUF_POOL_SIZE. A 16 KiB record arrives in three round
 * trips, which is plenty for an API call whose answers are a few hundred
 * bytes and whose largest inbound message is the server's certificate chain.
 */
#define TCP_WND                 (4 * TCP_MSS)
/*
 * Send buffer: 4 segments. A TLS record bigger than this does not need to
 * fit: the transport's send() queues what fits and polls the network until
 * acknowledgements make room.
 */
#define TCP_SND_BUF             (4 * TCP_MSS)
/* lwIP's rule of thumb: up to 4 pbufs per segment of the send buffer. */
#define TCP_SND_QUEUELEN        ((4 * (TCP_SND_BUF) + (TCP_MSS - 1)) / (TCP_MSS))
/*
 * Out-of-order segments are kept (a lost segment then costs one
 * retransmission, not the rest of the window), but at most 4 pbufs.
 */
#define TCP_QUEUE_OOSEQ         1
#define TCP_OOSEQ_MAX_PBUFS     4
#define LWIP_TCP_SACK_OUT       0
#define LWIP_WND_SCALE          0
#define LWIP_TCP_KEEPALIVE      0
/* tcp_write fills the last segment's spare room before taking a new one. */
#define TCP_OVERSIZE            TCP_MSS
#define LWIP_CALLBACK_API       1
#define LWIP_EVENT_API          0

/* --- APIs and netif features: none beyond raw TCP ------------------------ */
#define LWIP_SOCKET             0
#define LWIP_NETCONN            0
#define LWIP_ALTCP              0
#define LWIP_ALTCP_TLS          0
#define LWIP_NETIF_API          0
#define LWIP_HAVE_LOOPIF        0
#define LWIP_NETIF_LOOPBACK     0
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_NETIF_LINK_CALLBACK   0
#define LWIP_NETIF_HOSTNAME     0
/* One interface, the board's Ethernet or the host's TAP: no netif list
 * to walk (192 bytes of the firmware image). */
#define LWIP_SINGLE_NETIF       1

/* --- checksums: lwIP's defaults (all in software, generated and checked) -- */

/* --- statistics and debug: off ------------------------------------------- */
#define LWIP_STATS              0
#define LWIP_STATS_DISPLAY      0
#define LWIP_PERF               0
/* LWIP_DEBUG is tested with #ifdef: leave it undefined for no debug. */

#endif /* CK_LWIPOPTS_H */
