/*
 * consumer.c -- a library user's program, built by tests/install: once
 * against the installed library (`pkg-config --static --cflags --libs
 * ckafka`, headers as <ckafka/...>), once from the sources a CMake project
 * takes from ckafkaFilePaths.cmake (CKAFKA_FROM_SOURCE). It wires what
 * platform/posix/ck_posix_stack.c wires -- socket, TLS, client -- with
 * only the library's public interface, and makes one call:
 *
 *     consumer HOST PORT CA-FILE GROUP
 *
 * against instance ckafka-demo, partition 0 of topic-a, offset 77, with
 * the credentials of TENCENTCLOUD_SECRET_ID/_KEY. Prints the library's
 * version and the result's name; exits 0 when the offsets were applied.
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef CKAFKA_FROM_SOURCE
#include "ck_client.h"
#include "ck_posix_socket.h"
#include "ck_tls_client.h"
#include "ck_trust_anchors.h"
#include "ck_version.h"
#else
#include <ckafka/ck_client.h>
#include <ckafka/ck_posix_socket.h>
#include <ckafka/ck_tls_client.h>
#include <ckafka/ck_trust_anchors.h>
#include <ckafka/ck_version.h>
#endif

static int64_t
unix_time(void *ctx)
{
	(void)ctx;
	return (int64_t)time(NULL);
}

static uint64_t
monotonic_ms(void *ctx)
{
	struct timespec ts;

	(void)ctx;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void
sleep_ms(void *ctx, uint32_t ms)
{
	struct timespec ts = { (time_t)(ms / 1000u),
		(long)(ms % 1000u) * 1000000L };

	(void)ctx;
	nanosleep(&ts, NULL);
}

static char pem[1 << 16];
static br_x509_trust_anchor slots[8];
static unsigned char pool[16384];
static ck_trust_anchors anchors;
static ck_posix_socket sock;
static ck_tls_client tls;
static ck_client client;

int
main(int argc, char **argv)
{
	static const ck_partition_offset parts[] = { { 0, 77 } };
	static const ck_span topics[] = { CK_SPAN_LITERAL("topic-a") };
	const char *id = getenv("TENCENTCLOUD_SECRET_ID");
	const char *key = getenv("TENCENTCLOUD_SECRET_KEY");
	ck_platform platform = { unix_time, monotonic_ms, sleep_ms, NULL, NULL };
	ck_transport sock_t, tls_t;
	ck_tls_config tc;
	ck_client_config cc;
	ck_offsets_request req;
	ck_offsets_response resp;
	ck_result r;
	size_t len;
	FILE *f;

	if (argc != 5 || id == NULL || key == NULL) {
		fprintf(stderr, "usage: consumer HOST PORT CA-FILE GROUP "
			"(credentials in the environment)\n");
		return 2;
	}
	printf("ckafka %s\n", CK_VERSION);
	f = fopen(argv[3], "rb");
	if (f == NULL) {
		perror(argv[3]);
		return 2;
	}
	len = fread(pem, 1, sizeof pem, f);
	fclose(f);
	ck_trust_anchors_init(&anchors, slots, 8, pool, sizeof pool);
	r = ck_trust_anchors_add_pem(&anchors, pem, len, NULL);
	if (r == CK_OK) {
		r = ck_posix_socket_init(&sock, argv[1], argv[2]);
	}
	if (r == CK_OK) {
		sock_t = ck_posix_socket_transport(&sock);
		memset(&tc, 0, sizeof tc);
		tc.lower = &sock_t;
		tc.anchors = anchors.anchors;
		tc.anchor_count = anchors.count;
		tc.server_name = CK_DEFAULT_ENDPOINT;
		tc.unix_time = unix_time;
		tc.monotonic_ms = monotonic_ms;
		r = ck_tls_client_init(&tls, &tc);
	}
	if (r == CK_OK) {
		tls_t = ck_tls_client_transport(&tls);
		memset(&cc, 0, sizeof cc);
		cc.region = CK_SPAN_LITERAL("ap-guangzhou");
		cc.secret_id = ck_span_from_str(id);
		cc.secret_key = ck_span_from_str(key);
		cc.transport = &tls_t;
		cc.platform = &platform;
		r = ck_client_init(&client, &cc);
	}
	if (r == CK_OK) {
		memset(&req, 0, sizeof req);
		req.instance_id = CK_SPAN_LITERAL("ckafka-demo");
		req.group_name = ck_span_from_str(argv[4]);
		req.partitions = parts;
		req.partition_count = 1;
		req.topics = topics;
		req.topic_count = 1;
		r = ck_client_modify_offsets(&client, &req, &resp);
		ck_client_deinit(&client);
	}
	printf("%s\n", ck_result_name(r));
	return r == CK_OK ? 0 : 1;
}
