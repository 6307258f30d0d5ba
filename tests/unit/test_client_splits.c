/*
 * test_client_splits.c -- every response fixture (tests/unit/fixtures/
 * responses/) through the whole client, in every way the bytes can arrive:
 * in one piece, one byte per read, and cut in two at every offset. The
 * outcome must not depend on where reads end: each way gives the result
 * the table below expects, with the same attempts and the same decoded
 * answer as the one-piece read.
 */
#include "test_support.h"

#include <dirent.h>

#include "ck_client.h"

#define FIXTURE_DIR "tests/unit/fixtures/responses/"

/* ---- a platform that never moves on its own ----------------------------- */

typedef struct {
	uint64_t mono_ms;
} still_clock;

static int64_t
sc_unix(void *ctx)
{
	/* 2023-11-14 22:13:20 plus the time slept: the fixtures' Date is
	 * two hours later, so SignatureExpire gets its clock correction. */
	return 1700000000 + (int64_t)(((still_clock *)ctx)->mono_ms / 1000);
}

static uint64_t
sc_mono(void *ctx)
{
	return ((still_clock *)ctx)->mono_ms;
}

static void
sc_sleep(void *ctx, uint32_t ms)
{
	((still_clock *)ctx)->mono_ms += ms;
}

/* ---- a server that sends the same fixture to every request, in pieces ---- */

enum { WHOLE, BYTE_BY_BYTE, TWO_PIECES };

typedef struct {
	const char *data;
	size_t len;
	int how;
	size_t cut;        /* TWO_PIECES: the first piece's length */
	bool open;
	bool answering;
	size_t pos;
} splitter;

static ck_result
sp_open(void *ctx, uint32_t ms)
{
	splitter *s = ctx;

	(void)ms;
	s->open = true;
	s->answering = false;
	return CK_OK;
}

static ck_result
sp_send(void *ctx, const uint8_t *d, size_t n, uint32_t ms)
{
	(void)ctx;
	(void)d;
	(void)n;
	(void)ms;
	return CK_OK;
}

static ck_result
sp_flush(void *ctx, uint32_t ms)
{
	splitter *s = ctx;

	(void)ms;
	s->answering = true;
	s->pos = 0;
	return CK_OK;
}

static ck_result
sp_recv(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint32_t ms)
{
	splitter *s = ctx;
	size_t n;

	(void)ms;
	*got = 0;
	assert_true(s->open);
	/* After the fixture the server closes: truncated answers end here. */
	if (!s->answering || s->pos == s->len) {
		return CK_ERR_CONNECTION_CLOSED;
	}
	n = s->len - s->pos;
	if (s->how == BYTE_BY_BYTE) {
		n = 1;
	} else if (s->how == TWO_PIECES && s->pos < s->cut) {
		n = s->cut - s->pos;
	}
	if (n > cap) {
		n = cap;
	}
	memcpy(buf, s->data + s->pos, n);
	s->pos += n;
	*got = n;
	return CK_OK;
}

static void
sp_close(void *ctx)
{
	((splitter *)ctx)->open = false;
}

static bool
sp_pending(void *ctx)
{
	splitter *s = ctx;

	/* Unread bytes, or the close that follows the fixture. */
	return !s->open || s->answering;
}

/* ---- what a call gave, by value ------------------------------------------ */

typedef struct {
	ck_result r;
	unsigned attempts;
	ck_api_error api_error;
	bool has_flow_id, has_route_id;
	int64_t flow_id, route_id;
	char text[5][256];   /* request id, return code and message, error
	                        code and message */
} outcome;

static void
keep(char out[256], ck_span s)
{
	assert_true(s.len < 256);
	memcpy(out, s.ptr != NULL ? s.ptr : "", s.len);
	out[s.len] = '\0';
}

