#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send malformed generic netlink requests to c2guard and check the answers.

Speaks raw NETLINK_GENERIC through the socket module (no extra packages).
Every malformed request must be answered with an NLMSG_ERROR carrying a
negative errno, policy violations with an extended ACK message too, and the
module must keep working.  Then a seeded random mutation run checks that the
kernel answers every request.  Acts on the netns it runs in (run it in a
throwaway netns): it flushes that netns's indicators and restores the
default configuration when done.

Output: KTAP-ish "ok N - desc" / "not ok N - desc" lines and "1..N".
Exit: 0 all passed, 1 a check failed, 4 c2guard is not loaded.

Names, numbers, types and checks come from the family's spec,
uapi/c2guard.yaml (read with tools/nlspec.py, python3-yaml): the checks of
every request attribute are tried at and past their bounds, and the family
the kernel registered is compared with the spec's commands and groups.

usage: nl_fuzz.py [--spec PATH] [--cases LIST] [--seed N] [--iterations N]
                  [-v]
"""

import argparse
import collections
import errno
import os
import random
import re
import socket
import struct
import sys

NETLINK_GENERIC = 16
SOL_NETLINK = 270
NETLINK_CAP_ACK = 10
NETLINK_EXT_ACK = 11

NLMSG_ERROR = 2
NLMSG_DONE = 3

NLM_F_REQUEST = 0x1
NLM_F_MULTI = 0x2
NLM_F_ACK = 0x4
NLM_F_DUMP_INTR = 0x10
NLM_F_DUMP = 0x300
NLM_F_REPLACE = 0x100
NLM_F_CAPPED = 0x100
NLM_F_ACK_TLVS = 0x200

NLMSGERR_ATTR_MSG = 1
NLMSGERR_ATTR_OFFS = 2
NLMSGERR_ATTR_MISS_TYPE = 5
NLMSGERR_ATTR_MISS_NEST = 6

NLA_F_NESTED = 0x8000
NLA_TYPE_MASK = 0x3fff

GENL_ID_CTRL = 16
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
CTRL_ATTR_VERSION = 3
CTRL_ATTR_MAXATTR = 5
CTRL_ATTR_OPS = 6
CTRL_ATTR_MCAST_GROUPS = 7
CTRL_ATTR_OP_ID = 1
CTRL_ATTR_OP_FLAGS = 2
CTRL_ATTR_MCAST_GRP_NAME = 1
GENL_ADMIN_PERM = 0x1
GENL_CMD_CAP_DO = 0x2
GENL_CMD_CAP_DUMP = 0x4
GENL_UNS_ADMIN_PERM = 0x10

AF_INET = 2
AF_INET6 = 10

# The contract: every C name of uapi/linux/c2guard.h and its value, from
# the spec (load_spec()).
C = {}
SPEC = None

# What the module has (C2GUARD_STATUS_A_FEATURES) and the BEACON_MAX it
# started with (its default depends on the RAM): read by main().
FEATURES = 0
BEACON_MAX0 = None


def load_spec(path):
    """Read the spec with tools/nlspec.py (next to the spec's uapi/, or to
    this script) into SPEC and C."""
    global SPEC
    here = os.path.dirname(os.path.abspath(__file__))
    for d in (os.path.join(os.path.dirname(os.path.abspath(path)), "..",
                           "tools"),
              os.path.join(here, "..", "tools"), here):
        if os.path.exists(os.path.join(d, "nlspec.py")):
            sys.path.insert(0, d)
            break
    import nlspec
    SPEC = nlspec.load(path)
    C.update(SPEC.cnames)


def k(name):
    return C[name]


# ---------------------------------------------------------------------------
# Message building

def pad4(n):
    return (n + 3) & ~3


def nla(atype, payload=b"", nested=False, length=None):
    """One attribute; length overrides nla_len (to lie about it)."""
    if nested:
        atype |= NLA_F_NESTED
    ln = 4 + len(payload) if length is None else length
    return struct.pack("=HH", ln, atype) + payload + \
        b"\0" * (pad4(len(payload)) - len(payload))


def a_u8(t, v):
    return nla(t, struct.pack("=B", v))


def a_u16(t, v):
    return nla(t, struct.pack("=H", v))


def a_u32(t, v):
    return nla(t, struct.pack("=I", v))


def a_u64(t, v):
    return nla(t, struct.pack("=Q", v))


def a_str(t, s, nul=True):
    b = s.encode() if isinstance(s, str) else s
    return nla(t, b + (b"\0" if nul else b""))


def a_nest(t, *attrs, flag=True):
    return nla(t, b"".join(attrs), nested=flag)


def ind(family=AF_INET, addr=None, prefixlen=None, action=None, tag=None,
        timeout=None, extra=b""):
    """An IND nest; None leaves an attribute out."""
    parts = []
    if family is not None:
        parts.append(a_u8(k("C2GUARD_IND_A_FAMILY"), family))
    if addr is not None:
        parts.append(nla(k("C2GUARD_IND_A_ADDR"), addr))
    if prefixlen is not None:
        parts.append(a_u8(k("C2GUARD_IND_A_PREFIXLEN"), prefixlen))
    if action is not None:
        parts.append(a_u8(k("C2GUARD_IND_A_ACTION"), action))
    if tag is not None:
        parts.append(a_str(k("C2GUARD_IND_A_TAG"), tag))
    if timeout is not None:
        parts.append(a_u32(k("C2GUARD_IND_A_TIMEOUT"), timeout))
    return a_nest(k("C2GUARD_A_IND"), *parts, extra)


def v4(s):
    return socket.inet_pton(socket.AF_INET, s)


def v6(s):
    return socket.inet_pton(socket.AF_INET6, s)


def parse_attrs(buf):
    """{type: payload} of a run of attributes (last one wins)."""
    out = {}
    off = 0
    while off + 4 <= len(buf):
        ln, t = struct.unpack_from("=HH", buf, off)
        if ln < 4 or off + ln > len(buf):
            break
        out[t & NLA_TYPE_MASK] = buf[off + 4:off + ln]
        off += pad4(ln)
    return out


class Reply:
    """What the kernel answered to one request."""

    def __init__(self):
        self.error = None       # errno from NLMSG_ERROR (0 = ack), None: none
        self.ext = {}           # extack TLVs of the error
        self.msgs = []          # (type, flags, genl cmd, attrs) of replies
        self.done = False
        self.intr = False

    @property
    def extmsg(self):
        m = self.ext.get(NLMSGERR_ATTR_MSG)
        return m.rstrip(b"\0").decode(errors="replace") if m else None

    def describe(self):
        if self.error is None:
            return "no NLMSG_ERROR (%d replies, done=%s)" % (len(self.msgs),
                                                            self.done)
        s = "error %d" % self.error
        if self.error:
            s += " (%s)" % errno.errorcode.get(-self.error, "?")
        if self.extmsg:
            s += ' extack "%s"' % self.extmsg
        if NLMSGERR_ATTR_MISS_TYPE in self.ext:
            s += " missing attr %d" % struct.unpack(
                "=I", self.ext[NLMSGERR_ATTR_MISS_TYPE][:4])[0]
        if NLMSGERR_ATTR_OFFS in self.ext:
            s += " offset %d" % struct.unpack(
                "=I", self.ext[NLMSGERR_ATTR_OFFS][:4])[0]
        return s


class Genl:
    def __init__(self, timeout=10.0):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_CAP_ACK, 1)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
        self.sock.bind((0, 0))
        self.sock.settimeout(timeout)
        self.seq = random.randint(1000, 1 << 30)
        self.family = None

    def next_seq(self):
        self.seq += 1
        return self.seq

    def build(self, family, cmd, attrs=b"", flags=NLM_F_REQUEST | NLM_F_ACK,
              seq=None, version=None, length=None):
        if version is None:
            version = k("C2GUARD_GENL_VERSION")
        payload = struct.pack("=BBH", cmd, version, 0) + attrs
        seq = self.next_seq() if seq is None else seq
        ln = 16 + len(payload) if length is None else length
        return struct.pack("=IHHII", ln, family, flags, seq, 0) + payload, seq

    def send(self, data):
        self.sock.send(data)

    def recv_until(self, seqs, dump=False):
        """Collect answers to the requests with sequence numbers seqs, in
        order: one Reply each, complete when its ack/error (or DONE for a
        dump) has arrived.  Raises socket.timeout."""
        replies = {s: Reply() for s in seqs}
        pending = set(seqs)
        while pending:
            data = self.sock.recv(1 << 20)
            off = 0
            while off + 16 <= len(data):
                ln, typ, flags, seq, _pid = struct.unpack_from("=IHHII",
                                                              data, off)
                if ln < 16 or off + ln > len(data):
                    break
                body = data[off + 16:off + ln]
                off += pad4(ln)
                r = replies.get(seq)
                if r is None:
                    continue
                if flags & NLM_F_DUMP_INTR:
                    r.intr = True
                if typ == NLMSG_ERROR:
                    r.error = struct.unpack_from("=i", body)[0]
                    olen = struct.unpack_from("=I", body, 4)[0]
                    if flags & NLM_F_CAPPED or r.error == 0:
                        toff = 4 + 16
                    else:
                        toff = 4 + pad4(olen)
                    if flags & NLM_F_ACK_TLVS:
                        r.ext = parse_attrs(body[toff:])
                    pending.discard(seq)
                elif typ == NLMSG_DONE:
                    r.done = True
                    pending.discard(seq)
                else:
                    cmd = body[0] if body else None
                    r.msgs.append((typ, flags, cmd, parse_attrs(body[4:])))
                    if not dump and not flags & NLM_F_MULTI and \
                            not flags & NLM_F_ACK:
                        pass    # an ack follows since we asked for one
        return [replies[s] for s in seqs]

    def request(self, cmd, attrs=b"", flags=NLM_F_REQUEST | NLM_F_ACK,
                family=None, **kw):
        msg, seq = self.build(self.family if family is None else family,
                              cmd, attrs, flags, **kw)
        self.send(msg)
        return self.recv_until([seq], dump=bool(flags & NLM_F_DUMP))[0]

    def resolve(self, name):
        attrs = a_str(CTRL_ATTR_FAMILY_NAME, name)
        msg, seq = self.build(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, attrs,
                              version=1)
        self.send(msg)
        r = self.recv_until([seq])[0]
        for _typ, _flags, _cmd, a in r.msgs:
            if CTRL_ATTR_FAMILY_ID in a:
                self.family = struct.unpack("=H", a[CTRL_ATTR_FAMILY_ID][:2])[0]
                self.ctrl = a
                return self.family
        return None


# ---------------------------------------------------------------------------
# Test bookkeeping

class Tap:
    def __init__(self, verbose):
        self.n = 0
        self.failed = 0
        self.verbose = verbose

    def ok(self, good, desc, detail=None):
        self.n += 1
        if good:
            print("ok %d - %s" % (self.n, desc))
            if self.verbose and detail:
                print("# " + detail)
        else:
            self.failed += 1
            print("not ok %d - %s" % (self.n, desc))
            if detail:
                print("# " + detail)
        sys.stdout.flush()
        return good


# expectations
ERR = "error"       # any negative errno
ERR_EXT = "ext"     # negative errno and extack (message or missing-attr)
ERR_MSG = "msg"     # negative errno and an extack message


def check(tap, g, desc, cmd, attrs=b"", expect=ERR_MSG, errnos=None,
          flags=NLM_F_REQUEST | NLM_F_ACK, **kw):
    try:
        r = g.request(cmd, attrs, flags, **kw)
    except socket.timeout:
        return tap.ok(False, desc, "no answer from the kernel")
    except OSError as e:
        # the kernel may refuse a message at sendmsg() already
        good = expect != 0 and errnos is None
        return tap.ok(good, desc, "send failed: %s" % e)
    if expect == 0:
        return tap.ok(r.error == 0, desc, r.describe())
    good = r.error is not None and r.error < 0
    if good and errnos is not None:
        good = -r.error in errnos
    if good and expect == ERR_MSG:
        good = bool(r.extmsg)
    if good and expect == ERR_EXT:
        good = bool(r.extmsg) or NLMSGERR_ATTR_MISS_TYPE in r.ext
    return tap.ok(good, desc, r.describe())


def dump_inds(g):
    """All indicators as dicts, restarting an interrupted dump."""
    for _ in range(10):
        r = g.request(k("C2GUARD_CMD_IND_GET"),
                      flags=NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP)
        if r.intr:
            continue
        out = []
        for _t, _f, _c, a in r.msgs:
            if k("C2GUARD_A_IND") in a:
                out.append(parse_attrs(a[k("C2GUARD_A_IND")]))
        return r, out
    return r, None


def has_beacon():
    return bool(FEATURES & k("C2GUARD_FEAT_BEACON"))


def get_config_raw(g):
    """{type: payload} of CONFIG_GET, or None."""
    r = g.request(k("C2GUARD_CMD_CONFIG_GET"))
    for _t, _f, _c, a in r.msgs:
        if k("C2GUARD_A_CONFIG") in a:
            return parse_attrs(a[k("C2GUARD_A_CONFIG")])
    return None


def get_config(g):
    """The u32 settings (the port lists are arrays: not here, even when
    one is 4 bytes long, as HTTP_PORTS's 80, 8080)."""
    cfg = get_config_raw(g)
    if cfg is None:
        return None
    arrays = {C.get("C2GUARD_CFG_A_" + n) for n in
              ("BEACON_ALLOW_PORTS", "TLS_PORTS", "HTTP_PORTS", "IRC_PORTS")}
    return {t: struct.unpack("=I", v[:4])[0] for t, v in cfg.items()
            if len(v) == 4 and t not in arrays}


def cfg_nest(**kv):
    names = {"value": "C2GUARD_CFG_A_MARK_VALUE",
             "mask": "C2GUARD_CFG_A_MARK_MASK",
             "rate": "C2GUARD_CFG_A_ALERT_RATE",
             "burst": "C2GUARD_CFG_A_ALERT_BURST"}
    return a_nest(k("C2GUARD_A_CONFIG"),
                  *(a_u32(k(names[n]), v) for n, v in kv.items()))


def default_config():
    """The u32 settings and their defaults (get_config() reads only those)."""
    return {k("C2GUARD_CFG_A_MARK_VALUE"): k("C2GUARD_DEFAULT_MARK_VALUE"),
            k("C2GUARD_CFG_A_MARK_MASK"): k("C2GUARD_DEFAULT_MARK_MASK"),
            k("C2GUARD_CFG_A_ALERT_RATE"): k("C2GUARD_DEFAULT_ALERT_RATE"),
            k("C2GUARD_CFG_A_ALERT_BURST"): k("C2GUARD_DEFAULT_ALERT_BURST"),
            k("C2GUARD_CFG_A_BIND_TTL_MIN"):
                k("C2GUARD_DEFAULT_BIND_TTL_MIN"),
            k("C2GUARD_CFG_A_BIND_TTL_MAX"):
                k("C2GUARD_DEFAULT_BIND_TTL_MAX"),
            k("C2GUARD_CFG_A_BIND_MAX"): k("C2GUARD_DEFAULT_BIND_MAX"),
            **(beacon_defaults() if has_beacon() else {}),
            **(dnsb_defaults() if has_dnsb() else {}),
            **({k("C2GUARD_CFG_A_QUARANTINE_TIME"):
                k("C2GUARD_DEFAULT_QUARANTINE_TIME")} if has_quar() else {}),
            **({k("C2GUARD_CFG_A_HOST_THRESHOLD"):
                k("C2GUARD_DEFAULT_HOST_THRESHOLD"),
                k("C2GUARD_CFG_A_HOST_HALF_LIFE"):
                k("C2GUARD_DEFAULT_HOST_HALF_LIFE"),
                k("C2GUARD_CFG_A_HOSTS_MAX"):
                k("C2GUARD_DEFAULT_HOSTS_MAX")} if has_hosts() else {})}


def has_hosts():
    return "C2GUARD_CMD_HOST_GET" in C


def has_quar():
    return "C2GUARD_CMD_QUARANTINE_ADD" in C


def host(addr, family=None, prefixlen=None, timeout=None, extra=b""):
    """A HOST nest; None leaves an attribute out."""
    if family is None:
        family = AF_INET6 if len(addr) == 16 else AF_INET
    parts = [a_u8(k("C2GUARD_HOST_A_FAMILY"), family),
             nla(k("C2GUARD_HOST_A_ADDR"), addr)]
    if prefixlen is not None:
        parts.append(a_u8(k("C2GUARD_HOST_A_PREFIXLEN"), prefixlen))
    if timeout is not None:
        parts.append(a_u32(k("C2GUARD_HOST_A_TIMEOUT"), timeout))
    return a_nest(k("C2GUARD_A_HOST"), *parts, extra)


def dump_hosts(g, cmd):
    """(reply, [{attr: payload}]) of a QUARANTINE_GET/HOST_ALLOW_GET dump."""
    r = g.request(k(cmd), flags=NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP)
    return r, [parse_attrs(a.get(k("C2GUARD_A_HOST"), b""))
               for _t, _f, _c, a in r.msgs]


def quar_release_all(g):
    """Release every host in quarantine, delete every host-allow entry."""
    for get, dele in (("C2GUARD_CMD_QUARANTINE_GET",
                       "C2GUARD_CMD_QUARANTINE_DEL"),
                      ("C2GUARD_CMD_HOST_ALLOW_GET",
                       "C2GUARD_CMD_HOST_ALLOW_DEL")):
        _r, hosts = dump_hosts(g, get)
        for h in hosts:
            fam = h.get(k("C2GUARD_HOST_A_FAMILY"), b"\0")[0]
            addr = h.get(k("C2GUARD_HOST_A_ADDR"), b"")
            plen = h.get(k("C2GUARD_HOST_A_PREFIXLEN"))
            g.request(k(dele), host(addr, fam,
                                    plen[0] if plen is not None else None))


def has_dnsb():
    return "C2GUARD_CFG_A_DGA" in C


def dnsb_defaults():
    """The u32 DNS behaviour settings and their defaults."""
    return {k("C2GUARD_CFG_A_" + n): k("C2GUARD_DEFAULT_" + n)
            for n in ("DGA_THRESHOLD", "DGA_NAMES", "DGA_WINDOW",
                      "NXDOMAIN_BURST_THRESHOLD", "NXDOMAIN_BURST_WINDOW",
                      "FAST_FLUX_THRESHOLD", "FAST_FLUX_WINDOW",
                      "DNS_HOLDDOWN", "DNS_HOSTS_MAX", "DNS_NAMES_MAX")}


def beacon_defaults():
    """The u32 beacon settings and their defaults; BEACON_MAX as found."""
    d = {k("C2GUARD_CFG_A_BEACON_" + n): k("C2GUARD_DEFAULT_BEACON_" + n)
         for n in ("RETRY", "IDLE", "SILENCE", "HOLDDOWN", "WINDOW",
                   "MIN_GAPS", "THRESHOLD")}
    if BEACON_MAX0 is not None:
        d[k("C2GUARD_CFG_A_BEACON_MAX")] = BEACON_MAX0
    return d


def restore(g):
    g.request(k("C2GUARD_CMD_IND_FLUSH"))
    if has_quar():
        quar_release_all(g)
    d = default_config()
    extra = []
    if has_beacon():
        extra = [a_u8(k("C2GUARD_CFG_A_BEACON"), 0),
                 a_u8(k("C2GUARD_CFG_A_BEACON_ACTION"),
                      k("C2GUARD_ACT_ALERT")),
                 nla(k("C2GUARD_CFG_A_BEACON_ALLOW_PORTS"))]
        g.request(k("C2GUARD_CMD_BEACON_FLUSH"))
    if has_dnsb():
        extra += [a_u8(k("C2GUARD_CFG_A_" + n), 0)
                  for n in ("DGA", "NXDOMAIN_BURST", "FAST_FLUX")]
        extra += [a_u8(k("C2GUARD_CFG_A_" + n + "_ACTION"),
                       k("C2GUARD_ACT_ALERT"))
                  for n in ("DGA", "NXDOMAIN_BURST", "FAST_FLUX")]
    if has_hosts():
        extra.append(a_u8(k("C2GUARD_CFG_A_HOST_ACTION"),
                          k("C2GUARD_ACT_ALERT")))
    g.request(k("C2GUARD_CMD_CONFIG_SET"), a_nest(
        k("C2GUARD_A_CONFIG"), *(a_u32(t, v) for t, v in sorted(d.items())),
        *extra))


# ---------------------------------------------------------------------------
# The fixed cases

def fixed_cases(tap, g):
    ADD = k("C2GUARD_CMD_IND_ADD")
    DEL = k("C2GUARD_CMD_IND_DEL")
    FLUSH = k("C2GUARD_CMD_IND_FLUSH")
    GET = k("C2GUARD_CMD_IND_GET")
    STATUS = k("C2GUARD_CMD_STATUS_GET")
    CFG_GET = k("C2GUARD_CMD_CONFIG_GET")
    CFG_SET = k("C2GUARD_CMD_CONFIG_SET")
    A_IND = k("C2GUARD_A_IND")
    A_TAG = k("C2GUARD_A_TAG")
    A_FLAGS = k("C2GUARD_A_FLAGS")
    I_FAM = k("C2GUARD_IND_A_FAMILY")
    I_ADDR = k("C2GUARD_IND_A_ADDR")
    I_PFX = k("C2GUARD_IND_A_PREFIXLEN")
    I_ACT = k("C2GUARD_IND_A_ACTION")
    I_TAG = k("C2GUARD_IND_A_TAG")
    I_TMO = k("C2GUARD_IND_A_TIMEOUT")
    I_HITS = k("C2GUARD_IND_A_HITS")
    ALERT = k("C2GUARD_ACT_ALERT")
    TAGMAX = k("C2GUARD_TAG_MAX")
    TMOMAX = k("C2GUARD_TIMEOUT_MAX")
    a4 = v4("198.51.100.7")
    a6 = v6("2001:db8::7")
    good4 = dict(family=AF_INET, addr=a4, prefixlen=32, action=ALERT,
                 tag="fuzz")
    # Malformed requests use an address that is not listed: one wrongly
    # accepted shows up in the final table check rather than failing with
    # -EEXIST by luck.
    a4n = v4("198.51.100.99")
    neg4 = dict(good4, addr=a4n)

    # --- positive controls -------------------------------------------------
    r = g.request(STATUS)
    st = {}
    for _t, _f, _c, a in r.msgs:
        if k("C2GUARD_A_STATUS") in a:
            st = parse_attrs(a[k("C2GUARD_A_STATUS")])
    want = set(range(k("C2GUARD_STATUS_A_VERSION"),
                     k("C2GUARD_STATUS_A_PAD")))
    tap.ok(r.error == 0 and want <= set(st), "STATUS_GET answers every "
           "status attribute", "%s; missing %s" % (r.describe(),
                                                   sorted(want - set(st))))
    cfg0 = get_config(g)
    tap.ok(cfg0 == default_config(), "CONFIG_GET answers the defaults",
           "got %s" % cfg0)
    check(tap, g, "ADD valid v4 indicator", ADD, ind(**good4), expect=0)
    check(tap, g, "ADD the same again: -EEXIST", ADD, ind(**good4),
          expect=ERR, errnos={errno.EEXIST})
    check(tap, g, "ADD the same with NLM_F_REPLACE: rejected (use FLAGS)",
          ADD, ind(**dict(good4, action=k("C2GUARD_ACT_DROP"))), expect=ERR,
          flags=NLM_F_REQUEST | NLM_F_ACK | NLM_F_REPLACE)
    check(tap, g, "ADD the same with FLAGS 0x%x (unknown bit)" %
          (k("C2GUARD_F_REPLACE") << 1), ADD,
          ind(**dict(good4, action=k("C2GUARD_ACT_DROP"))) +
          a_u32(A_FLAGS, k("C2GUARD_F_REPLACE") << 1))
    check(tap, g, "ADD the same with FLAGS as u8", ADD,
          ind(**dict(good4, action=k("C2GUARD_ACT_DROP"))) +
          a_u8(A_FLAGS, k("C2GUARD_F_REPLACE")))
    check(tap, g, "ADD the same with FLAGS REPLACE", ADD,
          ind(**dict(good4, action=k("C2GUARD_ACT_DROP"), timeout=60)) +
          a_u32(A_FLAGS, k("C2GUARD_F_REPLACE")), expect=0)
    check(tap, g, "ADD v6 indicator without PREFIXLEN (means /128)", ADD,
          ind(family=AF_INET6, addr=a6, tag="fuzz"), expect=0)
    r, inds = dump_inds(g)
    ok = r.done and inds is not None and len(inds) == 2
    if ok:
        e4 = [e for e in inds if e.get(I_ADDR) == a4]
        e6 = [e for e in inds if e.get(I_ADDR) == a6]
        ok = len(e4) == 1 and len(e6) == 1
    if ok:
        e4, e6 = e4[0], e6[0]
        need = {I_FAM, I_ADDR, I_PFX, I_ACT, I_TAG, I_TMO, I_HITS}
        ok = need <= set(e4) and e4[I_PFX][0] == 32 and \
            e4[I_ACT][0] == k("C2GUARD_ACT_DROP") and \
            0 < struct.unpack("=I", e4[I_TMO][:4])[0] <= 60 and \
            e4[I_TAG].rstrip(b"\0") == b"fuzz" and \
            e6[I_PFX][0] == 128 and e6[I_ACT][0] == ALERT and \
            e6[I_FAM][0] == AF_INET6
    tap.ok(ok, "IND_GET dump: both entries, every attribute, replaced "
           "values", "%s; %s" % (r.describe(), inds))
    check(tap, g, "DEL v6 indicator (prefixlen defaulted)", DEL,
          ind(family=AF_INET6, addr=a6), expect=0)
    check(tap, g, "DEL it again: -ENOENT", DEL,
          ind(family=AF_INET6, addr=a6), expect=ERR, errnos={errno.ENOENT})

    # batched adds in one datagram, each acked on its own
    msgs, seqs = [], []
    for i, bad in enumerate((False, True, False)):
        spec = dict(good4, addr=v4("198.51.100.%d" % (20 + i)))
        if bad:
            spec["prefixlen"] = 40
        m, s = g.build(g.family, ADD, ind(**spec))
        msgs.append(m)
        seqs.append(s)
    g.send(b"".join(msgs))
    try:
        rs = g.recv_until(seqs)
        ok = [r.error for r in rs]
        tap.ok(ok[0] == 0 and ok[1] is not None and ok[1] < 0 and ok[2] == 0,
               "three ADDs in one datagram: ack, error, ack",
               "got %s" % ok)
    except socket.timeout:
        tap.ok(False, "three ADDs in one datagram: ack, error, ack",
               "no answer")

    # --- commands ----------------------------------------------------------
    for cmd in (0, k("C2GUARD_CMD_ALERT"), k("__C2GUARD_CMD_MAX"), 100, 255):
        check(tap, g, "unknown/unrequestable command %d" % cmd, cmd,
              expect=ERR)
    check(tap, g, "IND_GET without NLM_F_DUMP", GET, expect=ERR)
    check(tap, g, "STATUS_GET as a dump", STATUS, expect=ERR,
          flags=NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP)
    check(tap, g, "genl header cut short", STATUS, expect=ERR,
          length=16 + 2)

    # --- missing attributes ------------------------------------------------
    check(tap, g, "ADD without attributes", ADD, expect=ERR_EXT)
    check(tap, g, "ADD with an empty IND nest", ADD, a_nest(A_IND),
          expect=ERR_EXT)
    check(tap, g, "ADD without FAMILY", ADD,
          ind(**dict(neg4, family=None)), expect=ERR_EXT)
    check(tap, g, "ADD without ADDR", ADD, ind(**dict(neg4, addr=None)),
          expect=ERR_EXT)
    check(tap, g, "DEL without attributes", DEL, expect=ERR_EXT)
    check(tap, g, "DEL without ADDR", DEL, ind(family=AF_INET),
          expect=ERR_EXT)
    check(tap, g, "CONFIG_SET without CONFIG", CFG_SET, expect=ERR_EXT)

    # --- wrong types and lengths -------------------------------------------
    def raw_ind(*attrs):
        return a_nest(A_IND, *attrs)

    fam4 = a_u8(I_FAM, AF_INET)
    addr4 = nla(I_ADDR, a4n)
    check(tap, g, "FAMILY as u16", ADD, raw_ind(a_u16(I_FAM, AF_INET), addr4))
    check(tap, g, "FAMILY as u32", ADD, raw_ind(a_u32(I_FAM, AF_INET), addr4))
    check(tap, g, "FAMILY empty", ADD, raw_ind(nla(I_FAM), addr4))
    check(tap, g, "FAMILY 3 (neither inet nor inet6)", ADD,
          raw_ind(a_u8(I_FAM, 3), addr4), expect=ERR_EXT)
    check(tap, g, "FAMILY AF_PACKET (17)", ADD,
          raw_ind(a_u8(I_FAM, 17), addr4), expect=ERR_EXT)
    check(tap, g, "ADDR of 5 bytes", ADD,
          raw_ind(fam4, nla(I_ADDR, a4n + b"\1")), expect=ERR_EXT)
    check(tap, g, "ADDR empty", ADD, raw_ind(fam4, nla(I_ADDR)),
          expect=ERR_EXT)
    check(tap, g, "inet FAMILY with a 16-byte ADDR", ADD,
          raw_ind(fam4, nla(I_ADDR, a6)), expect=ERR_EXT)
    check(tap, g, "inet6 FAMILY with a 4-byte ADDR", ADD,
          raw_ind(a_u8(I_FAM, AF_INET6), addr4), expect=ERR_EXT)
    check(tap, g, "PREFIXLEN as u32", ADD,
          raw_ind(fam4, addr4, a_u32(I_PFX, 32)))
    check(tap, g, "PREFIXLEN 33 for inet", ADD,
          ind(**dict(neg4, prefixlen=33)), expect=ERR_EXT)
    check(tap, g, "PREFIXLEN 64 for inet", ADD,
          ind(**dict(neg4, prefixlen=64)), expect=ERR_EXT)
    check(tap, g, "PREFIXLEN 129 for inet6", ADD,
          ind(family=AF_INET6, addr=a6, prefixlen=129), expect=ERR_EXT)
    check(tap, g, "PREFIXLEN 255", ADD, ind(**dict(neg4, prefixlen=255)),
          expect=ERR_EXT)
    check(tap, g, "host bits set: 198.51.100.7/24", ADD,
          ind(**dict(neg4, prefixlen=24)), expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "host bits set: 2001:db8::7/64", ADD,
          ind(family=AF_INET6, addr=a6, prefixlen=64), expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "host bits set: 198.51.100.7/0", ADD,
          ind(**dict(neg4, prefixlen=0)), expect=ERR_EXT)
    check(tap, g, "ACTION NONE (0)", ADD, ind(**dict(neg4, action=0)))
    check(tap, g, "ACTION %d (past the last)" % k("__C2GUARD_ACT_MAX"), ADD,
          ind(**dict(neg4, action=k("__C2GUARD_ACT_MAX"))))
    check(tap, g, "ACTION 255", ADD, ind(**dict(neg4, action=255)))
    check(tap, g, "ACTION as u32", ADD,
          raw_ind(fam4, addr4, a_u32(I_ACT, ALERT)))
    check(tap, g, "TIMEOUT one past the maximum", ADD,
          ind(**dict(neg4, timeout=TMOMAX + 1)), errnos={errno.EINVAL,
                                                          errno.ERANGE})
    check(tap, g, "TIMEOUT 0xffffffff", ADD,
          ind(**dict(neg4, timeout=0xffffffff)))
    check(tap, g, "TIMEOUT as u64", ADD,
          raw_ind(fam4, addr4, a_u64(I_TMO, 10)))
    check(tap, g, "TIMEOUT as u8", ADD, raw_ind(fam4, addr4, a_u8(I_TMO, 10)))
    check(tap, g, "TAG of %d characters (no room for NUL)" % TAGMAX, ADD,
          ind(**dict(neg4, tag="x" * TAGMAX)))
    check(tap, g, "TAG not NUL-terminated", ADD,
          raw_ind(fam4, addr4, a_str(I_TAG, "abc", nul=False)))
    check(tap, g, "TAG of 4000 bytes", ADD,
          ind(**dict(neg4, tag="y" * 4000)))
    check(tap, g, "TAG of 60000 bytes (oversized)", ADD,
          ind(**dict(neg4, tag="z" * 60000)))
    check(tap, g, "HITS is reply-only", ADD,
          raw_ind(fam4, addr4, a_u64(I_HITS, 5)))
    check(tap, g, "IND PAD attribute", ADD,
          raw_ind(fam4, addr4, nla(k("C2GUARD_IND_A_PAD"))), expect=ERR)

    # --- unknown attributes, nesting ---------------------------------------
    check(tap, g, "unknown top-level attribute %d" % k("__C2GUARD_A_MAX"),
          ADD, ind(**neg4) + a_u32(k("__C2GUARD_A_MAX"), 1))
    check(tap, g, "unknown top-level attribute 1000", ADD,
          ind(**neg4) + a_u32(1000, 1))
    check(tap, g, "top-level attribute type 0", ADD,
          ind(**neg4) + a_u32(0, 1), expect=ERR)
    check(tap, g, "unknown IND attribute %d" % k("__C2GUARD_IND_A_MAX"), ADD,
          ind(**dict(neg4, extra=a_u32(k("__C2GUARD_IND_A_MAX"), 1))))
    check(tap, g, "unknown IND attribute 0x3fff", ADD,
          ind(**dict(neg4, extra=a_u32(0x3fff, 1))))
    check(tap, g, "STATUS is reply-only (sent to STATUS_GET)", STATUS,
          a_nest(k("C2GUARD_A_STATUS"), a_u32(k("C2GUARD_STATUS_A_IND_V4"), 1)))
    check(tap, g, "ALERT is notification-only (sent to ADD)", ADD,
          ind(**neg4) + a_nest(k("C2GUARD_A_ALERT"), a_u64(1, 1)))
    check(tap, g, "IND not a nest (raw bytes)", ADD, nla(A_IND, a4n))
    check(tap, g, "IND nest without NLA_F_NESTED", ADD,
          a_nest(A_IND, fam4, addr4, flag=False))
    check(tap, g, "FAMILY with NLA_F_NESTED", ADD,
          raw_ind(nla(I_FAM, b"\2", nested=True), addr4))
    check(tap, g, "IND nest of garbage", ADD,
          nla(A_IND, b"\x05\x00\x01", nested=True))
    check(tap, g, "inner attribute longer than its nest", ADD,
          raw_ind(fam4, nla(I_ADDR, a4n, length=200)), expect=ERR)
    check(tap, g, "inner attribute with nla_len 2", ADD,
          raw_ind(fam4, struct.pack("=HH", 2, I_ADDR) + a4n), expect=ERR)
    check(tap, g, "top-level attribute longer than the message", ADD,
          nla(A_IND, fam4 + addr4, nested=True, length=4000), expect=ERR)
    check(tap, g, "trailing garbage after the attributes", ADD,
          ind(**neg4) + b"\x01\x00", expect=ERR)
    deep = fam4
    for _ in range(40):
        deep = a_nest(A_IND, deep)
    check(tap, g, "nests nested 40 deep", ADD, deep, expect=ERR)
    check(tap, g, "200 kB message of unknown attributes", ADD,
          ind(**neg4) + a_u32(1000, 0) * 20000, expect=ERR)

    # --- FLUSH and DEL -----------------------------------------------------
    check(tap, g, "FLUSH with a %d-character TAG" % TAGMAX, FLUSH,
          a_str(A_TAG, "t" * TAGMAX))
    check(tap, g, "FLUSH with a TAG not NUL-terminated", FLUSH,
          a_str(A_TAG, "fuzz", nul=False))
    check(tap, g, "FLUSH with TAG as a nest", FLUSH,
          a_nest(A_TAG, a_u8(1, 1)))
    check(tap, g, "DEL with host bits set", DEL,
          ind(family=AF_INET, addr=a4, prefixlen=24), expect=ERR)
    check(tap, g, "DEL with inet6 and a 4-byte ADDR", DEL,
          raw_ind(a_u8(I_FAM, AF_INET6), addr4), expect=ERR_EXT)

    # --- CONFIG_SET --------------------------------------------------------
    check(tap, g, "MARK_MASK 0", CFG_SET, cfg_nest(mask=0), expect=ERR_EXT)
    check(tap, g, "MARK_VALUE outside the mask", CFG_SET,
          cfg_nest(value=0x1), expect=ERR_EXT)
    check(tap, g, "MARK_VALUE outside the new mask", CFG_SET,
          cfg_nest(value=0x00c20000, mask=0x0000ff00), expect=ERR_EXT)
    check(tap, g, "ALERT_BURST 0", CFG_SET, cfg_nest(burst=0))
    check(tap, g, "ALERT_BURST 1000001", CFG_SET, cfg_nest(burst=1000001))
    check(tap, g, "ALERT_RATE 1000001", CFG_SET, cfg_nest(rate=1000001))
    check(tap, g, "valid ALERT_RATE with invalid ALERT_BURST", CFG_SET,
          cfg_nest(rate=5, burst=0))
    check(tap, g, "MARK_VALUE as u8", CFG_SET,
          a_nest(k("C2GUARD_A_CONFIG"), a_u8(k("C2GUARD_CFG_A_MARK_VALUE"), 1)))
    check(tap, g, "unknown CONFIG attribute", CFG_SET,
          a_nest(k("C2GUARD_A_CONFIG"), a_u32(k("__C2GUARD_CFG_A_MAX"), 1)))
    cfg = get_config(g)
    tap.ok(cfg == cfg0, "rejected CONFIG_SETs changed nothing",
           "before %s after %s" % (cfg0, cfg))
    check(tap, g, "CONFIG_SET valid (rate 50, burst 60)", CFG_SET,
          cfg_nest(rate=50, burst=60), expect=0)
    cfg = get_config(g)
    tap.ok(cfg is not None and cfg.get(k("C2GUARD_CFG_A_ALERT_RATE")) == 50 and
           cfg.get(k("C2GUARD_CFG_A_ALERT_BURST")) == 60 and
           cfg.get(k("C2GUARD_CFG_A_MARK_VALUE")) ==
           k("C2GUARD_DEFAULT_MARK_VALUE"),
           "CONFIG_SET changes only what it names", "got %s" % cfg)

    # nothing a malformed request carried made it into the table
    r, inds = dump_inds(g)
    addrs = sorted(socket.inet_ntop(AF_INET if len(e[I_ADDR]) == 4 else
                                    AF_INET6, e[I_ADDR]) for e in inds or [])
    want = ["198.51.100.20", "198.51.100.22", "198.51.100.7"]
    tap.ok(addrs == want, "table holds exactly the valid adds",
           "got %s, want %s" % (addrs, want))
    check(tap, g, "FLUSH by tag", FLUSH, a_str(A_TAG, "fuzz"), expect=0)
    r, inds = dump_inds(g)
    tap.ok(r.done and inds == [], "table empty after FLUSH by tag",
           "%s" % inds)


# ---------------------------------------------------------------------------
# Cases from the spec

def family_case(tap, g):
    """The family the kernel registered is the spec's: version, largest
    attribute, each command with do/dump and permission, the groups."""
    a = getattr(g, "ctrl", {})
    got = {}
    for op in parse_attrs(a.get(CTRL_ATTR_OPS, b"")).values():
        o = parse_attrs(op)
        if CTRL_ATTR_OP_ID in o and CTRL_ATTR_OP_FLAGS in o:
            got[struct.unpack("=I", o[CTRL_ATTR_OP_ID][:4])[0]] = \
                struct.unpack("=I", o[CTRL_ATTR_OP_FLAGS][:4])[0] & \
                (GENL_CMD_CAP_DO | GENL_CMD_CAP_DUMP | GENL_ADMIN_PERM |
                 GENL_UNS_ADMIN_PERM)
    want = {}
    for op in SPEC.ops.values():
        if not op.kinds():
            continue        # a notification: no handler
        f = GENL_CMD_CAP_DO if op.do is not None else 0
        f |= GENL_CMD_CAP_DUMP if op.dump is not None else 0
        f |= GENL_UNS_ADMIN_PERM if "uns-admin-perm" in op.flags else 0
        f |= GENL_ADMIN_PERM if "admin-perm" in op.flags else 0
        want[op.value] = f
    tap.ok(got == want, "the kernel's commands are the spec's (%d, with "
           "do/dump and permission)" % len(want),
           "kernel %s spec %s" % (sorted(got.items()), sorted(want.items())))
    ver = struct.unpack("=I", a.get(CTRL_ATTR_VERSION, b"\0" * 4)[:4])[0]
    top = struct.unpack("=I", a.get(CTRL_ATTR_MAXATTR, b"\0" * 4)[:4])[0]
    # per-op policies (the spec's kernel-policy): none for the family
    tap.ok(ver == SPEC.version and top == 0,
           "family version %d and no family-wide policy (maxattr %d), as "
           "in the spec" % (ver, top))
    groups = sorted(parse_attrs(g2).get(CTRL_ATTR_MCAST_GRP_NAME, b"")
                    .rstrip(b"\0").decode() for g2 in parse_attrs(
                        a.get(CTRL_ATTR_MCAST_GROUPS, b"")).values())
    tap.ok(groups == sorted(SPEC.mcgrps), "multicast groups %s as in the "
           "spec" % groups)


def expect_policy(tap, g, desc, cmd, attrs, errnum, msg, offset):
    """A request refused by the policy: errno, extack message and the
    offending attribute's offset in the request, all as the kernel's
    validator gives them (msg None: any message)."""
    try:
        r = g.request(cmd, attrs)
    except socket.timeout:
        return tap.ok(False, desc, "no answer from the kernel")
    got_off = None
    if NLMSGERR_ATTR_OFFS in r.ext:
        got_off = struct.unpack("=I", r.ext[NLMSGERR_ATTR_OFFS][:4])[0]
    good = r.error == -errnum and r.extmsg is not None and \
        (msg is None or r.extmsg == msg) and got_off == offset
    return tap.ok(good, desc, "%s; want %s \"%s\" offset %d" % (
        r.describe(), errno.errorcode[errnum], msg or "...", offset))


# The kernel's messages (lib/nlattr.c) for what the spec's types and checks
# refuse.
M_LEN = "invalid attribute length"
M_RANGE = "integer out of range"
M_BINRANGE = "binary attribute size out of range"
M_MASK = "reserved bit set"
M_POLICY = "Attribute failed policy validation"
M_NEST_MISSING = "NLA_F_NESTED is missing"
M_NEST_EXTRA = "NLA_F_NESTED not expected"
M_UNSUPPORTED = "Unsupported attribute"
M_UNKNOWN = "Unknown attribute type"
INT_FMT = {"u8": "=B", "u16": "=H", "u32": "=I", "u64": "=Q"}


def good_value(a):
    """A payload of @a's type that its checks accept."""
    if a.type in INT_FMT:
        return struct.pack(INT_FMT[a.type], a.min.value if a.min else 0)
    if a.type == "string":
        return b"x\0"
    if a.type == "binary":
        return b"\0" * (a.min_len.value if a.min_len else 4)
    return b""


def bad_values(rule):
    """(what, payload, errno, message, nested flag) an attribute of @rule
    must be refused with."""
    a = rule.attr
    if rule.kind == "reject":
        payload = {"u64": b"\0" * 8, "string": b"x\0"}.get(a.type, b"")
        return [("is refused", payload, errno.EINVAL,
                 rule.message or M_POLICY, False)]
    if rule.kind == "nest":
        return [("without NLA_F_NESTED", b"", errno.EINVAL, M_NEST_MISSING,
                 False)]
    out = [("with NLA_F_NESTED", good_value(a), errno.EINVAL, M_NEST_EXTRA,
            True)]
    if a.type in INT_FMT:
        fmt = INT_FMT[a.type]
        size = struct.calcsize(fmt)
        out.append(("of %d bytes" % (1 if size != 1 else 4),
                    b"\0" * (1 if size != 1 else 4), errno.EINVAL, M_LEN,
                    False))
        if a.min is not None and a.min.value > 0:
            out.append(("%d (below %d)" % (a.min.value - 1, a.min.value),
                        struct.pack(fmt, a.min.value - 1), errno.ERANGE,
                        M_RANGE, False))
        if a.max is not None and a.max.value < (1 << 8 * size) - 1:
            out.append(("%d (above %d)" % (a.max.value + 1, a.max.value),
                        struct.pack(fmt, a.max.value + 1), errno.ERANGE,
                        M_RANGE, False))
        if a.mask is not None:
            bit = (a.mask[0] + 1) & ~a.mask[0]
            out.append(("with bit 0x%x" % bit, struct.pack(fmt, bit),
                        errno.EINVAL, M_MASK, False))
    elif a.type == "string":
        out.append(("without its NUL", b"abc", errno.EINVAL, M_POLICY,
                    False))
        if a.max_len is not None:
            n = a.max_len.value + 1
            out.append(("of %d characters (above %d)" % (n, n - 1),
                        b"x" * n + b"\0", errno.EINVAL, M_POLICY, False))
    elif a.type == "binary":
        both = a.min_len is not None and a.max_len is not None
        if a.min_len is not None and a.min_len.value > 0:
            n = a.min_len.value - 1
            out.append(("of %d bytes (below %d)" % (n, n + 1), b"\0" * n,
                        errno.ERANGE, M_BINRANGE, False))
        if a.max_len is not None:
            n = a.max_len.value + 1
            out.append(("of %d bytes (above %d)" % (n, n - 1), b"\0" * n,
                        errno.ERANGE, M_BINRANGE if both else M_POLICY,
                        False))
    elif a.type == "flag":
        out.append(("with a payload", b"\1\0\0\0", errno.ERANGE, M_POLICY,
                    False))
    return out


def policy_cases(tap, g):
    """Every request attribute of the spec past its type and checks, alone
    in a request of its command: refused as the spec says, the extack
    pointing at it; attributes a command does not take, refused too."""
    n0 = tap.n
    nests_done = set()
    for op in SPEC.ops.values():
        rules = SPEC.op_policy(op)
        if not op.kinds():
            continue
        dump = NLM_F_DUMP if op.dump is not None and op.do is None else 0
        if rules is None:
            # genetlink refuses any attribute of a command without policy
            check(tap, g, "%s: attribute %d refused (takes none)" %
                  (op.cname, 1), op.value, a_u32(1, 0),
                  flags=NLM_F_REQUEST | NLM_F_ACK | dump,
                  errnos={errno.EINVAL})
            continue
        top = op.set.root()
        for v in range(1, top.max_value() + 2):
            if v in rules:
                continue
            msg = M_UNKNOWN if v > top.max_value() else M_UNSUPPORTED
            expect_policy(tap, g, "%s: attribute %d refused (%s)" %
                          (op.cname, v, msg), op.value, a_u32(v, 0),
                          errno.EINVAL, msg, 20)
        for v, rule in sorted(rules.items()):
            name = "%s: %s" % (op.cname, rule.attr.cname)
            for what, payload, err, msg, flag in bad_values(rule):
                expect_policy(tap, g, "%s %s" % (name, what), op.value,
                              nla(v, payload, nested=flag), err, msg, 20)
            if rule.kind != "nest" or rule.policy in nests_done:
                continue
            nests_done.add(rule.policy)
            inner_set = SPEC.sets[rule.attr.nested]
            inner = SPEC.nest_policy(inner_set)
            for iv, irule in sorted(inner.items()):
                iname = "%s in %s" % (irule.attr.cname, rule.attr.cname)
                for what, payload, err, msg, flag in bad_values(irule):
                    expect_policy(tap, g, "%s: %s %s" % (op.cname, iname,
                                                          what),
                                  op.value, a_nest(v, nla(iv, payload,
                                                          nested=flag)),
                                  err, msg, 24)
            past = inner_set.root().max_value() + 1
            expect_policy(tap, g, "%s: attribute %d in %s refused (%s)" %
                          (op.cname, past, rule.attr.cname, M_UNKNOWN),
                          op.value, a_nest(v, a_u32(past, 0)), errno.EINVAL,
                          M_UNKNOWN, 24)
    tap.ok(tap.n - n0 > 0, "%d requests built from the spec's policies" %
           (tap.n - n0))


def dom(name, suffix=False, action=None, tag=None, extra=b""):
    """An IND nest naming a domain."""
    parts = [a_str(k("C2GUARD_IND_A_DOMAIN"), name)]
    if suffix:
        parts.append(nla(k("C2GUARD_IND_A_SUFFIX")))
    if action is not None:
        parts.append(a_u8(k("C2GUARD_IND_A_ACTION"), action))
    if tag is not None:
        parts.append(a_str(k("C2GUARD_IND_A_TAG"), tag))
    return a_nest(k("C2GUARD_A_IND"), *parts, extra)


def domain_cases(tap, g):
    """Domain indicators, the allowlist action and the DNS settings."""
    ADD = k("C2GUARD_CMD_IND_ADD")
    DEL = k("C2GUARD_CMD_IND_DEL")
    CFG_SET = k("C2GUARD_CMD_CONFIG_SET")
    I_DOM = k("C2GUARD_IND_A_DOMAIN")
    I_SUF = k("C2GUARD_IND_A_SUFFIX")
    C = k("C2GUARD_A_CONFIG")

    check(tap, g, "ADD domain evil.example", ADD, dom("evil.example"),
          expect=0)
    check(tap, g, "ADD suffix evil.example (a separate entry)", ADD,
          dom("evil.example", suffix=True, action=k("C2GUARD_ACT_DROP")),
          expect=0)
    check(tap, g, "ADD domain EVIL.Example. again: -EEXIST (same name)",
          ADD, dom("EVIL.Example."), expect=ERR, errnos={errno.EEXIST})
    check(tap, g, "ADD allow entry good.example", ADD,
          dom("good.example", action=k("C2GUARD_ACT_ALLOW")), expect=0)
    r, inds = dump_inds(g)
    doms = sorted((e[I_DOM].rstrip(b"\0").decode(), I_SUF in e)
                  for e in inds or [] if I_DOM in e)
    tap.ok(doms == [("evil.example", False), ("evil.example", True),
                    ("good.example", False)],
           "IND_GET dumps names and the suffix flag", "got %s" % doms)
    check(tap, g, "DEL suffix evil.example", DEL,
          dom("evil.example", suffix=True), expect=0)
    check(tap, g, "DEL it again: -ENOENT", DEL,
          dom("evil.example", suffix=True), expect=ERR,
          errnos={errno.ENOENT})
    for bad, why in (("", "empty"), (".", "root only"),
                     ("a..b", "empty label"), ("-x.example", None),
                     ("a" * 64 + ".example", "label of 64"),
                     (".".join(["abcdefghi"] * 26), "name of 259"),
                     ("*.evil.example", "wildcard in the attribute"),
                     ("ev il.example", "space"), ("evil.example\x01", None),
                     ("\xff.example", "byte 0xff")):
        if why is None:
            continue
        check(tap, g, "ADD domain %r (%s)" % (bad[:20], why), ADD, dom(bad),
              expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "ADD domain without NUL", ADD,
          a_nest(k("C2GUARD_A_IND"), a_str(I_DOM, "x.example", nul=False)))
    check(tap, g, "ADD domain of 300 bytes (policy)", ADD,
          dom("x" * 300), expect=ERR_EXT)
    check(tap, g, "ADD domain and address together", ADD,
          dom("x.example", extra=a_u8(k("C2GUARD_IND_A_FAMILY"), AF_INET) +
              nla(k("C2GUARD_IND_A_ADDR"), v4("198.51.100.1"))),
          expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "ADD SUFFIX without a domain", ADD,
          ind(addr=v4("198.51.100.1"), extra=nla(I_SUF)), expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "ADD SUFFIX as u8", ADD,
          dom("x.example", extra=a_u8(I_SUF, 1)))
    check(tap, g, "ADD with BOUND (reply-only)", ADD,
          dom("x.example", extra=a_str(k("C2GUARD_IND_A_BOUND"), "y")),
          expect=ERR_EXT)
    # answer addresses: exact, no port, never with a domain
    I_ANS = k("C2GUARD_IND_A_ANSWER")
    check(tap, g, "ADD ANSWER with a domain", ADD,
          dom("x.example", extra=nla(I_ANS)), expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "ADD ANSWER with a prefix", ADD,
          ind(addr=v4("198.51.100.0"), prefixlen=24, extra=nla(I_ANS)),
          expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "ADD ANSWER with a port", ADD,
          ind(addr=v4("198.51.100.1"),
              extra=nla(I_ANS) + a_u16(k("C2GUARD_IND_A_PORT"), 53)),
          expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "ADD ANSWER as u8", ADD,
          ind(addr=v4("198.51.100.1"), extra=a_u8(I_ANS, 1)))
    check(tap, g, "ADD ANSWER 198.51.100.1", ADD,
          ind(addr=v4("198.51.100.1"), extra=nla(I_ANS)), expect=0)
    check(tap, g, "ADD ANSWER 198.51.100.1 again (exists)", ADD,
          ind(addr=v4("198.51.100.1"), extra=nla(I_ANS)),
          expect=ERR, errnos={errno.EEXIST})
    check(tap, g, "DEL 198.51.100.1 (an address: not the answer)", DEL,
          ind(addr=v4("198.51.100.1")), expect=ERR, errnos={errno.ENOENT})
    check(tap, g, "DEL ANSWER 198.51.100.1", DEL,
          ind(addr=v4("198.51.100.1"), extra=nla(I_ANS)), expect=0)
    for name, attr, val, put in (
            ("DNS_PORT 0", "C2GUARD_CFG_A_DNS_PORT", 0, a_u16),
            ("DNS_PORT as u32", "C2GUARD_CFG_A_DNS_PORT", 53, a_u32),
            ("DNS_RCODE 4", "C2GUARD_CFG_A_DNS_RCODE", 4, a_u8),
            ("DNS_RCODE 2", "C2GUARD_CFG_A_DNS_RCODE", 2, a_u8),
            ("BIND_TTL_MIN 0", "C2GUARD_CFG_A_BIND_TTL_MIN", 0, a_u32),
            ("BIND_TTL_MAX past a year", "C2GUARD_CFG_A_BIND_TTL_MAX",
             k("C2GUARD_TIMEOUT_MAX") + 1, a_u32),
            ("BIND_MAX 2^20 + 1", "C2GUARD_CFG_A_BIND_MAX", (1 << 20) + 1,
             a_u32)):
        check(tap, g, "CONFIG_SET %s" % name, CFG_SET,
              a_nest(C, put(k(attr), val)))
    check(tap, g, "CONFIG_SET BIND_TTL_MIN above BIND_TTL_MAX", CFG_SET,
          a_nest(C, a_u32(k("C2GUARD_CFG_A_BIND_TTL_MIN"), 100),
                 a_u32(k("C2GUARD_CFG_A_BIND_TTL_MAX"), 10)),
          expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "CONFIG_SET DNS_PORT 5353, DNS_RCODE REFUSED", CFG_SET,
          a_nest(C, a_u16(k("C2GUARD_CFG_A_DNS_PORT"), 5353),
                 a_u8(k("C2GUARD_CFG_A_DNS_RCODE"), 5)), expect=0)
    r = g.request(k("C2GUARD_CMD_CONFIG_GET"))
    cfg = {}
    for _t, _f, _c, a in r.msgs:
        if C in a:
            cfg = parse_attrs(a[C])
    port = cfg.get(k("C2GUARD_CFG_A_DNS_PORT"), b"\0\0")[:2]
    rcode = cfg.get(k("C2GUARD_CFG_A_DNS_RCODE"), b"\0")[:1]
    tap.ok(struct.unpack("=H", port)[0] == 5353 and rcode == b"\5",
           "CONFIG_GET shows the DNS settings", "got %s" % cfg)
    check(tap, g, "CONFIG_SET DNS_PORT 53, DNS_RCODE NXDOMAIN", CFG_SET,
          a_nest(C, a_u16(k("C2GUARD_CFG_A_DNS_PORT"), 53),
                 a_u8(k("C2GUARD_CFG_A_DNS_RCODE"), 3)), expect=0)
    g.request(k("C2GUARD_CMD_IND_FLUSH"))


def ports_attr(*ports):
    """BEACON_ALLOW_PORTS of (protocol, port) pairs."""
    return nla(k("C2GUARD_CFG_A_BEACON_ALLOW_PORTS"),
               b"".join(struct.pack("=I", pr << 16 | po) for pr, po in ports))


def beacon_cases(tap, g):
    """The beacon commands and settings: valid ones taken, each setting
    one step out of its UAPI range refused, nothing changed by a refusal."""
    BGET = k("C2GUARD_CMD_BEACON_GET")
    BFLUSH = k("C2GUARD_CMD_BEACON_FLUSH")
    CFG_SET = k("C2GUARD_CMD_CONFIG_SET")
    C = k("C2GUARD_A_CONFIG")
    DUMP = NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP

    def cfg(name):
        return k("C2GUARD_CFG_A_BEACON" + ("_" + name if name else ""))

    if not has_beacon():
        tap.ok(True, "beacon cases # SKIP module without C2GUARD_FEAT_BEACON")
        return

    # --- commands ----------------------------------------------------------
    r = g.request(BGET, flags=DUMP)
    ok = r.done and r.error is None
    for _t, _f, _c, a in r.msgs:
        ch = parse_attrs(a.get(k("C2GUARD_A_BEACON"), b""))
        fam = ch.get(k("C2GUARD_BEACON_A_FAMILY"), b"\0")[0]
        alen = {AF_INET: 4, AF_INET6: 16}.get(fam)
        saddr = ch.get(k("C2GUARD_BEACON_A_SADDR"))
        daddr = ch.get(k("C2GUARD_BEACON_A_DADDR"))
        ok = ok and alen is not None and saddr is not None and \
            len(saddr) == alen and (daddr is None or len(daddr) == alen) and \
            (daddr is None) != (k("C2GUARD_BEACON_A_NAME") not in ch)
    tap.ok(ok, "BEACON_GET dump: DONE, every channel with FAMILY, SADDR and "
           "DADDR or NAME", "%s, %d channels" % (r.describe(), len(r.msgs)))
    check(tap, g, "BEACON_GET without NLM_F_DUMP", BGET, expect=ERR)
    check(tap, g, "BEACON_FLUSH", BFLUSH, expect=0)
    check(tap, g, "BEACON_FLUSH as a dump", BFLUSH, expect=ERR, flags=DUMP)
    check(tap, g, "BEACON is reply-only (sent to BEACON_FLUSH)", BFLUSH,
          a_nest(k("C2GUARD_A_BEACON"),
                 a_u8(k("C2GUARD_BEACON_A_FAMILY"), AF_INET)), expect=ERR)
    check(tap, g, "BEACON is reply-only (sent to CONFIG_SET)", CFG_SET,
          a_nest(C, a_u32(k("C2GUARD_CFG_A_ALERT_RATE"), 100)) +
          a_nest(k("C2GUARD_A_BEACON"),
                 a_u8(k("C2GUARD_BEACON_A_SCORE"), 1)), expect=ERR)

    # --- valid settings ----------------------------------------------------
    cfg0 = get_config_raw(g)
    check(tap, g, "CONFIG_SET every beacon setting, valid", CFG_SET,
          a_nest(C, a_u8(cfg(""), 1), a_u32(cfg("RETRY"), 1500),
                 a_u32(cfg("IDLE"), 3000), a_u32(cfg("SILENCE"), 86400000),
                 a_u32(cfg("HOLDDOWN"), 0), a_u32(cfg("MIN_GAPS"), 4),
                 a_u32(cfg("WINDOW"), 16), a_u32(cfg("THRESHOLD"), 80),
                 a_u32(cfg("MAX"), 1000),
                 a_u8(cfg("ACTION"), k("C2GUARD_ACT_REJECT")),
                 ports_attr((17, 123), (6, 443), (0, 8080))), expect=0)
    got = get_config_raw(g) or {}
    want = {cfg(""): b"\1", cfg("ACTION"): bytes([k("C2GUARD_ACT_REJECT")]),
            cfg("ALLOW_PORTS"): struct.pack("=III", 17 << 16 | 123,
                                            6 << 16 | 443, 8080)}
    for n, v in (("RETRY", 1500), ("IDLE", 3000), ("SILENCE", 86400000),
                 ("HOLDDOWN", 0), ("MIN_GAPS", 4), ("WINDOW", 16),
                 ("THRESHOLD", 80), ("MAX", 1000)):
        want[cfg(n)] = struct.pack("=I", v)
    bad = {t: (got.get(t), v) for t, v in want.items()
           if got.get(t, b"")[:len(v)] != v}
    tap.ok(not bad, "CONFIG_GET shows the beacon settings", "differ: %s" % bad)
    limits = [("RETRY", 3600000), ("IDLE", 1), ("SILENCE", 2592000000),
              ("HOLDDOWN", 2592000000), ("MIN_GAPS", 32), ("WINDOW", 32),
              ("THRESHOLD", 1), ("MAX", k("C2GUARD_BEACON_MAX_LIMIT"))]
    check(tap, g, "CONFIG_SET beacon settings at the ends of their ranges",
          CFG_SET, a_nest(C, *(a_u32(cfg(n), v) for n, v in limits),
                          a_u8(cfg("ACTION"), k("C2GUARD_ACT_MARK")),
                          ports_attr(*[(0, p) for p in range(
                              1, k("C2GUARD_BEACON_ALLOW_PORTS_MAX") + 1)])),
          expect=0)
    check(tap, g, "CONFIG_SET beacon settings at the other ends", CFG_SET,
          a_nest(C, a_u32(cfg("RETRY"), 1), a_u32(cfg("SILENCE"), 2),
                 a_u32(cfg("MIN_GAPS"), 4), a_u32(cfg("WINDOW"), 4),
                 a_u32(cfg("THRESHOLD"), 100), a_u32(cfg("MAX"), 0),
                 a_u32(cfg("IDLE"), 3600000), a_u8(cfg(""), 0),
                 a_u8(cfg("ACTION"), k("C2GUARD_ACT_ALERT")),
                 ports_attr((6, 65535), (17, 1))), expect=0)
    check(tap, g, "CONFIG_SET an empty BEACON_ALLOW_PORTS", CFG_SET,
          a_nest(C, ports_attr()), expect=0)

    # --- out of range ------------------------------------------------------
    before = get_config_raw(g)
    cases = [
        ("BEACON 2", a_u8(cfg(""), 2)),
        ("BEACON as u32", a_u32(cfg(""), 1)),
        ("BEACON_RETRY 0", a_u32(cfg("RETRY"), 0)),
        ("BEACON_RETRY 3600001", a_u32(cfg("RETRY"), 3600001)),
        ("BEACON_RETRY as u16", a_u16(cfg("RETRY"), 100)),
        ("BEACON_IDLE 0", a_u32(cfg("IDLE"), 0)),
        ("BEACON_IDLE 3600001", a_u32(cfg("IDLE"), 3600001)),
        ("BEACON_SILENCE 2592000001", a_u32(cfg("SILENCE"), 2592000001)),
        ("BEACON_SILENCE equal to BEACON_RETRY",
         a_u32(cfg("RETRY"), 5000) + a_u32(cfg("SILENCE"), 5000)),
        ("BEACON_SILENCE below BEACON_RETRY",
         a_u32(cfg("RETRY"), 5000) + a_u32(cfg("SILENCE"), 4999)),
        ("BEACON_HOLDDOWN 2592000001", a_u32(cfg("HOLDDOWN"), 2592000001)),
        ("BEACON_HOLDDOWN 0xffffffff", a_u32(cfg("HOLDDOWN"), 0xffffffff)),
        ("BEACON_MIN_GAPS 3", a_u32(cfg("MIN_GAPS"), 3) +
         a_u32(cfg("WINDOW"), 32)),
        ("BEACON_MIN_GAPS 33", a_u32(cfg("MIN_GAPS"), 33) +
         a_u32(cfg("WINDOW"), 32)),
        ("BEACON_WINDOW 33", a_u32(cfg("MIN_GAPS"), 8) +
         a_u32(cfg("WINDOW"), 33)),
        ("BEACON_WINDOW below BEACON_MIN_GAPS", a_u32(cfg("MIN_GAPS"), 8) +
         a_u32(cfg("WINDOW"), 7)),
        ("BEACON_THRESHOLD 0", a_u32(cfg("THRESHOLD"), 0)),
        ("BEACON_THRESHOLD 101", a_u32(cfg("THRESHOLD"), 101)),
        ("BEACON_MAX past the limit",
         a_u32(cfg("MAX"), k("C2GUARD_BEACON_MAX_LIMIT") + 1)),
        ("BEACON_ACTION NONE", a_u8(cfg("ACTION"), k("C2GUARD_ACT_NONE"))),
        ("BEACON_ACTION ALLOW", a_u8(cfg("ACTION"), k("C2GUARD_ACT_ALLOW"))),
        ("BEACON_ACTION past the last",
         a_u8(cfg("ACTION"), k("__C2GUARD_ACT_MAX"))),
        ("BEACON_ACTION as u32",
         a_u32(cfg("ACTION"), k("C2GUARD_ACT_ALERT"))),
        ("BEACON_ALLOW_PORTS of 6 bytes",
         nla(cfg("ALLOW_PORTS"), b"\x35\0\0\0\x35\0")),
        ("BEACON_ALLOW_PORTS of 65 entries", ports_attr(*[
            (0, p) for p in range(1, k("C2GUARD_BEACON_ALLOW_PORTS_MAX") + 2)])),
        ("BEACON_ALLOW_PORTS port 0", ports_attr((17, 0))),
        ("BEACON_ALLOW_PORTS protocol ICMP", ports_attr((1, 53))),
        ("BEACON_ALLOW_PORTS protocol SCTP", ports_attr((132, 53))),
        ("BEACON_ALLOW_PORTS protocol 0xffff", ports_attr((0xffff, 53))),
        # not in the uapi's words, but what the module does
        ("BEACON_ALLOW_PORTS with an entry twice",
         ports_attr((17, 53), (6, 53), (17, 53))),
        ("valid BEACON_THRESHOLD with invalid BEACON_IDLE",
         a_u32(cfg("THRESHOLD"), 50) + a_u32(cfg("IDLE"), 0)),
    ]
    for name, attrs in cases:
        check(tap, g, "CONFIG_SET %s" % name, CFG_SET, a_nest(C, attrs),
              expect=ERR_EXT, errnos={errno.EINVAL, errno.ERANGE})
    after = get_config_raw(g)
    tap.ok(before is not None and after == before,
           "rejected beacon CONFIG_SETs changed nothing",
           "before %s after %s" % (before, after))
    # back to what it was
    if cfg0 is not None:
        back = [nla(t, v) for t, v in sorted(cfg0.items())
                if t >= cfg("")]
        check(tap, g, "CONFIG_SET the beacon settings back", CFG_SET,
              a_nest(C, *back), expect=0)
    check(tap, g, "BEACON_FLUSH again", BFLUSH, expect=0)


def dump_intr_case(tap, g, n=2000):
    """A dump spanning many datagrams, the table changed after the first:
    the kernel must flag the rest NLM_F_DUMP_INTR."""
    ADD = k("C2GUARD_CMD_IND_ADD")
    bad = 0
    for base in range(0, n, 100):
        msgs, seqs = [], []
        for i in range(base, min(n, base + 100)):
            addr = struct.pack("!I", (198 << 24) | (18 << 16) | i)
            m, sq = g.build(g.family, ADD,
                            ind(family=AF_INET, addr=addr, tag="intr"))
            msgs.append(m)
            seqs.append(sq)
        g.send(b"".join(msgs))
        bad += sum(1 for r in g.recv_until(seqs) if r.error != 0)
    if not tap.ok(bad == 0, "%d ADDs in batches of 100" % n,
                  "%d failed" % bad):
        return
    msg, seq = g.build(g.family, k("C2GUARD_CMD_IND_GET"),
                       flags=NLM_F_REQUEST | NLM_F_ACK | NLM_F_DUMP)
    g.send(msg)
    datagrams = entries = 0
    intr = done = False
    err = None
    while not done:
        try:
            data = g.sock.recv(1 << 20)
        except socket.timeout:
            break
        datagrams += 1
        off = 0
        while off + 16 <= len(data):
            ln, typ, flags, sq, _pid = struct.unpack_from("=IHHII", data, off)
            if ln < 16 or off + ln > len(data):
                break
            if sq == seq:
                if flags & NLM_F_DUMP_INTR:
                    intr = True
                if typ == NLMSG_DONE:
                    done = True
                elif typ == NLMSG_ERROR:
                    err = struct.unpack_from("=i", data, off + 16)[0]
                    done = True
                else:
                    entries += 1
            off += pad4(ln)
        if datagrams == 1:
            g2 = Genl()
            g2.family = g.family
            g2.request(ADD, ind(family=AF_INET, addr=v4("198.18.200.1"),
                                tag="intr"))
            g2.sock.close()
    tap.ok(done and err is None and datagrams > 2 and intr,
           "a dump the table changed under is flagged NLM_F_DUMP_INTR",
           "done=%s err=%s datagrams=%d entries=%d intr=%s" %
           (done, err, datagrams, entries, intr))
    r, inds = dump_inds(g)
    tap.ok(r.done and inds is not None and len(inds) == n + 1,
           "the dump repeated afterwards is whole (%d entries)" %
           (len(inds) if inds is not None else -1))
    check(tap, g, "FLUSH the dump test's indicators", k("C2GUARD_CMD_IND_FLUSH"),
          a_str(k("C2GUARD_A_TAG"), "intr"), expect=0)


# ---------------------------------------------------------------------------
# Random mutations

def random_run(tap, g, seed, iterations):
    rnd = random.Random(seed)
    ALERT = k("C2GUARD_ACT_ALERT")

    def rand_ind():
        fam = rnd.choice((AF_INET, AF_INET6))
        addr = bytes(rnd.randrange(256) for _ in
                     range(4 if fam == AF_INET else 16))
        return ind(family=fam, addr=addr,
                   prefixlen=rnd.choice((None, 0, 8, 24, 32, 64, 128)),
                   action=rnd.choice((None, ALERT, 2, 3, 4)),
                   tag=rnd.choice((None, "", "rnd", "r" * 31)),
                   timeout=rnd.choice((None, 0, 1, 3600)))

    def rand_dom():
        labels = [bytes(rnd.choice(b"abc-_xyz019.*\0\xff")
                        for _ in range(rnd.randrange(0, 70)))
                  for _ in range(rnd.randrange(1, 6))]
        return dom(b".".join(labels), suffix=rnd.random() < 0.5,
                   action=rnd.choice((None, ALERT, 2, 3, 4, 5)),
                   tag=rnd.choice((None, "rnd")))

    def rand_beacon_cfg():
        """Beacon settings in and around their ranges (RETRY and SILENCE,
        MIN_GAPS and WINDOW together, as the module relates them)."""
        parts = []

        def pick(lo, hi):
            hi = max(lo, hi)
            return rnd.choice((lo, hi, lo - 1, hi + 1, rnd.randint(lo, hi)))

        def put(name, v, put_fn=a_u32):
            parts.append(put_fn(k("C2GUARD_CFG_A_BEACON" + name),
                                max(0, min(v, 0xffffffff))))

        if rnd.random() < 0.3:
            put("", pick(0, 1), a_u8)
        if rnd.random() < 0.3:
            retry = pick(1, 3600000)
            put("_RETRY", retry)
            put("_SILENCE", pick(retry + 1, 2592000000))
        if rnd.random() < 0.3:
            put("_IDLE", pick(1, 3600000))
        if rnd.random() < 0.3:
            put("_HOLDDOWN", pick(0, 2592000000))
        if rnd.random() < 0.3:
            gaps = pick(4, 32)
            put("_MIN_GAPS", gaps)
            put("_WINDOW", pick(max(gaps, 4), 32))
        if rnd.random() < 0.3:
            put("_THRESHOLD", pick(1, 100))
        if rnd.random() < 0.3:
            put("_MAX", pick(0, k("C2GUARD_BEACON_MAX_LIMIT")))
        if rnd.random() < 0.3:
            put("_ACTION", rnd.randrange(0, 7), a_u8)
        if rnd.random() < 0.3:
            parts.append(ports_attr(*[
                (rnd.choice((0, 6, 17, 1, 132)), rnd.choice(
                    (0, 1, 53, 443, 65535, rnd.randrange(65536))))
                for _ in range(rnd.choice((0, 1, 3, 64, 65)))]))
        if not parts:
            put("_THRESHOLD", pick(1, 100))
        return a_nest(k("C2GUARD_A_CONFIG"), *parts)

    seeds = [
        lambda: (k("C2GUARD_CMD_IND_ADD"), rand_dom(), 0),
        lambda: (k("C2GUARD_CMD_IND_DEL"), rand_dom(), 0),
        lambda: (k("C2GUARD_CMD_IND_ADD"), rand_ind(), 0),
        lambda: (k("C2GUARD_CMD_IND_DEL"), rand_ind(), 0),
        lambda: (k("C2GUARD_CMD_IND_FLUSH"),
                 rnd.choice((b"", a_str(k("C2GUARD_A_TAG"), "rnd"))), 0),
        lambda: (k("C2GUARD_CMD_STATUS_GET"), b"", 0),
        lambda: (k("C2GUARD_CMD_CONFIG_GET"), b"", 0),
        lambda: (k("C2GUARD_CMD_CONFIG_SET"),
                 cfg_nest(rate=rnd.randrange(0, 2000),
                          burst=rnd.randrange(1, 2000)), 0),
        lambda: (k("C2GUARD_CMD_IND_GET"), b"", NLM_F_DUMP),
    ]
    if has_beacon():
        seeds += [
            lambda: (k("C2GUARD_CMD_BEACON_GET"), b"", NLM_F_DUMP),
            lambda: (k("C2GUARD_CMD_BEACON_FLUSH"), b"", 0),
            lambda: (k("C2GUARD_CMD_CONFIG_SET"), rand_beacon_cfg(), 0),
        ]

    def mutate(b):
        b = bytearray(b)
        for _ in range(rnd.randint(1, 4)):
            op = rnd.randrange(6)
            if op == 0 and b:                       # flip a byte
                b[rnd.randrange(len(b))] = rnd.randrange(256)
            elif op == 1 and b:                     # cut
                del b[rnd.randrange(len(b)):]
            elif op == 2:                           # insert random attr
                t = rnd.randrange(0, 12) | rnd.choice((0, NLA_F_NESTED))
                p = bytes(rnd.randrange(256) for _ in range(rnd.randrange(9)))
                pos = rnd.randrange(len(b) + 1) & ~3
                b[pos:pos] = nla(t & 0xffff, p)
            elif op == 3 and len(b) >= 4:           # lie about a length
                pos = rnd.randrange(0, len(b) - 1) & ~1
                b[pos:pos + 2] = struct.pack("=H", rnd.choice(
                    (0, 1, 3, 4, 5, 8, 0xffff, rnd.randrange(65536))))
            elif op == 4 and b:                     # duplicate a run
                i = rnd.randrange(len(b))
                b[i:i] = b[i:i + rnd.randrange(1, 24)]
            elif op == 5 and len(b) >= 4:           # flip type flag bits
                pos = (rnd.randrange(len(b) - 3) & ~3) + 2
                b[pos + 1] ^= rnd.choice((0x80, 0x40, 0xc0))
        return bytes(b)

    answered = errors = acks = 0
    for i in range(iterations):
        cmd, attrs, extra = rnd.choice(seeds)()
        if rnd.random() < 0.05:
            cmd = rnd.randrange(256)
        attrs = mutate(attrs)
        flags = NLM_F_REQUEST | NLM_F_ACK | extra
        try:
            r = g.request(cmd, attrs, flags)
        except socket.timeout:
            tap.ok(False, "random request %d answered" % i,
                   "seed %d cmd %d attrs %s" % (seed, cmd, attrs.hex()))
            return
        except OSError:
            continue
        if r.error is None and not r.done:
            tap.ok(False, "random request %d answered" % i,
                   "seed %d cmd %d attrs %s: %s" % (seed, cmd, attrs.hex(),
                                                    r.describe()))
            return
        answered += 1
        if r.error:
            errors += 1
        else:
            acks += 1
    tap.ok(True, "%d random requests (seed %d) all answered: %d accepted, "
           "%d rejected" % (iterations, seed, acks, errors))


def quarantine_cases(tap, g):
    """QUARANTINE_* and HOST_ALLOW_*: what a host is, what is refused."""
    if not has_quar():
        return
    QADD = k("C2GUARD_CMD_QUARANTINE_ADD")
    QDEL = k("C2GUARD_CMD_QUARANTINE_DEL")
    AADD = k("C2GUARD_CMD_HOST_ALLOW_ADD")
    ADEL = k("C2GUARD_CMD_HOST_ALLOW_DEL")
    a4 = v4("198.51.100.9")
    check(tap, g, "QUARANTINE_ADD without HOST", QADD, expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "QUARANTINE_ADD without ADDR", QADD,
          a_nest(k("C2GUARD_A_HOST"), a_u8(k("C2GUARD_HOST_A_FAMILY"),
                                           AF_INET)),
          expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "QUARANTINE_ADD family 3", QADD, host(a4, family=3),
          expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "QUARANTINE_ADD 16-byte address as AF_INET", QADD,
          host(v6("2001:db8::9"), family=AF_INET), expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "QUARANTINE_ADD with PREFIXLEN", QADD,
          host(a4, prefixlen=32), expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "QUARANTINE_ADD TIMEOUT past TIMEOUT_MAX (policy)", QADD,
          host(a4, timeout=k("C2GUARD_TIMEOUT_MAX") + 1), expect=ERR_EXT)
    for bad in ("127.0.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255"):
        check(tap, g, "QUARANTINE_ADD %s refused" % bad, QADD,
              host(v4(bad)), expect=ERR_EXT, errnos={errno.EINVAL})
    for bad in ("::1", "::", "ff02::1"):
        check(tap, g, "QUARANTINE_ADD %s refused" % bad, QADD,
              host(v6(bad)), expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "QUARANTINE_ADD with SINCE (reply-only)", QADD,
          host(a4, extra=a_u64(k("C2GUARD_HOST_A_SINCE"), 1)),
          expect=ERR_EXT)
    check(tap, g, "QUARANTINE_ADD 198.51.100.9", QADD, host(a4), expect=0)
    check(tap, g, "QUARANTINE_ADD 198.51.100.9 again, 60 s", QADD,
          host(a4, timeout=60), expect=0)
    check(tap, g, "QUARANTINE_ADD 2001:db8::9", QADD,
          host(v6("2001:db8::9")), expect=0)
    r, hosts = dump_hosts(g, "C2GUARD_CMD_QUARANTINE_GET")
    got = sorted(h.get(k("C2GUARD_HOST_A_ADDR"), b"") for h in hosts)
    t = [struct.unpack("=I", h.get(k("C2GUARD_HOST_A_TIMEOUT"),
                                   b"\0\0\0\0"))[0]
         for h in hosts if h.get(k("C2GUARD_HOST_A_ADDR")) == a4]
    tap.ok(r.done and got == sorted([a4, v6("2001:db8::9")]) and
           t and 1 <= t[0] <= 60,
           "QUARANTINE_GET dump: both hosts, the new time", "%s %s" % (
               r.describe(), hosts))
    check(tap, g, "QUARANTINE_GET without NLM_F_DUMP",
          k("C2GUARD_CMD_QUARANTINE_GET"), expect=ERR)
    check(tap, g, "QUARANTINE_DEL 198.51.100.9", QDEL, host(a4), expect=0)
    check(tap, g, "QUARANTINE_DEL 198.51.100.9 again: -ENOENT", QDEL,
          host(a4), expect=ERR_EXT, errnos={errno.ENOENT})
    check(tap, g, "QUARANTINE_DEL with TIMEOUT", QDEL,
          host(v6("2001:db8::9"), timeout=1), expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "QUARANTINE_DEL 2001:db8::9", QDEL,
          host(v6("2001:db8::9")), expect=0)

    n4 = v4("203.0.113.0")
    check(tap, g, "HOST_ALLOW_ADD host bits past the prefix", AADD,
          host(v4("203.0.113.1"), prefixlen=24), expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "HOST_ALLOW_ADD prefix 33", AADD, host(n4, prefixlen=33),
          expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "HOST_ALLOW_ADD with TIMEOUT", AADD,
          host(n4, prefixlen=24, timeout=1), expect=ERR_EXT,
          errnos={errno.EINVAL})
    check(tap, g, "HOST_ALLOW_ADD 203.0.113.0/24", AADD,
          host(n4, prefixlen=24), expect=0)
    check(tap, g, "HOST_ALLOW_ADD 203.0.113.0/24 again: -EEXIST", AADD,
          host(n4, prefixlen=24), expect=ERR_EXT, errnos={errno.EEXIST})
    r, hosts = dump_hosts(g, "C2GUARD_CMD_HOST_ALLOW_GET")
    tap.ok(r.done and len(hosts) == 1 and
           hosts[0].get(k("C2GUARD_HOST_A_ADDR")) == n4 and
           hosts[0].get(k("C2GUARD_HOST_A_PREFIXLEN")) == b"\x18",
           "HOST_ALLOW_GET dump: 203.0.113.0/24", "%s %s" % (r.describe(),
                                                            hosts))
    check(tap, g, "HOST_ALLOW_DEL 203.0.113.0 (another prefix): -ENOENT",
          ADEL, host(n4), expect=ERR_EXT, errnos={errno.ENOENT})
    check(tap, g, "HOST_ALLOW_DEL 203.0.113.0/24", ADEL,
          host(n4, prefixlen=24), expect=0)
    for i in range(k("C2GUARD_HOST_ALLOW_MAX")):
        r = g.request(AADD, host(v4("10.%d.%d.0" % (i // 256, i % 256)),
                                 prefixlen=24))
        if r.error:
            break
    check(tap, g, "HOST_ALLOW_ADD past HOST_ALLOW_MAX: -ENOSPC", AADD,
          host(n4, prefixlen=24), expect=ERR_EXT, errnos={errno.ENOSPC})
    quar_release_all(g)
    r, hosts = dump_hosts(g, "C2GUARD_CMD_HOST_ALLOW_GET")
    tap.ok(r.done and not hosts, "host-allow list emptied", r.describe())
    check(tap, g, "CONFIG_SET BEACON_ACTION allow refused",
          k("C2GUARD_CMD_CONFIG_SET"),
          a_nest(k("C2GUARD_A_CONFIG"),
                 a_u8(k("C2GUARD_CFG_A_BEACON_ACTION"),
                      k("C2GUARD_ACT_ALLOW"))),
          expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "CONFIG_SET DGA_ACTION quarantine",
          k("C2GUARD_CMD_CONFIG_SET"),
          a_nest(k("C2GUARD_A_CONFIG"),
                 a_u8(k("C2GUARD_CFG_A_DGA_ACTION"),
                      k("C2GUARD_ACT_QUARANTINE"))), expect=0)
    check(tap, g, "CONFIG_SET QUARANTINE_TIME 60",
          k("C2GUARD_CMD_CONFIG_SET"),
          a_nest(k("C2GUARD_A_CONFIG"),
                 a_u32(k("C2GUARD_CFG_A_QUARANTINE_TIME"), 60)), expect=0)
    if has_hosts():
        host_cases(tap, g)
    restore(g)


def host_cases(tap, g):
    """HOST_GET and the host-risk settings."""
    cfg = k("C2GUARD_CMD_CONFIG_SET")
    QADD = k("C2GUARD_CMD_QUARANTINE_ADD")
    for act in ("C2GUARD_ACT_DROP", "C2GUARD_ACT_REJECT", "C2GUARD_ACT_MARK",
                "C2GUARD_ACT_ALLOW"):
        check(tap, g, "CONFIG_SET HOST_ACTION %s refused" % act[13:], cfg,
              a_nest(k("C2GUARD_A_CONFIG"),
                     a_u8(k("C2GUARD_CFG_A_HOST_ACTION"), k(act))),
              expect=ERR_EXT, errnos={errno.EINVAL})
    check(tap, g, "CONFIG_SET HOST_ACTION 7 (policy)", cfg,
          a_nest(k("C2GUARD_A_CONFIG"),
                 a_u8(k("C2GUARD_CFG_A_HOST_ACTION"), 7)), expect=ERR_EXT)
    for attr, bad in (("C2GUARD_CFG_A_HOST_THRESHOLD", 10001),
                      ("C2GUARD_CFG_A_HOST_HALF_LIFE", 59),
                      ("C2GUARD_CFG_A_HOST_HALF_LIFE", 604801),
                      ("C2GUARD_CFG_A_HOSTS_MAX", 1048577)):
        check(tap, g, "CONFIG_SET %s %d (policy)" % (attr[13:], bad), cfg,
              a_nest(k("C2GUARD_A_CONFIG"), a_u32(k(attr), bad)),
              expect=ERR_EXT)
    check(tap, g, "CONFIG_SET HOST_ACTION quarantine, HOSTS_MAX 10", cfg,
          a_nest(k("C2GUARD_A_CONFIG"),
                 a_u8(k("C2GUARD_CFG_A_HOST_ACTION"),
                      k("C2GUARD_ACT_QUARANTINE")),
                 a_u32(k("C2GUARD_CFG_A_HOSTS_MAX"), 10)), expect=0)
    check(tap, g, "QUARANTINE_ADD with RISK (reply-only)", QADD,
          host(v4("198.51.100.9"),
               extra=a_u32(k("C2GUARD_HOST_A_RISK"), 1)), expect=ERR_EXT)
    check(tap, g, "QUARANTINE_ADD with EVIDENCE (reply-only)", QADD,
          host(v4("198.51.100.9"),
               extra=a_nest(k("C2GUARD_HOST_A_EVIDENCE"))), expect=ERR_EXT)
    r, hosts = dump_hosts(g, "C2GUARD_CMD_HOST_GET")
    tap.ok(r.done and all(k("C2GUARD_HOST_A_RISK") in h for h in hosts),
           "HOST_GET dump: %d hosts, each with its risk" % len(hosts),
           r.describe())
    check(tap, g, "HOST_GET without NLM_F_DUMP", k("C2GUARD_CMD_HOST_GET"),
          expect=ERR)
    check(tap, g, "CONFIG_SET HOSTS_MAX 0", cfg,
          a_nest(k("C2GUARD_A_CONFIG"),
                 a_u32(k("C2GUARD_CFG_A_HOSTS_MAX"), 0)), expect=0)
    r, hosts = dump_hosts(g, "C2GUARD_CMD_HOST_GET")
    tap.ok(r.done and not hosts, "HOSTS_MAX 0: HOST_GET dumps nothing",
           "%s %s" % (r.describe(), hosts))


def wire_cases(tap, g):
    """The first-payload detectors' settings (proto-mismatch, irc): port
    lists and actions out of range refused with nothing changed; valid
    ones taken and read back; the defaults back at the end."""
    CFG_SET = k("C2GUARD_CMD_CONFIG_SET")
    C = k("C2GUARD_A_CONFIG")

    def cfg(name):
        return k("C2GUARD_CFG_A_" + name)

    def ports(name, *p):
        return nla(cfg(name), b"".join(struct.pack("=H", x) for x in p))

    before = get_config_raw(g)
    most = k("C2GUARD_WIRE_PORTS_MAX")
    cases = []
    for name in ("TLS_PORTS", "HTTP_PORTS", "IRC_PORTS"):
        cases += [
            ("%s of 3 bytes" % name, nla(cfg(name), b"\xbb\x01\x50")),
            ("%s of %d ports" % (name, most + 1),
             ports(name, *range(1, most + 2))),
            ("%s port 0" % name, ports(name, 443, 0)),
            ("%s with a port twice" % name, ports(name, 443, 8443, 443)),
        ]
    for name in ("PROTO_MISMATCH_ACTION", "IRC_ACTION"):
        cases += [
            ("%s NONE" % name, a_u8(cfg(name), k("C2GUARD_ACT_NONE"))),
            ("%s ALLOW" % name, a_u8(cfg(name), k("C2GUARD_ACT_ALLOW"))),
            ("%s past the last" % name,
             a_u8(cfg(name), k("__C2GUARD_ACT_MAX"))),
        ]
    cases += [("PROTO_MISMATCH 2", a_u8(cfg("PROTO_MISMATCH"), 2)),
              ("IRC 2", a_u8(cfg("IRC"), 2)),
              ("valid IRC with an invalid TLS_PORTS",
               a_u8(cfg("IRC"), 1) + ports("TLS_PORTS", 0))]
    for name, attrs in cases:
        check(tap, g, "CONFIG_SET %s" % name, CFG_SET, a_nest(C, attrs),
              expect=ERR_EXT, errnos={errno.EINVAL, errno.ERANGE})
    after = get_config_raw(g)
    tap.ok(before is not None and after == before,
           "rejected first-payload CONFIG_SETs changed nothing",
           "before %s after %s" % (before, after))
    check(tap, g, "CONFIG_SET 16 TLS ports, no HTTP port, irc on", CFG_SET,
          a_nest(C, ports("TLS_PORTS", *range(1000, 1000 + most)) +
                 ports("HTTP_PORTS") + a_u8(cfg("IRC"), 1) +
                 a_u8(cfg("IRC_ACTION"), k("C2GUARD_ACT_DROP"))),
          expect=0)
    got = get_config_raw(g) or {}
    want = b"".join(struct.pack("=H", x) for x in range(1000, 1000 + most))
    tap.ok(got.get(cfg("TLS_PORTS")) == want and
           got.get(cfg("HTTP_PORTS")) == b"" and
           got.get(cfg("IRC")) == b"\x01" and
           got.get(cfg("IRC_ACTION")) == bytes([k("C2GUARD_ACT_DROP")]),
           "CONFIG_GET reads them back", "%s" % got)
    if before is not None:
        back = [nla(cfg(n), before[cfg(n)]) for n in
                ("PROTO_MISMATCH", "PROTO_MISMATCH_ACTION", "TLS_PORTS",
                 "HTTP_PORTS", "IRC", "IRC_ACTION", "IRC_PORTS")
                if cfg(n) in before]
        check(tap, g, "CONFIG_SET the first-payload settings back", CFG_SET,
              a_nest(C, *back), expect=0)


CASES = collections.OrderedDict([
    ("family", family_case), ("fixed", fixed_cases),
    ("policy", policy_cases), ("domain", domain_cases),
    ("beacon", beacon_cases), ("quarantine", quarantine_cases),
    ("wire", wire_cases),
    ("intr", dump_intr_case), ("random", None)])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # in the tree, or installed next to this script (make install)
    spec = os.path.join(here, "..", "uapi", "c2guard.yaml")
    if not os.path.exists(spec):
        spec = os.path.join(here, "c2guard.yaml")
    ap.add_argument("--spec", default=spec)
    ap.add_argument("--cases", default=",".join(CASES),
                    help="comma-separated groups of cases, of: %s" %
                    " ".join(CASES))
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--iterations", type=int, default=400)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    try:
        load_spec(args.spec)
    except (ImportError, OSError, ValueError) as e:
        print("1..0 # cannot read the spec %s: %s" % (args.spec, e))
        return 1
    seed = args.seed if args.seed is not None else \
        int.from_bytes(os.urandom(4), "little")

    tap = Tap(args.verbose)
    g = Genl()
    try:
        fam = g.resolve(k("C2GUARD_GENL_NAME"))
    except socket.timeout:
        fam = None
    if fam is None:
        print("1..0 # SKIP generic netlink family %s not found" %
              k("C2GUARD_GENL_NAME"))
        return 4
    print("# family %s id %d, seed %d" % (k("C2GUARD_GENL_NAME"), fam, seed))
    global FEATURES, BEACON_MAX0
    r = g.request(k("C2GUARD_CMD_STATUS_GET"))
    for _t, _f, _c, a in r.msgs:
        st = parse_attrs(a.get(k("C2GUARD_A_STATUS"), b""))
        feat = st.get(k("C2GUARD_STATUS_A_FEATURES"), b"")
        if len(feat) == 8:
            FEATURES = struct.unpack("=Q", feat)[0]
    if has_beacon():
        BEACON_MAX0 = (get_config(g) or {}).get(
            k("C2GUARD_CFG_A_BEACON_MAX"))
        print("# beacon detection: BEACON_MAX %s" % BEACON_MAX0)
    restore(g)
    cases = args.cases.split(",")
    for c in cases:
        if c not in CASES:
            print("1..0 # unknown group of cases %r" % c)
            return 1
    try:
        for c in CASES:
            if c not in cases:
                continue
            if c == "random":
                random_run(tap, g, seed, args.iterations)
            else:
                CASES[c](tap, g)
    finally:
        # fresh socket: the old one may hold unread junk
        g.sock.close()
        g2 = Genl()
        g2.family = fam
        restore(g2)
        r = g2.request(k("C2GUARD_CMD_STATUS_GET"))
        tap.ok(r.error == 0 and r.msgs, "module answers STATUS_GET afterwards",
               r.describe())
        cfg = get_config(g2)
        tap.ok(cfg == default_config(), "default configuration restored",
               "got %s" % cfg)
        r2, inds = dump_inds(g2)
        tap.ok(r2.done and inds == [], "table empty afterwards", "%s" % inds)
    print("1..%d" % tap.n)
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
