/*
 * fuzz_client.c -- libFuzzer target for the whole client: hostile
 * configurations, hostile clocks and a hostile server, through
 * ck_client_init and ck_client_modify_offsets.
 *
 * The input is read as a script (a byte reader; running out reads zeros):
 *  - the configuration: timeout and deadline, every setting's text (any
 *    bytes, valid or not), whether the transport offers pending();
 *  - the platform: a wall clock that may start anywhere (negative, near
 *    INT64_MAX) and run or stand still, a monotonic clock that may start
 *    near the end of its range, with or without random_u32;
 *  - the request: partitions, names, topics;
 *  - for each request the server gets (up to MAX_STEPS): whether connecting
 *    or sending fails, how long connecting and the answer take, the answer
 *    (status, a success or an error envelope with a chosen code, a failed
 *    ReturnCode, garbage; Content-Length, chunked in chosen sizes, short,
 *    or unframed; with or without a Date, a sane or an absurd one), what
 *    follows it (silence, FIN, reset), bytes nobody asked for right behind
 *    it or arriving during the client's next sleep (a stray response or
 *    raw fuzz bytes), and the sizes of the pieces the reads return;
 *  - one or two calls on the same client.
 *
 * Checked on every call, beyond the sanitizers:
 *  - the result is a named ck_result and at most CK_MAX_ATTEMPTS attempts
 *    were made;
 *  - no request written in full: the outcome is "not applied"; one or more
 *    written in full: it is not (the most uncertain attempt wins);
 *  - CK_OK: the answer decoded is the one the server sent for the last
 *    request written, never a stray response;
 *  - the call ended within its deadline on the monotonic clock.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icore tests/fuzz/fuzz_client.c \
 *     core/[a-z]*.c -lbearssl
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_client.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) { abort(); } } while (0)

#define MAX_STEPS 12
#define STREAM_MAX 16384

/* ---- reading the script ------------------------------------------------ */

typedef struct {
	const uint8_t *p;
	size_t left;
} reader;

static uint8_t
u8(reader *r)
{
	if (r->left == 0) {
		return 0;
	}
	r->left--;
	return *r->p++;
}

static uint32_t
u16(reader *r)
{
	uint32_t hi = u8(r);

	return (hi << 8) | u8(r);
}

static uint64_t
u64(reader *r)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++) {
		v = (v << 8) | u8(r);
	}
	return v;
}

/* Up to `max` bytes of text, its length chosen by the script. */
static size_t
text(reader *r, char *out, size_t max)
{
	size_t n = u8(r) % (max + 1), i;

	for (i = 0; i < n; i++) {
		out[i] = (char)u8(r);
	}
	return n;
}

/* ---- the platform -------------------------------------------------------- */

typedef struct {
	int64_t unix_start;
	bool unix_runs;
	uint64_t mono;
	uint64_t mono_start;
} fclock;

static int64_t
fc_unix(void *ctx)
{
	fclock *c = ctx;
	int64_t run = (int64_t)((c->mono - c->mono_start) / 1000);

	if (!c->unix_runs || c->unix_start < 0) {
		return c->unix_start;
	}
	return c->unix_start > INT64_MAX - run ? INT64_MAX : c->unix_start + run;
}

static uint64_t
fc_mono(void *ctx)
{
	return ((fclock *)ctx)->mono;
}

/* Monotonic: never goes back, so it stops at the end of its range. */
static void
advance(fclock *c, uint64_t ms)
{
	c->mono = ms > UINT64_MAX - c->mono ? UINT64_MAX : c->mono + ms;
}

static uint32_t
fc_random(void *ctx)
{
	(void)ctx;
	return 0x2545F491u;
}

/* ---- the server ------------------------------------------------------------ */

typedef struct {
	ck_result open_result, send_result;
	uint32_t open_ms, answer_ms;
	ck_result end;                  /* CK_OK = silence after the answer */
	char answer[2048];
	size_t answer_len;
	char behind[600];
	size_t behind_len;
	char later[600];
	size_t later_len;
	bool answer_known;              /* an envelope with RequestId req-N */
	uint8_t pieces[8];              /* read sizes, cycled; 0 = no limit */
} step;

