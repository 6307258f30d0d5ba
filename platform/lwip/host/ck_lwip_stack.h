/*
 * ck_lwip_stack.h -- the whole request path on lwIP in user space:
 * TAP device -> lwIP (NO_SYS=1, our lwipopts.h) -> raw TCP transport ->
 * BearSSL TLS -> client, with trust anchors from a PEM file.
 *
 * The same wiring a board does, with a TAP device (ck_tapif) where the
 * board has its Ethernet driver, so the host proves the firmware's network
 * path. It mirrors platform/posix/ck_posix_stack.h; the command-line tool
 * build/ckafka-offsets-lwip runs on it.
 *
 * lwIP keeps global state: one stack per process, initialised once.
 * Host only: the TAP and the CA file use the file descriptor API.
 */
#ifndef CK_LWIP_STACK_H
#define CK_LWIP_STACK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_api_settings.h"
#include "ck_ca_file.h"
#include "ck_client.h"
#include "ck_lwip_tcp.h"
#include "ck_tapif.h"
#include "ck_tls_client.h"
#include "ck_trust_anchors.h"

/* Trust anchors the stack can hold: the Debian bundle has about 150.
 * The sizes ck_ca_file_check assumes, so a dry run finds a full store. */
#define CK_LWIP_STACK_ANCHORS_MAX CK_CA_FILE_ANCHORS_MAX
#define CK_LWIP_STACK_ANCHOR_POOL CK_CA_FILE_POOL

/* Defaults of the tool built on this stack. */
#define CK_LWIP_DEFAULT_TAP "tap0"
#define CK_LWIP_DEFAULT_CACERT "/etc/ssl/certs/ca-certificates.crt"

/* How long each wait for a frame may block before timers and deadlines
 * are looked at again. */
#define CK_LWIP_POLL_MS 5

/*
 * After the connection is closed, the network keeps being served this
 * long, so the FIN exchange completes instead of leaving the server
 * retransmitting to a TAP nobody reads.
 */
#define CK_LWIP_LINGER_MS 100

typedef struct {
	const char *tap_name;      /* NULL = CK_LWIP_DEFAULT_TAP */
	uint8_t mac[6];            /* all zero = 02:00:5e:00:53:02 */
	/* Addressing: static unless `dhcp` (lwIP built with CK_LWIP_DHCP=1;
	 * otherwise dhcp fails with CK_ERR_INVALID_ARGUMENT). */
	bool dhcp;
	ip4_addr_t ip;
	ip4_addr_t netmask;
	ip4_addr_t gateway;        /* 0.0.0.0 = none: on-link hosts only */
	/* Name server (lwIP built with CK_LWIP_DNS=1; else ignored). */
	bool has_dns_server;
	ip4_addr_t dns_server;

	ck_api_settings api;       /* the API: endpoint, region, credentials;
	                              api.timeout_ms also bounds the wait
	                              for a DHCP lease */
	const char *connect_host;  /* where to connect; NULL = endpoint */
	uint16_t connect_port;     /* 0 = 443 */
	const char *cacert_path;   /* NULL = CK_LWIP_DEFAULT_CACERT */
} ck_lwip_options;

/* Everything the lwIP host client needs. Large (about 450 KiB): static. */
typedef struct {
	ck_platform platform;
	ck_tapif tap;
	bool tap_open;
	int tap_errno;             /* errno of a failed TAP open, else 0 */
	ck_lwip_tcp tcp;
	ck_transport tcp_transport;
	ck_tls_client tls;
	ck_transport tls_transport;
	ck_trust_anchors anchors;
	br_x509_trust_anchor anchor_slots[CK_LWIP_STACK_ANCHORS_MAX];
	unsigned char anchor_pool[CK_LWIP_STACK_ANCHOR_POOL];
	ck_client client;
} ck_lwip_stack;

/*
 * Load the trust anchors, start lwIP, attach it to the TAP device with
 * its address (static, or a DHCP lease within the timeout), and wire
 * transport, TLS and client. The option strings must outlive the stack.
 * Once per process. On error, *what (may be NULL) names the step that
 * failed, e.g. "opening the TAP device". Errors: those of the steps;
 * CK_ERR_TRUST_ANCHORS for an unreadable or invalid CA file; CK_ERR_CONNECT
 * when the TAP cannot be opened (tap_errno says why) or no DHCP lease came.
 */
ck_result ck_lwip_stack_init(ck_lwip_stack *s, const ck_lwip_options *o,
	const char **what);

/* Close the connection, wipe keys (the client's and the TLS client's:
 * ck_client_deinit, ck_tls_client_deinit), let the close finish on the
 * wire (CK_LWIP_LINGER_MS) and detach from the TAP. */
void ck_lwip_stack_deinit(ck_lwip_stack *s);

#endif /* CK_LWIP_STACK_H */