static void
run(const char *data, size_t len, int how, size_t cut, outcome *o)
{
	static ck_client client;
	still_clock clock = { 5000 };
	splitter sp;
	ck_platform platform;
	ck_transport tr;
	ck_client_config cfg;
	ck_offsets_request req;
	ck_offsets_response resp;
	static const ck_partition_offset part[] = { { 0, 1 } };

	memset(&sp, 0, sizeof sp);
	sp.data = data;
	sp.len = len;
	sp.how = how;
	sp.cut = cut;
	memset(&platform, 0, sizeof platform);
	platform.unix_time = sc_unix;
	platform.monotonic_ms = sc_mono;
	platform.sleep_ms = sc_sleep;
	platform.ctx = &clock;
	memset(&tr, 0, sizeof tr);
	tr.open = sp_open;
	tr.send = sp_send;
	tr.flush = sp_flush;
	tr.recv = sp_recv;
	tr.close = sp_close;
	tr.pending = sp_pending;
	tr.ctx = &sp;
	memset(&cfg, 0, sizeof cfg);
	cfg.region = CK_SPAN_LITERAL("ap-guangzhou");
	cfg.secret_id = CK_SPAN_LITERAL("AKIDtest");
	cfg.secret_key = CK_SPAN_LITERAL("secret");
	cfg.transport = &tr;
	cfg.platform = &platform;
	assert_int_equal(ck_client_init(&client, &cfg), CK_OK);
	memset(&req, 0, sizeof req);
	req.instance_id = CK_SPAN_LITERAL("ckafka-x");
	req.group_name = CK_SPAN_LITERAL("g");
	req.partitions = part;
	req.partition_count = 1;

	memset(o, 0, sizeof *o);
	o->r = ck_client_modify_offsets(&client, &req, &resp);
	o->attempts = ck_client_last_attempts(&client);
	o->api_error = resp.api_error;
	o->has_flow_id = resp.has_flow_id;
	o->has_route_id = resp.has_route_id;
	o->flow_id = resp.flow_id;
	o->route_id = resp.route_id;
	keep(o->text[0], resp.request_id);
	keep(o->text[1], resp.return_code);
	keep(o->text[2], resp.return_message);
	keep(o->text[3], resp.error_code);
	keep(o->text[4], resp.error_message);
	ck_client_deinit(&client);
}

static void
assert_same(const outcome *a, const outcome *b, const char *file,
	const char *how, size_t cut)
{
	int i;

	if (a->r != b->r || a->attempts != b->attempts
		|| a->api_error != b->api_error
		|| a->has_flow_id != b->has_flow_id
		|| a->has_route_id != b->has_route_id
		|| a->flow_id != b->flow_id || a->route_id != b->route_id) {
		fail_msg("%s read %s (cut %zu): %s after %u attempts, whole: "
			"%s after %u", file, how, cut, ck_result_name(b->r),
			b->attempts, ck_result_name(a->r), a->attempts);
	}
	for (i = 0; i < 5; i++) {
		if (strcmp(a->text[i], b->text[i]) != 0) {
			fail_msg("%s read %s (cut %zu): field %d \"%s\", whole: "
				"\"%s\"", file, how, cut, i, b->text[i],
				a->text[i]);
		}
	}
}

/* ---- the fixtures and what each must give ---------------------------------- */

static char *
read_fixture(const char *file, size_t *len)
{
	char path[256];

	snprintf(path, sizeof path, FIXTURE_DIR "%s", file);
	return test_read_file(path, len);
}

