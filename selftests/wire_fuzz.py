#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""wire_fuzz.py - malformed DNS, TLS and HTTP on the wire, for c2guard.

c2guard parses DNS messages (queries and answers, UDP and TCP), the TLS
ClientHello and the HTTP request head of the flows it forwards.  This tool
feeds those parsers what a hostile or broken peer sends: every length field
lying, names with pointer loops and bad labels, records cut anywhere, IP
fragments, plus seeded random mutations of valid messages.  It checks
nothing itself; the selftest checks that the kernel stays quiet, that the
module still works afterwards and that its counters moved.

  wire_fuzz.py respond ADDR [--tcp-port P...]
      in the server netns: a DNS responder on ADDR:53 (UDP and TCP) that
      answers the query with id N with malformed answer number N (for the
      name asked), and TCP sinks on the other ports (read, then close)
  wire_fuzz.py client --dns SRV --resp RESP [--resp6 RESP6] [--seed S]
                      [--rounds N] [--name NAME] [--skip-raw]
      in the client netns: raw malformed DNS queries to SRV:53 (scapy),
      fragmented queries for NAME (v4 and v6), well-formed queries for
      NAME to the responder RESP (whose answers are malformed), malformed
      DNS over TCP, TLS ClientHellos and HTTP heads to RESP:443/80, and a
      few raw TCP segments without a connection
  wire_fuzz.py hello ADDR PORT SNI [--later TEXT] [--wait S]
      one TCP connection: a well-formed ClientHello naming SNI as first
      payload, then (if given) TEXT as a later segment; exit 0 when the
      server answered the hello, 1 when nothing came back, 2 on a reset;
      prints the time from connect() to the outcome ("ms=N")

