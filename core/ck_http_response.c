/*
 * ck_http_response.c -- an incremental HTTP/1.1 response parser.
 *
 * One byte at a time through a small state machine, so a response split at
 * any point parses exactly as it does in one piece. Lines (status, header,
 * chunk size, trailer) are gathered in the struct's line buffer and judged
 * whole when their LF arrives; body bytes are copied straight through.
 *
 * The parser is deliberately strict where leniency has been used to smuggle
 * or truncate responses (RFC 9112 sections 6.1, 6.3, 11.2): conflicting
 * Content-Length, Content-Length with Transfer-Encoding, any coding other
 * than one final "chunked", obsolete line folding, whitespace before the
 * colon and bare CR are all CK_ERR_HTTP_MALFORMED. It is lenient only where
 * RFC 9112 allows it: a bare LF ends a line.
 */
#include "ck_http_response.h"

#include <string.h>

#include "ck_http_date.h"
#include "ck_text.h"

enum {
	ST_STATUS_LINE,      /* gathering a status line */
	ST_HEADER_LINE,      /* gathering header lines, up to the empty one */
	ST_BODY,             /* copying a Content-Length body */
	ST_CHUNK_SIZE_LINE,  /* gathering "hex-size[;ext]" */
	ST_CHUNK_DATA,       /* copying one chunk's data */
	ST_CHUNK_DATA_END,   /* expecting CRLF (or a bare LF) after chunk data */
	ST_TRAILER_LINE,     /* gathering trailer lines, up to the empty one */
	ST_COMPLETE,
	ST_FAILED
};

/* Longest chunk size: 16 hex digits are exactly 64 bits. */
#define CHUNK_SIZE_DIGITS_MAX 16

static bool
is_tchar(unsigned char c)
{
	/* RFC 9110 section 5.6.2 token characters: bit c - 0x20 of the map
	 * is set for each of A-Z a-z 0-9 ! # $ % & ' * + - . ^ _ ` | ~ */
	static const uint32_t map[3] = { 0x03FF6CFAu, 0xC7FFFFFEu,
		0x57FFFFFFu };

	return c >= 0x20 && c < 0x80
		&& ((map[(c - 0x20) >> 5] >> ((c - 0x20) & 31)) & 1u) != 0;
}

