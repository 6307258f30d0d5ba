#!/usr/bin/env python3
"""End-to-end tests of ckafka-offsets-lwip: the tool with lwIP in user space
on a TAP device, against the stand-in endpoint on the kernel side of the TAP.

Run from the repo root (after `make lwip-tool`):
    python3 tests/lwip/test_lwip_tool.py [NAME ...]

Everything happens in a private network namespace (`unshare -n`) that this
script creates by running itself again inside it; the namespace, its tap0
(192.0.2.1/24 on the kernel side, lwIP at 192.0.2.2) and every address in it
vanish with the process. Without root, unshare, /dev/net/tun or the `ip`
command it prints "lwip-e2e: skipped: <reason>" and exits 0: skipped, never
passed.

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
import toolcheck  # noqa: E402
from toolcheck import (Fail, Registry, base_env, check, run_tests,  # noqa: E402
                       run_tool, stored_offsets)

TOOL = os.environ.get("CKAFKA_LWIP_TOOL", "build/lwip/san/ckafka-offsets-lwip")
TOOL_FULL = os.environ.get("CKAFKA_LWIP_TOOL_FULL",
                           "build/lwip/full/ckafka-offsets-lwip")
CERTS = os.path.join(ROOT, "build", "lwip-e2e-certs")
TAP = "tap0"
KERNEL_IP = "192.0.2.1"   # the kernel's side of the TAP: the stand-in
LWIP_IP = "192.0.2.2"     # lwIP's address
UNANSWERED_IP = "192.0.2.99"
DHCP_LEASE_IP = "192.0.2.50"
DNS_NAME = "echo.test"    # tests/lwip/echo_server.py resolves it to KERNEL_IP
TIMEOUT_S = 30

S = None
SUITE = Registry()
test = SUITE.test


def tool_path(path):
    return path if os.path.isabs(path) else os.path.join(ROOT, path)


# --- outside the namespace --------------------------------------------------------

def skip_reason():
    if os.geteuid() != 0:
        return "not root (a TAP device needs CAP_NET_ADMIN)"
    if shutil.which("unshare") is None:
        return "no unshare command"
    try:
        r = subprocess.run(["unshare", "-n", "true"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, timeout=20)
    except (OSError, subprocess.SubprocessError) as e:
        return "unshare -n failed: %s" % e
    if r.returncode != 0:
        return "unshare -n not permitted here"
    if not os.path.exists("/dev/net/tun"):
        return "no /dev/net/tun"
    if shutil.which("ip") is None:
        return "no ip command (iproute2)"
    return None


def outside(names):
    reason = skip_reason()
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
    p = subprocess.Popen(["unshare", "-n", sys.executable,
                          os.path.abspath(__file__), "--inside"] + names,
                         cwd=ROOT, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, errors="replace")
    summary = None
    for line in p.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        if line.startswith("lwip-e2e: "):
            summary = line
    rc = p.wait()
    if summary is None:
        print("FAIL namespace: the tests inside ended without a summary "
              "(exit status %d)" % rc)
        print("lwip-e2e: 0 passed, 1 failed")
        return 1
    return rc


# --- inside: the network ------------------------------------------------------------

def set_up_network():
    for cmd in (["ip", "link", "set", "lo", "up"],
                ["ip", "tuntap", "add", "dev", TAP, "mode", "tap"],
                ["ip", "addr", "add", KERNEL_IP + "/24", "dev", TAP],
                ["ip", "link", "set", TAP, "up"]):
        subprocess.run(cmd, check=True, timeout=20)


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


def free_port():
    s = socket.socket()
    s.bind((KERNEL_IP, 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- the tests --------------------------------------------------------------------

@test
def success_applies_offsets_over_lwip():
    run = tool("--partition", "0=42", "--partition", "1=1337").expect(0)
    out = run.json_out()
    state = expect_state(requests=1, connections=1)
    last = state["last_result"]
    check(out.get("ReturnCode") == "OK", "ReturnCode: %r" % out)
    check(out.get("RequestId") == last["RequestId"],
          "RequestId %r, the stand-in sent %r" % (out.get("RequestId"), last))
    want = {"topic-a": {"0": 42, "1": 1337}, "topic-b": {"0": 42, "1": 1337}}
    check(offsets() == want, "stored %r, expected %r" % (offsets(), want))


@test
def topic_subset_is_applied_over_lwip():
    tool("--partition", "3=7", "--topic", "topic-a").expect(0)
    check(offsets() == {"topic-a": {"3": 7}}, "stored %r" % offsets())


@test
def unknown_instance_is_an_api_error():
    tool("--partition", "0=1", instance="ckafka-nope").expect(
        2, "API error InvalidParameterValue.InstanceNotExist", "RequestId")
    expect_state(requests=1)
    check(offsets(instance="ckafka-nope") is None, "something was stored")


@test
def wrong_ca_is_nothing_applied():
    tool("--partition", "0=1",
         cacert=os.path.join(CERTS, "other-ca.pem")).expect(
        3, "nothing was applied")
    expect_state(requests=0)


@test
def retry_after_backoff_reuses_the_connection_over_lwip():
    # Two backoff sleeps (the platform's sleep_ms, which polls lwIP) with
    # the connection kept open across them.
    S.misbehave("request-limit", count=2)
    tool("--partition", "0=5").expect(0)
    expect_state(requests=3, connections=1)
    check(offsets() is not None, "nothing stored")


@test
def retry_after_connection_close_reconnects_over_lwip():
    S.misbehave("request-limit", connection_close=True)
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2, connections=2)


@test
def answer_later_than_timeout_is_outcome_unknown():
    # Room for one lost ARP exchange in the timeout: right after the tool
    # attaches to the TAP the kernel now and then leaves lwIP's first ARP
    # request unanswered, and lwIP asks again only a second later.
    S.misbehave("delay", count=10, ms=6000)
    run = tool("--partition", "0=1", "--timeout-ms", "2500").expect(
        4, "outcome unknown", "safe to retry")
    check(run.seconds < 15, "took %.1f s" % run.seconds)


@test
def closed_port_is_nothing_applied():
    tool("--partition", "0=1",
         connect="%s:%d" % (KERNEL_IP, free_port())).expect(
        3, "nothing was applied", "CK_ERR_CONNECT")


@test
def unanswered_address_times_out_as_nothing_applied():
    run = tool("--partition", "0=1", "--timeout-ms", "1000",
               connect=UNANSWERED_IP + ":443").expect(
        3, "nothing was applied")
    check(run.seconds < 10, "took %.1f s" % run.seconds)


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
        run = tool("--partition", "0=1", "--netmask", bad or "x")
        check(run.rc == 1, "--netmask %r: %s" % (bad, run.why()))
    for bad in ["0", "65536", "x", "-1"]:
        run = tool("--partition", "0=1",
                   connect="%s:%s" % (KERNEL_IP, bad))
        check(run.rc == 1, "--connect port %r: %s" % (bad, run.why()))
    expect_state(connections=0)


@test
def missing_ip_is_a_usage_error():
    tool("--partition", "0=1", ip=None).expect(1, "--ip")
    expect_state(connections=0)


@test
def common_usage_errors_are_the_same_as_the_posix_tool():
    tool("--partition", "0=-1").expect(1, "bad --partition")
    tool("--partition", "0=1", "--no-such-flag").expect(1, "unknown option")
    tool().expect(1, "--partition is required")
    expect_state(connections=0)


@test
def dry_run_needs_no_network():
    run = tool("--partition", "0=42", "--dry-run", network=False,
               connect=False).expect(0)
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


# --- issue 8: what the tool reports is what happened, over lwIP -------------------
# The same cases as the section of that name in tests/e2e/test_tool.py; each
# failed before its fix.

@test
def retried_request_closed_unanswered_is_outcome_unknown_over_lwip():
    S.misbehave("request-limit")
    S.misbehave("close-after-request", then_refuse=True)
    run = tool("--partition", "0=1").expect(4, "outcome unknown")
    check("nothing was applied" not in run.err.decode(), run.why())
    expect_state(requests=2)
    check(offsets() is not None, "the stand-in stored nothing")


@test
def retried_request_reset_unanswered_is_outcome_unknown_over_lwip():
    S.misbehave("http-500")
    S.misbehave("reset-after-request", then_refuse=True)
    tool("--partition", "0=1").expect(4, "outcome unknown")
    expect_state(requests=2)


@test
def unsolicited_response_is_not_taken_for_the_retrys_answer_over_lwip():
    S.misbehave("unsolicited")
    out = tool("--partition", "0=1").expect(0).json_out()
    state = expect_state(requests=2, connections=2)
    check(out.get("RequestId") == state["last_result"]["RequestId"],
          "RequestId %r, the stand-in answered %r"
          % (out.get("RequestId"), state["last_result"]["RequestId"]))
    check(offsets() is not None, "nothing stored")


@test
def signature_expire_with_absurd_date_is_the_api_error_over_lwip():
    S.clock(-(time.time() + 2208988800))  # the server says 1900-01-01
    tool("--partition", "0=1").expect(2, "AuthFailure.SignatureExpire")
    expect_state(requests=1)


@test
def deadline_bounds_slow_transient_errors_over_lwip():
    S.misbehave("http-500", count=10, delay_ms=1000)
    run = tool("--partition", "0=1", "--timeout-ms", "5000",
               "--deadline-ms", "2500")
    check(run.rc in (2, 4), "expected exit 2 or 4: %s" % run.why())
    check(run.seconds < 4.5, "took %.1f s" % run.seconds)
    requests = S.state()["requests"]
    check(2 <= requests <= 3, "requests: %d" % requests)


# --- runner -------------------------------------------------------------------------

DHCP = None


def inside(names):
    global S, DHCP
    chosen = SUITE.chosen(names)
    try:
        set_up_network()
        start_dns()
        DHCP = DhcpServer()
        S = harness.StandinProcess(CERTS, bind=KERNEL_IP)
    except Exception as e:  # noqa: BLE001
        print("FAIL setup: %s: %s" % (type(e).__name__, e))
        print("lwip-e2e: 0 passed, %d failed" % len(chosen))
        return 1
    return run_tests("lwip-e2e", chosen, S)


def main(argv):
    if len(argv) > 1 and argv[1] == "--inside":
        return inside(set(argv[2:]))
    return outside(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
