/*
 * test_http_response.c -- the incremental HTTP/1.1 response parser.
 */
#include "test_support.h"

#include "ck_http_response.h"

#define BODY_CAP 256

/* Everything a parse can tell, for comparing one way of feeding with another. */
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
} parse_outcome;

/*
 * Feed `len` bytes of `msg` in pieces of `piece` bytes (0: all at once),
 * except that the first piece is `first` bytes when `first` is not 0.
 * Stops at an error or at completion, as a real caller would.
 */
static parse_outcome
parse_pieces(const char *msg, size_t len, size_t cap, size_t first,
	size_t piece)
{
	static char body[BODY_CAP];
	ck_http_response r;
	parse_outcome out;
	size_t off = 0;

	memset(&out, 0, sizeof out);
	assert_true(cap <= BODY_CAP);
	ck_http_response_init(&r, body, cap);
	do {
		size_t n = len - off;
		size_t used = 0;
		bool done = false;

		if (off == 0 && first != 0) {
			n = first;
		} else if (piece != 0 && n > piece) {
			n = piece;
		}
		out.rc = ck_http_response_feed(&r, msg + off, n, &used, &done);
		assert_true(used <= n);
		out.consumed += used;
		off += used;
		out.complete = done;
		if (out.rc != CK_OK || done) {
			break;
		}
		assert_int_equal(used, n);
	} while (off < len);
	if (out.complete) {
		out.status = r.status;
		out.keep_alive = r.keep_alive;
		out.has_date = r.has_date;
		out.date = r.date;
		out.body_len = r.body.len;
		assert_true(r.body.len <= cap);
		if (r.body.len > 0) {
			memcpy(out.body, r.body.ptr, r.body.len);
		}
	}
	return out;
}

static parse_outcome
parse_str(const char *msg, size_t cap)
{
	return parse_pieces(msg, strlen(msg), cap, 0, 0);
}

static parse_outcome
parse(const char *msg)
{
	return parse_str(msg, BODY_CAP);
}

static void
assert_outcomes_equal(const parse_outcome *a, const parse_outcome *b)
{
	assert_int_equal(a->rc, b->rc);
	assert_int_equal(a->complete, b->complete);
	assert_int_equal(a->consumed, b->consumed);
	assert_int_equal(a->status, b->status);
	assert_int_equal(a->keep_alive, b->keep_alive);
	assert_int_equal(a->has_date, b->has_date);
	assert_int_equal(a->date, b->date);
	assert_int_equal(a->body_len, b->body_len);
	assert_memory_equal(a->body, b->body, a->body_len);
}

static void
assert_body(const parse_outcome *o, const char *expected)
{
	assert_int_equal(o->body_len, strlen(expected));
	assert_memory_equal(o->body, expected, o->body_len);
}

static void
assert_malformed(const char *msg)
{
	parse_outcome o = parse(msg);

	if (o.rc != CK_ERR_HTTP_MALFORMED) {
		fail_msg("expected CK_ERR_HTTP_MALFORMED, got %s for \"%s\"",
			ck_result_name(o.rc), msg);
	}
	assert_false(o.complete);
}

/* --- bodies ---------------------------------------------------------------- */

static void
test_content_length_body_is_copied(void **state)
{
	const char *msg = "HTTP/1.1 200 OK\r\n"
		"Content-Type: application/json\r\n"
		"Content-Length: 14\r\n"
		"\r\n"
		"{\"Response\":1}";
	parse_outcome o;

	(void)state;
	o = parse(msg);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.status, 200);
	assert_body(&o, "{\"Response\":1}");
	assert_int_equal(o.consumed, strlen(msg));
}

static void
test_chunked_body_with_extensions_and_trailers_is_dechunked(void **state)
{
	const char *msg = "HTTP/1.1 200 OK\r\n"
		"Transfer-Encoding: chunked\r\n"
		"\r\n"
		"5;name=value\r\nhello\r\n"
		"1 ; quoted=\"a;b\"\r\n \r\n"
		"A\r\n0123456789\r\n"
		"0;last\r\n"
		"X-Trailer: ignored\r\n"
		"Another: one\r\n"
		"\r\n";
	parse_outcome o;

	(void)state;
	o = parse(msg);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "hello 0123456789");
	assert_int_equal(o.consumed, strlen(msg));
}

static void
test_chunk_sizes_accept_both_hex_cases(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"b\r\nabcdefghijk\r\nB\r\nABCDEFGHIJK\r\n0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "abcdefghijkABCDEFGHIJK");
}

static void
test_chunked_without_trailers_completes(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"3\r\nabc\r\n0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "abc");
}

