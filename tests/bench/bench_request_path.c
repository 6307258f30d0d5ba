/*
 * bench_request_path.c -- the core's CPU cost per call, step by step, with
 * no network.
 *
 *   bench_request_path list              the steps, one "name<TAB>what" a line
 *   bench_request_path run STEP N        exactly N operations of STEP, then exit
 *                                        (for callgrind: Ir(N) - Ir(0) over N)
 *   bench_request_path time STEP RUNS    wall-clock ns/op of STEP: RUNS timed
 *                                        runs of a calibrated iteration count;
 *                                        prints "STEP median min iters r1 r2 ..."
 *
 * Every step's inputs are built and checked once before its loop, so a run
 * with N = 0 does the same setup as one with N > 0 and nothing else: the
 * difference is the loop alone. Each operation folds a byte of its output
 * into a volatile sink, so the compiler cannot drop the work.
 *
 * Driven by tests/bench/run_bench.py (`make bench`).
 */
#include <bearssl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ck_client.h"
#include "ck_http_request.h"
#include "ck_http_response.h"
#include "ck_request_encoder.h"
#include "ck_response_decoder.h"
#include "ck_tc3_signer.h"

static volatile uint64_t sink;

/* ---- realistic inputs ---------------------------------------------------- */

#define SECRET_ID  "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
#define SECRET_KEY "Gu5t9xGARNpq86cd98joQYCN3EXAMPLEkey"
#define REGION     "ap-guangzhou"
/* 2023-11-15T00:00:00Z: every call of a run falls on the same UTC day. */
#define TIMESTAMP  1700006400

static ck_partition_offset one_partition[1] = { { 0, 1200 } };
static ck_partition_offset many_partitions[CK_MAX_PARTITIONS];
static const ck_span four_topics[4] = {
	CK_SPAN_INIT("orders"), CK_SPAN_INIT("payments"),
	CK_SPAN_INIT("refunds"), CK_SPAN_INIT("invoices"),
};

static ck_offsets_request request_1p;
static ck_offsets_request request_64p;

/* The success example of the API page, as printed there. */
static const char success_body[] =
	"{\n"
	"\"Response\": {\n"
	"\"Result\": {\n"
	"\"ReturnCode\": \"OK\",\n"
	"\"ReturnMessage\": \"success\",\n"
	"\"Data\": {\n"
	"\"FlowId\": 0,\n"
	"\"RouteDTO\": {\n"
	"\"RouteId\": 0\n"
	"}\n"
	"}\n"
	"},\n"
	"\"RequestId\": \"test-requestId\"\n"
	"}\n"
	"}";

/* An error of this action, in the API 3.0 error envelope. */
static const char error_body[] =
	"{\"Response\":{\"Error\":{\"Code\":\"InvalidParameterValue.InstanceNotExist\","
	"\"Message\":\"The instance does not exist.\"},"
	"\"RequestId\":\"5b5e2f3a-8c1d-4d6e-9f0a-1b2c3d4e5f60\"}}";

#define RESPONSE_HEAD_COMMON \
	"HTTP/1.1 200 OK\r\n" \
	"Server: nginx\r\n" \
	"Date: Wed, 15 Nov 2023 00:00:01 GMT\r\n" \
	"Content-Type: application/json\r\n" \
	"Connection: keep-alive\r\n"

static char success_cl[2048];
static size_t success_cl_len;
static char error_cl[2048];
static size_t error_cl_len;
static char success_chunked[2048];
static size_t success_chunked_len;

static void
die(const char *what)
{
	fprintf(stderr, "bench_request_path: %s\n", what);
	exit(2);
}

static size_t
format_cl(char *out, size_t cap, const char *body, size_t body_len)
{
	int n = snprintf(out, cap, RESPONSE_HEAD_COMMON
		"Content-Length: %zu\r\n\r\n%s", body_len, body);

	if (n < 0 || (size_t)n >= cap) {
		die("response fixture does not fit");
	}
	return (size_t)n;
}

/* The success body in two chunks, split mid-document as servers do. */
static size_t
format_chunked(char *out, size_t cap, const char *body, size_t body_len)
{
	size_t first = body_len / 2;
	int n = snprintf(out, cap, RESPONSE_HEAD_COMMON
		"Transfer-Encoding: chunked\r\n\r\n"
		"%zx\r\n%.*s\r\n%zx\r\n%s\r\n0\r\n\r\n",
		first, (int)first, body, body_len - first, body + first);

	if (n < 0 || (size_t)n >= cap) {
		die("response fixture does not fit");
	}
	return (size_t)n;
}

