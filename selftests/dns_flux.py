#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A name server for c2guard_dnsbeh.sh's fast-flux checks (UDP, A only).

    dns_flux.py ADDR PORT [SEED]

  flux.*   5 to 10 addresses an answer, each from a /16 of its own, drawn
           anew every answer, TTL 60..300: a fast-flux name
  cdn.*    8 addresses an answer from two /16s, drawn anew every answer,
           TTL 20: a CDN
  rr.*     the same 12 addresses of 12 /16s every answer, order shuffled,
           TTL 60: round robin
  other    NXDOMAIN
Prints "ready" when listening; logs each name asked to stdout.
"""
import random
import socket
import struct
import sys


def answer(q, rnd):
    if len(q) < 12:
        return None
    qid, flags, qd = struct.unpack("!HHH", q[:6])
    if flags & 0x8000 or qd != 1:
        return None
    i, labels = 12, []
    while i < len(q) and q[i]:
        n = q[i]
        labels.append(q[i + 1:i + 1 + n].decode("ascii", "replace").lower())
        i += 1 + n
    if i + 5 > len(q):
        return None
    qtype = struct.unpack("!H", q[i + 1:i + 3])[0]
    question = q[12:i + 5]
    name = ".".join(labels)
    print(name, flush=True)
    addrs, ttl = [], 0
    if qtype == 1 and labels and labels[0] == "flux":
        nets = rnd.sample(range(20, 220), rnd.randint(5, 10))
        addrs = [(a, rnd.randint(0, 255), rnd.randint(0, 255),
                  rnd.randint(1, 254)) for a in nets]
        ttl = rnd.randint(60, 300)
    elif qtype == 1 and labels and labels[0] == "cdn":
        addrs = [(100, 64 + rnd.randint(0, 1), rnd.randint(0, 255),
                  rnd.randint(1, 254)) for _ in range(8)]
        ttl = 20
    elif qtype == 1 and labels and labels[0] == "rr":
        addrs = [(30 + 10 * k, 7, 7, 7) for k in range(12)]
        rnd.shuffle(addrs)
        ttl = 60
    rcode = 0 if addrs or labels[:1] in (["flux"], ["cdn"], ["rr"]) else 3
    hdr = struct.pack("!HHHHHH", qid, 0x8180 | rcode, 1, len(addrs), 0, 0)
    rrs = b"".join(struct.pack("!HHHIH", 0xc00c, 1, 1, ttl, 4) + bytes(a)
                   for a in addrs)
    return hdr + question + rrs


def main():
    addr, port = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((addr, port))
    print("ready", flush=True)
    while True:
        q, peer = s.recvfrom(4096)
        a = answer(q, rnd)
        if a:
            s.sendto(a, peer)


if __name__ == "__main__":
    main()
