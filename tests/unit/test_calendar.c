/*
 * test_calendar.c -- proleptic Gregorian arithmetic for years 0000..9999.
 */
#include "test_support.h"

#include "ck_calendar.h"

static void
assert_civil(int32_t days, unsigned y, unsigned m, unsigned d)
{
	unsigned gy, gm, gd;

	ck_civil_from_days(days, &gy, &gm, &gd);
	if (gy != y || gm != m || gd != d) {
		fail_msg("day %ld: %u-%u-%u != %u-%u-%u", (long)days,
			gy, gm, gd, y, m, d);
	}
}

static void
test_epoch_is_day_zero(void **state)
{
	(void)state;
	assert_int_equal(ck_days_from_civil(1970, 1, 1), 0);
	assert_civil(0, 1970, 1, 1);
}

/* Out of range is meaningless but never undefined behaviour: under the
 * sanitizers a signed overflow ends the test. */
static void
test_years_far_out_of_range_do_not_overflow(void **state)
{
	unsigned y;
	uint32_t sum = 0;

	(void)state;
	for (y = 5870000u; y <= 5890000u; y += 7) {
		sum += (uint32_t)ck_days_from_civil(y, 3, 1);
	}
	sum += (uint32_t)ck_days_from_civil(UINT32_MAX - 400u, 12, 31);
	(void)sum;
	assert_int_equal(ck_days_from_civil(1970, 1, 1), 0);
}

static void
test_known_dates_have_known_day_numbers(void **state)
{
	(void)state;
	assert_int_equal(ck_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(ck_days_from_civil(2038, 1, 19), 24855);
	assert_int_equal(ck_days_from_civil(2100, 1, 1), 47482);
	assert_int_equal(ck_days_from_civil(9999, 12, 31), 2932896);
	assert_civil(24855, 2038, 1, 19);
	assert_civil(47482, 2100, 1, 1);
	assert_civil(2932896, 9999, 12, 31);
}

static void
test_negative_days_are_before_1970(void **state)
{
	(void)state;
	assert_int_equal(ck_days_from_civil(1969, 12, 31), -1);
	assert_int_equal(ck_days_from_civil(1900, 1, 1), -25567);
	assert_int_equal(ck_days_from_civil(0, 1, 1), -719528);
	assert_int_equal(ck_days_from_civil(0, 3, 1), -719468);
	assert_civil(-1, 1969, 12, 31);
	assert_civil(-25567, 1900, 1, 1);
	assert_civil(-719528, 0, 1, 1);
	assert_civil(-719468, 0, 3, 1);
	assert_civil(-719469, 0, 2, 29);
}

static void
test_civil_and_days_round_trip_over_every_day(void **state)
{
	int32_t days;
	unsigned y, m, d, prev_y = 0, prev_m = 0, prev_d = 0;

	(void)state;
	/* Every day of years 0000..9999, one after the other. */
	for (days = -719528; days <= 2932896; days++) {
		ck_civil_from_days(days, &y, &m, &d);
		assert_true(m >= 1 && m <= 12);
		assert_true(d >= 1 && d <= ck_days_in_month(y, m));
		if (ck_days_from_civil(y, m, d) != days) {
			fail_msg("round trip of day %ld", (long)days);
		}
		if (prev_m != 0) {
			/* The next day is d+1, or the first of the next month. */
			if (d != 1) {
				assert_true(y == prev_y && m == prev_m && d == prev_d + 1);
			} else {
				assert_int_equal(prev_d, ck_days_in_month(prev_y, prev_m));
				assert_true((m == prev_m + 1 && y == prev_y)
					|| (m == 1 && prev_m == 12 && y == prev_y + 1));
			}
		}
		prev_y = y;
		prev_m = m;
		prev_d = d;
	}
}

static void
test_first_and_last_day_of_the_range(void **state)
{
	(void)state;
	assert_int_equal(ck_days_from_civil(0, 1, 1), -719528);
	assert_int_equal(ck_days_from_civil(CK_CALENDAR_YEAR_MAX, 12, 31),
		2932896);
	assert_civil(-719528, 0, 1, 1);
	assert_civil(2932896, CK_CALENDAR_YEAR_MAX, 12, 31);
}

/* Outside the range the date means nothing, but comes back at once. */
static void
test_days_outside_the_range_end_at_once(void **state)
{
	static const int32_t outside[] = { -719529, -800000, 2932897, 3000000,
		INT32_MAX, INT32_MIN };
	unsigned y, m, d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof outside / sizeof outside[0]; i++) {
		ck_civil_from_days(outside[i], &y, &m, &d);
		assert_true(y <= CK_CALENDAR_YEAR_MAX && m >= 1 && m <= 12);
	}
}

static void
test_leap_years_follow_gregorian_rules(void **state)
{
	(void)state;
	assert_true(ck_is_leap_year(2024));
	assert_true(ck_is_leap_year(2000));
	assert_true(ck_is_leap_year(0));
	assert_true(ck_is_leap_year(4));
	assert_true(ck_is_leap_year(400));
	assert_true(ck_is_leap_year(9996));
	assert_false(ck_is_leap_year(1900));
	assert_false(ck_is_leap_year(2100));
	assert_false(ck_is_leap_year(2023));
	assert_false(ck_is_leap_year(1));
	assert_false(ck_is_leap_year(100));
	assert_false(ck_is_leap_year(9999));
}

