"""Start, steer and stop the stand-in endpoint from Python tests.

    with StandinProcess(certs_dir) as s:
        s.reset(); s.misbehave("request-limit", count=2); s.state()

Standard library only.
"""
import http.client
import json
import os
import ssl
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
STANDIN = os.path.join(HERE, "ckafka_standin.py")
MAKE_CERTS = os.path.join(HERE, "make_certs.sh")

sys.path.insert(0, HERE)
from ckafka_standin import DEMO_SECRET_ID, DEMO_SECRET_KEY  # noqa: E402,F401


def make_certs(outdir, timeout=60):
    """The test PKI in outdir (see make_certs.sh); returns outdir."""
    subprocess.run([MAKE_CERTS, outdir], check=True, timeout=timeout,
                   stdout=subprocess.DEVNULL)
    return outdir


class StandinError(Exception):
    pass


class StandinProcess:
    """The stand-in as a child process, listening on a port of its choosing,
    on 127.0.0.1 or the IPv4 address `bind`."""

    def __init__(self, certs, extra_args=(), python=sys.executable,
                 start_timeout=20, bind=None):
        self.certs = certs
        self.ca = os.path.join(certs, "ca.pem")
        self.stderr_lines = []
        self.proc = subprocess.Popen(
            [python, STANDIN, "--port", "0",
             "--cert", os.path.join(certs, "server.pem"),
             "--key", os.path.join(certs, "server.key")]
            + (["--bind", bind] if bind else []) + list(extra_args),
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        # The first stdout line says where it listens; read it with a bound
        # so a stand-in that never starts cannot hang the tests.
        line = []
        reader = threading.Thread(
            target=lambda: line.append(self.proc.stdout.readline()),
            daemon=True)
        reader.start()
        reader.join(start_timeout)
        words = (line[0] if line else "").split()
        if len(words) != 3 or words[0] != "listening":
            self.stop()
            err = self.proc.stderr.read() if self.proc.stderr else ""
            raise StandinError("the stand-in did not start: %r %s"
                               % (line, err))
        self.host, self.port = words[1], int(words[2])
        threading.Thread(target=self._drain, daemon=True).start()
        self.context = ssl.create_default_context(cafile=self.ca)
        # The certificate names the real API hosts, not the address.
        self.context.check_hostname = False

    def _drain(self):
        for l in self.proc.stderr:
            self.stderr_lines.append(l)

    @property
    def connect_arg(self):
        return "%s:%d" % (self.host, self.port)

    def control(self, method, path, obj=None, timeout=10):
        conn = http.client.HTTPSConnection(self.host, self.port,
                                           context=self.context,
                                           timeout=timeout)
        try:
            body = json.dumps(obj).encode() if obj is not None else None
            headers = {"Content-Type": "application/json"} if body else {}
            conn.request(method, "/_standin/" + path, body=body,
                         headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            if resp.status != 200:
                raise StandinError("%s %s: %d %s" % (method, path, resp.status,
                                                     data[:200]))
            return json.loads(data)
        finally:
            conn.close()

    def reset(self):
        return self.control("POST", "reset", {})

    def state(self):
        return self.control("GET", "state")

    def misbehave(self, mode, count=1, **kw):
        return self.control("POST", "misbehave",
                            dict(kw, mode=mode, count=count))

    def clock(self, skew_s):
        return self.control("POST", "clock", {"skew_s": skew_s})

    def config(self, **kw):
        return self.control("POST", "config", kw)

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
