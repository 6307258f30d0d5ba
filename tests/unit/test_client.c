/*
 * test_client.c -- the call as a whole: retries, pacing, clock correction,
 * keep-alive and the outcome of every failure, over a scripted transport
 * and a virtual clock.
 */
#include "test_support.h"

#include "ck_client.h"

/* ---- a virtual platform and a scripted network ------------------------- */

typedef struct fake_net fake_net;

typedef struct {
	int64_t unix_now;       /* device wall clock; may be set < 0 */
	uint64_t mono_ms;
	uint64_t mono_origin;   /* the wall clock counts from here */
	uint32_t sleeps;
	uint64_t slept_ms;
	uint32_t last_sleep_ms;
	fake_net *net;          /* the server sends `later` bytes while we sleep */
} fake_clock;

#define MAX_STEPS 8

/*
 * One request's worth of server behaviour. The connection is a stream:
 * what the server sent and the client did not read stays in it, for
 * whatever the client reads next on that connection.
 */
typedef struct {
	ck_result open_result;   /* per attempt */
	ck_result send_result;
	const char *answer;      /* sent once the request is complete, or NULL */
	ck_result recv_result;   /* once the stream is drained: CK_OK = the
	                            server stays silent (a receive timeout) */
	const char *behind;      /* sent unasked right behind the answer */
	const char *later;       /* sent unasked while the client sleeps next */
	uint32_t open_ms;        /* connecting takes this long (more than the
	                            timeout: CK_ERR_CONNECT when it runs out) */
	uint32_t answer_ms;      /* the answer comes this long after the request */
} step;

struct fake_net {
	step steps[MAX_STEPS];
	unsigned nsteps;
	unsigned attempt;        /* index of the step of the next request */
	bool open;
	bool no_pending;         /* the transport offers no pending() */
	unsigned opens;
	unsigned closes;
	unsigned pending_calls;
	char stream[8192];       /* sent by the server, not yet read */
	size_t stream_len, stream_pos;
	size_t record_end[16];   /* each stream_put is a record: reads stop at
	                            its end, as TLS reads do */
	unsigned records;
	ck_result end;           /* recv once the stream is drained */
	const char *later;
	fake_clock *clock;       /* advanced by the time steps take */
	uint32_t answer_wait;    /* of the answer's delay, still to come */
	uint32_t open_timeouts[MAX_STEPS], recv_timeouts[MAX_STEPS * 8];
	unsigned recvs;
	char sent[MAX_STEPS][4096];
	size_t sent_len[MAX_STEPS];
	unsigned requests;       /* requests whose bytes were flushed */
};

static void
stream_put(fake_net *n, const char *bytes)
{
	size_t len = strlen(bytes);

	assert_true(n->stream_len + len <= sizeof n->stream);
	memcpy(n->stream + n->stream_len, bytes, len);
	n->stream_len += len;
	assert_true(n->records < 16);
	n->record_end[n->records++] = n->stream_len;
}

static void
stream_reset(fake_net *n)
{
	n->stream_len = n->stream_pos = 0;
	n->records = 0;
	n->end = CK_OK;
	n->later = NULL;
	n->answer_wait = 0;
}

static int64_t
fc_unix(void *ctx)
{
	fake_clock *fc = ctx;
	int64_t run = (int64_t)((fc->mono_ms - fc->mono_origin) / 1000);

	if (fc->unix_now < 0) {
		return -1;
	}
	/* A clock at its end stays there (the test's own sum must not
	 * overflow either). */
	return fc->unix_now > INT64_MAX - run ? INT64_MAX : fc->unix_now + run;
}

static uint64_t
fc_mono(void *ctx)
{
	return ((fake_clock *)ctx)->mono_ms;
}

static void
fc_sleep(void *ctx, uint32_t ms)
{
	fake_clock *fc = ctx;
	fake_net *n = fc->net;

	fc->mono_ms += ms;
	fc->sleeps++;
	fc->slept_ms += ms;
	fc->last_sleep_ms = ms;
	if (n != NULL && n->open && n->later != NULL) {
		stream_put(n, n->later);
		n->later = NULL;
	}
}

static uint32_t
fc_random(void *ctx)
{
	(void)ctx;
	return 0x12345678u;
}

static step *
current(fake_net *n)
{
	assert_true(n->attempt < n->nsteps);
	return &n->steps[n->attempt];
}

static ck_result
fn_open(void *ctx, uint32_t timeout_ms)
{
	fake_net *n = ctx;
	ck_result r;

	assert_false(n->open);
	if (n->opens < MAX_STEPS) {
		n->open_timeouts[n->opens] = timeout_ms;
	}
	n->opens++;
	r = current(n)->open_result;
	if (current(n)->open_ms > timeout_ms) {
		n->clock->mono_ms += timeout_ms;
		r = CK_ERR_CONNECT;
	} else {
		n->clock->mono_ms += current(n)->open_ms;
	}
	if (r != CK_OK) {
		n->attempt++;
		return r;
	}
	n->open = true;
	stream_reset(n);
	return CK_OK;
}

