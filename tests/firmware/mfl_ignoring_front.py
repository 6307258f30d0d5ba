#!/usr/bin/env python3
"""A TLS server that ignores max_fragment_length, made from one that does not.

    mfl_ignoring_front.py --listen PORT --to HOST:PORT [--port-file FILE]

A TCP relay in front of a TLS 1.2 server (the stand-in, whose OpenSSL
honours the extension): it deletes the max_fragment_length extension
(RFC 6066, type 1) from the client's ClientHello and relays every other
byte unchanged. The server then never hears of the client's limit, so it
answers as a server that ignores the extension does -- no echo in its
ServerHello, records of up to 16 KiB -- which is what a client with a
small TLS buffer must survive with a clear failure.

(The client's and the server's handshake transcripts differ once the
ClientHello is changed, so a handshake through this relay can never
complete; the test it serves needs only the server's first records.)

Prints "listening 127.0.0.1 PORT" when ready. Standard library only.
"""
import argparse
import socket
import struct
import sys
import threading

TLS_HANDSHAKE = 22
CLIENT_HELLO = 1
EXT_MAX_FRAGMENT_LENGTH = 1


def read_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError("closed")
        data += chunk
    return data


def strip_mfl(record):
    """The ClientHello record without extension 1; others untouched."""
    ctype, version, _ = struct.unpack("!BHH", record[:5])
    body = record[5:]
    if ctype != TLS_HANDSHAKE or body[0] != CLIENT_HELLO:
        return record
    hs = body[4:4 + int.from_bytes(body[1:4], "big")]
    i = 2 + 32                                  # version, random
    i += 1 + hs[i]                              # session id
    i += 2 + int.from_bytes(hs[i:i + 2], "big")  # cipher suites
    i += 1 + hs[i]                              # compression methods
    if i >= len(hs):
        return record                           # no extensions at all
    ext_len = int.from_bytes(hs[i:i + 2], "big")
    exts, kept, j = hs[i + 2:i + 2 + ext_len], b"", 0
    while j < len(exts):
        etype, elen = struct.unpack("!HH", exts[j:j + 4])
        if etype != EXT_MAX_FRAGMENT_LENGTH:
            kept += exts[j:j + 4 + elen]
        j += 4 + elen
    hs = hs[:i] + struct.pack("!H", len(kept)) + kept
    body = bytes([CLIENT_HELLO]) + len(hs).to_bytes(3, "big") + hs
    return struct.pack("!BHH", ctype, version, len(body)) + body


def pipe(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(client, target):
    try:
        upstream = socket.create_connection(target, timeout=10)
        head = read_exact(client, 5)
        record = head + read_exact(client, struct.unpack("!H", head[3:5])[0])
        upstream.sendall(strip_mfl(record))
    except (OSError, EOFError, IndexError, struct.error):
        client.close()
        return
    threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
    pipe(client, upstream)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--listen", type=int, default=0)
    ap.add_argument("--to", required=True)
    args = ap.parse_args(argv)
    host, _, port = args.to.rpartition(":")
    target = (host, int(port))
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lst.bind(("127.0.0.1", args.listen))
    lst.listen(8)
    print("listening 127.0.0.1 %d" % lst.getsockname()[1], flush=True)
    while True:
        client, _ = lst.accept()
        threading.Thread(target=serve, args=(client, target),
                         daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
