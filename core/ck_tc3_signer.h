/*
 * ck_tc3_signer.h -- Tencent Cloud API 3.0 request signing (TC3-HMAC-SHA256).
 *
 * Steps, as Tencent documents them (in the .c: the texts of steps 1, 3 and
 * 5 as templates, the key chain of step 4 as functions):
 *  1. CanonicalRequest = "POST\n/\n\ncontent-type:<ct>\nhost:<host>\n\n"
 *                        "content-type;host\n" + hex(SHA-256(payload))
 *  2. CredentialScope  = "<YYYY-MM-DD>/<service>/tc3_request" (UTC date of
 *                        the timestamp)
 *  3. StringToSign     = "TC3-HMAC-SHA256\n<timestamp>\n<scope>\n"
 *                        + hex(SHA-256(CanonicalRequest))
 *  4. kDate = HMAC("TC3" + SecretKey, date); kService = HMAC(kDate, service);
 *     kSigning = HMAC(kService, "tc3_request");
 *     Signature = hex(HMAC(kSigning, StringToSign))
 *  5. "TC3-HMAC-SHA256 Credential=<SecretId>/<scope>, "
 *     "SignedHeaders=content-type;host, Signature=<Signature>"
 *
 * Hashing uses BearSSL's br_sha256 / br_hmac. Nothing is allocated; the
 * canonical request is hashed as it is produced, never stored. Every
 * intermediate key and HMAC context is wiped before return.
 *
 * The secret key may be of any length: when "TC3" + SecretKey is longer
 * than SHA-256's 64-byte block, it is hashed first, exactly as HMAC
 * (RFC 2104) prescribes, so no copy of it longer than one block is made.
 */
#ifndef CK_TC3_SIGNER_H
#define CK_TC3_SIGNER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_result.h"
#include "ck_span.h"

/* Longest service name the signer accepts (Tencent's are short words). */
#define CK_TC3_SERVICE_MAX 32

/*
 * Cache of the derived signing key kSigning, which depends only on the
 * secret key, the UTC date and the service: with it a batch of calls costs
 * one HMAC chain per day instead of four HMACs per request. The cache
 * belongs to one secret key: whoever changes the key must wipe the cache
 * (ck_tc3_key_cache_wipe). Zero-initialised memory is an empty cache.
 */
typedef struct {
	uint8_t signing_key[32];
	char date[10];                     /* YYYY-MM-DD */
	char service[CK_TC3_SERVICE_MAX];
	uint8_t service_len;
	bool valid;
} ck_tc3_key_cache;

/* What one signature covers. */
typedef struct {
	ck_span secret_id;     /* required */
	ck_span secret_key;    /* required */
	ck_span service;       /* required, e.g. "ckafka" */
	ck_span host;          /* required, no port, e.g. "ckafka.tencentcloudapi.com" */
	ck_span content_type;  /* required, exactly as sent */
	int64_t timestamp;     /* unix seconds, as sent in X-TC-Timestamp; >= 0 */
	ck_span payload;       /* the exact body bytes */
} ck_tc3_input;

/*
 * Write the Authorization header value for `in` into `cap` bytes at `out`;
 * on CK_OK *written is its length (no NUL is added).
 *
 * `cache` may be NULL (no caching). A valid cache entry for the same UTC
 * date and service supplies kSigning; otherwise kSigning is derived and,
 * when `cache` is not NULL, stored in it (replacing what it held).
 *
 * What it assumes (ck_client_init checks the settings these come from,
 * once; service and content type are the client's constants): secret_id,
 * secret_key, service, host and content_type are non-empty, and none of
 * secret_id, host, content_type and service holds a byte below 0x20 or
 * 0x7F, any of which would break the canonical form. Nothing of this is
 * checked here again.
 *
 * Errors: CK_ERR_INVALID_ARGUMENT (NULL pointer, a span with a NULL pointer
 * and a non-zero length, negative timestamp, year past 9999, service longer
 * than CK_TC3_SERVICE_MAX), CK_ERR_BUFFER_TOO_SMALL (out too short; checked
 * before any hashing and nothing is written to out). On any error
 * *written is 0 (when `written` is not NULL) and the cache is left as it
 * was.
 */
ck_result ck_tc3_authorization(const ck_tc3_input *in, ck_tc3_key_cache *cache,
	char *out, size_t cap, size_t *written);

/* Forget and overwrite the cached key. */
void ck_tc3_key_cache_wipe(ck_tc3_key_cache *cache);

#endif /* CK_TC3_SIGNER_H */
