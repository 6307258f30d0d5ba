#!/usr/bin/env python3
"""End-to-end tests of the ckafka-offsets tool against the stand-in endpoint,
one suite for every stack the product has.

Run from the repo root:
    python3 tests/e2e/test_tool.py [--stack posix|static|lwip|qemu] [NAME ...]

A stack is one build of the tool with its own way onto the network; STACKS
below describes each: the tool (path overridable by environment), the
arguments every run of it takes, where the stand-in listens, what a test
uses as "a closed port" and "an unanswered address", how the suite enters
the stack's environment, a timing slack, and the tests left out for it, each
with the reason. Adding a stack is adding an entry there.

  posix  build/san/ckafka-offsets ($CKAFKA_TOOL): the host's sockets; the
         stand-in on 127.0.0.1. Summary tag "e2e".
  static build/ckafka-offsets-static ($CKAFKA_STATIC_TOOL): the same tool
         as one fully static musl binary (make static), as an appliance
         gets it. Summary tag "e2e-static".
  lwip   build/lwip/san/ckafka-offsets-lwip ($CKAFKA_LWIP_TOOL): lwIP in
         user space on a TAP device. The suite runs itself again inside a
         private network namespace (`unshare -n`, tests/lwip/tapnet.py)
         with tap0 192.0.2.1 on the kernel side, where the stand-in listens,
         and lwIP at 192.0.2.2. Without root, unshare, /dev/net/tun or the
         ip command it prints "e2e-lwip: skipped: <reason>" and exits 0:
         skipped, never passed. Summary tag "e2e-lwip".
  qemu   build/san/ckafka-offsets-qemu ($CKAFKA_QEMU_TOOL): the firmware
         image on QEMU's mps2-an386 board (Cortex-M4, LAN9118), its own
         lwIP and BearSSL, through QEMU's user network, where the host's
         127.0.0.1 is 10.0.2.2; the stand-in on 127.0.0.1. It holds the
         firmware's capacities (16 partitions a call). Without
         qemu-system-arm it prints "e2e-qemu: skipped: <reason>". Summary
         tag "e2e-qemu". Tests of the firmware alone (its 2 KiB-record
         image, its measurements) are left out for the other stacks.

What only the lwIP tool has (its network flags, no DNS, IPv4 only, the
DNS+DHCP build) is tested in tests/lwip/test_lwip_tool.py.

Certificates go to build/<tag>-certs; one stand-in serves the whole run and
is reset before every test. Prints "ok   name" or "FAIL name: reason" per
test, "left out name: reason" per test the stack leaves out, and last
"<tag>: N passed, M failed"; exits non-zero when anything failed.

The stand-in's own signer and HTTP behaviour are checked first
(tests/standin/test_standin_*.py), as the tests "standin_signer" and
"standin_http": a wrong judge would make every verdict below worthless.
Standard library only.
"""
import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
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
from toolcheck import (Fail, Registry, base_env, check, run_tests,  # noqa: E402
                       run_tool, stored_offsets)

TIMEOUT_S = 30
INT64_MAX = 9223372036854775807
ENDPOINT = "ckafka.intl.tencentcloudapi.com"


# --- stacks ---------------------------------------------------------------------

