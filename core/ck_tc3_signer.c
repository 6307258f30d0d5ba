/*
 * ck_tc3_signer.c -- TC3-HMAC-SHA256, step by step as Tencent describes it
 * (see ck_tc3_signer.h).
 */
#include "ck_tc3_signer.h"

#include <string.h>

#include <bearssl.h>

#include "ck_calendar.h"
#include "ck_secure_zero.h"
#include "ck_template.h"
#include "ck_text.h"

#define SHA256_LEN 32
#define SHA256_HEX_LEN 64
#define SHA256_BLOCK 64
#define DATE_LEN 10

void
ck_tc3_key_cache_wipe(ck_tc3_key_cache *cache)
{
	if (cache != NULL) {
		ck_secure_zero(cache, sizeof(*cache));
	}
}

/* hex(SHA-256) of the canonical request or the payload: 64 lowercase digits. */
static void
hex_lower(const uint8_t bin[SHA256_LEN], char out[SHA256_HEX_LEN])
{
	size_t i;

	for (i = 0; i < SHA256_LEN; i++) {
		out[2 * i] = ck_text_hex_digits[bin[i] >> 4];
		out[2 * i + 1] = ck_text_hex_digits[bin[i] & 0x0F];
	}
}

/* The three texts of TC3 as templates (ck_template.h); the slots: */
#define SECRET_ID "\x80"
#define DATE "\x81"
#define SERVICE "\x82"
#define HEX "\x83"          /* the hash or signature in hex of that step */
#define TIMESTAMP "\x84"
#define CONTENT_TYPE "\x85"
#define HOST "\x86"
enum { SLOTS = 7 };

/* Step 1 (HEX: hex(SHA-256(payload))). */
static const char CANONICAL_REQUEST[] =
	"POST\n/\n\ncontent-type:" CONTENT_TYPE "\nhost:" HOST
	"\n\ncontent-type;host\n" HEX;
/* Steps 2 and 3 (HEX: hex(SHA-256(CanonicalRequest))). */
static const char STRING_TO_SIGN[] =
	"TC3-HMAC-SHA256\n" TIMESTAMP "\n" DATE "/" SERVICE "/tc3_request\n"
	HEX;
/* Its longest: a 20-digit timestamp, a service of CK_TC3_SERVICE_MAX. */
#define STRING_TO_SIGN_MAX \
	(sizeof STRING_TO_SIGN - 5 + 20 + DATE_LEN + CK_TC3_SERVICE_MAX \
	+ SHA256_HEX_LEN)

/* Step 5 (HEX: the signature). */
static const char AUTHORIZATION[] =
	"TC3-HMAC-SHA256 Credential=" SECRET_ID "/" DATE "/" SERVICE
	"/tc3_request, SignedHeaders=content-type;host, Signature=" HEX;

/* out = HMAC-SHA256(key, data); wipes its contexts. */
static void
hmac_sha256(const void *key, size_t key_len, const void *data, size_t len,
	uint8_t out[SHA256_LEN])
{
	br_hmac_key_context kc;
	br_hmac_context hc;

	br_hmac_key_init(&kc, &br_sha256_vtable, key, key_len);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, data, len);
	br_hmac_out(&hc, out);
	ck_secure_zero(&hc, sizeof(hc));
	ck_secure_zero(&kc, sizeof(kc));
}

/*
 * Step 4, key part: kSigning from "TC3" + SecretKey. A key longer than a
 * block is replaced by its hash, as HMAC itself would do, so the stack copy
 * is bounded whatever the secret's length.
 */
static void
derive_signing_key(ck_span secret_key, const char date[DATE_LEN],
	ck_span service, uint8_t k_signing[SHA256_LEN])
{
	uint8_t key[SHA256_BLOCK];
	size_t key_len;

	if (secret_key.len <= SHA256_BLOCK - 3) {
		memcpy(key, "TC3", 3);
		if (secret_key.len != 0) {
			memcpy(key + 3, secret_key.ptr, secret_key.len);
		}
		key_len = 3 + secret_key.len;
	} else {
		br_sha256_context sha;

		br_sha256_init(&sha);
		br_sha256_update(&sha, "TC3", 3);
		br_sha256_update(&sha, secret_key.ptr, secret_key.len);
		br_sha256_out(&sha, key);
		ck_secure_zero(&sha, sizeof(sha));
		key_len = SHA256_LEN;
	}
	/* kDate, then kService, each over the key before it: HMAC has
	 * taken its key in before it writes its output. */
	hmac_sha256(key, key_len, date, DATE_LEN, key);
	hmac_sha256(key, SHA256_LEN, service.ptr, service.len, key);
	hmac_sha256(key, SHA256_LEN, "tc3_request", 11, k_signing);
	ck_secure_zero(key, sizeof(key));
}

