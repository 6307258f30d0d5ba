/*
 * test_response_decoder.c -- ck_response_decode and ck_json_unescape as a
 * specification.
 */
#include "test_support.h"

#include "ck_config.h"
#include "ck_response_decoder.h"

/* The success example of the BatchModifyGroupOffsets API page, as printed. */
static const char api_page_example[] =
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

static ck_json_token tokens[CK_JSON_MAX_TOKENS];

static ck_result
decode(const char *body, ck_offsets_response *out)
{
	return ck_response_decode(ck_span_from_str(body), tokens,
		CK_JSON_MAX_TOKENS, out);
}

/*
 * A success body whose Result.ReturnCode value is `code` (JSON text). The
 * body is static: the spans in *out point into it.
 */
static ck_result
decode_return_code(const char *code, ck_offsets_response *out)
{
	static char body[256];

	snprintf(body, sizeof body,
		"{\"Response\":{\"Result\":{\"ReturnCode\":%s,"
		"\"Data\":null},\"RequestId\":\"r\"}}", code);
	return decode(body, out);
}

/* A success body whose Result.Data.FlowId value is `flow` (JSON text). */
static ck_result
decode_flow_id(const char *flow, ck_offsets_response *out)
{
	static char body[256];

	snprintf(body, sizeof body,
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"FlowId\":%s}}}}", flow);
	return decode(body, out);
}

#define assert_unexpected(body) do { \
		ck_offsets_response o_; \
		assert_int_equal(decode((body), &o_), \
			CK_ERR_RESPONSE_UNEXPECTED); \
	} while (0)

/* --- the documented shapes ---------------------------------------------- */

static void
test_api_page_example_decodes_as_success(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode(api_page_example, &r), CK_OK);
	assert_span_equal(r.return_code, "OK");
	assert_span_equal(r.return_message, "success");
	assert_true(r.has_flow_id);
	assert_int_equal(r.flow_id, 0);
	assert_true(r.has_route_id);
	assert_int_equal(r.route_id, 0);
	assert_span_equal(r.request_id, "test-requestId");
	assert_int_equal(r.api_error, CK_API_ERROR_NONE);
	assert_int_equal(r.error_code.len, 0);
}

static void
test_error_envelope_decodes_as_api_error(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Error\":{"
		"\"Code\":\"AuthFailure.SignatureFailure\","
		"\"Message\":\"The provided credentials could not be validated.\"},"
		"\"RequestId\":\"ed93f3cb-f35e-473f-b9f3-0d451b8b79c6\"}}", &r),
		CK_ERR_API);
	assert_span_equal(r.error_code, "AuthFailure.SignatureFailure");
	assert_int_equal(r.api_error,
		CK_API_ERROR_AUTH_FAILURE_SIGNATURE_FAILURE);
	assert_span_equal(r.error_message,
		"The provided credentials could not be validated.");
	assert_span_equal(r.request_id, "ed93f3cb-f35e-473f-b9f3-0d451b8b79c6");
	assert_int_equal(r.return_code.len, 0);
}

static void
test_error_without_message_is_api_error(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Error\":{\"Code\":"
		"\"InternalError\"}}}", &r), CK_ERR_API);
	assert_int_equal(r.api_error, CK_API_ERROR_INTERNAL_ERROR);
	assert_int_equal(r.error_message.len, 0);
	assert_int_equal(r.request_id.len, 0);
}

static void
test_unknown_error_code_is_kept_verbatim(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Error\":{\"Code\":"
		"\"Brand.New.Code\",\"Message\":\"m\"}}}", &r), CK_ERR_API);
	assert_span_equal(r.error_code, "Brand.New.Code");
	assert_int_equal(r.api_error, CK_API_ERROR_UNKNOWN);
}

static void
test_unlisted_family_error_code_maps_to_family(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Error\":{\"Code\":"
		"\"RequestLimitExceeded.Foo\"}}}", &r), CK_ERR_API);
	assert_span_equal(r.error_code, "RequestLimitExceeded.Foo");
	assert_int_equal(r.api_error, CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER);
}

static void
test_error_takes_precedence_over_result(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Result\":{\"ReturnCode\":\"OK\"},"
		"\"Error\":{\"Code\":\"FailedOperation\"}}}", &r), CK_ERR_API);
	assert_int_equal(r.api_error, CK_API_ERROR_FAILED_OPERATION);
}

