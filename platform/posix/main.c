/*
 * main.c -- ckafka-offsets: set a CKafka consumer group's committed offsets
 * from the command line (BatchModifyGroupOffsets).
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_client.h"
#include "ck_posix_platform.h"
#include "ck_posix_stack.h"

#define PROG "ckafka-offsets"

/* Exit codes: part of the tool's interface, documented in --help. */
enum {
	EXIT_APPLIED = 0,
	EXIT_USAGE = 1,
	EXIT_API_ERROR = 2,
	EXIT_NOT_APPLIED = 3,
	EXIT_UNKNOWN = 4
};

static const char usage_text[] =
"Usage: " PROG " --instance-id ID --group NAME --partition P=OFFSET [...]\n"
"                      [--topic NAME ...] [options]\n"
"\n"
"Set the committed offsets of a CKafka consumer group (Tencent Cloud API\n"
"BatchModifyGroupOffsets, version 2019-08-19). The same offsets apply to\n"
"every topic named with --topic, or to all topics of the group when none is.\n"
"\n"
"Required:\n"
"  --instance-id ID        CKafka instance, e.g. ckafka-abc12345\n"
"  --group NAME            consumer group\n"
"  --partition P=OFFSET    partition number and the offset to commit for it\n"
"                          (repeatable, up to %d; OFFSET 0..9223372036854775807)\n"
"Options:\n"
"  --topic NAME            limit to this topic (repeatable, up to %d)\n"
"  --region R              e.g. ap-guangzhou (default: $TENCENTCLOUD_REGION)\n"
"  --endpoint HOST         API host (default " CK_DEFAULT_ENDPOINT ");\n"
"                          Host header, TLS server name and signed host\n"
"  --connect HOST:PORT     connect there instead of HOST:443 (proxies, tests);\n"
"                          IPv6 as [ADDR]:PORT\n"
"  --cacert FILE           PEM trust anchors (default " CK_POSIX_DEFAULT_CACERT ")\n"
"  --timeout-ms N          bound on connecting, sending and awaiting the answer\n"
"                          (default 10000)\n"
"  --language zh-CN|en-US  language of the API's messages\n"
"  --dry-run               print the signed request (signature and token\n"
"                          redacted) and send nothing\n"
"  --help                  this text\n"
"\n"
"Credentials come from the environment: TENCENTCLOUD_SECRET_ID,\n"
"TENCENTCLOUD_SECRET_KEY and, for temporary credentials,\n"
"TENCENTCLOUD_SESSION_TOKEN.\n"
"\n"
"On success the API's answer is printed as one line of JSON:\n"
"  {\"ReturnCode\":..,\"ReturnMessage\":..,\"FlowId\":..,\"RouteId\":..,\"RequestId\":..}\n"
"\n"
"Exit status:\n"
"  0  the offsets were applied\n"
"  1  bad usage or input; nothing was sent\n"
"  2  the API answered with an error (code, message and RequestId on stderr)\n"
"  3  nothing was applied: connecting, TLS or sending failed before the\n"
"     request was complete\n"
"  4  outcome unknown: the request was sent but no valid answer came back;\n"
"     the call sets absolute offsets, so running it again is safe\n";

static ck_partition_offset partitions[CK_MAX_PARTITIONS];
static ck_span topics[CK_MAX_TOPICS];
static ck_posix_stack stack;

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, PROG ": ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '" PROG " --help'. Nothing was sent.\n");
	return EXIT_USAGE;
}

/* Strict unsigned decimal: digits only, no sign, no spaces, <= max. */
static int
parse_decimal(const char *s, size_t len, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	if (len == 0 || len > 20) {
		return -1;
	}
	for (i = 0; i < len; i++) {
		unsigned d;
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10) {
			return -1;
		}
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

static int
parse_partition(const char *arg, ck_partition_offset *po)
{
	const char *eq = strchr(arg, '=');
	uint64_t p, off;

	if (eq == NULL
		|| parse_decimal(arg, (size_t)(eq - arg), INT32_MAX, &p) != 0
		|| parse_decimal(eq + 1, strlen(eq + 1), INT64_MAX, &off) != 0) {
		return -1;
	}
	po->partition = (int32_t)p;
	po->offset = (int64_t)off;
	return 0;
}

/* "host:port" or "[v6]:port" into static copies. */
static int
parse_connect(const char *arg, char *host, size_t host_cap, char *port,
	size_t port_cap)
{
	const char *colon;
	const char *h = arg;
	size_t hlen;

	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');
		if (close == NULL || close[1] != ':') {
			return -1;
		}
		h = arg + 1;
		hlen = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(arg, ':');
		if (colon == NULL || memchr(arg, ':', (size_t)(colon - arg))) {
			return -1;
		}
		hlen = (size_t)(colon - arg);
	}
	if (hlen == 0 || hlen >= host_cap || strlen(colon + 1) == 0
		|| strlen(colon + 1) >= port_cap) {
		return -1;
	}
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	strcpy(port, colon + 1);
	return 0;
}

