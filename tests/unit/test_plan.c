/*
 * test_plan.c -- offsets plans (platform/common/ck_plan.c): Kafka's CSV
 * read and checked as a whole, every fault named by its line, and the
 * calls the plan becomes (grouped, split, every one naming its topics).
 */
#include "test_support.h"

#include <fcntl.h>
#include <inttypes.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck_plan.h"
#include "ck_request_encoder.h"

static ck_plan plan;

#define INSTANCE CK_SPAN_LITERAL("ckafka-abc12345")
#define GROUP CK_SPAN_LITERAL("g1")

/* Build the plan from `text`; what it printed, on the heap. */
static bool
build(const char *text, ck_span group, char **err)
{
	size_t len = strlen(text), n = 0;
	FILE *f = open_memstream(err, &n);
	bool ok;

	assert_non_null(f);
	assert_true(len <= sizeof plan.text);
	memcpy(plan.text, text, len);
	plan.text_len = len;
	plan.path = "plan.csv";
	ok = ck_plan_build(&plan, "ck-test", INSTANCE, group, f);
	fclose(f);
	return ok;
}

static void
assert_has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL) {
		fail_msg("\"%s\" lacks \"%s\"", text, want);
	}
}

static char *
call_lines(size_t i)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	ck_plan_put_call_lines(f, &plan, i);
	fclose(f);
	return buf;
}

static char *
status_lines(ck_plan_status s)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	ck_plan_put_status_lines(f, &plan, s);
	fclose(f);
	return buf;
}

/* Call i's request, encoded: it must be a valid body naming its topics. */
static void
request_of(size_t i, ck_offsets_request *req)
{
	static ck_partition_offset parts[CK_MAX_PARTITIONS];
	static ck_span topics[CK_MAX_TOPICS];
	static char body[CK_REQUEST_BODY_MAX];
	ck_span out;

	ck_plan_request(&plan, i, INSTANCE, GROUP, parts, topics, req);
	assert_true(req->topic_count >= 1);
	assert_true(req->partition_count >= 1);
	assert_int_equal(ck_request_encode(req, body, sizeof body, &out), CK_OK);
}

static void
test_kafka_csv_is_read_with_comments_blanks_crlf_and_bom(void **state)
{
	ck_offsets_request req;
	char *err, *lines;

	(void)state;
	assert_true(build("\xEF\xBB\xBF# exported 2024-01-01\r\n"
		"orders,0,1200\r\n"
		"\r\n"
		"  orders , 1 ,\t1187\n"
		"   # a comment after spaces\n"
		"payments,0,7", GROUP, &err));
	free(err);
	assert_int_equal(plan.call_count, 2);
	request_of(0, &req);
	assert_int_equal(req.topic_count, 1);
	assert_span_equal(req.topics[0], "orders");
	assert_int_equal(req.partition_count, 2);
	assert_int_equal(req.partitions[0].partition, 0);
	assert_int_equal(req.partitions[0].offset, 1200);
	assert_int_equal(req.partitions[1].partition, 1);
	assert_int_equal(req.partitions[1].offset, 1187);
	request_of(1, &req);
	assert_span_equal(req.topics[0], "payments");
	assert_int_equal(req.partitions[0].offset, 7);
	lines = call_lines(0);
	assert_string_equal(lines, "2,4");
	free(lines);
	lines = call_lines(1);
	assert_string_equal(lines, "6");
	free(lines);
}

static void
test_topics_with_identical_lists_share_a_call(void **state)
{
	ck_offsets_request req;
	char *err;

	(void)state;
	/* a and c: same list (in another order); b differs by one offset. */
	assert_true(build("a,0,5\na,1,6\nb,0,5\nb,1,7\nc,1,6\nc,0,5\n",
		GROUP, &err));
	free(err);
	assert_int_equal(plan.call_count, 2);
	request_of(0, &req);
	assert_int_equal(req.topic_count, 2);
	assert_span_equal(req.topics[0], "a");
	assert_span_equal(req.topics[1], "c");
	request_of(1, &req);
	assert_int_equal(req.topic_count, 1);
	assert_span_equal(req.topics[0], "b");
	assert_int_equal(req.partitions[1].offset, 7);
}

static void
test_a_header_line_is_refused_by_its_line(void **state)
{
	char *err;

	(void)state;
	assert_false(build("# plan\ntopic,partition,offset\norders,0,1\n",
		GROUP, &err));
	assert_has(err, "ck-test: --from-file 'plan.csv' line 2: "
		"'topic,partition,offset' is a header");
	assert_has(err, "Kafka's format has none");
	assert_has(err, "1 error. Nothing was sent.");
	free(err);
	assert_false(build("Topic, Partition, Offset\n", GROUP, &err));
	assert_has(err, "line 1: 'Topic, Partition, Offset' is a header");
	free(err);
}

