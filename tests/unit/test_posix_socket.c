/*
 * test_posix_socket.c -- the POSIX TCP transport against a loopback peer.
 *
 * The peer is a listening socket of the test itself: a connect to it
 * completes from the kernel's backlog, so most tests need no second
 * process; the test accept()s and plays the server on the accepted fd.
 */
#include "test_support.h"

#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "ck_posix_socket.h"

typedef struct {
	int listener;
	char port[6];
	ck_posix_socket sock;
	ck_transport tr;
	int peer; /* the accepted end, or -1 */
} loopback;

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* A listening socket on `addr` (127.0.0.1 or ::1), any port; -1 if none. */
static int
listen_on(int family, char port[6])
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = socket(family, SOCK_STREAM, 0);
	int one = 1;

	if (fd < 0) {
		return -1;
	}
	memset(&ss, 0, sizeof ss);
	if (family == AF_INET) {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		len = sizeof *a;
	} else {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_addr = in6addr_loopback;
		len = sizeof *a;
	}
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(fd, (struct sockaddr *)&ss, len) != 0 || listen(fd, 4) != 0
		|| getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
	{
		close(fd);
		return -1;
	}
	snprintf(port, 6, "%u", family == AF_INET
		? ntohs(((struct sockaddr_in *)&ss)->sin_port)
		: ntohs(((struct sockaddr_in6 *)&ss)->sin6_port));
	return fd;
}

static int
setup(void **state)
{
	loopback *lb = calloc(1, sizeof *lb);

	assert_non_null(lb);
	lb->listener = listen_on(AF_INET, lb->port);
	assert_true(lb->listener >= 0);
	lb->peer = -1;
	assert_int_equal(ck_posix_socket_init(&lb->sock, "127.0.0.1", lb->port),
		CK_OK);
	lb->tr = ck_posix_socket_transport(&lb->sock);
	*state = lb;
	return 0;
}

static int
teardown(void **state)
{
	loopback *lb = *state;

	lb->tr.close(lb->tr.ctx);
	if (lb->peer >= 0) {
		close(lb->peer);
	}
	close(lb->listener);
	free(lb);
	return 0;
}

/* Open the transport and accept its connection as the peer. */
static void
connect_and_accept(loopback *lb)
{
	assert_int_equal(lb->tr.open(lb->tr.ctx, 1000), CK_OK);
	lb->peer = accept(lb->listener, NULL, NULL);
	assert_true(lb->peer >= 0);
}

static void
test_bytes_round_trip_over_loopback(void **state)
{
	loopback *lb = *state;
	char buf[16];
	uint8_t got[16];
	size_t n = 0;

	connect_and_accept(lb);
	assert_int_equal(lb->tr.send(lb->tr.ctx, (const uint8_t *)"hello", 5,
		1000), CK_OK);
	assert_int_equal(read(lb->peer, buf, sizeof buf), 5);
	assert_memory_equal(buf, "hello", 5);
	assert_int_equal(write(lb->peer, "world!", 6), 6);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, sizeof got, &n, 1000),
		CK_OK);
	assert_int_equal(n, 6);
	assert_memory_equal(got, "world!", 6);
}

static void
test_recv_never_writes_past_cap(void **state)
{
	loopback *lb = *state;
	uint8_t got[4] = { 0, 0, 0, 0xAA };
	size_t n = 0;

	connect_and_accept(lb);
	assert_int_equal(write(lb->peer, "abcdef", 6), 6);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, 3, &n, 1000), CK_OK);
	assert_int_equal(n, 3);
	assert_memory_equal(got, "abc", 3);
	assert_int_equal(got[3], 0xAA);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, 3, &n, 1000), CK_OK);
	assert_memory_equal(got, "def", 3);
}

static void
test_recv_times_out_when_peer_is_silent(void **state)
{
	loopback *lb = *state;
	uint8_t got[4];
	size_t n = 99;
	uint64_t t0;

	connect_and_accept(lb);
	t0 = now_ms();
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, sizeof got, &n, 150),
		CK_ERR_RECV_TIMEOUT);
	assert_true(now_ms() - t0 >= 140);
	assert_true(now_ms() - t0 < 2000);
	assert_int_equal(n, 0);
}