/* Exit code for a result, by its outcome; input errors are usage errors. */
static int
exit_code_for(ck_result r)
{
	switch (ck_result_outcome(r)) {
	case CK_OUTCOME_APPLIED:
		return EXIT_APPLIED;
	case CK_OUTCOME_REJECTED:
		return EXIT_API_ERROR;
	case CK_OUTCOME_NOT_APPLIED:
		switch (r) {
		case CK_ERR_INVALID_ARGUMENT:
		case CK_ERR_MISSING_FIELD:
		case CK_ERR_INVALID_UTF8:
		case CK_ERR_TOO_MANY_PARTITIONS:
		case CK_ERR_TOO_MANY_TOPICS:
		case CK_ERR_BUFFER_TOO_SMALL:
		case CK_ERR_INVALID_HEADER_VALUE:
		case CK_ERR_TRUST_ANCHORS:
			return EXIT_USAGE;
		default:
			return EXIT_NOT_APPLIED;
		}
	case CK_OUTCOME_UNKNOWN:
		break;
	}
	return EXIT_UNKNOWN;
}

static const char *
describe_input_error(ck_result r)
{
	switch (r) {
	case CK_ERR_MISSING_FIELD:
		return "a required value is empty";
	case CK_ERR_INVALID_UTF8:
		return "a name is not valid UTF-8";
	case CK_ERR_INVALID_ARGUMENT:
		return "a partition or topic is given twice, or a topic name is empty";
	case CK_ERR_TOO_MANY_PARTITIONS:
		return "too many partitions for one request";
	case CK_ERR_TOO_MANY_TOPICS:
		return "too many topics for one request";
	case CK_ERR_BUFFER_TOO_SMALL:
		return "the request does not fit the request buffer";
	case CK_ERR_INVALID_HEADER_VALUE:
		return "a region, language, endpoint or credential holds characters "
			"not allowed in an HTTP header";
	default:
		return ck_result_name(r);
	}
}

/* Print a span known to be raw JSON string content, inside quotes. */
static void
print_json_string(ck_span s)
{
	printf("\"%.*s\"", (int)s.len, s.ptr != NULL ? s.ptr : "");
}

static void
print_success(const ck_offsets_response *resp)
{
	printf("{\"ReturnCode\":");
	print_json_string(resp->return_code);
	printf(",\"ReturnMessage\":");
	print_json_string(resp->return_message);
	if (resp->has_flow_id) {
		printf(",\"FlowId\":%" PRId64, resp->flow_id);
	} else {
		printf(",\"FlowId\":null");
	}
	if (resp->has_route_id) {
		printf(",\"RouteId\":%" PRId64, resp->route_id);
	} else {
		printf(",\"RouteId\":null");
	}
	printf(",\"RequestId\":");
	print_json_string(resp->request_id);
	printf("}\n");
}

/* Message text unescaped for a person to read; raw if it does not fit. */
static void
print_text(FILE *f, ck_span raw)
{
	static char text[CK_RESPONSE_BODY_MAX];
	size_t n = 0;

	if (ck_json_unescape(raw, text, sizeof text, &n) == CK_OK) {
		fprintf(f, "%.*s", (int)n, text);
	} else {
		fprintf(f, "%.*s", (int)raw.len, raw.ptr != NULL ? raw.ptr : "");
	}
}

/*
 * The head with the signature and session token blanked: a signed request
 * can be replayed for five minutes, so it must not land in a terminal log.
 */
static void
print_redacted_head(ck_span head)
{
	const char *p = head.ptr;
	const char *end = head.ptr + head.len;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol != NULL ? (size_t)(eol - p) + 1 : (size_t)(end - p);
		ck_span line = ck_span_make(p, n);

		if (ck_span_starts_with(line, "Authorization: ")) {
			const char *sig = strstr(p, "Signature=");
			fwrite(p, 1, (size_t)(sig - p) + 10, stdout);
			fputs("<redacted>\r\n", stdout);
		} else if (ck_span_starts_with(line, "X-TC-Token: ")) {
			fputs("X-TC-Token: <redacted>\r\n", stdout);
		} else {
			fwrite(p, 1, n, stdout);
		}
		p += n;
	}
}

