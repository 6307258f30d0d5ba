/*
 * ck_template.h -- texts with value slots: the TC3 texts and the HTTP
 * request head.
 *
 * A template is ASCII text in which a byte from 0x80 stands for a value
 * (byte 0x80 + i is values[i]; write it as a string literal of its own,
 * "\x80", so no letter after it joins the escape), and DEL (0x7F) makes
 * the rest of its line, up to and including the next '\n', depend on the
 * line's first slot, which it must have: the line is left out when that
 * value is empty. The caller gets the text as
 * pieces, and hashes, MACs or copies each: nothing is assembled first.
 */
#ifndef CK_TEMPLATE_H
#define CK_TEMPLATE_H

#include <stdbool.h>

#include "ck_span.h"

/*
 * The next piece of the template at *t: literal text, or a slot's value;
 * advances *t past it. False at the end of the template.
 */
bool ck_template_next(const char **t, const ck_span *values, ck_span *piece);

#endif /* CK_TEMPLATE_H */
