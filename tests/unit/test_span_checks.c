/*
 * test_span_checks.c -- ck_span.h promises that every public function
 * checks a caller's span before reading it. Here every public function
 * that takes a span (or a pointer and a length) gets one with a NULL
 * pointer and a non-zero length, in each position, and must refuse it
 * without touching memory: under ASan a read through the NULL pointer
 * would end the test.
 */
#include "test_support.h"
#include "test_client_config.h"

#include <stdbool.h>

#include "ck_api_error.h"
#include "ck_client.h"
#include "ck_http_date.h"
#include "ck_http_request.h"
#include "ck_http_response.h"
#include "ck_json_validator.h"
#include "ck_json_writer.h"
#include "ck_request_encoder.h"
#include "ck_response_decoder.h"
#include "ck_tc3_signer.h"
#include "ck_text.h"
#include "ck_trust_anchors.h"

/* Non-zero length, no memory: what a caller's bug looks like. */
static const ck_span bad = { NULL, 5 };

/* ---- ck_client ------------------------------------------------------------ */

static void
test_client_init_checks_every_span_of_the_config(void **state)
{
	static ck_client c;
	ck_client_config cfg;
	ck_span *fields[6];
	size_t i;

	(void)state;
	cfg = test_good_client_config();
	assert_int_equal(ck_client_init(&c, &cfg), CK_OK);
	fields[0] = &cfg.host;
	fields[1] = &cfg.region;
	fields[2] = &cfg.secret_id;
	fields[3] = &cfg.secret_key;
	fields[4] = &cfg.session_token;
	fields[5] = &cfg.language;
	for (i = 0; i < 6; i++) {
		cfg = test_good_client_config();
		fields[0] = &cfg.host;
		fields[1] = &cfg.region;
		fields[2] = &cfg.secret_id;
		fields[3] = &cfg.secret_key;
		fields[4] = &cfg.session_token;
		fields[5] = &cfg.language;
		*fields[i] = bad;
		assert_int_equal(ck_client_init(&c, &cfg),
			CK_ERR_INVALID_ARGUMENT);
	}
}

/* A transport that must never be reached: a bad request sends nothing. */
static ck_result
never_open(void *ctx, uint32_t ms)
{
	(void)ctx;
	(void)ms;
	fail_msg("the transport was opened for a bad request");
	return CK_ERR_CONNECT;
}

static ck_result
never_send(void *ctx, const uint8_t *d, size_t n, uint32_t ms)
{
	(void)ctx;
	(void)d;
	(void)n;
	(void)ms;
	return CK_ERR_SEND;
}

static ck_result
never_recv(void *ctx, uint8_t *b, size_t cap, size_t *got, uint32_t ms)
{
	(void)ctx;
	(void)b;
	(void)cap;
	(void)ms;
	*got = 0;
	return CK_ERR_RECV;
}

static void
never_close(void *ctx)
{
	(void)ctx;
}

static const ck_transport never = { never_open, never_send, NULL, never_recv,
	never_close, NULL, NULL };

static const ck_partition_offset one_part[] = { { 0, 1 } };

static ck_offsets_request
good_request(void)
{
	ck_offsets_request req;

	memset(&req, 0, sizeof req);
	req.instance_id = CK_SPAN_LITERAL("ckafka-x");
	req.group_name = CK_SPAN_LITERAL("g");
	req.partitions = one_part;
	req.partition_count = 1;
	return req;
}

static void
test_request_spans_are_checked_by_every_entry(void **state)
{
	static ck_client c;
	static char buf[512];
	ck_client_config cfg = test_good_client_config();
	ck_span topics[2] = { CK_SPAN_INIT("t"), { NULL, 3 } };
	ck_offsets_request req;
	ck_span head, body;
	int which;

	(void)state;
	cfg.transport = &never;
	assert_int_equal(ck_client_init(&c, &cfg), CK_OK);
	for (which = 0; which < 3; which++) {
		req = good_request();
		if (which == 0) {
			req.instance_id = bad;
		} else if (which == 1) {
			req.group_name = bad;
		} else {
			req.topics = topics;
			req.topic_count = 2;
		}
		assert_int_equal(ck_request_encode(&req, buf, sizeof buf, &body),
			CK_ERR_INVALID_ARGUMENT);
		assert_int_equal(ck_client_prepare(&c, &req, &head, &body),
			CK_ERR_INVALID_ARGUMENT);
		assert_int_equal(ck_client_modify_offsets(&c, &req, NULL),
			CK_ERR_INVALID_ARGUMENT);
	}
	ck_client_deinit(&c);
}

/* ---- signer and HTTP head --------------------------------------------------- */

