/*
 * ck_lwip_tcp.c -- TCP over lwIP's raw API (NO_SYS=1), as a ck_transport.
 *
 * lwIP calls back into this file only from inside lwIP calls made on our
 * thread: the integrator's poll hook (frames in, timers) and the tcp_*
 * calls below. So state changes land between two of our statements, never
 * in the middle of one, and every wait is "poll, then look again".
 *
 * Received data: the recv callback appends lwIP's pbufs to one chain
 * (pbuf_cat) and returns ERR_OK without tcp_recved(). recv() copies from
 * the head of the chain, frees what it consumed (pbuf_free_header) and
 * only then calls tcp_recved() for exactly those bytes. The peer can
 * therefore never have more than TCP_WND bytes outstanding with us, which
 * is what bounds the chain (and pbuf tot_len, a u16_t).
 *
 * Errors: lwIP's error callback means the pcb is already freed; we only
 * forget it. Which ck_result that becomes depends on the call that sees
 * it: CK_ERR_CONNECT in open, CK_ERR_SEND in send/flush, CK_ERR_RECV in
 * recv (after the data received before the error has been handed out).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "lwip/opt.h"
#include "lwip/err.h"
#include "lwip/ip_addr.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#if LWIP_DNS
#include "lwip/dns.h"
#endif

#include "ck_deadline.h"
#include "ck_lwip_tcp.h"
#include "ck_text.h"

#if LWIP_TCP == 0 || LWIP_CALLBACK_API == 0
#error "ck_lwip_tcp needs LWIP_TCP and LWIP_CALLBACK_API"
#endif

/* The receive chain is bounded by the window; its length is a u16_t. */
_Static_assert(TCP_WND <= 0xFFFF, "TCP_WND must fit a pbuf chain's tot_len");

enum {
	PHASE_CLOSED = 0,
	PHASE_RESOLVING,
	PHASE_CONNECTING,
	PHASE_OPEN
};

static uint64_t
deadline_after(const ck_lwip_tcp *t, uint32_t timeout_ms)
{
	return ck_deadline(t->hooks.monotonic_ms(t->hooks.ctx), timeout_ms);
}

static bool
expired(const ck_lwip_tcp *t, uint64_t deadline)
{
	return t->hooks.monotonic_ms(t->hooks.ctx) >= deadline;
}

static void
poll_network(const ck_lwip_tcp *t)
{
	t->hooks.poll(t->hooks.ctx);
}

/*
 * Strict dotted-quad IPv4 ("192.0.2.1"): four decimal parts 0..255, no
 * leading zeros, nothing else. lwIP's ipaddr_aton would also take
 * inet_aton's shorthand ("10.1", "0x7f.1"), which would turn some odd
 * host names into addresses nobody meant.
 */
static bool
parse_dotted_quad(const char *s, uint8_t out[4])
{
	unsigned part;

	for (part = 0; part < 4; part++) {
		size_t n = 0;
		uint64_t value;

		if (part > 0 && *s++ != '.') {
			return false;
		}
		while (n < 4 && s[n] >= '0' && s[n] <= '9') {
			n++;
		}
		/* 1 to 3 digits, the first a zero only when it is the last. */
		if (n > 3 || (n > 1 && s[0] == '0')
			|| !ck_text_parse_dec(ck_span_make(s, n), 255, &value)) {
			return false;
		}
		out[part] = (uint8_t)value;
		s += n;
	}
	return *s == '\0';
}

/* Cut every tie between lwIP and `t`, so no late callback reaches it. */
static void
detach_pcb(struct tcp_pcb *pcb)
{
	tcp_arg(pcb, NULL);
	tcp_recv(pcb, NULL);
	tcp_sent(pcb, NULL);
	tcp_err(pcb, NULL);
	tcp_poll(pcb, NULL, 0);
}

static void
release_rx(ck_lwip_tcp *t)
{
	if (t->rx != NULL) {
		(void)pbuf_free(t->rx);
		t->rx = NULL;
	}
}

static void
forget_connection(ck_lwip_tcp *t)
{
	release_rx(t);
	t->phase = PHASE_CLOSED;
	t->peer_closed = false;
}

