"""A private network namespace with a TAP device, for the suites that run a
tool over lwIP (tests/e2e/test_tool.py --stack lwip, tests/lwip/
test_lwip_tool.py).

A suite calls run_inside() from outside: it runs the suite's own script
again under `unshare -n` with "--inside" in front of its arguments, passes
its output through and checks that it ended with the suite's summary line.
Inside, set_up() brings up lo and tap0 (KERNEL_IP on the kernel's side);
the tool attaches lwIP to tap0 as LWIP_IP. The namespace and everything in
it vanish with the process, so no network of the machine is touched.
skip_reason() says why this cannot run here (not root, no unshare, no
/dev/net/tun, no ip command), or None.
Standard library only.
"""
import os
import shutil
import subprocess
import sys

TAP = "tap0"
KERNEL_IP = "192.0.2.1"   # the kernel's side of the TAP
LWIP_IP = "192.0.2.2"     # the tool's lwIP
PREFIX_LEN = 24
INSIDE = "--inside"


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


def set_up():
    for cmd in (["ip", "link", "set", "lo", "up"],
                ["ip", "tuntap", "add", "dev", TAP, "mode", "tap"],
                ["ip", "addr", "add", "%s/%d" % (KERNEL_IP, PREFIX_LEN),
                 "dev", TAP],
                ["ip", "link", "set", TAP, "up"]):
        subprocess.run(cmd, check=True, timeout=20)


def run_inside(script, args, tag, cwd):
    """Run `script INSIDE args...` in a new network namespace and return
    its exit status. Its output goes to ours; without a closing line
    "<tag>: ..." it counts as one failure (it died or never started)."""
    p = subprocess.Popen(["unshare", "-n", sys.executable,
                          os.path.abspath(script), INSIDE] + list(args),
                         cwd=cwd, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, errors="replace")
    summary = None
    for line in p.stdout:
        sys.stdout.write(line)
        sys.stdout.flush()
        if line.startswith(tag + ": "):
            summary = line
    rc = p.wait()
    if summary is None:
        print("FAIL namespace: the tests inside ended without a summary "
              "(exit status %d)" % rc)
        print("%s: 0 passed, 1 failed" % tag)
        return 1
    return rc
