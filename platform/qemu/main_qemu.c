/*
 * main_qemu.c -- ckafka-offsets-qemu: the firmware image as a command-line
 * tool. Same flags, environment, output, messages and exit statuses as
 * ckafka-offsets (the command line is platform/common/ck_cli.c); under it,
 * the Cortex-M4 image runs on QEMU's mps2-an386 board and makes the call
 * itself -- its lwIP, its BearSSL, its clock, its stack.
 *
 * This program only checks the command line, resolves where to connect
 * (the image has no DNS: QEMU's user network NATs the guest's connections,
 * and the host's 127.0.0.1 is 10.0.2.2 from the guest), hands the image
 * the job (ck_qemu_job.h), and prints what the image reports, with the
 * image's own exit status. --dry-run too is the image's: it signs with its
 * own clock and reports the request it would send. A plan (--from-file)
 * is one run: the image makes every call on its one client and
 * connection and reports each as it ends, and this program prints each
 * report as it comes, as the host tools print their calls.
 *
 * Environment, besides the tool's own TENCENTCLOUD_* variables:
 *   CKAFKA_QEMU        the emulator (default qemu-system-arm)
 *   CKAFKA_QEMU_IMAGE  the image (default: the one this build made)
 *   CKAFKA_QEMU_ICOUNT 1: -icount shift=0, one instruction per guest ns,
 *                      for instruction counts (slower)
 *   CKAFKA_QEMU_STATS  a file to write the image's measurements to, as
 *                      JSON: stack high-water mark, CPU time of the call
 *                      and of each connection opening, wall time
 */
#include <arpa/inet.h>
#include <inttypes.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "ck_ca_file.h"
#include "ck_cli.h"
#include "ck_qemu_job.h"
#include "ck_qemu_run.h"

#ifndef CK_QEMU_DEFAULT_IMAGE
#define CK_QEMU_DEFAULT_IMAGE "build/firmware-qemu-mps2-an386/ckafka-fw.elf"
#endif

/* What the guest calls the host's loopback (QEMU user networking). */
#define SLIRP_HOST "10.0.2.2"

/* Time QEMU may take beyond the client's own bounds before it is killed. */
#define BOOT_SLACK_MS 30000u

static int run_dry(void *ctx, const ck_cli_args *args);
static int tls_error(void *ctx);

static const ck_cli_tool tool = {
	.prog = "ckafka-offsets-qemu",
	.connect_help = "connect there instead of HOST:443 (proxies, tests);\n"
	"                          HOST resolves on this host, IPv4 only; its\n"
	"                          127.0.0.1 is reached through QEMU's network;\n"
	"                          PORT 1..65535\n",
	.default_cacert = "the anchors compiled into the image",
	.tls_error = tls_error,
	.dry_run = run_dry,
};

static char job_text[CK_QEMU_JOB_MAX];
static ck_qemu_job job;
static ck_qemu_run_result run;
static char guest_host[INET_ADDRSTRLEN];
/* For results that came before any answer could. */
static const ck_offsets_response no_answer;
/* BearSSL's error of the image's last TLS failure, for ck_cli's messages. */
static int image_tls_error;

static int
tls_error(void *ctx)
{
	(void)ctx;
	return image_tls_error;
}

/* Where the guest connects: the numeric IPv4 address it can reach. */
static int
resolve_for_guest(const ck_cli_args *a, uint16_t *port, ck_result *r)
{
	const char *host = a->connect_host != NULL ? a->connect_host
		: ck_api_settings_endpoint(&a->api);
	const char *service = a->connect_port != NULL ? a->connect_port : "443";
	struct addrinfo hints, *res = NULL;
	struct sockaddr_in sin;

	if (a->connect_bracketed) {
		return ck_cli_usage_error(&tool, "bad --connect '%s': the "
			"firmware speaks IPv4 only", a->connect_host);
	}
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_INET;
	hints.ai_socktype = SOCK_STREAM;
	if (getaddrinfo(host, service, &hints, &res) != 0 || res == NULL) {
		*r = CK_ERR_DNS;
		return CK_CLI_CONTINUE;
	}
	memcpy(&sin, res->ai_addr, sizeof sin);
	freeaddrinfo(res);
	*port = ntohs(sin.sin_port);
	if (*port == 0) {
		return ck_cli_usage_error(&tool, "bad --connect port '%s'",
			service);
	}
	if (ntohl(sin.sin_addr.s_addr) == INADDR_LOOPBACK) {
		strcpy(guest_host, SLIRP_HOST);
	} else if ((ntohl(sin.sin_addr.s_addr) >> 24) == 127) {
		return ck_cli_usage_error(&tool, "bad --connect '%s': of the "
			"host's loopback the firmware reaches 127.0.0.1 only", host);
	} else {
		inet_ntop(AF_INET, &sin.sin_addr, guest_host, sizeof guest_host);
	}
	*r = CK_OK;
	return CK_CLI_CONTINUE;
}

