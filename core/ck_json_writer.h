/*
 * ck_json_writer.h -- a bounded JSON writer into a caller's buffer.
 *
 * The writer keeps the first error it meets and ignores every call after it,
 * so an encoder writes a whole document and checks once, at the end. It
 * never writes past the buffer and never truncates: a document that does not
 * fit ends in CK_ERR_BUFFER_TOO_SMALL, and ck_json_writer_finish() then
 * reports no document at all.
 *
 * Strings are escaped as RFC 8259 requires: '"' and '\\' and every byte below
 * 0x20 (as \b \f \n \r \t or \u00XX); valid UTF-8 passes through unchanged;
 * invalid UTF-8 (overlong forms, surrogates, code points above U+10FFFF,
 * truncated sequences, stray continuation bytes) is CK_ERR_INVALID_UTF8.
 * 0x7F (DEL) needs no escape in JSON and passes through. Commas and colons
 * are placed by the writer.
 *
 * A document is exactly one top-level value. Misuse is
 * CK_ERR_INVALID_ARGUMENT: a name outside an object or twice in a row, a
 * value in an object without its name, closing the wrong kind of container
 * or one that is not open, a second top-level value, nesting deeper than
 * CK_JSON_WRITER_MAX_DEPTH, a span with a NULL pointer and a nonzero length,
 * or an unclosed container at ck_json_writer_finish(). A NULL writer is
 * ignored by every call but finish, which reports CK_ERR_INVALID_ARGUMENT.
 */
#ifndef CK_JSON_WRITER_H
#define CK_JSON_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_result.h"
#include "ck_span.h"

/* Deepest nesting the writer supports (two bits of state per level). */
#define CK_JSON_WRITER_MAX_DEPTH 31

/* Writer state. The caller owns it; all members are private. */
typedef struct {
	ck_buf out;            /* the document so far */
	int32_t error;         /* first error met (a ck_result), CK_OK while
	                          none; fixed width: see ck_json_token */
	uint32_t has_element;  /* bit d: container at depth d has an element;
	                        * bit 0: the top-level value was begun */
	uint32_t in_object;    /* bit d: container at depth d is an object */
	uint8_t depth;         /* open containers */
	uint8_t after_name;    /* a property name was written, value expected */
} ck_json_writer;

/*
 * Start a document in `cap` bytes at `buf` (buf may be NULL iff cap is 0;
 * NULL with a nonzero cap is CK_ERR_INVALID_ARGUMENT at finish). The writer
 * keeps `buf` and writes only inside [buf, buf + cap).
 */
void ck_json_writer_init(ck_json_writer *w, char *buf, size_t cap);

/* '{' and '}' of an object; '[' and ']' of an array. Misnesting is
 * CK_ERR_INVALID_ARGUMENT. */
void ck_json_begin_object(ck_json_writer *w);
void ck_json_end_object(ck_json_writer *w);
void ck_json_begin_array(ck_json_writer *w);
void ck_json_end_array(ck_json_writer *w);

/* A property name inside an object, escaped like a string value. */
void ck_json_name(ck_json_writer *w, ck_span name);

/* A string value, escaped. */
void ck_json_string(ck_json_writer *w, ck_span s);

/* An integer value; every int64_t, INT64_MIN included, is written exactly. */
void ck_json_int64(ck_json_writer *w, int64_t v);

/*
 * End the document. Returns CK_OK and sets *doc to the complete document
 * when every call succeeded and every container was closed; otherwise
 * returns the first error (CK_ERR_BUFFER_TOO_SMALL, CK_ERR_INVALID_UTF8,
 * CK_ERR_INVALID_ARGUMENT) and sets *doc to the empty span.
 */
ck_result ck_json_writer_finish(ck_json_writer *w, ck_span *doc);

#endif /* CK_JSON_WRITER_H */
