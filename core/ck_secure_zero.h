/*
 * ck_secure_zero.h -- wiping secrets so that the wipe stays in the binary.
 *
 * A memset of memory that is never read again is a dead store, which
 * compilers remove; every secret the library, its ports and its tools hold
 * (keys, HMAC contexts, TLS sessions, the tools' copies of credentials) is
 * wiped through this one function instead.
 */
#ifndef CK_SECURE_ZERO_H
#define CK_SECURE_ZERO_H

#include <stddef.h>

/* Overwrite `len` bytes at `p` with zeros in a way the compiler keeps. */
void ck_secure_zero(void *p, size_t len);

#endif /* CK_SECURE_ZERO_H */
