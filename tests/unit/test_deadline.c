/*
 * test_deadline.c -- ck_deadline: now plus a wait, held at the end.
 */
#include "test_support.h"

#include "ck_deadline.h"

static void
test_deadline_is_the_sum_when_it_fits(void **state)
{
	(void)state;
	assert_true(ck_deadline(0, 0) == 0);
	assert_true(ck_deadline(1000, 250) == 1250);
	assert_true(ck_deadline(UINT64_MAX - 5, 5) == UINT64_MAX);
	assert_true(ck_deadline(UINT64_MAX, 0) == UINT64_MAX);
}

static void
test_deadline_past_the_end_is_held_there(void **state)
{
	(void)state;
	/* A clock that starts near the top must not wrap to the past. */
	assert_true(ck_deadline(UINT64_MAX - 5, 6) == UINT64_MAX);
	assert_true(ck_deadline(UINT64_MAX, 1) == UINT64_MAX);
	assert_true(ck_deadline(UINT64_MAX, UINT32_MAX) == UINT64_MAX);
	assert_true(ck_deadline(1, UINT64_MAX) == UINT64_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_deadline_is_the_sum_when_it_fits),
		cmocka_unit_test(test_deadline_past_the_end_is_held_there),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
