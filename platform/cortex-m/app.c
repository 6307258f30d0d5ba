/*
 * app.c -- the firmware demo: one BatchModifyGroupOffsets call from a bare
 * Cortex-M4 over lwIP (NO_SYS) and BearSSL, with no heap and no OS.
 *
 * The stack, bottom up, all in static memory:
 *   board Ethernet hooks (ck_board.h)  <- frames ->  lwIP netif "en0"
 *   lwIP raw TCP                        port/ck_lwip_tcp.c  (ck_transport)
 *   BearSSL TLS 1.2, minimal profile    port/ck_tls_client.c (ck_transport)
 *   the client                          core/ck_client.c
 * Everything runs on the one thread that entered main(): lwIP makes
 * progress only when net_poll() runs, which the lwIP transport calls
 * whenever it waits and sleep_ms() calls while it paces or backs off.
 *
 * After the call the outcome stays in ck_demo_result (for a debugger) and
 * the loop keeps the network alive for ever.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "netif/etharp.h"
#include "netif/ethernet.h"
#if LWIP_DHCP
#include "lwip/dhcp.h"
#endif
#if LWIP_DNS
#include "lwip/dns.h"
#endif

#include "ck_board.h"
#include "ck_client.h"
#include "ck_fw_trust_anchors.h"
#include "ck_lwip_tcp.h"
#include "ck_tls_client.h"

/* Most pieces one outgoing frame may have (ck_board_eth_output's limit). */
#define ETH_PIECES_MAX 8

/* How long to wait for a DHCP lease before giving up. */
#define DHCP_WAIT_MS 30000u

#define API_PORT 443

/* The demo request: partition 0 of topic "demo-topic" back to offset 42. */
static const ck_partition_offset demo_partitions[] = { { 0, 42 } };
static const ck_span demo_topics[] = { CK_SPAN_INIT("demo-topic") };

static struct netif en0;
static ck_lwip_tcp tcp;
static ck_transport tcp_transport;
static ck_tls_client tls;
static ck_transport tls_transport;
static ck_client client;
static ck_offsets_response response;

/* What the call returned (CK_OK, or why not); read it with a debugger. */
volatile ck_result ck_demo_result = CK_ERR_INVALID_ARGUMENT;

/* --- hooks lwIP needs (arch/cc.h, lwip/sys.h) ------------------------------ */

u32_t
sys_now(void)
{
	return (u32_t)ck_board_monotonic_ms();
}

/*
 * TCP initial sequence numbers and local ports: from the TRNG when it
 * answers, else a xorshift that at least never repeats a sequence.
 */
uint32_t
ck_lwip_rand(void)
{
	static uint32_t fallback = 0x9E3779B9u;
	uint32_t r;

	if (ck_board_entropy((uint8_t *)&r, sizeof r)) {
		return r;
	}
	fallback ^= fallback << 13;
	fallback ^= fallback >> 17;
	fallback ^= fallback << 5;
	return fallback ^ (uint32_t)ck_board_monotonic_ms();
}

void
ck_lwip_assert_failed(const char *msg, const char *file, int line)
{
	(void)file;
	(void)line;
	ck_board_panic(msg);
}

/* --- the Ethernet netif --------------------------------------------------------- */

static err_t
en0_linkoutput(struct netif *netif, struct pbuf *p)
{
	ck_board_eth_piece pieces[ETH_PIECES_MAX];
	size_t count = 0;
	struct pbuf *q;

	(void)netif;
	for (q = p; q != NULL; q = q->next) {
		if (count == ETH_PIECES_MAX) {
			return ERR_BUF;
		}
		pieces[count].data = q->payload;
		pieces[count].len = q->len;
		count++;
	}
	return ck_board_eth_output(pieces, count) ? ERR_OK : ERR_IF;
}

static err_t
en0_init(struct netif *netif)
{
	if (!ck_board_eth_init(netif->hwaddr)) {
		return ERR_IF;
	}
	netif->hwaddr_len = ETH_HWADDR_LEN;
	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->mtu = 1500;
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP
		| NETIF_FLAG_ETHERNET;
	netif->output = etharp_output;
	netif->linkoutput = en0_linkoutput;
	return ERR_OK;
}

/*
 * One received frame, if the board has one, into a chain of pool buffers
 * big enough for any frame; false when there is none or no buffer.
 * With the pool empty, frames wait in the board until lwIP frees some.
 */
static bool
receive_frame(void)
{
	ck_board_eth_buffer bufs[ETH_PIECES_MAX];
	struct pbuf *p, *q;
	size_t count = 0, len;

	p = pbuf_alloc(PBUF_RAW, CK_BOARD_ETH_FRAME_MAX, PBUF_POOL);
	if (p == NULL) {
		return false;
	}
	for (q = p; q != NULL; q = q->next) {
		if (count == ETH_PIECES_MAX) {
			/* Pool buffers far too small: lwipopts.h is wrong. */
			pbuf_free(p);
			return false;
		}
		bufs[count].data = q->payload;
		bufs[count].len = q->len;
		count++;
	}
	len = ck_board_eth_receive(bufs, count);
	if (len == 0 || len > p->tot_len) {
		pbuf_free(p);
		return false;
	}
	pbuf_realloc(p, (u16_t)len);
	if (en0.input(p, &en0) != ERR_OK) {
		pbuf_free(p);
	}
	return true;
}

/* Hand every waiting frame to lwIP, then run its timers. */
static void
net_poll(void *ctx)
{
	(void)ctx;
	while (receive_frame()) {
	}
	sys_check_timeouts();
}

/* --- the client's platform --------------------------------------------------- */