typedef struct {
	step steps[MAX_STEPS];
	unsigned next;                  /* step of the next request */
	fclock *clock;
	bool open;
	char stream[STREAM_MAX];
	size_t len, pos;
	size_t record_end[4];
	unsigned records;
	ck_result end;
	uint32_t answer_wait;
	const step *answering;
	unsigned reads;
	unsigned written;               /* requests written in full */
	int last_written;               /* its step, or -1 */
} server;

static step *
current(server *s)
{
	static step refuse;

	if (s->next < MAX_STEPS) {
		return &s->steps[s->next];
	}
	refuse.open_result = CK_ERR_CONNECT;
	refuse.send_result = CK_ERR_SEND;
	return &refuse;
}

static void
put(server *s, const char *bytes, size_t n)
{
	if (n == 0 || s->len + n > sizeof s->stream || s->records == 4) {
		return;
	}
	memcpy(s->stream + s->len, bytes, n);
	s->len += n;
	s->record_end[s->records++] = s->len;
}

static void
drop_stream(server *s)
{
	s->len = s->pos = 0;
	s->records = 0;
	s->end = CK_OK;
	s->answer_wait = 0;
	s->answering = NULL;
}

static ck_result
sv_open(void *ctx, uint32_t ms)
{
	server *s = ctx;
	step *st = current(s);
	ck_result r = st->open_result;

	CHECK(!s->open);
	if (st->open_ms > ms) {
		advance(s->clock, ms);
		r = CK_ERR_CONNECT;
	} else {
		advance(s->clock, st->open_ms);
	}
	if (r != CK_OK) {
		s->next++;
		return r;
	}
	s->open = true;
	drop_stream(s);
	return CK_OK;
}

static ck_result
sv_send(void *ctx, const uint8_t *d, size_t n, uint32_t ms)
{
	server *s = ctx;
	step *st = current(s);

	(void)d;
	(void)n;
	(void)ms;
	CHECK(s->open);
	if (st->send_result != CK_OK) {
		s->next++;
		return st->send_result;
	}
	return CK_OK;
}

static ck_result
sv_flush(void *ctx, uint32_t ms)
{
	server *s = ctx;
	step *st = current(s);

	(void)ms;
	CHECK(s->open);
	if (st->send_result != CK_OK) {
		s->next++;
		return st->send_result;
	}
	s->written++;
	s->last_written = (int)s->next;
	s->next++;
	put(s, st->answer, st->answer_len);
	put(s, st->behind, st->behind_len);
	s->end = st->end;
	s->answer_wait = st->answer_ms;
	s->answering = st;
	s->reads = 0;
	return CK_OK;
}

static ck_result
sv_recv(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint32_t ms)
{
	server *s = ctx;
	size_t n;
	unsigned i;

	*got = 0;
	CHECK(s->open && buf != NULL && cap > 0);
	if (s->answer_wait > ms) {
		advance(s->clock, ms);
		s->answer_wait -= ms;
		return CK_ERR_RECV_TIMEOUT;
	}
	advance(s->clock, s->answer_wait);
	ms -= s->answer_wait;
	s->answer_wait = 0;
	if (s->pos == s->len) {
		/* Silence: the rest of the wait passes. */
		if (s->end == CK_OK) {
			advance(s->clock, ms);
			return CK_ERR_RECV_TIMEOUT;
		}
		return s->end;
	}
	n = s->len - s->pos;
	for (i = 0; i < s->records; i++) {
		if (s->record_end[i] > s->pos) {
			n = s->record_end[i] - s->pos;
			break;
		}
	}
	if (s->answering != NULL) {
		uint8_t piece = s->answering->pieces[s->reads % 8];

		if (piece != 0 && piece < n) {
			n = piece;
		}
	}
	s->reads++;
	if (n > cap) {
		n = cap;
	}
	memcpy(buf, s->stream + s->pos, n);
	s->pos += n;
	*got = n;
	return CK_OK;
}

static void
sv_close(void *ctx)
{
	server *s = ctx;

	s->open = false;
	drop_stream(s);
}

static bool
sv_pending(void *ctx)
{
	server *s = ctx;

	return !s->open || s->pos < s->len || s->end != CK_OK;
}

static server *the_server;

