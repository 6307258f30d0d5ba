#!/usr/bin/env python3
"""A stand-in for the Tencent Cloud CKafka API endpoint, for tests and the demo.

It speaks HTTPS on 127.0.0.1 (or --bind ADDR) and answers one action,
BatchModifyGroupOffsets (API 3.0, version 2019-08-19), the way the real
service does: every request is checked for its HTTP shape, the common X-TC-*
headers, the TC3-HMAC-SHA256 signature (recomputed here by an implementation
of its own) and the body, and answered with an API 3.0 envelope with HTTP
status 200. Accepted offsets are kept in memory per instance, group, topic
and partition.

Python 3 standard library only.

    ckafka_standin.py --cert server.pem --key server.key [--port 0]
                      [--bind ADDR] [--port-file FILE]
                      [--secret-id ID --secret-key KEY]
                      [--session-token TOKEN] [--instance ID ...]
                      [--topics topic-a,topic-b]

Once listening it prints exactly one line, "listening <addr> <port>", to
stdout (addr is --bind, default 127.0.0.1; an IPv4 address). Default
credentials (also in the DEMO_* constants below):

    TENCENTCLOUD_SECRET_ID=AKIDstandindemo000000000000000000000
    TENCENTCLOUD_SECRET_KEY=standin-demo-secret-key-0000000000

Checks, in this order (the first failing one answers):
   1. path "/" (else 404, plain text) and method POST (else 405, plain text);
   2. Content-Type application/json, parameters allowed (else InvalidRequest);
   3. X-TC-Action: missing -> InvalidAction; not BatchModifyGroupOffsets ->
      InvalidParameterValue.WrongAction;
   4. X-TC-Version == 2019-08-19 (else NoSuchVersion);
   5. X-TC-Region: missing -> MissingParameter; unknown -> UnsupportedRegion;
   6. X-TC-Timestamp: missing -> MissingParameter; not decimal ->
      InvalidParameter; more than 300 s from server time ->
      AuthFailure.SignatureExpire;
   7. Authorization parsed (else AuthFailure.InvalidAuthorization);
   8. SecretId known (else AuthFailure.SecretIdNotFound);
   9. credential scope (date of the timestamp, service = first label of the
      Host, tc3_request) and signature (else AuthFailure.SignatureFailure);
  10. X-TC-Token equal to the configured session token; with no token
      configured a non-empty X-TC-Token is refused too
      (else AuthFailure.TokenFailure);
  11. body: JSON object (else InvalidParameter), no duplicate keys
      (InvalidParameter), GroupName/InstanceId/Partitions present
      (MissingParameter), no unknown parameters (UnknownParameter), types
      (InvalidParameter), values: empty strings/arrays, partition outside
      0..2^31-1, offset outside int64 (InvalidParameterValue), repeated
      partition or topic (InvalidParameterValue.RepetitionValue), instance
      known (InvalidParameterValue.InstanceNotExist), topics known
      (InvalidParameterValue, "topic ... does not exist").
Then the offsets are stored (TopicName absent = every topic of the instance)
and the answer is
  {"Response":{"Result":{"ReturnCode":"OK","ReturnMessage":"success",
   "Data":{"FlowId":n,"RouteDTO":{"RouteId":100000+n}}},"RequestId":uuid4}}
with n counting successful calls from 1. X-TC-Language: zh-CN gives Chinese
messages. Every response carries Date (server clock, with the skew below) and
Content-Length (except where a misbehaviour says otherwise).

TLS sessions can be resumed (by session id, as a TLS 1.2 client without
tickets does): every connection that ends in order -- all but those a
misbehaviour cuts off -- sends close_notify before closing, without which
OpenSSL would forget the session.

Control plane for tests: plain JSON over the same TLS port, paths under
/_standin/, no authentication, clients on this host only (loopback or the
--bind address).
  GET  /_standin/state      {"offsets": {instance: {group: {topic:
                            {partition: offset}}}}, "requests": n,
                            "connections": n, "handshakes": n,
                            "resumed": n, "app_bytes": n,
                            "last_request": {...}, "last_result": {...},
                            "pending_misbehaviour": n, "skew_s": S,
                            "log": [{"t": T, "connection": C, "body": B}]}
                            requests counts API requests (everything outside
                            /_standin/); connections counts TCP connections
                            accepted (TLS completed or not); handshakes counts
                            completed TLS handshakes, resumed those of them
                            that resumed an earlier session; app_bytes counts
                            bytes read after the handshake, so 0 means no
                            request byte reached the server. Connections whose
                            first request is a control request are not
                            counted. log holds every API request since the
                            reset: T its arrival (monotonic seconds), C an id
                            of its connection, B its body.
  POST /_standin/misbehave  {"mode": M, "count": N (default 1), ...}: the next
                            N API requests misbehave. Modes:
      error               answer Error "code" (default FailedOperation) and
                          "message"; HTTP "status" (default 200)
      request-limit       answer RequestLimitExceeded (or "code")
      http-500            HTTP 500 with an InternalError envelope
      return-code         a Result whose ReturnCode is "return_code" (default
                          "-1") and ReturnMessage "return_message"
      null-data           a Result whose Data is null
      close-after-request read the request fully, then close, no answer
      close-before-body   send the status line and headers, then close
      partial-body        Content-Length larger than the body sent, then close
      garbage             a non-JSON body (HTML), properly framed
      invalid-json        {"Response":{"RequestId":"x" "Result":{}}}
      chunked             the normal answer, Transfer-Encoding: chunked, in
                          chunks of "chunk" bytes (default 7)
      no-framing          no Content-Length, no chunking; the body ends when
                          the connection closes (with TLS close_notify)
      delay               sleep "ms" (default 1000) before answering normally
      silent              read the request, never answer, and hold the
                          connection until the client closes it
      connection-close    the normal answer with Connection: close, then close
      huge                the normal answer padded to "bytes" (default 65536)
      normal              the normal answer (to carry the options below)
      raw                 answer "body" verbatim (a string), HTTP "status"
                          (default 200), "content_type"
    Options for any mode: "connection_close": true answers with Connection:
    close and closes; "no_date": true leaves out the Date header;
    "extra_headers": [[name, value], ...] adds response headers.
    The modes that deliver "the normal answer" (and close-after-request,
    close-before-body, partial-body, garbage, invalid-json, silent) process the
    request first, so valid offsets ARE stored -- the client just never
    learns it; pass "apply": false to skip storing. error, request-limit,
    http-500 and raw store nothing.
  POST /_standin/clock      {"skew_s": S}: the server clock runs S seconds
                            ahead (negative: behind); used by the timestamp
                            check and the Date header.
  POST /_standin/config     {"session_token": str|null, "ascii_json": bool,
                            "topics": [str]}: change the required token;
                            ascii_json true sends non-ASCII message text
                            \\u-escaped instead of raw UTF-8 (default raw);
                            topics replaces the instance's topics (--topics).
  POST /_standin/reset      clear offsets, counters, queued misbehaviour and
                            clock skew, and restore the startup configuration.

More misbehaviour, for the outcome the client reports when a request was
delivered but never answered, or an answer came that nobody asked for:
      reset-after-request read the request fully (valid offsets ARE stored),
                          then reset the connection (RST): no answer
      unsolicited         answer Error "code" (default RequestLimitExceeded,
                          which clients retry), then, in TLS records of its
                          own, a second complete response nobody asked for
                          ("body", default a success envelope whose RequestId
                          is "unsolicited"); after that nothing more is read
                          on the connection, which is reset after
                          "linger_ms" (default 1000). Stores nothing.
    Option for any mode: "then_refuse": N (true = 1) makes the stand-in
    refuse the next N connections (closed right after accept, before TLS;
    still counted in "connections"), unless a reset comes first. The control
    plane's connections are refused too, so N should be the number of
    reconnects the client is expected to make. "delay_ms": N, also for any
    mode, waits N ms after reading the request, before anything else (a
    slow error, say).
"""