static void
test_signer_checks_every_span(void **state)
{
	ck_tc3_key_cache cache;
	char out[CK_AUTHORIZATION_MAX];
	size_t n;
	size_t i;

	(void)state;
	for (i = 0; i < 6; i++) {
		ck_tc3_input in;
		ck_span *f[6];

		memset(&in, 0, sizeof in);
		memset(&cache, 0, sizeof cache);
		in.secret_id = CK_SPAN_LITERAL("AKIDx");
		in.secret_key = CK_SPAN_LITERAL("key");
		in.service = CK_SPAN_LITERAL("ckafka");
		in.host = CK_SPAN_LITERAL("ckafka.tencentcloudapi.com");
		in.content_type = CK_SPAN_LITERAL("application/json");
		in.payload = CK_SPAN_LITERAL("{}");
		in.timestamp = 1700000000;
		f[0] = &in.secret_id;
		f[1] = &in.secret_key;
		f[2] = &in.service;
		f[3] = &in.host;
		f[4] = &in.content_type;
		f[5] = &in.payload;
		assert_int_equal(ck_tc3_authorization(&in, &cache, out,
			sizeof out, &n), CK_OK);
		*f[i] = bad;
		assert_int_not_equal(ck_tc3_authorization(&in, &cache, out,
			sizeof out, &n), CK_OK);
	}
}

static void
test_http_head_checks_every_span(void **state)
{
	char buf[1024];
	ck_span head;
	size_t i;

	(void)state;
	for (i = 0; i < 8; i++) {
		ck_http_request_head h;
		ck_span *f[8];

		memset(&h, 0, sizeof h);
		h.host = CK_SPAN_LITERAL("ckafka.tencentcloudapi.com");
		h.content_type = CK_SPAN_LITERAL("application/json");
		h.content_length = 2;
		h.action = CK_SPAN_LITERAL("BatchModifyGroupOffsets");
		h.version = CK_SPAN_LITERAL("2019-08-19");
		h.region = CK_SPAN_LITERAL("ap-guangzhou");
		h.timestamp = 1700000000;
		h.token = CK_SPAN_LITERAL("tok");
		h.language = CK_SPAN_LITERAL("en-US");
		h.authorization = CK_SPAN_LITERAL("TC3-HMAC-SHA256 x");
		f[0] = &h.host;
		f[1] = &h.content_type;
		f[2] = &h.action;
		f[3] = &h.version;
		f[4] = &h.region;
		f[5] = &h.token;
		f[6] = &h.language;
		f[7] = &h.authorization;
		assert_int_equal(ck_http_request_write_head(&h, buf, sizeof buf,
			&head), CK_OK);
		*f[i] = bad;
		assert_int_equal(ck_http_request_write_head(&h, buf, sizeof buf,
			&head), CK_ERR_INVALID_ARGUMENT);
	}
}

/* ---- the response side -------------------------------------------------------- */

