/*
 * test_json_validator.c -- ck_json_validate as a specification.
 */
#include "test_support.h"

#include "ck_json_validator.h"

#define DEPTH 16u

static ck_result
validate(const char *s)
{
	return ck_json_validate(ck_span_from_str(s), DEPTH);
}

static ck_result
validate_bytes(const char *s, size_t n)
{
	return ck_json_validate(ck_span_make(s, n), DEPTH);
}

#define assert_valid(s) assert_int_equal(validate(s), CK_OK)
#define assert_invalid(s) \
	assert_int_equal(validate(s), CK_ERR_RESPONSE_INVALID_JSON)

/* --- documents that are valid ------------------------------------------ */

static void
test_api_success_example_is_valid(void **state)
{
	(void)state;
	assert_valid("{\n\"Response\": {\n\"Result\": {\n\"ReturnCode\": \"OK\",\n"
		"\"ReturnMessage\": \"success\",\n\"Data\": {\n\"FlowId\": 0,\n"
		"\"RouteDTO\": {\n\"RouteId\": 0\n}\n}\n},\n"
		"\"RequestId\": \"test-requestId\"\n}\n}");
}

static void
test_empty_containers_are_valid(void **state)
{
	(void)state;
	assert_valid("{}");
	assert_valid("[]");
	assert_valid("[{},[],{\"a\":[]}]");
	assert_valid("{ }");
	assert_valid("[ \t\r\n]");
}

static void
test_any_scalar_is_a_valid_document(void **state)
{
	(void)state;
	assert_valid("1");
	assert_valid("-2.5e10");
	assert_valid("\"text\"");
	assert_valid("true");
	assert_valid("false");
	assert_valid("null");
}

static void
test_surrounding_whitespace_is_valid(void **state)
{
	(void)state;
	assert_valid(" \t\r\n{\"a\" : 1 , \"b\" :\t[ 1 ,2 ] }\r\n ");
}

static void
test_grammar_numbers_are_valid(void **state)
{
	static const char *const numbers[] = {
		"0", "-0", "1", "-1", "10", "1.5", "0.5", "-0.0", "1e5",
		"1E5", "1e+5", "1e-5", "1.25E-07", "-0.0e0",
		"123456789012345678901234567890",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
		char doc[64];
		snprintf(doc, sizeof doc, "[%s]", numbers[i]);
		if (validate(numbers[i]) != CK_OK || validate(doc) != CK_OK) {
			fail_msg("number %s rejected", numbers[i]);
		}
	}
}

static void
test_every_defined_escape_is_valid(void **state)
{
	(void)state;
	assert_valid("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\uFFFF\"");
}

static void
test_surrogate_pair_escape_is_valid(void **state)
{
	(void)state;
	assert_valid("\"\\ud83d\\ude00\"");
	assert_valid("\"\\uDBFF\\uDFFF\"");
	assert_valid("\"\\uD800\\uDC00\"");
}

static void
test_utf8_boundary_characters_are_valid(void **state)
{
	(void)state;
	assert_valid("\"\xc2\x80\"");         /* U+0080 */
	assert_valid("\"\xdf\xbf\"");         /* U+07FF */
	assert_valid("\"\xe0\xa0\x80\"");     /* U+0800 */
	assert_valid("\"\xed\x9f\xbf\"");     /* U+D7FF */
	assert_valid("\"\xee\x80\x80\"");     /* U+E000 */
	assert_valid("\"\xef\xbf\xbf\"");     /* U+FFFF */
	assert_valid("\"\xf0\x90\x80\x80\""); /* U+10000 */
	assert_valid("\"\xf4\x8f\xbf\xbf\""); /* U+10FFFF */
	assert_valid("\"\xe4\xb8\xad\xe6\x96\x87\"");
}

static void
test_del_byte_in_string_is_valid(void **state)
{
	(void)state;
	assert_valid("\"\x7f\"");
}

static void
test_nesting_at_max_depth_is_valid(void **state)
{
	char doc[2 * DEPTH + 1];

	(void)state;
	memset(doc, '[', DEPTH);
	memset(doc + DEPTH, ']', DEPTH);
	doc[2 * DEPTH] = '\0';
	assert_valid(doc);
}

/* --- what jsmn 1.1.0 accepts in strict mode, each rejected here --------- */

static void
test_missing_comma_between_members_is_invalid(void **state)
{
	(void)state;
	assert_invalid("{\"a\":1 \"b\":2}");
}

static void
test_missing_comma_between_elements_is_invalid(void **state)
{
	(void)state;
	assert_invalid("[1 2]");
	assert_invalid("[\"a\" \"b\"]");
}

static void
test_two_top_level_values_are_invalid(void **state)
{
	(void)state;
	assert_invalid("{}{}");
	assert_invalid("[][]");
	assert_invalid("1 2");
	assert_invalid("{} 1");
}

