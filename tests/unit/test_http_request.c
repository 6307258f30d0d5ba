/*
 * test_http_request.c -- the HTTP/1.1 request head of an API 3.0 call.
 */
#include "test_support.h"

#include "ck_http_request.h"

#define AUTH "TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2023-11-14/ckafka/" \
	"tc3_request, SignedHeaders=content-type;host, Signature=" \
	"00d0cecb13dbe16a9b58ee845efa9a8043a5de095f22b292feb00097a5e2d8a4"

static const char FULL_HEAD[] =
	"POST / HTTP/1.1\r\n"
	"Host: ckafka.tencentcloudapi.com\r\n"
	"Content-Type: application/json; charset=utf-8\r\n"
	"Content-Length: 1234\r\n"
	"X-TC-Action: BatchModifyGroupOffsets\r\n"
	"X-TC-Version: 2019-08-19\r\n"
	"X-TC-Region: ap-guangzhou\r\n"
	"X-TC-Timestamp: 1700000000\r\n"
	"X-TC-Token: tok-123_ABC/+=\r\n"
	"X-TC-Language: en-US\r\n"
	"Authorization: " AUTH "\r\n"
	"Connection: keep-alive\r\n"
	"\r\n";

static const char MINIMAL_HEAD[] =
	"POST / HTTP/1.1\r\n"
	"Host: ckafka.tencentcloudapi.com\r\n"
	"Content-Type: application/json; charset=utf-8\r\n"
	"Content-Length: 1234\r\n"
	"X-TC-Action: BatchModifyGroupOffsets\r\n"
	"X-TC-Version: 2019-08-19\r\n"
	"X-TC-Region: ap-guangzhou\r\n"
	"X-TC-Timestamp: 1700000000\r\n"
	"Authorization: " AUTH "\r\n"
	"Connection: keep-alive\r\n"
	"\r\n";

static ck_http_request_head
full_head(void)
{
	ck_http_request_head h;

	h.host = CK_SPAN_LITERAL("ckafka.tencentcloudapi.com");
	h.content_type = CK_SPAN_LITERAL("application/json; charset=utf-8");
	h.content_length = 1234;
	h.action = CK_SPAN_LITERAL("BatchModifyGroupOffsets");
	h.version = CK_SPAN_LITERAL("2019-08-19");
	h.region = CK_SPAN_LITERAL("ap-guangzhou");
	h.timestamp = 1700000000;
	h.token = CK_SPAN_LITERAL("tok-123_ABC/+=");
	h.language = CK_SPAN_LITERAL("en-US");
	h.authorization = CK_SPAN_LITERAL(AUTH);
	return h;
}

static ck_http_request_head
minimal_head(void)
{
	ck_http_request_head h = full_head();

	h.token = CK_SPAN_EMPTY;
	h.language = CK_SPAN_EMPTY;
	return h;
}

static ck_result
write_head(const ck_http_request_head *h, char *buf, size_t cap, ck_span *out)
{
	return ck_http_request_write_head(h, buf, cap, out);
}

/* Every span field of a head, so each can be corrupted in turn. */
#define SPAN_FIELDS 8
static ck_span *
span_field(ck_http_request_head *h, int i)
{
	ck_span *f[SPAN_FIELDS] = { &h->host, &h->content_type, &h->action,
		&h->version, &h->region, &h->token, &h->language,
		&h->authorization };
	return f[i];
}

static void
test_full_head_with_token_and_language_is_exact(void **state)
{
	ck_http_request_head h = full_head();
	char buf[2048];
	ck_span out;

	(void)state;
	assert_int_equal(write_head(&h, buf, sizeof(buf), &out), CK_OK);
	assert_ptr_equal(out.ptr, buf);
	assert_span_equal(out, FULL_HEAD);
}

static void
test_head_without_token_and_language_omits_them(void **state)
{
	ck_http_request_head h = minimal_head();
	char buf[2048];
	ck_span out;

	(void)state;
	assert_int_equal(write_head(&h, buf, sizeof(buf), &out), CK_OK);
	assert_span_equal(out, MINIMAL_HEAD);
}

static bool
span_contains(ck_span s, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= s.len; i++) {
		if (memcmp(s.ptr + i, needle, n) == 0) {
			return true;
		}
	}
	return false;
}

