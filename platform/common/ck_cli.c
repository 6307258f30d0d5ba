/*
 * ck_cli.c -- the command line both ckafka-offsets tools share.
 */
#include "ck_cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_posix_platform.h"

/* Long-option ids of the common flags; a tool's own flags come after. */
enum {
	OPT_INSTANCE = 256,
	OPT_GROUP,
	OPT_PARTITION,
	OPT_TOPIC,
	OPT_REGION,
	OPT_ENDPOINT,
	OPT_CONNECT,
	OPT_CACERT,
	OPT_TIMEOUT,
	OPT_DEADLINE,
	OPT_LANGUAGE,
	OPT_DRY_RUN,
	OPT_HELP,
	OPT_TOOL_FIRST
};

static const struct option common_flags[] = {
	{ "instance-id", required_argument, NULL, OPT_INSTANCE },
	{ "group", required_argument, NULL, OPT_GROUP },
	{ "partition", required_argument, NULL, OPT_PARTITION },
	{ "topic", required_argument, NULL, OPT_TOPIC },
	{ "region", required_argument, NULL, OPT_REGION },
	{ "endpoint", required_argument, NULL, OPT_ENDPOINT },
	{ "connect", required_argument, NULL, OPT_CONNECT },
	{ "cacert", required_argument, NULL, OPT_CACERT },
	{ "timeout-ms", required_argument, NULL, OPT_TIMEOUT },
	{ "deadline-ms", required_argument, NULL, OPT_DEADLINE },
	{ "language", required_argument, NULL, OPT_LANGUAGE },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "help", no_argument, NULL, OPT_HELP }
};

#define COMMON_FLAG_COUNT (sizeof common_flags / sizeof common_flags[0])

/* Room for a tool's own flags next to the common ones. */
#define TOOL_FLAGS_MAX 16

static const char help_request[] =
" --instance-id ID --group NAME --partition P=OFFSET [...]\n"
"%*s[--topic NAME ...] [options]\n"
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
"                          Host header, TLS server name and signed host\n";

static const char help_options[] =
"  --timeout-ms N          bound on each of connecting, sending and awaiting\n"
"                          the answer, in every attempt (default 10000)\n"
"  --deadline-ms N         bound on the whole call: all attempts, pacing and\n"
"                          retry backoff (default three times --timeout-ms)\n"
"  --language zh-CN|en-US  language of the API's messages\n"
"  --dry-run               print the signed request (signature and token\n"
"                          redacted) and send nothing\n"
"  --help                  this text\n";

static const char help_outcomes[] =
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
static char connect_host[CK_CLI_HOST_MAX + 1];
static char connect_port[CK_CLI_PORT_MAX + 1];
static char secret_key[256];

static void
print_help(const ck_cli_tool *tool)
{
	/* The second line lines up under the first option. */
	printf("Usage: %s", tool->prog);
	printf(help_request, (int)strlen(tool->prog) + 8, "",
		CK_MAX_PARTITIONS, CK_MAX_TOPICS);
	printf("  --connect HOST:PORT     %s", tool->connect_help);
	printf("  --cacert FILE           PEM trust anchors (default %s)\n",
		tool->default_cacert);
	fputs(help_options, stdout);
	if (tool->extra_help != NULL) {
		fputs(tool->extra_help, stdout);
	}
	fputs(help_outcomes, stdout);
}

int
ck_cli_usage_error(const ck_cli_tool *tool, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s: ", tool->prog);
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry '%s --help'. Nothing was sent.\n", tool->prog);
	return CK_CLI_EXIT_USAGE;
}

int
ck_cli_parse_decimal(const char *s, size_t len, uint64_t max, uint64_t *out)
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
		/* d > max first: max - d must not wrap when max is small. */
		if (d > max || v > (max - d) / 10) {
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
		|| ck_cli_parse_decimal(arg, (size_t)(eq - arg), INT32_MAX, &p) != 0
		|| ck_cli_parse_decimal(eq + 1, strlen(eq + 1), INT64_MAX, &off)
			!= 0) {
		return -1;
	}
	po->partition = (int32_t)p;
	po->offset = (int64_t)off;
	return 0;
}

