/*
 * test_secure_zero.c -- the one wipe of the library, its ports and tools.
 */
#include "test_support.h"

#include "ck_secure_zero.h"

static void
test_secure_zero_clears_every_byte(void **state)
{
	unsigned char buf[37];
	size_t i;

	(void)state;
	memset(buf, 0xA5, sizeof(buf));
	ck_secure_zero(buf, sizeof(buf));
	for (i = 0; i < sizeof(buf); i++) {
		assert_int_equal(buf[i], 0);
	}
	ck_secure_zero(buf, 0);
}

static void
test_secure_zero_touches_nothing_around_the_range(void **state)
{
	unsigned char buf[40];
	size_t i;

	(void)state;
	memset(buf, 0xA5, sizeof(buf));
	/* An odd start and length, as a struct member would have. */
	ck_secure_zero(buf + 3, 31);
	for (i = 0; i < sizeof(buf); i++) {
		assert_int_equal(buf[i], i >= 3 && i < 34 ? 0 : 0xA5);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secure_zero_clears_every_byte),
		cmocka_unit_test(test_secure_zero_touches_nothing_around_the_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
