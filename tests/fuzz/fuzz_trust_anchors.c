/*
 * fuzz_trust_anchors.c -- libFuzzer target for the PEM trust-anchor loader
 * (port/ck_trust_anchors.c, on BearSSL's PEM and X.509 decoders).
 *
 * The first input byte sizes the store (1 to 4 slots; a pool from 64 bytes
 * to 8 KiB, so running out of room is fuzzed too); the rest is the PEM
 * text, loaded twice into the same store. The slots and the pool are heap
 * blocks of exactly their size, so AddressSanitizer sees a write past
 * either.
 *
 * Checked on every input:
 *  - CK_OK adds at least one anchor, *added is what count grew by, and
 *    count and pool_used stay within capacity and pool_size;
 *  - an error leaves count and pool_used as they were and *added 0;
 *  - every anchor's DN and key bytes lie inside the used part of the pool,
 *    and its key is RSA or EC with non-empty parts;
 *  - the store never points into the PEM text: the text is overwritten
 *    after loading, and the anchors must not change.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Icore -Iport \
 *     tests/fuzz/fuzz_trust_anchors.c port/ck_trust_anchors.c \
 *     core/ck_result.c -lbearssl
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ck_trust_anchors.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) do { if (!(cond)) { abort(); } } while (0)

static bool
inside(const unsigned char *p, size_t n, const ck_trust_anchors *s)
{
	return n == 0 || (p >= s->pool && n <= s->pool_used
		&& (size_t)(p - s->pool) <= s->pool_used - n);
}

static void
check_store(const ck_trust_anchors *s)
{
	size_t i;

	CHECK(s->count <= s->capacity && s->pool_used <= s->pool_size);
	for (i = 0; i < s->count; i++) {
		const br_x509_trust_anchor *a = &s->anchors[i];

		CHECK(inside(a->dn.data, a->dn.len, s));
		switch (a->pkey.key_type) {
		case BR_KEYTYPE_RSA:
			CHECK(a->pkey.key.rsa.nlen > 0 && a->pkey.key.rsa.elen > 0);
			CHECK(inside(a->pkey.key.rsa.n, a->pkey.key.rsa.nlen, s));
			CHECK(inside(a->pkey.key.rsa.e, a->pkey.key.rsa.elen, s));
			break;
		case BR_KEYTYPE_EC:
			CHECK(a->pkey.key.ec.qlen > 0);
			CHECK(inside(a->pkey.key.ec.q, a->pkey.key.ec.qlen, s));
			break;
		default:
			CHECK(false);
		}
	}
}

static void
load(ck_trust_anchors *s, const char *pem, size_t len)
{
	size_t count = s->count, used = s->pool_used, added = 99;
	ck_result r = ck_trust_anchors_add_pem(s, pem, len, &added);

	if (r == CK_OK) {
		CHECK(added >= 1 && s->count == count + added);
	} else {
		CHECK(r == CK_ERR_TRUST_ANCHORS);
		CHECK(added == 0 && s->count == count && s->pool_used == used);
	}
	check_store(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ck_trust_anchors s;
	br_x509_trust_anchor *slots;
	unsigned char *pool, *before;
	char *pem;
	size_t capacity, pool_size, len;

	if (size < 1) {
		return 0;
	}
	capacity = 1 + (data[0] & 3);
	pool_size = (size_t)64 << ((data[0] >> 2) & 7);
	len = size - 1;
	slots = malloc(capacity * sizeof *slots);
	pool = malloc(pool_size);
	before = malloc(pool_size);
	/* A copy that is not NUL-terminated: the length is all there is. */
	pem = malloc(len > 0 ? len : 1);
	CHECK(slots != NULL && pool != NULL && before != NULL && pem != NULL);
	memcpy(pem, data + 1, len);

	ck_trust_anchors_init(&s, slots, capacity, pool, pool_size);
	load(&s, pem, len);
	load(&s, pem, len);

	memcpy(before, pool, s.pool_used);
	memset(pem, 'x', len);
	CHECK(memcmp(before, pool, s.pool_used) == 0);
	check_store(&s);

	free(pem);
	free(before);
	free(pool);
	free(slots);
	return 0;
}
