/*
 * board_stub.c -- weak stand-ins for every board hook of ck_board.h.
 *
 * They let the image link, be measured and be read in a debugger on any
 * Cortex-M4, but talk to no hardware: no frames ever arrive, none leave,
 * there is no entropy (so TLS refuses to start rather than run on a
 * predictable seed), no wall clock, and no credentials (so the demo stops
 * before sending anything). A board overrides them by defining the same
 * functions; nothing else changes.
 */
#include "ck_board.h"

/* The System Control Block's reset request: the same on every Cortex-M. */
#define SCB_AIRCR (*(volatile uint32_t *)0xE000ED0Cu)
#define SCB_AIRCR_VECTKEY (0x05FAu << 16)
#define SCB_AIRCR_SYSRESETREQ (1u << 2)

__attribute__((weak)) bool
ck_board_eth_init(uint8_t mac[6])
{
	/* A locally administered unicast address (02:...). */
	static const uint8_t stub_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
	size_t i;

	for (i = 0; i < sizeof stub_mac; i++) {
		mac[i] = stub_mac[i];
	}
	return true;
}

__attribute__((weak)) bool
ck_board_eth_output(const ck_board_eth_piece *pieces, size_t count)
{
	(void)pieces;
	(void)count;
	return false;
}

__attribute__((weak)) size_t
ck_board_eth_receive(const ck_board_eth_buffer *bufs, size_t count)
{
	(void)bufs;
	(void)count;
	return 0;
}

__attribute__((weak)) bool
ck_board_ipv4_settings(ck_board_ipv4 *out)
{
	/* TEST-NET-1 (RFC 5737): never routed anywhere real. */
	static const ck_board_ipv4 stub = {
		{ 192, 0, 2, 10 }, { 255, 255, 255, 0 },
		{ 192, 0, 2, 1 }, { 192, 0, 2, 1 }
	};

	*out = stub;
	return true;
}

__attribute__((weak)) bool
ck_board_api_settings(ck_board_api_config *out)
{
	(void)out;
	return false;
}

__attribute__((weak)) bool
ck_board_entropy(uint8_t *buf, size_t len)
{
	(void)buf;
	(void)len;
	return false;
}

__attribute__((weak)) int64_t
ck_board_unix_time(void)
{
	return -1;
}

__attribute__((weak)) uint64_t
ck_board_monotonic_ms(void)
{
	/* No timer: time stands still, and nothing waits for it. */
	return 0;
}

__attribute__((weak)) _Noreturn void
ck_board_panic(const char *why)
{
	(void)why;
	SCB_AIRCR = SCB_AIRCR_VECTKEY | SCB_AIRCR_SYSRESETREQ;
	for (;;) {
	}
}
