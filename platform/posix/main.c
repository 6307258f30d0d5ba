/*
 * main.c -- ckafka-offsets: set a CKafka consumer group's committed offsets
 * from the command line (BatchModifyGroupOffsets), over POSIX sockets.
 *
 * The command line itself is platform/common/ck_cli.c; this file adds the
 * socket stack under it.
 */
#include <string.h>

#include "ck_cli.h"
#include "ck_posix_stack.h"

static int tls_error(void *ctx);

static const ck_cli_tool tool = {
	.prog = "ckafka-offsets",
	.connect_help = "connect there instead of HOST:443 (proxies, tests);\n"
	"                          IPv6 as [ADDR]:PORT; PORT 1..65535\n",
	.default_cacert = CK_POSIX_DEFAULT_CACERT,
	.tls_error = tls_error,
};

static ck_posix_stack stack;

/* Lets a certificate failure say whether the chain, name or date was it. */
static int
tls_error(void *ctx)
{
	(void)ctx;
	return ck_tls_client_last_error(&stack.tls);
}

int
main(int argc, char **argv)
{
	ck_cli_args a;
	ck_posix_options o;
	const char *what = "the request";
	ck_result r;
	int code;

	code = ck_cli_parse(&tool, argc, argv, &a);
	if (code != CK_CLI_CONTINUE) {
		return code;
	}
	memset(&o, 0, sizeof o);
	o.api = a.api;
	o.connect_host = a.connect_host;
	o.connect_port = a.connect_port;
	o.cacert_path = a.cacert_path;

	r = ck_posix_stack_init(&stack, &o, &what);
	code = ck_cli_run(&tool, r, what, &stack.client, &a);
	ck_posix_stack_deinit(&stack);
	return code;
}
