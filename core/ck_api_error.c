/*
 * ck_api_error.c -- Response.Error.Code to ck_api_error, by table.
 *
 * One table, indexed by the enum, gives each value its code text; exact
 * lookup walks it. Codes nobody listed yet fall back to a family table of
 * prefixes, so a new "AuthFailure.Something" still reads as an auth
 * failure instead of as nothing at all.
 */
#include "ck_api_error.h"

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef struct {
	const char *code;
	bool is_family; /* a *_OTHER catch-all: never matched exactly */
} code_entry;

static const code_entry code_table[CK_API_ERROR_COUNT_] = {
	[CK_API_ERROR_NONE] = { "", true },
	[CK_API_ERROR_UNKNOWN] = { "(unknown)", true },

	[CK_API_ERROR_FAILED_OPERATION] = { "FailedOperation", false },
	[CK_API_ERROR_INTERNAL_ERROR] = { "InternalError", false },
	[CK_API_ERROR_INVALID_PARAMETER] = { "InvalidParameter", false },
	[CK_API_ERROR_INVALID_PARAMETER_VALUE_INSTANCE_NOT_EXIST] =
		{ "InvalidParameterValue.InstanceNotExist", false },
	[CK_API_ERROR_INVALID_PARAMETER_VALUE_REPETITION_VALUE] =
		{ "InvalidParameterValue.RepetitionValue", false },
	[CK_API_ERROR_INVALID_PARAMETER_VALUE_WRONG_ACTION] =
		{ "InvalidParameterValue.WrongAction", false },

	[CK_API_ERROR_AUTH_FAILURE_INVALID_AUTHORIZATION] =
		{ "AuthFailure.InvalidAuthorization", false },
	[CK_API_ERROR_AUTH_FAILURE_INVALID_SECRET_ID] =
		{ "AuthFailure.InvalidSecretId", false },
	[CK_API_ERROR_AUTH_FAILURE_MFA_FAILURE] =
		{ "AuthFailure.MFAFailure", false },
	[CK_API_ERROR_AUTH_FAILURE_SECRET_ID_NOT_FOUND] =
		{ "AuthFailure.SecretIdNotFound", false },
	[CK_API_ERROR_AUTH_FAILURE_SIGNATURE_EXPIRE] =
		{ "AuthFailure.SignatureExpire", false },
	[CK_API_ERROR_AUTH_FAILURE_SIGNATURE_FAILURE] =
		{ "AuthFailure.SignatureFailure", false },
	[CK_API_ERROR_AUTH_FAILURE_TOKEN_FAILURE] =
		{ "AuthFailure.TokenFailure", false },
	[CK_API_ERROR_AUTH_FAILURE_UNAUTHORIZED_OPERATION] =
		{ "AuthFailure.UnauthorizedOperation", false },
	[CK_API_ERROR_AUTH_FAILURE_OTHER] = { "AuthFailure.*", true },
	[CK_API_ERROR_DRY_RUN_OPERATION] = { "DryRunOperation", false },
	[CK_API_ERROR_INVALID_ACTION] = { "InvalidAction", false },
	[CK_API_ERROR_INVALID_PARAMETER_VALUE] =
		{ "InvalidParameterValue", false },
	[CK_API_ERROR_INVALID_PARAMETER_VALUE_OTHER] =
		{ "InvalidParameterValue.*", true },
	[CK_API_ERROR_INVALID_PARAMETER_OTHER] =
		{ "InvalidParameter.*", true },
	[CK_API_ERROR_INVALID_REQUEST] = { "InvalidRequest", false },
	[CK_API_ERROR_IP_IN_BLACKLIST] = { "IpInBlacklist", false },
	[CK_API_ERROR_IP_NOT_IN_WHITELIST] = { "IpNotInWhitelist", false },
	[CK_API_ERROR_LIMIT_EXCEEDED] = { "LimitExceeded", false },
	[CK_API_ERROR_MISSING_PARAMETER] = { "MissingParameter", false },
	[CK_API_ERROR_NO_SUCH_PRODUCT] = { "NoSuchProduct", false },
	[CK_API_ERROR_NO_SUCH_VERSION] = { "NoSuchVersion", false },
	[CK_API_ERROR_REQUEST_LIMIT_EXCEEDED] =
		{ "RequestLimitExceeded", false },
	[CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_IP_LIMIT_EXCEEDED] =
		{ "RequestLimitExceeded.IPLimitExceeded", false },
	[CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED] =
		{ "RequestLimitExceeded.UinLimitExceeded", false },
	[CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_GLOBAL_REGION_UIN_LIMIT_EXCEEDED] =
		{ "RequestLimitExceeded.GlobalRegionUinLimitExceeded", false },
	[CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER] =
		{ "RequestLimitExceeded.*", true },
	[CK_API_ERROR_REQUEST_SIZE_LIMIT_EXCEEDED] =
		{ "RequestSizeLimitExceeded", false },
	[CK_API_ERROR_RESOURCE_IN_USE] = { "ResourceInUse", false },
	[CK_API_ERROR_RESOURCE_INSUFFICIENT] =
		{ "ResourceInsufficient", false },
	[CK_API_ERROR_RESOURCE_NOT_FOUND] = { "ResourceNotFound", false },
	[CK_API_ERROR_RESOURCE_UNAVAILABLE] = { "ResourceUnavailable", false },
	[CK_API_ERROR_RESPONSE_SIZE_LIMIT_EXCEEDED] =
		{ "ResponseSizeLimitExceeded", false },
	[CK_API_ERROR_SERVICE_UNAVAILABLE] = { "ServiceUnavailable", false },
	[CK_API_ERROR_UNAUTHORIZED_OPERATION] =
		{ "UnauthorizedOperation", false },
	[CK_API_ERROR_UNKNOWN_PARAMETER] = { "UnknownParameter", false },
	[CK_API_ERROR_UNSUPPORTED_OPERATION] =
		{ "UnsupportedOperation", false },
	[CK_API_ERROR_UNSUPPORTED_PROTOCOL] = { "UnsupportedProtocol", false },
	[CK_API_ERROR_UNSUPPORTED_REGION] = { "UnsupportedRegion", false },
	[CK_API_ERROR_FAILED_OPERATION_OTHER] = { "FailedOperation.*", true },
	[CK_API_ERROR_INTERNAL_ERROR_OTHER] = { "InternalError.*", true },
	/* Four families share one value, hence the wildcard in the family. */
	[CK_API_ERROR_RESOURCE_OTHER] = { "Resource*.*", true },
	[CK_API_ERROR_UNSUPPORTED_OPERATION_OTHER] =
		{ "UnsupportedOperation.*", true },
};