import argparse
import datetime
import email.utils
import hashlib
import hmac
import io
import ipaddress
import json
import socket
import ssl
import struct
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DEMO_SECRET_ID = "AKIDstandindemo000000000000000000000"
DEMO_SECRET_KEY = "standin-demo-secret-key-0000000000"

ACTION = "BatchModifyGroupOffsets"
VERSION = "2019-08-19"
MAX_SKEW_S = 300
MAX_BODY = 1 << 20
INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
INT32_MAX = (1 << 31) - 1

REGIONS = frozenset("""
    ap-guangzhou ap-shanghai ap-beijing ap-chengdu ap-chongqing ap-nanjing
    ap-hongkong ap-taipei ap-singapore ap-bangkok ap-jakarta ap-mumbai
    ap-seoul ap-tokyo na-siliconvalley na-ashburn na-toronto eu-frankfurt
    sa-saopaulo ap-shanghai-fsi ap-shenzhen-fsi ap-beijing-fsi
""".split())

MISBEHAVIOURS = frozenset("""
    normal raw error request-limit http-500 return-code null-data close-after-request
    close-before-body partial-body garbage invalid-json chunked no-framing
    delay connection-close huge silent
""".split())
# Added with their own docstring block above.
MISBEHAVIOURS = MISBEHAVIOURS | frozenset(["reset-after-request", "unsolicited"])
UNSOLICITED_BODY = ('{"Response":{"Result":{"ReturnCode":"OK","ReturnMessage":'
                    '"success","Data":{"FlowId":0,"RouteDTO":{"RouteId":0}}},'
                    '"RequestId":"unsolicited"}}')

