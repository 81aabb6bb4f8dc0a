#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Traffic for c2guard_beacon.sh: periodic callbacks, random ones, a flood.

  beacon_traffic.py tcp HOST PORT [options]
      one new TCP connection per event: connect, send SIZE bytes, read the
      echo, close (--speak client); or read the server's banner line and
      close (--speak server); or close at once (--speak none)
  beacon_traffic.py udp HOST PORT --sport P [options]
      one UDP socket bound to source port P for the whole run (one
      conntrack flow, as a Kraken-like bot reusing its port): one datagram
      of SIZE bytes per event, then wait for the echo
  beacon_traffic.py flood --count N [--net A.B.0.0] [--dport P]
      N UDP datagrams with payload from one socket, each to a distinct
      (address, port) of the /16 A.B.0.0 (ports from P up): N distinct
      flows; prints "sent=N ms=T rate=R errors=E"
  beacon_traffic.py gaps LOG
      "n=EVENTS ok=OK median=MS min=MS max=MS" over the gaps between the
      events of LOG that were sent
  beacon_traffic.py serve PORT[,PORT...] [--banner TEXT]
      TCP echo server on those ports (0.0.0.0), a thread per connection
      (no process per connection: cheaper than socat's fork under TCG);
      with --banner it speaks first: TEXT and a newline on every accept
  beacon_traffic.py cfgset ATTR=VALUE...
      one CONFIG_SET straight to the kernel (through nl_fuzz.py, not
      c2ctl, which checks ranges itself), ATTR a C2GUARD_CFG_A_* name
      without the prefix, VALUE a u32; prints the kernel's answer
      ("error -22 (EINVAL) extack ..."); exit 0 when it is an error with
      an extended ACK message, 1 when accepted, 2 otherwise

Options of tcp/udp:
  --mean MS        mean interval (default 400)
  --dist D         fixed, uniform (mean +- jitter, the default) or exp
                   (exponential: Poisson arrivals of the same mean)
  --jitter F       uniform: half-width as a fraction of the mean (0.33)
  --count N        events (default 48)
  --size B         payload bytes of each event (default 48); "R1-R2":
                   random in that range
  --speak W        tcp: who speaks: client (the default), server, none
  --timeout S      connect/answer timeout (default 2)
  --log FILE       one line per event: "MS RESULT": MS the monotonic time
                   in ms when the payload went out, or the connection was
                   made (--speak server, none), or the attempt failed;
                   RESULT ok, sent (no echo, no banner), or fail:REASON
  --stop FILE      stop early once FILE exists
  --seed N         random seed (default: from the time)

The interval is measured from the previous event: an event late because
the machine stalled does not make the next ones come in a burst.
"""

import argparse
import errno
import os
import random
import socket
import sys
import time


def now_ms():
    return time.monotonic() * 1000.0


def interval(args, rnd):
    if args.dist == "fixed":
        return args.mean
    if args.dist == "exp":
        return rnd.expovariate(1.0 / args.mean)
    return rnd.uniform(args.mean * (1 - args.jitter),
                       args.mean * (1 + args.jitter))


def payload(args, rnd, seq):
    lo, hi = args.size
    n = lo if lo == hi else rnd.randint(lo, hi)
    head = b"C2G-BEACON %06d " % seq
    return (head + b"x" * max(0, n - len(head)))[:n]


def family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def tcp_event(args, data):
    s = socket.socket(family(args.host), socket.SOCK_STREAM)
    s.settimeout(args.timeout)
    try:
        try:
            s.connect((args.host, args.port))
        except socket.timeout:
            return None, "fail:timeout"
        except OSError as e:
            return None, "fail:" + (errno.errorcode.get(e.errno, str(e.errno)))
        t = now_ms()
        if args.speak == "none":
            return t, "ok"
        if args.speak == "server":
            got = b""
            try:
                while not got.endswith(b"\n"):
                    b = s.recv(4096)
                    if not b:
                        break
                    got += b
            except OSError:
                pass
            return t, "ok" if got.endswith(b"\n") else "sent"
        s.sendall(data)
        got = b""
        try:
            while len(got) < len(data):
                b = s.recv(65536)
                if not b:
                    break
                got += b
        except OSError:
            pass
        return t, "ok" if got == data else "sent"
    finally:
        s.close()


class Udp:
    def __init__(self, args):
        self.s = socket.socket(family(args.host), socket.SOCK_DGRAM)
        self.s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.s.bind(("::" if family(args.host) == socket.AF_INET6 else "0.0.0.0",
                     args.sport))
        self.s.connect((args.host, args.port))
        self.s.settimeout(args.timeout)

    def event(self, data):
        t = now_ms()
        try:
            self.s.send(data)
        except OSError as e:
            return t, "fail:" + errno.errorcode.get(e.errno, str(e.errno))
        try:
            while True:
                b = self.s.recv(65536)
                if b == data:
                    return t, "ok"
        except socket.timeout:
            return t, "sent"
        except OSError as e:
            return t, "fail:" + errno.errorcode.get(e.errno, str(e.errno))


def run_beacon(args):
    rnd = random.Random(args.seed)
    log = open(args.log, "a", buffering=1) if args.log else sys.stdout
    udp = Udp(args) if args.mode == "udp" else None
    nxt = now_ms()
    for seq in range(args.count):
        while True:
            if args.stop and os.path.exists(args.stop):
                return 0
            d = nxt - now_ms()
            if d <= 0:
                break
            time.sleep(min(d, 200) / 1000.0)
        start = now_ms()
        data = payload(args, rnd, seq)
        if udp:
            t, res = udp.event(data)
        else:
            t, res = tcp_event(args, data)
        log.write("%d %s\n" % (int(t if t is not None else now_ms()), res))
        nxt = (t if t is not None else start) + interval(args, rnd)
    return 0


def run_flood(args):
    net = [int(x) for x in args.net.split(".")]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)
    data = b"c2g-flood"
    sent = errors = 0
    t0 = now_ms()
    naddr = 65534
    for i in range(args.count):
        a = 1 + i % naddr
        port = args.dport + i // naddr
        dst = "%d.%d.%d.%d" % (net[0], net[1], a >> 8, a & 255)
        try:
            s.sendto(data, (dst, port))
            sent += 1
        except OSError as e:
            errors += 1
            if e.errno == errno.ENOBUFS:
                time.sleep(0.001)
    ms = now_ms() - t0
    print("sent=%d ms=%d rate=%d errors=%d" %
          (sent, ms, sent * 1000 / ms if ms > 0 else 0, errors))
    return 0


def run_gaps(args):
    ts = []
    n = ok = 0
    with open(args.log) as f:
        for line in f:
            w = line.split()
            if len(w) < 2:
                continue
            n += 1
            if w[1] in ("ok", "sent"):
                ok += 1
                ts.append(int(w[0]))
    gaps = sorted(b - a for a, b in zip(ts, ts[1:]))
    if not gaps:
        print("n=%d ok=%d median=0 min=0 max=0" % (n, ok))
        return 0
    k = len(gaps)
    med = gaps[k // 2] if k % 2 else (gaps[k // 2 - 1] + gaps[k // 2]) // 2
    print("n=%d ok=%d median=%d min=%d max=%d" % (n, ok, med, gaps[0], gaps[-1]))
    return 0


def run_serve(args):
    import socketserver
    import threading

    banner = args.banner.encode() + b"\n" if args.banner else b""

    class H(socketserver.BaseRequestHandler):
        def handle(self):
            self.request.settimeout(10)
            try:
                if banner:
                    self.request.sendall(banner)
                while True:
                    b = self.request.recv(65536)
                    if not b:
                        break
                    self.request.sendall(b)
            except OSError:
                pass

    class S(socketserver.ThreadingTCPServer):
        allow_reuse_address = True
        daemon_threads = True
        request_queue_size = 128

    for port in args.host.split(","):
        srv = S(("0.0.0.0", int(port)), H)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    threading.Event().wait()


def run_cfgset(args, words):
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, here)
    import nl_fuzz as nf
    nf.load_spec(os.path.join(here, "..", "uapi", "c2guard.yaml"))
    g = nf.Genl()
    if g.resolve(nf.k("C2GUARD_GENL_NAME")) is None:
        print("no c2guard family")
        return 2
    attrs = []
    for w in words:
        name, _, val = w.partition("=")
        attrs.append(nf.a_u32(nf.k("C2GUARD_CFG_A_" + name), int(val, 0)))
    r = g.request(nf.k("C2GUARD_CMD_CONFIG_SET"),
                  nf.a_nest(nf.k("C2GUARD_A_CONFIG"), *attrs))
    print(r.describe())
    if r.error is None:
        return 2
    if r.error == 0:
        return 1
    return 0 if r.extmsg else 2


def size_range(v):
    lo, _, hi = v.partition("-")
    lo = int(lo)
    hi = int(hi) if hi else lo
    if lo < 1 or hi < lo:
        raise argparse.ArgumentTypeError("bad size " + v)
    return (lo, hi)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    if len(sys.argv) > 1 and sys.argv[1] == "cfgset":
        return run_cfgset(None, sys.argv[2:])
    p.add_argument("mode", choices=("tcp", "udp", "flood", "gaps", "serve"))
    p.add_argument("host", nargs="?")
    p.add_argument("port", nargs="?", type=int)
    p.add_argument("--sport", type=int, default=0)
    p.add_argument("--mean", type=float, default=400)
    p.add_argument("--dist", choices=("fixed", "uniform", "exp"),
                   default="uniform")
    p.add_argument("--jitter", type=float, default=0.33)
    p.add_argument("--count", type=int, default=48)
    p.add_argument("--size", type=size_range, default=(48, 48))
    p.add_argument("--timeout", type=float, default=2)
    p.add_argument("--speak", choices=("client", "server", "none"),
                   default="client")
    p.add_argument("--banner")
    p.add_argument("--log")
    p.add_argument("--stop")
    p.add_argument("--seed", type=int)
    p.add_argument("--net", default="172.16.0.0")
    p.add_argument("--dport", type=int, default=1024)
    args = p.parse_args()
    if args.mode == "flood":
        return run_flood(args)
    if args.mode == "serve":
        return run_serve(args)
    if args.mode == "gaps":
        args.log = args.host
        return run_gaps(args)
    if args.host is None or args.port is None:
        p.error("HOST and PORT are needed")
    return run_beacon(args)


if __name__ == "__main__":
    sys.exit(main())