static void
test_peer_close_reads_as_connection_closed(void **state)
{
	loopback *lb = *state;
	uint8_t got[8];
	size_t n = 0;

	connect_and_accept(lb);
	assert_int_equal(write(lb->peer, "bye", 3), 3);
	close(lb->peer);
	lb->peer = -1;
	/* Data sent before the close still arrives first. */
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, sizeof got, &n, 1000),
		CK_OK);
	assert_int_equal(n, 3);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, sizeof got, &n, 1000),
		CK_ERR_CONNECTION_CLOSED);
	assert_int_equal(n, 0);
}

/* Closing with a zero linger sends RST instead of FIN. */
static void
reset_peer(loopback *lb)
{
	struct linger lg = { 1, 0 };

	setsockopt(lb->peer, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
	close(lb->peer);
	lb->peer = -1;
}

static void
test_reset_by_peer_reads_as_recv_error(void **state)
{
	loopback *lb = *state;
	uint8_t got[8];
	size_t n = 0;

	connect_and_accept(lb);
	reset_peer(lb);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, sizeof got, &n, 1000),
		CK_ERR_RECV);
}

static void
test_send_to_reset_peer_fails_without_sigpipe(void **state)
{
	loopback *lb = *state;
	static uint8_t block[64 * 1024];
	ck_result r = CK_OK;
	int i;

	connect_and_accept(lb);
	reset_peer(lb);
	/* The first send may still be accepted; a later one must fail. */
	for (i = 0; i < 20 && r == CK_OK; i++) {
		r = lb->tr.send(lb->tr.ctx, block, sizeof block, 1000);
	}
	assert_int_equal(r, CK_ERR_SEND);
}

static void
test_send_times_out_when_peer_does_not_read(void **state)
{
	loopback *lb = *state;
	size_t big = 64u * 1024 * 1024;
	uint8_t *block = calloc(1, big);
	uint64_t t0;

	assert_non_null(block);
	connect_and_accept(lb);
	t0 = now_ms();
	assert_int_equal(lb->tr.send(lb->tr.ctx, block, big, 200),
		CK_ERR_SEND_TIMEOUT);
	assert_true(now_ms() - t0 >= 190);
	assert_true(now_ms() - t0 < 3000);
	free(block);
}

static void
test_large_send_arrives_whole(void **state)
{
	loopback *lb = *state;
	size_t big = 4u * 1024 * 1024, i;
	uint8_t *block = malloc(big);
	pid_t child;
	int status = -1;

	assert_non_null(block);
	for (i = 0; i < big; i++) {
		block[i] = (uint8_t)(i * 7 + 3);
	}
	connect_and_accept(lb);
	child = fork();
	assert_true(child >= 0);
	if (child == 0) {
		/* Reader: check every byte, exit 0 when all arrived intact. */
		static uint8_t in[65536];
		size_t total = 0;
		ssize_t n;

		/* Its copy of the client end would hide the EOF. */
		close(lb->sock.fd);
		close(lb->listener);
		while ((n = read(lb->peer, in, sizeof in)) > 0) {
			for (i = 0; i < (size_t)n; i++) {
				if (in[i] != (uint8_t)((total + i) * 7 + 3)) {
					_exit(2);
				}
			}
			total += (size_t)n;
		}
		_exit(total == big ? 0 : 1);
	}
	close(lb->peer);
	lb->peer = -1;
	assert_int_equal(lb->tr.send(lb->tr.ctx, block, big, 5000), CK_OK);
	lb->tr.close(lb->tr.ctx);
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	free(block);
}

static void
test_connect_to_closed_port_is_refused(void **state)
{
	loopback *lb = *state;

	/* Nothing listens any more on the port just freed. */
	close(lb->listener);
	lb->listener = socket(AF_INET, SOCK_STREAM, 0);
	assert_int_equal(lb->tr.open(lb->tr.ctx, 1000), CK_ERR_CONNECT);
	assert_int_equal(lb->sock.fd, -1);
}

static void
test_connect_gives_up_within_its_timeout(void **state)
{
	ck_posix_socket s;
	ck_transport tr = ck_posix_socket_transport(&s);
	uint64_t t0;

	(void)state;
	/* TEST-NET-1: unroutable or unreachable, never answers. */
	assert_int_equal(ck_posix_socket_init(&s, "192.0.2.1", "443"), CK_OK);
	t0 = now_ms();
	assert_int_equal(tr.open(tr.ctx, 200), CK_ERR_CONNECT);
	assert_true(now_ms() - t0 < 2000);
	assert_int_equal(s.fd, -1);
}

