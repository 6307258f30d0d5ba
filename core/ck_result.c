/*
 * ck_result.c -- names and outcomes of result values, from the lists in
 * ck_result.h.
 */
#include "ck_result.h"

#include <stdint.h>
#include <string.h>

#define NAME_(name, value) #name "\0"
static const char names[] = CK_RESULT_LIST(NAME_);
#undef NAME_

#define VALUE_(name, value) value,
static const uint16_t values[] = { CK_RESULT_LIST(VALUE_) };
#undef VALUE_

#define TEXT_(name, text) text "\0"
static const char outcome_names[] = CK_OUTCOME_LIST(TEXT_);
#undef TEXT_

#define ONE_(name, text) + 1
enum { OUTCOME_COUNT = 0 CK_OUTCOME_LIST(ONE_) };
#undef ONE_

/* The i-th of the NUL-terminated strings in `list`. */
static const char *
nth(const char *list, unsigned i)
{
	while (i-- > 0) {
		list += strlen(list) + 1;
	}
	return list;
}

const char *
ck_result_name(ck_result r)
{
	unsigned i;

	for (i = 0; i < sizeof values / sizeof values[0]; i++) {
		if ((unsigned)r == values[i]) {
			return nth(names, i);
		}
	}
	return "CK_ERR_<unknown>";
}

ck_outcome
ck_result_outcome(ck_result r)
{
	unsigned v = (unsigned)r;

	if (r == CK_OK) {
		return CK_OUTCOME_APPLIED;
	}
	if (v >= 100 && v < 200) {
		return CK_OUTCOME_NOT_APPLIED;
	}
	if (v >= 300 && v < 400) {
		return CK_OUTCOME_REJECTED;
	}
	return CK_OUTCOME_UNKNOWN;
}

const char *
ck_outcome_name(ck_outcome o)
{
	return nth(outcome_names, (unsigned)o < (unsigned)OUTCOME_COUNT
		? (unsigned)o : (unsigned)CK_OUTCOME_UNKNOWN);
}
