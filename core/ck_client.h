/*
 * ck_client.h -- BatchModifyGroupOffsets, end to end.
 *
 * The client object holds everything one call needs: the request body, the
 * HTTP head, the response body, the jsmn tokens, the cached signing key and
 * the connection state. The caller allocates it (statically, on the stack,
 * anywhere) and nothing is ever allocated behind its back. Two client
 * objects never share state.
 *
 * One call:
 *   validate and encode the request       (ck_request_encoder)
 *   pace to the API's 20 requests/s       (token bucket on monotonic_ms)
 *   sign it with TC3-HMAC-SHA256          (ck_tc3_signer, key cached per day)
 *   write the HTTP/1.1 head               (ck_http_request)
 *   send head and body over the transport (open it first if needed)
 *   read and frame the HTTP response      (ck_http_response)
 *   decode the JSON answer in place       (ck_response_decoder)
 * and, where it is safe, again:
 *   - RequestLimitExceeded*, InternalError*, ServiceUnavailable,
 *     ResourceUnavailable: up to CK_MAX_ATTEMPTS attempts in all, with
 *     "full jitter" exponential backoff;
 *   - AuthFailure.SignatureExpire: the clock offset is corrected from the
 *     response's Date header and the request re-signed, once per call;
 *   - a kept-alive connection that turns out to be closed by the server:
 *     reopened and sent again, once per call (the stale-connection retry,
 *     below).
 * The action sets absolute offsets, so sending it twice is harmless; a
 * failure after the request left the device is otherwise reported as an
 * unknown outcome rather than retried blindly, so the caller stays in
 * control of how long a call may take.
 *
 * Time. timeout_ms bounds each connect, each send and each wait for an
 * answer on its own; deadline_ms bounds the call as a whole, from entry to
 * return. Every wait is cut to what the deadline leaves; a pacing wait or
 * a backoff that would end past it is not begun, and the call returns what
 * its attempts so far did (by the rule below), or CK_ERR_DEADLINE when no
 * request could be sent at all. A connect or handshake cut short fails as
 * the transport reports it (CK_ERR_CONNECT, CK_ERR_TLS_HANDSHAKE), a send
 * as CK_ERR_SEND_TIMEOUT, a wait for the answer as CK_ERR_RECV_TIMEOUT.
 *
 * The outcome of a call with several attempts. Each attempt has an outcome
 * of its own (ck_result_outcome); the call reports the most uncertain one
 * of all its attempts, in the order not applied < rejected < unknown, the
 * later attempt winning a tie -- unless the last attempt was applied, which
 * settles it. So once any attempt has written its complete request, the
 * call can no longer report "not applied": a retry that then fails to
 * connect or to send reports the earlier attempt's unknown outcome (or the
 * API's rejection of it), never CK_ERR_CONNECT. *resp holds the answer of
 * the attempt whose result is returned (all zero when it had none).
 *
 * Keep-alive. After a complete answer the connection is kept for the next
 * attempt or call only when the server allows it, no byte followed the
 * answer, and the transport's pending() says nothing waits. Before a
 * request is written on a kept connection pending() is asked again: a
 * request and its answer are all that ever crosses it, so anything waiting
 * (a response nobody asked for, the server's FIN or reset) means it is out
 * of step; it is closed and a new one opened, which is no retry: nothing
 * was sent on it. A transport without pending() gets a new connection for
 * every attempt.
 *
 * The stale-connection retry. A server may close a kept-alive connection
 * while it is idle; a request written into it then fails without an
 * answer, and the server may or may not have read it. The request is sent
 * once more on a new connection when all of these hold:
 *   - the attempt was written on a reused connection: one that had already
 *     carried a complete answer and showed nothing pending just before;
 *   - it failed while sending (CK_ERR_SEND, CK_ERR_SEND_TIMEOUT), or while
 *     waiting for the answer by the end of the stream (CK_ERR_CONNECTION_
 *     CLOSED, CK_ERR_RECV) before a single byte of the answer arrived;
 *   - no stale-connection retry happened earlier in this call, and
 *     CK_MAX_ATTEMPTS is not used up.
 * A receive timeout, or any byte of an answer, is never retried this way.
 * Whether the retry succeeds or not, the failed attempt keeps its own
 * outcome in the rule above: after an end of stream that is "unknown",
 * since the server may have read the whole request before closing.
 */
#ifndef CK_CLIENT_H
#define CK_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_config.h"
#include "ck_http_response.h"
#include "ck_platform.h"
#include "ck_request_encoder.h"
#include "ck_response_decoder.h"
#include "ck_result.h"
#include "ck_span.h"
#include "ck_tc3_signer.h"
#include "ck_transport.h"

/* The API this client speaks. */
#define CK_API_ACTION  "BatchModifyGroupOffsets"
#define CK_API_VERSION "2019-08-19"
#define CK_API_SERVICE "ckafka"
#define CK_CONTENT_TYPE "application/json"

/* The host the API page names; the Host header and signed host by default. */
#define CK_DEFAULT_ENDPOINT "ckafka.intl.tencentcloudapi.com"