/* The client sleeps: bytes nobody asked for may come in meanwhile. */
static void
fc_sleep(void *ctx, uint32_t ms)
{
	server *s = the_server;

	advance(ctx, ms);
	if (s->open && s->answering != NULL && s->answering->later_len > 0) {
		put(s, s->answering->later, s->answering->later_len);
		s->answering = NULL;
	}
}

/* ---- building answers --------------------------------------------------- */

static const char *const codes[] = {
	"InternalError", "RequestLimitExceeded", "ServiceUnavailable",
	"ResourceUnavailable", "AuthFailure.SignatureExpire",
	"AuthFailure.SignatureFailure", "InvalidParameterValue.InstanceNotExist",
	"FailedOperation", "RequestLimitExceeded.UinLimitExceeded",
	"InternalError.Busy",
};

static const char *const dates[] = {
	"Wed, 15 Nov 2023 00:00:00 GMT", "Mon, 01 Jan 1900 00:00:00 GMT",
	"Fri, 31 Dec 9999 23:59:59 GMT", "Thu, 01 Jan 1970 00:00:00 GMT",
	"Sat, 01 Jan 0000 00:00:00 GMT", "not a date",
};

static const int statuses[] = { 200, 200, 200, 400, 500, 502 };

/* A response into out (cap bytes); its length, 0 if it does not fit. */
static size_t
build_answer(reader *r, unsigned index, char *out, size_t cap, bool *known)
{
	char body[700];
	char date[80] = "";
	int status = statuses[u8(r) % 6];
	uint8_t kind = u8(r) % 6, framing = u8(r) % 5, flags = u8(r);
	int blen = 0, n;

	*known = false;
	switch (kind) {
	case 0:
	case 1:
		blen = snprintf(body, sizeof body, "{\"Response\":{\"Result\":"
			"{\"ReturnCode\":\"OK\",\"ReturnMessage\":\"success\","
			"\"Data\":{\"FlowId\":%u,\"RouteDTO\":{\"RouteId\":7}}},"
			"\"RequestId\":\"req-%u\"}}", index, index);
		*known = true;
		break;
	case 2:
		blen = snprintf(body, sizeof body, "{\"Response\":{\"Error\":"
			"{\"Code\":\"%s\",\"Message\":\"m\"},\"RequestId\":"
			"\"req-%u\"}}", codes[u8(r) % 10], index);
		*known = true;
		break;
	case 3:
		blen = snprintf(body, sizeof body, "{\"Response\":{\"Result\":"
			"{\"ReturnCode\":\"-1\",\"ReturnMessage\":\"no\",\"Data\":"
			"null},\"RequestId\":\"req-%u\"}}", index);
		*known = true;
		break;
	default:
		blen = (int)text(r, body, 200);
		break;
	}
	if (blen < 0) {
		return 0;
	}
	if (flags & 1) {
		snprintf(date, sizeof date, "Date: %s\r\n", dates[u8(r) % 6]);
	}
	n = snprintf(out, cap, "HTTP/1.1 %d X\r\n%s%s", status, date,
		(flags & 2) ? "Connection: close\r\n" : "");
	if (n < 0 || (size_t)n >= cap) {
		return 0;
	}
	if (framing <= 1) {
		int m = snprintf(out + n, cap - (size_t)n,
			"Content-Length: %d\r\n\r\n%.*s", blen, blen, body);
		return m < 0 || (size_t)m >= cap - (size_t)n ? 0 : (size_t)(n + m);
	}
	if (framing == 2) {
		/* Chunked, in pieces of a chosen size. */
		size_t at = (size_t)n, done = 0, piece = 1 + u8(r) % 64;
		int m = snprintf(out + at, cap - at,
			"Transfer-Encoding: chunked\r\n\r\n");

		if (m < 0 || (size_t)m >= cap - at) {
			return 0;
		}
		at += (size_t)m;
		while (done < (size_t)blen) {
			size_t k = (size_t)blen - done < piece
				? (size_t)blen - done : piece;

			m = snprintf(out + at, cap - at, "%zx\r\n%.*s\r\n", k,
				(int)k, body + done);
			if (m < 0 || (size_t)m >= cap - at) {
				return 0;
			}
			at += (size_t)m;
			done += k;
		}
		m = snprintf(out + at, cap - at, "0\r\n\r\n");
		return m < 0 || (size_t)m >= cap - at ? 0 : at + (size_t)m;
	}
	if (framing == 3) {
		/* Promises more than it sends. */
		int m = snprintf(out + n, cap - (size_t)n,
			"Content-Length: %d\r\n\r\n%.*s", blen + 10, blen, body);
		*known = false;
		return m < 0 || (size_t)m >= cap - (size_t)n ? 0 : (size_t)(n + m);
	}
	{
		int m = snprintf(out + n, cap - (size_t)n, "\r\n%.*s", blen,
			body);

		*known = false;
		return m < 0 || (size_t)m >= cap - (size_t)n ? 0 : (size_t)(n + m);
	}
}

