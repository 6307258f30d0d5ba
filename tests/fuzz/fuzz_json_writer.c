/*
 * fuzz_json_writer.c -- libFuzzer target for the bounded JSON writer.
 *
 * The input's first two bytes choose the buffer size and the document
 * shape; the rest is used as a property name, a string value and (its
 * first eight bytes) an integer. The buffer is a heap block of exactly
 * that size, so AddressSanitizer sees any write past cap.
 *
 * Checked on every input:
 *   - the result is CK_OK iff the input is UTF-8 (by an independent
 *     decoder below) and the document fits; otherwise INVALID_UTF8 or
 *     BUFFER_TOO_SMALL, and an empty document;
 *   - a successful document lies inside the buffer, equals the one written
 *     into a buffer big enough for anything, is valid JSON (checked by a
 *     small parser below), and its strings decode back to the input bytes.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icore \
 *     tests/fuzz/fuzz_json_writer.c core/ck_json_writer.c core/ck_result.c
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_json_writer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* --- independent UTF-8 check: decode, then test the code point ---------- */

static bool
reference_utf8_valid(const uint8_t *p, size_t n)
{
	size_t i = 0;

	while (i < n) {
		uint32_t cp;
		size_t len, k;
		uint8_t b = p[i];

		if (b < 0x80) {
			i++;
			continue;
		} else if ((b & 0xE0) == 0xC0) {
			len = 2;
			cp = b & 0x1F;
		} else if ((b & 0xF0) == 0xE0) {
			len = 3;
			cp = b & 0x0F;
		} else if ((b & 0xF8) == 0xF0) {
			len = 4;
			cp = b & 0x07;
		} else {
			return false;
		}
		if (n - i < len) {
			return false;
		}
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xC0) != 0x80) {
				return false;
			}
			cp = (cp << 6) | (p[i + k] & 0x3F);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800)
			|| (len == 4 && cp < 0x10000)) {
			return false; /* overlong */
		}
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			return false;
		}
		i += len;
	}
	return true;
}

/* --- a small strict JSON parser for what the writer can produce --------- */

typedef struct {
	const char *p;
	size_t n;
	size_t i;
	int depth;
	/* Every decoded string is compared with this; NULL skips it. */
	const uint8_t *want;
	size_t want_len;
	size_t strings;
	/* Text of the first integer met. */
	const char *integer;
	size_t integer_len;
} parser;

static bool parse_value(parser *ps);

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	return -1; /* the writer uses lowercase only */
}

static bool
parse_string(parser *ps)
{
	static uint8_t decoded[1 << 16];
	size_t d = 0;

	if (ps->i >= ps->n || ps->p[ps->i] != '"') {
		return false;
	}
	ps->i++;
	for (;;) {
		uint8_t c;

		if (ps->i >= ps->n || d >= sizeof decoded) {
			return false;
		}
		c = (uint8_t)ps->p[ps->i++];
		if (c == '"') {
			break;
		}
		if (c < 0x20) {
			return false; /* raw control byte */
		}
		if (c != '\\') {
			decoded[d++] = c;
			continue;
		}
		if (ps->i >= ps->n) {
			return false;
		}
		c = (uint8_t)ps->p[ps->i++];
		switch (c) {
		case '"':  decoded[d++] = '"'; break;
		case '\\': decoded[d++] = '\\'; break;
		case 'b':  decoded[d++] = '\b'; break;
		case 'f':  decoded[d++] = '\f'; break;
		case 'n':  decoded[d++] = '\n'; break;
		case 'r':  decoded[d++] = '\r'; break;
		case 't':  decoded[d++] = '\t'; break;
		case 'u': {
			int v = 0, k;

			if (ps->n - ps->i < 4) {
				return false;
			}
			for (k = 0; k < 4; k++) {
				int h = hex_value(ps->p[ps->i++]);

				if (h < 0) {
					return false;
				}
				v = v * 16 + h;
			}
			/* Only bytes without a short escape need \u. */
			if (v >= 0x20 || v == '\b' || v == '\f' || v == '\n'
				|| v == '\r' || v == '\t') {
				return false;
			}
			decoded[d++] = (uint8_t)v;
			break;
		}
		default:
			return false; /* '/' is never escaped by the writer */
		}
	}
	if (!reference_utf8_valid(decoded, d)) {
		return false;
	}
	ps->strings++;
	if (ps->want != NULL && (d != ps->want_len
		|| (d != 0 && memcmp(decoded, ps->want, d) != 0))) {
		return false;
	}
	return true;
}

static bool
parse_integer(parser *ps)
{
	size_t begin = ps->i, digits;

	if (ps->i < ps->n && ps->p[ps->i] == '-') {
		ps->i++;
	}
	digits = ps->i;
	while (ps->i < ps->n && ps->p[ps->i] >= '0' && ps->p[ps->i] <= '9') {
		ps->i++;
	}
	if (ps->i == digits) {
		return false;
	}
	if (ps->p[digits] == '0' && ps->i - digits > 1) {
		return false; /* leading zero */
	}
	if (ps->integer == NULL) {
		ps->integer = ps->p + begin;
		ps->integer_len = ps->i - begin;
	}
	return true;
}

