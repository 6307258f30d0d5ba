/*
 * ck_posix_socket.h -- a TCP byte stream over POSIX sockets, as a
 * ck_transport, with a timeout on connect, send and receive.
 *
 * A numeric IPv4/IPv6 address is used as it is (no resolver, no allocation);
 * a name goes through getaddrinfo, trying each address in turn. The
 * resolver has no timeout of its own, so with a name, open() may take
 * longer than its timeout while the resolver waits; the connects that
 * follow share what is left of it.
 *
 * The socket is non-blocking and every wait is a poll() against one
 * deadline per call, so a timeout bounds the whole call. Sends use
 * MSG_NOSIGNAL: a peer that went away never raises SIGPIPE. TCP_NODELAY is
 * set. Errors: a name that does not resolve is CK_ERR_DNS; a refused,
 * unreachable or timed-out connect CK_ERR_CONNECT; recv of an orderly end
 * of stream CK_ERR_CONNECTION_CLOSED, a reset CK_ERR_RECV. send/recv on a
 * closed socket give CK_ERR_SEND/CK_ERR_RECV; recv with no room
 * (cap 0, NULL buffer or NULL *received) CK_ERR_INVALID_ARGUMENT; open
 * while open CK_ERR_INVALID_ARGUMENT.
 *
 * pending() is one poll() with a zero timeout: true when the kernel holds
 * received bytes, a FIN or a reset for the socket (or the socket is
 * closed, or poll fails); it reads nothing.
 */
#ifndef CK_POSIX_SOCKET_H
#define CK_POSIX_SOCKET_H

#include "ck_result.h"
#include "ck_transport.h"

/* Longest host accepted by ck_posix_socket_init. */
#define CK_POSIX_HOST_MAX 253

/* A socket stream. The caller owns it; members are private. */
typedef struct {
	int fd;                          /* -1 while closed */
	char host[CK_POSIX_HOST_MAX + 1];
	char port[6];
} ck_posix_socket;

/*
 * Prepare `s` to connect to `host` (name or numeric address; brackets
 * around IPv6 are not accepted here) and decimal `port` (1..65535). Both
 * are copied. Errors: CK_ERR_INVALID_ARGUMENT (NULL, empty or longer than
 * CK_POSIX_HOST_MAX host, a space, control or non-ASCII byte or a bracket
 * in it; a port that is not 1 to 5 decimal digits worth 1..65535).
 */
ck_result ck_posix_socket_init(ck_posix_socket *s, const char *host,
	const char *port);

/* The ck_transport view of `s`. */
ck_transport ck_posix_socket_transport(ck_posix_socket *s);

#endif /* CK_POSIX_SOCKET_H */
