/*
 * ck_calendar.c -- civil dates <-> day numbers.
 *
 * One conversion, civil date to day number, after Howard Hinnant: the
 * year is shifted to start on March 1st so the leap day is the last day
 * of the shifted year, and a 400-year era then holds exactly 146097 days.
 * Day numbers are counted internally from -0400-03-01, one era before
 * year 0, so every date of years 0..9999 is a small non-negative number
 * and all arithmetic is unsigned 32-bit. The other direction searches
 * with it (a signature needs one date, so a few steps cost nothing).
 */
#include "ck_calendar.h"

#include "ck_text.h"

#define DAYS_PER_ERA 146097u
/* Days from -0400-03-01 to 1970-01-01. */
#define EPOCH_SHIFT (719468u + DAYS_PER_ERA)
/* Days and seconds from 0000-01-01 to 1970-01-01; seconds to 10000-01-01. */
#define DAYS_Y0_TO_EPOCH 719528
#define DAYS_Y0_TO_Y10K 3652425
#define SECONDS_Y0_TO_EPOCH INT64_C(62167219200)
#define SECONDS_Y0_TO_Y10K  INT64_C(315569520000)

int32_t
ck_days_from_civil(unsigned y, unsigned m, unsigned d)
{
	unsigned mp = (m > 2) ? m - 3 : m + 9;  /* March = 0 */
	unsigned yoe, doy;

	y += 400 - (m <= 2);                     /* years since -0400 */
	yoe = y % 400;
	doy = (153 * mp + 2) / 5 + d - 1;
	/* Unsigned to the end: a year far out of range wraps, never
	 * overflows a signed int. */
	return (int32_t)((y / 400) * DAYS_PER_ERA + yoe * 365 + yoe / 4
		- yoe / 100 + doy - EPOCH_SHIFT);
}

void
ck_civil_from_days(int32_t days, unsigned *y, unsigned *m, unsigned *d)
{
	/*
	 * No year has more than 366 days, so this first guess is never past
	 * the year `days` falls in, and at most about 21 short of it (year
	 * 9999); each step up asks ck_days_from_civil, the one conversion.
	 */
	int64_t since_y0 = (int64_t)days + DAYS_Y0_TO_EPOCH;
	unsigned year = since_y0 < 0 ? 0 : since_y0 > DAYS_Y0_TO_Y10K
		? CK_CALENDAR_YEAR_MAX : (unsigned)since_y0 / 366u;
	unsigned month = 1;

	/* The bounds keep a day outside the range from looping long. */
	while (year < CK_CALENDAR_YEAR_MAX
		&& ck_days_from_civil(year + 1, 1, 1) <= days) {
		year++;
	}
	days -= ck_days_from_civil(year, 1, 1);
	while (month < 12 && (unsigned)days >= ck_days_in_month(year, month)) {
		days -= (int32_t)ck_days_in_month(year, month);
		month++;
	}
	*y = year;
	*m = month;
	*d = (unsigned)days + 1;
}

bool
ck_is_leap_year(unsigned y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

unsigned
ck_days_in_month(unsigned y, unsigned m)
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

bool
ck_unix_time_split(int64_t t, uint32_t *days, uint32_t *seconds)
{
	uint64_t s;

	if (t < -SECONDS_Y0_TO_EPOCH
		|| t >= SECONDS_Y0_TO_Y10K - SECONDS_Y0_TO_EPOCH) {
		return false;
	}
	/*
	 * Seconds since 0000-01-01 are below 2^39, so divided by 2^7 they
	 * fit 32 bits, and 86400 = 2^7 * 675 finishes in 32-bit arithmetic.
	 */
	s = (uint64_t)(t + SECONDS_Y0_TO_EPOCH);
	*days = (uint32_t)(s >> 7) / 675u;
	*seconds = (uint32_t)(s - (uint64_t)*days * 86400u);
	return true;
}

bool
ck_utc_date(int64_t t, char out[10])
{
	uint32_t days, seconds;
	unsigned y, m, d;

	if (!ck_unix_time_split(t, &days, &seconds)) {
		return false;
	}
	ck_civil_from_days((int32_t)days - DAYS_Y0_TO_EPOCH, &y, &m, &d);
	ck_text_dec(y, 4, out);
	out[4] = '-';
	ck_text_dec(m, 2, out + 5);
	out[7] = '-';
	ck_text_dec(d, 2, out + 8);
	return true;
}