static void
test_chunked_waits_for_final_empty_line(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"3\r\nabc\r\n0\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_false(o.complete);
}

static void
test_zero_content_length_completes_with_empty_body(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.body_len, 0);
}

static void
test_incomplete_body_is_not_complete(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345");
	assert_int_equal(o.rc, CK_OK);
	assert_false(o.complete);
}

static void
test_error_status_with_body_is_parsed(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.status, 503);
	assert_body(&o, "busy");
}

static void
test_204_without_body_completes(void **state)
{
	const char *msg = "HTTP/1.1 204 No Content\r\nContent-Length: 10\r\n\r\n";
	parse_outcome o;

	(void)state;
	o = parse(msg);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.status, 204);
	assert_int_equal(o.body_len, 0);
	assert_int_equal(o.consumed, strlen(msg));
}

static void
test_304_ignores_content_length(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 304 Not Modified\r\nContent-Length: 5000\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.status, 304);
	assert_int_equal(o.body_len, 0);
}

static void
test_leftover_bytes_are_not_consumed(void **state)
{
	const char *head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
	char msg[128];
	parse_outcome o;

	(void)state;
	snprintf(msg, sizeof msg, "%sHTTP/1.1 200 OK\r\n", head);
	o = parse(msg);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.consumed, strlen(head));
	assert_body(&o, "ok");
}

static void
test_leftover_bytes_after_chunked_are_not_consumed(void **state)
{
	const char *head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"2\r\nok\r\n0\r\n\r\n";
	char msg[128];
	parse_outcome o;

	(void)state;
	snprintf(msg, sizeof msg, "%sgarbage", head);
	o = parse(msg);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.consumed, strlen(head));
}

static void
test_feed_after_completion_consumes_nothing(void **state)
{
	const char *msg = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx";
	char body[8];
	ck_http_response r;
	size_t used = 99;
	bool done = false;

	(void)state;
	ck_http_response_init(&r, body, sizeof body);
	assert_int_equal(ck_http_response_feed(&r, msg, strlen(msg), &used, &done), CK_OK);
	assert_true(done);
	assert_int_equal(ck_http_response_feed(&r, "more", 4, &used, &done), CK_OK);
	assert_int_equal(used, 0);
	assert_true(done);
	assert_int_equal(r.body.len, 1);
	assert_ptr_equal(r.body.ptr, body);
}

/* --- feeding in pieces ------------------------------------------------------ */

static const char *const split_corpus[] = {
	"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nhello",
	"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nConnection: close\r\n"
		"Content-Length: 3\r\n\r\nabcEXTRA",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"4;a=b\r\nWiki\r\n5\r\npedia\r\n0\r\nT: v\r\n\r\nleft",
	"HTTP/1.0 200 OK\nConnection: keep-alive\nContent-Length: 2\n\nhi",
	"HTTP/1.1 204 No Content\r\n\r\nHTTP",
	"HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx",
	"HTTP/1.1 200 OK\r\nContent-Length: 300\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
	"HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n",
	"HTTP/1.1 200 OK\r\n folded\r\n\r\n",
	"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"ff\r\n",
	"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\na",
	"HTTP/1.2 200 OK\r\n\r\n",
};

static void
test_every_split_point_parses_like_one_piece(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < sizeof split_corpus / sizeof split_corpus[0]; k++) {
		const char *msg = split_corpus[k];
		size_t len = strlen(msg);
		parse_outcome whole = parse_pieces(msg, len, BODY_CAP, 0, 0);
		size_t split;

		for (split = 1; split < len; split++) {
			parse_outcome parts = parse_pieces(msg, len, BODY_CAP,
				split, 0);

			assert_outcomes_equal(&whole, &parts);
		}
	}
}

static void
test_one_byte_at_a_time_parses_like_one_piece(void **state)
{
	size_t k;

	(void)state;
	for (k = 0; k < sizeof split_corpus / sizeof split_corpus[0]; k++) {
		const char *msg = split_corpus[k];
		size_t len = strlen(msg);
		parse_outcome whole = parse_pieces(msg, len, BODY_CAP, 0, 0);
		parse_outcome bytes = parse_pieces(msg, len, BODY_CAP, 0, 1);

		assert_outcomes_equal(&whole, &bytes);
	}
}

static void
test_split_corpus_has_expected_results(void **state)
{
	parse_outcome o;

	(void)state;
	/* Guards the two tests above against comparing failure with failure. */
	o = parse(split_corpus[0]);
	assert_true(o.complete);
	assert_body(&o, "hello");
	o = parse(split_corpus[2]);
	assert_true(o.complete);
	assert_body(&o, "Wikipedia");
	o = parse(split_corpus[5]);
	assert_int_equal(o.rc, CK_ERR_HTTP_MALFORMED);
}