# Message templates per code: (English, Chinese). {d} is a detail string.
MESSAGES = {
    "InvalidRequest": (
        "The request is invalid: {d}",
        "请求不合法：{d}"),
    "InvalidAction": (
        "The action `{d}` is not found, or the Action parameter is missing.",
        "接口不存在或缺少 Action 参数：`{d}`。"),
    "InvalidParameterValue.WrongAction": (
        "The value of the Action parameter is incorrect: `{d}`.",
        "Action 参数取值错误：`{d}`。"),
    "NoSuchVersion": (
        "The API version `{d}` does not exist for this action.",
        "接口版本 `{d}` 不存在。"),
    "MissingParameter": (
        "The request is missing a required parameter `{d}`.",
        "缺少必填参数 `{d}`。"),
    "UnsupportedRegion": (
        "The region `{d}` is not supported.",
        "不支持地域 `{d}`。"),
    "InvalidParameter": (
        "Invalid parameter: {d}",
        "参数错误：{d}"),
    "InvalidParameterValue": (
        "Invalid parameter value: {d}",
        "参数取值错误：{d}"),
    "InvalidParameterValue.RepetitionValue": (
        "The parameter already exists: {d}",
        "参数重复：{d}"),
    "InvalidParameterValue.InstanceNotExist": (
        "The instance does not exist: {d}",
        "实例不存在：{d}"),
    "UnknownParameter": (
        "The parameter `{d}` is not recognized.",
        "未知参数 `{d}`。"),
    "AuthFailure.SignatureExpire": (
        "Signature expired. Timestamp {d}; the timestamp must be within "
        "300 seconds of the server time.",
        "签名过期。Timestamp 为 {d}，与服务器时间相差不得超过五分钟，"
        "请检查本地时间是否和标准时间同步。"),
    "AuthFailure.InvalidAuthorization": (
        "The Authorization header is invalid: {d}",
        "请求头部的 Authorization 不符合腾讯云标准：{d}"),
    "AuthFailure.SecretIdNotFound": (
        "The SecretId is not found, please ensure that your SecretId is "
        "correct: {d}",
        "密钥不存在，请检查密钥是否填写正确：{d}"),
    "AuthFailure.SignatureFailure": (
        "The provided credentials could not be validated. Please check "
        "your signature is correct. {d}",
        "请求签名验证失败，请检查您的签名计算是否正确。{d}"),
    "AuthFailure.TokenFailure": (
        "Token verification failed: {d}",
        "Token 校验失败：{d}"),
    "RequestLimitExceeded": (
        "Your request rate exceeds the limit of 20 requests per second "
        "for this action. {d}",
        "请求的次数超过了频率限制（每秒 20 次）。{d}"),
    "InternalError": (
        "An internal error occurred. {d}",
        "内部错误。{d}"),
    "RequestSizeLimitExceeded": (
        "The request body exceeds the size limit: {d}",
        "请求包超过限制大小：{d}"),
    "FailedOperation": (
        "Operation failed. {d}",
        "操作失败。{d}"),
}


# --- TC3-HMAC-SHA256, written from the published algorithm ------------------

def _hmac_sha256(key, msg):
    return hmac.new(key, msg.encode("utf-8"), hashlib.sha256).digest()


def tc3_date(timestamp):
    """UTC date (YYYY-MM-DD) of a unix timestamp, as the credential scope uses it."""
    epoch = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    return (epoch + datetime.timedelta(seconds=timestamp)).strftime("%Y-%m-%d")


def tc3_signature(secret_key, service, timestamp, payload, canonical_headers,
                  signed_headers="content-type;host"):
    """Hex signature over a POST / request.

    canonical_headers is the "name:value\\n" block of the signed headers, in
    SignedHeaders order; payload the exact body bytes.
    """
    canonical_request = "\n".join([
        "POST", "/", "", canonical_headers, signed_headers,
        hashlib.sha256(payload).hexdigest()])
    date = tc3_date(timestamp)
    scope = "%s/%s/tc3_request" % (date, service)
    string_to_sign = "\n".join([
        "TC3-HMAC-SHA256", str(timestamp), scope,
        hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()])
    k_date = _hmac_sha256(("TC3" + secret_key).encode("utf-8"), date)
    k_service = _hmac_sha256(k_date, service)
    k_signing = _hmac_sha256(k_service, "tc3_request")
    return hmac.new(k_signing, string_to_sign.encode("utf-8"),
                    hashlib.sha256).hexdigest()


def tc3_authorization(secret_id, secret_key, service, host, timestamp,
                      content_type, payload):
    """The Authorization header value for content-type;host signing."""
    canonical_headers = "content-type:%s\nhost:%s\n" % (content_type, host)
    signature = tc3_signature(secret_key, service, timestamp, payload,
                              canonical_headers)
    return ("TC3-HMAC-SHA256 Credential=%s/%s/%s/tc3_request, "
            "SignedHeaders=content-type;host, Signature=%s"
            % (secret_id, tc3_date(timestamp), service, signature))


def host_without_port(host):
    """'name:443' -> 'name', '[::1]:443' -> '[::1]'."""
    if host.startswith("["):
        end = host.find("]")
        return host[:end + 1] if end >= 0 else host
    return host.split(":", 1)[0]


def parse_authorization(value):
    """(secret_id, date, service, terminator, signed_headers, signature) or
    raises ValueError saying what is wrong."""
    algorithm, _, rest = value.strip().partition(" ")
    if algorithm != "TC3-HMAC-SHA256":
        raise ValueError("algorithm must be TC3-HMAC-SHA256")
    fields = {}
    for part in rest.split(","):
        key, eq, val = part.strip().partition("=")
        if not eq or not key or key in fields:
            raise ValueError("malformed field %r" % part.strip())
        fields[key] = val
    if set(fields) != {"Credential", "SignedHeaders", "Signature"}:
        raise ValueError("fields must be Credential, SignedHeaders, Signature")
    credential = fields["Credential"].split("/")
    if len(credential) != 4 or not all(credential):
        raise ValueError("Credential must be SecretId/Date/service/tc3_request")
    signed = fields["SignedHeaders"].split(";")
    if (not all(signed) or signed != sorted(set(signed))
            or any(h != h.lower() for h in signed)
            or "content-type" not in signed or "host" not in signed):
        raise ValueError("SignedHeaders must be sorted lowercase names "
                         "including content-type and host")
    signature = fields["Signature"]
    if len(signature) != 64 or any(c not in "0123456789abcdef" for c in signature):
        raise ValueError("Signature must be 64 lowercase hex digits")
    return credential[0], credential[1], credential[2], credential[3], \
        signed, signature


# --- the API --------------------------------------------------------------------

class ApiError(Exception):
    def __init__(self, code, detail="", status=200):
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.status = status


def message_for(code, detail, language):
    en, zh = MESSAGES.get(code, ("{d}", "{d}"))
    text = zh if language == "zh-CN" else en
    return text.format(d=detail).strip()