static void
test_unresolvable_name_is_dns_error(void **state)
{
	ck_posix_socket s;
	ck_transport tr = ck_posix_socket_transport(&s);

	(void)state;
	assert_int_equal(ck_posix_socket_init(&s, "no-such-host.invalid", "443"),
		CK_OK);
	assert_int_equal(tr.open(tr.ctx, 2000), CK_ERR_DNS);
	assert_int_equal(s.fd, -1);
}

static void
test_host_name_is_resolved_and_connected(void **state)
{
	loopback *lb = *state;
	ck_posix_socket s;
	ck_transport tr = ck_posix_socket_transport(&s);
	int peer;

	/* "localhost" may give ::1 first: the next address is tried. */
	assert_int_equal(ck_posix_socket_init(&s, "localhost", lb->port), CK_OK);
	assert_int_equal(tr.open(tr.ctx, 2000), CK_OK);
	peer = accept(lb->listener, NULL, NULL);
	assert_true(peer >= 0);
	assert_int_equal(tr.send(tr.ctx, (const uint8_t *)"x", 1, 1000), CK_OK);
	close(peer);
	tr.close(tr.ctx);
}

static void
test_ipv6_literal_connects(void **state)
{
	char port[6];
	int listener = listen_on(AF_INET6, port);
	ck_posix_socket s;
	ck_transport tr = ck_posix_socket_transport(&s);

	(void)state;
	if (listener < 0) {
		skip(); /* no IPv6 loopback here */
	}
	assert_int_equal(ck_posix_socket_init(&s, "::1", port), CK_OK);
	assert_int_equal(tr.open(tr.ctx, 1000), CK_OK);
	tr.close(tr.ctx);
	close(listener);
}

static void
test_bad_port_strings_are_rejected(void **state)
{
	static const char *const bad[] = {
		"", "0", "00000", "65536", "99999", "123456", "-1", "+80", "8a",
		" 80", "80 ", "0x50", "4 3",
	};
	ck_posix_socket s;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (ck_posix_socket_init(&s, "127.0.0.1", bad[i])
			!= CK_ERR_INVALID_ARGUMENT)
		{
			fail_msg("port \"%s\" accepted", bad[i]);
		}
	}
	assert_int_equal(ck_posix_socket_init(&s, "127.0.0.1", NULL),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_port_boundaries_are_accepted(void **state)
{
	ck_posix_socket s;

	(void)state;
	assert_int_equal(ck_posix_socket_init(&s, "127.0.0.1", "1"), CK_OK);
	assert_string_equal(s.port, "1");
	assert_int_equal(ck_posix_socket_init(&s, "127.0.0.1", "65535"), CK_OK);
	assert_string_equal(s.port, "65535");
	assert_int_equal(s.fd, -1);
}

static void
test_bad_hosts_are_rejected(void **state)
{
	char longest[CK_POSIX_HOST_MAX + 2];
	ck_posix_socket s;

	(void)state;
	memset(longest, 'a', sizeof longest);
	longest[CK_POSIX_HOST_MAX] = '\0';
	assert_int_equal(ck_posix_socket_init(&s, longest, "443"), CK_OK);
	longest[CK_POSIX_HOST_MAX] = 'a';
	longest[CK_POSIX_HOST_MAX + 1] = '\0';
	assert_int_equal(ck_posix_socket_init(&s, longest, "443"),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_posix_socket_init(&s, NULL, "443"),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_posix_socket_init(&s, "", "443"),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_posix_socket_init(&s, "[::1]", "443"),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_posix_socket_init(&s, "a b", "443"),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_posix_socket_init(&s, "host\r\n", "443"),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_posix_socket_init(NULL, "host", "443"),
		CK_ERR_INVALID_ARGUMENT);
}

static void
test_io_on_a_closed_socket_fails(void **state)
{
	loopback *lb = *state;
	uint8_t b[4] = { 0 };
	size_t n = 7;

	assert_int_equal(lb->tr.send(lb->tr.ctx, b, 1, 100), CK_ERR_SEND);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, b, sizeof b, &n, 100),
		CK_ERR_RECV);
	assert_int_equal(n, 0);
	lb->tr.close(lb->tr.ctx);
	lb->tr.close(lb->tr.ctx);
	assert_int_equal(lb->sock.fd, -1);
}

static void
test_open_while_open_is_rejected(void **state)
{
	loopback *lb = *state;

	connect_and_accept(lb);
	assert_int_equal(lb->tr.open(lb->tr.ctx, 100), CK_ERR_INVALID_ARGUMENT);
}