/* "host:port" or "[v6]:port" into the static copies. */
static int
parse_connect(const char *arg, ck_cli_args *a)
{
	const char *colon;
	const char *h = arg;
	size_t hlen;
	bool bracketed = false;

	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');
		if (close == NULL || close[1] != ':') {
			return -1;
		}
		h = arg + 1;
		hlen = (size_t)(close - h);
		colon = close + 1;
		bracketed = true;
	} else {
		colon = strrchr(arg, ':');
		if (colon == NULL || memchr(arg, ':', (size_t)(colon - arg))) {
			return -1;
		}
		hlen = (size_t)(colon - arg);
	}
	if (hlen == 0 || hlen >= sizeof connect_host || strlen(colon + 1) == 0
		|| strlen(colon + 1) >= sizeof connect_port) {
		return -1;
	}
	memcpy(connect_host, h, hlen);
	connect_host[hlen] = '\0';
	strcpy(connect_port, colon + 1);
	a->connect_host = connect_host;
	a->connect_port = connect_port;
	a->connect_bracketed = bracketed;
	return 0;
}

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

/* One common flag; CK_CLI_CONTINUE or the exit code. */
static int
take_common_flag(const ck_cli_tool *tool, int opt, const char *value,
	ck_cli_args *a)
{
	ck_offsets_request *req = &a->request;
	uint64_t v;

	switch (opt) {
	case OPT_INSTANCE:
		req->instance_id = ck_span_from_str(value);
		break;
	case OPT_GROUP:
		req->group_name = ck_span_from_str(value);
		break;
	case OPT_PARTITION:
		if (req->partition_count == CK_MAX_PARTITIONS) {
			return ck_cli_usage_error(tool,
				"too many --partition (at %s)", value);
		}
		if (parse_partition(value, &partitions[req->partition_count])
			!= 0) {
			return ck_cli_usage_error(tool, "bad --partition '%s': "
				"want P=OFFSET, P 0..2147483647, OFFSET "
				"0..9223372036854775807", value);
		}
		req->partition_count++;
		break;
	case OPT_TOPIC:
		if (req->topic_count == CK_MAX_TOPICS) {
			return ck_cli_usage_error(tool,
				"too many --topic (at %s)", value);
		}
		topics[req->topic_count++] = ck_span_from_str(value);
		break;
	case OPT_REGION:
		a->api.region = value;
		break;
	case OPT_ENDPOINT:
		a->api.endpoint = value;
		break;
	case OPT_CONNECT:
		if (parse_connect(value, a) != 0) {
			return ck_cli_usage_error(tool, "bad --connect '%s': "
				"want HOST:PORT or [IPV6]:PORT", value);
		}
		break;
	case OPT_CACERT:
		a->cacert_path = value;
		break;
	case OPT_TIMEOUT:
		if (ck_cli_parse_decimal(value, strlen(value), 3600000, &v) != 0
			|| v == 0) {
			return ck_cli_usage_error(tool, "bad --timeout-ms '%s': "
				"want 1..3600000", value);
		}
		a->api.timeout_ms = (uint32_t)v;
		break;
	case OPT_DEADLINE:
		if (ck_cli_parse_decimal(value, strlen(value), 10800000, &v) != 0
			|| v == 0) {
			return ck_cli_usage_error(tool, "bad --deadline-ms '%s': "
				"want 1..10800000", value);
		}
		a->api.deadline_ms = (uint32_t)v;
		break;
	case OPT_LANGUAGE:
		if (strcmp(value, "zh-CN") != 0 && strcmp(value, "en-US") != 0) {
			return ck_cli_usage_error(tool, "bad --language '%s': "
				"want zh-CN or en-US", value);
		}
		a->api.language = value;
		break;
	case OPT_DRY_RUN:
		a->dry_run = true;
		break;
	case OPT_HELP:
		print_help(tool);
		return CK_CLI_EXIT_APPLIED;
	default:
		return CK_CLI_EXIT_USAGE;
	}
	return CK_CLI_CONTINUE;
}