static const struct {
	const char *file;
	ck_result want;
	unsigned attempts;
	const char *request_id;
} fixtures[] = {
	{ "success-content-length.http", CK_OK, 1, "test-requestId" },
	{ "success-chunked.http", CK_OK, 1, "test-requestId" },
	{ "success-after-100-continue.http", CK_OK, 1, "test-requestId" },
	{ "success-connection-close.http", CK_OK, 1, "test-requestId" },
	{ "success-http-1.0.http", CK_OK, 1, "test-requestId" },
	{ "success-return-code-number-0.http", CK_OK, 1, "rid-num" },
	{ "success-escaped-strings.http", CK_OK, 1, "rid-\\u4e2d" },
	{ "success-then-stray-response.http", CK_OK, 1, "test-requestId" },
	{ "error-instance-not-exist.http", CK_ERR_API, 1, "rid-e1" },
	{ "error-signature-failure.http", CK_ERR_API, 1, "rid-e2" },
	{ "error-request-limit.http", CK_ERR_API, CK_MAX_ATTEMPTS, "rid-e3" },
	{ "error-signature-expire-with-date.http", CK_ERR_API, 2, "rid-e4" },
	{ "error-http-400-envelope.http", CK_ERR_API, 1, "rid-e5" },
	{ "return-code-failed.http", CK_ERR_API_RETURN_CODE, 1, "rid-rc" },
	{ "bad-gateway-html.http", CK_ERR_HTTP_STATUS, 1, NULL },
	{ "invalid-json.http", CK_ERR_RESPONSE_INVALID_JSON, 1, NULL },
	{ "unexpected-shape.http", CK_ERR_RESPONSE_UNEXPECTED, 1, NULL },
	{ "unframed-body.http", CK_ERR_HTTP_MALFORMED, 1, NULL },
	{ "truncated-body.http", CK_ERR_CONNECTION_CLOSED, 1, NULL },
	{ "malformed-header.http", CK_ERR_HTTP_MALFORMED, 1, NULL },
};

#define FIXTURE_COUNT (sizeof fixtures / sizeof fixtures[0])

static void
test_every_fixture_gives_its_result_in_one_piece(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < FIXTURE_COUNT; i++) {
		size_t len;
		char *data = read_fixture(fixtures[i].file, &len);
		outcome o;

		run(data, len, WHOLE, 0, &o);
		if (o.r != fixtures[i].want || o.attempts != fixtures[i].attempts) {
			fail_msg("%s: %s after %u attempts, want %s after %u",
				fixtures[i].file, ck_result_name(o.r),
				o.attempts, ck_result_name(fixtures[i].want),
				fixtures[i].attempts);
		}
		if (fixtures[i].request_id != NULL
			&& strcmp(o.text[0], fixtures[i].request_id) != 0) {
			fail_msg("%s: RequestId \"%s\", want \"%s\"",
				fixtures[i].file, o.text[0],
				fixtures[i].request_id);
		}
		free(data);
	}
}

static void
test_every_fixture_gives_the_same_result_in_every_split(void **state)
{
	size_t i, cut;

	(void)state;
	for (i = 0; i < FIXTURE_COUNT; i++) {
		size_t len;
		char *data;
		outcome whole, other;

		data = read_fixture(fixtures[i].file, &len);
		run(data, len, WHOLE, 0, &whole);
		run(data, len, BYTE_BY_BYTE, 0, &other);
		assert_same(&whole, &other, fixtures[i].file, "byte by byte", 0);
		for (cut = 1; cut < len; cut++) {
			run(data, len, TWO_PIECES, cut, &other);
			assert_same(&whole, &other, fixtures[i].file,
				"in two pieces", cut);
		}
		free(data);
	}
}

/* A fixture added to the directory must be added to the table too. */
static void
test_the_table_names_every_fixture(void **state)
{
	DIR *d = opendir(FIXTURE_DIR);
	struct dirent *e;
	unsigned seen = 0;

	(void)state;
	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), i;
		bool listed = false;

		if (n < 5 || strcmp(e->d_name + n - 5, ".http") != 0) {
			continue;
		}
		for (i = 0; i < FIXTURE_COUNT; i++) {
			listed = listed || strcmp(fixtures[i].file, e->d_name) == 0;
		}
		if (!listed) {
			closedir(d);
			fail_msg("%s is not in the table", e->d_name);
		}
		seen++;
	}
	closedir(d);
	assert_int_equal(seen, FIXTURE_COUNT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_table_names_every_fixture),
		cmocka_unit_test(test_every_fixture_gives_its_result_in_one_piece),
		cmocka_unit_test(test_every_fixture_gives_the_same_result_in_every_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