static void
test_same_partition_twice_conflicts_unless_the_offset_agrees(void **state)
{
	char *err, *lines;

	(void)state;
	assert_false(build("orders,3,10\nx,0,1\norders,3,12\n", GROUP, &err));
	assert_has(err, "line 3: topic 'orders' partition 3 offset 12 "
		"contradicts line 1 (offset 10)");
	free(err);

	assert_true(build("orders,3,10\nx,0,1\norders,3,10\n", GROUP, &err));
	free(err);
	assert_int_equal(plan.call_count, 2);
	lines = call_lines(0);
	assert_string_equal(lines, "1,3");
	free(lines);
}

static void
test_each_bad_line_is_named_with_its_value(void **state)
{
	char *err;

	(void)state;
	assert_false(build(
		"orders,0,1\n"
		"orders,x,1\n"
		"orders,1,-5\n"
		"orders,2,9223372036854775808\n"
		"orders,2147483648,1\n"
		",0,1\n"
		"orders,0\n"
		"g1,orders,0,1\n"
		"or\x1b[2Jders,0,1\n"
		"or\xff" "ders,0,1\n"
		"orders,1,2,3,4,5\n", GROUP, &err));
	assert_has(err, "line 2: bad partition 'x': want 0..2147483647");
	assert_has(err, "line 3: bad offset '-5': want 0..9223372036854775807");
	assert_has(err, "line 4: bad offset '9223372036854775808'");
	assert_has(err, "line 5: bad partition '2147483648'");
	assert_has(err, "line 6: bad topic '': empty");
	assert_has(err, "line 7: want TOPIC,PARTITION,OFFSET, found 'orders,0'");
	assert_has(err, "line 8: 4 fields: GROUP,TOPIC,PARTITION,OFFSET");
	assert_has(err, "line 9: bad topic 'or\\u001b[2Jders': holds a control");
	assert_has(err, "line 10: bad topic 'or\\xffders': not valid UTF-8");
	assert_has(err, "line 11: want TOPIC,PARTITION,OFFSET");
	assert_has(err, "'plan.csv': 10 errors. Nothing was sent.");
	assert_null(strstr(err, "line 1:"));
	free(err);
}

static void
test_only_the_first_errors_are_shown(void **state)
{
	static char text[4096];
	size_t i, n = 0;
	char *err;

	(void)state;
	for (i = 0; i < CK_PLAN_ERRORS_SHOWN + 5; i++) {
		n += (size_t)snprintf(text + n, sizeof text - n, "t,x%zu,1\n", i);
	}
	assert_false(build(text, GROUP, &err));
	assert_has(err, "line 20: bad partition");
	assert_null(strstr(err, "line 21:"));
	assert_has(err, "25 errors (the first 20 shown). Nothing was sent.");
	free(err);
}

static void
test_a_plan_without_offsets_is_refused(void **state)
{
	char *err;

	(void)state;
	assert_false(build("# nothing here\n\n   \n", GROUP, &err));
	assert_has(err, "'plan.csv' holds no offsets");
	free(err);
	assert_false(build("", GROUP, &err));
	assert_has(err, "holds no offsets");
	free(err);
}

/* Lines "TOPIC,i,i*7" for partitions 0..n-1. */
static const char *
topic_text(const char *topic, size_t partitions)
{
	static char text[1 << 20];
	size_t i, len = 0;

	text[0] = '\0';
	for (i = 0; i < partitions; i++) {
		len += (size_t)snprintf(text + len, sizeof text - len,
			"%s,%zu,%zu\n", topic, i, i * 7);
	}
	return text;
}

static void
test_a_topic_larger_than_a_call_is_split(void **state)
{
	ck_offsets_request req;
	size_t i, total = 0;
	char *err;

	(void)state;
	assert_true(build(topic_text("big", CK_MAX_PARTITIONS + 1), GROUP,
		&err));
	free(err);
	assert_int_equal(plan.call_count, 2);
	for (i = 0; i < plan.call_count; i++) {
		request_of(i, &req);
		assert_int_equal(req.topic_count, 1);
		assert_span_equal(req.topics[0], "big");
		total += req.partition_count;
	}
	assert_int_equal(total, CK_MAX_PARTITIONS + 1);
}

static void
test_more_identical_topics_than_a_call_names_are_split(void **state)
{
	static char text[8192];
	ck_offsets_request req;
	size_t n = 0, i, topics = 0;
	char *err;

	(void)state;
	for (i = 0; i < CK_MAX_TOPICS + 1; i++) {
		n += (size_t)snprintf(text + n, sizeof text - n, "t%zu,0,5\n", i);
	}
	assert_true(build(text, GROUP, &err));
	free(err);
	assert_int_equal(plan.call_count, 2);
	for (i = 0; i < plan.call_count; i++) {
		request_of(i, &req);
		topics += req.topic_count;
	}
	assert_int_equal(topics, CK_MAX_TOPICS + 1);
}

