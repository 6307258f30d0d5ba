/*
 * test_client_boundary.c -- the values ck_http_request_write_head and
 * ck_tc3_authorization no longer check, because every one of them comes
 * from the client's settings, which ck_client_init checks once. Each input
 * the head writer and the signer used to refuse themselves is refused here,
 * at the boundary, for each setting it can arrive through; and what a
 * client accepts always makes a head free of them.
 */
#include "test_support.h"
#include "test_client_config.h"

#include <stdbool.h>

#include "ck_client.h"

/* The settings that reach a header or the canonical request. */
enum { S_HOST, S_REGION, S_SECRET_ID, S_TOKEN, S_LANGUAGE, S_COUNT };

static ck_span *
setting(ck_client_config *cfg, int s)
{
	switch (s) {
	case S_HOST: return &cfg->host;
	case S_REGION: return &cfg->region;
	case S_SECRET_ID: return &cfg->secret_id;
	case S_TOKEN: return &cfg->session_token;
	default: return &cfg->language;
	}
}

/* What init must say of a setting holding an unsafe value. */
static ck_result
refusal(int s)
{
	/* A host is refused as not being a host name at all. */
	return s == S_HOST ? CK_ERR_INVALID_ARGUMENT
		: CK_ERR_INVALID_HEADER_VALUE;
}

static void
assert_refused(int s, ck_span value)
{
	static ck_client c;
	ck_client_config cfg = test_good_client_config();
	ck_result r;

	*setting(&cfg, s) = value;
	r = ck_client_init(&c, &cfg);
	if (r != refusal(s)) {
		fail_msg("setting %d = \"%.*s\": %s, want %s", s,
			(int)value.len, value.ptr, ck_result_name(r),
			ck_result_name(refusal(s)));
	}
}

/* CR, LF and the other control bytes, and DEL: in every setting. */
static void
test_control_bytes_in_every_setting_are_refused(void **state)
{
	static const char *const bad[] = { "a\r\nX-Evil: 1", "a\rb", "a\nb",
		"\r\n", "ab\n", "a\tb", "\x01", "a\x1f", "a\x7f" };
	static const char nul[] = "ab\0cd";
	size_t b;
	int s;

	(void)state;
	for (s = 0; s < S_COUNT; s++) {
		for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
			assert_refused(s, ck_span_from_str(bad[b]));
		}
		assert_refused(s, ck_span_make(nul, sizeof nul - 1));
	}
}

/* Region and language: [A-Za-z0-9-] only. */
static void
test_region_and_language_outside_the_code_alphabet_are_refused(void **state)
{
	static const char *const bad[] = { "ap guangzhou", "ap_guangzhou",
		"ap.gz", "ap/gz", "ap:gz", "ap\xc3\xa9", " ap", "en-US;q=1" };
	size_t b;

	(void)state;
	for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		assert_refused(S_REGION, ck_span_from_str(bad[b]));
		assert_refused(S_LANGUAGE, ck_span_from_str(bad[b]));
	}
}

/* What the signer and the head need and nothing can replace. */
static void
test_each_empty_required_setting_is_missing(void **state)
{
	static ck_client c;
	ck_client_config cfg;

	(void)state;
	cfg = test_good_client_config();
	cfg.region = CK_SPAN_EMPTY;
	assert_int_equal(ck_client_init(&c, &cfg), CK_ERR_MISSING_FIELD);
	cfg = test_good_client_config();
	cfg.secret_id = CK_SPAN_EMPTY;
	assert_int_equal(ck_client_init(&c, &cfg), CK_ERR_MISSING_FIELD);
	cfg = test_good_client_config();
	cfg.secret_key = CK_SPAN_EMPTY;
	assert_int_equal(ck_client_init(&c, &cfg), CK_ERR_MISSING_FIELD);
	/* Optional ones: empty is no header (token, language), or the
	 * default endpoint (host). */
	cfg = test_good_client_config();
	cfg.host = CK_SPAN_EMPTY;
	cfg.session_token = CK_SPAN_EMPTY;
	cfg.language = CK_SPAN_EMPTY;
	assert_int_equal(ck_client_init(&c, &cfg), CK_OK);
	ck_client_deinit(&c);
}

/* True when `text` occurs in s (memmem is not C11). */
static bool
contains(ck_span s, const char *text)
{
	size_t n = strlen(text);
	size_t i;

	for (i = 0; i + n <= s.len; i++) {
		if (memcmp(s.ptr + i, text, n) == 0) {
			return true;
		}
	}
	return false;
}

/*
 * Whatever init accepts gives a head with no control byte but the CRLFs
 * that end its lines, every header line "Name: value", and a signature.
 */
static void
test_accepted_settings_make_a_clean_head(void **state)
{
	static ck_client c;
	static const ck_partition_offset part = { 3, 42 };
	ck_client_config cfg = test_good_client_config();
	ck_offsets_request req;
	ck_span head, body;
	size_t i, lines = 0;

	(void)state;
	assert_int_equal(ck_client_init(&c, &cfg), CK_OK);
	memset(&req, 0, sizeof req);
	req.instance_id = CK_SPAN_LITERAL("ckafka-x");
	req.group_name = CK_SPAN_LITERAL("g");
	req.partitions = &part;
	req.partition_count = 1;
	assert_int_equal(ck_client_prepare(&c, &req, &head, &body), CK_OK);
	for (i = 0; i < head.len; i++) {
		unsigned char ch = (unsigned char)head.ptr[i];

		if (ch == '\r') {
			assert_true(i + 1 < head.len && head.ptr[i + 1] == '\n');
			lines++;
			i++;
			continue;
		}
		assert_true(ch >= 0x20 && ch != 0x7F);
	}
	/* Request line, eleven headers, the empty line. */
	assert_int_equal(lines, 13);
	assert_true(contains(head, "X-TC-Token: token\r\n"));
	assert_true(contains(head, "Authorization: TC3-HMAC-SHA256 "
		"Credential=AKIDexample/2023-11-14/ckafka/tc3_request, "
		"SignedHeaders=content-type;host, Signature="));
	ck_client_deinit(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_control_bytes_in_every_setting_are_refused),
		cmocka_unit_test(test_region_and_language_outside_the_code_alphabet_are_refused),
		cmocka_unit_test(test_each_empty_required_setting_is_missing),
		cmocka_unit_test(test_accepted_settings_make_a_clean_head),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
