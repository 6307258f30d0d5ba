#!/usr/bin/env python3
"""End-to-end tests of what only ckafka-offsets-lwip has: its network flags
(--tap, --ip, --netmask, --gateway), a --connect that must be a dotted quad
without DNS, its refusal of IPv6, a dry run without network flags, its
--help, and the build with lwIP's DNS and DHCP. Everything the lwIP tool
shares with the POSIX tool is tested by the one end-to-end suite,
tests/e2e/test_tool.py --stack lwip.

Run from the repo root (after `make lwip-tool`):
    python3 tests/lwip/test_lwip_tool.py [NAME ...]

Everything happens in a private network namespace (`unshare -n`) that this
script creates by running itself again inside it (tests/lwip/tapnet.py);
the namespace, its tap0 (192.0.2.1/24 on the kernel side, lwIP at
192.0.2.2) and every address in it vanish with the process. Without root,
unshare, /dev/net/tun or the `ip` command it prints "lwip-e2e: skipped:
<reason>" and exits 0: skipped, never passed.

The tools are $CKAFKA_LWIP_TOOL (default build/lwip/san/ckafka-offsets-lwip,
ASan+UBSan, lwIP without DNS or DHCP) and $CKAFKA_LWIP_TOOL_FULL (default
build/lwip/full/ckafka-offsets-lwip: lwIP with DNS and DHCP). Prints
"ok   name" or "FAIL name: reason" per test and last
"lwip-e2e: N passed, M failed"; exits non-zero when anything failed.
Standard library only.
"""
import os
import shutil
import socket
import struct
import subprocess
import sys
import threading
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "standin"))
sys.path.insert(0, os.path.join(ROOT, "tests", "lwip"))
import harness  # noqa: E402
import tapnet  # noqa: E402
import toolcheck  # noqa: E402
from toolcheck import (Registry, base_env, check, run_tests,  # noqa: E402
                       run_tool, stored_offsets)

TOOL = os.environ.get("CKAFKA_LWIP_TOOL", "build/lwip/san/ckafka-offsets-lwip")
TOOL_FULL = os.environ.get("CKAFKA_LWIP_TOOL_FULL",
                           "build/lwip/full/ckafka-offsets-lwip")
CERTS = os.path.join(ROOT, "build", "lwip-e2e-certs")
TAP = tapnet.TAP
KERNEL_IP = tapnet.KERNEL_IP   # the kernel's side of the TAP: the stand-in
LWIP_IP = tapnet.LWIP_IP       # lwIP's address
DHCP_LEASE_IP = "192.0.2.50"
DNS_NAME = "echo.test"    # tests/lwip/echo_server.py resolves it to KERNEL_IP
TIMEOUT_S = 30

S = None
SUITE = Registry()
test = SUITE.test


def tool_path(path):
    return path if os.path.isabs(path) else os.path.join(ROOT, path)


# --- outside the namespace --------------------------------------------------------

def outside(names):
    reason = tapnet.skip_reason()
    if reason:
        print("lwip-e2e: skipped: %s" % reason)
        return 0
    missing = [t for t in (TOOL, TOOL_FULL)
               if not os.access(tool_path(t), os.X_OK)]
    if missing:
        print("FAIL setup: %s missing: run make lwip-tool" % " ".join(missing))
        print("lwip-e2e: 0 passed, 1 failed")
        return 1
    try:
        harness.make_certs(CERTS)
    except (OSError, subprocess.SubprocessError) as e:
        print("FAIL setup: making certificates: %s" % e)
        print("lwip-e2e: 0 passed, 1 failed")
        return 1
    return tapnet.run_inside(__file__, names, "lwip-e2e", ROOT)


# --- inside: the network ------------------------------------------------------------

def start_dns():
    """echo_server.py's DNS responder: DNS_NAME -> KERNEL_IP."""
    import echo_server
    threading.Thread(target=echo_server.serve_dns, args=(KERNEL_IP,),
                     daemon=True).start()