static void
test_data_null_is_success_without_ids(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"ReturnMessage\":\"ok\",\"Data\":null},\"RequestId\":\"x\"}}", &r),
		CK_OK);
	assert_false(r.has_flow_id);
	assert_false(r.has_route_id);
	assert_span_equal(r.request_id, "x");
}

static void
test_data_absent_is_success_without_ids(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Result\":{\"ReturnCode\":"
		"\"0\"}}}", &r), CK_OK);
	assert_false(r.has_flow_id);
	assert_false(r.has_route_id);
	assert_int_equal(r.return_message.len, 0);
}

static void
test_route_dto_null_is_success_without_route_id(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"FlowId\":42,\"RouteDTO\":null}}}}", &r), CK_OK);
	assert_true(r.has_flow_id);
	assert_int_equal(r.flow_id, 42);
	assert_false(r.has_route_id);
}

static void
test_null_ids_are_absent(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"FlowId\":null,\"RouteDTO\":{\"RouteId\":null}}}}}", &r),
		CK_OK);
	assert_false(r.has_flow_id);
	assert_false(r.has_route_id);
}

static void
test_negative_route_id_is_decoded(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"RouteDTO\":{\"RouteId\":-7}}}}}", &r), CK_OK);
	assert_true(r.has_route_id);
	assert_int_equal(r.route_id, -7);
	assert_false(r.has_flow_id);
}

static void
test_null_optional_strings_are_absent(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"RequestId\":null,"
		"\"Result\":{\"ReturnCode\":\"0\",\"ReturnMessage\":null}}}", &r),
		CK_OK);
	assert_int_equal(r.request_id.len, 0);
	assert_int_equal(r.return_message.len, 0);
}

/* --- ReturnCode --------------------------------------------------------- */

static void
test_return_code_string_zero_is_success(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_return_code("\"0\"", &r), CK_OK);
	assert_span_equal(r.return_code, "0");
}

static void
test_return_code_ok_is_success_in_any_case(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_return_code("\"OK\"", &r), CK_OK);
	assert_int_equal(decode_return_code("\"ok\"", &r), CK_OK);
	assert_int_equal(decode_return_code("\"Ok\"", &r), CK_OK);
	assert_int_equal(decode_return_code("\"oK\"", &r), CK_OK);
	assert_span_equal(r.return_code, "oK");
}

static void
test_return_code_number_zero_is_success(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_return_code("0", &r), CK_OK);
	assert_span_equal(r.return_code, "0");
	assert_int_equal(decode_return_code("-0", &r), CK_OK);
	assert_int_equal(decode_return_code("0.0", &r), CK_OK);
}

static void
test_return_code_escaped_ok_is_success(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_return_code("\"\\u004fK\"", &r), CK_OK);
	assert_span_equal(r.return_code, "\\u004fK");
}

static void
test_return_code_failure_string_is_return_code_error(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_return_code("\"1\"", &r),
		CK_ERR_API_RETURN_CODE);
	assert_span_equal(r.return_code, "1");
	assert_int_equal(decode_return_code("\"FAIL\"", &r),
		CK_ERR_API_RETURN_CODE);
	assert_span_equal(r.return_code, "FAIL");
}

static void
test_return_code_near_misses_are_return_code_errors(void **state)
{
	static const char *const codes[] = {
		"\"\"", "\" OK\"", "\"OK \"", "\"OKAY\"", "\"00\"", "\"O\"",
		"\"0K\"", "\"-0\"", "\"\\u0000\"",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		ck_offsets_response r;
		if (decode_return_code(codes[i], &r) != CK_ERR_API_RETURN_CODE) {
			fail_msg("ReturnCode %s not a failure", codes[i]);
		}
	}
}

static void
test_return_code_nonzero_number_is_return_code_error(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_return_code("1", &r), CK_ERR_API_RETURN_CODE);
	assert_int_equal(decode_return_code("-1", &r), CK_ERR_API_RETURN_CODE);
	assert_int_equal(decode_return_code("0.5", &r), CK_ERR_API_RETURN_CODE);
	assert_int_equal(decode_return_code("10", &r), CK_ERR_API_RETURN_CODE);
	assert_span_equal(r.return_code, "10");
}