static bool
cache_matches(const ck_tc3_key_cache *cache, const char date[DATE_LEN],
	ck_span service)
{
	return cache->valid && cache->service_len == service.len
		&& memcmp(cache->date, date, DATE_LEN) == 0
		&& memcmp(cache->service, service.ptr, service.len) == 0;
}

static void
cache_store(ck_tc3_key_cache *cache, const uint8_t k_signing[SHA256_LEN],
	const char date[DATE_LEN], ck_span service)
{
	ck_tc3_key_cache_wipe(cache);
	memcpy(cache->signing_key, k_signing, SHA256_LEN);
	memcpy(cache->date, date, DATE_LEN);
	memcpy(cache->service, service.ptr, service.len);
	cache->service_len = (uint8_t)service.len;
	cache->valid = true;
}

ck_result
ck_tc3_authorization(const ck_tc3_input *in, ck_tc3_key_cache *cache,
	char *out, size_t cap, size_t *written)
{
	char date[DATE_LEN];
	char ts[CK_TEXT_DEC_MAX];
	char hex[SHA256_HEX_LEN];
	uint8_t hash[SHA256_LEN];
	uint8_t k_signing[SHA256_LEN];
	char to_sign[STRING_TO_SIGN_MAX];
	br_sha256_context sha;
	ck_span v[SLOTS];
	ck_buf b;
	const char *t;
	ck_span piece;
	size_t i, need;

	if (written != NULL) {
		*written = 0;
	}
	if (in == NULL || out == NULL || written == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	v[0] = in->secret_id;
	v[1] = ck_span_make(date, DATE_LEN);
	v[2] = in->service;
	v[3] = ck_span_make(hex, SHA256_HEX_LEN);
	v[4] = ck_span_make(ts, 0);
	v[5] = in->content_type;
	v[6] = in->host;
	/* Readable spans; what they hold the caller has checked. */
	for (i = 0; i < SLOTS; i++) {
		if (!ck_span_is_valid(v[i])) {
			return CK_ERR_INVALID_ARGUMENT;
		}
	}
	if (!ck_span_is_valid(in->secret_key) || !ck_span_is_valid(in->payload)
		|| in->service.len > CK_TC3_SERVICE_MAX || in->timestamp < 0
		|| !ck_utc_date(in->timestamp, date)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	v[4].len = ck_text_dec((uint64_t)in->timestamp, 0, ts);
	/*
	 * Room for step 5 first, so nothing is hashed or written for a
	 * buffer too small: the template less its four slot bytes, and
	 * what goes into them.
	 */
	need = sizeof AUTHORIZATION - 1 - 4 + DATE_LEN + SHA256_HEX_LEN
		+ in->service.len;
	if (in->secret_id.len > cap || need > cap - in->secret_id.len) {
		return CK_ERR_BUFFER_TOO_SMALL;
	}

	/* Step 1, hashed as it is produced: payload hash, then the text. */
	br_sha256_init(&sha);
	br_sha256_update(&sha, in->payload.ptr, in->payload.len);
	br_sha256_out(&sha, hash);
	hex_lower(hash, hex);
	br_sha256_init(&sha);
	t = CANONICAL_REQUEST;
	while (ck_template_next(&t, v, &piece)) {
		br_sha256_update(&sha, piece.ptr, piece.len);
	}
	br_sha256_out(&sha, hash);
	hex_lower(hash, hex);

	/* Step 4: kSigning, from the cache when it holds today's. */
	if (cache != NULL && cache_matches(cache, date, in->service)) {
		memcpy(k_signing, cache->signing_key, SHA256_LEN);
	} else {
		derive_signing_key(in->secret_key, date, in->service,
			k_signing);
		if (cache != NULL) {
			cache_store(cache, k_signing, date, in->service);
		}
	}
	/*
	 * Steps 3 and 4: hex(HMAC(kSigning, StringToSign)). The string is
	 * short and public (at most STRING_TO_SIGN_MAX bytes), so it is
	 * written out and MACed by the same function as the key chain.
	 */
	b = ck_buf_make(to_sign, sizeof to_sign);
	t = STRING_TO_SIGN;
	while (ck_template_next(&t, v, &piece)) {
		ck_buf_append(&b, piece.ptr, piece.len);
	}
	hmac_sha256(k_signing, SHA256_LEN, to_sign, b.len, hash);
	hex_lower(hash, hex);
	ck_secure_zero(k_signing, sizeof(k_signing));

	/* Step 5. */
	t = AUTHORIZATION;
	while (ck_template_next(&t, v, &piece)) {
		memcpy(out + *written, piece.ptr, piece.len);
		*written += piece.len;
	}
	return CK_OK;
}
