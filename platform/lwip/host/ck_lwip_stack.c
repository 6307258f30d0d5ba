/*
 * ck_lwip_stack.c -- TAP, lwIP, TCP transport, TLS and client wired
 * together on a host.
 *
 * There is no thread and no OS underneath lwIP (NO_SYS=1): whoever waits
 * drives the network. The transport waits through its poll hook, and the
 * client's sleep_ms (pacing, retry backoff) polls too, so ARP, TCP
 * retransmissions and timers keep running while the client sleeps -- the
 * same loop a board runs.
 */
#include "ck_lwip_stack.h"

#include <errno.h>
#include <string.h>

#include "lwip/init.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#if LWIP_DHCP
#include "lwip/dhcp.h"
#endif
#if LWIP_DNS
#include "lwip/dns.h"
#endif

#include "ck_ca_file.h"
#include "ck_host_sys.h"
#include "ck_posix_platform.h"

/* Locally administered, from the documentation block of RFC 7042. */
static const uint8_t default_mac[6] = { 0x02, 0x00, 0x5e, 0x00, 0x53, 0x02 };

static void
poll_network(void *ctx)
{
	ck_lwip_stack *s = ctx;

	ck_tapif_poll(&s->tap, CK_LWIP_POLL_MS);
}

static uint64_t
monotonic_ms(void *ctx)
{
	(void)ctx;
	return ck_host_monotonic_ms();
}

/* Serve the network until `ms` have passed. */
static void
serve_for(ck_lwip_stack *s, uint32_t ms)
{
	uint64_t deadline = ck_host_monotonic_ms() + ms;

	for (;;) {
		uint64_t now = ck_host_monotonic_ms();
		uint64_t left;

		if (now >= deadline) {
			break;
		}
		left = deadline - now;
		ck_tapif_poll(&s->tap, left < CK_LWIP_POLL_MS ? (int)left
			: CK_LWIP_POLL_MS);
	}
}

static void
sleep_polling(void *ctx, uint32_t ms)
{
	serve_for(ctx, ms);
}

static bool
mac_is_zero(const uint8_t mac[6])
{
	static const uint8_t zero[6];

	return memcmp(mac, zero, sizeof zero) == 0;
}

#if LWIP_DHCP
/* Wait for a lease; the netif has no address until then. */
static ck_result
get_lease(ck_lwip_stack *s, uint32_t timeout_ms)
{
	uint64_t deadline = ck_host_monotonic_ms() + timeout_ms;

	if (dhcp_start(&s->tap.netif) != ERR_OK) {
		return CK_ERR_CONNECT;
	}
	while (!dhcp_supplied_address(&s->tap.netif)) {
		if (ck_host_monotonic_ms() >= deadline) {
			return CK_ERR_CONNECT;
		}
		ck_tapif_poll(&s->tap, CK_LWIP_POLL_MS);
	}
	return CK_OK;
}
#endif

static ck_result
start_network(ck_lwip_stack *s, const ck_lwip_options *o, const char **what)
{
	const char *tap_name = o->tap_name != NULL ? o->tap_name
		: CK_LWIP_DEFAULT_TAP;

	*what = "opening the TAP device";
	lwip_init();
	if (o->dhcp) {
#if LWIP_DHCP
		/* No address until the lease: lwIP then sends from 0.0.0.0. */
		static const ip4_addr_t none = { 0 };

		if (ck_tapif_open(&s->tap, tap_name, mac_is_zero(o->mac)
			? default_mac : o->mac, &none, &none, &none) != 0) {
			s->tap_errno = errno;
			return CK_ERR_CONNECT;
		}
		s->tap_open = true;
		*what = "getting an address by DHCP";
		if (get_lease(s, o->api.timeout_ms != 0 ? o->api.timeout_ms : 10000u)
			!= CK_OK) {
			return CK_ERR_CONNECT;
		}
#else
		*what = "DHCP (not built in: CK_LWIP_DHCP=1)";
		return CK_ERR_INVALID_ARGUMENT;
#endif
	} else {
		if (ck_tapif_open(&s->tap, tap_name, mac_is_zero(o->mac)
			? default_mac : o->mac, &o->ip, &o->netmask,
			&o->gateway) != 0) {
			s->tap_errno = errno;
			return CK_ERR_CONNECT;
		}
		s->tap_open = true;
	}
#if LWIP_DNS
	if (o->has_dns_server) {
		ip_addr_t server;

		ip_addr_copy_from_ip4(server, o->dns_server);
		dns_setserver(0, &server);
	}
#endif
	return CK_OK;
}

ck_result
ck_lwip_stack_init(ck_lwip_stack *s, const ck_lwip_options *o,
	const char **what)
{
	const char *endpoint = ck_api_settings_endpoint(&o->api);
	const char *step = NULL;
	ck_lwip_tcp_hooks hooks;
	ck_tls_config tls;
	ck_client_config cc;
	ck_result r;

	if (what == NULL) {
		what = &step;
	}
	memset(s, 0, sizeof *s);
	/* The host's wall clock and jitter; waiting serves the network. */
	s->platform = ck_posix_platform();
	s->platform.monotonic_ms = monotonic_ms;
	s->platform.sleep_ms = sleep_polling;
	s->platform.ctx = s;

	*what = "reading the CA file";
	ck_trust_anchors_init(&s->anchors, s->anchor_slots,
		CK_LWIP_STACK_ANCHORS_MAX, s->anchor_pool, sizeof s->anchor_pool);
	r = ck_ca_file_load(&s->anchors, o->cacert_path != NULL
		? o->cacert_path : CK_LWIP_DEFAULT_CACERT, o->api.timeout_ms);
	if (r != CK_OK) {
		return r;
	}

	r = start_network(s, o, what);
	if (r != CK_OK) {
		return r;
	}

	*what = "setting up the connection";
	hooks.poll = poll_network;
	hooks.monotonic_ms = monotonic_ms;
	hooks.ctx = s;
	r = ck_lwip_tcp_init(&s->tcp,
		o->connect_host != NULL ? o->connect_host : endpoint,
		o->connect_port != 0 ? o->connect_port : 443, &hooks);
	if (r != CK_OK) {
		return r;
	}
	s->tcp_transport = ck_lwip_tcp_transport(&s->tcp);

	memset(&tls, 0, sizeof tls);
	tls.lower = &s->tcp_transport;
	tls.anchors = s->anchors.anchors;
	tls.anchor_count = s->anchors.count;
	tls.server_name = endpoint;
	/* The host's clock and BearSSL's own entropy source (getrandom). */
	tls.unix_time = ck_posix_unix_time;
	/* Each timeout bounds a whole TLS call, not each wait for a frame. */
	tls.monotonic_ms = monotonic_ms;
	r = ck_tls_client_init(&s->tls, &tls);
	if (r != CK_OK) {
		return r;
	}
	s->tls_transport = ck_tls_client_transport(&s->tls);

	*what = "setting up the client";
	cc = ck_api_settings_client_config(&o->api, &s->tls_transport,
		&s->platform);
	return ck_client_init(&s->client, &cc);
}

void
ck_lwip_stack_deinit(ck_lwip_stack *s)
{
	/* The client first: its close still goes through TLS. */
	ck_client_deinit(&s->client);
	ck_tls_client_deinit(&s->tls);
	if (s->tap_open) {
		serve_for(s, CK_LWIP_LINGER_MS);
		ck_tapif_close(&s->tap);
		s->tap_open = false;
	}
}
