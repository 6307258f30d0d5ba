/*
 * test_buf.c -- ck_buf_append, the library's one bounded appender.
 */
#include "test_support.h"

#include <stdbool.h>

static void
test_appends_up_to_the_capacity_exactly(void **state)
{
	char mem[8];
	ck_buf b = ck_buf_make(mem, sizeof mem);

	(void)state;
	assert_true(ck_buf_append(&b, "abc", 3));
	assert_true(ck_buf_append(&b, NULL, 0));
	assert_true(ck_buf_append(&b, "defgh", 5));
	assert_int_equal(b.len, 8);
	assert_false(b.overflow);
	assert_memory_equal(mem, "abcdefgh", 8);
	assert_int_equal(ck_buf_span(&b).len, 8);
	assert_ptr_equal(ck_buf_span(&b).ptr, mem);
}

static void
test_what_does_not_fit_is_not_written_and_sticks(void **state)
{
	char mem[8];
	ck_buf b;

	(void)state;
	memset(mem, '#', sizeof mem);
	b = ck_buf_make(mem, 6);
	assert_true(ck_buf_append(&b, "abcd", 4));
	/* Three bytes, two left: none of them is written. */
	assert_false(ck_buf_append(&b, "xyz", 3));
	assert_true(b.overflow);
	assert_int_equal(b.len, 4);
	assert_memory_equal(mem, "abcd##", 6);
	/* Sticky: even what would fit now is refused. */
	assert_false(ck_buf_append(&b, "x", 1));
	assert_false(ck_buf_append(&b, NULL, 0));
	assert_int_equal(b.len, 4);
	assert_int_equal(mem[4], '#');
}

static void
test_zero_capacity_takes_only_nothing(void **state)
{
	ck_buf b = ck_buf_make(NULL, 0);

	(void)state;
	assert_true(ck_buf_append(&b, NULL, 0));
	assert_false(ck_buf_append(&b, "a", 1));
	assert_int_equal(b.len, 0);
	/* A length near SIZE_MAX must not wrap the room check. */
	b = ck_buf_make(NULL, 0);
	assert_false(ck_buf_append(&b, "a", SIZE_MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_appends_up_to_the_capacity_exactly),
		cmocka_unit_test(test_what_does_not_fit_is_not_written_and_sticks),
		cmocka_unit_test(test_zero_capacity_takes_only_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
