/*
 * test_qemu_job.c -- the job and report the QEMU board's image and its host
 * tool exchange (platform/cortex-m/boards/qemu-mps2-an386/ck_qemu_job.c).
 * Both sides compile the same codec; these tests hold it to a round trip
 * and to refusing what the other side could not have meant.
 */
#include "test_support.h"

#include "ck_qemu_job.h"

static const ck_partition_offset parts[] = {
	{ 0, 0 }, { 7, 42 }, { 2147483647, INT64_MAX }
};
static const ck_span topics[] = {
	CK_SPAN_INIT("orders"), CK_SPAN_INIT("tab\there\nnewline"),
};

static ck_qemu_job
sample_job(void)
{
	ck_qemu_job job;

	memset(&job, 0, sizeof job);
	job.api.endpoint = "ckafka.tencentcloudapi.com";
	job.api.region = "ap-guangzhou";
	job.api.secret_id = "AKIDexample";
	job.api.secret_key = "key with spaces and \"quotes\"";
	job.api.session_token = "tok";
	job.api.language = "zh-CN";
	job.api.timeout_ms = 4294967295u;
	job.api.deadline_ms = 123456u;
	job.connect_host = "10.0.2.2";
	job.connect_port = 65535;
	job.cacert_path = "build/e2e-certs/ca.pem";
	job.dry_run = true;
	job.request.instance_id = CK_SPAN_LITERAL("ckafka-abc");
	job.request.group_name = CK_SPAN_LITERAL("g \xE7\xBB\x84 1");
	job.request.partitions = parts;
	job.request.partition_count = 3;
	job.request.topics = topics;
	job.request.topic_count = 2;
	return job;
}

static void
test_a_job_survives_the_round_trip_byte_for_byte(void **state)
{
	static char buf[CK_QEMU_JOB_MAX];
	ck_qemu_job in = sample_job(), out;
	size_t len = 0, i;

	(void)state;
	assert_int_equal(ck_qemu_job_encode(&in, buf, sizeof buf, &len), CK_OK);
	assert_int_equal(ck_qemu_job_decode(buf, len, &out), CK_OK);
	assert_string_equal(out.api.endpoint, in.api.endpoint);
	assert_string_equal(out.api.region, in.api.region);
	assert_string_equal(out.api.secret_id, in.api.secret_id);
	assert_string_equal(out.api.secret_key, in.api.secret_key);
	assert_string_equal(out.api.session_token, in.api.session_token);
	assert_string_equal(out.api.language, in.api.language);
	assert_int_equal(out.api.timeout_ms, in.api.timeout_ms);
	assert_int_equal(out.api.deadline_ms, in.api.deadline_ms);
	assert_string_equal(out.connect_host, in.connect_host);
	assert_int_equal(out.connect_port, 65535);
	assert_string_equal(out.cacert_path, in.cacert_path);
	assert_true(out.dry_run);
	assert_true(ck_span_eq(out.request.instance_id, in.request.instance_id));
	assert_true(ck_span_eq(out.request.group_name, in.request.group_name));
	assert_int_equal(out.request.partition_count, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(out.request.partitions[i].partition,
			parts[i].partition);
		assert_true(out.request.partitions[i].offset == parts[i].offset);
	}
	assert_int_equal(out.request.topic_count, 2);
	assert_true(ck_span_eq(out.request.topics[1], topics[1]));
}

static void
test_absent_settings_stay_absent(void **state)
{
	static char buf[CK_QEMU_JOB_MAX];
	ck_qemu_job in, out;
	size_t len = 0;

	(void)state;
	memset(&in, 0, sizeof in);
	in.api.region = "ap-guangzhou";
	assert_int_equal(ck_qemu_job_encode(&in, buf, sizeof buf, &len), CK_OK);
	assert_int_equal(ck_qemu_job_decode(buf, len, &out), CK_OK);
	assert_null(out.api.endpoint);
	assert_null(out.api.session_token);
	assert_null(out.cacert_path);
	assert_null(out.connect_host);
	assert_false(out.dry_run);
	assert_int_equal(out.request.partition_count, 0);
	assert_null(out.request.partitions);
	assert_null(out.request.topics);
}

