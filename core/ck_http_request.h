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
 * What it assumes (ck_client_init checks the client's settings, from which
 * every value comes, once; the other values are the client's constants or
 * its own output): every value is safe in a header -- no CR, LF, NUL or
 * other byte below 0x20, no DEL -- host is a host name
 * (ck_text_is_host_name), region and language are [A-Za-z0-9-] only, and
 * every value but token and language is non-empty. An empty token or
 * language leaves its header out. Nothing of this is checked here again.
 *
 * Errors (then *head is empty): CK_ERR_INVALID_ARGUMENT (NULL pointer,
 * negative timestamp, a span with a NULL pointer and a non-zero length),
 * CK_ERR_BUFFER_TOO_SMALL. On error the bytes of `buf` are unspecified (a
 * partial head may be there) and must not be sent.
 */
ck_result ck_http_request_write_head(const ck_http_request_head *h,
	char *buf, size_t cap, ck_span *head);

#endif /* CK_HTTP_REQUEST_H */