/* --- interim responses ------------------------------------------------------ */

static void
test_100_continue_is_skipped(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 100 Continue\r\n\r\n"
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.status, 200);
	assert_body(&o, "ok");
}

static void
test_several_interim_responses_are_skipped(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 100 Continue\r\n\r\n"
		"HTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n"
		"HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.status, 202);
}

static void
test_interim_headers_do_not_affect_final_response(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 100 Continue\r\nConnection: close\r\n"
		"Content-Length: 9\r\nTransfer-Encoding: chunked\r\n"
		"Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n"
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_true(o.keep_alive);
	assert_false(o.has_date);
	assert_body(&o, "ok");
}

static void
test_interim_response_alone_is_not_complete(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 100 Continue\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_false(o.complete);
}

static void
test_101_switching_protocols_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n");
}

static void
test_malformed_header_in_interim_response_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 100 Continue\r\nBad Header: x\r\n\r\n");
}

static void
test_endless_interim_responses_hit_the_head_limit(void **state)
{
	static char msg[CK_HTTP_HEADERS_MAX + 64];
	const char *interim = "HTTP/1.1 100 Continue\r\n\r\n";
	size_t n = strlen(interim);
	size_t len = 0;
	parse_outcome o;

	(void)state;
	while (len + n < sizeof msg - 1) {
		memcpy(msg + len, interim, n);
		len += n;
	}
	msg[len] = '\0';
	o = parse(msg);
	assert_int_equal(o.rc, CK_ERR_HTTP_HEADERS_TOO_LARGE);
}

/* --- headers ---------------------------------------------------------------- */

static void
test_header_names_match_case_insensitively(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\ncOnTeNt-LeNgTh: 3\r\nCONNECTION: CLOSE\r\n"
		"date: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\nabc");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "abc");
	assert_false(o.keep_alive);
	assert_true(o.has_date);

	o = parse("HTTP/1.1 200 OK\r\nTRANSFER-ENCODING: CHUNKED\r\n\r\n"
		"1\r\nz\r\n0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_body(&o, "z");
}

static void
test_whitespace_around_header_value_is_trimmed(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nContent-Length:\t 2 \t\r\n"
		"Date:   Sun, 06 Nov 1994 08:49:37 GMT  \r\n\r\nok");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "ok");
	assert_true(o.has_date);
}

static void
test_empty_header_value_is_accepted(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nX-Empty:\r\nX-Blank:   \r\n"
		"Content-Length: 0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
}

static void
test_obs_text_in_header_value_is_accepted(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nX-Name: caf\xc3\xa9\r\n"
		"Content-Length: 0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
}

