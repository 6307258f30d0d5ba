/*
 * test_template.c -- texts with value slots (ck_template.h), as the TC3
 * signer and the HTTP head use them.
 */
#include "test_support.h"

#include "ck_template.h"

/* The template's pieces, joined, into out; returns the piece count. */
static size_t
expand(const char *t, const ck_span *v, char *out, size_t cap)
{
	ck_span piece;
	size_t len = 0, pieces = 0;

	while (ck_template_next(&t, v, &piece)) {
		assert_true(len + piece.len < cap);
		memcpy(out + len, piece.ptr, piece.len);
		len += piece.len;
		pieces++;
	}
	out[len] = '\0';
	/* The end stays the end. */
	assert_false(ck_template_next(&t, v, &piece));
	return pieces;
}

static void
test_slots_take_their_values_between_literal_pieces(void **state)
{
	const ck_span v[] = { CK_SPAN_INIT("A"), CK_SPAN_INIT("bee") };
	char out[64];

	(void)state;
	assert_int_equal(expand("x=" "\x80" ", y=" "\x81" "\x80" ".", v, out,
		sizeof out), 6);
	assert_string_equal(out, "x=A, y=beeA.");
	assert_int_equal(expand("", v, out, sizeof out), 0);
	assert_string_equal(out, "");
	assert_int_equal(expand("\x81", v, out, sizeof out), 1);
	assert_string_equal(out, "bee");
}

static void
test_an_optional_line_goes_with_an_empty_value(void **state)
{
	static const char t[] =
		"first\r\n"
		"\x7f" "token: " "\x80" "\r\n"
		"\x7f" "lang: " "\x81" "\r\n"
		"last\r\n";
	ck_span v[2];
	char out[64];

	(void)state;
	v[0] = CK_SPAN_LITERAL("t1");
	v[1] = CK_SPAN_LITERAL("en");
	expand(t, v, out, sizeof out);
	assert_string_equal(out, "first\r\ntoken: t1\r\nlang: en\r\nlast\r\n");
	v[0] = CK_SPAN_EMPTY;
	expand(t, v, out, sizeof out);
	assert_string_equal(out, "first\r\nlang: en\r\nlast\r\n");
	v[1] = CK_SPAN_EMPTY;
	expand(t, v, out, sizeof out);
	assert_string_equal(out, "first\r\nlast\r\n");
	v[0] = CK_SPAN_LITERAL("t1");
	expand(t, v, out, sizeof out);
	assert_string_equal(out, "first\r\ntoken: t1\r\nlast\r\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slots_take_their_values_between_literal_pieces),
		cmocka_unit_test(test_an_optional_line_goes_with_an_empty_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
