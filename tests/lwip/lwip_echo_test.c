/*
 * lwip_echo_test.c -- port/ck_lwip_tcp.c against real TCP peers: lwIP
 * (NO_SYS=1, our lwipopts.h) on a TAP device, the Linux kernel on the other
 * side with tests/lwip/echo_server.py.
 *
 * Runs inside the network namespace tests/lwip/run_lwip_tests.sh sets up:
 * tap0 with 192.0.2.1/24 on the kernel side, lwIP at 192.0.2.2/24.
 *
 *   lwip_echo_test [server-ip [base-port]]
 *
 * Prints one line per test and "lwip-echo: N passed, M failed"; the exit
 * status is 0 only when everything passed. Built twice: as lwIP is by
 * default (no DNS), and with CK_LWIP_DNS=1 against the server's DNS
 * responder.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#if LWIP_DNS
#include "lwip/dns.h"
#endif

#include "ck_host_sys.h"
#include "ck_lwip_tcp.h"
#include "ck_result.h"
#include "ck_tapif.h"

#define LWIP_ADDRESS "192.0.2.2"
#define NETMASK      "255.255.255.0"
/* In the namespace's subnet, but nobody answers ARP for it. */
#define UNANSWERED   "192.0.2.99"
/* Nothing listens on base + 9: the kernel answers with RST. */
#define REFUSED_OFFSET 9

#define ECHO_OFFSET   0
#define BYE_OFFSET    1
#define RESET_OFFSET  2
#define SILENT_OFFSET 3

#define TIMEOUT_MS 5000u

static ck_tapif tap;
static const char *server = "192.0.2.1";
static uint16_t base_port = 7000;

static ck_lwip_tcp conn;
static ck_transport tr;

static uint8_t sent_data[100 * 1024];
static uint8_t echoed[100 * 1024];

static void
poll_tap(void *ctx)
{
	ck_tapif_poll(ctx, 2);
}

static uint64_t
monotonic_ms(void *ctx)
{
	(void)ctx;
	return ck_host_monotonic_ms();
}

static const ck_lwip_tcp_hooks hooks = { poll_tap, monotonic_ms, &tap };

static const char *current_test;

#define CHECK(cond) do { \
	if (!(cond)) { \
		printf("FAIL %s: line %d: %s\n", current_test, __LINE__, #cond); \
		return false; \
	} \
} while (0)

#define CHECK_RESULT(expr, want) do { \
	ck_result got_ = (expr); \
	if (got_ != (want)) { \
		printf("FAIL %s: line %d: %s gave %s, want %s\n", \
			current_test, __LINE__, #expr, ck_result_name(got_), \
			ck_result_name(want)); \
		return false; \
	} \
} while (0)

static void
fill_pattern(uint8_t *p, size_t n, uint32_t seed)
{
	uint32_t x = seed | 1u;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (uint8_t)x;
	}
}

static ck_result
connect_to(const char *host, uint16_t port, uint32_t timeout_ms)
{
	ck_result r = ck_lwip_tcp_init(&conn, host, port, &hooks);

	if (r != CK_OK) {
		return r;
	}
	tr = ck_lwip_tcp_transport(&conn);
	return tr.open(tr.ctx, timeout_ms);
}

/* Receive exactly n bytes, with read sizes that vary from 1 to max_cap. */
static ck_result
recv_exact(uint8_t *buf, size_t n, size_t max_cap)
{
	size_t got = 0, round = 0;

	while (got < n) {
		size_t cap = 1 + (round++ * 977u) % max_cap;
		size_t received = 0;
		ck_result r;

		if (cap > n - got) {
			cap = n - got;
		}
		r = tr.recv(tr.ctx, buf + got, cap, &received, TIMEOUT_MS);
		if (r != CK_OK) {
			return r;
		}
		if (received == 0 || received > cap) {
			return CK_ERR_RECV;
		}
		got += received;
	}
	return CK_OK;
}

/* --- tests ---------------------------------------------------------------- */

