/*
 * test_tls_profile.c -- the firmware's minimal TLS profile, on the host.
 *
 * Each test starts `openssl s_server -www` on 127.0.0.1 with a fixture
 * certificate and, where it matters, a restricted cipher or group list,
 * then runs a BearSSL client set up by ck_tls_profile_setup from
 * port/ck_tls_profile_minimal.c over a plain socket (br_sslio), so the
 * profile is tested on its own, whatever the TLS transport does.
 *
 * The minimal profile is compiled into this test (included below): the
 * host library links the full profile, which would accept everything the
 * refusal tests expect to fail.
 *
 * Fixtures: server.pem (RSA, from ca-rsa) and server-ec.pem (P-256, from
 * ca-ec; made like server.pem, with `openssl req -newkey ec -pkeyopt
 * ec_paramgen_curve:P-256` and keyUsage digitalSignature).
 */
#include "test_support.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ck_tls_profile.h"
#include "ck_trust_anchors.h"

#include "../../port/ck_tls_profile_minimal.c"

#define FIXTURE(name) "tests/unit/fixtures/" name
#define SERVER_NAME "ckafka.intl.tencentcloudapi.com"

/* ---- openssl s_server, one per test --------------------------------------- */

typedef struct {
	pid_t pid;
	int out;          /* its stdout, kept open so it never gets SIGPIPE */
	uint16_t port;
} server;

static bool
read_accept_port(int fd, uint16_t *port)
{
	char line[512];
	size_t used = 0;

	while (used < sizeof line - 1) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		char *p;
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
		p = strstr(line, "ACCEPT ");
		if (p != NULL && strchr(p, '\n') != NULL) {
			char *colon = strrchr(strtok(p, "\n"), ':');
			long v = colon != NULL ? strtol(colon + 1, NULL, 10) : 0;

			if (v <= 0 || v > 65535) {
				return false;
			}
			*port = (uint16_t)v;
			return true;
		}
	}
	return false;
}

/* Start s_server with `cert`/`key` and, unless opt1 is NULL, "opt1 val1". */
static void
start_server(server *s, const char *cert, const char *key,
	const char *opt1, const char *val1)
{
	int out[2];

	assert_int_equal(pipe(out), 0);
	s->pid = fork();
	assert_true(s->pid >= 0);
	if (s->pid == 0) {
		int devnull = open("/dev/null", O_RDWR);

		dup2(out[1], 1);
		if (devnull >= 0) {
			dup2(devnull, 0);
			dup2(devnull, 2);
		}
		close(out[0]);
		close(out[1]);
		if (opt1 != NULL) {
			execlp("openssl", "openssl", "s_server", "-accept",
				"127.0.0.1:0", "-cert", cert, "-key", key, "-www",
				opt1, val1, (char *)NULL);
		} else {
			execlp("openssl", "openssl", "s_server", "-accept",
				"127.0.0.1:0", "-cert", cert, "-key", key, "-www",
				(char *)NULL);
		}
		_exit(127);
	}
	close(out[1]);
	s->out = out[0];
	if (!read_accept_port(s->out, &s->port)) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
		fail_msg("openssl s_server did not start");
	}
}

static void
stop_server(server *s)
{
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
	close(s->out);
}

/* ---- a BearSSL client with the minimal profile ------------------------------- */

static int
sock_read(void *ctx, unsigned char *buf, size_t len)
{
	for (;;) {
		ssize_t n = read(*(int *)ctx, buf, len);

		if (n > 0) {
			return (int)n;
		}
		if (n < 0 && errno == EINTR) {
			continue;
		}
		return -1;
	}
}

static int
sock_write(void *ctx, const unsigned char *buf, size_t len)
{
	for (;;) {
		ssize_t n = write(*(int *)ctx, buf, len);

		if (n > 0) {
			return (int)n;
		}
		if (n < 0 && errno == EINTR) {
			continue;
		}
		return -1;
	}
}

typedef struct {
	br_ssl_client_context sc;
	br_x509_minimal_context xc;
	unsigned char iobuf[BR_SSL_BUFSIZE_BIDI];
	br_x509_trust_anchor slots[1];
	unsigned char pool[2048];
	ck_trust_anchors anchors;
	int error;         /* BearSSL's, after the exchange */
	uint16_t suite;    /* negotiated, when the handshake completed */
	char page[64];     /* start of the s_server -www answer */
} client;

static void
load_anchor(client *c, const char *path)
{
	size_t len;
	char *pem = test_read_file(path, &len);

	ck_trust_anchors_init(&c->anchors, c->slots, 1, c->pool, sizeof c->pool);
	assert_int_equal(ck_trust_anchors_add_pem(&c->anchors, pem, len, NULL),
		CK_OK);
	free(pem);
}