static void
test_the_body_size_splits_too(void **state)
{
	/* A group name that leaves room for few partitions. */
	static char group[CK_REQUEST_BODY_MAX];
	ck_offsets_request req;
	size_t i, total = 0;
	char *err;

	(void)state;
	memset(group, 'g', sizeof group);
	assert_true(build(topic_text("t", CK_MAX_PARTITIONS),
		ck_span_make(group, CK_REQUEST_BODY_MAX - 300), &err));
	free(err);
	assert_true(plan.call_count > 1);
	for (i = 0; i < plan.call_count; i++) {
		static ck_partition_offset parts[CK_MAX_PARTITIONS];
		static ck_span topics[CK_MAX_TOPICS];
		static char body[CK_REQUEST_BODY_MAX];
		ck_span out;

		ck_plan_request(&plan, i, INSTANCE,
			ck_span_make(group, CK_REQUEST_BODY_MAX - 300), parts,
			topics, &req);
		assert_int_equal(ck_request_encode(&req, body, sizeof body,
			&out), CK_OK);
		total += req.partition_count;
	}
	assert_int_equal(total, CK_MAX_PARTITIONS);

	/* Not even one partition fits: refused, by the topic's line. */
	assert_false(build("\nt,0,1\n", ck_span_make(group,
		CK_REQUEST_BODY_MAX - 10), &err));
	assert_has(err, "line 2: topic 't' does not fit one request");
	free(err);
}

static void
test_lines_are_told_by_status(void **state)
{
	char *s;

	(void)state;
	assert_true(build("a,0,1\na,1,1\n# c\nb,0,2\nc,0,3\nc,1,3\n", GROUP, &s));
	free(s);
	assert_int_equal(plan.call_count, 3);
	plan.calls[0].status = CK_PLAN_APPLIED;
	plan.calls[1].status = CK_PLAN_UNKNOWN;
	plan.calls[2].status = CK_PLAN_NOT_SENT;
	s = status_lines(CK_PLAN_APPLIED);
	assert_string_equal(s, "1-2");
	free(s);
	s = status_lines(CK_PLAN_UNKNOWN);
	assert_string_equal(s, "4");
	free(s);
	s = status_lines(CK_PLAN_NOT_SENT);
	assert_string_equal(s, "5-6");
	free(s);
	s = status_lines(CK_PLAN_NOT_APPLIED);
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(ck_plan_status_count(&plan, CK_PLAN_NOT_SENT), 2);
}

static void
test_more_lines_than_a_plan_holds_are_refused(void **state)
{
	size_t n = 0, i;
	char *err = NULL;
	size_t elen = 0;
	FILE *f;

	(void)state;
	/* Written straight into the plan: the text is larger than a test
	 * would keep on its own. */
	for (i = 0; i <= CK_PLAN_LINES_MAX; i++) {
		n += (size_t)snprintf(plan.text + n, sizeof plan.text - n,
			"t%zu,0,1\n", i);
	}
	plan.text_len = n;
	plan.path = "plan.csv";
	f = open_memstream(&err, &elen);
	assert_non_null(f);
	assert_false(ck_plan_build(&plan, "ck-test", INSTANCE, GROUP, f));
	fclose(f);
	assert_has(err, "line 65537: more than the 65536 lines of offsets");
	free(err);
}

static void
test_the_file_is_read_whole_or_refused(void **state)
{
	char dir[] = "/tmp/ck-plan-XXXXXX";
	char path[64];
	char *err = NULL;
	size_t elen = 0;
	FILE *f;
	int fd;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/p.csv", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "a,0,1\n", 6), 6);
	close(fd);

	f = open_memstream(&err, &elen);
	assert_true(ck_plan_read(&plan, "ck-test", path, f));
	assert_int_equal(plan.text_len, 6);
	assert_false(ck_plan_read(&plan, "ck-test", dir, f));
	/* One byte over the limit: refused, not cut. */
	assert_int_equal(truncate(path, (off_t)CK_PLAN_FILE_MAX + 1), 0);
	assert_false(ck_plan_read(&plan, "ck-test", path, f));
	unlink(path);
	assert_false(ck_plan_read(&plan, "ck-test", path, f));
	fclose(f);
	assert_has(err, "is a directory, not a file. Nothing was sent.");
	assert_has(err, "is larger than the plan's limit (8388608 bytes)");
	assert_has(err, "cannot be opened: No such file or directory");
	free(err);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kafka_csv_is_read_with_comments_blanks_crlf_and_bom),
		cmocka_unit_test(test_topics_with_identical_lists_share_a_call),
		cmocka_unit_test(test_a_header_line_is_refused_by_its_line),
		cmocka_unit_test(test_same_partition_twice_conflicts_unless_the_offset_agrees),
		cmocka_unit_test(test_each_bad_line_is_named_with_its_value),
		cmocka_unit_test(test_only_the_first_errors_are_shown),
		cmocka_unit_test(test_a_plan_without_offsets_is_refused),
		cmocka_unit_test(test_a_topic_larger_than_a_call_is_split),
		cmocka_unit_test(test_more_identical_topics_than_a_call_names_are_split),
		cmocka_unit_test(test_the_body_size_splits_too),
		cmocka_unit_test(test_lines_are_told_by_status),
		cmocka_unit_test(test_more_lines_than_a_plan_holds_are_refused),
		cmocka_unit_test(test_the_file_is_read_whole_or_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
