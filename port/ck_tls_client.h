/*
 * ck_tls_client.h -- a BearSSL TLS 1.2 client as a ck_transport.
 *
 * It runs over any lower ck_transport (a POSIX socket, an lwIP TCP
 * connection) and offers the same interface upward, so the client core does
 * not know it is talking TLS. Server name (SNI) and certificate host-name
 * check use `server_name`; the full chain is verified against the caller's
 * trust anchors with br_x509_minimal. Only TLS 1.2 is offered.
 *
 * Time and entropy come from hooks, because a board has neither a Unix
 * clock nor /dev/urandom. The session parameters of the last handshake are
 * kept and offered again when the connection is reopened (resumption), so a
 * batch of calls pays one full handshake.
 *
 * Memory: everything lives in ck_tls_client, which the caller owns (about
 * 7 KiB of BearSSL contexts plus the I/O buffer, CK_TLS_IOBUF_SIZE: 24040
 * bytes in all on x86-64 with the default buffer). Nothing is allocated.
 *
 * Errors of open(), beyond those of the lower transport's own open (DNS,
 * CONNECT, passed through unchanged): CK_ERR_TLS_CERTIFICATE when BearSSL's
 * X.509 validation fails (untrusted chain, wrong name, expired, or the
 * unix_time hook gave a negative time), CK_ERR_TLS_HANDSHAKE for every
 * other failure before the handshake completes (the lower stream failing
 * or timing out, a TLS alert, a non-TLS peer, the entropy hook failing).
 * ck_tls_client_last_error() then says which BearSSL error it was
 * (BR_ERR_IO when the lower transport failed).
 *
 * A resumed session skips certificate validation, as TLS intends: the
 * server proved itself in the handshake that made the session. A failed
 * handshake forgets the session.
 *
 * Once the lower stream has failed in the middle of a record (send error,
 * reset), the connection refuses further I/O until it is closed and
 * reopened. A receive timeout leaves it usable.
 *
 * Small buffers (CK_TLS_IOBUF_SIZE below BR_SSL_BUFSIZE_MONO): BearSSL
 * then asks the server for smaller records (max_fragment_length). A server
 * that does not echo the extension in its ServerHello ignores it and may
 * send records the buffer cannot take, perhaps in the answer to a request
 * already sent; so open() refuses such a server once the handshake is
 * done, before any application byte: CK_ERR_TLS_HANDSHAKE with
 * ck_tls_client_last_error() BR_ERR_BAD_FRAGLEN.
 *
 * pending() is true when decrypted bytes wait to be read, when BearSSL
 * holds part of a record (a receive timed out in the middle of one), when
 * the engine has closed (close_notify) or failed, when the connection is
 * closed or broken, and otherwise when the lower transport's pending() is.
 * It neither reads nor decrypts. The transport view offers pending() only
 * when the lower transport does (as given to ck_tls_client_init: take the
 * view after init).
 */
#ifndef CK_TLS_CLIENT_H
#define CK_TLS_CLIENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <bearssl.h>

#include "ck_result.h"
#include "ck_tls_hello_scan.h"
#include "ck_transport.h"

/*
 * TLS I/O buffer. The default holds full 16 KiB records in one direction at
 * a time (half duplex is all HTTP needs). A smaller value, e.g. 2373 for
 * 2 KiB records, makes BearSSL ask the server for max_fragment_length; a
 * server that ignores it makes the handshake or the first large record fail
 * (CK_ERR_TLS_HANDSHAKE / CK_ERR_RECV).
 */
#ifndef CK_TLS_IOBUF_SIZE
#define CK_TLS_IOBUF_SIZE BR_SSL_BUFSIZE_MONO
#endif

/* Longest server name accepted (DNS names are at most 253 bytes). */
#define CK_TLS_SERVER_NAME_MAX 253

