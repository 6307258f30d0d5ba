/*
 * test_tls_client.c -- the BearSSL client transport.
 *
 * Real handshakes run against `openssl s_server -www` started by the test
 * on 127.0.0.1 with the fixture certificate (CN and SAN
 * ckafka.intl.tencentcloudapi.com, SAN localhost, issued by the fixture RSA
 * CA). -www answers "GET / HTTP/1.0" with a page that says whether the
 * session was "New" or "Reused", which makes resumption observable.
 * Error paths that need no server use a scripted lower transport.
 */
#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck_posix_socket.h"
#include "ck_tls_client.h"
#include "ck_trust_anchors.h"

#define FIXTURE(name) "tests/unit/fixtures/" name
#define SERVER_NAME "ckafka.intl.tencentcloudapi.com"
#define GET_ROOT "GET / HTTP/1.0\r\n\r\n"

/* ---- the openssl s_server, shared by the whole group ------------------- */

static pid_t server_pid = -1;
static int server_out = -1;    /* its stdout, kept open so it never gets SIGPIPE */
static char server_port[6];

/* Trust anchors: the CA that issued the server certificate, and another. */
static br_x509_trust_anchor anchor_slots[2];
static unsigned char anchor_pool[4096];
static ck_trust_anchors right_ca, wrong_ca;

static void
load_anchors(ck_trust_anchors *s, br_x509_trust_anchor *slot,
	unsigned char *pool, size_t pool_size, const char *path)
{
	size_t len;
	char *pem = test_read_file(path, &len);

	ck_trust_anchors_init(s, slot, 1, pool, pool_size);
	assert_int_equal(ck_trust_anchors_add_pem(s, pem, len, NULL), CK_OK);
	free(pem);
}

/* Read the "ACCEPT 127.0.0.1:PORT" line s_server prints when it listens. */
static bool
read_accept_line(int fd, char port[6])
{
	char line[256];
	size_t used = 0;

	while (used < sizeof line - 1) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		char *nl, *colon;
		ssize_t n;

		if (poll(&pfd, 1, 10000) != 1) {
			return false;
		}
		n = read(fd, line + used, sizeof line - 1 - used);
		if (n <= 0) {
			return false;
		}
		used += (size_t)n;
		line[used] = '\0';
		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			if (strncmp(line, "ACCEPT ", 7) == 0) {
				colon = strrchr(line, ':');
				if (colon == NULL || strlen(colon + 1) > 5) {
					return false;
				}
				strcpy(port, colon + 1);
				return true;
			}
			used -= (size_t)(nl + 1 - line);
			memmove(line, nl + 1, used + 1);
		}
	}
	return false;
}

static int
start_server(void **state)
{
	int out[2];

	(void)state;
	load_anchors(&right_ca, &anchor_slots[0], anchor_pool, 2048,
		FIXTURE("ca-rsa.pem"));
	load_anchors(&wrong_ca, &anchor_slots[1], anchor_pool + 2048, 2048,
		FIXTURE("ca-ec.pem"));
	if (pipe(out) != 0) {
		return -1;
	}
	server_pid = fork();
	if (server_pid < 0) {
		return -1;
	}
	if (server_pid == 0) {
		int devnull = open("/dev/null", O_RDWR);

		dup2(out[1], 1);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 2);
		}
		close(out[0]);
		close(out[1]);
		execlp("openssl", "openssl", "s_server", "-accept", "127.0.0.1:0",
			"-cert", FIXTURE("server.pem"), "-key", FIXTURE("server.key"),
			"-www", (char *)NULL);
		_exit(127);
	}
	close(out[1]);
	server_out = out[0];
	if (!read_accept_line(server_out, server_port)) {
		print_error("openssl s_server did not start\n");
		return -1;
	}
	return 0;
}

static int
stop_server(void **state)
{
	(void)state;
	if (server_pid > 0) {
		kill(server_pid, SIGTERM);
		waitpid(server_pid, NULL, 0);
		server_pid = -1;
	}
	if (server_out >= 0) {
		close(server_out);
		server_out = -1;
	}
	return 0;
}

/* ---- a TLS client over a POSIX socket to that server -------------------- */

typedef struct {
	ck_posix_socket sock;
	ck_transport lower;
	ck_tls_config cfg;
	ck_tls_client tls;
	ck_transport tr;
	int time_calls;
	int64_t fixed_time;
	int entropy_calls;
	size_t entropy_len;
	bool entropy_ok;
	uint64_t now_ms;
} tls_fixture;

