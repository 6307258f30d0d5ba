/*
 * ck_calendar.c -- civil dates <-> day numbers, after Howard Hinnant.
 *
 * The year is shifted to start on March 1st so the leap day is the last day
 * of the shifted year; a 400-year era then holds exactly 146097 days.
 */
#include "ck_calendar.h"

#define DAYS_PER_ERA 146097
/* Days from 0000-03-01 to 1970-01-01. */
#define EPOCH_SHIFT 719468

/* Division rounding toward minus infinity, with its non-negative remainder. */
static int64_t
floor_div(int64_t a, int64_t b, int64_t *rem)
{
	int64_t q = a / b;
	int64_t r = a % b;

	if (r < 0) {
		q -= 1;
		r += b;
	}
	*rem = r;
	return q;
}

int64_t
ck_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era, yoe, doy, doe, mp, rem;

	if (y > CK_CALENDAR_YEAR_LIMIT) {
		y = CK_CALENDAR_YEAR_LIMIT;
	} else if (y < -CK_CALENDAR_YEAR_LIMIT) {
		y = -CK_CALENDAR_YEAR_LIMIT;
	}
	if (m <= 2) {
		y -= 1;
	}
	era = floor_div(y, 400, &rem);
	yoe = rem;                                        /* [0, 399] */
	mp = (m > 2) ? (int64_t)m - 3 : (int64_t)m + 9;  /* March = 0 */
	doy = (153 * mp + 2) / 5 + (int64_t)d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * DAYS_PER_ERA + doe - EPOCH_SHIFT;
}

void
ck_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era, doe, yoe, doy, mp, rem;

	/*
	 * days + EPOCH_SHIFT could overflow near INT64_MAX: split into eras
	 * first and add the shift to the remainder only.
	 */
	era = floor_div(days, DAYS_PER_ERA, &rem);
	rem += EPOCH_SHIFT;
	era += rem / DAYS_PER_ERA;
	doe = rem % DAYS_PER_ERA;                                   /* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              /* [0, 365] */
	mp = (5 * doy + 2) / 153;                                   /* [0, 11] */
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2 ? 1 : 0);
}

bool
ck_is_leap_year(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned
ck_days_in_month(int64_t y, unsigned m)
{
	static const unsigned char days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m < 1 || m > 12) {
		return 0;
	}
	if (m == 2 && ck_is_leap_year(y)) {
		return 29;
	}
	return days[m - 1];
}

static void
write_digits(char *out, unsigned value, unsigned width)
{
	while (width > 0) {
		width--;
		out[width] = (char)('0' + value % 10);
		value /= 10;
	}
}

bool
ck_utc_date(int64_t t, char out[10])
{
	int64_t rem, y;
	unsigned m, d;

	ck_civil_from_days(floor_div(t, 86400, &rem), &y, &m, &d);
	if (y < 0 || y > 9999) {
		return false;
	}
	write_digits(out, (unsigned)y, 4);
	out[4] = '-';
	write_digits(out + 5, m, 2);
	out[7] = '-';
	write_digits(out + 8, d, 2);
	return true;
}
