/*
 * arch/cc.h -- compiler and platform glue lwIP asks every port for.
 *
 * Ours is minimal and the same on every target: standard C types from
 * <stdint.h>, byte order from the compiler, and diagnostics that pull in
 * no stdio on firmware. These hooks come from the integrator, as plain
 * functions (NO_SYS=1 has no sys_arch layer):
 *
 *   u32_t    sys_now(void)        milliseconds, wrapping, for lwIP's timers
 *                                 (declared by lwip/sys.h);
 *   uint32_t ck_lwip_rand(void)   random bits for ports, DNS ids and DHCP
 *                                 transaction ids (declared below);
 *   void     ck_lwip_assert_failed(const char *msg, const char *file,
 *                                 int line)
 *                                 only on firmware with assertions on;
 *                                 must not return (reset the board).
 *
 * The host harness (CK_LWIP_HOST defined) uses stdio and abort() instead.
 */
#ifndef CK_LWIP_ARCH_CC_H
#define CK_LWIP_ARCH_CC_H

#include <stdint.h>

/*
 * lwIP defaults to little endian. Name big endian only when the compiler
 * says so and nobody (e.g. glibc's <endian.h>) defined BYTE_ORDER first:
 * a second, different definition would be a redefinition error.
 */
#if !defined(BYTE_ORDER) && defined(__BYTE_ORDER__) \
	&& defined(__ORDER_BIG_ENDIAN__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define BYTE_ORDER BIG_ENDIAN
#endif

uint32_t ck_lwip_rand(void);
#define LWIP_RAND() ck_lwip_rand()

/*
 * lwIP's own isdigit() and friends instead of <ctype.h>, whose table
 * newlib links in whole (260 bytes) for ip4addr_aton alone. Here, not in
 * lwipopts.h: lwip/arch.h reads it before some files include lwipopts.h.
 */
#define LWIP_NO_CTYPE_H 1

#ifdef CK_LWIP_HOST
#include <stdio.h>
#include <stdlib.h>
#define LWIP_PLATFORM_DIAG(x) do { printf x; } while (0)
#define LWIP_PLATFORM_ASSERT(x) do { \
	fprintf(stderr, "lwip assertion \"%s\" failed at %s:%d\n", \
		(x), __FILE__, __LINE__); \
	abort(); \
} while (0)
#else
/* No console on firmware: diagnostics vanish, assertions reset. */
void ck_lwip_assert_failed(const char *msg, const char *file, int line);
#define LWIP_PLATFORM_DIAG(x) do { } while (0)
#define LWIP_PLATFORM_ASSERT(x) ck_lwip_assert_failed((x), __FILE__, __LINE__)
#endif

#endif /* CK_LWIP_ARCH_CC_H */