typedef struct {
	/* The byte stream underneath (required). */
	const ck_transport *lower;

	/* Trust anchors (required, count >= 1); must outlive the client. */
	const br_x509_trust_anchor *anchors;
	size_t anchor_count;

	/*
	 * Name sent as SNI and matched against the certificate (required;
	 * copied by init; printable ASCII without spaces).
	 */
	const char *server_name;

	/*
	 * Current unix time in seconds, for certificate validity. Required on
	 * targets without a clock BearSSL knows (bare metal); when NULL,
	 * BearSSL's own time source is used (hosted builds only). Called once
	 * before each handshake; a negative value ("unknown") fails open()
	 * with CK_ERR_TLS_CERTIFICATE (BR_ERR_X509_TIME_UNKNOWN) before any
	 * connection is made.
	 */
	int64_t (*unix_time)(void *ctx);
	void *time_ctx;

	/*
	 * Fill `len` bytes with cryptographic-quality entropy; return false on
	 * failure. Required on bare metal; when NULL, BearSSL's system source
	 * (getrandom/urandom) is used. Asked for 32 bytes before each
	 * handshake (the copy is wiped after use); false fails open() with
	 * CK_ERR_TLS_HANDSHAKE (BR_ERR_NO_RANDOM) before any connection.
	 */
	bool (*entropy)(void *ctx, uint8_t *buf, size_t len);
	void *entropy_ctx;

	/*
	 * Monotonic milliseconds (optional; ck_platform.monotonic_ms fits).
	 * With it, every timeout bounds the whole call, as ck_transport
	 * promises. When NULL, the timeout is passed unchanged to each call
	 * of the lower transport, so it bounds each wait for the network,
	 * and one call may take several times as long.
	 */
	uint64_t (*monotonic_ms)(void *ctx);
	void *clock_ctx;
} ck_tls_config;

/* A TLS client. The caller owns it; all members are private. */
typedef struct {
	br_ssl_client_context sc;
	br_x509_minimal_context xc;
	br_ssl_session_parameters session;
	bool have_session;
	bool open;
	bool broken;      /* the lower stream failed mid-record */
	ck_tls_config cfg;
	char server_name[CK_TLS_SERVER_NAME_MAX + 1];
	int last_error;   /* BearSSL error code of the last failure, for logs */
	bool asked_mfl;   /* this handshake asks for max_fragment_length */
	ck_tls_hello_scan hello; /* and whether the server echoed it */
	unsigned char iobuf[CK_TLS_IOBUF_SIZE];
} ck_tls_client;

/*
 * Prepare `t` with `cfg` (copied, server name included; the anchors and
 * lower transport are not). Errors: CK_ERR_INVALID_ARGUMENT (NULL `t` or
 * `cfg`; missing lower or lower open/send/recv/close; no anchors; server
 * name missing, empty, longer than CK_TLS_SERVER_NAME_MAX or with a byte
 * outside printable ASCII).
 *
 * Through the transport: open() while open gives CK_ERR_INVALID_ARGUMENT;
 * send/flush before open CK_ERR_SEND, recv before open CK_ERR_RECV; recv
 * with no room (cap 0 or NULL pointers) CK_ERR_INVALID_ARGUMENT. close()
 * sends close_notify (best effort, waiting at most 100 ms for the lower
 * transport) and closes the lower transport; safe when closed.
 */
ck_result ck_tls_client_init(ck_tls_client *t, const ck_tls_config *cfg);

/*
 * Close the connection if it is open (close_notify, then the lower
 * transport's close) and wipe all of `t`: the engine with its record keys,
 * the kept session with its master secret, the I/O buffer with the last
 * plaintext, the X.509 context. Closing alone keeps the session on purpose,
 * to resume it; call this when the client is done for good. Safe on a NULL
 * or already wiped `t`; afterwards `t` is all zero, its transport view
 * fails every call but close (which does nothing) and pending (true), and
 * ck_tls_client_init may set it up again. The lower transport is closed
 * but not wiped: it holds no secret.
 */
void ck_tls_client_deinit(ck_tls_client *t);

/* The ck_transport view of `t`, to give to the client or another layer. */
ck_transport ck_tls_client_transport(ck_tls_client *t);

/* BearSSL's error code of the last failure (0 if none), for diagnostics. */
int ck_tls_client_last_error(const ck_tls_client *t);

#endif /* CK_TLS_CLIENT_H */
