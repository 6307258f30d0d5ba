#!/usr/bin/env python3
"""The stand-in's own TC3-HMAC-SHA256 signer against the official SDK's answers.

The end-to-end tests trust the stand-in to judge the tool's signatures; this
proves the judge right first. Run from the repo root:
    python3 tests/standin/test_standin_signer.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import ckafka_standin as standin  # noqa: E402

VECTORS = os.path.join(HERE, "..", "vectors", "tc3-sign-official-sdk.json")


def main():
    with open(VECTORS, encoding="utf-8") as f:
        cases = json.load(f)
    failed = 0
    for i, c in enumerate(cases):
        got = standin.tc3_authorization(
            c["secret_id"], c["secret_key"], c["service"], c["host"],
            c["timestamp"], c["content_type"], c["payload"].encode("utf-8"))
        if got != c["authorization"]:
            failed += 1
            print("FAIL vector %d: got %s\n  want %s" % (i, got, c["authorization"]))
        # The parser must read back what the SDK wrote.
        sid, date, service, term, signed, sig = \
            standin.parse_authorization(c["authorization"])
        if (sid, date, service, term, signed) != (
                c["secret_id"], standin.tc3_date(c["timestamp"]), c["service"],
                "tc3_request", ["content-type", "host"]) or \
                not c["authorization"].endswith(sig):
            failed += 1
            print("FAIL vector %d: Authorization parsed wrongly" % i)

    # A signature must depend on every input: change each one in turn.
    c = cases[0]
    base = dict(secret_id=c["secret_id"], secret_key=c["secret_key"],
                service=c["service"], host=c["host"], timestamp=c["timestamp"],
                content_type=c["content_type"],
                payload=c["payload"].encode("utf-8"))
    changes = {"secret_key": base["secret_key"] + "x", "service": "cvm",
               "host": "x" + base["host"], "timestamp": base["timestamp"] + 86400,
               "content_type": "application/json; charset=utf-8",
               "payload": base["payload"] + b" "}
    for field, value in changes.items():
        args = dict(base, **{field: value})
        if standin.tc3_authorization(**args) == c["authorization"]:
            failed += 1
            print("FAIL signature ignores %s" % field)

    for bad in ["", "TC3-HMAC-SHA1 Credential=a/b/c/tc3_request, "
                "SignedHeaders=content-type;host, Signature=" + "0" * 64,
                "TC3-HMAC-SHA256 Credential=a/b/c, SignedHeaders=content-type;host, "
                "Signature=" + "0" * 64,
                "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=host;"
                "content-type, Signature=" + "0" * 64,
                "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, "
                "SignedHeaders=content-type;host, Signature=" + "0" * 63,
                "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, "
                "SignedHeaders=content-type;host, Signature=" + "A" * 64]:
        try:
            standin.parse_authorization(bad)
        except ValueError:
            continue
        failed += 1
        print("FAIL malformed Authorization accepted: %r" % bad)

    if standin.host_without_port("ckafka.tencentcloudapi.com:443") != \
            "ckafka.tencentcloudapi.com" or \
            standin.host_without_port("[::1]:8443") != "[::1]":
        failed += 1
        print("FAIL host_without_port")

    print("standin signer: %d vectors, %s" % (len(cases), "FAILED" if failed else "ok"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
