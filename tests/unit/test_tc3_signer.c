/*
 * test_tc3_signer.c -- TC3-HMAC-SHA256 against the official SDK's answers.
 */
#include "test_support.h"

#define JSMN_STATIC
#include <jsmn.h>

#include "ck_response_decoder.h"
#include "ck_tc3_signer.h"

#define VECTORS_PATH "tests/vectors/tc3-sign-official-sdk.json"
#define VECTOR_COUNT 40
#define MAX_TOKENS 2048
#define AUTH_CAP 512

/*
 * Unescape the JSON string body s[0..len) into a new heap string (UTF-8,
 * NUL-terminated; *out_len its length) with the library's own
 * ck_json_unescape (tested in test_response_decoder.c). Fails the test on
 * a bad escape. The output is never longer than the input.
 */
static char *
json_unescape(const char *s, size_t len, size_t *out_len)
{
	char *out = malloc(len + 1);

	assert_non_null(out);
	assert_int_equal(ck_json_unescape(ck_span_make(s, len), out, len,
		out_len), CK_OK);
	out[*out_len] = '\0';
	return out;
}

/* ---- the vector file ---- */

typedef struct {
	char *field[8];
	size_t len[8];
	int64_t timestamp;
} vector;

static const char *const FIELD_NAMES[8] = {
	"secret_id", "secret_key", "service", "host", "content_type",
	"payload", "authorization", "timestamp"
};
enum { F_ID, F_KEY, F_SERVICE, F_HOST, F_CT, F_PAYLOAD, F_AUTH, F_TS };

static bool
token_is(const char *js, const jsmntok_t *t, const char *s)
{
	size_t n = strlen(s);
	return t->type == JSMN_STRING && (size_t)(t->end - t->start) == n
		&& memcmp(js + t->start, s, n) == 0;
}

/* Parse the vector file; returns how many objects it holds. */
static size_t
load_vectors(vector *v, size_t max)
{
	size_t len, count = 0;
	char *js = test_read_file(VECTORS_PATH, &len);
	jsmntok_t *tok = calloc(MAX_TOKENS, sizeof(*tok));
	jsmn_parser parser;
	int ntok, i;

	assert_non_null(tok);
	jsmn_init(&parser);
	ntok = jsmn_parse(&parser, js, len, tok, MAX_TOKENS);
	assert_true(ntok > 0);
	assert_int_equal(tok[0].type, JSMN_ARRAY);
	i = 1;
	while (i < ntok) {
		int pairs, p, f;

		assert_int_equal(tok[i].type, JSMN_OBJECT);
		assert_true(count < max);
		memset(&v[count], 0, sizeof(v[count]));
		pairs = tok[i].size;
		i++;
		for (p = 0; p < pairs; p++) {
			const jsmntok_t *key = &tok[i];
			const jsmntok_t *val = &tok[i + 1];

			assert_true(i + 1 < ntok);
			for (f = 0; f < 8; f++) {
				if (token_is(js, key, FIELD_NAMES[f])) {
					break;
				}
			}
			assert_true(f < 8);
			if (f == F_TS) {
				assert_int_equal(val->type, JSMN_PRIMITIVE);
				v[count].timestamp = strtoll(js + val->start, NULL, 10);
			} else {
				assert_int_equal(val->type, JSMN_STRING);
				v[count].field[f] = json_unescape(js + val->start,
					(size_t)(val->end - val->start), &v[count].len[f]);
			}
			i += 2;
		}
		for (f = 0; f < 7; f++) {
			assert_non_null(v[count].field[f]);
		}
		count++;
	}
	free(tok);
	free(js);
	return count;
}

static void
free_vectors(vector *v, size_t n)
{
	size_t i;
	int f;

	for (i = 0; i < n; i++) {
		for (f = 0; f < 7; f++) {
			free(v[i].field[f]);
		}
	}
}

