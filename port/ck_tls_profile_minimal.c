/*
 * ck_tls_profile_minimal.c -- firmware: the smallest TLS 1.2 client that
 * still reaches Tencent Cloud's API endpoints.
 *
 * What it offers, in order of preference:
 *   ECDHE_ECDSA_WITH_AES_128_GCM_SHA256   ECDHE_RSA_WITH_AES_128_GCM_SHA256
 *   ECDHE_ECDSA_WITH_AES_256_GCM_SHA384   ECDHE_RSA_WITH_AES_256_GCM_SHA384
 * i.e. forward secrecy always, AEAD records always, and both kinds of
 * server key, since a CDN in front of an endpoint may present either. The
 * GCM suites of TLS 1.2 are what every current server puts first.
 *
 * Why these implementations (measured on the Cortex-M4 image, make size;
 * BearSSL built with BR_ARMEL_CORTEXM_GCC):
 *   - br_ec_p256_m31 for ECDHE and ECDSA: P-256 only (the one curve every
 *     server accepts; the ClientHello then lists only secp256r1, so the
 *     server never picks a curve we lack). It is 3.6 KiB smaller than
 *     br_ec_p256_m15, and constant-time wherever 32x32->64 multiplication
 *     is, as on the Cortex-M4 (UMULL); not on a Cortex-M3, whose UMULL
 *     exits early: there use br_ec_p256_m15 and br_ghash_ctmul32.
 *     (br_ec_prime_i15 would save another 3.6 KiB and add P-384/P-521,
 *     at several times the cost of each handshake.)
 *   - one bignum family, i15, for RSA and ECDSA verification: they share
 *     br_i15_* code (mixing i15 and i31 costs 2 KiB more), and i15's
 *     Montgomery multiplication has Cortex-M assembly;
 *   - AES "ct" (constant-time, 32-bit) in CTR mode and br_ghash_ctmul
 *     (constant-time given constant-time 32x32->64 products, as above);
 *   - hashes SHA-256 and SHA-384 only: the PRFs and transcript of the four
 *     suites, and the signatures on current certificate chains. A chain
 *     signed with SHA-1 or SHA-512 is refused (BR_ERR_X509_UNSUPPORTED).
 * Nothing here refers to RSA encryption, CBC, CCM, ChaCha20, 3DES, MD5 or
 * SHA-1, so --gc-sections drops all of it.
 */
#include "ck_tls_profile.h"

static const uint16_t suites[] = {
	BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384
};

void
ck_tls_profile_setup(br_ssl_client_context *sc, br_x509_minimal_context *xc,
	const br_x509_trust_anchor *anchors, size_t anchor_count)
{
	br_ssl_engine_context *eng = &sc->eng;

	br_ssl_client_zero(sc);
	br_ssl_engine_set_versions(eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_suites(eng, suites, sizeof suites / sizeof suites[0]);

	/* The validator hashes DNs with SHA-256 to compare them. */
	br_x509_minimal_init(xc, &br_sha256_vtable, anchors, anchor_count);
	br_x509_minimal_set_hash(xc, br_sha256_ID, &br_sha256_vtable);
	br_x509_minimal_set_hash(xc, br_sha384_ID, &br_sha384_vtable);
	br_x509_minimal_set_rsa(xc, &br_rsa_i15_pkcs1_vrfy);
	br_x509_minimal_set_ecdsa(xc, &br_ec_p256_m31, &br_ecdsa_i15_vrfy_asn1);
	br_ssl_engine_set_x509(eng, &xc->vtable);

	/* Handshake transcript, PRF and ServerKeyExchange signatures. */
	br_ssl_engine_set_hash(eng, br_sha256_ID, &br_sha256_vtable);
	br_ssl_engine_set_hash(eng, br_sha384_ID, &br_sha384_vtable);
	br_ssl_engine_set_prf_sha256(eng, &br_tls12_sha256_prf);
	br_ssl_engine_set_prf_sha384(eng, &br_tls12_sha384_prf);
	br_ssl_engine_set_ec(eng, &br_ec_p256_m31);
	br_ssl_engine_set_rsavrfy(eng, &br_rsa_i15_pkcs1_vrfy);
	br_ssl_engine_set_ecdsa(eng, &br_ecdsa_i15_vrfy_asn1);

	/* AES-GCM records. */
	br_ssl_engine_set_gcm(eng, &br_sslrec_in_gcm_vtable,
		&br_sslrec_out_gcm_vtable);
	br_ssl_engine_set_aes_ctr(eng, &br_aes_ct_ctr_vtable);
	br_ssl_engine_set_ghash(eng, &br_ghash_ctmul);
}
