/*
 * fuzz_json_validator.c -- libFuzzer target for ck_json_validate.
 *
 * Besides "never crashes", it checks the promises the response decoder
 * relies on: whatever the validator accepts, strict jsmn tokenises without
 * error into exactly one top-level value, given enough tokens; and jsmn's
 * default mode, which the decoder uses, gives exactly the same tokens.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icore \
 *     tests/fuzz/fuzz_json_validator.c tests/fuzz/jsmn_default.c \
 *     core/ck_json_validator.c core/ck_result.c -o fuzz_json_validator
 */
#define JSMN_STATIC
#define JSMN_PARENT_LINKS
#define JSMN_STRICT
#include <jsmn.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ck_json_validator.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* jsmn_parse built without JSMN_STRICT, as the decoder builds it. */
int fuzz_jsmn_default_parse(const char *js, size_t len, jsmntok_t *tokens,
	unsigned int num_tokens);

/* Checked even in builds with NDEBUG, unlike assert(). */
#define CHECK(cond) do { if (!(cond)) { abort(); } } while (0)

static void
check_jsmn_accepts(const uint8_t *data, size_t size)
{
	jsmn_parser parser;
	jsmntok_t *tokens;
	jsmntok_t *lenient;
	char *doc;
	size_t max_tokens = size + 1; /* no token is shorter than one byte */
	int n;
	int i;

	/*
	 * jsmn's strict mode needs a delimiter after a primitive and reports
	 * a bare top-level number or literal at the very end as PART; one
	 * trailing space, itself valid whitespace, gives it that delimiter.
	 */
	doc = malloc(size + 1);
	tokens = malloc(max_tokens * sizeof *tokens);
	CHECK(doc != NULL && tokens != NULL);
	memcpy(doc, data, size);
	doc[size] = ' ';

	jsmn_init(&parser);
	n = jsmn_parse(&parser, doc, size + 1, tokens, (unsigned)max_tokens);
	CHECK(n >= 1);
	CHECK(tokens[0].parent == -1);
	for (i = 1; i < n; i++) {
		CHECK(tokens[i].parent >= 0 && tokens[i].parent < i);
		CHECK(tokens[i].start >= tokens[0].start);
		CHECK(tokens[i].end <= tokens[0].end);
	}

	lenient = malloc(max_tokens * sizeof *lenient);
	CHECK(lenient != NULL);
	memset(lenient, 0, max_tokens * sizeof *lenient);
	CHECK(fuzz_jsmn_default_parse(doc, size + 1, lenient,
		(unsigned)max_tokens) == n);
	for (i = 0; i < n; i++) {
		CHECK(lenient[i].type == tokens[i].type);
		CHECK(lenient[i].start == tokens[i].start);
		CHECK(lenient[i].end == tokens[i].end);
		CHECK(lenient[i].size == tokens[i].size);
		CHECK(lenient[i].parent == tokens[i].parent);
	}
	free(lenient);
	free(tokens);
	free(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ck_span doc = ck_span_make((const char *)data, size);
	ck_result r;
	ck_result shallow;

	r = ck_json_validate(doc, 64);
	CHECK(r == CK_OK || r == CK_ERR_RESPONSE_INVALID_JSON
		|| r == CK_ERR_RESPONSE_TOO_COMPLEX);
	if (r == CK_OK) {
		check_jsmn_accepts(data, size);
	}

	/* A shallower limit can only turn OK into TOO_COMPLEX. */
	shallow = ck_json_validate(doc, 2);
	if (r != CK_OK) {
		CHECK(shallow != CK_OK);
	} else {
		CHECK(shallow == CK_OK || shallow == CK_ERR_RESPONSE_TOO_COMPLEX);
	}
	return 0;
}