static ck_tc3_input
vector_input(const vector *v)
{
	ck_tc3_input in;

	in.secret_id = ck_span_make(v->field[F_ID], v->len[F_ID]);
	in.secret_key = ck_span_make(v->field[F_KEY], v->len[F_KEY]);
	in.service = ck_span_make(v->field[F_SERVICE], v->len[F_SERVICE]);
	in.host = ck_span_make(v->field[F_HOST], v->len[F_HOST]);
	in.content_type = ck_span_make(v->field[F_CT], v->len[F_CT]);
	in.payload = ck_span_make(v->field[F_PAYLOAD], v->len[F_PAYLOAD]);
	in.timestamp = v->timestamp;
	return in;
}

/* A valid input of our own, for the error and edge cases. */
static ck_tc3_input
example_input(void)
{
	ck_tc3_input in;

	in.secret_id = CK_SPAN_LITERAL("AKIDEXAMPLE");
	in.secret_key = CK_SPAN_LITERAL("secret");
	in.service = CK_SPAN_LITERAL("ckafka");
	in.host = CK_SPAN_LITERAL("ckafka.tencentcloudapi.com");
	in.content_type = CK_SPAN_LITERAL("application/json");
	in.timestamp = 1700000000;
	in.payload = CK_SPAN_LITERAL("{\"a\":1}");
	return in;
}

static ck_result
sign(const ck_tc3_input *in, ck_tc3_key_cache *cache, char *out, size_t cap,
	size_t *written)
{
	return ck_tc3_authorization(in, cache, out, cap, written);
}

static bool
span_contains(ck_span s, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= s.len; i++) {
		if (memcmp(s.ptr + i, needle, n) == 0) {
			return true;
		}
	}
	return false;
}

/* ---- tests ---- */

static void
test_unescape_handles_every_json_escape(void **state)
{
	static const char src[] =
		"a\\\"b\\\\c\\/\\n\\t\\u00e9\\u20ac\\ud83d\\ude00";
	static const char expected[] =
		"a\"b\\c/\n\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";
	size_t n;
	char *s = json_unescape(src, sizeof(src) - 1, &n);

	(void)state;
	assert_int_equal(n, sizeof(expected) - 1);
	assert_memory_equal(s, expected, n);
	free(s);
}

static void
test_all_official_sdk_vectors_are_reproduced(void **state)
{
	vector v[VECTOR_COUNT + 1];
	size_t n = load_vectors(v, VECTOR_COUNT + 1), i;

	(void)state;
	assert_int_equal(n, VECTOR_COUNT);
	for (i = 0; i < n; i++) {
		ck_tc3_input in = vector_input(&v[i]);
		char out[AUTH_CAP];
		size_t written = 0;
		ck_result rc = sign(&in, NULL, out, sizeof(out), &written);

		if (rc != CK_OK) {
			fail_msg("vector %zu: %s", i, ck_result_name(rc));
		}
		if (written != v[i].len[F_AUTH]
			|| memcmp(out, v[i].field[F_AUTH], written) != 0) {
			fail_msg("vector %zu:\n got %.*s\nwant %s", i, (int)written,
				out, v[i].field[F_AUTH]);
		}
	}
	free_vectors(v, n);
}

static void
test_second_signature_from_cache_matches_each_vector(void **state)
{
	vector v[VECTOR_COUNT + 1];
	size_t n = load_vectors(v, VECTOR_COUNT + 1), i;
	ck_tc3_key_cache cache;

	(void)state;
	assert_int_equal(n, VECTOR_COUNT);
	for (i = 0; i < n; i++) {
		ck_tc3_input in = vector_input(&v[i]);
		char out[AUTH_CAP];
		size_t written = 0;

		/* Each vector has its own key, and a cache belongs to one key. */
		memset(&cache, 0, sizeof(cache));
		assert_int_equal(sign(&in, &cache, out, sizeof(out), &written), CK_OK);
		assert_true(cache.valid);
		written = 0;
		assert_int_equal(sign(&in, &cache, out, sizeof(out), &written), CK_OK);
		assert_int_equal(written, v[i].len[F_AUTH]);
		assert_memory_equal(out, v[i].field[F_AUTH], written);
	}
	free_vectors(v, n);
}

