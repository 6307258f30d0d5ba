/*
 * ck_posix_platform.h -- ck_platform for a POSIX host: CLOCK_REALTIME,
 * CLOCK_MONOTONIC, nanosleep, getrandom.
 */
#ifndef CK_POSIX_PLATFORM_H
#define CK_POSIX_PLATFORM_H

#include "ck_platform.h"

/* The host's platform services. Stateless; ctx is NULL. */
ck_platform ck_posix_platform(void);

/* The host's wall clock, unix seconds (the ck_platform hook, also usable
 * as the TLS client's certificate clock). */
int64_t ck_posix_unix_time(void *ctx);

/* Milliseconds of CLOCK_MONOTONIC (the ck_platform hook, and the clock of
 * every deadline the host tools keep themselves). ctx is unused. */
uint64_t ck_posix_monotonic_ms(void *ctx);

#endif /* CK_POSIX_PLATFORM_H */