static void
test_days_in_month_counts_leap_february_and_refuses_bad_months(void **state)
{
	(void)state;
	assert_int_equal(ck_days_in_month(2023, 2), 28);
	assert_int_equal(ck_days_in_month(2024, 2), 29);
	assert_int_equal(ck_days_in_month(2024, 1), 31);
	assert_int_equal(ck_days_in_month(2024, 4), 30);
	assert_int_equal(ck_days_in_month(2024, 12), 31);
	assert_int_equal(ck_days_in_month(2024, 0), 0);
	assert_int_equal(ck_days_in_month(2024, 13), 0);
}

static void
assert_utc_date(int64_t t, const char *expected)
{
	char out[11];

	memset(out, '#', sizeof(out));
	assert_true(ck_utc_date(t, out));
	assert_int_equal(out[10], '#');
	out[10] = '\0';
	assert_string_equal(out, expected);
}

static void
test_utc_date_of_unix_times(void **state)
{
	(void)state;
	assert_utc_date(0, "1970-01-01");
	assert_utc_date(86399, "1970-01-01");
	assert_utc_date(86400, "1970-01-02");
	assert_utc_date(1700000000, "2023-11-14");
	assert_utc_date(INT64_C(2147483647), "2038-01-19");
	assert_utc_date(INT64_C(2147483648), "2038-01-19");
	assert_utc_date(INT64_C(4102444800), "2100-01-01");
	assert_utc_date(INT64_C(951782400), "2000-02-29");
	assert_utc_date(INT64_C(253402300799), "9999-12-31");
}

static void
test_utc_date_of_negative_times_rounds_down(void **state)
{
	(void)state;
	assert_utc_date(-1, "1969-12-31");
	assert_utc_date(-86400, "1969-12-31");
	assert_utc_date(-86401, "1969-12-30");
	assert_utc_date(INT64_C(-62167219200), "0000-01-01");
}

static void
test_utc_date_outside_four_digit_years_is_refused(void **state)
{
	char out[10];

	(void)state;
	memset(out, '#', sizeof(out));
	assert_false(ck_utc_date(INT64_C(253402300800), out));
	assert_false(ck_utc_date(INT64_C(-62167219201), out));
	assert_false(ck_utc_date(INT64_MAX, out));
	assert_false(ck_utc_date(INT64_MIN, out));
	assert_int_equal(out[0], '#');
}

static void
test_unix_time_splits_into_bearssl_days_and_seconds(void **state)
{
	uint32_t days = 7, seconds = 7;

	(void)state;
	assert_true(ck_unix_time_split(0, &days, &seconds));
	assert_int_equal(days, 719528);
	assert_int_equal(seconds, 0);
	assert_true(ck_unix_time_split(1700000000, &days, &seconds));
	assert_int_equal(days, 719528 + 19675);
	assert_int_equal(seconds, 1700000000 - 19675 * 86400);
	assert_true(ck_unix_time_split(-1, &days, &seconds));
	assert_int_equal(days, 719527);
	assert_int_equal(seconds, 86399);
	assert_true(ck_unix_time_split(INT64_C(-62167219200), &days, &seconds));
	assert_int_equal(days, 0);
	assert_int_equal(seconds, 0);
	assert_true(ck_unix_time_split(INT64_C(253402300799), &days, &seconds));
	assert_int_equal(days, 3652424);
	assert_int_equal(seconds, 86399);
	days = seconds = 7;
	assert_false(ck_unix_time_split(INT64_C(253402300800), &days, &seconds));
	assert_false(ck_unix_time_split(INT64_C(-62167219201), &days, &seconds));
	assert_false(ck_unix_time_split(INT64_MAX, &days, &seconds));
	assert_false(ck_unix_time_split(INT64_MIN, &days, &seconds));
	assert_int_equal(days, 7);
	assert_int_equal(seconds, 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch_is_day_zero),
		cmocka_unit_test(test_years_far_out_of_range_do_not_overflow),
		cmocka_unit_test(test_known_dates_have_known_day_numbers),
		cmocka_unit_test(test_negative_days_are_before_1970),
		cmocka_unit_test(test_civil_and_days_round_trip_over_every_day),
		cmocka_unit_test(test_first_and_last_day_of_the_range),
		cmocka_unit_test(test_days_outside_the_range_end_at_once),
		cmocka_unit_test(test_leap_years_follow_gregorian_rules),
		cmocka_unit_test(test_days_in_month_counts_leap_february_and_refuses_bad_months),
		cmocka_unit_test(test_unix_time_splits_into_bearssl_days_and_seconds),
		cmocka_unit_test(test_utc_date_of_unix_times),
		cmocka_unit_test(test_utc_date_of_negative_times_rounds_down),
		cmocka_unit_test(test_utc_date_outside_four_digit_years_is_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
