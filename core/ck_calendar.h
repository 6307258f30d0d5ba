/*
 * ck_calendar.h -- proleptic Gregorian calendar arithmetic on 64-bit time.
 *
 * Pure integer arithmetic (no gmtime, no time_t), so dates after 2038 come
 * out right on 32-bit targets. The algorithms are Howard Hinnant's
 * days_from_civil / civil_from_days ("chrono-Compatible Low-Level Date
 * Algorithms"), exact for negative days and years too.
 */
#ifndef CK_CALENDAR_H
#define CK_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Years ck_days_from_civil() computes exactly: |y| <= CK_CALENDAR_YEAR_LIMIT.
 * Far beyond any unix time (an int64_t of seconds spans about +-2.9e11
 * years); a year outside is clamped to the limit, so no input overflows.
 */
#define CK_CALENDAR_YEAR_LIMIT INT64_C(1000000000000000)

/*
 * Days since 1970-01-01 of the civil date y-m-d (m 1..12, d 1..31; the day
 * is not checked against the month, so 2024-02-30 is 2024-03-01). A month
 * outside 1..12 gives a meaningless but defined result; validate first with
 * ck_days_in_month().
 */
int64_t ck_days_from_civil(int64_t y, unsigned m, unsigned d);

/*
 * Civil date of `days` since 1970-01-01, for every int64_t value. None of
 * the pointers may be NULL.
 */
void ck_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/* True for a leap year of the proleptic Gregorian calendar. */
bool ck_is_leap_year(int64_t y);

/* Days in month m (1..12) of year y; 0 when m is outside 1..12. */
unsigned ck_days_in_month(int64_t y, unsigned m);

/*
 * Write the UTC date of unix time `t` as "YYYY-MM-DD" into out[0..9] (no NUL).
 * Returns false, writing nothing, when the year is outside 0..9999.
 */
bool ck_utc_date(int64_t t, char out[10]);

#endif /* CK_CALENDAR_H */
