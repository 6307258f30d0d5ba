/*
 * test_cli.c -- the tools' shared command line (platform/common/ck_cli.c):
 * how server and user text is shown, what each failure says, the checks at
 * the boundary, and the secrets in the environment.
 */
#include "test_support.h"

#include <getopt.h>
#include <unistd.h>

#include "ck_cli.h"
#include "ck_posix_platform.h"

#define FIXTURE(name) "tests/unit/fixtures/" name

static const ck_cli_tool tool = {
	.prog = "ck-test",
	.connect_help = "connect there\n",
	.default_cacert = FIXTURE("ca-rsa.pem"),
};

/* --- capturing what the tool prints ------------------------------------------- */

typedef struct {
	FILE *file;
	int saved;
	int fd;
	FILE *stream;
} capture;

static void
capture_start(capture *c, FILE *stream)
{
	c->stream = stream;
	fflush(stream);
	c->file = tmpfile();
	assert_non_null(c->file);
	c->fd = fileno(stream);
	c->saved = dup(c->fd);
	assert_true(c->saved >= 0);
	assert_true(dup2(fileno(c->file), c->fd) >= 0);
}

/* What was printed, NUL-terminated, on the heap. */
static char *
capture_end(capture *c, size_t *len)
{
	long n;
	char *text;

	fflush(c->stream);
	assert_true(dup2(c->saved, c->fd) >= 0);
	close(c->saved);
	n = ftell(c->file);
	assert_true(n >= 0);
	text = malloc((size_t)n + 1);
	assert_non_null(text);
	rewind(c->file);
	assert_int_equal(fread(text, 1, (size_t)n, c->file), (size_t)n);
	text[n] = '\0';
	fclose(c->file);
	if (len != NULL) {
		*len = (size_t)n;
	}
	return text;
}

/* ck_cli_put_text or ck_cli_put_server_text into a string. */
static char *
shown(const char *p, size_t n, int how)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	if (how == 0) {
		ck_cli_put_text(f, p, n);
	} else {
		ck_cli_put_server_text(f, ck_span_make(p, n), how == 2);
	}
	fclose(f);
	return buf;
}

static void
assert_shown(const char *p, size_t n, int how, const char *want)
{
	char *got = shown(p, n, how);

	if (strcmp(got, want) != 0) {
		fail_msg("shown as \"%s\", expected \"%s\"", got, want);
	}
	free(got);
}

/* No byte that would act on a terminal, and no line break. */
static void
assert_inert(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7F) {
			fail_msg("control byte 0x%02x in \"%s\"", *p, s);
		}
		if (p[0] == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			fail_msg("C1 control in \"%s\"", s);
		}
	}
}

/* --- showing text ------------------------------------------------------------------ */

static void
test_user_text_shows_controls_and_bad_bytes_as_escapes(void **state)
{
	static const char in[] = "a\x1b[2J\x07\n\r\t\0z\x7f\xc2\x9b"
		"\xe2\x80\xa8\xe2\x80\xae\xff\\\"'";
	char *text;

	(void)state;
	assert_shown(in, sizeof in - 1, 0,
		"a\\u001b[2J\\u0007\\n\\r\\t\\u0000z\\u007f\\u009b\\u2028"
		"\\u202e\\xff\\\\\"'");
	text = shown(in, sizeof in - 1, 0);
	assert_inert(text);
	free(text);
}

static void
test_printable_utf8_is_shown_as_it_is(void **state)
{
	static const char in[] = "\xe5\xae\x9e\xe4\xbe\x8b \xc3\xa9 "
		"\xf0\x9f\x98\x80 plain ascii ~";

	(void)state;
	assert_shown(in, sizeof in - 1, 0, in);
	assert_shown(in, sizeof in - 1, 1, in);
	assert_shown(in, sizeof in - 1, 2, in);
}

static void
test_server_text_is_unescaped_then_shown_escaped(void **state)
{
	/* Raw JSON string content, as the decoder hands it over. */
	static const char raw[] = "a\\u001b]0;t\\u0007\\nforged\\u0000tail "
		"\\\"q\\\" \\\\ \\/ \\u00e9 \\ud83d\\ude00 \\ud800 \x7f"
		"\xc2\x85";

	(void)state;
	assert_shown(raw, sizeof raw - 1, 1,
		"a\\u001b]0;t\\u0007\\nforged\\u0000tail \"q\" \\\\ / "
		"\xc3\xa9 \xf0\x9f\x98\x80 \\ud800 \\u007f\\u0085");
}

