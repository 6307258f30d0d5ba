/*
 * test_trust_anchors.c -- PEM text to trust anchors in caller storage.
 */
#include "test_support.h"

#include "ck_trust_anchors.h"

#define FIXTURE(name) "tests/unit/fixtures/" name

#define SLOTS 8
#define POOL 8192

/* One store with its storage, fresh for every test. */
typedef struct {
	ck_trust_anchors store;
	br_x509_trust_anchor slots[SLOTS];
	unsigned char pool[POOL];
} fixture;

static fixture *
fixture_new(size_t capacity, size_t pool_size)
{
	fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	assert_true(capacity <= SLOTS && pool_size <= POOL);
	ck_trust_anchors_init(&f->store, f->slots, capacity, f->pool,
		pool_size);
	return f;
}

static char *
read_text(const char *path, size_t *len)
{
	return test_read_file(path, len);
}

/* Concatenate NUL-terminated strings into one heap string. */
static char *
concat(const char *a, const char *b, const char *c)
{
	size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
	char *s = malloc(la + lb + lc + 1);

	assert_non_null(s);
	memcpy(s, a, la);
	memcpy(s + la, b, lb);
	memcpy(s + la + lb, c, lc);
	s[la + lb + lc] = '\0';
	return s;
}

/* True when `needle` occurs in the `len` bytes at `hay`. */
static bool
bytes_contain(const unsigned char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++) {
		if (memcmp(hay + i, needle, n) == 0) {
			return true;
		}
	}
	return false;
}

static void
assert_in_pool(const fixture *f, const unsigned char *p, size_t len)
{
	assert_true(p >= f->pool);
	assert_true(p + len <= f->pool + f->store.pool_used);
}

static void
test_rsa_ca_is_added_as_ca_anchor(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	size_t len, added = 0;
	char *pem = read_text(FIXTURE("ca-rsa.pem"), &len);
	const br_x509_trust_anchor *ta = &f->slots[0];

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, pem, len, &added),
		CK_OK);
	assert_int_equal(added, 1);
	assert_int_equal(f->store.count, 1);
	assert_int_equal(ta->flags, BR_X509_TA_CA);
	assert_int_equal(ta->pkey.key_type, BR_KEYTYPE_RSA);
	assert_int_equal(ta->pkey.key.rsa.nlen, 256);
	assert_true(ta->pkey.key.rsa.n[0] & 0x80);
	assert_int_equal(ta->pkey.key.rsa.elen, 3); /* 65537 */
	assert_true(bytes_contain(ta->dn.data, ta->dn.len, "Test RSA Root CA"));
	assert_in_pool(f, ta->dn.data, ta->dn.len);
	assert_in_pool(f, ta->pkey.key.rsa.n, ta->pkey.key.rsa.nlen);
	assert_in_pool(f, ta->pkey.key.rsa.e, ta->pkey.key.rsa.elen);
	free(pem);
	free(f);
}

static void
test_ec_ca_is_added_with_curve_and_point(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	size_t len;
	char *pem = read_text(FIXTURE("ca-ec.pem"), &len);
	const br_x509_trust_anchor *ta = &f->slots[0];

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, pem, len, NULL),
		CK_OK);
	assert_int_equal(f->store.count, 1);
	assert_int_equal(ta->flags, BR_X509_TA_CA);
	assert_int_equal(ta->pkey.key_type, BR_KEYTYPE_EC);
	assert_int_equal(ta->pkey.key.ec.curve, BR_EC_secp256r1);
	assert_int_equal(ta->pkey.key.ec.qlen, 65);
	assert_int_equal(ta->pkey.key.ec.q[0], 0x04);
	assert_true(bytes_contain(ta->dn.data, ta->dn.len, "Test EC Root CA"));
	assert_in_pool(f, ta->pkey.key.ec.q, ta->pkey.key.ec.qlen);
	free(pem);
	free(f);
}

