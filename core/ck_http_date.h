/*
 * ck_http_date.h -- parse an HTTP Date header value into unix time.
 *
 * Used to correct the device clock when the server says the signature
 * expired (boards without an RTC boot in 1970).
 */
#ifndef CK_HTTP_DATE_H
#define CK_HTTP_DATE_H

#include <stdint.h>

#include "ck_result.h"
#include "ck_span.h"

/*
 * Parse `s` (leading/trailing spaces and tabs allowed) as an HTTP-date of
 * RFC 9110 section 5.6.7: IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT", or
 * the obsolete RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT" and asctime
 * "Sun Nov  6 08:49:37 1994" forms. Day names are checked for form only.
 * On CK_OK *unix_time is seconds since the epoch. Anything else, including
 * impossible dates (Feb 30, hour 24, second 61), is CK_ERR_HTTP_MALFORMED.
 *
 * Strictness, on purpose (a clock set from a misread date is worse than no
 * correction):
 *  - every field has exactly the width of its grammar (2-digit day, 4-digit
 *    year, 2-digit hour/minute/second; asctime's day is 2 digits or a space
 *    and 1 digit); single spaces between fields;
 *  - day and month names are case-sensitive, spelt as in the RFC ("Nov",
 *    "Sunday"); "GMT" is required in the first two forms and absent in
 *    asctime;
 *  - the day must exist in its month (leap years counted), hour 0..23,
 *    minute 0..59, second 0..59: a leap second 60 is rejected, since unix
 *    time cannot represent it;
 *  - the RFC 850 two-digit year yy is 19yy for 70..99 and 20yy for 00..69
 *    (a fixed pivot instead of RFC 9110's "50 years from now" rule, which
 *    would need the very clock being corrected). Any 4-digit year,
 *    0000..9999, is accepted in the other forms.
 *
 * CK_ERR_INVALID_ARGUMENT when unix_time is NULL or s has a NULL pointer
 * with a non-zero length. *unix_time is only written on CK_OK.
 */
ck_result ck_http_date_parse(ck_span s, int64_t *unix_time);

#endif /* CK_HTTP_DATE_H */