static void
test_failed_return_code_still_fills_the_result(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Result\":{\"ReturnCode\":\"1\","
		"\"ReturnMessage\":\"bad\",\"Data\":{\"FlowId\":5}},"
		"\"RequestId\":\"q\"}}", &r), CK_ERR_API_RETURN_CODE);
	assert_span_equal(r.return_message, "bad");
	assert_true(r.has_flow_id);
	assert_int_equal(r.flow_id, 5);
	assert_span_equal(r.request_id, "q");
}

/* --- FlowId / RouteId range --------------------------------------------- */

static void
test_flow_id_int64_max_is_decoded(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_flow_id("9223372036854775807", &r), CK_OK);
	assert_true(r.has_flow_id);
	assert_true(r.flow_id == INT64_MAX);
}

static void
test_flow_id_past_int64_max_is_unexpected(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_flow_id("9223372036854775808", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
	assert_false(r.has_flow_id);
	assert_int_equal(decode_flow_id("18446744073709551616", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_flow_id("99999999999999999999999", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
}

static void
test_flow_id_int64_min_is_decoded(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_flow_id("-9223372036854775808", &r), CK_OK);
	assert_true(r.flow_id == INT64_MIN);
	assert_int_equal(decode_flow_id("-9223372036854775809", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
}

static void
test_flow_id_negative_zero_is_zero(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_flow_id("-0", &r), CK_OK);
	assert_true(r.has_flow_id);
	assert_int_equal(r.flow_id, 0);
}

static void
test_flow_id_with_fraction_or_exponent_is_unexpected(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_flow_id("1.0", &r), CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_flow_id("1e3", &r), CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_flow_id("1E+3", &r), CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_flow_id("0.5", &r), CK_ERR_RESPONSE_UNEXPECTED);
}

static void
test_route_id_past_int64_max_is_unexpected(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"RouteDTO\":{\"RouteId\":9223372036854775808}}}}}", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
}

/* --- unknown fields, duplicates, skipping --------------------------------- */

static void
test_unknown_fields_are_ignored_at_every_level(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Top\":[1,{\"a\":null}],"
		"\"Response\":{\"Extra\":{\"Result\":1,\"Error\":2},"
		"\"Result\":{\"More\":[[],{}],\"ReturnCode\":\"OK\",\"N\":1.5e3,"
		"\"Data\":{\"X\":\"FlowId\",\"FlowId\":3,\"Y\":true,"
		"\"RouteDTO\":{\"Z\":{\"RouteId\":9},\"RouteId\":4,\"W\":false}},"
		"\"Tail\":\"t\"},\"RequestId\":\"id\",\"After\":{}},"
		"\"Last\":\"x\"}", &r), CK_OK);
	assert_int_equal(r.flow_id, 3);
	assert_int_equal(r.route_id, 4);
	assert_span_equal(r.request_id, "id");
	assert_int_equal(r.api_error, CK_API_ERROR_NONE);
}

static void
test_nested_error_under_unknown_field_is_not_the_error(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Wrap\":{\"Error\":{\"Code\":"
		"\"InternalError\"}},\"Result\":{\"ReturnCode\":\"0\"}}}", &r), CK_OK);
	assert_int_equal(r.api_error, CK_API_ERROR_NONE);
}

static void
test_key_name_as_string_value_is_not_a_key(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"A\":\"Result\",\"B\":{}}}");
}

static void
test_result_only_under_unknown_field_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"X\":{\"Result\":"
		"{\"ReturnCode\":\"0\"}}}}");
	assert_unexpected("{\"X\":{\"Response\":{\"Result\":"
		"{\"ReturnCode\":\"0\"}}}}");
}

static void
test_duplicate_key_takes_the_first(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"RequestId\":\"first\","
		"\"Result\":{\"ReturnCode\":\"0\",\"ReturnCode\":\"1\","
		"\"Data\":{\"FlowId\":1,\"FlowId\":2}},\"RequestId\":\"second\"}}",
		&r), CK_OK);
	assert_span_equal(r.request_id, "first");
	assert_span_equal(r.return_code, "0");
	assert_int_equal(r.flow_id, 1);
}

static void
test_keys_are_case_sensitive(void **state)
{
	(void)state;
	assert_unexpected("{\"response\":{\"Result\":{\"ReturnCode\":\"0\"}}}");
	assert_unexpected("{\"Response\":{\"result\":{\"ReturnCode\":\"0\"}}}");
}

static void
test_whitespace_around_body_is_accepted(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("\r\n {\"Response\":{\"Result\":{\"ReturnCode\":"
		"\"0\"}}} \n", &r), CK_OK);
}

/* --- shape errors ------------------------------------------------------- */