class DhcpServer:
    """Just enough DHCP (RFC 2131) for one client on the TAP: every
    DISCOVER gets an OFFER of DHCP_LEASE_IP, every REQUEST for it an ACK.
    Counts what it answered, so a test can tell the lease came from here."""

    def __init__(self):
        self.offers = 0
        self.acks = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE,
                             TAP.encode())
        self.sock.bind(("0.0.0.0", 67))
        threading.Thread(target=self.serve, daemon=True).start()

    @staticmethod
    def options(data):
        opts, i = {}, 240
        while i < len(data) and data[i] != 255:
            if data[i] == 0:
                i += 1
                continue
            if i + 1 >= len(data):
                break
            n = data[i + 1]
            opts[data[i]] = data[i + 2:i + 2 + n]
            i += 2 + n
        return opts

    def reply(self, query, kind):
        xid, flags, chaddr = query[4:8], query[10:12], query[28:44]
        head = struct.pack("!BBBB", 2, 1, 6, 0) + xid + b"\0\0" + flags
        head += b"\0" * 4 + socket.inet_aton(DHCP_LEASE_IP)
        head += socket.inet_aton(KERNEL_IP) + b"\0" * 4 + chaddr
        head += b"\0" * 192 + b"\x63\x82\x53\x63"
        server = socket.inet_aton(KERNEL_IP)
        opts = bytes([53, 1, kind, 54, 4]) + server
        opts += bytes([51, 4]) + struct.pack("!I", 3600)
        opts += bytes([1, 4]) + socket.inet_aton("255.255.255.0")
        opts += bytes([3, 4]) + server + bytes([6, 4]) + server + b"\xff"
        return head + opts

    def serve(self):
        while True:
            data, _ = self.sock.recvfrom(2048)
            if len(data) < 240 or data[0] != 1 or \
                    data[236:240] != b"\x63\x82\x53\x63":
                continue
            kind = self.options(data).get(53, b"\0")[0]
            if kind == 1:      # DISCOVER -> OFFER
                self.offers += 1
                answer = self.reply(data, 2)
            elif kind == 3:    # REQUEST -> ACK
                self.acks += 1
                answer = self.reply(data, 5)
            else:
                continue
            self.sock.sendto(answer, ("255.255.255.255", 68))


# --- inside: running the tool --------------------------------------------------------

def tool(*args, binary=None, ip=LWIP_IP, connect=True, cacert=None,
         instance="ckafka-demo", network=True, timeout=TIMEOUT_S):
    """Runs the lwIP tool; the usual flags come first unless turned off."""
    argv = [tool_path(binary or TOOL), "--instance-id", instance,
            "--group", "g1", "--region", "ap-guangzhou",
            "--cacert", cacert or S.ca]
    if network:
        argv += ["--tap", TAP]
        if ip is not None:
            argv += ["--ip", ip]
    if connect:
        argv += ["--connect", S.connect_arg if connect is True else connect]
    argv += list(args)
    return run_tool(argv, base_env(), ROOT, timeout)


def offsets(group="g1", instance="ckafka-demo"):
    return stored_offsets(S, group, instance)


def expect_state(**want):
    return toolcheck.expect_state(S, **want)


# --- the tests --------------------------------------------------------------------

@test
def host_name_without_dns_is_a_usage_error():
    tool("--partition", "0=1", connect=DNS_NAME + ":443").expect(
        1, "no DNS", "Nothing was sent")
    expect_state(connections=0)


@test
def endpoint_name_without_connect_is_a_usage_error():
    tool("--partition", "0=1", connect=False).expect(1, "--connect")
    expect_state(connections=0)


@test
def ipv6_connect_is_a_usage_error():
    tool("--partition", "0=1", connect="[2001:db8::1]:443").expect(1, "IPv4")


@test
def bad_addresses_are_usage_errors():
    for bad in ["192.0.2", "192.0.2.256", "192.0.2.02", "0x7f.0.0.1",
                "192.0.2.2.", " 192.0.2.2", ""]:
        run = tool("--partition", "0=1", ip=bad)
        check(run.rc == 1, "--ip %r: %s" % (bad, run.why()))
        for flag in ("--netmask", "--gateway"):
            run = tool("--partition", "0=1", flag, bad or "x")
            check(run.rc == 1 and b"bad " + flag.encode() in run.err,
                  "%s %r: %s" % (flag, bad, run.why()))
    expect_state(connections=0)


@test
def bad_tap_names_are_usage_errors():
    for bad in ["", "t" * 16]:
        tool("--partition", "0=1", "--tap", bad, "--ip", LWIP_IP,
             network=False).expect(1, "bad --tap")
    expect_state(connections=0)


@test
def missing_ip_is_a_usage_error():
    tool("--partition", "0=1", ip=None).expect(1, "--ip")
    expect_state(connections=0)


@test
def dry_run_needs_no_network():
    # The flags a real run needs, but a TAP that does not exist: a dry run
    # checks them all and opens nothing.
    run = tool("--partition", "0=42", "--dry-run", "--tap", "nosuchtap9",
               "--ip", LWIP_IP, network=False).expect(0)
    out = run.out.decode("utf-8", "replace")
    for text in ["X-TC-Action: BatchModifyGroupOffsets", "Signature=<redacted>",
                 '"Partitions":[{"Partition":0,"Offset":42}]']:
        check(text in out, "dry-run output lacks %r: %s" % (text, run.why()))
    check(harness.DEMO_SECRET_KEY not in out, "the secret key is shown")
    expect_state(connections=0)