static void
test_reopen_after_close_connects_again(void **state)
{
	loopback *lb = *state;
	int second;

	connect_and_accept(lb);
	lb->tr.close(lb->tr.ctx);
	assert_int_equal(lb->tr.open(lb->tr.ctx, 1000), CK_OK);
	second = accept(lb->listener, NULL, NULL);
	assert_true(second >= 0);
	close(second);
}

static void
test_recv_into_nothing_is_rejected(void **state)
{
	loopback *lb = *state;
	uint8_t b[1];
	size_t n;

	connect_and_accept(lb);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, b, 0, &n, 100),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, NULL, 1, &n, 100),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(lb->tr.recv(lb->tr.ctx, b, 1, NULL, 100),
		CK_ERR_INVALID_ARGUMENT);
}

/* ---- pending(): what waits, without reading it -------------------------- */

/* pending() never waits: poll it until it says yes, up to a second. */
static bool
becomes_pending(loopback *lb)
{
	uint64_t end = now_ms() + 1000;

	while (!lb->tr.pending(lb->tr.ctx)) {
		if (now_ms() >= end) {
			return false;
		}
		nanosleep(&(struct timespec){ 0, 1000000 }, NULL);
	}
	return true;
}

static void
test_pending_sees_waiting_bytes_and_leaves_them(void **state)
{
	loopback *lb = *state;
	uint8_t got[8];
	size_t n = 0;
	uint64_t t0;

	connect_and_accept(lb);
	t0 = now_ms();
	assert_false(lb->tr.pending(lb->tr.ctx));
	assert_true(now_ms() - t0 < 100);
	assert_int_equal(write(lb->peer, "extra", 5), 5);
	assert_true(becomes_pending(lb));
	assert_true(lb->tr.pending(lb->tr.ctx)); /* asking twice reads nothing */
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, sizeof got, &n, 1000),
		CK_OK);
	assert_int_equal(n, 5);
	assert_memory_equal(got, "extra", 5);
	assert_false(lb->tr.pending(lb->tr.ctx));
}

static void
test_pending_sees_the_peers_close(void **state)
{
	loopback *lb = *state;

	connect_and_accept(lb);
	close(lb->peer);
	lb->peer = -1;
	assert_true(becomes_pending(lb));
}

static void
test_pending_sees_a_reset(void **state)
{
	loopback *lb = *state;
	uint8_t got[8];
	size_t n = 0;

	connect_and_accept(lb);
	reset_peer(lb);
	assert_true(becomes_pending(lb));
	assert_int_equal(lb->tr.recv(lb->tr.ctx, got, sizeof got, &n, 1000),
		CK_ERR_RECV);
}

static void
test_pending_on_a_closed_socket_is_true(void **state)
{
	loopback *lb = *state;

	assert_true(lb->tr.pending(lb->tr.ctx));
	connect_and_accept(lb);
	lb->tr.close(lb->tr.ctx);
	assert_true(lb->tr.pending(lb->tr.ctx));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_bytes_round_trip_over_loopback),
		T(test_recv_never_writes_past_cap),
		T(test_recv_times_out_when_peer_is_silent),
		T(test_peer_close_reads_as_connection_closed),
		T(test_reset_by_peer_reads_as_recv_error),
		T(test_send_to_reset_peer_fails_without_sigpipe),
		T(test_send_times_out_when_peer_does_not_read),
		T(test_large_send_arrives_whole),
		T(test_connect_to_closed_port_is_refused),
		T(test_host_name_is_resolved_and_connected),
		T(test_io_on_a_closed_socket_fails),
		T(test_open_while_open_is_rejected),
		T(test_reopen_after_close_connects_again),
		T(test_recv_into_nothing_is_rejected),
		T(test_pending_sees_waiting_bytes_and_leaves_them),
		T(test_pending_sees_the_peers_close),
		T(test_pending_sees_a_reset),
		T(test_pending_on_a_closed_socket_is_true),
#undef T
		cmocka_unit_test(test_connect_gives_up_within_its_timeout),
		cmocka_unit_test(test_unresolvable_name_is_dns_error),
		cmocka_unit_test(test_ipv6_literal_connects),
		cmocka_unit_test(test_bad_port_strings_are_rejected),
		cmocka_unit_test(test_port_boundaries_are_accepted),
		cmocka_unit_test(test_bad_hosts_are_rejected),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