static int
setup(void **state)
{
	tls_fixture *f = calloc(1, sizeof *f);

	assert_non_null(f);
	assert_int_equal(ck_posix_socket_init(&f->sock, "127.0.0.1", server_port),
		CK_OK);
	f->lower = ck_posix_socket_transport(&f->sock);
	f->cfg.lower = &f->lower;
	f->cfg.anchors = right_ca.anchors;
	f->cfg.anchor_count = right_ca.count;
	f->cfg.server_name = SERVER_NAME;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	tls_fixture *f = *state;

	if (f->tr.close != NULL) {
		f->tr.close(f->tr.ctx);
	}
	free(f);
	return 0;
}

/* Init the client from f->cfg and open it. */
static ck_result
open_client(tls_fixture *f)
{
	assert_int_equal(ck_tls_client_init(&f->tls, &f->cfg), CK_OK);
	f->tr = ck_tls_client_transport(&f->tls);
	return f->tr.open(f->tr.ctx, 5000);
}

/*
 * Send `request` and read the answer until the server closes; returns the
 * NUL-terminated answer (heap) and the result that ended the read.
 */
static char *
exchange(tls_fixture *f, const char *request, ck_result *end)
{
	size_t cap = 64 * 1024, used = 0;
	char *answer = malloc(cap + 1);
	int rounds;

	assert_non_null(answer);
	assert_int_equal(f->tr.send(f->tr.ctx, (const uint8_t *)request,
		strlen(request), 5000), CK_OK);
	assert_int_equal(f->tr.flush(f->tr.ctx, 5000), CK_OK);
	*end = CK_OK;
	for (rounds = 0; rounds < 1000 && used < cap; rounds++) {
		size_t n = 0;

		*end = f->tr.recv(f->tr.ctx, (uint8_t *)answer + used,
			cap - used, &n, 5000);
		if (*end != CK_OK) {
			break;
		}
		assert_true(n >= 1 && n <= cap - used);
		used += n;
	}
	answer[used] = '\0';
	return answer;
}

static void
test_handshake_succeeds_with_right_ca_and_name(void **state)
{
	tls_fixture *f = *state;

	assert_int_equal(open_client(f), CK_OK);
	assert_int_equal(ck_tls_client_last_error(&f->tls), 0);
	assert_true(f->sock.fd >= 0);
}

static void
test_request_gets_the_servers_answer(void **state)
{
	tls_fixture *f = *state;
	ck_result end;
	char *answer;

	assert_int_equal(open_client(f), CK_OK);
	answer = exchange(f, GET_ROOT, &end);
	assert_true(strncmp(answer, "HTTP/1.0 200 ok", 15) == 0);
	assert_non_null(strstr(answer, "TLSv1.2"));
	assert_int_equal(end, CK_ERR_CONNECTION_CLOSED);
	free(answer);
}

static void
test_request_larger_than_one_record_is_sent_whole(void **state)
{
	tls_fixture *f = *state;
	size_t pad = 40000;
	char *request = malloc(pad + 64);
	ck_result end;
	char *answer;

	assert_non_null(request);
	strcpy(request, "GET / HTTP/1.0\r\nX-Pad: ");
	memset(request + strlen(request), 'p', pad);
	strcpy(request + 23 + pad, "\r\n\r\n");
	assert_int_equal(open_client(f), CK_OK);
	answer = exchange(f, request, &end);
	assert_true(strncmp(answer, "HTTP/1.0 200 ok", 15) == 0);
	free(answer);
	free(request);
}

static void
test_san_name_localhost_also_matches(void **state)
{
	tls_fixture *f = *state;

	f->cfg.server_name = "localhost";
	assert_int_equal(open_client(f), CK_OK);
}

static void
test_wrong_ca_is_certificate_error(void **state)
{
	tls_fixture *f = *state;

	f->cfg.anchors = wrong_ca.anchors;
	f->cfg.anchor_count = wrong_ca.count;
	assert_int_equal(open_client(f), CK_ERR_TLS_CERTIFICATE);
	assert_int_equal(ck_tls_client_last_error(&f->tls),
		BR_ERR_X509_NOT_TRUSTED);
	assert_int_equal(f->sock.fd, -1); /* closed again */
}

static void
test_wrong_server_name_is_certificate_error(void **state)
{
	tls_fixture *f = *state;

	f->cfg.server_name = "ckafka.tencentcloudapi.com";
	assert_int_equal(open_client(f), CK_ERR_TLS_CERTIFICATE);
	assert_int_equal(ck_tls_client_last_error(&f->tls),
		BR_ERR_X509_BAD_SERVER_NAME);
	assert_int_equal(f->sock.fd, -1);
}