static void
test_leaf_certificate_is_added_without_ca_flag(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	size_t len;
	char *pem = read_text(FIXTURE("server.pem"), &len);

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, pem, len, NULL),
		CK_OK);
	assert_int_equal(f->store.count, 1);
	assert_int_equal(f->slots[0].flags, 0);
	assert_true(bytes_contain(f->slots[0].dn.data, f->slots[0].dn.len,
		"ckafka.intl.tencentcloudapi.com"));
	free(pem);
	free(f);
}

static void
test_bundle_adds_every_certificate_in_order(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *rsa = read_text(FIXTURE("ca-rsa.pem"), NULL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *leaf = read_text(FIXTURE("server.pem"), NULL);
	char *bundle = concat(rsa, ec, leaf);
	size_t added = 0;

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, bundle,
		strlen(bundle), &added), CK_OK);
	assert_int_equal(added, 3);
	assert_int_equal(f->store.count, 3);
	assert_int_equal(f->slots[0].pkey.key_type, BR_KEYTYPE_RSA);
	assert_int_equal(f->slots[1].pkey.key_type, BR_KEYTYPE_EC);
	assert_int_equal(f->slots[2].flags, 0);
	free(rsa);
	free(ec);
	free(leaf);
	free(bundle);
	free(f);
}

static void
test_second_call_appends_to_the_store(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *rsa = read_text(FIXTURE("ca-rsa.pem"), NULL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	size_t used_after_first;

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, rsa, strlen(rsa),
		NULL), CK_OK);
	used_after_first = f->store.pool_used;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, ec, strlen(ec),
		NULL), CK_OK);
	assert_int_equal(f->store.count, 2);
	assert_true(f->store.pool_used > used_after_first);
	assert_true(f->slots[1].dn.data >= f->pool + used_after_first);
	assert_true(bytes_contain(f->slots[0].dn.data, f->slots[0].dn.len,
		"Test RSA Root CA"));
	free(rsa);
	free(ec);
	free(f);
}

static void
test_store_does_not_point_into_the_text(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	size_t len;
	char *pem = read_text(FIXTURE("ca-ec.pem"), &len);
	const br_x509_trust_anchor *ta = &f->slots[0];

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, pem, len, NULL),
		CK_OK);
	memset(pem, 'x', len);
	free(pem);
	/* Still readable and intact after the text is gone (ASan checks). */
	assert_true(bytes_contain(ta->dn.data, ta->dn.len, "Test EC Root CA"));
	assert_int_equal(ta->pkey.key.ec.q[0], 0x04);
	free(f);
}

static void
test_garbage_between_objects_is_ignored(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *rsa = read_text(FIXTURE("ca-rsa.pem"), NULL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *head = concat("Subject: some CA\n# comment line\n\x01\x02\n",
		rsa, "\n\nrandom words -----END NOTHING\nmore noise\n");
	char *bundle = concat(head, ec, "trailing text without newline");
	size_t added = 0;

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, bundle,
		strlen(bundle), &added), CK_OK);
	assert_int_equal(added, 2);
	free(rsa);
	free(ec);
	free(head);
	free(bundle);
	free(f);
}

static void
test_non_certificate_objects_are_skipped(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *key = read_text(FIXTURE("server.key"), NULL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *bundle = concat(key, ec,
		"-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n");
	size_t added = 0;

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, bundle,
		strlen(bundle), &added), CK_OK);
	assert_int_equal(added, 1);
	assert_int_equal(f->slots[0].pkey.key_type, BR_KEYTYPE_EC);
	free(key);
	free(ec);
	free(bundle);
	free(f);
}

static void
test_text_with_no_certificate_is_rejected(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *key = read_text(FIXTURE("server.key"), NULL);
	size_t added = 99;

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, key, strlen(key),
		&added), CK_ERR_TRUST_ANCHORS);
	assert_int_equal(added, 0);
	assert_int_equal(f->store.count, 0);
	assert_int_equal(f->store.pool_used, 0);
	free(key);
	free(f);
}

