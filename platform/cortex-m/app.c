/*
 * app.c -- the firmware application: BatchModifyGroupOffsets calls from a
 * bare Cortex-M4 over lwIP (NO_SYS) and BearSSL, with no heap and no OS.
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
 * What to do comes from the board: its settings (credentials, endpoint,
 * where to connect, trust anchors) and, one by one, the requests to carry
 * out (ck_board_next_request); each outcome goes back to it with what was
 * measured on the way (ck_board_request_done). The client and its
 * kept-alive connection stay up while requests keep coming; once the board
 * has none, the connection is closed and every key wiped. Every board runs this
 * same file: the stub that is measured for flash and RAM, the QEMU board
 * that runs the end-to-end tests, a product's own.
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

#include "ck_api_settings.h"
#include "ck_board.h"
#include "ck_client.h"
#include "ck_fw_trust_anchors.h"
#include "ck_lwip_tcp.h"
#include "ck_startup.h"
#include "ck_tls_client.h"

/* Most pieces one outgoing frame may have (ck_board_eth_output's limit). */
#define ETH_PIECES_MAX 8

/* How long to wait for a DHCP lease before giving up. */
#define DHCP_WAIT_MS 30000u

#define API_PORT 443

static struct netif en0;
static bool network_is_up;
static ck_board_api_config api;
static ck_lwip_tcp tcp;
static ck_transport tcp_transport;
static ck_tls_client tls;
static ck_transport tls_transport;
/* The TLS transport as the client sees it: openings are measured. */
static ck_transport client_transport;
static ck_client client;
static bool client_is_set_up;
static ck_offsets_response response;
static ck_board_report report;

/* --- hooks lwIP needs (arch/cc.h, lwip/sys.h) ------------------------------ */

u32_t
sys_now(void)
{
	return (u32_t)ck_board_monotonic_ms();
}

/*
 * Random bits for lwIP: local ports, DNS and DHCP transaction ids. Only
 * from the board's entropy source: network_up() makes sure it answers
 * before lwIP starts, so a failure later is a broken board.
 */
uint32_t
ck_lwip_rand(void)
{
	uint32_t r;

	if (!ck_board_entropy((uint8_t *)&r, sizeof r)) {
		ck_board_panic("entropy source failed");
	}
	return r;
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

/*
 * Hand every waiting frame to lwIP, then run its timers; with nothing
 * received, let the board sleep until its next interrupt.
 */
static void
net_poll(void *ctx)
{
	bool received = false;

	(void)ctx;
	while (receive_frame()) {
		received = true;
	}
	sys_check_timeouts();
	if (!received) {
		ck_board_idle();
	}
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
		if (network_is_up) {
			net_poll(ctx);
		} else {
			ck_board_idle();
		}
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

/* --- measuring the connection's openings ----------------------------------- */

/* TCP connect and TLS handshake, with the CPU time they took. */
static ck_result
measured_open(void *ctx, uint32_t timeout_ms)
{
	uint64_t start = ck_board_cpu_time_ns();
	ck_result r = tls_transport.open(ctx, timeout_ms);

	if (report.opens < CK_BOARD_REPORT_OPENS) {
		report.open_cpu_ns[report.opens] = ck_board_cpu_time_ns() - start;
	}
	report.opens++;
	return r;
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
	uint8_t probe[4];

	/* lwIP draws its ports and ids from the board's entropy (ck_lwip_rand):
	 * without a source there is no network, never a predictable one. */
	if (!ck_board_entropy(probe, sizeof probe)) {
		return false;
	}
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
	network_is_up = true;
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

/*
 * The board's settings into the transports and the client, once: they
 * stay up, with their connection, from one request to the next.
 */
static ck_result
set_up_client(const char **what)
{
	const char *endpoint;
	ck_lwip_tcp_hooks hooks;
	ck_tls_config tc;
	ck_client_config cc;
	ck_result r;

	if (client_is_set_up) {
		return CK_OK;
	}
	memset(&api, 0, sizeof api);
	*what = "reading the board's settings";
	r = ck_board_api_settings(&api, what);
	if (r != CK_OK) {
		return r;
	}
	endpoint = ck_api_settings_endpoint(&api.api);

	*what = "setting up the connection";
	hooks.poll = net_poll;
	hooks.monotonic_ms = platform_monotonic_ms;
	hooks.ctx = NULL;
	r = ck_lwip_tcp_init(&tcp, api.connect_host != NULL
		? api.connect_host : endpoint,
		api.connect_port != 0 ? api.connect_port : API_PORT, &hooks);
	if (r != CK_OK) {
		return r;
	}
	tcp_transport = ck_lwip_tcp_transport(&tcp);

	memset(&tc, 0, sizeof tc);
	tc.lower = &tcp_transport;
	if (api.anchors != NULL && api.anchor_count > 0) {
		tc.anchors = api.anchors;
		tc.anchor_count = api.anchor_count;
	} else {
		tc.anchors = ck_fw_trust_anchors;
		tc.anchor_count = ck_fw_trust_anchor_count;
	}
	tc.server_name = endpoint;
	tc.unix_time = tls_unix_time;
	tc.entropy = tls_entropy;
	tc.monotonic_ms = platform_monotonic_ms;
	r = ck_tls_client_init(&tls, &tc);
	if (r != CK_OK) {
		return r;
	}
	tls_transport = ck_tls_client_transport(&tls);
	client_transport = tls_transport;
	client_transport.open = measured_open;

	*what = "setting up the client";
	cc = ck_api_settings_client_config(&api.api, &client_transport,
		&platform);
	r = ck_client_init(&client, &cc);
	if (r != CK_OK) {
		return r;
	}
	client_is_set_up = true;
	return CK_OK;
}

/* One request, start to end, into `report`. */
static void
carry_out(const ck_board_request *req)
{
	uint64_t start = ck_board_cpu_time_ns();
	const char *what = NULL;
	ck_result r;

	memset(&report, 0, sizeof report);
	memset(&response, 0, sizeof response);
	r = set_up_client(&what);
	if (r == CK_OK && req->prepare_only) {
		what = "preparing the request";
		r = ck_client_prepare(&client, &req->request, &report.head,
			&report.body);
	} else if (r == CK_OK) {
		what = "bringing the network up";
		if (!network_is_up && !network_up()) {
			r = CK_ERR_CONNECT;
		} else {
			/* The call names its own failures (by result). */
			what = NULL;
			r = ck_client_modify_offsets(&client, &req->request,
				&response);
		}
	}
	report.result = r;
	report.what = r == CK_OK ? NULL : what;
	report.response = &response;
	report.tls_error = client_is_set_up ? ck_tls_client_last_error(&tls)
		: 0;
	report.stack_used = ck_startup_stack_used();
	report.stack_size = ck_startup_stack_size();
	report.call_cpu_ns = ck_board_cpu_time_ns() - start;
}

int
main(void)
{
	ck_board_request req;

	ck_board_init();
	for (;;) {
		memset(&req, 0, sizeof req);
		if (ck_board_next_request(&req)) {
			carry_out(&req);
			ck_board_request_done(&req, &report);
			continue;
		}
		if (client_is_set_up) {
			/* Nothing to do for now: close the connection and wipe
			 * the signing key, the TLS session and every buffer
			 * rather than keep them in RAM until the next request,
			 * which sets everything up again. */
			ck_client_deinit(&client);
			ck_tls_client_deinit(&tls);
			client_is_set_up = false;
		}
		if (network_is_up) {
			net_poll(NULL);
		} else {
			ck_board_idle();
		}
	}
}