static void
test_missing_response_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{}");
	assert_unexpected("{\"Result\":{\"ReturnCode\":\"0\"}}");
}

static void
test_response_without_result_or_error_is_unexpected(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"RequestId\":\"rid\"}}", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
	assert_span_equal(r.request_id, "rid");
}

static void
test_top_level_non_object_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("[]");
	assert_unexpected("[{\"Response\":{}}]");
	assert_unexpected("\"Response\"");
	assert_unexpected("null");
	assert_unexpected("0");
	assert_unexpected("123");
	assert_unexpected(" -1 ");
}

static void
test_response_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":[]}");
	assert_unexpected("{\"Response\":null}");
	assert_unexpected("{\"Response\":\"x\"}");
	assert_unexpected("{\"Response\":1}");
}

static void
test_error_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Error\":\"InternalError\"}}");
	assert_unexpected("{\"Response\":{\"Error\":[]}}");
	assert_unexpected("{\"Response\":{\"Error\":null}}");
}

static void
test_error_without_code_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Error\":{\"Message\":\"m\"}}}");
	assert_unexpected("{\"Response\":{\"Error\":{}}}");
}

static void
test_error_code_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Error\":{\"Code\":1}}}");
	assert_unexpected("{\"Response\":{\"Error\":{\"Code\":null}}}");
	assert_unexpected("{\"Response\":{\"Error\":{\"Code\":{}}}}");
}

static void
test_error_message_of_wrong_type_is_unexpected(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Error\":{\"Code\":\"X\","
		"\"Message\":1}}}", &r), CK_ERR_RESPONSE_UNEXPECTED);
	assert_span_equal(r.error_code, "X");
}

static void
test_request_id_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"RequestId\":5,"
		"\"Result\":{\"ReturnCode\":\"0\"}}}");
	assert_unexpected("{\"Response\":{\"RequestId\":[],"
		"\"Error\":{\"Code\":\"X\"}}}");
}

static void
test_result_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Result\":[]}}");
	assert_unexpected("{\"Response\":{\"Result\":null}}");
	assert_unexpected("{\"Response\":{\"Result\":\"OK\"}}");
}

static void
test_result_without_return_code_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Result\":{}}}");
	assert_unexpected("{\"Response\":{\"Result\":{\"ReturnMessage\":\"s\"}}}");
}

static void
test_return_code_of_wrong_type_is_unexpected(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_return_code("true", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_return_code("null", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_return_code("{}", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_return_code("[0]", &r),
		CK_ERR_RESPONSE_UNEXPECTED);
}

static void
test_return_message_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"ReturnMessage\":{}}}}");
}

static void
test_data_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":\"x\"}}}");
	assert_unexpected("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":[]}}}");
}

static void
test_flow_id_of_wrong_type_is_unexpected(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode_flow_id("\"1\"", &r), CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_flow_id("true", &r), CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_flow_id("{}", &r), CK_ERR_RESPONSE_UNEXPECTED);
	assert_int_equal(decode_flow_id("[1]", &r), CK_ERR_RESPONSE_UNEXPECTED);
}

static void
test_route_dto_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"RouteDTO\":[]}}}}");
	assert_unexpected("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"RouteDTO\":1}}}}");
}

static void
test_route_id_of_wrong_type_is_unexpected(void **state)
{
	(void)state;
	assert_unexpected("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"RouteDTO\":{\"RouteId\":\"1\"}}}}}");
	assert_unexpected("{\"Response\":{\"Result\":{\"ReturnCode\":\"0\","
		"\"Data\":{\"RouteDTO\":{\"RouteId\":false}}}}}");
}

/* --- invalid and oversized bodies --------------------------------------- */

static void
test_jsmn_leniencies_are_invalid_json(void **state)
{
	static const char *const bad[] = {
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\" \"X\":1}}}",
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\"}}}{}",
		"{}{}",
		"{\"Response\":{\"Result\":{\"ReturnCode\":}}}",
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\",\"X\":[1,2,]}}}",
		":,{\"Response\":{\"Result\":{\"ReturnCode\":\"0\"}}}",
		"{\"Response\"::{\"Result\":{\"ReturnCode\":\"0\"}}}",
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\x01\"}}}",
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\",\"X\":tru}}}",
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\"}}",
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\"},}}",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_offsets_response r;
		if (decode(bad[i], &r) != CK_ERR_RESPONSE_INVALID_JSON) {
			fail_msg("accepted: %s", bad[i]);
		}
	}
}

