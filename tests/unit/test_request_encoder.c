/*
 * test_request_encoder.c -- the JSON body of BatchModifyGroupOffsets: exact
 * bytes against the API page and the official SDK's vectors, validation,
 * room.
 */
#include "test_support.h"

#include "ck_json_writer.h"
#include "ck_request_encoder.h"

#define VECTORS "tests/vectors/tc3-sign-official-sdk.json"
#define CANARY ((char)0x5A)

/* A span initializer for static arrays: CK_SPAN_LITERAL is a compound
 * literal, which gcc -pedantic refuses in a static initializer. */
#define SPAN_INIT(s) { (s), sizeof(s) - 1 }

static const ck_partition_offset one_partition[] = { { 0, 0 } };
static const ck_span one_topic[] = { SPAN_INIT("topic-abc") };

/* The example of the API page: a valid request every test may spoil. */
static ck_offsets_request
api_page_example(void)
{
	ck_offsets_request req;

	memset(&req, 0, sizeof req);
	req.group_name = CK_SPAN_LITERAL("group-test");
	req.instance_id = CK_SPAN_LITERAL("ckafka-test");
	req.partitions = one_partition;
	req.partition_count = 1;
	req.topics = one_topic;
	req.topic_count = 1;
	return req;
}

static const char api_page_body[] =
	"{\"GroupName\":\"group-test\",\"InstanceId\":\"ckafka-test\","
	"\"Partitions\":[{\"Partition\":0,\"Offset\":0}],"
	"\"TopicName\":[\"topic-abc\"]}";

/* Encode into a big buffer; check the body is empty on failure. */
static ck_result
encode(const ck_offsets_request *req)
{
	char buf[CK_REQUEST_BODY_MAX];
	ck_span body = CK_SPAN_LITERAL("sentinel");
	ck_result r;

	r = ck_request_encode(req, buf, sizeof buf, &body);
	if (r != CK_OK) {
		assert_int_equal(body.len, 0);
		assert_null(body.ptr);
	}
	return r;
}

/* Encode `req` into a buffer of exactly `cap` bytes; check the canary. */
static ck_result
encode_with_cap(const ck_offsets_request *req, size_t cap, ck_span *body)
{
	static char mem[CK_REQUEST_BODY_MAX + 1];
	ck_result r;

	assert_true(cap <= CK_REQUEST_BODY_MAX);
	memset(mem, CANARY, sizeof mem);
	r = ck_request_encode(req, mem, cap, body);
	assert_int_equal(mem[cap], CANARY);
	return r;
}

/*
 * True when the vector file holds `"payload": <body as a JSON string>`: the
 * file was written by the official SDK's tooling, so this compares our
 * bytes against theirs without a JSON decoder in the test.
 */
static bool
vectors_hold_payload(ck_span body)
{
	static char quoted[2 * CK_REQUEST_BODY_MAX];
	static const char key[] = "\"payload\": ";
	ck_json_writer w;
	ck_span as_string;
	char *file, *needle;
	bool found;

	ck_json_writer_init(&w, quoted, sizeof quoted);
	ck_json_string(&w, body);
	assert_int_equal(ck_json_writer_finish(&w, &as_string), CK_OK);
	needle = malloc(sizeof key + as_string.len);
	assert_non_null(needle);
	memcpy(needle, key, sizeof key - 1);
	memcpy(needle + sizeof key - 1, as_string.ptr, as_string.len);
	needle[sizeof key - 1 + as_string.len] = '\0';
	file = test_read_file(VECTORS, NULL);
	found = strstr(file, needle) != NULL;
	free(file);
	free(needle);
	return found;
}

/* --- exact bytes ------------------------------------------------------------ */

static void
test_api_page_example_body_is_reproduced(void **state)
{
	ck_offsets_request req = api_page_example();
	char buf[CK_REQUEST_BODY_MAX];
	ck_span body;

	(void)state;
	assert_int_equal(ck_request_encode(&req, buf, sizeof buf, &body), CK_OK);
	assert_span_equal(body, api_page_body);
	assert_ptr_equal(body.ptr, buf);
}