static bool
test_init_rejects_bad_arguments(void)
{
	char long_host[CK_LWIP_HOST_MAX + 2];
	ck_lwip_tcp_hooks no_poll = { NULL, monotonic_ms, NULL };

	memset(long_host, 'a', sizeof long_host - 1);
	long_host[sizeof long_host - 1] = '\0';
	CHECK_RESULT(ck_lwip_tcp_init(NULL, server, 1, &hooks),
		CK_ERR_INVALID_ARGUMENT);
	CHECK_RESULT(ck_lwip_tcp_init(&conn, NULL, 1, &hooks),
		CK_ERR_INVALID_ARGUMENT);
	CHECK_RESULT(ck_lwip_tcp_init(&conn, server, 0, &hooks),
		CK_ERR_INVALID_ARGUMENT);
	CHECK_RESULT(ck_lwip_tcp_init(&conn, server, 1, NULL),
		CK_ERR_INVALID_ARGUMENT);
	CHECK_RESULT(ck_lwip_tcp_init(&conn, server, 1, &no_poll),
		CK_ERR_INVALID_ARGUMENT);
	CHECK_RESULT(ck_lwip_tcp_init(&conn, "", 1, &hooks),
		CK_ERR_INVALID_ARGUMENT);
	CHECK_RESULT(ck_lwip_tcp_init(&conn, "a b", 1, &hooks),
		CK_ERR_INVALID_ARGUMENT);
	CHECK_RESULT(ck_lwip_tcp_init(&conn, long_host, 1, &hooks),
		CK_ERR_INVALID_ARGUMENT);
	return true;
}

static bool
test_calls_on_a_never_opened_transport_fail_cleanly(void)
{
	uint8_t b[4];
	size_t n = 99;

	CHECK_RESULT(ck_lwip_tcp_init(&conn, server, base_port, &hooks), CK_OK);
	tr = ck_lwip_tcp_transport(&conn);
	CHECK_RESULT(tr.send(tr.ctx, b, sizeof b, 100), CK_ERR_SEND);
	CHECK_RESULT(tr.flush(tr.ctx, 100), CK_ERR_SEND);
	CHECK_RESULT(tr.recv(tr.ctx, b, sizeof b, &n, 100), CK_ERR_RECV);
	CHECK(n == 0);
	tr.close(tr.ctx);
	tr.close(tr.ctx);
	return true;
}