static ck_result
fn_send(void *ctx, const uint8_t *data, size_t len, uint32_t timeout_ms)
{
	fake_net *n = ctx;
	step *s = current(n);
	unsigned i = n->attempt;

	(void)timeout_ms;
	assert_true(n->open);
	if (s->send_result != CK_OK) {
		n->attempt++;
		return s->send_result;
	}
	assert_true(n->sent_len[i] + len <= sizeof n->sent[i]);
	memcpy(n->sent[i] + n->sent_len[i], data, len);
	n->sent_len[i] += len;
	return CK_OK;
}

static ck_result
fn_flush(void *ctx, uint32_t timeout_ms)
{
	fake_net *n = ctx;
	step *s = current(n);

	(void)timeout_ms;
	assert_true(n->open);
	n->requests++;
	n->attempt++;
	if (s->answer != NULL) {
		stream_put(n, s->answer);
	}
	if (s->behind != NULL) {
		stream_put(n, s->behind);
	}
	n->end = s->recv_result;
	n->later = s->later;
	n->answer_wait = s->answer_ms;
	return CK_OK;
}

static ck_result
fn_recv(void *ctx, uint8_t *buf, size_t cap, size_t *received,
	uint32_t timeout_ms)
{
	fake_net *n = ctx;
	size_t left;

	*received = 0;
	assert_true(n->open);
	if (n->recvs < MAX_STEPS * 8) {
		n->recv_timeouts[n->recvs] = timeout_ms;
	}
	n->recvs++;
	if (n->answer_wait > timeout_ms) {
		n->clock->mono_ms += timeout_ms;
		n->answer_wait -= timeout_ms;
		return CK_ERR_RECV_TIMEOUT;
	}
	n->clock->mono_ms += n->answer_wait;
	n->answer_wait = 0;
	left = n->stream_len - n->stream_pos;
	if (left == 0) {
		return n->end == CK_OK ? CK_ERR_RECV_TIMEOUT : n->end;
	}
	for (unsigned i = 0; i < n->records; i++) {
		if (n->record_end[i] > n->stream_pos) {
			left = n->record_end[i] - n->stream_pos;
			break;
		}
	}
	/* Small pieces, so framing across reads is exercised too. */
	if (left > 7) {
		left = 7;
	}
	if (left > cap) {
		left = cap;
	}
	memcpy(buf, n->stream + n->stream_pos, left);
	n->stream_pos += left;
	*received = left;
	return CK_OK;
}

static void
fn_close(void *ctx)
{
	fake_net *n = ctx;

	if (n->open) {
		n->closes++;
	}
	n->open = false;
	stream_reset(n);
}

static bool
fn_pending(void *ctx)
{
	fake_net *n = ctx;

	n->pending_calls++;
	return !n->open || n->stream_pos < n->stream_len || n->end != CK_OK;
}

/* ---- fixture ------------------------------------------------------------ */

typedef struct {
	fake_clock clock;
	fake_net net;
	ck_platform platform;
	ck_transport transport;
	ck_client client;
	ck_offsets_request req;
	ck_offsets_response resp;
} fixture;

static const ck_partition_offset two_parts[] = { { 0, 42 }, { 1, 1337 } };

#define OK_BODY "{\"Response\":{\"Result\":{\"ReturnCode\":\"OK\"," \
	"\"ReturnMessage\":\"success\",\"Data\":{\"FlowId\":7," \
	"\"RouteDTO\":{\"RouteId\":9}}},\"RequestId\":\"req-1\"}}"
#define ERR_BODY(code) "{\"Response\":{\"Error\":{\"Code\":\"" code "\"," \
	"\"Message\":\"m\"},\"RequestId\":\"req-e\"}}"

/* A 200 answer with a Content-Length computed from the body. */
static char answers[MAX_STEPS][1024];
static const char *
answer(unsigned slot, const char *status, const char *extra_headers,
	const char *body)
{
	snprintf(answers[slot], sizeof answers[slot],
		"HTTP/1.1 %s\r\n%sContent-Type: application/json\r\n"
		"Content-Length: %zu\r\n\r\n%s", status, extra_headers,
		strlen(body), body);
	return answers[slot];
}

static int
setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	ck_client_config cfg;

	assert_non_null(f);
	f->clock.unix_now = 1700000000;
	f->clock.mono_ms = 5000;
	f->platform.unix_time = fc_unix;
	f->platform.monotonic_ms = fc_mono;
	f->platform.sleep_ms = fc_sleep;
	f->platform.random_u32 = fc_random;
	f->platform.ctx = &f->clock;
	f->transport.open = fn_open;
	f->transport.send = fn_send;
	f->transport.flush = fn_flush;
	f->transport.recv = fn_recv;
	f->transport.close = fn_close;
	f->transport.pending = fn_pending;
	f->transport.ctx = &f->net;
	f->clock.net = &f->net;
	f->net.clock = &f->clock;

	memset(&cfg, 0, sizeof cfg);
	cfg.region = CK_SPAN_LITERAL("ap-guangzhou");
	cfg.secret_id = CK_SPAN_LITERAL("AKIDtest");
	cfg.secret_key = CK_SPAN_LITERAL("secret");
	cfg.transport = &f->transport;
	cfg.platform = &f->platform;
	assert_int_equal(ck_client_init(&f->client, &cfg), CK_OK);

	f->req.instance_id = CK_SPAN_LITERAL("ckafka-test");
	f->req.group_name = CK_SPAN_LITERAL("group-test");
	f->req.partitions = two_parts;
	f->req.partition_count = 2;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture *f = *state;
	ck_client_deinit(&f->client);
	free(f);
	return 0;
}