Output: one summary line "wire_fuzz: ..." (counts) on stdout.
"""

import argparse
import random
import select
import socket
import struct
import sys
import threading
import time

DNS_PORT = 53


# ---------------------------------------------------------------------------
# DNS building blocks

def qname(name):
    """Wire form of a dotted name (labels as given, no compression)."""
    out = b""
    for label in name.split("."):
        if label:
            lb = label.encode("latin-1")
            out += bytes([len(lb)]) + lb
    return out + b"\0"


def header(id_, flags, qd=1, an=0, ns=0, ar=0):
    return struct.pack("!6H", id_, flags, qd, an, ns, ar)


def question(name, qtype=1):
    return qname(name) + struct.pack("!HH", qtype, 1)


def query(id_, name, qtype=1):
    return header(id_, 0x0100) + question(name, qtype)


def rr(owner, rtype, rdata, ttl=0, rdlen=None):
    """owner: wire bytes (may be a pointer)."""
    if rdlen is None:
        rdlen = len(rdata)
    return owner + struct.pack("!HHIH", rtype, 1, ttl, rdlen) + rdata


PTR_Q = b"\xc0\x0c"		# the name of the first question


def bad_queries(name):
    """Malformed queries; each is the UDP payload."""
    q = []
    good = query(0x1111, name)
    q.append(b"")					# empty
    q.append(b"\x00")
    q.append(good[:11])				# short header
    q.append(good[:12])				# header only, qdcount 1
    for cut in range(13, len(good)):		# cut anywhere in the name
        q.append(good[:cut])
    q.append(header(1, 0x0100, qd=0))		# no question
    q.append(header(2, 0x0100, qd=65535) + question(name))
    q.append(header(3, 0x2900) + question(name))	# opcode 5 (update)
    q.append(header(4, 0x0100) + b"\xc0\x0c\x00\x01\x00\x01")  # self pointer
    q.append(header(5, 0x0100) + b"\xc0\x0e\x00\x01\x00\x01")  # forward
    q.append(header(6, 0x0100) + b"\xc0\xff\x00\x01\x00\x01")  # out of range
    q.append(header(7, 0x0100) + b"\x03abc\xc0\x0c\x00\x01\x00\x01")
    q.append(header(8, 0x0100) + b"\x41abc\x00\x00\x01\x00\x01")  # type 0x40
    q.append(header(9, 0x0100) + b"\x81abc\x00\x00\x01\x00\x01")  # type 0x80
    q.append(header(10, 0x0100) + b"\x3fabc\x00\x00\x01\x00\x01")  # long len
    # a name of 300 octets, and one of 127 one-byte labels + more
    q.append(header(11, 0x0100) + (b"\x3f" + b"a" * 63) * 5 + b"\0\0\1\0\1")
    q.append(header(12, 0x0100) + b"\x01a" * 200 + b"\0\0\1\0\1")
    # labels with a NUL, a dot, high bytes
    q.append(header(13, 0x0100) + b"\x05ev\x00il\x07example\x00\x00\x01\x00\x01")
    q.append(header(14, 0x0100) + b"\x0cevil.example\x00\x00\x01\x00\x01")
    q.append(header(15, 0x0100) + b"\x04\xff\xfe\x80\x00\x07example\x00\0\1\0\1")
    # five questions (the module keeps four), the listed one last
    q.append(header(16, 0x0100, qd=5) + b"".join(
        question("q%d.example" % i) for i in range(4)) + question(name))
    # pointer chain: q2 -> q1 -> q0 ... backwards, 60 hops
    body = question("a.example")
    off = 12
    for i in range(60):
        body += struct.pack("!H", 0xc000 | off) + b"\0\1\0\1"
        off = 12 + len(body) - 6
    q.append(header(17, 0x0100, qd=61) + body)
    # a response (QR) without answers, to the server: the module sees a
    # "response" going the query's way
    q.append(header(18, 0x8180) + question(name))
    q.append(b"\xff" * 512)
    q.append(good + b"\x00" * 3000)		# trailing junk, big datagram
    return q


def bad_answers(qid, qbytes, name):
    """Malformed responses to the query whose question section is
    qbytes (wire form, with type and class); the answer names name."""
    a = []
    h = lambda an, flags=0x8180, qd=1: header(qid, flags, qd, an)
    A = lambda o, ip, ttl=0: rr(o, 1, socket.inet_aton(ip), ttl)
    a.append(h(65535) + qbytes)				# ancount lies
    a.append(h(1) + qbytes + rr(PTR_Q, 1, b"\x0a\x00\x02"))	# A rdlen 3
    a.append(h(1) + qbytes + rr(PTR_Q, 1, b"\x0a\x00\x02\x63", rdlen=200))
    a.append(h(1) + qbytes + rr(PTR_Q, 28, b"\x0a\x00\x02\x63"))	# AAAA 4
    a.append(h(1) + qbytes + rr(PTR_Q, 1, socket.inet_aton("198.51.100.1"),
                                rdlen=65535))
    # CNAME loop: name -> x.loop.example -> name, with addresses
    x = qname("x.loop.example")
    a.append(h(4) + qbytes + rr(PTR_Q, 5, x) +
             rr(x, 5, PTR_Q) + A(x, "198.51.100.2") + A(PTR_Q, "198.51.100.3"))
    # CNAME pointing at itself
    a.append(h(2) + qbytes + rr(PTR_Q, 5, PTR_Q) + A(PTR_Q, "198.51.100.4"))
    # a chain of 20 CNAMEs, then an address
    recs, owner = b"", PTR_Q
    for i in range(20):
        nxt = qname("c%d.chain.example" % i)
        recs += rr(owner, 5, nxt)
        owner = nxt
    recs += A(owner, "198.51.100.5")
    a.append(h(21) + qbytes + recs)
    # 40 addresses (the module keeps 16), from 203.0.113.0/24
    a.append(h(40) + qbytes + b"".join(
        A(PTR_Q, "203.0.113.%d" % (10 + i), 30) for i in range(40)))
    # owner name: pointer loops, forward, out of range, bad label types
    for own in (b"\xc0\x30", b"\xc0\xff", b"\xff\xff", b"\x40", b"\x80\x01",
                b"\x01a\xc0\x20"):
        a.append(h(1) + qbytes + rr(own, 1, socket.inet_aton("198.51.100.6")))
    # a record whose own name points at itself
    off = 12 + len(qbytes)
    a.append(h(1) + qbytes + struct.pack("!H", 0xc000 | off) +
             struct.pack("!HHIH", 1, 1, 0, 4) + b"\xc6\x33\x64\x07")
    # cut inside the record header, inside the rdata
    full = h(1) + qbytes + A(PTR_Q, "198.51.100.8")
    for cut in range(len(full) - 14, len(full)):
        a.append(full[:cut])
    # TTL with the top bit set
    a.append(h(1) + qbytes + A(PTR_Q, "198.51.100.9", 0x80000000))
    # QR with opcode 2, no question with answers, too many questions
    a.append(header(qid, 0x9180, 1, 1) + qbytes + A(PTR_Q, "198.51.100.10"))
    a.append(header(qid, 0x8180, 0, 1) + A(qname(name), "198.51.100.11"))
    a.append(header(qid, 0x8180, 9, 1) + qbytes * 9 + A(PTR_Q, "198.51.100.12"))
    # truncated flag, rcode NXDOMAIN with an answer anyway
    a.append(header(qid, 0x8380, 1, 1) + qbytes + A(PTR_Q, "198.51.100.13"))
    a.append(header(qid, 0x8183, 1, 1) + qbytes + A(PTR_Q, "198.51.100.14"))
    # answer owner with a NUL and a dot in a label
    a.append(h(1) + qbytes + A(b"\x0cc2\x00evil.exam\x00", "198.51.100.15"))
    # class CH, type A; an OPT record in the answer section
    a.append(h(1) + qbytes + PTR_Q + struct.pack("!HHIH", 1, 3, 0, 4) +
             b"\xc6\x33\x64\x10")
    a.append(h(1) + qbytes + b"\x00" + struct.pack("!HHIH", 41, 4096, 0, 0))
    # a well-formed answer, for reference
    a.append(h(1) + qbytes + A(PTR_Q, "198.51.100.17"))
    return a


def mutate(buf, rnd, n=None):
    b = bytearray(buf)
    for _ in range(n or rnd.randint(1, 4)):
        op = rnd.randrange(4)
        if not b:
            break
        i = rnd.randrange(len(b))
        if op == 0:
            b[i] ^= 1 << rnd.randrange(8)
        elif op == 1:
            b[i] = rnd.choice((0, 0xff, 0xc0, 0x3f, 0x40, rnd.randrange(256)))
        elif op == 2:
            del b[i:]
        else:
            b[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 8)))
    return bytes(b)


# ---------------------------------------------------------------------------
# TLS ClientHello

def ext(etype, body, elen=None):
    return struct.pack("!HH", etype, len(body) if elen is None else elen) + body


def sni_ext(name, list_len=None, name_type=0, name_len=None, elen=None):
    nb = name if isinstance(name, bytes) else name.encode("latin-1")
    entry = bytes([name_type]) + struct.pack(
        "!H", len(nb) if name_len is None else name_len) + nb
    lst = struct.pack("!H", len(entry) if list_len is None else list_len) + entry
    return ext(0, lst, elen)


def client_hello(exts, sid=b"\x00" * 32, suites=b"\x13\x01\x13\x02\xc0\x2f",
                 comp=b"\x00", ext_len=None, hs_len=None, rec_len=None,
                 hs_type=1, rec_type=22, rec_ver=b"\x03\x01",
                 suites_len=None, comp_len=None, sid_len=None):
    e = b"".join(exts)
    body = (b"\x03\x03" + b"\x5a" * 32 +
            bytes([len(sid) if sid_len is None else sid_len]) + sid +
            struct.pack("!H", len(suites) if suites_len is None else suites_len)
            + suites + bytes([len(comp) if comp_len is None else comp_len]) +
            comp + struct.pack("!H", len(e) if ext_len is None else ext_len) + e)
    hs = bytes([hs_type]) + struct.pack(
        "!I", len(body) if hs_len is None else hs_len)[1:] + body
    return bytes([rec_type]) + rec_ver + struct.pack(
        "!H", len(hs) if rec_len is None else rec_len) + hs


GREASE = ext(0x0a0a, b"")
SUPPORTED = ext(43, b"\x02\x03\x04")


def bad_hellos(name):
    h = []
    good = client_hello([GREASE, sni_ext(name), SUPPORTED])
    for cut in list(range(1, 60)) + list(range(60, len(good), 7)):
        h.append(good[:cut])
    h.append(client_hello([sni_ext(name)], rec_len=0))
    h.append(client_hello([sni_ext(name)], rec_len=65535))
    h.append(client_hello([sni_ext(name)], rec_len=3))
    h.append(client_hello([sni_ext(name)], hs_len=0xffffff))
    h.append(client_hello([sni_ext(name)], hs_len=1))
    h.append(client_hello([sni_ext(name)], sid_len=255))
    h.append(client_hello([sni_ext(name)], suites_len=65535))
    h.append(client_hello([sni_ext(name)], suites_len=3))
    h.append(client_hello([sni_ext(name)], comp_len=255))
    h.append(client_hello([sni_ext(name)], ext_len=65535))
    h.append(client_hello([sni_ext(name)], ext_len=3))
    h.append(client_hello([sni_ext(name, list_len=65535)]))
    h.append(client_hello([sni_ext(name, list_len=0)]))
    h.append(client_hello([sni_ext(name, name_len=65535)]))
    h.append(client_hello([sni_ext(name, name_len=0)]))
    h.append(client_hello([sni_ext(b"")]))
    h.append(client_hello([sni_ext(name, name_type=1)]))
    h.append(client_hello([sni_ext(name, elen=65535)]))
    h.append(client_hello([sni_ext(name, elen=1)]))
    h.append(client_hello([sni_ext("a" * 300)]))
    h.append(client_hello([sni_ext("a." * 200 + "example")]))
    h.append(client_hello([sni_ext(b"c2\x00evil.example")]))
    h.append(client_hello([sni_ext(b"c2.evil.example\xff")]))
    h.append(client_hello([sni_ext(b"\x80" * 64)]))
    h.append(client_hello([sni_ext(name), sni_ext("x.example")]))
    h.append(client_hello([GREASE] * 500 + [sni_ext(name)]))
    h.append(client_hello([ext(0xffff, b"x" * 300), sni_ext(name)]))
    h.append(client_hello([sni_ext(name)], hs_type=2))	# a ServerHello
    h.append(client_hello([sni_ext(name)], rec_type=23))
    h.append(client_hello([sni_ext(name)], rec_ver=b"\x02\x00"))
    h.append(client_hello([sni_ext(name)], rec_ver=b"\x03\xff"))
    h.append(client_hello([]))				# no extensions
    h.append(client_hello([], ext_len=0)[:-2])		# no extension block
    # SSLv2-style hello
    h.append(b"\x80\x2e\x01\x00\x02\x00\x15\x00\x00\x00\x10" + b"\x00" * 37)
    # two records, the ClientHello split over them
    full = client_hello([sni_ext(name)])
    hs = full[5:]
    h.append(b"\x16\x03\x01" + struct.pack("!H", 20) + hs[:20] +
             b"\x16\x03\x01" + struct.pack("!H", len(hs) - 20) + hs[20:])
    return h


def hello_bytes(name):
    """A ClientHello as a real client (Python's ssl) sends it."""
    import ssl
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    inb, outb = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = ctx.wrap_bio(inb, outb, server_hostname=name)
    try:
        obj.do_handshake()
    except ssl.SSLWantReadError:
        pass
    return outb.read()


# ---------------------------------------------------------------------------
# HTTP request heads

def bad_http(name):
    n = name.encode()
    r = [
        b"GET / HTTP/1.1\r\nHost: " + n + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: " + n + b":8080\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: " + n + b".\r\n\r\n",
        b"GET / HTTP/1.1\r\nhOsT:\t \t" + n + b" \t\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost:\r\n " + n + b"\r\n\r\n",	# folded
        b"GET / HTTP/1.1\r\nHost: a.example\r\nHost: " + n + b"\r\n\r\n",
        b"GET http://" + n + b":81/x HTTP/1.1\r\n\r\n",
        b"GET http://" + n + b" HTTP/1.1\r\n\r\n",
        b"GET http:// HTTP/1.1\r\n\r\n",
        b"GET http://[::1 HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\nHost: " + n + b"\n\n",		# bare LF
        b"GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: 192.0.2.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: \r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: :80\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: " + b"a" * 400 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: " + b"a." * 200 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: c2\x00" + n + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: \xff\xfe" + n + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"X-Pad: " + b"p" * 1300 + b"\r\n",
        b"GET / HTTP/1.1\r\n" + b"X: y\r\n" * 300 + b"Host: " + n + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: " + n,			# no line end
        b"GET / HTTP/1.1\r\nHost",
        b"GET / HTTP/1.1\r\n",
        b"GET / HTTP/1.1",
        b"GET / HTTP/2.0\r\nHost: " + n + b"\r\n\r\n",
        b"ABCDEFGHIJKLMNOPQ / HTTP/1.1\r\nHost: " + n + b"\r\n\r\n",
        b"get / HTTP/1.1\r\nHost: " + n + b"\r\n\r\n",
        b"GET  / HTTP/1.1\r\nHost: " + n + b"\r\n\r\n",
        b"GET / HTTP/1.1 \r\nHost: " + n + b"\r\n\r\n",
        b"GET\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nHost: " + n + b"\r\n\r\n",
        b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        b"\r\n\r\n",
        b"\x00" * 64,
        b" " * 1400,
    ]
    for i in range(1, 40):
        r.append(r[0][:i])
    return r


# ---------------------------------------------------------------------------
# client side

def tcp_send(addr, port, payload, wait=0.05):
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.settimeout(2)
    try:
        s.connect((addr, port))
        if payload:
            s.sendall(payload)
        # give the segment time to cross the gateway before the FIN
        time.sleep(wait)
        return 1
    except OSError:
        return 0
    finally:
        s.close()


def udp_ask(addr, port, payload, sport=0, wait=0.3):
    fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_DGRAM)
    try:
        if sport:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("::" if fam == socket.AF_INET6 else "0.0.0.0", sport))
        s.sendto(payload, (addr, port))
        r, _, _ = select.select([s], [], [], wait)
        if r:
            s.recv(65535)
            return 1
        return 0
    except OSError:
        return 0
    finally:
        s.close()


