/*
 * ck_api_error.h -- the error codes the API answers with.
 *
 * Maps Response.Error.Code to an enum: the codes of BatchModifyGroupOffsets'
 * own page and the API 3.0 common codes. New codes appear over time: a code
 * that is not listed but starts with a known family ("AuthFailure.",
 * "RequestLimitExceeded.", "InvalidParameterValue.", ...) maps to that
 * family's *_OTHER value, anything else to CK_API_ERROR_UNKNOWN. The code
 * text itself is always kept verbatim in the response.
 *
 * Exact matches are case-sensitive. A family matches "<Family>." followed
 * by at least one byte. "ResourceNotFound.", "ResourceUnavailable.",
 * "ResourceInUse." and "ResourceInsufficient." all give RESOURCE_OTHER;
 * "UnauthorizedOperation.*" and "LimitExceeded.*", which have no *_OTHER
 * value, give UNAUTHORIZED_OPERATION and LIMIT_EXCEEDED.
 */
#ifndef CK_API_ERROR_H
#define CK_API_ERROR_H

#include <stdbool.h>

#include "ck_span.h"

/*
 * The one list of every value, in enum order (the values never move):
 * X(NAME, text, sub-codes, transient).
 *  - text: the code as Response.Error.Code holds it, and what
 *    ck_api_error_code() gives back. A text "<Family>.*" is a family: it
 *    matches "<Family>." and at least one more byte, and is never matched
 *    exactly ('*' anywhere else matches nothing, so "Resource*.*" is only
 *    a name).
 *  - sub-codes: the value that "<text>." and at least one more byte maps
 *    to, when it is no other row's code; NONE for none.
 *  - transient: 1 when sending the same request again later may succeed
 *    (see ck_api_error_is_transient).
 */