static void
test_reopen_resumes_the_session(void **state)
{
	tls_fixture *f = *state;
	br_ssl_session_parameters first, second;
	ck_result end;
	char *answer;

	assert_int_equal(open_client(f), CK_OK);
	br_ssl_engine_get_session_parameters(&f->tls.sc.eng, &first);
	assert_true(first.session_id_len > 0);
	answer = exchange(f, GET_ROOT, &end);
	assert_non_null(strstr(answer, "\nNew, TLSv1.2"));
	free(answer);
	f->tr.close(f->tr.ctx);

	assert_int_equal(f->tr.open(f->tr.ctx, 5000), CK_OK);
	br_ssl_engine_get_session_parameters(&f->tls.sc.eng, &second);
	assert_int_equal(second.session_id_len, first.session_id_len);
	assert_memory_equal(second.session_id, first.session_id,
		first.session_id_len);
	answer = exchange(f, GET_ROOT, &end);
	assert_non_null(strstr(answer, "\nReused, TLSv1.2"));
	free(answer);
}

static void
test_recv_times_out_and_connection_stays_usable(void **state)
{
	tls_fixture *f = *state;
	uint8_t buf[16];
	size_t n = 5;
	ck_result end;
	char *answer;

	assert_int_equal(open_client(f), CK_OK);
	/* -www says nothing until it has a request. */
	assert_int_equal(f->tr.recv(f->tr.ctx, buf, sizeof buf, &n, 150),
		CK_ERR_RECV_TIMEOUT);
	assert_int_equal(n, 0);
	answer = exchange(f, GET_ROOT, &end);
	assert_true(strncmp(answer, "HTTP/1.0 200 ok", 15) == 0);
	free(answer);
}

static int64_t
clock_at(void *ctx)
{
	tls_fixture *f = ctx;

	f->time_calls++;
	return f->fixed_time;
}

static void
test_time_hook_sets_validation_time(void **state)
{
	tls_fixture *f = *state;

	f->cfg.unix_time = clock_at;
	f->cfg.time_ctx = f;
	f->fixed_time = 2000000000; /* 2033-05-18, inside the validity */
	assert_int_equal(open_client(f), CK_OK);
	assert_int_equal(f->time_calls, 1);
}

static void
test_time_before_validity_is_certificate_error(void **state)
{
	tls_fixture *f = *state;

	f->cfg.unix_time = clock_at;
	f->cfg.time_ctx = f;
	f->fixed_time = 1000000000; /* 2001 */
	assert_int_equal(open_client(f), CK_ERR_TLS_CERTIFICATE);
	assert_int_equal(ck_tls_client_last_error(&f->tls), BR_ERR_X509_EXPIRED);
}

static void
test_time_after_validity_is_certificate_error(void **state)
{
	tls_fixture *f = *state;

	f->cfg.unix_time = clock_at;
	f->cfg.time_ctx = f;
	f->fixed_time = 4102444800; /* 2100-01-01 */
	assert_int_equal(open_client(f), CK_ERR_TLS_CERTIFICATE);
	assert_int_equal(ck_tls_client_last_error(&f->tls), BR_ERR_X509_EXPIRED);
}

static void
test_unknown_time_fails_before_connecting(void **state)
{
	tls_fixture *f = *state;

	f->cfg.unix_time = clock_at;
	f->cfg.time_ctx = f;
	f->fixed_time = -1;
	assert_int_equal(open_client(f), CK_ERR_TLS_CERTIFICATE);
	assert_int_equal(ck_tls_client_last_error(&f->tls),
		BR_ERR_X509_TIME_UNKNOWN);
	assert_int_equal(f->sock.fd, -1);
	f->fixed_time = INT64_MAX; /* days would overflow BearSSL's counter */
	assert_int_equal(f->tr.open(f->tr.ctx, 5000), CK_ERR_TLS_CERTIFICATE);
}

static bool
entropy_from_counter(void *ctx, uint8_t *buf, size_t len)
{
	tls_fixture *f = ctx;
	size_t i;

	f->entropy_calls++;
	f->entropy_len = len;
	for (i = 0; i < len; i++) {
		buf[i] = (uint8_t)(i * 37 + (size_t)f->entropy_calls);
	}
	return f->entropy_ok;
}

static void
test_entropy_hook_is_injected_each_handshake(void **state)
{
	tls_fixture *f = *state;

	f->cfg.entropy = entropy_from_counter;
	f->cfg.entropy_ctx = f;
	f->entropy_ok = true;
	assert_int_equal(open_client(f), CK_OK);
	assert_int_equal(f->entropy_calls, 1);
	assert_int_equal(f->entropy_len, 32);
	f->tr.close(f->tr.ctx);
	assert_int_equal(f->tr.open(f->tr.ctx, 5000), CK_OK);
	assert_int_equal(f->entropy_calls, 2);
}