@contextlib.contextmanager
def full_backlog(host):
    """host:port of a listener whose accept queue is full: the kernel drops
    every further SYN to it, as if nobody held the address."""
    listener = socket.socket()
    fillers = []
    try:
        listener.bind((host, 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        # How many connections a backlog of 0 admits is the kernel's
        # business: fill until one is left waiting.
        while len(fillers) < 16:
            c = socket.socket()
            fillers.append(c)
            c.settimeout(0.3)
            try:
                c.connect((host, port))
            except OSError:
                break
        else:
            raise Fail("a listen(0) socket on %s took 16 connections" % host)
        yield "%s:%d" % (host, port)
    finally:
        for c in fillers:
            c.close()
        listener.close()


class Stack:
    """One stack of the product, as this suite runs against it.

    tool       path of the tool (relative to the repo root), from the
               environment variable tool_env or the default
    argv       arguments every run of the tool takes, after its path
    bind       the stand-in's address (IPv4); a port nobody listens on at
               this address is "a closed port"
    unanswered a context manager factory yielding "host:port" to which a
               connection attempt is never answered
    namespace  run inside a private network namespace made by tapnet
    slack_ms   added to timeouts that include connecting, where the stack
               may lose time there
    max_partitions  the most partitions one call of this build holds
    max_topics the most topic names one call of this build holds
    prog       the name the tool calls itself in messages (None: its
               file's name)
    skip       a function giving why the stack cannot run here, or None
    left_out   {test name: why the test does not apply to this stack}
    """

    def __init__(self, name, tag, tool_env, tool_default, argv=(),
                 bind="127.0.0.1", unanswered=None, namespace=False,
                 slack_ms=0, max_partitions=64, max_topics=16, skip=None,
                 left_out=None, prog=None):
        self.name, self.tag = name, tag
        self.tool_env = tool_env
        self.tool = os.environ.get(tool_env, tool_default)
        self.argv = list(argv)
        self.bind = bind
        self.unanswered = unanswered or (lambda: full_backlog(bind))
        self.namespace = namespace
        self.slack_ms = slack_ms
        self.max_partitions = max_partitions
        self.max_topics = max_topics
        self.prog = prog
        self.skip = skip or (lambda: None)
        self.left_out = dict(left_out or {})

    @property
    def tool_path(self):
        return self.tool if os.path.isabs(self.tool) \
            else os.path.join(ROOT, self.tool)


# The stand-in's own tests judge the judge; no stack changes them.
STANDIN_SELF_TESTS = {
    "standin_signer": "checks the stand-in's signer, not the tool: the "
                      "same on every stack, run with --stack posix",
    "standin_http": "checks the stand-in's HTTP, not the tool: the same on "
                    "every stack, run with --stack posix",
}

# Tests of the firmware alone: the other stacks are host builds with full
# 16 KiB TLS records and no stack paint.
FIRMWARE_ONLY = {
    "small_records_image_works_with_a_server_that_honours_mfl":
        "the 2 KiB-record build is a firmware image; the host tools use "
        "full 16 KiB TLS records",
    "small_records_image_refuses_a_server_that_ignores_mfl":
        "the 2 KiB-record build is a firmware image; the host tools use "
        "full 16 KiB TLS records",
    "firmware_reports_its_stack_and_cpu_time":
        "only the firmware image paints its stack and counts its CPU time",
}


# The static build's own test: the other tools are linked dynamically.
STATIC_ONLY = {
    "static_binary_needs_no_shared_library":
        "this build is linked dynamically (glibc); the static stack "
        "checks the musl binary",
}


def qemu_skip_reason():
    qemu = os.environ.get("CKAFKA_QEMU", "qemu-system-arm")
    if shutil.which(qemu) is None:
        return "no %s (scripts/install-deps.sh --qemu)" % qemu
    return None


STACKS = {
    "posix": Stack(
        "posix", "e2e", "CKAFKA_TOOL", "build/san/ckafka-offsets",
        left_out=dict(FIRMWARE_ONLY, **STATIC_ONLY)),
    # The posix tool as the appliance gets it: one fully static binary
    # (musl, make static), not a sanitizer build: the posix run covers
    # memory errors, this one what static linking could break (the
    # resolver without NSS, BearSSL from its source, the system's CA file).
    "static": Stack(
        "static", "e2e-static", "CKAFKA_STATIC_TOOL",
        "build/ckafka-offsets-static", prog="ckafka-offsets",
        left_out=dict(STANDIN_SELF_TESTS, **FIRMWARE_ONLY)),
    "qemu": Stack(
        "qemu", "e2e-qemu", "CKAFKA_QEMU_TOOL",
        "build/san/ckafka-offsets-qemu",
        # The firmware's capacities (FW_CK_DEFS in mk/firmware.mk).
        max_partitions=16, max_topics=4,
        skip=qemu_skip_reason,
        left_out=dict(STANDIN_SELF_TESTS, **STATIC_ONLY)),
    "lwip": Stack(
        "lwip", "e2e-lwip", "CKAFKA_LWIP_TOOL",
        "build/lwip/san/ckafka-offsets-lwip",
        argv=["--tap", tapnet.TAP, "--ip", tapnet.LWIP_IP],
        bind=tapnet.KERNEL_IP,
        # On tap0's subnet but held by nobody: lwIP's ARP request for it
        # goes unanswered, so no SYN ever leaves.
        unanswered=lambda: contextlib.nullcontext("192.0.2.99:443"),
        namespace=True,
        # Right after the tool attaches to the TAP the kernel now and then
        # leaves lwIP's first ARP request unanswered, and lwIP asks again
        # only a second later: room for that in any timeout that includes
        # connecting.
        slack_ms=2000,
        left_out=dict(STANDIN_SELF_TESTS, **FIRMWARE_ONLY, **STATIC_ONLY, **{
            "connect_host_name_is_resolved":
                "this lwIP build has no DNS and refuses a name "
                "(tests/lwip: host_name_without_dns_is_a_usage_error); the "
                "DNS+DHCP build resolves one "
                "(full_build_resolves_the_connect_host_by_dns)",
        })),
}

STACK = None      # the stack of this run
CERTS = None      # its certificates
S = None          # the stand-in, once started
SUITE = Registry()
test = SUITE.test


def tool_argv(*args, connect=True, region="ap-guangzhou", cacert=None,
              group="g1", instance="ckafka-demo"):
    """The tool's argv with the stack's arguments; the usual options come
    next unless set to None."""
    argv = [STACK.tool] + STACK.argv
    if instance is not None:
        argv += ["--instance-id", instance]
    if group is not None:
        argv += ["--group", group]
    if connect:
        argv += ["--connect", S.connect_arg if connect is True else connect]
    argv += ["--cacert", cacert or S.ca]
    if region is not None:
        argv += ["--region", region]
    return argv + list(args)


def tool(*args, env=None, timeout=TIMEOUT_S, **kw):
    """Runs the tool (tool_argv) with the demo credentials."""
    return run_tool(tool_argv(*args, **kw), env or base_env(), ROOT, timeout)


def offsets(group="g1", instance="ckafka-demo"):
    return stored_offsets(S, group, instance)


def expect_state(**want):
    return toolcheck.expect_state(S, **want)


def last_headers():
    req = S.state()["last_request"]
    check(req is not None, "the stand-in saw no request")
    return {k.lower(): v for k, v in req["headers"].items()}, req["body"]


def closed_port():
    """A port at the stand-in's address that nobody listens on."""
    s = socket.socket()
    s.bind((STACK.bind, 0))
    port = s.getsockname()[1]
    s.close()
    return port


# --- the stand-in itself --------------------------------------------------------

@test
def standin_signer():
    p = subprocess.run([sys.executable, "tests/standin/test_standin_signer.py"],
                       cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=60)
    check(p.returncode == 0, p.stdout.decode()[-1500:])


@test
def standin_http():
    p = subprocess.run([sys.executable, "tests/standin/test_standin_http.py"],
                       cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=120)
    check(p.returncode == 0, p.stdout.decode()[-1500:])


# --- success ----------------------------------------------------------------------

@test
def success_applies_offsets_to_all_topics():
    run = tool("--partition", "0=42", "--partition", "1=1337").expect(0)
    out = run.json_out()
    state = expect_state(requests=1, connections=1, handshakes=1, resumed=0)
    last = state["last_result"]
    body = state["last_request"]["body"].encode("utf-8")
    check(state["app_bytes"] > len(body),
          "app_bytes %d: not even the %d-byte body with a head"
          % (state["app_bytes"], len(body)))
    check(out.get("ReturnCode") == "OK", "ReturnCode: %r" % out)
    check(out.get("ReturnMessage") == "success", "ReturnMessage: %r" % out)
    check(out.get("FlowId") == last["FlowId"] and
          out.get("RouteId") == last["RouteId"],
          "FlowId/RouteId %r, the stand-in sent %r" % (out, last))
    check(out.get("RequestId") == last["RequestId"],
          "RequestId %r, the stand-in sent %r" % (out.get("RequestId"), last))
    got = offsets()
    want = {"topic-a": {"0": 42, "1": 1337}, "topic-b": {"0": 42, "1": 1337}}
    check(got == want, "stored %r, expected %r" % (got, want))


@test
def request_is_what_the_api_documents():
    tool("--partition", "3=7", "--topic", "topic-a").expect(0)
    h, body = last_headers()
    for name, value in [("host", ENDPOINT),
                        ("x-tc-action", "BatchModifyGroupOffsets"),
                        ("x-tc-version", "2019-08-19"),
                        ("x-tc-region", "ap-guangzhou")]:
        check(h.get(name) == value, "%s: %r, expected %r"
              % (name, h.get(name), value))
    check(h.get("content-type", "").split(";")[0] == "application/json",
          "content-type %r" % h.get("content-type"))
    check("x-tc-token" not in h, "X-TC-Token sent without a session token")
    check(json.loads(body) == {"GroupName": "g1", "InstanceId": "ckafka-demo",
                               "Partitions": [{"Partition": 3, "Offset": 7}],
                               "TopicName": ["topic-a"]},
          "body %r" % body)


@test
def topic_subset_is_applied_only_to_those_topics():
    tool("--partition", "0=5", "--topic", "topic-b").expect(0)
    got = offsets()
    check(got == {"topic-b": {"0": 5}}, "stored %r" % got)


@test
def two_topics_are_both_applied():
    tool("--partition", "0=5", "--topic", "topic-a", "--topic", "topic-b").expect(0)
    got = offsets()
    check(got == {"topic-a": {"0": 5}, "topic-b": {"0": 5}}, "stored %r" % got)


@test
def int64_max_offset_is_stored_exactly():
    tool("--partition", "0=%d" % INT64_MAX, "--topic", "topic-a").expect(0)
    got = offsets()
    check(got == {"topic-a": {"0": INT64_MAX}}, "stored %r" % got)


@test
def offset_zero_and_large_partition_number_are_stored():
    tool("--partition", "2147483647=0", "--topic", "topic-a").expect(0)
    got = offsets()
    check(got == {"topic-a": {"2147483647": 0}}, "stored %r" % got)


@test
def group_name_with_json_specials_and_utf8_is_stored_verbatim():
    name = 'grp "quoted" \\ back/slash \t tab 组-消费者 \U0001F600'
    tool("--partition", "0=9", "--topic", "topic-a", group=name).expect(0)
    got = offsets(group=name)
    check(got == {"topic-a": {"0": 9}},
          "stored under %r" % list(S.state()["offsets"].get("ckafka-demo", {})))


@test
def as_many_partitions_as_one_call_holds():
    n = STACK.max_partitions
    parts = []
    for i in range(n):
        parts += ["--partition", "%d=%d" % (i, 1000 + i)]
    tool(*parts, "--topic", "topic-a").expect(0)
    got = offsets()
    check(got == {"topic-a": {str(i): 1000 + i for i in range(n)}},
          "stored %r" % got)


@test
def region_from_environment_when_no_option():
    tool("--partition", "0=1", region=None,
         env=base_env(TENCENTCLOUD_REGION="ap-singapore")).expect(0)
    h, _ = last_headers()
    check(h.get("x-tc-region") == "ap-singapore", "region %r" % h.get("x-tc-region"))


@test
def other_endpoint_name_is_signed_and_sent():
    tool("--partition", "0=1", "--endpoint", "ckafka.tencentcloudapi.com").expect(0)
    h, _ = last_headers()
    check(h.get("host") == "ckafka.tencentcloudapi.com", "Host %r" % h.get("host"))


@test
def success_without_data_prints_null_ids():
    S.misbehave("null-data")
    out = tool("--partition", "0=1").expect(0).json_out()
    check(out.get("ReturnCode") == "OK", "stdout %r" % out)
    check("FlowId" in out and out["FlowId"] is None and
          "RouteId" in out and out["RouteId"] is None,
          "FlowId/RouteId should be null: %r" % out)


# --- API errors ---------------------------------------------------------------------

@test
def unknown_instance_is_an_api_error():
    run = tool("--partition", "0=1", instance="ckafka-nope")
    run.expect(2, "API error InvalidParameterValue.InstanceNotExist", "RequestId")
    expect_state(requests=1)
    check(offsets(instance="ckafka-nope") is None, "something was stored")


@test
def unknown_topic_is_an_api_error():
    tool("--partition", "0=1", "--topic", "topic-zzz").expect(
        2, "API error InvalidParameterValue")
    check(offsets() is None, "something was stored")


@test
def wrong_secret_key_is_signature_failure():
    tool("--partition", "0=1",
         env=base_env(TENCENTCLOUD_SECRET_KEY="not-the-key")).expect(
        2, "AuthFailure.SignatureFailure")
    check(offsets() is None, "something was stored")


@test
def unknown_secret_id_is_secret_id_not_found():
    tool("--partition", "0=1",
         env=base_env(TENCENTCLOUD_SECRET_ID="AKIDunknown0000000000000000000000000")
         ).expect(2, "AuthFailure.SecretIdNotFound")


@test
def unsupported_region_is_an_api_error():
    tool("--partition", "0=1", region="xx-nowhere-1").expect(2, "UnsupportedRegion")


@test
def session_token_is_sent_and_accepted():
    S.config(session_token="tok-e2e-123")
    tool("--partition", "0=1",
         env=base_env(TENCENTCLOUD_SESSION_TOKEN="tok-e2e-123")).expect(0)
    h, _ = last_headers()
    check(h.get("x-tc-token") == "tok-e2e-123", "X-TC-Token %r" % h.get("x-tc-token"))


@test
def wrong_session_token_is_token_failure():
    S.config(session_token="tok-e2e-123")
    tool("--partition", "0=1",
         env=base_env(TENCENTCLOUD_SESSION_TOKEN="tok-e2e-999")).expect(
        2, "AuthFailure.TokenFailure")


@test
def missing_session_token_is_token_failure():
    S.config(session_token="tok-e2e-123")
    tool("--partition", "0=1").expect(2, "AuthFailure.TokenFailure")


@test
def zh_cn_message_arrives_as_utf8():
    run = tool("--partition", "0=1", "--language", "zh-CN", instance="ckafka-nope")
    run.expect(2, "InvalidParameterValue.InstanceNotExist", "实例不存在")
    h, _ = last_headers()
    check(h.get("x-tc-language") == "zh-CN", "X-TC-Language %r"
          % h.get("x-tc-language"))


@test
def zh_cn_message_escaped_as_u_sequences_is_decoded_to_utf8():
    S.config(ascii_json=True)
    tool("--partition", "0=1", "--language", "zh-CN", instance="ckafka-nope"
         ).expect(2, "InvalidParameterValue.InstanceNotExist", "实例不存在")


@test
def unknown_error_code_is_kept_verbatim():
    S.misbehave("error", count=10, code="FailedOperation.BrandNewThing",
                message="something new")
    tool("--partition", "0=1").expect(
        2, "API error FailedOperation.BrandNewThing: something new")
    expect_state(requests=1)


@test
def failing_return_code_is_exit_2():
    S.misbehave("return-code", count=10, return_code="-1",
                return_message="group is active", apply=False)
    tool("--partition", "0=1").expect(2)
    expect_state(requests=1)


# BatchModifyGroupOffsets's own error codes, then API 3.0's common ones
# (Tencent Cloud API documentation, "Error Codes").
API_ERROR_CODES = [
    "FailedOperation", "InternalError", "InvalidParameter",
    "InvalidParameterValue.InstanceNotExist",
    "InvalidParameterValue.RepetitionValue",
    "InvalidParameterValue.WrongAction",

    "ActionOffline", "AuthFailure.InvalidAuthorization",
    "AuthFailure.InvalidSecretId", "AuthFailure.MFAFailure",
    "AuthFailure.SecretIdNotFound", "AuthFailure.SignatureExpire",
    "AuthFailure.SignatureFailure", "AuthFailure.TokenFailure",
    "AuthFailure.UnauthorizedOperation", "DryRunOperation", "InvalidAction",
    "InvalidParameterValue", "InvalidRequest", "IpInBlacklist",
    "IpNotInWhitelist", "LimitExceeded", "MissingParameter", "NoSuchProduct",
    "NoSuchVersion", "RequestLimitExceeded",
    "RequestLimitExceeded.GlobalRegionUinLimitExceeded",
    "RequestLimitExceeded.IPLimitExceeded",
    "RequestLimitExceeded.UinLimitExceeded", "RequestSizeLimitExceeded",
    "ResourceInUse", "ResourceInsufficient", "ResourceNotFound",
    "ResourceUnavailable", "ResponseSizeLimitExceeded", "ServiceUnavailable",
    "UnauthorizedOperation", "UnknownParameter", "UnsupportedOperation",
    "UnsupportedProtocol", "UnsupportedRegion",
]
MAX_ATTEMPTS = 4


def attempts_for(code):
    """How many requests the retry rules allow for an error that never
    goes away: the rate limits, internal errors and unavailability are
    tried MAX_ATTEMPTS times; an expired signature once more with the clock
    taken from Date; anything else once."""
    if code.split(".")[0] in ("RequestLimitExceeded", "InternalError") \
            or code in ("ServiceUnavailable", "ResourceUnavailable"):
        return MAX_ATTEMPTS
    if code == "AuthFailure.SignatureExpire":
        return 2
    return 1


@test
def each_api_error_is_exit_2_with_its_code_verbatim():
    wrong = []
    for code in API_ERROR_CODES:
        S.reset()
        message = "the stand-in answers %s" % code
        S.misbehave("error", count=MAX_ATTEMPTS + 1, code=code,
                    message=message)
        run = tool("--partition", "0=1")
        err = run.err.decode("utf-8", "replace")
        requests = S.state()["requests"]
        if run.rc != 2 or "API error %s: %s" % (code, message) not in err \
                or requests != attempts_for(code):
            wrong.append("%s: exit %d after %d requests (expected exit 2 "
                         "after %d), stderr %r"
                         % (code, run.rc, requests, attempts_for(code),
                            err[-300:]))
        elif offsets() is not None:
            wrong.append("%s: offsets were stored" % code)
    check(not wrong, "; ".join(wrong))


# --- retries, clock, keep-alive ----------------------------------------------------

@test
def request_limit_once_is_retried():
    S.misbehave("request-limit")
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2)
    check(offsets() is not None, "nothing stored")


@test
def retry_reuses_the_kept_alive_connection():
    S.misbehave("request-limit")
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2, connections=1, handshakes=1)


