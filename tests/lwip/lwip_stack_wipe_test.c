/*
 * lwip_stack_wipe_test.c -- ck_lwip_stack_deinit leaves no key material:
 * after a handshake and a request against a TLS peer on the kernel side of
 * the TAP, the TLS client and the client are all zero once the stack is
 * deinitialised (the wiring of platform/lwip/host/ck_lwip_stack.c; the TLS
 * wipe itself is tests/unit/test_tls_client.c's).
 *
 * Runs inside the namespace tests/lwip/run_lwip_tests.sh sets up, where
 * echo_server.py serves TLS with the unit fixtures' certificate:
 *
 *   lwip_stack_wipe_test server-ip tls-port ca.pem
 *
 * Prints "lwip-echo: N passed, M failed (stack wipe)".
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/ip4_addr.h"

#include "ck_lwip_stack.h"

static ck_lwip_stack stack;

static bool
all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i] != 0) {
			return false;
		}
	}
	return true;
}

int
main(int argc, char **argv)
{
	static const ck_partition_offset part[] = { { 0, 1 } };
	ck_lwip_options o;
	ck_offsets_request req;
	const char *what = NULL;
	unsigned char master[48];
	bool handshook, wiped;
	ck_result r;
	long port;

	if (argc != 4 || (port = strtol(argv[2], NULL, 10)) < 1 || port > 65535) {
		fprintf(stderr, "usage: lwip_stack_wipe_test ip port ca.pem\n");
		return 2;
	}
	memset(&o, 0, sizeof o);
	o.tap_name = "tap0";
	IP4_ADDR(&o.ip, 192, 0, 2, 2);
	IP4_ADDR(&o.netmask, 255, 255, 255, 0);
	o.api.endpoint = "ckafka.intl.tencentcloudapi.com";
	o.api.region = "ap-guangzhou";
	o.api.secret_id = "AKIDwipe";
	o.api.secret_key = "wipe-test-secret-key";
	o.api.timeout_ms = 3000;
	o.connect_host = argv[1];
	o.connect_port = (uint16_t)port;
	o.cacert_path = argv[3];
	r = ck_lwip_stack_init(&stack, &o, &what);
	if (r != CK_OK) {
		printf("FAIL lwip_stack_deinit_wipes_keys: setup failed at %s "
			"(%s)\n", what, ck_result_name(r));
		printf("lwip-echo: 0 passed, 1 failed (stack wipe)\n");
		return 1;
	}
	memset(&req, 0, sizeof req);
	req.instance_id = CK_SPAN_LITERAL("ckafka-wipe");
	req.group_name = CK_SPAN_LITERAL("g");
	req.partitions = part;
	req.partition_count = 1;
	/* The peer speaks TLS but not the API: what matters is that a
	 * session was made, whatever the answer. */
	r = ck_client_modify_offsets(&stack.client, &req, NULL);
	memcpy(master, stack.tls.session.master_secret, sizeof master);
	handshook = !all_zero(master, sizeof master);
	ck_lwip_stack_deinit(&stack);
	wiped = all_zero(&stack.tls, sizeof stack.tls)
		&& all_zero(&stack.client, sizeof stack.client);
	if (!handshook || !wiped) {
		printf("FAIL lwip_stack_deinit_wipes_keys: call %s, %s, %s\n",
			ck_result_name(r), handshook ? "handshake made"
			: "no handshake", wiped ? "wiped" : "NOT wiped");
		printf("lwip-echo: 0 passed, 1 failed (stack wipe)\n");
		return 1;
	}
	printf("ok lwip_stack_deinit_wipes_keys (call %s)\n", ck_result_name(r));
	printf("lwip-echo: 1 passed, 0 failed (stack wipe)\n");
	return 0;
}
