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
 * X(NAME, stem, rest, sub-codes, transient).
 *  - stem, rest: the code's text -- as Response.Error.Code holds it, and
 *    as ck_api_error_code() gives it back -- is its stem's (below) and
 *    then the rest. A text "<Family>.*" is a family: it matches
 *    "<Family>." and at least one more byte, and is never matched exactly
 *    ('*' anywhere else matches nothing, so "Resource*.*" is only a name).
 *  - sub-codes: the value that "<text>." and at least one more byte maps
 *    to, when it is no other row's code; NONE for none.
 *  - transient: 1 when sending the same request again later may succeed
 *    (see ck_api_error_is_transient).
 */
/*
 * The stems codes share, each written once: a code's text is its stem's
 * followed by the rest its row gives ("AuthFailure." "SignatureExpire").
 * Matching reads a code as the two, so the firmware, which never asks for
 * a name, holds each stem once; ck_api_error_code() gives a code whole.
 */
#define CK_API_ERROR_STEMS(S) \
	S(NO) S(AUTH) S(PARAM) S(LIMIT) S(RESOURCE) S(UNSUPPORTED) S(FAILED) \
	S(INTERNAL)
#define CK_API_ERROR_STEM_NO ""
#define CK_API_ERROR_STEM_AUTH "AuthFailure."
#define CK_API_ERROR_STEM_PARAM "InvalidParameter"
#define CK_API_ERROR_STEM_LIMIT "RequestLimitExceeded"
#define CK_API_ERROR_STEM_RESOURCE "Resource"
#define CK_API_ERROR_STEM_UNSUPPORTED "Unsupported"
#define CK_API_ERROR_STEM_FAILED "FailedOperation"
#define CK_API_ERROR_STEM_INTERNAL "InternalError"

