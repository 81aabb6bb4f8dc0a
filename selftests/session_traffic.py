#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""An infected host's live sessions, for c2guard_quarantine.sh.

  session_traffic.py HOST TCP_PORT UDP_PORT --log FILE [--stop FILE]
                     [--every MS] [--timeout S]

One TCP connection to an echo server, and one connected UDP socket (one
conntrack flow; none with UDP_PORT 0) to another, both kept talking: every MS milliseconds (200)
a line goes out on each and its echo is awaited (up to S seconds, 0.5).
FILE gets one line per event, "WALL_MS KIND RESULT":
  tcp ok | tcp dead:REASON (the session ended: reset, EOF, timeout; no
  more TCP events after it), udp ok | udp miss (no echo in time).
WALL_MS is the wall clock in ms, as the test's "date +%s%3N".  Runs until
the stop file exists (or 600 s).
"""

import argparse
import os
import socket
import sys
import time


def wall_ms():
    return int(time.time() * 1000)


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("host")
    p.add_argument("tcp_port", type=int)
    p.add_argument("udp_port", type=int)
    p.add_argument("--log", required=True)
    p.add_argument("--stop")
    p.add_argument("--every", type=float, default=200)
    p.add_argument("--timeout", type=float, default=0.5)
    args = p.parse_args()

    log = open(args.log, "a", buffering=1)
    fam = family(args.host)
    tcp = socket.socket(fam, socket.SOCK_STREAM)
    tcp.settimeout(5)
    tcp.connect((args.host, args.tcp_port))
    tcp.settimeout(args.timeout)
    udp = None
    if args.udp_port:
        udp = socket.socket(fam, socket.SOCK_DGRAM)
        udp.connect((args.host, args.udp_port))
        udp.settimeout(args.timeout)

    seq = 0
    end = time.monotonic() + 600
    while time.monotonic() < end:
        if args.stop and os.path.exists(args.stop):
            break
        seq += 1
        line = b"c2g-session %06d\n" % seq
        if tcp:
            try:
                tcp.sendall(line)
                got = b""
                while len(got) < len(line):
                    chunk = tcp.recv(len(line) - len(got))
                    if not chunk:
                        raise ConnectionError("eof")
                    got += chunk
                log.write("%d tcp ok\n" % wall_ms())
            except (OSError, ConnectionError) as e:
                why = getattr(e, "strerror", None) or str(e) or type(e).__name__
                log.write("%d tcp dead:%s\n" % (wall_ms(),
                                                why.replace(" ", "_")))
                tcp.close()
                tcp = None
        if udp:
            try:
                udp.send(line)
                udp.recv(len(line) + 16)
                log.write("%d udp ok\n" % wall_ms())
            except OSError:
                log.write("%d udp miss\n" % wall_ms())
        time.sleep(args.every / 1000.0)
    return 0


if __name__ == "__main__":
    sys.exit(main())