/* Bytes nobody asked for: nothing, a stray response, or raw bytes. */
static size_t
build_stray(reader *r, char *out, size_t cap)
{
	static const char stray[] = "HTTP/1.1 200 OK\r\nContent-Length: 108\r\n"
		"\r\n{\"Response\":{\"Result\":{\"ReturnCode\":\"OK\","
		"\"ReturnMessage\":\"success\",\"Data\":null},"
		"\"RequestId\":\"stray-answer\"}}";

	switch (u8(r) % 4) {
	case 1:
		memcpy(out, stray, sizeof stray - 1);
		return sizeof stray - 1;
	case 2:
		return text(r, out, cap < 255 ? cap : 255);
	default:
		return 0;
	}
}

static const ck_result open_results[] = { CK_OK, CK_OK, CK_OK, CK_OK,
	CK_ERR_CONNECT, CK_ERR_DNS, CK_ERR_TLS_HANDSHAKE, CK_ERR_TLS_CERTIFICATE };
static const ck_result send_results[] = { CK_OK, CK_OK, CK_OK, CK_OK, CK_OK,
	CK_OK, CK_ERR_SEND, CK_ERR_SEND_TIMEOUT };
static const ck_result ends[] = { CK_OK, CK_ERR_CONNECTION_CLOSED,
	CK_ERR_CONNECTION_CLOSED, CK_ERR_RECV };

/* ---- one run -------------------------------------------------------------- */

