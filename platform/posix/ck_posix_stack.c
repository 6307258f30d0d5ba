/*
 * ck_posix_stack.c -- socket, TLS and client wired together on a host.
 */
#include "ck_posix_stack.h"

#include <string.h>

#include "ck_ca_file.h"
#include "ck_posix_platform.h"

ck_result
ck_posix_stack_init(ck_posix_stack *s, const ck_posix_options *o,
	const char **what)
{
	const char *endpoint = ck_api_settings_endpoint(&o->api);
	ck_tls_config tls;
	ck_client_config cc;
	ck_result r;

	memset(s, 0, sizeof *s);
	s->platform = ck_posix_platform();

	if (what != NULL) {
		*what = "reading the CA file";
	}
	ck_trust_anchors_init(&s->anchors, s->anchor_slots,
		CK_POSIX_ANCHORS_MAX, s->anchor_pool, sizeof s->anchor_pool);
	r = ck_ca_file_load(&s->anchors, o->cacert_path != NULL
		? o->cacert_path : CK_POSIX_DEFAULT_CACERT, o->api.timeout_ms);
	if (r != CK_OK) {
		return r;
	}

	if (what != NULL) {
		*what = "setting up the connection";
	}
	r = ck_posix_socket_init(&s->socket,
		o->connect_host != NULL ? o->connect_host : endpoint,
		o->connect_port != NULL ? o->connect_port : "443");
	if (r != CK_OK) {
		return r;
	}
	s->socket_transport = ck_posix_socket_transport(&s->socket);

	memset(&tls, 0, sizeof tls);
	tls.lower = &s->socket_transport;
	tls.anchors = s->anchors.anchors;
	tls.anchor_count = s->anchors.count;
	tls.server_name = endpoint;
	/* The host's clocks (certificate validity; one timeout bounding each
	 * whole call) and BearSSL's own entropy source (getrandom). */
	tls.unix_time = ck_posix_unix_time;
	tls.monotonic_ms = s->platform.monotonic_ms;
	tls.clock_ctx = s->platform.ctx;
	r = ck_tls_client_init(&s->tls, &tls);
	if (r != CK_OK) {
		return r;
	}
	s->tls_transport = ck_tls_client_transport(&s->tls);

	if (what != NULL) {
		*what = "setting up the client";
	}
	cc = ck_api_settings_client_config(&o->api, &s->tls_transport,
		&s->platform);
	return ck_client_init(&s->client, &cc);
}

void
ck_posix_stack_deinit(ck_posix_stack *s)
{
	/* The client first: its close still goes through TLS. */
	ck_client_deinit(&s->client);
	ck_tls_client_deinit(&s->tls);
}
