#!/usr/bin/env python3
"""The stand-in endpoint itself, driven by a small Python client.

Before the end-to-end tests use the stand-in to judge the tool, this checks
that it judges right: each check answers its documented code, each
misbehaviour puts the documented bytes on the wire, keep-alive works.
Run from the repo root:  python3 tests/standin/test_standin_http.py
"""
import email.utils
import http.client
import json
import os
import socket
import ssl
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import harness  # noqa: E402
from ckafka_standin import tc3_authorization  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
HOST = "ckafka.intl.tencentcloudapi.com"
BODY = {"GroupName": "g", "InstanceId": "ckafka-demo",
        "Partitions": [{"Partition": 0, "Offset": 5}]}


def signed_request(body=None, *, secret_id=harness.DEMO_SECRET_ID,
                   secret_key=harness.DEMO_SECRET_KEY, timestamp=None,
                   host=HOST, content_type="application/json",
                   drop=(), **headers):
    """(head bytes, body bytes) of a request the real SDK would send."""
    payload = body if isinstance(body, bytes) else \
        json.dumps(BODY if body is None else body).encode()
    ts = int(time.time()) if timestamp is None else timestamp
    h = {"Host": host, "Content-Type": content_type,
         "X-TC-Action": "BatchModifyGroupOffsets", "X-TC-Version": "2019-08-19",
         "X-TC-Region": "ap-guangzhou", "X-TC-Timestamp": str(ts),
         "Authorization": tc3_authorization(secret_id, secret_key,
                                            host.split(".")[0], host, ts,
                                            content_type, payload),
         "Content-Length": str(len(payload))}
    for k, v in headers.items():
        h[k.replace("_", "-")] = v
    for k in drop:
        h.pop(k, None)
    head = "POST / HTTP/1.1\r\n" + "".join(
        "%s: %s\r\n" % kv for kv in h.items()) + "\r\n"
    return head.encode("utf-8"), payload


class Client:
    def __init__(self, s, context=None, session=None):
        self.s = s
        raw = socket.create_connection((s.host, s.port), timeout=10)
        self.sock = (context or s.context).wrap_socket(
            raw, server_hostname=HOST, session=session)
        self.buf = b""

    def send(self, head, body):
        self.sock.sendall(head + body)

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError
        self.buf += data

    def read_until_close(self):
        try:
            while True:
                self._fill()
        except (EOFError, ssl.SSLError, OSError):
            pass
        out, self.buf = self.buf, b""
        return out

    def response(self):
        """(status, headers dict lowercased, body) of one framed response."""
        while b"\r\n\r\n" not in self.buf:
            self._fill()
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for l in lines[1:]:
            k, _, v = l.partition(":")
            headers[k.strip().lower()] = v.strip()
        if headers.get("transfer-encoding") == "chunked":
            body = b""
            while True:
                while b"\r\n" not in self.buf:
                    self._fill()
                size_line, self.buf = self.buf.split(b"\r\n", 1)
                size = int(size_line, 16)
                while len(self.buf) < size + 2:
                    self._fill()
                body += self.buf[:size]
                self.buf = self.buf[size + 2:]
                if size == 0:
                    break
        else:
            n = int(headers["content-length"])
            while len(self.buf) < n:
                self._fill()
            body, self.buf = self.buf[:n], self.buf[n:]
        return status, headers, body

    def call(self, *a, **kw):
        self.send(*signed_request(*a, **kw))
        return self.response()

    def close(self):
        self.sock.close()


def session_id_context(s):
    """A client context that resumes the way the BearSSL client does:
    TLS 1.2 session ids, no tickets."""
    ctx = ssl.create_default_context(cafile=s.ca)
    ctx.check_hostname = False
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.options |= ssl.OP_NO_TICKET
    return ctx


def api_code(body):
    r = json.loads(body)["Response"]
    assert "RequestId" in r, body
    return r["Error"]["Code"] if "Error" in r else r["Result"]["ReturnCode"]


