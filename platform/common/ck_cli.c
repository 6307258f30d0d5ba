/*
 * ck_cli.c -- the command line both ckafka-offsets tools share.
 */
#include "ck_cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ck_ca_file.h"
#include "ck_credentials.h"
#include "ck_posix_platform.h"
#include "ck_secure_zero.h"
#include "ck_text.h"
#include "ck_version.h"

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
	OPT_FROM_FILE,
	OPT_PROFILE,
	OPT_VERSION,
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
	{ "from-file", required_argument, NULL, OPT_FROM_FILE },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ "help", no_argument, NULL, OPT_HELP }
};

#define COMMON_FLAG_COUNT (sizeof common_flags / sizeof common_flags[0])

/* Room for a tool's own flags next to the common ones. */
#define TOOL_FLAGS_MAX 16

/* The client's timeout when --timeout-ms is not given (ck_client.c). */
#define DEFAULT_TIMEOUT_MS 10000u

static const char help_request[] =
" --instance-id ID --group NAME --partition P=OFFSET [...]\n"
"%*s[--topic NAME ...] [options]\n"
"       %s --instance-id ID --group NAME --from-file FILE [options]\n"
"\n"
"Set the committed offsets of a CKafka consumer group (Tencent Cloud API\n"
"BatchModifyGroupOffsets, version 2019-08-19). The same offsets apply to\n"
"every topic named with --topic, or to all topics of the group when none is.\n"
"With --from-file, a plan of TOPIC,PARTITION,OFFSET lines sets each topic's\n"
"own offsets, in as few calls as the API allows.\n"
"\n"
"Required:\n"
"  --instance-id ID        CKafka instance, e.g. ckafka-abc12345\n"
"  --group NAME            consumer group\n"
"  --partition P=OFFSET    partition number and the offset to commit for it\n"
"                          (repeatable, each P once, up to %d;\n"
"                          OFFSET 0..9223372036854775807)\n"
"  or --from-file FILE     a plan: TOPIC,PARTITION,OFFSET lines, Kafka's\n"
"                          reset-offsets CSV ('-': standard input); blank\n"
"                          lines and # comments allowed, no header. Checked\n"
"                          whole before anything is sent; one JSON line per\n"
"                          call and a summary; stops at the first call not\n"
"                          applied\n"
"Options:\n"
"  --topic NAME            limit to this topic (repeatable, each once, up to %d)\n"
"  --region R              e.g. ap-guangzhou (default: $TENCENTCLOUD_REGION)\n"
"  --endpoint HOST         API host name (default " CK_DEFAULT_ENDPOINT ");\n"
"                          Host header, TLS server name and signed host;\n"
"                          no port, path or user info (see --connect)\n";

static const char help_options[] =
"  --timeout-ms N          bound on each of reading --cacert, connecting,\n"
"                          sending and awaiting the answer, in every attempt\n"
"                          (1..3600000, default 10000)\n"
"  --deadline-ms N         bound on the whole call: all attempts, pacing and\n"
"                          retry backoff (default three times --timeout-ms)\n"
"  --language zh-CN|en-US  language of the API's messages\n"
"  --profile NAME          credentials from this section of the profile\n"
"                          file instead of [default] (not the environment)\n"
"  --dry-run               check everything a real run checks (--cacert\n"
"                          too), print the signed request -- every call of\n"
"                          a plan -- (signature and token redacted) and\n"
"                          send nothing\n"
"  --version               the version, and nothing else\n"
"  --help                  this text\n";

static const char help_outcomes[] =
"\n"
"Credentials, as Tencent Cloud's SDKs find them: the environment\n"
"(TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY and, for temporary\n"
"credentials, TENCENTCLOUD_SESSION_TOKEN), else the profile file\n"
"~/.tencentcloud/credentials, else /etc/tencentcloud/credentials: INI,\n"
"section [default] (or --profile's), keys secret_id, secret_key and\n"
"token. A file that group or others may read is refused (chmod 600 it).\n"
"The key and the token are blanked in the environment as soon as they\n"
"are read.\n"
"\n"
"On success the API's answer is printed as one line of JSON:\n"
"  {\"ReturnCode\":..,\"ReturnMessage\":..,\"FlowId\":..,\"RouteId\":..,\"RequestId\":..}\n"
"A plan prints one line per call and a summary:\n"
"  {\"call\":1,\"topics\":[..],\"partitions\":[..],\"lines\":\"1-4\",\"result\":\"applied\",..}\n"
"  {\"summary\":\"complete\"|\"stopped\",\"calls\":..,\"applied\":..,\"exit_status\":..,..}\n"
"Text from the server is shown escaped (control characters as \\u001b and\n"
"the like), and the last line on stderr is always the tool's own.\n"
"\n"
"Exit status (of a plan: of the call it stopped at):\n"
"  0  the offsets were applied\n"
"  1  bad usage or input (the flag, or the plan's line, and the value are\n"
"     named), unusable credentials, or an unusable --cacert file; nothing\n"
"     was sent\n"
"  2  the API answered with an error (code, message and RequestId on stderr)\n"
"  3  nothing was applied: resolving, connecting, the TLS handshake, the\n"
"     server's certificate or sending failed before the request was complete\n"
"  4  outcome unknown: the request was sent but no valid answer came back;\n"
"     the call sets absolute offsets, so running it again is safe\n";

static ck_partition_offset partitions[CK_MAX_PARTITIONS];
static ck_span topics[CK_MAX_TOPICS];
static char connect_host[CK_CLI_HOST_MAX + 1];
static char connect_port[CK_CLI_PORT_MAX + 1];

/* Copies of the secrets taken out of the environment (take_secret). */
static char secret_key[256];
static char session_token[CK_HTTP_HEAD_MAX];

/* The parsed command line, for the messages of ck_cli_report. */
static const ck_cli_args *parsed;

/* --from-file's plan (large: static), and how far its run has come. */
static ck_plan plan;
static bool progress_shown;
static int plan_code;
static size_t plan_stopped_at;
static bool plan_stopped;

/* --- showing text that is not the tool's own -------------------------------- */

