/*
 * ck_calendar.h -- proleptic Gregorian dates of years 0000..9999.
 *
 * The only years the library needs: a TC3 credential scope and an HTTP
 * date both have four-digit years. Within them day numbers fit 32 bits,
 * so everything here is 32-bit arithmetic (no gmtime, no time_t, no 64-bit
 * division): dates after 2038 come out right on 32-bit targets, and no
 * libgcc division routine is pulled in. Civil date to day number is Howard
 * Hinnant's days_from_civil ("chrono-Compatible Low-Level Date
 * Algorithms"); the other way searches with it.
 */
#ifndef CK_CALENDAR_H
#define CK_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

/* The years this file computes with: CK_CALENDAR_YEAR_MAX is the last. */
#define CK_CALENDAR_YEAR_MAX 9999u

/*
 * Days since 1970-01-01 of the civil date y-m-d: y 0..9999, m 1..12, d
 * 1..31 (the day is not checked against the month, so 2024-02-30 is
 * 2024-03-01; validate first with ck_days_in_month()). Outside those
 * ranges the result is meaningless, but computed in unsigned arithmetic
 * (no signed overflow; the final conversion to int32_t wraps, as it does
 * on every compiler this library supports).
 */
int32_t ck_days_from_civil(unsigned y, unsigned m, unsigned d);

/*
 * Civil date of `days` since 1970-01-01, for days of years 0000..9999
 * (-719528 .. 2932896); others give a meaningless but defined date. None
 * of the pointers may be NULL.
 */
void ck_civil_from_days(int32_t days, unsigned *y, unsigned *m, unsigned *d);

/* True for a leap year of the proleptic Gregorian calendar. */
bool ck_is_leap_year(unsigned y);

/* Days in month m (1..12) of year y; 0 when m is outside 1..12. */
unsigned ck_days_in_month(unsigned y, unsigned m);

/*
 * Split unix time `t` into days since 0000-01-01 (BearSSL's day count)
 * and seconds into that day. False, writing nothing, when `t` is outside
 * years 0000..9999: no certificate and no date of the API lies there.
 */
bool ck_unix_time_split(int64_t t, uint32_t *days, uint32_t *seconds);

/*
 * Write the UTC date of unix time `t` as "YYYY-MM-DD" into out[0..9] (no NUL).
 * Returns false, writing nothing, when the year is outside 0..9999.
 */
bool ck_utc_date(int64_t t, char out[10]);

#endif /* CK_CALENDAR_H */