static void
script(fixture *f, unsigned i, ck_result open_r, ck_result send_r,
	const char *ans, ck_result recv_r)
{
	f->net.steps[i].open_result = open_r;
	f->net.steps[i].send_result = send_r;
	f->net.steps[i].answer = ans;
	f->net.steps[i].recv_result = recv_r;
	if (f->net.nsteps < i + 1) {
		f->net.nsteps = i + 1;
	}
}

static ck_result
call(fixture *f)
{
	return ck_client_modify_offsets(&f->client, &f->req, &f->resp);
}

static bool
sent_contains(fixture *f, unsigned attempt, const char *needle)
{
	char copy[4097];
	size_t n = f->net.sent_len[attempt];
	memcpy(copy, f->net.sent[attempt], n);
	copy[n] = '\0';
	return strstr(copy, needle) != NULL;
}

/* ---- tests -------------------------------------------------------------- */

static void
test_success_is_decoded_and_applied(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_span_equal(f->resp.return_code, "OK");
	assert_span_equal(f->resp.request_id, "req-1");
	assert_true(f->resp.has_flow_id);
	assert_int_equal(f->resp.flow_id, 7);
	assert_int_equal(f->resp.route_id, 9);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_true(sent_contains(f, 0, "POST / HTTP/1.1\r\n"));
	assert_true(sent_contains(f, 0, "X-TC-Action: BatchModifyGroupOffsets\r\n"));
	assert_true(sent_contains(f, 0, "X-TC-Timestamp: 1700000005\r\n"));
	assert_true(sent_contains(f, 0, "\r\n\r\n{\"GroupName\":\"group-test\","
		"\"InstanceId\":\"ckafka-test\",\"Partitions\":[{\"Partition\":0,"
		"\"Offset\":42},{\"Partition\":1,\"Offset\":1337}]}"));
}

static void
test_prepare_gives_the_bytes_a_call_sends(void **state)
{
	fixture *f = *state;
	ck_span head, body;
	char expect[4096];

	assert_int_equal(ck_client_prepare(&f->client, &f->req, &head, &body),
		CK_OK);
	memcpy(expect, head.ptr, head.len);
	memcpy(expect + head.len, body.ptr, body.len);
	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->net.sent_len[0], head.len + body.len);
	assert_memory_equal(f->net.sent[0], expect, head.len + body.len);
	assert_int_equal(f->net.opens, 1);
}

static void
test_invalid_request_sends_nothing(void **state)
{
	fixture *f = *state;

	f->req.group_name = CK_SPAN_EMPTY;
	assert_int_equal(call(f), CK_ERR_MISSING_FIELD);
	assert_int_equal(ck_result_outcome(CK_ERR_MISSING_FIELD),
		CK_OUTCOME_NOT_APPLIED);
	assert_int_equal(f->net.opens, 0);
}

static void
test_request_limit_is_retried_after_backoff(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK,
		answer(0, "200 OK", "", ERR_BODY("RequestLimitExceeded")), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(ck_client_last_attempts(&f->client), 2);
	assert_int_equal(f->net.requests, 2);
	assert_int_equal(f->net.opens, 1); /* same kept-alive connection */
	assert_true(f->clock.sleeps >= 1);
	assert_true(f->clock.slept_ms <= CK_BACKOFF_BASE_MS + 1000 / CK_RATE_LIMIT_PER_SEC);
}

static void
test_persistent_request_limit_gives_up_after_max_attempts(void **state)
{
	fixture *f = *state;
	unsigned i;

	for (i = 0; i < CK_MAX_ATTEMPTS; i++) {
		script(f, i, CK_OK, CK_OK, answer(i, "200 OK", "",
			ERR_BODY("RequestLimitExceeded.UinLimitExceeded")), CK_OK);
	}
	assert_int_equal(call(f), CK_ERR_API);
	assert_int_equal(ck_client_last_attempts(&f->client), CK_MAX_ATTEMPTS);
	assert_int_equal(f->resp.api_error,
		CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED);
	assert_span_equal(f->resp.error_code,
		"RequestLimitExceeded.UinLimitExceeded");
	assert_int_equal(ck_result_outcome(CK_ERR_API), CK_OUTCOME_REJECTED);
}

static void
test_non_transient_api_error_is_not_retried(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "",
		ERR_BODY("InvalidParameterValue.InstanceNotExist")), CK_OK);
	assert_int_equal(call(f), CK_ERR_API);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_int_equal(f->resp.api_error,
		CK_API_ERROR_INVALID_PARAMETER_VALUE_INSTANCE_NOT_EXIST);
	assert_span_equal(f->resp.request_id, "req-e");
}

static void
test_expired_signature_corrects_clock_from_date_and_retries(void **state)
{
	fixture *f = *state;

	/* Device clock 1700000005 at send; server says 2023-11-15 00:00:00. */
	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK",
		"Date: Wed, 15 Nov 2023 00:00:00 GMT\r\n",
		ERR_BODY("AuthFailure.SignatureExpire")), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(ck_client_last_attempts(&f->client), 2);
	assert_true(ck_client_last_clock_corrected(&f->client));
	assert_int_equal(ck_client_clock_offset(&f->client),
		1700006400 - 1700000005);
	assert_true(sent_contains(f, 1, "X-TC-Timestamp: 1700006400\r\n"));
	assert_true(sent_contains(f, 1, "Credential=AKIDtest/2023-11-15/"));
	assert_false(sent_contains(f, 0, "2023-11-15"));
}