static void
test_empty_text_is_rejected(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, "", 0, NULL),
		CK_ERR_TRUST_ANCHORS);
	assert_int_equal(f->store.count, 0);
	free(f);
}

static void
test_null_store_or_text_is_rejected(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(NULL, "x", 1, NULL),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, NULL, 1, NULL),
		CK_ERR_INVALID_ARGUMENT);
	free(f);
}

static void
test_crlf_line_endings_are_accepted(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	size_t len, i, j = 0;
	char *pem = read_text(FIXTURE("ca-rsa.pem"), &len);
	char *crlf = malloc(2 * len + 1);

	(void)state;
	assert_non_null(crlf);
	for (i = 0; i < len; i++) {
		if (pem[i] == '\n') {
			crlf[j++] = '\r';
		}
		crlf[j++] = pem[i];
	}
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, crlf, j, NULL),
		CK_OK);
	assert_int_equal(f->store.count, 1);
	free(pem);
	free(crlf);
	free(f);
}

/*
 * A store that already holds the RSA CA, so "unchanged after an error"
 * is checked against a non-empty store.
 */
static fixture *
fixture_with_rsa_ca(size_t capacity, size_t pool_size)
{
	fixture *f = fixture_new(capacity, pool_size);
	char *rsa = read_text(FIXTURE("ca-rsa.pem"), NULL);

	assert_int_equal(ck_trust_anchors_add_pem(&f->store, rsa, strlen(rsa),
		NULL), CK_OK);
	free(rsa);
	return f;
}

static void
assert_rejected_and_unchanged(fixture *f, const char *text, size_t len)
{
	size_t count = f->store.count, used = f->store.pool_used;
	br_x509_trust_anchor first = f->slots[0];
	size_t added = 42;

	assert_int_equal(ck_trust_anchors_add_pem(&f->store, text, len, &added),
		CK_ERR_TRUST_ANCHORS);
	assert_int_equal(added, 0);
	assert_int_equal(f->store.count, count);
	assert_int_equal(f->store.pool_used, used);
	assert_memory_equal(&f->slots[0], &first, sizeof first);
}

