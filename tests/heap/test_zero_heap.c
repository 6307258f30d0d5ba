/*
 * test_zero_heap.c -- proof that a full call allocates nothing.
 *
 * malloc, calloc, realloc, free and their aligned forms are interposed (this
 * executable defines them, so every caller in the process, glibc included,
 * gets ours) and counted while the real host stack -- POSIX socket, BearSSL
 * TLS handshake, signing, HTTP, jsmn decoding -- makes two calls against the
 * stand-in endpoint (the second over the kept-alive connection). Anything
 * counted in that window fails the test. Setup (reading the CA file) and
 * reporting are outside the window. Then ck_posix_stack_deinit must leave
 * the client and the TLS context all zero: no key, session or plaintext.
 *
 * Needs: CKAFKA_STANDIN_PORT, CKAFKA_CA, TENCENTCLOUD_SECRET_ID and
 * TENCENTCLOUD_SECRET_KEY in the environment. Built without sanitizers,
 * which would own malloc themselves. Exit 0 on success.
 */
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ck_posix_stack.h"

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void *__libc_memalign(size_t, size_t);
extern void __libc_free(void *);

static volatile int counting;
static volatile unsigned long allocations;

static void
count(void)
{
	if (counting) {
		allocations++;
	}
}

void *malloc(size_t n) { count(); return __libc_malloc(n); }
void *calloc(size_t a, size_t b) { count(); return __libc_calloc(a, b); }
void *realloc(void *p, size_t n) { count(); return __libc_realloc(p, n); }
void free(void *p) { if (p != NULL) { count(); } __libc_free(p); }
void *aligned_alloc(size_t a, size_t n) { count(); return __libc_memalign(a, n); }
void *memalign(size_t a, size_t n) { count(); return __libc_memalign(a, n); }
int posix_memalign(void **out, size_t a, size_t n)
{
	count();
	*out = __libc_memalign(a, n);
	return *out != NULL ? 0 : 12;
}

static ck_posix_stack stack;

static int
all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i] != 0) {
			return 0;
		}
	}
	return 1;
}

int
main(void)
{
	static const ck_partition_offset parts[] = { { 0, 7 }, { 1, 9 } };
	const char *port = getenv("CKAFKA_STANDIN_PORT");
	void *(*volatile probe)(size_t) = malloc;
	ck_posix_options o;
	ck_offsets_request req;
	ck_offsets_response resp;
	ck_result r1, r2;
	const char *what = NULL;
	unsigned long seen;
	int wiped;

	if (port == NULL || getenv("CKAFKA_CA") == NULL) {
		fprintf(stderr, "zero-heap: CKAFKA_STANDIN_PORT and CKAFKA_CA "
			"must be set\n");
		return 2;
	}

	/* The counter must see an allocation made inside the window, or a
	 * zero below would prove nothing. */
	counting = 1;
	free(probe(16));
	counting = 0;
	if (allocations != 2) {
		fprintf(stderr, "zero-heap: interposition does not work "
			"(counted %lu of 2)\n", allocations);
		return 1;
	}
	allocations = 0;

	memset(&o, 0, sizeof o);
	o.api.endpoint = "ckafka.intl.tencentcloudapi.com";
	o.connect_host = "127.0.0.1";
	o.connect_port = port;
	o.cacert_path = getenv("CKAFKA_CA");
	o.api.region = "ap-guangzhou";
	o.api.secret_id = getenv("TENCENTCLOUD_SECRET_ID");
	o.api.secret_key = getenv("TENCENTCLOUD_SECRET_KEY");
	if (ck_posix_stack_init(&stack, &o, &what) != CK_OK) {
		fprintf(stderr, "zero-heap: setup failed at %s\n", what);
		return 1;
	}

	memset(&req, 0, sizeof req);
	req.instance_id = CK_SPAN_LITERAL("ckafka-demo");
	req.group_name = CK_SPAN_LITERAL("zero-heap-group");
	req.partitions = parts;
	req.partition_count = 2;

	counting = 1;
	r1 = ck_client_modify_offsets(&stack.client, &req, &resp);
	r2 = ck_client_modify_offsets(&stack.client, &req, &resp);
	counting = 0;
	seen = allocations;
	ck_posix_stack_deinit(&stack);
	wiped = all_zero(&stack.tls, sizeof stack.tls)
		&& all_zero(&stack.client, sizeof stack.client);

	printf("zero-heap: calls %s, %s; allocations during the calls: %lu; "
		"TLS and client %s after deinit\n", ck_result_name(r1),
		ck_result_name(r2), seen, wiped ? "wiped" : "NOT wiped");
	if (r1 != CK_OK || r2 != CK_OK || !wiped) {
		return 1;
	}
	return seen == 0 ? 0 : 1;
}
