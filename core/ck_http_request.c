/*
 * ck_http_request.c -- the request head of an API 3.0 call, written with a
 * bounded appender: a write that does not fit sets a sticky flag instead of
 * going past the end, and the head is only handed out when nothing
 * overflowed.
 */
#include "ck_http_request.h"

#include <stdbool.h>

#include "ck_text.h"

typedef struct {
	char *buf;
	size_t len;
	size_t cap;
	bool overflow;
} appender;

static void
append(appender *a, const char *p, size_t n)
{
	if (a->overflow || n > a->cap - a->len) {
		a->overflow = true;
		return;
	}
	if (n > 0) {
		memcpy(a->buf + a->len, p, n);
		a->len += n;
	}
}

static void
append_str(appender *a, const char *s)
{
	append(a, s, strlen(s));
}

static void
append_uint(appender *a, uint64_t v)
{
	char digits[CK_TEXT_DEC_MAX];

	append(a, digits, ck_text_dec(v, 0, digits));
}

/* "<name>: <value>\r\n" */
static void
append_header(appender *a, const char *name, ck_span value)
{
	append_str(a, name);
	append_str(a, ": ");
	append(a, value.ptr, value.len);
	append_str(a, "\r\n");
}

static void
append_header_uint(appender *a, const char *name, uint64_t value)
{
	append_str(a, name);
	append_str(a, ": ");
	append_uint(a, value);
	append_str(a, "\r\n");
}

static ck_result
validate_head(const ck_http_request_head *h)
{
	const ck_span all[] = { h->host, h->content_type, h->action,
		h->version, h->region, h->token, h->language, h->authorization };
	const ck_span required[] = { h->host, h->content_type, h->action,
		h->version, h->region, h->authorization };
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (!ck_span_is_valid(all[i])) {
			return CK_ERR_INVALID_ARGUMENT;
		}
	}
	if (h->timestamp < 0) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	for (i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		if (required[i].len == 0) {
			return CK_ERR_MISSING_FIELD;
		}
	}
	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (ck_text_has_control(all[i])) {
			return CK_ERR_INVALID_HEADER_VALUE;
		}
	}
	if (!ck_text_is_code(h->region) || !ck_text_is_code(h->language)) {
		return CK_ERR_INVALID_HEADER_VALUE;
	}
	return CK_OK;
}

ck_result
ck_http_request_write_head(const ck_http_request_head *h,
	char *buf, size_t cap, ck_span *head)
{
	appender a;
	ck_result rc;

	if (head != NULL) {
		*head = CK_SPAN_EMPTY;
	}
	if (h == NULL || buf == NULL || head == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	rc = validate_head(h);
	if (rc != CK_OK) {
		return rc;
	}

	a.buf = buf;
	a.len = 0;
	a.cap = cap;
	a.overflow = false;
	append_str(&a, "POST / HTTP/1.1\r\n");
	append_header(&a, "Host", h->host);
	append_header(&a, "Content-Type", h->content_type);
	append_header_uint(&a, "Content-Length", (uint64_t)h->content_length);
	append_header(&a, "X-TC-Action", h->action);
	append_header(&a, "X-TC-Version", h->version);
	append_header(&a, "X-TC-Region", h->region);
	append_header_uint(&a, "X-TC-Timestamp", (uint64_t)h->timestamp);
	if (h->token.len > 0) {
		append_header(&a, "X-TC-Token", h->token);
	}
	if (h->language.len > 0) {
		append_header(&a, "X-TC-Language", h->language);
	}
	append_header(&a, "Authorization", h->authorization);
	append_header(&a, "Connection", CK_SPAN_LITERAL("keep-alive"));
	append_str(&a, "\r\n");
	if (a.overflow) {
		return CK_ERR_BUFFER_TOO_SMALL;
	}
	*head = ck_span_make(buf, a.len);
	return CK_OK;
}
