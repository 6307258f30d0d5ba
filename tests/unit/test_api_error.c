/*
 * test_api_error.c -- Response.Error.Code mapping as a specification.
 */
#include "test_support.h"

#include "ck_api_error.h"

static ck_api_error
from(const char *code)
{
	return ck_api_error_from_code(ck_span_from_str(code));
}

static bool
is_family(ck_api_error e)
{
	switch (e) {
	case CK_API_ERROR_AUTH_FAILURE_OTHER:
	case CK_API_ERROR_INVALID_PARAMETER_VALUE_OTHER:
	case CK_API_ERROR_INVALID_PARAMETER_OTHER:
	case CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER:
	case CK_API_ERROR_FAILED_OPERATION_OTHER:
	case CK_API_ERROR_INTERNAL_ERROR_OTHER:
	case CK_API_ERROR_RESOURCE_OTHER:
	case CK_API_ERROR_UNSUPPORTED_OPERATION_OTHER:
		return true;
	default:
		return false;
	}
}

static void
test_action_codes_from_api_page_map_exactly(void **state)
{
	(void)state;
	assert_int_equal(from("FailedOperation"), CK_API_ERROR_FAILED_OPERATION);
	assert_int_equal(from("InternalError"), CK_API_ERROR_INTERNAL_ERROR);
	assert_int_equal(from("InvalidParameter"), CK_API_ERROR_INVALID_PARAMETER);
	assert_int_equal(from("InvalidParameterValue.InstanceNotExist"),
		CK_API_ERROR_INVALID_PARAMETER_VALUE_INSTANCE_NOT_EXIST);
	assert_int_equal(from("InvalidParameterValue.RepetitionValue"),
		CK_API_ERROR_INVALID_PARAMETER_VALUE_REPETITION_VALUE);
	assert_int_equal(from("InvalidParameterValue.WrongAction"),
		CK_API_ERROR_INVALID_PARAMETER_VALUE_WRONG_ACTION);
}

static void
test_common_codes_map_exactly(void **state)
{
	static const struct {
		const char *code;
		ck_api_error value;
	} cases[] = {
		{ "AuthFailure.InvalidAuthorization", CK_API_ERROR_AUTH_FAILURE_INVALID_AUTHORIZATION },
		{ "AuthFailure.InvalidSecretId", CK_API_ERROR_AUTH_FAILURE_INVALID_SECRET_ID },
		{ "AuthFailure.MFAFailure", CK_API_ERROR_AUTH_FAILURE_MFA_FAILURE },
		{ "AuthFailure.SecretIdNotFound", CK_API_ERROR_AUTH_FAILURE_SECRET_ID_NOT_FOUND },
		{ "AuthFailure.SignatureExpire", CK_API_ERROR_AUTH_FAILURE_SIGNATURE_EXPIRE },
		{ "AuthFailure.SignatureFailure", CK_API_ERROR_AUTH_FAILURE_SIGNATURE_FAILURE },
		{ "AuthFailure.TokenFailure", CK_API_ERROR_AUTH_FAILURE_TOKEN_FAILURE },
		{ "AuthFailure.UnauthorizedOperation", CK_API_ERROR_AUTH_FAILURE_UNAUTHORIZED_OPERATION },
		{ "DryRunOperation", CK_API_ERROR_DRY_RUN_OPERATION },
		{ "InvalidAction", CK_API_ERROR_INVALID_ACTION },
		{ "InvalidParameterValue", CK_API_ERROR_INVALID_PARAMETER_VALUE },
		{ "InvalidRequest", CK_API_ERROR_INVALID_REQUEST },
		{ "IpInBlacklist", CK_API_ERROR_IP_IN_BLACKLIST },
		{ "IpNotInWhitelist", CK_API_ERROR_IP_NOT_IN_WHITELIST },
		{ "LimitExceeded", CK_API_ERROR_LIMIT_EXCEEDED },
		{ "MissingParameter", CK_API_ERROR_MISSING_PARAMETER },
		{ "NoSuchProduct", CK_API_ERROR_NO_SUCH_PRODUCT },
		{ "NoSuchVersion", CK_API_ERROR_NO_SUCH_VERSION },
		{ "RequestLimitExceeded", CK_API_ERROR_REQUEST_LIMIT_EXCEEDED },
		{ "RequestLimitExceeded.IPLimitExceeded", CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_IP_LIMIT_EXCEEDED },
		{ "RequestLimitExceeded.UinLimitExceeded", CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED },
		{ "RequestLimitExceeded.GlobalRegionUinLimitExceeded", CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_GLOBAL_REGION_UIN_LIMIT_EXCEEDED },
		{ "RequestSizeLimitExceeded", CK_API_ERROR_REQUEST_SIZE_LIMIT_EXCEEDED },
		{ "ResourceInUse", CK_API_ERROR_RESOURCE_IN_USE },
		{ "ResourceInsufficient", CK_API_ERROR_RESOURCE_INSUFFICIENT },
		{ "ResourceNotFound", CK_API_ERROR_RESOURCE_NOT_FOUND },
		{ "ResourceUnavailable", CK_API_ERROR_RESOURCE_UNAVAILABLE },
		{ "ResponseSizeLimitExceeded", CK_API_ERROR_RESPONSE_SIZE_LIMIT_EXCEEDED },
		{ "ServiceUnavailable", CK_API_ERROR_SERVICE_UNAVAILABLE },
		{ "UnauthorizedOperation", CK_API_ERROR_UNAUTHORIZED_OPERATION },
		{ "UnknownParameter", CK_API_ERROR_UNKNOWN_PARAMETER },
		{ "UnsupportedOperation", CK_API_ERROR_UNSUPPORTED_OPERATION },
		{ "UnsupportedProtocol", CK_API_ERROR_UNSUPPORTED_PROTOCOL },
		{ "UnsupportedRegion", CK_API_ERROR_UNSUPPORTED_REGION },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (from(cases[i].code) != cases[i].value) {
			fail_msg("%s -> %d, want %d", cases[i].code,
				(int)from(cases[i].code), (int)cases[i].value);
		}
	}
}