#if !LWIP_DNS
static bool
test_name_without_dns_is_a_dns_error(void)
{
	CHECK_RESULT(connect_to("echo.invalid", base_port, 1000), CK_ERR_DNS);
	tr.close(tr.ctx);
	return true;
}
#else
static bool
test_name_resolves_and_connects(void)
{
	uint8_t buf[4];

	CHECK_RESULT(connect_to("echo.test", base_port + ECHO_OFFSET,
		TIMEOUT_MS), CK_OK);
	CHECK_RESULT(tr.send(tr.ctx, (const uint8_t *)"ping", 4, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(recv_exact(buf, 4, 4), CK_OK);
	CHECK(memcmp(buf, "ping", 4) == 0);
	tr.close(tr.ctx);
	return true;
}

static bool
test_unknown_name_is_a_dns_error(void)
{
	uint64_t start = ck_host_monotonic_ms();

	CHECK_RESULT(connect_to("nothing.test", base_port, TIMEOUT_MS),
		CK_ERR_DNS);
	/* NXDOMAIN ends it, not the timeout. */
	CHECK(ck_host_monotonic_ms() - start < 2000);
	tr.close(tr.ctx);
	return true;
}

static bool
test_unanswered_lookup_times_out_as_dns_error(void)
{
	uint64_t start = ck_host_monotonic_ms(), took;

	CHECK_RESULT(connect_to("slow.test", base_port, 500), CK_ERR_DNS);
	took = ck_host_monotonic_ms() - start;
	CHECK(took >= 500 && took < 2000);
	/* The lookup lwIP still runs must not disturb the next open. */
	CHECK_RESULT(connect_to("echo.test", base_port + ECHO_OFFSET,
		TIMEOUT_MS), CK_OK);
	tr.close(tr.ctx);
	return true;
}
#endif

static bool
test_address_not_in_canonical_form_is_refused(void)
{
	/* inet_aton would read these as addresses; we do not guess. */
	CHECK_RESULT(connect_to("192.0.2.01", base_port, 1000), CK_ERR_DNS);
	CHECK_RESULT(connect_to("192.0.513", base_port, 1000), CK_ERR_DNS);
	CHECK_RESULT(connect_to("0xc0.0.2.1", base_port, 1000), CK_ERR_DNS);
	CHECK_RESULT(connect_to("192.0.2.256", base_port, 1000), CK_ERR_DNS);
	tr.close(tr.ctx);
	return true;
}

static bool
test_round_trip_of_100_kib_is_identical(void)
{
	const size_t first = 32 * 1024, chunk = 4 * 1024;
	size_t done;

	fill_pattern(sent_data, sizeof sent_data, 0x5eed);
	memset(echoed, 0, sizeof echoed);
	CHECK_RESULT(connect_to(server, base_port + ECHO_OFFSET, TIMEOUT_MS),
		CK_OK);
	/* More than the send buffer and the receive window at once: the
	 * echo fills our window while we are still sending. */
	CHECK_RESULT(tr.send(tr.ctx, sent_data, first, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(tr.flush(tr.ctx, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(recv_exact(echoed, first, 1500), CK_OK);
	for (done = first; done < sizeof sent_data; done += chunk) {
		size_t n = sizeof sent_data - done < chunk
			? sizeof sent_data - done : chunk;

		CHECK_RESULT(tr.send(tr.ctx, sent_data + done, n, TIMEOUT_MS),
			CK_OK);
		CHECK_RESULT(tr.flush(tr.ctx, TIMEOUT_MS), CK_OK);
		CHECK_RESULT(recv_exact(echoed + done, n, 4096), CK_OK);
	}
	CHECK(memcmp(sent_data, echoed, sizeof sent_data) == 0);
	tr.close(tr.ctx);
	return true;
}

static bool
test_one_byte_reads_reopen_the_window(void)
{
	const size_t n = 12 * 1024; /* twice the window and more */
	size_t i;

	fill_pattern(sent_data, n, 0xb17e);
	CHECK_RESULT(connect_to(server, base_port + ECHO_OFFSET, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(tr.send(tr.ctx, sent_data, n, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(tr.flush(tr.ctx, TIMEOUT_MS), CK_OK);
	for (i = 0; i < n; i++) {
		size_t got = 0;

		CHECK_RESULT(tr.recv(tr.ctx, echoed + i, 1, &got, TIMEOUT_MS),
			CK_OK);
		CHECK(got == 1);
	}
	CHECK(memcmp(sent_data, echoed, n) == 0);
	tr.close(tr.ctx);
	return true;
}

static bool
test_peer_close_gives_the_data_then_connection_closed(void)
{
	uint8_t buf[64];
	size_t got = 0, n = 0;
	ck_result r;

	CHECK_RESULT(connect_to(server, base_port + BYE_OFFSET, TIMEOUT_MS),
		CK_OK);
	for (;;) {
		r = tr.recv(tr.ctx, buf + got, sizeof buf - got, &n,
			TIMEOUT_MS);
		if (r != CK_OK) {
			break;
		}
		got += n;
		CHECK(got < sizeof buf);
	}
	CHECK_RESULT(r, CK_ERR_CONNECTION_CLOSED);
	CHECK(n == 0);
	CHECK(got == 4 && memcmp(buf, "bye\n", 4) == 0);
	CHECK_RESULT(tr.recv(tr.ctx, buf, sizeof buf, &n, 100),
		CK_ERR_CONNECTION_CLOSED);
	tr.close(tr.ctx);
	return true;
}

static bool
test_refused_connection_is_a_connect_error(void)
{
	uint64_t start = ck_host_monotonic_ms();

	CHECK_RESULT(connect_to(server, (uint16_t)(base_port + REFUSED_OFFSET),
		TIMEOUT_MS), CK_ERR_CONNECT);
	/* The RST ends it, not the timeout. */
	CHECK(ck_host_monotonic_ms() - start < 2000);
	tr.close(tr.ctx);
	return true;
}

static bool
test_unanswered_connect_times_out_as_connect_error(void)
{
	uint64_t start = ck_host_monotonic_ms(), took;

	CHECK_RESULT(connect_to(UNANSWERED, base_port, 600), CK_ERR_CONNECT);
	took = ck_host_monotonic_ms() - start;
	CHECK(took >= 600 && took < 2000);
	tr.close(tr.ctx);
	return true;
}

static bool
test_silent_peer_gives_recv_timeout(void)
{
	uint8_t buf[8];
	size_t n = 99;
	uint64_t start;

	CHECK_RESULT(connect_to(server, base_port + SILENT_OFFSET, TIMEOUT_MS),
		CK_OK);
	start = ck_host_monotonic_ms();
	CHECK_RESULT(tr.recv(tr.ctx, buf, sizeof buf, &n, 300),
		CK_ERR_RECV_TIMEOUT);
	CHECK(n == 0);
	CHECK(ck_host_monotonic_ms() - start >= 300);
	tr.close(tr.ctx);
	return true;
}

static bool
test_peer_reset_gives_the_data_then_recv_and_send_errors(void)
{
	uint8_t buf[8];
	size_t n = 0;

	CHECK_RESULT(connect_to(server, base_port + RESET_OFFSET, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(tr.send(tr.ctx, (const uint8_t *)"?", 1, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(tr.flush(tr.ctx, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(recv_exact(buf, 3, 3), CK_OK);
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_RESULT(tr.recv(tr.ctx, buf, sizeof buf, &n, TIMEOUT_MS),
		CK_ERR_RECV);
	CHECK(n == 0);
	CHECK_RESULT(tr.send(tr.ctx, buf, 1, 100), CK_ERR_SEND);
	CHECK_RESULT(tr.flush(tr.ctx, 100), CK_ERR_SEND);
	tr.close(tr.ctx);
	tr.close(tr.ctx);
	return true;
}

static bool
test_open_while_open_is_invalid_and_harmless(void)
{
	uint8_t buf[5];

	CHECK_RESULT(connect_to(server, base_port + ECHO_OFFSET, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(tr.open(tr.ctx, TIMEOUT_MS), CK_ERR_INVALID_ARGUMENT);
	CHECK_RESULT(tr.send(tr.ctx, (const uint8_t *)"hello", 5, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(recv_exact(buf, 5, 5), CK_OK);
	CHECK(memcmp(buf, "hello", 5) == 0);
	tr.close(tr.ctx);
	return true;
}

static bool
test_close_with_unread_data_then_reopen_works(void)
{
	uint8_t buf[64];

	CHECK_RESULT(connect_to(server, base_port + ECHO_OFFSET, TIMEOUT_MS),
		CK_OK);
	fill_pattern(sent_data, 3000, 7);
	CHECK_RESULT(tr.send(tr.ctx, sent_data, 3000, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(recv_exact(buf, 10, 10), CK_OK);
	/* Most of the echo is still unread: close resets and frees it. */
	tr.close(tr.ctx);
	CHECK(conn.rx == NULL);
	CHECK_RESULT(tr.open(tr.ctx, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(tr.send(tr.ctx, (const uint8_t *)"again", 5, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(recv_exact(buf, 5, 5), CK_OK);
	CHECK(memcmp(buf, "again", 5) == 0);
	tr.close(tr.ctx);
	return true;
}

static bool
test_many_reconnects_fit_the_static_pcb_pool(void)
{
	uint8_t buf[100];
	int i;

	fill_pattern(sent_data, sizeof buf, 11);
	for (i = 0; i < 12; i++) {
		CHECK_RESULT(connect_to(server, base_port + ECHO_OFFSET,
			TIMEOUT_MS), CK_OK);
		CHECK_RESULT(tr.send(tr.ctx, sent_data, sizeof buf,
			TIMEOUT_MS), CK_OK);
		CHECK_RESULT(recv_exact(buf, sizeof buf, sizeof buf), CK_OK);
		CHECK(memcmp(buf, sent_data, sizeof buf) == 0);
		tr.close(tr.ctx);
	}
	return true;
}

/* pending() never waits for the peer: ask until it says yes or ms pass. */
static bool
becomes_pending(uint32_t ms)
{
	uint64_t end = ck_host_monotonic_ms() + ms;

	while (!tr.pending(tr.ctx)) {
		if (ck_host_monotonic_ms() >= end) {
			return false;
		}
	}
	return true;
}

static bool
test_pending_sees_received_bytes_and_leaves_them(void)
{
	uint8_t buf[4];

	CHECK_RESULT(connect_to(server, base_port + ECHO_OFFSET, TIMEOUT_MS),
		CK_OK);
	CHECK(!tr.pending(tr.ctx));
	CHECK_RESULT(tr.send(tr.ctx, (const uint8_t *)"ping", 4, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(tr.flush(tr.ctx, TIMEOUT_MS), CK_OK);
	CHECK(becomes_pending(TIMEOUT_MS));
	CHECK(tr.pending(tr.ctx));
	CHECK_RESULT(recv_exact(buf, 4, 4), CK_OK);
	CHECK(memcmp(buf, "ping", 4) == 0);
	CHECK(!tr.pending(tr.ctx));
	tr.close(tr.ctx);
	CHECK(tr.pending(tr.ctx));
	return true;
}

static bool
test_pending_sees_the_peers_fin(void)
{
	uint8_t buf[4];

	CHECK_RESULT(connect_to(server, base_port + BYE_OFFSET, TIMEOUT_MS),
		CK_OK);
	CHECK(becomes_pending(TIMEOUT_MS));
	CHECK_RESULT(recv_exact(buf, 4, 4), CK_OK);
	CHECK(memcmp(buf, "bye\n", 4) == 0);
	/* Only the FIN is left, and that counts. */
	CHECK(becomes_pending(TIMEOUT_MS));
	tr.close(tr.ctx);
	return true;
}

static bool
test_pending_sees_a_reset(void)
{
	uint8_t buf[3];
	size_t n = 0;

	CHECK_RESULT(connect_to(server, base_port + RESET_OFFSET, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(tr.send(tr.ctx, (const uint8_t *)"?", 1, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(tr.flush(tr.ctx, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(recv_exact(buf, 3, 3), CK_OK);
	CHECK(becomes_pending(TIMEOUT_MS));
	CHECK_RESULT(tr.recv(tr.ctx, buf, sizeof buf, &n, TIMEOUT_MS),
		CK_ERR_RECV);
	tr.close(tr.ctx);
	return true;
}

static bool
test_pending_stays_false_while_the_peer_is_silent(void)
{
	CHECK_RESULT(connect_to(server, base_port + SILENT_OFFSET, TIMEOUT_MS),
		CK_OK);
	CHECK(!becomes_pending(300));
	tr.close(tr.ctx);
	return true;
}

/* The host's clock moved to two seconds before the counter ends. */
static uint64_t clock_shift;

static uint64_t
monotonic_near_end(void *ctx)
{
	(void)ctx;
	return ck_host_monotonic_ms() + clock_shift;
}

static bool
test_monotonic_clock_near_its_end_does_not_wrap_deadlines(void)
{
	static const ck_lwip_tcp_hooks late = { poll_tap, monotonic_near_end,
		&tap };
	uint8_t buf[4];

	clock_shift = UINT64_MAX - 2000 - ck_host_monotonic_ms();
	CHECK_RESULT(ck_lwip_tcp_init(&conn, server,
		(uint16_t)(base_port + ECHO_OFFSET), &late), CK_OK);
	tr = ck_lwip_tcp_transport(&conn);
	/* now + 5000 would wrap to a deadline long past. */
	CHECK_RESULT(tr.open(tr.ctx, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(tr.send(tr.ctx, (const uint8_t *)"late", 4, TIMEOUT_MS),
		CK_OK);
	CHECK_RESULT(tr.flush(tr.ctx, TIMEOUT_MS), CK_OK);
	CHECK_RESULT(recv_exact(buf, 4, 4), CK_OK);
	CHECK(memcmp(buf, "late", 4) == 0);
	tr.close(tr.ctx);
	return true;
}

typedef struct {
	const char *name;
	bool (*run)(void);
} test_case;

#define TEST(f) { #f, f }

static const test_case tests[] = {
	TEST(test_init_rejects_bad_arguments),
	TEST(test_calls_on_a_never_opened_transport_fail_cleanly),
#if !LWIP_DNS
	TEST(test_name_without_dns_is_a_dns_error),
#else
	TEST(test_name_resolves_and_connects),
	TEST(test_unknown_name_is_a_dns_error),
	TEST(test_unanswered_lookup_times_out_as_dns_error),
#endif
	TEST(test_address_not_in_canonical_form_is_refused),
	TEST(test_round_trip_of_100_kib_is_identical),
	TEST(test_one_byte_reads_reopen_the_window),
	TEST(test_peer_close_gives_the_data_then_connection_closed),
	TEST(test_refused_connection_is_a_connect_error),
	TEST(test_unanswered_connect_times_out_as_connect_error),
	TEST(test_silent_peer_gives_recv_timeout),
	TEST(test_peer_reset_gives_the_data_then_recv_and_send_errors),
	TEST(test_open_while_open_is_invalid_and_harmless),
	TEST(test_close_with_unread_data_then_reopen_works),
	TEST(test_many_reconnects_fit_the_static_pcb_pool),
	TEST(test_pending_sees_received_bytes_and_leaves_them),
	TEST(test_pending_sees_the_peers_fin),
	TEST(test_pending_sees_a_reset),
	TEST(test_pending_stays_false_while_the_peer_is_silent),
	TEST(test_monotonic_clock_near_its_end_does_not_wrap_deadlines),
};

int
main(int argc, char **argv)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x5e, 0x00, 0x53, 0x02 };
	ip4_addr_t ip, mask, gw;
	size_t i;
	int passed = 0, failed = 0;

	if (argc > 1) {
		server = argv[1];
	}
	if (argc > 2) {
		long p = strtol(argv[2], NULL, 10);

		if (p < 1 || p > 65535 - REFUSED_OFFSET) {
			fprintf(stderr, "lwip_echo_test: bad base port\n");
			return 2;
		}
		base_port = (uint16_t)p;
	}
	lwip_init();
	if (!ip4addr_aton(LWIP_ADDRESS, &ip) || !ip4addr_aton(NETMASK, &mask)
		|| !ip4addr_aton(server, &gw))
	{
		fprintf(stderr, "lwip_echo_test: bad address\n");
		return 2;
	}
	if (ck_tapif_open(&tap, "tap0", mac, &ip, &mask, &gw) != 0) {
		perror("lwip_echo_test: tap0");
		return 2;
	}
#if LWIP_DNS
	{
		ip_addr_t dns_server;

		ip_addr_copy_from_ip4(dns_server, gw);
		dns_setserver(0, &dns_server);
	}
#endif
	tr = ck_lwip_tcp_transport(&conn);
	printf("ck_lwip_tcp context: %zu bytes\n", sizeof(ck_lwip_tcp));
	for (i = 0; i < sizeof tests / sizeof tests[0]; i++) {
		current_test = tests[i].name;
		if (tests[i].run()) {
			printf("ok %s\n", tests[i].name);
			passed++;
		} else {
			failed++;
		}
		/* Whatever a failed test left open must not leak into the next. */
		tr.close(tr.ctx);
	}
	ck_tapif_close(&tap);
	printf("lwip-echo: %d passed, %d failed (DNS %s, frames dropped: %lu)\n",
		passed, failed, LWIP_DNS ? "on" : "off", tap.frames_dropped);
	return failed == 0 ? 0 : 1;
}
