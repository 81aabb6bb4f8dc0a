#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""quic_initial.py - QUIC client Initials made by hand, for c2guard.

c2guard reads the server name of the ClientHello in a QUIC client's
Initial packets (kmod/quic.c).  A real client (ngtcp2's gtlsclient) covers
the common case; this tool makes what it does not: a ClientHello split
over two Initials with the server name in the second, a short DCID,
version 2 (RFC 9369), and malformed Initials.  Its packet protection is
written here from RFC 9001 5 (hashlib/hmac for HKDF, python3-cryptography
for AES), apart from the module's.

  quic_initial.py send ADDR PORT SNI [--version 1|2] [--split]
                  [--dcid-len N] [--wait S]
      one connection from one UDP socket: its Initial(s) carrying a
      ClientHello for SNI (with --split, in two datagrams, the server name
      in the second); exit 0 if the server answered, 1 if not
  quic_initial.py sends PORT SPEC... [--wait S]
      the same for several connections at once (one python start under
      emulation is seconds): SPEC is ADDR/SNI[/OPTION+...], OPTION one of
      split, v2, dcid=N; prints "SNI answered" or "SNI silent" for each
  quic_initial.py fuzz ADDR PORT SNI [--seed S] [--rounds N]
      N malformed datagrams (mutations of valid Initials for SNI: bits
      flipped anywhere, cut anywhere, lengths that lie, random bytes behind
      a version 1 or 2 long header), each from a socket of its own, sent
      with scapy; prints "quic_initial: fuzz N datagrams"
"""

import argparse
import hashlib
import hmac
import os
import random
import socket
import struct
import sys
import time

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

VERSIONS = {
    1: (0x00000001, bytes.fromhex("38762cf7f55934b34d179ae6a4c80cadccbb7f0a"),
        "quic", 0),
    2: (0x6b3343cf, bytes.fromhex("0dede3def700a6db819381be6e269dcbf9bd2ed9"),
        "quicv2", 1),
}


def expand_label(secret, label, length):
    """HKDF-Expand-Label (RFC 8446 7.1), empty context, one block."""
    full = b"tls13 " + label.encode()
    info = struct.pack("!HB", length, len(full)) + full + b"\x00"
    return hmac.new(secret, info + b"\x01", hashlib.sha256).digest()[:length]


def client_keys(version, dcid):
    _, salt, prefix, _ = VERSIONS[version]
    initial = hmac.new(salt, dcid, hashlib.sha256).digest()
    client = expand_label(initial, "client in", 32)
    return (expand_label(client, prefix + " key", 16),
            expand_label(client, prefix + " iv", 12),
            expand_label(client, prefix + " hp", 16))


def varint(v):
    if v < 0x40:
        return bytes([v])
    if v < 0x4000:
        return struct.pack("!H", 0x4000 | v)
    return struct.pack("!I", 0x80000000 | v)


def client_hello(sni, pad_before_sni):
    """A TLS 1.3 ClientHello; a padding extension of PAD bytes comes
    before the server name (to push it past the first Initial)."""
    exts = b""
    if pad_before_sni:
        exts += struct.pack("!HH", 21, pad_before_sni) + bytes(pad_before_sni)
    name = sni.encode()
    sni_list = struct.pack("!BH", 0, len(name)) + name
    exts += struct.pack("!HHH", 0, len(sni_list) + 2, len(sni_list)) + sni_list
    # supported_versions: TLS 1.3; key_share: x25519 (random key)
    exts += struct.pack("!HHB", 43, 3, 2) + b"\x03\x04"
    ks = struct.pack("!HH", 0x1d, 32) + os.urandom(32)
    exts += struct.pack("!HHH", 51, len(ks) + 2, len(ks)) + ks
    # supported_groups, signature_algorithms, ALPN h3
    exts += struct.pack("!HHHH", 10, 4, 2, 0x1d)
    exts += struct.pack("!HHHHH", 13, 6, 4, 0x0403, 0x0804)
    exts += struct.pack("!HHHB", 16, 5, 3, 2) + b"h3"
    body = (b"\x03\x03" + os.urandom(32) + b"\x00" +
            struct.pack("!HH", 2, 0x1301) + b"\x01\x00" +
            struct.pack("!H", len(exts)) + exts)
    return b"\x01" + struct.pack("!I", len(body))[1:] + body


def crypto_frame(offset, data):
    return b"\x06" + varint(offset) + varint(len(data)) + data


def seal(version, dcid, scid, pn, frames, dgram=1200):
    """One Initial, padded to make a datagram of DGRAM bytes."""
    vnum, _, _, itype = VERSIONS[version]
    key, iv, hp = client_keys(version, dcid)
    pnlen = 2
    head = (bytes([0xc0 | (itype << 4) | (pnlen - 1)]) +
            struct.pack("!IB", vnum, len(dcid)) + dcid +
            bytes([len(scid)]) + scid + b"\x00")
    pad = max(0, dgram - (len(head) + 2 + pnlen + len(frames) + 16))
    payload = frames + bytes(pad)
    length = pnlen + len(payload) + 16
    header = head + struct.pack("!H", 0x4000 | length) + struct.pack("!H", pn)
    nonce = bytearray(iv)
    for i in range(8):
        nonce[4 + i] ^= (pn >> (56 - 8 * i)) & 0xff
    sealed = AESGCM(key).encrypt(bytes(nonce), payload, header)
    pn_off = len(header) - pnlen
    sample = sealed[4 - pnlen:4 - pnlen + 16]
    enc = Cipher(algorithms.AES(hp), modes.ECB()).encryptor()
    mask = enc.update(sample) + enc.finalize()
    out = bytearray(header + sealed)
    out[0] ^= mask[0] & 0x0f
    for i in range(pnlen):
        out[pn_off + i] ^= mask[1 + i]
    return bytes(out)


def datagrams(version, sni, split, dcid_len):
    """The datagrams of one connection's ClientHello."""
    dcid = os.urandom(dcid_len)
    scid = os.urandom(8)
    if not split:
        return [seal(version, dcid, scid, 0, crypto_frame(0, client_hello(sni, 0)))]
    hello = client_hello(sni, 1300)
    cut = 900
    return [seal(version, dcid, scid, 0, crypto_frame(0, hello[:cut])),
            seal(version, dcid, scid, 1, crypto_frame(cut, hello[cut:]))]


def cmd_send(a):
    family = socket.AF_INET6 if ":" in a.addr else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.settimeout(a.wait)
    for d in datagrams(a.version, a.sni, a.split, a.dcid_len):
        s.sendto(d, (a.addr, a.port))
    try:
        s.recvfrom(65535)
    except (socket.timeout, OSError):
        print("quic_initial: silent")
        return 1
    print("quic_initial: answered")
    return 0


def cmd_sends(a):
    import select
    socks = {}
    for spec in a.specs:
        parts = spec.split("/")
        addr, sni = parts[0], parts[1]
        opts = parts[2].split("+") if len(parts) > 2 and parts[2] else []
        version = 2 if "v2" in opts else 1
        dcid = 8
        for o in opts:
            if o.startswith("dcid="):
                dcid = int(o[5:])
        family = socket.AF_INET6 if ":" in addr else socket.AF_INET
        s = socket.socket(family, socket.SOCK_DGRAM)
        for d in datagrams(version, sni, "split" in opts, dcid):
            s.sendto(d, (addr, a.port))
        socks[s] = sni
    answered = set()
    deadline = time.monotonic() + a.wait
    while len(answered) < len(socks) and time.monotonic() < deadline:
        left = [s for s in socks if s not in answered]
        r, _, _ = select.select(left, [], [], max(0, deadline - time.monotonic()))
        for s in r:
            try:
                s.recvfrom(65535)
                answered.add(s)
            except OSError:
                pass
    for s, sni in socks.items():
        print(sni, "answered" if s in answered else "silent")
    return 0


def mutate(rng, orig):
    """A datagram that differs from orig: each of its bytes is header (the
    AEAD's associated data) or sealed, so no mutation can still open."""
    while True:
        d = mutate_once(rng, orig)
        if d != orig:
            return d


def mutate_once(rng, d):
    d = bytearray(d)
    kind = rng.randrange(5)
    if kind == 0:                       # bits flipped anywhere
        for _ in range(rng.randrange(1, 4)):
            d[rng.randrange(len(d))] ^= 1 << rng.randrange(8)
    elif kind == 1:                     # cut anywhere (kept a candidate)
        d = d[:rng.randrange(7, len(d))]
        d += bytes(max(0, 1200 - len(d)))
    elif kind == 2:                     # a header byte (a length) that lies
        d[rng.randrange(5, 40)] = rng.randrange(256)
    elif kind == 3:                     # random bytes behind a header
        d[7:] = bytes(rng.randrange(256) for _ in range(len(d) - 7))
    else:                               # another DCID than the keys'
        d[6] ^= 0xff
    return bytes(d)


def cmd_fuzz(a):
    from scapy.all import IP, IPv6, UDP, Raw, send  # noqa: E402
    rng = random.Random(a.seed)
    six = ":" in a.addr
    pkts = []
    for i in range(a.rounds):
        base = datagrams(rng.choice([1, 2]), a.sni, rng.random() < 0.3,
                         rng.choice([0, 4, 8, 20]))
        d = mutate(rng, rng.choice(base))
        l3 = IPv6(dst=a.addr) if six else IP(dst=a.addr)
        pkts.append(l3 / UDP(sport=20000 + i % 20000, dport=a.port) / Raw(d))
    send(pkts, verbose=False)
    print("quic_initial: fuzz %d datagrams" % len(pkts))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("send")
    s.add_argument("addr")
    s.add_argument("port", type=int)
    s.add_argument("sni")
    s.add_argument("--version", type=int, choices=[1, 2], default=1)
    s.add_argument("--split", action="store_true")
    s.add_argument("--dcid-len", type=int, default=8)
    s.add_argument("--wait", type=float, default=2.0)
    m = sub.add_parser("sends")
    m.add_argument("port", type=int)
    m.add_argument("specs", nargs="+")
    m.add_argument("--wait", type=float, default=3.0)
    f = sub.add_parser("fuzz")
    f.add_argument("addr")
    f.add_argument("port", type=int)
    f.add_argument("sni")
    f.add_argument("--seed", type=int, default=1)
    f.add_argument("--rounds", type=int, default=300)
    a = p.parse_args()
    return {"send": cmd_send, "sends": cmd_sends, "fuzz": cmd_fuzz}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