static void
test_exact_match_is_case_sensitive(void **state)
{
	(void)state;
	assert_int_equal(from("internalerror"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("INTERNALERROR"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("authfailure.SignatureExpire"),
		CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("AuthFailure.signatureexpire"),
		CK_API_ERROR_AUTH_FAILURE_OTHER);
}

static void
test_code_with_extra_bytes_is_not_an_exact_match(void **state)
{
	(void)state;
	assert_int_equal(from("InternalErrorX"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from(" InternalError"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("InternalError "), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("Internal"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(ck_api_error_from_code(
		ck_span_make("InternalError\0", 14)), CK_API_ERROR_UNKNOWN);
}

static void
test_unlisted_auth_failure_maps_to_its_family(void **state)
{
	(void)state;
	assert_int_equal(from("AuthFailure.SomethingNew"),
		CK_API_ERROR_AUTH_FAILURE_OTHER);
}

static void
test_unlisted_invalid_parameter_value_maps_to_its_family(void **state)
{
	(void)state;
	assert_int_equal(from("InvalidParameterValue.Foo"),
		CK_API_ERROR_INVALID_PARAMETER_VALUE_OTHER);
}

static void
test_unlisted_invalid_parameter_maps_to_its_family(void **state)
{
	(void)state;
	assert_int_equal(from("InvalidParameter.Foo"),
		CK_API_ERROR_INVALID_PARAMETER_OTHER);
}

static void
test_unlisted_request_limit_exceeded_maps_to_its_family(void **state)
{
	(void)state;
	assert_int_equal(from("RequestLimitExceeded.Foo"),
		CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER);
}

static void
test_unlisted_resource_codes_map_to_resource_other(void **state)
{
	(void)state;
	assert_int_equal(from("ResourceNotFound.X"), CK_API_ERROR_RESOURCE_OTHER);
	assert_int_equal(from("ResourceUnavailable.X"),
		CK_API_ERROR_RESOURCE_OTHER);
	assert_int_equal(from("ResourceInUse.X"), CK_API_ERROR_RESOURCE_OTHER);
	assert_int_equal(from("ResourceInsufficient.X"),
		CK_API_ERROR_RESOURCE_OTHER);
}

static void
test_unlisted_unsupported_operation_maps_to_its_family(void **state)
{
	(void)state;
	assert_int_equal(from("UnsupportedOperation.X"),
		CK_API_ERROR_UNSUPPORTED_OPERATION_OTHER);
}

static void
test_unlisted_failed_operation_maps_to_its_family(void **state)
{
	(void)state;
	assert_int_equal(from("FailedOperation.X"),
		CK_API_ERROR_FAILED_OPERATION_OTHER);
}

static void
test_unlisted_internal_error_maps_to_its_family(void **state)
{
	(void)state;
	assert_int_equal(from("InternalError.X"),
		CK_API_ERROR_INTERNAL_ERROR_OTHER);
}

static void
test_unauthorized_operation_subcode_maps_to_base_code(void **state)
{
	(void)state;
	assert_int_equal(from("UnauthorizedOperation.X"),
		CK_API_ERROR_UNAUTHORIZED_OPERATION);
}

static void
test_limit_exceeded_subcode_maps_to_base_code(void **state)
{
	(void)state;
	assert_int_equal(from("LimitExceeded.X"), CK_API_ERROR_LIMIT_EXCEEDED);
}

static void
test_family_prefix_alone_is_unknown(void **state)
{
	(void)state;
	assert_int_equal(from("AuthFailure."), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("AuthFailure"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("InternalError."), CK_API_ERROR_UNKNOWN);
}

/* Each "<Family>.*" name of the list is also what that family matches. */
static void
test_every_family_name_matches_its_family(void **state)
{
	char code[64];
	int e;
	int families = 0;

	(void)state;
	for (e = 0; e < CK_API_ERROR_COUNT_; e++) {
		const char *name = ck_api_error_code((ck_api_error)e);
		size_t n = strlen(name);

		if (n < 2 || strcmp(name + n - 2, ".*") != 0
			|| strchr(name, '*') != name + n - 1)
		{
			continue;
		}
		families++;
		assert_true(n + 8 < sizeof code);
		memcpy(code, name, n - 1);
		strcpy(code + n - 1, "Anything");
		if (from(code) != (ck_api_error)e) {
			fail_msg("%s -> %d, want %d", code, (int)from(code), e);
		}
	}
	/* Every *_OTHER value but RESOURCE_OTHER, which has four. */
	assert_int_equal(families, 7);
}

static void
test_resource_family_is_only_the_four_listed(void **state)
{
	(void)state;
	assert_int_equal(from("ResourceFoo.X"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("Resource.X"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("Resource*.X"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("ResourceInUse."), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("ResourceInUseX"), CK_API_ERROR_UNKNOWN);
}

static void
test_unknown_code_is_unknown(void **state)
{
	(void)state;
	assert_int_equal(from("OperationDenied"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("Whatever.Foo"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("(unknown)"), CK_API_ERROR_UNKNOWN);
	assert_int_equal(from("Resource*.*"), CK_API_ERROR_UNKNOWN);
}

static void
test_empty_code_is_unknown(void **state)
{
	(void)state;
	assert_int_equal(from(""), CK_API_ERROR_UNKNOWN);
	assert_int_equal(ck_api_error_from_code(CK_SPAN_EMPTY),
		CK_API_ERROR_UNKNOWN);
}

static void
test_every_value_has_a_distinct_name(void **state)
{
	int a;
	int b;

	(void)state;
	assert_string_equal(ck_api_error_code(CK_API_ERROR_NONE), "");
	for (a = 1; a < CK_API_ERROR_COUNT_; a++) {
		const char *na = ck_api_error_code((ck_api_error)a);
		assert_non_null(na);
		if (na[0] == '\0') {
			fail_msg("value %d has no name", a);
		}
		for (b = 0; b < a; b++) {
			if (strcmp(na, ck_api_error_code((ck_api_error)b)) == 0) {
				fail_msg("values %d and %d share \"%s\"", a, b, na);
			}
		}
	}
}

static void
test_unknown_is_named_unknown(void **state)
{
	(void)state;
	assert_string_equal(ck_api_error_code(CK_API_ERROR_UNKNOWN), "(unknown)");
}

static void
test_family_values_are_named_with_wildcard(void **state)
{
	(void)state;
	assert_string_equal(ck_api_error_code(CK_API_ERROR_AUTH_FAILURE_OTHER),
		"AuthFailure.*");
	assert_string_equal(ck_api_error_code(
		CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER), "RequestLimitExceeded.*");
	assert_string_equal(ck_api_error_code(
		CK_API_ERROR_INVALID_PARAMETER_VALUE_OTHER), "InvalidParameterValue.*");
}

static void
test_code_of_every_exact_value_maps_back_to_it(void **state)
{
	int e;

	(void)state;
	for (e = 0; e < CK_API_ERROR_COUNT_; e++) {
		ck_api_error v = (ck_api_error)e;
		if (v == CK_API_ERROR_NONE || v == CK_API_ERROR_UNKNOWN
			|| is_family(v))
		{
			continue;
		}
		if (from(ck_api_error_code(v)) != v) {
			fail_msg("%s does not map back to %d",
				ck_api_error_code(v), e);
		}
	}
}

static void
test_out_of_range_value_is_named_unknown(void **state)
{
	(void)state;
	assert_string_equal(ck_api_error_code(CK_API_ERROR_COUNT_), "(unknown)");
	assert_string_equal(ck_api_error_code((ck_api_error)-1), "(unknown)");
	assert_string_equal(ck_api_error_code((ck_api_error)100000), "(unknown)");
}

static void
test_throttling_and_server_errors_are_transient(void **state)
{
	static const ck_api_error transient[] = {
		CK_API_ERROR_REQUEST_LIMIT_EXCEEDED,
		CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_IP_LIMIT_EXCEEDED,
		CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED,
		CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_GLOBAL_REGION_UIN_LIMIT_EXCEEDED,
		CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER,
		CK_API_ERROR_INTERNAL_ERROR,
		CK_API_ERROR_INTERNAL_ERROR_OTHER,
		CK_API_ERROR_SERVICE_UNAVAILABLE,
		CK_API_ERROR_RESOURCE_UNAVAILABLE,
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof transient / sizeof transient[0]; i++) {
		if (!ck_api_error_is_transient(transient[i])) {
			fail_msg("%s not transient",
				ck_api_error_code(transient[i]));
		}
	}
}

static void
test_only_listed_errors_are_transient(void **state)
{
	int e;
	int count = 0;

	(void)state;
	for (e = 0; e < CK_API_ERROR_COUNT_; e++) {
		count += ck_api_error_is_transient((ck_api_error)e) ? 1 : 0;
	}
	assert_int_equal(count, 9);
}

static void
test_auth_and_parameter_errors_are_not_transient(void **state)
{
	(void)state;
	assert_false(ck_api_error_is_transient(
		CK_API_ERROR_AUTH_FAILURE_SIGNATURE_EXPIRE));
	assert_false(ck_api_error_is_transient(
		CK_API_ERROR_AUTH_FAILURE_SIGNATURE_FAILURE));
	assert_false(ck_api_error_is_transient(CK_API_ERROR_AUTH_FAILURE_OTHER));
	assert_false(ck_api_error_is_transient(CK_API_ERROR_INVALID_PARAMETER));
	assert_false(ck_api_error_is_transient(
		CK_API_ERROR_INVALID_PARAMETER_VALUE_INSTANCE_NOT_EXIST));
	assert_false(ck_api_error_is_transient(CK_API_ERROR_MISSING_PARAMETER));
	assert_false(ck_api_error_is_transient(CK_API_ERROR_UNSUPPORTED_REGION));
	assert_false(ck_api_error_is_transient(CK_API_ERROR_NONE));
	assert_false(ck_api_error_is_transient(CK_API_ERROR_UNKNOWN));
	assert_false(ck_api_error_is_transient(CK_API_ERROR_RESOURCE_OTHER));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_action_codes_from_api_page_map_exactly),
		cmocka_unit_test(test_common_codes_map_exactly),
		cmocka_unit_test(test_exact_match_is_case_sensitive),
		cmocka_unit_test(test_code_with_extra_bytes_is_not_an_exact_match),
		cmocka_unit_test(test_unlisted_auth_failure_maps_to_its_family),
		cmocka_unit_test(test_unlisted_invalid_parameter_value_maps_to_its_family),
		cmocka_unit_test(test_unlisted_invalid_parameter_maps_to_its_family),
		cmocka_unit_test(test_unlisted_request_limit_exceeded_maps_to_its_family),
		cmocka_unit_test(test_unlisted_resource_codes_map_to_resource_other),
		cmocka_unit_test(test_unlisted_unsupported_operation_maps_to_its_family),
		cmocka_unit_test(test_unlisted_failed_operation_maps_to_its_family),
		cmocka_unit_test(test_unlisted_internal_error_maps_to_its_family),
		cmocka_unit_test(test_unauthorized_operation_subcode_maps_to_base_code),
		cmocka_unit_test(test_limit_exceeded_subcode_maps_to_base_code),
		cmocka_unit_test(test_family_prefix_alone_is_unknown),
		cmocka_unit_test(test_every_family_name_matches_its_family),
		cmocka_unit_test(test_resource_family_is_only_the_four_listed),
		cmocka_unit_test(test_unknown_code_is_unknown),
		cmocka_unit_test(test_empty_code_is_unknown),
		cmocka_unit_test(test_every_value_has_a_distinct_name),
		cmocka_unit_test(test_unknown_is_named_unknown),
		cmocka_unit_test(test_family_values_are_named_with_wildcard),
		cmocka_unit_test(test_code_of_every_exact_value_maps_back_to_it),
		cmocka_unit_test(test_out_of_range_value_is_named_unknown),
		cmocka_unit_test(test_throttling_and_server_errors_are_transient),
		cmocka_unit_test(test_only_listed_errors_are_transient),
		cmocka_unit_test(test_auth_and_parameter_errors_are_not_transient),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
