/*
 * ck_host_sys.c -- lwIP's integrator hooks on a POSIX host.
 */
#include <stdint.h>
#include <sys/random.h>
#include <time.h>

#include "lwip/arch.h"
#include "lwip/sys.h"

#include "ck_host_sys.h"

uint64_t
ck_host_monotonic_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0;
	}
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* lwIP's timers compare with wrapping arithmetic: truncation is fine. */
u32_t
sys_now(void)
{
	return (u32_t)ck_host_monotonic_ms();
}

/*
 * Random local ports and DNS/DHCP ids. Not key material, but there is no
 * reason to be predictable on a host; a failed getrandom still yields a
 * varying value from the clock.
 */
uint32_t
ck_lwip_rand(void)
{
	uint32_t v;

	if (getrandom(&v, sizeof v, GRND_NONBLOCK) != (ssize_t)sizeof v) {
		v = (uint32_t)ck_host_monotonic_ms() * 2654435761u;
	}
	return v;
}