@test
def retries_after_two_backoffs_keep_the_connection():
    # Two backoff sleeps with the connection kept open across them (on
    # lwIP the platform's sleep_ms must keep polling the stack).
    S.misbehave("request-limit", count=2)
    tool("--partition", "0=5").expect(0)
    expect_state(requests=3, connections=1, handshakes=1)
    check(offsets() is not None, "nothing stored")


@test
def retry_after_connection_close_reconnects():
    S.misbehave("request-limit", connection_close=True)
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2, connections=2)


@test
def reconnect_resumes_the_tls_session():
    S.misbehave("request-limit", connection_close=True)
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2, connections=2, handshakes=2, resumed=1)


@test
def request_limit_every_time_gives_up_with_exit_2():
    S.misbehave("request-limit", count=10)
    tool("--partition", "0=1").expect(2, "RequestLimitExceeded")
    expect_state(requests=4)


@test
def request_limit_sub_code_is_retried():
    S.misbehave("request-limit", code="RequestLimitExceeded.UinLimitExceeded")
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2)


@test
def http_500_internal_error_is_retried():
    S.misbehave("http-500")
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2)


@test
def service_unavailable_is_retried():
    S.misbehave("error", code="ServiceUnavailable", message="busy")
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2)


@test
def auth_failure_is_not_retried():
    tool("--partition", "0=1",
         env=base_env(TENCENTCLOUD_SECRET_KEY="not-the-key")).expect(2)
    expect_state(requests=1)


@test
def clock_an_hour_ahead_is_corrected_from_date():
    S.clock(3600)
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2)


@test
def clock_an_hour_behind_is_corrected_from_date():
    S.clock(-3600)
    tool("--partition", "0=1").expect(0)
    expect_state(requests=2)


@test
def clock_within_five_minutes_needs_no_correction():
    S.clock(200)
    tool("--partition", "0=1").expect(0)
    expect_state(requests=1)


@test
def signature_expire_is_retried_only_once():
    S.misbehave("error", count=10, code="AuthFailure.SignatureExpire",
                message="expired")
    tool("--partition", "0=1").expect(2, "AuthFailure.SignatureExpire")
    expect_state(requests=2)


@test
def skewed_clock_without_date_header_is_not_retried():
    S.clock(3600)
    S.misbehave("normal", count=10, no_date=True)
    tool("--partition", "0=1").expect(2, "AuthFailure.SignatureExpire")
    expect_state(requests=1)


@test
def return_code_zero_is_success():
    S.misbehave("return-code", return_code="0", return_message="ok")
    out = tool("--partition", "0=1").expect(0).json_out()
    check(out.get("ReturnCode") == "0", "stdout %r" % out)


# --- hostile answers ---------------------------------------------------------------

OK_RESULT = ('"Result":{"ReturnCode":"OK","ReturnMessage":"success",'
             '"Data":{"FlowId":7,"RouteDTO":{"RouteId":8}}}')


@test
def request_id_with_escapes_is_printed_as_valid_json():
    rid = r'a\"b\\c/\u00e9\u4e2d\ud83d\ude00\t'  # JSON text
    S.misbehave("raw", body='{"Response":{%s,"RequestId":"%s"}}' % (OK_RESULT, rid))
    out = tool("--partition", "0=1").expect(0).json_out()
    want = json.loads('"%s"' % rid)
    check(out.get("RequestId") == want, "RequestId %r, expected %r"
          % (out.get("RequestId"), want))
    check((out.get("FlowId"), out.get("RouteId")) == (7, 8), "stdout %r" % out)


@test
def error_message_with_escapes_is_decoded():
    S.misbehave("raw", count=10, body='{"Response":{"Error":{"Code":"FailedOperation",'
                r'"Message":"quote \" and \u00e9"},"RequestId":"r-1"}}')
    tool("--partition", "0=1").expect(
        2, 'API error FailedOperation: quote " and \u00e9 (RequestId r-1)')


@test
def members_in_any_order_are_understood():
    S.misbehave("raw", body='{"Response":{"RequestId":"r-2","Result":{"Data":'
                '{"RouteDTO":{"RouteId":2},"FlowId":1},"ReturnMessage":"success",'
                '"ReturnCode":"OK"}}}')
    out = tool("--partition", "0=1").expect(0).json_out()
    check(out == {"ReturnCode": "OK", "ReturnMessage": "success", "FlowId": 1,
                  "RouteId": 2, "RequestId": "r-2"}, "stdout %r" % out)


@test
def answer_without_result_or_error_is_outcome_unknown():
    S.misbehave("raw", count=10, body='{"Response":{"RequestId":"r-3"}}')
    tool("--partition", "0=1").expect(4, "outcome unknown")


@test
def answer_with_wrong_types_is_outcome_unknown():
    S.misbehave("raw", count=10, body='{"Response":{"Error":{"Code":5,'
                '"Message":[]},"RequestId":"r-4"}}')
    tool("--partition", "0=1").expect(4, "outcome unknown")


@test
def deeply_nested_answer_is_outcome_unknown():
    S.misbehave("raw", count=10, body='{"Response":' + "[" * 3000 + "]" * 3000 + "}")
    tool("--partition", "0=1").expect(4, "outcome unknown")


@test
def answer_with_many_tokens_is_outcome_unknown():
    S.misbehave("raw", count=10, body='{"Response":{%s,"RequestId":"r","X":[%s]}}'
                % (OK_RESULT, ",".join(["1"] * 1000)))
    tool("--partition", "0=1").expect(4, "outcome unknown")


@test
def overlong_header_line_is_outcome_unknown():
    S.misbehave("normal", count=10, extra_headers=[["X-Long", "a" * 5000]])
    tool("--partition", "0=1").expect(4, "outcome unknown")


@test
def too_many_headers_is_outcome_unknown():
    S.misbehave("normal", count=10,
                extra_headers=[["X-H%d" % i, "v" * 60] for i in range(300)])
    tool("--partition", "0=1").expect(4, "outcome unknown")


@test
def non_200_status_without_envelope_is_not_success():
    S.misbehave("raw", count=10, status=502, content_type="text/html",
                body="<html>bad gateway</html>")
    run = tool("--partition", "0=1")
    check(run.rc == 4, "expected exit 4: %s" % run.why())


@test
def flow_id_beyond_int64_does_not_crash():
    S.misbehave("raw", body='{"Response":{"Result":{"ReturnCode":"OK",'
                '"ReturnMessage":"success","Data":{"FlowId":99999999999999999999999,'
                '"RouteDTO":{"RouteId":-1}}},"RequestId":"r-5"}}')
    run = tool("--partition", "0=1")
    check(run.rc in (0, 4), "expected exit 0 or 4: %s" % run.why())
    if run.rc == 0:
        run.json_out()


# --- delivery misbehaviour ---------------------------------------------------------

def unknown_outcome(mode, **kw):
    # Queued for every attempt: the verdict must not depend on whether the
    # tool retries transport failures.
    S.misbehave(mode, count=10, **kw)
    return tool("--partition", "0=1").expect(4, "outcome unknown", "safe to retry")


@test
def close_after_request_is_outcome_unknown():
    unknown_outcome("close-after-request")


@test
def close_before_body_is_outcome_unknown():
    unknown_outcome("close-before-body")


@test
def truncated_body_is_outcome_unknown():
    unknown_outcome("partial-body")


@test
def garbage_body_is_outcome_unknown():
    unknown_outcome("garbage")


@test
def invalid_json_is_outcome_unknown():
    unknown_outcome("invalid-json")


@test
def unframed_body_is_outcome_unknown():
    unknown_outcome("no-framing")


@test
def oversized_answer_is_outcome_unknown():
    unknown_outcome("huge", bytes=65536)


@test
def chunked_answer_is_understood():
    S.misbehave("chunked", chunk=7)
    out = tool("--partition", "0=1").expect(0).json_out()
    check(out.get("RequestId") == S.state()["last_result"]["RequestId"],
          "RequestId %r" % out)


@test
def one_byte_chunks_are_understood():
    S.misbehave("chunked", chunk=1)
    out = tool("--partition", "0=1").expect(0).json_out()
    check(out.get("RequestId") == S.state()["last_result"]["RequestId"],
          "RequestId %r" % out)


@test
def connection_close_answer_is_understood():
    S.misbehave("connection-close")
    tool("--partition", "0=1").expect(0)
    expect_state(requests=1)


@test
def answer_later_than_timeout_is_outcome_unknown():
    timeout_ms = 500 + STACK.slack_ms
    S.misbehave("delay", count=10, ms=timeout_ms + 1500 + STACK.slack_ms)
    run = tool("--partition", "0=1", "--timeout-ms", str(timeout_ms)).expect(
        4, "outcome unknown", "safe to retry")
    check(run.seconds < 15, "took %.1f s" % run.seconds)


