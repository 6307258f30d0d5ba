/*
 * ck_tls_client.c -- BearSSL's engine driven over a lower ck_transport.
 *
 * The engine is a state machine that says what it wants next: records to
 * send (SENDREC), records to receive (RECVREC), or application data in or
 * out (SENDAPP / RECVAPP). pump() feeds those wants from the lower
 * transport until the engine reaches the state a call needs, like BearSSL's
 * ssl_io.c, but on a time budget: every lower call gets what is left of
 * the caller's timeout (all of it when there is no monotonic clock hook).
 *
 * Errors are mapped once per public call, from what pump() reports and the
 * engine's own error code, so the caller sees only ck_transport's codes.
 */
#include <string.h>

#include "ck_calendar.h"
#include "ck_deadline.h"
#include "ck_secure_zero.h"
#include "ck_text.h"
#include "ck_tls_client.h"
#include "ck_tls_profile.h"

/* BearSSL refuses smaller buffers (512-byte fragments need 837). */
_Static_assert(CK_TLS_IOBUF_SIZE >= 837, "CK_TLS_IOBUF_SIZE too small");

/* Bytes of entropy injected per handshake (BearSSL asks for >= 16). */
#define ENTROPY_LEN 32

/*
 * Whether this build's buffer makes BearSSL ask for max_fragment_length:
 * a constant, so builds with full records carry no ServerHello scan.
 */
#define BUFFER_ASKS_MFL (CK_TLS_IOBUF_SIZE < BR_SSL_BUFSIZE_MONO)

/* How long close() waits to hand over its close_notify. */
#define CLOSE_NOTIFY_MS 100u

/* The time left to one public call. */
typedef struct {
	const ck_tls_config *cfg;
	uint32_t timeout_ms;
	uint64_t deadline;  /* only with cfg->monotonic_ms */
} budget;

static budget
budget_start(const ck_tls_config *cfg, uint32_t timeout_ms)
{
	budget b;

	b.cfg = cfg;
	b.timeout_ms = timeout_ms;
	b.deadline = 0;
	if (cfg->monotonic_ms != NULL) {
		b.deadline = ck_deadline(cfg->monotonic_ms(cfg->clock_ctx),
			timeout_ms);
	}
	return b;
}

/* The timeout for the next lower call; false when none is left. */
static bool
budget_left(const budget *b, uint32_t *ms)
{
	uint64_t now, left;

	if (b->cfg->monotonic_ms == NULL) {
		*ms = b->timeout_ms;
		return true;
	}
	now = b->cfg->monotonic_ms(b->cfg->clock_ctx);
	if (now >= b->deadline) {
		return false;
	}
	left = b->deadline - now;
	*ms = left > UINT32_MAX ? UINT32_MAX : (uint32_t)left;
	return true;
}

static bool
is_x509_error(int err)
{
	return err > BR_ERR_X509_OK && err < BR_ERR_X509_OK + 32;
}

/*
 * The cipher suites and algorithms offered. The host build takes
 * BearSSL's full profile; a firmware build swaps in a smaller one here.
 */
static void
setup_engine_profile(ck_tls_client *t)
{
	/* Full on hosts, minimal on firmware: chosen by which profile file
	 * the build links (ck_tls_profile.h). */
	ck_tls_profile_setup(&t->sc, &t->xc, t->cfg.anchors,
		t->cfg.anchor_count);
}

/* Give BearSSL the validation time; false when the hook has none to give. */
static bool
set_validation_time(ck_tls_client *t)
{
	int64_t now;
	uint32_t days, seconds;

	if (t->cfg.unix_time == NULL) {
		return true;
	}
	now = t->cfg.unix_time(t->cfg.time_ctx);
	/* Past year 9999 no certificate is valid: the clock is wrong. */
	if (now < 0 || !ck_unix_time_split(now, &days, &seconds)) {
		return false;
	}
	br_x509_minimal_set_time(&t->xc, days, seconds);
	return true;
}

