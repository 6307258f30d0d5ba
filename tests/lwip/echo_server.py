#!/usr/bin/env python3
"""Kernel-side peers for tests/lwip/lwip_echo_test.c (inside a namespace).

Listens on HOST with one behaviour per port:
  BASE+0  echo everything back until the peer closes
  BASE+1  send b"bye\\n", then close in order (FIN)
  BASE+2  wait for one byte, send b"abc", then reset (SO_LINGER 0 -> RST)
  BASE+3  accept and stay silent until the peer closes
  BASE+4  TLS with the unit fixtures' server certificate: read one HTTP
          request head, answer 200 with an empty JSON object, close
and a DNS responder on HOST:53 (UDP): "echo.test" -> HOST, "slow.test"
never answers, every other name -> NXDOMAIN.
Prints "ready" on stdout once every port listens; exits on SIGTERM.
"""
import os
import socket
import ssl
import struct
import sys
import threading
import time


def echo(conn):
    while True:
        data = conn.recv(65536)
        if not data:
            return
        conn.sendall(data)


def bye(conn):
    conn.sendall(b"bye\n")


def reset(conn):
    if conn.recv(1):
        conn.sendall(b"abc")
        time.sleep(0.2)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                    struct.pack("ii", 1, 0))


def silent(conn):
    while conn.recv(65536):
        pass


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                        "unit", "fixtures")


def tls_answer(conn):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(FIXTURES, "server.pem"),
                        os.path.join(FIXTURES, "server.key"))
    conn.settimeout(10)
    tls = ctx.wrap_socket(conn, server_side=True)
    head = b""
    while b"\r\n\r\n" not in head:
        data = tls.recv(4096)
        if not data:
            return
        head += data
    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n"
                b"Connection: close\r\n\r\n{}")
    tls.close()


def dns_answer(query, address):
    """The reply to one query, or None to stay silent."""
    if len(query) < 12:
        return None
    labels, i = [], 12
    while i < len(query) and query[i] != 0:
        n = query[i]
        labels.append(query[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += 1 + n
    question_end = i + 5  # zero label, QTYPE, QCLASS
    if question_end > len(query):
        return None
    name = ".".join(labels).lower()
    qtype = struct.unpack("!H", query[i + 1:i + 3])[0]
    if name == "slow.test":
        return None
    header = query[:2]
    question = query[12:question_end]
    if name == "echo.test" and qtype == 1:
        answer = (b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 60, 4)
                  + socket.inet_aton(address))
        return (header + struct.pack("!HHHHH", 0x8180, 1, 1, 0, 0)
                + question + answer)
    return header + struct.pack("!HHHHH", 0x8183, 1, 0, 0, 0) + question


def serve_dns(host):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((host, 53))
    while True:
        query, peer = sock.recvfrom(512)
        reply = dns_answer(query, host)
        if reply is not None:
            sock.sendto(reply, peer)


def serve(listener, behaviour):
    while True:
        conn, _ = listener.accept()

        def run(c=conn):
            try:
                behaviour(c)
            except OSError:
                pass
            finally:
                c.close()

        threading.Thread(target=run, daemon=True).start()


def main():
    host = sys.argv[1]
    base = int(sys.argv[2])
    for offset, behaviour in enumerate((echo, bye, reset, silent,
                                        tls_answer)):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, base + offset))
        listener.listen(8)
        threading.Thread(target=serve, args=(listener, behaviour),
                         daemon=True).start()
    threading.Thread(target=serve_dns, args=(host,), daemon=True).start()
    print("ready", flush=True)
    while True:
        time.sleep(3600)


if __name__ == "__main__":
    main()
