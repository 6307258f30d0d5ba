/*
 * ck_host_sys.h -- the clock the host harness gives lwIP and the transport.
 *
 * ck_host_sys.c also defines the hooks lwIP's arch/cc.h asks the
 * integrator for: sys_now() and ck_lwip_rand().
 */
#ifndef CK_HOST_SYS_H
#define CK_HOST_SYS_H

#include <stdint.h>

/* CLOCK_MONOTONIC in milliseconds; 0 if the clock fails. */
uint64_t ck_host_monotonic_ms(void);

#endif /* CK_HOST_SYS_H */
