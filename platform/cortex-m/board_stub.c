/*
 * board_stub.c -- weak stand-ins for every board hook of ck_board.h.
 *
 * They let the image link, be measured and be read in a debugger on any
 * Cortex-M4, but talk to no hardware: no frames ever arrive, none leave,
 * there is no entropy (so neither lwIP nor TLS starts rather than run on
 * a predictable seed), no wall clock, and no credentials. The one request
 * is a demo (partition 0 of "demo-topic" back to offset 42); with no
 * credentials it stops before anything is sent, and its result stays in
 * ck_demo_result. A board overrides any of them by defining the same
 * function; nothing else changes.
 */
#include "ck_board.h"

/* The demo request's result (CK_OK, or why not); read it with a debugger. */
volatile ck_result ck_demo_result = CK_ERR_INVALID_ARGUMENT;

/* The System Control Block's reset request: the same on every Cortex-M. */
#define SCB_AIRCR (*(volatile uint32_t *)0xE000ED0Cu)
#define SCB_AIRCR_VECTKEY (0x05FAu << 16)
#define SCB_AIRCR_SYSRESETREQ (1u << 2)

__attribute__((weak)) void
ck_board_init(void)
{
}

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

__attribute__((weak)) ck_result
ck_board_api_settings(ck_board_api_config *out, const char **what)
{
	(void)out;
	*what = "the board's API credentials (none in the stub)";
	return CK_ERR_MISSING_FIELD;
}

__attribute__((weak)) bool
ck_board_next_request(ck_board_request *out)
{
	static const ck_partition_offset partitions[] = { { 0, 42 } };
	static const ck_span topics[] = { CK_SPAN_INIT("demo-topic") };
	static bool given;

	if (given) {
		return false;
	}
	given = true;
	out->request.instance_id = CK_SPAN_LITERAL("ckafka-demo0001");
	out->request.group_name = CK_SPAN_LITERAL("demo-group");
	out->request.partitions = partitions;
	out->request.partition_count = 1;
	out->request.topics = topics;
	out->request.topic_count = 1;
	out->prepare_only = false;
	return true;
}

__attribute__((weak)) void
ck_board_request_done(const ck_board_request *req,
	const ck_board_report *report)
{
	(void)req;
	ck_demo_result = report->result;
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

__attribute__((weak)) void
ck_board_idle(void)
{
	/* No interrupt is set up to end a WFI: return at once. */
}

__attribute__((weak)) uint64_t
ck_board_cpu_time_ns(void)
{
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