@test
def server_that_never_answers_is_outcome_unknown_within_the_timeout():
    # At least the timeout: the tool did wait. Under twice the timeout: it
    # did not send again and wait once more, which a request that may have
    # been applied must not be.
    timeout_ms = 3000 + STACK.slack_ms
    S.misbehave("silent", count=10)
    run = tool("--partition", "0=1", "--timeout-ms", str(timeout_ms)).expect(
        4, "outcome unknown", "safe to retry")
    check(timeout_ms / 1000.0 <= run.seconds < 2 * timeout_ms / 1000.0,
          "took %.1f s with --timeout-ms %d" % (run.seconds, timeout_ms))
    state = S.state()
    check(state["requests"] >= 1 and state["app_bytes"] > 0,
          "the request never reached the stand-in: %r"
          % {k: state[k] for k in ("requests", "app_bytes")})


@test
def slow_answer_within_timeout_is_understood():
    S.misbehave("delay", ms=300)
    tool("--partition", "0=1", "--timeout-ms", "5000").expect(0)
    check(offsets() == {"topic-a": {"0": 1}, "topic-b": {"0": 1}},
          "stored %r" % offsets())


# --- nothing applied ---------------------------------------------------------------

# The tool reached the stand-in (one connection) but not one byte of the
# request got past the handshake.

@test
def wrong_ca_is_nothing_applied():
    tool("--partition", "0=1",
         cacert=os.path.join(CERTS, "other-ca.pem")).expect(
        3, "nothing was applied")
    expect_state(connections=1, handshakes=0, requests=0, app_bytes=0)


@test
def wrong_host_name_is_nothing_applied():
    tool("--partition", "0=1", "--endpoint", "wrong.example.com").expect(
        3, "nothing was applied")
    expect_state(connections=1, handshakes=0, requests=0, app_bytes=0)


@test
def closed_port_is_nothing_applied():
    tool("--partition", "0=1",
         connect="%s:%d" % (STACK.bind, closed_port())).expect(
        3, "nothing was applied", "CK_ERR_CONNECT")


@test
def unanswered_address_times_out_as_nothing_applied():
    with STACK.unanswered() as where:
        run = tool("--partition", "0=1", "--timeout-ms", "1000",
                   connect=where).expect(3, "nothing was applied")
    check(1.0 <= run.seconds < 10, "took %.1f s with --timeout-ms 1000"
          % run.seconds)


@test
def connect_host_name_is_resolved():
    tool("--partition", "0=1", connect="localhost:%d" % S.port).expect(0)
    expect_state(requests=1)


@test
def missing_cacert_file_is_not_a_success():
    run = tool("--partition", "0=1", cacert="/nonexistent/ca.pem")
    check(run.rc in (1, 3), "expected exit 1 or 3: %s" % run.why())
    expect_state(requests=0)


# --- dry run and usage ---------------------------------------------------------------

@test
def dry_run_prints_redacted_request_and_connects_nowhere():
    run = tool("--partition", "0=42", "--topic", "topic-a", "--dry-run",
               env=base_env(TENCENTCLOUD_SESSION_TOKEN="tok-secret-777"))
    run.expect(0)
    out = run.out.decode("utf-8", "replace")
    for text in ["X-TC-Action: BatchModifyGroupOffsets", "Signature=<redacted>",
                 "Host: " + ENDPOINT, "X-TC-Region: ap-guangzhou",
                 '"GroupName":"g1"', '"InstanceId":"ckafka-demo"',
                 '"Partitions":[{"Partition":0,"Offset":42}]',
                 '"TopicName":["topic-a"]']:
        check(text in out, "dry-run output lacks %r: %s" % (text, run.why()))
    for secret in ["tok-secret-777", harness.DEMO_SECRET_KEY]:
        check(secret not in out, "dry-run output shows a secret %r" % secret)
    check("X-TC-Token: <redacted>" in out, "token not shown redacted: %r" % out)
    expect_state(connections=0, requests=0)


def usage_error(*args, **kw):
    run = tool(*args, **kw)
    run.expect(1)
    expect_state(connections=0)
    return run