static void
test_a_job_that_does_not_fit_is_refused_not_cut(void **state)
{
	static char buf[CK_QEMU_JOB_MAX];
	ck_qemu_job in = sample_job();
	size_t len = 0, full = 0, cap;

	(void)state;
	assert_int_equal(ck_qemu_job_encode(&in, buf, sizeof buf, &full), CK_OK);
	for (cap = 0; cap < full; cap++) {
		assert_int_equal(ck_qemu_job_encode(&in, buf, cap, &len),
			CK_ERR_BUFFER_TOO_SMALL);
	}
}

static void
test_every_truncation_of_a_job_is_refused(void **state)
{
	static char full[CK_QEMU_JOB_MAX], buf[CK_QEMU_JOB_MAX];
	ck_qemu_job in = sample_job(), out;
	size_t len = 0, cut;

	(void)state;
	assert_int_equal(ck_qemu_job_encode(&in, full, sizeof full, &len), CK_OK);
	/* Cut at an entry boundary, a job may still be whole (later entries
	 * are optional): only cuts inside an entry must fail. */
	for (cut = 1; cut < len; cut++) {
		ck_result r;

		memcpy(buf, full, cut);
		r = ck_qemu_job_decode(buf, cut, &out);
		if (r == CK_OK && full[cut - 1] != '\n') {
			fail_msg("a job cut mid-line at %zu was accepted", cut);
		}
	}
}

static void
test_malformed_jobs_are_refused(void **state)
{
/* A well-formed call after each: each is refused for its own fault. */
#define CALL "call 0\n\npartition 3\n1 1\n"
	static const char *const bad[] = {
		"",                                     /* no version */
		"version 1\n1\n" CALL,                  /* an older version */
		"region 3\nabc\nversion 1\n2\n" CALL,   /* version not first */
		"version 1\n2\nregion 4\nabc\n",        /* length past the end */
		"version 1\n2\nregion 2\nabc\n" CALL,   /* no newline after value */
		"version 1\n2\nregion x\nab\n" CALL,    /* length not a number */
		"version 1\n2\nnosuchkey 1\na\n" CALL,  /* unknown key */
		"version 1\n2\nconnect_port 5\n65536\n" CALL,
		"version 1\n2\ndry_run 1\n2\n" CALL,    /* not a flag */
		"version 1\n2\ntimeout_ms 10\n4294967296\n" CALL,
		"version 1\n2\ncall 0\n\npartition 3\n1 x\n",
		"version 1\n2\ncall 0\n\npartition 1\n1\n",
		"version 1\n2\ncall 0\n\npartition 13\n2147483648 1\n",
		"version 1\n2\n 1\na\n" CALL,           /* empty key */
		"version 1\n2\nregion 3\nabc\n",        /* no call */
		"version 1\n2\npartition 3\n1 1\n",     /* outside a call */
		"version 1\n2\n" CALL "region 3\nabc\n",/* a setting in a call */
		"version 1\n2\ncall 1\nx\npartition 3\n1 1\n", /* call with a value */
		"version 1\n2\n" CALL "call 0\n\ncall 0\n\nbad", /* trailing junk */
		"version 1\n2\nregion 3\na\0b\n" CALL,   /* a NUL would cut it */
	};
	char buf[256];
	ck_qemu_job out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		/* The last one holds a NUL: its length is its size. */
		size_t n = i + 1 < sizeof bad / sizeof bad[0] ? strlen(bad[i])
			: 23 + strlen(CALL);

		memcpy(buf, bad[i], n);
		if (ck_qemu_job_decode(buf, n, &out) == CK_OK) {
			fail_msg("accepted job %zu", i);
		}
	}
}

