#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A stand-in for journald's native socket, for ctl_e2e.sh's monitor --journal.

  journal_sink.py SOCKET OUT N [TIMEOUT_S]

Binds the datagram socket SOCKET (normally /run/systemd/journal/socket, in
a mount namespace of the test's own), decodes N entries of journald's
native protocol (KEY=VALUE lines, or KEY, a newline, a 64-bit little-endian
length and the value's bytes, for values with newlines) and writes them to
OUT, one JSON object per line (values as text, undecodable bytes escaped).
Exits 1 if N entries did not come within TIMEOUT_S (default 20) seconds or
one did not decode.
"""

import json
import os
import socket
import struct
import sys


def decode(data):
    fields = {}
    i = 0
    while i < len(data):
        nl = data.index(b"\n", i)
        line = data[i:nl]
        if b"=" in line:
            k, v = line.split(b"=", 1)
            i = nl + 1
        else:
            k = line
            (n,) = struct.unpack("<Q", data[nl + 1:nl + 9])
            v = data[nl + 9:nl + 9 + n]
            if data[nl + 9 + n:nl + 10 + n] != b"\n":
                raise ValueError("binary field %r not ended by a newline" % k)
            i = nl + 10 + n
        fields[k.decode()] = v.decode("utf-8", "backslashreplace")
    return fields


def main():
    path, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    timeout = float(sys.argv[4]) if len(sys.argv) > 4 else 20
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    if os.path.exists(path):
        os.unlink(path)
    s.bind(path)
    s.settimeout(timeout)
    open(path + ".ready", "w").close()
    with open(out, "w") as f:
        for _ in range(n):
            try:
                data = s.recv(1 << 20)
            except socket.timeout:
                return 1
            f.write(json.dumps(decode(data)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
