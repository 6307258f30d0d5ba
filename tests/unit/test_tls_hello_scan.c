/*
 * test_tls_hello_scan.c -- reading the max_fragment_length echo off the
 * server's first bytes (port/ck_tls_hello_scan.c), however the network
 * cuts them.
 */
#include "test_support.h"

#include "ck_tls_hello_scan.h"

/* A ServerHello body: version, random, session id, suite, compression,
 * then `ext` (the extension list with its 2-byte length), as a record. */
static size_t
server_hello(uint8_t *out, uint8_t sid_len, const uint8_t *ext,
	size_t ext_len, size_t record_split)
{
	uint8_t body[256];
	size_t n = 0, i, hs_len, at = 0;
	uint8_t hs[300];

	body[n++] = 3;
	body[n++] = 3;
	for (i = 0; i < 32; i++) {
		body[n++] = (uint8_t)(0xA0 + i);
	}
	body[n++] = sid_len;
	for (i = 0; i < sid_len; i++) {
		body[n++] = 0x55;
	}
	body[n++] = 0xC0;
	body[n++] = 0x2F;
	body[n++] = 0;
	if (ext_len > 0) {
		memcpy(body + n, ext, ext_len);
		n += ext_len;
	}
	hs[0] = 2;
	hs[1] = 0;
	hs[2] = (uint8_t)(n >> 8);
	hs[3] = (uint8_t)n;
	memcpy(hs + 4, body, n);
	hs_len = n + 4;
	/* One record, or two when record_split cuts the message. */
	if (record_split == 0 || record_split >= hs_len) {
		record_split = hs_len;
	}
	for (i = 0; i < hs_len;) {
		size_t part = i == 0 ? record_split : hs_len - i;

		out[at++] = 22;
		out[at++] = 3;
		out[at++] = 3;
		out[at++] = (uint8_t)(part >> 8);
		out[at++] = (uint8_t)part;
		memcpy(out + at, hs + i, part);
		at += part;
		i += part;
	}
	return at;
}

/* Extension lists: renegotiation_info, then max_fragment_length or not. */
static const uint8_t with_mfl[] = {
	0x00, 0x0A,
	0xFF, 0x01, 0x00, 0x01, 0x00,
	0x00, 0x01, 0x00, 0x01, 0x03,
};
static const uint8_t without_mfl[] = {
	0x00, 0x0C,
	0xFF, 0x01, 0x00, 0x01, 0x00,
	0x00, 0x17, 0x00, 0x00,
	0x00, 0x23, 0x00, 0x00,
};
/* max_fragment_length's type inside another extension's data. */
static const uint8_t mfl_as_data[] = {
	0x00, 0x08,
	0x00, 0x10, 0x00, 0x04, 0x00, 0x01, 0x00, 0x01,
};

static bool
scan(const uint8_t *bytes, size_t len, size_t piece)
{
	ck_tls_hello_scan s;
	size_t i;

	ck_tls_hello_scan_init(&s);
	for (i = 0; i < len; i += piece) {
		ck_tls_hello_scan_feed(&s, bytes + i,
			len - i < piece ? len - i : piece);
	}
	return ck_tls_hello_scan_echoed_mfl(&s);
}

static void
test_an_echo_is_seen_in_any_cut_of_the_bytes(void **state)
{
	uint8_t rec[400];
	size_t len, piece, split;

	(void)state;
	for (split = 0; split < 60; split += 7) {
		len = server_hello(rec, 32, with_mfl, sizeof with_mfl, split);
		for (piece = 1; piece <= len; piece++) {
			if (!scan(rec, len, piece)) {
				fail_msg("echo missed: split %zu, pieces of %zu",
					split, piece);
			}
		}
	}
}

static void
test_no_echo_is_no_echo(void **state)
{
	uint8_t rec[400];
	size_t len, piece;

	(void)state;
	len = server_hello(rec, 0, without_mfl, sizeof without_mfl, 0);
	for (piece = 1; piece <= len; piece++) {
		assert_false(scan(rec, len, piece));
	}
	len = server_hello(rec, 0, mfl_as_data, sizeof mfl_as_data, 0);
	assert_false(scan(rec, len, 1));
	/* No extensions at all. */
	len = server_hello(rec, 16, NULL, 0, 0);
	assert_false(scan(rec, len, 3));
}

static void
test_the_answer_waits_for_the_server_hello(void **state)
{
	uint8_t rec[400];
	size_t len;

	(void)state;
	len = server_hello(rec, 32, with_mfl, sizeof with_mfl, 0);
	/* Everything but the extension's last byte: still undecided, and an
	 * undecided scan is no echo. */
	assert_false(scan(rec, len - 6, 1));
	assert_true(scan(rec, len, len));
}

static void
test_other_first_bytes_are_no_echo(void **state)
{
	static const uint8_t alert[] = { 21, 3, 3, 0, 2, 2, 40 };
	static const uint8_t hello_request[] = { 22, 3, 3, 0, 4, 0, 0, 0, 0 };
	uint8_t rec[400];
	size_t len;

	(void)state;
	assert_false(scan(alert, sizeof alert, 1));
	assert_false(scan(hello_request, sizeof hello_request, 1));
	/* An echo after the ServerHello has ended is not its echo. */
	len = server_hello(rec, 0, without_mfl, sizeof without_mfl, 0);
	memcpy(rec + len, with_mfl + 2, sizeof with_mfl - 2);
	assert_false(scan(rec, len + sizeof with_mfl - 2, 1));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_an_echo_is_seen_in_any_cut_of_the_bytes),
		cmocka_unit_test(test_no_echo_is_no_echo),
		cmocka_unit_test(test_the_answer_waits_for_the_server_hello),
		cmocka_unit_test(test_other_first_bytes_are_no_echo),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
