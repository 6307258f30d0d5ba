/*
 * ck_buf.c -- the bounded appender (ck_span.h).
 */
#include "ck_span.h"

bool
ck_buf_append(ck_buf *b, const void *p, size_t n)
{
	/* len <= cap always holds, so the subtraction cannot wrap. */
	if (b->overflow || n > b->cap - b->len) {
		b->overflow = true;
		return false;
	}
	if (n != 0) {
		memcpy(b->ptr + b->len, p, n);
		b->len += n;
	}
	return true;
}
