/*
 * string.h -- the only library functions core/ may call, for compiling it
 * with -ffreestanding and no C library (make freestanding).
 *
 * memcpy, memmove, memset and memcmp are what GCC and Clang require of any
 * freestanding environment anyway; memchr and strlen are the rest of what
 * the core uses. A core file that calls anything else fails to
 * compile against this header: that is the point of it.
 */
#ifndef CK_FREESTANDING_STRING_H
#define CK_FREESTANDING_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
size_t strlen(const char *s);

#endif /* CK_FREESTANDING_STRING_H */