static void
test_cache_hit_gives_same_signature_as_no_cache(void **state)
{
	ck_tc3_input in = example_input();
	ck_tc3_key_cache cache;
	char a[AUTH_CAP], b[AUTH_CAP], c[AUTH_CAP];
	size_t na, nb, nc;

	(void)state;
	memset(&cache, 0, sizeof(cache));
	assert_int_equal(sign(&in, NULL, a, sizeof(a), &na), CK_OK);
	assert_int_equal(sign(&in, &cache, b, sizeof(b), &nb), CK_OK);
	assert_true(cache.valid);
	assert_memory_equal(cache.date, "2023-11-14", 10);
	/* Later the same day: served from the cache. */
	in.timestamp += 3600;
	assert_int_equal(sign(&in, &cache, c, sizeof(c), &nc), CK_OK);
	in.timestamp -= 3600;
	assert_int_equal(sign(&in, &cache, b, sizeof(b), &nb), CK_OK);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
	assert_false(nc == na && memcmp(a, c, na) == 0);
}

static void
test_cache_is_really_used_when_date_and_service_match(void **state)
{
	ck_tc3_input in = example_input();
	ck_tc3_key_cache cache;
	char a[AUTH_CAP], b[AUTH_CAP];
	size_t na, nb;

	(void)state;
	memset(&cache, 0, sizeof(cache));
	assert_int_equal(sign(&in, &cache, a, sizeof(a), &na), CK_OK);
	/* A corrupted cached key must change the signature if it is used. */
	cache.signing_key[0] ^= 0x01;
	assert_int_equal(sign(&in, &cache, b, sizeof(b), &nb), CK_OK);
	assert_int_equal(na, nb);
	assert_memory_not_equal(a, b, na);
}

static void
test_cache_of_other_date_is_rederived(void **state)
{
	ck_tc3_input in = example_input();
	ck_tc3_key_cache cache;
	char a[AUTH_CAP], b[AUTH_CAP];
	size_t na, nb;

	(void)state;
	memset(&cache, 0, sizeof(cache));
	in.timestamp = 1700000000 - 86400;
	assert_int_equal(sign(&in, &cache, a, sizeof(a), &na), CK_OK);
	assert_memory_equal(cache.date, "2023-11-13", 10);
	cache.signing_key[0] ^= 0x01; /* would show if the stale key were used */

	in.timestamp = 1700000000;
	assert_int_equal(sign(&in, &cache, b, sizeof(b), &nb), CK_OK);
	assert_memory_equal(cache.date, "2023-11-14", 10);
	assert_int_equal(sign(&in, NULL, a, sizeof(a), &na), CK_OK);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
}

static void
test_cache_of_other_service_is_rederived(void **state)
{
	ck_tc3_input in = example_input();
	ck_tc3_key_cache cache;
	char a[AUTH_CAP], b[AUTH_CAP];
	size_t na, nb;

	(void)state;
	memset(&cache, 0, sizeof(cache));
	in.service = CK_SPAN_LITERAL("cvm");
	assert_int_equal(sign(&in, &cache, a, sizeof(a), &na), CK_OK);
	in.service = CK_SPAN_LITERAL("ckafka");
	assert_int_equal(sign(&in, &cache, b, sizeof(b), &nb), CK_OK);
	assert_int_equal(cache.service_len, 6);
	assert_memory_equal(cache.service, "ckafka", 6);
	assert_int_equal(sign(&in, NULL, a, sizeof(a), &na), CK_OK);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
}

static void
test_cache_wipe_forgets_the_key(void **state)
{
	ck_tc3_input in = example_input();
	ck_tc3_key_cache cache;
	static const uint8_t zeros[sizeof(ck_tc3_key_cache)];
	char a[AUTH_CAP];
	size_t na;

	(void)state;
	memset(&cache, 0, sizeof(cache));
	assert_int_equal(sign(&in, &cache, a, sizeof(a), &na), CK_OK);
	assert_true(cache.valid);
	ck_tc3_key_cache_wipe(&cache);
	assert_false(cache.valid);
	assert_memory_equal(&cache, zeros, sizeof(cache));
	ck_tc3_key_cache_wipe(NULL);
}

