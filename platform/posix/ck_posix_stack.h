/*
 * ck_posix_stack.h -- the whole request path wired up on a POSIX host:
 * socket -> BearSSL TLS -> client, with trust anchors from a PEM file.
 *
 * The command-line tool and the host tests share this wiring, so what the
 * tests prove is what the tool runs.
 */
#ifndef CK_POSIX_STACK_H
#define CK_POSIX_STACK_H

#include <stddef.h>
#include <stdint.h>

#include "ck_api_settings.h"
#include "ck_ca_file.h"
#include "ck_client.h"
#include "ck_posix_socket.h"
#include "ck_tls_client.h"
#include "ck_trust_anchors.h"

/* Trust anchors a host stack can hold: the Debian bundle has about 150.
 * The sizes ck_ca_file_check assumes, so a dry run finds a full store. */
#define CK_POSIX_ANCHORS_MAX CK_CA_FILE_ANCHORS_MAX
#define CK_POSIX_ANCHOR_POOL CK_CA_FILE_POOL

/* Default trust anchors: the system bundle. */
#define CK_POSIX_DEFAULT_CACERT "/etc/ssl/certs/ca-certificates.crt"

typedef struct {
	ck_api_settings api;       /* the API: endpoint, region, credentials */
	const char *connect_host;  /* where to connect; NULL = endpoint */
	const char *connect_port;  /* NULL = "443" */
	const char *cacert_path;   /* NULL = CK_POSIX_DEFAULT_CACERT */
} ck_posix_options;

/* Everything one host client needs. Large (about 450 KiB): make it static. */
typedef struct {
	ck_platform platform;
	ck_posix_socket socket;
	ck_transport socket_transport;
	ck_tls_client tls;
	ck_transport tls_transport;
	ck_trust_anchors anchors;
	br_x509_trust_anchor anchor_slots[CK_POSIX_ANCHORS_MAX];
	unsigned char anchor_pool[CK_POSIX_ANCHOR_POOL];
	ck_client client;
} ck_posix_stack;

/*
 * Load the trust anchors and wire socket, TLS and client. The option
 * strings must outlive the stack. On error, *what (may be NULL) names the
 * step that failed, e.g. "reading the CA file". Errors: those of the steps,
 * CK_ERR_TRUST_ANCHORS for an unreadable or invalid CA file.
 */
ck_result ck_posix_stack_init(ck_posix_stack *s, const ck_posix_options *o,
	const char **what);

/* Close the connection and wipe keys: the client's (signing key, request
 * and answer buffers) and the TLS client's (record keys, session, I/O
 * buffer). */
void ck_posix_stack_deinit(ck_posix_stack *s);

#endif /* CK_POSIX_STACK_H */