/*
 * The call's whole bound (its deadline, as the client computes its
 * default), the CA file's read, and a boot: past that the image is stuck.
 */
static uint32_t
watchdog_ms(const ck_cli_args *a)
{
	uint64_t t = a->api.timeout_ms != 0 ? a->api.timeout_ms
		: CK_DEFAULT_TIMEOUT_MS;
	uint64_t d = a->api.deadline_ms != 0 ? a->api.deadline_ms : 3u * t;
	uint64_t ms = d + t + BOOT_SLACK_MS;

	return ms > UINT32_MAX ? UINT32_MAX : (uint32_t)ms;
}

static void
write_stats(const char *path, const ck_qemu_report *rep, bool icount)
{
	FILE *f = fopen(path, "w");
	unsigned i;

	if (f == NULL) {
		fprintf(stderr, "%s: cannot write %s (CKAFKA_QEMU_STATS)\n",
			tool.prog, path);
		return;
	}
	fprintf(f, "{\"icount\":%s,\"wall_ms\":%" PRIu64 ",\"stack_used\":%"
		PRIu64 ",\"stack_size\":%" PRIu64 ",\"call_cpu_ns\":%" PRIu64
		",\"opens\":%u,\"open_cpu_ns\":[", icount ? "true" : "false",
		run.wall_ms, rep->stack_used, rep->stack_size, rep->call_cpu_ns,
		rep->opens);
	for (i = 0; i < rep->opens && i < CK_BOARD_REPORT_OPENS; i++) {
		fprintf(f, "%s%" PRIu64, i > 0 ? "," : "", rep->open_cpu_ns[i]);
	}
	fprintf(f, "],\"tls_error\":%d,\"result\":\"%s\"}\n", rep->tls_error,
		ck_result_name(rep->result));
	fclose(f);
}

/* QEMU ran, but the image said nothing usable: show what it printed. */
static int
no_report(const char *why)
{
	const char *p = run.console;

	while (*p != '\0') {
		const char *eol = strchr(p, '\n');
		size_t n = eol != NULL ? (size_t)(eol - p) : strlen(p);

		if (n > 0 && p[n - 1] == '\r') {
			n--;
		}
		if (n > 0) {
			fprintf(stderr, "%s: firmware console: %.*s\n", tool.prog,
				(int)n, p);
		}
		p += eol != NULL ? (size_t)(eol - p) + 1 : strlen(p);
	}
	fprintf(stderr, "%s: the firmware ended without a report (%s): outcome "
		"unknown. The call sets absolute offsets, so it is safe to "
		"retry.\n", tool.prog, why);
	return CK_CLI_EXIT_UNKNOWN;
}

/* --- the reports, as they come ---------------------------------------------- */

/* What the run's reports have said so far. */
static struct {
	const ck_cli_args *args;
	bool dry_run;
	size_t count;              /* reports taken, in order */
	bool bad;                  /* one did not decode, or out of order */
	bool going;                /* a plan goes on */
	ck_qemu_report last;       /* the last one's numbers (spans cleared) */
	char single[CK_QEMU_REPORT_MAX];  /* one call: kept for after the run */
	size_t single_len;
} seen;

/* The step a report names, with what the image's TLS error adds. */
static const char *
what_of(const ck_qemu_report *rep)
{
	static char what[256];

	snprintf(what, sizeof what, "%.*s%s", (int)rep->what.len,
		rep->what.ptr != NULL ? rep->what.ptr : "",
		rep->tls_error == BR_ERR_BAD_FRAGLEN ? " (the server ignores "
		"max_fragment_length: it did not agree to the small TLS "
		"records this image's buffer holds)" : "");
	return what[0] != '\0' ? what : NULL;
}