static void
test_expired_signature_is_corrected_only_once_per_call(void **state)
{
	fixture *f = *state;
	const char *date = "Date: Wed, 15 Nov 2023 00:00:00 GMT\r\n";

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", date,
		ERR_BODY("AuthFailure.SignatureExpire")), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", date,
		ERR_BODY("AuthFailure.SignatureExpire")), CK_OK);
	assert_int_equal(call(f), CK_ERR_API);
	assert_int_equal(ck_client_last_attempts(&f->client), 2);
	assert_int_equal(f->resp.api_error,
		CK_API_ERROR_AUTH_FAILURE_SIGNATURE_EXPIRE);
}

static void
test_expired_signature_without_date_is_reported(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "",
		ERR_BODY("AuthFailure.SignatureExpire")), CK_OK);
	assert_int_equal(call(f), CK_ERR_API);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_false(ck_client_last_clock_corrected(&f->client));
}

static void
test_connect_failure_is_not_applied_and_not_retried(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_ERR_CONNECT, CK_OK, NULL, CK_OK);
	assert_int_equal(call(f), CK_ERR_CONNECT);
	assert_int_equal(ck_result_outcome(CK_ERR_CONNECT),
		CK_OUTCOME_NOT_APPLIED);
	assert_int_equal(f->net.requests, 0);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
}

static void
test_certificate_failure_is_not_applied(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_ERR_TLS_CERTIFICATE, CK_OK, NULL, CK_OK);
	assert_int_equal(call(f), CK_ERR_TLS_CERTIFICATE);
	assert_int_equal(ck_result_outcome(CK_ERR_TLS_CERTIFICATE),
		CK_OUTCOME_NOT_APPLIED);
}

static void
test_send_failure_on_fresh_connection_is_not_applied(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_ERR_SEND, NULL, CK_OK);
	assert_int_equal(call(f), CK_ERR_SEND);
	assert_int_equal(ck_result_outcome(CK_ERR_SEND), CK_OUTCOME_NOT_APPLIED);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_false(f->net.open);
}

static void
test_silent_close_after_request_is_unknown_outcome(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, NULL, CK_ERR_CONNECTION_CLOSED);
	assert_int_equal(call(f), CK_ERR_CONNECTION_CLOSED);
	assert_int_equal(ck_result_outcome(CK_ERR_CONNECTION_CLOSED),
		CK_OUTCOME_UNKNOWN);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_false(f->net.open);
}

static void
test_receive_timeout_is_unknown_outcome(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, "HTTP/1.1 200 OK\r\n", CK_ERR_RECV_TIMEOUT);
	assert_int_equal(call(f), CK_ERR_RECV_TIMEOUT);
	assert_int_equal(ck_result_outcome(CK_ERR_RECV_TIMEOUT),
		CK_OUTCOME_UNKNOWN);
}

static void
test_keep_alive_connection_is_reused(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->net.opens, 1);
	assert_int_equal(f->net.requests, 2);
}

static void
test_stale_kept_alive_connection_is_reopened_once(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	/* The server dropped the idle connection: no byte comes back. */
	script(f, 1, CK_OK, CK_OK, NULL, CK_ERR_CONNECTION_CLOSED);
	script(f, 2, CK_OK, CK_OK, answer(2, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->net.opens, 2);
	assert_int_equal(ck_client_last_attempts(&f->client), 2);
}

static void
test_connection_close_header_closes_the_connection(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "Connection: close\r\n",
		OK_BODY), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_false(f->net.open);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->net.opens, 2);
}

static void
test_bytes_after_the_answer_drop_the_connection(void **state)
{
	fixture *f = *state;
	static char twice[2048];

	snprintf(twice, sizeof twice, "%sX", answer(0, "200 OK", "", OK_BODY));
	script(f, 0, CK_OK, CK_OK, twice, CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_false(f->net.open);
}

static void
test_http_500_with_internal_error_is_retried(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "500 Internal Server Error", "",
		ERR_BODY("InternalError")), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(ck_client_last_attempts(&f->client), 2);
}

static void
test_http_502_without_api_error_is_unknown_outcome(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "502 Bad Gateway", "",
		"<html>bad gateway</html>"), CK_OK);
	assert_int_equal(call(f), CK_ERR_HTTP_STATUS);
	assert_int_equal(ck_result_outcome(CK_ERR_HTTP_STATUS),
		CK_OUTCOME_UNKNOWN);
}

static void
test_invalid_json_answer_is_unknown_outcome(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "",
		"{\"Response\":{\"RequestId\":\"x\" \"Result\":{}}}"), CK_OK);
	assert_int_equal(call(f), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(ck_result_outcome(CK_ERR_RESPONSE_INVALID_JSON),
		CK_OUTCOME_UNKNOWN);
}

