/*
 * ck_tls_profile.h -- which TLS algorithms the client offers and accepts.
 *
 * A profile is everything BearSSL's engine and X.509 validator need before
 * the first handshake: cipher suites, hash functions, PRFs, record
 * encryption, key exchange and signature verification. It decides what the
 * linker pulls in, so it is chosen per build by linking exactly one of:
 *
 *   ck_tls_profile_full.c     hosts: BearSSL's full profile
 *                             (br_ssl_client_init_full), restricted to
 *                             TLS 1.2;
 *   ck_tls_profile_minimal.c  firmware: TLS 1.2, ECDHE with RSA or ECDSA
 *                             signatures, AES-128/256-GCM, P-256 only; about
 *                             a third of BearSSL's code size less.
 *
 * Both reach Tencent Cloud's API endpoints; the minimal one refuses servers
 * that offer nothing but RSA key exchange, CBC, ChaCha20, TLS 1.0/1.1 or
 * certificates on curves other than P-256.
 */
#ifndef CK_TLS_PROFILE_H
#define CK_TLS_PROFILE_H

#include <stddef.h>

#include <bearssl.h>

/*
 * Reset `sc` and `xc` and configure them for the profile, validating
 * server chains against anchors[0..anchor_count) (kept by pointer: they
 * must outlive both contexts). Takes the place of br_ssl_client_init_full
 * and has the same contract: afterwards the caller sets the I/O buffer,
 * entropy and validation time, then calls br_ssl_client_reset. Cannot fail.
 */
void ck_tls_profile_setup(br_ssl_client_context *sc,
	br_x509_minimal_context *xc, const br_x509_trust_anchor *anchors,
	size_t anchor_count);

#endif /* CK_TLS_PROFILE_H */
