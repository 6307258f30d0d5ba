/*
 * ck_api_settings.c -- C-string API settings into a client configuration.
 */
#include "ck_api_settings.h"

#include <string.h>

const char *
ck_api_settings_endpoint(const ck_api_settings *s)
{
	return s->endpoint != NULL ? s->endpoint : CK_DEFAULT_ENDPOINT;
}

ck_client_config
ck_api_settings_client_config(const ck_api_settings *s,
	const ck_transport *transport, const ck_platform *platform)
{
	ck_client_config cc;

	memset(&cc, 0, sizeof cc);
	cc.host = ck_span_from_str(ck_api_settings_endpoint(s));
	cc.region = ck_span_from_str(s->region);
	cc.secret_id = ck_span_from_str(s->secret_id);
	cc.secret_key = ck_span_from_str(s->secret_key);
	cc.session_token = ck_span_from_str(s->session_token);
	cc.language = ck_span_from_str(s->language);
	cc.timeout_ms = s->timeout_ms;
	cc.deadline_ms = s->deadline_ms;
	cc.transport = transport;
	cc.platform = platform;
	return cc;
}
