/*
 * ck_api_error.c -- Response.Error.Code to ck_api_error, from the one list
 * in ck_api_error.h.
 *
 * The texts are one block of NUL-terminated strings in enum order, and
 * each value's sub-code target and transience one byte: no pointer table,
 * no padding, and nothing written twice. Looking a value up walks the
 * block; with fifty short codes that is cheaper than the table it saves.
 */
#include "ck_api_error.h"

#include <stdint.h>
#include <string.h>

#define TEXT_(name, text, sub, transient) text "\0"
static const char texts[] = CK_API_ERROR_LIST(TEXT_);
#undef TEXT_

/* Bit 7: transient; bits 0-6: the sub-codes' value, 0 (NONE) for none. */
#define TRANSIENT 0x80u
#define SUB_MASK 0x7Fu
#define META_(name, text, sub, transient) \
	(uint8_t)(CK_API_ERROR_##sub | ((transient) ? TRANSIENT : 0u)),
static const uint8_t meta[CK_API_ERROR_COUNT_] = {
	CK_API_ERROR_LIST(META_)
};
#undef META_

_Static_assert(CK_API_ERROR_COUNT_ <= SUB_MASK, "sub-code values fit");

ck_api_error
ck_api_error_from_code(ck_span code)
{
	const char *t = texts;
	ck_api_error family = CK_API_ERROR_UNKNOWN;
	unsigned e;

	if (!ck_span_is_valid(code) || code.len == 0) {
		return CK_API_ERROR_UNKNOWN;
	}
	for (e = 0; e < CK_API_ERROR_COUNT_; e++, t += strlen(t) + 1) {
		size_t i = 0;

		while (i < code.len && t[i] != '\0' && t[i] != '*'
			&& t[i] == code.ptr[i])
		{
			i++;
		}
		if (t[i] == '*') {
			/* "<Family>.*": the prefix and at least one byte more. */
			if (t[i + 1] == '\0' && i < code.len) {
				family = (ck_api_error)e;
			}
		} else if (t[i] == '\0') {
			if (i == code.len) {
				return (ck_api_error)e;
			}
			if ((meta[e] & SUB_MASK) != 0 && code.ptr[i] == '.'
				&& code.len - i > 1)
			{
				family = (ck_api_error)(meta[e] & SUB_MASK);
			}
		}
	}
	return family;
}

const char *
ck_api_error_code(ck_api_error e)
{
	const char *t = texts;
	unsigned i;

	if ((unsigned)e >= (unsigned)CK_API_ERROR_COUNT_) {
		e = CK_API_ERROR_UNKNOWN;
	}
	for (i = 0; i < (unsigned)e; i++) {
		t += strlen(t) + 1;
	}
	return t;
}

bool
ck_api_error_is_transient(ck_api_error e)
{
	return (unsigned)e < (unsigned)CK_API_ERROR_COUNT_
		&& (meta[e] & TRANSIENT) != 0;
}