static void
test_official_vector_with_escaped_group_name_is_reproduced(void **state)
{
	/* Case 6 of the vectors (timestamp-independent part: the payload). */
	static const ck_partition_offset parts[] = {
		{ 0, 629095956109 }, { 1, 74695432230 },
		{ 2, 779592807172 }, { 3, 495032628165 },
	};
	static const ck_span topics[] = {
		SPAN_INIT("t-iJaZ3"), SPAN_INIT("t2"),
	};
	static const char expected[] =
		"{\"GroupName\":\"g-Ij0pT2tH\\\"\\\\\xc3\xa9\xe4\xb8\xad\","
		"\"InstanceId\":\"ckafka-tduO3ybc\",\"Partitions\":["
		"{\"Partition\":0,\"Offset\":629095956109},"
		"{\"Partition\":1,\"Offset\":74695432230},"
		"{\"Partition\":2,\"Offset\":779592807172},"
		"{\"Partition\":3,\"Offset\":495032628165}],"
		"\"TopicName\":[\"t-iJaZ3\",\"t2\"]}";
	ck_offsets_request req;
	char buf[CK_REQUEST_BODY_MAX];
	ck_span body;

	(void)state;
	memset(&req, 0, sizeof req);
	/* g-Ij0pT2tH"\ then e-acute and U+4E2D, raw UTF-8. */
	req.group_name = CK_SPAN_LITERAL("g-Ij0pT2tH\"\\\xc3\xa9\xe4\xb8\xad");
	req.instance_id = CK_SPAN_LITERAL("ckafka-tduO3ybc");
	req.partitions = parts;
	req.partition_count = 4;
	req.topics = topics;
	req.topic_count = 2;
	assert_int_equal(ck_request_encode(&req, buf, sizeof buf, &body), CK_OK);
	assert_span_equal(body, expected);
	assert_true(vectors_hold_payload(body));
}

static void
test_topic_name_is_omitted_without_topics(void **state)
{
	/* Case 2 of the vectors: no TopicName at all. */
	static const ck_partition_offset parts[] = {
		{ 0, 591614400472 }, { 1, 246784395493 }, { 2, 271637192845 },
	};
	static const char expected[] =
		"{\"GroupName\":\"g-z7GMAVZ4\",\"InstanceId\":\"ckafka-QgodCymE\","
		"\"Partitions\":[{\"Partition\":0,\"Offset\":591614400472},"
		"{\"Partition\":1,\"Offset\":246784395493},"
		"{\"Partition\":2,\"Offset\":271637192845}]}";
	ck_offsets_request req;
	char buf[CK_REQUEST_BODY_MAX];
	ck_span body;

	(void)state;
	memset(&req, 0, sizeof req);
	req.group_name = CK_SPAN_LITERAL("g-z7GMAVZ4");
	req.instance_id = CK_SPAN_LITERAL("ckafka-QgodCymE");
	req.partitions = parts;
	req.partition_count = 3;
	assert_int_equal(ck_request_encode(&req, buf, sizeof buf, &body), CK_OK);
	assert_span_equal(body, expected);
	assert_true(vectors_hold_payload(body));
}

static void
test_topic_array_with_zero_count_is_omitted(void **state)
{
	ck_offsets_request req = api_page_example();
	char buf[CK_REQUEST_BODY_MAX];
	ck_span body;

	(void)state;
	req.topic_count = 0; /* topics stays non-NULL */
	assert_int_equal(ck_request_encode(&req, buf, sizeof buf, &body), CK_OK);
	assert_span_equal(body, "{\"GroupName\":\"group-test\","
		"\"InstanceId\":\"ckafka-test\","
		"\"Partitions\":[{\"Partition\":0,\"Offset\":0}]}");
}