/* lwIP has already freed the pcb when it calls this. */
static void
on_error(void *arg, err_t err)
{
	ck_lwip_tcp *t = arg;

	if (t == NULL) {
		return;
	}
	t->pcb = NULL;
	t->lwip_error = (int8_t)(err == ERR_OK ? ERR_ABRT : err);
}

static err_t
on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	ck_lwip_tcp *t = arg;

	(void)pcb;
	/* lwIP 2.1 always passes ERR_OK; anything else is left to the
	 * error callback that follows it. */
	if (t != NULL && err == ERR_OK && t->phase == PHASE_CONNECTING) {
		t->phase = PHASE_OPEN;
	}
	return ERR_OK;
}

static err_t
on_received(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	ck_lwip_tcp *t = arg;

	(void)pcb;
	if (p == NULL) {
		if (t != NULL) {
			t->peer_closed = true;
		}
		return ERR_OK;
	}
	if (t == NULL || err != ERR_OK || p->tot_len == 0) {
		(void)pbuf_free(p);
		return ERR_OK;
	}
	if (t->rx == NULL) {
		t->rx = p;
		return ERR_OK;
	}
	/*
	 * Cannot happen while the window is the only source of data, but if
	 * it did, ERR_MEM makes lwIP keep the pbuf and offer it again later,
	 * which is better than a wrapped length.
	 */
	if ((uint32_t)t->rx->tot_len + p->tot_len > 0xFFFFu) {
		return ERR_MEM;
	}
	pbuf_cat(t->rx, p);
	return ERR_OK;
}

#if LWIP_DNS
static void
on_resolved(const char *name, const ip_addr_t *ipaddr, void *arg)
{
	ck_lwip_tcp *t = arg;

	(void)name;
	/* An answer that comes after open() gave up finds another phase. */
	if (t == NULL || t->phase != PHASE_RESOLVING) {
		return;
	}
	t->resolved = ipaddr != NULL ? ip4_addr_get_u32(ip_2_ip4(ipaddr)) : 0;
	t->resolve_done = true;
}
#endif

static ck_result
resolve(ck_lwip_tcp *t, ip_addr_t *addr, uint64_t deadline)
{
	uint8_t q[4];

	if (parse_dotted_quad(t->host, q)) {
		IP_ADDR4(addr, q[0], q[1], q[2], q[3]);
		return CK_OK;
	}
	/* Not canonical, yet inet_aton-shaped ("10.1", "0x7f.1", "01.2.3.4"):
	 * dns_gethostbyname would quietly take it as an address. Refuse
	 * rather than guess which host was meant. */
	if (ipaddr_aton(t->host, addr)) {
		return CK_ERR_DNS;
	}
#if LWIP_DNS
	{
		err_t err;

		t->resolved = 0;
		t->resolve_done = false;
		t->phase = PHASE_RESOLVING;
		err = dns_gethostbyname(t->host, addr, on_resolved, t);
		if (err == ERR_OK) {
			t->phase = PHASE_CLOSED;
			return CK_OK;
		}
		while (err == ERR_INPROGRESS && !t->resolve_done) {
			if (expired(t, deadline)) {
				break;
			}
			poll_network(t);
		}
		t->phase = PHASE_CLOSED;
		if (err != ERR_INPROGRESS || !t->resolve_done
			|| t->resolved == 0)
		{
			return CK_ERR_DNS;
		}
		ip_addr_set_ip4_u32(addr, t->resolved);
		return CK_OK;
	}
#else
	(void)addr;
	(void)deadline;
	return CK_ERR_DNS;
#endif
}

