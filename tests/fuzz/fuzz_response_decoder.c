/*
 * fuzz_response_decoder.c -- libFuzzer target for ck_response_decode and
 * ck_json_unescape.
 *
 * The first input byte picks how many tokens the decoder gets (so token
 * exhaustion is fuzzed too); the rest is the body. Every span the decoder
 * returns must lie inside the body and unescape cleanly.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icore \
 *     tests/fuzz/fuzz_response_decoder.c core/ck_response_decoder.c \
 *     core/ck_json_validator.c core/ck_api_error.c core/ck_result.c \
 *     -o fuzz_response_decoder
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ck_config.h"
#include "ck_response_decoder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) { abort(); } } while (0)

static void
check_span(ck_span s, ck_span body)
{
	char text[CK_RESPONSE_BODY_MAX];
	size_t n;
	ck_result r;

	if (s.len == 0) {
		return;
	}
	CHECK(s.ptr >= body.ptr && s.len <= body.len
		&& (size_t)(s.ptr - body.ptr) <= body.len - s.len);
	/*
	 * Unescaping never grows the text (\uXXXX is 6 bytes for at most 3),
	 * and a decoded span was validated: it must unescape into its own
	 * length. The body is at most CK_RESPONSE_BODY_MAX, so it fits.
	 */
	r = ck_json_unescape(s, text, s.len, &n);
	CHECK(r == CK_OK);
	CHECK(n <= s.len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static ck_json_token tokens[CK_JSON_MAX_TOKENS];
	ck_offsets_response out;
	ck_span body;
	size_t max_tokens;
	ck_result r;

	if (size < 1 || size - 1 > CK_RESPONSE_BODY_MAX) {
		return 0;
	}
	max_tokens = data[0] % (CK_JSON_MAX_TOKENS + 1u);
	body = ck_span_make((const char *)data + 1, size - 1);

	r = ck_response_decode(body, tokens, max_tokens, &out);
	switch (r) {
	case CK_OK:
	case CK_ERR_API_RETURN_CODE:
		CHECK(out.return_code.len > 0 || r == CK_ERR_API_RETURN_CODE);
		CHECK(out.api_error == CK_API_ERROR_NONE);
		break;
	case CK_ERR_API:
		CHECK(out.api_error != CK_API_ERROR_NONE);
		CHECK(out.api_error < CK_API_ERROR_COUNT_);
		break;
	case CK_ERR_RESPONSE_INVALID_JSON:
	case CK_ERR_RESPONSE_TOO_COMPLEX:
	case CK_ERR_RESPONSE_UNEXPECTED:
		break;
	default:
		abort();
	}
	check_span(out.request_id, body);
	check_span(out.error_code, body);
	check_span(out.error_message, body);
	check_span(out.return_code, body);
	check_span(out.return_message, body);
	return 0;
}