static bool
is_ows(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* Field values and reason phrases: VCHAR, obs-text, SP and HTAB. */
static bool
is_field_char(unsigned char c)
{
	return c == '\t' || (c >= 0x20 && c != 0x7F);
}

static ck_span
trim_ows(ck_span s)
{
	while (s.len > 0 && is_ows((unsigned char)s.ptr[0])) {
		s.ptr++;
		s.len--;
	}
	while (s.len > 0 && is_ows((unsigned char)s.ptr[s.len - 1])) {
		s.len--;
	}
	return s;
}

/*
 * Take the next comma-separated element off *rest into *elem, trimmed of
 * OWS. Empty elements come back empty: RFC 9110 section 5.6.1 tells
 * recipients to ignore them, which the callers do.
 */
static bool
next_list_element(ck_span *rest, ck_span *elem)
{
	size_t i = 0;

	if (rest->ptr == NULL) {
		return false;
	}
	while (i < rest->len && rest->ptr[i] != ',') {
		i++;
	}
	*elem = trim_ows(ck_span_make(rest->ptr, i));
	if (i < rest->len) {
		rest->ptr += i + 1;
		rest->len -= i + 1;
	} else {
		/* No comma left: the last element has been taken. */
		rest->ptr = NULL;
		rest->len = 0;
	}
	return true;
}

_Static_assert(ST_STATUS_LINE == 0 && CK_OK == 0, "zero is the start");

static ck_result
fail(ck_http_response *r, ck_result err)
{
	r->state = ST_FAILED;
	r->error = err;
	return err;
}

static void
mark_complete(ck_http_response *r)
{
	r->state = ST_COMPLETE;
	r->body = ck_span_make(r->body_buf, r->body_len);
}

/* "HTTP/1.x SP 3DIGIT [SP reason]"; the SP before an empty reason may be
 * missing, a tolerance many servers rely on. */
static ck_result
on_status_line(ck_http_response *r, const char *line, size_t len)
{
	const unsigned char *p = (const unsigned char *)line;
	uint64_t status;
	size_t i;

	/* RFC 9110 section 15: codes outside 100..599 are invalid. 101 would
	 * hand the connection to another protocol, which we never ask for. */
	if (len < 12 || memcmp(p, "HTTP/1.", 7) != 0
		|| (p[7] != '0' && p[7] != '1') || p[8] != ' '
		|| !ck_text_parse_dec(ck_span_make(line + 9, 3), 599, &status)
		|| status < 100 || status == 101) {
		return CK_ERR_HTTP_MALFORMED;
	}
	if (len > 12 && p[12] != ' ') {
		return CK_ERR_HTTP_MALFORMED; /* a fourth digit, or junk */
	}
	for (i = 13; i < len; i++) {
		if (!is_field_char(p[i])) {
			return CK_ERR_HTTP_MALFORMED;
		}
	}
	r->version_minor = p[7] - '0';
	r->status = (int)status;
	r->state = ST_HEADER_LINE;
	return CK_OK;
}

/* Split "name: value" into a token name and an OWS-trimmed value. */
static ck_result
split_field(const char *line, size_t len, ck_span *name, ck_span *value)
{
	const unsigned char *p = (const unsigned char *)line;
	size_t i = 0;
	size_t j;

	/* A leading SP/HT is obsolete line folding (RFC 9112 section 5.2). */
	while (i < len && is_tchar(p[i])) {
		i++;
	}
	/* No name, no colon, or anything (such as a space) before the colon. */
	if (i == 0 || i == len || p[i] != ':') {
		return CK_ERR_HTTP_MALFORMED;
	}
	for (j = i + 1; j < len; j++) {
		if (!is_field_char(p[j])) {
			return CK_ERR_HTTP_MALFORMED;
		}
	}
	*name = ck_span_make(line, i);
	*value = trim_ows(ck_span_make(line + i + 1, len - i - 1));
	return CK_OK;
}

static void
on_date(ck_http_response *r, ck_span value)
{
	int64_t t;

	/* A bad Date only costs the clock correction, not the response. */
	if (ck_http_date_parse(value, &t) == CK_OK) {
		r->has_date = true;
		r->date = t;
	}
}

static bool
status_has_body(int status)
{
	return status != 204 && status != 304;
}

/* The empty line after a head: decide how the body is framed. */
static ck_result
on_end_of_head(ck_http_response *r)
{
	if (r->status < 200) {
		/* Interim response: forget it and read the real one. */
		r->state = ST_STATUS_LINE;
		return CK_OK;
	}
	if (r->connection_close) {
		r->keep_alive = false;
	} else {
		r->keep_alive = (r->version_minor == 1)
			|| r->connection_keep_alive;
	}
	/* RFC 9112 section 6.1: both framings at once is a smuggling attempt;
	 * chunked from an HTTP/1.0 peer cannot be trusted either. */
	if (r->chunked && (r->has_length || r->version_minor == 0)) {
		return CK_ERR_HTTP_MALFORMED;
	}
	if (!status_has_body(r->status)) {
		mark_complete(r);
		return CK_OK;
	}
	if (r->chunked) {
		r->state = ST_CHUNK_SIZE_LINE;
		return CK_OK;
	}
	if (!r->has_length) {
		return CK_ERR_HTTP_MALFORMED; /* never frame by close */
	}
	if (r->remaining > (uint64_t)r->body_cap) {
		return CK_ERR_RESPONSE_TOO_LARGE;
	}
	if (r->remaining == 0) {
		mark_complete(r);
		return CK_OK;
	}
	r->state = ST_BODY;
	return CK_OK;
}

/* The headers read, lowercase, in the order of the H_ values. */
static const char HEADERS[] =
	"content-length\0transfer-encoding\0connection\0date";
enum { H_CONTENT_LENGTH, H_TRANSFER_ENCODING, H_CONNECTION, H_DATE,
	H_OTHER };

static ck_result
on_header_line(ck_http_response *r, const char *line, size_t len)
{
	const char *lower = HEADERS;
	unsigned h = 0;
	bool any = false;
	ck_span name;
	ck_span value;
	ck_span elem;
	ck_result rc;

	if (len == 0) {
		return on_end_of_head(r);
	}
	rc = split_field(line, len, &name, &value);
	if (rc != CK_OK || r->status < 200) {
		return rc; /* interim headers are checked, then ignored */
	}
	while (h < H_OTHER && !ck_text_eq_nocase(name, lower)) {
		lower += strlen(lower) + 1;
		h++;
	}
	if (h == H_DATE) {
		on_date(r, value);
	}
	if (h >= H_DATE) {
		return CK_OK;
	}
	/* The other three are lists. */
	while (next_list_element(&value, &elem)) {
		uint64_t n;

		if (h == H_CONNECTION) {
			if (ck_text_eq_nocase(elem, "close")) {
				r->connection_close = true;
			} else if (ck_text_eq_nocase(elem, "keep-alive")) {
				r->connection_keep_alive = true;
			}
			continue;
		}
		if (elem.len == 0) {
			continue;
		}
		any = true;
		if (h == H_CONTENT_LENGTH) {
			/* "5, 5" is what a proxy makes of two equal
			 * headers: accept it, but no two lengths. */
			if (!ck_text_parse_dec(elem, UINT64_MAX, &n)
				|| (r->has_length && r->remaining != n)) {
				return CK_ERR_HTTP_MALFORMED;
			}
			r->has_length = true;
			r->remaining = n;
		} else {
			/* Only a single "chunked" can be framed without
			 * trusting the close; anything after it, before it,
			 * or a second one is malformed. */
			if (r->chunked || !ck_text_eq_nocase(elem, "chunked")) {
				return CK_ERR_HTTP_MALFORMED;
			}
			r->chunked = true;
		}
	}
	/* A framing header with no value frames nothing. */
	return any || h == H_CONNECTION ? CK_OK : CK_ERR_HTTP_MALFORMED;
}

/* "1*16HEXDIG [BWS ; ext]"; extensions are checked for bytes, then ignored. */
static ck_result
on_chunk_size_line(ck_http_response *r, const char *line, size_t len)
{
	const unsigned char *p = (const unsigned char *)line;
	uint64_t size = 0;
	size_t i = 0;

	for (; i < len; i++) {
		int d = ck_text_hex_value(p[i]);

		if (d < 0) {
			break;
		}
		if (i == CHUNK_SIZE_DIGITS_MAX) {
			return CK_ERR_HTTP_MALFORMED;
		}
		size = (size << 4) | (unsigned)d;
	}
	if (i == 0) {
		return CK_ERR_HTTP_MALFORMED;
	}
	while (i < len && is_ows(p[i])) {
		i++;
	}
	if (i < len) {
		if (p[i] != ';') {
			return CK_ERR_HTTP_MALFORMED;
		}
		for (; i < len; i++) {
			if (!is_field_char(p[i])) {
				return CK_ERR_HTTP_MALFORMED;
			}
		}
	}
	if (size == 0) {
		/* Trailers get a head budget of their own. */
		r->head_bytes = 0;
		r->state = ST_TRAILER_LINE;
		return CK_OK;
	}
	if (size > (uint64_t)(r->body_cap - r->body_len)) {
		return CK_ERR_RESPONSE_TOO_LARGE;
	}
	r->remaining = size;
	r->state = ST_CHUNK_DATA;
	return CK_OK;
}

static ck_result
on_trailer_line(ck_http_response *r, const char *line, size_t len)
{
	ck_span name;
	ck_span value;

	if (len == 0) {
		mark_complete(r);
		return CK_OK;
	}
	return split_field(line, len, &name, &value);
}

static ck_result
on_line(ck_http_response *r, const char *line, size_t len)
{
	switch (r->state) {
	case ST_STATUS_LINE:
		return on_status_line(r, line, len);
	case ST_HEADER_LINE:
		return on_header_line(r, line, len);
	case ST_CHUNK_SIZE_LINE:
		return on_chunk_size_line(r, line, len);
	default:
		return on_trailer_line(r, line, len);
	}
}

/*
 * One byte of a line. The CR of a CRLF is kept in the buffer until its LF
 * comes, so a CR followed by anything else is caught as a bare CR without
 * another state; the limit counts the line ending, so the LF needs room too.
 * Chunk-size lines stay out of the head budget: each one but the last is
 * followed by at least one body byte, so the body capacity bounds them.
 */
static ck_result
line_byte(ck_http_response *r, char c)
{
	bool counts_to_head = r->state != ST_CHUNK_SIZE_LINE;
	size_t len = r->line_len;

	if (counts_to_head && ++r->head_bytes > CK_HTTP_HEADERS_MAX) {
		return CK_ERR_HTTP_HEADERS_TOO_LARGE;
	}
	if (len > 0 && r->line[len - 1] == '\r' && c != '\n') {
		return CK_ERR_HTTP_MALFORMED;
	}
	if (c == '\n') {
		if (len > 0 && r->line[len - 1] == '\r') {
			len--;
		}
		r->line_len = 0;
		return on_line(r, r->line, len);
	}
	if (len + 2 > CK_HTTP_HEADER_LINE_MAX) {
		return CK_ERR_HTTP_HEADERS_TOO_LARGE;
	}
	r->line[len] = c;
	r->line_len = len + 1;
	return CK_OK;
}

void
ck_http_response_init(ck_http_response *r, char *body_buf, size_t body_cap)
{
	if (r == NULL) {
		return;
	}
	/* Zero is ST_STATUS_LINE and CK_OK: a parser at the start (body is
	 * set when the response is complete). */
	memset(r, 0, sizeof *r);
	r->body_buf = body_buf;
	r->body_cap = (body_buf != NULL) ? body_cap : 0;
}

ck_result
ck_http_response_feed(ck_http_response *r, const char *data, size_t len,
	size_t *consumed, bool *complete)
{
	size_t i = 0;

	if (consumed != NULL) {
		*consumed = 0;
	}
	if (complete != NULL) {
		*complete = false;
	}
	if (r == NULL || consumed == NULL || complete == NULL
		|| (data == NULL && len > 0)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (r->state == ST_FAILED) {
		return r->error;
	}
	while (i < len && r->state != ST_COMPLETE) {
		ck_result rc = CK_OK;

		switch (r->state) {
		case ST_BODY:
		case ST_CHUNK_DATA: {
			size_t n = len - i;

			/* remaining <= body_cap - body_len was checked when it
			 * was set, so the copy always fits. */
			if ((uint64_t)n > r->remaining) {
				n = (size_t)r->remaining;
			}
			memcpy(r->body_buf + r->body_len, data + i, n);
			r->body_len += n;
			r->remaining -= n;
			i += n;
			if (r->remaining == 0) {
				if (r->state == ST_BODY) {
					mark_complete(r);
				} else {
					r->state = ST_CHUNK_DATA_END;
				}
			}
			continue;
		}
		case ST_CHUNK_DATA_END:
			/* CRLF or a bare LF; line_len says a CR came. */
			if (data[i] == '\n') {
				r->state = ST_CHUNK_SIZE_LINE;
				r->line_len = 0;
			} else if (data[i] == '\r' && r->line_len == 0) {
				r->line_len = 1;
			} else {
				rc = CK_ERR_HTTP_MALFORMED;
			}
			break;
		default:
			rc = line_byte(r, data[i]);
			break;
		}
		i++;
		if (rc != CK_OK) {
			*consumed = i;
			return fail(r, rc);
		}
	}
	*consumed = i;
	*complete = (r->state == ST_COMPLETE);
	return CK_OK;
}
