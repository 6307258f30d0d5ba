/*
 * ck_json_string.c -- JSON string escapes, read once for the validator
 * and the decoder alike.
 */
#include "ck_json_string.h"

#include <string.h>

#include "ck_text.h"

/*
 * The bytes with a one-letter escape, and each one's letter at the same
 * index: the writer's way out and the readers' way in. '/' comes last: it
 * is read as an escape but never needs to be written as one.
 */
static const char ESCAPED[] = "\"\\\b\f\n\r\t/";
static const char LETTERS[] = "\"\\bfnrt/";

char
ck_json_escape_letter(unsigned char c)
{
	const char *k = memchr(ESCAPED, c, sizeof ESCAPED - 2);

	return k != NULL ? LETTERS[k - ESCAPED] : 0;
}

void
ck_json_put_string(ck_buf *b, ck_span s)
{
	char esc[6] = { '\\', 'u', '0', '0', 0, 0 };
	size_t i, run = 0;

	ck_buf_append(b, "\"", 1);
	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		if (c >= 0x20 && c != '"' && c != '\\') {
			continue;
		}
		/* The run of bytes before it needs no escape: one piece. */
		ck_buf_append(b, s.ptr + run, i - run);
		run = i + 1;
		esc[1] = ck_json_escape_letter(c);
		if (esc[1] != 0) {
			ck_buf_append(b, esc, 2);
		} else {
			esc[1] = 'u';
			esc[4] = ck_text_hex_digits[c >> 4];
			esc[5] = ck_text_hex_digits[c & 0x0F];
			ck_buf_append(b, esc, sizeof esc);
		}
	}
	if (run < s.len) {      /* never s.ptr + 0 of an empty span's NULL */
		ck_buf_append(b, s.ptr + run, s.len - run);
	}
	ck_buf_append(b, "\"", 1);
}

size_t
ck_json_escape(const char *p, size_t n, uint32_t *cp)
{
	const char *k;
	uint32_t hi, lo;

	if (n == 0) {
		return 0;
	}
	if (p[0] != 'u') {
		k = memchr(LETTERS, p[0], sizeof LETTERS - 1);
		if (k == NULL) {
			return 0;
		}
		*cp = (unsigned char)ESCAPED[k - LETTERS];
		return 1;
	}
	/* Surrogates: 0xD800..0xDBFF high, 0xDC00..0xDFFF low. */
	if (!ck_text_hex4(p + 1, n - 1, &hi) || (hi & 0xFC00u) == 0xDC00u) {
		return 0;
	}
	if ((hi & 0xFC00u) != 0xD800u) {
		*cp = hi;
		return 5;
	}
	/* A high surrogate: "\uDC00".."\uDFFF" must follow at once. */
	if (n < 11 || p[5] != '\\' || p[6] != 'u'
		|| !ck_text_hex4(p + 7, n - 7, &lo) || (lo & 0xFC00u) != 0xDC00u) {
		return 0;
	}
	*cp = 0x10000u + ((hi - 0xD800u) << 10) + (lo - 0xDC00u);
	return 11;
}

ck_result
ck_json_unescape(ck_span raw, char *out, size_t cap, size_t *written)
{
	ck_buf b = ck_buf_make(out, cap);
	size_t i = 0;
	ck_result r = CK_OK;

	if (written != NULL) {
		*written = 0;
	}
	if (!ck_span_is_valid(raw) || (out == NULL && cap != 0)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	while (i < raw.len) {
		char utf8[4];
		size_t n = 1;
		uint32_t cp;

		utf8[0] = raw.ptr[i++];
		if (utf8[0] == '\\') {
			size_t k = ck_json_escape(raw.ptr + i, raw.len - i, &cp);

			if (k == 0) {
				r = CK_ERR_RESPONSE_INVALID_JSON;
				break;
			}
			i += k;
			n = ck_utf8_encode(cp, utf8);
		}
		/* A whole character or nothing of it. */
		if (!ck_buf_append(&b, utf8, n)) {
			r = CK_ERR_BUFFER_TOO_SMALL;
			break;
		}
	}
	if (written != NULL) {
		*written = b.len;
	}
	return r;
}
