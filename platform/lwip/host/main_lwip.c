/*
 * main_lwip.c -- ckafka-offsets-lwip: the ckafka-offsets tool with lwIP in
 * user space as its TCP/IP stack, on a Linux TAP device.
 *
 * Same command line, messages and exit codes as ckafka-offsets
 * (platform/common/ck_cli.c), plus the network settings a board has to
 * bring itself: the TAP device and the address (static, or DHCP when lwIP
 * is built with CK_LWIP_DHCP=1). lwIP resolves names only when built with
 * CK_LWIP_DNS=1; otherwise the host to connect to must be a numeric IPv4
 * address, and that is checked here, before anything is sent.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "lwip/opt.h"

#include "ck_cli.h"
#include "ck_lwip_stack.h"

enum {
	FLAG_TAP,
	FLAG_IP,
	FLAG_NETMASK,
	FLAG_GATEWAY,
#if LWIP_DHCP
	FLAG_DHCP,
#endif
#if LWIP_DNS
	FLAG_DNS,
#endif
	FLAG_COUNT
};

static const ck_cli_flag flags[FLAG_COUNT] = {
	[FLAG_TAP] = { "tap", true },
	[FLAG_IP] = { "ip", true },
	[FLAG_NETMASK] = { "netmask", true },
	[FLAG_GATEWAY] = { "gateway", true },
#if LWIP_DHCP
	[FLAG_DHCP] = { "dhcp", false },
#endif
#if LWIP_DNS
	[FLAG_DNS] = { "dns", true },
#endif
};

static const char extra_help[] =
"lwIP network (this tool runs its own TCP/IP stack on a TAP device):\n"
"  --tap NAME              TAP device to attach to (default "
	CK_LWIP_DEFAULT_TAP "); it must\n"
"                          exist and be up on the kernel side\n"
"  --ip A.B.C.D            lwIP's own address (required"
#if LWIP_DHCP
	" unless --dhcp"
#endif
	")\n"
"  --netmask A.B.C.D       default 255.255.255.0\n"
"  --gateway A.B.C.D       next hop for hosts off the subnet (default none)\n"
#if LWIP_DHCP
"  --dhcp                  get address, netmask and gateway by DHCP\n"
#endif
#if LWIP_DNS
"  --dns A.B.C.D           name server for the endpoint or --connect host\n"
#else
"Built without DNS (CK_LWIP_DNS=0): give --connect A.B.C.D:PORT.\n"
#endif
;

static int on_flag(void *ctx, size_t index, const char *value);

static const ck_cli_tool tool = {
	"ckafka-offsets-lwip",
#if LWIP_DNS
	"connect there instead of HOST:443 (proxies, tests);\n",
#else
	"connect there instead of HOST:443; HOST must be\n"
	"                          a numeric IPv4 address (no DNS in this build)\n",
#endif
	CK_LWIP_DEFAULT_CACERT,
	extra_help, flags, FLAG_COUNT, on_flag, NULL, NULL
};

static ck_lwip_options net;
static bool have_ip;
static bool have_netmask;
static ck_lwip_stack stack;

/*
 * Strict dotted quad: four decimal parts 0..255, no leading zeros, no
 * shorthand ("10.1"), no hex -- the forms inet_aton would guess at.
 */
static bool
parse_ipv4(const char *s, ip4_addr_t *out)
{
	uint64_t part[4];
	size_t i;

	for (i = 0; i < 4; i++) {
		size_t n = 0;

		while (s[n] >= '0' && s[n] <= '9') {
			n++;
		}
		if (n == 0 || n > 3 || (n > 1 && s[0] == '0')
			|| ck_cli_parse_decimal(s, n, 255, &part[i]) != 0) {
			return false;
		}
		s += n;
		if (i < 3) {
			if (*s != '.') {
				return false;
			}
			s++;
		}
	}
	if (*s != '\0') {
		return false;
	}
	IP4_ADDR(out, (u8_t)part[0], (u8_t)part[1], (u8_t)part[2],
		(u8_t)part[3]);
	return true;
}