static void
test_empty_body_is_invalid_json(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(ck_response_decode(CK_SPAN_EMPTY, tokens,
		CK_JSON_MAX_TOKENS, &r), CK_ERR_RESPONSE_INVALID_JSON);
}

static void
test_lone_surrogate_in_body_is_invalid_json(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Error\":{\"Code\":\"X\","
		"\"Message\":\"\\ud800\"}}}", &r), CK_ERR_RESPONSE_INVALID_JSON);
}

static void
test_token_exhaustion_is_too_complex(void **state)
{
	ck_offsets_response r;

	(void)state;
	/* The example needs 19 tokens. */
	assert_int_equal(ck_response_decode(ck_span_from_str(api_page_example),
		tokens, 18, &r), CK_ERR_RESPONSE_TOO_COMPLEX);
	assert_int_equal(ck_response_decode(ck_span_from_str(api_page_example),
		tokens, 19, &r), CK_OK);
}

static void
test_zero_tokens_is_too_complex(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(ck_response_decode(ck_span_from_str(api_page_example),
		tokens, 0, &r), CK_ERR_RESPONSE_TOO_COMPLEX);
}

static void
test_tokens_past_the_given_count_are_untouched(void **state)
{
	ck_json_token guard[8];
	ck_offsets_response r;

	(void)state;
	memset(guard, 0x5a, sizeof guard);
	assert_int_equal(ck_response_decode(ck_span_from_str(api_page_example),
		guard, 4, &r), CK_ERR_RESPONSE_TOO_COMPLEX);
	/* Every byte of tokens 4..7, where the first and last were read. */
	{
		const unsigned char *b = (const unsigned char *)&guard[4];
		size_t i;

		for (i = 0; i < 4 * sizeof guard[0]; i++) {
			assert_int_equal(b[i], 0x5a);
		}
	}
}

static void
test_deep_nesting_is_too_complex(void **state)
{
	char body[256];
	size_t n = 0;
	int i;
	ck_offsets_response r;

	(void)state;
	n += (size_t)snprintf(body + n, sizeof body - n,
		"{\"Response\":{\"Result\":{\"ReturnCode\":\"0\",\"X\":");
	for (i = 0; i < CK_JSON_MAX_DEPTH; i++) {
		body[n++] = '[';
	}
	for (i = 0; i < CK_JSON_MAX_DEPTH; i++) {
		body[n++] = ']';
	}
	snprintf(body + n, sizeof body - n, "}}}");
	assert_int_equal(decode(body, &r), CK_ERR_RESPONSE_TOO_COMPLEX);
}

static void
test_out_is_cleared_on_invalid_json(void **state)
{
	ck_offsets_response r;

	(void)state;
	memset(&r, 0xff, sizeof r);
	assert_int_equal(decode("{", &r), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(r.request_id.len, 0);
	assert_int_equal(r.error_code.len, 0);
	assert_int_equal(r.return_code.len, 0);
	assert_false(r.has_flow_id);
	assert_false(r.has_route_id);
	assert_int_equal(r.api_error, CK_API_ERROR_NONE);
}

static void
test_null_arguments_are_invalid_argument(void **state)
{
	ck_offsets_response r;

	(void)state;
	assert_int_equal(ck_response_decode(ck_span_from_str(api_page_example),
		NULL, 16, &r), CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_response_decode(ck_span_from_str(api_page_example),
		tokens, CK_JSON_MAX_TOKENS, NULL), CK_ERR_INVALID_ARGUMENT);
}

static void
test_max_tokens_beyond_int_range_is_accepted(void **state)
{
	ck_offsets_response r;

	(void)state;
	/* jsmn only writes the tokens the body needs (19 here). */
	assert_int_equal(ck_response_decode(ck_span_from_str(api_page_example),
		tokens, SIZE_MAX, &r), CK_OK);
}

/* --- ck_json_unescape ----------------------------------------------------- */

static void
test_escaped_message_unescapes_to_utf8(void **state)
{
	ck_offsets_response r;
	char text[32];
	size_t n;

	(void)state;
	assert_int_equal(decode("{\"Response\":{\"Error\":{\"Code\":"
		"\"InternalError\",\"Message\":\"\\u4e2d\\u6587\"}}}", &r),
		CK_ERR_API);
	assert_span_equal(r.error_message, "\\u4e2d\\u6587");
	assert_int_equal(ck_json_unescape(r.error_message, text, sizeof text,
		&n), CK_OK);
	assert_int_equal(n, 6);
	assert_memory_equal(text, "\xe4\xb8\xad\xe6\x96\x87", 6);
}

static void
test_surrogate_pair_unescapes_to_four_bytes(void **state)
{
	char text[8];
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\ud83d\\ude00"),
		text, sizeof text, &n), CK_OK);
	assert_int_equal(n, 4);
	assert_memory_equal(text, "\xf0\x9f\x98\x80", 4);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\uDBFF\\uDFFF"),
		text, sizeof text, &n), CK_OK);
	assert_memory_equal(text, "\xf4\x8f\xbf\xbf", 4);
}