static void
test_failed_return_code_is_rejected(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "",
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"1\","
		"\"ReturnMessage\":\"no\",\"Data\":null},\"RequestId\":\"r\"}}"),
		CK_OK);
	assert_int_equal(call(f), CK_ERR_API_RETURN_CODE);
	assert_int_equal(ck_result_outcome(CK_ERR_API_RETURN_CODE),
		CK_OUTCOME_REJECTED);
	assert_span_equal(f->resp.return_code, "1");
}

static void
test_calls_are_paced_to_the_api_rate(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->clock.sleeps, 0);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->clock.sleeps, 1);
	assert_int_equal(f->clock.last_sleep_ms, 1000 / CK_RATE_LIMIT_PER_SEC);
}

static void
test_unknown_wall_clock_is_an_error_before_sending(void **state)
{
	fixture *f = *state;

	f->clock.unix_now = -1;
	assert_int_equal(call(f), CK_ERR_CLOCK);
	assert_int_equal(f->net.opens, 0);
}

static void
test_client_without_transport_can_only_prepare(void **state)
{
	fixture *f = *state;
	ck_client_config cfg = f->client.cfg;
	ck_span head, body;

	cfg.transport = NULL;
	assert_int_equal(ck_client_init(&f->client, &cfg), CK_OK);
	assert_int_equal(ck_client_prepare(&f->client, &f->req, &head, &body),
		CK_OK);
	assert_int_equal(call(f), CK_ERR_NO_TRANSPORT);
}

static void
test_init_rejects_header_breaking_settings(void **state)
{
	fixture *f = *state;
	ck_client_config cfg = f->client.cfg;
	ck_client c;

	cfg.region = CK_SPAN_LITERAL("ap guangzhou");
	assert_int_equal(ck_client_init(&c, &cfg), CK_ERR_INVALID_HEADER_VALUE);
	cfg.region = CK_SPAN_LITERAL("ap-guangzhou");
	cfg.session_token = CK_SPAN_LITERAL("tok\r\nX-Evil: 1");
	assert_int_equal(ck_client_init(&c, &cfg), CK_ERR_INVALID_HEADER_VALUE);
	cfg.session_token = CK_SPAN_EMPTY;
	cfg.secret_key = CK_SPAN_EMPTY;
	assert_int_equal(ck_client_init(&c, &cfg), CK_ERR_MISSING_FIELD);
	cfg.secret_key = CK_SPAN_LITERAL("k");
	cfg.platform = NULL;
	assert_int_equal(ck_client_init(&c, &cfg), CK_ERR_INVALID_ARGUMENT);
}

/* The host is the Host header, the TLS server name and the signed host:
 * anything but a host name would sign and send a request for another. */
static void
test_init_rejects_a_host_that_is_not_a_host_name(void **state)
{
	fixture *f = *state;
	ck_client_config cfg = f->client.cfg;
	static const char *const bad[] = { "ckafka.tencentcloudapi.com:443",
		"ckafka.tencentcloudapi.com/x", "user@ckafka.tencentcloudapi.com",
		"a b", "[::1]", "host\r\nX-Evil: 1" };
	ck_client c;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cfg.host = ck_span_from_str(bad[i]);
		assert_int_equal(ck_client_init(&c, &cfg),
			CK_ERR_INVALID_ARGUMENT);
	}
	cfg.host = CK_SPAN_LITERAL("ckafka.tencentcloudapi.com");
	assert_int_equal(ck_client_init(&c, &cfg), CK_OK);
	ck_client_deinit(&c);
}

static void
test_deinit_wipes_the_cached_signing_key(void **state)
{
	fixture *f = *state;
	static const uint8_t zero[32];

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_true(f->client.key_cache.valid);
	ck_client_deinit(&f->client);
	assert_false(f->client.key_cache.valid);
	assert_memory_equal(f->client.key_cache.signing_key, zero, 32);
	assert_false(f->net.open);
	/* teardown deinits again: must be harmless on a wiped client. */
}


/* ---- rule 1: a delivered request is never reported as not applied ------- */

static void
test_retried_request_closed_unanswered_then_no_reconnect_is_unknown(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK,
		answer(0, "200 OK", "", ERR_BODY("InternalError")), CK_OK);
	/* The server reads the whole retried request, then closes. */
	script(f, 1, CK_OK, CK_OK, NULL, CK_ERR_CONNECTION_CLOSED);
	script(f, 2, CK_ERR_CONNECT, CK_OK, NULL, CK_OK);
	assert_int_equal(call(f), CK_ERR_CONNECTION_CLOSED);
	assert_int_equal(ck_result_outcome(CK_ERR_CONNECTION_CLOSED),
		CK_OUTCOME_UNKNOWN);
	assert_int_equal(f->net.requests, 2);
	assert_int_equal(ck_client_last_attempts(&f->client), 3);
}

static void
test_retried_request_reset_unanswered_then_no_reconnect_is_unknown(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK,
		answer(0, "200 OK", "", ERR_BODY("RequestLimitExceeded")), CK_OK);
	script(f, 1, CK_OK, CK_OK, NULL, CK_ERR_RECV);
	script(f, 2, CK_ERR_TLS_HANDSHAKE, CK_OK, NULL, CK_OK);
	assert_int_equal(call(f), CK_ERR_RECV);
	assert_int_equal(f->net.requests, 2);
}