/* The required values and the credentials, once every flag is in. */
static int
check_complete(const ck_cli_tool *tool, ck_cli_args *a)
{
	ck_offsets_request *req = &a->request;

	if (req->instance_id.len == 0) {
		return ck_cli_usage_error(tool, "%s is required", "--instance-id");
	}
	if (req->group_name.len == 0) {
		return ck_cli_usage_error(tool, "%s is required", "--group");
	}
	if (req->partition_count == 0) {
		return ck_cli_usage_error(tool, "at least one %s is required",
			"--partition");
	}
	req->partitions = partitions;
	req->topics = req->topic_count > 0 ? topics : NULL;

	if (a->api.region == NULL) {
		a->api.region = getenv("TENCENTCLOUD_REGION");
	}
	if (a->api.region == NULL || a->api.region[0] == '\0') {
		return ck_cli_usage_error(tool, "%s is required",
			"--region (or TENCENTCLOUD_REGION)");
	}
	a->api.secret_id = getenv("TENCENTCLOUD_SECRET_ID");
	a->api.session_token = getenv("TENCENTCLOUD_SESSION_TOKEN");
	{
		const char *raw = getenv("TENCENTCLOUD_SECRET_KEY");
		if (raw != NULL && strlen(raw) >= sizeof secret_key) {
			return ck_cli_usage_error(tool, "%s is too long",
				"TENCENTCLOUD_SECRET_KEY");
		}
	}
	a->api.secret_key = take_secret("TENCENTCLOUD_SECRET_KEY");
	if (a->api.secret_id == NULL || a->api.secret_id[0] == '\0'
		|| a->api.secret_key == NULL || a->api.secret_key[0] == '\0') {
		return ck_cli_usage_error(tool, "%s must be set",
			"TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY");
	}
	return CK_CLI_CONTINUE;
}

int
ck_cli_parse(const ck_cli_tool *tool, int argc, char **argv,
	ck_cli_args *args)
{
	static struct option longopts[COMMON_FLAG_COUNT + TOOL_FLAGS_MAX + 1];
	size_t i;
	int opt;
	int code;

	memset(args, 0, sizeof *args);
	args->api.endpoint = CK_DEFAULT_ENDPOINT;
	if (tool->flag_count > TOOL_FLAGS_MAX
		|| (tool->flag_count > 0 && tool->on_flag == NULL)) {
		fprintf(stderr, "%s: internal error: bad flag table\n",
			tool->prog);
		return CK_CLI_EXIT_USAGE;
	}
	memset(longopts, 0, sizeof longopts);
	memcpy(longopts, common_flags, sizeof common_flags);
	for (i = 0; i < tool->flag_count; i++) {
		struct option *o = &longopts[COMMON_FLAG_COUNT + i];

		o->name = tool->flags[i].name;
		o->has_arg = tool->flags[i].takes_value ? required_argument
			: no_argument;
		o->flag = NULL;
		o->val = OPT_TOOL_FIRST + (int)i;
	}

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (opt >= OPT_TOOL_FIRST
			&& opt < OPT_TOOL_FIRST + (int)tool->flag_count) {
			code = tool->on_flag(tool->ctx,
				(size_t)(opt - OPT_TOOL_FIRST), optarg);
		} else if (opt >= OPT_INSTANCE && opt < OPT_TOOL_FIRST) {
			code = take_common_flag(tool, opt, optarg, args);
		} else {
			return ck_cli_usage_error(tool,
				"unknown option or missing value: %s",
				argv[optind - 1]);
		}
		if (code != CK_CLI_CONTINUE) {
			return code;
		}
	}
	if (optind < argc) {
		return ck_cli_usage_error(tool, "unexpected argument '%s'",
			argv[optind]);
	}
	code = check_complete(tool, args);
	if (code == CK_CLI_CONTINUE && args->dry_run) {
		/* Signing needs only the host's clock: no network, no stack. */
		ck_platform platform = ck_posix_platform();

		return ck_cli_dry_run(tool, args, &platform);
	}
	return code;
}

