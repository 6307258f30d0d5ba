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
 *  - Calls come from one thread, one at a time, never from an interrupt.
 *  - After an I/O error the connection is of no further use: the client
 *    closes it and opens a new one before anything else.
 */
#ifndef CK_TRANSPORT_H
#define CK_TRANSPORT_H

#include <stdbool.h>
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
	 * CK_ERR_SEND_TIMEOUT; after either, the peer has not received all
	 * `len` bytes (a part may have left).
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

	/* The integrator's context, passed to every function here. */
	void *ctx;

	/*
	 * Whether recv() would return at once: true when anything has
	 * arrived that recv() has not handed out yet, at any layer of the
	 * stack (a socket's receive queue, a TCP stack's buffers, a record a
	 * TLS layer holds whole or in part, decrypted bytes not yet read),
	 * when the stream has ended (FIN, close_notify) or failed (reset,
	 * alert, I/O error), when the transport is closed, and whenever the
	 * transport cannot tell. False only when recv() would have to wait
	 * for the peer to send something.
	 *
	 * It never waits for the peer, never consumes or discards a byte and
	 * never changes the state: what it saw is still there for recv().
	 * A transport that must run its network to see received data (a
	 * NO_SYS lwIP loop) may run it once, as briefly as a poll does.
	 *
	 * The client asks before it writes a request on a connection that
	 * already carried one, and after each complete answer: a request
	 * and its answer are the only traffic, so anything waiting then
	 * means the stream is out of step, and the connection is replaced.
	 * May be NULL: the client then never reuses a connection (every
	 * attempt opens one and closes it after the answer). A transport
	 * stacked on another should offer pending only when the one below
	 * it does. It comes last in the struct, so an initialiser written for
	 * the five functions and ctx leaves it NULL.
	 */
	bool (*pending)(void *ctx);
};

#endif /* CK_TRANSPORT_H */
