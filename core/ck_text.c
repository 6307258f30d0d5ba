/*
 * ck_text.c -- UTF-8, header-safety, code, case and hex checks.
 */
#include "ck_text.h"

#include <string.h>

size_t
ck_utf8_sequence_length(const unsigned char *p, size_t n)
{
	unsigned b0, lo = 0x80, hi = 0xBF;
	size_t need, i;

	if (p == NULL || n == 0) {
		return 0;
	}
	b0 = p[0];
	if (b0 < 0x80) {
		return 1;
	}
	/* Stray continuation byte, C0/C1 or F5..FF. */
	if (b0 < 0xC2 || b0 > 0xF4) {
		return 0;
	}
	need = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
	if (b0 == 0xE0) {
		lo = 0xA0;
	} else if (b0 == 0xED) {
		hi = 0x9F;
	} else if (b0 == 0xF0) {
		lo = 0x90;
	} else if (b0 == 0xF4) {
		hi = 0x8F;
	}
	if (n < need || p[1] < lo || p[1] > hi) {
		return 0;
	}
	for (i = 2; i < need; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			return 0;
		}
	}
	return need;
}

bool
ck_utf8_is_valid(ck_span s)
{
	const unsigned char *p = (const unsigned char *)s.ptr;
	size_t i = 0;

	if (!ck_span_is_valid(s)) {
		return false;
	}
	while (i < s.len) {
		size_t k = ck_utf8_sequence_length(p + i, s.len - i);

		if (k == 0) {
			return false;
		}
		i += k;
	}
	return true;
}

size_t
ck_utf8_encode(uint32_t cp, char out[4])
{
	size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	size_t i;

	/* Continuation bytes from the last, six bits each; then the lead
	 * byte, whose top n bits are ones (none for ASCII). */
	for (i = n - 1; i > 0; i--) {
		out[i] = (char)(0x80 | (cp & 0x3F));
		cp >>= 6;
	}
	out[0] = (char)(n == 1 ? cp : (0xFF00u >> n & 0xFFu) | cp);
	return n;
}

bool
ck_text_has_control(ck_span s)
{
	size_t i;

	/* Unreadable counts as unsafe: every caller then refuses it. */
	if (!ck_span_is_valid(s)) {
		return true;
	}
	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		if (c < 0x20 || c == 0x7F) {
			return true;
		}
	}
	return false;
}

/* ASCII letters, digits and '-': codes, and the bytes of DNS labels. */
static bool
is_code_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
		|| (c >= '0' && c <= '9') || c == '-';
}

bool
ck_text_is_code(ck_span s)
{
	size_t i;

	if (!ck_span_is_valid(s)) {
		return false;
	}
	for (i = 0; i < s.len; i++) {
		if (!is_code_char(s.ptr[i])) {
			return false;
		}
	}
	return true;
}

bool
ck_text_is_host(ck_span s)
{
	size_t i;

	if (!ck_span_is_valid(s)) {
		return false;
	}
	for (i = 0; i < s.len; i++) {
		unsigned char c = (unsigned char)s.ptr[i];

		if (c <= 0x20 || c >= 0x7F || c == '[' || c == ']') {
			return false;
		}
	}
	return true;
}

bool
ck_text_is_host_name(ck_span s)
{
	size_t label = 0;
	size_t i;

	if (!ck_span_is_valid(s) || s.len == 0 || s.len > 253) {
		return false;
	}
	for (i = 0; i < s.len; i++) {
		char c = s.ptr[i];

		if (c == '.') {
			if (label == 0 || s.ptr[i - 1] == '-') {
				return false;
			}
			label = 0;
			continue;
		}
		if (!is_code_char(c) || (c == '-' && label == 0)
			|| ++label > 63) {
			return false;
		}
	}
	return label != 0 && s.ptr[s.len - 1] != '-';
}

bool
ck_text_eq_nocase(ck_span s, const char *lower)
{
	size_t n = strlen(lower);
	size_t i;

	if (!ck_span_is_valid(s) || s.len != n) {
		return false;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s.ptr[i];
		if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c + ('a' - 'A'));
		}
		if (c != (unsigned char)lower[i]) {
			return false;
		}
	}
	return true;
}

const char ck_text_hex_digits[16] = {
	'0', '1', '2', '3', '4', '5', '6', '7',
	'8', '9', 'a', 'b', 'c', 'd', 'e', 'f'
};

int
ck_text_hex_value(unsigned char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

bool
ck_text_hex4(const char *p, size_t n, uint32_t *out)
{
	uint32_t v = 0;
	size_t i;

	if (p == NULL || n < 4) {
		return false;
	}
	for (i = 0; i < 4; i++) {
		int h = ck_text_hex_value((unsigned char)p[i]);
		if (h < 0) {
			return false;
		}
		v = (v << 4) | (uint32_t)h;
	}
	*out = v;
	return true;
}

size_t
ck_text_bounded_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0') {
		n++;
	}
	return n;
}

size_t
ck_text_dec(uint64_t v, size_t width, char *out)
{
	char rev[CK_TEXT_DEC_MAX];
	size_t n = 0;
	size_t i;

	do {
		/*
		 * v / 10 and v % 10, long division by 10 in three steps that
		 * each fit 32 bits: the high word, then the low word 16 bits
		 * at a time with the remainder carried in front.
		 */
		uint32_t hi = (uint32_t)(v >> 32);
		uint32_t mid = ((hi % 10u) << 16) | ((uint32_t)v >> 16);
		uint32_t low = ((mid % 10u) << 16) | ((uint32_t)v & 0xFFFFu);

		v = ((uint64_t)(hi / 10u) << 32) | ((mid / 10u) << 16)
			| (low / 10u);
		rev[n++] = (char)('0' + low % 10u);
	} while (v != 0 || n < width);
	for (i = 0; i < n; i++) {
		out[i] = rev[n - 1 - i];
	}
	return n;
}

bool
ck_text_parse_dec(ck_span s, uint64_t max, uint64_t *out)
{
	/* The largest v for which v * 10 + 9 cannot wrap. */
	const uint64_t safe = (UINT64_MAX - 9) / 10;
	uint64_t v = 0;
	size_t i;

	if (!ck_span_is_valid(s) || s.len == 0) {
		return false;
	}
	for (i = 0; i < s.len; i++) {
		unsigned d = (unsigned)(unsigned char)s.ptr[i] - (unsigned)'0';

		if (d > 9) {
			return false;
		}
		/* Past `safe` only UINT64_MAX's own digits still fit. */
		if (v > safe && (v > UINT64_MAX / 10
			|| d > (unsigned)(UINT64_MAX % 10))) {
			return false;
		}
		v = v * 10 + d;
		if (v > max) {
			return false;
		}
	}
	*out = v;
	return true;
}