@test
def help_names_the_network_flags():
    p = subprocess.run([tool_path(TOOL), "--help"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    out = p.stdout.decode()
    check(p.returncode == 0, "exit %d" % p.returncode)
    for flag in ["--partition", "--connect", "--tap", "--ip", "--netmask",
                 "--gateway"]:
        check(flag in out, "--help lacks %s" % flag)
    check("--dhcp" not in out and "--dns" not in out,
          "--help offers DHCP or DNS in a build without them")


@test
def full_build_resolves_the_connect_host_by_dns():
    tool("--partition", "0=9", "--dns", KERNEL_IP, binary=TOOL_FULL,
         connect="%s:%d" % (DNS_NAME, S.port)).expect(0)
    check(offsets() is not None, "nothing stored")


@test
def full_build_unknown_name_is_nothing_applied():
    tool("--partition", "0=9", "--dns", KERNEL_IP, binary=TOOL_FULL,
         connect="nosuch.test:%d" % S.port).expect(
        3, "nothing was applied", "CK_ERR_DNS")
    expect_state(connections=0)


@test
def full_build_gets_its_address_by_dhcp():
    before = (DHCP.offers, DHCP.acks)
    tool("--partition", "0=11", "--dhcp", binary=TOOL_FULL, ip=None).expect(0)
    check(DHCP.offers > before[0] and DHCP.acks > before[1],
          "no lease came from the test's DHCP server")
    check(offsets() == {"topic-a": {"0": 11}, "topic-b": {"0": 11}},
          "stored %r" % offsets())


# --- issue 8: the lwIP tool's own flags and checks ------------------------------
# The common flags, messages and the CA file are tested for every stack in
# tests/e2e/test_tool.py; these cover what only this tool has: its network
# flags name the flag and value, its own checks run for --dry-run too, and
# the CA file is read through its stack without waiting on a FIFO.

import tempfile  # noqa: E402


def no_control_bytes(run):
    bad = [b for b in run.err if b < 0x20 and b != 0x0A or b == 0x7F]
    check(not bad, "stderr holds control bytes: %s" % run.why())


@test
def network_flags_name_the_flag_and_value():
    cases = [("--tap", v) for v in ["a/b", "tap 0", "tap\x1b0", "..",
                                    "tap:0", "abcdefghijklmnop"]]
    cases += [("--ip", v) for v in ["0.0.0.0", "224.0.0.1",
                                    "255.255.255.255", "192.0.2.2\x1b[2J"]]
    cases += [("--netmask", v) for v in ["255.0.255.0", "0.255.255.255",
                                         "255.255.255.1"]]
    cases += [("--gateway", v) for v in ["0.0.0.0", "239.1.1.1"]]
    for flag, value in cases:
        run = tool("--partition", "0=1", flag, value)
        check(run.rc == 1, "%s %r: %s" % (flag, value, run.why()))
        err = run.err.decode("utf-8", "replace")
        shown = value.replace("\x1b", "\\u001b")
        check("%s '%s'" % (flag, shown) in err,
              "%s %r not named: %s" % (flag, value, run.why()))
        no_control_bytes(run)
    expect_state(connections=0)


@test
def dry_run_applies_the_lwip_tools_own_checks():
    for args, kw, named in [
            ((), {"ip": None}, "--ip"),
            ((), {"connect": False}, "--connect"),
            ((), {"connect": DNS_NAME + ":443"}, "no DNS"),
            ((), {"connect": "[2001:db8::1]:443"}, "IPv4")]:
        run = tool("--partition", "0=1", "--dry-run", *args, **kw)
        check(run.rc == 1 and named in run.err.decode(),
              "--dry-run %r: %s" % (kw, run.why()))
        check(not run.out, "a request was printed: %s" % run.why())
    expect_state(connections=0)


@test
def cacert_fifo_is_refused_through_the_lwip_stack():
    d = tempfile.mkdtemp()
    try:
        fifo = os.path.join(d, "ca.fifo")
        os.mkfifo(fifo)
        run = tool("--partition", "0=1", cacert=fifo, timeout=15)
        run.expect(1, "is a FIFO, not a regular file", "--cacert")
        check(run.seconds < 10, "took %.1f s" % run.seconds)
    finally:
        shutil.rmtree(d)
    expect_state(connections=0)


# --- runner -------------------------------------------------------------------------

DHCP = None


def inside(names):
    global S, DHCP
    chosen = SUITE.chosen(names)
    try:
        tapnet.set_up()
        start_dns()
        DHCP = DhcpServer()
        S = harness.StandinProcess(CERTS, bind=KERNEL_IP)
    except Exception as e:  # noqa: BLE001
        print("FAIL setup: %s: %s" % (type(e).__name__, e))
        print("lwip-e2e: 0 passed, %d failed" % len(chosen))
        return 1
    return run_tests("lwip-e2e", chosen, S)


def main(argv):
    if len(argv) > 1 and argv[1] == tapnet.INSIDE:
        return inside(set(argv[2:]))
    return outside(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