static void
test_bare_lf_line_endings_are_accepted(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\nContent-Length: 2\n\nok");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "ok");

	o = parse("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n"
		"2\nok\n0\n\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "ok");
}

/* --- keep-alive --------------------------------------------------------------- */

static void
test_http11_keeps_alive_by_default(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_true(o.keep_alive);
}

static void
test_http11_connection_close_ends_keep_alive(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_false(o.keep_alive);
}

static void
test_connection_tokens_are_read_from_a_list(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nConnection: Upgrade ,  Close\r\n"
		"Content-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_false(o.keep_alive);

	/* "closed" is another token, not "close". */
	o = parse("HTTP/1.1 200 OK\r\nConnection: closed, x-close\r\n"
		"Content-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_true(o.keep_alive);
}

static void
test_http10_closes_by_default(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_false(o.keep_alive);
}

static void
test_http10_keep_alive_token_keeps_alive(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_true(o.keep_alive);
}

static void
test_close_wins_over_keep_alive(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.0 200 OK\r\nConnection: keep-alive, close\r\nContent-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_false(o.keep_alive);
}

/* --- Date ---------------------------------------------------------------------- */

static void
test_date_header_is_parsed(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
		"Content-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_true(o.has_date);
	assert_int_equal(o.date, 784111777);
}

static void
test_date_after_2038_is_parsed(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nDate: Tue, 01 Jan 2041 00:00:00 GMT\r\n"
		"Content-Length: 0\r\n\r\n");
	assert_true(o.has_date);
	assert_true(o.date == INT64_C(2240611200));
}

static void
test_unparseable_date_is_ignored(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nDate: yesterday\r\nContent-Length: 0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_false(o.has_date);
}

static void
test_missing_date_leaves_has_date_false(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_false(o.has_date);
}

/* --- status line ------------------------------------------------------------------ */

static void
test_http10_status_line_is_accepted(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.0 404 Not Found\r\nContent-Length: 1\r\n\r\nx");
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_int_equal(o.status, 404);
}

static void
test_reason_phrase_may_be_empty(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 \r\nContent-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_int_equal(o.status, 200);
	o = parse("HTTP/1.1 200\r\nContent-Length: 0\r\n\r\n");
	assert_true(o.complete);
	assert_int_equal(o.status, 200);
}

static void
test_bad_status_lines_are_malformed(void **state)
{
	static const char *const bad[] = {
		"HTTP/1.2 200 OK\r\n",
		"HTTP/2 200 OK\r\n",
		"HTTP/2.0 200 OK\r\n",
		"http/1.1 200 OK\r\n",
		"HTTP/1.1 20 OK\r\n",
		"HTTP/1.1 2000 OK\r\n",
		"HTTP/1.1 20x OK\r\n",
		"HTTP/1.1  200 OK\r\n",
		"HTTP/1.1 -20 OK\r\n",
		"HTTP/1.1 099 Low\r\n",
		"HTTP/1.1 600 High\r\n",
		"HTTP/1.1 200 O\x01K\r\n",
		"HTTP/1.1 200 O\x7fK\r\n",
		"HTTP/1.1\r\n",
		"HTTP/1.1 200OK\r\n",
		"ICY 200 OK\r\n",
		" HTTP/1.1 200 OK\r\n",
		"\r\n",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_malformed(bad[i]);
	}
}

/* --- malformed headers -------------------------------------------------------------- */

static void
test_obs_fold_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\nContent-Length: 0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nX-A: one\r\n\ttwo\r\nContent-Length: 0\r\n\r\n");
}

static void
test_whitespace_before_first_header_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\n Content-Length: 0\r\n\r\n");
}

static void
test_header_without_colon_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nContent-Length 0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nJustAName\r\nContent-Length: 0\r\n\r\n");
}

static void
test_header_without_name_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\n: value\r\nContent-Length: 0\r\n\r\n");
}

static void
test_space_before_colon_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nContent-Length : 0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding\t: chunked\r\n\r\n");
}

static void
test_nul_in_header_is_malformed(void **state)
{
	static const char name_nul[] = "HTTP/1.1 200 OK\r\nX-A\0B: 1\r\nContent-Length: 0\r\n\r\n";
	static const char value_nul[] = "HTTP/1.1 200 OK\r\nX-A: 1\0 2\r\nContent-Length: 0\r\n\r\n";
	parse_outcome o;

	(void)state;
	o = parse_pieces(name_nul, sizeof name_nul - 1, BODY_CAP, 0, 0);
	assert_int_equal(o.rc, CK_ERR_HTTP_MALFORMED);
	o = parse_pieces(value_nul, sizeof value_nul - 1, BODY_CAP, 0, 0);
	assert_int_equal(o.rc, CK_ERR_HTTP_MALFORMED);
}

static void
test_control_byte_in_header_value_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nX-A: a\x1b[31m\r\nContent-Length: 0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nX-A: a\x7f\r\nContent-Length: 0\r\n\r\n");
}

static void
test_non_token_header_name_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nX(A): 1\r\nContent-Length: 0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nX\xc3\xa9: 1\r\nContent-Length: 0\r\n\r\n");
}

static void
test_bare_cr_in_line_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nX-A: a\rb\r\nContent-Length: 0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\rContent-Length: 0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\r\n");
}

static void
test_bare_cr_is_rejected_before_the_line_ends(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\rX");
	assert_int_equal(o.rc, CK_ERR_HTTP_MALFORMED);
	assert_int_equal(o.consumed, strlen("HTTP/1.1 200 OK\rX"));
}

/* --- framing ------------------------------------------------------------------------- */

static void
test_conflicting_content_lengths_are_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello");
	assert_malformed("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello");
}

static void
test_repeated_equal_content_lengths_are_accepted(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
	assert_int_equal(o.rc, CK_OK);
	assert_body(&o, "hello");
	o = parse("HTTP/1.1 200 OK\r\nContent-Length: 5,5 , 005\r\n\r\nhello");
	assert_int_equal(o.rc, CK_OK);
	assert_body(&o, "hello");
}

