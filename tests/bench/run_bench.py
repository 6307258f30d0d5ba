#!/usr/bin/env python3
"""Run the request-path benchmark (`make bench`): print a table, write JSON.

For every step of bench_request_path (its `list` mode):
  - instructions per operation, from valgrind's callgrind: the total Ir of
    `run STEP N` minus that of `run STEP 0` (same setup, no loop), over N.
    Deterministic. Skipped, and said so, when valgrind is not installed.
  - wall-clock ns per operation, from `time STEP RUNS` (CLOCK_MONOTONIC)
    run in ROUNDS separate processes: the median of all ROUNDS x RUNS timed
    runs, with their range. Noisy: indicative only.
Builds nothing: make builds the binary first.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

COLLECTED = re.compile(r"^==\d+== Collected : (\d+)\s*$", re.M)


def list_steps(binary):
    out = subprocess.run([binary, "list"], check=True, capture_output=True,
                         text=True).stdout
    return [tuple(line.split("\t", 1)) for line in out.splitlines() if line]


def callgrind_ir(valgrind, binary, step, n):
    proc = subprocess.run(
        [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null",
         binary, "run", step, str(n)],
        capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("run_bench: callgrind run of %s (N=%d) failed:\n%s"
                 % (step, n, proc.stderr))
    m = COLLECTED.search(proc.stderr)
    if m is None:
        sys.exit("run_bench: no 'Collected' line from callgrind for %s" % step)
    return int(m.group(1))


def ir_per_op(valgrind, binary, step, n):
    base = callgrind_ir(valgrind, binary, step, 0)
    total = callgrind_ir(valgrind, binary, step, n)
    return {"ir_total": total, "ir_baseline": base, "ops": n,
            "ir_per_op": (total - base) / n}


def wall_ns(binary, step, runs):
    out = subprocess.run([binary, "time", step, str(runs)], check=True,
                         capture_output=True, text=True).stdout.split()
    if len(out) != 4 + runs or out[0] != step:
        sys.exit("run_bench: unexpected timing output for %s: %r"
                 % (step, out))
    return int(out[3]), [float(x) for x in out[4:]]


def first_line(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True,
                              check=True).stdout.splitlines()[0]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def fmt_ir(v):
    return "%.0f" % v if v is not None else "skipped"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("binary")
    ap.add_argument("json_out")
    ap.add_argument("--ops", type=int, default=1000,
                    help="operations per callgrind run (default 1000)")
    ap.add_argument("--rounds", type=int, default=5,
                    help="timing processes per step (default 5)")
    ap.add_argument("--runs", type=int, default=3,
                    help="timed runs per process (default 3); the median "
                    "of all is reported")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    args = ap.parse_args()

    steps = list_steps(args.binary)
    valgrind = shutil.which("valgrind")
    results = {name: {"step": name, "what": what} for name, what in steps}

    if valgrind is None:
        print("run_bench: valgrind not found: instruction counts skipped "
              "(install valgrind for them)")
    else:
        print("run_bench: callgrind, %d ops per step ..." % args.ops,
              flush=True)
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            counted = pool.map(
                lambda s: (s[0], ir_per_op(valgrind, args.binary, s[0],
                                           args.ops)), steps)
            for name, c in counted:
                results[name].update(c)

    # Timed alone, one step at a time, after callgrind has finished. The
    # speed of this machine drifts between processes more than within one,
    # so the runs are spread over several processes, the steps interleaved.
    total_runs = args.rounds * args.runs
    print("run_bench: wall clock, %d processes x %d runs per step ..."
          % (args.rounds, args.runs), flush=True)
    for name, _ in steps:
        results[name].update({"ns_runs": [], "iterations_per_run": []})
    for _ in range(args.rounds):
        for name, _ in steps:
            iters, per_op = wall_ns(args.binary, name, args.runs)
            results[name]["iterations_per_run"].append(iters)
            results[name]["ns_runs"].extend(per_op)
    for name, _ in steps:
        r = results[name]
        r["ns_median"] = statistics.median(r["ns_runs"])
        r["ns_min"] = min(r["ns_runs"])
        r["ns_max"] = max(r["ns_runs"])

    def ir(name):
        return results[name].get("ir_per_op")

    derived = []
    if valgrind is not None:
        hmac = ir("hmac_sha256")
        for size in ("1p", "64p"):
            saved = ir("sign_cold_" + size) - ir("sign_warm_" + size)
            derived.append({
                "what": "sign cold - warm, %s body" % size,
                "ir_saved_per_request": saved,
                "in_hmac_sha256": saved / hmac,
                "cold_over_warm": ir("sign_cold_" + size)
                / ir("sign_warm_" + size),
            })
        for size in ("1p", "64p"):
            parts = (ir("encode_" + size) + ir("sign_warm_" + size)
                     + ir("head"))
            derived.append({
                "what": "prepare_%s vs encode+sign_warm+head" % size,
                "ir_prepare": ir("prepare_" + size),
                "ir_sum_of_steps": parts,
            })

    print()
    print("| step | what | instructions/op (callgrind) "
          "| ns/op, median of %d runs (noisy) | ns/op min-max |" % total_runs)
    print("| --- | --- | ---: | ---: | ---: |")
    for name, what in steps:
        r = results[name]
        print("| %s | %s | %s | %.0f | %.0f-%.0f |"
              % (name, what, fmt_ir(ir(name)), r["ns_median"], r["ns_min"],
                 r["ns_max"]))
    if derived:
        print()
        for d in derived:
            if "in_hmac_sha256" in d:
                print("%s: %.0f instructions saved per request = %.2f x one "
                      "HMAC-SHA256 (%.0f); cold/warm = %.2f"
                      % (d["what"], d["ir_saved_per_request"],
                         d["in_hmac_sha256"], ir("hmac_sha256"),
                         d["cold_over_warm"]))
            else:
                print("%s: %.0f vs %.0f instructions"
                      % (d["what"], d["ir_prepare"], d["ir_sum_of_steps"]))

    report = {
        "date_utc": datetime.datetime.now(datetime.timezone.utc)
        .strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": "make bench",
        "machine": {"arch": platform.machine(), "cpus": os.cpu_count(),
                    "cpu_model": cpu_model(), "kernel": platform.release()},
        "compiler": first_line([args.cc, "--version"]),
        "valgrind": first_line([valgrind, "--version"]) if valgrind else None,
        "instruction_counts": "callgrind Ir, (Ir(N ops) - Ir(0 ops)) / N"
        if valgrind else "skipped: valgrind not installed",
        "callgrind_ops": args.ops if valgrind else None,
        "wall_clock": "CLOCK_MONOTONIC, median of %d runs (%d processes x %d);"
        " noisy, indicative only" % (total_runs, args.rounds, args.runs),
        "steps": [results[name] for name, _ in steps],
        "derived": derived,
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.json_out)),
                exist_ok=True)
    with open(args.json_out, "w") as f:
        json.dump(report, f, indent=2)
        f.write("\n")
    print()
    print("run_bench: wrote %s" % args.json_out)


if __name__ == "__main__":
    main()