static void
test_request_after_clock_fix_closed_then_no_reconnect_is_unknown(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK",
		"Date: Wed, 15 Nov 2023 00:00:00 GMT\r\n",
		ERR_BODY("AuthFailure.SignatureExpire")), CK_OK);
	script(f, 1, CK_OK, CK_OK, NULL, CK_ERR_CONNECTION_CLOSED);
	script(f, 2, CK_ERR_CONNECT, CK_OK, NULL, CK_OK);
	assert_int_equal(call(f), CK_ERR_CONNECTION_CLOSED);
	assert_true(ck_client_last_clock_corrected(&f->client));
}

static void
test_second_call_closed_unanswered_then_no_reconnect_is_unknown(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	script(f, 1, CK_OK, CK_OK, NULL, CK_ERR_CONNECTION_CLOSED);
	script(f, 2, CK_ERR_CONNECT, CK_OK, NULL, CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(call(f), CK_ERR_CONNECTION_CLOSED);
	assert_int_equal(ck_client_last_attempts(&f->client), 2);
}

static void
test_api_answer_outranks_a_later_failure_to_send(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK,
		answer(0, "200 OK", "", ERR_BODY("ServiceUnavailable")), CK_OK);
	/* The kept-alive connection fails on send; so does the reconnect. */
	script(f, 1, CK_OK, CK_ERR_SEND, NULL, CK_OK);
	script(f, 2, CK_ERR_CONNECT, CK_OK, NULL, CK_OK);
	assert_int_equal(call(f), CK_ERR_API);
	assert_int_equal(f->resp.api_error, CK_API_ERROR_SERVICE_UNAVAILABLE);
	assert_span_equal(f->resp.error_code, "ServiceUnavailable");
	assert_span_equal(f->resp.request_id, "req-e");
	assert_int_equal(ck_client_last_attempts(&f->client), 3);
}

static void
test_unknown_attempt_outranks_a_later_rejection(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	script(f, 1, CK_OK, CK_OK, NULL, CK_ERR_CONNECTION_CLOSED);
	/* The request of the stale attempt may have been applied before the
	 * retry was refused for something that changed in between. */
	for (unsigned i = 2; i < 2 + CK_MAX_ATTEMPTS; i++) {
		script(f, i, CK_OK, CK_OK, answer(i, "200 OK", "",
			ERR_BODY("RequestLimitExceeded")), CK_OK);
	}
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(call(f), CK_ERR_CONNECTION_CLOSED);
	assert_int_equal(ck_client_last_attempts(&f->client), CK_MAX_ATTEMPTS);
}

static void
test_unknown_attempt_then_success_is_applied(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK,
		answer(0, "200 OK", "", ERR_BODY("InternalError")), CK_OK);
	script(f, 1, CK_OK, CK_OK, NULL, CK_ERR_CONNECTION_CLOSED);
	script(f, 2, CK_OK, CK_OK, answer(2, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_span_equal(f->resp.request_id, "req-1");
	assert_int_equal(f->net.opens, 2);
}

/* ---- rule 2: an answer is only ever the answer to our request ----------- */

#define UNSOLICITED_BODY "{\"Response\":{\"Result\":{\"ReturnCode\":\"OK\"," \
	"\"ReturnMessage\":\"success\",\"Data\":null},\"RequestId\":\"unasked\"}}"

static void
test_unsolicited_answer_arriving_later_is_not_the_retrys(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK,
		answer(0, "200 OK", "", ERR_BODY("RequestLimitExceeded")), CK_OK);
	f->net.steps[0].later = answer(2, "200 OK", "", UNSOLICITED_BODY);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_span_equal(f->resp.request_id, "req-1");
	assert_int_equal(f->net.opens, 2);
	assert_int_equal(f->net.requests, 2);
	/* The retry went out on the new connection only. */
	assert_true(sent_contains(f, 1, "POST / HTTP/1.1\r\n"));
}

static void
test_unsolicited_answer_right_behind_the_answer_is_not_the_retrys(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK,
		answer(0, "200 OK", "", ERR_BODY("InternalError")), CK_OK);
	f->net.steps[0].behind = answer(2, "200 OK", "", UNSOLICITED_BODY);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_span_equal(f->resp.request_id, "req-1");
	assert_int_equal(f->net.opens, 2);
}

static void
test_unsolicited_answer_is_not_the_next_calls(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	f->net.steps[0].later = answer(2, "200 OK", "", UNSOLICITED_BODY);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "",
		ERR_BODY("InvalidParameterValue.InstanceNotExist")), CK_OK);
	assert_int_equal(call(f), CK_OK);
	/* Pacing sleeps before the second call: the stray answer comes in. */
	assert_int_equal(call(f), CK_ERR_API);
	assert_span_equal(f->resp.error_code,
		"InvalidParameterValue.InstanceNotExist");
	assert_int_equal(f->net.opens, 2);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
}

static void
test_connection_the_server_closed_while_idle_is_replaced_first(void **state)
{
	fixture *f = *state;

	/* The FIN is there before the next request is written. */
	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY),
		CK_ERR_CONNECTION_CLOSED);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_int_equal(f->net.opens, 2);
	assert_int_equal(f->net.requests, 2);
}

