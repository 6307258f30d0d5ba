/*
 * ck_posix_platform.c -- clocks, sleep and jitter for a POSIX host.
 */
#include "ck_posix_platform.h"

#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <unistd.h>

int64_t
ck_posix_unix_time(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0) {
		return -1;
	}
	return (int64_t)ts.tv_sec;
}

uint64_t
ck_posix_monotonic_ms(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	/* CLOCK_MONOTONIC cannot fail on Linux with a valid clock id. */
	(void)clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void
posix_sleep_ms(void *ctx, uint32_t ms)
{
	struct timespec req;
	struct timespec rem;

	(void)ctx;
	req.tv_sec = (time_t)(ms / 1000u);
	req.tv_nsec = (long)(ms % 1000u) * 1000000L;
	while (nanosleep(&req, &rem) != 0 && errno == EINTR) {
		req = rem;
	}
}

static uint32_t
posix_random_u32(void *ctx)
{
	uint32_t v = 0;
	int fd;

	(void)ctx;
	/* Only jitter: a failed read leaves the client's fixed seed in use. */
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		if (read(fd, &v, sizeof v) != (ssize_t)sizeof v) {
			v = 0;
		}
		close(fd);
	}
	return v;
}

ck_platform
ck_posix_platform(void)
{
	ck_platform p;

	p.unix_time = ck_posix_unix_time;
	p.monotonic_ms = ck_posix_monotonic_ms;
	p.sleep_ms = posix_sleep_ms;
	p.random_u32 = posix_random_u32;
	p.ctx = NULL;
	return p;
}
