/*
 * ck_tapif.c -- an lwIP netif on a Linux TAP device (host harness only).
 *
 * Frames are copied both ways through one buffer in the ck_tapif: lwIP's
 * pbuf chains go out with one write() per frame (a TAP takes exactly one
 * frame per write), and received frames go into PBUF_POOL pbufs like an
 * Ethernet driver's DMA ring would deliver them on the board.
 */
/* struct ifreq needs the BSD/GNU parts of <net/if.h>. */
#define _DEFAULT_SOURCE

/* System headers first: glibc's <endian.h> defines the byte-order names
 * that lwIP would otherwise define differently. */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/pbuf.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "ck_tapif.h"

/* Frames handed to lwIP per poll before its timers get a turn. */
#define FRAMES_PER_POLL 64

/* Shortest frame worth parsing: an Ethernet header. */
#define ETH_HEADER_LEN 14

static err_t
tap_linkoutput(struct netif *netif, struct pbuf *p)
{
	ck_tapif *tap = netif->state;
	u16_t len;
	ssize_t written;

	if (p->tot_len > CK_TAPIF_FRAME_MAX) {
		return ERR_BUF;
	}
	len = pbuf_copy_partial(p, tap->frame, p->tot_len, 0);
	do {
		written = write(tap->fd, tap->frame, len);
	} while (written < 0 && errno == EINTR);
	return written == (ssize_t)len ? ERR_OK : ERR_IF;
}

static err_t
tap_netif_init(struct netif *netif)
{
	ck_tapif *tap = netif->state;

	netif->name[0] = 't';
	netif->name[1] = 'p';
	netif->output = etharp_output;
	netif->linkoutput = tap_linkoutput;
	netif->mtu = 1500;
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, tap->mac, ETH_HWADDR_LEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP
		| NETIF_FLAG_ETHERNET;
	return ERR_OK;
}

int
ck_tapif_open(ck_tapif *tap, const char *ifname, const uint8_t mac[6],
	const ip4_addr_t *ip, const ip4_addr_t *netmask, const ip4_addr_t *gw)
{
	struct ifreq ifr;
	int fd, flags;

	memset(tap, 0, sizeof *tap);
	tap->fd = -1;
	if (ifname == NULL || strlen(ifname) >= sizeof ifr.ifr_name
		|| mac == NULL || ip == NULL || netmask == NULL)
	{
		errno = EINVAL;
		return -1;
	}
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		return -1;
	}
	memset(&ifr, 0, sizeof ifr);
	/* IFF_NO_PI: bare frames, without the 4-byte packet-info prefix. */
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	memcpy(ifr.ifr_name, ifname, strlen(ifname));
	flags = fcntl(fd, F_GETFL, 0);
	if (ioctl(fd, TUNSETIFF, (void *)&ifr) < 0 || flags < 0
		|| fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
	{
		int saved = errno;

		(void)close(fd);
		errno = saved;
		return -1;
	}
	tap->fd = fd;
	memcpy(tap->mac, mac, sizeof tap->mac);
	if (netif_add(&tap->netif, ip, netmask, gw, tap, tap_netif_init,
		netif_input) == NULL)
	{
		(void)close(fd);
		tap->fd = -1;
		errno = EIO;
		return -1;
	}
	netif_set_default(&tap->netif);
	netif_set_link_up(&tap->netif);
	netif_set_up(&tap->netif);
	return 0;
}

/* One frame from the TAP into lwIP; false when none is waiting. */
static bool
input_one_frame(ck_tapif *tap)
{
	ssize_t n;
	struct pbuf *p;

	do {
		n = read(tap->fd, tap->frame, sizeof tap->frame);
	} while (n < 0 && errno == EINTR);
	if (n <= 0) {
		return false;
	}
	if (n < ETH_HEADER_LEN || n > CK_TAPIF_FRAME_MAX) {
		tap->frames_dropped++;
		return true;
	}
	p = pbuf_alloc(PBUF_RAW, (u16_t)n, PBUF_POOL);
	if (p == NULL) {
		/* The pool is the receive ring: full means dropped, as on
		 * a board; TCP retransmits. */
		tap->frames_dropped++;
		return true;
	}
	/* Copied out before input: lwIP may answer at once through
	 * tap_linkoutput, which reuses tap->frame. */
	if (pbuf_take(p, tap->frame, (u16_t)n) != ERR_OK
		|| tap->netif.input(p, &tap->netif) != ERR_OK)
	{
		(void)pbuf_free(p);
	}
	return true;
}

void
ck_tapif_poll(ck_tapif *tap, int wait_ms)
{
	struct pollfd pfd;
	int i;

	if (tap->fd >= 0) {
		pfd.fd = tap->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		if (poll(&pfd, 1, wait_ms < 0 ? 0 : wait_ms) > 0) {
			for (i = 0; i < FRAMES_PER_POLL; i++) {
				if (!input_one_frame(tap)) {
					break;
				}
			}
		}
	}
	sys_check_timeouts();
}

void
ck_tapif_close(ck_tapif *tap)
{
	if (tap->fd < 0) {
		return;
	}
	netif_remove(&tap->netif);
	(void)close(tap->fd);
	tap->fd = -1;
}
