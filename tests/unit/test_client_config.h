/*
 * test_client_config.h -- a client configuration every setting of which
 * ck_client_init accepts, on a platform with a fixed clock that never
 * sleeps, for the tests that change one setting at a time.
 */
#ifndef TEST_CLIENT_CONFIG_H
#define TEST_CLIENT_CONFIG_H

#include <string.h>

#include "ck_client.h"

/* 2023-11-14T22:13:20Z */
static inline int64_t
test_fixed_unix(void *ctx)
{
	(void)ctx;
	return 1700000000;
}

static inline uint64_t
test_fixed_mono(void *ctx)
{
	(void)ctx;
	return 1000;
}

static inline void
test_no_sleep(void *ctx, uint32_t ms)
{
	(void)ctx;
	(void)ms;
}

static inline ck_client_config
test_good_client_config(void)
{
	static const ck_platform platform = { test_fixed_unix,
		test_fixed_mono, test_no_sleep, NULL, NULL };
	ck_client_config cfg;

	memset(&cfg, 0, sizeof cfg);
	cfg.host = CK_SPAN_LITERAL("ckafka.tencentcloudapi.com");
	cfg.region = CK_SPAN_LITERAL("ap-guangzhou");
	cfg.secret_id = CK_SPAN_LITERAL("AKIDexample");
	cfg.secret_key = CK_SPAN_LITERAL("key");
	cfg.session_token = CK_SPAN_LITERAL("token");
	cfg.language = CK_SPAN_LITERAL("en-US");
	cfg.platform = &platform;
	return cfg;
}

#endif