static void
test_more_partitions_than_the_image_holds_are_refused(void **state)
{
	static char buf[CK_QEMU_JOB_MAX];
	static ck_partition_offset many[CK_MAX_PARTITIONS + 1];
	ck_qemu_job in, out;
	size_t len, i;

	(void)state;
	memset(&in, 0, sizeof in);
	for (i = 0; i <= CK_MAX_PARTITIONS; i++) {
		many[i].partition = (int32_t)i;
	}
	in.request.partitions = many;
	in.request.partition_count = CK_MAX_PARTITIONS + 1;
	assert_int_equal(ck_qemu_job_encode(&in, buf, sizeof buf, &len),
		CK_ERR_INVALID_ARGUMENT);
	/* Written by hand, the image still refuses it. */
	memcpy(buf, "version 1\n2\ncall 0\n\n", 20);
	len = 20;
	for (i = 0; i <= CK_MAX_PARTITIONS; i++) {
		len += (size_t)snprintf(buf + len, sizeof buf - len,
			"partition 3\n%zu 1\n", i % 10);
	}
	assert_int_equal(ck_qemu_job_decode(buf, len, &out),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_a_report_survives_the_round_trip(void **state)
{
	static char buf[CK_QEMU_REPORT_MAX];
	ck_offsets_response resp;
	ck_board_report rep;
	ck_qemu_report out;
	size_t len = 0;

	(void)state;
	memset(&resp, 0, sizeof resp);
	resp.request_id = CK_SPAN_LITERAL("r-1");
	resp.error_code = CK_SPAN_LITERAL("AuthFailure.SignatureExpire");
	resp.error_message = CK_SPAN_LITERAL("line one\\nline \"two\"");
	resp.has_flow_id = true;
	resp.flow_id = INT64_MIN;
	memset(&rep, 0, sizeof rep);
	rep.result = CK_ERR_API;
	rep.what = "connecting to the API";
	rep.response = &resp;
	rep.tls_error = -3;
	rep.stack_used = 4536;
	rep.stack_size = 8192;
	rep.call_cpu_ns = UINT64_MAX;
	rep.opens = 6;            /* more than are itemised */
	rep.open_cpu_ns[0] = 1;
	rep.open_cpu_ns[3] = 4;
	assert_int_equal(ck_qemu_report_encode(&rep, 17, buf, sizeof buf,
		&len), CK_OK);
	assert_int_equal(ck_qemu_report_decode(buf, len, &out), CK_OK);
	assert_int_equal(out.call, 17);
	assert_int_equal(out.result, CK_ERR_API);
	assert_span_equal(out.what, "connecting to the API");
	assert_span_equal(out.response.request_id, "r-1");
	assert_span_equal(out.response.error_code, "AuthFailure.SignatureExpire");
	assert_span_equal(out.response.error_message, "line one\\nline \"two\"");
	assert_true(out.response.has_flow_id);
	assert_true(out.response.flow_id == INT64_MIN);
	assert_false(out.response.has_route_id);
	assert_int_equal(out.tls_error, -3);
	assert_int_equal(out.stack_used, 4536);
	assert_true(out.call_cpu_ns == UINT64_MAX);
	assert_int_equal(out.opens, 6);
	assert_int_equal(out.open_cpu_ns[0], 1);
	assert_int_equal(out.open_cpu_ns[3], 4);
}

static void
test_a_report_without_a_result_is_refused(void **state)
{
	static const char text[] = "version 1\n2\nwhat 2\nab\n";
	ck_qemu_report out;

	(void)state;
	assert_int_not_equal(ck_qemu_report_decode(text, strlen(text), &out),
		CK_OK);
}

static void
test_a_plan_job_holds_its_calls_in_order(void **state)
{
	static char buf[CK_QEMU_JOB_MAX];
	static const ck_partition_offset second[] = { { 5, 50 } };
	static const ck_span third_topics[] = { CK_SPAN_INIT("t3") };
	ck_qemu_job in = sample_job(), out;
	ck_offsets_request req;
	size_t len, before;

	(void)state;
	assert_int_equal(ck_qemu_job_encode(&in, buf, sizeof buf, &len), CK_OK);
	memset(&req, 0, sizeof req);
	req.partitions = second;
	req.partition_count = 1;
	req.topics = topics;
	req.topic_count = 1;
	assert_int_equal(ck_qemu_job_add_call(&req, buf, sizeof buf, &len),
		CK_OK);
	req.topics = third_topics;
	assert_int_equal(ck_qemu_job_add_call(&req, buf, sizeof buf, &len),
		CK_OK);
	/* One that does not fit leaves the job as it was. */
	before = len;
	assert_int_equal(ck_qemu_job_add_call(&req, buf, len + 10, &len),
		CK_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(len, before);

	assert_int_equal(ck_qemu_job_decode(buf, len, &out), CK_OK);
	assert_int_equal(out.call_count, 3);
	assert_int_equal(out.request.partition_count, 3);
	assert_true(ck_span_eq(out.request.instance_id, in.request.instance_id));
	assert_true(ck_qemu_job_next_call(&out));
	assert_int_equal(out.call_index, 1);
	assert_int_equal(out.request.partition_count, 1);
	assert_int_equal(out.request.partitions[0].offset, 50);
	assert_int_equal(out.request.topic_count, 1);
	assert_span_equal(out.request.topics[0], "orders");
	/* Instance and group stay those of the job. */
	assert_true(ck_span_eq(out.request.group_name, in.request.group_name));
	assert_true(ck_qemu_job_next_call(&out));
	assert_span_equal(out.request.topics[0], "t3");
	assert_false(ck_qemu_job_next_call(&out));
}

static void
test_reports_come_as_entries_whole_or_not_at_all(void **state)
{
	static char buf[CK_QEMU_REPORT_MAX + 64];
	char head[CK_QEMU_REPORT_HEAD_MAX];
	ck_board_report rep;
	ck_qemu_report out;
	ck_span got;
	size_t len, n, used, cut;

	(void)state;
	static char inner[CK_QEMU_REPORT_MAX];

	memset(&rep, 0, sizeof rep);
	rep.result = CK_OK;
	assert_int_equal(ck_qemu_report_encode(&rep, 2, inner, sizeof inner,
		&len), CK_OK);
	/* As the image writes it: head, report, newline. */
	n = ck_qemu_report_head(len, head);
	memcpy(buf, head, n);
	memcpy(buf + n, inner, len);
	buf[n + len] = '\n';
	/* Every prefix is "not yet"; the whole is the report. */
	for (cut = 0; cut < n + len + 1; cut++) {
		assert_int_equal(ck_qemu_report_take(buf, cut, &used, &got), 0);
	}
	assert_int_equal(ck_qemu_report_take(buf, n + len + 1, &used, &got), 1);
	assert_int_equal(used, n + len + 1);
	assert_int_equal(ck_qemu_report_decode(got.ptr, got.len, &out), CK_OK);
	assert_int_equal(out.call, 2);
	/* Not a report entry, or one larger than a report may be. */
	assert_int_equal(ck_qemu_report_take("version 1\n2\n", 12, &used,
		&got), -1);
	assert_int_equal(ck_qemu_report_take("report 8193\n", 12, &used,
		&got), -1);
	assert_int_equal(ck_qemu_report_take("report 1\nab", 11, &used,
		&got), -1);
	assert_int_equal(ck_qemu_report_take("report x\n", 9, &used, &got),
		-1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_job_survives_the_round_trip_byte_for_byte),
		cmocka_unit_test(test_absent_settings_stay_absent),
		cmocka_unit_test(test_a_job_that_does_not_fit_is_refused_not_cut),
		cmocka_unit_test(test_every_truncation_of_a_job_is_refused),
		cmocka_unit_test(test_malformed_jobs_are_refused),
		cmocka_unit_test(test_more_partitions_than_the_image_holds_are_refused),
		cmocka_unit_test(test_a_report_survives_the_round_trip),
		cmocka_unit_test(test_a_report_without_a_result_is_refused),
		cmocka_unit_test(test_a_plan_job_holds_its_calls_in_order),
		cmocka_unit_test(test_reports_come_as_entries_whole_or_not_at_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