static void
test_exact_fit_buffer_succeeds_and_one_short_is_too_small(void **state)
{
	ck_tc3_input in = example_input();
	char full[AUTH_CAP], out[AUTH_CAP];
	size_t n, written = 99;

	(void)state;
	assert_int_equal(sign(&in, NULL, full, sizeof(full), &n), CK_OK);
	memset(out, 'X', sizeof(out));
	assert_int_equal(sign(&in, NULL, out, n - 1, &written),
		CK_ERR_BUFFER_TOO_SMALL);
	assert_int_equal(written, 0);
	assert_int_equal(out[0], 'X'); /* nothing written */
	assert_int_equal(sign(&in, NULL, out, n, &written), CK_OK);
	assert_int_equal(written, n);
	assert_memory_equal(out, full, n);
	assert_int_equal(out[n], 'X');
}

static void
test_zero_capacity_is_too_small(void **state)
{
	ck_tc3_input in = example_input();
	char out[1];
	size_t written;

	(void)state;
	assert_int_equal(sign(&in, NULL, out, 0, &written),
		CK_ERR_BUFFER_TOO_SMALL);
}

static void
test_timestamp_after_2038_gives_its_date(void **state)
{
	ck_tc3_input in = example_input();
	char out[AUTH_CAP];
	size_t n;

	(void)state;
	in.timestamp = 4102444800; /* 2100-01-01T00:00:00Z */
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n), CK_OK);
	/* Reference: Python's hmac/hashlib over the documented steps. */
	assert_span_equal(ck_span_make(out, n),
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/2100-01-01/ckafka/"
		"tc3_request, SignedHeaders=content-type;host, Signature="
		"00d0cecb13dbe16a9b58ee845efa9a8043a5de095f22b292feb00097a5e2d8a4");
}

static void
test_epoch_with_empty_payload_is_signed(void **state)
{
	ck_tc3_input in = example_input();
	char out[AUTH_CAP];
	size_t n;

	(void)state;
	in.timestamp = 0;
	in.payload = CK_SPAN_EMPTY;
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n), CK_OK);
	assert_span_equal(ck_span_make(out, n),
		"TC3-HMAC-SHA256 Credential=AKIDEXAMPLE/1970-01-01/ckafka/"
		"tc3_request, SignedHeaders=content-type;host, Signature="
		"89fee8fb43dfc12c8490d782bcfdfeb6c22a35f66f510e90344d2ef258c0cb7b");
}

static void
check_key(const char *key, size_t key_len, const char *signature)
{
	ck_tc3_input in = example_input();
	char out[AUTH_CAP];
	size_t n;

	in.secret_key = ck_span_make(key, key_len);
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n), CK_OK);
	assert_true(n > 64);
	assert_memory_equal(out + n - 64, signature, 64);
}

static void
test_secret_keys_around_the_hmac_block_size_are_signed(void **state)
{
	char k[201];

	(void)state;
	/* "TC3" + 61 bytes fills the 64-byte block exactly. */
	memset(k, 'k', 62);
	check_key(k, 61,
		"ec4ef383813a17a3ad67588cd620a7324107ff4930ffcf87e2bc39f02ede4ebc");
	/* One more and HMAC hashes the key first. */
	check_key(k, 62,
		"6091f8ad0f21267cf4f4f939c7611b0274072eba96358eb9c7d5d0e59a7e4ada");
}

static void
test_long_secret_key_is_signed(void **state)
{
	char k[200];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(k); i++) {
		k[i] = (char)('0' + i % 10);
	}
	check_key(k, sizeof(k),
		"78d1b7539217c455a50b460f02d3f56d2291497db607f7a6cf24e9de6ba477bc");
}