static void
test_member_without_value_is_invalid(void **state)
{
	(void)state;
	assert_invalid("{\"a\":}");
	assert_invalid("{\"a\"}");
	assert_invalid("{\"a\":,\"b\":1}");
}

static void
test_trailing_comma_is_invalid(void **state)
{
	(void)state;
	assert_invalid("[1,2,]");
	assert_invalid("{\"a\":1,}");
	assert_invalid("[,]");
}

static void
test_leading_separators_are_invalid(void **state)
{
	(void)state;
	assert_invalid(":,{}");
	assert_invalid(",1");
	assert_invalid("[,1]");
	assert_invalid("{,\"a\":1}");
}

static void
test_double_colon_is_invalid(void **state)
{
	(void)state;
	assert_invalid("{\"a\"::\"b\"}");
	assert_invalid("{\"a\":1:2}");
}

static void
test_raw_control_characters_in_strings_are_invalid(void **state)
{
	unsigned b;

	(void)state;
	for (b = 0; b < 0x20; b++) {
		char doc[4] = { '"', (char)b, '"', '\0' };
		if (validate_bytes(doc, 3) != CK_ERR_RESPONSE_INVALID_JSON) {
			fail_msg("control byte 0x%02x accepted", b);
		}
	}
}

static void
test_bad_primitives_are_invalid(void **state)
{
	static const char *const bad[] = {
		"tru", "nul", "fals", "True", "NULL", "FALSE", "truex",
		"nulll", "nan", "NaN", "Infinity", "-Infinity", "undefined",
		"t", "[tru]", "{\"a\":nul}", "[true false]",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (validate(bad[i]) != CK_ERR_RESPONSE_INVALID_JSON) {
			fail_msg("%s accepted", bad[i]);
		}
	}
}

static void
test_unterminated_containers_are_invalid(void **state)
{
	(void)state;
	assert_invalid("{\"a\":1");
	assert_invalid("{\"a\":");
	assert_invalid("{\"a\"");
	assert_invalid("{");
	assert_invalid("[1,");
	assert_invalid("[");
	assert_invalid("[[]");
}

/* --- other invalid documents ------------------------------------------- */

static void
test_empty_document_is_invalid(void **state)
{
	(void)state;
	assert_invalid("");
	assert_int_equal(ck_json_validate(CK_SPAN_EMPTY, DEPTH),
		CK_ERR_RESPONSE_INVALID_JSON);
}

static void
test_whitespace_only_document_is_invalid(void **state)
{
	(void)state;
	assert_invalid(" \t\r\n");
}

static void
test_null_pointer_with_length_is_invalid(void **state)
{
	(void)state;
	assert_int_equal(ck_json_validate(ck_span_make(NULL, 5), DEPTH),
		CK_ERR_RESPONSE_INVALID_JSON);
}

static void
test_non_rfc_whitespace_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\f{}");
	assert_invalid("{}\v");
	assert_invalid("[1,\xc2\xa0 2]");       /* NO-BREAK SPACE */
	assert_invalid("\xef\xbb\xbf{}");        /* byte order mark */
}

static void
test_nul_after_document_is_invalid(void **state)
{
	(void)state;
	assert_int_equal(validate_bytes("{}\0", 3), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(validate_bytes("\"a\0\"", 4),
		CK_ERR_RESPONSE_INVALID_JSON);
}

static void
test_numbers_outside_the_grammar_are_invalid(void **state)
{
	static const char *const bad[] = {
		"01", "-01", "00", "+1", ".5", "1.", "1.e5", "1e", "1e+",
		"1E-", "-", "--1", "- 1", "0x10", "1.5.3", "1e5e5", "1.5e2.0",
		"[01]", "{\"a\":1.}", "[-]", "0.-1", "1_000",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (validate(bad[i]) != CK_ERR_RESPONSE_INVALID_JSON) {
			fail_msg("%s accepted", bad[i]);
		}
	}
}

static void
test_undefined_escapes_are_invalid(void **state)
{
	static const char *const bad[] = {
		"\"\\x41\"", "\"\\'\"", "\"\\a\"", "\"\\v\"", "\"\\0\"",
		"\"\\U0041\"", "\"\\u12\"", "\"\\u12G4\"", "\"\\u\"",
		"\"\\\"", "\"\\", "\"\\ \"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (validate(bad[i]) != CK_ERR_RESPONSE_INVALID_JSON) {
			fail_msg("%s accepted", bad[i]);
		}
	}
}

static void
test_lone_low_surrogate_escape_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\\udc00\"");
	assert_invalid("\"a\\uDFFFb\"");
}