static void
test_failing_entropy_hook_fails_before_connecting(void **state)
{
	tls_fixture *f = *state;

	f->cfg.entropy = entropy_from_counter;
	f->cfg.entropy_ctx = f;
	f->entropy_ok = false;
	assert_int_equal(open_client(f), CK_ERR_TLS_HANDSHAKE);
	assert_int_equal(ck_tls_client_last_error(&f->tls), BR_ERR_NO_RANDOM);
	assert_int_equal(f->sock.fd, -1);
}

static void
test_close_closes_the_lower_transport(void **state)
{
	tls_fixture *f = *state;
	uint8_t b[4];
	size_t n;

	assert_int_equal(open_client(f), CK_OK);
	f->tr.close(f->tr.ctx);
	assert_int_equal(f->sock.fd, -1);
	assert_int_equal(f->tr.send(f->tr.ctx, (const uint8_t *)"x", 1, 100),
		CK_ERR_SEND);
	assert_int_equal(f->tr.flush(f->tr.ctx, 100), CK_ERR_SEND);
	assert_int_equal(f->tr.recv(f->tr.ctx, b, sizeof b, &n, 100),
		CK_ERR_RECV);
	f->tr.close(f->tr.ctx); /* twice is fine */
}

static void
test_open_while_open_is_rejected(void **state)
{
	tls_fixture *f = *state;

	assert_int_equal(open_client(f), CK_OK);
	assert_int_equal(f->tr.open(f->tr.ctx, 5000), CK_ERR_INVALID_ARGUMENT);
}

/* ---- a scripted lower transport, for failures without a server ---------- */

typedef struct {
	ck_result open_result;
	int opens, closes, sends, recvs;
	const uint8_t *script;  /* bytes recv hands out, one per call */
	size_t script_len, script_pos;
	ck_result after_script; /* what recv returns once the script is done */
	uint64_t *clock;        /* advanced by clock_step on every recv */
	uint64_t clock_step;
	uint32_t recv_ms[16];
} scripted;

static ck_result
scripted_open(void *ctx, uint32_t timeout_ms)
{
	scripted *s = ctx;

	(void)timeout_ms;
	s->opens++;
	return s->open_result;
}

static ck_result
scripted_send(void *ctx, const uint8_t *data, size_t len, uint32_t timeout_ms)
{
	scripted *s = ctx;

	(void)data;
	(void)len;
	(void)timeout_ms;
	s->sends++;
	return CK_OK;
}

static ck_result
scripted_recv(void *ctx, uint8_t *buf, size_t cap, size_t *received,
	uint32_t timeout_ms)
{
	scripted *s = ctx;

	assert_true(cap >= 1);
	if (s->recvs < 16) {
		s->recv_ms[s->recvs] = timeout_ms;
	}
	s->recvs++;
	*received = 0;
	if (s->clock != NULL) {
		*s->clock += s->clock_step;
	}
	if (s->script_pos >= s->script_len) {
		return s->after_script;
	}
	buf[0] = s->script[s->script_pos++];
	*received = 1;
	return CK_OK;
}

static void
scripted_close(void *ctx)
{
	scripted *s = ctx;

	s->closes++;
}

typedef struct {
	scripted low;
	ck_transport lower;
	ck_tls_config cfg;
	ck_tls_client tls;
	ck_transport tr;
} offline;

static offline *
offline_new(void)
{
	offline *o = calloc(1, sizeof *o);

	assert_non_null(o);
	o->lower.open = scripted_open;
	o->lower.send = scripted_send;
	o->lower.flush = NULL;
	o->lower.recv = scripted_recv;
	o->lower.close = scripted_close;
	o->lower.ctx = &o->low;
	o->low.after_script = CK_ERR_CONNECTION_CLOSED;
	o->cfg.lower = &o->lower;
	o->cfg.anchors = right_ca.anchors;
	o->cfg.anchor_count = right_ca.count;
	o->cfg.server_name = SERVER_NAME;
	assert_int_equal(ck_tls_client_init(&o->tls, &o->cfg), CK_OK);
	o->tr = ck_tls_client_transport(&o->tls);
	return o;
}

static void
test_failed_handshake_forgets_the_session(void **state)
{
	tls_fixture *f = *state;
	scripted dead;
	ck_transport dead_lower;

	assert_int_equal(open_client(f), CK_OK);
	f->tr.close(f->tr.ctx);
	assert_true(f->tls.have_session);
	/* The next connection dies mid-handshake: the session must go. */
	memset(&dead, 0, sizeof dead);
	dead.after_script = CK_ERR_CONNECTION_CLOSED;
	dead_lower.open = scripted_open;
	dead_lower.send = scripted_send;
	dead_lower.flush = NULL;
	dead_lower.recv = scripted_recv;
	dead_lower.close = scripted_close;
	dead_lower.ctx = &dead;
	f->tls.cfg.lower = &dead_lower;
	assert_int_equal(f->tr.open(f->tr.ctx, 5000), CK_ERR_TLS_HANDSHAKE);
	assert_false(f->tls.have_session);
	f->tls.cfg.lower = &f->lower;
}

