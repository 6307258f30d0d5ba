/*
 * test_http_date.c -- HTTP-date parsing: the three forms, and rejection of
 * everything else.
 */
#include "test_support.h"

#include "ck_http_date.h"

/* RFC 9110's example instant, 1994-11-06T08:49:37Z. */
#define RFC_EXAMPLE INT64_C(784111777)

static ck_result
parse(const char *s, int64_t *t)
{
	return ck_http_date_parse(ck_span_from_str(s), t);
}

static void
assert_parses_to(const char *s, int64_t expected)
{
	int64_t t = -12345;
	ck_result rc = parse(s, &t);

	if (rc != CK_OK) {
		fail_msg("\"%s\": %s", s, ck_result_name(rc));
	}
	if (t != expected) {
		fail_msg("\"%s\": %lld != %lld", s, (long long)t, (long long)expected);
	}
}

static void
assert_malformed(const char *s)
{
	int64_t t = -12345;
	ck_result rc = parse(s, &t);

	if (rc != CK_ERR_HTTP_MALFORMED) {
		fail_msg("\"%s\" accepted (%s, %lld)", s, ck_result_name(rc),
			(long long)t);
	}
	assert_int_equal(t, -12345); /* untouched on error */
}

static void
test_imf_fixdate_is_parsed(void **state)
{
	(void)state;
	assert_parses_to("Sun, 06 Nov 1994 08:49:37 GMT", RFC_EXAMPLE);
	assert_parses_to("Thu, 01 Jan 1970 00:00:00 GMT", 0);
	assert_parses_to("Tue, 19 Jan 2038 03:14:08 GMT", INT64_C(2147483648));
	assert_parses_to("Fri, 01 Jan 2100 00:00:00 GMT", INT64_C(4102444800));
	assert_parses_to("Fri, 31 Dec 9999 23:59:59 GMT", INT64_C(253402300799));
	assert_parses_to("Wed, 31 Dec 1969 23:59:59 GMT", -1);
}

static void
test_rfc850_date_is_parsed(void **state)
{
	(void)state;
	assert_parses_to("Sunday, 06-Nov-94 08:49:37 GMT", RFC_EXAMPLE);
	assert_parses_to("Wednesday, 09-Nov-94 08:49:37 GMT",
		RFC_EXAMPLE + 3 * 86400);
}

static void
test_rfc850_two_digit_year_pivots_at_70(void **state)
{
	(void)state;
	assert_parses_to("Thursday, 01-Jan-70 00:00:00 GMT", 0);
	assert_parses_to("Friday, 31-Dec-99 23:59:59 GMT", INT64_C(946684799));
	assert_parses_to("Saturday, 01-Jan-00 00:00:00 GMT", INT64_C(946684800));
	assert_parses_to("Sunday, 01-Jan-69 00:00:00 GMT", INT64_C(3124224000));
}

static void
test_asctime_date_is_parsed(void **state)
{
	(void)state;
	assert_parses_to("Sun Nov  6 08:49:37 1994", RFC_EXAMPLE);
	assert_parses_to("Sun Nov 06 08:49:37 1994", RFC_EXAMPLE);
	assert_parses_to("Thu Nov 10 08:49:37 1994", RFC_EXAMPLE + 4 * 86400);
}

static void
test_surrounding_blanks_are_ignored(void **state)
{
	(void)state;
	assert_parses_to("  \tSun, 06 Nov 1994 08:49:37 GMT \t ", RFC_EXAMPLE);
	assert_parses_to(" Sun Nov  6 08:49:37 1994\t", RFC_EXAMPLE);
}

static void
test_day_name_is_checked_for_form_only(void **state)
{
	(void)state;
	/* 1994-11-06 was a Sunday; a wrong but well-formed name is accepted. */
	assert_parses_to("Mon, 06 Nov 1994 08:49:37 GMT", RFC_EXAMPLE);
	assert_malformed("Sux, 06 Nov 1994 08:49:37 GMT");
	assert_malformed("Sunxay, 06-Nov-94 08:49:37 GMT");
}

static void
test_leap_day_is_accepted_in_leap_years(void **state)
{
	(void)state;
	assert_parses_to("Thu, 29 Feb 2024 12:00:00 GMT", INT64_C(1709208000));
	assert_parses_to("Tue, 29 Feb 2000 00:00:00 GMT", INT64_C(951782400));
}

static void
test_leap_day_is_rejected_in_common_years(void **state)
{
	(void)state;
	assert_malformed("Wed, 29 Feb 2023 12:00:00 GMT");
	assert_malformed("Thu, 29 Feb 1900 00:00:00 GMT");
	assert_malformed("Mon, 29 Feb 2100 00:00:00 GMT");
}

