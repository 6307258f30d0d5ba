/*
 * test_text.c -- the shared byte-level text rules.
 */
#include "test_support.h"

#include "ck_text.h"

static void
test_ascii_and_well_formed_multibyte_sequences_have_their_length(void **state)
{
	(void)state;
	assert_int_equal(ck_utf8_sequence_length((const unsigned char *)"a", 1), 1);
	assert_int_equal(ck_utf8_sequence_length((const unsigned char *)"\xC3\xA9", 2), 2);
	assert_int_equal(ck_utf8_sequence_length((const unsigned char *)"\xE4\xB8\xAD", 3), 3);
	assert_int_equal(ck_utf8_sequence_length((const unsigned char *)"\xF0\x9F\x98\x80", 4), 4);
	assert_int_equal(ck_utf8_sequence_length((const unsigned char *)"\xF4\x8F\xBF\xBF", 4), 4);
}

static void
test_malformed_sequences_have_length_zero(void **state)
{
	static const char *const bad[] = {
		"\x80",             /* stray continuation */
		"\xC0\xAF",         /* overlong '/' */
		"\xC1\xBF",         /* overlong */
		"\xE0\x80\xAF",     /* overlong */
		"\xED\xA0\x80",     /* surrogate U+D800 */
		"\xF0\x80\x80\xAF", /* overlong */
		"\xF4\x90\x80\x80", /* above U+10FFFF */
		"\xF5\x80\x80\x80", /* never valid */
		"\xC3\x41",         /* bad continuation */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(ck_utf8_sequence_length(
			(const unsigned char *)bad[i], strlen(bad[i])), 0);
	}
	/* Truncated: the bytes are right but not all there. */
	assert_int_equal(ck_utf8_sequence_length((const unsigned char *)"\xE4\xB8", 2), 0);
}

static void
test_utf8_validity_covers_the_whole_span(void **state)
{
	(void)state;
	assert_true(ck_utf8_is_valid(CK_SPAN_EMPTY));
	assert_true(ck_utf8_is_valid(CK_SPAN_LITERAL("g-\"\\\xC3\xA9\xE4\xB8\xAD")));
	assert_false(ck_utf8_is_valid(CK_SPAN_LITERAL("ok\xFF")));
	assert_false(ck_utf8_is_valid(ck_span_make(NULL, 3)));
}

static void
test_encoding_round_trips_through_the_length_check(void **state)
{
	static const uint32_t cps[] = { 0x24, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF,
		0x10000, 0x1F600, 0x10FFFF };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cps / sizeof cps[0]; i++) {
		char b[4];
		size_t n = ck_utf8_encode(cps[i], b);
		assert_int_equal(ck_utf8_sequence_length((const unsigned char *)b, n), n);
	}
}

static void
test_control_bytes_and_del_are_found(void **state)
{
	(void)state;
	assert_false(ck_text_has_control(CK_SPAN_LITERAL("ap-guangzhou \xE4\xB8\xAD")));
	assert_true(ck_text_has_control(CK_SPAN_LITERAL("a\r\nX-Evil: 1")));
	assert_true(ck_text_has_control(CK_SPAN_LITERAL("tab\there")));
	assert_true(ck_text_has_control(ck_span_make("nul\0", 4)));
	assert_true(ck_text_has_control(CK_SPAN_LITERAL("del\x7F")));
}

static void
test_codes_are_letters_digits_and_dashes(void **state)
{
	(void)state;
	assert_true(ck_text_is_code(CK_SPAN_LITERAL("ap-guangzhou")));
	assert_true(ck_text_is_code(CK_SPAN_LITERAL("zh-CN")));
	assert_true(ck_text_is_code(CK_SPAN_EMPTY));
	assert_false(ck_text_is_code(CK_SPAN_LITERAL("ap guangzhou")));
	assert_false(ck_text_is_code(CK_SPAN_LITERAL("ap_guangzhou")));
}