#define CK_API_ERROR_LIST(X) \
	X(NONE, NO, "", NONE, 0) \
	X(UNKNOWN, NO, "(unknown)", NONE, 0) \
	/* This action's own codes. */ \
	X(FAILED_OPERATION, FAILED, "", NONE, 0) \
	X(INTERNAL_ERROR, INTERNAL, "", NONE, 1) \
	X(INVALID_PARAMETER, PARAM, "", NONE, 0) \
	X(INVALID_PARAMETER_VALUE_INSTANCE_NOT_EXIST, \
		PARAM, "Value.InstanceNotExist", NONE, 0) \
	X(INVALID_PARAMETER_VALUE_REPETITION_VALUE, \
		PARAM, "Value.RepetitionValue", NONE, 0) \
	X(INVALID_PARAMETER_VALUE_WRONG_ACTION, \
		PARAM, "Value.WrongAction", NONE, 0) \
	/* API 3.0 common codes, and the families. */ \
	X(AUTH_FAILURE_INVALID_AUTHORIZATION, \
		AUTH, "InvalidAuthorization", NONE, 0) \
	X(AUTH_FAILURE_INVALID_SECRET_ID, AUTH, "InvalidSecretId", NONE, 0) \
	X(AUTH_FAILURE_MFA_FAILURE, AUTH, "MFAFailure", NONE, 0) \
	X(AUTH_FAILURE_SECRET_ID_NOT_FOUND, AUTH, "SecretIdNotFound", NONE, 0) \
	X(AUTH_FAILURE_SIGNATURE_EXPIRE, AUTH, "SignatureExpire", NONE, 0) \
	X(AUTH_FAILURE_SIGNATURE_FAILURE, AUTH, "SignatureFailure", NONE, 0) \
	X(AUTH_FAILURE_TOKEN_FAILURE, AUTH, "TokenFailure", NONE, 0) \
	X(AUTH_FAILURE_UNAUTHORIZED_OPERATION, \
		AUTH, "UnauthorizedOperation", NONE, 0) \
	X(AUTH_FAILURE_OTHER, AUTH, "*", NONE, 0) \
	X(DRY_RUN_OPERATION, NO, "DryRunOperation", NONE, 0) \
	X(INVALID_ACTION, NO, "InvalidAction", NONE, 0) \
	X(INVALID_PARAMETER_VALUE, PARAM, "Value", NONE, 0) \
	X(INVALID_PARAMETER_VALUE_OTHER, PARAM, "Value.*", NONE, 0) \
	X(INVALID_PARAMETER_OTHER, PARAM, ".*", NONE, 0) \
	X(INVALID_REQUEST, NO, "InvalidRequest", NONE, 0) \
	X(IP_IN_BLACKLIST, NO, "IpInBlacklist", NONE, 0) \
	X(IP_NOT_IN_WHITELIST, NO, "IpNotInWhitelist", NONE, 0) \
	X(LIMIT_EXCEEDED, NO, "LimitExceeded", LIMIT_EXCEEDED, 0) \
	X(MISSING_PARAMETER, NO, "MissingParameter", NONE, 0) \
	X(NO_SUCH_PRODUCT, NO, "NoSuchProduct", NONE, 0) \
	X(NO_SUCH_VERSION, NO, "NoSuchVersion", NONE, 0) \
	X(REQUEST_LIMIT_EXCEEDED, LIMIT, "", NONE, 1) \
	X(REQUEST_LIMIT_EXCEEDED_IP_LIMIT_EXCEEDED, \
		LIMIT, ".IPLimitExceeded", NONE, 1) \
	X(REQUEST_LIMIT_EXCEEDED_UIN_LIMIT_EXCEEDED, \
		LIMIT, ".UinLimitExceeded", NONE, 1) \
	X(REQUEST_LIMIT_EXCEEDED_GLOBAL_REGION_UIN_LIMIT_EXCEEDED, \
		LIMIT, ".GlobalRegionUinLimitExceeded", NONE, 1) \
	X(REQUEST_LIMIT_EXCEEDED_OTHER, LIMIT, ".*", NONE, 1) \
	X(REQUEST_SIZE_LIMIT_EXCEEDED, \
		NO, "RequestSizeLimitExceeded", NONE, 0) \
	X(RESOURCE_IN_USE, RESOURCE, "InUse", RESOURCE_OTHER, 0) \
	X(RESOURCE_INSUFFICIENT, RESOURCE, "Insufficient", RESOURCE_OTHER, 0) \
	X(RESOURCE_NOT_FOUND, RESOURCE, "NotFound", RESOURCE_OTHER, 0) \
	X(RESOURCE_UNAVAILABLE, RESOURCE, "Unavailable", RESOURCE_OTHER, 1) \
	X(RESPONSE_SIZE_LIMIT_EXCEEDED, \
		NO, "ResponseSizeLimitExceeded", NONE, 0) \
	X(SERVICE_UNAVAILABLE, NO, "ServiceUnavailable", NONE, 1) \
	X(UNAUTHORIZED_OPERATION, \
		NO, "UnauthorizedOperation", UNAUTHORIZED_OPERATION, 0) \
	X(UNKNOWN_PARAMETER, NO, "UnknownParameter", NONE, 0) \
	X(UNSUPPORTED_OPERATION, UNSUPPORTED, "Operation", NONE, 0) \
	X(UNSUPPORTED_PROTOCOL, UNSUPPORTED, "Protocol", NONE, 0) \
	X(UNSUPPORTED_REGION, UNSUPPORTED, "Region", NONE, 0) \
	X(FAILED_OPERATION_OTHER, FAILED, ".*", NONE, 0) \
	X(INTERNAL_ERROR_OTHER, INTERNAL, ".*", NONE, 1) \
	X(RESOURCE_OTHER, RESOURCE, "*.*", NONE, 0) \
	X(UNSUPPORTED_OPERATION_OTHER, UNSUPPORTED, "Operation.*", NONE, 0)

#define CK_API_ERROR_ENUM_(name, stem, rest, sub, transient) \
	CK_API_ERROR_##name,
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
