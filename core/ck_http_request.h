/*
 * ck_http_request.h -- the HTTP/1.1 request head of an API 3.0 call.
 *
 * Written head (header order fixed; CRLF line ends; ends in an empty line):
 *   POST / HTTP/1.1
 *   Host: <host>
 *   Content-Type: <content_type>
 *   Content-Length: <content_length>
 *   X-TC-Action: <action>
 *   X-TC-Version: <version>
 *   X-TC-Region: <region>
 *   X-TC-Timestamp: <timestamp>
 *   X-TC-Token: <token>            (only when token is not empty)
 *   X-TC-Language: <language>      (only when language is not empty)
 *   Authorization: <authorization>
 *   Connection: keep-alive
 */
#ifndef CK_HTTP_REQUEST_H
#define CK_HTTP_REQUEST_H

#include <stddef.h>
#include <stdint.h>

#include "ck_result.h"
#include "ck_span.h"

typedef struct {
	ck_span host;          /* required; the signed host, no port */
	ck_span content_type;  /* required; the signed value */
	size_t content_length; /* body bytes */
	ck_span action;        /* required */
	ck_span version;       /* required */
	ck_span region;        /* required */
	int64_t timestamp;     /* >= 0; the signed timestamp */
	ck_span token;         /* optional session token */
	ck_span language;      /* optional: "zh-CN" or "en-US" */
	ck_span authorization; /* required; from ck_tc3_authorization */
} ck_http_request_head;

/*
 * Write the request head into `cap` bytes at `buf`; on CK_OK *head is it.
 *
 * Errors (then *head is empty): CK_ERR_INVALID_ARGUMENT (NULL pointer,
 * negative timestamp), CK_ERR_MISSING_FIELD (an empty required value),
 * CK_ERR_INVALID_HEADER_VALUE (a value holds CR, LF, NUL or another control
 * byte, which would let it forge headers; region and language must also be
 * [A-Za-z0-9-] only), CK_ERR_BUFFER_TOO_SMALL.
 *
 * "Control byte" means 0x00..0x1F and 0x7F, horizontal tab included: none
 * of these values needs one. A span with a NULL pointer and a non-zero
 * length is CK_ERR_INVALID_ARGUMENT. On error the bytes of `buf` are
 * unspecified (a partial head may be there) and must not be sent.
 */
ck_result ck_http_request_write_head(const ck_http_request_head *h,
	char *buf, size_t cap, ck_span *head);

#endif /* CK_HTTP_REQUEST_H */