static void
test_lone_high_surrogate_escape_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\\ud800\"");
	assert_invalid("\"\\ud800x\"");
	assert_invalid("\"\\ud800\\n\"");
	assert_invalid("\"\\ud800\\u0041\"");
}

static void
test_high_surrogate_followed_by_high_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\\ud800\\ud800\"");
	assert_invalid("\"\\ud83d\\ud83d\\ude00\"");
}

static void
test_reversed_surrogate_pair_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\\ude00\\ud83d\"");
}

static void
test_overlong_utf8_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\xc0\x80\"");
	assert_invalid("\"\xc1\xbf\"");
	assert_invalid("\"\xe0\x80\x80\"");
	assert_invalid("\"\xe0\x9f\xbf\"");
	assert_invalid("\"\xf0\x80\x80\x80\"");
	assert_invalid("\"\xf0\x8f\xbf\xbf\"");
}

static void
test_utf8_encoded_surrogates_are_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\xed\xa0\x80\"");
	assert_invalid("\"\xed\xbf\xbf\"");
	assert_invalid("\"\xed\xa0\xbd\xed\xb8\x80\""); /* CESU-8 pair */
}

static void
test_utf8_beyond_u10ffff_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\xf4\x90\x80\x80\"");
	assert_invalid("\"\xf5\x80\x80\x80\"");
	assert_invalid("\"\xf7\xbf\xbf\xbf\"");
	assert_invalid("\"\xf8\x88\x80\x80\x80\"");
	assert_invalid("\"\xfe\"");
	assert_invalid("\"\xff\"");
}

static void
test_stray_continuation_byte_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\x80\"");
	assert_invalid("\"a\xbf\"");
	assert_invalid("\"\xc3\xa9\xa9\"");
}

static void
test_truncated_utf8_sequence_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"\xe4\xb8\"");
	assert_invalid("\"\xf0\x9f\x98\"");
	assert_invalid("\"\xc3");
	assert_invalid("\"\xe4\xb8");
	assert_invalid("\"\xc3x\"");
}

static void
test_utf8_outside_strings_is_invalid(void **state)
{
	(void)state;
	assert_invalid("[\xc3\xa9]");
	assert_invalid("{\"a\":\xe4\xb8\xad}");
}

static void
test_non_string_keys_are_invalid(void **state)
{
	(void)state;
	assert_invalid("{1:2}");
	assert_invalid("{a:1}");
	assert_invalid("{null:1}");
	assert_invalid("{{}:1}");
	assert_invalid("{\"a\" 1}");
	assert_invalid("{'a':1}");
}

static void
test_mismatched_brackets_are_invalid(void **state)
{
	(void)state;
	assert_invalid("[}");
	assert_invalid("{]");
	assert_invalid("{}}");
	assert_invalid("[]]");
	assert_invalid("]");
	assert_invalid("}");
	assert_invalid("[{]}");
}

static void
test_unterminated_string_is_invalid(void **state)
{
	(void)state;
	assert_invalid("\"abc");
	assert_invalid("[\"abc]");
	assert_invalid("\"");
}

static void
test_single_quoted_string_is_invalid(void **state)
{
	(void)state;
	assert_invalid("'a'");
}

static void
test_comments_are_invalid(void **state)
{
	(void)state;
	assert_invalid("{} // c");
	assert_invalid("/* c */ {}");
	assert_invalid("[1 /* c */]");
}

/* --- depth -------------------------------------------------------------- */

static void
test_nesting_past_max_depth_is_too_complex(void **state)
{
	char doc[2 * (DEPTH + 1) + 1];

	(void)state;
	memset(doc, '[', DEPTH + 1);
	memset(doc + DEPTH + 1, ']', DEPTH + 1);
	doc[2 * (DEPTH + 1)] = '\0';
	assert_int_equal(validate(doc), CK_ERR_RESPONSE_TOO_COMPLEX);
}

static void
test_mixed_nesting_past_max_depth_is_too_complex(void **state)
{
	(void)state;
	assert_int_equal(ck_json_validate(
		CK_SPAN_LITERAL("{\"a\":[{\"b\":1}]}"), 2),
		CK_ERR_RESPONSE_TOO_COMPLEX);
	assert_int_equal(ck_json_validate(
		CK_SPAN_LITERAL("{\"a\":[{\"b\":1}]}"), 3), CK_OK);
}

static void
test_max_depth_zero_allows_only_scalars(void **state)
{
	(void)state;
	assert_int_equal(ck_json_validate(CK_SPAN_LITERAL("1"), 0), CK_OK);
	assert_int_equal(ck_json_validate(CK_SPAN_LITERAL("{}"), 0),
		CK_ERR_RESPONSE_TOO_COMPLEX);
}