static void
on_report(void *ctx, const char *text, size_t len)
{
	ck_qemu_report rep;
	const ck_cli_args *a = seen.args;

	(void)ctx;
	if (seen.bad || ck_qemu_report_decode(text, len, &rep) != CK_OK
		|| rep.call != seen.count
		|| (a->plan == NULL && seen.count > 0)
		|| (a->plan != NULL && (rep.call >= a->plan->call_count
			|| !seen.going))) {
		seen.bad = true;
		return;
	}
	seen.count++;
	seen.last = rep;
	memset(&seen.last.what, 0, sizeof seen.last.what);
	memset(&seen.last.response, 0, sizeof seen.last.response);
	seen.last.head = seen.last.body = CK_SPAN_EMPTY;
	image_tls_error = rep.tls_error;
	if (a->plan == NULL) {
		memcpy(seen.single, text, len);
		seen.single_len = len;
		return;
	}
	if (seen.dry_run && rep.result == CK_OK) {
		ck_cli_plan_print_request((size_t)rep.call, rep.head, rep.body);
		return;
	}
	if (seen.dry_run) {
		ck_cli_report(&tool, rep.result, &rep.response, what_of(&rep));
		seen.going = false;
		return;
	}
	seen.going = ck_cli_plan_done(&tool, (size_t)rep.call, rep.result,
		&rep.response, what_of(&rep));
	if (seen.going && rep.call + 1 < a->plan->call_count) {
		ck_cli_plan_progress(&tool, (size_t)rep.call + 1);
	}
}

/* A failure before the image ran: as a call's for a plan. */
static int
failed_before_the_run(const ck_cli_args *a, ck_result r, const char *what)
{
	if (a->plan == NULL || a->dry_run) {
		return ck_cli_report(&tool, r, &no_answer, what);
	}
	ck_cli_plan_done(&tool, 0, r, &no_answer, what);
	return ck_cli_plan_finish(&tool);
}

/* The job: the settings, then every call (one, or the plan's). */
static int
build_job(const ck_cli_args *a, bool dry_run, size_t *len)
{
	static ck_partition_offset parts[CK_MAX_PARTITIONS];
	static ck_span names[CK_MAX_TOPICS];
	ck_result r;
	size_t i;

	job.api = a->api;
	job.request = a->request;
	job.cacert_path = a->cacert_path;
	job.dry_run = dry_run;
	if (a->plan != NULL) {
		ck_plan_request(a->plan, 0, a->request.instance_id,
			a->request.group_name, parts, names, &job.request);
	}
	r = ck_qemu_job_encode(&job, job_text, sizeof job_text, len);
	for (i = 1; r == CK_OK && a->plan != NULL
		&& i < a->plan->call_count; i++) {
		ck_offsets_request req;

		ck_plan_request(a->plan, i, a->request.instance_id,
			a->request.group_name, parts, names, &req);
		r = ck_qemu_job_add_call(&req, job_text, sizeof job_text, len);
	}
	if (r == CK_ERR_BUFFER_TOO_SMALL && a->plan != NULL) {
		fprintf(stderr, "%s: --from-file: the plan's %zu calls do not "
			"fit the job the firmware reads (%u bytes); split the "
			"file. Nothing was sent.\n", tool.prog,
			a->plan->call_count, (unsigned)CK_QEMU_JOB_MAX);
		return CK_CLI_EXIT_USAGE;
	}
	if (r != CK_OK) {
		return ck_cli_report(&tool, r, &no_answer, "handing the job to "
			"the firmware");
	}
	return CK_CLI_CONTINUE;
}

/* After the run: what its reports and its status say, for a plan. */
static int
plan_outcome(const ck_cli_args *a, int started, const char *start_why)
{
	const ck_plan *p = a->plan;
	int code;

	if (started != 0) {
		fprintf(stderr, "%s: starting the firmware failed: %s: nothing "
			"was applied.\n", tool.prog, start_why);
		if (!a->dry_run) {
			ck_cli_plan_abandon(&tool, 0, CK_CLI_EXIT_NOT_APPLIED,
				"firmware_not_started");
			ck_cli_plan_finish(&tool);
		}
		return CK_CLI_EXIT_NOT_APPLIED;
	}
	if (seen.going && (seen.bad || run.report_malformed || run.timed_out
		|| seen.count < p->call_count)) {
		/* The call the image was on when it stopped reporting. */
		char status[96];

		if (run.timed_out) {
			snprintf(status, sizeof status, "it did not finish in "
				"time and was stopped");
		} else if (seen.bad || run.report_malformed) {
			snprintf(status, sizeof status, "its report for call %zu "
				"is not one", seen.count + 1);
		} else if (run.exited) {
			snprintf(status, sizeof status, "QEMU exit status %d",
				run.status);
		} else {
			snprintf(status, sizeof status, "QEMU was killed");
		}
		if (!a->dry_run) {
			ck_cli_plan_abandon(&tool, seen.count, CK_CLI_EXIT_UNKNOWN,
				"no_report");
		}
		code = no_report(status);
		if (!a->dry_run) {
			ck_cli_plan_finish(&tool);
		}
		return code;
	}
	code = ck_cli_exit_code(seen.last.result);
	if (!run.exited || run.status != code) {
		fprintf(stderr, "%s: the firmware reported %s but exited with "
			"status %d\n", tool.prog, ck_result_name(seen.last.result),
			run.exited ? run.status : -1);
		if (!a->dry_run) {
			ck_cli_plan_finish(&tool);
		}
		return no_report("its exit status contradicts its report");
	}
	return a->dry_run ? code : ck_cli_plan_finish(&tool);
}