static void
test_malformed_base64_is_rejected_and_store_unchanged(void **state)
{
	fixture *f = fixture_with_rsa_ca(SLOTS, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *bad = read_text(FIXTURE("ca-rsa.pem"), NULL);
	char *bundle;

	(void)state;
	/* A character outside Base64 in the middle of the second object. */
	bad[strlen(bad) / 2] = '!';
	bundle = concat(ec, bad, "");
	assert_rejected_and_unchanged(f, bundle, strlen(bundle));
	free(ec);
	free(bad);
	free(bundle);
	free(f);
}

static void
test_truncated_certificate_is_rejected_and_store_unchanged(void **state)
{
	fixture *f = fixture_with_rsa_ca(SLOTS, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *cut;
	char *body_end;
	char *first_line_end;

	(void)state;
	/* Keep the banners, drop every Base64 line but the first. */
	first_line_end = strchr(strchr(ec, '\n') + 1, '\n');
	body_end = strstr(ec, "-----END");
	assert_non_null(first_line_end);
	assert_non_null(body_end);
	*(first_line_end + 1) = '\0';
	cut = concat(ec, body_end, "");
	assert_rejected_and_unchanged(f, cut, strlen(cut));
	free(ec);
	free(cut);
	free(f);
}

static void
test_missing_end_banner_is_rejected_and_store_unchanged(void **state)
{
	fixture *f = fixture_with_rsa_ca(SLOTS, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);

	(void)state;
	*strstr(ec, "-----END") = '\0';
	assert_rejected_and_unchanged(f, ec, strlen(ec));
	free(ec);
	free(f);
}

static void
test_non_certificate_der_is_rejected_and_store_unchanged(void **state)
{
	fixture *f = fixture_with_rsa_ca(SLOTS, POOL);
	const char *text = "-----BEGIN CERTIFICATE-----\n"
		"MAMCAQE=\n" /* SEQUENCE { INTEGER 1 } */
		"-----END CERTIFICATE-----\n";

	(void)state;
	assert_rejected_and_unchanged(f, text, strlen(text));
	free(f);
}

static void
test_bytes_after_the_certificate_are_rejected(void **state)
{
	fixture *f = fixture_with_rsa_ca(SLOTS, POOL);
	size_t len;
	char *pem = read_text(FIXTURE("ca-ec-trailing-bytes.pem"), &len);

	(void)state;
	assert_rejected_and_unchanged(f, pem, len);
	free(pem);
	free(f);
}

static void
test_bad_digit_in_validity_date_is_rejected(void **state)
{
	fixture *f = fixture_with_rsa_ca(SLOTS, POOL);
	size_t len;
	char *pem = read_text(FIXTURE("ca-rsa.pem"), &len);
	char *date = strstr(pem, "MjYx"); /* "261" of notBefore 261125... */

	(void)state;
	assert_non_null(date);
	date[3] = 'A'; /* the "1" becomes a NUL byte inside the UTCTime */
	assert_rejected_and_unchanged(f, pem, len);
	free(pem);
	free(f);
}

static void
test_full_slots_are_rejected_and_store_unchanged(void **state)
{
	fixture *f = fixture_with_rsa_ca(2, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *leaf = read_text(FIXTURE("server.pem"), NULL);
	char *bundle = concat(ec, leaf, "");

	(void)state;
	/* One slot is left and the bundle needs two: nothing is added. */
	assert_rejected_and_unchanged(f, bundle, strlen(bundle));
	free(ec);
	free(leaf);
	free(bundle);
	free(f);
}

static void
test_full_pool_is_rejected_and_store_unchanged(void **state)
{
	fixture *probe = fixture_new(SLOTS, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	size_t need;
	fixture *f;

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&probe->store, ec, strlen(ec),
		NULL), CK_OK);
	need = probe->store.pool_used;

	/* One byte short, after an anchor already in the pool. */
	f = fixture_with_rsa_ca(SLOTS, POOL);
	f->store.pool_size = f->store.pool_used + need - 1;
	assert_rejected_and_unchanged(f, ec, strlen(ec));

	/* Exactly enough. */
	f->store.pool_size = f->store.pool_used + need;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, ec, strlen(ec),
		NULL), CK_OK);
	assert_int_equal(f->store.pool_used, f->store.pool_size);
	free(ec);
	free(probe);
	free(f);
}

static void
test_pool_too_small_for_the_dn_is_rejected(void **state)
{
	fixture *f = fixture_new(SLOTS, 10);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, ec, strlen(ec),
		NULL), CK_ERR_TRUST_ANCHORS);
	assert_int_equal(f->store.pool_used, 0);
	assert_int_equal(f->store.count, 0);
	free(ec);
	free(f);
}

static void
test_store_without_storage_rejects_everything(void **state)
{
	ck_trust_anchors s;
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);

	(void)state;
	ck_trust_anchors_init(&s, NULL, 5, NULL, 100);
	assert_int_equal(s.capacity, 0);
	assert_int_equal(s.pool_size, 0);
	assert_int_equal(ck_trust_anchors_add_pem(&s, ec, strlen(ec), NULL),
		CK_ERR_TRUST_ANCHORS);
	free(ec);
}

/*
 * Every single-byte change of a valid bundle is either accepted or
 * rejected cleanly: no crash, no overflow (ASan), and the store is
 * consistent either way.
 */