static void
test_lower_open_errors_pass_through_unchanged(void **state)
{
	static const ck_result passed[] = { CK_ERR_DNS, CK_ERR_CONNECT };
	size_t i;

	(void)state;
	for (i = 0; i < 2; i++) {
		offline *o = offline_new();

		o->low.open_result = passed[i];
		assert_int_equal(o->tr.open(o->tr.ctx, 1000), passed[i]);
		assert_int_equal(o->low.sends, 0);
		free(o);
	}
}

static void
test_peer_closing_during_handshake_is_handshake_error(void **state)
{
	offline *o = offline_new();

	(void)state;
	assert_int_equal(o->tr.open(o->tr.ctx, 1000), CK_ERR_TLS_HANDSHAKE);
	assert_int_equal(ck_tls_client_last_error(&o->tls), BR_ERR_IO);
	assert_true(o->low.sends >= 1); /* the ClientHello went out */
	assert_int_equal(o->low.closes, 1);
	free(o);
}

static void
test_lower_timeout_during_handshake_is_handshake_error(void **state)
{
	offline *o = offline_new();

	(void)state;
	o->low.after_script = CK_ERR_RECV_TIMEOUT;
	assert_int_equal(o->tr.open(o->tr.ctx, 1000), CK_ERR_TLS_HANDSHAKE);
	assert_int_equal(o->low.closes, 1);
	free(o);
}

static void
test_non_tls_peer_is_handshake_error(void **state)
{
	static const char http[] = "HTTP/1.1 400 Bad Request\r\n\r\n";
	offline *o = offline_new();

	(void)state;
	o->low.script = (const uint8_t *)http;
	o->low.script_len = sizeof http - 1;
	assert_int_equal(o->tr.open(o->tr.ctx, 1000), CK_ERR_TLS_HANDSHAKE);
	assert_int_not_equal(ck_tls_client_last_error(&o->tls), 0);
	assert_int_not_equal(ck_tls_client_last_error(&o->tls), BR_ERR_IO);
	assert_int_equal(o->low.closes, 1);
	free(o);
}

static uint64_t
read_fake_clock(void *ctx)
{
	return *(uint64_t *)ctx;
}

static void
test_monotonic_clock_bounds_the_whole_call(void **state)
{
	/* The start of a ServerHello record, dribbled one byte per 300 ms. */
	static const uint8_t slow[] = { 0x16, 0x03, 0x03, 0x00, 0x40, 0x02 };
	offline *o = offline_new();
	uint64_t clock = 5000;

	(void)state;
	o->cfg.monotonic_ms = read_fake_clock;
	o->cfg.clock_ctx = &clock;
	assert_int_equal(ck_tls_client_init(&o->tls, &o->cfg), CK_OK);
	o->low.script = slow;
	o->low.script_len = sizeof slow;
	o->low.clock = &clock;
	o->low.clock_step = 300;
	assert_int_equal(o->tr.open(o->tr.ctx, 1000), CK_ERR_TLS_HANDSHAKE);
	assert_int_equal(o->low.recvs, 4);
	assert_int_equal(o->low.recv_ms[0], 1000);
	assert_int_equal(o->low.recv_ms[1], 700);
	assert_int_equal(o->low.recv_ms[2], 400);
	assert_int_equal(o->low.recv_ms[3], 100);
	free(o);
}

static void
test_monotonic_clock_near_its_end_does_not_wrap_the_budget(void **state)
{
	static const uint8_t slow[] = { 0x16, 0x03, 0x03 };
	offline *o = offline_new();
	uint64_t clock = UINT64_MAX - 500;

	(void)state;
	o->cfg.monotonic_ms = read_fake_clock;
	o->cfg.clock_ctx = &clock;
	assert_int_equal(ck_tls_client_init(&o->tls, &o->cfg), CK_OK);
	o->low.script = slow;
	o->low.script_len = sizeof slow;
	o->low.clock = &clock;
	o->low.clock_step = 100;
	/* now + 1000 would wrap to a deadline long past: no wait at all. */
	assert_int_equal(o->tr.open(o->tr.ctx, 1000), CK_ERR_TLS_HANDSHAKE);
	assert_true(o->low.recvs >= 4);
	assert_int_equal(o->low.recv_ms[0], 500);
	free(o);
}

