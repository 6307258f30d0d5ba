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
	static const char *const bad[] = {
		"",                                     /* no version */
		"version 1\n2\n",                       /* another version */
		"region 3\nabc\nversion 1\n1\n",        /* version not first */
		"version 1\n1\nregion 4\nabc\n",        /* length past the end */
		"version 1\n1\nregion 2\nabc\n",        /* no newline after value */
		"version 1\n1\nregion x\nab\n",         /* length not a number */
		"version 1\n1\nnosuchkey 1\na\n",       /* unknown key */
		"version 1\n1\nconnect_port 5\n65536\n",/* port out of range */
		"version 1\n1\ndry_run 1\n2\n",         /* not a flag */
		"version 1\n1\ntimeout_ms 10\n4294967296\n",
		"version 1\n1\npartition 3\n1 x\n",
		"version 1\n1\npartition 1\n1\n",
		"version 1\n1\npartition 13\n2147483648 1\n",
		"version 1\n1\nregion 3\na\0b\n",       /* a NUL would cut it */
		"version 1\n1\n 1\na\n",                /* empty key */
	};
	static const size_t lens[] = { 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
		23, 0 };
	char buf[128];
	ck_qemu_job out;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t n = lens[i] != 0 ? lens[i] : strlen(bad[i]);

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
	len = 0;
	memcpy(buf, "version 1\n1\n", 12);
	len = 12;
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
	assert_int_equal(ck_qemu_report_encode(&rep, buf, sizeof buf, &len),
		CK_OK);
	assert_int_equal(ck_qemu_report_decode(buf, len, &out), CK_OK);
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
	static const char text[] = "version 1\n1\nwhat 2\nab\n";
	ck_qemu_report out;

	(void)state;
	assert_int_not_equal(ck_qemu_report_decode(text, strlen(text), &out),
		CK_OK);
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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
