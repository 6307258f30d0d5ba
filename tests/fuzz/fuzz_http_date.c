/*
 * fuzz_http_date.c -- libFuzzer target for ck_http_date_parse.
 *
 *   clang -std=c11 -g -fsanitize=fuzzer,address,undefined -Icore \
 *     tests/fuzz/fuzz_http_date.c core/ck_http_date.c core/ck_calendar.c \
 *     core/ck_result.c -o fuzz_http_date
 *
 * Beyond "no crash": an accepted date must lie within years 0000..9999, and
 * the same bytes must parse to the same time when copied to an exact-size
 * buffer (so nothing past the span's length was read).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ck_calendar.h"
#include "ck_http_date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int64_t min_time = INT64_C(-62167219200);  /* 0000-01-01 */
	static const int64_t max_time = INT64_C(253402300799);  /* 9999-12-31T23:59:59 */
	char copy[64];
	int64_t t = 0, t2 = 0;
	ck_result rc, rc2;

	rc = ck_http_date_parse(ck_span_make((const char *)data, size), &t);
	if (rc != CK_OK && rc != CK_ERR_HTTP_MALFORMED) {
		__builtin_trap();
	}
	if (rc == CK_OK && (t < min_time || t > max_time)) {
		__builtin_trap();
	}
	if (size <= sizeof(copy)) {
		memcpy(copy, data, size);
		rc2 = ck_http_date_parse(ck_span_make(copy, size), &t2);
		if (rc2 != rc || (rc == CK_OK && t2 != t)) {
			__builtin_trap();
		}
	}
	return 0;
}