def cmd_client(a):
    rnd = random.Random(a.seed)
    stats = dict(udp_raw=0, frag=0, asked=0, answered=0, tcp=0, tcp_ok=0)
    name = a.name

    if not a.skip_raw:
        from scapy.layers.inet import IP, UDP, TCP, fragment
        from scapy.layers.inet6 import IPv6, IPv6ExtHdrFragment, fragment6
        from scapy.packet import Raw
        from scapy.sendrecv import send
        from scapy.config import conf
        conf.verb = 0
        dst = a.dns
        # first (within the alert burst): fragmented queries for the listed
        # name; the gateway reassembles them before the module looks
        f4 = IP(dst=dst) / UDP(sport=a.frag_sport, dport=DNS_PORT) / Raw(
            query(0x3333, "frag4." + name))
        send(fragment(f4, fragsize=16), inter=0)
        stats["frag"] += 1
        if a.dns6:
            f6 = (IPv6(dst=a.dns6) / IPv6ExtHdrFragment() /
                  UDP(sport=a.frag_sport + 1, dport=DNS_PORT) /
                  Raw(query(0x3334, "frag6." + name) + b"\0" * 64))
            send(fragment6(f6, 96), inter=0)
            stats["frag"] += 1

        pkts = []
        qs = bad_queries(name)
        for _ in range(a.rounds):
            qs.append(mutate(query(rnd.randrange(65536), name), rnd))
        sport = 42000
        for p in qs:
            sport += 1
            pkts.append(IP(dst=dst) / UDP(sport=sport, dport=DNS_PORT) / Raw(p))
            if a.dns6 and sport % 4 == 0:
                pkts.append(IPv6(dst=a.dns6) / UDP(sport=sport, dport=DNS_PORT) /
                            Raw(p))
        # UDP length lies, bad checksum (the stack or conntrack may drop
        # these first; the module must not trip over what is left)
        good = query(0x2222, name)
        pkts.append(IP(dst=dst) / UDP(sport=43001, dport=DNS_PORT, len=8) / Raw(good))
        pkts.append(IP(dst=dst) / UDP(sport=43002, dport=DNS_PORT, len=2000) / Raw(good))
        pkts.append(IP(dst=dst) / UDP(sport=43003, dport=DNS_PORT, chksum=1) / Raw(good))
        # DNS over raw TCP segments without a connection
        for fl in ("S", "A", "PA", "F", "R", "SF"):
            pkts.append(IP(dst=dst) / TCP(sport=43010, dport=DNS_PORT, flags=fl,
                                          seq=1000) /
                        Raw(struct.pack("!H", len(good)) + good))
        pkts.append(IP(dst=dst) / TCP(sport=43011, dport=443, flags="PA") /
                    Raw(bad_hellos(name)[-1]))
        pkts.append(IP(dst=dst) / TCP(sport=43012, dport=80, flags="PA",
                                      dataofs=15) / Raw(b"GET / HTTP/1.1\r\n"))
        stats["udp_raw"] = len(pkts)
        send(pkts, inter=0)
    # well-formed queries to the malicious responder: the malformed
    # answers cross the gateway on the query's flow
    n_ans = len(bad_answers(0, question(name), name)) + a.rounds
    for i in range(n_ans):
        stats["asked"] += 1
        stats["answered"] += udp_ask(a.resp, DNS_PORT, query(i, "c2." + name),
                                     wait=0.2)
    if a.resp6:
        for i in range(0, n_ans, 3):
            stats["asked"] += 1
            stats["answered"] += udp_ask(a.resp6, DNS_PORT,
                                         query(i, "c2." + name, 28), wait=0.2)

    # DNS over TCP: lying length prefixes, malformed queries
    tq = [b"\x00", b"\x00\x05" + query(1, name), b"\xff\xff" + query(2, name),
          b"\x00\x0c" + query(3, name)[:12], b"\x00\x00"]
    for p in bad_queries(name)[:40:3]:
        tq.append(struct.pack("!H", len(p)) + p)
    q2 = query(4, name)
    tq.append(struct.pack("!H", len(q2)) + q2 + struct.pack("!H", len(q2)) + q2)
    for p in tq:
        stats["tcp"] += 1
        stats["tcp_ok"] += tcp_send(a.resp, DNS_PORT, p)

    # TLS and HTTP first payloads
    hellos = bad_hellos(name)
    real = hello_bytes(name)
    for _ in range(a.rounds):
        hellos.append(mutate(real, rnd))
    https = bad_http(name)
    for _ in range(a.rounds):
        https.append(mutate(https[0], rnd))
    for p in hellos:
        stats["tcp"] += 1
        stats["tcp_ok"] += tcp_send(a.resp, 443, p, wait=0.01)
    for p in https:
        stats["tcp"] += 1
        stats["tcp_ok"] += tcp_send(a.resp, 80, p, wait=0.01)
    if a.resp6:
        for p in hellos[::5] + https[::5]:
            stats["tcp"] += 1
            stats["tcp_ok"] += tcp_send(a.resp6, 443, p, wait=0.01)
    print("wire_fuzz: " + " ".join("%s=%d" % kv for kv in stats.items()))
    return 0


