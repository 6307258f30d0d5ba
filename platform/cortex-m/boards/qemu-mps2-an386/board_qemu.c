/*
 * board_qemu.c -- the ck_board hooks for QEMU's mps2-an386 machine (Arm
 * MPS2 with the AN386 Cortex-M4 image), the board the firmware's
 * end-to-end tests run on.
 *
 * Hardware, as the real board has it: the SMSC LAN9118 at 0x40200000
 * (lan9118.c, polled), UART0 as console (cmsdk_uart.c), SysTick on the
 * 25 MHz core clock for milliseconds and CPU time, WFI while the network
 * is quiet. The host, through semihosting (semihosting.c): its clock for
 * the wall time, its /dev/urandom for entropy, and the run itself -- the
 * job the host tool wrote (settings and its calls, ck_qemu_job.h), the
 * CA file it names, a report written back as each call ends, and the
 * tool's exit status as the run's exit status: the run ends after the
 * last call, or after the first that is not applied (a plan stops there,
 * as the host tools' plans do).
 *
 * The command line the host passes (semihosting arguments) is
 *     ckafka-fw JOB-PATH REPORT-PATH
 * where both paths are host files or pipes (/dev/fd/N).
 *
 * Networking is QEMU's user mode (slirp): the guest is 10.0.2.15/24, the
 * gateway 10.0.2.2 reaches the host's 127.0.0.1, 10.0.2.3 answers DNS.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ck_board.h"
#include "ck_exit_status.h"
#include "ck_qemu_job.h"
#include "ck_startup.h"
#include "ck_text.h"
#include "ck_trust_anchors.h"
#include "cmsdk_uart.h"
#include "lan9118.h"
#include "semihosting.h"

#define LAN9118_BASE      0x40200000u
#define PHY_NEGOTIATE_MS  3000u

/* SysTick (ARMv7-M architecture reference) on the 25 MHz core clock. */
#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)
#define SYST_CSR_ENABLE    (1u << 0)
#define SYST_CSR_TICKINT   (1u << 1)
#define SYST_CSR_CLKSOURCE (1u << 2)      /* the core clock */
#define SCB_ICSR (*(volatile uint32_t *)0xE000ED04u)
#define ICSR_PENDSTSET     (1u << 26)
#define CORE_HZ            25000000u
#define TICKS_PER_MS       (CORE_HZ / 1000u)
#define NS_PER_TICK        (1000000000u / CORE_HZ)

/* A run that cannot even report: the host tool sees no report. */
#define EXIT_NO_REPORT     70

/* CA file: the host's whole bundle fits (about 220 KiB, 150 anchors). */
#define PEM_MAX            (256u * 1024u)
#define ANCHORS_MAX        200u
#define ANCHOR_POOL        (128u * 1024u)

/* Locally administered, for a chip whose EEPROM holds no address. */
static const uint8_t fallback_mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x38, 0x60 };

static volatile uint64_t ms_count;
static uint64_t idle_ns;

static char cmdline[512];
static const char *job_path;
static const char *report_path;
static char job_text[CK_QEMU_JOB_MAX + 1];
static ck_qemu_job job;
static ck_result job_result = CK_ERR_INVALID_ARGUMENT;
static bool job_loaded;

static char pem_text[PEM_MAX];
static br_x509_trust_anchor anchor_slots[ANCHORS_MAX];
static unsigned char anchor_pool[ANCHOR_POOL];
static ck_trust_anchors anchors;

static char report_text[CK_QEMU_REPORT_MAX];
static int32_t report_fd = -1;

static int32_t urandom = -1;

/* --- time -------------------------------------------------------------------- */

void SysTick_Handler(void);

void
SysTick_Handler(void)
{
	ms_count++;
}

static uint32_t
irq_save(void)
{
	uint32_t primask;

	__asm__ volatile ("mrs %0, primask\n\tcpsid i" : "=r" (primask)
		:: "memory");
	return primask;
}

static void
irq_restore(uint32_t primask)
{
	__asm__ volatile ("msr primask, %0" :: "r" (primask) : "memory");
}

/*
 * Nanoseconds since SysTick started, to the tick (40 ns): the millisecond
 * count and the counter read together, with a reload that has happened
 * but whose interrupt has not yet run counted in.
 */