@test
def help_exits_0():
    run = subprocess.run([STACK.tool, "--help"], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    check(run.returncode == 0 and b"--partition" in run.stdout,
          "exit %d, stdout %r" % (run.returncode, run.stdout[:200]))


@test
def usage_missing_group():
    usage_error("--partition", "0=1", group=None)


@test
def usage_missing_instance():
    usage_error("--partition", "0=1", instance=None)


@test
def usage_missing_partition():
    usage_error().expect(1, "--partition is required")


@test
def usage_bad_partition_syntax():
    for bad in ["0:42", "x=1", "0=", "=5", "0=1x", "0=0x10", "", "0=1=2",
                "-1=5", "2147483648=1"]:
        run = tool("--partition", bad)
        check(run.rc == 1, "--partition %r: %s" % (bad, run.why()))
    expect_state(connections=0)


@test
def usage_negative_offset():
    usage_error("--partition", "0=-1").expect(1, "bad --partition")


@test
def usage_offset_beyond_int64():
    usage_error("--partition", "0=9223372036854775808")
    usage_error("--partition", "0=99999999999999999999999")


@test
def usage_missing_secret_id():
    usage_error("--partition", "0=1",
                env=base_env(TENCENTCLOUD_SECRET_ID=None))


@test
def usage_missing_secret_key():
    usage_error("--partition", "0=1",
                env=base_env(TENCENTCLOUD_SECRET_KEY=None))


@test
def usage_secret_key_too_long_is_named():
    usage_error("--partition", "0=1",
                env=base_env(TENCENTCLOUD_SECRET_KEY="k" * 300)
                ).expect(1, "TENCENTCLOUD_SECRET_KEY is too long")


@test
def usage_missing_region():
    usage_error("--partition", "0=1", region=None)


@test
def usage_unknown_option():
    usage_error("--partition", "0=1", "--no-such-option").expect(
        1, "unknown option")


@test
def usage_bad_connect_port():
    for bad in ["0", "65536", "x", "-1"]:
        run = tool("--partition", "0=1", connect="%s:%s" % (STACK.bind, bad))
        check(run.rc == 1, "--connect port %r: %s" % (bad, run.why()))
    expect_state(connections=0)


@test
def usage_too_many_partitions():
    parts = []
    for i in range(STACK.max_partitions + 1):
        parts += ["--partition", "%d=1" % i]
    usage_error(*parts).expect(1, "too many --partition")


@test
def usage_bad_timeout():
    for bad in ["abc", "-5", "99999999999999999999"]:
        run = tool("--partition", "0=1", "--timeout-ms", bad)
        check(run.rc == 1, "--timeout-ms %r: %s" % (bad, run.why()))
    expect_state(connections=0)


@test
def header_injection_in_region_is_refused():
    run = tool("--partition", "0=1", region="ap-guangzhou\r\nX-Evil: 1")
    check(run.rc == 1, "expected exit 1: %s" % run.why())
    expect_state(connections=0)


@test
def duplicate_partition_is_not_applied():
    run = tool("--partition", "0=1", "--partition", "0=2")
    check(run.rc in (1, 2), "expected exit 1 (refused) or 2 (API "
          "RepetitionValue): %s" % run.why())
    check(offsets() is None, "something was stored")


# --- issue 8: the terminal and the logs; input at the boundary ----------------
# Server text reaches stderr and the JSON line escaped; every usage error
# names the flag (or variable) and the value; --dry-run refuses what a real
# run refuses; each failure says which step failed; --cacert is read only
# when it is a regular file of bounded size; the session token leaves the
# environment. Common flags only: these run on every stack.

import base64  # noqa: E402
import tempfile  # noqa: E402


def prog_of(run):
    """The name the tool gives itself in its messages."""
    return STACK.prog or os.path.basename(run.argv[0])


def stderr_lines(run):
    return run.err.decode("utf-8", "replace").rstrip("\n").split("\n")


def check_no_terminal_controls(data, where):
    """No byte that acts on a terminal: C0 but the line ends, DEL, C1 in
    UTF-8, line/paragraph separators, bidirectional overrides."""
    for i, b in enumerate(data):
        check(b >= 0x20 and b != 0x7F or b == 0x0A,
              "%s holds control byte 0x%02x at %d: %r" % (where, b, i, data))
    text = data.decode("utf-8", "replace")
    bad = [c for c in text if 0x80 <= ord(c) <= 0x9F or
           0x2028 <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069]
    check(not bad, "%s holds %r: %r" % (where, bad, data))


def check_own_lines(run, n=None):
    """Every stderr line is the tool's (starts with its name), and the last
    one holds no server text."""
    lines = stderr_lines(run)
    prefix = prog_of(run) + ": "
    for line in lines:
        check(line.startswith(prefix), "stderr line not the tool's: %r (%s)"
              % (line, run.why()))
    if n is not None:
        check(len(lines) == n, "expected %d stderr lines: %s" % (n, run.why()))
    return lines


HOSTILE = ("a\x1b]0;pwned\x07b\x1b[2J\nckafka-offsets: the offsets were "
           "applied\x00tail\x7f\u009b\u202e\u2028end")


@test
def server_error_text_is_escaped_on_one_line_and_not_cut():
    body = json.dumps({"Response": {
        "Error": {"Code": "FailedOperation.\x1b[31mRed", "Message": HOSTILE},
        "RequestId": "r-\r\n9"}}, ensure_ascii=False)
    S.misbehave("raw", count=10, body=body)
    run = tool("--partition", "0=1").expect(2, "API error FailedOperation.")
    check_no_terminal_controls(run.err, "stderr")
    lines = check_own_lines(run, n=2)
    err = run.err.decode("utf-8")
    for shown in ["\\u001b]0;pwned\\u0007b", "\\n", "\\u0000tail",
                  "\\u007f", "\\u009b", "\\u202e", "\\u2028end",
                  "(RequestId r-\\r\\n9)", "FailedOperation.\\u001b[31mRed"]:
        check(shown in lines[0], "stderr lacks %r: %r" % (shown, err))
    check("pwned" not in lines[-1] and "CK_ERR_API" in lines[-1],
          "last line is not the tool's own: %r" % lines[-1])


@test
def failed_return_code_message_is_escaped():
    body = json.dumps({"Response": {"Result": {
        "ReturnCode": "-1", "ReturnMessage": "busy\r\n\x1b[1Kdone"},
        "RequestId": "r-7"}}, ensure_ascii=False)
    S.misbehave("raw", count=10, body=body)
    run = tool("--partition", "0=1").expect(2, "busy\\r\\n\\u001b[1Kdone")
    check_no_terminal_controls(run.err, "stderr")
    check_own_lines(run, n=2)


@test
def json_line_escapes_control_del_and_c1_and_keeps_the_values():
    message = "ok\x1b[2J\x00x\x7f\u0085\u2028y"
    rid = "r\x7f\u009b-\u202e-\U0001F600\t"
    body = json.dumps({"Response": {"Result": {
        "ReturnCode": "OK", "ReturnMessage": message,
        "Data": {"FlowId": 1, "RouteDTO": {"RouteId": 2}}},
        "RequestId": rid}}, ensure_ascii=False)
    S.misbehave("raw", body=body)
    run = tool("--partition", "0=1").expect(0)
    check(run.out.endswith(b"\n") and run.out.count(b"\n") == 1,
          "stdout is not one line: %r" % run.out)
    check_no_terminal_controls(run.out, "stdout")
    out = run.json_out()
    check(out.get("ReturnMessage") == message, "ReturnMessage %r, sent %r"
          % (out.get("ReturnMessage"), message))
    check(out.get("RequestId") == rid, "RequestId %r, sent %r"
          % (out.get("RequestId"), rid))


@test
def usage_value_with_control_bytes_is_shown_escaped():
    run = tool("--partition", "0=\x1b[2J\x07").expect(1, "--partition")
    check_no_terminal_controls(run.err, "stderr")
    check("\\u001b[2J\\u0007" in run.err.decode(), run.why())
    lines = stderr_lines(run)
    check(len(lines) == 2 and lines[1].startswith("Try '"), run.why())


BAD_ENDPOINTS = [ENDPOINT + ":443", ENDPOINT + "/v3", "user@" + ENDPOINT,
                 "https://" + ENDPOINT, "ckafka tencentcloudapi.com",
                 ENDPOINT + "\x1b[2J", "", "[::1]", ENDPOINT + ".",
                 "-bad." + ENDPOINT, "a..b"]


@test
def endpoint_that_is_not_a_host_name_is_refused_before_connecting():
    for bad in BAD_ENDPOINTS:
        run = tool("--partition", "0=1", "--endpoint", bad)
        check(run.rc == 1, "--endpoint %r: %s" % (bad, run.why()))
        check("--endpoint '" in run.err.decode("utf-8", "replace"),
              "--endpoint %r not named: %s" % (bad, run.why()))
        check_no_terminal_controls(run.err, "stderr")
    expect_state(connections=0)


@test
def dry_run_refuses_what_a_real_run_refuses():
    d = tempfile.mkdtemp()
    try:
        fifo = os.path.join(d, "fifo.pem")
        os.mkfifo(fifo)
        cases = [("--endpoint", ENDPOINT + ":443"),
                 ("--endpoint", "user@" + ENDPOINT),
                 ("--connect", "%s:99999" % S.host),
                 ("--connect", "%s:+80" % S.host),
                 ("--cacert", os.path.join(d, "missing.pem")),
                 ("--cacert", fifo),
                 ("--cacert", d)]
        for flag, value in cases:
            run = tool("--partition", "0=1", "--dry-run", flag, value,
                       timeout=15)
            check(run.rc == 1, "--dry-run %s %r: %s" % (flag, value,
                                                        run.why()))
            check(not run.out, "--dry-run %s %r printed a request: %s"
                  % (flag, value, run.why()))
        # And what it accepts, a real run sends.
        tool("--partition", "0=1", "--dry-run").expect(0)
        expect_state(connections=0)
        tool("--partition", "0=1").expect(0)
    finally:
        shutil.rmtree(d)


@test
def bad_connect_port_names_the_flag_and_value():
    for port in ["0", "99999", "65536", "-1", "+80", "http", "1x", " 80", ""]:
        value = "%s:%s" % (S.host, port)
        run = tool("--partition", "0=1", connect=value)
        check(run.rc == 1, "--connect %r: %s" % (value, run.why()))
        err = run.err.decode("utf-8", "replace")
        check("--connect '%s'" % value in err and "port" in err,
              "--connect %r not named: %s" % (value, run.why()))
        check("partition or topic" not in err, run.why())
    expect_state(connections=0)


@test
def bad_connect_host_names_the_flag_and_value():
    for value in ["bad host:443", "host\x01:443", "[]:443"]:
        run = tool("--partition", "0=1", connect=value)
        check(run.rc == 1, "--connect %r: %s" % (value, run.why()))
        check("--connect" in run.err.decode("utf-8", "replace"),
              "--connect %r not named: %s" % (value, run.why()))
        check_no_terminal_controls(run.err, "stderr")
    expect_state(connections=0)


@test
def usage_errors_name_the_flag_and_the_value():
    cases = [
        (("--partition", "0=1", "--partition", "0=2"), {},
         "--partition '0=2'"),
        (("--partition", "0=1", "--topic", "topic-a", "--topic", "topic-a"),
         {}, "--topic 'topic-a'"),
        (("--partition", "0=1", "--topic", ""), {}, "--topic ''"),
        (("--partition", "0=1", "--region", "ap guangzhou"), {"region": None},
         "--region 'ap guangzhou'"),
        (("--partition", "0=1",), {"group": os.fsdecode(b"g\xff")},
         "--group 'g\\xff'"),
        (("--partition", "0=1",), {"instance": ""}, "--instance-id ''"),
        (("--partition", "0=1",),
         {"region": None, "env": base_env(TENCENTCLOUD_REGION="ap\tx")},
         "TENCENTCLOUD_REGION 'ap\\tx'"),
    ]
    for args, kw, named in cases:
        run = tool(*args, **kw)
        check(run.rc == 1, "%r: %s" % (args, run.why()))
        check(named in run.err.decode("utf-8", "replace"),
              "stderr does not name %r: %s" % (named, run.why()))
        check_no_terminal_controls(run.err, "stderr")
    expect_state(connections=0)


@test
def connect_failure_names_the_address():
    s = socket.socket()
    s.bind((S.host, 0))
    port = s.getsockname()[1]
    s.close()
    tool("--partition", "0=1", connect="%s:%d" % (S.host, port)).expect(
        3, "connecting to %s:%d failed" % (S.host, port), "CK_ERR_CONNECT",
        "nothing was applied")


@test
def tls_handshake_failure_is_named_as_such():
    # Something listens, but it speaks plain HTTP, not TLS.
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((S.host, 0))
    srv.listen(4)
    port = srv.getsockname()[1]

    def serve():
        while True:
            try:
                c, _ = srv.accept()
            except OSError:
                return
            try:
                c.settimeout(5)
                c.recv(4096)
                c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0"
                          b"\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            c.close()

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    try:
        run = tool("--partition", "0=1", connect="%s:%d" % (S.host, port))
    finally:
        srv.close()
    run.expect(3, "TLS handshake with %s:%d failed" % (S.host, port),
               "CK_ERR_TLS_HANDSHAKE", "nothing was applied")


@test
def certificate_failure_says_chain_or_name():
    other = os.path.join(CERTS, "other-ca.pem")
    tool("--partition", "0=1", cacert=other).expect(
        3, "certificate", "'%s' (--cacert)" % other, "CK_ERR_TLS_CERTIFICATE")
    tool("--partition", "0=1", "--endpoint", "wrong.example.com").expect(
        3, "not for 'wrong.example.com' (--endpoint)",
        "CK_ERR_TLS_CERTIFICATE")
    expect_state(requests=0)


def pem_blocks(path):
    with open(path) as f:
        return f.read()


def corrupt_pem(path):
    """The certificate at `path` with its DER's first byte changed: Base64
    and banners intact, the certificate itself not X.509."""
    text = pem_blocks(path)
    b64 = "".join(l for l in text.splitlines() if not l.startswith("-----"))
    der = bytearray(base64.b64decode(b64))
    der[0] = 0x31
    body = base64.b64encode(bytes(der)).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return ("-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) +
            "\n-----END CERTIFICATE-----\n")


def with_ca_file(content, fn):
    d = tempfile.mkdtemp()
    try:
        path = os.path.join(d, "bundle.pem")
        with open(path, "w") as f:
            f.write(content)
        return fn(path)
    finally:
        shutil.rmtree(d)


@test
def corrupt_certificate_in_ca_bundle_is_named():
    first = pem_blocks(os.path.join(CERTS, "other-ca.pem"))
    line = first.count("\n") + 1
    bundle = first + corrupt_pem(S.ca) + pem_blocks(S.ca)
    run = with_ca_file(bundle, lambda p: tool("--partition", "0=1", cacert=p))
    run.expect(1, "certificate 2 (line %d) is corrupt" % line,
               "CK_ERR_TRUST_ANCHORS", "Nothing was sent")
    check("no usable CA certificate" not in run.err.decode(), run.why())
    expect_state(connections=0)


@test
def ca_bundle_larger_than_the_store_says_so():
    ca = pem_blocks(S.ca)
    run = with_ca_file(ca * 513, lambda p: tool("--partition", "0=1",
                                                cacert=p))
    run.expect(1, "more certificates than the 512", "certificate 513",
               "CK_ERR_TRUST_ANCHORS")
    expect_state(connections=0)


@test
def cacert_that_is_not_a_regular_file_is_refused_without_waiting():
    d = tempfile.mkdtemp()
    try:
        fifo = os.path.join(d, "ca.fifo")
        os.mkfifo(fifo)
        run = tool("--partition", "0=1", cacert=fifo, timeout=15)
        run.expect(1, "'%s' (--cacert) is a FIFO, not a regular file" % fifo)
        check(run.seconds < 10, "took %.1f s" % run.seconds)
        tool("--partition", "0=1", cacert=d).expect(
            1, "is a directory, not a regular file")
        tool("--partition", "0=1", cacert="/dev/zero", timeout=15).expect(
            1, "is a character device, not a regular file")
    finally:
        shutil.rmtree(d)
    expect_state(connections=0)


@test
def cacert_too_large_or_missing_or_empty_says_which():
    d = tempfile.mkdtemp()
    try:
        big = os.path.join(d, "big.pem")
        with open(big, "wb") as f:
            f.truncate(3 * 1024 * 1024)
        tool("--partition", "0=1", cacert=big).expect(
            1, "is larger than the 2097152 bytes")
        tool("--partition", "0=1", cacert=os.path.join(d, "none.pem")
             ).expect(1, "cannot be opened: No such file or directory")
        empty = os.path.join(d, "empty.pem")
        open(empty, "w").close()
        tool("--partition", "0=1", cacert=empty).expect(
            1, "holds no certificate")
    finally:
        shutil.rmtree(d)
    expect_state(connections=0)


def wait_for(cond, seconds, what):
    deadline = time.time() + seconds
    while time.time() < deadline:
        value = cond()
        if value:
            return value
        time.sleep(0.05)
    raise Fail("timed out waiting for %s" % what)


def tool_pids(marker):
    """Running ckafka-offsets* processes whose argv holds `marker`."""
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/cmdline" % pid, "rb") as f:
                argv = f.read().split(b"\0")
            exe = os.path.basename(os.readlink("/proc/%s/exe" % pid))
        except OSError:
            continue
        if marker.encode() in argv and exe.startswith("ckafka-offsets"):
            found.append(int(pid))
    return found


@test
def secrets_are_blanked_in_environ_while_the_tool_waits():
    token = "tok-environ-%d-secret" % os.getpid()
    group = "g-environ-%d" % os.getpid()
    S.config(session_token=token)
    S.misbehave("delay", ms=3000)
    result = {}

    def run():
        try:
            result["run"] = tool("--partition", "0=1", group=group,
                                 env=base_env(TENCENTCLOUD_SESSION_TOKEN=token))
        except Fail as e:
            result["fail"] = e

    t = threading.Thread(target=run)
    t.start()
    try:
        # The stand-in holds the answer back: the tool is waiting for it.
        wait_for(lambda: S.state()["requests"] >= 1, 20, "the request")
        pids = wait_for(lambda: tool_pids(group), 5, "the tool's process")
        for pid in pids:
            with open("/proc/%d/environ" % pid, "rb") as f:
                env = f.read()
            check(token.encode() not in env,
                  "TENCENTCLOUD_SESSION_TOKEN readable in /proc/%d/environ"
                  % pid)
            check(harness.DEMO_SECRET_KEY.encode() not in env,
                  "TENCENTCLOUD_SECRET_KEY readable in /proc/%d/environ" % pid)
    finally:
        t.join(TIMEOUT_S + 5)
    if "fail" in result:
        raise result["fail"]
    result["run"].expect(0)
    h, _ = last_headers()
    check(h.get("x-tc-token") == token, "X-TC-Token %r" % h.get("x-tc-token"))


# --- issue 9: plans (--from-file), Kafka's reset-offsets CSV -------------------
# One file, checked whole, becomes the fewest calls this build holds
# (STACK.max_partitions and STACK.max_topics a call); every call names its
# topics; all go over one kept-alive connection, paced to 20 a second; the
# plan stops at the first call not applied and says which lines were.

def plan_file(text):
    d = tempfile.mkdtemp()
    path = os.path.join(d, "plan.csv")
    with open(path, "w") as f:
        f.write(text)
    return path


@contextlib.contextmanager
def plan(text):
    path = plan_file(text)
    try:
        yield path
    finally:
        shutil.rmtree(os.path.dirname(path))


def plan_lines(run):
    """stdout as JSON objects: the calls, then the summary."""
    out = run.out.decode("utf-8")
    check(out.endswith("\n"), "stdout does not end a line: %s" % run.why())
    try:
        objs = [json.loads(l) for l in out.rstrip("\n").split("\n")]
    except ValueError:
        raise Fail("stdout is not JSON lines: %s" % run.why())
    check(objs and "summary" in objs[-1], "no summary line: %s" % run.why())
    return objs[:-1], objs[-1]


def logged_bodies():
    return [json.loads(e["body"]) for e in S.state()["log"]]


def set_topics(*names):
    S.config(topics=list(names))


@test
def plan_restores_a_group_from_kafka_csv():
    set_topics("orders", "payments", "audit")
    text = ("# kafka-consumer-groups.sh --export, edited\n"
            "orders,0,1200\n"
            "orders,1,1187\n"
            "\n"
            "payments,0,7\r\n"
            "audit,3,%d\n" % INT64_MAX)
    with plan(text) as path:
        run = tool("--from-file", path).expect(0)
    calls, summary = plan_lines(run)
    check(offsets() == {"orders": {"0": 1200, "1": 1187},
                        "payments": {"0": 7}, "audit": {"3": INT64_MAX}},
          "stored %r" % offsets())
    check(len(calls) == 3, "calls %r" % calls)
    check([c["topics"] for c in calls] == [["orders"], ["payments"],
                                             ["audit"]], "calls %r" % calls)
    check(calls[0]["partitions"] == [{"Partition": 0, "Offset": 1200},
                                     {"Partition": 1, "Offset": 1187}] and
          calls[0]["lines"] == "2-3" and calls[2]["lines"] == "6",
          "call lines %r" % calls)
    log = S.state()["log"]
    check(all(c["result"] == "applied" for c in calls) and
          len(set(c["RequestId"] for c in calls)) == 3 and
          calls[-1]["RequestId"] == S.state()["last_result"]["RequestId"],
          "calls %r" % calls)
    check(summary == {"summary": "complete", "calls": 3, "applied": 3,
                      "exit_status": 0, "lines_applied": "2-3,5-6",
                      "lines_not_applied": "", "lines_unknown": "",
                      "lines_not_sent": ""}, "summary %r" % summary)
    check(run.err == b"", "stderr on success without a terminal: %r"
          % run.err)
    check(len(log) == 3, "%d requests" % len(log))
    expect_state(connections=1, handshakes=1)


@test
def plan_groups_identical_lists_and_splits_by_the_builds_capacity():
    # max_topics + 1 topics with one list: two calls; one topic with one
    # partition more than a call holds: two calls; every call names its
    # topics (a call without TopicName resets every topic of the group).
    same = ["s%d" % i for i in range(STACK.max_topics + 1)]
    set_topics("big", *same)
    lines = ["%s,0,5\n%s,1,6\n" % (t, t) for t in same]
    n = STACK.max_partitions + 1
    lines += ["big,%d,%d\n" % (i, 100 + i) for i in range(n)]
    with plan("".join(lines)) as path:
        run = tool("--from-file", path).expect(0)
    calls, summary = plan_lines(run)
    bodies = logged_bodies()
    check(len(bodies) == 4 and len(calls) == 4 and summary["calls"] == 4,
          "%d requests, %d calls: %r" % (len(bodies), len(calls), calls))
    for b in bodies:
        check(b.get("TopicName"), "a call without TopicName: %r" % b)
        check(len(b["TopicName"]) <= STACK.max_topics and
              len(b["Partitions"]) <= STACK.max_partitions, "body %r" % b)
    named = sorted(t for b in bodies for t in b["TopicName"])
    check(named == sorted(same + ["big", "big"]), "topics sent %r" % named)
    want = {t: {"0": 5, "1": 6} for t in same}
    want["big"] = {str(i): 100 + i for i in range(n)}
    check(offsets() == want, "stored %r" % offsets())
    expect_state(connections=1, handshakes=1)


@test
def plan_is_paced_to_20_requests_a_second_on_one_connection():
    names = ["p%02d" % i for i in range(30)]
    set_topics(*names)
    with plan("".join("%s,0,%d\n" % (t, i) for i, t in
                      enumerate(names))) as path:
        tool("--from-file", path, timeout=60).expect(0)
    log = S.state()["log"]
    check(len(log) == 30, "%d requests" % len(log))
    # 21 requests in under a second would break the API's limit; 50 ms
    # apart at the client, arrival jitter allowed for.
    t = [e["t"] for e in log]
    tightest = min(t[i + 20] - t[i] for i in range(len(t) - 20))
    check(tightest >= 0.95, "21 requests within %.3f s" % tightest)
    check(len(set(e["connection"] for e in log)) == 1,
          "%d connections" % len(set(e["connection"] for e in log)))
    expect_state(connections=1, handshakes=1)


@test
def plan_stops_at_the_first_rejected_call_and_sends_no_more():
    set_topics("a", "b", "c", "d")
    S.misbehave("normal")
    S.misbehave("error", count=10, code="FailedOperation",
                message="group is active")
    with plan("a,0,1\nb,0,2\n# c next\nc,0,3\nd,0,4\n") as path:
        run = tool("--from-file", path).expect(
            2, "API error FailedOperation: group is active",
            "the plan stopped at call 2 of 4.", "Applied: line 1.",
            "Not applied: line 2.", "Not sent: lines 4-5.",
            "running the same file again is safe")
    calls, summary = plan_lines(run)
    check([c["result"] for c in calls] == ["applied", "rejected"] and
          calls[1]["error"] == "FailedOperation", "calls %r" % calls)
    check(summary["summary"] == "stopped" and summary["exit_status"] == 2
          and summary["lines_not_sent"] == "4-5", "summary %r" % summary)
    check([b["TopicName"] for b in logged_bodies()] == [["a"], ["b"]],
          "sent %r" % logged_bodies())
    check(offsets() == {"a": {"0": 1}}, "stored %r" % offsets())
    check_own_lines(run)


@test
def plan_stops_at_an_unknown_outcome():
    set_topics("a", "b", "c")
    S.misbehave("normal")
    S.misbehave("close-after-request", count=10, apply=False)
    with plan("a,0,1\nb,0,2\nc,0,3\n") as path:
        run = tool("--from-file", path).expect(
            4, "outcome unknown", "the plan stopped at call 2 of 3.",
            "Outcome unknown: line 2.", "Not sent: line 3.")
    calls, summary = plan_lines(run)
    check(calls[-1]["result"] == "unknown" and summary["exit_status"] == 4,
          "calls %r, summary %r" % (calls, summary))
    check(all(b["TopicName"] != ["c"] for b in logged_bodies()),
          "call 3 was sent: %r" % logged_bodies())


@test
def plan_reopens_the_connection_only_when_the_server_closes_it():
    set_topics("a", "b", "c")
    S.misbehave("normal")
    S.misbehave("connection-close")
    with plan("a,0,1\nb,0,2\nc,0,3\n") as path:
        tool("--from-file", path).expect(0)
    check(offsets() == {"a": {"0": 1}, "b": {"0": 2}, "c": {"0": 3}},
          "stored %r" % offsets())
    expect_state(requests=3, connections=2)


@test
def plan_from_standard_input():
    set_topics("a")
    p = subprocess.run(tool_argv("--from-file", "-"), env=base_env(),
                       cwd=ROOT, input=b"a,0,11\na,1,12\n",
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=TIMEOUT_S)
    check(p.returncode == 0, "exit %d: %r" % (p.returncode, p.stderr))
    check(offsets() == {"a": {"0": 11, "1": 12}}, "stored %r" % offsets())


@test
def plan_file_faults_are_named_by_line_and_nothing_is_sent():
    cases = [
        ("topic,partition,offset\na,0,1\n",
         ["line 1: 'topic,partition,offset' is a header"]),
        ("a,0,1\na,0,2\n", ["line 2: topic 'a' partition 0 offset 2 "
                            "contradicts line 1 (offset 1)"]),
        ("a,0,1\na,x,1\na,1,-1\n",
         ["line 2: bad partition 'x'", "line 3: bad offset '-1'",
          "2 errors. Nothing was sent."]),
        ("g1,a,0,1\n", ["line 1: 4 fields: GROUP,TOPIC,PARTITION,OFFSET"]),
        ("# only a comment\n", ["holds no offsets"]),
    ]
    for text, says in cases:
        with plan(text) as path:
            run = tool("--from-file", path)
        check(run.rc == 1, "%r: %s" % (text, run.why()))
        err = run.err.decode("utf-8", "replace")
        check("--from-file '%s'" % path in err, "file not named: %s"
              % run.why())
        for want in says:
            check(want in err, "%r: stderr lacks %r: %s"
                  % (text, want, run.why()))
        check(run.out == b"", "stdout: %r" % run.out)
    run = tool("--from-file", "/nonexistent/plan.csv").expect(
        1, "--from-file '/nonexistent/plan.csv' cannot be opened")
    expect_state(connections=0)


@test
def plan_with_partition_or_topic_flags_is_a_usage_error():
    with plan("a,0,1\n") as path:
        usage_error("--from-file", path, "--partition", "0=1").expect(
            1, "--partition with --from-file")
        usage_error("--from-file", path, "--topic", "a").expect(
            1, "--topic with --from-file")
        usage_error("--from-file", path, "--from-file", path).expect(
            1, "bad --from-file '%s'" % path)
    usage_error("--from-file", "").expect(1, "bad --from-file ''")


@test
def plan_dry_run_prints_every_call_signed_and_redacted():
    set_topics("a", "b")
    with plan("a,0,1\nb,0,2\nb,1,3\n") as path:
        run = tool("--from-file", path, "--dry-run",
                   env=base_env(TENCENTCLOUD_SESSION_TOKEN="tok-plan-42"))
    run.expect(0)
    out = run.out.decode("utf-8", "replace")
    check(out.count("# call ") == 2 and "# call 1 of 2 (lines 1)" in out and
          "# call 2 of 2 (lines 2-3)" in out, "dry run: %s" % run.why())
    check(out.count("POST / HTTP/1.1") == 2 and
          out.count("Signature=<redacted>") == 2 and
          out.count("X-TC-Token: <redacted>") == 2, run.why())
    check('"TopicName":["a"]' in out and '"TopicName":["b"]' in out,
          run.why())
    for secret in ["tok-plan-42", harness.DEMO_SECRET_KEY]:
        check(secret not in out, "dry run shows a secret %r" % secret)
    expect_state(connections=0, requests=0)


@test
def plan_shows_progress_on_a_terminal():
    import pty
    set_topics("a", "b")
    master, slave = pty.openpty()
    try:
        p = subprocess.Popen(tool_argv("--from-file", plan_file(
            "a,0,1\nb,0,2\n")), env=base_env(), cwd=ROOT,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
        os.close(slave)
        slave = None
        out, _ = p.communicate(timeout=TIMEOUT_S)
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        os.close(master)
        if slave is not None:
            os.close(slave)
    check(p.returncode == 0, "exit %d, stderr %r" % (p.returncode, seen))
    text = seen.decode("utf-8", "replace")
    check("call 1 of 2 (lines 1)" in text and "call 2 of 2 (lines 2)" in text,
          "no progress on the terminal: %r" % text)
    check(text.endswith("\r\x1b[K"), "progress not cleared: %r" % text)
    check(out.count(b"\n") == 3, "stdout %r" % out)


# --- issue 9: credentials the way Tencent's SDKs find them -------------------------
# The environment, else ~/.tencentcloud/credentials, else
# /etc/tencentcloud/credentials (INI, [default] or --profile's section);
# a file others may read is refused, as ssh refuses a key.

@contextlib.contextmanager
def profile_home(text, mode=0o600):
    """A HOME whose ~/.tencentcloud/credentials holds `text`."""
    home = tempfile.mkdtemp()
    try:
        os.mkdir(os.path.join(home, ".tencentcloud"), 0o700)
        path = os.path.join(home, ".tencentcloud", "credentials")
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, mode)
        yield home, path
    finally:
        shutil.rmtree(home)


def file_env(home, **extra):
    return base_env(TENCENTCLOUD_SECRET_ID=None,
                    TENCENTCLOUD_SECRET_KEY=None, HOME=home, **extra)


GOOD_PROFILE = "[default]\nsecret_id = %s\nsecret_key = %s\n" % (
    harness.DEMO_SECRET_ID, harness.DEMO_SECRET_KEY)


@test
def credentials_from_the_home_profile_file():
    with profile_home(GOOD_PROFILE) as (home, _):
        tool("--partition", "0=21", "--topic", "topic-a",
             env=file_env(home)).expect(0)
    check(offsets() == {"topic-a": {"0": 21}}, "stored %r" % offsets())
    h, _ = last_headers()
    check(harness.DEMO_SECRET_ID in h.get("authorization", ""),
          "Authorization %r" % h.get("authorization"))


@test
def credentials_profile_flag_picks_a_section_and_errors_name_the_source():
    text = ("[default]\nsecret_id = %s\nsecret_key = not-the-key\n\n"
            "[ops]\nsecret_id = %s\nsecret_key = %s\n"
            % (harness.DEMO_SECRET_ID, harness.DEMO_SECRET_ID,
               harness.DEMO_SECRET_KEY))
    with profile_home(text) as (home, path):
        tool("--partition", "0=22", "--profile", "ops",
             env=file_env(home)).expect(0)
        run = tool("--partition", "0=23", env=file_env(home)).expect(
            2, "AuthFailure.SignatureFailure",
            "the credentials came from the file '%s', profile 'default'"
            % path)
        check("not-the-key" not in run.err.decode("utf-8", "replace"),
              "a secret on stderr: %s" % run.why())
        tool("--partition", "0=1", "--profile", "nosuch",
             env=file_env(home)).expect(1, "has no section [nosuch]")
    expect_state(requests=2)


@test
def credentials_token_from_the_profile_file():
    S.config(session_token="tok-file-5")
    with profile_home(GOOD_PROFILE + "token = tok-file-5\n") as (home, _):
        tool("--partition", "0=1", env=file_env(home)).expect(0)
    h, _ = last_headers()
    check(h.get("x-tc-token") == "tok-file-5", "X-TC-Token %r"
          % h.get("x-tc-token"))


@test
def credentials_file_others_may_read_is_refused_and_nothing_sent():
    for mode in (0o644, 0o640, 0o604):
        with profile_home(GOOD_PROFILE, mode) as (home, path):
            run = tool("--partition", "0=1", env=file_env(home)).expect(
                1, "credentials file '%s' is open to group or others "
                   "(mode %04o)" % (path, mode),
                "Run: chmod 600 %s" % path, "Nothing was sent")
        check(harness.DEMO_SECRET_KEY not in run.err.decode(), run.why())
    expect_state(connections=0)


@test
def credentials_missing_everywhere_say_where_they_were_looked_for():
    if os.path.exists("/etc/tencentcloud/credentials"):
        raise Fail("this machine has /etc/tencentcloud/credentials: the "
                   "test cannot tell the tool found none")
    home = tempfile.mkdtemp()
    try:
        tool("--partition", "0=1", env=file_env(home)).expect(
            1, "no credentials: TENCENTCLOUD_SECRET_ID and "
               "TENCENTCLOUD_SECRET_KEY are not set, and neither '%s/"
               ".tencentcloud/credentials' nor '/etc/tencentcloud/"
               "credentials' exists" % home)
        tool("--partition", "0=1", env=base_env(
            TENCENTCLOUD_SECRET_KEY=None, HOME=home)).expect(
            1, "TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY "
               "is not")
    finally:
        shutil.rmtree(home)
    expect_state(connections=0)


@test
def operator_restores_a_group_from_csv_with_profile_credentials():
    # The whole story in one run: Kafka's CSV, credentials only
    # in the profile file, on this stack's binary (the static one too).
    set_topics("orders", "payments")
    with profile_home(GOOD_PROFILE) as (home, _):
        with plan("orders,0,1200\norders,1,1187\npayments,0,9071\n") \
                as path:
            run = tool("--from-file", path, env=file_env(home)).expect(0)
    calls, summary = plan_lines(run)
    check(summary["summary"] == "complete" and summary["applied"] == 2,
          "summary %r" % summary)
    check(offsets() == {"orders": {"0": 1200, "1": 1187},
                        "payments": {"0": 9071}}, "stored %r" % offsets())


# --- issue 9: the version, and the static binary ------------------------------

@test
def version_is_the_one_in_ck_version_h():
    with open(os.path.join(ROOT, "core", "ck_version.h")) as f:
        want = [l.split('"')[1] for l in f
                if l.startswith("#define CK_VERSION ")]
    run = subprocess.run([STACK.tool, "--version"], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         timeout=TIMEOUT_S)
    check(run.returncode == 0 and run.stdout.decode() == "%s %s\n"
          % (STACK.prog or os.path.basename(STACK.tool), want[0]),
          "exit %d, stdout %r" % (run.returncode, run.stdout))


@test
def static_binary_needs_no_shared_library():
    with open(STACK.tool_path, "rb") as f:
        elf = f.read()
    check(elf[:4] == b"\x7fELF" and elf[4] == 2 and elf[5] == 1,
          "not a little-endian ELF64 file")
    phoff = int.from_bytes(elf[0x20:0x28], "little")
    phentsize = int.from_bytes(elf[0x36:0x38], "little")
    phnum = int.from_bytes(elf[0x38:0x3A], "little")
    kinds = [int.from_bytes(elf[phoff + i * phentsize:
                                phoff + i * phentsize + 4], "little")
             for i in range(phnum)]
    # PT_DYNAMIC (2), PT_INTERP (3): a loader and shared libraries.
    check(2 not in kinds and 3 not in kinds,
          "program headers %r: dynamically linked" % kinds)
    ldd = subprocess.run(["ldd", STACK.tool_path], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, timeout=TIMEOUT_S)
    check(b"not a dynamic executable" in ldd.stdout, "ldd: %r" % ldd.stdout)


# --- the firmware alone -----------------------------------------------------------

MFL2K_IMAGE = os.environ.get(
    "CKAFKA_QEMU_MFL2K_IMAGE",
    os.path.join(ROOT, "build", "firmware-qemu-mps2-an386-mfl2k",
                 "ckafka-fw.elf"))

# An answer whose head alone is over 2 KiB: one TLS record of a server
# that ignores max_fragment_length would not fit the 2 KiB-record image.
BIG_HEADERS = [["X-Pad-%d" % i, "p" * 440] for i in range(5)]


@contextlib.contextmanager
def mfl_ignoring_front():
    """A TLS server that ignores max_fragment_length (Java's own TLS with
    the extension switched off: tests/firmware/MflIgnoringFront.java) in
    front of the stand-in; yields its "127.0.0.1:PORT"."""
    java = shutil.which("java")
    if java is None:
        raise Fail("no java (scripts/install-deps.sh --qemu installs one)")
    keystore = os.path.join(CERTS, "front.p12")
    subprocess.run(["openssl", "pkcs12", "-export", "-in",
                    os.path.join(CERTS, "server.pem"), "-inkey",
                    os.path.join(CERTS, "server.key"), "-out", keystore,
                    "-passout", "pass:front"], check=True, timeout=60,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc = subprocess.Popen(
        [java, "-Djdk.tls.server.disableExtensions=max_fragment_length",
         os.path.join(ROOT, "tests", "firmware", "MflIgnoringFront.java"),
         keystore, "front", str(S.port)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        line = []
        reader = threading.Thread(
            target=lambda: line.append(proc.stdout.readline()), daemon=True)
        reader.start()
        reader.join(120)
        words = (line[0] if line else "").split()
        check(len(words) == 3 and words[0] == "listening",
              "the Java front did not start: %r" % line)
        yield "127.0.0.1:%s" % words[2]
    finally:
        proc.kill()
        proc.wait(10)


@test
def small_records_image_works_with_a_server_that_honours_mfl():
    # The stand-in's OpenSSL honours max_fragment_length: the 2.5 KiB
    # answer comes in records the image's 2 KiB buffer holds.
    S.misbehave("normal", extra_headers=BIG_HEADERS)
    out = tool("--partition", "0=77", env=base_env(
        CKAFKA_QEMU_IMAGE=MFL2K_IMAGE)).expect(0).json_out()
    check(out.get("RequestId") == S.state()["last_result"]["RequestId"],
          "stdout %r" % out)
    check(offsets() == {"topic-a": {"0": 77}, "topic-b": {"0": 77}},
          "stored %r" % offsets())


@test
def small_records_image_refuses_a_server_that_ignores_mfl():
    with mfl_ignoring_front() as front:
        # The front is a working TLS server: the full-record image goes
        # through it.
        tool("--partition", "0=5", connect=front).expect(0)
        S.reset()
        run = tool("--partition", "0=6", connect=front, env=base_env(
            CKAFKA_QEMU_IMAGE=MFL2K_IMAGE))
    run.expect(3, "max_fragment_length", "nothing was applied")
    expect_state(requests=0, app_bytes=0)
    check(offsets() is None, "something was stored")


@test
def firmware_reports_its_stack_and_cpu_time():
    stats = os.path.join(CERTS, "stats.json")
    if os.path.exists(stats):
        os.remove(stats)
    tool("--partition", "0=1", env=base_env(CKAFKA_QEMU_STATS=stats)).expect(0)
    with open(stats) as f:
        got = json.load(f)
    # The paint at reset must show a real call's depth (a handshake's RSA
    # check alone takes over 2 KiB), and never the whole reservation.
    check(2048 < got["stack_used"] < got["stack_size"],
          "stack high-water mark %r of %r" % (got["stack_used"],
                                              got["stack_size"]))
    check(got["opens"] == 1 and 0 < got["open_cpu_ns"][0]
          <= got["call_cpu_ns"], "CPU times %r" % got)


# --- issue 8: what the tool reports is what happened ------------------------------
# Each of these failed before the fix it names. Kept together at the end so the
# suite's other sections stay as they are.

def delivered_then_unanswered(*first_modes, last="close-after-request", **kw):
    """The first requests get `first_modes` (each answered, so the tool
    retries on the same connection); the last one is read whole, left
    unanswered, and every later connection is refused."""
    for mode in first_modes:
        S.misbehave(mode, **kw)
    S.misbehave(last, then_refuse=True)
    run = tool("--partition", "0=1").expect(4, "outcome unknown")
    check("nothing was applied" not in run.err.decode(),
          "reported as not applied: %s" % run.why())
    state = expect_state(requests=len(first_modes) + 1)
    # What the tool must not deny: the unanswered request was applied.
    check(offsets() is not None, "the stand-in stored nothing")
    return state


@test
def retried_request_closed_unanswered_is_outcome_unknown():
    delivered_then_unanswered("request-limit")


@test
def retried_request_reset_unanswered_is_outcome_unknown():
    delivered_then_unanswered("http-500", last="reset-after-request")


@test
def request_after_clock_fix_closed_unanswered_is_outcome_unknown():
    S.clock(3600)
    delivered_then_unanswered("normal")


@test
def unsolicited_response_is_not_taken_for_the_retrys_answer():
    S.misbehave("unsolicited")
    out = tool("--partition", "0=1").expect(0).json_out()
    state = expect_state(requests=2, connections=2)
    check(out.get("RequestId") == state["last_result"]["RequestId"],
          "RequestId %r, the stand-in answered %r"
          % (out.get("RequestId"), state["last_result"]["RequestId"]))
    check(offsets() is not None, "nothing stored")


@test
def signature_expire_with_absurd_date_is_the_api_error():
    # The server's clock says 1900-01-01: correcting from it would leave
    # nothing the tool could sign; the API's answer must come through.
    S.clock(-(time.time() + 2208988800))
    tool("--partition", "0=1").expect(2, "AuthFailure.SignatureExpire",
                                      "RequestId")
    expect_state(requests=1)


@test
def deadline_bounds_slow_transient_errors():
    # Four slow InternalErrors would take 4 x 1 s and more; the deadline
    # ends the call after the second or third. The stack's slack (a lost
    # first ARP exchange on lwIP) is added to the deadline, which includes
    # connecting; each second of it may leave room for one more attempt.
    slack = STACK.slack_ms
    S.misbehave("http-500", count=10, delay_ms=1000)
    run = tool("--partition", "0=1", "--timeout-ms", "5000",
               "--deadline-ms", str(2500 + slack))
    check(run.rc in (2, 4), "expected exit 2 or 4: %s" % run.why())
    check(run.seconds < 4.0 + slack / 1000, "took %.1f s" % run.seconds)
    state = S.state()
    check(2 <= state["requests"] <= 3 + slack // 1000,
          "requests: %d" % state["requests"])
    if run.rc == 2:
        run.expect(2, "InternalError")
    else:
        run.expect(4, "outcome unknown")


@test
def default_deadline_is_three_timeouts():
    # The timeout includes connecting: the stack's slack goes into it.
    timeout_ms = 1000 + STACK.slack_ms
    S.misbehave("http-500", count=10, delay_ms=timeout_ms - 100)
    run = tool("--partition", "0=1", "--timeout-ms", str(timeout_ms))
    check(run.rc in (2, 4), "expected exit 2 or 4: %s" % run.why())
    # Three answers take 2.7 timeouts; the backoffs are random (full
    # jitter), so now and then a fourth attempt still starts before the
    # deadline. Then the deadline, not its answer, must end it: without a
    # deadline all four answers come back (exit 2, after 3.6 timeouts).
    requests = S.state()["requests"]
    check(requests <= 3 or (requests == 4 and run.rc == 4),
          "%d attempts, exit %d: the deadline did not end the call"
          % (requests, run.rc))
    check(run.seconds < 3 * timeout_ms / 1000 + 0.8,
          "took %.1f s" % run.seconds)


@test
def deadline_during_the_wait_for_an_answer_is_outcome_unknown():
    slack = STACK.slack_ms
    S.misbehave("delay", count=10, ms=3000 + slack)
    run = tool("--partition", "0=1", "--timeout-ms", "10000",
               "--deadline-ms", str(800 + slack)).expect(
        4, "outcome unknown", "CK_ERR_RECV_TIMEOUT")
    check(run.seconds < 2.5 + slack / 1000, "took %.1f s" % run.seconds)


@test
def usage_bad_deadline():
    for bad in ["0", "abc", "-5", "10800001", "99999999999999999999"]:
        run = tool("--partition", "0=1", "--deadline-ms", bad)
        check(run.rc == 1, "--deadline-ms %r: %s" % (bad, run.why()))
    expect_state(connections=0)


@test
def help_says_what_each_bound_bounds():
    run = subprocess.run([STACK.tool_path, "--help"], cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    out = run.stdout.decode()
    check("--deadline-ms N" in out and "whole call" in out,
          "--help lacks --deadline-ms: %r" % out)
    check("in every attempt" in out, "--help: --timeout-ms %r" % out)


# --- runner -------------------------------------------------------------------

def main(argv):
    global STACK, S, CERTS
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--stack", choices=sorted(STACKS), default="posix")
    # Given by the run outside to the run inside the stack's namespace.
    p.add_argument(tapnet.INSIDE, dest="inside", action="store_true",
                   help=argparse.SUPPRESS)
    p.add_argument("names", nargs="*", metavar="NAME",
                   help="run only these tests")
    args = p.parse_args(argv[1:])
    STACK = STACKS[args.stack]
    tag = STACK.tag

    # A reason filed under a name no test has would leave out nothing.
    stray = sorted(set(STACK.left_out) - {t.__name__ for t in SUITE.tests})
    if stray:
        print("FAIL setup: left out for %s, but no such test: %s"
              % (STACK.name, " ".join(stray)))
        print("%s: 0 passed, 1 failed" % tag)
        return 1

    reason = STACK.skip()
    if reason:
        print("%s: skipped: %s" % (tag, reason))
        return 0
    if STACK.namespace and not args.inside:
        reason = tapnet.skip_reason()
        if reason:
            print("%s: skipped: %s" % (tag, reason))
            return 0
        return tapnet.run_inside(__file__, argv[1:], tag, ROOT)

    chosen = SUITE.chosen(set(args.names))
    for fn in chosen:
        if fn.__name__ in STACK.left_out:
            print("left out %s: %s" % (fn.__name__, STACK.left_out[fn.__name__]))
    chosen = [fn for fn in chosen if fn.__name__ not in STACK.left_out]

    def on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    CERTS = os.path.join(ROOT, "build", tag + "-certs")
    try:
        if STACK.namespace:
            tapnet.set_up()
        harness.make_certs(CERTS)
        S = harness.StandinProcess(CERTS, bind=STACK.bind)
    except Exception as e:  # noqa: BLE001
        print("FAIL setup: %s: %s" % (type(e).__name__, e))
        print("%s: 0 passed, %d failed" % (tag, len(chosen)))
        return 1
    tool_present = os.access(STACK.tool_path, os.X_OK)

    def before(fn):
        if not fn.__name__.startswith("standin_") and not tool_present:
            raise Fail("the tool %s does not exist (set %s or build it)"
                       % (STACK.tool, STACK.tool_env))

    return run_tests(tag, chosen, S, before)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