static void
test_every_single_byte_corruption_is_handled(void **state)
{
	char *rsa = read_text(FIXTURE("ca-rsa.pem"), NULL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *bundle = concat(ec, rsa, "");
	size_t len = strlen(bundle), i;
	static const char replacements[] = { '\0', '\n', '-', 'A', '/', '=' };
	fixture *f = fixture_new(SLOTS, POOL);

	(void)state;
	for (i = 0; i < len; i++) {
		char saved = bundle[i];
		size_t k;

		for (k = 0; k < sizeof replacements; k++) {
			ck_result r;

			bundle[i] = replacements[k];
			ck_trust_anchors_init(&f->store, f->slots, SLOTS, f->pool,
				POOL);
			r = ck_trust_anchors_add_pem(&f->store, bundle, len, NULL);
			if (r == CK_OK) {
				assert_true(f->store.count >= 1);
				assert_true(f->store.count <= 2);
				assert_true(f->store.pool_used <= POOL);
			} else {
				assert_int_equal(r, CK_ERR_TRUST_ANCHORS);
				assert_int_equal(f->store.count, 0);
				assert_int_equal(f->store.pool_used, 0);
			}
		}
		bundle[i] = saved;
	}
	free(rsa);
	free(ec);
	free(bundle);
	free(f);
}

#define SYSTEM_BUNDLE "/etc/ssl/certs/ca-certificates.crt"

static void
test_system_bundle_loads_more_than_100_anchors(void **state)
{
	static br_x509_trust_anchor slots[256];
	static unsigned char pool[256 * 1024];
	ck_trust_anchors s;
	FILE *probe = fopen(SYSTEM_BUNDLE, "rb");
	size_t len, added = 0;
	char *pem;

	(void)state;
	if (probe == NULL) {
		skip();
	}
	fclose(probe);
	pem = read_text(SYSTEM_BUNDLE, &len);
	ck_trust_anchors_init(&s, slots, 256, pool, sizeof pool);
	assert_int_equal(ck_trust_anchors_add_pem(&s, pem, len, &added), CK_OK);
	print_message("system bundle: %zu anchors, %zu pool bytes\n", added,
		s.pool_used);
	assert_true(added > 100);
	assert_int_equal(s.count, added);
	free(pem);
}

/* --- which certificate is at fault, for the message a person reads --- */

static void
assert_fault(const fixture *f, ck_trust_anchors_fault fault,
	size_t certificate, size_t line)
{
	assert_int_equal(f->store.last.fault, fault);
	assert_int_equal(f->store.last.certificate, certificate);
	assert_int_equal(f->store.last.line, line);
}

static void
test_fault_names_the_corrupt_certificate_and_its_line(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *rsa = read_text(FIXTURE("ca-rsa.pem"), NULL);
	char *bundle;

	(void)state;
	/* Base64 stays valid; the DER inside does not (see the date test). */
	strstr(rsa, "MjYx")[3] = 'A';
	bundle = concat(ec, rsa, ec);
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, bundle,
		strlen(bundle), NULL), CK_ERR_TRUST_ANCHORS);
	/* ca-ec.pem is 12 lines: the second certificate begins on line 13. */
	assert_fault(f, CK_TA_FAULT_BAD_CERTIFICATE, 2, 13);
	assert_int_not_equal(f->store.last.x509_error, 0);
	free(ec);
	free(rsa);
	free(bundle);
	free(f);
}

static void
test_fault_names_broken_base64_in_its_certificate(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *bad = read_text(FIXTURE("ca-rsa.pem"), NULL);
	char *bundle;

	(void)state;
	bad[strlen(bad) / 2] = '!';
	bundle = concat(ec, ec, bad);
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, bundle,
		strlen(bundle), NULL), CK_ERR_TRUST_ANCHORS);
	assert_fault(f, CK_TA_FAULT_BAD_PEM, 3, 25);
	free(ec);
	free(bad);
	free(bundle);
	free(f);
}

static void
test_fault_says_the_slots_are_full_at_which_certificate(void **state)
{
	fixture *f = fixture_new(2, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *bundle = concat(ec, ec, ec);

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, bundle,
		strlen(bundle), NULL), CK_ERR_TRUST_ANCHORS);
	assert_fault(f, CK_TA_FAULT_SLOTS_FULL, 3, 25);
	free(ec);
	free(bundle);
	free(f);
}