/* Handshake and fetch "/" from the server; true when a page came back. */
static bool
fetch_page(client *c, uint16_t port)
{
	static const char request[] = "GET / HTTP/1.0\r\n\r\n";
	struct sockaddr_in sa;
	br_sslio_context io;
	br_ssl_session_parameters params;
	int fd, n;
	bool ok;

	ck_tls_profile_setup(&c->sc, &c->xc, c->anchors.anchors,
		c->anchors.count);
	br_ssl_engine_set_buffer(&c->sc.eng, c->iobuf, sizeof c->iobuf, 1);
	assert_true(br_ssl_client_reset(&c->sc, SERVER_NAME, 0));

	fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	memset(&sa, 0, sizeof sa);
	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);

	br_sslio_init(&io, &c->sc.eng, sock_read, &fd, sock_write, &fd);
	ok = br_sslio_write_all(&io, request, sizeof request - 1) == 0
		&& br_sslio_flush(&io) == 0;
	n = ok ? br_sslio_read(&io, c->page, sizeof c->page - 1) : -1;
	ok = n > 0;
	c->page[ok ? n : 0] = '\0';
	c->error = br_ssl_engine_last_error(&c->sc.eng);
	br_ssl_engine_get_session_parameters(&c->sc.eng, &params);
	c->suite = params.cipher_suite;
	close(fd);
	return ok;
}

/* One exchange: server with `cert`/`key` and an option, client with `ca`. */
static bool
exchange(client *c, const char *cert, const char *key, const char *ca,
	const char *opt, const char *val)
{
	server s;
	bool ok;

	load_anchor(c, ca);
	start_server(&s, cert, key, opt, val);
	ok = fetch_page(c, s.port);
	stop_server(&s);
	return ok;
}

static client *
new_client(void)
{
	client *c = calloc(1, sizeof *c);

	assert_non_null(c);
	return c;
}

/* ---- tests -------------------------------------------------------------------- */

static void
test_rsa_server_is_reached_with_ecdhe_rsa_aes_gcm(void **state)
{
	client *c = new_client();

	(void)state;
	assert_true(exchange(c, FIXTURE("server.pem"), FIXTURE("server.key"),
		FIXTURE("ca-rsa.pem"), NULL, NULL));
	assert_int_equal(c->suite, BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
	assert_true(strncmp(c->page, "HTTP/1.0 200", 12) == 0);
	free(c);
}

static void
test_ec_server_is_reached_with_ecdhe_ecdsa_aes_gcm(void **state)
{
	client *c = new_client();

	(void)state;
	assert_true(exchange(c, FIXTURE("server-ec.pem"),
		FIXTURE("server-ec.key"), FIXTURE("ca-ec.pem"), NULL, NULL));
	assert_int_equal(c->suite, BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
	free(c);
}

static void
test_server_insisting_on_aes_256_gets_the_sha384_suite(void **state)
{
	client *c = new_client();

	(void)state;
	assert_true(exchange(c, FIXTURE("server.pem"), FIXTURE("server.key"),
		FIXTURE("ca-rsa.pem"), "-cipher", "ECDHE-RSA-AES256-GCM-SHA384"));
	assert_int_equal(c->suite, BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384);
	free(c);
}

static void
test_server_offering_only_cbc_is_refused(void **state)
{
	client *c = new_client();

	(void)state;
	assert_false(exchange(c, FIXTURE("server.pem"), FIXTURE("server.key"),
		FIXTURE("ca-rsa.pem"), "-cipher", "ECDHE-RSA-AES128-SHA256"));
	assert_int_not_equal(c->error, BR_ERR_OK);
	free(c);
}

static void
test_server_offering_only_rsa_key_exchange_is_refused(void **state)
{
	client *c = new_client();

	(void)state;
	assert_false(exchange(c, FIXTURE("server.pem"), FIXTURE("server.key"),
		FIXTURE("ca-rsa.pem"), "-cipher", "AES128-GCM-SHA256"));
	assert_int_not_equal(c->error, BR_ERR_OK);
	free(c);
}

static void
test_server_without_p256_is_refused(void **state)
{
	client *c = new_client();

	(void)state;
	assert_false(exchange(c, FIXTURE("server.pem"), FIXTURE("server.key"),
		FIXTURE("ca-rsa.pem"), "-groups", "X25519:P-384"));
	assert_int_not_equal(c->error, BR_ERR_OK);
	free(c);
}

static void
test_chain_from_another_ca_is_not_trusted(void **state)
{
	client *c = new_client();

	(void)state;
	assert_false(exchange(c, FIXTURE("server.pem"), FIXTURE("server.key"),
		FIXTURE("ca-ec.pem"), NULL, NULL));
	assert_int_equal(c->error, BR_ERR_X509_NOT_TRUSTED);
	free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsa_server_is_reached_with_ecdhe_rsa_aes_gcm),
		cmocka_unit_test(test_ec_server_is_reached_with_ecdhe_ecdsa_aes_gcm),
		cmocka_unit_test(test_server_insisting_on_aes_256_gets_the_sha384_suite),
		cmocka_unit_test(test_server_offering_only_cbc_is_refused),
		cmocka_unit_test(test_server_offering_only_rsa_key_exchange_is_refused),
		cmocka_unit_test(test_server_without_p256_is_refused),
		cmocka_unit_test(test_chain_from_another_ca_is_not_trusted),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