def _no_duplicate_keys(pairs):
    obj = {}
    for key, value in pairs:
        if key in obj:
            raise ValueError("duplicate key %r" % key)
        obj[key] = value
    return obj


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


class Standin:
    """Configuration and in-memory state, shared by the handler threads."""

    def __init__(self, args):
        self.lock = threading.Lock()
        self.secrets = {args.secret_id: args.secret_key}
        self.startup_token = args.session_token
        self.instances = list(dict.fromkeys(args.instance or ["ckafka-demo"]))
        self.startup_topics = [t for t in args.topics.split(",") if t]
        self.reset()

    def reset(self):
        with self.lock:
            self.offsets = {}
            self.requests = 0
            self.connections = 0
            self.handshakes = 0
            self.resumed = 0
            self.app_bytes = 0
            self.generation = getattr(self, "generation", 0) + 1
            self.successes = 0
            self.misbehaviour = []
            self.skew_s = 0
            self.session_token = self.startup_token
            self.ascii_json = False
            self.last_request = None
            self.last_result = None
            self.topics = list(self.startup_topics)
            self.log = []

    def now(self):
        with self.lock:
            return time.time() + self.skew_s

    def snapshot(self):
        with self.lock:
            return {
                "offsets": json.loads(json.dumps(self.offsets)),
                "requests": self.requests,
                "connections": self.connections,
                "handshakes": self.handshakes,
                "resumed": self.resumed,
                "app_bytes": self.app_bytes,
                "last_request": self.last_request,
                "last_result": self.last_result,
                "pending_misbehaviour": len(self.misbehaviour),
                "skew_s": self.skew_s,
                "log": list(self.log),
            }

    def note_api_request(self, method, path, headers, body, takes_misbehaviour,
                         connection=0):
        """Counts and logs the request and, for a POST /, takes the next
        queued misbehaviour, if any."""
        with self.lock:
            self.requests += 1
            self.log.append({"t": time.monotonic(), "connection": connection,
                             "body": body.decode("utf-8", "replace")})
            self.last_request = {
                "method": method, "path": path,
                "headers": {k: v for k, v in headers.items()},
                "body": body.decode("utf-8", "replace"),
            }
            if takes_misbehaviour and self.misbehaviour:
                return self.misbehaviour.pop(0)
            return None

    # The checks, in the documented order. Raises ApiError.
    def check(self, headers, body):
        content_type = headers.get("Content-Type")
        if content_type is None or \
                content_type.split(";", 1)[0].strip().lower() != "application/json":
            raise ApiError("InvalidRequest",
                           "Content-Type must be application/json, got %r"
                           % content_type)
        action = headers.get("X-TC-Action")
        if not action:
            raise ApiError("InvalidAction", "")
        if action != ACTION:
            raise ApiError("InvalidParameterValue.WrongAction", action)
        version = headers.get("X-TC-Version")
        if version != VERSION:
            raise ApiError("NoSuchVersion", version or "")
        region = headers.get("X-TC-Region")
        if not region:
            raise ApiError("MissingParameter", "Region")
        if region not in REGIONS:
            raise ApiError("UnsupportedRegion", region)
        timestamp = headers.get("X-TC-Timestamp")
        if timestamp is None:
            raise ApiError("MissingParameter", "Timestamp")
        if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 12:
            raise ApiError("InvalidParameter",
                           "X-TC-Timestamp %r is not unix seconds" % timestamp)
        timestamp = int(timestamp)
        now = int(self.now())
        if abs(now - timestamp) > MAX_SKEW_S:
            raise ApiError("AuthFailure.SignatureExpire",
                           "%d, server time %d" % (timestamp, now))
        authorization = headers.get("Authorization")
        if not authorization:
            raise ApiError("AuthFailure.InvalidAuthorization",
                           "the Authorization header is missing")
        try:
            secret_id, date, service, terminator, signed, signature = \
                parse_authorization(authorization)
        except ValueError as e:
            raise ApiError("AuthFailure.InvalidAuthorization", str(e))
        with self.lock:
            secret_key = self.secrets.get(secret_id)
            token_wanted = self.session_token
        if secret_key is None:
            raise ApiError("AuthFailure.SecretIdNotFound", secret_id)
        host = host_without_port(headers.get("Host", ""))
        want_service = host.split(".", 1)[0]
        want_scope = (tc3_date(timestamp), want_service, "tc3_request")
        if (date, service, terminator) != want_scope:
            raise ApiError("AuthFailure.SignatureFailure",
                           "Credential scope %s, expected %s."
                           % ("/".join((date, service, terminator)),
                              "/".join(want_scope)))
        lines = []
        for name in signed:
            value = headers.get(name)
            if value is None:
                raise ApiError("AuthFailure.InvalidAuthorization",
                               "signed header %s is missing" % name)
            if name == "host":
                value = host
            elif name != "content-type":
                value = value.strip().lower()
            lines.append("%s:%s\n" % (name, value.strip()))
        expected = tc3_signature(secret_key, service, timestamp, body,
                                 "".join(lines), ";".join(signed))
        if not hmac.compare_digest(expected, signature):
            raise ApiError("AuthFailure.SignatureFailure", "")
        token = headers.get("X-TC-Token") or None
        if token_wanted is None:
            if token is not None:
                raise ApiError("AuthFailure.TokenFailure",
                               "a token was sent with permanent credentials")
        elif token is None or not hmac.compare_digest(
                token.encode("utf-8"), token_wanted.encode("utf-8")):
            raise ApiError("AuthFailure.TokenFailure",
                           "the token is missing or wrong")
        return self.check_body(body)

    def check_body(self, body):
        try:
            params = json.loads(body.decode("utf-8"),
                                object_pairs_hook=_no_duplicate_keys)
        except (UnicodeDecodeError, ValueError) as e:
            raise ApiError("InvalidParameter", "the body is not JSON: %s" % e)
        if not isinstance(params, dict):
            raise ApiError("InvalidParameter", "the body is not a JSON object")
        for name in ("GroupName", "InstanceId", "Partitions"):
            if name not in params:
                raise ApiError("MissingParameter", name)
        for name in params:
            if name not in ("GroupName", "InstanceId", "Partitions", "TopicName"):
                raise ApiError("UnknownParameter", name)
        group, instance = params["GroupName"], params["InstanceId"]
        partitions, topics = params["Partitions"], params.get("TopicName")
        for name, value in (("GroupName", group), ("InstanceId", instance)):
            if not isinstance(value, str):
                raise ApiError("InvalidParameter", "%s must be a string" % name)
        if not isinstance(partitions, list):
            raise ApiError("InvalidParameter", "Partitions must be an array")
        for i, entry in enumerate(partitions):
            if not isinstance(entry, dict):
                raise ApiError("InvalidParameter",
                               "Partitions.%d must be an object" % i)
            for name in entry:
                if name not in ("Partition", "Offset"):
                    raise ApiError("UnknownParameter", "Partitions.%d.%s" % (i, name))
            for name in ("Partition", "Offset"):
                if name not in entry:
                    raise ApiError("MissingParameter", "Partitions.%d.%s" % (i, name))
                if not _is_int(entry[name]):
                    raise ApiError("InvalidParameter",
                                   "Partitions.%d.%s must be an integer" % (i, name))
        if topics is not None:
            if not isinstance(topics, list) or \
                    not all(isinstance(t, str) for t in topics):
                raise ApiError("InvalidParameter",
                               "TopicName must be an array of strings")
        if not group:
            raise ApiError("InvalidParameterValue", "GroupName is empty")
        if not instance:
            raise ApiError("InvalidParameterValue", "InstanceId is empty")
        if not partitions:
            raise ApiError("InvalidParameterValue", "Partitions is empty")
        seen = set()
        for i, entry in enumerate(partitions):
            if not 0 <= entry["Partition"] <= INT32_MAX:
                raise ApiError("InvalidParameterValue",
                               "Partitions.%d.Partition %d is out of range"
                               % (i, entry["Partition"]))
            if not INT64_MIN <= entry["Offset"] <= INT64_MAX:
                raise ApiError("InvalidParameterValue",
                               "Partitions.%d.Offset is not a 64-bit integer" % i)
            if entry["Partition"] in seen:
                raise ApiError("InvalidParameterValue.RepetitionValue",
                               "partition %d" % entry["Partition"])
            seen.add(entry["Partition"])
        if topics is not None:
            if not topics:
                raise ApiError("InvalidParameterValue",
                               "TopicName is an empty array")
            if len(set(topics)) != len(topics):
                raise ApiError("InvalidParameterValue.RepetitionValue",
                               "TopicName repeats a topic")
        if instance not in self.instances:
            raise ApiError("InvalidParameterValue.InstanceNotExist", instance)
        for topic in topics or []:
            if topic not in self.topics:
                raise ApiError("InvalidParameterValue",
                               "topic %s does not exist in instance %s"
                               % (topic, instance))
        return instance, group, topics or list(self.topics), \
            [(e["Partition"], e["Offset"]) for e in partitions]

    # "then_refuse": counted per reset generation, so reset() needs no part
    # in it.
    def refuse_next(self, n):
        with self.lock:
            self.refusals = (self.generation, n)

    def refusing(self):
        """True (and one refusal used up) when this connection is refused."""
        with self.lock:
            generation, left = getattr(self, "refusals", (None, 0))
            if generation != self.generation or left <= 0:
                return False
            self.refusals = (generation, left - 1)
            return True

    def store(self, instance, group, topics, partitions):
        with self.lock:
            by_topic = self.offsets.setdefault(instance, {}).setdefault(group, {})
            for topic in topics:
                per_partition = by_topic.setdefault(topic, {})
                for partition, offset in partitions:
                    per_partition[str(partition)] = offset
            self.successes += 1
            return self.successes


