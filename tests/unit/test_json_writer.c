/*
 * test_json_writer.c -- the bounded JSON writer: layout, escaping, UTF-8
 * checking, integers, room, misuse.
 */
#include "test_support.h"

#include "ck_json_writer.h"
#include "ck_text.h"

#define BIG 512
#define CANARY ((char)0xA5)

/* A writer over a big buffer with one canary byte just past its cap. */
typedef struct {
	ck_json_writer w;
	char mem[BIG + 1];
} big_writer;

static void
big_writer_init(big_writer *b)
{
	memset(b->mem, CANARY, sizeof b->mem);
	ck_json_writer_init(&b->w, b->mem, BIG);
}

/* Write `s` as the only value of a document; return the result. */
static ck_result
write_lone_string(big_writer *b, ck_span s, ck_span *doc)
{
	big_writer_init(b);
	ck_json_string(&b->w, s);
	return ck_json_writer_finish(&b->w, doc);
}

static void
assert_string_written_as(const char *raw, size_t raw_len, const char *json)
{
	big_writer b;
	ck_span doc;

	assert_int_equal(write_lone_string(&b, ck_span_make(raw, raw_len), &doc),
		CK_OK);
	assert_span_equal(doc, json);
}

static void
assert_string_rejected_as_utf8(const char *raw, size_t raw_len)
{
	big_writer b;
	ck_span doc = CK_SPAN_LITERAL("sentinel");

	assert_int_equal(write_lone_string(&b, ck_span_make(raw, raw_len), &doc),
		CK_ERR_INVALID_UTF8);
	assert_int_equal(doc.len, 0);
	assert_null(doc.ptr);
	assert_false(ck_utf8_is_valid(ck_span_make(raw, raw_len)));
}

#define ASSERT_ESCAPED(raw, json) \
	assert_string_written_as((raw), sizeof(raw) - 1, (json))
#define ASSERT_BAD_UTF8(raw) \
	assert_string_rejected_as_utf8((raw), sizeof(raw) - 1)

static ck_result
write_lone_int(big_writer *b, int64_t v, ck_span *doc)
{
	big_writer_init(b);
	ck_json_int64(&b->w, v);
	return ck_json_writer_finish(&b->w, doc);
}

static void
assert_int_written_as(int64_t v, const char *json)
{
	big_writer b;
	ck_span doc;

	assert_int_equal(write_lone_int(&b, v, &doc), CK_OK);
	assert_span_equal(doc, json);
}

/* A document that exercises every kind of piece, escapes included. */
static void
write_sample_document(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_name(w, CK_SPAN_LITERAL("a\"b"));
	ck_json_string(w, CK_SPAN_LITERAL("x\n\x01\xc3\xa9"));
	ck_json_name(w, CK_SPAN_LITERAL("n"));
	ck_json_begin_array(w);
	ck_json_int64(w, INT64_MIN);
	ck_json_int64(w, 7);
	ck_json_begin_object(w);
	ck_json_end_object(w);
	ck_json_end_array(w);
	ck_json_end_object(w);
}

static const char sample_document[] =
	"{\"a\\\"b\":\"x\\n\\u0001\xc3\xa9\",\"n\":[-9223372036854775808,7,{}]}";