static void
test_extreme_numbers_are_written_in_full(void **state)
{
	ck_http_request_head h = minimal_head();
	char buf[2048];
	ck_span out;
	char expect_len[64];

	(void)state;
	h.content_length = SIZE_MAX;
	h.timestamp = INT64_MAX;
	assert_int_equal(write_head(&h, buf, sizeof(buf), &out), CK_OK);
	snprintf(expect_len, sizeof(expect_len), "\r\nContent-Length: %llu\r\n",
		(unsigned long long)SIZE_MAX);
	assert_true(span_contains(out, expect_len));
	assert_true(span_contains(out,
		"\r\nX-TC-Timestamp: 9223372036854775807\r\n"));
}

static void
test_zero_numbers_are_written_as_zero(void **state)
{
	ck_http_request_head h = minimal_head();
	char buf[2048];
	ck_span out;

	(void)state;
	h.content_length = 0;
	h.timestamp = 0;
	assert_int_equal(write_head(&h, buf, sizeof(buf), &out), CK_OK);
	assert_true(span_contains(out, "\r\nContent-Length: 0\r\n"));
	assert_true(span_contains(out, "\r\nX-TC-Timestamp: 0\r\n"));
}

static void
test_exact_fit_buffer_succeeds(void **state)
{
	ck_http_request_head h = full_head();
	char buf[sizeof(FULL_HEAD)];
	ck_span out;

	(void)state;
	buf[sizeof(buf) - 1] = '#';
	assert_int_equal(write_head(&h, buf, sizeof(FULL_HEAD) - 1, &out), CK_OK);
	assert_span_equal(out, FULL_HEAD);
	assert_int_equal(buf[sizeof(buf) - 1], '#');
}

static void
test_buffer_one_byte_short_is_too_small(void **state)
{
	ck_http_request_head h = full_head();
	char buf[sizeof(FULL_HEAD)];
	ck_span out = CK_SPAN_LITERAL("stale");

	(void)state;
	buf[sizeof(buf) - 2] = '#';
	assert_int_equal(write_head(&h, buf, sizeof(FULL_HEAD) - 2, &out),
		CK_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(out.len, 0);
	assert_null(out.ptr);
	assert_int_equal(buf[sizeof(buf) - 2], '#');
}

static void
test_every_short_buffer_is_too_small(void **state)
{
	ck_http_request_head h = full_head();
	char buf[sizeof(FULL_HEAD)];
	ck_span out;
	size_t cap;

	(void)state;
	for (cap = 0; cap < sizeof(FULL_HEAD) - 1; cap++) {
		assert_int_equal(write_head(&h, buf, cap, &out),
			CK_ERR_BUFFER_TOO_SMALL);
	}
}

static void
test_negative_timestamp_is_invalid(void **state)
{
	ck_http_request_head h = full_head();
	char buf[2048];
	ck_span out;

	(void)state;
	h.timestamp = -1;
	assert_int_equal(write_head(&h, buf, sizeof(buf), &out),
		CK_ERR_INVALID_ARGUMENT);
	h.timestamp = INT64_MIN;
	assert_int_equal(write_head(&h, buf, sizeof(buf), &out),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_null_pointers_are_invalid(void **state)
{
	ck_http_request_head h = full_head();
	char buf[2048];
	ck_span out = CK_SPAN_LITERAL("stale");

	(void)state;
	assert_int_equal(write_head(NULL, buf, sizeof(buf), &out),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(out.len, 0);
	assert_int_equal(write_head(&h, NULL, sizeof(buf), &out),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(write_head(&h, buf, sizeof(buf), NULL),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_span_with_null_pointer_and_length_is_invalid(void **state)
{
	char buf[2048];
	ck_span out;
	int f;

	(void)state;
	for (f = 0; f < SPAN_FIELDS; f++) {
		ck_http_request_head h = full_head();

		*span_field(&h, f) = ck_span_make(NULL, 4);
		assert_int_equal(write_head(&h, buf, sizeof(buf), &out),
			CK_ERR_INVALID_ARGUMENT);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_head_with_token_and_language_is_exact),
		cmocka_unit_test(test_head_without_token_and_language_omits_them),
		cmocka_unit_test(test_extreme_numbers_are_written_in_full),
		cmocka_unit_test(test_zero_numbers_are_written_as_zero),
		cmocka_unit_test(test_exact_fit_buffer_succeeds),
		cmocka_unit_test(test_buffer_one_byte_short_is_too_small),
		cmocka_unit_test(test_every_short_buffer_is_too_small),
		cmocka_unit_test(test_negative_timestamp_is_invalid),
		cmocka_unit_test(test_null_pointers_are_invalid),
		cmocka_unit_test(test_span_with_null_pointer_and_length_is_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
