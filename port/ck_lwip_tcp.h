/*
 * ck_lwip_tcp.h -- a TCP byte stream over lwIP's raw API (NO_SYS=1), as a
 * ck_transport, with zero heap.
 *
 * The transport owns one tcp_pcb (from lwIP's static pool) while open.
 * Received pbufs stay chained in the context as lwIP delivered them; recv()
 * copies out of them and only then tells TCP (tcp_recved) that the bytes
 * were consumed, so the receive window opens at the pace of the consumer
 * (BearSSL) and received data never needs a second buffer.
 *
 * There is no OS to block on: every wait calls the integrator's poll hook,
 * which must feed received frames to the netif and run
 * sys_check_timeouts(), until the condition holds or the call's deadline
 * (from the monotonic_ms hook) passes. All calls, and the hooks, run on the
 * one thread that owns lwIP; none may come from an interrupt.
 *
 * Hosts: a dotted-quad IPv4 address ("192.0.2.1") always works; names need
 * lwIP built with LWIP_DNS (CK_LWIP_DNS=1), else they fail with CK_ERR_DNS.
 * inet_aton shorthand ("10.1", "0x7f.0.0.1", leading zeros) is refused with
 * CK_ERR_DNS rather than guessed at. When a DNS
 * lookup times out, lwIP still holds a pointer to the context until it gives
 * up on the query: the context must outlive it (make it static, as firmware
 * does anyway).
 *
 * This header needs no lwIP include path; ck_lwip_tcp.c does.
 */
#ifndef CK_LWIP_TCP_H
#define CK_LWIP_TCP_H

#include <stdbool.h>
#include <stdint.h>

#include "ck_result.h"
#include "ck_transport.h"

/* Longest host accepted by ck_lwip_tcp_init (a DNS name's limit). */
#define CK_LWIP_HOST_MAX 253

/*
 * What the transport needs from the integrator's network loop. Both
 * functions are required; ctx is passed to both.
 */
typedef struct {
	/*
	 * Make progress: hand every received frame to the netif, run
	 * sys_check_timeouts(), and return. It may wait a little (a few ms)
	 * for a frame or an interrupt, but must return even when nothing
	 * happens, so deadlines are checked.
	 */
	void (*poll)(void *ctx);

	/* Monotonic milliseconds (ck_platform's monotonic_ms fits). */
	uint64_t (*monotonic_ms)(void *ctx);

	void *ctx;
} ck_lwip_tcp_hooks;

/* A connection. The caller owns it; members are private. */
typedef struct {
	struct tcp_pcb *pcb;   /* NULL while closed or after lwIP dropped it */
	struct pbuf *rx;       /* received, not yet consumed; first byte first */
	ck_lwip_tcp_hooks hooks;
	uint32_t resolved;     /* IPv4 address from DNS, network byte order */
	uint16_t port;
	uint8_t phase;         /* private: closed / resolving / connecting / open */
	int8_t lwip_error;     /* err_t from lwIP's error callback; 0 = none */
	bool peer_closed;      /* FIN received: no data after rx */
	bool resolve_done;     /* the DNS callback ran */
	char host[CK_LWIP_HOST_MAX + 1];
} ck_lwip_tcp;

/*
 * Prepare `t` to connect to `host` (numeric IPv4, or a name when lwIP has
 * DNS) and `port` (1..65535), driving the network through `hooks` (copied;
 * both functions non-NULL). `host` is copied. Touches no lwIP state, so it
 * may run before lwip_init(). Errors: CK_ERR_INVALID_ARGUMENT.
 */
ck_result ck_lwip_tcp_init(ck_lwip_tcp *t, const char *host, uint16_t port,
	const ck_lwip_tcp_hooks *hooks);

/*
 * The ck_transport view of `t`. open() returns CK_ERR_DNS when the host
 * does not resolve, CK_ERR_CONNECT when no pcb is free, the peer refuses
 * (RST) or the handshake times out, CK_ERR_INVALID_ARGUMENT when already
 * open. send() returns once every byte is queued in lwIP (tcp_write);
 * flush() once nothing is left unsent (handed to the netif; not
 * necessarily acknowledged). A reset or abort maps to CK_ERR_SEND in
 * send/flush and CK_ERR_RECV in recv, after any data received before it;
 * the peer's FIN maps to CK_ERR_CONNECTION_CLOSED once the data before it
 * is consumed. close() closes gracefully (FIN), or with RST when received
 * data was left unread or lwIP has no memory for the FIN. pending() runs
 * the poll hook once (while open), then is true when received bytes wait
 * in the chain, the peer's FIN has come, lwIP reported a reset or abort,
 * or the connection is not open; it consumes nothing.
 */
ck_transport ck_lwip_tcp_transport(ck_lwip_tcp *t);

#endif /* CK_LWIP_TCP_H */