/* ck_client_config.timeout_ms when it is 0. */
#define CK_DEFAULT_TIMEOUT_MS 10000u

/* Bytes reserved for the Authorization header value. */
#define CK_AUTHORIZATION_MAX 320

/* Bytes read from the transport at a time. */
#define CK_RX_CHUNK 512

/*
 * Settings of a client. Every span points at the caller's memory, which must
 * stay valid and unchanged for the life of the client.
 */
typedef struct {
	ck_span host;          /* API host name (ck_text_is_host_name): no port,
	                          path or user info; empty = CK_DEFAULT_ENDPOINT */
	ck_span region;        /* required, e.g. "ap-guangzhou" */
	ck_span secret_id;     /* required */
	ck_span secret_key;    /* required */
	ck_span session_token; /* optional, temporary credentials (X-TC-Token) */
	ck_span language;      /* optional: "zh-CN" or "en-US" */
	uint32_t timeout_ms;   /* bounds connect+handshake, sending, and the
	                          whole wait for the answer, each on its own,
	                          in every attempt; 0 = 10000 */
	uint32_t deadline_ms;  /* bounds the whole call: every attempt, the
	                          pacing and the backoff; 0 = three times the
	                          timeout (30000 by default) */
	const ck_transport *transport; /* may be NULL for ck_client_prepare only */
	const ck_platform *platform;   /* required: clocks, sleep */
} ck_client_config;

/* A client. The caller owns it; members are private. */
typedef struct {
	ck_client_config cfg;
	ck_tc3_key_cache key_cache;
	int64_t clock_offset_s;        /* added to platform unix_time */
	bool connected;
	uint32_t requests_on_connection;
	uint64_t deadline;             /* monotonic end of the current call */
	bool paced;                    /* next_send_ms is meaningful */
	uint64_t next_send_ms;         /* earliest monotonic time of the next send */
	uint32_t rng;                  /* backoff jitter, xorshift32 */
	unsigned last_attempts;
	bool last_clock_corrected;
	char body[CK_REQUEST_BODY_MAX];
	char head[CK_HTTP_HEAD_MAX];
	char authorization[CK_AUTHORIZATION_MAX];
	char response_body[CK_RESPONSE_BODY_MAX];
	uint8_t rx[CK_RX_CHUNK];
	ck_http_response http;
	ck_json_token tokens[CK_JSON_MAX_TOKENS];
} ck_client;

/*
 * Set up `c` with `cfg` (copied; the spans it holds are not). Checks the
 * settings: CK_ERR_INVALID_ARGUMENT (NULL c, cfg or platform, a platform
 * without unix_time, monotonic_ms or sleep_ms, a span with a NULL pointer
 * and a non-zero length, or a host that is not a host name by
 * ck_text_is_host_name), CK_ERR_MISSING_FIELD (empty
 * region, secret_id or secret_key), CK_ERR_INVALID_HEADER_VALUE (a setting
 * that cannot go in a header: control bytes, a region or language outside
 * [A-Za-z0-9-]).
 */
ck_result ck_client_init(ck_client *c, const ck_client_config *cfg);

/*
 * Set committed offsets as `req` says, and decode the answer into *resp.
 *
 * Returns CK_OK when the API applied the change (resp->return_code "0" or
 * "OK"), otherwise an error whose ck_result_outcome() says what happened
 * to the call as a whole (its attempts merged as described at the top):
 *  - rejected (CK_ERR_API, CK_ERR_API_RETURN_CODE): resp holds the API's
 *    error code, message and request id;
 *  - not applied: invalid input (see ck_request_encode), no room, clock,
 *    transport open or send failures, a deadline that passed before a
 *    request could be sent (CK_ERR_DEADLINE) -- and no attempt reached the
 *    API;
 *  - unknown: a request was sent and no valid answer came back for it.
 *    Sending the same request again is safe.
 * resp's spans point into the client and stay valid until its next call.
 */
ck_result ck_client_modify_offsets(ck_client *c, const ck_offsets_request *req,
	ck_offsets_response *resp);

/*
 * Encode and sign `req` exactly as ck_client_modify_offsets would send it
 * now, without sending: *head and *body (inside the client, valid until its
 * next call) are the bytes that would go on the wire. Paces nothing, opens
 * nothing. Errors as the not-applied ones of ck_client_modify_offsets.
 */
ck_result ck_client_prepare(ck_client *c, const ck_offsets_request *req,
	ck_span *head, ck_span *body);

/* Attempts the last call made (1 when nothing was retried). */
unsigned ck_client_last_attempts(const ck_client *c);

/* True when the last call corrected the clock from the server's Date. */
bool ck_client_last_clock_corrected(const ck_client *c);

/* Seconds currently added to the platform's wall clock. */
int64_t ck_client_clock_offset(const ck_client *c);

/*
 * Close the connection and wipe the cached signing key and every buffer
 * that held request or response bytes. The client may be initialised again.
 */
void ck_client_deinit(ck_client *c);

#endif /* CK_CLIENT_H */
