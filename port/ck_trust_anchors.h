/*
 * ck_trust_anchors.h -- trust anchors decoded from PEM into caller storage.
 *
 * Certificates are read with BearSSL's own PEM and X.509 decoders; the
 * anchors (subject DN and public key) are copied into a byte pool the caller
 * provides, so a store can live in static memory and nothing is allocated.
 * The store never points into the PEM text: the caller may free or reuse it
 * as soon as ck_trust_anchors_add_pem returns.
 *
 * A certificate that is a CA (basicConstraints CA:TRUE) becomes an anchor
 * with BR_X509_TA_CA. Any other certificate is still added, without that
 * flag: BearSSL then accepts exactly that certificate when a server presents
 * it (a pinned server certificate), and never as the issuer of another.
 *
 * Memory: the slots and pool only; each certificate is streamed from the
 * PEM decoder into the X.509 decoder, never held whole. The two BearSSL
 * decoder contexts live on the stack for the call: about 2 KiB peak on
 * x86-64 (the rest of this module uses little), so call it where that much
 * stack is available, typically once at start-up.
 */
#ifndef CK_TRUST_ANCHORS_H
#define CK_TRUST_ANCHORS_H

#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "ck_result.h"

/* Why ck_trust_anchors_add_pem refused a text. */
typedef enum {
	CK_TA_FAULT_NONE = 0,
	CK_TA_FAULT_NO_CERTIFICATE,  /* no CERTIFICATE object in the text */
	CK_TA_FAULT_BAD_PEM,         /* broken Base64 or banner */
	CK_TA_FAULT_NO_END,          /* a BEGIN banner without its END */
	CK_TA_FAULT_BAD_CERTIFICATE, /* not one valid X.509 certificate */
	CK_TA_FAULT_UNSUPPORTED_KEY, /* a key neither RSA nor EC */
	CK_TA_FAULT_SLOTS_FULL,      /* more certificates than `capacity` */
	CK_TA_FAULT_POOL_FULL        /* names and keys exceed `pool_size` */
} ck_trust_anchors_fault;

/*
 * Where and why the last ck_trust_anchors_add_pem failed, so a person can
 * be told which certificate of a bundle to look at.
 */
typedef struct {
	int32_t fault;      /* a ck_trust_anchors_fault (fixed width: code
	                       built with -fshort-enums reads it too) */
	size_t certificate; /* 1-based among the CERTIFICATE objects of the
	                       text; 0 when the fault is in none */
	size_t line;        /* 1-based line of its BEGIN banner, or of the
	                       fault when it is in no certificate; 0 for
	                       NO_CERTIFICATE */
	int x509_error;     /* BearSSL's decoder error for BAD_CERTIFICATE */
} ck_trust_anchors_report;

/* A store of trust anchors. The caller owns it; members are read-only. */
typedef struct {
	br_x509_trust_anchor *anchors; /* anchors[0..count) are filled */
	size_t count;
	size_t capacity;
	unsigned char *pool;           /* DNs and key bytes of the anchors */
	size_t pool_used;
	size_t pool_size;
	ck_trust_anchors_report last;  /* of the last add_pem; fault NONE
	                                  after a success */
} ck_trust_anchors;

/*
 * Start an empty store using `capacity` anchor slots at `slots` and
 * `pool_size` bytes at `pool` (a CA certificate typically needs 300 to 700
 * bytes of pool). Both arrays stay the caller's and must outlive the store.
 */
void ck_trust_anchors_init(ck_trust_anchors *s, br_x509_trust_anchor *slots,
	size_t capacity, unsigned char *pool, size_t pool_size);

/*
 * Add every "CERTIFICATE" object found in the PEM text `pem` (other PEM
 * objects are skipped). On CK_OK *added (may be NULL) is how many were
 * added, at least one.
 *
 * Errors: CK_ERR_INVALID_ARGUMENT (NULL store or text), CK_ERR_TRUST_ANCHORS
 * (malformed PEM or certificate, no certificate at all, or no room in the
 * slots or the pool). On error the store keeps exactly the anchors it had
 * before the call (count and pool_used are restored; slots and pool bytes
 * past them may have been written): a partly read bundle is never
 * half-loaded. On error *added is 0 and s->last says which certificate
 * (or line) is at fault and why.
 *
 * Accepted text: LF or CRLF line ends, any bytes between objects, a last
 * line without its newline. A CERTIFICATE object must hold exactly one
 * DER certificate with an RSA or EC key, nothing after it.
 */
ck_result ck_trust_anchors_add_pem(ck_trust_anchors *s, const char *pem,
	size_t len, size_t *added);

#endif /* CK_TRUST_ANCHORS_H */