static void
test_simple_escapes_unescape(void **state)
{
	char text[32];
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(
		CK_SPAN_LITERAL("a\\\"\\\\\\/\\b\\f\\n\\r\\tz"), text, sizeof text,
		&n), CK_OK);
	assert_int_equal(n, 10);
	assert_memory_equal(text, "a\"\\/\b\f\n\r\tz", 10);
}

static void
test_unicode_escapes_unescape_by_width(void **state)
{
	char text[16];
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(
		CK_SPAN_LITERAL("\\u0041\\u00e9\\u07FF\\u0800\\uffff"), text,
		sizeof text, &n), CK_OK);
	assert_int_equal(n, 1 + 2 + 2 + 3 + 3);
	assert_memory_equal(text,
		"A\xc3\xa9\xdf\xbf\xe0\xa0\x80\xef\xbf\xbf", n);
}

static void
test_unescaped_utf8_is_copied_as_is(void **state)
{
	char text[16];
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\xe4\xb8\xad-x"),
		text, sizeof text, &n), CK_OK);
	assert_int_equal(n, 5);
	assert_memory_equal(text, "\xe4\xb8\xad-x", 5);
}

static void
test_unescape_into_exact_size_fits(void **state)
{
	char text[4];
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\ud83d\\ude00"),
		text, 4, &n), CK_OK);
	assert_int_equal(n, 4);
}

static void
test_unescape_one_byte_short_is_buffer_too_small(void **state)
{
	char text[8];
	size_t n;

	(void)state;
	memset(text, 0x5a, sizeof text);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("ab\\u4e2d"), text, 4,
		&n), CK_ERR_BUFFER_TOO_SMALL);
	/* The character that does not fit is not written in part. */
	assert_int_equal(n, 2);
	assert_int_equal(text[2], 0x5a);
	assert_int_equal(text[4], 0x5a);
}

static void
test_unescape_into_no_buffer_is_buffer_too_small(void **state)
{
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("a"), NULL, 0, &n),
		CK_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(ck_json_unescape(CK_SPAN_EMPTY, NULL, 0, &n), CK_OK);
	assert_int_equal(n, 0);
}

static void
test_unescape_of_lone_surrogates_is_invalid_json(void **state)
{
	char text[16];
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\ud800"), text,
		sizeof text, &n), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\udc00"), text,
		sizeof text, &n), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\ud800\\u0041"),
		text, sizeof text, &n), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\ud800\\"),
		text, sizeof text, &n), CK_ERR_RESPONSE_INVALID_JSON);
}

static void
test_unescape_of_bad_escapes_is_invalid_json(void **state)
{
	char text[16];
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("a\\"), text,
		sizeof text, &n), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\x41"), text,
		sizeof text, &n), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\u12"), text,
		sizeof text, &n), CK_ERR_RESPONSE_INVALID_JSON);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("\\u12g4"), text,
		sizeof text, &n), CK_ERR_RESPONSE_INVALID_JSON);
}

