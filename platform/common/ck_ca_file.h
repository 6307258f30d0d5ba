/*
 * ck_ca_file.h -- trust anchors from a PEM file on a host (a CA bundle or
 * one CA), for the tools and host stacks.
 *
 * Host only: open/read. Firmware compiles its anchors in instead.
 */
#ifndef CK_CA_FILE_H
#define CK_CA_FILE_H

#include <stdint.h>

#include "ck_result.h"
#include "ck_trust_anchors.h"

/* Largest PEM file read; the Debian bundle is about 220 KiB. */
#define CK_CA_FILE_MAX (2u * 1024u * 1024u)

/*
 * The trust store a host stack gives a CA file: anchors and pool bytes
 * (the Debian bundle has about 150 anchors in about 100 KiB). Both host
 * stacks and ck_ca_file_check use these, so a file that passes the check
 * fits the stacks too.
 */
#define CK_CA_FILE_ANCHORS_MAX 512
#define CK_CA_FILE_POOL (384u * 1024u)

/* How long reading may take when the caller gives 0. */
#define CK_CA_FILE_TIMEOUT_MS 10000u

/*
 * Add every certificate in the PEM file at `path` to `store` (already set
 * up with ck_trust_anchors_init). Only a regular file is read: a FIFO, a
 * device or a directory is refused without waiting on it, and reading
 * stops with an error once `timeout_ms` (0: CK_CA_FILE_TIMEOUT_MS) have
 * passed. The text is read into one static buffer, wiped after use, so
 * this is not reentrant. Errors: CK_ERR_INVALID_ARGUMENT (NULL argument),
 * CK_ERR_TRUST_ANCHORS (the file cannot be opened or read, is not a
 * regular file, is larger than CK_CA_FILE_MAX, takes too long, or holds a
 * certificate that is not usable or more than the store has room for; the
 * store is then unchanged, and ck_ca_file_last_error says which).
 */
ck_result ck_ca_file_load(ck_trust_anchors *store, const char *path,
	uint32_t timeout_ms);

/*
 * Load the file as ck_ca_file_load does into a store the size of the host
 * stacks' (CK_CA_FILE_ANCHORS_MAX, CK_CA_FILE_POOL), and drop the result:
 * what a dry run uses to find every fault a real run would. Same errors.
 */
ck_result ck_ca_file_check(const char *path, uint32_t timeout_ms);

/*
 * What went wrong in the last load or check that returned
 * CK_ERR_TRUST_ANCHORS, as the end of a sentence about the file (e.g.
 * "is a FIFO, not a regular file", "certificate 3 (line 41) is corrupt:
 * ..."); NULL when the last one succeeded or none ran. Static storage,
 * valid until the next call.
 */
const char *ck_ca_file_last_error(void);

#endif /* CK_CA_FILE_H */
