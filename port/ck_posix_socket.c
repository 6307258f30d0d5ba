/*
 * ck_posix_socket.c -- TCP over POSIX sockets, as a ck_transport.
 *
 * The socket stays non-blocking for its whole life and every wait is a
 * poll() against one deadline taken from CLOCK_MONOTONIC when the call
 * starts, so each timeout bounds the whole call, as ck_transport promises.
 * The one exception is name resolution: getaddrinfo() has no timeout, so a
 * slow resolver can hold open() longer (numeric addresses skip it).
 *
 * SIGPIPE is never raised: every send uses MSG_NOSIGNAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ck_posix_socket.h"
#include "ck_text.h"

static uint64_t
now_ms(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0;
	}
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static uint64_t
deadline_after(uint32_t timeout_ms)
{
	return now_ms() + timeout_ms;
}

/*
 * Wait until `fd` is ready for `events` or the deadline passes. Returns 1
 * when ready (or in error: the next I/O call tells which), 0 on timeout,
 * -1 when poll itself fails.
 */
static int
wait_ready(int fd, short events, uint64_t deadline)
{
	for (;;) {
		struct pollfd pfd;
		uint64_t now = now_ms();
		uint64_t left;
		int r;

		if (now >= deadline) {
			return 0;
		}
		left = deadline - now;
		pfd.fd = fd;
		pfd.events = events;
		pfd.revents = 0;
		r = poll(&pfd, 1, left > INT_MAX ? INT_MAX : (int)left);
		if (r > 0) {
			return 1;
		}
		if (r < 0 && errno != EINTR) {
			return -1;
		}
		/* r == 0 may come a little early: the loop rechecks the clock. */
	}
}

static bool
all_digits(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9') {
			return false;
		}
	}
	return true;
}

