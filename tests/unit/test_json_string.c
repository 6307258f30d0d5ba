/*
 * test_json_string.c -- JSON string escapes: what each one stands for, and
 * the pairs and lone halves of surrogates, read by the validator and the
 * decoder through the same ck_json_escape.
 */
#include "test_support.h"

#include "ck_json_string.h"
#include "ck_json_validator.h"

static size_t
escape(const char *s, uint32_t *cp)
{
	return ck_json_escape(s, strlen(s), cp);
}

static void
test_single_letter_escapes_stand_for_their_byte(void **state)
{
	static const struct {
		const char *in;
		uint32_t cp;
	} cases[] = {
		{ "\"", '"' }, { "\\", '\\' }, { "/", '/' }, { "b", '\b' },
		{ "f", '\f' }, { "n", '\n' }, { "r", '\r' }, { "t", '\t' },
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cp = 0xFFFFFFFFu;
		assert_int_equal(escape(cases[i].in, &cp), 1);
		assert_int_equal(cp, cases[i].cp);
	}
}

static void
test_other_letters_are_no_escape(void **state)
{
	static const char *const bad[] = { "a", "x", "U", "0", "'", " ", "\x80",
		"N", "B" };
	size_t i;
	uint32_t cp = 7;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(escape(bad[i], &cp), 0);
	}
	assert_int_equal(ck_json_escape("n", 0, &cp), 0);
	assert_int_equal(cp, 7);
}

static void
test_unicode_escapes_and_surrogate_pairs(void **state)
{
	uint32_t cp;

	(void)state;
	assert_int_equal(escape("u0041", &cp), 5);
	assert_int_equal(cp, 0x41);
	assert_int_equal(escape("u00e9rest", &cp), 5);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(escape("uFFFF", &cp), 5);
	assert_int_equal(cp, 0xFFFF);
	assert_int_equal(escape("ud83d\\ude00", &cp), 11);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(escape("uD800\\uDC00", &cp), 11);
	assert_int_equal(cp, 0x10000);
	assert_int_equal(escape("uDBFF\\uDFFF", &cp), 11);
	assert_int_equal(cp, 0x10FFFF);
}

static void
test_lone_and_cut_surrogates_are_no_character(void **state)
{
	static const char *const bad[] = {
		"uDC00", "uDFFF",              /* a low half first */
		"uD800", "uD800x", "uD800\\", "uD800\\u", "uD800\\uDC0",
		"uD800\\n", "uD800\\uD800",     /* high, then no low */
		"uD800\\u0041", "uD800\\uE000",
		"u", "u1", "u12", "u123", "u12G4", "u-123",
	};
	size_t i;
	uint32_t cp;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (escape(bad[i], &cp) != 0) {
			fail_msg("\\%s taken as an escape", bad[i]);
		}
	}
}

/* The validator and the decoder agree on every case above. */
static void
test_validator_and_unescape_agree(void **state)
{
	static const char *const docs[] = {
		"\"\\ud83d\\ude00\"", "\"\\uDC00\"", "\"\\uD800\\u0041\"",
		"\"\\u00e9\\n\"", "\"\\q\"", "\"\\uD800\"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		ck_span doc = ck_span_from_str(docs[i]);
		ck_span raw = ck_span_make(doc.ptr + 1, doc.len - 2);
		char out[16];
		bool valid = ck_json_validate(doc, 4) == CK_OK;
		bool decoded = ck_json_unescape(raw, out, sizeof out, NULL)
			== CK_OK;

		if (valid != decoded) {
			fail_msg("%s: validator %d, unescape %d", docs[i], valid,
				decoded);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_letter_escapes_stand_for_their_byte),
		cmocka_unit_test(test_other_letters_are_no_escape),
		cmocka_unit_test(test_unicode_escapes_and_surrogate_pairs),
		cmocka_unit_test(test_lone_and_cut_surrogates_are_no_character),
		cmocka_unit_test(test_validator_and_unescape_agree),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