static void
test_impossible_days_are_rejected(void **state)
{
	(void)state;
	assert_malformed("Sun, 30 Feb 2024 08:49:37 GMT");
	assert_malformed("Sun, 31 Apr 2024 08:49:37 GMT");
	assert_malformed("Sun, 31 Nov 1994 08:49:37 GMT");
	assert_malformed("Sun, 32 Jan 1994 08:49:37 GMT");
	assert_malformed("Sun, 00 Nov 1994 08:49:37 GMT");
	assert_malformed("Sunday, 30-Feb-94 08:49:37 GMT");
	assert_malformed("Sun Feb 30 08:49:37 1994");
	assert_malformed("Sun Nov  0 08:49:37 1994");
}

static void
test_out_of_range_times_are_rejected(void **state)
{
	(void)state;
	assert_malformed("Sun, 06 Nov 1994 24:00:00 GMT");
	assert_malformed("Sun, 06 Nov 1994 08:60:37 GMT");
	assert_malformed("Sun, 06 Nov 1994 08:49:60 GMT");
	assert_malformed("Sun, 06 Nov 1994 08:49:61 GMT");
	assert_malformed("Sun, 06 Nov 1994 99:99:99 GMT");
	assert_malformed("Sunday, 06-Nov-94 24:49:37 GMT");
	assert_malformed("Sun Nov  6 08:49:60 1994");
}

static void
test_gmt_is_required_in_imf_and_rfc850(void **state)
{
	(void)state;
	assert_malformed("Sun, 06 Nov 1994 08:49:37 UTC");
	assert_malformed("Sun, 06 Nov 1994 08:49:37 gmt");
	assert_malformed("Sun, 06 Nov 1994 08:49:37 +0000");
	assert_malformed("Sun, 06 Nov 1994 08:49:37");
	assert_malformed("Sunday, 06-Nov-94 08:49:37 UTC");
	assert_malformed("Sunday, 06-Nov-94 08:49:37");
	assert_malformed("Sun Nov  6 08:49:37 1994 GMT");
}

static void
test_names_are_case_sensitive(void **state)
{
	(void)state;
	assert_malformed("Sun, 06 nov 1994 08:49:37 GMT");
	assert_malformed("Sun, 06 NOV 1994 08:49:37 GMT");
	assert_malformed("sun, 06 Nov 1994 08:49:37 GMT");
	assert_malformed("SUN, 06 Nov 1994 08:49:37 GMT");
	assert_malformed("sunday, 06-Nov-94 08:49:37 GMT");
	assert_malformed("Sun nov  6 08:49:37 1994");
}

static void
test_unknown_month_is_rejected(void **state)
{
	(void)state;
	assert_malformed("Sun, 06 Noe 1994 08:49:37 GMT");
	assert_malformed("Sun, 06 Sept 1994 08:49:37 GMT");
	assert_malformed("Sun, 06 11 1994 08:49:37 GMT");
}

static void
test_wrong_field_widths_are_rejected(void **state)
{
	(void)state;
	assert_malformed("Sun, 6 Nov 1994 08:49:37 GMT");
	assert_malformed("Sun, 006 Nov 1994 08:49:37 GMT");
	assert_malformed("Sun, 06 Nov 94 08:49:37 GMT");
	assert_malformed("Sun, 06 Nov 01994 08:49:37 GMT");
	assert_malformed("Sun, 06 Nov 1994 8:49:37 GMT");
	assert_malformed("Sun, 06 Nov 1994 08:9:37 GMT");
	assert_malformed("Sun, 06 Nov 1994 08:49:7 GMT");
	assert_malformed("Sunday, 06-Nov-1994 08:49:37 GMT");
	assert_malformed("Sunday, 6-Nov-94 08:49:37 GMT");
	assert_malformed("Sun Nov 6 08:49:37 1994");
	assert_malformed("Sun Nov   6 08:49:37 1994");
	assert_malformed("Sun Nov  6 08:49:37 94");
}

static void
test_wrong_separators_are_rejected(void **state)
{
	(void)state;
	assert_malformed("Sun,  06 Nov 1994 08:49:37 GMT");
	assert_malformed("Sun 06 Nov 1994 08:49:37 GMT");
	assert_malformed("Sun, 06-Nov-1994 08:49:37 GMT");
	assert_malformed("Sun, 06 Nov 1994 08.49.37 GMT");
	assert_malformed("Sun,\t06 Nov 1994 08:49:37 GMT");
	assert_malformed("Sun, 06 Nov 1994  08:49:37 GMT");
	assert_malformed("Sunday 06-Nov-94 08:49:37 GMT");
	assert_malformed("Sunday, 06 Nov 94 08:49:37 GMT");
	assert_malformed("Sun,Nov  6 08:49:37 1994");
}

static void
test_signs_and_non_digits_in_numbers_are_rejected(void **state)
{
	(void)state;
	assert_malformed("Sun, +6 Nov 1994 08:49:37 GMT");
	assert_malformed("Sun, -6 Nov 1994 08:49:37 GMT");
	assert_malformed("Sun, 06 Nov 199x 08:49:37 GMT");
	assert_malformed("Sun, 06 Nov 1994 0x:49:37 GMT");
	assert_malformed("Sun, 06 Nov 1994 08:49: 7 GMT");
	assert_malformed("Sun, 0\xd9 Nov 1994 08:49:37 GMT");
}