static void
test_bad_content_length_values_are_malformed(void **state)
{
	static const char *const bad[] = {
		"",
		" , ",
		"+5",
		"-1",
		"0x10",
		"5 5",
		"5;",
		"five",
		"18446744073709551616",
		"99999999999999999999999",
	};
	char msg[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(msg, sizeof msg,
			"HTTP/1.1 200 OK\r\nContent-Length: %s\r\n\r\nhello", bad[i]);
		assert_malformed(msg);
	}
}

static void
test_largest_content_length_is_too_large_not_malformed(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nContent-Length: 18446744073709551615\r\n\r\n");
	assert_int_equal(o.rc, CK_ERR_RESPONSE_TOO_LARGE);
}

static void
test_content_length_with_transfer_encoding_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n"
		"Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
		"Content-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
}

static void
test_gzip_transfer_encoding_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\n"
		"Content-Length: 0\r\n\r\n");
}

static void
test_chunked_not_last_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n"
		"Transfer-Encoding: gzip\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, chunked\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked;q=1\r\n\r\n");
}

static void
test_empty_transfer_encoding_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding:\r\nContent-Length: 0\r\n\r\n");
}

static void
test_chunked_from_http10_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"1\r\nx\r\n0\r\n\r\n");
}

static void
test_response_without_framing_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{}");
	assert_malformed("HTTP/1.0 200 OK\r\n\r\n{}");
}

/* --- chunks -------------------------------------------------------------------------- */

static void
test_bad_chunk_size_is_malformed(void **state)
{
	static const char *const bad[] = {
		"g", "", " 5", "-5", "+5", "5 x", "0x5", "5;\x01", ";ext",
	};
	char msg[160];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked"
			"\r\n\r\n%s\r\nhello\r\n0\r\n\r\n", bad[i]);
		assert_malformed(msg);
	}
}

static void
test_chunk_size_overflow_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"10000000000000000\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"00000000000000001\r\nx\r\n0\r\n\r\n");
}

static void
test_sixteen_digit_chunk_size_is_accepted(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"0000000000000001\r\nx\r\n0\r\n\r\n");
	assert_int_equal(o.rc, CK_OK);
	assert_body(&o, "x");
}

static void
test_largest_chunk_size_is_too_large(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"ffffffffffffffff\r\n");
	assert_int_equal(o.rc, CK_ERR_RESPONSE_TOO_LARGE);
}

static void
test_missing_crlf_after_chunk_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"3\r\nabcd\r\n0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"3\r\nabc0\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"3\r\nabc\rX0\r\n\r\n");
}

static void
test_malformed_trailer_is_malformed(void **state)
{
	(void)state;
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"0\r\nno colon\r\n\r\n");
	assert_malformed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"0\r\nA: b\r\n folded\r\n\r\n");
}

/* --- limits --------------------------------------------------------------------------- */

/* A head with one header line "X-Long: aaa..." of exactly `line_len` bytes
 * counting its CRLF. */
static parse_outcome
parse_with_header_line_of(size_t line_len)
{
	static char msg[CK_HTTP_HEADER_LINE_MAX + 256];
	const char *start = "HTTP/1.1 200 OK\r\nX-Long: ";
	const char *end = "\r\nContent-Length: 0\r\n\r\n";
	size_t fill = line_len - strlen("X-Long: ") - 2;
	size_t len = 0;

	assert_true(strlen(start) + fill + strlen(end) < sizeof msg);
	memcpy(msg, start, strlen(start));
	len += strlen(start);
	memset(msg + len, 'a', fill);
	len += fill;
	memcpy(msg + len, end, strlen(end));
	len += strlen(end);
	return parse_pieces(msg, len, BODY_CAP, 0, 0);
}

static void
test_header_line_at_the_limit_is_accepted(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse_with_header_line_of(CK_HTTP_HEADER_LINE_MAX);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
}

static void
test_header_line_too_long_is_rejected(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse_with_header_line_of(CK_HTTP_HEADER_LINE_MAX + 1);
	assert_int_equal(o.rc, CK_ERR_HTTP_HEADERS_TOO_LARGE);
	assert_false(o.complete);
}

static void
test_chunk_size_line_too_long_is_rejected(void **state)
{
	static char msg[CK_HTTP_HEADER_LINE_MAX + 256];
	int n;

	(void)state;
	n = snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;");
	memset(msg + n, 'e', CK_HTTP_HEADER_LINE_MAX);
	msg[n + CK_HTTP_HEADER_LINE_MAX] = '\0';
	assert_int_equal(parse(msg).rc, CK_ERR_HTTP_HEADERS_TOO_LARGE);
}

