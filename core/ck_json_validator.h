/*
 * ck_json_validator.h -- strict RFC 8259 validation of a whole document.
 *
 * jsmn tokenises but accepts invalid JSON (missing commas, trailing commas,
 * "{}{}", '{"a":}', control characters in strings, "tru"...). Every response
 * passes this validator before any token of it is trusted.
 */
#ifndef CK_JSON_VALIDATOR_H
#define CK_JSON_VALIDATOR_H

#include "ck_result.h"
#include "ck_span.h"

/*
 * Check that `doc` is exactly one JSON value (RFC 8259), with optional
 * surrounding whitespace: strings hold valid UTF-8 with no raw control
 * characters and only the defined escapes (a \u escape of a surrogate must
 * be a proper pair); numbers follow the grammar; nesting is at most
 * `max_depth` deep. No recursion: the stack use is constant.
 *
 * Returns CK_OK, CK_ERR_RESPONSE_INVALID_JSON, or
 * CK_ERR_RESPONSE_TOO_COMPLEX (nesting deeper than max_depth, max_depth at
 * most 64: a larger value is treated as 64; 0 allows only a scalar).
 * Whitespace is only SP, HT, LF and CR (no byte order mark); an empty
 * document, or doc.ptr NULL with doc.len > 0, is invalid.
 */
ck_result ck_json_validate(ck_span doc, unsigned max_depth);

#endif /* CK_JSON_VALIDATOR_H */
