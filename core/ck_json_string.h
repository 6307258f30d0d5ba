/*
 * ck_json_string.h -- the content of a JSON string: its escapes read, and
 * undone.
 *
 * The validator, which only checks escapes, and ck_json_unescape, which
 * decodes them, read each one with ck_json_escape, so they cannot disagree
 * about what a \u sequence (a surrogate pair above all) stands for.
 */
#ifndef CK_JSON_STRING_H
#define CK_JSON_STRING_H

#include <stddef.h>
#include <stdint.h>

#include "ck_result.h"
#include "ck_span.h"

/*
 * The escape at p[0..n), p just past its backslash: one of " \ / b f n r
 * t, or u and four hex digits. A \u high surrogate must be followed at
 * once by a \u low surrogate, and the pair is one character; a lone
 * surrogate is no character. Returns the bytes the escape takes after the
 * backslash (1, 5 or 11) and sets *cp to its character; 0, *cp unset,
 * when it is not a valid escape or is cut short.
 */
size_t ck_json_escape(const char *p, size_t n, uint32_t *cp);

/*
 * The letter of byte c's two-character escape (\" \\ \b \f \n \r \t), or 0
 * when c has none: every other control byte is written as \u00XX.
 */
char ck_json_escape_letter(unsigned char c);

/*
 * Append `s` to `b` as a JSON string: '"', its bytes with '"', '\\' and
 * every byte below 0x20 escaped (a one-letter escape where there is one,
 * else \u00XX), '"'. Valid UTF-8 passes through unchanged, DEL too. It
 * assumes `s` is readable and valid UTF-8: the caller has checked it.
 * Whatever does not fit sets b->overflow (ck_buf_append).
 */
void ck_json_put_string(ck_buf *b, ck_span s);

/*
 * Undo the escapes of raw JSON string content `raw` (as validated) into
 * `cap` bytes at `out`; *written is the text length (UTF-8, no NUL added).
 * A \u surrogate pair becomes one 4-byte character; a lone surrogate is
 * invalid. Other bytes are copied as they are. The text is never longer
 * than `raw`, so cap = raw.len always suffices.
 * Errors: CK_ERR_BUFFER_TOO_SMALL, CK_ERR_RESPONSE_INVALID_JSON (then
 * *written counts the whole characters written before the error; no
 * character is written in part), CK_ERR_INVALID_ARGUMENT (out NULL with
 * cap > 0, or raw.ptr NULL with raw.len > 0). `written` may be NULL.
 */
ck_result ck_json_unescape(ck_span raw, char *out, size_t cap,
	size_t *written);

#endif /* CK_JSON_STRING_H */