static void
test_null_pointers_are_invalid_arguments(void **state)
{
	ck_tc3_input in = example_input();
	char out[AUTH_CAP];
	size_t n = 7;

	(void)state;
	assert_int_equal(sign(NULL, NULL, out, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(n, 0);
	assert_int_equal(sign(&in, NULL, NULL, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(sign(&in, NULL, out, sizeof(out), NULL),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_span_with_null_pointer_and_length_is_invalid(void **state)
{
	ck_tc3_input in = example_input();
	char out[AUTH_CAP];
	size_t n;

	(void)state;
	in.payload = ck_span_make(NULL, 5);
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
	in = example_input();
	in.host = ck_span_make(NULL, 3);
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_negative_timestamp_is_invalid(void **state)
{
	ck_tc3_input in = example_input();
	char out[AUTH_CAP];
	size_t n;

	(void)state;
	in.timestamp = -1;
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
	in.timestamp = INT64_MIN;
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_year_after_9999_is_invalid(void **state)
{
	ck_tc3_input in = example_input();
	char out[AUTH_CAP];
	size_t n;

	(void)state;
	in.timestamp = INT64_C(253402300799); /* 9999-12-31T23:59:59Z */
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n), CK_OK);
	assert_true(span_contains(ck_span_make(out, n), "/9999-12-31/"));
	in.timestamp = INT64_C(253402300800);
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
	in.timestamp = INT64_MAX;
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_service_longer_than_max_is_invalid(void **state)
{
	ck_tc3_input in = example_input();
	char svc[CK_TC3_SERVICE_MAX + 1];
	char out[AUTH_CAP];
	size_t n;

	(void)state;
	memset(svc, 's', sizeof(svc));
	in.service = ck_span_make(svc, CK_TC3_SERVICE_MAX);
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n), CK_OK);
	in.service = ck_span_make(svc, CK_TC3_SERVICE_MAX + 1);
	assert_int_equal(sign(&in, NULL, out, sizeof(out), &n),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_failed_call_leaves_the_cache_alone(void **state)
{
	ck_tc3_input in = example_input();
	ck_tc3_key_cache cache, before;
	char out[AUTH_CAP];
	size_t n;

	(void)state;
	memset(&cache, 0, sizeof(cache));
	assert_int_equal(sign(&in, &cache, out, sizeof(out), &n), CK_OK);
	before = cache;
	in.timestamp += 86400;
	assert_int_equal(sign(&in, &cache, out, 10, &n), CK_ERR_BUFFER_TOO_SMALL);
	assert_memory_equal(&cache, &before, sizeof(cache));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unescape_handles_every_json_escape),
		cmocka_unit_test(test_all_official_sdk_vectors_are_reproduced),
		cmocka_unit_test(test_second_signature_from_cache_matches_each_vector),
		cmocka_unit_test(test_cache_hit_gives_same_signature_as_no_cache),
		cmocka_unit_test(test_cache_is_really_used_when_date_and_service_match),
		cmocka_unit_test(test_cache_of_other_date_is_rederived),
		cmocka_unit_test(test_cache_of_other_service_is_rederived),
		cmocka_unit_test(test_cache_wipe_forgets_the_key),
		cmocka_unit_test(test_exact_fit_buffer_succeeds_and_one_short_is_too_small),
		cmocka_unit_test(test_zero_capacity_is_too_small),
		cmocka_unit_test(test_timestamp_after_2038_gives_its_date),
		cmocka_unit_test(test_epoch_with_empty_payload_is_signed),
		cmocka_unit_test(test_secret_keys_around_the_hmac_block_size_are_signed),
		cmocka_unit_test(test_long_secret_key_is_signed),
		cmocka_unit_test(test_null_pointers_are_invalid_arguments),
		cmocka_unit_test(test_span_with_null_pointer_and_length_is_invalid),
		cmocka_unit_test(test_negative_timestamp_is_invalid),
		cmocka_unit_test(test_year_after_9999_is_invalid),
		cmocka_unit_test(test_service_longer_than_max_is_invalid),
		cmocka_unit_test(test_failed_call_leaves_the_cache_alone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