static bool
inject_entropy(ck_tls_client *t)
{
	uint8_t seed[ENTROPY_LEN];
	bool ok;

	if (t->cfg.entropy == NULL) {
		return true;
	}
	ok = t->cfg.entropy(t->cfg.entropy_ctx, seed, sizeof seed);
	if (ok) {
		br_ssl_engine_inject_entropy(&t->sc.eng, seed, sizeof seed);
	}
	ck_secure_zero(seed, sizeof seed);
	return ok;
}

/* A fresh engine, ready to send its ClientHello. */
static ck_result
prepare_engine(ck_tls_client *t)
{
	t->broken = false;
	setup_engine_profile(t);
	br_ssl_engine_set_buffer(&t->sc.eng, t->iobuf, sizeof t->iobuf, 0);
	if (!set_validation_time(t)) {
		t->last_error = BR_ERR_X509_TIME_UNKNOWN;
		return CK_ERR_TLS_CERTIFICATE;
	}
	if (!inject_entropy(t)) {
		t->last_error = BR_ERR_NO_RANDOM;
		return CK_ERR_TLS_HANDSHAKE;
	}
	if (t->have_session) {
		br_ssl_engine_set_session_parameters(&t->sc.eng, &t->session);
	}
	if (!br_ssl_client_reset(&t->sc, t->server_name, t->have_session)) {
		t->last_error = br_ssl_engine_last_error(&t->sc.eng);
		return CK_ERR_TLS_HANDSHAKE;
	}
	/* Below 2^14 BearSSL sends max_fragment_length in its ClientHello. */
	t->asked_mfl = BUFFER_ASKS_MFL && t->sc.eng.log_max_frag_len < 14;
	ck_tls_hello_scan_init(&t->hello);
	return CK_OK;
}

static ck_result
flush_lower(ck_tls_client *t, const budget *b)
{
	const ck_transport *lower = t->cfg.lower;
	uint32_t ms;
	ck_result r;

	if (lower->flush == NULL) {
		return CK_OK;
	}
	if (!budget_left(b, &ms)) {
		return CK_ERR_SEND_TIMEOUT;
	}
	r = lower->flush(lower->ctx, ms);
	if (r == CK_OK || r == CK_ERR_SEND_TIMEOUT) {
		return r;
	}
	return CK_ERR_SEND;
}

/*
 * The byte stream below failed mid-record. BearSSL keeps its own "fail"
 * internal, so the client remembers it and refuses further I/O.
 */
static void
mark_broken(ck_tls_client *t)
{
	t->broken = true;
	t->last_error = BR_ERR_IO;
}

static ck_result
send_record(ck_tls_client *t, const budget *b)
{
	br_ssl_engine_context *eng = &t->sc.eng;
	const ck_transport *lower = t->cfg.lower;
	unsigned char *buf;
	size_t len;
	uint32_t ms;
	ck_result r;

	buf = br_ssl_engine_sendrec_buf(eng, &len);
	if (!budget_left(b, &ms)) {
		return CK_ERR_SEND_TIMEOUT;
	}
	r = lower->send(lower->ctx, buf, len, ms);
	if (r == CK_OK) {
		br_ssl_engine_sendrec_ack(eng, len);
		return CK_OK;
	}
	/*
	 * Part of a record may have left: the stream is broken. Except that a
	 * peer who sent close_notify need not wait for ours (RFC 5246 7.2.1),
	 * so failing to send it is an orderly end.
	 */
	if (eng->shutdown_recv) {
		return CK_ERR_CONNECTION_CLOSED;
	}
	mark_broken(t);
	return r == CK_ERR_SEND_TIMEOUT ? CK_ERR_SEND_TIMEOUT : CK_ERR_SEND;
}

