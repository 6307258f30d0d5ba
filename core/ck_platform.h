/*
 * ck_platform.h -- the few services the client needs from its platform.
 *
 * A board or OS supplies these as function pointers with an opaque context.
 * Nothing here is called from an interrupt; all calls come from the thread
 * that called the client.
 */
#ifndef CK_PLATFORM_H
#define CK_PLATFORM_H

#include <stdint.h>

typedef struct {
	/*
	 * Wall-clock time, seconds since 1970-01-01T00:00:00Z, as the device
	 * believes it; it may be wrong (boards without an RTC). The client
	 * corrects it from the server's Date header when a signature expires.
	 * A negative value means "unknown".
	 */
	int64_t (*unix_time)(void *ctx);

	/* Monotonic milliseconds since an arbitrary origin; never goes back. */
	uint64_t (*monotonic_ms)(void *ctx);

	/*
	 * Wait `ms` milliseconds (pacing and backoff). On a NO_SYS lwIP board
	 * this keeps polling the network while it waits.
	 */
	void (*sleep_ms)(void *ctx, uint32_t ms);

	/* Any 32 random bits, used only to jitter backoff (not for crypto).
	 * May be NULL: the client then uses a fixed-seed generator. */
	uint32_t (*random_u32)(void *ctx);

	/* The integrator's context, passed to every function above. */
	void *ctx;
} ck_platform;

#endif /* CK_PLATFORM_H */