/*
 * Characters that would act on a terminal or a log rather than show:
 * C0 controls and DEL, C1 controls (U+009B is CSI on some terminals), the
 * line and paragraph separators, and the bidirectional controls that can
 * make a line read as something else. Surrogates appear only from a lone
 * \u escape and have no UTF-8 form.
 */
static bool
must_escape(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)
		|| cp == 0x061C || cp == 0x200E || cp == 0x200F
		|| (cp >= 0x2028 && cp <= 0x202E)
		|| (cp >= 0x2066 && cp <= 0x2069)
		|| (cp >= 0xD800 && cp <= 0xDFFF);
}

static void
put_code_point(FILE *f, uint32_t cp, bool json)
{
	char utf8[4];

	switch (cp) {
	case '\\': fputs("\\\\", f); return;
	case '\b': fputs("\\b", f); return;
	case '\f': fputs("\\f", f); return;
	case '\n': fputs("\\n", f); return;
	case '\r': fputs("\\r", f); return;
	case '\t': fputs("\\t", f); return;
	case '"':
		fputs(json ? "\\\"" : "\"", f);
		return;
	default:
		break;
	}
	if (must_escape(cp)) {
		fprintf(f, "\\u%04" PRIx32, cp);
		return;
	}
	fwrite(utf8, 1, ck_utf8_encode(cp, utf8), f);
}

/* A byte that is not UTF-8: visible as \xNN; JSON strings cannot hold it. */
static void
put_invalid_byte(FILE *f, unsigned char b, bool json)
{
	if (json) {
		fputs("\\ufffd", f);
	} else {
		fprintf(f, "\\x%02x", (unsigned)b);
	}
}

