/*
 * ck_result.h -- the one result type of the whole library.
 *
 * Every function that can fail returns a ck_result. CK_OK is 0; every other
 * value is an error, and each error says by its range which of the outcomes
 * of the design happened:
 *
 *   CK_OUTCOME_APPLIED      the API accepted the request (CK_OK);
 *   CK_OUTCOME_REJECTED     the API answered with an error: nothing applied;
 *   CK_OUTCOME_NOT_APPLIED  the request never fully left this device (bad
 *                           input, no room, DNS, connect, TLS, send failure,
 *                           no time left);
 *   CK_OUTCOME_UNKNOWN      the request was sent but no valid answer came back.
 *                           BatchModifyGroupOffsets sets absolute offsets, so
 *                           sending it again is safe.
 *
 * A call that made several attempts returns the most uncertain outcome of
 * them (ck_client.h): "not applied" then means no attempt's request left.
 *
 * ck_result_outcome() reads the outcome off a value; ck_result_name() names
 * each value, for logs.
 */
#ifndef CK_RESULT_H
#define CK_RESULT_H

/*
 * The one list of results: X(name, value), each with what it means. The
 * enum and the names ck_result_name gives come from it.
 */
#define CK_RESULT_LIST(X) \
	X(CK_OK, 0) \
	/* --- nothing applied: found before or while sending (100..199) --- */ \
	X(CK_ERR_INVALID_ARGUMENT, 100)       /* NULL or out-of-range argument */ \
	X(CK_ERR_MISSING_FIELD, 101)          /* a required request field is empty */ \
	X(CK_ERR_INVALID_UTF8, 102)           /* a string is not valid UTF-8 */ \
	X(CK_ERR_TOO_MANY_PARTITIONS, 103)    /* more than CK_MAX_PARTITIONS */ \
	X(CK_ERR_TOO_MANY_TOPICS, 104)        /* more than CK_MAX_TOPICS */ \
	X(CK_ERR_BUFFER_TOO_SMALL, 105)       /* request body/head does not fit */ \
	X(CK_ERR_INVALID_HEADER_VALUE, 106)   /* CR, LF or control byte in a header value */ \
	X(CK_ERR_CLOCK, 107)                  /* no usable wall-clock time */ \
	X(CK_ERR_DNS, 108)                    /* host name did not resolve */ \
	X(CK_ERR_CONNECT, 109)                /* TCP connection failed or timed out */ \
	X(CK_ERR_TLS_HANDSHAKE, 110)          /* TLS failed before any request byte */ \
	X(CK_ERR_TLS_CERTIFICATE, 111)        /* server certificate not trusted / wrong name */ \
	X(CK_ERR_TRUST_ANCHORS, 112)          /* trust anchors missing, invalid or too many */ \
	X(CK_ERR_SEND, 113)                   /* connection failed before the request was complete */ \
	X(CK_ERR_SEND_TIMEOUT, 114)           /* timed out before the request was complete */ \
	X(CK_ERR_NO_TRANSPORT, 115)           /* the client was set up without a transport */ \
	X(CK_ERR_DEADLINE, 116)               /* the call's deadline passed before a request \
	                                         could be sent */ \
	/* --- outcome unknown: request sent, no valid answer (200..299) --- */ \
	X(CK_ERR_RECV, 200)                   /* connection failed while waiting for the answer */ \
	X(CK_ERR_RECV_TIMEOUT, 201)           /* no complete answer in time */ \
	X(CK_ERR_CONNECTION_CLOSED, 202)      /* peer closed before the answer was complete */ \
	X(CK_ERR_HTTP_MALFORMED, 203)         /* the answer is not valid HTTP/1.1 */ \
	X(CK_ERR_HTTP_HEADERS_TOO_LARGE, 204) /* a header line or all headers over the limits */ \
	X(CK_ERR_HTTP_STATUS, 205)            /* an HTTP status other than 200 without an API error */ \
	X(CK_ERR_RESPONSE_TOO_LARGE, 206)     /* the body does not fit CK_RESPONSE_BODY_MAX */ \
	X(CK_ERR_RESPONSE_INVALID_JSON, 207)  /* the body is not valid JSON */ \
	X(CK_ERR_RESPONSE_TOO_COMPLEX, 208)   /* more tokens or nesting than configured */ \
	X(CK_ERR_RESPONSE_UNEXPECTED, 209)    /* valid JSON, but not the documented shape */ \
	/* --- the API answered with an error (300..399) --- */ \
	X(CK_ERR_API, 300)                    /* Response.Error present: see ck_api_error */ \
	X(CK_ERR_API_RETURN_CODE, 301)        /* Result.ReturnCode says the operation failed */

#define CK_RESULT_ENUM_(name, value) name = value,
typedef enum {
	CK_RESULT_LIST(CK_RESULT_ENUM_)
} ck_result;
#undef CK_RESULT_ENUM_

/* What a result says happened to the request: X(name, text). */
#define CK_OUTCOME_LIST(X) \
	X(CK_OUTCOME_APPLIED, "applied") \
	X(CK_OUTCOME_REJECTED, "rejected") \
	X(CK_OUTCOME_NOT_APPLIED, "not-applied") \
	X(CK_OUTCOME_UNKNOWN, "unknown")

#define CK_OUTCOME_ENUM_(name, text) name,
typedef enum {
	CK_OUTCOME_LIST(CK_OUTCOME_ENUM_)
} ck_outcome;
#undef CK_OUTCOME_ENUM_

/*
 * Name of a result value, e.g. "CK_ERR_RECV_TIMEOUT". Never NULL: a value
 * outside the enum gives "CK_ERR_<unknown>".
 */
const char *ck_result_name(ck_result r);

/*
 * Outcome of a result value. An out-of-enum value counts as unknown, the
 * safe reading.
 */
ck_outcome ck_result_outcome(ck_result r);

/* Name of an outcome, e.g. "not-applied". Never NULL. */
const char *ck_outcome_name(ck_outcome o);

#endif /* CK_RESULT_H */
