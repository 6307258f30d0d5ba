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

static bool
at_end(const cursor *c)
{
	return c->pos >= c->len;
}

/* RFC 8259 whitespace is exactly SP, HT, LF and CR. */
static void
skip_whitespace(cursor *c)
{
	while (c->pos < c->len) {
		unsigned char b = c->p[c->pos];
		if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
			return;
		}
		c->pos++;
	}
}

static bool
is_digit(unsigned char b)
{
	return b >= '0' && b <= '9';
}

/* One well-formed UTF-8 sequence whose lead byte (>= 0x80) is at c->pos. */
static bool
check_utf8_sequence(cursor *c)
{
	size_t k = ck_utf8_sequence_length(c->p + c->pos, c->len - c->pos);

	c->pos += k;
	return k != 0;
}

/* A string, c->pos on its opening quote. */
static bool
check_string(cursor *c)
{
	uint32_t cp;
	size_t k;

	c->pos++;
	while (!at_end(c)) {
		unsigned char b = c->p[c->pos];

		if (b == '"') {
			c->pos++;
			return true;
		}
		if (b < 0x20) {
			return false;
		}
		if (b == '\\') {
			c->pos++;
			k = ck_json_escape((const char *)c->p + c->pos,
				c->len - c->pos, &cp);
			if (k == 0) {
				return false;
			}
			c->pos += k;
			continue;
		}
		if (b >= 0x80) {
			if (!check_utf8_sequence(c)) {
				return false;
			}
			continue;
		}
		c->pos++;
	}
	return false;
}

static bool
skip_digits(cursor *c)
{
	size_t start = c->pos;
	while (!at_end(c) && is_digit(c->p[c->pos])) {
		c->pos++;
	}
	return c->pos > start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static bool
check_number(cursor *c)
{
	if (c->p[c->pos] == '-') {
		c->pos++;
	}
	if (at_end(c)) {
		return false;
	}
	if (c->p[c->pos] == '0') {
		c->pos++;
	} else if (!skip_digits(c)) {
		return false;
	}
	if (!at_end(c) && c->p[c->pos] == '.') {
		c->pos++;
		if (!skip_digits(c)) {
			return false;
		}
	}
	if (!at_end(c) && (c->p[c->pos] == 'e' || c->p[c->pos] == 'E')) {
		c->pos++;
		if (!at_end(c) && (c->p[c->pos] == '+' || c->p[c->pos] == '-')) {
			c->pos++;
		}
		if (!skip_digits(c)) {
			return false;
		}
	}
	/* What may follow (not "01", "1.2.3", "1x") is checked by the caller. */
	return true;
}

static bool
check_literal(cursor *c, const char *word, size_t n)
{
	if (c->len - c->pos < n || memcmp(c->p + c->pos, word, n) != 0) {
		return false;
	}
	c->pos += n;
	return true;
}

/* A string, number or literal at c->pos (not end of input). */
static bool
check_scalar(cursor *c)
{
	unsigned char b = c->p[c->pos];

	if (b == '"') {
		return check_string(c);
	}
	if (b == '-' || is_digit(b)) {
		return check_number(c);
	}
	if (b == 't') {
		return check_literal(c, "true", 4);
	}
	if (b == 'f') {
		return check_literal(c, "false", 5);
	}
	if (b == 'n') {
		return check_literal(c, "null", 4);
	}
	return false;
}

/* An object member's name and its ':', ending where the value starts. */
static bool
check_member_name(cursor *c)
{
	skip_whitespace(c);
	if (at_end(c) || c->p[c->pos] != '"' || !check_string(c)) {
		return false;
	}
	skip_whitespace(c);
	if (at_end(c) || c->p[c->pos] != ':') {
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
		if (at_end(&c)) {
			return CK_ERR_RESPONSE_INVALID_JSON;
		}
		if (c.p[c.pos] == '{' || c.p[c.pos] == '[') {
			bool object = c.p[c.pos] == '{';
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
			if (!at_end(&c) && c.p[c.pos] == close) {
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
				return at_end(&c) ? CK_OK
					: CK_ERR_RESPONSE_INVALID_JSON;
			}
			if (at_end(&c)) {
				return CK_ERR_RESPONSE_INVALID_JSON;
			}
			object = (is_object >> (depth - 1)) & 1u;
			if (c.p[c.pos] == ',') {
				c.pos++;
				if (object && !check_member_name(&c)) {
					return CK_ERR_RESPONSE_INVALID_JSON;
				}
				break;
			}
			if (c.p[c.pos] != (object ? '}' : ']')) {
				return CK_ERR_RESPONSE_INVALID_JSON;
			}
			c.pos++;
			depth--;
		}
	}
}
