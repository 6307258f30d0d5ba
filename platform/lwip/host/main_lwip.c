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
"                          exist and be up on the kernel side; 1 to 15\n"
"                          printable ASCII characters, no '/', ':' or space\n"
"  --ip A.B.C.D            lwIP's own unicast address (required"
#if LWIP_DHCP
	" unless --dhcp"
#endif
	")\n"
"  --netmask A.B.C.D       contiguous ones then zeros (default 255.255.255.0)\n"
"  --gateway A.B.C.D       unicast next hop for hosts off the subnet\n"
"                          (default none)\n"
#if LWIP_DHCP
"  --dhcp                  get address, netmask and gateway by DHCP (not\n"
"                          with --ip)\n"
#endif
#if LWIP_DNS
"  --dns A.B.C.D           unicast name server for the endpoint or --connect\n"
"                          host\n"
#else
"Built without DNS (CK_LWIP_DNS=0): give --connect A.B.C.D:PORT.\n"
#endif
;

static int on_flag(void *ctx, size_t index, const char *value);
static int check(void *ctx, const ck_cli_args *a);
static int tls_error(void *ctx);

static const ck_cli_tool tool = {
	.prog = "ckafka-offsets-lwip",
#if LWIP_DNS
	.connect_help = "connect there instead of HOST:443 (proxies, tests);\n"
	"                          PORT 1..65535\n",
#else
	.connect_help = "connect there instead of HOST:443; HOST must be\n"
	"                          a numeric IPv4 address (no DNS in this build);\n"
	"                          PORT 1..65535\n",
#endif
	.default_cacert = CK_LWIP_DEFAULT_CACERT,
	.extra_help = extra_help,
	.flags = flags,
	.flag_count = FLAG_COUNT,
	.on_flag = on_flag,
	.check = check,
	.tls_error = tls_error,
};

static ck_lwip_options net;
static bool have_ip;
static bool have_netmask;
static ck_lwip_stack stack;

/* Lets a certificate failure say whether the chain, name or date was it. */
static int
tls_error(void *ctx)
{
	(void)ctx;
	return ck_tls_client_last_error(&stack.tls);
}

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

/* An address a host can have: not 0.0.0.0, broadcast or multicast. */
static int
unicast_flag(const char *name, const char *value, ip4_addr_t *out)
{
	int code = address_flag(name, value, out);
	u32_t a;

	if (code != CK_CLI_CONTINUE) {
		return code;
	}
	a = lwip_ntohl(ip4_addr_get_u32(out));
	if (a == 0 || a == 0xFFFFFFFFu || (a >> 28) == 0xE) {
		return ck_cli_usage_error(&tool, name, value);
	}
	return CK_CLI_CONTINUE;
}

/* Ones, then zeros: any other mask leaves lwIP with no sane subnet. */
static int
netmask_flag(const char *value, ip4_addr_t *out)
{
	static const char fmt[] = "bad --netmask '%s': want A.B.C.D with "
		"contiguous ones then zeros, e.g. 255.255.255.0";
	int code = address_flag(fmt, value, out);
	u32_t m;

	if (code != CK_CLI_CONTINUE) {
		return code;
	}
	m = lwip_ntohl(ip4_addr_get_u32(out));
	if ((~m & (~m + 1u)) != 0) {
		return ck_cli_usage_error(&tool, fmt, value);
	}
	return CK_CLI_CONTINUE;
}

/*
 * A name Linux takes for a network interface (dev_valid_name): 1 to 15
 * bytes, not "." or "..", no '/', ':' or white space; control and non-ASCII
 * bytes are refused too, so the name prints as it is.
 */
static bool
tap_name_ok(const char *v)
{
	size_t n = strlen(v);
	size_t i;

	if (n == 0 || n > 15 || strcmp(v, ".") == 0 || strcmp(v, "..") == 0) {
		return false;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c <= 0x20 || c >= 0x7F || c == '/' || c == ':') {
			return false;
		}
	}
	return true;
}

static int
on_flag(void *ctx, size_t index, const char *value)
{
	(void)ctx;
	switch (index) {
	case FLAG_TAP:
		if (!tap_name_ok(value)) {
			return ck_cli_usage_error(&tool, "bad --tap '%s': want "
				"an interface name of 1 to 15 printable ASCII "
				"characters without '/', ':' or spaces", value);
		}
		net.tap_name = value;
		return CK_CLI_CONTINUE;
	case FLAG_IP:
		have_ip = true;
		return unicast_flag("bad --ip '%s': want a unicast address "
			"A.B.C.D", value, &net.ip);
	case FLAG_NETMASK:
		have_netmask = true;
		return netmask_flag(value, &net.netmask);
	case FLAG_GATEWAY:
		return unicast_flag("bad --gateway '%s': want a unicast "
			"address A.B.C.D", value, &net.gateway);
#if LWIP_DHCP
	case FLAG_DHCP:
		net.dhcp = true;
		return CK_CLI_CONTINUE;
#endif
#if LWIP_DNS
	case FLAG_DNS:
		net.has_dns_server = true;
		return unicast_flag("bad --dns '%s': want a unicast address "
			"A.B.C.D", value, &net.dns_server);
#endif
	default:
		return CK_CLI_EXIT_USAGE;
	}
}

/*
 * What lwIP needs of the command line as a whole: an address, and a host
 * it can reach. Run by ck_cli_parse, so --dry-run refuses the same.
 */
static int
check(void *ctx, const ck_cli_args *a)
{
	const char *host = a->connect_host != NULL ? a->connect_host
		: a->api.endpoint;
	ip4_addr_t numeric;

	(void)ctx;
	if (net.dhcp && have_ip) {
		return ck_cli_usage_error(&tool, "%s: give one of them",
			"--ip and --dhcp");
	}
	if (!net.dhcp && !have_ip) {
		return ck_cli_usage_error(&tool, "%s is required", LWIP_DHCP
			? "--ip A.B.C.D (or --dhcp)" : "--ip A.B.C.D");
	}
	if (a->connect_bracketed) {
		return ck_cli_usage_error(&tool, "bad --connect '[%s]': lwIP "
			"is built for IPv4 only", a->connect_host);
	}
	/* ck_cli checked it: 1..65535. */
	net.connect_port = a->connect_port_number;
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
	if (!have_netmask) {
		IP4_ADDR(&net.netmask, 255, 255, 255, 0);
	}
	net.api = a.api;
	net.cacert_path = a.cacert_path;

	r = ck_lwip_stack_init(&stack, &net, &what);
	if (r != CK_OK && stack.tap_errno != 0) {
		const char *name = net.tap_name != NULL ? net.tap_name
			: CK_LWIP_DEFAULT_TAP;

		fprintf(stderr, "%s: TAP device '", tool.prog);
		ck_cli_put_text(stderr, name, strlen(name));
		fprintf(stderr, "' (--tap): %s\n", strerror(stack.tap_errno));
	}
	code = ck_cli_run(&tool, r, what, &stack.client, &a);
	ck_lwip_stack_deinit(&stack);
	return code;
}