TESTS = []


def test(fn):
    TESTS.append(fn)
    return fn


@test
def valid_call_is_stored_and_answered(s):
    c = Client(s)
    st, h, body = c.call()
    r = json.loads(body)["Response"]
    assert st == 200 and r["Result"]["ReturnCode"] == "OK", body
    assert r["Result"]["Data"] == {"FlowId": 1, "RouteDTO": {"RouteId": 100001}}
    assert h["connection"] == "keep-alive" and "date" in h
    state = s.state()
    assert state["offsets"] == {"ckafka-demo": {"g": {
        "topic-a": {"0": 5}, "topic-b": {"0": 5}}}}, state
    assert state["requests"] == 1 and state["connections"] == 1
    assert state["last_result"]["RequestId"] == r["RequestId"]


@test
def keep_alive_serves_several_requests_on_one_connection(s):
    c = Client(s)
    for _ in range(3):
        assert api_code(c.call()[2]) == "OK"
    state = s.state()
    assert state["requests"] == 3 and state["connections"] == 1, state
    assert state["handshakes"] == 1 and state["resumed"] == 0, state


@test
def app_bytes_counts_the_request_bytes_and_no_control_bytes(s):
    c = Client(s)
    head, body = signed_request()
    c.send(head, body)
    assert api_code(c.response()[2]) == "OK"
    s.state()  # a control connection in between must add nothing
    state = s.state()
    assert state["app_bytes"] == len(head) + len(body), \
        (state["app_bytes"], len(head) + len(body))


@test
def session_id_is_resumed_after_an_orderly_close(s):
    ctx = session_id_context(s)
    c = Client(s, ctx)
    s.misbehave("connection-close")
    assert api_code(c.call()[2]) == "OK"
    assert c.read_until_close() == b""
    session = c.sock.session
    assert session is not None and not c.sock.session_reused
    c.close()
    c = Client(s, ctx, session=session)
    assert c.sock.session_reused, "the stand-in did not resume the session"
    assert api_code(c.call()[2]) == "OK"
    state = s.state()
    assert state["handshakes"] == 2 and state["resumed"] == 1, state


@test
def silent_reads_the_request_and_holds_the_connection(s):
    c = Client(s)
    s.misbehave("silent")
    head, body = signed_request()
    c.send(head, body)
    c.sock.settimeout(1.5)
    try:
        got = c.sock.recv(1)
        raise AssertionError("silent answered or closed: %r" % got)
    except TimeoutError:
        pass
    state = s.state()
    assert state["requests"] == 1, state
    assert state["app_bytes"] == len(head) + len(body), state
    assert state["offsets"] != {}, "silent did not process the request"
    c.close()


@test
def int64_max_offset_is_stored_exactly(s):
    body = dict(BODY, Partitions=[{"Partition": 2147483647,
                                   "Offset": 9223372036854775807}],
                TopicName=["topic-b"])
    assert api_code(Client(s).call(body)[2]) == "OK"
    assert s.state()["offsets"]["ckafka-demo"]["g"] == {
        "topic-b": {"2147483647": 9223372036854775807}}