static int
address_flag(const char *name, const char *value, ip4_addr_t *out)
{
	if (!parse_ipv4(value, out)) {
		return ck_cli_usage_error(&tool, name, value);
	}
	return CK_CLI_CONTINUE;
}

static int
on_flag(void *ctx, size_t index, const char *value)
{
	(void)ctx;
	switch (index) {
	case FLAG_TAP:
		if (value[0] == '\0' || strlen(value) >= 16) {
			return ck_cli_usage_error(&tool, "bad --tap '%s': want "
				"an interface name of 1 to 15 characters", value);
		}
		net.tap_name = value;
		return CK_CLI_CONTINUE;
	case FLAG_IP:
		have_ip = true;
		return address_flag("bad --ip '%s': want A.B.C.D", value,
			&net.ip);
	case FLAG_NETMASK:
		have_netmask = true;
		return address_flag("bad --netmask '%s': want A.B.C.D", value,
			&net.netmask);
	case FLAG_GATEWAY:
		return address_flag("bad --gateway '%s': want A.B.C.D", value,
			&net.gateway);
#if LWIP_DHCP
	case FLAG_DHCP:
		net.dhcp = true;
		return CK_CLI_CONTINUE;
#endif
#if LWIP_DNS
	case FLAG_DNS:
		net.has_dns_server = true;
		return address_flag("bad --dns '%s': want A.B.C.D", value,
			&net.dns_server);
#endif
	default:
		return CK_CLI_EXIT_USAGE;
	}
}

/* The host and port to connect to, as lwIP can reach them. */
static int
check_destination(const ck_cli_args *a)
{
	const char *host = a->connect_host != NULL ? a->connect_host
		: a->api.endpoint;
	ip4_addr_t numeric;

	if (a->connect_bracketed) {
		return ck_cli_usage_error(&tool, "bad --connect '[%s]': lwIP "
			"is built for IPv4 only", a->connect_host);
	}
	if (a->connect_port != NULL) {
		uint64_t port;

		if (ck_cli_parse_decimal(a->connect_port,
			strlen(a->connect_port), 65535, &port) != 0
			|| port == 0) {
			return ck_cli_usage_error(&tool, "bad --connect port "
				"'%s': want 1..65535", a->connect_port);
		}
		net.connect_port = (uint16_t)port;
	}
	if (!LWIP_DNS && !parse_ipv4(host, &numeric)) {
		return ck_cli_usage_error(&tool, a->connect_host != NULL
			? "bad --connect host '%s': this build has no DNS "
			  "(CK_LWIP_DNS=0), want A.B.C.D"
			: "--connect A.B.C.D:PORT is required: this build has "
			  "no DNS (CK_LWIP_DNS=0) to resolve %s", host);
	}
	net.connect_host = a->connect_host;
	return CK_CLI_CONTINUE;
}

int
main(int argc, char **argv)
{
	ck_cli_args a;
	const char *what = "the request";
	ck_result r;
	int code;

	code = ck_cli_parse(&tool, argc, argv, &a);
	if (code != CK_CLI_CONTINUE) {
		return code;
	}
	code = check_destination(&a);
	if (code != CK_CLI_CONTINUE) {
		return code;
	}
	if (!net.dhcp && !have_ip) {
		return ck_cli_usage_error(&tool, "%s is required", LWIP_DHCP
			? "--ip A.B.C.D (or --dhcp)" : "--ip A.B.C.D");
	}
	if (!have_netmask) {
		IP4_ADDR(&net.netmask, 255, 255, 255, 0);
	}
	net.api = a.api;
	net.cacert_path = a.cacert_path;

	r = ck_lwip_stack_init(&stack, &net, &what);
	if (r != CK_OK && stack.tap_errno != 0) {
		fprintf(stderr, "%s: %s: %s\n", tool.prog,
			net.tap_name != NULL ? net.tap_name
			: CK_LWIP_DEFAULT_TAP, strerror(stack.tap_errno));
	}
	code = ck_cli_call(&tool, r, what, &stack.client, &a.request);
	ck_lwip_stack_deinit(&stack);
	return code;
}
