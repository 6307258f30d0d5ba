/*
 * ck_http_date.c -- the three HTTP-date forms of RFC 9110 section 5.6.7.
 *
 * Each form has a fixed layout, so each parser walks a cursor over exact
 * field widths; nothing is skipped or guessed.
 */
#include "ck_http_date.h"

#include <stdbool.h>

#include "ck_calendar.h"
#include "ck_text.h"

/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
#define IMF_FIXDATE_LEN 29
/* asctime: "Sun Nov  6 08:49:37 1994" */
#define ASCTIME_LEN 24

typedef struct {
	const char *p;
	const char *end;
} cursor;

typedef struct {
	unsigned year, month, day, hour, minute, second;
} civil_time;

static const char MONTHS[12][4] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const char *const SHORT_DAYS[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};
static const char *const LONG_DAYS[7] = {
	"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"Sunday"
};

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
take_literal(cursor *c, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(c->end - c->p) < n || memcmp(c->p, lit, n) != 0) {
		return false;
	}
	c->p += n;
	return true;
}

/* Exactly `width` decimal digits. */
static bool
take_digits(cursor *c, unsigned width, unsigned *value)
{
	uint64_t v;

	if ((size_t)(c->end - c->p) < width
		|| !ck_text_parse_dec(ck_span_make(c->p, width), 9999, &v)) {
		return false;
	}
	c->p += width;
	*value = (unsigned)v;
	return true;
}

static bool
take_one_of(cursor *c, const char *const *names, size_t count)
{
	size_t i;

	for (i = 0; i < count; i++) {
		if (take_literal(c, names[i])) {
			return true;
		}
	}
	return false;
}

static bool
take_month(cursor *c, unsigned *month)
{
	unsigned i;

	for (i = 0; i < 12; i++) {
		if (take_literal(c, MONTHS[i])) {
			*month = i + 1;
			return true;
		}
	}
	return false;
}

/* time-of-day = hour ":" minute ":" second */
static bool
take_time_of_day(cursor *c, civil_time *t)
{
	return take_digits(c, 2, &t->hour) && take_literal(c, ":")
		&& take_digits(c, 2, &t->minute) && take_literal(c, ":")
		&& take_digits(c, 2, &t->second);
}

static bool
take_year4(cursor *c, civil_time *t)
{
	return take_digits(c, 4, &t->year);
}

static bool
at_end(const cursor *c)
{
	return c->p == c->end;
}

/* "Sun, 06 Nov 1994 08:49:37 GMT" */
static bool
parse_imf_fixdate(cursor *c, civil_time *t)
{
	return take_one_of(c, SHORT_DAYS, 7) && take_literal(c, ", ")
		&& take_digits(c, 2, &t->day) && take_literal(c, " ")
		&& take_month(c, &t->month) && take_literal(c, " ")
		&& take_year4(c, t) && take_literal(c, " ")
		&& take_time_of_day(c, t) && take_literal(c, " GMT")
		&& at_end(c);
}

/* "Sunday, 06-Nov-94 08:49:37 GMT" */
static bool
parse_rfc850(cursor *c, civil_time *t)
{
	unsigned yy;

	if (!(take_one_of(c, LONG_DAYS, 7) && take_literal(c, ", ")
		&& take_digits(c, 2, &t->day) && take_literal(c, "-")
		&& take_month(c, &t->month) && take_literal(c, "-")
		&& take_digits(c, 2, &yy) && take_literal(c, " ")
		&& take_time_of_day(c, t) && take_literal(c, " GMT")
		&& at_end(c))) {
		return false;
	}
	t->year = (yy >= 70) ? 1900 + yy : 2000 + yy;
	return true;
}

/* "Sun Nov  6 08:49:37 1994": day is ( 2DIGIT / ( SP DIGIT ) ) */
static bool
parse_asctime(cursor *c, civil_time *t)
{
	if (!(take_one_of(c, SHORT_DAYS, 7) && take_literal(c, " ")
		&& take_month(c, &t->month) && take_literal(c, " "))) {
		return false;
	}
	if (take_literal(c, " ")) {
		if (!take_digits(c, 1, &t->day)) {
			return false;
		}
	} else if (!take_digits(c, 2, &t->day)) {
		return false;
	}
	return take_literal(c, " ") && take_time_of_day(c, t)
		&& take_literal(c, " ") && take_year4(c, t) && at_end(c);
}

static bool
is_valid(const civil_time *t)
{
	return t->day >= 1 && t->day <= ck_days_in_month(t->year, t->month)
		&& t->hour < 24 && t->minute < 60 && t->second < 60;
}

ck_result
ck_http_date_parse(ck_span s, int64_t *unix_time)
{
	cursor c;
	civil_time t;
	size_t len;
	bool ok;

	if (unix_time == NULL || (s.ptr == NULL && s.len != 0)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (s.len == 0) {
		return CK_ERR_HTTP_MALFORMED;
	}
	c.p = s.ptr;
	c.end = s.ptr + s.len;
	while (c.p < c.end && is_blank(*c.p)) {
		c.p++;
	}
	while (c.end > c.p && is_blank(c.end[-1])) {
		c.end--;
	}
	len = (size_t)(c.end - c.p);
	memset(&t, 0, sizeof(t));

	/* The fourth byte tells the forms apart: ',' ' ' or a letter. */
	if (len == IMF_FIXDATE_LEN && c.p[3] == ',') {
		ok = parse_imf_fixdate(&c, &t);
	} else if (len == ASCTIME_LEN && c.p[3] == ' ') {
		ok = parse_asctime(&c, &t);
	} else if (len > 3) {
		ok = parse_rfc850(&c, &t);
	} else {
		ok = false;
	}
	if (!ok || !is_valid(&t)) {
		return CK_ERR_HTTP_MALFORMED;
	}
	*unix_time = (int64_t)ck_days_from_civil(t.year, t.month, t.day) * 86400
		+ (int64_t)t.hour * 3600 + (int64_t)t.minute * 60
		+ (int64_t)t.second;
	return CK_OK;
}
