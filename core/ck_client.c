/*
 * ck_client.c -- one BatchModifyGroupOffsets call: encode, pace, sign, send,
 * frame, decode, and retry where it is safe.
 */
#include "ck_client.h"

#include <string.h>

#include "ck_deadline.h"
#include "ck_http_request.h"
#include "ck_secure_zero.h"
#include "ck_text.h"

/* Why the last attempt ended, as the retry policy needs to know it. */
typedef enum {
	ATTEMPT_DONE,          /* return the result as it is */
	ATTEMPT_RETRY_NOW,     /* send again at once (stale connection, clock) */
	ATTEMPT_RETRY_BACKOFF  /* send again after a backoff */
} attempt_next;

static ck_span
config_host(const ck_client *c)
{
	return c->cfg.host.len != 0 ? c->cfg.host
		: CK_SPAN_LITERAL(CK_DEFAULT_ENDPOINT);
}

static uint32_t
config_timeout(const ck_client *c)
{
	return c->cfg.timeout_ms != 0 ? c->cfg.timeout_ms : CK_DEFAULT_TIMEOUT_MS;
}

/* Room for one attempt whose connect, send and answer each take all of
 * their timeout. */
static uint64_t
config_deadline(const ck_client *c)
{
	return c->cfg.deadline_ms != 0 ? c->cfg.deadline_ms
		: 3u * (uint64_t)config_timeout(c);
}

static uint64_t
now_ms(const ck_client *c)
{
	const ck_platform *p = c->cfg.platform;

	return p->monotonic_ms(p->ctx);
}

/*
 * The timeout for the next wait: the configured one, cut to what the
 * call's deadline leaves. False when nothing is left.
 */
static bool
time_left(const ck_client *c, uint32_t *ms)
{
	uint64_t now = now_ms(c);
	uint64_t left;

	if (now >= c->deadline) {
		return false;
	}
	left = c->deadline - now;
	*ms = left < config_timeout(c) ? (uint32_t)left : config_timeout(c);
	return true;
}

