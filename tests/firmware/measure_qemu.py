#!/usr/bin/env python3
"""Measure the firmware on QEMU's mps2-an386 board: what `make size` adds to
its static figures.

    measure_qemu.py TOOL IMAGE_DIR

TOOL is build/ckafka-offsets-qemu, IMAGE_DIR the image's build folder; the
figures go to IMAGE_DIR/measured.json, and a summary to stdout. Each figure
comes from real calls against the stand-in endpoint (tests/standin/), as
the image itself reports them (CKAFKA_QEMU_STATS):

  stack_high_water   bytes of the main stack ever used, read off the paint
                     startup.c lays at reset, after a full call (TCP
                     connect, full TLS handshake, signed request, answer);
  instructions       with -icount shift=0 (one instruction per guest
                     nanosecond), the CPU time the board counts outside WFI:
                     - connect_full_handshake: the first opening of the
                       connection (TCP connect + full TLS 1.2 handshake);
                     - resumed_handshake: the second opening, after the
                       server closed the first connection, when the server
                       resumed the session (else null, with the reason);
                     - sign_send_decode: the rest of a one-attempt call:
                       encode, sign, send, receive, decode, and lwIP's work
                       for them;
  wall_ms            wall time of one run of the tool (boot, call, exit),
                     median of five, without -icount.

Without qemu-system-arm it writes {"skipped": reason} and exits 0.
Standard library only.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "standin"))
import harness  # noqa: E402

CERTS = os.path.join(ROOT, "build", "measure-certs")


def run(tool, standin, icount, stats_path, extra_env=None):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TENCENTCLOUD_") and not k.startswith("CKAFKA_QEMU")}
    env.update(TENCENTCLOUD_SECRET_ID=harness.DEMO_SECRET_ID,
               TENCENTCLOUD_SECRET_KEY=harness.DEMO_SECRET_KEY,
               CKAFKA_QEMU_STATS=stats_path)
    if icount:
        env["CKAFKA_QEMU_ICOUNT"] = "1"
    env.update(extra_env or {})
    argv = [tool, "--region", "ap-guangzhou", "--instance-id", "ckafka-demo",
            "--group", "g1", "--partition", "0=42",
            "--connect", standin.connect_arg, "--cacert", standin.ca]
    p = subprocess.run(argv, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        raise RuntimeError("the tool failed (exit %d): %s" % (
            p.returncode, p.stderr.decode("utf-8", "replace")[-800:]))
    with open(stats_path) as f:
        return json.load(f)


def measure(tool):
    harness.make_certs(CERTS)
    out = {}
    with harness.StandinProcess(CERTS) as s, \
            tempfile.TemporaryDirectory() as tmp:
        stats = os.path.join(tmp, "stats.json")

        s.reset()
        full = run(tool, s, True, stats)
        out["stack_high_water"] = full["stack_used"]
        out["stack_size"] = full["stack_size"]
        opened = full["open_cpu_ns"][0]
        out["instructions"] = {
            "connect_full_handshake": opened,
            "sign_send_decode": full["call_cpu_ns"] - opened,
            "whole_call": full["call_cpu_ns"],
        }

        # The server closes after a throttled first answer: the retry opens
        # a second connection, offering the session of the first.
        s.reset()
        s.misbehave("request-limit", connection_close=True)
        again = run(tool, s, True, stats)
        state = s.state()
        out["stack_high_water"] = max(out["stack_high_water"],
                                      again["stack_used"])
        if again["opens"] >= 2 and state.get("resumed", 0) >= 1:
            out["instructions"]["resumed_handshake"] = again["open_cpu_ns"][1]
        else:
            out["instructions"]["resumed_handshake"] = None
            out["instructions"]["resumed_handshake_why"] = (
                "the server did not resume the session (stand-in: %s "
                "handshakes, %s resumed)" % (state.get("handshakes"),
                                             state.get("resumed", "uncounted")))

        walls = []
        for _ in range(5):
            s.reset()
            walls.append(run(tool, s, False, stats)["wall_ms"])
        out["wall_ms"] = statistics.median(walls)
        out["wall_ms_range"] = [min(walls), max(walls)]
    return out


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    tool, image_dir = argv[1], argv[2]
    path = os.path.join(image_dir, "measured.json")
    qemu = os.environ.get("CKAFKA_QEMU", "qemu-system-arm")
    if shutil.which(qemu) is None:
        result = {"skipped": "no %s" % qemu}
    else:
        result = measure(tool)
    with open(path, "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    print("measured on QEMU: %s" % json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