static void
test_trailing_or_leading_garbage_is_rejected(void **state)
{
	(void)state;
	assert_malformed("Sun, 06 Nov 1994 08:49:37 GMTX");
	assert_malformed("Sun, 06 Nov 1994 08:49:37 GMT\r\n");
	assert_malformed("xSun, 06 Nov 1994 08:49:37 GMT");
	assert_malformed("Sunday, 06-Nov-94 08:49:37 GMT;");
	assert_malformed("Sun Nov  6 08:49:37 1994x");
	assert_malformed("Sun, 06 Nov 1994 08:49:37 GMT, Mon, 07 Nov 1994 "
		"08:49:37 GMT");
}

static void
test_truncated_inputs_are_rejected(void **state)
{
	static const char full[] = "Sunday, 06-Nov-94 08:49:37 GMT";
	static const char imf[] = "Sun, 06 Nov 1994 08:49:37 GMT";
	static const char asc[] = "Sun Nov  6 08:49:37 1994";
	int64_t t;
	size_t n;

	(void)state;
	for (n = 0; n < sizeof(full) - 1; n++) {
		assert_int_equal(ck_http_date_parse(ck_span_make(full, n), &t),
			CK_ERR_HTTP_MALFORMED);
	}
	for (n = 0; n < sizeof(imf) - 1; n++) {
		assert_int_equal(ck_http_date_parse(ck_span_make(imf, n), &t),
			CK_ERR_HTTP_MALFORMED);
	}
	for (n = 0; n < sizeof(asc) - 1; n++) {
		assert_int_equal(ck_http_date_parse(ck_span_make(asc, n), &t),
			CK_ERR_HTTP_MALFORMED);
	}
}

static void
test_empty_and_blank_inputs_are_rejected(void **state)
{
	int64_t t;

	(void)state;
	assert_malformed("");
	assert_malformed("   ");
	assert_malformed("\t");
	assert_malformed("GMT");
	assert_int_equal(ck_http_date_parse(CK_SPAN_EMPTY, &t),
		CK_ERR_HTTP_MALFORMED);
}

static void
test_embedded_nul_is_rejected(void **state)
{
	static const char s[] = "Sun, 06 Nov 1994 08:49:37 GMT\0";
	static const char s2[] = "Sun, 06 Nov\0" "1994 08:49:37 GMT";
	int64_t t;

	(void)state;
	assert_int_equal(ck_http_date_parse(ck_span_make(s, sizeof(s) - 1), &t),
		CK_ERR_HTTP_MALFORMED);
	assert_int_equal(ck_http_date_parse(ck_span_make(s2, sizeof(s2) - 1),
		&t), CK_ERR_HTTP_MALFORMED);
}

static void
test_input_is_not_read_past_its_length(void **state)
{
	/* The span stops before " GMT": the bytes after it must not count. */
	static const char s[] = "Sun, 06 Nov 1994 08:49:37 GMT";
	int64_t t;

	(void)state;
	assert_int_equal(ck_http_date_parse(ck_span_make(s, 25), &t),
		CK_ERR_HTTP_MALFORMED);
}

static void
test_null_arguments_are_invalid(void **state)
{
	int64_t t;

	(void)state;
	assert_int_equal(parse("Sun, 06 Nov 1994 08:49:37 GMT", NULL),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_http_date_parse(ck_span_make(NULL, 29), &t),
		CK_ERR_INVALID_ARGUMENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_imf_fixdate_is_parsed),
		cmocka_unit_test(test_rfc850_date_is_parsed),
		cmocka_unit_test(test_rfc850_two_digit_year_pivots_at_70),
		cmocka_unit_test(test_asctime_date_is_parsed),
		cmocka_unit_test(test_surrounding_blanks_are_ignored),
		cmocka_unit_test(test_day_name_is_checked_for_form_only),
		cmocka_unit_test(test_leap_day_is_accepted_in_leap_years),
		cmocka_unit_test(test_leap_day_is_rejected_in_common_years),
		cmocka_unit_test(test_impossible_days_are_rejected),
		cmocka_unit_test(test_out_of_range_times_are_rejected),
		cmocka_unit_test(test_gmt_is_required_in_imf_and_rfc850),
		cmocka_unit_test(test_names_are_case_sensitive),
		cmocka_unit_test(test_unknown_month_is_rejected),
		cmocka_unit_test(test_wrong_field_widths_are_rejected),
		cmocka_unit_test(test_wrong_separators_are_rejected),
		cmocka_unit_test(test_signs_and_non_digits_in_numbers_are_rejected),
		cmocka_unit_test(test_trailing_or_leading_garbage_is_rejected),
		cmocka_unit_test(test_truncated_inputs_are_rejected),
		cmocka_unit_test(test_empty_and_blank_inputs_are_rejected),
		cmocka_unit_test(test_embedded_nul_is_rejected),
		cmocka_unit_test(test_input_is_not_read_past_its_length),
		cmocka_unit_test(test_null_arguments_are_invalid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