ck_result
ck_client_init(ck_client *c, const ck_client_config *cfg)
{
	const ck_platform *p;

	if (c == NULL || cfg == NULL || cfg->platform == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	p = cfg->platform;
	if (p->unix_time == NULL || p->monotonic_ms == NULL
		|| p->sleep_ms == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (!ck_span_is_valid(cfg->host) || !ck_span_is_valid(cfg->region)
		|| !ck_span_is_valid(cfg->secret_id)
		|| !ck_span_is_valid(cfg->secret_key)
		|| !ck_span_is_valid(cfg->session_token)
		|| !ck_span_is_valid(cfg->language)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (cfg->region.len == 0 || cfg->secret_id.len == 0
		|| cfg->secret_key.len == 0) {
		return CK_ERR_MISSING_FIELD;
	}
	/* The host is signed and sent as the request's target: a port, path
	 * or user info in it would make a request for somewhere else. */
	if (cfg->host.len != 0 && !ck_text_is_host_name(cfg->host)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (ck_text_has_control(cfg->secret_id)
		|| ck_text_has_control(cfg->session_token)
		|| !ck_text_is_code(cfg->region) || !ck_text_is_code(cfg->language)) {
		return CK_ERR_INVALID_HEADER_VALUE;
	}
	memset(c, 0, sizeof *c);
	c->cfg = *cfg;
	/* Any non-zero seed will do: jitter only has to differ between
	 * devices that were throttled together, which random_u32 provides
	 * where the platform has it. */
	c->rng = p->random_u32 != NULL ? p->random_u32(p->ctx) : 0x9E3779B9u;
	if (c->rng == 0) {
		c->rng = 0x9E3779B9u;
	}
	return CK_OK;
}

/* ---- pacing and backoff ------------------------------------------------ */

/*
 * A token bucket of depth one: request starts are at least 1000/rate ms
 * apart, so no window of one second ever holds more than the API allows
 * (the server counts per second; a deeper bucket could burst past it).
 */
static bool
pace(ck_client *c)
{
	const ck_platform *p = c->cfg.platform;
	const uint64_t interval = 1000u / CK_RATE_LIMIT_PER_SEC;
	uint64_t now = p->monotonic_ms(p->ctx);

	if (c->paced && now < c->next_send_ms) {
		uint64_t wait = c->next_send_ms - now;

		/* Waiting past the deadline would only end the call later. */
		if (c->next_send_ms >= c->deadline) {
			return false;
		}
		p->sleep_ms(p->ctx, (uint32_t)wait);
		now = p->monotonic_ms(p->ctx);
	}
	c->next_send_ms = ck_deadline(now, interval);
	c->paced = true;
	return now < c->deadline;
}

static uint32_t
next_random(ck_client *c)
{
	uint32_t x = c->rng;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	c->rng = x;
	return x;
}

/*
 * "Full jitter": uniform in [0, min(cap, base * 2^(retry-1))]. False, with
 * no sleep, when the deadline would pass before it ends.
 */
static bool
backoff(ck_client *c, unsigned retry)
{
	const ck_platform *p = c->cfg.platform;
	uint32_t ceiling = CK_BACKOFF_BASE_MS;
	uint32_t wait;
	unsigned i;

	for (i = 1; i < retry && ceiling < CK_BACKOFF_CAP_MS; i++) {
		ceiling *= 2;
	}
	if (ceiling > CK_BACKOFF_CAP_MS) {
		ceiling = CK_BACKOFF_CAP_MS;
	}
	wait = next_random(c) % (ceiling + 1);
	if (ck_deadline(now_ms(c), wait) >= c->deadline) {
		return false;
	}
	p->sleep_ms(p->ctx, wait);
	return true;
}

/* ---- the clock ----------------------------------------------------------- */

/* The last second TC3 can sign: its credential scope holds a 4-digit year. */
#define LAST_SIGNABLE_SECOND INT64_C(253402300799) /* 9999-12-31T23:59:59Z */

static bool
is_signable(int64_t t)
{
	return t >= 0 && t <= LAST_SIGNABLE_SECOND;
}

/* a + b, false when it would overflow. */
static bool
add_int64(int64_t a, int64_t b, int64_t *sum)
{
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) {
		return false;
	}
	*sum = a + b;
	return true;
}

/*
 * Wall-clock time as the server sees it. The platform's clock may be
 * anything at all (a board without RTC, a clock gone wild): only a sum that
 * exists and can be signed is a timestamp.
 */
static ck_result
current_timestamp(ck_client *c, int64_t *ts)
{
	const ck_platform *p = c->cfg.platform;
	int64_t now = p->unix_time(p->ctx);

	if (now < 0 || !add_int64(now, c->clock_offset_s, &now)
		|| !is_signable(now)) {
		return CK_ERR_CLOCK;
	}
	*ts = now;
	return CK_OK;
}

/*
 * Adopt the server's `date` as the time now. A date that would leave the
 * client unable to sign (year 1900, or a device clock so wild the offset
 * does not exist) is not adopted: the caller then reports the API's
 * SignatureExpire as it came, rather than a clock error that hides it.
 */
static bool
correct_clock(ck_client *c, int64_t date)
{
	const ck_platform *p = c->cfg.platform;
	int64_t device = p->unix_time(p->ctx);
	int64_t offset;

	if (device < 0 || !is_signable(date)
		|| !add_int64(date, -device, &offset)) {
		return false;
	}
	c->clock_offset_s = offset;
	c->last_clock_corrected = true;
	return true;
}

/* ---- building the request ---------------------------------------------- */

/* Sign the encoded body for the current time and write the head. */
static ck_result
sign_and_write_head(ck_client *c, ck_span body, ck_span *head)
{
	ck_tc3_input sig;
	ck_http_request_head h;
	size_t auth_len = 0;
	int64_t ts;
	ck_result r;

	r = current_timestamp(c, &ts);
	if (r != CK_OK) {
		return r;
	}
	/* Every member of both is set here. */
	sig.secret_id = c->cfg.secret_id;
	sig.secret_key = c->cfg.secret_key;
	sig.service = CK_SPAN_LITERAL(CK_API_SERVICE);
	sig.host = config_host(c);
	sig.content_type = CK_SPAN_LITERAL(CK_CONTENT_TYPE);
	sig.timestamp = ts;
	sig.payload = body;
	r = ck_tc3_authorization(&sig, &c->key_cache, c->authorization,
		sizeof c->authorization, &auth_len);
	if (r != CK_OK) {
		return r;
	}

	h.host = sig.host;
	h.content_type = sig.content_type;
	h.content_length = body.len;
	h.action = CK_SPAN_LITERAL(CK_API_ACTION);
	h.version = CK_SPAN_LITERAL(CK_API_VERSION);
	h.region = c->cfg.region;
	h.timestamp = ts;
	h.token = c->cfg.session_token;
	h.language = c->cfg.language;
	h.authorization = ck_span_make(c->authorization, auth_len);
	return ck_http_request_write_head(&h, c->head, sizeof c->head, head);
}

ck_result
ck_client_prepare(ck_client *c, const ck_offsets_request *req,
	ck_span *head, ck_span *body)
{
	ck_result r;

	if (c == NULL || req == NULL || head == NULL || body == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	*head = CK_SPAN_EMPTY;
	*body = CK_SPAN_EMPTY;
	r = ck_request_encode(req, c->body, sizeof c->body, body);
	if (r != CK_OK) {
		return r;
	}
	r = sign_and_write_head(c, *body, head);
	if (r != CK_OK) {
		*body = CK_SPAN_EMPTY;
	}
	return r;
}

/* ---- the connection ---------------------------------------------------- */

static void
disconnect(ck_client *c)
{
	if (c->connected) {
		c->cfg.transport->close(c->cfg.transport->ctx);
		c->connected = false;
	}
	c->requests_on_connection = 0;
}

/*
 * Nothing waits to be read. A transport that cannot say so is never
 * trusted with a second request.
 */
static bool
connection_is_quiet(const ck_client *c)
{
	const ck_transport *t = c->cfg.transport;

	return t->pending != NULL && !t->pending(t->ctx);
}

static ck_result
send_request(ck_client *c, ck_span head, ck_span body)
{
	const ck_transport *t = c->cfg.transport;
	uint32_t ms;
	ck_result r;

	if (!c->connected) {
		if (!time_left(c, &ms)) {
			return CK_ERR_DEADLINE;
		}
		r = t->open(t->ctx, ms);
		if (r != CK_OK) {
			return r;
		}
		c->connected = true;
		c->requests_on_connection = 0;
	}
	if (!time_left(c, &ms)) {
		return CK_ERR_SEND_TIMEOUT;
	}
	r = t->send(t->ctx, (const uint8_t *)head.ptr, head.len, ms);
	if (r == CK_OK) {
		r = time_left(c, &ms) ? t->send(t->ctx,
			(const uint8_t *)body.ptr, body.len, ms)
			: CK_ERR_SEND_TIMEOUT;
	}
	if (r == CK_OK && t->flush != NULL) {
		r = time_left(c, &ms) ? t->flush(t->ctx, ms)
			: CK_ERR_SEND_TIMEOUT;
	}
	return r;
}

/*
 * Read until the HTTP response is complete, within one timeout for the
 * whole answer (a server dripping a byte at a time cannot hold us longer),
 * and within the call's deadline.
 * *got_any tells whether a single byte came back, which separates a stale
 * kept-alive connection from a server that failed mid-answer.
 */
static ck_result
receive_response(ck_client *c, bool *got_any, bool *extra_bytes)
{
	const ck_transport *t = c->cfg.transport;
	const ck_platform *p = c->cfg.platform;
	uint64_t deadline = ck_deadline(p->monotonic_ms(p->ctx),
		config_timeout(c));
	bool complete = false;

	*got_any = false;
	*extra_bytes = false;
	ck_http_response_init(&c->http, c->response_body,
		sizeof c->response_body);
	if (deadline > c->deadline) {
		deadline = c->deadline;
	}
	while (!complete) {
		uint64_t now = p->monotonic_ms(p->ctx);
		size_t received = 0;
		size_t consumed = 0;
		ck_result r;

		if (now >= deadline) {
			return CK_ERR_RECV_TIMEOUT;
		}
		/* Within one timeout of now, so it fits. */
		r = t->recv(t->ctx, c->rx, sizeof c->rx, &received,
			(uint32_t)(deadline - now));
		if (r != CK_OK) {
			return r;
		}
		*got_any = true;
		r = ck_http_response_feed(&c->http, (const char *)c->rx,
			received, &consumed, &complete);
		if (r != CK_OK) {
			return r;
		}
		if (complete && consumed < received) {
			/* We never pipeline, so bytes after the answer mean the
			 * stream is out of step: use the answer, drop the
			 * connection. */
			*extra_bytes = true;
		}
	}
	return CK_OK;
}

/* ---- one attempt ------------------------------------------------------- */

static ck_result
decode_answer(ck_client *c, ck_offsets_response *resp)
{
	ck_result r = ck_response_decode(c->http.body, c->tokens,
		CK_JSON_MAX_TOKENS, resp);

	if (c->http.status == 200) {
		return r;
	}
	/* Tencent answers errors with 200, but a gateway in front of it may
	 * not; an error envelope is still the API's word, anything else
	 * is not. */
	if (r == CK_ERR_API) {
		return r;
	}
	return CK_ERR_HTTP_STATUS;
}

static attempt_next
attempt(ck_client *c, ck_span head, ck_span body, bool may_reconnect,
	bool may_fix_clock, ck_offsets_response *resp, ck_result *result)
{
	bool reused;
	bool got_any = false;
	bool extra = false;
	ck_result r;

	/* A request and its answer are all that ever crosses a connection,
	 * so whatever arrived since the last answer (a stray response, an
	 * end of stream) belongs to no request of ours: start afresh. */
	if (c->connected && !connection_is_quiet(c)) {
		disconnect(c);
	}
	reused = c->connected && c->requests_on_connection > 0;
	r = send_request(c, head, body);
	if (r != CK_OK) {
		disconnect(c);
		*result = r;
		/* A kept-alive connection the server has dropped often fails
		 * only on send; nothing of this request reached it. */
		return (reused && may_reconnect
			&& ck_result_outcome(r) == CK_OUTCOME_NOT_APPLIED
			&& (r == CK_ERR_SEND || r == CK_ERR_SEND_TIMEOUT))
			? ATTEMPT_RETRY_NOW : ATTEMPT_DONE;
	}
	c->requests_on_connection++;

	r = receive_response(c, &got_any, &extra);
	if (r != CK_OK) {
		disconnect(c);
		*result = r;
		/* Not one byte back on a reused connection: the server had
		 * closed it before our request arrived. */
		return (reused && may_reconnect && !got_any
			&& (r == CK_ERR_CONNECTION_CLOSED || r == CK_ERR_RECV))
			? ATTEMPT_RETRY_NOW : ATTEMPT_DONE;
	}
	/* Checked again now, so a connection already out of step does not
	 * sit idle until the next request. */
	if (extra || !c->http.keep_alive || !connection_is_quiet(c)) {
		disconnect(c);
	}

	r = decode_answer(c, resp);
	*result = r;
	if (r != CK_ERR_API) {
		return ATTEMPT_DONE;
	}
	if (resp->api_error == CK_API_ERROR_AUTH_FAILURE_SIGNATURE_EXPIRE
		&& may_fix_clock && c->http.has_date) {
		return correct_clock(c, c->http.date) ? ATTEMPT_RETRY_NOW
			: ATTEMPT_DONE;
	}
	return ck_api_error_is_transient(resp->api_error)
		? ATTEMPT_RETRY_BACKOFF : ATTEMPT_DONE;
}

/*
 * How much a result leaves open. Attempts of one call are merged by it: a
 * request that reached the API in one attempt cannot be undone by a later
 * attempt that failed to connect, so the call reports the most uncertain
 * outcome any attempt had (success aside: an applied request is applied).
 */
static int
uncertainty(ck_result r)
{
	switch (ck_result_outcome(r)) {
	case CK_OUTCOME_NOT_APPLIED:
		return 0;
	case CK_OUTCOME_REJECTED:
		return 1;
	case CK_OUTCOME_APPLIED:
	case CK_OUTCOME_UNKNOWN:
		break;
	}
	return 2;
}

ck_result
ck_client_modify_offsets(ck_client *c, const ck_offsets_request *req,
	ck_offsets_response *resp)
{
	ck_offsets_response scratch;
	ck_offsets_response current;
	bool may_reconnect = true;
	bool may_fix_clock = true;
	unsigned retries_backed_off = 0;
	ck_result worst = CK_OK;
	ck_span body;
	ck_result r;

	if (c == NULL || req == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (resp == NULL) {
		resp = &scratch;
	}
	memset(resp, 0, sizeof *resp);
	c->last_attempts = 0;
	c->last_clock_corrected = false;
	if (c->cfg.transport == NULL) {
		return CK_ERR_NO_TRANSPORT;
	}

	c->deadline = ck_deadline(now_ms(c), config_deadline(c));
	r = ck_request_encode(req, c->body, sizeof c->body, &body);
	if (r != CK_OK) {
		return r;
	}
	for (;;) {
		ck_span head;
		attempt_next next = ATTEMPT_DONE;

		memset(&current, 0, sizeof current);
		if (!pace(c)) {
			r = CK_ERR_DEADLINE;
		} else {
			/* Signed anew on every attempt, after pacing: the
			 * timestamp must be fresh, and the clock may just
			 * have been corrected. */
			r = sign_and_write_head(c, body, &head);
		}
		if (r == CK_OK) {
			c->last_attempts++;
			next = attempt(c, head, body, may_reconnect,
				may_fix_clock, &current, &r);
		}
		if (r == CK_OK) {
			*resp = current;
			return CK_OK;
		}
		/* Ties go to the later attempt: its answer is the latest word. */
		if (worst == CK_OK || uncertainty(r) >= uncertainty(worst)) {
			worst = r;
			*resp = current;
		}
		if (next == ATTEMPT_DONE || c->last_attempts >= CK_MAX_ATTEMPTS) {
			return worst;
		}
		if (next == ATTEMPT_RETRY_NOW) {
			if (r == CK_ERR_API) {
				may_fix_clock = false;
			} else {
				may_reconnect = false;
			}
		} else if (!backoff(c, ++retries_backed_off)) {
			return worst;
		}
	}
}

unsigned
ck_client_last_attempts(const ck_client *c)
{
	return c->last_attempts;
}

bool
ck_client_last_clock_corrected(const ck_client *c)
{
	return c->last_clock_corrected;
}

int64_t
ck_client_clock_offset(const ck_client *c)
{
	return c->clock_offset_s;
}

void
ck_client_deinit(ck_client *c)
{
	if (c == NULL) {
		return;
	}
	if (c->cfg.transport != NULL) {
		disconnect(c);
	}
	/* The cached signing key too: it is part of the client. */
	ck_secure_zero(c, sizeof *c);
}