static void
build_inputs(void)
{
	size_t i;

	for (i = 0; i < CK_MAX_PARTITIONS; i++) {
		many_partitions[i].partition = (int32_t)i;
		many_partitions[i].offset = 1234567890 + (int64_t)i * 7919;
	}
	request_1p.instance_id = CK_SPAN_LITERAL("ckafka-abc12345");
	request_1p.group_name = CK_SPAN_LITERAL("billing-consumers");
	request_1p.partitions = one_partition;
	request_1p.partition_count = 1;

	request_64p = request_1p;
	request_64p.partitions = many_partitions;
	request_64p.partition_count = CK_MAX_PARTITIONS;
	request_64p.topics = four_topics;
	request_64p.topic_count = 4;

	success_cl_len = format_cl(success_cl, sizeof success_cl,
		success_body, sizeof success_body - 1);
	error_cl_len = format_cl(error_cl, sizeof error_cl,
		error_body, sizeof error_body - 1);
	success_chunked_len = format_chunked(success_chunked,
		sizeof success_chunked, success_body, sizeof success_body - 1);
}

/* ---- the steps ------------------------------------------------------------ */

static char body_buf[CK_REQUEST_BODY_MAX];
static char auth_buf[CK_AUTHORIZATION_MAX];
static char head_buf[CK_HTTP_HEAD_MAX];
static char response_buf[CK_RESPONSE_BODY_MAX];
static ck_http_response http;
static ck_json_token tokens[CK_JSON_MAX_TOKENS];
static ck_tc3_key_cache key_cache;
static ck_client client;

/* What the signing and head steps work on, set up by their prepare. */
static ck_span encoded_body;
static ck_span authorization;
static const ck_offsets_request *step_request;
static const char *step_response;
static size_t step_response_len;
static ck_result step_expected;

static void
check(ck_result r, ck_result want, const char *what)
{
	if (r != want) {
		fprintf(stderr, "bench_request_path: %s: %s (wanted %s)\n", what,
			ck_result_name(r), ck_result_name(want));
		exit(2);
	}
}

static void
encode_once(void)
{
	check(ck_request_encode(step_request, body_buf, sizeof body_buf,
		&encoded_body), CK_OK, "encode");
	sink += (uint64_t)encoded_body.len;
}

static ck_tc3_input
sign_input(void)
{
	ck_tc3_input in;

	memset(&in, 0, sizeof in);
	in.secret_id = CK_SPAN_LITERAL(SECRET_ID);
	in.secret_key = CK_SPAN_LITERAL(SECRET_KEY);
	in.service = CK_SPAN_LITERAL(CK_API_SERVICE);
	in.host = CK_SPAN_LITERAL(CK_DEFAULT_ENDPOINT);
	in.content_type = CK_SPAN_LITERAL(CK_CONTENT_TYPE);
	in.timestamp = TIMESTAMP;
	in.payload = encoded_body;
	return in;
}

static void
sign_with(ck_tc3_key_cache *cache)
{
	ck_tc3_input in = sign_input();
	size_t written = 0;

	check(ck_tc3_authorization(&in, cache, auth_buf, sizeof auth_buf,
		&written), CK_OK, "sign");
	authorization = ck_span_make(auth_buf, written);
	sink += (uint8_t)auth_buf[written - 1];
}

/* Cold: the cache is emptied first, so kSigning is derived every time
 * (four HMACs: kDate, kService, kSigning, the signature). */
static void
sign_cold_once(void)
{
	ck_tc3_key_cache_wipe(&key_cache);
	sign_with(&key_cache);
}

/* Warm: kSigning comes from the cache (one HMAC: the signature). */
static void
sign_warm_once(void)
{
	sign_with(&key_cache);
}

static void
head_once(void)
{
	ck_http_request_head h;
	ck_span head;

	memset(&h, 0, sizeof h);
	h.host = CK_SPAN_LITERAL(CK_DEFAULT_ENDPOINT);
	h.content_type = CK_SPAN_LITERAL(CK_CONTENT_TYPE);
	h.content_length = encoded_body.len;
	h.action = CK_SPAN_LITERAL(CK_API_ACTION);
	h.version = CK_SPAN_LITERAL(CK_API_VERSION);
	h.region = CK_SPAN_LITERAL(REGION);
	h.timestamp = TIMESTAMP;
	h.authorization = authorization;
	check(ck_http_request_write_head(&h, head_buf, sizeof head_buf, &head),
		CK_OK, "head");
	sink += (uint64_t)head.len;
}

