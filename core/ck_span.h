/*
 * ck_span.h -- (pointer, length) views over caller-owned bytes.
 *
 * Every buffer that crosses a public function of this library does so as a
 * span, so a length is never lost and nothing depends on NUL terminators.
 * A span never owns its bytes: whoever made it keeps the memory alive.
 */
#ifndef CK_SPAN_H
#define CK_SPAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Read-only view: `len` bytes starting at `ptr`. `ptr` may be NULL only when
 * `len` is 0 (the empty span).
 */
typedef struct {
	const char *ptr;
	size_t len;
} ck_span;

/* Span over a string literal, without its terminating NUL. */
#define CK_SPAN_LITERAL(s) ((ck_span){ (s), sizeof(s) - 1 })

/* Initialiser form of CK_SPAN_LITERAL, for static arrays of spans. */
#define CK_SPAN_INIT(s) { (s), sizeof(s) - 1 }

/* The empty span. */
#define CK_SPAN_EMPTY ((ck_span){ NULL, 0 })

/*
 * Span over a NUL-terminated string; NULL gives the empty span. The string
 * must outlive the span.
 */
static inline ck_span
ck_span_from_str(const char *s)
{
	ck_span sp;
	sp.ptr = s;
	sp.len = (s != NULL) ? strlen(s) : 0;
	return sp;
}

/* Span over `len` bytes at `p`. */
static inline ck_span
ck_span_make(const char *p, size_t len)
{
	ck_span sp;
	sp.ptr = p;
	sp.len = len;
	return sp;
}

/*
 * True when the span is well formed: a NULL pointer only with length 0.
 * Every public function checks this before it reads a caller's span.
 */
static inline bool
ck_span_is_valid(ck_span s)
{
	return s.ptr != NULL || s.len == 0;
}

/*
 * True when both spans hold the same bytes (case-sensitive). An invalid
 * span equals nothing, itself included.
 */
static inline bool
ck_span_eq(ck_span a, ck_span b)
{
	return ck_span_is_valid(a) && ck_span_is_valid(b) && a.len == b.len
		&& (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

/* True when the span equals the NUL-terminated string `s`. */
static inline bool
ck_span_eq_str(ck_span a, const char *s)
{
	return ck_span_eq(a, ck_span_from_str(s));
}

/* True when `a` begins with the NUL-terminated string `prefix`. */
static inline bool
ck_span_starts_with(ck_span a, const char *prefix)
{
	size_t n = strlen(prefix);
	return ck_span_is_valid(a) && a.len >= n
		&& (n == 0 || memcmp(a.ptr, prefix, n) == 0);
}

/*
 * Writable buffer: `cap` bytes at `ptr`, of which `len` are in use. The
 * library's one bounded appender (ck_buf_append, core/ck_buf.c) adds at
 * `ptr + len` and never goes past `cap`: what does not fit sets the
 * sticky `overflow` instead, so a writer appends a whole text and checks
 * once, at the end. The JSON writer, the HTTP head and ck_json_unescape
 * write through it.
 */
typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
	bool overflow;
} ck_buf;

/* An empty writable buffer over `cap` bytes at `p`. */
static inline ck_buf
ck_buf_make(char *p, size_t cap)
{
	ck_buf b;
	b.ptr = p;
	b.len = 0;
	b.cap = cap;
	b.overflow = false;
	return b;
}

/*
 * Append `n` bytes at `p` (p may be NULL when n is 0): all of them, or,
 * when they do not fit or an earlier append did not, none, and overflow
 * is set. Returns !overflow.
 */
bool ck_buf_append(ck_buf *b, const void *p, size_t n);

/* The bytes written so far, as a read-only span. */
static inline ck_span
ck_buf_span(const ck_buf *b)
{
	return ck_span_make(b->ptr, b->len);
}

#endif /* CK_SPAN_H */
