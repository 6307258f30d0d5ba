/*
 * ck_text.h -- byte-level text checks shared by the request and response
 * paths: UTF-8, header-safe values, codes, case-insensitive ASCII, hex.
 *
 * One implementation of each rule, so the writer, the validator, the
 * signer and the HTTP code can never disagree about what is valid.
 */
#ifndef CK_TEXT_H
#define CK_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_span.h"

/*
 * Every function here that takes a span (or a pointer and a length) treats
 * an invalid one (see ck_span_is_valid) as failing its check: false, 0, or
 * "has a control byte" -- never a read through it.
 */

/*
 * Length of the well-formed UTF-8 sequence at p[0..n): 1 for ASCII, 2 to 4
 * otherwise, 0 when it is not one (or n is 0). The ranges are those of
 * Unicode table 3-7: narrowing the second byte after E0, ED, F0 and F4
 * rules out overlong forms, surrogates and code points above U+10FFFF.
 */
size_t ck_utf8_sequence_length(const unsigned char *p, size_t n);

/* True when `s` is valid (see ck_span_is_valid) and all well-formed UTF-8. */
bool ck_utf8_is_valid(ck_span s);

/* Write code point `cp` (<= U+10FFFF, not a surrogate) as UTF-8; returns
 * the length, 1 to 4. */
size_t ck_utf8_encode(uint32_t cp, char out[4]);

/*
 * True when `s` holds a byte below 0x20 or DEL: such a byte could end a
 * header line, or a line of TC3's canonical request, and forge the rest.
 */
bool ck_text_has_control(ck_span s);

/* True when `s` is only ASCII letters, digits and '-' (region, language). */
bool ck_text_is_code(ck_span s);

/*
 * True when `s` could be a host name or an address literal: printable
 * ASCII without spaces or brackets. (Resolving it is the stack's job.)
 */
bool ck_text_is_host(ck_span s);

/*
 * True when `s` is a host name as DNS and TLS know it, the form the API
 * host must have (Host header, TLS server name, signed host): labels of
 * ASCII letters, digits and '-', 1 to 63 bytes, not starting or ending
 * with '-', joined by single dots, 253 bytes at most, no trailing dot. A
 * dotted IPv4 address passes; a port, path, user info, IPv6 literal,
 * space or control byte does not.
 */
bool ck_text_is_host_name(ck_span s);

/* True when `s` equals the lowercase ASCII literal `lower`, ignoring case. */
bool ck_text_eq_nocase(ck_span s, const char *lower);

/* The lowercase hexadecimal digits, in order: the one table of them. */
extern const char ck_text_hex_digits[16];

/* Value of a hexadecimal digit, or -1. */
int ck_text_hex_value(unsigned char c);

/* Exactly four hex digits at p[0..n) (the digits of a JSON \u escape)
 * into *out; false when fewer than four bytes or a non-hex byte. */
bool ck_text_hex4(const char *p, size_t n, uint32_t *out);

/*
 * Length of the NUL-terminated string at `s`, but looking at no more than
 * `max` bytes: `max` when there is no NUL among them. (strnlen is POSIX,
 * not C11: a firmware libc need not have it.)
 */
size_t ck_text_bounded_len(const char *s, size_t max);

/* Most digits ck_text_dec writes: UINT64_MAX has 20. */
#define CK_TEXT_DEC_MAX 20

/*
 * Write `v` in decimal at `out`, zero-padded to at least `width` digits
 * (width <= CK_TEXT_DEC_MAX; out has room for them all, CK_TEXT_DEC_MAX
 * always suffices); returns the number of digits. No NUL. The one
 * integer-to-text routine of the library: it divides in 32-bit halves,
 * so 32-bit targets need no 64-bit division routine.
 */
size_t ck_text_dec(uint64_t v, size_t width, char *out);

/*
 * Read `s` as a decimal number: one or more ASCII digits and nothing else
 * (no sign, no spaces), at most `max`. True and *out set when it is one;
 * false, *out untouched, otherwise (an invalid span included). Leading
 * zeros are allowed; the value is exact up to UINT64_MAX.
 */
bool ck_text_parse_dec(ck_span s, uint64_t max, uint64_t *out);

#endif /* CK_TEXT_H */
