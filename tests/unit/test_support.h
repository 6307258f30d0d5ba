/*
 * test_support.h -- small helpers shared by the cmocka unit tests.
 */
#ifndef TEST_SUPPORT_H
#define TEST_SUPPORT_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ck_span.h"

/*
 * Read the whole file at `path` (relative to the repository root, where the
 * tests run) into a heap buffer with a NUL after it; fails the test if it
 * cannot. The caller frees it. (Tests may allocate; the library may not.)
 */
static inline char *
test_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL) {
		fail_msg("cannot open %s", path);
	}
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len != NULL) {
		*len = (size_t)n;
	}
	return buf;
}

/* Assert that span `s` holds exactly the NUL-terminated string `expected`. */
#define assert_span_equal(s, expected) do { \
		ck_span s_ = (s); \
		const char *e_ = (expected); \
		if (!ck_span_eq_str(s_, e_)) { \
			fail_msg("span \"%.*s\" != \"%s\"", (int)s_.len, \
				s_.ptr ? s_.ptr : "", e_); \
		} \
	} while (0)

#endif /* TEST_SUPPORT_H */
