/*
 * ck_json_validator.c -- strict RFC 8259 validation, without recursion.
 *
 * The document is read once, left to right. Open containers are kept as one
 * bit each in a 64-bit word (1 = object, 0 = array), so the stack use does
 * not depend on the input and a hostile body cannot exhaust it. Every byte
 * is checked here because jsmn, which runs next, accepts many invalid
 * documents even in strict mode: missing commas, `{}{}`, `{"a":}`,
 * trailing commas, doubled colons, control characters in strings and bad
 * primitives such as `tru` (the tests of this file list them).
 */
#include "ck_json_validator.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ck_json_string.h"
#include "ck_text.h"

/* The bit stack holds at most this many open containers. */
#define VALIDATOR_STACK_BITS 64u

typedef struct {
	const unsigned char *p;
	size_t len;
	size_t pos;
} cursor;

/*
 * The byte at the cursor, or 0 at the end. A NUL byte in the document
 * reads the same, and is as invalid there: no JSON token holds one and
 * strings refuse every byte below 0x20. Only the document's end itself
 * is told apart, with pos == len.
 */
static unsigned char
peek(const cursor *c)
{
	return c->pos < c->len ? c->p[c->pos] : 0;
}

/* RFC 8259 whitespace is exactly SP, HT, LF and CR. */
static void
skip_whitespace(cursor *c)
{
	unsigned char b;

	while ((b = peek(c)) == ' ' || b == '\t' || b == '\n' || b == '\r') {
		c->pos++;
	}
}

static bool
is_digit(unsigned char b)
{
	return b >= '0' && b <= '9';
}

/* A string, c->pos on its opening quote. */
static bool
check_string(cursor *c)
{
	uint32_t cp;

	c->pos++;
	for (;;) {
		unsigned char b = peek(c);
		size_t k = 1;

		if (b == '"') {
			c->pos++;
			return true;
		}
		if (b < 0x20) {
			return false; /* a control byte, or the end */
		}
		if (b == '\\') {
			/* The backslash and what ck_json_escape takes. */
			k = 1 + ck_json_escape((const char *)c->p + c->pos + 1,
				c->len - c->pos - 1, &cp);
			if (k == 1) {
				return false;
			}
		} else if (b >= 0x80) {
			/* One well-formed UTF-8 sequence, this its lead byte. */
			k = ck_utf8_sequence_length(c->p + c->pos,
				c->len - c->pos);
			if (k == 0) {
				return false;
			}
		}
		c->pos += k;
	}
}

static bool
skip_digits(cursor *c)
{
	size_t start = c->pos;

	while (is_digit(peek(c))) {
		c->pos++;
	}
	return c->pos > start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
check_number(cursor *c)
{
	if (peek(c) == '-') {
		c->pos++;
	}
	if (peek(c) == '0') {
		c->pos++;
	} else if (!skip_digits(c)) {
		return false;
	}
	if (peek(c) == '.') {
		c->pos++;
		if (!skip_digits(c)) {
			return false;
		}
	}
	if ((peek(c) | 0x20) == 'e') {
		c->pos++;
		if (peek(c) == '+' || peek(c) == '-') {
			c->pos++;
		}
		if (!skip_digits(c)) {
			return false;
		}
	}
	/* What may follow (not "01", "1.2.3", "1x") is checked by the caller. */
	return true;
}

/* A string, number or literal at c->pos (not end of input). */
static bool
check_scalar(cursor *c)
{
	static const char *const literals[] = { "true", "false", "null" };
	unsigned char b = peek(c);
	size_t i, n;

	if (b == '"') {
		return check_string(c);
	}
	if (b == '-' || is_digit(b)) {
		return check_number(c);
	}
	for (i = 0; i < 3; i++) {
		n = strlen(literals[i]);
		if (b == (unsigned char)literals[i][0]) {
			if (c->len - c->pos < n
				|| memcmp(c->p + c->pos, literals[i], n) != 0) {
				return false;
			}
			c->pos += n;
			return true;
		}
	}
	return false;
}

/* An object member's name and its ':', ending where the value starts. */
static bool
check_member_name(cursor *c)
{
	skip_whitespace(c);
	if (peek(c) != '"' || !check_string(c)) {
		return false;
	}
	skip_whitespace(c);
	if (peek(c) != ':') {
		return false;
	}
	c->pos++;
	return true;
}

ck_result
ck_json_validate(ck_span doc, unsigned max_depth)
{
	cursor c;
	uint64_t is_object = 0; /* bit d: container at depth d+1 is an object */
	unsigned depth = 0;

	if (doc.ptr == NULL && doc.len != 0) {
		return CK_ERR_RESPONSE_INVALID_JSON;
	}
	if (max_depth > VALIDATOR_STACK_BITS) {
		max_depth = VALIDATOR_STACK_BITS;
	}
	c.p = (const unsigned char *)doc.ptr;
	c.len = doc.len;
	c.pos = 0;

	for (;;) {
		/* A value is expected here. */
		skip_whitespace(&c);
		if (peek(&c) == '{' || peek(&c) == '[') {
			bool object = peek(&c) == '{';
			unsigned char close = object ? '}' : ']';

			if (depth >= max_depth) {
				return CK_ERR_RESPONSE_TOO_COMPLEX;
			}
			if (object) {
				is_object |= (uint64_t)1 << depth;
			} else {
				is_object &= ~((uint64_t)1 << depth);
			}
			depth++;
			c.pos++;
			skip_whitespace(&c);
			if (peek(&c) == close) {
				c.pos++;
				depth--;
			} else {
				if (object && !check_member_name(&c)) {
					return CK_ERR_RESPONSE_INVALID_JSON;
				}
				continue;
			}
		} else if (!check_scalar(&c)) {
			return CK_ERR_RESPONSE_INVALID_JSON;
		}

		/*
		 * A value just ended: close containers until one continues
		 * with ',' or the document ends.
		 */
		for (;;) {
			bool object;

			skip_whitespace(&c);
			if (depth == 0) {
				return c.pos == c.len ? CK_OK
					: CK_ERR_RESPONSE_INVALID_JSON;
			}
			object = (is_object >> (depth - 1)) & 1u;
			if (peek(&c) == ',') {
				c.pos++;
				if (object && !check_member_name(&c)) {
					return CK_ERR_RESPONSE_INVALID_JSON;
				}
				break;
			}
			if (peek(&c) != (object ? '}' : ']')) {
				return CK_ERR_RESPONSE_INVALID_JSON;
			}
			c.pos++;
			depth--;
		}
	}
}
