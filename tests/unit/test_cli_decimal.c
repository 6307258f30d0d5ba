/*
 * test_cli_decimal.c -- ck_cli_parse_decimal, the strict decimal parser of
 * the command line (platform/common/ck_cli.c), at the edges of its bound:
 * every value up to `max` is taken, nothing above it, for small bounds
 * (below a single digit's 9) as for the largest.
 */
#include "test_support.h"

#include "ck_cli.h"

static int
parse(const char *s, uint64_t max, uint64_t *out)
{
	return ck_cli_parse_decimal(s, strlen(s), max, out);
}

static void
test_a_digit_above_a_small_bound_is_refused(void **state)
{
	uint64_t v = 77;
	uint64_t max;
	unsigned d;

	(void)state;
	for (max = 0; max < 12; max++) {
		for (d = 0; d <= 9; d++) {
			char s[2] = { (char)('0' + d), '\0' };

			v = 77;
			if (d <= max) {
				assert_int_equal(parse(s, max, &v), 0);
				assert_int_equal(v, d);
			} else {
				assert_int_equal(parse(s, max, &v), -1);
				assert_int_equal(v, 77);
			}
		}
	}
}

static void
test_every_value_near_the_bound(void **state)
{
	static const uint64_t bounds[] = { 0, 1, 5, 9, 10, 15, 99, 100, 255,
		3600000, UINT64_MAX / 10, UINT64_MAX - 1, UINT64_MAX };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bounds / sizeof bounds[0]; i++) {
		uint64_t max = bounds[i];
		uint64_t lo = max > 25 ? max - 25 : 0;
		uint64_t hi = max > UINT64_MAX - 25 ? UINT64_MAX : max + 25;
		uint64_t n;

		for (n = lo;; n++) {
			char s[32];
			uint64_t v = 0;
			int r;

			snprintf(s, sizeof s, "%llu", (unsigned long long)n);
			r = parse(s, max, &v);
			if (n <= max) {
				assert_int_equal(r, 0);
				assert_true(v == n);
			} else {
				assert_int_equal(r, -1);
			}
			if (n == hi) {
				break;
			}
		}
	}
}

static void
test_anything_but_digits_is_refused(void **state)
{
	uint64_t v;

	(void)state;
	assert_int_equal(parse("", 10, &v), -1);
	assert_int_equal(parse("+1", 10, &v), -1);
	assert_int_equal(parse("-1", 10, &v), -1);
	assert_int_equal(parse(" 1", 10, &v), -1);
	assert_int_equal(parse("1x", 10, &v), -1);
	assert_int_equal(parse("18446744073709551616", UINT64_MAX, &v), -1);
	assert_int_equal(parse("000000000000000000001", UINT64_MAX, &v), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_digit_above_a_small_bound_is_refused),
		cmocka_unit_test(test_every_value_near_the_bound),
		cmocka_unit_test(test_anything_but_digits_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
