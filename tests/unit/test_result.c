/*
 * test_result.c -- the names and outcomes of results, from the lists of
 * ck_result.h.
 */
#include "test_support.h"

#include "ck_result.h"

/* Each result with its identifier as text, by the preprocessor. */
#define ROW_(name, value) { name, #name },
static const struct {
	ck_result r;
	const char *name;
} rows[] = { CK_RESULT_LIST(ROW_) };
#undef ROW_

static void
test_every_result_is_named_by_its_identifier(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(sizeof rows / sizeof rows[0], 30);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		assert_string_equal(ck_result_name(rows[i].r), rows[i].name);
	}
	assert_string_equal(ck_result_name(CK_OK), "CK_OK");
	assert_string_equal(ck_result_name(CK_ERR_DEADLINE), "CK_ERR_DEADLINE");
	assert_string_equal(ck_result_name(CK_ERR_RECV_TIMEOUT),
		"CK_ERR_RECV_TIMEOUT");
	assert_string_equal(ck_result_name(CK_ERR_API_RETURN_CODE),
		"CK_ERR_API_RETURN_CODE");
}

static void
test_values_outside_the_list_are_unknown(void **state)
{
	/* All within 16 bits: a ck_result built with -fshort-enums holds
	 * no more, and a wider value would wrap onto a listed one. */
	static const int outside[] = { -1, 1, 99, 117, 199, 210, 299, 302, 400,
		40000 };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof outside / sizeof outside[0]; i++) {
		assert_string_equal(ck_result_name((ck_result)outside[i]),
			"CK_ERR_<unknown>");
	}
}

static void
test_values_are_where_their_outcome_says(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		unsigned v = (unsigned)rows[i].r;
		ck_outcome want = v == 0 ? CK_OUTCOME_APPLIED
			: v < 200 ? CK_OUTCOME_NOT_APPLIED
			: v < 300 ? CK_OUTCOME_UNKNOWN : CK_OUTCOME_REJECTED;

		assert_int_equal(ck_result_outcome(rows[i].r), want);
	}
	/* Out of the enum is unknown, the safe reading. */
	assert_int_equal(ck_result_outcome((ck_result)99), CK_OUTCOME_UNKNOWN);
	assert_int_equal(ck_result_outcome((ck_result)400), CK_OUTCOME_UNKNOWN);
	assert_int_equal(ck_result_outcome((ck_result)-1), CK_OUTCOME_UNKNOWN);
}

static void
test_outcomes_have_their_names(void **state)
{
	(void)state;
	assert_string_equal(ck_outcome_name(CK_OUTCOME_APPLIED), "applied");
	assert_string_equal(ck_outcome_name(CK_OUTCOME_REJECTED), "rejected");
	assert_string_equal(ck_outcome_name(CK_OUTCOME_NOT_APPLIED),
		"not-applied");
	assert_string_equal(ck_outcome_name(CK_OUTCOME_UNKNOWN), "unknown");
	assert_string_equal(ck_outcome_name((ck_outcome)4), "unknown");
	assert_string_equal(ck_outcome_name((ck_outcome)-1), "unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_result_is_named_by_its_identifier),
		cmocka_unit_test(test_values_outside_the_list_are_unknown),
		cmocka_unit_test(test_values_are_where_their_outcome_says),
		cmocka_unit_test(test_outcomes_have_their_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