static bool
request_id_is(ck_span id, int index)
{
	char want[32];
	int n = snprintf(want, sizeof want, "req-%d", index);

	return n > 0 && id.len == (size_t)n && memcmp(id.ptr, want, id.len) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ck_client client;
	static server sv;
	static char settings[6][40];
	static char names[4][40];
	reader r = { data, size };
	fclock clock;
	ck_platform platform;
	ck_transport tr;
	ck_client_config cfg;
	ck_offsets_request req;
	ck_offsets_response resp;
	ck_partition_offset parts[4];
	ck_span topics[2];
	ck_span *setting_spans[6];
	uint8_t flags;
	unsigned i, calls;
	ck_result rc;

	memset(&sv, 0, sizeof sv);
	memset(&clock, 0, sizeof clock);
	sv.clock = &clock;
	sv.last_written = -1;
	the_server = &sv;

	/* The platform. */
	flags = u8(&r);
	clock.unix_start = (int64_t)u64(&r);
	if (!(flags & 1)) {
		/* Mostly a plausible clock, so the calls get somewhere. */
		clock.unix_start = 1700000000 + (int64_t)(clock.unix_start % 100000);
	}
	clock.unix_runs = (flags & 2) != 0;
	clock.mono = (flags & 4) ? UINT64_MAX - u16(&r) * 16u : u16(&r);
	clock.mono_start = clock.mono;
	memset(&platform, 0, sizeof platform);
	platform.unix_time = fc_unix;
	platform.monotonic_ms = fc_mono;
	platform.sleep_ms = fc_sleep;
	platform.random_u32 = (flags & 8) ? fc_random : NULL;
	platform.ctx = &clock;

	memset(&tr, 0, sizeof tr);
	tr.open = sv_open;
	tr.send = sv_send;
	tr.flush = sv_flush;
	tr.recv = sv_recv;
	tr.close = sv_close;
	tr.pending = (flags & 32) ? NULL : sv_pending;
	tr.ctx = &sv;

	/* The configuration: sane texts unless the script says otherwise. */
	memset(&cfg, 0, sizeof cfg);
	cfg.host = CK_SPAN_LITERAL("ckafka.tencentcloudapi.com");
	cfg.region = CK_SPAN_LITERAL("ap-guangzhou");
	cfg.secret_id = CK_SPAN_LITERAL("AKIDfuzz");
	cfg.secret_key = CK_SPAN_LITERAL("secret");
	setting_spans[0] = &cfg.host;
	setting_spans[1] = &cfg.region;
	setting_spans[2] = &cfg.secret_id;
	setting_spans[3] = &cfg.secret_key;
	setting_spans[4] = &cfg.session_token;
	setting_spans[5] = &cfg.language;
	for (i = 0; i < 6; i++) {
		uint8_t how = u8(&r);

		if (how % 8 == 1) {
			*setting_spans[i] = ck_span_make(settings[i],
				text(&r, settings[i], sizeof settings[i]));
		} else if (how % 8 == 2) {
			*setting_spans[i] = ck_span_make(NULL, how >> 3);
		}
	}
	cfg.timeout_ms = u16(&r) * ((flags & 64) ? 1u : 8u);
	cfg.deadline_ms = u16(&r) * ((flags & 128) ? 1u : 16u);
	cfg.transport = &tr;
	cfg.platform = &platform;

	/* The request. */
	memset(&req, 0, sizeof req);
	req.instance_id = CK_SPAN_LITERAL("ckafka-fuzz");
	req.group_name = CK_SPAN_LITERAL("g");
	if (u8(&r) & 1) {
		req.instance_id = ck_span_make(names[0], text(&r, names[0], 39));
		req.group_name = ck_span_make(names[1], text(&r, names[1], 39));
	}
	req.partition_count = 1 + u8(&r) % 4;
	for (i = 0; i < req.partition_count; i++) {
		parts[i].partition = (int32_t)(u8(&r) % 8) - 1;
		parts[i].offset = (int64_t)u64(&r);
	}
	req.partitions = parts;
	req.topic_count = u8(&r) % 3;
	for (i = 0; i < req.topic_count; i++) {
		topics[i] = ck_span_make(names[2 + i],
			text(&r, names[2 + i], 39));
	}
	req.topics = req.topic_count > 0 ? topics : NULL;

	/* The server, request by request. */
	for (i = 0; i < MAX_STEPS; i++) {
		step *st = &sv.steps[i];
		unsigned k;

		st->open_result = open_results[u8(&r) % 8];
		st->send_result = send_results[u8(&r) % 8];
		st->open_ms = u8(&r) * 40u;
		st->answer_ms = u16(&r) % 20000u;
		st->end = ends[u8(&r) % 4];
		st->answer_len = build_answer(&r, i, st->answer,
			sizeof st->answer, &st->answer_known);
		st->behind_len = build_stray(&r, st->behind, sizeof st->behind);
		st->later_len = build_stray(&r, st->later, sizeof st->later);
		for (k = 0; k < 8; k++) {
			st->pieces[k] = u8(&r);
		}
	}

	rc = ck_client_init(&client, &cfg);
	CHECK(rc == CK_OK || ck_result_outcome(rc) == CK_OUTCOME_NOT_APPLIED);
	if (rc != CK_OK) {
		return 0;
	}
	calls = 1 + (u8(&r) & 1);
	for (i = 0; i < calls; i++) {
		uint64_t start = clock.mono;
		uint64_t limit = cfg.deadline_ms != 0 ? cfg.deadline_ms
			: 3u * (uint64_t)(cfg.timeout_ms != 0 ? cfg.timeout_ms
			: 10000u);
		unsigned written = sv.written;

		rc = ck_client_modify_offsets(&client, &req, &resp);
		CHECK(strcmp(ck_result_name(rc), "CK_ERR_<unknown>") != 0);
		CHECK(ck_client_last_attempts(&client) <= CK_MAX_ATTEMPTS);
		if (sv.written == written) {
			CHECK(ck_result_outcome(rc) == CK_OUTCOME_NOT_APPLIED);
		} else {
			CHECK(ck_result_outcome(rc) != CK_OUTCOME_NOT_APPLIED);
		}
		if (rc == CK_OK && sv.last_written >= 0
			&& sv.steps[sv.last_written].answer_known) {
			CHECK(request_id_is(resp.request_id, sv.last_written));
		}
		CHECK(clock.mono - start <= limit);
	}
	ck_client_deinit(&client);
	return 0;
}
