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

typedef enum {
	CK_API_ERROR_NONE = 0,
	CK_API_ERROR_UNKNOWN,

	/* This action's own codes. */
	CK_API_ERROR_FAILED_OPERATION,
	CK_API_ERROR_INTERNAL_ERROR,
	CK_API_ERROR_INVALID_PARAMETER,
	CK_API_ERROR_INVALID_PARAMETER_VALUE_INSTANCE_NOT_EXIST,
	CK_API_ERROR_INVALID_PARAMETER_VALUE_REPETITION_VALUE,
	CK_API_ERROR_INVALID_PARAMETER_VALUE_WRONG_ACTION,

	/* API 3.0 common codes. */
	CK_API_ERROR_AUTH_FAILURE_INVALID_AUTHORIZATION,
	CK_API_ERROR_AUTH_FAILURE_INVALID_SECRET_ID,
	CK_API_ERROR_AUTH_FAILURE_MFA_FAILURE,
	CK_API_ERROR_AUTH_FAILURE_SECRET_ID_NOT_FOUND,
	CK_API_ERROR_AUTH_FAILURE_SIGNATURE_EXPIRE,
	CK_API_ERROR_AUTH_FAILURE_SIGNATURE_FAILURE,
	CK_API_ERROR_AUTH_FAILURE_TOKEN_FAILURE,
	CK_API_ERROR_AUTH_FAILURE_UNAUTHORIZED_OPERATION,
	CK_API_ERROR_AUTH_FAILURE_OTHER,
	CK_API_ERROR_DRY_RUN_OPERATION,
	CK_API_ERROR_INVALID_ACTION,
	CK_API_ERROR_INVALID_PARAMETER_VALUE,
	CK_API_ERROR_INVALID_PARAMETER_VALUE_OTHER,
	CK_API_ERROR_INVALID_PARAMETER_OTHER,
	CK_API_ERROR_INVALID_REQUEST,
	CK_API_ERROR_IP_IN_BLACKLIST,
	CK_API_ERROR_IP_NOT_IN_WHITELIST,
	CK_API_ERROR_LIMIT_EXCEEDED,
	CK_API_ERROR_MISSING_PARAMETER,
	CK_API_ERROR_NO_SUCH_PRODUCT,
	CK_API_ERROR_NO_SUCH_VERSION,
	CK_API_ERROR_REQUEST_LIMIT_EXCEEDED,
	CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_IP_LIMIT_EXCEEDED,
	CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED,
	CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_GLOBAL_REGION_UIN_LIMIT_EXCEEDED,
	CK_API_ERROR_REQUEST_LIMIT_EXCEEDED_OTHER,
	CK_API_ERROR_REQUEST_SIZE_LIMIT_EXCEEDED,
	CK_API_ERROR_RESOURCE_IN_USE,
	CK_API_ERROR_RESOURCE_INSUFFICIENT,
	CK_API_ERROR_RESOURCE_NOT_FOUND,
	CK_API_ERROR_RESOURCE_UNAVAILABLE,
	CK_API_ERROR_RESPONSE_SIZE_LIMIT_EXCEEDED,
	CK_API_ERROR_SERVICE_UNAVAILABLE,
	CK_API_ERROR_UNAUTHORIZED_OPERATION,
	CK_API_ERROR_UNKNOWN_PARAMETER,
	CK_API_ERROR_UNSUPPORTED_OPERATION,
	CK_API_ERROR_UNSUPPORTED_PROTOCOL,
	CK_API_ERROR_UNSUPPORTED_REGION,
	CK_API_ERROR_FAILED_OPERATION_OTHER,   /* "FailedOperation.*" */
	CK_API_ERROR_INTERNAL_ERROR_OTHER,     /* "InternalError.*" */
	CK_API_ERROR_RESOURCE_OTHER,           /* "ResourceNotFound.*", "ResourceUnavailable.*", ... */
	CK_API_ERROR_UNSUPPORTED_OPERATION_OTHER,
	CK_API_ERROR_COUNT_
} ck_api_error;

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