static void
test_without_clock_each_lower_call_gets_the_full_timeout(void **state)
{
	static const uint8_t slow[] = { 0x16, 0x03, 0x03 };
	offline *o = offline_new();

	(void)state;
	o->low.script = slow;
	o->low.script_len = sizeof slow;
	assert_int_equal(o->tr.open(o->tr.ctx, 1000), CK_ERR_TLS_HANDSHAKE);
	assert_int_equal(o->low.recvs, 4);
	assert_int_equal(o->low.recv_ms[0], 1000);
	assert_int_equal(o->low.recv_ms[3], 1000);
	free(o);
}

static void
test_init_rejects_incomplete_config(void **state)
{
	offline *o = offline_new();
	ck_tls_config c;
	char too_long[CK_TLS_SERVER_NAME_MAX + 2];
	ck_transport no_recv;

	(void)state;
	memset(too_long, 'a', sizeof too_long);
	too_long[sizeof too_long - 1] = '\0';
	assert_int_equal(ck_tls_client_init(NULL, &o->cfg),
		CK_ERR_INVALID_ARGUMENT);
	assert_int_equal(ck_tls_client_init(&o->tls, NULL),
		CK_ERR_INVALID_ARGUMENT);
	c = o->cfg; c.lower = NULL;
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_ERR_INVALID_ARGUMENT);
	no_recv = o->lower; no_recv.recv = NULL;
	c = o->cfg; c.lower = &no_recv;
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_ERR_INVALID_ARGUMENT);
	c = o->cfg; c.anchors = NULL;
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_ERR_INVALID_ARGUMENT);
	c = o->cfg; c.anchor_count = 0;
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_ERR_INVALID_ARGUMENT);
	c = o->cfg; c.server_name = NULL;
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_ERR_INVALID_ARGUMENT);
	c = o->cfg; c.server_name = "";
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_ERR_INVALID_ARGUMENT);
	c = o->cfg; c.server_name = "bad name";
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_ERR_INVALID_ARGUMENT);
	c = o->cfg; c.server_name = too_long;
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_ERR_INVALID_ARGUMENT);
	too_long[CK_TLS_SERVER_NAME_MAX] = '\0';
	assert_int_equal(ck_tls_client_init(&o->tls, &c), CK_OK);
	free(o);
}

static void
test_server_name_is_copied(void **state)
{
	offline *o = offline_new();
	char name[] = SERVER_NAME;

	(void)state;
	o->cfg.server_name = name;
	assert_int_equal(ck_tls_client_init(&o->tls, &o->cfg), CK_OK);
	memset(name, 'x', sizeof name - 1);
	assert_string_equal(o->tls.server_name, SERVER_NAME);
	free(o);
}

/* ---- pending(): what the TLS layer holds counts too ---------------------- */

/*
 * A lower transport over the fixture's socket that can stop handing out
 * bytes after a budget (a receive that times out in the middle of a
 * record) and can hide what waits below it, so that only what the TLS
 * layer itself holds can make pending() true.
 */
typedef struct {
	const ck_transport *below;
	long budget;        /* bytes recv may still hand out; < 0 = no limit */
	bool hide_pending;
} gate;

static ck_result
gate_open(void *ctx, uint32_t ms)
{
	gate *g = ctx;

	return g->below->open(g->below->ctx, ms);
}

static ck_result
gate_send(void *ctx, const uint8_t *d, size_t n, uint32_t ms)
{
	gate *g = ctx;

	return g->below->send(g->below->ctx, d, n, ms);
}

static ck_result
gate_recv(void *ctx, uint8_t *buf, size_t cap, size_t *got, uint32_t ms)
{
	gate *g = ctx;
	ck_result r;

	*got = 0;
	if (g->budget == 0) {
		return CK_ERR_RECV_TIMEOUT;
	}
	if (g->budget > 0 && cap > (size_t)g->budget) {
		cap = (size_t)g->budget;
	}
	r = g->below->recv(g->below->ctx, buf, cap, got, ms);
	if (r == CK_OK && g->budget > 0) {
		g->budget -= (long)*got;
	}
	return r;
}

static void
gate_close(void *ctx)
{
	gate *g = ctx;

	g->below->close(g->below->ctx);
}

static bool
gate_pending(void *ctx)
{
	gate *g = ctx;

	return !g->hide_pending && g->below->pending(g->below->ctx);
}

/* Static: teardown's close still goes through them. */
static gate the_gate;
static ck_transport gated_transport;