static void
test_response_side_checks_its_input(void **state)
{
	ck_http_response r;
	char body[16];
	char out[16];
	ck_json_token tokens[8];
	ck_offsets_response resp;
	size_t used = 9, n = 9;
	bool done = true;
	int64_t t = 0;

	(void)state;
	ck_http_response_init(&r, body, sizeof body);
	assert_int_equal(ck_http_response_feed(&r, NULL, 5, &used, &done),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(used, 0);
	assert_false(done);
	assert_int_equal(ck_http_date_parse(bad, &t), CK_ERR_INVALID_ARGUMENT);
	assert_int_not_equal(ck_json_validate(bad, 8), CK_OK);
	assert_int_not_equal(ck_response_decode(bad, tokens, 8, &resp), CK_OK);
	assert_int_equal(ck_json_unescape(bad, out, sizeof out, &n),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_api_error_from_code(bad), CK_API_ERROR_UNKNOWN);
}

static void
test_json_writer_checks_spans_and_its_buffer(void **state)
{
	ck_json_writer w;
	char buf[64];
	ck_span doc;

	(void)state;
	ck_json_writer_init(&w, buf, sizeof buf);
	ck_json_begin_object(&w);
	ck_json_name(&w, bad);
	assert_int_equal(ck_json_writer_finish(&w, &doc),
		CK_ERR_INVALID_ARGUMENT);
	ck_json_writer_init(&w, buf, sizeof buf);
	ck_json_begin_array(&w);
	ck_json_string(&w, bad);
	assert_int_equal(ck_json_writer_finish(&w, &doc),
		CK_ERR_INVALID_ARGUMENT);
	/* A buffer that claims room but has none. */
	ck_json_writer_init(&w, NULL, sizeof buf);
	ck_json_begin_array(&w);
	ck_json_end_array(&w);
	assert_int_equal(ck_json_writer_finish(&w, &doc),
		CK_ERR_INVALID_ARGUMENT);
}

/* ---- text helpers and the span helpers themselves ------------------------------ */

static void
test_text_checks_refuse_invalid_spans(void **state)
{
	uint32_t v = 0;

	(void)state;
	assert_false(ck_utf8_is_valid(bad));
	/* "Has a control byte" is the unsafe answer: a header refuses it. */
	assert_true(ck_text_has_control(bad));
	assert_false(ck_text_is_code(bad));
	assert_false(ck_text_is_host(bad));
	assert_false(ck_text_eq_nocase(bad, "hello"));
	assert_int_equal(ck_utf8_sequence_length(NULL, 4), 0);
	assert_int_equal(ck_utf8_sequence_length((const unsigned char *)"a",
		0), 0);
	assert_false(ck_text_hex4(NULL, 4, &v));
}

static void
test_span_helpers_refuse_invalid_spans(void **state)
{
	(void)state;
	assert_false(ck_span_is_valid(bad));
	assert_false(ck_span_eq(bad, CK_SPAN_LITERAL("hello")));
	assert_false(ck_span_eq(CK_SPAN_LITERAL("hello"), bad));
	assert_false(ck_span_eq(bad, bad));
	assert_false(ck_span_eq_str(bad, "hello"));
	assert_false(ck_span_starts_with(bad, "he"));
	assert_true(ck_span_eq(CK_SPAN_EMPTY, CK_SPAN_LITERAL("")));
}

static void
test_trust_anchor_loader_checks_its_input(void **state)
{
	static br_x509_trust_anchor slots[1];
	static unsigned char pool[64];
	ck_trust_anchors s;
	size_t added = 9;

	(void)state;
	ck_trust_anchors_init(&s, slots, 1, pool, sizeof pool);
	assert_int_equal(ck_trust_anchors_add_pem(&s, NULL, 5, &added),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(added, 0);
}

/* ---- empty spans ---------------------------------------------------------------------- */

/*
 * {NULL, 0} is a valid span (CK_SPAN_EMPTY): every function must answer
 * it exactly as it answers an empty span that has memory behind it, and
 * never form a pointer from NULL or pass NULL to memcpy/memcmp (the
 * sanitizers end the test if it does; clang's also checks NULL + 0).
 */
static const ck_span none = { NULL, 0 };
static const ck_span empty = { "", 0 };

static void
test_empty_span_without_memory_is_an_empty_span(void **state)
{
	static ck_http_response r;
	char body[16];
	char out[16];
	ck_json_token tokens[8];
	ck_offsets_response resp;
	size_t used, n;
	bool done;
	int64_t t;
	ck_result with_memory;

	(void)state;
	assert_int_equal(ck_api_error_from_code(none),
		ck_api_error_from_code(empty));
	with_memory = ck_http_date_parse(empty, &t);
	assert_int_equal(ck_http_date_parse(none, &t), with_memory);
	assert_int_equal(ck_json_validate(none, 8), ck_json_validate(empty, 8));
	with_memory = ck_response_decode(empty, tokens, 8, &resp);
	assert_int_equal(ck_response_decode(none, tokens, 8, &resp),
		with_memory);
	with_memory = ck_json_unescape(empty, out, sizeof out, &n);
	assert_int_equal(ck_json_unescape(none, out, sizeof out, &n),
		with_memory);
	ck_http_response_init(&r, body, sizeof body);
	with_memory = ck_http_response_feed(&r, empty.ptr, 0, &used, &done);
	ck_http_response_init(&r, body, sizeof body);
	assert_int_equal(ck_http_response_feed(&r, NULL, 0, &used, &done),
		with_memory);
	assert_int_equal(ck_utf8_is_valid(none), ck_utf8_is_valid(empty));
	assert_int_equal(ck_text_has_control(none), ck_text_has_control(empty));
	assert_int_equal(ck_text_is_code(none), ck_text_is_code(empty));
	assert_int_equal(ck_text_is_host(none), ck_text_is_host(empty));
	assert_int_equal(ck_text_eq_nocase(none, ""),
		ck_text_eq_nocase(empty, ""));
	assert_true(ck_span_eq(none, empty));
	assert_true(ck_span_eq_str(none, ""));
	assert_true(ck_span_starts_with(none, ""));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_client_init_checks_every_span_of_the_config),
		cmocka_unit_test(test_empty_span_without_memory_is_an_empty_span),
		cmocka_unit_test(test_request_spans_are_checked_by_every_entry),
		cmocka_unit_test(test_signer_checks_every_span),
		cmocka_unit_test(test_http_head_checks_every_span),
		cmocka_unit_test(test_response_side_checks_its_input),
		cmocka_unit_test(test_json_writer_checks_spans_and_its_buffer),
		cmocka_unit_test(test_text_checks_refuse_invalid_spans),
		cmocka_unit_test(test_span_helpers_refuse_invalid_spans),
		cmocka_unit_test(test_trust_anchor_loader_checks_its_input),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
