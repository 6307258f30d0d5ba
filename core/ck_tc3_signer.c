/*
 * ck_tc3_signer.c -- TC3-HMAC-SHA256, one static function per step of
 * Tencent's description (see ck_tc3_signer.h).
 */
#include "ck_tc3_signer.h"

#include <string.h>

#include <bearssl.h>

#include "ck_calendar.h"
#include "ck_secure_zero.h"
#include "ck_text.h"

#define SHA256_LEN 32
#define SHA256_HEX_LEN 64
#define SHA256_BLOCK 64
#define DATE_LEN 10

static const char ALGORITHM[] = "TC3-HMAC-SHA256";
static const char SIGNED_HEADERS[] = "content-type;host";
static const char TERMINATOR[] = "tc3_request";

#define LIT(s) (s), (sizeof(s) - 1)

void
ck_tc3_key_cache_wipe(ck_tc3_key_cache *cache)
{
	if (cache != NULL) {
		ck_secure_zero(cache, sizeof(*cache));
	}
}

static void
hex_lower(const uint8_t *bin, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[bin[i] >> 4];
		out[2 * i + 1] = digits[bin[i] & 0x0F];
	}
}

static ck_result
validate_input(const ck_tc3_input *in)
{
	if (!ck_span_is_valid(in->secret_id) || !ck_span_is_valid(in->secret_key)
		|| !ck_span_is_valid(in->service) || !ck_span_is_valid(in->host)
		|| !ck_span_is_valid(in->content_type) || !ck_span_is_valid(in->payload)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (in->timestamp < 0) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (in->secret_id.len == 0 || in->secret_key.len == 0
		|| in->service.len == 0 || in->host.len == 0
		|| in->content_type.len == 0) {
		return CK_ERR_MISSING_FIELD;
	}
	if (in->service.len > CK_TC3_SERVICE_MAX) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (ck_text_has_control(in->secret_id) || ck_text_has_control(in->host)
		|| ck_text_has_control(in->content_type)
		|| ck_text_has_control(in->service)) {
		return CK_ERR_INVALID_HEADER_VALUE;
	}
	return CK_OK;
}

/*
 * Length of the step-5 header value, or 0 when it does not fit a size_t
 * (only a secret_id near SIZE_MAX could do that).
 */
static size_t
authorization_length(const ck_tc3_input *in)
{
	size_t fixed = (sizeof(ALGORITHM) - 1) + (sizeof(" Credential=") - 1)
		+ 1 + DATE_LEN + 1 + 1 + (sizeof(TERMINATOR) - 1)
		+ (sizeof(", SignedHeaders=") - 1) + (sizeof(SIGNED_HEADERS) - 1)
		+ (sizeof(", Signature=") - 1) + SHA256_HEX_LEN;
	size_t variable = in->service.len; /* <= CK_TC3_SERVICE_MAX */

	if (in->secret_id.len > SIZE_MAX - fixed - variable) {
		return 0;
	}
	return fixed + variable + in->secret_id.len;
}

/* Step 1: SHA-256 of the canonical request, hashed as it is produced. */
static void
hash_canonical_request(const ck_tc3_input *in, uint8_t digest[SHA256_LEN])
{
	br_sha256_context sha;
	uint8_t payload_hash[SHA256_LEN];
	char payload_hex[SHA256_HEX_LEN];

	br_sha256_init(&sha);
	if (in->payload.len > 0) {
		br_sha256_update(&sha, in->payload.ptr, in->payload.len);
	}
	br_sha256_out(&sha, payload_hash);
	hex_lower(payload_hash, SHA256_LEN, payload_hex);

	br_sha256_init(&sha);
	br_sha256_update(&sha, LIT("POST\n/\n\ncontent-type:"));
	br_sha256_update(&sha, in->content_type.ptr, in->content_type.len);
	br_sha256_update(&sha, LIT("\nhost:"));
	br_sha256_update(&sha, in->host.ptr, in->host.len);
	br_sha256_update(&sha, LIT("\n\n"));
	br_sha256_update(&sha, LIT(SIGNED_HEADERS));
	br_sha256_update(&sha, LIT("\n"));
	br_sha256_update(&sha, payload_hex, sizeof(payload_hex));
	br_sha256_out(&sha, digest);
}

/* Step 2: "<date>/<service>/tc3_request", fed to an HMAC. */
static void
hmac_update_scope(br_hmac_context *hc, const char date[DATE_LEN],
	ck_span service)
{
	br_hmac_update(hc, date, DATE_LEN);
	br_hmac_update(hc, LIT("/"));
	br_hmac_update(hc, service.ptr, service.len);
	br_hmac_update(hc, LIT("/"));
	br_hmac_update(hc, LIT(TERMINATOR));
}

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
	uint8_t k_date[SHA256_LEN];
	uint8_t k_service[SHA256_LEN];

	if (secret_key.len <= SHA256_BLOCK - 3) {
		memcpy(key, "TC3", 3);
		memcpy(key + 3, secret_key.ptr, secret_key.len);
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
	hmac_sha256(key, key_len, date, DATE_LEN, k_date);
	hmac_sha256(k_date, SHA256_LEN, service.ptr, service.len, k_service);
	hmac_sha256(k_service, SHA256_LEN, LIT(TERMINATOR), k_signing);
	ck_secure_zero(key, sizeof(key));
	ck_secure_zero(k_date, sizeof(k_date));
	ck_secure_zero(k_service, sizeof(k_service));
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

/* Steps 3 and 4: hex(HMAC(kSigning, StringToSign)). */
static void
sign_string_to_sign(const uint8_t k_signing[SHA256_LEN], const char *ts,
	size_t ts_len, const char date[DATE_LEN], ck_span service,
	const uint8_t canonical_hash[SHA256_LEN], char signature[SHA256_HEX_LEN])
{
	br_hmac_key_context kc;
	br_hmac_context hc;
	char canonical_hex[SHA256_HEX_LEN];
	uint8_t mac[SHA256_LEN];

	hex_lower(canonical_hash, SHA256_LEN, canonical_hex);
	br_hmac_key_init(&kc, &br_sha256_vtable, k_signing, SHA256_LEN);
	br_hmac_init(&hc, &kc, 0);
	br_hmac_update(&hc, LIT(ALGORITHM));
	br_hmac_update(&hc, LIT("\n"));
	br_hmac_update(&hc, ts, ts_len);
	br_hmac_update(&hc, LIT("\n"));
	hmac_update_scope(&hc, date, service);
	br_hmac_update(&hc, LIT("\n"));
	br_hmac_update(&hc, canonical_hex, sizeof(canonical_hex));
	br_hmac_out(&hc, mac);
	hex_lower(mac, SHA256_LEN, signature);
	ck_secure_zero(&hc, sizeof(hc));
	ck_secure_zero(&kc, sizeof(kc));
}

static char *
put(char *p, const void *src, size_t len)
{
	memcpy(p, src, len);
	return p + len;
}

/* Step 5, into a buffer already known to be large enough. */
static size_t
write_authorization(char *out, ck_span secret_id, const char date[DATE_LEN],
	ck_span service, const char signature[SHA256_HEX_LEN])
{
	char *p = out;

	p = put(p, LIT(ALGORITHM));
	p = put(p, LIT(" Credential="));
	p = put(p, secret_id.ptr, secret_id.len);
	p = put(p, LIT("/"));
	p = put(p, date, DATE_LEN);
	p = put(p, LIT("/"));
	p = put(p, service.ptr, service.len);
	p = put(p, LIT("/"));
	p = put(p, LIT(TERMINATOR));
	p = put(p, LIT(", SignedHeaders="));
	p = put(p, LIT(SIGNED_HEADERS));
	p = put(p, LIT(", Signature="));
	p = put(p, signature, SHA256_HEX_LEN);
	return (size_t)(p - out);
}

ck_result
ck_tc3_authorization(const ck_tc3_input *in, ck_tc3_key_cache *cache,
	char *out, size_t cap, size_t *written)
{
	char date[DATE_LEN];
	char ts[CK_TEXT_DEC_MAX];
	size_t ts_len, need;
	uint8_t canonical_hash[SHA256_LEN];
	uint8_t k_signing[SHA256_LEN];
	char signature[SHA256_HEX_LEN];
	ck_result rc;

	if (written != NULL) {
		*written = 0;
	}
	if (in == NULL || out == NULL || written == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	rc = validate_input(in);
	if (rc != CK_OK) {
		return rc;
	}
	if (!ck_utc_date(in->timestamp, date)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	need = authorization_length(in);
	if (need == 0 || need > cap) {
		return CK_ERR_BUFFER_TOO_SMALL;
	}
	ts_len = ck_text_dec((uint64_t)in->timestamp, 0, ts);

	hash_canonical_request(in, canonical_hash);
	if (cache != NULL && cache_matches(cache, date, in->service)) {
		memcpy(k_signing, cache->signing_key, SHA256_LEN);
	} else {
		derive_signing_key(in->secret_key, date, in->service, k_signing);
		if (cache != NULL) {
			cache_store(cache, k_signing, date, in->service);
		}
	}
	sign_string_to_sign(k_signing, ts, ts_len, date, in->service,
		canonical_hash, signature);
	ck_secure_zero(k_signing, sizeof(k_signing));

	*written = write_authorization(out, in->secret_id, date, in->service,
		signature);
	return CK_OK;
}