static void
test_max_depth_above_64_is_capped_at_64(void **state)
{
	char doc[2 * 65 + 1];

	(void)state;
	memset(doc, '[', 64);
	memset(doc + 64, ']', 64);
	assert_int_equal(ck_json_validate(ck_span_make(doc, 128), 1000), CK_OK);
	memset(doc, '[', 65);
	memset(doc + 65, ']', 65);
	assert_int_equal(ck_json_validate(ck_span_make(doc, 130), 1000),
		CK_ERR_RESPONSE_TOO_COMPLEX);
}

static void
test_very_deep_nesting_is_too_complex_without_recursion(void **state)
{
	size_t n = 1000000;
	char *doc = malloc(n);

	(void)state;
	assert_non_null(doc);
	memset(doc, '[', n);
	assert_int_equal(ck_json_validate(ck_span_make(doc, n), 64),
		CK_ERR_RESPONSE_TOO_COMPLEX);
	free(doc);
}

static void
test_containers_alternate_correctly_at_depth(void **state)
{
	(void)state;
	/* The bit stack must remember which closer each level needs. */
	assert_valid("[{\"a\":[{\"b\":[{}]}]},[{\"c\":[]}]]");
	assert_invalid("[{\"a\":[{\"b\":[{}]]}]}");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_success_example_is_valid),
		cmocka_unit_test(test_empty_containers_are_valid),
		cmocka_unit_test(test_any_scalar_is_a_valid_document),
		cmocka_unit_test(test_surrounding_whitespace_is_valid),
		cmocka_unit_test(test_grammar_numbers_are_valid),
		cmocka_unit_test(test_every_defined_escape_is_valid),
		cmocka_unit_test(test_surrogate_pair_escape_is_valid),
		cmocka_unit_test(test_utf8_boundary_characters_are_valid),
		cmocka_unit_test(test_del_byte_in_string_is_valid),
		cmocka_unit_test(test_nesting_at_max_depth_is_valid),
		cmocka_unit_test(test_missing_comma_between_members_is_invalid),
		cmocka_unit_test(test_missing_comma_between_elements_is_invalid),
		cmocka_unit_test(test_two_top_level_values_are_invalid),
		cmocka_unit_test(test_member_without_value_is_invalid),
		cmocka_unit_test(test_trailing_comma_is_invalid),
		cmocka_unit_test(test_leading_separators_are_invalid),
		cmocka_unit_test(test_double_colon_is_invalid),
		cmocka_unit_test(test_raw_control_characters_in_strings_are_invalid),
		cmocka_unit_test(test_bad_primitives_are_invalid),
		cmocka_unit_test(test_unterminated_containers_are_invalid),
		cmocka_unit_test(test_empty_document_is_invalid),
		cmocka_unit_test(test_whitespace_only_document_is_invalid),
		cmocka_unit_test(test_null_pointer_with_length_is_invalid),
		cmocka_unit_test(test_non_rfc_whitespace_is_invalid),
		cmocka_unit_test(test_nul_after_document_is_invalid),
		cmocka_unit_test(test_numbers_outside_the_grammar_are_invalid),
		cmocka_unit_test(test_undefined_escapes_are_invalid),
		cmocka_unit_test(test_lone_low_surrogate_escape_is_invalid),
		cmocka_unit_test(test_lone_high_surrogate_escape_is_invalid),
		cmocka_unit_test(test_high_surrogate_followed_by_high_is_invalid),
		cmocka_unit_test(test_reversed_surrogate_pair_is_invalid),
		cmocka_unit_test(test_overlong_utf8_is_invalid),
		cmocka_unit_test(test_utf8_encoded_surrogates_are_invalid),
		cmocka_unit_test(test_utf8_beyond_u10ffff_is_invalid),
		cmocka_unit_test(test_stray_continuation_byte_is_invalid),
		cmocka_unit_test(test_truncated_utf8_sequence_is_invalid),
		cmocka_unit_test(test_utf8_outside_strings_is_invalid),
		cmocka_unit_test(test_non_string_keys_are_invalid),
		cmocka_unit_test(test_mismatched_brackets_are_invalid),
		cmocka_unit_test(test_unterminated_string_is_invalid),
		cmocka_unit_test(test_single_quoted_string_is_invalid),
		cmocka_unit_test(test_comments_are_invalid),
		cmocka_unit_test(test_nesting_past_max_depth_is_too_complex),
		cmocka_unit_test(test_mixed_nesting_past_max_depth_is_too_complex),
		cmocka_unit_test(test_max_depth_zero_allows_only_scalars),
		cmocka_unit_test(test_max_depth_above_64_is_capped_at_64),
		cmocka_unit_test(test_very_deep_nesting_is_too_complex_without_recursion),
		cmocka_unit_test(test_containers_alternate_correctly_at_depth),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