static void
test_server_text_in_json_stays_one_valid_string(void **state)
{
	static const char raw[] = "a\\u001b\\nb \\\"q\\\" \\\\ \\/ "
		"\\u00e9\\ud83d\\ude00\\ud800\x7f\xe2\x80\xa8";

	(void)state;
	assert_shown(raw, sizeof raw - 1, 2,
		"a\\u001b\\nb \\\"q\\\" \\\\ / \xc3\xa9\xf0\x9f\x98\x80"
		"\\ud800\\u007f\\u2028");
}

static void
test_nothing_is_cut_at_a_nul(void **state)
{
	static const char raw[] = "before\\u0000after";

	(void)state;
	assert_shown(raw, sizeof raw - 1, 1, "before\\u0000after");
	assert_shown("x\0y", 3, 0, "x\\u0000y");
}

static void
test_usage_error_shows_the_value_escaped(void **state)
{
	capture c;
	char *err;

	(void)state;
	capture_start(&c, stderr);
	assert_int_equal(ck_cli_usage_error(&tool, "bad --x '%s': want y",
		"v\x1b[2J\nforged"), CK_CLI_EXIT_USAGE);
	err = capture_end(&c, NULL);
	assert_string_equal(err, "ck-test: bad --x 'v\\u001b[2J\\nforged': "
		"want y\nTry 'ck-test --help'. Nothing was sent.\n");
	free(err);
}

/* --- what each outcome says ---------------------------------------------------- */

static ck_offsets_response
response(const char *code, const char *message, const char *request_id)
{
	ck_offsets_response r;

	memset(&r, 0, sizeof r);
	r.error_code = ck_span_from_str(code);
	r.error_message = ck_span_from_str(message);
	r.return_code = ck_span_from_str(code);
	r.return_message = ck_span_from_str(message);
	r.request_id = ck_span_from_str(request_id);
	return r;
}

static char *
report(ck_result r, const ck_offsets_response *resp, int *code, FILE *s)
{
	capture c;

	capture_start(&c, s);
	*code = ck_cli_report(&tool, r, resp, NULL);
	return capture_end(&c, NULL);
}

static void
test_api_error_text_is_one_line_and_the_last_line_is_the_tools(void **state)
{
	ck_offsets_response resp = response("FailedOperation",
		"x\\nck-test: the offsets were applied\\u001b[2J",
		"r-1\\r\\n");
	char *err;
	char *second;
	int code;

	(void)state;
	err = report(CK_ERR_API, &resp, &code, stderr);
	assert_int_equal(code, CK_CLI_EXIT_API_ERROR);
	second = strchr(err, '\n');
	assert_non_null(second);
	*second++ = '\0';
	assert_string_equal(err, "ck-test: API error FailedOperation: "
		"x\\nck-test: the offsets were applied\\u001b[2J "
		"(RequestId r-1\\r\\n)");
	assert_string_equal(second, "ck-test: the API refused the request "
		"(CK_ERR_API): nothing was applied.\n");
	free(err);

	err = report(CK_ERR_API_RETURN_CODE, &resp, &code, stderr);
	assert_int_equal(code, CK_CLI_EXIT_API_ERROR);
	second = strchr(err, '\n');
	assert_non_null(second);
	*second++ = '\0';
	assert_inert(err);
	assert_string_equal(second, "ck-test: the API refused the request "
		"(CK_ERR_API_RETURN_CODE): nothing was applied.\n");
	free(err);
}

static void
test_success_line_is_one_line_of_json_with_escapes(void **state)
{
	ck_offsets_response resp = response("OK", "ok\x7f\\u001b",
		"r\\\"1\\u2028");
	char *out;
	int code;

	(void)state;
	resp.has_flow_id = true;
	resp.flow_id = 7;
	out = report(CK_OK, &resp, &code, stdout);
	assert_int_equal(code, CK_CLI_EXIT_APPLIED);
	assert_string_equal(out, "{\"ReturnCode\":\"OK\",\"ReturnMessage\":"
		"\"ok\\u007f\\u001b\",\"FlowId\":7,\"RouteId\":null,"
		"\"RequestId\":\"r\\\"1\\u2028\"}\n");
	free(out);
}

/* A transport whose open or send fails as told: the call's own steps. */
typedef struct {
	ck_result open_result;
	ck_result send_result;
} fake_net;

static ck_result
fake_open(void *ctx, uint32_t timeout_ms)
{
	(void)timeout_ms;
	return ((fake_net *)ctx)->open_result;
}