static void
test_quiet_kept_alive_connection_is_still_reused(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->net.opens, 1);
	assert_true(f->net.pending_calls >= 2);
}

static void
test_without_pending_no_connection_is_reused(void **state)
{
	fixture *f = *state;

	f->transport.pending = NULL;
	script(f, 0, CK_OK, CK_OK,
		answer(0, "200 OK", "", ERR_BODY("RequestLimitExceeded")), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	script(f, 2, CK_OK, CK_OK, answer(2, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_false(f->net.open);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->net.opens, 3);
	assert_int_equal(f->net.closes, 3);
}

/* ---- rule 3: a clock correction never hides the API's answer ----------- */

static void
test_expired_signature_with_absurd_date_reports_the_api_error(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK",
		"Date: Mon, 01 Jan 1900 00:00:00 GMT\r\n",
		ERR_BODY("AuthFailure.SignatureExpire")), CK_OK);
	assert_int_equal(call(f), CK_ERR_API);
	assert_int_equal(f->resp.api_error,
		CK_API_ERROR_AUTH_FAILURE_SIGNATURE_EXPIRE);
	assert_span_equal(f->resp.request_id, "req-e");
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_false(ck_client_last_clock_corrected(&f->client));
	/* The clock was left as it was, so the next call can still sign. */
	assert_int_equal(ck_client_clock_offset(&f->client), 0);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
}

static void
test_expired_signature_with_date_in_year_0_reports_the_api_error(void **state)
{
	fixture *f = *state;

	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK",
		"Date: Sat, 01 Jan 0000 00:00:00 GMT\r\n",
		ERR_BODY("AuthFailure.SignatureExpire")), CK_OK);
	assert_int_equal(call(f), CK_ERR_API);
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_int_equal(ck_client_clock_offset(&f->client), 0);
}

/* ---- rule 4: one deadline for the whole call ---------------------------- */

/* A new client on the fixture with these timeout and deadline. */
static void
reconfigure(fixture *f, uint32_t timeout_ms, uint32_t deadline_ms)
{
	ck_client_config cfg = f->client.cfg;

	cfg.timeout_ms = timeout_ms;
	cfg.deadline_ms = deadline_ms;
	assert_int_equal(ck_client_init(&f->client, &cfg), CK_OK);
}

static void
test_deadline_bounds_slow_transient_errors(void **state)
{
	fixture *f = *state;
	uint64_t start = f->clock.mono_ms;
	unsigned i;

	reconfigure(f, 10000, 15000);
	for (i = 0; i < CK_MAX_ATTEMPTS; i++) {
		script(f, i, CK_OK, CK_OK, answer(i, "200 OK", "",
			ERR_BODY("InternalError")), CK_OK);
		f->net.steps[i].answer_ms = 6000;
	}
	/* Answers at 6 s and about 12.2 s; the third request is then
	 * waiting when the deadline comes: it may have been applied. */
	assert_int_equal(call(f), CK_ERR_RECV_TIMEOUT);
	assert_int_equal(ck_client_last_attempts(&f->client), 3);
	assert_true(f->clock.mono_ms - start <= 15000);
	assert_true(f->net.recv_timeouts[f->net.recvs - 1] < 3000);
}

static void
test_deadline_cut_during_backoff_reports_the_api_error(void **state)
{
	fixture *f = *state;
	uint64_t start = f->clock.mono_ms;

	reconfigure(f, 10000, 1000);
	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "",
		ERR_BODY("RequestLimitExceeded")), CK_OK);
	/* With the fixture's jitter the first backoff is 83 ms: it would
	 * end past the deadline, so it is not even begun. */
	f->net.steps[0].answer_ms = 950;
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_ERR_API);
	assert_span_equal(f->resp.error_code, "RequestLimitExceeded");
	assert_int_equal(ck_client_last_attempts(&f->client), 1);
	assert_int_equal(f->net.requests, 1);
	assert_true(f->clock.mono_ms - start <= 1000);
}

static void
test_every_wait_is_cut_to_what_the_deadline_leaves(void **state)
{
	fixture *f = *state;

	reconfigure(f, 10000, 2500);
	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	f->net.steps[0].open_ms = 1000;
	f->net.steps[0].answer_ms = 3000;
	assert_int_equal(call(f), CK_ERR_RECV_TIMEOUT);
	assert_int_equal(f->net.open_timeouts[0], 2500);
	assert_int_equal(f->net.recv_timeouts[0], 1500);
}

static void
test_deadline_that_passes_before_sending_is_not_applied(void **state)
{
	fixture *f = *state;

	/* The second call must wait 50 ms for the API's rate: longer than
	 * its whole deadline. */
	reconfigure(f, 10000, 40);
	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(call(f), CK_ERR_DEADLINE);
	assert_int_equal(ck_result_outcome(CK_ERR_DEADLINE),
		CK_OUTCOME_NOT_APPLIED);
	assert_int_equal(f->net.requests, 1);
	assert_int_equal(ck_client_last_attempts(&f->client), 0);
}

