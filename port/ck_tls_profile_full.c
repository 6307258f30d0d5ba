/*
 * ck_tls_profile_full.c -- hosts: every algorithm BearSSL has, TLS 1.2 only.
 *
 * Size does not matter on a host, and the full profile copes with
 * whatever a proxy or a test endpoint offers. TLS 1.0 and 1.1 are refused:
 * Tencent Cloud's endpoints speak 1.2, and nothing older is safe.
 */
#include "ck_tls_profile.h"

void
ck_tls_profile_setup(br_ssl_client_context *sc, br_x509_minimal_context *xc,
	const br_x509_trust_anchor *anchors, size_t anchor_count)
{
	br_ssl_client_init_full(sc, xc, anchors, anchor_count);
	br_ssl_engine_set_versions(&sc->eng, BR_TLS12, BR_TLS12);
}
