/*
 * ck_response_decoder.h -- the API's JSON answer, decoded in place.
 *
 * The body is validated strictly (ck_json_validate), tokenised with jsmn
 * into the caller's token array, and the fields are found by path. Nothing
 * is copied: every span in ck_offsets_response points into the body and
 * holds the raw JSON string content (escapes not undone, so it can be
 * written back inside quotes as it is; ck_json_unescape gives the text).
 * Unknown fields are ignored.
 *
 * Keys are compared with their raw JSON text, case-sensitively (the API
 * never escapes its key names). When a key appears twice in one object the
 * first wins. An optional string member (RequestId, Message,
 * ReturnMessage) that is null counts as absent.
 */
#ifndef CK_RESPONSE_DECODER_H
#define CK_RESPONSE_DECODER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_api_error.h"
#include "ck_json_string.h"
#include "ck_result.h"
#include "ck_span.h"

/*
 * Storage for one jsmn token (a jsmntok_t built with JSMN_PARENT_LINKS),
 * so the client object can hold tokens without every user of this header
 * pulling in jsmn. Only ck_response_decode reads or writes it, always as
 * jsmntok_t; the .c checks size and alignment at compile time. It is five
 * 32-bit words whatever the compiler's enum size: code built with
 * -fshort-enums and code built without agree on it.
 */
typedef struct {
	int32_t opaque_[5];
} ck_json_token;

/* What the API said. Spans point into the decoded body. */
typedef struct {
	ck_span request_id;       /* Response.RequestId (may be empty) */

	/* Response.Error, when present (then CK_ERR_API). */
	ck_span error_code;       /* verbatim, e.g. "AuthFailure.SignatureFailure" */
	ck_span error_message;
	int32_t api_error;        /* error_code mapped to a ck_api_error; NONE
	                             when no error (a fixed-width field, not
	                             the enum: see ck_json_token) */

	/* Response.Result, when present. */
	ck_span return_code;      /* string value, or the number's text */
	ck_span return_message;
	bool has_flow_id;         /* Data.FlowId present and not null */
	int64_t flow_id;
	bool has_route_id;        /* Data.RouteDTO.RouteId present and not null */
	int64_t route_id;
} ck_offsets_response;

/*
 * Decode `body` into *out using `max_tokens` tokens at `tokens`.
 *
 * The top-level value must be an object with a "Response" object.
 * Response.Error (an object with a string Code and an optional string
 * Message) wins over Response.Result when both are present. Result needs a
 * ReturnCode (string or number); ReturnMessage is an optional string; Data
 * and Data.RouteDTO are optional objects or null; Data.FlowId and
 * RouteDTO.RouteId are optional integers (no fraction, no exponent, within
 * int64) or null. A string ReturnCode is compared after unescaping; a
 * number ReturnCode is success when its value is zero ("0", "-0", "0.0").
 *
 * Returns:
 *   CK_OK                         Response.Result present and ReturnCode
 *                                 "0" or "OK" (either case; a number 0 too);
 *   CK_ERR_API                    Response.Error present (code mapped);
 *   CK_ERR_API_RETURN_CODE        Result present, ReturnCode says failure;
 *   CK_ERR_RESPONSE_INVALID_JSON  not valid JSON;
 *   CK_ERR_RESPONSE_TOO_COMPLEX   more tokens or nesting than allowed;
 *   CK_ERR_RESPONSE_UNEXPECTED    valid JSON but not the documented shape
 *                                 (no Response object, neither Result nor
 *                                 Error, wrong types, FlowId not an int64);
 *   CK_ERR_INVALID_ARGUMENT       `tokens` or `out` is NULL.
 * *out is cleared first, and filled as far as the body allows even on error.
 * jsmn writes at most `max_tokens` tokens; running out is TOO_COMPLEX.
 */
ck_result ck_response_decode(ck_span body, ck_json_token *tokens,
	size_t max_tokens, ck_offsets_response *out);

#endif /* CK_RESPONSE_DECODER_H */
