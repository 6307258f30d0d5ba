/*
 * lwipopts.h (firmware) -- the shared configuration (platform/lwip/
 * lwipopts.h: NO_SYS, raw TCP, IPv4, Ethernet, zero heap) with the buffers
 * cut down to what one API call needs on a device with a static-RAM budget.
 * The firmware build puts this directory first on the include path.
 *
 * The shared file sizes lwIP for full-sized segments and a 4-segment
 * window (about 23 KiB of buffers). A client that sends one request of a
 * couple of KiB and reads an answer of a few hundred bytes does not need
 * that: here segments are 536 bytes (TCP's default MSS, which we then
 * advertise, so the server sends frames of at most 590 bytes) and the
 * window and send buffer hold four of them. A 16 KiB TLS record still
 * arrives fine, it just streams through the smaller window in more round
 * trips; throughput is not what this device is for. About 10 KiB in all.
 *
 * Pool buffers are now smaller than a full Ethernet frame: app.c receives
 * every frame into a chain of them (ck_board_eth_receive takes pieces).
 */
#ifndef CK_FW_LWIPOPTS_H
#define CK_FW_LWIPOPTS_H

#include "../../lwip/lwipopts.h"

#undef TCP_MSS
#define TCP_MSS                 536
#undef TCP_WND
#define TCP_WND                 (4 * TCP_MSS)
#undef TCP_SND_BUF
#define TCP_SND_BUF             (4 * TCP_MSS)
/*
 * lwIP's byte heap holds the outgoing segments (copied by tcp_write) and
 * the odd ARP reply: the shared formula with 512 bytes of slack
 * instead of 2 KiB.
 */
#undef MEM_SIZE
#define MEM_SIZE                (TCP_SND_BUF + TCP_SND_QUEUELEN * 100 + 512)
/* The window's segments, plus the frame being received and ARP. */
#undef PBUF_POOL_SIZE
#define PBUF_POOL_SIZE          (TCP_WND / TCP_MSS + 3)
/*
 * Out-of-order segments are dropped, not queued: with a window of four
 * 536-byte segments a lost one costs at most three more retransmitted,
 * while the queue costs 1 KiB of code (measured with make size). No
 * segment descriptors are then kept for it either.
 */
#undef TCP_QUEUE_OOSEQ
#define TCP_QUEUE_OOSEQ         0
#undef MEMP_NUM_TCP_SEG
#define MEMP_NUM_TCP_SEG        TCP_SND_QUEUELEN

#endif /* CK_FW_LWIPOPTS_H */
