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

static const ck_cli_tool tool = {
	"ckafka-offsets",
	"connect there instead of HOST:443 (proxies, tests);\n"
	"                          IPv6 as [ADDR]:PORT\n",
	CK_POSIX_DEFAULT_CACERT,
	NULL, NULL, 0, NULL, NULL, NULL
};

static ck_posix_stack stack;

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
	code = ck_cli_call(&tool, r, what, &stack.client, &a.request);
	ck_posix_stack_deinit(&stack);
	return code;
}