/* Put a gate between the fixture's TLS client and its socket. */
static void
use_gate(tls_fixture *f, gate *g, ck_transport *gated)
{
	g->below = &f->lower;
	g->budget = -1;
	g->hide_pending = false;
	gated->open = gate_open;
	gated->send = gate_send;
	gated->flush = NULL;
	gated->recv = gate_recv;
	gated->close = gate_close;
	gated->ctx = g;
	gated->pending = gate_pending;
	f->cfg.lower = gated;
}

static void
test_pending_is_false_on_a_quiet_connection(void **state)
{
	tls_fixture *f = *state;

	assert_int_equal(open_client(f), CK_OK);
	assert_non_null(f->tr.pending);
	/* -www says nothing until it has a request. */
	assert_false(f->tr.pending(f->tr.ctx));
}

static void
test_pending_sees_decrypted_bytes_not_yet_read(void **state)
{
	tls_fixture *f = *state;
	gate *g = &the_gate;
	uint8_t buf[10];
	size_t n = 0;

	use_gate(f, g, &gated_transport);
	assert_int_equal(open_client(f), CK_OK);
	assert_int_equal(f->tr.send(f->tr.ctx, (const uint8_t *)GET_ROOT,
		strlen(GET_ROOT), 5000), CK_OK);
	assert_int_equal(f->tr.flush(f->tr.ctx, 5000), CK_OK);
	assert_int_equal(f->tr.recv(f->tr.ctx, buf, sizeof buf, &n, 5000),
		CK_OK);
	assert_int_equal(n, sizeof buf);
	/* The rest of the page's first record sits in BearSSL's buffer. */
	g->hide_pending = true;
	assert_true(f->tr.pending(f->tr.ctx));
	assert_int_equal(f->tr.recv(f->tr.ctx, buf, sizeof buf, &n, 5000),
		CK_OK);
	assert_memory_equal(buf, "00 ok\r\nCon", 10);
}

static void
test_pending_sees_a_record_held_in_part(void **state)
{
	tls_fixture *f = *state;
	gate *g = &the_gate;
	uint8_t buf[64];
	size_t n = 0;

	use_gate(f, g, &gated_transport);
	assert_int_equal(open_client(f), CK_OK);
	assert_int_equal(f->tr.send(f->tr.ctx, (const uint8_t *)GET_ROOT,
		strlen(GET_ROOT), 5000), CK_OK);
	assert_int_equal(f->tr.flush(f->tr.ctx, 5000), CK_OK);
	g->hide_pending = true;
	assert_false(f->tr.pending(f->tr.ctx));
	/* Three bytes of a record header, then the wait runs out. */
	g->budget = 3;
	assert_int_equal(f->tr.recv(f->tr.ctx, buf, sizeof buf, &n, 300),
		CK_ERR_RECV_TIMEOUT);
	assert_true(f->tr.pending(f->tr.ctx));
	/* Nothing was lost: the answer still reads whole. */
	g->budget = -1;
	assert_int_equal(f->tr.recv(f->tr.ctx, buf, sizeof buf, &n, 5000),
		CK_OK);
	assert_true(n >= 15);
	assert_memory_equal(buf, "HTTP/1.0 200 ok", 15);
}

static void
test_pending_passes_on_what_waits_below(void **state)
{
	tls_fixture *f = *state;
	ck_result end;
	char *answer;

	assert_int_equal(open_client(f), CK_OK);
	answer = exchange(f, GET_ROOT, &end);
	free(answer);
	assert_int_equal(end, CK_ERR_CONNECTION_CLOSED);
	assert_true(f->tr.pending(f->tr.ctx));
	f->tr.close(f->tr.ctx);
	assert_true(f->tr.pending(f->tr.ctx));
}

static void
test_pending_is_offered_only_when_the_lower_transport_has_it(void **state)
{
	offline *o = offline_new();

	(void)state;
	assert_null(o->lower.pending);
	assert_null(o->tr.pending);
	free(o);
}

/* ---- deinit: nothing of the session is left --------------------------- */

static bool
contains(const void *hay, size_t n, const void *needle, size_t k)
{
	const unsigned char *h = hay;
	size_t i;

	for (i = 0; i + k <= n; i++) {
		if (memcmp(h + i, needle, k) == 0) {
			return true;
		}
	}
	return false;
}

static bool
all_zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i] != 0) {
			return false;
		}
	}
	return true;
}