# --- HTTP ---------------------------------------------------------------------

REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found",
           405: "Method Not Allowed", 411: "Length Required",
           413: "Payload Too Large", 500: "Internal Server Error"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ckafka-standin/1"
    # An idle keep-alive connection is dropped after this many seconds.
    timeout = 30

    standin = None  # set by main()

    def __init__(self, request, client_address, server, conn):
        self.conn = conn
        self.first_request = True
        super().__init__(request, client_address, server)

    def setup(self):
        super().setup()
        # Read through a counter: app_bytes must show whether any request
        # byte got past the handshake. The socket's own reader is closed,
        # or its reference would keep the socket open after close().
        self.rfile.close()
        self.rfile = io.BufferedReader(
            CountingReader(self.connection, self.count_app_bytes))

    def count_app_bytes(self, n):
        conn = self.conn
        if n <= 0 or conn.control:
            return
        with self.standin.lock:
            if self.standin.generation == conn.generation:
                self.standin.app_bytes += n
                conn.app_bytes += n

    def log_message(self, fmt, *args):
        if self.server.verbose:
            sys.stderr.write("standin: %s\n" % (fmt % args))

    # Every method goes through one dispatcher so that wrong methods get 405.
    def do_GET(self): self.dispatch()
    def do_POST(self): self.dispatch()
    def do_PUT(self): self.dispatch()
    def do_DELETE(self): self.dispatch()
    def do_HEAD(self): self.dispatch()
    def do_OPTIONS(self): self.dispatch()
    def do_PATCH(self): self.dispatch()

    # --- writing -----------------------------------------------------------
    def _head(self, status, headers):
        date = email.utils.formatdate(self.standin.now(), usegmt=True)
        lines = ["HTTP/1.1 %d %s" % (status, REASONS.get(status, "Status"))]
        if not self.no_date:
            lines.append("Date: " + date)
        lines.append("Server: " + self.server_version)
        lines += ["%s: %s" % kv for kv in headers]
        lines += ["%s: %s" % tuple(kv) for kv in self.extra_headers]
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")

    def send_bytes(self, status, body, content_type="application/json",
                   framing="length", close=False, chunk=7, extra=()):
        """framing: length | chunked | none | head-only | short."""
        close = close or framing in ("none", "head-only", "short") \
            or self.close_connection or self.force_close
        headers = [("Content-Type", content_type)]
        if framing in ("length", "head-only"):
            headers.append(("Content-Length", str(len(body))))
        elif framing == "short":
            headers.append(("Content-Length", str(len(body) + 100)))
        elif framing == "chunked":
            headers.append(("Transfer-Encoding", "chunked"))
        headers.append(("Connection", "close" if close else "keep-alive"))
        headers.extend(extra)
        out = self._head(status, headers)
        if self.command == "HEAD" or framing == "head-only":
            pass
        elif framing == "chunked":
            self.wfile.write(out)
            self.wfile.flush()
            for i in range(0, len(body), chunk):
                piece = body[i:i + chunk]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                self.wfile.flush()
            out = b"0\r\n\r\n"
        else:
            out += body
        self.wfile.write(out)
        self.wfile.flush()
        self.close_connection = close
        if framing == "none":
            # The body ends with the connection: say so properly.
            self.server.close_gracefully(self.connection)

    def send_plain(self, status, text, extra=()):
        self.send_bytes(status, (text + "\n").encode("utf-8"),
                        "text/plain; charset=utf-8", extra=extra)

    def send_json(self, obj, status=200, ascii_json=False, **kw):
        body = json.dumps(obj, ensure_ascii=ascii_json).encode("utf-8")
        self.send_bytes(status, body, **kw)

    def hold_silently(self):
        """Answer nothing and keep the connection open until the client
        closes it (or a reset ends the test that asked for this)."""
        self.close_connection = True
        while True:
            try:
                if not self.rfile.read1(4096):
                    return
            except TimeoutError:
                with self.standin.lock:
                    if self.standin.generation != self.conn.generation:
                        return
            except (OSError, ValueError):
                return

    def abort(self):
        """Close the connection with no answer and no TLS close_notify."""
        self.close_connection = True
        self.conn.aborted = True
        self.server.close_abruptly(self.connection)

    def reset(self):
        """Close the connection with a TCP reset: no answer, no FIN."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                   struct.pack("ii", 1, 0))
        # The descriptor closes (and SO_LINGER 0 sends the RST) only once
        # the handler's file objects are gone too.
        self.rfile.close()
        self.wfile.close()
        self.connection.close()

    def send_unsolicited(self, mb):
        code = mb.get("code", "RequestLimitExceeded")
        self.send_json(self.error_envelope(code, message_for(code, "", "en-US")))
        extra = mb.get("body", UNSOLICITED_BODY).encode("utf-8")
        head = self._head(200, [("Content-Type", "application/json"),
                                ("Content-Length", str(len(extra))),
                                ("Connection", "keep-alive")])
        # Separate writes: separate TLS records, after the answer's.
        self.wfile.write(head)
        self.wfile.write(extra)
        self.wfile.flush()
        time.sleep(max(0, int(mb.get("linger_ms", 1000))) / 1000.0)
        self.reset()

    # --- reading -----------------------------------------------------------
    def read_body(self):
        """The request body, or None after answering an HTTP-level error."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            body = b""
            while True:
                size_line = self.rfile.readline(1024)
                try:
                    size = int(size_line.split(b";", 1)[0].strip(), 16)
                except ValueError:
                    self.close_connection = True
                    self.send_plain(400, "bad chunk size")
                    return None
                if size == 0:
                    while self.rfile.readline(1024).strip():
                        pass
                    return body
                if len(body) + size > MAX_BODY:
                    self.close_connection = True
                    self.send_plain(413, "request body too large")
                    return None
                body += self.rfile.read(size)
                self.rfile.readline(1024)
        length = self.headers.get("Content-Length")
        if length is None:
            if self.command in ("GET", "HEAD", "DELETE", "OPTIONS"):
                return b""
            self.close_connection = True
            self.send_plain(411, "Content-Length required")
            return None
        if not length.strip().isdigit():
            self.close_connection = True
            self.send_plain(400, "bad Content-Length")
            return None
        length = int(length)
        if length > MAX_BODY:
            self.close_connection = True
            self.send_plain(413, "request body too large")
            return None
        body = self.rfile.read(length)
        if len(body) != length:
            self.close_connection = True
            return None
        return body

    # --- dispatch ----------------------------------------------------------
    def dispatch(self):
        path = self.path.split("?", 1)[0]
        body = self.read_body()
        if body is None:
            return
        if path.startswith("/_standin/"):
            if self.first_request:
                self.uncount_connection()
            self.first_request = False
            return self.control(path, body)
        self.first_request = False
        mb = self.standin.note_api_request(
            self.command, self.path, self.headers, body,
            path == "/" and self.command == "POST", id(self.conn))
        if path != "/":
            return self.send_plain(404, "not found")
        if self.command != "POST":
            return self.send_plain(405, "method not allowed",
                                   extra=[("Allow", "POST")])
        self.api(body, mb or {})

    def error_envelope(self, code, message, request_id=None):
        return {"Response": {
            "Error": {"Code": code, "Message": message},
            "RequestId": request_id or str(uuid.uuid4())}}

    # Options any queued misbehaviour may carry, for one answer.
    force_close = False
    no_date = False
    extra_headers = ()

    def api(self, body, mb):
        mode = mb.get("mode")
        self.force_close = bool(mb.get("connection_close", False))
        self.no_date = bool(mb.get("no_date", False))
        self.extra_headers = [tuple(kv) for kv in mb.get("extra_headers", ())]
        if mb.get("then_refuse"):
            self.standin.refuse_next(int(mb["then_refuse"]))
        if mb.get("delay_ms"):
            time.sleep(max(0, int(mb["delay_ms"])) / 1000.0)
        if mode == "unsolicited":
            return self.send_unsolicited(mb)
        if mode == "raw":
            body_out = mb.get("body", "")
            return self.send_bytes(int(mb.get("status", 200)),
                                   body_out.encode("utf-8"),
                                   mb.get("content_type", "application/json"))
        language = self.headers.get("X-TC-Language", "en-US")
        ascii_json = self.standin.ascii_json
        if mode == "delay":
            time.sleep(max(0, int(mb.get("ms", 1000))) / 1000.0)
        if mode == "error":
            code = mb.get("code", "FailedOperation")
            return self.send_json(self.error_envelope(
                code, mb.get("message", message_for(code, "", language))),
                status=int(mb.get("status", 200)), ascii_json=ascii_json)
        if mode == "request-limit":
            code = mb.get("code", "RequestLimitExceeded")
            return self.send_json(self.error_envelope(
                code, mb.get("message", message_for(
                    "RequestLimitExceeded", "", language))),
                ascii_json=ascii_json)
        if mode == "http-500":
            return self.send_json(self.error_envelope(
                "InternalError", message_for("InternalError", "", language)),
                status=500, ascii_json=ascii_json)

        request_id = str(uuid.uuid4())
        try:
            instance, group, topics, partitions = \
                self.standin.check(self.headers, body)
        except ApiError as e:
            envelope = self.error_envelope(
                e.code, message_for(e.code, e.detail, language), request_id)
        else:
            if mb.get("apply", True):
                n = self.standin.store(instance, group, topics, partitions)
            else:
                n = 0
            data = {"FlowId": n, "RouteDTO": {"RouteId": 100000 + n}}
            result = {"ReturnCode": "OK", "ReturnMessage": "success",
                      "Data": data}
            if mode == "null-data":
                result["Data"] = None
            if mode == "return-code":
                result["ReturnCode"] = str(mb.get("return_code", "-1"))
                result["ReturnMessage"] = mb.get("return_message", "failed")
            envelope = {"Response": {"Result": result, "RequestId": request_id}}
            with self.standin.lock:
                self.standin.last_result = {"FlowId": n, "RouteId": 100000 + n,
                                            "RequestId": request_id}
        payload = json.dumps(envelope, ensure_ascii=ascii_json).encode("utf-8")

        if mode == "close-after-request":
            return self.abort()
        if mode == "silent":
            return self.hold_silently()
        if mode == "reset-after-request":
            return self.reset()
        if mode == "close-before-body":
            self.send_bytes(200, payload, framing="head-only")
            return self.abort()
        if mode == "partial-body":
            self.send_bytes(200, payload, framing="short")
            return self.abort()
        if mode == "garbage":
            return self.send_bytes(200, b"<html><body>502 Bad Gateway</body>"
                                        b"</html>\n")
        if mode == "invalid-json":
            return self.send_bytes(
                200, b'{"Response":{"RequestId":"x" "Result":{}}}')
        if mode == "chunked":
            return self.send_bytes(200, payload, framing="chunked",
                                   chunk=max(1, int(mb.get("chunk", 7))))
        if mode == "no-framing":
            return self.send_bytes(200, payload, framing="none")
        if mode == "connection-close":
            return self.send_bytes(200, payload, close=True)
        if mode == "huge":
            envelope["Response"]["Padding"] = ""
            payload = json.dumps(envelope, ensure_ascii=ascii_json).encode()
            pad = max(0, int(mb.get("bytes", 65536)) - len(payload))
            envelope["Response"]["Padding"] = "x" * pad
            payload = json.dumps(envelope, ensure_ascii=ascii_json).encode()
        self.send_bytes(200, payload)

    # --- control plane -----------------------------------------------------
    def uncount_connection(self):
        # Connections that carry the control plane are the test harness's,
        # not the client's: the counters leave them out, unless a reset came
        # in between and already zeroed them.
        conn = self.conn
        with self.standin.lock:
            if self.standin.generation == conn.generation:
                self.standin.connections -= 1
                self.standin.handshakes -= 1
                self.standin.resumed -= int(conn.resumed)
                self.standin.app_bytes -= conn.app_bytes
            conn.control = True

    def control(self, path, body):
        # From this machine only: loopback, or the address it listens on
        # (with --bind the test reaches it there from the kernel's side).
        peer = self.client_address[0]
        try:
            local = ipaddress.ip_address(peer).is_loopback
        except ValueError:
            local = False
        local = local or peer == self.server.server_address[0]
        if not local:
            return self.send_plain(403, "control plane is for this host only")
        try:
            args = json.loads(body.decode("utf-8")) if body.strip() else {}
            if not isinstance(args, dict):
                raise ValueError("arguments must be a JSON object")
            return self.control_action(path, args)
        except (ValueError, TypeError, UnicodeDecodeError) as e:
            return self.send_json({"error": str(e)}, status=400)

    def control_action(self, path, args):
        standin = self.standin
        if path == "/_standin/state" and self.command == "GET":
            return self.send_json(standin.snapshot())
        if self.command != "POST":
            return self.send_plain(405, "method not allowed")
        if path == "/_standin/reset":
            standin.reset()
        elif path == "/_standin/misbehave":
            mode = args.get("mode")
            if mode not in MISBEHAVIOURS:
                raise ValueError("unknown mode %r; known: %s"
                                 % (mode, " ".join(sorted(MISBEHAVIOURS))))
            count = int(args.get("count", 1))
            with standin.lock:
                standin.misbehaviour.extend(dict(args) for _ in range(count))
        elif path == "/_standin/clock":
            skew = args.get("skew_s", 0)
            if not isinstance(skew, (int, float)) or isinstance(skew, bool):
                raise ValueError("skew_s must be a number")
            with standin.lock:
                standin.skew_s = skew
        elif path == "/_standin/config":
            with standin.lock:
                if "session_token" in args:
                    token = args["session_token"]
                    if token is not None and not isinstance(token, str):
                        raise ValueError("session_token must be a string or null")
                    standin.session_token = token
                if "ascii_json" in args:
                    standin.ascii_json = bool(args["ascii_json"])
                if "topics" in args:
                    topics = args["topics"]
                    if not isinstance(topics, list) or not all(
                            isinstance(t, str) for t in topics):
                        raise ValueError("topics must be a list of strings")
                    standin.topics = list(topics)
        else:
            return self.send_plain(404, "no such control path")
        return self.send_json({"ok": True})


