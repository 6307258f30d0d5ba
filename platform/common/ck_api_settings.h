/*
 * ck_api_settings.h -- the API settings as C strings, the way a host tool
 * reads them from its command line and environment, and the client
 * configuration they make.
 *
 * The command line (ck_cli), both host stacks (POSIX and lwIP) and the dry
 * run share this one struct, so a setting added here reaches all of them.
 */
#ifndef CK_API_SETTINGS_H
#define CK_API_SETTINGS_H

#include <stdint.h>

#include "ck_client.h"

typedef struct {
	const char *endpoint;      /* API host; NULL = CK_DEFAULT_ENDPOINT */
	const char *region;
	const char *secret_id;
	const char *secret_key;
	const char *session_token; /* may be NULL */
	const char *language;      /* may be NULL */
	uint32_t timeout_ms;       /* 0 = the client's default */
	uint32_t deadline_ms;      /* the whole call; 0 = the client's default */
} ck_api_settings;

/* The endpoint, with the default in place of NULL. Never NULL. */
const char *ck_api_settings_endpoint(const ck_api_settings *s);

/*
 * The client configuration for `s` over `transport` (NULL for a client
 * that only prepares requests) and `platform`. The strings of `s` must
 * outlive the client.
 */
ck_client_config ck_api_settings_client_config(const ck_api_settings *s,
	const ck_transport *transport, const ck_platform *platform);

#endif /* CK_API_SETTINGS_H */