static void
test_case_is_ignored_only_for_ascii_letters(void **state)
{
	(void)state;
	assert_true(ck_text_eq_nocase(CK_SPAN_LITERAL("Keep-Alive"), "keep-alive"));
	assert_true(ck_text_eq_nocase(CK_SPAN_LITERAL("OK"), "ok"));
	assert_false(ck_text_eq_nocase(CK_SPAN_LITERAL("oks"), "ok"));
	assert_false(ck_text_eq_nocase(CK_SPAN_LITERAL("o"), "ok"));
	/* '[' is 'Z' + 1 and '{' is 'z' + 1: neither folds. */
	assert_false(ck_text_eq_nocase(CK_SPAN_LITERAL("["), "{"));
}

static void
test_hex4_reads_exactly_four_digits(void **state)
{
	uint32_t v = 0;

	(void)state;
	assert_true(ck_text_hex4("4e2D", 4, &v));
	assert_int_equal(v, 0x4E2D);
	assert_false(ck_text_hex4("4e2", 3, &v));
	assert_false(ck_text_hex4("4e2g", 4, &v));
	assert_int_equal(ck_text_hex_value('f'), 15);
	assert_int_equal(ck_text_hex_value('G'), -1);
}

static void
test_host_names_are_dns_labels_only(void **state)
{
	static const char *const good[] = {
		"ckafka.intl.tencentcloudapi.com", "localhost", "a", "x-1.example",
		"192.0.2.1", "EXAMPLE.com",
		/* 63-byte label */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.b",
	};
	static const char *const bad[] = {
		"", "host:443", "host/path", "user@host", "a b", "host\x1b[2J",
		"host\r\nX: 1", "[::1]", "::1", "-a.example", "a-.example",
		"a..example", ".example", "example.", "under_score.example",
		"h\xC3\xA9.example", "host%20", "http://host",
		/* 64-byte label */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.b",
	};
	char longest[256];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		assert_true(ck_text_is_host_name(ck_span_from_str(good[i])));
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (ck_text_is_host_name(ck_span_from_str(bad[i]))) {
			fail_msg("accepted \"%s\"", bad[i]);
		}
	}
	assert_false(ck_text_is_host_name(ck_span_make("a\0b", 3)));
	assert_false(ck_text_is_host_name(ck_span_make(NULL, 3)));
	/* 253 bytes in 63-byte labels pass; one more byte does not. */
	memset(longest, 'a', sizeof longest);
	longest[63] = longest[127] = longest[191] = '.';
	assert_true(ck_text_is_host_name(ck_span_make(longest, 253)));
	assert_false(ck_text_is_host_name(ck_span_make(longest, 254)));
}

/* ck_text_dec against printf, at every power of ten and its neighbours. */
static void
assert_dec(uint64_t v, size_t width)
{
	char want[32];
	char got[CK_TEXT_DEC_MAX + 1];
	size_t n;

	snprintf(want, sizeof want, "%0*llu", (int)width, (unsigned long long)v);
	memset(got, '#', sizeof got);
	n = ck_text_dec(v, width, got);
	assert_int_equal(n, strlen(want));
	assert_int_equal(got[n], '#');
	got[n] = '\0';
	assert_string_equal(got, want);
}

static void
test_dec_writes_every_uint64_exactly(void **state)
{
	uint64_t p = 1;
	int i;

	(void)state;
	assert_dec(0, 0);
	assert_dec(0, 1);
	assert_dec(UINT64_MAX, 0);
	assert_dec(UINT64_MAX - 1, 0);
	assert_dec((uint64_t)INT64_MAX, 0);
	assert_dec((uint64_t)INT64_MAX + 1, 0);
	assert_dec(UINT32_MAX, 0);
	assert_dec((uint64_t)UINT32_MAX + 1, 0);
	assert_dec(UINT64_C(0x1234567890ABCDEF), 0);
	for (i = 0; i < 20; i++) {
		assert_dec(p, 0);
		assert_dec(p - 1, 0);
		assert_dec(p + 1, 0);
		p *= 10;
	}
	/* 20 x 20 bits of pseudo-random values, all halves exercised. */
	p = 0x9E3779B97F4A7C15u;
	for (i = 0; i < 1000; i++) {
		p ^= p << 13;
		p ^= p >> 7;
		p ^= p << 17;
		assert_dec(p, 0);
		assert_dec(p >> (i % 64), 0);
	}
}