/*
 * Families: "<prefix><at least one more byte>". "InvalidParameter." cannot
 * catch "InvalidParameterValue.X" (the byte after "InvalidParameter"
 * differs), so the order of the rows does not matter.
 */
typedef struct {
	const char *prefix;
	ck_api_error value;
} family_entry;

static const family_entry family_table[] = {
	{ "AuthFailure.", CK_API_ERROR_AUTH_FAILURE_OTHER },
	{ "InvalidParameterValue.", CK_API_ERROR_INVALID_PARAMETER_VALUE_OTHER },
	{ "InvalidParameter.", CK_API_ERROR_INVALID_PARAMETER_OTHER },
	{ "RequestLimitExceeded.", CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER },
	{ "ResourceNotFound.", CK_API_ERROR_RESOURCE_OTHER },
	{ "ResourceUnavailable.", CK_API_ERROR_RESOURCE_OTHER },
	{ "ResourceInUse.", CK_API_ERROR_RESOURCE_OTHER },
	{ "ResourceInsufficient.", CK_API_ERROR_RESOURCE_OTHER },
	{ "UnsupportedOperation.", CK_API_ERROR_UNSUPPORTED_OPERATION_OTHER },
	{ "FailedOperation.", CK_API_ERROR_FAILED_OPERATION_OTHER },
	{ "InternalError.", CK_API_ERROR_INTERNAL_ERROR_OTHER },
	/* No *_OTHER of their own: the base code says enough. */
	{ "UnauthorizedOperation.", CK_API_ERROR_UNAUTHORIZED_OPERATION },
	{ "LimitExceeded.", CK_API_ERROR_LIMIT_EXCEEDED },
};

ck_api_error
ck_api_error_from_code(ck_span code)
{
	size_t i;

	if (code.len == 0 || code.ptr == NULL) {
		return CK_API_ERROR_UNKNOWN;
	}
	for (i = 0; i < CK_API_ERROR_COUNT_; i++) {
		if (!code_table[i].is_family
			&& ck_span_eq_str(code, code_table[i].code))
		{
			return (ck_api_error)i;
		}
	}
	for (i = 0; i < sizeof family_table / sizeof family_table[0]; i++) {
		const char *prefix = family_table[i].prefix;
		if (code.len > strlen(prefix)
			&& ck_span_starts_with(code, prefix))
		{
			return family_table[i].value;
		}
	}
	return CK_API_ERROR_UNKNOWN;
}

const char *
ck_api_error_code(ck_api_error e)
{
	if ((unsigned)e >= (unsigned)CK_API_ERROR_COUNT_
		|| code_table[e].code == NULL)
	{
		return code_table[CK_API_ERROR_UNKNOWN].code;
	}
	return code_table[e].code;
}

bool
ck_api_error_is_transient(ck_api_error e)
{
	switch (e) {
	case CK_API_ERROR_REQUEST_LIMIT_EXCEEDED:
	case CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_IP_LIMIT_EXCEEDED:
	case CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED:
	case CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_GLOBAL_REGION_UIN_LIMIT_EXCEEDED:
	case CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER:
	case CK_API_ERROR_INTERNAL_ERROR:
	case CK_API_ERROR_INTERNAL_ERROR_OTHER:
	case CK_API_ERROR_SERVICE_UNAVAILABLE:
	case CK_API_ERROR_RESOURCE_UNAVAILABLE:
		return true;
	default:
		/*
		 * RESOURCE_OTHER mixes ResourceUnavailable.* with
		 * ResourceNotFound.* and the like: retrying is not known to
		 * help, so it is not transient.
		 */
		return false;
	}
}