static uint64_t
now_ns(void)
{
	uint32_t saved = irq_save();
	uint64_t ms = ms_count;
	uint32_t cvr = SYST_CVR;

	if (SCB_ICSR & ICSR_PENDSTSET) {
		cvr = SYST_CVR;
		ms++;
	}
	irq_restore(saved);
	return ms * 1000000u + (uint64_t)(TICKS_PER_MS - 1u - cvr) * NS_PER_TICK;
}

uint64_t
ck_board_monotonic_ms(void)
{
	uint32_t saved = irq_save();
	uint64_t ms = ms_count;

	irq_restore(saved);
	return ms;
}

static uint64_t
monotonic_ms_for_driver(void)
{
	return ck_board_monotonic_ms();
}

void
ck_board_idle(void)
{
	uint64_t start = now_ns();

	/* SysTick ends the wait within a millisecond. */
	__asm__ volatile ("wfi" ::: "memory");
	idle_ns += now_ns() - start;
}

/*
 * Busy time: under QEMU's -icount shift=0 one instruction takes one
 * nanosecond of guest time, so this counts the instructions executed
 * outside WFI.
 */
uint64_t
ck_board_cpu_time_ns(void)
{
	return now_ns() - idle_ns;
}

int64_t
ck_board_unix_time(void)
{
	return semihosting_time();
}

/* --- start, console, failure -------------------------------------------------- */

void
ck_board_init(void)
{
	cmsdk_uart_init();
	SYST_RVR = TICKS_PER_MS - 1u;
	SYST_CVR = 0;
	SYST_CSR = SYST_CSR_ENABLE | SYST_CSR_TICKINT | SYST_CSR_CLKSOURCE;
	cmsdk_uart_puts("ckafka-fw: qemu-mps2-an386 board up\r\n");
}

_Noreturn void
ck_board_panic(const char *why)
{
	cmsdk_uart_puts("ckafka-fw: panic: ");
	cmsdk_uart_puts(why);
	cmsdk_uart_puts("\r\n");
	semihosting_exit(EXIT_NO_REPORT);
}

void HardFault_Handler(void);

void
HardFault_Handler(void)
{
	ck_board_panic("hard fault");
}

/* --- entropy -------------------------------------------------------------------- */

bool
ck_board_entropy(uint8_t *buf, size_t len)
{
	size_t got = 0;

	if (urandom < 0) {
		urandom = semihosting_open_read("/dev/urandom");
		if (urandom < 0) {
			return false;
		}
	}
	while (got < len) {
		int32_t n = semihosting_read(urandom, buf + got, len - got);

		if (n <= 0) {
			return false;
		}
		got += (size_t)n;
	}
	return true;
}

/* --- Ethernet -------------------------------------------------------------------- */

bool
ck_board_eth_init(uint8_t mac[6])
{
	return lan9118_init(LAN9118_BASE, mac, fallback_mac,
		monotonic_ms_for_driver, PHY_NEGOTIATE_MS);
}

bool
ck_board_eth_output(const ck_board_eth_piece *pieces, size_t count)
{
	return lan9118_send(pieces, count);
}

size_t
ck_board_eth_receive(const ck_board_eth_buffer *bufs, size_t count)
{
	return lan9118_receive(bufs, count);
}

bool
ck_board_ipv4_settings(ck_board_ipv4 *out)
{
	static const ck_board_ipv4 slirp = {
		{ 10, 0, 2, 15 }, { 255, 255, 255, 0 },
		{ 10, 0, 2, 2 }, { 10, 0, 2, 3 }
	};

	*out = slirp;
	return true;
}

/* --- the job from the host -------------------------------------------------------- */

/* A whole host file (or pipe) into buf; its length, or -1. */
static int32_t
read_host_file(const char *path, char *buf, size_t cap)
{
	int32_t fd = semihosting_open_read(path);
	size_t len = 0;

	if (fd < 0) {
		return -1;
	}
	for (;;) {
		int32_t n;

		if (len == cap) {
			len = cap + 1;   /* too long: refuse, never cut */
			break;
		}
		n = semihosting_read(fd, buf + len, cap - len);
		if (n < 0) {
			len = cap + 1;
			break;
		}
		if (n == 0) {
			break;
		}
		len += (size_t)n;
	}
	semihosting_close(fd);
	return len > cap ? -1 : (int32_t)len;
}