static char secret_key[256];

static void
wipe_secret(void)
{
	volatile char *p = secret_key;
	size_t i;

	for (i = 0; i < sizeof secret_key; i++) {
		p[i] = 0;
	}
}

/*
 * Copy the secret key out of the environment and blank it there, so it
 * does not linger in /proc/PID/environ or reach a child process; the copy
 * is wiped at exit.
 */
static const char *
take_secret(const char *name)
{
	char *v = getenv(name);
	size_t n;

	if (v == NULL) {
		return NULL;
	}
	n = strlen(v);
	if (n >= sizeof secret_key) {
		return NULL;
	}
	memcpy(secret_key, v, n + 1);
	memset(v, 0, n);
	atexit(wipe_secret);
	return secret_key;
}

static int
dry_run(const ck_posix_options *o, const ck_offsets_request *req)
{
	static ck_client client;
	ck_platform platform = ck_posix_platform();
	ck_client_config cc;
	ck_span head, body;
	ck_result r;

	memset(&cc, 0, sizeof cc);
	cc.host = ck_span_from_str(o->endpoint);
	cc.region = ck_span_from_str(o->region);
	cc.secret_id = ck_span_from_str(o->secret_id);
	cc.secret_key = ck_span_from_str(o->secret_key);
	cc.session_token = ck_span_from_str(o->session_token);
	cc.language = ck_span_from_str(o->language);
	cc.platform = &platform;
	r = ck_client_init(&client, &cc);
	if (r == CK_OK) {
		r = ck_client_prepare(&client, req, &head, &body);
	}
	if (r != CK_OK) {
		ck_client_deinit(&client);
		fprintf(stderr, PROG ": %s (%s). Nothing was sent.\n",
			describe_input_error(r), ck_result_name(r));
		return exit_code_for(r);
	}
	print_redacted_head(head);
	fwrite(body.ptr, 1, body.len, stdout);
	fputs("\n", stdout);
	ck_client_deinit(&client);
	return EXIT_APPLIED;
}

