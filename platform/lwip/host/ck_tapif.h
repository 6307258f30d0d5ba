/*
 * ck_tapif.h -- an lwIP netif on a Linux TAP device, for the host harness
 * that runs the firmware's lwIP configuration (NO_SYS=1) in user space.
 *
 * The kernel side of the TAP is an ordinary interface (address, routes,
 * servers); lwIP on our side exchanges raw Ethernet frames with it through
 * /dev/net/tun. Opening a TAP needs CAP_NET_ADMIN, in practice root inside
 * a throwaway network namespace (tests/lwip/run_lwip_tests.sh).
 *
 * Host only: uses the file descriptor API and may print.
 */
#ifndef CK_TAPIF_H
#define CK_TAPIF_H

#include <stdint.h>

#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

/* Largest frame taken from the TAP: 1500-byte MTU, Ethernet and VLAN
 * headers, no FCS. Longer frames are dropped. */
#define CK_TAPIF_FRAME_MAX 1518

/* One TAP netif. The caller owns it (it must not move while open). */
typedef struct {
	int fd;                         /* -1 while closed */
	uint8_t mac[6];
	unsigned long frames_dropped;   /* too long, too short, or no pbuf */
	struct netif netif;
	uint8_t frame[CK_TAPIF_FRAME_MAX + 1]; /* +1 tells a long frame */
} ck_tapif;

/*
 * Attach to the existing TAP `ifname` (the kernel side created it, e.g.
 * `ip tuntap add dev tap0 mode tap`) and add it to lwIP as the default
 * netif, up, with `mac` and the given IPv4 configuration (gw may be NULL).
 * lwip_init() must have run. Returns 0, or -1 with errno set.
 */
int ck_tapif_open(ck_tapif *tap, const char *ifname, const uint8_t mac[6],
	const ip4_addr_t *ip, const ip4_addr_t *netmask, const ip4_addr_t *gw);

/*
 * Wait up to `wait_ms` for a frame, feed every frame that is there to
 * lwIP (at most a burst, so timers are never starved), then run lwIP's
 * timers. This is the "poll" hook of ck_lwip_tcp on the host.
 */
void ck_tapif_poll(ck_tapif *tap, int wait_ms);

/* Remove the netif and close the TAP. Safe when already closed. */
void ck_tapif_close(ck_tapif *tap);

#endif /* CK_TAPIF_H */
