/*
 * ck_transport.h -- the byte stream the client talks through.
 *
 * The core never knows whether bytes go over TLS, lwIP or POSIX sockets: it
 * calls the function pointers of a ck_transport, and the integrator supplies
 * them with an opaque context. Transports stack: the TLS transport of port/
 * implements this interface on top of another ck_transport (a POSIX socket or
 * an lwIP TCP connection), exactly like the client sits on top of it.
 *
 * Contract of every function (ctx is the `ctx` member, never NULL):
 *  - Timeouts are in milliseconds and bound the whole call.
 *  - Errors are ck_result values of the ranges named below; a transport
 *    never returns CK_OK without having done all that the call promises.
 */
#ifndef CK_TRANSPORT_H
#define CK_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "ck_result.h"

typedef struct ck_transport ck_transport;

struct ck_transport {
	/*
	 * Open the connection (resolve, connect, handshake). Called only when
	 * closed. Errors: CK_ERR_DNS, CK_ERR_CONNECT, CK_ERR_TLS_HANDSHAKE,
	 * CK_ERR_TLS_CERTIFICATE, CK_ERR_TRUST_ANCHORS, CK_ERR_INVALID_ARGUMENT.
	 * On error the transport is closed again.
	 */
	ck_result (*open)(void *ctx, uint32_t timeout_ms);

	/*
	 * Queue or send all `len` bytes. CK_OK means every byte was accepted
	 * (it may sit in a buffer until flush). Errors: CK_ERR_SEND,
	 * CK_ERR_SEND_TIMEOUT.
	 */
	ck_result (*send)(void *ctx, const uint8_t *data, size_t len,
		uint32_t timeout_ms);

	/*
	 * Push every queued byte out to the network. CK_OK means all of them
	 * were handed to the layer below. Errors: CK_ERR_SEND,
	 * CK_ERR_SEND_TIMEOUT. May be NULL when send never buffers.
	 */
	ck_result (*flush)(void *ctx, uint32_t timeout_ms);

	/*
	 * Receive at least one and at most `cap` bytes into `buf`, setting
	 * *received. Errors: CK_ERR_CONNECTION_CLOSED (orderly end of stream,
	 * nothing received), CK_ERR_RECV (reset, TLS alert, I/O error),
	 * CK_ERR_RECV_TIMEOUT.
	 */
	ck_result (*recv)(void *ctx, uint8_t *buf, size_t cap, size_t *received,
		uint32_t timeout_ms);

	/* Close the connection. Safe to call when already closed. */
	void (*close)(void *ctx);

	/* The integrator's context, passed to every function above. */
	void *ctx;
};

#endif /* CK_TRANSPORT_H */