ck_result
ck_posix_socket_init(ck_posix_socket *s, const char *host, const char *port)
{
	size_t hlen, plen;
	unsigned long value = 0;
	size_t i;

	if (s == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	s->fd = -1;
	s->host[0] = '\0';
	s->port[0] = '\0';
	if (host == NULL || port == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	hlen = strnlen(host, CK_POSIX_HOST_MAX + 1);
	plen = strnlen(port, sizeof s->port);
	if (hlen == 0 || hlen > CK_POSIX_HOST_MAX
		|| !ck_text_is_host(ck_span_make(host, hlen)))
	{
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (plen == 0 || plen >= sizeof s->port || !all_digits(port, plen)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	for (i = 0; i < plen; i++) {
		value = value * 10 + (unsigned long)(port[i] - '0');
	}
	if (value < 1 || value > 65535) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	memcpy(s->host, host, hlen + 1);
	memcpy(s->port, port, plen + 1);
	return CK_OK;
}

static uint16_t
port_number(const ck_posix_socket *s)
{
	unsigned v = 0;
	const char *p;

	for (p = s->port; *p != '\0'; p++) {
		v = v * 10 + (unsigned)(*p - '0');
	}
	return (uint16_t)v;
}

/* Connect one address within the deadline; the new fd, or -1. */
static int
connect_address(const struct sockaddr *sa, socklen_t salen, uint64_t deadline)
{
	int fd, flags, one = 1, err = 0;
	socklen_t errlen = sizeof err;

	fd = socket(sa->sa_family, SOCK_STREAM, 0);
	if (fd < 0) {
		return -1;
	}
	flags = fcntl(fd, F_GETFL, 0);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0
		|| fcntl(fd, F_SETFD, FD_CLOEXEC) < 0)
	{
		close(fd);
		return -1;
	}
	/* HTTP requests are written whole: Nagle would only add latency. */
	(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, sa, salen) == 0) {
		return fd;
	}
	/* An interrupted connect goes on in the background, like EINPROGRESS. */
	if (errno != EINPROGRESS && errno != EINTR) {
		close(fd);
		return -1;
	}
	if (wait_ready(fd, POLLOUT, deadline) != 1
		|| getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &errlen) != 0
		|| err != 0)
	{
		close(fd);
		return -1;
	}
	return fd;
}

/* A numeric address needs no resolver, so it allocates nothing. */
static bool
connect_numeric(ck_posix_socket *s, uint64_t deadline, int *fd)
{
	struct sockaddr_in a4;
	struct sockaddr_in6 a6;

	memset(&a4, 0, sizeof a4);
	memset(&a6, 0, sizeof a6);
	if (inet_pton(AF_INET, s->host, &a4.sin_addr) == 1) {
		a4.sin_family = AF_INET;
		a4.sin_port = htons(port_number(s));
		*fd = connect_address((const struct sockaddr *)(const void *)&a4,
			sizeof a4, deadline);
		return true;
	}
	if (inet_pton(AF_INET6, s->host, &a6.sin6_addr) == 1) {
		a6.sin6_family = AF_INET6;
		a6.sin6_port = htons(port_number(s));
		*fd = connect_address((const struct sockaddr *)(const void *)&a6,
			sizeof a6, deadline);
		return true;
	}
	return false;
}

static ck_result
socket_open(void *ctx, uint32_t timeout_ms)
{
	ck_posix_socket *s = ctx;
	uint64_t deadline = deadline_after(timeout_ms);
	struct addrinfo hints, *list = NULL, *ai;
	int fd = -1;

	if (s->fd >= 0 || s->host[0] == '\0') {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (!connect_numeric(s, deadline, &fd)) {
		memset(&hints, 0, sizeof hints);
		hints.ai_family = AF_UNSPEC;
		hints.ai_socktype = SOCK_STREAM;
		hints.ai_flags = AI_NUMERICSERV;
		if (getaddrinfo(s->host, s->port, &hints, &list) != 0
			|| list == NULL)
		{
			return CK_ERR_DNS;
		}
		for (ai = list; ai != NULL && fd < 0; ai = ai->ai_next) {
			if (now_ms() >= deadline) {
				break;
			}
			fd = connect_address(ai->ai_addr, ai->ai_addrlen,
				deadline);
		}
		freeaddrinfo(list);
	}
	if (fd < 0) {
		return CK_ERR_CONNECT;
	}
	s->fd = fd;
	return CK_OK;
}

static ck_result
socket_send(void *ctx, const uint8_t *data, size_t len, uint32_t timeout_ms)
{
	ck_posix_socket *s = ctx;
	uint64_t deadline = deadline_after(timeout_ms);

	if (s->fd < 0 || (data == NULL && len > 0)) {
		return CK_ERR_SEND;
	}
	while (len > 0) {
		ssize_t n = send(s->fd, data, len, MSG_NOSIGNAL);

		if (n > 0) {
			data += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			int w = wait_ready(s->fd, POLLOUT, deadline);

			if (w == 0) {
				return CK_ERR_SEND_TIMEOUT;
			}
			if (w < 0) {
				return CK_ERR_SEND;
			}
			continue;
		}
		return CK_ERR_SEND;
	}
	return CK_OK;
}

static ck_result
socket_recv(void *ctx, uint8_t *buf, size_t cap, size_t *received,
	uint32_t timeout_ms)
{
	ck_posix_socket *s = ctx;
	uint64_t deadline = deadline_after(timeout_ms);

	if (received != NULL) {
		*received = 0;
	}
	if (buf == NULL || cap == 0 || received == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (s->fd < 0) {
		return CK_ERR_RECV;
	}
	for (;;) {
		ssize_t n = recv(s->fd, buf, cap, 0);

		if (n > 0) {
			*received = (size_t)n;
			return CK_OK;
		}
		if (n == 0) {
			return CK_ERR_CONNECTION_CLOSED;
		}
		if (errno == EINTR) {
			continue;
		}
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			int w = wait_ready(s->fd, POLLIN, deadline);

			if (w == 0) {
				return CK_ERR_RECV_TIMEOUT;
			}
			if (w < 0) {
				return CK_ERR_RECV;
			}
			continue;
		}
		return CK_ERR_RECV;
	}
}

/*
 * One poll() that does not wait. POLLIN stands for queued bytes and for an
 * orderly end alike (a read would return 0 at once); POLLHUP and POLLERR
 * for a reset or an error. A poll that fails cannot tell, which counts as
 * pending.
 */
static bool
socket_pending(void *ctx)
{
	ck_posix_socket *s = ctx;
	struct pollfd pfd;
	int r;

	if (s->fd < 0) {
		return true;
	}
	do {
		pfd.fd = s->fd;
		pfd.events = POLLIN;
		pfd.revents = 0;
		r = poll(&pfd, 1, 0);
	} while (r < 0 && errno == EINTR);
	if (r < 0) {
		return true;
	}
	return r > 0 && pfd.revents != 0;
}

static void
socket_close(void *ctx)
{
	ck_posix_socket *s = ctx;

	if (s->fd >= 0) {
		/* No retry on EINTR: on Linux the descriptor is gone anyway. */
		(void)close(s->fd);
		s->fd = -1;
	}
}

ck_transport
ck_posix_socket_transport(ck_posix_socket *s)
{
	ck_transport t;

	t.open = socket_open;
	t.send = socket_send;
	t.flush = NULL;
	t.recv = socket_recv;
	t.close = socket_close;
	t.ctx = s;
	t.pending = socket_pending;
	return t;
}