static int64_t
platform_unix_time(void *ctx)
{
	(void)ctx;
	return ck_board_unix_time();
}

static uint64_t
platform_monotonic_ms(void *ctx)
{
	(void)ctx;
	return ck_board_monotonic_ms();
}

/* Waiting must keep the network going: TCP acknowledges, ARP answers. */
static void
platform_sleep_ms(void *ctx, uint32_t ms)
{
	uint64_t until = ck_board_monotonic_ms() + ms;

	while (ck_board_monotonic_ms() < until) {
		net_poll(ctx);
	}
}

static uint32_t
platform_random_u32(void *ctx)
{
	(void)ctx;
	return ck_lwip_rand();
}

static const ck_platform platform = {
	platform_unix_time, platform_monotonic_ms, platform_sleep_ms,
	platform_random_u32, NULL
};

/* --- TLS hooks ------------------------------------------------------------------ */

static bool
tls_entropy(void *ctx, uint8_t *buf, size_t len)
{
	(void)ctx;
	return ck_board_entropy(buf, len);
}

static int64_t
tls_unix_time(void *ctx)
{
	(void)ctx;
	return ck_board_unix_time();
}

/* --- bring-up ------------------------------------------------------------------- */

static void
ip4_from_bytes(ip4_addr_t *a, const uint8_t b[4])
{
	IP4_ADDR(a, b[0], b[1], b[2], b[3]);
}

static bool
network_up(void)
{
	ck_board_ipv4 set;
	ip4_addr_t addr, mask, gw;
	bool have_static;

	memset(&set, 0, sizeof set);
	have_static = ck_board_ipv4_settings(&set);
	lwip_init();
	if (have_static) {
		ip4_from_bytes(&addr, set.addr);
		ip4_from_bytes(&mask, set.netmask);
		ip4_from_bytes(&gw, set.gateway);
	} else {
		ip4_addr_set_zero(&addr);
		ip4_addr_set_zero(&mask);
		ip4_addr_set_zero(&gw);
	}
	if (netif_add(&en0, &addr, &mask, &gw, NULL, en0_init,
		ethernet_input) == NULL)
	{
		return false;
	}
	netif_set_default(&en0);
	netif_set_up(&en0);
	netif_set_link_up(&en0);
#if LWIP_DNS
	if (have_static) {
		ip_addr_t dns;

		ip4_from_bytes(ip_2_ip4(&dns), set.dns);
		IP_SET_TYPE_VAL(dns, IPADDR_TYPE_V4);
		dns_setserver(0, &dns);
	}
#endif
	if (have_static) {
		return true;
	}
#if LWIP_DHCP
	{
		uint64_t until = ck_board_monotonic_ms() + DHCP_WAIT_MS;

		if (dhcp_start(&en0) != ERR_OK) {
			return false;
		}
		while (!dhcp_supplied_address(&en0)) {
			if (ck_board_monotonic_ms() >= until) {
				return false;
			}
			net_poll(NULL);
		}
		return true;
	}
#else
	return false;
#endif
}

static ck_result
call_api(const ck_board_api_config *api)
{
	ck_lwip_tcp_hooks hooks;
	ck_tls_config tc;
	ck_client_config cc;
	ck_offsets_request req;
	ck_result r;

	hooks.poll = net_poll;
	hooks.monotonic_ms = platform_monotonic_ms;
	hooks.ctx = NULL;
	r = ck_lwip_tcp_init(&tcp, api->connect_host != NULL
		? api->connect_host : CK_DEFAULT_ENDPOINT, API_PORT, &hooks);
	if (r != CK_OK) {
		return r;
	}
	tcp_transport = ck_lwip_tcp_transport(&tcp);

	memset(&tc, 0, sizeof tc);
	tc.lower = &tcp_transport;
	tc.anchors = ck_fw_trust_anchors;
	tc.anchor_count = ck_fw_trust_anchor_count;
	tc.server_name = CK_DEFAULT_ENDPOINT;
	tc.unix_time = tls_unix_time;
	tc.entropy = tls_entropy;
	tc.monotonic_ms = platform_monotonic_ms;
	r = ck_tls_client_init(&tls, &tc);
	if (r != CK_OK) {
		return r;
	}
	tls_transport = ck_tls_client_transport(&tls);

	memset(&cc, 0, sizeof cc);
	cc.region = ck_span_from_str(api->region);
	cc.secret_id = ck_span_from_str(api->secret_id);
	cc.secret_key = ck_span_from_str(api->secret_key);
	cc.transport = &tls_transport;
	cc.platform = &platform;
	r = ck_client_init(&client, &cc);
	if (r != CK_OK) {
		return r;
	}

	memset(&req, 0, sizeof req);
	req.instance_id = CK_SPAN_LITERAL("ckafka-demo0001");
	req.group_name = CK_SPAN_LITERAL("demo-group");
	req.partitions = demo_partitions;
	req.partition_count = sizeof demo_partitions / sizeof demo_partitions[0];
	req.topics = demo_topics;
	req.topic_count = sizeof demo_topics / sizeof demo_topics[0];
	r = ck_client_modify_offsets(&client, &req, &response);
	ck_client_deinit(&client);
	return r;
}

int
main(void)
{
	ck_board_api_config api;

	memset(&api, 0, sizeof api);
	if (!network_up()) {
		ck_demo_result = CK_ERR_CONNECT;
	} else if (!ck_board_api_settings(&api)) {
		ck_demo_result = CK_ERR_MISSING_FIELD;
	} else {
		ck_demo_result = call_api(&api);
	}
	for (;;) {
		net_poll(NULL);
	}
}