int
ck_cli_call(const ck_cli_tool *tool, ck_result setup, const char *what,
	ck_client *client, const ck_offsets_request *req)
{
	ck_offsets_response resp;
	ck_result r = setup;

	memset(&resp, 0, sizeof resp);
	if (r == CK_OK) {
		what = "connecting to the API";
		r = ck_client_modify_offsets(client, req, &resp);
	}
	return ck_cli_report(tool, r, &resp, what);
}

int
ck_cli_exit_code(ck_result r)
{
	switch (ck_result_outcome(r)) {
	case CK_OUTCOME_APPLIED:
		return CK_CLI_EXIT_APPLIED;
	case CK_OUTCOME_REJECTED:
		return CK_CLI_EXIT_API_ERROR;
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
			return CK_CLI_EXIT_USAGE;
		default:
			return CK_CLI_EXIT_NOT_APPLIED;
		}
	case CK_OUTCOME_UNKNOWN:
		break;
	}
	return CK_CLI_EXIT_UNKNOWN;
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

int
ck_cli_dry_run(const ck_cli_tool *tool, const ck_cli_args *a,
	const ck_platform *platform)
{
	static ck_client client;
	ck_client_config cc;
	ck_span head, body;
	ck_result r;

	cc = ck_api_settings_client_config(&a->api, NULL, platform);
	r = ck_client_init(&client, &cc);
	if (r == CK_OK) {
		r = ck_client_prepare(&client, &a->request, &head, &body);
	}
	if (r != CK_OK) {
		ck_client_deinit(&client);
		fprintf(stderr, "%s: %s (%s). Nothing was sent.\n", tool->prog,
			describe_input_error(r), ck_result_name(r));
		return ck_cli_exit_code(r);
	}
	print_redacted_head(head);
	fwrite(body.ptr, 1, body.len, stdout);
	fputs("\n", stdout);
	ck_client_deinit(&client);
	return CK_CLI_EXIT_APPLIED;
}

int
ck_cli_report(const ck_cli_tool *tool, ck_result r,
	const ck_offsets_response *resp, const char *what)
{
	const char *prog = tool->prog;
	int code = ck_cli_exit_code(r);

	switch (code) {
	case CK_CLI_EXIT_APPLIED:
		print_success(resp);
		break;
	case CK_CLI_EXIT_API_ERROR:
		if (r == CK_ERR_API) {
			fprintf(stderr, "%s: API error %.*s: ", prog,
				(int)resp->error_code.len, resp->error_code.ptr);
			print_text(stderr, resp->error_message);
		} else {
			fprintf(stderr, "%s: the API reported failure, "
				"ReturnCode %.*s: ", prog,
				(int)resp->return_code.len,
				resp->return_code.ptr);
			print_text(stderr, resp->return_message);
		}
		fprintf(stderr, " (RequestId %.*s)\n",
			(int)resp->request_id.len,
			resp->request_id.ptr != NULL ? resp->request_id.ptr : "");
		break;
	case CK_CLI_EXIT_USAGE:
		if (r == CK_ERR_TRUST_ANCHORS) {
			fprintf(stderr, "%s: %s: no usable CA certificate "
				"in it (%s). Nothing was sent.\n", prog, what,
				ck_result_name(r));
		} else {
			fprintf(stderr, "%s: bad input: %s (%s). Nothing "
				"was sent.\n", prog, describe_input_error(r),
				ck_result_name(r));
		}
		break;
	case CK_CLI_EXIT_NOT_APPLIED:
		fprintf(stderr, "%s: %s failed (%s): nothing was applied.\n",
			prog, what, ck_result_name(r));
		break;
	default:
		fprintf(stderr, "%s: the request was sent but no valid "
			"answer came back (%s): outcome unknown. The call sets "
			"absolute offsets, so it is safe to retry.\n", prog,
			ck_result_name(r));
		break;
	}
	return code;
}