static ck_result
fake_send(void *ctx, const uint8_t *data, size_t len, uint32_t timeout_ms)
{
	(void)data;
	(void)len;
	(void)timeout_ms;
	return ((fake_net *)ctx)->send_result;
}

static ck_result
fake_recv(void *ctx, uint8_t *buf, size_t cap, size_t *received,
	uint32_t timeout_ms)
{
	(void)ctx;
	(void)buf;
	(void)cap;
	(void)timeout_ms;
	*received = 0;
	return CK_ERR_CONNECTION_CLOSED;
}

static void
fake_close(void *ctx)
{
	(void)ctx;
}

/* What the tool says when the call fails with `open_r` / `send_r`. */
static char *
call_failing(ck_result open_r, ck_result send_r, int *code)
{
	static ck_client client;
	fake_net net = { open_r, send_r };
	ck_transport t = { fake_open, fake_send, NULL, fake_recv, fake_close,
		&net, NULL };
	ck_platform platform = ck_posix_platform();
	ck_partition_offset part = { 0, 1 };
	ck_offsets_request req;
	ck_client_config cc;
	capture c;

	memset(&cc, 0, sizeof cc);
	cc.region = CK_SPAN_LITERAL("ap-guangzhou");
	cc.secret_id = CK_SPAN_LITERAL("AKIDtest");
	cc.secret_key = CK_SPAN_LITERAL("key");
	cc.transport = &t;
	cc.platform = &platform;
	assert_int_equal(ck_client_init(&client, &cc), CK_OK);
	memset(&req, 0, sizeof req);
	req.instance_id = CK_SPAN_LITERAL("ckafka-x");
	req.group_name = CK_SPAN_LITERAL("g");
	req.partitions = &part;
	req.partition_count = 1;
	capture_start(&c, stderr);
	*code = ck_cli_call(&tool, CK_OK, "setting up", &client, &req);
	ck_client_deinit(&client);
	return capture_end(&c, NULL);
}

static void
test_each_failed_step_is_named(void **state)
{
	static const struct {
		ck_result open_r, send_r;
		const char *says;
		int code;
	} cases[] = {
		{ CK_ERR_DNS, CK_OK, "resolving ", 3 },
		{ CK_ERR_CONNECT, CK_OK, "connecting to ", 3 },
		{ CK_ERR_TLS_HANDSHAKE, CK_OK, "the TLS handshake with ", 3 },
		{ CK_ERR_TLS_CERTIFICATE, CK_OK, "certificate", 3 },
		{ CK_OK, CK_ERR_SEND, "sending the request to ", 3 },
		{ CK_OK, CK_ERR_SEND_TIMEOUT, "sending the request to ", 3 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		int code;
		char *err = call_failing(cases[i].open_r, cases[i].send_r,
			&code);

		assert_int_equal(code, cases[i].code);
		if (strstr(err, cases[i].says) == NULL
			|| strstr(err, "nothing was applied") == NULL) {
			fail_msg("case %zu says: %s", i, err);
		}
		if (cases[i].open_r != CK_ERR_CONNECT
			&& strstr(err, "connecting") != NULL) {
			fail_msg("case %zu blames connecting: %s", i, err);
		}
		free(err);
	}
}

static void
test_setup_failure_names_its_step(void **state)
{
	ck_offsets_response resp;
	capture c;
	char *err;

	(void)state;
	memset(&resp, 0, sizeof resp);
	capture_start(&c, stderr);
	assert_int_equal(ck_cli_report(&tool, CK_ERR_INVALID_ARGUMENT, &resp,
		"setting up the connection"), CK_CLI_EXIT_USAGE);
	err = capture_end(&c, NULL);
	assert_string_equal(err, "ck-test: setting up the connection failed "
		"(CK_ERR_INVALID_ARGUMENT). Nothing was sent.\n");
	free(err);
}

/* --- the command line ------------------------------------------------------------- */

static int
parse(char **argv, int argc, ck_cli_args *args, char **err)
{
	capture c;
	int code;

	optind = 0; /* a fresh getopt scan for each test */
	capture_start(&c, stderr);
	code = ck_cli_parse(&tool, argc, argv, args);
	*err = capture_end(&c, NULL);
	return code;
}

#define BASE_ARGS "ck", "--instance-id", "i", "--group", "g", "--region", \
	"ap-guangzhou", "--partition", "0=1"
#define ARGC(...) ((int)(sizeof (char *[]){ __VA_ARGS__ } / sizeof (char *)))
#define PARSE(a, err, ...) parse((char *[]){ __VA_ARGS__, NULL }, \
	ARGC(__VA_ARGS__), a, err)