@test
def each_check_answers_its_code(s):
    now = int(time.time())
    cases = [
        (dict(content_type="text/plain"), "InvalidRequest"),
        (dict(drop=["X-TC-Action"]), "InvalidAction"),
        (dict(X_TC_Action="DescribeInstances"),
         "InvalidParameterValue.WrongAction"),
        (dict(X_TC_Version="2017-03-12"), "NoSuchVersion"),
        (dict(drop=["X-TC-Region"]), "MissingParameter"),
        (dict(X_TC_Region="mars-1"), "UnsupportedRegion"),
        (dict(drop=["X-TC-Timestamp"]), "MissingParameter"),
        (dict(timestamp=now - 301), "AuthFailure.SignatureExpire"),
        (dict(timestamp=now + 400), "AuthFailure.SignatureExpire"),
        (dict(Authorization="Basic x"), "AuthFailure.InvalidAuthorization"),
        (dict(drop=["Authorization"]), "AuthFailure.InvalidAuthorization"),
        (dict(secret_id="AKIDnobody"), "AuthFailure.SecretIdNotFound"),
        (dict(secret_key="wrong"), "AuthFailure.SignatureFailure"),
        (dict(X_TC_Token="tok"), "AuthFailure.TokenFailure"),
        ((b"[]",), "InvalidParameter"),
        ((b"{\"GroupName\":\"g\",\"GroupName\":\"h\"}",), "InvalidParameter"),
        (({"GroupName": "g", "InstanceId": "ckafka-demo"},), "MissingParameter"),
        ((dict(BODY, Extra=1),), "UnknownParameter"),
        ((dict(BODY, GroupName=5),), "InvalidParameter"),
        ((dict(BODY, Partitions=[{"Partition": 0, "Offset": 1.5}]),),
         "InvalidParameter"),
        ((dict(BODY, Partitions=[{"Partition": 0, "Offset": 1 << 63}]),),
         "InvalidParameterValue"),
        ((dict(BODY, Partitions=[]),), "InvalidParameterValue"),
        ((dict(BODY, Partitions=[{"Partition": 1, "Offset": 1}] * 2),),
         "InvalidParameterValue.RepetitionValue"),
        ((dict(BODY, InstanceId="ckafka-nope"),),
         "InvalidParameterValue.InstanceNotExist"),
        ((dict(BODY, TopicName=["topic-z"]),), "InvalidParameterValue"),
    ]
    c = Client(s)
    for args, want in cases:
        if isinstance(args, dict):
            got = api_code(c.call(**args)[2])
        else:
            got = api_code(c.call(*args)[2])
        assert got == want, "%r: got %s, want %s" % (args, got, want)
    assert s.state()["offsets"] == {}


@test
def wrong_path_and_method_are_plain_http_errors(s):
    c = Client(s)
    head, body = signed_request()
    c.send(head.replace(b"POST / ", b"POST /x "), body)
    assert c.response()[0] == 404
    c.send(b"GET / HTTP/1.1\r\nHost: %s\r\n\r\n" % HOST.encode(), b"")
    st, h, _ = c.response()
    assert st == 405 and h["allow"] == "POST"


@test
def session_token_is_required_when_configured(s):
    s.config(session_token="tok-1")
    c = Client(s)
    assert api_code(c.call()[2]) == "AuthFailure.TokenFailure"
    assert api_code(c.call(X_TC_Token="tok-2")[2]) == "AuthFailure.TokenFailure"
    assert api_code(c.call(X_TC_Token="tok-1")[2]) == "OK"


@test
def chinese_messages_for_zh_cn(s):
    c = Client(s)
    body = c.call(dict(BODY, InstanceId="x"), X_TC_Language="zh-CN")[2]
    assert "实例不存在".encode() in body, body
    s.config(ascii_json=True)
    body = c.call(dict(BODY, InstanceId="x"), X_TC_Language="zh-CN")[2]
    assert body.isascii() and "实例不存在" in json.loads(body)[
        "Response"]["Error"]["Message"]


@test
def clock_skew_moves_date_and_timestamp_window(s):
    s.clock(3600)
    c = Client(s)
    st, h, body = c.call()
    assert api_code(body) == "AuthFailure.SignatureExpire"
    date = email.utils.parsedate_to_datetime(h["date"]).timestamp()
    assert abs(date - (time.time() + 3600)) < 5, h["date"]
    assert api_code(c.call(timestamp=int(date))[2]) == "OK"