static int
report(ck_result r, const ck_offsets_response *resp, const char *what)
{
	int code = exit_code_for(r);

	switch (code) {
	case EXIT_APPLIED:
		print_success(resp);
		break;
	case EXIT_API_ERROR:
		if (r == CK_ERR_API) {
			fprintf(stderr, PROG ": API error %.*s: ",
				(int)resp->error_code.len, resp->error_code.ptr);
			print_text(stderr, resp->error_message);
		} else {
			fprintf(stderr, PROG ": the API reported failure, "
				"ReturnCode %.*s: ", (int)resp->return_code.len,
				resp->return_code.ptr);
			print_text(stderr, resp->return_message);
		}
		fprintf(stderr, " (RequestId %.*s)\n",
			(int)resp->request_id.len,
			resp->request_id.ptr != NULL ? resp->request_id.ptr : "");
		break;
	case EXIT_USAGE:
		if (r == CK_ERR_TRUST_ANCHORS) {
			fprintf(stderr, PROG ": %s: no usable CA certificate "
				"in it (%s). Nothing was sent.\n", what,
				ck_result_name(r));
		} else {
			fprintf(stderr, PROG ": bad input: %s (%s). Nothing "
				"was sent.\n", describe_input_error(r),
				ck_result_name(r));
		}
		break;
	case EXIT_NOT_APPLIED:
		fprintf(stderr, PROG ": %s failed (%s): nothing was applied.\n",
			what, ck_result_name(r));
		break;
	default:
		fprintf(stderr, PROG ": the request was sent but no valid "
			"answer came back (%s): outcome unknown. The call sets "
			"absolute offsets, so it is safe to retry.\n",
			ck_result_name(r));
		break;
	}
	return code;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "instance-id", required_argument, NULL, 'i' },
		{ "group", required_argument, NULL, 'g' },
		{ "partition", required_argument, NULL, 'p' },
		{ "topic", required_argument, NULL, 't' },
		{ "region", required_argument, NULL, 'r' },
		{ "endpoint", required_argument, NULL, 'e' },
		{ "connect", required_argument, NULL, 'c' },
		{ "cacert", required_argument, NULL, 'a' },
		{ "timeout-ms", required_argument, NULL, 'T' },
		{ "language", required_argument, NULL, 'l' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static char connect_host[CK_POSIX_HOST_MAX + 1];
	static char connect_port[6];
	ck_posix_options o;
	ck_offsets_request req;
	ck_offsets_response resp;
	const char *what = "the request";
	bool dry = false;
	ck_result r;
	int opt;

	memset(&o, 0, sizeof o);
	memset(&req, 0, sizeof req);
	o.endpoint = CK_DEFAULT_ENDPOINT;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		uint64_t v;

		switch (opt) {
		case 'i':
			req.instance_id = ck_span_from_str(optarg);
			break;
		case 'g':
			req.group_name = ck_span_from_str(optarg);
			break;
		case 'p':
			if (req.partition_count == CK_MAX_PARTITIONS) {
				return usage_error("too many --partition (at %s)",
					optarg);
			}
			if (parse_partition(optarg,
				&partitions[req.partition_count]) != 0) {
				return usage_error("bad --partition '%s': want "
					"P=OFFSET, P 0..2147483647, OFFSET "
					"0..9223372036854775807", optarg);
			}
			req.partition_count++;
			break;
		case 't':
			if (req.topic_count == CK_MAX_TOPICS) {
				return usage_error("too many --topic (at %s)",
					optarg);
			}
			topics[req.topic_count++] = ck_span_from_str(optarg);
			break;
		case 'r':
			o.region = optarg;
			break;
		case 'e':
			o.endpoint = optarg;
			break;
		case 'c':
			if (parse_connect(optarg, connect_host,
				sizeof connect_host, connect_port,
				sizeof connect_port) != 0) {
				return usage_error("bad --connect '%s': want "
					"HOST:PORT or [IPV6]:PORT", optarg);
			}
			o.connect_host = connect_host;
			o.connect_port = connect_port;
			break;
		case 'a':
			o.cacert_path = optarg;
			break;
		case 'T':
			if (parse_decimal(optarg, strlen(optarg), 3600000, &v)
				!= 0 || v == 0) {
				return usage_error("bad --timeout-ms '%s': want "
					"1..3600000", optarg);
			}
			o.timeout_ms = (uint32_t)v;
			break;
		case 'l':
			if (strcmp(optarg, "zh-CN") != 0
				&& strcmp(optarg, "en-US") != 0) {
				return usage_error("bad --language '%s': want "
					"zh-CN or en-US", optarg);
			}
			o.language = optarg;
			break;
		case 'n':
			dry = true;
			break;
		case 'h':
			printf(usage_text, CK_MAX_PARTITIONS, CK_MAX_TOPICS);
			return EXIT_APPLIED;
		default:
			return usage_error("unknown option or missing value: %s",
				argv[optind - 1]);
		}
	}
	if (optind < argc) {
		return usage_error("unexpected argument '%s'", argv[optind]);
	}
	if (req.instance_id.len == 0) {
		return usage_error("%s is required", "--instance-id");
	}
	if (req.group_name.len == 0) {
		return usage_error("%s is required", "--group");
	}
	if (req.partition_count == 0) {
		return usage_error("at least one %s is required", "--partition");
	}
	req.partitions = partitions;
	req.topics = req.topic_count > 0 ? topics : NULL;

	if (o.region == NULL) {
		o.region = getenv("TENCENTCLOUD_REGION");
	}
	if (o.region == NULL || o.region[0] == '\0') {
		return usage_error("%s is required", "--region (or TENCENTCLOUD_REGION)");
	}
	o.secret_id = getenv("TENCENTCLOUD_SECRET_ID");
	o.session_token = getenv("TENCENTCLOUD_SESSION_TOKEN");
	o.secret_key = take_secret("TENCENTCLOUD_SECRET_KEY");
	if (o.secret_id == NULL || o.secret_id[0] == '\0'
		|| o.secret_key == NULL || o.secret_key[0] == '\0') {
		return usage_error("%s must be set",
			"TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY");
	}

	if (dry) {
		return dry_run(&o, &req);
	}

	r = ck_posix_stack_init(&stack, &o, &what);
	if (r == CK_OK) {
		what = "connecting to the API";
		r = ck_client_modify_offsets(&stack.client, &req, &resp);
	} else {
		memset(&resp, 0, sizeof resp);
	}
	{
		int code = report(r, &resp, what);
		ck_posix_stack_deinit(&stack);
		return code;
	}
}