static size_t
append_headers(char *msg, size_t len, size_t cap, size_t until)
{
	const char *line = "X-Filler: 0123456789012345678901234567890123456789\r\n";
	size_t n = strlen(line);

	while (len < until && len + n < cap) {
		memcpy(msg + len, line, n);
		len += n;
	}
	return len;
}

static void
test_total_head_too_long_is_rejected(void **state)
{
	static char msg[CK_HTTP_HEADERS_MAX + 512];
	size_t len;
	parse_outcome o;

	(void)state;
	len = (size_t)snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\n");
	len = append_headers(msg, len, sizeof msg - 64, CK_HTTP_HEADERS_MAX + 1);
	len += (size_t)snprintf(msg + len, sizeof msg - len,
		"Content-Length: 0\r\n\r\n");
	o = parse_pieces(msg, len, BODY_CAP, 0, 0);
	assert_int_equal(o.rc, CK_ERR_HTTP_HEADERS_TOO_LARGE);
}

static void
test_head_at_the_limit_is_accepted(void **state)
{
	static char msg[CK_HTTP_HEADERS_MAX + 512];
	const char *tail = "Content-Length: 0\r\n\r\n";
	size_t len;
	parse_outcome o;

	(void)state;
	len = (size_t)snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\n");
	len = append_headers(msg, len, sizeof msg,
		CK_HTTP_HEADERS_MAX - strlen(tail) - 100);
	/* Pad with one header so the head is exactly the limit. */
	{
		size_t pad = CK_HTTP_HEADERS_MAX - strlen(tail) - len;

		assert_true(pad >= 6);
		memcpy(msg + len, "X-P:", 4);
		memset(msg + len + 4, 'p', pad - 6);
		memcpy(msg + len + pad - 2, "\r\n", 2);
		len += pad;
	}
	memcpy(msg + len, tail, strlen(tail));
	len += strlen(tail);
	assert_int_equal(len, CK_HTTP_HEADERS_MAX);
	o = parse_pieces(msg, len, BODY_CAP, 0, 0);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
}

static void
test_trailers_too_long_are_rejected(void **state)
{
	static char msg[CK_HTTP_HEADERS_MAX + 512];
	size_t len;

	(void)state;
	len = (size_t)snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\n"
		"Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n");
	len = append_headers(msg, len, sizeof msg - 8, len + CK_HTTP_HEADERS_MAX + 1);
	memcpy(msg + len, "\r\n", 2);
	len += 2;
	assert_int_equal(parse_pieces(msg, len, BODY_CAP, 0, 0).rc,
		CK_ERR_HTTP_HEADERS_TOO_LARGE);
}

static void
test_trailers_have_a_budget_of_their_own(void **state)
{
	static char msg[2 * CK_HTTP_HEADERS_MAX];
	const char *body = "1\r\nx\r\n0\r\n";
	size_t len;
	parse_outcome o;

	(void)state;
	/* A head and a trailer section each near the limit: together over it. */
	len = (size_t)snprintf(msg, sizeof msg, "HTTP/1.1 200 OK\r\n"
		"Transfer-Encoding: chunked\r\n");
	len = append_headers(msg, len, sizeof msg,
		CK_HTTP_HEADERS_MAX - 200);
	len += (size_t)snprintf(msg + len, sizeof msg - len, "\r\n%s", body);
	len = append_headers(msg, len, sizeof msg,
		len + CK_HTTP_HEADERS_MAX - 200);
	memcpy(msg + len, "\r\n", 2);
	len += 2;
	assert_true(len > CK_HTTP_HEADERS_MAX + 1000);
	o = parse_pieces(msg, len, BODY_CAP, 0, 0);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "x");
}

static void
test_body_too_large_is_rejected_up_front(void **state)
{
	parse_outcome o;

	(void)state;
	/* Rejected at the end of the head, before any body byte arrives. */
	o = parse_str("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n", 8);
	assert_int_equal(o.rc, CK_ERR_RESPONSE_TOO_LARGE);
}

static void
test_body_exactly_at_capacity_fits(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse_str("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n12345678", 8);
	assert_int_equal(o.rc, CK_OK);
	assert_true(o.complete);
	assert_body(&o, "12345678");
}