/* Feed the response as the client does (CK_RX_CHUNK bytes at a time),
 * then decode the body. */
static void
response_once(void)
{
	ck_offsets_response out;
	size_t pos = 0;
	bool complete = false;

	ck_http_response_init(&http, response_buf, sizeof response_buf);
	while (!complete) {
		size_t len = step_response_len - pos;
		size_t consumed = 0;

		if (len == 0) {
			die("response ended early");
		}
		if (len > CK_RX_CHUNK) {
			len = CK_RX_CHUNK;
		}
		check(ck_http_response_feed(&http, step_response + pos, len,
			&consumed, &complete), CK_OK, "feed");
		pos += consumed;
	}
	check(ck_response_decode(http.body, tokens, CK_JSON_MAX_TOKENS, &out),
		step_expected, "decode");
	sink += (uint64_t)out.request_id.len;
}

static int64_t
fixed_unix(void *ctx)
{
	(void)ctx;
	return TIMESTAMP;
}

static uint64_t
fixed_mono(void *ctx)
{
	(void)ctx;
	return 0;
}

static void
no_sleep(void *ctx, uint32_t ms)
{
	(void)ctx;
	(void)ms;
}

static const ck_platform fixed_platform = {
	fixed_unix, fixed_mono, no_sleep, NULL, NULL
};

static void
prepare_once(void)
{
	ck_span head;
	ck_span body;

	check(ck_client_prepare(&client, step_request, &head, &body), CK_OK,
		"prepare");
	sink += (uint64_t)head.len + body.len;
}

/* HMAC-SHA256 of a short message with a 32-byte key: the unit the cache
 * saves three of per request. */
static void
hmac_once(void)
{
	static const uint8_t key[32] = { 1, 2, 3 };
	br_hmac_key_context kc;
	br_hmac_context hc;
	uint8_t mac[32];

	br_hmac_key_init(&kc, &br_sha256_vtable, key, sizeof key);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, "tc3_request", 11);
	br_hmac_out(&hc, mac);
	sink += mac[0];
}

/* ---- per-step setup ------------------------------------------------------ */

static void
setup_1p(void)
{
	step_request = &request_1p;
	encode_once();
}

static void
setup_64p(void)
{
	step_request = &request_64p;
	encode_once();
}

static void
setup_warm_1p(void)
{
	setup_1p();
	sign_cold_once();
}

static void
setup_warm_64p(void)
{
	setup_64p();
	sign_cold_once();
}

static void
setup_success_cl(void)
{
	step_response = success_cl;
	step_response_len = success_cl_len;
	step_expected = CK_OK;
	response_once();
}

static void
setup_error_cl(void)
{
	step_response = error_cl;
	step_response_len = error_cl_len;
	step_expected = CK_ERR_API;
	response_once();
}

static void
setup_success_chunked(void)
{
	step_response = success_chunked;
	step_response_len = success_chunked_len;
	step_expected = CK_OK;
	response_once();
}

static void
setup_client(const ck_offsets_request *req)
{
	ck_client_config cfg;

	memset(&cfg, 0, sizeof cfg);
	cfg.region = CK_SPAN_LITERAL(REGION);
	cfg.secret_id = CK_SPAN_LITERAL(SECRET_ID);
	cfg.secret_key = CK_SPAN_LITERAL(SECRET_KEY);
	cfg.platform = &fixed_platform;
	check(ck_client_init(&client, &cfg), CK_OK, "client init");
	step_request = req;
	/* The first call derives kSigning; the loop measures the steady
	 * state of a batch, where the cache is warm. */
	prepare_once();
}

static void
setup_prepare_1p(void)
{
	setup_client(&request_1p);
}

static void
setup_prepare_64p(void)
{
	setup_client(&request_64p);
}

static void
setup_nothing(void)
{
}

typedef struct {
	const char *name;
	const char *what;
	void (*setup)(void);
	void (*op)(void);
} step;