static bool
parse_container(parser *ps, char close)
{
	bool first = true;

	if (++ps->depth > 64) {
		return false;
	}
	ps->i++; /* the opening bracket, already seen */
	for (;;) {
		if (ps->i >= ps->n) {
			return false;
		}
		if (ps->p[ps->i] == close) {
			ps->i++;
			ps->depth--;
			return true;
		}
		if (!first) {
			if (ps->p[ps->i] != ',') {
				return false;
			}
			ps->i++;
		}
		first = false;
		if (close == '}') {
			/* Names are compared with `want` like values. */
			if (!parse_string(ps)) {
				return false;
			}
			if (ps->i >= ps->n || ps->p[ps->i] != ':') {
				return false;
			}
			ps->i++;
		}
		if (!parse_value(ps)) {
			return false;
		}
	}
}

static bool
parse_value(parser *ps)
{
	if (ps->i >= ps->n) {
		return false;
	}
	switch (ps->p[ps->i]) {
	case '{': return parse_container(ps, '}');
	case '[': return parse_container(ps, ']');
	case '"': return parse_string(ps);
	default:  return parse_integer(ps);
	}
}

/* --- the target ---------------------------------------------------------- */

/* The document for one shape. Every string in it is `text`. */
static ck_result
write_document(uint8_t shape, ck_span text, int64_t number, char *buf,
	size_t cap, ck_span *doc)
{
	ck_json_writer w;

	ck_json_writer_init(&w, buf, cap);
	switch (shape % 3) {
	case 0:
		ck_json_string(&w, text);
		break;
	case 1:
		ck_json_begin_array(&w);
		ck_json_string(&w, text);
		ck_json_int64(&w, number);
		ck_json_begin_array(&w);
		ck_json_end_array(&w);
		ck_json_string(&w, text);
		ck_json_end_array(&w);
		break;
	default:
		ck_json_begin_object(&w);
		ck_json_name(&w, text);
		ck_json_string(&w, text);
		ck_json_name(&w, text);
		ck_json_begin_array(&w);
		ck_json_int64(&w, number);
		ck_json_begin_object(&w);
		ck_json_end_object(&w);
		ck_json_end_array(&w);
		ck_json_end_object(&w);
		break;
	}
	return ck_json_writer_finish(&w, doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char roomy[6 * 4096 * 3 + 256];
	size_t cap, text_len;
	uint8_t shape;
	int64_t number = 0;
	ck_span text, doc, ref_doc;
	ck_result r, ref;
	bool valid;
	char *buf;
	parser ps;

	if (size < 2 || size - 2 > 4096) {
		return 0;
	}
	cap = data[0];
	shape = data[1];
	text_len = size - 2;
	text = ck_span_make((const char *)data + 2, text_len);
	memcpy(&number, data + 2, text_len < sizeof number ? text_len : sizeof number);
	valid = reference_utf8_valid(data + 2, text_len);

	/* Every document fits here: each byte escapes to at most 6. */
	ref = write_document(shape, text, number, roomy, sizeof roomy, &ref_doc);
	if (valid != (ref == CK_OK)) {
		fprintf(stderr, "utf8 verdict differs: ref %d valid %d\n",
			(int)ref, (int)valid);
		abort();
	}
	if (!valid && ref != CK_ERR_INVALID_UTF8) {
		abort();
	}

	buf = cap != 0 ? malloc(cap) : NULL;
	if (cap != 0 && buf == NULL) {
		return 0;
	}
	r = write_document(shape, text, number, buf, cap, &doc);
	if (r == CK_OK) {
		if (!valid || doc.ptr != buf || doc.len > cap) {
			abort();
		}
		if (!ck_span_eq(doc, ref_doc)) {
			abort();
		}
	} else {
		if (doc.len != 0 || doc.ptr != NULL) {
			abort();
		}
		if (r != CK_ERR_BUFFER_TOO_SMALL && r != CK_ERR_INVALID_UTF8) {
			abort();
		}
		if (valid && (r != CK_ERR_BUFFER_TOO_SMALL || ref_doc.len <= cap)) {
			abort(); /* refused a document that fits */
		}
	}
	free(buf);

	if (ref != CK_OK) {
		return 0;
	}
	/* The roomy document must be JSON whose strings are all `text`. */
	memset(&ps, 0, sizeof ps);
	ps.p = ref_doc.ptr;
	ps.n = ref_doc.len;
	ps.want = data + 2;
	ps.want_len = text_len;
	if (!parse_value(&ps) || ps.i != ps.n || ps.depth != 0) {
		fprintf(stderr, "invalid JSON: %.*s\n", (int)ref_doc.len,
			ref_doc.ptr);
		abort();
	}
	if (ps.strings != (size_t)(shape % 3 == 0 ? 1 : shape % 3 == 1 ? 2 : 3)) {
		abort();
	}
	/* The integer is written exactly. */
	if (shape % 3 != 0) {
		char want[32];
		int n = snprintf(want, sizeof want, "%" PRId64, number);

		if (n <= 0 || ps.integer == NULL
			|| ps.integer_len != (size_t)n
			|| memcmp(ps.integer, want, (size_t)n) != 0) {
			abort();
		}
	}
	return 0;
}
