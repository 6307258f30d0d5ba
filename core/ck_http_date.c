/*
 * ck_http_date.c -- the three HTTP-date forms of RFC 9110 section 5.6.7.
 *
 * Each form has a fixed layout, written below as a pattern; one small
 * matcher walks a pattern over the value, field by field, at exact widths.
 * The forms cannot match the same text, so each is simply tried in turn.
 */
#include "ck_http_date.h"

#include <stdbool.h>

#include "ck_calendar.h"
#include "ck_text.h"

/* The fields; months count from 0 here. */
enum { YEAR, MONTH, DAY, HOUR, MINUTE, SECOND };

/*
 * Patterns: a byte from 0x20 stands for itself; below it, DAY_NAME a day
 * name ("Sun"), LONG_DAY a long one ("Sunday"), MONTH_NAME a month name,
 * ASCTIME_DAY asctime's day (two digits, or a space and one), and 0x10 |
 * field a number of two digits (of four with 0x08 set) for that field; a
 * two-digit year is RFC 850's.
 */
#define DAY_NAME    "\1"
#define LONG_DAY    "\2"
#define MONTH_NAME  "\3"
#define ASCTIME_DAY "\4"
#define DD          "\x12"
#define HH          "\x13"
#define MM          "\x14"
#define SS          "\x15"
#define YY          "\x10"
#define YYYY        "\x18"

static const char *const FORMS[] = {
	/* IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT */
	DAY_NAME ", " DD " " MONTH_NAME " " YYYY " " HH ":" MM ":" SS " GMT",
	/* RFC 850: Sunday, 06-Nov-94 08:49:37 GMT */
	LONG_DAY ", " DD "-" MONTH_NAME "-" YY " " HH ":" MM ":" SS " GMT",
	/* asctime: Sun Nov  6 08:49:37 1994 */
	DAY_NAME " " MONTH_NAME " " ASCTIME_DAY " " HH ":" MM ":" SS " " YYYY,
};

/* Day names are the long names' first three letters; each long name is
 * those, the letters here up to the NUL, and "day". */
static const char DAYS[] = "MonTueWedThuFriSatSun";
static const char DAY_MIDDLES[] = "\0s\0nes\0rs\0\0ur\0";
static const char MONTHS[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

/* The index of the 3-letter name at p among `names`, or -1. */
static int
name_at(const char *names, size_t count, const char *p, size_t left)
{
	size_t i;

	for (i = 0; left >= 3 && i < count; i++) {
		if (memcmp(p, names + 3 * i, 3) == 0) {
			return (int)i;
		}
	}
	return -1;
}

/* Matches all of [p, end) against `form`, filling f[]. */
static bool
match(const char *form, const char *p, const char *end, unsigned f[6])
{
	for (; *form != '\0'; form++) {
		unsigned c = (unsigned char)*form;
		size_t left = (size_t)(end - p);
		size_t width;
		uint64_t v;
		int k;

		if (c >= 0x20) {
			if (left == 0 || *p != (char)c) {
				return false;
			}
			p++;
			continue;
		}
		if (c < 4) {
			k = c == 3 ? name_at(MONTHS, 12, p, left)
				: name_at(DAYS, 7, p, left);
			if (k < 0) {
				return false;
			}
			p += 3;
			if (c == 3) {
				f[MONTH] = (unsigned)k;
			} else if (c == 2) {
				const char *mid = DAY_MIDDLES;
				size_t n;

				while (k-- > 0) {
					mid += strlen(mid) + 1;
				}
				n = strlen(mid);
				if ((size_t)(end - p) < n + 3
					|| memcmp(p, mid, n) != 0
					|| memcmp(p + n, "day", 3) != 0) {
					return false;
				}
				p += n + 3;
			}
			continue;
		}
		width = (c & 0x08) != 0 ? 4 : 2;
		if (c == 4) {
			c = 0x10 | DAY;
			if (left > 0 && *p == ' ') {
				p++;
				left--;
				width = 1;
			}
		}
		if (left < width || !ck_text_parse_dec(ck_span_make(p, width),
			9999, &v)) {
			return false;
		}
		p += width;
		if (c == 0x10) {
			/* The fixed pivot of ck_http_date.h: 70..99 are 19yy. */
			v += v >= 70 ? 1900 : 2000;
		}
		f[c & 0x07] = (unsigned)v;
	}
	return p == end;
}

ck_result
ck_http_date_parse(ck_span s, int64_t *unix_time)
{
	const char *p;
	const char *end;
	unsigned f[6];
	size_t i;

	if (unix_time == NULL || !ck_span_is_valid(s)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (s.len == 0) {
		return CK_ERR_HTTP_MALFORMED;
	}
	p = s.ptr;
	end = s.ptr + s.len;
	while (p < end && (*p == ' ' || *p == '\t')) {
		p++;
	}
	while (end > p && (end[-1] == ' ' || end[-1] == '\t')) {
		end--;
	}
	for (i = 0; i < sizeof FORMS / sizeof FORMS[0]; i++) {
		if (match(FORMS[i], p, end, f)) {
			break;
		}
	}
	if (i == sizeof FORMS / sizeof FORMS[0] || f[DAY] < 1
		|| f[DAY] > ck_days_in_month(f[YEAR], f[MONTH] + 1)
		|| f[HOUR] > 23 || f[MINUTE] > 59 || f[SECOND] > 59) {
		return CK_ERR_HTTP_MALFORMED;
	}
	*unix_time = (int64_t)ck_days_from_civil(f[YEAR], f[MONTH] + 1,
		f[DAY]) * 86400 + (int64_t)(f[HOUR] * 3600u + f[MINUTE] * 60u
		+ f[SECOND]);
	return CK_OK;
}
