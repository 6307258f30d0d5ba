/*
 * ck_http_response.h -- an incremental HTTP/1.1 response parser.
 *
 * Bytes are fed as they arrive, in pieces of any size. The body is framed by
 * Content-Length or by chunked Transfer-Encoding, never by the connection
 * closing: a response with neither (and a status that has a body) is
 * CK_ERR_HTTP_MALFORMED. The de-chunked body is copied into the caller's body
 * buffer; the head is consumed line by line and never stored whole.
 *
 * Interim 1xx responses are skipped. Header names are matched without regard
 * to case. Limits: one header line (or chunk-size line) at most
 * CK_HTTP_HEADER_LINE_MAX bytes counting its line ending; the whole head,
 * interim 1xx responses included, at most CK_HTTP_HEADERS_MAX bytes, and the
 * chunked trailer section at most CK_HTTP_HEADERS_MAX bytes of its own.
 */
#ifndef CK_HTTP_RESPONSE_H
#define CK_HTTP_RESPONSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_config.h"
#include "ck_result.h"
#include "ck_span.h"

/*
 * Parser state and, once complete, the parsed response. The caller owns it.
 * Public (read-only, valid once ck_http_response_feed set *complete):
 * status, keep_alive, has_date, date, body. Everything else is private.
 */
typedef struct {
	/* --- results --- */
	int status;           /* e.g. 200 */
	bool keep_alive;      /* connection may carry another request */
	bool has_date;        /* a valid Date header was present */
	int64_t date;         /* its value, unix seconds */
	ck_span body;         /* the whole de-chunked body, inside body_buf */

	/* --- private --- */
	char *body_buf;
	size_t body_cap;
	size_t body_len;
	int state;
	int32_t error;        /* once failed: what every feed returns (a
	                         ck_result; fixed width: see ck_json_token) */
	int version_minor;    /* HTTP/1.x */
	bool chunked;
	bool has_length;
	bool connection_close;
	bool connection_keep_alive;
	uint64_t remaining;   /* body or chunk bytes still expected */
	size_t head_bytes;    /* bytes of head/trailer seen so far */
	size_t line_len;
	char line[CK_HTTP_HEADER_LINE_MAX];
} ck_http_response;

/* Prepare to parse one response, storing its body in `cap` bytes at `buf`. */
void ck_http_response_init(ck_http_response *r, char *body_buf,
	size_t body_cap);

/*
 * Feed `len` received bytes. Sets *consumed to the bytes used and *complete
 * to true once the whole response (head and body) has been read; bytes past
 * the end of the response are left unconsumed (the caller decides what they
 * mean; this client never pipelines, so it treats them as an error).
 *
 * Returns CK_OK (more bytes wanted, or complete), or:
 *   CK_ERR_HTTP_MALFORMED          bad status line, header, chunk size or
 *                                  framing (conflicting Content-Length, both
 *                                  Content-Length and chunked, an unknown
 *                                  Transfer-Encoding, no framing at all);
 *   CK_ERR_HTTP_HEADERS_TOO_LARGE  a line or the whole head over the limits;
 *   CK_ERR_RESPONSE_TOO_LARGE      the body does not fit the body buffer.
 * After an error every later feed returns that same error (consuming
 * nothing) until the parser is initialised again. After completion every
 * later feed returns CK_OK, consumes nothing and sets *complete again.
 */
ck_result ck_http_response_feed(ck_http_response *r, const char *data,
	size_t len, size_t *consumed, bool *complete);

#endif /* CK_HTTP_RESPONSE_H */