static ck_result
receive_record(ck_tls_client *t, const budget *b)
{
	br_ssl_engine_context *eng = &t->sc.eng;
	const ck_transport *lower = t->cfg.lower;
	unsigned char *buf;
	size_t len, got = 0;
	uint32_t ms;
	ck_result r;

	buf = br_ssl_engine_recvrec_buf(eng, &len);
	if (!budget_left(b, &ms)) {
		return CK_ERR_RECV_TIMEOUT;
	}
	r = lower->recv(lower->ctx, buf, len, &got, ms);
	if (r == CK_ERR_RECV_TIMEOUT) {
		/* Nothing was consumed: the engine can carry on later. */
		return r;
	}
	if (r == CK_OK && (got == 0 || got > len)) {
		r = CK_ERR_RECV;
	}
	if (r != CK_OK) {
		mark_broken(t);
		return r == CK_ERR_CONNECTION_CLOSED ? r : CK_ERR_RECV;
	}
	if (BUFFER_ASKS_MFL && t->asked_mfl && !t->open) {
		ck_tls_hello_scan_feed(&t->hello, buf, got);
	}
	br_ssl_engine_recvrec_ack(eng, got);
	return CK_OK;
}

/*
 * Run the engine until its state has one of the `target` bits and no
 * record waits to be sent. Errors: what the lower transport reported
 * (normalised to CK_ERR_SEND, CK_ERR_SEND_TIMEOUT, CK_ERR_RECV,
 * CK_ERR_RECV_TIMEOUT, CK_ERR_CONNECTION_CLOSED), CK_ERR_CONNECTION_CLOSED
 * when the engine closed cleanly, CK_ERR_RECV when it failed (its error
 * code says why), CK_ERR_SEND when sending waits on unread data.
 */
static ck_result
pump(ck_tls_client *t, const budget *b, unsigned target)
{
	br_ssl_engine_context *eng = &t->sc.eng;
	bool unflushed = false;
	ck_result r;

	for (;;) {
		unsigned state = br_ssl_engine_current_state(eng);

		if (t->broken) {
			return CK_ERR_RECV;
		}
		if (state & BR_SSL_CLOSED) {
			return br_ssl_engine_last_error(eng) == BR_ERR_OK
				? CK_ERR_CONNECTION_CLOSED : CK_ERR_RECV;
		}
		if (state & BR_SSL_SENDREC) {
			r = send_record(t, b);
			if (r != CK_OK) {
				return r;
			}
			unflushed = true;
			continue;
		}
		if (unflushed) {
			r = flush_lower(t, b);
			if (r != CK_OK) {
				return r;
			}
			unflushed = false;
		}
		if (state & target) {
			return CK_OK;
		}
		/* Half duplex: unread data blocks sending until it is read. */
		if (state & BR_SSL_RECVAPP) {
			return CK_ERR_SEND;
		}
		if (state & BR_SSL_RECVREC) {
			r = receive_record(t, b);
			if (r != CK_OK) {
				return r;
			}
			continue;
		}
		/* Partial application data sits in the buffer: make a record. */
		br_ssl_engine_flush(eng, 0);
		if (br_ssl_engine_current_state(eng) == state) {
			/* Nothing can move: fail rather than spin. */
			return CK_ERR_RECV;
		}
	}
}

static void
note_engine_error(ck_tls_client *t)
{
	int err = br_ssl_engine_last_error(&t->sc.eng);

	if (err != BR_ERR_OK) {
		t->last_error = err;
	}
}