static int
run_image(const ck_cli_args *a, bool dry_run)
{
	ck_qemu_run_options o;
	ck_qemu_report rep;
	const char *why = NULL;
	ck_result r = CK_OK;
	size_t len = 0;
	uint16_t port = 0;
	const char *env;
	int code;

	memset(&job, 0, sizeof job);
	memset(&seen, 0, sizeof seen);
	seen.args = a;
	seen.dry_run = dry_run;
	seen.going = true;
	if (!dry_run) {
		code = resolve_for_guest(a, &port, &r);
		if (code != CK_CLI_CONTINUE) {
			return code;
		}
		if (r != CK_OK) {
			return failed_before_the_run(a, r, NULL);
		}
		job.connect_host = guest_host;
		job.connect_port = port;
	}
	/*
	 * The image reads the CA file through the emulator, which would wait
	 * on a FIFO for ever: it is checked here first, as the host tools
	 * load it (a regular file, bounded in size and time, every
	 * certificate usable), for a dry run too.
	 */
	if (a->cacert_path != NULL) {
		r = ck_ca_file_check(a->cacert_path, a->api.timeout_ms);
		if (r != CK_OK) {
			return a->plan != NULL && !dry_run
				? failed_before_the_run(a, r, NULL)
				: ck_cli_report_ca_file(&tool, r);
		}
	}
	code = build_job(a, dry_run, &len);
	if (code != CK_CLI_CONTINUE) {
		memset(job_text, 0, sizeof job_text);
		return code;
	}

	memset(&o, 0, sizeof o);
	env = getenv("CKAFKA_QEMU");
	o.qemu = env != NULL && env[0] != '\0' ? env : "qemu-system-arm";
	env = getenv("CKAFKA_QEMU_IMAGE");
	o.image = env != NULL && env[0] != '\0' ? env : CK_QEMU_DEFAULT_IMAGE;
	env = getenv("CKAFKA_QEMU_ICOUNT");
	o.icount = env != NULL && strcmp(env, "1") == 0;
	o.watchdog_ms = watchdog_ms(a);
	o.on_report = on_report;
	if (a->plan != NULL && !dry_run) {
		ck_cli_plan_progress(&tool, 0);
	}
	code = ck_qemu_run(&o, job_text, len, &run, &why);
	/* The job holds the secret key. */
	memset(job_text, 0, sizeof job_text);
	env = getenv("CKAFKA_QEMU_STATS");
	if (code == 0 && seen.count > 0 && env != NULL && env[0] != '\0') {
		write_stats(env, &seen.last, o.icount);
	}
	if (a->plan != NULL) {
		return plan_outcome(a, code, why);
	}
	if (code != 0) {
		fprintf(stderr, "%s: starting the firmware failed: %s: nothing "
			"was applied.\n", tool.prog, why);
		return CK_CLI_EXIT_NOT_APPLIED;
	}
	if (run.timed_out) {
		return no_report("it did not finish in time and was stopped");
	}
	if (seen.bad || run.report_malformed || seen.count != 1
		|| ck_qemu_report_decode(seen.single, seen.single_len, &rep)
			!= CK_OK) {
		char status[64];

		if (run.exited) {
			snprintf(status, sizeof status, "QEMU exit status %d",
				run.status);
		} else {
			snprintf(status, sizeof status, "QEMU was killed");
		}
		return no_report(status);
	}
	code = ck_cli_exit_code(rep.result);
	if (!run.exited || run.status != code) {
		fprintf(stderr, "%s: the firmware reported %s but exited with "
			"status %d\n", tool.prog, ck_result_name(rep.result),
			run.exited ? run.status : -1);
		return no_report("its exit status contradicts its report");
	}
	if (dry_run && rep.result == CK_OK) {
		ck_cli_print_request(rep.head, rep.body);
		return CK_CLI_EXIT_APPLIED;
	}
	return ck_cli_report(&tool, rep.result, &rep.response, what_of(&rep));
}

static int
run_dry(void *ctx, const ck_cli_args *args)
{
	(void)ctx;
	return run_image(args, true);
}

int
main(int argc, char **argv)
{
	ck_cli_args a;
	int code;

	code = ck_cli_parse(&tool, argc, argv, &a);
	if (code != CK_CLI_CONTINUE) {
		return code;
	}
	return run_image(&a, false);
}