@test
def misbehaviours_put_their_bytes_on_the_wire(s):
    c = Client(s)
    s.misbehave("request-limit")
    assert api_code(c.call()[2]) == "RequestLimitExceeded"
    s.misbehave("error", code="ServiceUnavailable", message="m")
    assert api_code(c.call()[2]) == "ServiceUnavailable"
    s.misbehave("http-500")
    st, _, body = c.call()
    assert st == 500 and api_code(body) == "InternalError"
    s.misbehave("chunked", chunk=5)
    st, h, body = c.call()
    assert h["transfer-encoding"] == "chunked" and "content-length" not in h
    assert api_code(body) == "OK"
    s.misbehave("garbage")
    assert c.call()[2].startswith(b"<html>")
    s.misbehave("invalid-json")
    assert c.call()[2] == b'{"Response":{"RequestId":"x" "Result":{}}}'
    s.misbehave("null-data")
    assert json.loads(c.call()[2])["Response"]["Result"]["Data"] is None
    s.misbehave("return-code", return_code="1")
    assert api_code(c.call()[2]) == "1"
    s.misbehave("huge", bytes=10000)
    assert len(c.call()[2]) == 10000
    s.misbehave("connection-close")
    st, h, body = c.call()
    assert h["connection"] == "close" and api_code(body) == "OK"
    assert c.read_until_close() == b""

    c = Client(s)
    s.misbehave("no-framing")
    c.send(*signed_request())
    raw = c.read_until_close()
    head, _, body = raw.partition(b"\r\n\r\n")
    assert b"content-length" not in head.lower() and api_code(body) == "OK"

    for mode, check in [
            ("close-after-request", lambda raw: raw == b""),
            ("close-before-body", lambda raw: raw.endswith(b"\r\n\r\n")
             and b"Content-Length" in raw),
            ("partial-body", lambda raw: b"\r\n\r\n{" in raw)]:
        c = Client(s)
        s.misbehave(mode)
        c.send(*signed_request())
        raw = c.read_until_close()
        assert check(raw), (mode, raw)

    c = Client(s)
    s.misbehave("delay", ms=600)
    t0 = time.time()
    assert api_code(c.call()[2]) == "OK"
    assert time.time() - t0 >= 0.55
    s.misbehave("request-limit", connection_close=True)
    st, h, body = c.call()
    assert h["connection"] == "close" and api_code(body) == "RequestLimitExceeded"


@test
def answer_options_and_raw_bodies(s):
    c = Client(s)
    s.misbehave("normal", no_date=True, extra_headers=[["X-Extra", "1"]])
    st, h, body = c.call()
    assert "date" not in h and h["x-extra"] == "1" and api_code(body) == "OK"
    s.misbehave("raw", body='{"a":1}', status=502)
    st, h, body = c.call()
    assert st == 502 and body == b'{"a":1}', (st, body)
    st, h, body = c.call()
    assert "date" in h and api_code(body) == "OK"


@test
def failed_handshake_counts_a_connection_but_no_request(s):
    ctx = ssl.create_default_context(cafile=os.path.join(s.certs, "other-ca.pem"))
    ctx.check_hostname = False
    raw = socket.create_connection((s.host, s.port), timeout=10)
    try:
        ctx.wrap_socket(raw, server_hostname=HOST)
        raise AssertionError("handshake with the wrong CA succeeded")
    except ssl.SSLError:
        pass
    finally:
        raw.close()
    time.sleep(0.2)
    state = s.state()
    assert state["connections"] == 1 and state["requests"] == 0, state
    assert state["handshakes"] == 0 and state["app_bytes"] == 0, state


def main():
    certs = harness.make_certs(os.path.join(ROOT, "build", "e2e-certs"))
    passed = failed = 0
    with harness.StandinProcess(certs) as s:
        for fn in TESTS:
            try:
                s.reset()
                fn(s)
                passed += 1
                print("ok   standin.%s" % fn.__name__)
            except Exception as e:  # noqa: BLE001 -- report and go on
                failed += 1
                line = traceback.extract_tb(e.__traceback__)[-1].lineno
                print("FAIL standin.%s: line %d: %s: %s"
                      % (fn.__name__, line, type(e).__name__, e))
    print("standin: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
