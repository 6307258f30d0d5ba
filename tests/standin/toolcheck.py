"""The pieces the end-to-end suites of the tool share (tests/e2e/
test_tool.py, run once per stack, and tests/lwip/test_lwip_tool.py, what
only the lwIP tool has): checks, a registry of tests, the outcome of one
run of the tool, the demo credentials' environment, and the loop that runs
the tests against a stand-in and prints the closing line
"<tag>: N passed, M failed" that tests/run_all.sh counts.
"""
import json
import os
import subprocess
import time

import harness


class Fail(Exception):
    pass


def check(cond, reason):
    if not cond:
        raise Fail(reason)


class Registry:
    """Tests in definition order; `@suite.test` adds one."""

    def __init__(self):
        self.tests = []

    def test(self, fn):
        self.tests.append(fn)
        return fn

    def chosen(self, names):
        return [t for t in self.tests if not names or t.__name__ in names]


class Run:
    """One run of the tool: exit status, stdout and stderr (bytes), and
    whatever the suite wants to keep with it (argv, seconds...)."""

    def __init__(self, rc, out, err, **info):
        self.rc, self.out, self.err = rc, out, err
        self.__dict__.update(info)

    def why(self):
        def clip(b):
            t = b.decode("utf-8", "replace").strip()
            return t if len(t) < 600 else t[:600] + "..."
        return "exit %s; stdout: %r; stderr: %r" % (self.rc, clip(self.out),
                                                    clip(self.err))

    def expect(self, rc, *stderr_has):
        check(self.rc == rc, "expected exit %d, got: %s" % (rc, self.why()))
        err = self.err.decode("utf-8", "replace")
        for text in stderr_has:
            check(text in err, "stderr lacks %r: %s" % (text, self.why()))
        return self

    def json_out(self):
        lines = self.out.decode("utf-8").strip().split("\n")
        check(len(lines) == 1, "stdout is not one line: %s" % self.why())
        try:
            return json.loads(lines[0])
        except ValueError:
            raise Fail("stdout is not JSON: %s" % self.why())


def base_env(**extra):
    """The caller's environment with the stand-in's demo credentials in
    place of any TENCENTCLOUD_* variable; extra=None removes a variable."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TENCENTCLOUD_")}
    env.update(TENCENTCLOUD_SECRET_ID=harness.DEMO_SECRET_ID,
               TENCENTCLOUD_SECRET_KEY=harness.DEMO_SECRET_KEY)
    for k, v in extra.items():
        if v is None:
            env.pop(k, None)
        else:
            env[k] = v
    return env


SANITIZER_MARKS = ("Sanitizer", "runtime error:")


def run_tool(argv, env, cwd, timeout):
    """Run the tool once, with no stdin and a bound on its time; fail on a
    hang, a sanitizer report or a signal. The Run keeps argv and seconds."""
    t0 = time.time()
    try:
        p = subprocess.run(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Fail("the tool hung for %d s (%s)" % (timeout, " ".join(argv)))
    run = Run(p.returncode, p.stdout, p.stderr, argv=argv,
              seconds=time.time() - t0)
    err = p.stderr.decode("utf-8", "replace")
    check(not any(m in err for m in SANITIZER_MARKS),
          "sanitizer report: %s" % err[:1500])
    check(p.returncode >= 0, "killed by signal %d: %s" % (-p.returncode,
                                                           run.why()))
    return run


def stored_offsets(standin, group, instance):
    """The offsets the stand-in keeps for one group, or None."""
    return standin.state()["offsets"].get(instance, {}).get(group)


def expect_state(standin, **want):
    """Check fields of the stand-in's state (requests, connections...)."""
    state = standin.state()
    for k, v in want.items():
        check(state[k] == v, "stand-in %s is %r, expected %r"
              % (k, state[k], v))
    return state


def run_tests(tag, tests, standin, before=None):
    """Run `tests` one by one against `standin` (reset before each; a dead
    stand-in fails the test), print "ok"/"FAIL" lines and the closing line,
    stop the stand-in, and return the exit status. `before(fn)` may raise
    Fail to refuse a test (a missing binary, say)."""
    passed = failed = 0
    try:
        for fn in tests:
            name = fn.__name__
            try:
                if before is not None:
                    before(fn)
                if not standin.alive():
                    raise Fail("the stand-in died (exit status %s): %s"
                               % (standin.proc.returncode,
                                  "".join(standin.stderr_lines[-20:])))
                standin.reset()
                fn()
                passed += 1
                print("ok   %s" % name, flush=True)
            except Fail as e:
                failed += 1
                print("FAIL %s: %s" % (name, e), flush=True)
            except (Exception, subprocess.SubprocessError) as e:  # noqa: BLE001
                failed += 1
                print("FAIL %s: %s: %s" % (name, type(e).__name__, e),
                      flush=True)
    except KeyboardInterrupt:
        print("interrupted")
        failed += 1
    finally:
        standin.stop()
    print("%s: %d passed, %d failed" % (tag, passed, failed), flush=True)
    return 1 if failed else 0
