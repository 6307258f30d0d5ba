/*
 * ck_api_error.c -- Response.Error.Code to ck_api_error, from the one list
 * in ck_api_error.h.
 *
 * For matching, each value is its stem's index and the rest of its text,
 * one block of NUL-terminated rests in enum order, and one byte of sub-code
 * target and transience: no pointer table, no padding, every stem held
 * once. The whole names, for ck_api_error_code, are a block of their own,
 * which only a program that asks for a name links.
 */
#include "ck_api_error.h"

#include <stdint.h>
#include <string.h>

#define STEM_(stem) CK_API_ERROR_STEM_##stem "\0"
static const char stems[] = CK_API_ERROR_STEMS(STEM_);
#undef STEM_

#define STEM_ID_(stem) STEM_##stem,
enum { CK_API_ERROR_STEMS(STEM_ID_) STEM_COUNT };
#undef STEM_ID_

#define STEM_OF_(name, stem, rest, sub, transient) STEM_##stem,
static const uint8_t stem_of[CK_API_ERROR_COUNT_] = {
	CK_API_ERROR_LIST(STEM_OF_)
};
#undef STEM_OF_

#define REST_(name, stem, rest, sub, transient) rest "\0"
static const char rests[] = CK_API_ERROR_LIST(REST_);
#undef REST_

#define NAME_(name, stem, rest, sub, transient) \
	CK_API_ERROR_STEM_##stem rest "\0"
static const char names[] = CK_API_ERROR_LIST(NAME_);
#undef NAME_

/* Bit 7: transient; bits 0-6: the sub-codes' value, 0 (NONE) for none. */
#define TRANSIENT 0x80u
#define SUB_MASK 0x7Fu
#define META_(name, stem, rest, sub, transient) \
	(uint8_t)(CK_API_ERROR_##sub | ((transient) ? TRANSIENT : 0u)),
static const uint8_t meta[CK_API_ERROR_COUNT_] = {
	CK_API_ERROR_LIST(META_)
};
#undef META_

_Static_assert(CK_API_ERROR_COUNT_ <= SUB_MASK, "sub-code values fit");

/* The i-th of the NUL-terminated strings in `list`. */
static const char *
nth(const char *list, unsigned i)
{
	while (i-- > 0) {
		list += strlen(list) + 1;
	}
	return list;
}

ck_api_error
ck_api_error_from_code(ck_span code)
{
	const char *t = rests;
	ck_api_error family = CK_API_ERROR_UNKNOWN;
	unsigned e;

	if (!ck_span_is_valid(code) || code.len == 0) {
		return CK_API_ERROR_UNKNOWN;
	}
	for (e = 0; e < CK_API_ERROR_COUNT_; e++, t += strlen(t) + 1) {
		const char *stem = nth(stems, stem_of[e]);
		size_t n = strlen(stem);
		const char *p;
		size_t len, i = 0;

		/* Every way to match needs the whole stem. */
		if (code.len < n || memcmp(code.ptr, stem, n) != 0) {
			continue;
		}
		p = code.ptr + n;
		len = code.len - n;
		while (i < len && t[i] != '\0' && t[i] != '*' && t[i] == p[i]) {
			i++;
		}
		if (t[i] == '*') {
			/* "<Family>.*": the prefix and at least one byte more. */
			if (t[i + 1] == '\0' && i < len) {
				family = (ck_api_error)e;
			}
		} else if (t[i] == '\0') {
			if (i == len) {
				return (ck_api_error)e;
			}
			if ((meta[e] & SUB_MASK) != 0 && p[i] == '.'
				&& len - i > 1)
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
	if ((unsigned)e >= (unsigned)CK_API_ERROR_COUNT_) {
		e = CK_API_ERROR_UNKNOWN;
	}
	return nth(names, (unsigned)e);
}

bool
ck_api_error_is_transient(ck_api_error e)
{
	return (unsigned)e < (unsigned)CK_API_ERROR_COUNT_
		&& (meta[e] & TRANSIENT) != 0;
}