# ---------------------------------------------------------------------------
# server side

def respond_udp(sock, name, rounds, seed):
    rnd = random.Random(seed)
    ref = None
    while True:
        try:
            data, peer = sock.recvfrom(65535)
        except OSError:
            continue
        if len(data) < 12:
            continue
        qid = struct.unpack("!H", data[:2])[0]
        qb = data[12:]
        answers = bad_answers(qid, qb, name)
        if ref is None:
            ref = answers[-1]
        i = qid
        if i < len(answers):
            out = answers[i]
        else:
            out = mutate(header(qid, 0x8180, 1, 1) + qb + rr(
                PTR_Q, 1, socket.inet_aton("198.51.100.99")), rnd)
        try:
            sock.sendto(out, peer)
        except OSError:
            pass


def serve_tcp(lsock, dns):
    while True:
        try:
            c, _ = lsock.accept()
        except OSError:
            continue
        threading.Thread(target=tcp_conn, args=(c, dns), daemon=True).start()


def tcp_conn(c, dns):
    c.settimeout(3)
    try:
        data = c.recv(65535)
        if dns and len(data) >= 14:
            qid = struct.unpack("!H", data[2:4])[0]
            out = header(qid, 0x8180, 1, 65535) + data[14:]
            c.sendall(struct.pack("!H", len(out) + 100) + out)
        while c.recv(65535):
            pass
    except OSError:
        pass
    finally:
        c.close()