static ck_result
tls_open(void *ctx, uint32_t timeout_ms)
{
	ck_tls_client *t = ctx;
	const ck_transport *lower = t->cfg.lower;
	budget b = budget_start(&t->cfg, timeout_ms);
	uint32_t ms;
	ck_result r;

	if (t->open || lower == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	t->last_error = 0;
	r = prepare_engine(t);
	if (r != CK_OK) {
		return r;
	}
	if (!budget_left(&b, &ms)) {
		return CK_ERR_CONNECT;
	}
	r = lower->open(lower->ctx, ms);
	if (r != CK_OK) {
		return r;
	}
	r = pump(t, &b, BR_SSL_SENDAPP | BR_SSL_RECVAPP);
	if (BUFFER_ASKS_MFL && r == CK_OK && t->asked_mfl
		&& !ck_tls_hello_scan_echoed_mfl(&t->hello)) {
		/* The server ignored our record size: refuse it now, while
		 * refusing still means that nothing was sent. */
		t->last_error = BR_ERR_BAD_FRAGLEN;
		r = CK_ERR_TLS_HANDSHAKE;
	}
	if (r != CK_OK) {
		note_engine_error(t);
		if (t->last_error == 0) {
			t->last_error = BR_ERR_IO;
		}
		lower->close(lower->ctx);
		/* A session the server would not take back is no use. */
		ck_secure_zero(&t->session, sizeof t->session);
		t->have_session = false;
		return is_x509_error(t->last_error)
			? CK_ERR_TLS_CERTIFICATE : CK_ERR_TLS_HANDSHAKE;
	}
	br_ssl_engine_get_session_parameters(&t->sc.eng, &t->session);
	t->have_session = t->session.session_id_len > 0;
	t->open = true;
	return CK_OK;
}

static ck_result
send_error(ck_tls_client *t, ck_result r)
{
	note_engine_error(t);
	if (r == CK_ERR_SEND_TIMEOUT || r == CK_ERR_RECV_TIMEOUT) {
		return CK_ERR_SEND_TIMEOUT;
	}
	return CK_ERR_SEND;
}

static ck_result
tls_send(void *ctx, const uint8_t *data, size_t len, uint32_t timeout_ms)
{
	ck_tls_client *t = ctx;
	br_ssl_engine_context *eng = &t->sc.eng;
	budget b = budget_start(&t->cfg, timeout_ms);
	ck_result r;

	if (!t->open || (data == NULL && len > 0)) {
		return CK_ERR_SEND;
	}
	while (len > 0) {
		unsigned char *buf;
		size_t room;

		r = pump(t, &b, BR_SSL_SENDAPP);
		if (r != CK_OK) {
			return send_error(t, r);
		}
		buf = br_ssl_engine_sendapp_buf(eng, &room);
		if (buf == NULL || room == 0) {
			return send_error(t, CK_ERR_SEND);
		}
		if (room > len) {
			room = len;
		}
		memcpy(buf, data, room);
		br_ssl_engine_sendapp_ack(eng, room);
		data += room;
		len -= room;
	}
	return CK_OK;
}

static ck_result
tls_flush(void *ctx, uint32_t timeout_ms)
{
	ck_tls_client *t = ctx;
	budget b = budget_start(&t->cfg, timeout_ms);
	ck_result r;

	if (!t->open) {
		return CK_ERR_SEND;
	}
	br_ssl_engine_flush(&t->sc.eng, 0);
	r = pump(t, &b, BR_SSL_SENDAPP | BR_SSL_RECVAPP);
	if (r != CK_OK) {
		return send_error(t, r);
	}
	return CK_OK;
}

static ck_result
tls_recv(void *ctx, uint8_t *buf, size_t cap, size_t *received,
	uint32_t timeout_ms)
{
	ck_tls_client *t = ctx;
	br_ssl_engine_context *eng = &t->sc.eng;
	budget b = budget_start(&t->cfg, timeout_ms);
	unsigned char *app;
	size_t avail;
	ck_result r;

	if (received != NULL) {
		*received = 0;
	}
	if (buf == NULL || cap == 0 || received == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (!t->open) {
		return CK_ERR_RECV;
	}
	r = pump(t, &b, BR_SSL_RECVAPP);
	if (r != CK_OK) {
		note_engine_error(t);
		if (r == CK_ERR_CONNECTION_CLOSED) {
			return r;
		}
		if (r == CK_ERR_RECV_TIMEOUT || r == CK_ERR_SEND_TIMEOUT) {
			return CK_ERR_RECV_TIMEOUT;
		}
		return CK_ERR_RECV;
	}
	app = br_ssl_engine_recvapp_buf(eng, &avail);
	if (app == NULL || avail == 0) {
		return CK_ERR_RECV;
	}
	if (avail > cap) {
		avail = cap;
	}
	memcpy(buf, app, avail);
	br_ssl_engine_recvapp_ack(eng, avail);
	*received = avail;
	return CK_OK;
}

/*
 * BearSSL reads records one at a time and never past the current one, so
 * what may be waiting is: decrypted bytes not yet read (RECVAPP), a record
 * it holds in part, an end (closed, failed, broken), or bytes below it.
 * Between records the engine asks for a 5-byte header at the very start of
 * its buffer; when it asks for anything else, part of a record is in.
 */
static bool
tls_pending(void *ctx)
{
	ck_tls_client *t = ctx;
	br_ssl_engine_context *eng = &t->sc.eng;
	const ck_transport *lower = t->cfg.lower;
	unsigned state;
	unsigned char *buf;
	size_t len = 0;

	if (!t->open || t->broken) {
		return true;
	}
	state = br_ssl_engine_current_state(eng);
	if (state & (BR_SSL_CLOSED | BR_SSL_RECVAPP)) {
		return true;
	}
	buf = br_ssl_engine_recvrec_buf(eng, &len);
	if (buf != NULL && (buf != t->iobuf || len != 5)) {
		return true;
	}
	return lower->pending == NULL || lower->pending(lower->ctx);
}

/* Hand close_notify to the lower transport, without waiting for the peer's. */
static void
send_close_notify(ck_tls_client *t)
{
	br_ssl_engine_context *eng = &t->sc.eng;
	budget b = budget_start(&t->cfg, CLOSE_NOTIFY_MS);
	int rounds;

	br_ssl_engine_close(eng);
	/* Bounded: the alert is one record, and the engine may refuse it. */
	for (rounds = 0; rounds < 4; rounds++) {
		unsigned state = br_ssl_engine_current_state(eng);

		if (!(state & BR_SSL_SENDREC)) {
			break;
		}
		if (send_record(t, &b) != CK_OK) {
			return;
		}
	}
	(void)flush_lower(t, &b);
}

static void
tls_close(void *ctx)
{
	ck_tls_client *t = ctx;
	const ck_transport *lower = t->cfg.lower;

	/* After deinit there is no lower transport left to close. */
	if (lower == NULL) {
		return;
	}
	if (t->open && !t->broken) {
		send_close_notify(t);
	}
	t->open = false;
	lower->close(lower->ctx);
}

ck_result
ck_tls_client_init(ck_tls_client *t, const ck_tls_config *cfg)
{
	const ck_transport *lower;
	size_t name_len;

	if (t == NULL || cfg == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	lower = cfg->lower;
	if (lower == NULL || lower->open == NULL || lower->send == NULL
		|| lower->recv == NULL || lower->close == NULL)
	{
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (cfg->anchors == NULL || cfg->anchor_count == 0
		|| cfg->server_name == NULL)
	{
		return CK_ERR_INVALID_ARGUMENT;
	}
	name_len = ck_text_bounded_len(cfg->server_name,
		CK_TLS_SERVER_NAME_MAX + 1);
	if (name_len == 0 || name_len > CK_TLS_SERVER_NAME_MAX
		|| !ck_text_is_host(ck_span_make(cfg->server_name, name_len)))
	{
		return CK_ERR_INVALID_ARGUMENT;
	}
	memset(t, 0, offsetof(ck_tls_client, iobuf));
	t->cfg = *cfg;
	memcpy(t->server_name, cfg->server_name, name_len);
	t->server_name[name_len] = '\0';
	/* The copy is what counts; the caller's string may go away. */
	t->cfg.server_name = t->server_name;
	return CK_OK;
}

void
ck_tls_client_deinit(ck_tls_client *t)
{
	if (t == NULL) {
		return;
	}
	tls_close(t);
	/* The engine's keys and the session's master secret, the record
	 * buffer's last plaintext, the X.509 context: all of it. */
	ck_secure_zero(t, sizeof *t);
}

ck_transport
ck_tls_client_transport(ck_tls_client *t)
{
	ck_transport tr;

	tr.open = tls_open;
	tr.send = tls_send;
	tr.flush = tls_flush;
	tr.recv = tls_recv;
	tr.close = tls_close;
	tr.ctx = t;
	/* Without the lower layer's answer, this layer's would be a guess. */
	tr.pending = t->cfg.lower != NULL && t->cfg.lower->pending != NULL
		? tls_pending : NULL;
	return tr;
}

int
ck_tls_client_last_error(const ck_tls_client *t)
{
	return t != NULL ? t->last_error : 0;
}