static void
test_fault_says_the_pool_is_full_at_which_certificate(void **state)
{
	fixture *f = fixture_new(SLOTS, 300);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *bundle = concat(ec, ec, ec);

	(void)state;
	/* An EC anchor takes about 130 bytes of pool: the third is too many. */
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, bundle,
		strlen(bundle), NULL), CK_ERR_TRUST_ANCHORS);
	assert_int_equal(f->store.last.fault, CK_TA_FAULT_POOL_FULL);
	assert_true(f->store.last.certificate >= 2);
	free(ec);
	free(bundle);
	free(f);
}

static void
test_fault_says_when_there_is_no_certificate_or_no_end(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);
	char *bundle;

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, "no pem here\n",
		12, NULL), CK_ERR_TRUST_ANCHORS);
	assert_fault(f, CK_TA_FAULT_NO_CERTIFICATE, 0, 0);
	*strstr(ec, "-----END") = '\0';
	bundle = concat("# a comment\n", ec, "");
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, bundle,
		strlen(bundle), NULL), CK_ERR_TRUST_ANCHORS);
	assert_fault(f, CK_TA_FAULT_NO_END, 1, 2);
	free(ec);
	free(bundle);
	free(f);
}

static void
test_success_leaves_no_fault(void **state)
{
	fixture *f = fixture_new(SLOTS, POOL);
	char *ec = read_text(FIXTURE("ca-ec.pem"), NULL);

	(void)state;
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, "x\n", 2, NULL),
		CK_ERR_TRUST_ANCHORS);
	assert_int_equal(ck_trust_anchors_add_pem(&f->store, ec, strlen(ec),
		NULL), CK_OK);
	assert_fault(f, CK_TA_FAULT_NONE, 0, 0);
	free(ec);
	free(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsa_ca_is_added_as_ca_anchor),
		cmocka_unit_test(test_ec_ca_is_added_with_curve_and_point),
		cmocka_unit_test(test_leaf_certificate_is_added_without_ca_flag),
		cmocka_unit_test(test_bundle_adds_every_certificate_in_order),
		cmocka_unit_test(test_second_call_appends_to_the_store),
		cmocka_unit_test(test_store_does_not_point_into_the_text),
		cmocka_unit_test(test_garbage_between_objects_is_ignored),
		cmocka_unit_test(test_non_certificate_objects_are_skipped),
		cmocka_unit_test(test_text_with_no_certificate_is_rejected),
		cmocka_unit_test(test_empty_text_is_rejected),
		cmocka_unit_test(test_null_store_or_text_is_rejected),
		cmocka_unit_test(test_crlf_line_endings_are_accepted),
		cmocka_unit_test(test_malformed_base64_is_rejected_and_store_unchanged),
		cmocka_unit_test(test_truncated_certificate_is_rejected_and_store_unchanged),
		cmocka_unit_test(test_missing_end_banner_is_rejected_and_store_unchanged),
		cmocka_unit_test(test_non_certificate_der_is_rejected_and_store_unchanged),
		cmocka_unit_test(test_bytes_after_the_certificate_are_rejected),
		cmocka_unit_test(test_bad_digit_in_validity_date_is_rejected),
		cmocka_unit_test(test_full_slots_are_rejected_and_store_unchanged),
		cmocka_unit_test(test_full_pool_is_rejected_and_store_unchanged),
		cmocka_unit_test(test_pool_too_small_for_the_dn_is_rejected),
		cmocka_unit_test(test_store_without_storage_rejects_everything),
		cmocka_unit_test(test_every_single_byte_corruption_is_handled),
		cmocka_unit_test(test_system_bundle_loads_more_than_100_anchors),
		cmocka_unit_test(test_fault_names_the_corrupt_certificate_and_its_line),
		cmocka_unit_test(test_fault_names_broken_base64_in_its_certificate),
		cmocka_unit_test(test_fault_says_the_slots_are_full_at_which_certificate),
		cmocka_unit_test(test_fault_says_the_pool_is_full_at_which_certificate),
		cmocka_unit_test(test_fault_says_when_there_is_no_certificate_or_no_end),
		cmocka_unit_test(test_success_leaves_no_fault),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
