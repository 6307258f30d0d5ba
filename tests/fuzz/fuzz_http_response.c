/*
 * fuzz_http_response.c -- libFuzzer target for the incremental HTTP
 * response parser.
 *
 * The input's first byte chooses a split point; the rest is the response.
 * It is parsed three ways: in one piece, in two slices cut at the split
 * point, and one byte at a time. The body buffer is a heap block of exactly
 * BODY_CAP bytes, so AddressSanitizer sees any write past the capacity.
 *
 * Checked on every input:
 *   - all three ways give the same result, completion, bytes consumed,
 *     status, keep-alive, Date and body;
 *   - nothing consumed beyond the input; CK_OK without completion means
 *     every byte was consumed;
 *   - a complete response has a final status (200..599) and its body lies
 *     inside the body buffer;
 *   - after an error every feed returns the same error and consumes
 *     nothing; after completion every feed consumes nothing.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icore \
 *     tests/fuzz/fuzz_http_response.c core/ck_http_response.c \
 *     core/ck_http_date.c core/ck_calendar.c core/ck_result.c
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ck_http_response.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Small enough that Content-Length and chunk sizes can exceed it. */
#define BODY_CAP 128

typedef struct {
	ck_result rc;
	bool complete;
	size_t consumed;
	int status;
	bool keep_alive;
	bool has_date;
	int64_t date;
	size_t body_len;
	char body[BODY_CAP];
} outcome;

static void
check(bool ok)
{
	if (!ok) {
		abort();
	}
}

/*
 * Parse `len` bytes of `msg`: the first slice is `first` bytes (0: no
 * special first slice), later slices `piece` bytes (0: all the rest).
 */
static void
parse(const char *msg, size_t len, size_t first, size_t piece, outcome *out)
{
	char *buf = malloc(BODY_CAP);
	ck_http_response r;
	size_t off = 0;
	size_t used;
	bool done;

	check(buf != NULL);
	memset(out, 0, sizeof *out);
	ck_http_response_init(&r, buf, BODY_CAP);
	for (;;) {
		size_t n = len - off;

		if (off == 0 && first != 0) {
			n = first;
		} else if (piece != 0 && n > piece) {
			n = piece;
		}
		out->rc = ck_http_response_feed(&r, msg + off, n, &used, &done);
		check(used <= n);
		out->consumed += used;
		off += used;
		out->complete = done;
		if (out->rc != CK_OK || done || off == len) {
			break;
		}
		check(used == n);
	}
	check(out->consumed <= len);
	check(out->rc != CK_OK || out->complete || out->consumed == len);
	check(!(out->rc != CK_OK && out->complete));

	/* Once finished, the parser stays finished. */
	if (out->rc != CK_OK || done) {
		ck_result again = ck_http_response_feed(&r, "x", 1, &used, &done);

		check(again == out->rc && used == 0 && done == out->complete);
	}

	if (out->complete) {
		check(r.status >= 200 && r.status <= 599);
		check(r.body.len <= BODY_CAP);
		check(r.body.len == 0 || r.body.ptr == buf);
		out->status = r.status;
		out->keep_alive = r.keep_alive;
		out->has_date = r.has_date;
		out->date = r.date;
		out->body_len = r.body.len;
		if (r.body.len > 0) {
			memcpy(out->body, r.body.ptr, r.body.len);
		}
	}
	free(buf);
}

static void
check_same(const outcome *a, const outcome *b)
{
	check(a->rc == b->rc);
	check(a->complete == b->complete);
	check(a->consumed == b->consumed);
	check(a->status == b->status);
	check(a->keep_alive == b->keep_alive);
	check(a->has_date == b->has_date);
	check(a->date == b->date);
	check(a->body_len == b->body_len);
	check(memcmp(a->body, b->body, a->body_len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static outcome whole, halves, bytes;
	const char *msg;
	size_t len;
	size_t split;

	if (size < 1) {
		return 0;
	}
	msg = (const char *)data + 1;
	len = size - 1;
	/* 0..len, spread over the byte's range. */
	split = (size_t)data[0] * (len + 1) / 256;

	parse(msg, len, 0, 0, &whole);
	if (split > 0 && split < len) {
		parse(msg, len, split, 0, &halves);
		check_same(&whole, &halves);
	}
	parse(msg, len, 0, 1, &bytes);
	check_same(&whole, &bytes);
	return 0;
}
