#!/usr/bin/env python3
"""The library and the tool as users get them (suite "install" of make
test): `make install` into a temporary DESTDIR puts every file in its
place and `make uninstall` takes every one away; each public header
compiles on its own as <ckafka/...>; a program built with
`pkg-config --static --cflags --libs ckafka` (Debian's BearSSL has no .pc
file: -lbearssl is in Libs.private) and one built by a CMake project from
ckafkaFilePaths.cmake both make a call against the stand-in; ckafka.pc
carries the version --version prints; `man -l` renders the page without a
warning.

Run from the repo root, after `make` and `make man`:
    python3 tests/install/test_install.py [NAME ...]
Environment: BUILD (default build), CC (default cc).
Prints "ok"/"FAIL" per test and "install: N passed, M failed".
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "standin"))
import harness  # noqa: E402
from toolcheck import Fail, Registry, base_env, check, run_tests  # noqa: E402

BUILD = os.environ.get("BUILD", "build")
CC = os.environ.get("CC", "cc")
PREFIX = "/usr/local"
TAG = "install"
SUITE = Registry()
test = SUITE.test
S = None
DEST = None          # the DESTDIR of this run
WORK = None          # scratch for builds

EXPECTED_HEADERS = [
    "ck_api_error.h", "ck_client.h", "ck_config.h", "ck_http_response.h",
    "ck_json_string.h",
    "ck_platform.h", "ck_request_encoder.h", "ck_response_decoder.h",
    "ck_result.h", "ck_span.h", "ck_tc3_signer.h", "ck_transport.h",
    "ck_version.h", "ck_posix_socket.h", "ck_tls_client.h",
    "ck_tls_hello_scan.h", "ck_trust_anchors.h",
]
EXPECTED_FILES = sorted(
    ["bin/ckafka-offsets", "lib/libckafka.a", "lib/pkgconfig/ckafka.pc",
     "share/man/man1/ckafka-offsets.1"] +
    ["include/ckafka/" + h for h in EXPECTED_HEADERS])


def sh(argv, env=None, timeout=300, cwd=ROOT):
    p = subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def make(*targets):
    rc, out, err = sh(["make", "--no-print-directory", "BUILD=" + BUILD,
                       "PREFIX=" + PREFIX, "DESTDIR=" + DEST] + list(targets))
    check(rc == 0, "make %s: exit %d: %s %s" % (" ".join(targets), rc,
                                                out[-1500:], err[-1500:]))


def installed_files():
    found = []
    for d, _, files in os.walk(DEST):
        found += [os.path.relpath(os.path.join(d, f), DEST + PREFIX)
                  for f in files]
    return sorted(found)


def pkg_env():
    env = dict(os.environ)
    env["PKG_CONFIG_PATH"] = DEST + PREFIX + "/lib/pkgconfig"
    # The .pc says prefix=/usr/local; the files are under DESTDIR.
    env["PKG_CONFIG_SYSROOT_DIR"] = DEST
    env.pop("PKG_CONFIG_LIBDIR", None)
    return env


def version_h():
    with open(os.path.join(ROOT, "core", "ck_version.h")) as f:
        return re.search(r'#define CK_VERSION "([^"]*)"', f.read()).group(1)


def ensure_installed():
    """Each test may run alone: install when nothing is there yet."""
    if not os.path.exists(DEST + PREFIX + "/lib/pkgconfig/ckafka.pc"):
        make("install")


def call_standin(binary, group):
    """Run a consumer against the stand-in; it must store offset 77."""
    rc, out, err = sh([binary, S.host, str(S.port), S.ca, group],
                      env=base_env(), timeout=60)
    check(rc == 0 and "CK_OK" in out, "consumer: exit %d: %s %s"
          % (rc, out, err))
    check(("ckafka %s" % version_h()) in out, "version line: %r" % out)
    got = S.state()["offsets"].get("ckafka-demo", {}).get(group)
    check(got == {"topic-a": {"0": 77}}, "stored %r" % got)


@test
def install_puts_every_file_in_its_place():
    make("install")
    got = installed_files()
    check(got == EXPECTED_FILES, "installed %r, expected %r"
          % (got, EXPECTED_FILES))
    mode = os.stat(DEST + PREFIX + "/bin/ckafka-offsets").st_mode & 0o777
    check(mode == 0o755, "tool mode %o" % mode)
    for f in got:
        if not f.startswith("bin/"):
            m = os.stat(DEST + PREFIX + "/" + f).st_mode & 0o777
            check(m == 0o644, "%s mode %o" % (f, m))
    rc, out, err = sh([DEST + PREFIX + "/bin/ckafka-offsets", "--version"])
    check(rc == 0 and out == "ckafka-offsets %s\n" % version_h(),
          "--version: %d %r %r" % (rc, out, err))


@test
def each_public_header_compiles_alone_as_ckafka_slash():
    ensure_installed()
    inc = DEST + PREFIX + "/include"
    for h in EXPECTED_HEADERS:
        src = os.path.join(WORK, "one.c")
        with open(src, "w") as f:
            f.write("#include <ckafka/%s>\nint ck_test_unused;\n" % h)
        rc, out, err = sh([CC, "-std=c11", "-Wall", "-Wextra", "-Werror",
                           "-pedantic", "-I" + inc, "-c", src, "-o",
                           os.path.join(WORK, "one.o")])
        check(rc == 0, "<ckafka/%s> does not compile alone: %s" % (h, err))


@test
def pkg_config_builds_a_program_that_calls_the_standin():
    ensure_installed()
    rc, flags, err = sh(["pkg-config", "--static", "--cflags", "--libs",
                         "ckafka"], env=pkg_env())
    check(rc == 0, "pkg-config: %s" % err)
    check("-lckafka" in flags and "-lbearssl" in flags and
          "-I%s%s/include" % (DEST, PREFIX) in flags, "flags %r" % flags)
    rc, plain, _ = sh(["pkg-config", "--libs", "ckafka"], env=pkg_env())
    check("-lbearssl" not in plain, "-lbearssl outside Libs.private: %r"
          % plain)
    binary = os.path.join(WORK, "consumer-pkgconfig")
    rc, out, err = sh([CC, "-std=c11", "-Wall", "-Wextra", "-Werror",
                       "-o", binary, "tests/install/consumer.c"] +
                      flags.split())
    check(rc == 0, "build: %s" % err)
    call_standin(binary, "g-pkgconfig")


@test
def ckafka_pc_carries_the_version_the_tool_prints():
    ensure_installed()
    rc, out, err = sh(["pkg-config", "--modversion", "ckafka"], env=pkg_env())
    check(rc == 0 and out.strip() == version_h(), "modversion %r %r"
          % (out, err))
    rc, tool, _ = sh([DEST + PREFIX + "/bin/ckafka-offsets", "--version"])
    check(tool.split()[-1] == out.strip(), "tool %r, .pc %r" % (tool, out))


@test
def man_page_renders_without_warnings():
    ensure_installed()
    page = DEST + PREFIX + "/share/man/man1/ckafka-offsets.1"
    env = dict(os.environ, MANWIDTH="80", MAN_KEEP_FORMATTING="0")
    rc, out, err = sh(["man", "--warnings", "-l", page], env=env)
    check(rc == 0 and err == "", "man: exit %d, warnings %r" % (rc, err))
    text = re.sub(r".\x08", "", out)
    for want in ["NAME", "SYNOPSIS", "OPTIONS", "--from-file FILE",
                 "--profile NAME", "--version", "PLAN FILES",
                 "EXIT STATUS", "ENVIRONMENT", "TENCENTCLOUD_SECRET_ID",
                 "FILES", "~/.tencentcloud/credentials",
                 "/etc/tencentcloud/credentials", "chmod 600", "EXAMPLES",
                 "ckafka-offsets %s" % version_h()]:
        check(want in text, "the page lacks %r" % want)


@test
def cmake_project_builds_from_ckafka_file_paths():
    if shutil.which("cmake") is None:
        raise Fail("no cmake (scripts/install-deps.sh installs it)")
    out_dir = os.path.join(WORK, "cmake-build")
    rc, out, err = sh(["cmake", "-S", "tests/install/cmake", "-B", out_dir,
                       "-DCKAFKA_ROOT=" + ROOT, "-DCMAKE_C_COMPILER=" + CC])
    check(rc == 0, "cmake configure: %s %s" % (out[-1500:], err[-1500:]))
    rc, out, err = sh(["cmake", "--build", out_dir, "-j", "2"], timeout=600)
    check(rc == 0, "cmake build: %s %s" % (out[-2000:], err[-1500:]))
    call_standin(os.path.join(out_dir, "consumer"), "g-cmake")


@test
def ckafka_file_paths_lists_every_library_source():
    with open(os.path.join(ROOT, "ckafkaFilePaths.cmake")) as f:
        listed = set(re.findall(r'\$\{CMAKE_CURRENT_LIST_DIR\}/'
                                r'((?:core|port)/[^"]+\.c)"', f.read()))
    tree = set("core/" + n for n in os.listdir(os.path.join(ROOT, "core"))
               if n.endswith(".c"))
    tree |= set("port/" + n for n in os.listdir(os.path.join(ROOT, "port"))
                if n.endswith(".c"))
    check(listed == tree, "missing from ckafkaFilePaths.cmake: %r; listed "
          "but gone: %r" % (sorted(tree - listed), sorted(listed - tree)))


@test
def uninstall_removes_every_file_install_wrote():
    make("install")
    make("uninstall")
    check(installed_files() == [], "left behind: %r" % installed_files())
    check(not os.path.exists(DEST + PREFIX + "/include/ckafka"),
          "include/ckafka/ left behind")
    # And nothing of anyone else's: a file beside ours stays.
    make("install")
    other = DEST + PREFIX + "/lib/libother.a"
    open(other, "w").close()
    make("uninstall")
    check(installed_files() == ["lib/libother.a"], "after uninstall: %r"
          % installed_files())
    os.remove(other)
    make("install")   # the later tests find it installed


def main(argv):
    global S, DEST, WORK
    names = set(argv[1:])
    scratch = tempfile.mkdtemp(prefix="ck-install-")
    DEST = os.path.join(scratch, "dest")
    WORK = os.path.join(scratch, "work")
    os.makedirs(WORK)
    certs = os.path.join(ROOT, BUILD, "install-certs")
    try:
        harness.make_certs(certs)
        S = harness.StandinProcess(certs)
    except Exception as e:  # noqa: BLE001
        print("FAIL setup: %s: %s" % (type(e).__name__, e))
        print("%s: 0 passed, 1 failed" % TAG)
        shutil.rmtree(scratch)
        return 1
    try:
        return run_tests(TAG, SUITE.chosen(names), S)
    finally:
        shutil.rmtree(scratch)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