static void
test_largest_partition_and_offset_are_written_exactly(void **state)
{
	static const ck_partition_offset parts[] = { { INT32_MAX, INT64_MAX } };
	ck_offsets_request req = api_page_example();
	char buf[CK_REQUEST_BODY_MAX];
	ck_span body;

	(void)state;
	req.partitions = parts;
	req.topic_count = 0;
	assert_int_equal(ck_request_encode(&req, buf, sizeof buf, &body), CK_OK);
	assert_span_equal(body, "{\"GroupName\":\"group-test\","
		"\"InstanceId\":\"ckafka-test\",\"Partitions\":[{\"Partition\":"
		"2147483647,\"Offset\":9223372036854775807}]}");
}

static void
test_max_partitions_with_largest_values_fit_default_body_buffer(void **state)
{
	static ck_partition_offset parts[CK_MAX_PARTITIONS];
	static char group[249], instance[64], topic[249];
	static const char *alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
	ck_span topics[1];
	ck_offsets_request req;
	ck_span body;
	size_t i;

	(void)state;
	/* Largest numbers the contract allows (all ten- and nineteen-digit),
	 * a 249-byte group and topic (Kafka's longest topic name) and a
	 * 64-byte instance id, none of which needs escaping. */
	for (i = 0; i < CK_MAX_PARTITIONS; i++) {
		parts[i].partition = INT32_MAX - (int32_t)i;
		parts[i].offset = INT64_MAX;
	}
	for (i = 0; i < sizeof group; i++) {
		group[i] = alphabet[i % 36];
		topic[i] = alphabet[(i + 7) % 36];
	}
	for (i = 0; i < sizeof instance; i++) {
		instance[i] = alphabet[(i + 3) % 36];
	}
	topics[0] = ck_span_make(topic, sizeof topic);
	memset(&req, 0, sizeof req);
	req.group_name = ck_span_make(group, sizeof group);
	req.instance_id = ck_span_make(instance, sizeof instance);
	req.partitions = parts;
	req.partition_count = CK_MAX_PARTITIONS;
	req.topics = topics;
	req.topic_count = 1;
	assert_int_equal(encode_with_cap(&req, CK_REQUEST_BODY_MAX, &body),
		CK_OK);
	/* 64 entries of {"Partition":2147483647,"Offset":9223372036854775807}
	 * (53 bytes) and 63 commas, 65 bytes of fixed text, the strings. */
	assert_int_equal(body.len, 64 * 53 + 63 + 65
		+ sizeof group + sizeof instance + sizeof topic);
	assert_true(body.len <= CK_REQUEST_BODY_MAX);
}

static void
test_max_topics_are_accepted(void **state)
{
	static const ck_span topics[CK_MAX_TOPICS] = {
		SPAN_INIT("t0"), SPAN_INIT("t1"),
		SPAN_INIT("t2"), SPAN_INIT("t3"),
		SPAN_INIT("t4"), SPAN_INIT("t5"),
		SPAN_INIT("t6"), SPAN_INIT("t7"),
		SPAN_INIT("t8"), SPAN_INIT("t9"),
		SPAN_INIT("ta"), SPAN_INIT("tb"),
		SPAN_INIT("tc"), SPAN_INIT("td"),
		SPAN_INIT("te"), SPAN_INIT("tf"),
	};
	ck_offsets_request req = api_page_example();

	(void)state;
	req.topics = topics;
	req.topic_count = CK_MAX_TOPICS;
	assert_int_equal(encode(&req), CK_OK);
}

/* --- room ------------------------------------------------------------------ */

static void
test_buffer_of_exact_body_size_succeeds(void **state)
{
	ck_offsets_request req = api_page_example();
	ck_span body;

	(void)state;
	assert_int_equal(encode_with_cap(&req, sizeof api_page_body - 1, &body),
		CK_OK);
	assert_span_equal(body, api_page_body);
}