static void
set_credentials(const char *token)
{
	setenv("TENCENTCLOUD_SECRET_ID", "AKIDtest", 1);
	setenv("TENCENTCLOUD_SECRET_KEY", "the-secret-key", 1);
	if (token != NULL) {
		setenv("TENCENTCLOUD_SESSION_TOKEN", token, 1);
	} else {
		unsetenv("TENCENTCLOUD_SESSION_TOKEN");
	}
}

/* ck_cli keeps a pointer to the parsed arguments: they must outlive the test. */
static ck_cli_args a;

static void
test_key_and_token_leave_the_environment(void **state)
{
	char *err;
	const char *left;

	(void)state;
	set_credentials("the-session-token");
	assert_int_equal(PARSE(&a, &err, BASE_ARGS), CK_CLI_CONTINUE);
	free(err);
	assert_string_equal(a.api.session_token, "the-session-token");
	assert_string_equal(a.api.secret_key, "the-secret-key");
	left = getenv("TENCENTCLOUD_SESSION_TOKEN");
	assert_true(left == NULL || left[0] == '\0');
	left = getenv("TENCENTCLOUD_SECRET_KEY");
	assert_true(left == NULL || left[0] == '\0');
}

static void
test_bad_values_are_refused_by_flag_and_value(void **state)
{
	static const struct {
		char *flag, *value;
		const char *says;
	} cases[] = {
		{ "--endpoint", "ckafka.tencentcloudapi.com:443",
		  "bad --endpoint 'ckafka.tencentcloudapi.com:443'" },
		{ "--endpoint", "u@h", "bad --endpoint 'u@h'" },
		{ "--endpoint", "", "bad --endpoint ''" },
		{ "--connect", "127.0.0.1:0", "bad --connect '127.0.0.1:0'" },
		{ "--connect", "127.0.0.1:99999", "bad --connect '127.0.0.1:99999'" },
		{ "--connect", "127.0.0.1:+80", "bad --connect '127.0.0.1:+80'" },
		{ "--connect", "127.0.0.1:-1", "bad --connect '127.0.0.1:-1'" },
		{ "--connect", "127.0.0.1:http", "bad --connect '127.0.0.1:http'" },
		{ "--connect", "a b:80", "bad --connect 'a b:80'" },
		{ "--partition", "0=2", "bad --partition '0=2'" },
		{ "--topic", "", "bad --topic ''" },
		{ "--region", "ap guangzhou", "bad --region 'ap guangzhou'" },
		{ "--cacert", "", "bad --cacert ''" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *err;

		set_credentials(NULL);
		assert_int_equal(PARSE(&a, &err, BASE_ARGS, cases[i].flag,
			cases[i].value), CK_CLI_EXIT_USAGE);
		if (strstr(err, cases[i].says) == NULL) {
			fail_msg("%s '%s' says: %s", cases[i].flag,
				cases[i].value, err);
		}
		free(err);
	}
}

static void
test_good_connect_keeps_host_and_port(void **state)
{
	char *err;

	(void)state;
	set_credentials(NULL);
	assert_int_equal(PARSE(&a, &err, BASE_ARGS, "--connect", "[::1]:8443",
		"--endpoint", "ckafka.tencentcloudapi.com"), CK_CLI_CONTINUE);
	free(err);
	assert_string_equal(a.connect_host, "::1");
	assert_true(a.connect_bracketed);
	assert_int_equal(a.connect_port_number, 8443);
	assert_string_equal(a.api.endpoint, "ckafka.tencentcloudapi.com");
}

/* A plan file in a fresh folder; its path in `path`. */
static void
write_plan(char *path, size_t cap, const char *text)
{
	static char dir[] = "/tmp/ck-cli-plan-XXXXXX";
	FILE *f;

	if (strstr(dir, "XXXXXX") != NULL) {
		assert_non_null(mkdtemp(dir));
	}
	snprintf(path, cap, "%s/plan.csv", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_a_plan_reports_each_call_and_stops_at_the_first_not_applied(void **state)
{
	ck_offsets_response ok, refused;
	char path[64];
	capture out, err_c;
	char *err, *text, *errors;
	int code;

	(void)state;
	write_plan(path, sizeof path, "a,0,1\nb,0,2\n# c\nc,0,3\n");
	set_credentials(NULL);
	assert_int_equal(PARSE(&a, &err, "ck", "--instance-id", "i", "--group",
		"g", "--region", "ap-guangzhou", "--from-file", path),
		CK_CLI_CONTINUE);
	free(err);
	assert_non_null(a.plan);
	assert_int_equal(a.plan->call_count, 3);

	memset(&ok, 0, sizeof ok);
	ok.request_id = CK_SPAN_LITERAL("r-1");
	memset(&refused, 0, sizeof refused);
	refused.request_id = CK_SPAN_LITERAL("r-2");
	refused.error_code = CK_SPAN_LITERAL("FailedOperation");
	refused.error_message = CK_SPAN_LITERAL("busy");
	capture_start(&out, stdout);
	capture_start(&err_c, stderr);
	assert_true(ck_cli_plan_done(&tool, 0, CK_OK, &ok, NULL));
	assert_false(ck_cli_plan_done(&tool, 1, CK_ERR_API, &refused, NULL));
	code = ck_cli_plan_finish(&tool);
	errors = capture_end(&err_c, NULL);
	text = capture_end(&out, NULL);
	assert_int_equal(code, CK_CLI_EXIT_API_ERROR);
	assert_string_equal(text,
		"{\"call\":1,\"topics\":[\"a\"],\"partitions\":[{\"Partition\":0,"
		"\"Offset\":1}],\"lines\":\"1\",\"result\":\"applied\","
		"\"RequestId\":\"r-1\"}\n"
		"{\"call\":2,\"topics\":[\"b\"],\"partitions\":[{\"Partition\":0,"
		"\"Offset\":2}],\"lines\":\"2\",\"result\":\"rejected\","
		"\"error\":\"FailedOperation\",\"RequestId\":\"r-2\"}\n"
		"{\"summary\":\"stopped\",\"calls\":3,\"applied\":1,"
		"\"exit_status\":2,\"lines_applied\":\"1\","
		"\"lines_not_applied\":\"2\",\"lines_unknown\":\"\","
		"\"lines_not_sent\":\"4\"}\n");
	if (strstr(errors, "API error FailedOperation: busy (RequestId r-2)")
		== NULL || strstr(errors, "ck-test: the plan stopped at call 2 "
		"of 3. Applied: line 1. Not applied: line 2. Not sent: line 4. "
		"Every line sets an absolute offset, so running the same file "
		"again is safe.\n") == NULL) {
		fail_msg("stderr: %s", errors);
	}
	free(text);
	free(errors);
}

static void
test_a_plan_excludes_partition_and_topic_flags(void **state)
{
	char path[64];
	char *err;

	(void)state;
	write_plan(path, sizeof path, "a,0,1\n");
	set_credentials(NULL);
	assert_int_equal(PARSE(&a, &err, BASE_ARGS, "--from-file", path),
		CK_CLI_EXIT_USAGE);
	if (strstr(err, "--partition with --from-file") == NULL) {
		fail_msg("says: %s", err);
	}
	free(err);
	assert_int_equal(PARSE(&a, &err, "ck", "--instance-id", "i", "--group",
		"g", "--region", "r", "--topic", "t", "--from-file", path),
		CK_CLI_EXIT_USAGE);
	if (strstr(err, "--topic with --from-file") == NULL) {
		fail_msg("says: %s", err);
	}
	free(err);
	assert_int_equal(PARSE(&a, &err, BASE_ARGS, "--profile", "a]b"),
		CK_CLI_EXIT_USAGE);
	if (strstr(err, "bad --profile 'a]b'") == NULL) {
		fail_msg("says: %s", err);
	}
	free(err);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_text_shows_controls_and_bad_bytes_as_escapes),
		cmocka_unit_test(test_printable_utf8_is_shown_as_it_is),
		cmocka_unit_test(test_server_text_is_unescaped_then_shown_escaped),
		cmocka_unit_test(test_server_text_in_json_stays_one_valid_string),
		cmocka_unit_test(test_nothing_is_cut_at_a_nul),
		cmocka_unit_test(test_usage_error_shows_the_value_escaped),
		cmocka_unit_test(test_api_error_text_is_one_line_and_the_last_line_is_the_tools),
		cmocka_unit_test(test_success_line_is_one_line_of_json_with_escapes),
		cmocka_unit_test(test_each_failed_step_is_named),
		cmocka_unit_test(test_setup_failure_names_its_step),
		cmocka_unit_test(test_key_and_token_leave_the_environment),
		cmocka_unit_test(test_bad_values_are_refused_by_flag_and_value),
		cmocka_unit_test(test_good_connect_keeps_host_and_port),
		cmocka_unit_test(test_a_plan_reports_each_call_and_stops_at_the_first_not_applied),
		cmocka_unit_test(test_a_plan_excludes_partition_and_topic_flags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