static void
test_default_deadline_is_three_timeouts(void **state)
{
	fixture *f = *state;
	uint64_t start = f->clock.mono_ms;
	unsigned i;

	reconfigure(f, 1000, 0);
	for (i = 0; i < CK_MAX_ATTEMPTS; i++) {
		script(f, i, CK_OK, CK_OK, answer(i, "200 OK", "",
			ERR_BODY("InternalError")), CK_OK);
		f->net.steps[i].answer_ms = 900;
	}
	(void)call(f);
	assert_true(f->clock.mono_ms - start <= 3000);
	assert_true(ck_client_last_attempts(&f->client) < CK_MAX_ATTEMPTS);
}

/* ---- rule 12: hostile clocks ---------------------------------------------- */

static void
test_wall_clock_near_int64_max_after_a_correction_is_a_clock_error(void **state)
{
	fixture *f = *state;

	/* The server is ahead: the offset is positive. */
	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK",
		"Date: Wed, 15 Nov 2023 00:00:00 GMT\r\n",
		ERR_BODY("AuthFailure.SignatureExpire")), CK_OK);
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_true(ck_client_clock_offset(&f->client) > 0);
	/* Then the platform clock goes wild: no overflow, no timestamp. */
	f->clock.unix_now = INT64_MAX - 10;
	assert_int_equal(call(f), CK_ERR_CLOCK);
	f->clock.unix_now = INT64_MAX;
	assert_int_equal(call(f), CK_ERR_CLOCK);
	assert_int_equal(f->net.requests, 2);
}

static void
test_monotonic_clock_near_its_end_does_not_wrap_the_deadlines(void **state)
{
	fixture *f = *state;

	/* Three seconds before the counter ends: every "now + timeout" of
	 * the call lies beyond it. Held at the end, they leave what is left
	 * of the clock, which is enough for an answer in one second. */
	f->clock.mono_ms = UINT64_MAX - 3000;
	f->clock.mono_origin = f->clock.mono_ms;
	script(f, 0, CK_OK, CK_OK, answer(0, "200 OK", "", OK_BODY), CK_OK);
	f->net.steps[0].answer_ms = 1000;
	script(f, 1, CK_OK, CK_OK, answer(1, "200 OK", "", OK_BODY), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(call(f), CK_OK);
	assert_int_equal(f->net.requests, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_success_is_decoded_and_applied),
		T(test_prepare_gives_the_bytes_a_call_sends),
		T(test_invalid_request_sends_nothing),
		T(test_request_limit_is_retried_after_backoff),
		T(test_persistent_request_limit_gives_up_after_max_attempts),
		T(test_non_transient_api_error_is_not_retried),
		T(test_expired_signature_corrects_clock_from_date_and_retries),
		T(test_expired_signature_is_corrected_only_once_per_call),
		T(test_expired_signature_without_date_is_reported),
		T(test_connect_failure_is_not_applied_and_not_retried),
		T(test_certificate_failure_is_not_applied),
		T(test_send_failure_on_fresh_connection_is_not_applied),
		T(test_silent_close_after_request_is_unknown_outcome),
		T(test_receive_timeout_is_unknown_outcome),
		T(test_keep_alive_connection_is_reused),
		T(test_stale_kept_alive_connection_is_reopened_once),
		T(test_connection_close_header_closes_the_connection),
		T(test_bytes_after_the_answer_drop_the_connection),
		T(test_http_500_with_internal_error_is_retried),
		T(test_http_502_without_api_error_is_unknown_outcome),
		T(test_invalid_json_answer_is_unknown_outcome),
		T(test_failed_return_code_is_rejected),
		T(test_calls_are_paced_to_the_api_rate),
		T(test_unknown_wall_clock_is_an_error_before_sending),
		T(test_client_without_transport_can_only_prepare),
		T(test_init_rejects_header_breaking_settings),
		T(test_init_rejects_a_host_that_is_not_a_host_name),
		T(test_deinit_wipes_the_cached_signing_key),
		T(test_retried_request_closed_unanswered_then_no_reconnect_is_unknown),
		T(test_retried_request_reset_unanswered_then_no_reconnect_is_unknown),
		T(test_request_after_clock_fix_closed_then_no_reconnect_is_unknown),
		T(test_second_call_closed_unanswered_then_no_reconnect_is_unknown),
		T(test_api_answer_outranks_a_later_failure_to_send),
		T(test_unknown_attempt_outranks_a_later_rejection),
		T(test_unknown_attempt_then_success_is_applied),
		T(test_unsolicited_answer_arriving_later_is_not_the_retrys),
		T(test_unsolicited_answer_right_behind_the_answer_is_not_the_retrys),
		T(test_unsolicited_answer_is_not_the_next_calls),
		T(test_connection_the_server_closed_while_idle_is_replaced_first),
		T(test_quiet_kept_alive_connection_is_still_reused),
		T(test_without_pending_no_connection_is_reused),
		T(test_expired_signature_with_absurd_date_reports_the_api_error),
		T(test_expired_signature_with_date_in_year_0_reports_the_api_error),
		T(test_deadline_bounds_slow_transient_errors),
		T(test_deadline_cut_during_backoff_reports_the_api_error),
		T(test_every_wait_is_cut_to_what_the_deadline_leaves),
		T(test_deadline_that_passes_before_sending_is_not_applied),
		T(test_default_deadline_is_three_timeouts),
		T(test_wall_clock_near_int64_max_after_a_correction_is_a_clock_error),
		T(test_monotonic_clock_near_its_end_does_not_wrap_the_deadlines),
#undef T
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