static const step steps[] = {
	{ "encode_1p", "ck_request_encode, 1 partition",
		setup_1p, encode_once },
	{ "encode_64p", "ck_request_encode, 64 partitions + 4 topics",
		setup_64p, encode_once },
	{ "sign_cold_1p", "ck_tc3_authorization, cold key cache, 1p body",
		setup_1p, sign_cold_once },
	{ "sign_warm_1p", "ck_tc3_authorization, warm key cache, 1p body",
		setup_warm_1p, sign_warm_once },
	{ "sign_cold_64p", "ck_tc3_authorization, cold key cache, 64p body",
		setup_64p, sign_cold_once },
	{ "sign_warm_64p", "ck_tc3_authorization, warm key cache, 64p body",
		setup_warm_64p, sign_warm_once },
	{ "head", "ck_http_request_write_head (1p request)",
		setup_warm_1p, head_once },
	{ "response_success_cl", "feed + decode: success, Content-Length",
		setup_success_cl, response_once },
	{ "response_error_cl", "feed + decode: API error, Content-Length",
		setup_error_cl, response_once },
	{ "response_success_chunked", "feed + decode: success, chunked",
		setup_success_chunked, response_once },
	{ "prepare_1p", "ck_client_prepare (encode+sign warm+head), 1p",
		setup_prepare_1p, prepare_once },
	{ "prepare_64p", "ck_client_prepare (encode+sign warm+head), 64p",
		setup_prepare_64p, prepare_once },
	{ "hmac_sha256", "reference: one BearSSL HMAC-SHA256, short message",
		setup_nothing, hmac_once },
};

#define STEP_COUNT (sizeof steps / sizeof steps[0])

static const step *
find_step(const char *name)
{
	size_t i;

	for (i = 0; i < STEP_COUNT; i++) {
		if (strcmp(steps[i].name, name) == 0) {
			return &steps[i];
		}
	}
	return NULL;
}

/* ---- modes ---------------------------------------------------------------- */

static uint64_t
now_ns(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		die("clock_gettime failed");
	}
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t
time_loop(void (*op)(void), uint64_t iters)
{
	uint64_t start = now_ns();
	uint64_t i;

	for (i = 0; i < iters; i++) {
		op();
	}
	return now_ns() - start;
}

static int
compare_double(const void *a, const void *b)
{
	double x = *(const double *)a;
	double y = *(const double *)b;

	return (x > y) - (x < y);
}

#define MAX_RUNS 101
#define TARGET_RUN_NS 30000000u /* 30 ms per timed run */

static void
time_step(const step *s, unsigned runs)
{
	double per_op[MAX_RUNS];
	double sorted[MAX_RUNS];
	uint64_t iters = 1;
	uint64_t spent;
	unsigned i;

	/* Calibrate (this also warms caches and branch predictors). */
	for (;;) {
		spent = time_loop(s->op, iters);
		if (spent >= TARGET_RUN_NS / 10 || iters >= (1u << 30)) {
			break;
		}
		iters *= 2;
	}
	if (spent > 0) {
		uint64_t scaled = iters * TARGET_RUN_NS / spent;
		iters = scaled > 0 ? scaled : 1;
	}
	for (i = 0; i < runs; i++) {
		per_op[i] = (double)time_loop(s->op, iters) / (double)iters;
		sorted[i] = per_op[i];
	}
	qsort(sorted, runs, sizeof sorted[0], compare_double);
	printf("%s %.1f %.1f %llu", s->name,
		(runs % 2 != 0) ? sorted[runs / 2]
			: (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2,
		sorted[0], (unsigned long long)iters);
	for (i = 0; i < runs; i++) {
		printf(" %.1f", per_op[i]);
	}
	printf("\n");
}

static unsigned long
parse_count(const char *text, unsigned long max)
{
	char *end = NULL;
	unsigned long v = strtoul(text, &end, 10);

	if (end == text || *end != '\0' || v > max || text[0] == '-') {
		die("bad count");
	}
	return v;
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench_request_path list\n"
		"       bench_request_path run STEP N\n"
		"       bench_request_path time STEP RUNS\n");
	exit(1);
}

int
main(int argc, char **argv)
{
	const step *s;
	size_t i;

	build_inputs();
	if (argc == 2 && strcmp(argv[1], "list") == 0) {
		for (i = 0; i < STEP_COUNT; i++) {
			printf("%s\t%s\n", steps[i].name, steps[i].what);
		}
		return 0;
	}
	if (argc != 4) {
		usage();
	}
	s = find_step(argv[2]);
	if (s == NULL) {
		die("unknown step (try: list)");
	}
	s->setup();
	if (strcmp(argv[1], "run") == 0) {
		unsigned long n = parse_count(argv[3], 100000000ul);
		unsigned long k;

		for (k = 0; k < n; k++) {
			s->op();
		}
		printf("%s %lu %llu\n", s->name, n, (unsigned long long)sink);
		return 0;
	}
	if (strcmp(argv[1], "time") == 0) {
		unsigned long runs = parse_count(argv[3], MAX_RUNS);

		if (runs == 0) {
			die("RUNS must be at least 1");
		}
		time_step(s, (unsigned)runs);
		return 0;
	}
	usage();
	return 1;
}