/* "ckafka-fw JOB REPORT" into the two paths; false if it is not that. */
static bool
split_cmdline(void)
{
	char *p, *q;

	if (semihosting_cmdline(cmdline, sizeof cmdline) < 0) {
		return false;
	}
	p = strchr(cmdline, ' ');
	if (p == NULL) {
		return false;
	}
	*p++ = '\0';
	q = strchr(p, ' ');
	if (q == NULL || strchr(q + 1, ' ') != NULL || q[1] == '\0') {
		return false;
	}
	*q++ = '\0';
	job_path = p;
	report_path = q;
	return true;
}

static void
load_job(void)
{
	int32_t n;

	if (!split_cmdline()) {
		ck_board_panic("no job: run me with the host tool, "
			"build/ckafka-offsets-qemu");
	}
	n = read_host_file(job_path, job_text, CK_QEMU_JOB_MAX);
	if (n < 0) {
		job_result = CK_ERR_INVALID_ARGUMENT;
		return;
	}
	job_result = ck_qemu_job_decode(job_text, (size_t)n, &job);
}

bool
ck_board_next_request(ck_board_request *out)
{
	if (!job_loaded) {
		/* The first call is decoded with the job; a job that could
		 * not be read still gives one request, whose report says so
		 * (ck_board_api_settings fails with job_result). */
		job_loaded = true;
		load_job();
	} else if (job_result != CK_OK || !ck_qemu_job_next_call(&job)) {
		return false;
	}
	out->request = job.request;
	out->prepare_only = job.dry_run;
	return true;
}

ck_result
ck_board_api_settings(ck_board_api_config *out, const char **what)
{
	ck_result r;
	int32_t n;

	if (job_result != CK_OK) {
		*what = "reading the job from the host tool";
		return job_result;
	}
	out->api = job.api;
	out->connect_host = job.connect_host;
	out->connect_port = job.connect_port;
	if (job.cacert_path == NULL) {
		return CK_OK;           /* the compiled-in anchors */
	}
	*what = "reading the CA file";
	n = read_host_file(job.cacert_path, pem_text, sizeof pem_text);
	if (n <= 0) {
		return CK_ERR_TRUST_ANCHORS;
	}
	ck_trust_anchors_init(&anchors, anchor_slots, ANCHORS_MAX,
		anchor_pool, sizeof anchor_pool);
	r = ck_trust_anchors_add_pem(&anchors, pem_text, (size_t)n, NULL);
	memset(pem_text, 0, (size_t)n);
	if (r != CK_OK) {
		return r;
	}
	out->anchors = anchors.anchors;
	out->anchor_count = anchors.count;
	return CK_OK;
}

/* --- the report back -------------------------------------------------------------- */

static void
console_number(const char *label, uint64_t v)
{
	char digits[CK_TEXT_DEC_MAX];
	size_t n = ck_text_dec(v, 0, digits);

	cmsdk_uart_puts(label);
	cmsdk_uart_write(digits, n);
}

void
ck_board_request_done(const ck_board_request *req,
	const ck_board_report *report)
{
	char head[CK_QEMU_REPORT_HEAD_MAX];
	size_t len, head_len;

	(void)req;
	console_number("ckafka-fw: call ", (uint64_t)job.call_index + 1u);
	console_number(", result ", (uint64_t)report->result);
	console_number(", stack used ", report->stack_used);
	console_number(" of ", report->stack_size);
	cmsdk_uart_puts(" bytes\r\n");
	if (ck_qemu_report_encode(report, job.call_index, report_text,
		sizeof report_text, &len) != CK_OK) {
		ck_board_panic("report does not fit");
	}
	if (report_fd < 0) {
		report_fd = semihosting_open_write(report_path);
	}
	head_len = ck_qemu_report_head(len, head);
	if (report_fd < 0 || semihosting_write(report_fd, head, head_len) != 0
		|| semihosting_write(report_fd, report_text, len) != 0
		|| semihosting_write(report_fd, "\n", 1) != 0) {
		ck_board_panic("cannot write the report");
	}
	/* A plan goes on only past an applied call; the last call, or the
	 * first that was not applied, ends the run with its status. */
	if (report->result != CK_OK || job_result != CK_OK
		|| job.call_index + 1u >= job.call_count) {
		semihosting_close(report_fd);
		semihosting_exit(ck_cli_exit_code(report->result));
	}
}