/* Assert misuse `steps` ends in CK_ERR_INVALID_ARGUMENT at finish. */
static void
assert_misuse(void (*steps)(ck_json_writer *))
{
	big_writer b;
	ck_span doc = CK_SPAN_LITERAL("sentinel");

	big_writer_init(&b);
	steps(&b.w);
	assert_int_equal(ck_json_writer_finish(&b.w, &doc),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(doc.len, 0);
}

/* --- layout ------------------------------------------------------------ */

static void
test_empty_object_is_written(void **state)
{
	big_writer b;
	ck_span doc;

	(void)state;
	big_writer_init(&b);
	ck_json_begin_object(&b.w);
	ck_json_end_object(&b.w);
	assert_int_equal(ck_json_writer_finish(&b.w, &doc), CK_OK);
	assert_span_equal(doc, "{}");
}

/* An empty span may have no memory behind it: {NULL, 0} is a name and a
 * value like any other (clang's UBSan refuses NULL + 0). */
static void
test_empty_strings_without_memory_are_written(void **state)
{
	big_writer b;
	ck_span doc;

	(void)state;
	big_writer_init(&b);
	ck_json_begin_object(&b.w);
	ck_json_name(&b.w, CK_SPAN_EMPTY);
	ck_json_string(&b.w, CK_SPAN_EMPTY);
	ck_json_end_object(&b.w);
	assert_int_equal(ck_json_writer_finish(&b.w, &doc), CK_OK);
	assert_span_equal(doc, "{\"\":\"\"}");
}

static void
test_empty_array_is_written(void **state)
{
	big_writer b;
	ck_span doc;

	(void)state;
	big_writer_init(&b);
	ck_json_begin_array(&b.w);
	ck_json_end_array(&b.w);
	assert_int_equal(ck_json_writer_finish(&b.w, &doc), CK_OK);
	assert_span_equal(doc, "[]");
}

static void
test_commas_and_colons_are_placed_by_the_writer(void **state)
{
	big_writer b;
	ck_span doc;

	(void)state;
	big_writer_init(&b);
	ck_json_begin_object(&b.w);
	ck_json_name(&b.w, CK_SPAN_LITERAL("a"));
	ck_json_int64(&b.w, 1);
	ck_json_name(&b.w, CK_SPAN_LITERAL("b"));
	ck_json_begin_array(&b.w);
	ck_json_int64(&b.w, 1);
	ck_json_string(&b.w, CK_SPAN_LITERAL("x"));
	ck_json_begin_object(&b.w);
	ck_json_end_object(&b.w);
	ck_json_begin_array(&b.w);
	ck_json_end_array(&b.w);
	ck_json_end_array(&b.w);
	ck_json_name(&b.w, CK_SPAN_LITERAL("c"));
	ck_json_begin_object(&b.w);
	ck_json_name(&b.w, CK_SPAN_LITERAL("d"));
	ck_json_string(&b.w, CK_SPAN_LITERAL(""));
	ck_json_end_object(&b.w);
	ck_json_end_object(&b.w);
	assert_int_equal(ck_json_writer_finish(&b.w, &doc), CK_OK);
	assert_span_equal(doc, "{\"a\":1,\"b\":[1,\"x\",{},[]],\"c\":{\"d\":\"\"}}");
}

static void
test_lone_top_level_string_is_a_document(void **state)
{
	(void)state;
	ASSERT_ESCAPED("plain", "\"plain\"");
}

static void
test_document_points_into_the_callers_buffer(void **state)
{
	big_writer b;
	ck_span doc;

	(void)state;
	assert_int_equal(write_lone_int(&b, 5, &doc), CK_OK);
	assert_ptr_equal(doc.ptr, b.mem);
	assert_int_equal(doc.len, 1);
}

/* --- escaping ------------------------------------------------------------ */

static void
test_quote_is_escaped(void **state)
{
	(void)state;
	ASSERT_ESCAPED("a\"b", "\"a\\\"b\"");
}

static void
test_backslash_is_escaped(void **state)
{
	(void)state;
	ASSERT_ESCAPED("a\\b", "\"a\\\\b\"");
}

static void
test_control_bytes_with_short_escapes_use_them(void **state)
{
	(void)state;
	ASSERT_ESCAPED("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"");
}

static void
test_other_control_bytes_are_escaped_as_u00xx(void **state)
{
	(void)state;
	ASSERT_ESCAPED("\x01\x0b\x0e\x1f", "\"\\u0001\\u000b\\u000e\\u001f\"");
}

static void
test_nul_byte_is_escaped_as_u0000(void **state)
{
	(void)state;
	assert_string_written_as("a\0b", 3, "\"a\\u0000b\"");
}

static void
test_space_del_and_slash_pass_through(void **state)
{
	(void)state;
	ASSERT_ESCAPED(" \x7f/~", "\" \x7f/~\"");
}

static void
test_property_name_is_escaped_like_a_string(void **state)
{
	big_writer b;
	ck_span doc;

	(void)state;
	big_writer_init(&b);
	ck_json_begin_object(&b.w);
	ck_json_name(&b.w, CK_SPAN_LITERAL("q\"\\\n\x1f"));
	ck_json_int64(&b.w, 0);
	ck_json_end_object(&b.w);
	assert_int_equal(ck_json_writer_finish(&b.w, &doc), CK_OK);
	assert_span_equal(doc, "{\"q\\\"\\\\\\n\\u001f\":0}");
}

static void
test_valid_multibyte_utf8_passes_through_unchanged(void **state)
{
	(void)state;
	/* U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF:
	 * the edges of every range of table 3-7; then e-acute and U+4E2D. */
	ASSERT_ESCAPED("\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80"
		"\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\xc3\xa9\xe4\xb8\xad",
		"\"\xc2\x80\xdf\xbf\xe0\xa0\x80\xed\x9f\xbf\xee\x80\x80"
		"\xef\xbf\xbf\xf0\x90\x80\x80\xf4\x8f\xbf\xbf\xc3\xa9\xe4\xb8\xad\"");
}

/* --- UTF-8 rejection ------------------------------------------------------ */

static void
test_overlong_two_byte_form_is_rejected(void **state)
{
	(void)state;
	ASSERT_BAD_UTF8("\xc0\x80");
	ASSERT_BAD_UTF8("\xc1\xbf");
}

static void
test_overlong_three_byte_form_is_rejected(void **state)
{
	(void)state;
	ASSERT_BAD_UTF8("\xe0\x80\x80");
	ASSERT_BAD_UTF8("\xe0\x9f\xbf");
}

static void
test_overlong_four_byte_form_is_rejected(void **state)
{
	(void)state;
	ASSERT_BAD_UTF8("\xf0\x80\x80\x80");
	ASSERT_BAD_UTF8("\xf0\x8f\xbf\xbf");
}

static void
test_surrogate_code_points_are_rejected(void **state)
{
	(void)state;
	ASSERT_BAD_UTF8("\xed\xa0\x80");        /* U+D800 */
	ASSERT_BAD_UTF8("\xed\xbf\xbf");        /* U+DFFF */
	ASSERT_BAD_UTF8("\xed\xa0\xbd\xed\xb8\x80"); /* CESU-8 pair */
}

static void
test_code_points_above_10ffff_are_rejected(void **state)
{
	(void)state;
	ASSERT_BAD_UTF8("\xf4\x90\x80\x80");    /* U+110000 */
	ASSERT_BAD_UTF8("\xf4\xbf\xbf\xbf");
}

static void
test_lead_bytes_that_never_occur_are_rejected(void **state)
{
	(void)state;
	ASSERT_BAD_UTF8("\xc0");
	ASSERT_BAD_UTF8("\xc1");
	ASSERT_BAD_UTF8("\xf5\x80\x80\x80");
	ASSERT_BAD_UTF8("\xf8\x88\x80\x80\x80");
	ASSERT_BAD_UTF8("\xfe");
	ASSERT_BAD_UTF8("\xff");
}

static void
test_truncated_sequences_are_rejected(void **state)
{
	(void)state;
	ASSERT_BAD_UTF8("a\xc3");               /* 2-byte, at end */
	ASSERT_BAD_UTF8("\xe4\xb8");            /* 3-byte, at end */
	ASSERT_BAD_UTF8("\xf0\x9f\x98");        /* 4-byte, at end */
	ASSERT_BAD_UTF8("\xc3" "A");            /* cut by ASCII */
	ASSERT_BAD_UTF8("\xe4\xb8" "A");
	ASSERT_BAD_UTF8("\xf0\x9f\x98" "A");
	ASSERT_BAD_UTF8("\xe4\xc3\xa9");        /* cut by another lead */
}

static void
test_stray_continuation_bytes_are_rejected(void **state)
{
	(void)state;
	ASSERT_BAD_UTF8("\x80");
	ASSERT_BAD_UTF8("\xbf");
	ASSERT_BAD_UTF8("a\x80z");
	ASSERT_BAD_UTF8("\xc3\xa9\xa9");        /* one too many */
}

static void
test_invalid_utf8_in_name_is_rejected(void **state)
{
	big_writer b;
	ck_span doc;

	(void)state;
	big_writer_init(&b);
	ck_json_begin_object(&b.w);
	ck_json_name(&b.w, CK_SPAN_LITERAL("\xed\xa0\x80"));
	ck_json_int64(&b.w, 1);
	ck_json_end_object(&b.w);
	assert_int_equal(ck_json_writer_finish(&b.w, &doc), CK_ERR_INVALID_UTF8);
	assert_int_equal(doc.len, 0);
}

static void
test_invalid_utf8_wins_over_a_full_buffer(void **state)
{
	ck_json_writer w;
	char one[1];
	ck_span doc;

	(void)state;
	/* One byte: room for the opening quote only. The string is checked
	 * before anything is written, so its fault is the one reported. */
	ck_json_writer_init(&w, one, sizeof one);
	ck_json_string(&w, CK_SPAN_LITERAL("\xff"));
	assert_int_equal(ck_json_writer_finish(&w, &doc), CK_ERR_INVALID_UTF8);
}

static void
test_utf8_check_accepts_empty_and_nul(void **state)
{
	(void)state;
	assert_true(ck_utf8_is_valid(CK_SPAN_EMPTY));
	assert_true(ck_utf8_is_valid(ck_span_make("\0", 1)));
	assert_false(ck_utf8_is_valid(ck_span_make(NULL, 1)));
}

/* --- integers -------------------------------------------------------------- */

static void
test_int64_min_is_written_exactly(void **state)
{
	(void)state;
	assert_int_written_as(INT64_MIN, "-9223372036854775808");
}

static void
test_int64_max_is_written_exactly(void **state)
{
	(void)state;
	assert_int_written_as(INT64_MAX, "9223372036854775807");
}

static void
test_small_integers_are_written_without_padding(void **state)
{
	(void)state;
	assert_int_written_as(0, "0");
	assert_int_written_as(-1, "-1");
	assert_int_written_as(10, "10");
	assert_int_written_as(-10, "-10");
	assert_int_written_as(INT32_MIN, "-2147483648");
	assert_int_written_as(INT32_MAX, "2147483647");
	assert_int_written_as(INT64_MIN + 1, "-9223372036854775807");
}

/* --- room ----------------------------------------------------------------- */

static void
test_buffer_of_exact_size_holds_the_document(void **state)
{
	size_t n = sizeof sample_document - 1;
	char mem[sizeof sample_document];
	ck_json_writer w;
	ck_span doc;

	(void)state;
	memset(mem, CANARY, sizeof mem);
	ck_json_writer_init(&w, mem, n);
	write_sample_document(&w);
	assert_int_equal(ck_json_writer_finish(&w, &doc), CK_OK);
	assert_span_equal(doc, sample_document);
	assert_int_equal(mem[n], CANARY);
}

static void
test_buffer_one_byte_short_is_too_small(void **state)
{
	size_t n = sizeof sample_document - 2;
	char mem[sizeof sample_document];
	ck_json_writer w;
	ck_span doc = CK_SPAN_LITERAL("sentinel");

	(void)state;
	memset(mem, CANARY, sizeof mem);
	ck_json_writer_init(&w, mem, n);
	write_sample_document(&w);
	assert_int_equal(ck_json_writer_finish(&w, &doc),
		CK_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(doc.len, 0);
	assert_null(doc.ptr);
	assert_int_equal(mem[n], CANARY);
}

static void
test_no_byte_is_written_past_cap_for_any_short_cap(void **state)
{
	size_t need = sizeof sample_document - 1;
	char mem[sizeof sample_document + 1];
	size_t cap, i;

	(void)state;
	/* Every cut point, so each escape and number is split somewhere. */
	for (cap = 0; cap < need; cap++) {
		ck_json_writer w;
		ck_span doc;

		memset(mem, CANARY, sizeof mem);
		ck_json_writer_init(&w, mem, cap);
		write_sample_document(&w);
		assert_int_equal(ck_json_writer_finish(&w, &doc),
			CK_ERR_BUFFER_TOO_SMALL);
		assert_int_equal(doc.len, 0);
		for (i = cap; i < sizeof mem; i++) {
			assert_int_equal(mem[i], CANARY);
		}
	}
}

static void
test_zero_capacity_with_null_buffer_is_too_small(void **state)
{
	ck_json_writer w;
	ck_span doc;

	(void)state;
	ck_json_writer_init(&w, NULL, 0);
	ck_json_begin_array(&w);
	ck_json_end_array(&w);
	assert_int_equal(ck_json_writer_finish(&w, &doc),
		CK_ERR_BUFFER_TOO_SMALL);
}

/* --- first error sticks --------------------------------------------------- */

static void
test_first_error_is_kept_and_later_calls_write_nothing(void **state)
{
	char mem[8];
	ck_json_writer w;
	size_t len_at_error;
	ck_span doc;

	(void)state;
	ck_json_writer_init(&w, mem, sizeof mem);
	ck_json_begin_array(&w);
	ck_json_string(&w, CK_SPAN_LITERAL("\xc0\xaf"));
	len_at_error = w.out.len;
	/* Would overflow and misnest, but the UTF-8 fault came first. */
	ck_json_string(&w, CK_SPAN_LITERAL("a long string over eight bytes"));
	ck_json_end_object(&w);
	ck_json_int64(&w, 1);
	assert_int_equal(w.out.len, len_at_error);
	assert_int_equal(ck_json_writer_finish(&w, &doc), CK_ERR_INVALID_UTF8);
}

/* --- misuse --------------------------------------------------------------- */

static void
end_object_inside_array(ck_json_writer *w)
{
	ck_json_begin_array(w);
	ck_json_end_object(w);
}

static void
end_array_inside_object(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_end_array(w);
}

static void
close_with_nothing_open(ck_json_writer *w)
{
	ck_json_end_array(w);
}

static void
close_one_too_many(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_end_object(w);
	ck_json_end_object(w);
}

static void
value_without_name_in_object(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_int64(w, 1);
	ck_json_end_object(w);
}

static void
container_without_name_in_object(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_begin_array(w);
	ck_json_end_array(w);
	ck_json_end_object(w);
}

static void
name_in_array(ck_json_writer *w)
{
	ck_json_begin_array(w);
	ck_json_name(w, CK_SPAN_LITERAL("a"));
	ck_json_int64(w, 1);
	ck_json_end_array(w);
}

static void
name_at_top_level(ck_json_writer *w)
{
	ck_json_name(w, CK_SPAN_LITERAL("a"));
}

static void
two_names_in_a_row(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_name(w, CK_SPAN_LITERAL("a"));
	ck_json_name(w, CK_SPAN_LITERAL("b"));
	ck_json_int64(w, 1);
	ck_json_end_object(w);
}

static void
name_without_value(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_name(w, CK_SPAN_LITERAL("a"));
	ck_json_end_object(w);
}

static void
unclosed_object(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_name(w, CK_SPAN_LITERAL("a"));
	ck_json_int64(w, 1);
}

static void
unclosed_array(ck_json_writer *w)
{
	ck_json_begin_array(w);
	ck_json_begin_array(w);
	ck_json_end_array(w);
}

static void
dangling_name_at_finish(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_name(w, CK_SPAN_LITERAL("a"));
}

static void
second_top_level_value(ck_json_writer *w)
{
	ck_json_begin_object(w);
	ck_json_end_object(w);
	ck_json_int64(w, 1);
}

static void
nothing_written(ck_json_writer *w)
{
	(void)w;
}

static void
nesting_one_level_too_deep(ck_json_writer *w)
{
	int i;

	for (i = 0; i < CK_JSON_WRITER_MAX_DEPTH + 1; i++) {
		ck_json_begin_array(w);
	}
	for (i = 0; i < CK_JSON_WRITER_MAX_DEPTH + 1; i++) {
		ck_json_end_array(w);
	}
}

static void
string_span_with_null_pointer(ck_json_writer *w)
{
	ck_json_string(w, ck_span_make(NULL, 3));
}

static void
test_end_object_inside_array_is_misuse(void **state)
{
	(void)state;
	assert_misuse(end_object_inside_array);
}

static void
test_end_array_inside_object_is_misuse(void **state)
{
	(void)state;
	assert_misuse(end_array_inside_object);
}

static void
test_closing_with_nothing_open_is_misuse(void **state)
{
	(void)state;
	assert_misuse(close_with_nothing_open);
	assert_misuse(close_one_too_many);
}

static void
test_value_without_name_in_object_is_misuse(void **state)
{
	(void)state;
	assert_misuse(value_without_name_in_object);
	assert_misuse(container_without_name_in_object);
}

static void
test_name_in_array_is_misuse(void **state)
{
	(void)state;
	assert_misuse(name_in_array);
}

static void
test_name_at_top_level_is_misuse(void **state)
{
	(void)state;
	assert_misuse(name_at_top_level);
}

static void
test_name_after_name_is_misuse(void **state)
{
	(void)state;
	assert_misuse(two_names_in_a_row);
}

static void
test_closing_object_after_name_is_misuse(void **state)
{
	(void)state;
	assert_misuse(name_without_value);
}

static void
test_unclosed_containers_at_finish_are_misuse(void **state)
{
	(void)state;
	assert_misuse(unclosed_object);
	assert_misuse(unclosed_array);
	assert_misuse(dangling_name_at_finish);
}

static void
test_second_top_level_value_is_misuse(void **state)
{
	(void)state;
	assert_misuse(second_top_level_value);
}

static void
test_empty_document_is_misuse(void **state)
{
	(void)state;
	assert_misuse(nothing_written);
}

static void
test_nesting_deeper_than_max_depth_is_misuse(void **state)
{
	(void)state;
	assert_misuse(nesting_one_level_too_deep);
}

static void
test_nesting_at_max_depth_is_accepted(void **state)
{
	big_writer b;
	ck_span doc;
	int i;

	(void)state;
	big_writer_init(&b);
	for (i = 0; i < CK_JSON_WRITER_MAX_DEPTH; i++) {
		ck_json_begin_array(&b.w);
	}
	ck_json_int64(&b.w, 1);
	for (i = 0; i < CK_JSON_WRITER_MAX_DEPTH; i++) {
		ck_json_end_array(&b.w);
	}
	assert_int_equal(ck_json_writer_finish(&b.w, &doc), CK_OK);
	assert_int_equal(doc.len, 2 * CK_JSON_WRITER_MAX_DEPTH + 1);
	assert_int_equal(doc.ptr[0], '[');
	assert_int_equal(doc.ptr[CK_JSON_WRITER_MAX_DEPTH], '1');
	assert_int_equal(doc.ptr[doc.len - 1], ']');
}

static void
test_span_with_null_pointer_and_length_is_misuse(void **state)
{
	(void)state;
	assert_misuse(string_span_with_null_pointer);
}

static void
test_null_buffer_with_nonzero_cap_is_misuse(void **state)
{
	ck_json_writer w;
	ck_span doc;

	(void)state;
	ck_json_writer_init(&w, NULL, 16);
	ck_json_begin_array(&w);
	ck_json_end_array(&w);
	assert_int_equal(ck_json_writer_finish(&w, &doc),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_null_writer_and_null_doc_are_refused(void **state)
{
	big_writer b;
	ck_span doc = CK_SPAN_LITERAL("sentinel");

	(void)state;
	ck_json_writer_init(NULL, b.mem, BIG);
	ck_json_begin_object(NULL);
	ck_json_name(NULL, CK_SPAN_LITERAL("a"));
	ck_json_string(NULL, CK_SPAN_LITERAL("a"));
	ck_json_int64(NULL, 1);
	ck_json_end_object(NULL);
	assert_int_equal(ck_json_writer_finish(NULL, &doc),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(doc.len, 0);
	big_writer_init(&b);
	ck_json_int64(&b.w, 1);
	assert_int_equal(ck_json_writer_finish(&b.w, NULL),
		CK_ERR_INVALID_ARGUMENT);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_object_is_written),
		cmocka_unit_test(test_empty_array_is_written),
		cmocka_unit_test(test_empty_strings_without_memory_are_written),
		cmocka_unit_test(test_commas_and_colons_are_placed_by_the_writer),
		cmocka_unit_test(test_lone_top_level_string_is_a_document),
		cmocka_unit_test(test_document_points_into_the_callers_buffer),
		cmocka_unit_test(test_quote_is_escaped),
		cmocka_unit_test(test_backslash_is_escaped),
		cmocka_unit_test(test_control_bytes_with_short_escapes_use_them),
		cmocka_unit_test(test_other_control_bytes_are_escaped_as_u00xx),
		cmocka_unit_test(test_nul_byte_is_escaped_as_u0000),
		cmocka_unit_test(test_space_del_and_slash_pass_through),
		cmocka_unit_test(test_property_name_is_escaped_like_a_string),
		cmocka_unit_test(test_valid_multibyte_utf8_passes_through_unchanged),
		cmocka_unit_test(test_overlong_two_byte_form_is_rejected),
		cmocka_unit_test(test_overlong_three_byte_form_is_rejected),
		cmocka_unit_test(test_overlong_four_byte_form_is_rejected),
		cmocka_unit_test(test_surrogate_code_points_are_rejected),
		cmocka_unit_test(test_code_points_above_10ffff_are_rejected),
		cmocka_unit_test(test_lead_bytes_that_never_occur_are_rejected),
		cmocka_unit_test(test_truncated_sequences_are_rejected),
		cmocka_unit_test(test_stray_continuation_bytes_are_rejected),
		cmocka_unit_test(test_invalid_utf8_in_name_is_rejected),
		cmocka_unit_test(test_invalid_utf8_wins_over_a_full_buffer),
		cmocka_unit_test(test_utf8_check_accepts_empty_and_nul),
		cmocka_unit_test(test_int64_min_is_written_exactly),
		cmocka_unit_test(test_int64_max_is_written_exactly),
		cmocka_unit_test(test_small_integers_are_written_without_padding),
		cmocka_unit_test(test_buffer_of_exact_size_holds_the_document),
		cmocka_unit_test(test_buffer_one_byte_short_is_too_small),
		cmocka_unit_test(test_no_byte_is_written_past_cap_for_any_short_cap),
		cmocka_unit_test(test_zero_capacity_with_null_buffer_is_too_small),
		cmocka_unit_test(test_first_error_is_kept_and_later_calls_write_nothing),
		cmocka_unit_test(test_end_object_inside_array_is_misuse),
		cmocka_unit_test(test_end_array_inside_object_is_misuse),
		cmocka_unit_test(test_closing_with_nothing_open_is_misuse),
		cmocka_unit_test(test_value_without_name_in_object_is_misuse),
		cmocka_unit_test(test_name_in_array_is_misuse),
		cmocka_unit_test(test_name_at_top_level_is_misuse),
		cmocka_unit_test(test_name_after_name_is_misuse),
		cmocka_unit_test(test_closing_object_after_name_is_misuse),
		cmocka_unit_test(test_unclosed_containers_at_finish_are_misuse),
		cmocka_unit_test(test_second_top_level_value_is_misuse),
		cmocka_unit_test(test_empty_document_is_misuse),
		cmocka_unit_test(test_nesting_deeper_than_max_depth_is_misuse),
		cmocka_unit_test(test_nesting_at_max_depth_is_accepted),
		cmocka_unit_test(test_span_with_null_pointer_and_length_is_misuse),
		cmocka_unit_test(test_null_buffer_with_nonzero_cap_is_misuse),
		cmocka_unit_test(test_null_writer_and_null_doc_are_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
