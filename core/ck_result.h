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

typedef enum {
	CK_OK = 0,

	/* --- nothing applied: found before or while sending (100..199) --- */
	CK_ERR_INVALID_ARGUMENT = 100, /* NULL or out-of-range argument */
	CK_ERR_MISSING_FIELD,          /* a required request field is empty */
	CK_ERR_INVALID_UTF8,           /* a string is not valid UTF-8 */
	CK_ERR_TOO_MANY_PARTITIONS,    /* more than CK_MAX_PARTITIONS */
	CK_ERR_TOO_MANY_TOPICS,        /* more than CK_MAX_TOPICS */
	CK_ERR_BUFFER_TOO_SMALL,       /* request body/head does not fit */
	CK_ERR_INVALID_HEADER_VALUE,   /* CR, LF or control byte in a header value */
	CK_ERR_CLOCK,                  /* no usable wall-clock time */
	CK_ERR_DNS,                    /* host name did not resolve */
	CK_ERR_CONNECT,                /* TCP connection failed or timed out */
	CK_ERR_TLS_HANDSHAKE,          /* TLS failed before any request byte */
	CK_ERR_TLS_CERTIFICATE,        /* server certificate not trusted / wrong name */
	CK_ERR_TRUST_ANCHORS,          /* trust anchors missing, invalid or too many */
	CK_ERR_SEND,                   /* connection failed before the request was complete */
	CK_ERR_SEND_TIMEOUT,           /* timed out before the request was complete */
	CK_ERR_NO_TRANSPORT,           /* the client was set up without a transport */
	CK_ERR_DEADLINE,               /* the call's deadline passed before a request
	                                  could be sent */

	/* --- outcome unknown: request sent, no valid answer (200..299) --- */
	CK_ERR_RECV = 200,             /* connection failed while waiting for the answer */
	CK_ERR_RECV_TIMEOUT,           /* no complete answer in time */
	CK_ERR_CONNECTION_CLOSED,      /* peer closed before the answer was complete */
	CK_ERR_HTTP_MALFORMED,         /* the answer is not valid HTTP/1.1 */
	CK_ERR_HTTP_HEADERS_TOO_LARGE, /* a header line or all headers over the limits */
	CK_ERR_HTTP_STATUS,            /* an HTTP status other than 200 without an API error */
	CK_ERR_RESPONSE_TOO_LARGE,     /* the body does not fit CK_RESPONSE_BODY_MAX */
	CK_ERR_RESPONSE_INVALID_JSON,  /* the body is not valid JSON */
	CK_ERR_RESPONSE_TOO_COMPLEX,   /* more tokens or nesting than configured */
	CK_ERR_RESPONSE_UNEXPECTED,    /* valid JSON, but not the documented shape */

	/* --- the API answered with an error (300..399) --- */
	CK_ERR_API = 300,              /* Response.Error present: see ck_api_error */
	CK_ERR_API_RETURN_CODE         /* Result.ReturnCode says the operation failed */
} ck_result;

/* What a result says happened to the request. */
typedef enum {
	CK_OUTCOME_APPLIED = 0,
	CK_OUTCOME_REJECTED,
	CK_OUTCOME_NOT_APPLIED,
	CK_OUTCOME_UNKNOWN
} ck_outcome;

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