static void
test_buffer_one_byte_short_is_too_small(void **state)
{
	ck_offsets_request req = api_page_example();
	ck_span body = CK_SPAN_LITERAL("sentinel");

	(void)state;
	assert_int_equal(encode_with_cap(&req, sizeof api_page_body - 2, &body),
		CK_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(body.len, 0);
	assert_null(body.ptr);
}

static void
test_zero_capacity_without_buffer_is_too_small(void **state)
{
	ck_offsets_request req = api_page_example();
	ck_span body;

	(void)state;
	assert_int_equal(ck_request_encode(&req, NULL, 0, &body),
		CK_ERR_BUFFER_TOO_SMALL);
}

/* --- validation --------------------------------------------------------- */

static void
test_null_request_is_invalid_argument(void **state)
{
	char buf[16];
	ck_span body = CK_SPAN_LITERAL("sentinel");

	(void)state;
	assert_int_equal(ck_request_encode(NULL, buf, sizeof buf, &body),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(body.len, 0);
}

static void
test_null_body_is_invalid_argument(void **state)
{
	ck_offsets_request req = api_page_example();
	char buf[CK_REQUEST_BODY_MAX];

	(void)state;
	assert_int_equal(ck_request_encode(&req, buf, sizeof buf, NULL),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_null_buffer_with_nonzero_cap_is_invalid_argument(void **state)
{
	ck_offsets_request req = api_page_example();
	ck_span body;

	(void)state;
	assert_int_equal(ck_request_encode(&req, NULL, 64, &body),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_empty_group_name_is_missing_field(void **state)
{
	ck_offsets_request req = api_page_example();

	(void)state;
	req.group_name = CK_SPAN_EMPTY;
	assert_int_equal(encode(&req), CK_ERR_MISSING_FIELD);
}

static void
test_empty_instance_id_is_missing_field(void **state)
{
	ck_offsets_request req = api_page_example();

	(void)state;
	req.instance_id = ck_span_make("x", 0);
	assert_int_equal(encode(&req), CK_ERR_MISSING_FIELD);
}

static void
test_no_partition_is_missing_field(void **state)
{
	ck_offsets_request req = api_page_example();

	(void)state;
	req.partition_count = 0;
	assert_int_equal(encode(&req), CK_ERR_MISSING_FIELD);
	req.partitions = NULL;
	assert_int_equal(encode(&req), CK_ERR_MISSING_FIELD);
}

static void
test_too_many_partitions_is_refused(void **state)
{
	static ck_partition_offset parts[CK_MAX_PARTITIONS + 1];
	ck_offsets_request req = api_page_example();
	size_t i;

	(void)state;
	for (i = 0; i < CK_MAX_PARTITIONS + 1; i++) {
		parts[i].partition = (int32_t)i;
	}
	req.partitions = parts;
	req.partition_count = CK_MAX_PARTITIONS + 1;
	assert_int_equal(encode(&req), CK_ERR_TOO_MANY_PARTITIONS);
	req.partition_count = (size_t)-1;
	assert_int_equal(encode(&req), CK_ERR_TOO_MANY_PARTITIONS);
}

static void
test_too_many_topics_is_refused(void **state)
{
	ck_offsets_request req = api_page_example();

	(void)state;
	/* Refused on the count alone: the array is never read. */
	req.topic_count = CK_MAX_TOPICS + 1;
	assert_int_equal(encode(&req), CK_ERR_TOO_MANY_TOPICS);
	req.topic_count = (size_t)-1;
	assert_int_equal(encode(&req), CK_ERR_TOO_MANY_TOPICS);
}

static void
test_null_partition_array_is_invalid_argument(void **state)
{
	ck_offsets_request req = api_page_example();

	(void)state;
	req.partitions = NULL;
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
}

static void
test_null_topic_array_with_count_is_invalid_argument(void **state)
{
	ck_offsets_request req = api_page_example();

	(void)state;
	req.topics = NULL;
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
}

static void
test_span_with_null_pointer_and_length_is_invalid_argument(void **state)
{
	ck_offsets_request req = api_page_example();
	ck_span bad_topic[1];

	(void)state;
	req.group_name = ck_span_make(NULL, 4);
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
	req = api_page_example();
	req.instance_id = ck_span_make(NULL, 4);
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
	req = api_page_example();
	bad_topic[0] = ck_span_make(NULL, 4);
	req.topics = bad_topic;
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
}

static void
test_negative_partition_is_invalid_argument(void **state)
{
	static const ck_partition_offset parts[] = { { 0, 1 }, { -1, 1 } };
	ck_offsets_request req = api_page_example();

	(void)state;
	req.partitions = parts;
	req.partition_count = 2;
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
}

static void
test_negative_offset_is_invalid_argument(void **state)
{
	static const ck_partition_offset parts[] = { { 0, 1 }, { 1, INT64_MIN } };
	ck_offsets_request req = api_page_example();

	(void)state;
	req.partitions = parts;
	req.partition_count = 2;
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
}

static void
test_duplicate_partition_is_invalid_argument(void **state)
{
	static const ck_partition_offset parts[] = {
		{ 3, 1 }, { 0, 1 }, { 7, 1 }, { 3, 2 },
	};
	ck_offsets_request req = api_page_example();

	(void)state;
	req.partitions = parts;
	req.partition_count = 4;
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
	/* The same request without the repeat is fine. */
	req.partition_count = 3;
	assert_int_equal(encode(&req), CK_OK);
}

static void
test_duplicate_topic_is_invalid_argument(void **state)
{
	static const ck_span topics[] = {
		SPAN_INIT("orders"), SPAN_INIT("order"),
		SPAN_INIT("Orders"), SPAN_INIT("orders"),
	};
	ck_offsets_request req = api_page_example();

	(void)state;
	req.topics = topics;
	req.topic_count = 4;
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
	/* Prefixes and case variants are different topics. */
	req.topic_count = 3;
	assert_int_equal(encode(&req), CK_OK);
}

static void
test_empty_topic_name_is_invalid_argument(void **state)
{
	static const ck_span topics[] = {
		SPAN_INIT("t1"), SPAN_INIT(""),
	};
	ck_offsets_request req = api_page_example();

	(void)state;
	req.topics = topics;
	req.topic_count = 2;
	assert_int_equal(encode(&req), CK_ERR_INVALID_ARGUMENT);
}

static void
test_invalid_utf8_in_group_name_is_refused(void **state)
{
	ck_offsets_request req = api_page_example();

	(void)state;
	req.group_name = CK_SPAN_LITERAL("g-\xed\xa0\x80");
	assert_int_equal(encode(&req), CK_ERR_INVALID_UTF8);
}

static void
test_invalid_utf8_in_instance_id_is_refused(void **state)
{
	ck_offsets_request req = api_page_example();

	(void)state;
	req.instance_id = CK_SPAN_LITERAL("ckafka-\xc3");
	assert_int_equal(encode(&req), CK_ERR_INVALID_UTF8);
}

static void
test_invalid_utf8_in_topic_is_refused(void **state)
{
	static const ck_span topics[] = {
		SPAN_INIT("t1"), SPAN_INIT("t\xc0\xae"),
	};
	ck_offsets_request req = api_page_example();

	(void)state;
	req.topics = topics;
	req.topic_count = 2;
	assert_int_equal(encode(&req), CK_ERR_INVALID_UTF8);
}

static void
test_nul_byte_in_any_string_is_invalid_utf8(void **state)
{
	static const ck_span topics[] = { { "t\0x", 3 } };
	ck_offsets_request req = api_page_example();

	(void)state;
	req.group_name = ck_span_make("group\0", 6);
	assert_int_equal(encode(&req), CK_ERR_INVALID_UTF8);
	req = api_page_example();
	req.instance_id = ck_span_make("\0ckafka", 7);
	assert_int_equal(encode(&req), CK_ERR_INVALID_UTF8);
	req = api_page_example();
	req.topics = topics;
	assert_int_equal(encode(&req), CK_ERR_INVALID_UTF8);
}

static void
test_validation_error_wins_over_buffer_too_small(void **state)
{
	static const ck_span bad_utf8_last[] = {
		SPAN_INIT("t1"), SPAN_INIT("\xff"),
	};
	static const ck_span repeat_last[] = {
		SPAN_INIT("t1"), SPAN_INIT("t1"),
	};
	ck_offsets_request req = api_page_example();
	ck_span body;

	(void)state;
	/* The faults sit in the last field; the buffer runs out at the first. */
	req.topics = bad_utf8_last;
	req.topic_count = 2;
	assert_int_equal(encode_with_cap(&req, 4, &body), CK_ERR_INVALID_UTF8);
	assert_int_equal(ck_request_encode(&req, NULL, 0, &body),
		CK_ERR_INVALID_UTF8);
	req.topics = repeat_last;
	assert_int_equal(encode_with_cap(&req, 4, &body),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_escaped_strings_are_counted_at_their_escaped_size(void **state)
{
	ck_offsets_request req = api_page_example();
	ck_span body;
	static const char expected[] =
		"{\"GroupName\":\"\\\"\\u0001\",\"InstanceId\":\"ckafka-test\","
		"\"Partitions\":[{\"Partition\":0,\"Offset\":0}],"
		"\"TopicName\":[\"topic-abc\"]}";

	(void)state;
	req.group_name = CK_SPAN_LITERAL("\"\x01");
	assert_int_equal(encode_with_cap(&req, sizeof expected - 1, &body),
		CK_OK);
	assert_span_equal(body, expected);
	assert_int_equal(encode_with_cap(&req, sizeof expected - 2, &body),
		CK_ERR_BUFFER_TOO_SMALL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_page_example_body_is_reproduced),
		cmocka_unit_test(test_official_vector_with_escaped_group_name_is_reproduced),
		cmocka_unit_test(test_topic_name_is_omitted_without_topics),
		cmocka_unit_test(test_topic_array_with_zero_count_is_omitted),
		cmocka_unit_test(test_largest_partition_and_offset_are_written_exactly),
		cmocka_unit_test(test_max_partitions_with_largest_values_fit_default_body_buffer),
		cmocka_unit_test(test_max_topics_are_accepted),
		cmocka_unit_test(test_buffer_of_exact_body_size_succeeds),
		cmocka_unit_test(test_buffer_one_byte_short_is_too_small),
		cmocka_unit_test(test_zero_capacity_without_buffer_is_too_small),
		cmocka_unit_test(test_null_request_is_invalid_argument),
		cmocka_unit_test(test_null_body_is_invalid_argument),
		cmocka_unit_test(test_null_buffer_with_nonzero_cap_is_invalid_argument),
		cmocka_unit_test(test_empty_group_name_is_missing_field),
		cmocka_unit_test(test_empty_instance_id_is_missing_field),
		cmocka_unit_test(test_no_partition_is_missing_field),
		cmocka_unit_test(test_too_many_partitions_is_refused),
		cmocka_unit_test(test_too_many_topics_is_refused),
		cmocka_unit_test(test_null_partition_array_is_invalid_argument),
		cmocka_unit_test(test_null_topic_array_with_count_is_invalid_argument),
		cmocka_unit_test(test_span_with_null_pointer_and_length_is_invalid_argument),
		cmocka_unit_test(test_negative_partition_is_invalid_argument),
		cmocka_unit_test(test_negative_offset_is_invalid_argument),
		cmocka_unit_test(test_duplicate_partition_is_invalid_argument),
		cmocka_unit_test(test_duplicate_topic_is_invalid_argument),
		cmocka_unit_test(test_empty_topic_name_is_invalid_argument),
		cmocka_unit_test(test_invalid_utf8_in_group_name_is_refused),
		cmocka_unit_test(test_invalid_utf8_in_instance_id_is_refused),
		cmocka_unit_test(test_invalid_utf8_in_topic_is_refused),
		cmocka_unit_test(test_nul_byte_in_any_string_is_invalid_utf8),
		cmocka_unit_test(test_validation_error_wins_over_buffer_too_small),
		cmocka_unit_test(test_escaped_strings_are_counted_at_their_escaped_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