static void
test_deinit_wipes_session_keys_and_plaintext(void **state)
{
	tls_fixture *f = *state;
	static const char page[] = "New, TLSv1.2";
	unsigned char master[48];
	ck_result end;
	char *answer;

	assert_int_equal(open_client(f), CK_OK);
	answer = exchange(f, GET_ROOT, &end);
	free(answer);
	memcpy(master, f->tls.session.master_secret, sizeof master);
	assert_false(all_zero(master, sizeof master));
	/* Closing keeps the session, to resume it: the secret is still in,
	 * and so is the last plaintext, decrypted in place. */
	f->tr.close(f->tr.ctx);
	assert_true(contains(&f->tls, sizeof f->tls, master, sizeof master));
	assert_true(contains(&f->tls, sizeof f->tls, page, sizeof page - 1));

	ck_tls_client_deinit(&f->tls);
	assert_false(contains(&f->tls, sizeof f->tls, master, sizeof master));
	assert_false(contains(&f->tls, sizeof f->tls, page, sizeof page - 1));
	assert_true(all_zero(&f->tls, sizeof f->tls));
	assert_int_equal(f->sock.fd, -1);
}

static void
test_deinit_closes_an_open_connection_and_init_starts_afresh(void **state)
{
	tls_fixture *f = *state;
	uint8_t b[4];
	size_t n = 0;
	ck_result end;
	char *answer;

	assert_int_equal(open_client(f), CK_OK);
	ck_tls_client_deinit(&f->tls);
	assert_int_equal(f->sock.fd, -1);
	/* The old view fails cleanly; close twice is harmless. */
	assert_int_equal(f->tr.send(f->tr.ctx, b, 1, 100), CK_ERR_SEND);
	assert_int_equal(f->tr.recv(f->tr.ctx, b, sizeof b, &n, 100),
		CK_ERR_RECV);
	assert_int_equal(f->tr.open(f->tr.ctx, 100), CK_ERR_INVALID_ARGUMENT);
	assert_true(f->tr.pending(f->tr.ctx));
	f->tr.close(f->tr.ctx);
	ck_tls_client_deinit(&f->tls);
	ck_tls_client_deinit(NULL);
	/* Nothing to resume after it: the next handshake is a full one. */
	assert_int_equal(open_client(f), CK_OK);
	answer = exchange(f, GET_ROOT, &end);
	assert_non_null(strstr(answer, "\nNew, TLSv1.2"));
	free(answer);
}

static void
test_struct_sizes_are_reported(void **state)
{
	(void)state;
	print_message("sizeof(ck_tls_client) = %zu, sizeof(ck_trust_anchors) = %zu\n",
		sizeof(ck_tls_client), sizeof(ck_trust_anchors));
	assert_true(sizeof(ck_tls_client) >= CK_TLS_IOBUF_SIZE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_handshake_succeeds_with_right_ca_and_name),
		T(test_request_gets_the_servers_answer),
		T(test_request_larger_than_one_record_is_sent_whole),
		T(test_san_name_localhost_also_matches),
		T(test_wrong_ca_is_certificate_error),
		T(test_wrong_server_name_is_certificate_error),
		T(test_reopen_resumes_the_session),
		T(test_recv_times_out_and_connection_stays_usable),
		T(test_time_hook_sets_validation_time),
		T(test_time_before_validity_is_certificate_error),
		T(test_time_after_validity_is_certificate_error),
		T(test_unknown_time_fails_before_connecting),
		T(test_entropy_hook_is_injected_each_handshake),
		T(test_failing_entropy_hook_fails_before_connecting),
		T(test_close_closes_the_lower_transport),
		T(test_open_while_open_is_rejected),
		T(test_pending_is_false_on_a_quiet_connection),
		T(test_pending_sees_decrypted_bytes_not_yet_read),
		T(test_pending_sees_a_record_held_in_part),
		T(test_pending_passes_on_what_waits_below),
		T(test_deinit_wipes_session_keys_and_plaintext),
		T(test_deinit_closes_an_open_connection_and_init_starts_afresh),
#undef T
		cmocka_unit_test_setup_teardown(
			test_failed_handshake_forgets_the_session, setup, teardown),
		cmocka_unit_test(test_lower_open_errors_pass_through_unchanged),
		cmocka_unit_test(test_peer_closing_during_handshake_is_handshake_error),
		cmocka_unit_test(test_lower_timeout_during_handshake_is_handshake_error),
		cmocka_unit_test(test_non_tls_peer_is_handshake_error),
		cmocka_unit_test(test_monotonic_clock_bounds_the_whole_call),
		cmocka_unit_test(test_without_clock_each_lower_call_gets_the_full_timeout),
		cmocka_unit_test(test_monotonic_clock_near_its_end_does_not_wrap_the_budget),
		cmocka_unit_test(test_init_rejects_incomplete_config),
		cmocka_unit_test(test_server_name_is_copied),
		cmocka_unit_test(test_pending_is_offered_only_when_the_lower_transport_has_it),
		cmocka_unit_test(test_struct_sizes_are_reported),
	};

	return cmocka_run_group_tests(tests, start_server, stop_server);
}
