/*
 * ck_http_request.c -- the request head of an API 3.0 call: a fixed list
 * of headers, written with the bounded appender, handed out only when
 * nothing overflowed.
 */
#include "ck_http_request.h"

#include <stdbool.h>

#include "ck_text.h"

/* The header names, in the order of the values below. */
static const char NAMES[] =
	"Host\0Content-Type\0Content-Length\0X-TC-Action\0X-TC-Version\0"
	"X-TC-Region\0X-TC-Timestamp\0X-TC-Token\0X-TC-Language\0"
	"Authorization\0Connection";
enum { H_TOKEN = 7, H_LANGUAGE = 8, H_COUNT = 11 };

ck_result
ck_http_request_write_head(const ck_http_request_head *h,
	char *buf, size_t cap, ck_span *head)
{
	char length[CK_TEXT_DEC_MAX];
	char stamp[CK_TEXT_DEC_MAX];
	ck_span v[H_COUNT];
	const char *name = NAMES;
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
	v[H_TOKEN] = h->token;
	v[H_LANGUAGE] = h->language;
	v[9] = h->authorization;
	v[10] = CK_SPAN_LITERAL("keep-alive");
	/* Readable spans only: what they hold the caller has checked. */
	for (i = 0; i < H_COUNT; i++) {
		if (!ck_span_is_valid(v[i])) {
			return CK_ERR_INVALID_ARGUMENT;
		}
	}
	b = ck_buf_make(buf, cap);
	ck_buf_append(&b, "POST / HTTP/1.1\r\n", 17);
	for (i = 0; i < H_COUNT; i++, name += strlen(name) + 1) {
		if (v[i].len == 0 && (i == H_TOKEN || i == H_LANGUAGE)) {
			continue;
		}
		/* "<name>: <value>\r\n" */
		ck_buf_append(&b, name, strlen(name));
		ck_buf_append(&b, ": ", 2);
		ck_buf_append(&b, v[i].ptr, v[i].len);
		ck_buf_append(&b, "\r\n", 2);
	}
	if (!ck_buf_append(&b, "\r\n", 2)) {
		return CK_ERR_BUFFER_TOO_SMALL;
	}
	*head = ck_buf_span(&b);
	return CK_OK;
}