static uint32_t
decode_utf8(const unsigned char *p, size_t k)
{
	switch (k) {
	case 1:
		return p[0];
	case 2:
		return ((uint32_t)(p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	case 3:
		return ((uint32_t)(p[0] & 0x0F) << 12)
			| ((uint32_t)(p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	default:
		return ((uint32_t)(p[0] & 0x07) << 18)
			| ((uint32_t)(p[1] & 0x3F) << 12)
			| ((uint32_t)(p[2] & 0x3F) << 6) | (p[3] & 0x3F);
	}
}

/* Text and server text share this: UTF-8 by sequence, the rest by byte. */
static void
put_utf8(FILE *f, const unsigned char *p, size_t n, bool json)
{
	size_t i = 0;

	while (i < n) {
		size_t k = ck_utf8_sequence_length(p + i, n - i);

		if (k == 0) {
			put_invalid_byte(f, p[i], json);
			i++;
			continue;
		}
		put_code_point(f, decode_utf8(p + i, k), json);
		i += k;
	}
}

void
ck_cli_put_text(FILE *f, const char *p, size_t n)
{
	put_utf8(f, (const unsigned char *)(p != NULL ? p : ""),
		p != NULL ? n : 0, false);
}

/*
 * The JSON escape at raw[i] (a backslash): its code point, and how many
 * bytes it took (0 when it is not a valid escape). A \u high surrogate
 * takes the low one after it; one without its partner stays a lone
 * surrogate, which put_code_point shows escaped as it came.
 */
static size_t
json_escape_at(const char *p, size_t n, uint32_t *cp)
{
	uint32_t lo;

	if (n < 2) {
		return 0;
	}
	switch (p[1]) {
	case '"': *cp = '"'; return 2;
	case '\\': *cp = '\\'; return 2;
	case '/': *cp = '/'; return 2;
	case 'b': *cp = '\b'; return 2;
	case 'f': *cp = '\f'; return 2;
	case 'n': *cp = '\n'; return 2;
	case 'r': *cp = '\r'; return 2;
	case 't': *cp = '\t'; return 2;
	case 'u':
		if (!ck_text_hex4(p + 2, n - 2, cp)) {
			return 0;
		}
		if (*cp >= 0xD800 && *cp <= 0xDBFF && n >= 12 && p[6] == '\\'
			&& p[7] == 'u' && ck_text_hex4(p + 8, n - 8, &lo)
			&& lo >= 0xDC00 && lo <= 0xDFFF) {
			*cp = 0x10000u + ((*cp - 0xD800u) << 10) + (lo - 0xDC00u);
			return 12;
		}
		return 6;
	default:
		return 0;
	}
}

void
ck_cli_put_server_text(FILE *f, ck_span raw, bool json)
{
	const char *p = raw.ptr;
	size_t n = p != NULL ? raw.len : 0;
	size_t i = 0;

	while (i < n) {
		size_t start = i;
		uint32_t cp;
		size_t used;

		if (p[i] == '\\') {
			used = json_escape_at(p + i, n - i, &cp);
			if (used != 0) {
				put_code_point(f, cp, json);
				i += used;
				continue;
			}
			/* Not an escape (the validator lets none through): the
			 * backslash is shown as a backslash. */
			i++;
		} else {
			while (i < n && p[i] != '\\') {
				i++;
			}
		}
		put_utf8(f, (const unsigned char *)p + start, i - start, json);
	}
}

/* --- usage ------------------------------------------------------------------- */

static void
print_help(const ck_cli_tool *tool)
{
	/* The second line lines up under the first option. */
	printf("Usage: %s", tool->prog);
	printf(help_request, (int)strlen(tool->prog) + 8, "", tool->prog,
		CK_MAX_PARTITIONS, CK_MAX_TOPICS);
	printf("  --connect HOST:PORT     %s", tool->connect_help);
	printf("  --cacert FILE           PEM trust anchors, a regular file of at most\n"
	       "                          %u bytes and %d certificates\n"
	       "                          (default %s)\n",
		CK_CA_FILE_MAX, CK_CA_FILE_ANCHORS_MAX, tool->default_cacert);
	fputs(help_options, stdout);
	if (tool->extra_help != NULL) {
		fputs(tool->extra_help, stdout);
	}
	fputs(help_outcomes, stdout);
}

int
ck_cli_usage_error(const ck_cli_tool *tool, const char *fmt, const char *arg)
{
	const char *mark = strstr(fmt, "%s");

	fprintf(stderr, "%s: ", tool->prog);
	if (mark == NULL) {
		fputs(fmt, stderr);
	} else {
		fwrite(fmt, 1, (size_t)(mark - fmt), stderr);
		ck_cli_put_text(stderr, arg, arg != NULL ? strlen(arg) : 0);
		fputs(mark + 2, stderr);
	}
	fprintf(stderr, "\nTry '%s --help'. Nothing was sent.\n", tool->prog);
	return CK_CLI_EXIT_USAGE;
}

int
ck_cli_parse_decimal(const char *s, size_t len, uint64_t max, uint64_t *out)
{
	/* No more than UINT64_MAX's 20 digits, leading zeros included. */
	if (len > 20 || !ck_text_parse_dec(ck_span_make(s, len), max, out)) {
		return -1;
	}
	return 0;
}

/* --- the flags ------------------------------------------------------------------ */

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

/*
 * "host:port" or "[v6]:port" into the static copies. The host must pass
 * the transports' own rule (ck_text_is_host) and the port be 1..65535, so
 * nothing the socket would refuse gets past the command line.
 */
static int
parse_connect(const ck_cli_tool *tool, const char *arg, ck_cli_args *a)
{
	const char *colon;
	const char *h = arg;
	size_t hlen, plen;
	bool bracketed = false;
	uint64_t port;

	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');
		if (close == NULL || close[1] != ':') {
			return ck_cli_usage_error(tool, "bad --connect '%s': want "
				"HOST:PORT or [IPV6]:PORT", arg);
		}
		h = arg + 1;
		hlen = (size_t)(close - h);
		colon = close + 1;
		bracketed = true;
	} else {
		colon = strrchr(arg, ':');
		if (colon == NULL || memchr(arg, ':', (size_t)(colon - arg))) {
			return ck_cli_usage_error(tool, "bad --connect '%s': want "
				"HOST:PORT or [IPV6]:PORT", arg);
		}
		hlen = (size_t)(colon - arg);
	}
	if (hlen == 0 || hlen >= sizeof connect_host
		|| !ck_text_is_host(ck_span_make(h, hlen))) {
		return ck_cli_usage_error(tool, "bad --connect '%s': the host "
			"must be a name or address of 1 to 253 printable ASCII "
			"characters without spaces", arg);
	}
	plen = strlen(colon + 1);
	if (plen >= sizeof connect_port
		|| ck_cli_parse_decimal(colon + 1, plen, 65535, &port) != 0
		|| port == 0) {
		return ck_cli_usage_error(tool, "bad --connect '%s': the port "
			"must be a number from 1 to 65535", arg);
	}
	memcpy(connect_host, h, hlen);
	connect_host[hlen] = '\0';
	memcpy(connect_port, colon + 1, plen + 1);
	a->connect_host = connect_host;
	a->connect_port = connect_port;
	a->connect_port_number = (uint16_t)port;
	a->connect_bracketed = bracketed;
	return CK_CLI_CONTINUE;
}

/* A name the API takes as JSON text: --instance-id, --group, --topic. */
static int
check_name(const ck_cli_tool *tool, const char *flag_fmt_empty,
	const char *flag_fmt_utf8, const char *value)
{
	if (value[0] == '\0') {
		return ck_cli_usage_error(tool, flag_fmt_empty, value);
	}
	if (!ck_utf8_is_valid(ck_span_from_str(value))) {
		return ck_cli_usage_error(tool, flag_fmt_utf8, value);
	}
	return CK_CLI_CONTINUE;
}

static void
wipe_secrets(void)
{
	ck_secure_zero(secret_key, sizeof secret_key);
	ck_secure_zero(session_token, sizeof session_token);
	ck_credentials_wipe();
}

/*
 * Copy a secret out of the environment into `copy` and blank it there, so
 * it does not linger in /proc/PID/environ or reach a child process; the
 * copies are wiped at exit. Returns the copy, NULL when the variable is
 * unset; sets *too_long (and blanks nothing) when it does not fit.
 */
static bool wipe_registered;

static const char *
take_secret(const char *name, char *copy, size_t cap, bool *too_long)
{
	char *v = getenv(name);
	size_t n;

	*too_long = false;
	if (v == NULL) {
		return NULL;
	}
	n = strlen(v);
	if (n >= cap) {
		*too_long = true;
		return NULL;
	}
	memcpy(copy, v, n + 1);
	memset(v, 0, n);
	return copy;
}

/* One common flag; CK_CLI_CONTINUE or the exit code. */
static int
take_common_flag(const ck_cli_tool *tool, int opt, const char *value,
	ck_cli_args *a)
{
	ck_offsets_request *req = &a->request;
	uint64_t v;
	size_t i;
	int code;

	switch (opt) {
	case OPT_INSTANCE:
		code = check_name(tool, "bad --instance-id '%s': empty",
			"bad --instance-id '%s': not valid UTF-8", value);
		if (code != CK_CLI_CONTINUE) {
			return code;
		}
		req->instance_id = ck_span_from_str(value);
		break;
	case OPT_GROUP:
		code = check_name(tool, "bad --group '%s': empty",
			"bad --group '%s': not valid UTF-8", value);
		if (code != CK_CLI_CONTINUE) {
			return code;
		}
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
		for (i = 0; i < req->partition_count; i++) {
			if (partitions[i].partition
				== partitions[req->partition_count].partition) {
				return ck_cli_usage_error(tool, "bad --partition "
					"'%s': that partition is already given",
					value);
			}
		}
		req->partition_count++;
		break;
	case OPT_TOPIC:
		if (req->topic_count == CK_MAX_TOPICS) {
			return ck_cli_usage_error(tool,
				"too many --topic (at %s)", value);
		}
		code = check_name(tool, "bad --topic '%s': empty",
			"bad --topic '%s': not valid UTF-8", value);
		if (code != CK_CLI_CONTINUE) {
			return code;
		}
		for (i = 0; i < req->topic_count; i++) {
			if (ck_span_eq_str(topics[i], value)) {
				return ck_cli_usage_error(tool, "bad --topic '%s': "
					"that topic is already given", value);
			}
		}
		topics[req->topic_count++] = ck_span_from_str(value);
		break;
	case OPT_REGION:
		/* The client's rule for a region (ck_client_init). */
		if (value[0] == '\0' || !ck_text_is_code(ck_span_from_str(value))) {
			return ck_cli_usage_error(tool, "bad --region '%s': want "
				"letters, digits and '-', e.g. ap-guangzhou", value);
		}
		a->api.region = value;
		break;
	case OPT_ENDPOINT:
		/* The client's rule for its host (ck_client_init). */
		if (!ck_text_is_host_name(ck_span_from_str(value))) {
			return ck_cli_usage_error(tool, "bad --endpoint '%s': want "
				"a host name such as " CK_DEFAULT_ENDPOINT
				" -- no port, path, user info or spaces (to "
				"connect elsewhere, use --connect HOST:PORT)", value);
		}
		a->api.endpoint = value;
		break;
	case OPT_CONNECT:
		return parse_connect(tool, value, a);
	case OPT_CACERT:
		if (value[0] == '\0') {
			return ck_cli_usage_error(tool, "bad --cacert '%s': "
				"empty path", value);
		}
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
	case OPT_FROM_FILE:
		if (value[0] == '\0') {
			return ck_cli_usage_error(tool, "bad --from-file '%s': "
				"empty path ('-' reads standard input)", value);
		}
		if (a->plan_path != NULL) {
			return ck_cli_usage_error(tool, "bad --from-file '%s': "
				"one plan a run, and one is already given", value);
		}
		a->plan_path = value;
		break;
	case OPT_PROFILE:
		if (value[0] == '\0' || strchr(value, ']') != NULL
			|| strchr(value, '[') != NULL
			|| !ck_utf8_is_valid(ck_span_from_str(value))
			|| ck_text_has_control(ck_span_from_str(value))) {
			return ck_cli_usage_error(tool, "bad --profile '%s': want "
				"the name of a section of the credentials file, "
				"e.g. default", value);
		}
		a->profile = value;
		break;
	case OPT_HELP:
		print_help(tool);
		return CK_CLI_EXIT_APPLIED;
	case OPT_VERSION:
		printf("%s %s\n", tool->prog, CK_VERSION);
		return CK_CLI_EXIT_APPLIED;
	default:
		return CK_CLI_EXIT_USAGE;
	}
	return CK_CLI_CONTINUE;
}

/* The environment's settings and credentials. */
static int
take_environment(const ck_cli_tool *tool, ck_cli_args *a)
{
	ck_credentials_env env;
	ck_credentials cred;
	bool too_long;

	/* Copies of secrets, from here or from a file, are wiped at exit. */
	if (!wipe_registered) {
		wipe_registered = atexit(wipe_secrets) == 0;
	}
	/* Both secrets leave the environment before anything else can fail. */
	a->api.secret_key = take_secret("TENCENTCLOUD_SECRET_KEY", secret_key,
		sizeof secret_key, &too_long);
	if (too_long) {
		return ck_cli_usage_error(tool, "%s is too long",
			"TENCENTCLOUD_SECRET_KEY");
	}
	a->api.session_token = take_secret("TENCENTCLOUD_SESSION_TOKEN",
		session_token, sizeof session_token, &too_long);
	if (too_long) {
		return ck_cli_usage_error(tool, "%s is too long for the "
			"request head", "TENCENTCLOUD_SESSION_TOKEN");
	}
	if (a->api.region == NULL) {
		a->api.region = getenv("TENCENTCLOUD_REGION");
		if (a->api.region != NULL && a->api.region[0] != '\0'
			&& !ck_text_is_code(ck_span_from_str(a->api.region))) {
			return ck_cli_usage_error(tool, "bad TENCENTCLOUD_REGION "
				"'%s': want letters, digits and '-', e.g. "
				"ap-guangzhou", a->api.region);
		}
	}
	if (a->api.region == NULL || a->api.region[0] == '\0') {
		return ck_cli_usage_error(tool, "%s is required",
			"--region (or TENCENTCLOUD_REGION)");
	}
	/* The environment, else the profile file, as the SDKs look. */
	env.secret_id = getenv("TENCENTCLOUD_SECRET_ID");
	env.secret_key = a->api.secret_key;
	env.token = a->api.session_token;
	if (!ck_credentials_find(tool->prog, a->profile, &env, getenv("HOME"),
		CK_CREDENTIALS_ETC, &cred, stderr)) {
		return CK_CLI_EXIT_USAGE;
	}
	a->api.secret_id = cred.secret_id;
	a->api.secret_key = cred.secret_key;
	a->api.session_token = cred.token;
	a->credentials_source = cred.source;
	return CK_CLI_CONTINUE;
}

/* The required values, once every flag is in. */
static int
check_complete(const ck_cli_tool *tool, ck_cli_args *a)
{
	ck_offsets_request *req = &a->request;
	int code;

	if (req->instance_id.len == 0) {
		return ck_cli_usage_error(tool, "%s is required", "--instance-id");
	}
	if (req->group_name.len == 0) {
		return ck_cli_usage_error(tool, "%s is required", "--group");
	}
	if (a->plan_path != NULL
		&& (req->partition_count > 0 || req->topic_count > 0)) {
		/* The plan names each topic's own offsets: a --partition or
		 * --topic beside it would say something else. */
		return ck_cli_usage_error(tool, "%s: give the offsets one way, "
			"the plan or the flags", req->partition_count > 0
			? "--partition with --from-file"
			: "--topic with --from-file");
	}
	if (a->plan_path == NULL && req->partition_count == 0) {
		return ck_cli_usage_error(tool, "at least one %s is required "
			"(or --from-file FILE)", "--partition");
	}
	req->partitions = partitions;
	req->topics = req->topic_count > 0 ? topics : NULL;
	if (a->connect_port == NULL) {
		a->connect_port_number = 443;
	}
	code = take_environment(tool, a);
	if (code != CK_CLI_CONTINUE || a->plan_path == NULL) {
		return code;
	}
	/* The whole plan is read and checked before anything is sent. */
	if (!ck_plan_read(&plan, tool->prog, a->plan_path, stderr)
		|| !ck_plan_build(&plan, tool->prog, req->instance_id,
			req->group_name, stderr)) {
		return CK_CLI_EXIT_USAGE;
	}
	a->plan = &plan;
	return CK_CLI_CONTINUE;
}

/* --- what happened, in words ------------------------------------------------------ */

static const char *
describe_input_error(ck_result r)
{
	switch (r) {
	case CK_ERR_MISSING_FIELD:
		return "a required value is empty";
	case CK_ERR_INVALID_UTF8:
		return "a name is not valid UTF-8";
	case CK_ERR_INVALID_ARGUMENT:
		return "a setting or value was refused by the client";
	case CK_ERR_TOO_MANY_PARTITIONS:
		return "too many partitions for one request";
	case CK_ERR_TOO_MANY_TOPICS:
		return "too many topics for one request";
	case CK_ERR_BUFFER_TOO_SMALL:
		return "the request does not fit: its body holds at most "
			"4096 bytes of names and its head 2048 bytes (a long "
			"--endpoint or TENCENTCLOUD_SESSION_TOKEN); split the "
			"topics over several calls";
	case CK_ERR_INVALID_HEADER_VALUE:
		return "a region, language or credential holds characters not "
			"allowed in an HTTP header";
	default:
		return ck_result_name(r);
	}
}

static const char *
cacert_path(const ck_cli_tool *tool)
{
	return parsed != NULL && parsed->cacert_path != NULL
		? parsed->cacert_path : tool->default_cacert;
}

/* Where the tool connects: "--connect"'s HOST:PORT, or the endpoint's. */
static void
put_destination(FILE *f)
{
	if (parsed == NULL) {
		fputs("the API", f);
		return;
	}
	if (parsed->connect_host != NULL) {
		fputs(parsed->connect_bracketed ? "[" : "", f);
		ck_cli_put_text(f, parsed->connect_host,
			strlen(parsed->connect_host));
		fprintf(f, "%s:%s", parsed->connect_bracketed ? "]" : "",
			parsed->connect_port);
	} else {
		ck_cli_put_text(f, parsed->api.endpoint,
			strlen(parsed->api.endpoint));
		fputs(":443", f);
	}
}

static uint32_t
timeout_ms(void)
{
	return parsed != NULL && parsed->api.timeout_ms != 0
		? parsed->api.timeout_ms : DEFAULT_TIMEOUT_MS;
}

/* Why the server's certificate was refused, as BearSSL said. */
static void
put_certificate_failure(const ck_cli_tool *tool, FILE *f)
{
	int err = tool->tls_error != NULL ? tool->tls_error(tool->ctx) : 0;
	const char *path = cacert_path(tool);

	switch (err) {
	case BR_ERR_X509_NOT_TRUSTED:
		fputs("the server's certificate does not lead to a CA in the "
			"CA file '", f);
		ck_cli_put_text(f, path, strlen(path));
		fputs("' (--cacert)", f);
		return;
	case BR_ERR_X509_BAD_SERVER_NAME:
		fputs("the server's certificate is not for '", f);
		if (parsed != NULL) {
			ck_cli_put_text(f, parsed->api.endpoint,
				strlen(parsed->api.endpoint));
		}
		fputs("' (--endpoint)", f);
		return;
	case BR_ERR_X509_EXPIRED:
		fputs("the server's certificate is expired or not yet valid by "
			"this machine's clock", f);
		return;
	case BR_ERR_X509_TIME_UNKNOWN:
		fputs("this machine's clock gives no time to check the "
			"server's certificate against", f);
		return;
	default:
		fputs("the server's certificate was not accepted", f);
		if (err != 0) {
			fprintf(f, " (BearSSL error %d)", err);
		}
		fputs(": check --cacert '", f);
		ck_cli_put_text(f, path, strlen(path));
		fputs("', --endpoint and this machine's clock", f);
		return;
	}
}

/* A failure of the call before the request was complete: which step. */
static void
put_not_applied(const ck_cli_tool *tool, FILE *f, ck_result r)
{
	int err;

	switch (r) {
	case CK_ERR_DNS:
		fputs("resolving ", f);
		put_destination(f);
		fputs(" failed: no such name, or no name server answered", f);
		return;
	case CK_ERR_CONNECT:
		fputs("connecting to ", f);
		put_destination(f);
		fputs(" failed: refused, unreachable or timed out", f);
		return;
	case CK_ERR_TLS_HANDSHAKE:
		fputs("the TLS handshake with ", f);
		put_destination(f);
		fputs(" failed", f);
		err = tool->tls_error != NULL ? tool->tls_error(tool->ctx) : 0;
		if (err != 0) {
			fprintf(f, " (BearSSL error %d)", err);
		}
		return;
	case CK_ERR_TLS_CERTIFICATE:
		put_certificate_failure(tool, f);
		return;
	case CK_ERR_SEND:
		fputs("sending the request to ", f);
		put_destination(f);
		fputs(" failed: the connection broke before all of it left", f);
		return;
	case CK_ERR_SEND_TIMEOUT:
		fputs("sending the request to ", f);
		put_destination(f);
		fprintf(f, " took longer than %" PRIu32 " ms (--timeout-ms)",
			timeout_ms());
		return;
	case CK_ERR_CLOCK:
		fputs("this machine's clock gives no usable time to sign the "
			"request with", f);
		return;
	case CK_ERR_NO_TRANSPORT:
		fputs("the client has no transport (internal error)", f);
		return;
	default:
		fputs("the call failed before the request was complete", f);
		return;
	}
}

static const char *
describe_unknown(ck_result r)
{
	switch (r) {
	case CK_ERR_RECV:
		return "the connection failed while waiting for the answer";
	case CK_ERR_RECV_TIMEOUT:
		return "no complete answer came within the timeout (--timeout-ms)";
	case CK_ERR_CONNECTION_CLOSED:
		return "the server closed the connection before the answer was "
			"complete";
	case CK_ERR_HTTP_MALFORMED:
		return "the answer is not valid HTTP/1.1";
	case CK_ERR_HTTP_HEADERS_TOO_LARGE:
		return "the answer's header lines are longer than this tool "
			"accepts";
	case CK_ERR_HTTP_STATUS:
		return "the answer has an HTTP error status and no API error";
	case CK_ERR_RESPONSE_TOO_LARGE:
		return "the answer's body is larger than this tool accepts";
	case CK_ERR_RESPONSE_INVALID_JSON:
		return "the answer is not valid JSON";
	case CK_ERR_RESPONSE_TOO_COMPLEX:
		return "the answer has more values or nesting than this tool "
			"accepts";
	case CK_ERR_RESPONSE_UNEXPECTED:
		return "the answer is JSON but not of the documented shape";
	default:
		return "no valid answer came back";
	}
}

/* --- the request, checked and shown ------------------------------------------------- */

/* A plan call's request, in storage of its own. */
static const ck_offsets_request *
plan_request(const ck_cli_args *a, size_t i)
{
	static ck_partition_offset parts[CK_MAX_PARTITIONS];
	static ck_span names[CK_MAX_TOPICS];
	static ck_offsets_request req;

	ck_plan_request(a->plan, i, a->request.instance_id,
		a->request.group_name, parts, names, &req);
	return &req;
}

static size_t
call_count(const ck_cli_args *a)
{
	return a->plan != NULL ? a->plan->call_count : 1;
}

/*
 * Sign each request as the client will send it (`print`: and show it, as
 * --dry-run does); the client's own checks run here, before any stack is
 * set up, for the real run and the dry run alike. On failure the reason
 * is printed and the exit code returned.
 */
static int
prepare(const ck_cli_tool *tool, const ck_cli_args *a,
	const ck_platform *platform, ck_client *client, bool print)
{
	ck_client_config cc;
	ck_span head, body;
	ck_result r;
	size_t i = 0;

	cc = ck_api_settings_client_config(&a->api, NULL, platform);
	r = ck_client_init(client, &cc);
	for (; r == CK_OK && i < call_count(a); i++) {
		r = ck_client_prepare(client, a->plan != NULL
			? plan_request(a, i) : &a->request, &head, &body);
		if (r == CK_OK && print && a->plan != NULL) {
			ck_cli_plan_print_request(i, head, body);
		} else if (r == CK_OK && print) {
			ck_cli_print_request(head, body);
		}
	}
	ck_client_deinit(client);
	if (r != CK_OK) {
		fprintf(stderr, "%s: bad input: %s (%s", tool->prog,
			describe_input_error(r), ck_result_name(r));
		if (a->plan != NULL) {
			fprintf(stderr, "; call %zu, lines ", i);
			ck_plan_put_call_lines(stderr, a->plan, i - 1);
		}
		fputs("). Nothing was sent.\n", stderr);
		return ck_cli_exit_code(r);
	}
	return CK_CLI_CONTINUE;
}

int
ck_cli_report_ca_file(const ck_cli_tool *tool, ck_result r)
{
	const char *why = ck_ca_file_last_error();
	const char *path = cacert_path(tool);

	fprintf(stderr, "%s: CA file '", tool->prog);
	ck_cli_put_text(stderr, path, strlen(path));
	fprintf(stderr, "' (--cacert) %s (%s). Nothing was sent.\n",
		why != NULL ? why : "holds no usable certificate",
		ck_result_name(r));
	return ck_cli_exit_code(r);
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
	parsed = args;
	plan_stopped = false;
	plan_code = 0;
	progress_shown = false;
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
	if (code == CK_CLI_CONTINUE && tool->check != NULL) {
		code = tool->check(tool->ctx, args);
	}
	if (code != CK_CLI_CONTINUE) {
		return code;
	}
	{
		/* Signing needs only the host's clock: no network, no stack. */
		static ck_client client;
		ck_platform platform = ck_posix_platform();
		ck_result r;

		code = prepare(tool, args, &platform, &client, false);
		if (code != CK_CLI_CONTINUE || !args->dry_run) {
			return code;
		}
		if (tool->dry_run != NULL) {
			/* Signed elsewhere; the tool checks what it loads. */
			return tool->dry_run(tool->ctx, args);
		}
		/* The one check of a real run left: its stack loads the CA file. */
		r = ck_ca_file_check(cacert_path(tool), args->api.timeout_ms);
		if (r != CK_OK) {
			return ck_cli_report_ca_file(tool, r);
		}
		return ck_cli_dry_run(tool, args, &platform);
	}
}

int
ck_cli_call(const ck_cli_tool *tool, ck_result setup, const char *what,
	ck_client *client, const ck_offsets_request *req)
{
	ck_offsets_response resp;
	ck_result r = setup;

	memset(&resp, 0, sizeof resp);
	if (r == CK_OK) {
		what = NULL;
		r = ck_client_modify_offsets(client, req, &resp);
	}
	return ck_cli_report(tool, r, &resp, what);
}

/* A server string inside the JSON line, re-escaped: see ck_cli_put_server_text. */
static void
print_json_string(ck_span s)
{
	putchar('"');
	ck_cli_put_server_text(stdout, s, true);
	putchar('"');
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
			/* Everything after "Signature=" on this line, whatever
			 * the head came from; the whole value if it has none. */
			size_t keep = 15, i;

			for (i = 15; i + 10 <= n; i++) {
				if (memcmp(p + i, "Signature=", 10) == 0) {
					keep = i + 10;
					break;
				}
			}
			fwrite(p, 1, keep, stdout);
			fputs("<redacted>\r\n", stdout);
		} else if (ck_span_starts_with(line, "X-TC-Token: ")) {
			fputs("X-TC-Token: <redacted>\r\n", stdout);
		} else {
			fwrite(p, 1, n, stdout);
		}
		p += n;
	}
}

void
ck_cli_print_request(ck_span head, ck_span body)
{
	print_redacted_head(head);
	fwrite(body.ptr, 1, body.len, stdout);
	fputs("\n", stdout);
}

int
ck_cli_dry_run(const ck_cli_tool *tool, const ck_cli_args *a,
	const ck_platform *platform)
{
	static ck_client client;
	int code;

	code = prepare(tool, a, platform, &client, true);
	return code != CK_CLI_CONTINUE ? code : CK_CLI_EXIT_APPLIED;
}

/*
 * The API's error: its words, escaped, on one line; then a line of the
 * tool's own, so whatever the server wrote, the last line is not its.
 */
static void
report_api_error(const char *prog, ck_result r,
	const ck_offsets_response *resp)
{
	if (r == CK_ERR_API) {
		fprintf(stderr, "%s: API error ", prog);
		ck_cli_put_server_text(stderr, resp->error_code, false);
		fputs(": ", stderr);
		ck_cli_put_server_text(stderr, resp->error_message, false);
	} else {
		fprintf(stderr, "%s: the API reported failure, ReturnCode ",
			prog);
		ck_cli_put_server_text(stderr, resp->return_code, false);
		fputs(": ", stderr);
		ck_cli_put_server_text(stderr, resp->return_message, false);
	}
	fputs(" (RequestId ", stderr);
	ck_cli_put_server_text(stderr, resp->request_id, false);
	fputs(")\n", stderr);
	if (r == CK_ERR_API && ck_span_starts_with(resp->error_code,
		"AuthFailure") && parsed != NULL
		&& parsed->credentials_source != NULL) {
		/* Which credentials the API refused: the source, never them. */
		fprintf(stderr, "%s: the credentials came from ", prog);
		if (strcmp(parsed->credentials_source, "the environment") == 0) {
			fputs("the environment (TENCENTCLOUD_SECRET_ID, "
				"TENCENTCLOUD_SECRET_KEY", stderr);
			fputs(parsed->api.session_token != NULL
				? ", TENCENTCLOUD_SESSION_TOKEN)\n" : ")\n",
				stderr);
		} else {
			fputs("the file '", stderr);
			ck_cli_put_text(stderr, parsed->credentials_source,
				strlen(parsed->credentials_source));
			fputs("', profile '", stderr);
			ck_cli_put_text(stderr, parsed->profile != NULL
				? parsed->profile : "default",
				strlen(parsed->profile != NULL ? parsed->profile
					: "default"));
			fputs("'\n", stderr);
		}
	}
	fprintf(stderr, "%s: the API refused the request (%s): nothing was "
		"applied.\n", prog, ck_result_name(r));
}

/* On stderr: a result other than applied, what it means, what to do. */
static int
report_failure(const ck_cli_tool *tool, ck_result r,
	const ck_offsets_response *resp, const char *what)
{
	const char *prog = tool->prog;
	int code = ck_cli_exit_code(r);

	switch (code) {
	case CK_CLI_EXIT_APPLIED:
		break;
	case CK_CLI_EXIT_API_ERROR:
		report_api_error(prog, r, resp);
		break;
	case CK_CLI_EXIT_USAGE:
		if (r == CK_ERR_TRUST_ANCHORS && ck_ca_file_last_error() != NULL) {
			return ck_cli_report_ca_file(tool, r);
		}
		if (what != NULL) {
			fprintf(stderr, "%s: %s failed (%s). Nothing was sent.\n",
				prog, what, ck_result_name(r));
		} else {
			fprintf(stderr, "%s: bad input: %s (%s). Nothing was "
				"sent.\n", prog, describe_input_error(r),
				ck_result_name(r));
		}
		break;
	case CK_CLI_EXIT_NOT_APPLIED:
		fprintf(stderr, "%s: ", prog);
		if (what != NULL) {
			fprintf(stderr, "%s failed", what);
		} else {
			put_not_applied(tool, stderr, r);
		}
		fprintf(stderr, " (%s): nothing was applied.\n",
			ck_result_name(r));
		break;
	default:
		fprintf(stderr, "%s: the request was sent but %s (%s): outcome "
			"unknown. The call sets absolute offsets, so it is safe "
			"to retry.\n", prog, describe_unknown(r),
			ck_result_name(r));
		break;
	}
	return code;
}

int
ck_cli_report(const ck_cli_tool *tool, ck_result r,
	const ck_offsets_response *resp, const char *what)
{
	if (ck_cli_exit_code(r) == CK_CLI_EXIT_APPLIED) {
		print_success(resp);
		return CK_CLI_EXIT_APPLIED;
	}
	return report_failure(tool, r, resp, what);
}

/* --- plans ------------------------------------------------------------------------ */

/* Plain text (a topic name) as a JSON string. */
static void
print_json_text(ck_span s)
{
	putchar('"');
	put_utf8(stdout, (const unsigned char *)(s.ptr != NULL ? s.ptr : ""),
		s.len, true);
	putchar('"');
}

static const char *
status_word(ck_plan_status s)
{
	switch (s) {
	case CK_PLAN_APPLIED: return "applied";
	case CK_PLAN_NOT_APPLIED: return "not_applied";
	case CK_PLAN_UNKNOWN: return "unknown";
	default: return "not_sent";
	}
}

static void
clear_progress(void)
{
	if (progress_shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		progress_shown = false;
	}
}

void
ck_cli_plan_progress(const ck_cli_tool *tool, size_t i)
{
	if (parsed == NULL || parsed->plan == NULL || !isatty(STDERR_FILENO)) {
		return;
	}
	fprintf(stderr, "\r%s: call %zu of %zu (lines ", tool->prog, i + 1,
		parsed->plan->call_count);
	ck_plan_put_call_lines(stderr, parsed->plan, i);
	fputs(")...\033[K", stderr);
	fflush(stderr);
	progress_shown = true;
}

/* One call's JSON line: what it carried and what came of it (`code`:
 * its exit status; `error`: what to say when there is no result). */
static void
print_call(const ck_plan *p, size_t i, int code, ck_result r,
	const ck_offsets_response *resp, const char *error)
{
	static const char *const words[] = {
		[CK_CLI_EXIT_APPLIED] = "applied",
		[CK_CLI_EXIT_USAGE] = "not_applied",
		[CK_CLI_EXIT_API_ERROR] = "rejected",
		[CK_CLI_EXIT_NOT_APPLIED] = "not_applied",
		[CK_CLI_EXIT_UNKNOWN] = "unknown",
	};
	const ck_offsets_request *req = plan_request(parsed, i);
	size_t k;

	printf("{\"call\":%zu,\"topics\":[", i + 1);
	for (k = 0; k < req->topic_count; k++) {
		fputs(k > 0 ? "," : "", stdout);
		print_json_text(req->topics[k]);
	}
	fputs("],\"partitions\":[", stdout);
	for (k = 0; k < req->partition_count; k++) {
		printf("%s{\"Partition\":%" PRId32 ",\"Offset\":%" PRId64 "}",
			k > 0 ? "," : "", req->partitions[k].partition,
			req->partitions[k].offset);
	}
	fputs("],\"lines\":\"", stdout);
	ck_plan_put_call_lines(stdout, p, i);
	printf("\",\"result\":\"%s\"", words[code]);
	if (error != NULL) {
		printf(",\"error\":\"%s\"", error);
	} else if (r == CK_ERR_API) {
		fputs(",\"error\":", stdout);
		print_json_string(resp->error_code);
	} else if (r == CK_ERR_API_RETURN_CODE) {
		fputs(",\"error\":", stdout);
		print_json_string(resp->return_code);
	} else if (r != CK_OK) {
		printf(",\"error\":\"%s\"", ck_result_name(r));
	}
	fputs(",\"RequestId\":", stdout);
	if (error == NULL && resp != NULL && resp->request_id.len > 0) {
		print_json_string(resp->request_id);
	} else {
		fputs("null", stdout);
	}
	fputs("}\n", stdout);
	fflush(stdout);
}

/* Call i's status by its exit status; past an applied one the plan stops. */
static void
mark_call(size_t i, int code)
{
	ck_plan *p = parsed->plan;

	clear_progress();
	switch (code) {
	case CK_CLI_EXIT_APPLIED:
		p->calls[i].status = CK_PLAN_APPLIED;
		return;
	case CK_CLI_EXIT_UNKNOWN:
		p->calls[i].status = CK_PLAN_UNKNOWN;
		break;
	default:
		p->calls[i].status = CK_PLAN_NOT_APPLIED;
		break;
	}
	plan_stopped = true;
	plan_stopped_at = i;
	plan_code = code;
}

bool
ck_cli_plan_done(const ck_cli_tool *tool, size_t i, ck_result r,
	const ck_offsets_response *resp, const char *what)
{
	int code = ck_cli_exit_code(r);

	mark_call(i, code);
	print_call(parsed->plan, i, code, r, resp, NULL);
	if (code == CK_CLI_EXIT_APPLIED) {
		return true;
	}
	report_failure(tool, r, resp, what);
	return false;
}

void
ck_cli_plan_abandon(const ck_cli_tool *tool, size_t i, int code,
	const char *error)
{
	(void)tool;
	mark_call(i, code);
	print_call(parsed->plan, i, code, CK_OK, NULL, error);
}

static void
print_summary_lines(const ck_plan *p, ck_plan_status s)
{
	printf(",\"lines_%s\":\"", status_word(s));
	ck_plan_put_status_lines(stdout, p, s);
	putchar('"');
}

/* "Applied: lines 1-4." on stderr, when there are any. */
static void
tell_lines(const ck_plan *p, ck_plan_status s, const char *label)
{
	if (ck_plan_status_count(p, s) == 0) {
		return;
	}
	fprintf(stderr, " %s: line%s ", label,
		ck_plan_status_count(p, s) == 1 ? "" : "s");
	ck_plan_put_status_lines(stderr, p, s);
	fputs(".", stderr);
}

int
ck_cli_plan_finish(const ck_cli_tool *tool)
{
	const ck_plan *p = parsed->plan;
	size_t i, applied = 0;

	clear_progress();
	for (i = 0; i < p->call_count; i++) {
		applied += p->calls[i].status == CK_PLAN_APPLIED;
	}
	printf("{\"summary\":\"%s\",\"calls\":%zu,\"applied\":%zu,"
		"\"exit_status\":%d", plan_stopped ? "stopped" : "complete",
		p->call_count, applied, plan_stopped ? plan_code : 0);
	print_summary_lines(p, CK_PLAN_APPLIED);
	print_summary_lines(p, CK_PLAN_NOT_APPLIED);
	print_summary_lines(p, CK_PLAN_UNKNOWN);
	print_summary_lines(p, CK_PLAN_NOT_SENT);
	fputs("}\n", stdout);
	fflush(stdout);
	if (!plan_stopped) {
		return CK_CLI_EXIT_APPLIED;
	}
	fprintf(stderr, "%s: the plan stopped at call %zu of %zu.", tool->prog,
		plan_stopped_at + 1, p->call_count);
	tell_lines(p, CK_PLAN_APPLIED, "Applied");
	tell_lines(p, CK_PLAN_NOT_APPLIED, "Not applied");
	tell_lines(p, CK_PLAN_UNKNOWN, "Outcome unknown");
	tell_lines(p, CK_PLAN_NOT_SENT, "Not sent");
	fputs(" Every line sets an absolute offset, so running the same "
		"file again is safe.\n", stderr);
	return plan_code;
}

void
ck_cli_plan_print_request(size_t i, ck_span head, ck_span body)
{
	printf("# call %zu of %zu (lines ", i + 1, parsed->plan->call_count);
	ck_plan_put_call_lines(stdout, parsed->plan, i);
	fputs(")\n", stdout);
	ck_cli_print_request(head, body);
}

int
ck_cli_run(const ck_cli_tool *tool, ck_result setup, const char *what,
	ck_client *client, const ck_cli_args *args)
{
	ck_offsets_response resp;
	size_t i;

	if (args->plan == NULL) {
		return ck_cli_call(tool, setup, what, client, &args->request);
	}
	if (setup != CK_OK) {
		memset(&resp, 0, sizeof resp);
		ck_cli_plan_done(tool, 0, setup, &resp, what);
		return ck_cli_plan_finish(tool);
	}
	for (i = 0; i < args->plan->call_count; i++) {
		ck_result r;

		ck_cli_plan_progress(tool, i);
		memset(&resp, 0, sizeof resp);
		r = ck_client_modify_offsets(client, plan_request(args, i),
			&resp);
		if (!ck_cli_plan_done(tool, i, r, &resp, NULL)) {
			break;
		}
	}
	return ck_cli_plan_finish(tool);
}
