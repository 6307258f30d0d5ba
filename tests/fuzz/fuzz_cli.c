/*
 * fuzz_cli.c -- libFuzzer target for the command line both tools share
 * (platform/common/ck_cli.c): ck_cli_parse on a fuzzer-made argv and
 * environment, and ck_cli_parse_decimal against a reference.
 *
 * Input: the first byte chooses the mode and which environment variables
 * are set. Decimal mode: 8 bytes of bound, then the text, checked against a
 * plain reference parser (digits only, 1 to 20 of them, value <= bound, in
 * 128-bit arithmetic where available). Parse mode: the rest is argv, its
 * arguments separated by NUL bytes (at most 48), after the program name.
 *
 * Checked in parse mode, beyond the sanitizers:
 *  - the return is CK_CLI_CONTINUE or an exit code 0..4;
 *  - CK_CLI_CONTINUE hands out a request and settings the client can take
 *    as they are: 1..CK_MAX_PARTITIONS partitions with partition and offset
 *    in range, at most CK_MAX_TOPICS topics, non-empty instance, group,
 *    region and credentials, timeout and deadline within their flags'
 *    ranges, a --connect host and port of the documented lengths;
 *  - a request handed out encodes, or is refused with an input error
 *    (duplicates and bad UTF-8 are the encoder's to find).
 * Nearly every input prints (usage errors, --help, dry runs): run it with
 * -close_fd_mask=3, as tests/fuzz/fuzz_cli.options tells run_fuzz.sh to;
 * libFuzzer and the sanitizers still report on a copy of stderr.
 *
 * ck_cli_parse is made to run once per process (static storage, getopt's
 * state, the secret key blanked in the environment): the target resets
 * getopt (optind = 0, glibc's full reset) and the environment before every
 * run.
 */
/* putenv is XSI. */
#define _XOPEN_SOURCE 700

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_cli.h"
#include "ck_request_encoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) { abort(); } } while (0)

#define MAX_ARGS 48

static const ck_cli_flag extra_flags[] = { { "tap", true }, { "dhcp", false } };

static int
on_flag(void *ctx, size_t index, const char *value)
{
	(void)ctx;
	CHECK(index < 2);
	CHECK((index == 0) == (value != NULL));
	return CK_CLI_CONTINUE;
}

static const ck_cli_tool tool = {
	.prog = "fuzz-cli",
	.connect_help = "connect there\n",
	.default_cacert = "/nonexistent/ca.pem",
	.extra_help = "  --tap NAME\n  --dhcp\n",
	.flags = extra_flags,
	.flag_count = 2,
	.on_flag = on_flag,
};

/* The reference: what ck_cli_parse_decimal must say. */
static int
reference_decimal(const uint8_t *s, size_t len, uint64_t max, uint64_t *out)
{
#ifdef __SIZEOF_INT128__
	unsigned __int128 v = 0;
#else
	long double v = 0;
#endif
	size_t i;

	if (len == 0 || len > 20) {
		return -1;
	}
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	if (v > max) {
		return -1;
	}
	*out = (uint64_t)v;
	return 0;
}

static void
fuzz_decimal(const uint8_t *data, size_t size)
{
	uint64_t max = 0, got = 7, want = 7;
	size_t i;
	int r;

	for (i = 0; i < 8 && i < size; i++) {
		max = (max << 8) | data[i];
	}
	/* Small bounds are where a subtraction can wrap. */
	if (size > 0 && (data[0] & 0x80)) {
		max %= 16;
	}
	data += i;
	size -= i;
	r = ck_cli_parse_decimal((const char *)data, size, max, &got);
	CHECK(r == reference_decimal(data, size, max, &want));
	CHECK(r != 0 || (got == want && got <= max));
}

static bool
nonempty(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static void
check_args(const ck_cli_args *a)
{
	static char buf[CK_REQUEST_BODY_MAX];
	const ck_offsets_request *req = &a->request;
	ck_span body;
	ck_result r;
	size_t i;

	CHECK(req->partition_count >= 1
		&& req->partition_count <= CK_MAX_PARTITIONS);
	CHECK(req->partitions != NULL);
	for (i = 0; i < req->partition_count; i++) {
		CHECK(req->partitions[i].partition >= 0
			&& req->partitions[i].offset >= 0);
	}
	CHECK(req->topic_count <= CK_MAX_TOPICS);
	CHECK(req->topic_count == 0 || req->topics != NULL);
	CHECK(req->instance_id.len > 0 && req->group_name.len > 0);
	/* An empty --endpoint still gets through (the stacks refuse it when
	 * they set up TLS): the input checks of ck_cli are being reworked. */
	CHECK(a->api.endpoint != NULL && nonempty(a->api.region));
	CHECK(nonempty(a->api.secret_id) && nonempty(a->api.secret_key));
	CHECK(a->api.timeout_ms <= 3600000 && a->api.deadline_ms <= 10800000);
	if (a->connect_host != NULL) {
		CHECK(nonempty(a->connect_host)
			&& strlen(a->connect_host) <= CK_CLI_HOST_MAX);
		CHECK(nonempty(a->connect_port)
			&& strlen(a->connect_port) <= CK_CLI_PORT_MAX);
	}
	r = ck_request_encode(req, buf, sizeof buf, &body);
	CHECK(r == CK_OK || ck_result_outcome(r) == CK_OUTCOME_NOT_APPLIED);
}

/*
 * The environment, from buffers of our own (putenv keeps the pointer), so
 * millions of runs allocate nothing: the parse blanks the secret key in
 * place, and each run writes it back.
 */
static void
set_env(int which, bool set)
{
	static const char *const vars[4] = {
		"TENCENTCLOUD_SECRET_ID=AKIDfuzz",
		"TENCENTCLOUD_SECRET_KEY=fuzz-secret-key",
		"TENCENTCLOUD_REGION=ap-guangzhou",
		"TENCENTCLOUD_SESSION_TOKEN=tok",
	};
	static char bufs[4][48];
	char name[32];

	strcpy(bufs[which], vars[which]);
	if (set) {
		CHECK(putenv(bufs[which]) == 0);
	} else {
		memcpy(name, vars[which], (size_t)(strchr(vars[which], '=')
			- vars[which]));
		name[strchr(vars[which], '=') - vars[which]] = '\0';
		unsetenv(name);
	}
}

static void
fuzz_parse(uint8_t env, const uint8_t *data, size_t size)
{
	static char text[4096];
	char *argv[MAX_ARGS + 2];
	ck_cli_args args;
	size_t n = size < sizeof text - 1 ? size : sizeof text - 1;
	int argc = 1, code;
	size_t i, start = 0;

	memcpy(text, data, n);
	text[n] = '\0';
	argv[0] = (char *)"fuzz-cli";
	for (i = 0; i <= n && argc <= MAX_ARGS; i++) {
		if (i == n || text[i] == '\0') {
			argv[argc++] = &text[start];
			start = i + 1;
		}
	}
	argv[argc] = NULL;

	set_env(0, env & 1);
	set_env(1, env & 2);
	set_env(2, env & 4);
	set_env(3, env & 8);
	optind = 0;
	code = ck_cli_parse(&tool, argc, argv, &args);
	CHECK(code == CK_CLI_CONTINUE || (code >= 0 && code <= 4));
	if (code == CK_CLI_CONTINUE) {
		check_args(&args);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1) {
		return 0;
	}
	if (data[0] & 0x80) {
		fuzz_decimal(data + 1, size - 1);
	} else {
		fuzz_parse(data[0], data + 1, size - 1);
	}
	return 0;
}
