/*
 * ck_template.c -- the pieces of a template (ck_template.h).
 */
#include "ck_template.h"

#define OPTIONAL_LINE 0x7Fu
#define SLOT 0x80u

bool
ck_template_next(const char **t, const ck_span *values, ck_span *piece)
{
	const unsigned char *p = (const unsigned char *)*t;
	size_t n = 0;

	while (*p == OPTIONAL_LINE) {
		const unsigned char *s = p + 1;

		while (*s < SLOT) {
			s++;
		}
		if (values[*s - SLOT].len != 0) {
			p++;
			break;
		}
		/* Its value is empty: skip the line with its '\n'. */
		while (*p++ != '\n') {
		}
	}
	if (*p == '\0') {
		*t = (const char *)p;
		return false;
	}
	if (*p >= SLOT) {
		*piece = values[*p - SLOT];
		*t = (const char *)p + 1;
		return true;
	}
	while (p[n] != '\0' && p[n] < OPTIONAL_LINE) {
		n++;
	}
	*piece = ck_span_make((const char *)p, n);
	*t = (const char *)p + n;
	return true;
}