def listen(fam, typ, addr, port):
    s = socket.socket(fam, typ)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port))
    if typ == socket.SOCK_STREAM:
        s.listen(64)
    return s


def cmd_respond(a):
    threads = []
    for addr in a.addr:
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        u = listen(fam, socket.SOCK_DGRAM, addr, DNS_PORT)
        threads.append(threading.Thread(target=respond_udp,
                                        args=(u, a.name, 0, a.seed)))
        for port in [DNS_PORT] + a.tcp_port:
            t = listen(fam, socket.SOCK_STREAM, addr, port)
            threads.append(threading.Thread(target=serve_tcp,
                                            args=(t, port == DNS_PORT)))
    for t in threads:
        t.daemon = True
        t.start()
    print("wire_fuzz: responding", flush=True)
    threading.Event().wait()


def cmd_hello(a):
    fam = socket.AF_INET6 if ":" in a.addr else socket.AF_INET
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.settimeout(a.wait)
    rc = 1
    t0 = time.monotonic()
    try:
        s.connect((a.addr, a.port))
        s.sendall(hello_bytes(a.sni))
        try:
            if s.recv(65535):
                rc = 0
        except socket.timeout:
            rc = 1
        if a.later:
            s.sendall(a.later.encode())
            time.sleep(0.3)
    except (ConnectionResetError, BrokenPipeError):
        rc = 2
    except socket.timeout:
        rc = 1
    except OSError as e:
        print("wire_fuzz: hello: %s" % e, file=sys.stderr)
        rc = 3
    finally:
        s.close()
    print("wire_fuzz: hello: rc=%d ms=%d" % (rc, (time.monotonic() - t0) * 1000))
    return rc


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("client")
    c.add_argument("--dns", required=True)
    c.add_argument("--dns6")
    c.add_argument("--resp", required=True)
    c.add_argument("--resp6")
    c.add_argument("--name", default="evil.example")
    c.add_argument("--seed", type=int, default=1)
    c.add_argument("--rounds", type=int, default=50)
    c.add_argument("--frag-sport", type=int, default=44000)
    c.add_argument("--skip-raw", action="store_true")
    r = sub.add_parser("respond")
    r.add_argument("addr", nargs="+")
    r.add_argument("--tcp-port", type=int, action="append", default=[])
    r.add_argument("--name", default="evil.example")
    r.add_argument("--seed", type=int, default=1)
    h = sub.add_parser("hello")
    h.add_argument("addr")
    h.add_argument("port", type=int)
    h.add_argument("sni")
    h.add_argument("--later")
    h.add_argument("--wait", type=float, default=2)
    a = p.parse_args()
    if a.cmd == "client":
        return cmd_client(a)
    if a.cmd == "respond":
        return cmd_respond(a)
    return cmd_hello(a)


if __name__ == "__main__":
    sys.exit(main())