ck_result
ck_lwip_tcp_init(ck_lwip_tcp *t, const char *host, uint16_t port,
	const ck_lwip_tcp_hooks *hooks)
{
	size_t hlen;

	if (t == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	memset(t, 0, sizeof *t);
	if (host == NULL || port == 0 || hooks == NULL || hooks->poll == NULL
		|| hooks->monotonic_ms == NULL)
	{
		return CK_ERR_INVALID_ARGUMENT;
	}
	hlen = ck_text_bounded_len(host, CK_LWIP_HOST_MAX + 1);
	if (hlen == 0 || hlen > CK_LWIP_HOST_MAX
		|| !ck_text_is_host(ck_span_make(host, hlen)))
	{
		return CK_ERR_INVALID_ARGUMENT;
	}
	memcpy(t->host, host, hlen + 1);
	t->port = port;
	t->hooks = *hooks;
	return CK_OK;
}

static ck_result
stream_open(void *ctx, uint32_t timeout_ms)
{
	ck_lwip_tcp *t = ctx;
	uint64_t deadline;
	ip_addr_t addr;
	struct tcp_pcb *pcb;
	ck_result r;

	/* A connection lwIP already dropped counts as closed. */
	if (t->pcb != NULL || t->phase == PHASE_RESOLVING || t->host[0] == '\0'
		|| t->hooks.poll == NULL)
	{
		return CK_ERR_INVALID_ARGUMENT;
	}
	forget_connection(t);
	t->lwip_error = ERR_OK;
	deadline = deadline_after(t, timeout_ms);
	r = resolve(t, &addr, deadline);
	if (r != CK_OK) {
		return r;
	}
	pcb = tcp_new_ip_type(IPADDR_TYPE_V4);
	if (pcb == NULL) {
		return CK_ERR_CONNECT;
	}
	t->pcb = pcb;
	t->phase = PHASE_CONNECTING;
	tcp_arg(pcb, t);
	tcp_err(pcb, on_error);
	tcp_recv(pcb, on_received);
	/* TLS records are written whole: Nagle would only add latency. */
	tcp_nagle_disable(pcb);
	if (tcp_connect(pcb, &addr, t->port, on_connected) != ERR_OK) {
		detach_pcb(pcb);
		tcp_abort(pcb);
		t->pcb = NULL;
		forget_connection(t);
		return CK_ERR_CONNECT;
	}
	for (;;) {
		if (t->pcb == NULL) {
			/* Refused (RST) or SYN retries exhausted. */
			forget_connection(t);
			return CK_ERR_CONNECT;
		}
		if (t->phase == PHASE_OPEN) {
			return CK_OK;
		}
		if (expired(t, deadline)) {
			detach_pcb(t->pcb);
			tcp_abort(t->pcb);
			t->pcb = NULL;
			forget_connection(t);
			return CK_ERR_CONNECT;
		}
		poll_network(t);
	}
}

static bool
is_open(const ck_lwip_tcp *t)
{
	return t->pcb != NULL && t->phase == PHASE_OPEN;
}

static ck_result
stream_send(void *ctx, const uint8_t *data, size_t len,
	uint32_t timeout_ms)
{
	ck_lwip_tcp *t = ctx;
	uint64_t deadline;

	if (data == NULL && len > 0) {
		return CK_ERR_SEND;
	}
	deadline = deadline_after(t, timeout_ms);
	while (len > 0) {
		u16_t room;

		if (!is_open(t)) {
			return CK_ERR_SEND;
		}
		room = tcp_sndbuf(t->pcb);
		if (room > 0 && tcp_sndqueuelen(t->pcb) < TCP_SND_QUEUELEN) {
			u16_t n = len < room ? (u16_t)len : room;
			u8_t flags = TCP_WRITE_FLAG_COPY;
			err_t err;

			if (n < len) {
				flags |= TCP_WRITE_FLAG_MORE;
			}
			err = tcp_write(t->pcb, data, n, flags);
			if (err == ERR_OK) {
				data += n;
				len -= n;
				continue;
			}
			/* ERR_MEM: lwIP's pools are full until ACKs free them. */
			if (err != ERR_MEM) {
				return CK_ERR_SEND;
			}
		}
		/*
		 * Full: push out what is queued and let acknowledgements make
		 * room. tcp_output's own failures (no route, no memory) are
		 * retried by lwIP's timers, so only the deadline ends this.
		 */
		(void)tcp_output(t->pcb);
		if (expired(t, deadline)) {
			return CK_ERR_SEND_TIMEOUT;
		}
		poll_network(t);
	}
	if (!is_open(t)) {
		return CK_ERR_SEND;
	}
	(void)tcp_output(t->pcb);
	return CK_OK;
}

/*
 * Done when nothing is left unsent: every byte went to the netif. Waiting
 * for the acknowledgements too would add the peer's delayed-ACK time to
 * every TLS flight, and a lost segment is TCP's business, not the caller's.
 */
static ck_result
stream_flush(void *ctx, uint32_t timeout_ms)
{
	ck_lwip_tcp *t = ctx;
	uint64_t deadline = deadline_after(t, timeout_ms);

	for (;;) {
		if (!is_open(t)) {
			return CK_ERR_SEND;
		}
		if (t->pcb->unsent == NULL) {
			return CK_OK;
		}
		(void)tcp_output(t->pcb);
		if (t->pcb->unsent == NULL) {
			return CK_OK;
		}
		if (expired(t, deadline)) {
			return CK_ERR_SEND_TIMEOUT;
		}
		poll_network(t);
	}
}

/* Hand out up to `cap` bytes from the head of the chain, and only those
 * bytes reopen the receive window. */
static size_t
take_received(ck_lwip_tcp *t, uint8_t *buf, size_t cap)
{
	u16_t n = cap < t->rx->tot_len ? (u16_t)cap : t->rx->tot_len;

	n = pbuf_copy_partial(t->rx, buf, n, 0);
	t->rx = pbuf_free_header(t->rx, n);
	/* Empty pbufs left at the head carry no data: drop them too. */
	if (t->rx != NULL && t->rx->tot_len == 0) {
		release_rx(t);
	}
	if (t->pcb != NULL && n > 0) {
		tcp_recved(t->pcb, n);
	}
	return n;
}

static ck_result
stream_recv(void *ctx, uint8_t *buf, size_t cap, size_t *received,
	uint32_t timeout_ms)
{
	ck_lwip_tcp *t = ctx;
	uint64_t deadline;

	if (received != NULL) {
		*received = 0;
	}
	if (buf == NULL || cap == 0 || received == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	deadline = deadline_after(t, timeout_ms);
	for (;;) {
		if (t->rx != NULL) {
			*received = take_received(t, buf, cap);
			if (*received > 0) {
				return CK_OK;
			}
			continue;
		}
		if (t->phase != PHASE_OPEN) {
			return CK_ERR_RECV;
		}
		/* A FIN ended the stream in order, whatever came after it. */
		if (t->peer_closed) {
			return CK_ERR_CONNECTION_CLOSED;
		}
		if (t->pcb == NULL) {
			return CK_ERR_RECV;
		}
		if (expired(t, deadline)) {
			return CK_ERR_RECV_TIMEOUT;
		}
		poll_network(t);
	}
}

/*
 * What lwIP has handed us is all there is to see, so the network runs once
 * first: frames the driver already holds may carry data or a FIN. Data in
 * the chain, a FIN, a reset or abort (the pcb is gone) or a connection
 * that is not open all make recv return at once.
 */
static bool
stream_pending(void *ctx)
{
	ck_lwip_tcp *t = ctx;

	if (t->phase == PHASE_OPEN && t->pcb != NULL) {
		poll_network(t);
	}
	return t->rx != NULL || t->peer_closed || !is_open(t);
}

static void
stream_close(void *ctx)
{
	ck_lwip_tcp *t = ctx;

	if (t->pcb != NULL) {
		struct tcp_pcb *pcb = t->pcb;

		detach_pcb(pcb);
		/* tcp_close sends RST itself when data was left unread; it
		 * fails only without memory for the FIN. */
		if (tcp_close(pcb) != ERR_OK) {
			tcp_abort(pcb);
		}
		t->pcb = NULL;
	}
	forget_connection(t);
	t->lwip_error = ERR_OK;
}

ck_transport
ck_lwip_tcp_transport(ck_lwip_tcp *t)
{
	ck_transport tr;

	tr.open = stream_open;
	tr.send = stream_send;
	tr.flush = stream_flush;
	tr.recv = stream_recv;
	tr.close = stream_close;
	tr.ctx = t;
	tr.pending = stream_pending;
	return tr;
}