static void
test_dec_pads_to_the_width(void **state)
{
	(void)state;
	assert_dec(7, 2);
	assert_dec(7, 4);
	assert_dec(2024, 4);
	assert_dec(12345, 4);
	assert_dec(0, 20);
	assert_dec(UINT64_MAX, 20);
}

static void
test_parse_dec_reads_digits_up_to_the_bound(void **state)
{
	uint64_t v = 77;

	(void)state;
	assert_true(ck_text_parse_dec(CK_SPAN_LITERAL("0"), 0, &v));
	assert_int_equal(v, 0);
	assert_true(ck_text_parse_dec(CK_SPAN_LITERAL("0042"), 42, &v));
	assert_int_equal(v, 42);
	assert_true(ck_text_parse_dec(CK_SPAN_LITERAL("18446744073709551615"),
		UINT64_MAX, &v));
	assert_true(v == UINT64_MAX);
	assert_true(ck_text_parse_dec(CK_SPAN_LITERAL("9223372036854775807"),
		INT64_MAX, &v));
	assert_true(v == (uint64_t)INT64_MAX);
	assert_true(ck_text_parse_dec(CK_SPAN_LITERAL(
		"000000000000000000000000000001"), 1, &v));
	assert_int_equal(v, 1);
}

static void
test_parse_dec_refuses_everything_else(void **state)
{
	static const char *const bad[] = {
		"", "-1", "+1", " 1", "1 ", "1a", "0x10", "1.0", "1e3",
		"18446744073709551616", "18446744073709551620",
		"99999999999999999999", "184467440737095516150",
	};
	uint64_t v = 77;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (ck_text_parse_dec(ck_span_from_str(bad[i]), UINT64_MAX, &v)) {
			fail_msg("\"%s\" was read", bad[i]);
		}
	}
	assert_false(ck_text_parse_dec(CK_SPAN_LITERAL("43"), 42, &v));
	assert_false(ck_text_parse_dec(CK_SPAN_LITERAL("9223372036854775808"),
		INT64_MAX, &v));
	assert_false(ck_text_parse_dec(CK_SPAN_LITERAL("10"), 9, &v));
	assert_false(ck_text_parse_dec(ck_span_make(NULL, 3), UINT64_MAX, &v));
	assert_false(ck_text_parse_dec(ck_span_make("12\0", 3), UINT64_MAX,
		&v));
	assert_int_equal(v, 77);
}

static void
test_bounded_len_stops_at_the_nul_or_the_bound(void **state)
{
	static const char s[] = "abc\0def";

	(void)state;
	assert_int_equal(ck_text_bounded_len(s, 10), 3);
	assert_int_equal(ck_text_bounded_len(s, 3), 3);
	assert_int_equal(ck_text_bounded_len(s, 2), 2);
	assert_int_equal(ck_text_bounded_len(s, 0), 0);
	assert_int_equal(ck_text_bounded_len("", 5), 0);
	/* Nothing past the bound is read: "abc" has no NUL in its 3 bytes. */
	assert_int_equal(ck_text_bounded_len((const char[3]){ 'a', 'b', 'c' },
		3), 3);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_and_well_formed_multibyte_sequences_have_their_length),
		cmocka_unit_test(test_malformed_sequences_have_length_zero),
		cmocka_unit_test(test_utf8_validity_covers_the_whole_span),
		cmocka_unit_test(test_encoding_round_trips_through_the_length_check),
		cmocka_unit_test(test_control_bytes_and_del_are_found),
		cmocka_unit_test(test_codes_are_letters_digits_and_dashes),
		cmocka_unit_test(test_case_is_ignored_only_for_ascii_letters),
		cmocka_unit_test(test_hex4_reads_exactly_four_digits),
		cmocka_unit_test(test_host_names_are_dns_labels_only),
		cmocka_unit_test(test_bounded_len_stops_at_the_nul_or_the_bound),
		cmocka_unit_test(test_dec_writes_every_uint64_exactly),
		cmocka_unit_test(test_dec_pads_to_the_width),
		cmocka_unit_test(test_parse_dec_reads_digits_up_to_the_bound),
		cmocka_unit_test(test_parse_dec_refuses_everything_else),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
