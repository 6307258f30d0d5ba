/*
 * ck_deadline.h -- deadlines on a monotonic clock that may start anywhere.
 *
 * The client, the TLS client and the lwIP stream each turn "now plus a
 * timeout" into a deadline; a platform's monotonic milliseconds may start
 * at any value, so the sum is held at the end of time rather than wrapped
 * to a deadline long gone.
 */
#ifndef CK_DEADLINE_H
#define CK_DEADLINE_H

#include <stdint.h>

/* now + wait, or UINT64_MAX when that does not fit. */
uint64_t ck_deadline(uint64_t now, uint64_t wait);

#endif /* CK_DEADLINE_H */