static void
test_unescape_null_buffers_are_invalid_argument(void **state)
{
	char text[4];
	size_t n;

	(void)state;
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("a"), NULL, 4, &n),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_json_unescape(ck_span_make(NULL, 3), text,
		sizeof text, &n), CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_json_unescape(CK_SPAN_LITERAL("ab"), text,
		sizeof text, NULL), CK_OK);
	assert_memory_equal(text, "ab", 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_page_example_decodes_as_success),
		cmocka_unit_test(test_error_envelope_decodes_as_api_error),
		cmocka_unit_test(test_error_without_message_is_api_error),
		cmocka_unit_test(test_unknown_error_code_is_kept_verbatim),
		cmocka_unit_test(test_unlisted_family_error_code_maps_to_family),
		cmocka_unit_test(test_error_takes_precedence_over_result),
		cmocka_unit_test(test_data_null_is_success_without_ids),
		cmocka_unit_test(test_data_absent_is_success_without_ids),
		cmocka_unit_test(test_route_dto_null_is_success_without_route_id),
		cmocka_unit_test(test_null_ids_are_absent),
		cmocka_unit_test(test_negative_route_id_is_decoded),
		cmocka_unit_test(test_null_optional_strings_are_absent),
		cmocka_unit_test(test_return_code_string_zero_is_success),
		cmocka_unit_test(test_return_code_ok_is_success_in_any_case),
		cmocka_unit_test(test_return_code_number_zero_is_success),
		cmocka_unit_test(test_return_code_escaped_ok_is_success),
		cmocka_unit_test(test_return_code_failure_string_is_return_code_error),
		cmocka_unit_test(test_return_code_near_misses_are_return_code_errors),
		cmocka_unit_test(test_return_code_nonzero_number_is_return_code_error),
		cmocka_unit_test(test_failed_return_code_still_fills_the_result),
		cmocka_unit_test(test_flow_id_int64_max_is_decoded),
		cmocka_unit_test(test_flow_id_past_int64_max_is_unexpected),
		cmocka_unit_test(test_flow_id_int64_min_is_decoded),
		cmocka_unit_test(test_flow_id_negative_zero_is_zero),
		cmocka_unit_test(test_flow_id_with_fraction_or_exponent_is_unexpected),
		cmocka_unit_test(test_route_id_past_int64_max_is_unexpected),
		cmocka_unit_test(test_unknown_fields_are_ignored_at_every_level),
		cmocka_unit_test(test_nested_error_under_unknown_field_is_not_the_error),
		cmocka_unit_test(test_key_name_as_string_value_is_not_a_key),
		cmocka_unit_test(test_result_only_under_unknown_field_is_unexpected),
		cmocka_unit_test(test_duplicate_key_takes_the_first),
		cmocka_unit_test(test_keys_are_case_sensitive),
		cmocka_unit_test(test_whitespace_around_body_is_accepted),
		cmocka_unit_test(test_missing_response_is_unexpected),
		cmocka_unit_test(test_response_without_result_or_error_is_unexpected),
		cmocka_unit_test(test_top_level_non_object_is_unexpected),
		cmocka_unit_test(test_response_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_error_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_error_without_code_is_unexpected),
		cmocka_unit_test(test_error_code_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_error_message_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_request_id_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_result_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_result_without_return_code_is_unexpected),
		cmocka_unit_test(test_return_code_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_return_message_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_data_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_flow_id_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_route_dto_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_route_id_of_wrong_type_is_unexpected),
		cmocka_unit_test(test_jsmn_leniencies_are_invalid_json),
		cmocka_unit_test(test_empty_body_is_invalid_json),
		cmocka_unit_test(test_lone_surrogate_in_body_is_invalid_json),
		cmocka_unit_test(test_token_exhaustion_is_too_complex),
		cmocka_unit_test(test_zero_tokens_is_too_complex),
		cmocka_unit_test(test_tokens_past_the_given_count_are_untouched),
		cmocka_unit_test(test_deep_nesting_is_too_complex),
		cmocka_unit_test(test_out_is_cleared_on_invalid_json),
		cmocka_unit_test(test_null_arguments_are_invalid_argument),
		cmocka_unit_test(test_max_tokens_beyond_int_range_is_accepted),
		cmocka_unit_test(test_escaped_message_unescapes_to_utf8),
		cmocka_unit_test(test_surrogate_pair_unescapes_to_four_bytes),
		cmocka_unit_test(test_simple_escapes_unescape),
		cmocka_unit_test(test_unicode_escapes_unescape_by_width),
		cmocka_unit_test(test_unescaped_utf8_is_copied_as_is),
		cmocka_unit_test(test_unescape_into_exact_size_fits),
		cmocka_unit_test(test_unescape_one_byte_short_is_buffer_too_small),
		cmocka_unit_test(test_unescape_into_no_buffer_is_buffer_too_small),
		cmocka_unit_test(test_unescape_of_lone_surrogates_is_invalid_json),
		cmocka_unit_test(test_unescape_of_bad_escapes_is_invalid_json),
		cmocka_unit_test(test_unescape_null_buffers_are_invalid_argument),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
