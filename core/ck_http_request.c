/*
 * ck_http_request.c -- the request head of an API 3.0 call: one template
 * (ck_template.h), written with the bounded appender and handed out only
 * when nothing overflowed.
 */
#include "ck_http_request.h"

#include <stdbool.h>

#include "ck_template.h"
#include "ck_text.h"

/* The slots of HEAD, in the order of the values. */
#define HOST "\x80"
#define CONTENT_TYPE "\x81"
#define CONTENT_LENGTH "\x82"
#define ACTION "\x83"
#define VERSION "\x84"
#define REGION "\x85"
#define TIMESTAMP "\x86"
#define TOKEN "\x87"
#define LANGUAGE "\x88"
#define AUTHORIZATION "\x89"
#define IF_SET "\x7f"
enum { SLOTS = 10 };

static const char HEAD[] =
	"POST / HTTP/1.1\r\n"
	"Host: " HOST "\r\n"
	"Content-Type: " CONTENT_TYPE "\r\n"
	"Content-Length: " CONTENT_LENGTH "\r\n"
	"X-TC-Action: " ACTION "\r\n"
	"X-TC-Version: " VERSION "\r\n"
	"X-TC-Region: " REGION "\r\n"
	"X-TC-Timestamp: " TIMESTAMP "\r\n"
	IF_SET "X-TC-Token: " TOKEN "\r\n"
	IF_SET "X-TC-Language: " LANGUAGE "\r\n"
	"Authorization: " AUTHORIZATION "\r\n"
	"Connection: keep-alive\r\n"
	"\r\n";

ck_result
ck_http_request_write_head(const ck_http_request_head *h,
	char *buf, size_t cap, ck_span *head)
{
	char length[CK_TEXT_DEC_MAX];
	char stamp[CK_TEXT_DEC_MAX];
	ck_span v[SLOTS];
	const char *t = HEAD;
	ck_span piece;
	ck_buf b;
	size_t i;

	if (head != NULL) {
		*head = CK_SPAN_EMPTY;
	}
	if (h == NULL || buf == NULL || head == NULL || h->timestamp < 0) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	v[0] = h->host;
	v[1] = h->content_type;
	v[2] = ck_span_make(length, ck_text_dec(h->content_length, 0, length));
	v[3] = h->action;
	v[4] = h->version;
	v[5] = h->region;
	v[6] = ck_span_make(stamp, ck_text_dec((uint64_t)h->timestamp, 0,
		stamp));
	v[7] = h->token;
	v[8] = h->language;
	v[9] = h->authorization;
	/* Readable spans only: what they hold the caller has checked. */
	for (i = 0; i < SLOTS; i++) {
		if (!ck_span_is_valid(v[i])) {
			return CK_ERR_INVALID_ARGUMENT;
		}
	}
	b = ck_buf_make(buf, cap);
	while (ck_template_next(&t, v, &piece)) {
		ck_buf_append(&b, piece.ptr, piece.len);
	}
	if (b.overflow) {
		return CK_ERR_BUFFER_TOO_SMALL;
	}
	*head = ck_buf_span(&b);
	return CK_OK;
}
