/*
 * ck_ca_file.h -- trust anchors from a PEM file on a host (a CA bundle or
 * one CA), for the tools and host stacks.
 *
 * Host only: open/read. Firmware compiles its anchors in instead.
 */
#ifndef CK_CA_FILE_H
#define CK_CA_FILE_H

#include "ck_result.h"
#include "ck_trust_anchors.h"

/* Largest PEM file read; the Debian bundle is about 220 KiB. */
#define CK_CA_FILE_MAX (2u * 1024u * 1024u)

/*
 * Add every certificate in the PEM file at `path` to `store` (already set
 * up with ck_trust_anchors_init). The text is read into one static buffer,
 * wiped after use, so this is not reentrant. Errors: CK_ERR_INVALID_ARGUMENT
 * (NULL argument), CK_ERR_TRUST_ANCHORS (the file cannot be read, is larger
 * than CK_CA_FILE_MAX, or holds no usable certificate; the store is then
 * unchanged).
 */
ck_result ck_ca_file_load(ck_trust_anchors *store, const char *path);

#endif /* CK_CA_FILE_H */