class Connection:
    """What the counters need to know about one accepted TLS connection."""

    def __init__(self, generation, resumed):
        self.generation = generation  # the reset it belongs to
        self.resumed = resumed        # the handshake resumed a session
        self.app_bytes = 0            # counted into the state's app_bytes
        self.control = False          # carries the control plane
        self.aborted = False          # closed without close_notify


class CountingReader(io.RawIOBase):
    """A socket's bytes, each read reported to `note(n)`."""

    def __init__(self, sock, note):
        super().__init__()
        self.sock = sock
        self.note = note

    def readable(self):
        return True

    def readinto(self, buf):
        n = self.sock.recv_into(buf)
        self.note(n)
        return n


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, context, standin, verbose):
        self.context = context
        self.standin = standin
        self.verbose = verbose
        super().__init__(address, Handler)

    def finish_request(self, request, client_address):
        # The TLS handshake runs in the connection's own thread, so a client
        # that stalls or fails it never blocks the others.
        with self.standin.lock:
            self.standin.connections += 1
            generation = self.standin.generation
        if self.standin.refusing():
            return
        request.settimeout(10)
        try:
            tls = self.context.wrap_socket(request, server_side=True)
        except (OSError, ValueError) as e:
            if self.verbose:
                sys.stderr.write("standin: handshake failed: %s\n" % e)
            return
        conn = Connection(generation, tls.session_reused)
        with self.standin.lock:
            if self.standin.generation == generation:
                self.standin.handshakes += 1
                self.standin.resumed += int(conn.resumed)
        try:
            Handler(tls, client_address, self, conn)
        except (OSError, ValueError) as e:
            if self.verbose:
                sys.stderr.write("standin: connection ended: %s\n" % e)
        finally:
            if not conn.aborted:
                self.send_close_notify(tls)
            tls.close()

    def shutdown_request(self, request):
        try:
            request.close()
        except OSError:
            pass

    @staticmethod
    def close_abruptly(tls):
        try:
            tls.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    @staticmethod
    def send_close_notify(tls):
        # OpenSSL forgets a session freed before its close_notify went out
        # (SSL_free drops it from the server cache as "bad"), and then no
        # client can resume it: the BearSSL client offers its session again
        # on every reconnect, so every connection that ends in order sends
        # close_notify first. Non-blocking, so the peer's close_notify is
        # not waited for.
        try:
            tls.settimeout(0)
            tls.unwrap()
        except (OSError, ValueError):
            pass

    @staticmethod
    def close_gracefully(tls):
        try:
            tls.unwrap()
        except (OSError, ValueError):
            pass

    def handle_error(self, request, client_address):
        if self.verbose:
            super().handle_error(request, client_address)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--bind", default="127.0.0.1",
                   help="IPv4 address to listen on (default 127.0.0.1)")
    p.add_argument("--port-file")
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--secret-id", default=DEMO_SECRET_ID)
    p.add_argument("--secret-key", default=DEMO_SECRET_KEY)
    p.add_argument("--session-token")
    p.add_argument("--instance", action="append")
    p.add_argument("--topics", default="topic-a,topic-b")
    p.add_argument("--verbose", action="store_true")
    args = p.parse_args(argv)

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    Handler.standin = standin = Standin(args)
    server = Server((args.bind, args.port), context, standin, args.verbose)
    port = server.server_address[1]
    if args.port_file:
        with open(args.port_file, "w") as f:
            f.write("%d\n" % port)
    sys.stdout.write("listening %s %d\n" % (args.bind, port))
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