static void
test_chunked_body_too_large_is_rejected(void **state)
{
	parse_outcome o;

	(void)state;
	o = parse_str("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"5\r\n12345\r\n4\r\n6789\r\n0\r\n\r\n", 8);
	assert_int_equal(o.rc, CK_ERR_RESPONSE_TOO_LARGE);
	o = parse_str("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		"5\r\n12345\r\n3\r\n678\r\n0\r\n\r\n", 8);
	assert_int_equal(o.rc, CK_OK);
	assert_body(&o, "12345678");
}

static void
test_null_body_buffer_accepts_only_empty_bodies(void **state)
{
	const char *empty = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
	const char *one = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx";
	ck_http_response r;
	size_t used;
	bool done;

	(void)state;
	ck_http_response_init(&r, NULL, 100);
	assert_int_equal(ck_http_response_feed(&r, empty, strlen(empty), &used, &done), CK_OK);
	assert_true(done);
	assert_int_equal(r.body.len, 0);
	ck_http_response_init(&r, NULL, 100);
	assert_int_equal(ck_http_response_feed(&r, one, strlen(one), &used, &done),
		CK_ERR_RESPONSE_TOO_LARGE);
}

/* --- API contract ---------------------------------------------------------------------- */

static void
test_error_is_sticky(void **state)
{
	const char *bad = "HTTP/9.9 200 OK\r\n";
	const char *good = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
	char body[8];
	ck_http_response r;
	size_t used;
	bool done;

	(void)state;
	ck_http_response_init(&r, body, sizeof body);
	assert_int_equal(ck_http_response_feed(&r, bad, strlen(bad), &used, &done),
		CK_ERR_HTTP_MALFORMED);
	assert_false(done);
	assert_int_equal(ck_http_response_feed(&r, good, strlen(good), &used, &done),
		CK_ERR_HTTP_MALFORMED);
	assert_int_equal(used, 0);
	assert_false(done);
	ck_http_response_init(&r, body, sizeof body);
	assert_int_equal(ck_http_response_feed(&r, good, strlen(good), &used, &done), CK_OK);
	assert_true(done);
}

static void
test_too_large_error_is_sticky(void **state)
{
	const char *msg = "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n";
	char body[8];
	ck_http_response r;
	size_t used;
	bool done;

	(void)state;
	ck_http_response_init(&r, body, sizeof body);
	assert_int_equal(ck_http_response_feed(&r, msg, strlen(msg), &used, &done),
		CK_ERR_RESPONSE_TOO_LARGE);
	assert_int_equal(ck_http_response_feed(&r, "x", 1, &used, &done),
		CK_ERR_RESPONSE_TOO_LARGE);
}

static void
test_empty_feed_is_harmless(void **state)
{
	char body[8];
	ck_http_response r;
	size_t used = 5;
	bool done = true;

	(void)state;
	ck_http_response_init(&r, body, sizeof body);
	assert_int_equal(ck_http_response_feed(&r, NULL, 0, &used, &done), CK_OK);
	assert_int_equal(used, 0);
	assert_false(done);
}

static void
test_null_arguments_are_rejected(void **state)
{
	char body[8];
	ck_http_response r;
	size_t used;
	bool done;

	(void)state;
	ck_http_response_init(&r, body, sizeof body);
	assert_int_equal(ck_http_response_feed(NULL, "H", 1, &used, &done),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_http_response_feed(&r, NULL, 1, &used, &done),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_http_response_feed(&r, "H", 1, NULL, &done),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_http_response_feed(&r, "H", 1, &used, NULL),
		CK_ERR_INVALID_ARGUMENT);
	ck_http_response_init(NULL, body, sizeof body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_content_length_body_is_copied),
		cmocka_unit_test(test_chunked_body_with_extensions_and_trailers_is_dechunked),
		cmocka_unit_test(test_chunk_sizes_accept_both_hex_cases),
		cmocka_unit_test(test_chunked_without_trailers_completes),
		cmocka_unit_test(test_chunked_waits_for_final_empty_line),
		cmocka_unit_test(test_zero_content_length_completes_with_empty_body),
		cmocka_unit_test(test_incomplete_body_is_not_complete),
		cmocka_unit_test(test_error_status_with_body_is_parsed),
		cmocka_unit_test(test_204_without_body_completes),
		cmocka_unit_test(test_304_ignores_content_length),
		cmocka_unit_test(test_leftover_bytes_are_not_consumed),
		cmocka_unit_test(test_leftover_bytes_after_chunked_are_not_consumed),
		cmocka_unit_test(test_feed_after_completion_consumes_nothing),
		cmocka_unit_test(test_every_split_point_parses_like_one_piece),
		cmocka_unit_test(test_one_byte_at_a_time_parses_like_one_piece),
		cmocka_unit_test(test_split_corpus_has_expected_results),
		cmocka_unit_test(test_100_continue_is_skipped),
		cmocka_unit_test(test_several_interim_responses_are_skipped),
		cmocka_unit_test(test_interim_headers_do_not_affect_final_response),
		cmocka_unit_test(test_interim_response_alone_is_not_complete),
		cmocka_unit_test(test_101_switching_protocols_is_malformed),
		cmocka_unit_test(test_malformed_header_in_interim_response_is_malformed),
		cmocka_unit_test(test_endless_interim_responses_hit_the_head_limit),
		cmocka_unit_test(test_header_names_match_case_insensitively),
		cmocka_unit_test(test_whitespace_around_header_value_is_trimmed),
		cmocka_unit_test(test_empty_header_value_is_accepted),
		cmocka_unit_test(test_obs_text_in_header_value_is_accepted),
		cmocka_unit_test(test_bare_lf_line_endings_are_accepted),
		cmocka_unit_test(test_http11_keeps_alive_by_default),
		cmocka_unit_test(test_http11_connection_close_ends_keep_alive),
		cmocka_unit_test(test_connection_tokens_are_read_from_a_list),
		cmocka_unit_test(test_http10_closes_by_default),
		cmocka_unit_test(test_http10_keep_alive_token_keeps_alive),
		cmocka_unit_test(test_close_wins_over_keep_alive),
		cmocka_unit_test(test_date_header_is_parsed),
		cmocka_unit_test(test_date_after_2038_is_parsed),
		cmocka_unit_test(test_unparseable_date_is_ignored),
		cmocka_unit_test(test_missing_date_leaves_has_date_false),
		cmocka_unit_test(test_http10_status_line_is_accepted),
		cmocka_unit_test(test_reason_phrase_may_be_empty),
		cmocka_unit_test(test_bad_status_lines_are_malformed),
		cmocka_unit_test(test_obs_fold_is_malformed),
		cmocka_unit_test(test_whitespace_before_first_header_is_malformed),
		cmocka_unit_test(test_header_without_colon_is_malformed),
		cmocka_unit_test(test_header_without_name_is_malformed),
		cmocka_unit_test(test_space_before_colon_is_malformed),
		cmocka_unit_test(test_nul_in_header_is_malformed),
		cmocka_unit_test(test_control_byte_in_header_value_is_malformed),
		cmocka_unit_test(test_non_token_header_name_is_malformed),
		cmocka_unit_test(test_bare_cr_in_line_is_malformed),
		cmocka_unit_test(test_bare_cr_is_rejected_before_the_line_ends),
		cmocka_unit_test(test_conflicting_content_lengths_are_malformed),
		cmocka_unit_test(test_repeated_equal_content_lengths_are_accepted),
		cmocka_unit_test(test_bad_content_length_values_are_malformed),
		cmocka_unit_test(test_largest_content_length_is_too_large_not_malformed),
		cmocka_unit_test(test_content_length_with_transfer_encoding_is_malformed),
		cmocka_unit_test(test_gzip_transfer_encoding_is_malformed),
		cmocka_unit_test(test_chunked_not_last_is_malformed),
		cmocka_unit_test(test_empty_transfer_encoding_is_malformed),
		cmocka_unit_test(test_chunked_from_http10_is_malformed),
		cmocka_unit_test(test_response_without_framing_is_malformed),
		cmocka_unit_test(test_bad_chunk_size_is_malformed),
		cmocka_unit_test(test_chunk_size_overflow_is_malformed),
		cmocka_unit_test(test_sixteen_digit_chunk_size_is_accepted),
		cmocka_unit_test(test_largest_chunk_size_is_too_large),
		cmocka_unit_test(test_missing_crlf_after_chunk_is_malformed),
		cmocka_unit_test(test_malformed_trailer_is_malformed),
		cmocka_unit_test(test_header_line_at_the_limit_is_accepted),
		cmocka_unit_test(test_header_line_too_long_is_rejected),
		cmocka_unit_test(test_chunk_size_line_too_long_is_rejected),
		cmocka_unit_test(test_total_head_too_long_is_rejected),
		cmocka_unit_test(test_head_at_the_limit_is_accepted),
		cmocka_unit_test(test_trailers_too_long_are_rejected),
		cmocka_unit_test(test_trailers_have_a_budget_of_their_own),
		cmocka_unit_test(test_body_too_large_is_rejected_up_front),
		cmocka_unit_test(test_body_exactly_at_capacity_fits),
		cmocka_unit_test(test_chunked_body_too_large_is_rejected),
		cmocka_unit_test(test_null_body_buffer_accepts_only_empty_bodies),
		cmocka_unit_test(test_error_is_sticky),
		cmocka_unit_test(test_too_large_error_is_sticky),
		cmocka_unit_test(test_empty_feed_is_harmless),
		cmocka_unit_test(test_null_arguments_are_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
