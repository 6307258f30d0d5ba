/*
 * ck_result.c -- names and outcomes of result values.
 */
#include "ck_result.h"

const char *
ck_result_name(ck_result r)
{
	switch (r) {
#define CK_NAME(x) case x: return #x;
	CK_NAME(CK_OK)
	CK_NAME(CK_ERR_INVALID_ARGUMENT)
	CK_NAME(CK_ERR_MISSING_FIELD)
	CK_NAME(CK_ERR_INVALID_UTF8)
	CK_NAME(CK_ERR_TOO_MANY_PARTITIONS)
	CK_NAME(CK_ERR_TOO_MANY_TOPICS)
	CK_NAME(CK_ERR_BUFFER_TOO_SMALL)
	CK_NAME(CK_ERR_INVALID_HEADER_VALUE)
	CK_NAME(CK_ERR_CLOCK)
	CK_NAME(CK_ERR_DNS)
	CK_NAME(CK_ERR_CONNECT)
	CK_NAME(CK_ERR_TLS_HANDSHAKE)
	CK_NAME(CK_ERR_TLS_CERTIFICATE)
	CK_NAME(CK_ERR_TRUST_ANCHORS)
	CK_NAME(CK_ERR_SEND)
	CK_NAME(CK_ERR_SEND_TIMEOUT)
	CK_NAME(CK_ERR_NO_TRANSPORT)
	CK_NAME(CK_ERR_DEADLINE)
	CK_NAME(CK_ERR_RECV)
	CK_NAME(CK_ERR_RECV_TIMEOUT)
	CK_NAME(CK_ERR_CONNECTION_CLOSED)
	CK_NAME(CK_ERR_HTTP_MALFORMED)
	CK_NAME(CK_ERR_HTTP_HEADERS_TOO_LARGE)
	CK_NAME(CK_ERR_HTTP_STATUS)
	CK_NAME(CK_ERR_RESPONSE_TOO_LARGE)
	CK_NAME(CK_ERR_RESPONSE_INVALID_JSON)
	CK_NAME(CK_ERR_RESPONSE_TOO_COMPLEX)
	CK_NAME(CK_ERR_RESPONSE_UNEXPECTED)
	CK_NAME(CK_ERR_API)
	CK_NAME(CK_ERR_API_RETURN_CODE)
#undef CK_NAME
	}
	return "CK_ERR_<unknown>";
}

ck_outcome
ck_result_outcome(ck_result r)
{
	unsigned v = (unsigned)r;

	if (r == CK_OK) {
		return CK_OUTCOME_APPLIED;
	}
	if (v >= 100 && v < 200) {
		return CK_OUTCOME_NOT_APPLIED;
	}
	if (v >= 300 && v < 400) {
		return CK_OUTCOME_REJECTED;
	}
	return CK_OUTCOME_UNKNOWN;
}

const char *
ck_outcome_name(ck_outcome o)
{
	switch (o) {
	case CK_OUTCOME_APPLIED:     return "applied";
	case CK_OUTCOME_REJECTED:    return "rejected";
	case CK_OUTCOME_NOT_APPLIED: return "not-applied";
	case CK_OUTCOME_UNKNOWN:     return "unknown";
	}
	return "unknown";
}
