/*
 * ck_json_writer.c -- a bounded JSON writer into a caller's buffer.
 *
 * Every piece of output goes through put(), the bounded appender
 * ck_buf_append, which checks the room left before copying anything, so
 * nothing is ever written past cap whatever the input. The first error is
 * kept and every later call returns at once: callers check once, at
 * finish.
 */
#include "ck_json_writer.h"

#include "ck_json_string.h"
#include "ck_text.h"

static bool
failed(const ck_json_writer *w)
{
	return w->error != CK_OK;
}

static void
fail(ck_json_writer *w, ck_result r)
{
	if (w->error == CK_OK) {
		w->error = r;
	}
}

/* Append `n` bytes, or none at all when they do not fit. */
static void
put(ck_json_writer *w, const char *p, size_t n)
{
	if (!failed(w) && !ck_buf_append(&w->out, p, n)) {
		fail(w, CK_ERR_BUFFER_TOO_SMALL);
	}
}

static void
put_byte(ck_json_writer *w, char c)
{
	put(w, &c, 1);
}

static bool
in_object(const ck_json_writer *w)
{
	return w->depth != 0 && ((w->in_object >> w->depth) & 1u) != 0;
}

static bool
has_element(const ck_json_writer *w)
{
	return ((w->has_element >> w->depth) & 1u) != 0;
}

static void
mark_element(ck_json_writer *w)
{
	w->has_element |= (uint32_t)1 << w->depth;
}

/*
 * Check a string before any byte of it (or the comma before it) is written,
 * so an invalid string is CK_ERR_INVALID_UTF8 whatever room is left.
 */
static bool
string_is_writable(ck_json_writer *w, ck_span s)
{
	if (!ck_span_is_valid(s)) {
		fail(w, CK_ERR_INVALID_ARGUMENT);
		return false;
	}
	if (!ck_utf8_is_valid(s)) {
		fail(w, CK_ERR_INVALID_UTF8);
		return false;
	}
	return true;
}

/* The string (already checked), escaped, in quotes. */
static void
put_string(ck_json_writer *w, ck_span s)
{
	ck_json_put_string(&w->out, s);
	if (w->out.overflow) {
		fail(w, CK_ERR_BUFFER_TOO_SMALL);
	}
}

/*
 * Account for a value about to be written: check it is allowed here and
 * place the comma before it. Returns false (with the error kept) when the
 * value must not be written.
 */
static bool
begin_value(ck_json_writer *w)
{
	if (failed(w)) {
		return false;
	}
	if (w->depth == 0) {
		if (has_element(w)) {
			fail(w, CK_ERR_INVALID_ARGUMENT);
			return false;
		}
		mark_element(w);
		return true;
	}
	if (in_object(w)) {
		/* The name placed the comma already. */
		if (!w->after_name) {
			fail(w, CK_ERR_INVALID_ARGUMENT);
			return false;
		}
		w->after_name = 0;
		return true;
	}
	if (has_element(w)) {
		put_byte(w, ',');
	}
	mark_element(w);
	return !failed(w);
}

static void
begin_container(ck_json_writer *w, bool object)
{
	uint32_t bit;

	if (w == NULL || failed(w)) {
		return;
	}
	if (w->depth >= CK_JSON_WRITER_MAX_DEPTH) {
		fail(w, CK_ERR_INVALID_ARGUMENT);
		return;
	}
	if (!begin_value(w)) {
		return;
	}
	put_byte(w, object ? '{' : '[');
	w->depth++;
	bit = (uint32_t)1 << w->depth;
	w->has_element &= ~bit;
	if (object) {
		w->in_object |= bit;
	} else {
		w->in_object &= ~bit;
	}
}

static void
end_container(ck_json_writer *w, bool object)
{
	if (w == NULL || failed(w)) {
		return;
	}
	if (w->depth == 0 || in_object(w) != object || w->after_name) {
		fail(w, CK_ERR_INVALID_ARGUMENT);
		return;
	}
	put_byte(w, object ? '}' : ']');
	w->depth--;
}

void
ck_json_writer_init(ck_json_writer *w, char *buf, size_t cap)
{
	if (w == NULL) {
		return;
	}
	w->out = ck_buf_make(buf, cap);
	w->error = CK_OK;
	w->has_element = 0;
	w->in_object = 0;
	w->depth = 0;
	w->after_name = 0;
	if (buf == NULL && cap != 0) {
		w->out.cap = 0;
		w->error = CK_ERR_INVALID_ARGUMENT;
	}
}

void
ck_json_begin_object(ck_json_writer *w)
{
	begin_container(w, true);
}

void
ck_json_end_object(ck_json_writer *w)
{
	end_container(w, true);
}

void
ck_json_begin_array(ck_json_writer *w)
{
	begin_container(w, false);
}

void
ck_json_end_array(ck_json_writer *w)
{
	end_container(w, false);
}

void
ck_json_name(ck_json_writer *w, ck_span name)
{
	if (w == NULL || failed(w)) {
		return;
	}
	if (!in_object(w) || w->after_name) {
		fail(w, CK_ERR_INVALID_ARGUMENT);
		return;
	}
	if (!string_is_writable(w, name)) {
		return;
	}
	if (has_element(w)) {
		put_byte(w, ',');
	}
	mark_element(w);
	put_string(w, name);
	put_byte(w, ':');
	w->after_name = 1;
}

void
ck_json_string(ck_json_writer *w, ck_span s)
{
	if (w == NULL || failed(w)) {
		return;
	}
	/* Checked before begin_value(), so not even a comma is written for a
	 * bad string. */
	if (!string_is_writable(w, s)) {
		return;
	}
	if (begin_value(w)) {
		put_string(w, s);
	}
}

void
ck_json_int64(ck_json_writer *w, int64_t v)
{
	/* "-9223372036854775808": a sign and up to 19 digits. */
	char text[1 + CK_TEXT_DEC_MAX];
	size_t sign = v < 0 ? 1 : 0;
	size_t n;

	if (w == NULL || !begin_value(w)) {
		return;
	}
	text[0] = '-';
	/* Negate in unsigned arithmetic, where INT64_MIN has a magnitude. */
	n = ck_text_dec(sign ? (uint64_t)0 - (uint64_t)v : (uint64_t)v, 0,
		text + 1);
	put(w, text + 1 - sign, sign + n);
}

ck_result
ck_json_writer_finish(ck_json_writer *w, ck_span *doc)
{
	if (doc != NULL) {
		*doc = CK_SPAN_EMPTY;
	}
	if (w == NULL || doc == NULL) {
		if (w != NULL) {
			fail(w, CK_ERR_INVALID_ARGUMENT);
		}
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (!failed(w)) {
		bool complete = w->depth == 0 && !w->after_name
			&& (w->has_element & 1u) != 0;

		if (!complete) {
			fail(w, CK_ERR_INVALID_ARGUMENT);
		}
	}
	if (failed(w)) {
		return (ck_result)w->error;
	}
	*doc = ck_buf_span(&w->out);
	return CK_OK;
}