#define CK_API_ERROR_LIST(X) \
	X(NONE, "", NONE, 0) \
	X(UNKNOWN, "(unknown)", NONE, 0) \
	/* This action's own codes. */ \
	X(FAILED_OPERATION, "FailedOperation", NONE, 0) \
	X(INTERNAL_ERROR, "InternalError", NONE, 1) \
	X(INVALID_PARAMETER, "InvalidParameter", NONE, 0) \
	X(INVALID_PARAMETER_VALUE_INSTANCE_NOT_EXIST, \
		"InvalidParameterValue.InstanceNotExist", NONE, 0) \
	X(INVALID_PARAMETER_VALUE_REPETITION_VALUE, \
		"InvalidParameterValue.RepetitionValue", NONE, 0) \
	X(INVALID_PARAMETER_VALUE_WRONG_ACTION, \
		"InvalidParameterValue.WrongAction", NONE, 0) \
	/* API 3.0 common codes, and the families. */ \
	X(AUTH_FAILURE_INVALID_AUTHORIZATION, \
		"AuthFailure.InvalidAuthorization", NONE, 0) \
	X(AUTH_FAILURE_INVALID_SECRET_ID, \
		"AuthFailure.InvalidSecretId", NONE, 0) \
	X(AUTH_FAILURE_MFA_FAILURE, "AuthFailure.MFAFailure", NONE, 0) \
	X(AUTH_FAILURE_SECRET_ID_NOT_FOUND, \
		"AuthFailure.SecretIdNotFound", NONE, 0) \
	X(AUTH_FAILURE_SIGNATURE_EXPIRE, \
		"AuthFailure.SignatureExpire", NONE, 0) \
	X(AUTH_FAILURE_SIGNATURE_FAILURE, \
		"AuthFailure.SignatureFailure", NONE, 0) \
	X(AUTH_FAILURE_TOKEN_FAILURE, "AuthFailure.TokenFailure", NONE, 0) \
	X(AUTH_FAILURE_UNAUTHORIZED_OPERATION, \
		"AuthFailure.UnauthorizedOperation", NONE, 0) \
	X(AUTH_FAILURE_OTHER, "AuthFailure.*", NONE, 0) \
	X(DRY_RUN_OPERATION, "DryRunOperation", NONE, 0) \
	X(INVALID_ACTION, "InvalidAction", NONE, 0) \
	X(INVALID_PARAMETER_VALUE, "InvalidParameterValue", NONE, 0) \
	X(INVALID_PARAMETER_VALUE_OTHER, "InvalidParameterValue.*", NONE, 0) \
	X(INVALID_PARAMETER_OTHER, "InvalidParameter.*", NONE, 0) \
	X(INVALID_REQUEST, "InvalidRequest", NONE, 0) \
	X(IP_IN_BLACKLIST, "IpInBlacklist", NONE, 0) \
	X(IP_NOT_IN_WHITELIST, "IpNotInWhitelist", NONE, 0) \
	X(LIMIT_EXCEEDED, "LimitExceeded", LIMIT_EXCEEDED, 0) \
	X(MISSING_PARAMETER, "MissingParameter", NONE, 0) \
	X(NO_SUCH_PRODUCT, "NoSuchProduct", NONE, 0) \
	X(NO_SUCH_VERSION, "NoSuchVersion", NONE, 0) \
	X(REQUEST_LIMIT_EXCEEDED, "RequestLimitExceeded", NONE, 1) \
	X(REQUEST_LIMIT_EXCEEDED_IP_LIMIT_EXCEEDED, \
		"RequestLimitExceeded.IPLimitExceeded", NONE, 1) \
	X(REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED, \
		"RequestLimitExceeded.UinLimitExceeded", NONE, 1) \
	X(REQUEST_LIMIT_EXCEEDED_GLOBAL_REGION_UIN_LIMIT_EXCEEDED, \
		"RequestLimitExceeded.GlobalRegionUinLimitExceeded", NONE, 1) \
	X(REQUEST_LIMIT_EXCEEDED_OTHER, "RequestLimitExceeded.*", NONE, 1) \
	X(REQUEST_SIZE_LIMIT_EXCEEDED, "RequestSizeLimitExceeded", NONE, 0) \
	X(RESOURCE_IN_USE, "ResourceInUse", RESOURCE_OTHER, 0) \
	X(RESOURCE_INSUFFICIENT, "ResourceInsufficient", RESOURCE_OTHER, 0) \
	X(RESOURCE_NOT_FOUND, "ResourceNotFound", RESOURCE_OTHER, 0) \
	X(RESOURCE_UNAVAILABLE, "ResourceUnavailable", RESOURCE_OTHER, 1) \
	X(RESPONSE_SIZE_LIMIT_EXCEEDED, "ResponseSizeLimitExceeded", NONE, 0) \
	X(SERVICE_UNAVAILABLE, "ServiceUnavailable", NONE, 1) \
	X(UNAUTHORIZED_OPERATION, \
		"UnauthorizedOperation", UNAUTHORIZED_OPERATION, 0) \
	X(UNKNOWN_PARAMETER, "UnknownParameter", NONE, 0) \
	X(UNSUPPORTED_OPERATION, "UnsupportedOperation", NONE, 0) \
	X(UNSUPPORTED_PROTOCOL, "UnsupportedProtocol", NONE, 0) \
	X(UNSUPPORTED_REGION, "UnsupportedRegion", NONE, 0) \
	X(FAILED_OPERATION_OTHER, "FailedOperation.*", NONE, 0) \
	X(INTERNAL_ERROR_OTHER, "InternalError.*", NONE, 1) \
	X(RESOURCE_OTHER, "Resource*.*", NONE, 0) \
	X(UNSUPPORTED_OPERATION_OTHER, "UnsupportedOperation.*", NONE, 0)

#define CK_API_ERROR_ENUM_(name, text, sub, transient) CK_API_ERROR_##name,
typedef enum {
	CK_API_ERROR_LIST(CK_API_ERROR_ENUM_)
	CK_API_ERROR_COUNT_
} ck_api_error;
#undef CK_API_ERROR_ENUM_

/*
 * The enum value for an error code (raw JSON string content). An empty
 * code gives CK_API_ERROR_UNKNOWN; never CK_API_ERROR_NONE.
 */
ck_api_error ck_api_error_from_code(ck_span code);

/*
 * The code an enum value stands for, e.g. "AuthFailure.SignatureExpire";
 * for the *_OTHER families the family with ".*" ("AuthFailure.*"; for
 * RESOURCE_OTHER, which stands for four families, "Resource*.*"), for
 * NONE "" and UNKNOWN "(unknown)"; a value outside the enum also gives
 * "(unknown)". Never NULL.
 */
const char *ck_api_error_code(ck_api_error e);

/*
 * True when sending the same request again later may succeed:
 * RequestLimitExceeded*, InternalError*, ServiceUnavailable,
 * ResourceUnavailable. (SignatureExpire is retried by the client only
 * after correcting its clock, so it is not listed here. RESOURCE_OTHER is
 * not transient: it mixes ResourceUnavailable.* with ResourceNotFound.*.)
 */
bool ck_api_error_is_transient(ck_api_error e);

#endif /* CK_API_ERROR_H */
