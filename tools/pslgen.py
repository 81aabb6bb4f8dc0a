#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Compile the public suffixes c2guard's DGA score strips into kmod/psl-gen.c.

    tools/pslgen.py            write kmod/psl-gen.c if it changed
    tools/pslgen.py --check    exit 1, with a diff, if it is stale
    tools/pslgen.py --psl FILE read another copy of the list

Sources:
  * the ICANN section of the Public Suffix List, Debian's publicsuffix
    (/usr/share/publicsuffix/public_suffix_list.dat).  The private section
    is left out on purpose: there a CDN's zone (cloudfront.net,
    googlevideo.com ...) is a suffix, which would make its machine-made
    labels look like a registrant's choice;
  * data/dyndns.txt, the dynamic-DNS zones: there the label a stranger
    chose is the one left of the zone, and the zone is flagged (DYN).

The table is the rules sorted bytewise (what memcmp() then length
order gives), each a u32: offset into one string pool (20 bits), length
(7 bits), flags (4 bits).  Each string is stored NUL-ended; one that
ends another is stored once, inside the longer.  Unicode labels are stored as the A-labels
(xn--) the wire carries.

When Debian updates the list, --check says so and does not fail: the
table in the tree still works; "make gen" refreshes it.
"""

import argparse
import difflib
import hashlib
import os
import sys

TOP = os.path.normpath(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
PSL = "/usr/share/publicsuffix/public_suffix_list.dat"
DYN_REL = "data/dyndns.txt"
OUT_REL = "kmod/psl-gen.c"

EXACT, WILD, EXCEPT, DYN = 1, 2, 4, 8
OFF_BITS, LEN_BITS = 20, 7


def alabel(label):
    try:
        label.encode("ascii")
        return label.lower()
    except UnicodeEncodeError:
        return "xn--" + label.encode("punycode").decode("ascii")


def read_psl(path):
    rules = {}
    icann = False
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if "===BEGIN ICANN DOMAINS===" in line:
                icann = True
            elif "===END ICANN DOMAINS===" in line:
                icann = False
            if not icann or not line or line.startswith("//"):
                continue
            rule = line.split()[0]
            flag = EXACT
            if rule.startswith("!"):
                flag, rule = EXCEPT, rule[1:]
            elif rule.startswith("*."):
                flag, rule = WILD, rule[2:]
            elif "*" in rule:
                sys.exit("pslgen: %s: unsupported rule %r" % (path, line))
            rule = ".".join(alabel(x) for x in rule.split("."))
            rules[rule] = rules.get(rule, 0) | flag
    if not rules:
        sys.exit("pslgen: %s: no ICANN rules" % path)
    return rules


def read_dyn(path, rules):
    n = 0
    with open(path, encoding="ascii") as f:
        for lineno, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if not line.startswith("*.") or " " in line:
                sys.exit("pslgen: %s:%d: not a \"*.zone\" line" %
                         (path, lineno))
            zone = line[2:].lower()
            rules[zone] = rules.get(zone, 0) | EXACT | DYN
            n += 1
    return n


def pack(rules):
    names = sorted(rules, key=lambda r: r.encode("ascii"))
    pool = ""
    where = {}
    # Longest first, so that a shorter string ending a stored one is
    # found inside it.
    for r in sorted(names, key=lambda r: (-len(r), r)):
        if r in where:
            continue
        off = len(pool)
        pool += r + "\0"
        for i in range(len(r)):
            where.setdefault(r[i:], off + i)
    if len(pool) >= 1 << OFF_BITS:
        sys.exit("pslgen: string pool of %d bytes does not fit" % len(pool))
    ents = []
    for r in names:
        if len(r) >= 1 << LEN_BITS:
            sys.exit("pslgen: rule %r too long" % r)
        ents.append(where[r] | len(r) << OFF_BITS |
                    rules[r] << (OFF_BITS + LEN_BITS))
    return names, pool, ents


def c_string(pool):
    """The pool as string literals of whole NUL-ended strings per line."""
    out, cur = [], []
    for s in pool.split("\0")[:-1]:
        if cur and sum(len(c) + 4 for c in cur) + len(s) > 62:
            out.append(cur)
            cur = []
        cur.append(s)
    out.append(cur)
    # Inside a literal three octal digits ("\\0" before a digit would take
    # it in); a literal ends in "\\0", which the next one cannot extend.
    return "\n".join('\t"%s\\0"' % "\\000".join(c) for c in out)


def render(psl_path):
    with open(psl_path, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    rules = read_psl(psl_path)
    nicann = len(rules)
    ndyn = read_dyn(os.path.join(TOP, DYN_REL), rules)
    names, pool, ents = pack(rules)
    labels = max(r.count(".") + 1 for r in names)
    # A wildcard covers one label more than it is written with.
    labels = max(labels, max(r.count(".") + 2 for r in names
                             if rules[r] & WILD))
    out = []
    out.append("// SPDX-License-Identifier: GPL-2.0")
    out.append("/*")
    out.append(" * Generated by tools/pslgen.py from the ICANN section of the "
               "Public Suffix")
    out.append(" * List and %s: do not edit (\"make gen\")." % DYN_REL)
    out.append(" * psl-sha256: %s" % digest)
    out.append(" * %d ICANN suffixes, %d dynamic-DNS zones, %d bytes of "
               "strings." % (nicann, ndyn, len(pool)))
    out.append(" */")
    out.append('#include "psl.h"')
    out.append("")
    out.append("const u32 c2g_psl_nr = %d;" % len(ents))
    out.append("")
    out.append("const u32 c2g_psl_ent[%d] = {" % len(ents))
    for i in range(0, len(ents), 6):
        out.append("\t" + " ".join("0x%08x," % e for e in ents[i:i + 6]))
    out.append("};")
    out.append("")
    # the literal's own NUL ends the last string a second time
    out.append("const char c2g_psl_pool[%d] =" % (len(pool) + 1))
    out.append(c_string(pool) + ";")
    out.append("")
    out.append("#if C2G_PSL_MAX_LABELS < %d" % labels)
    out.append("#error \"a suffix has more labels than psl.h allows\"")
    out.append("#endif")
    return "\n".join(out) + "\n", digest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--psl", default=PSL)
    a = ap.parse_args()
    if not os.path.exists(a.psl):
        sys.exit("pslgen: %s missing (Debian: apt-get install publicsuffix)"
                 % a.psl)
    text, digest = render(a.psl)
    path = os.path.join(TOP, OUT_REL)
    try:
        with open(path, encoding="ascii") as f:
            old = f.read()
    except FileNotFoundError:
        old = ""
    if old == text:
        return 0
    if not a.check:
        with open(path, "w", encoding="ascii") as f:
            f.write(text)
        print("pslgen: wrote %s" % OUT_REL)
        return 0
    if old and ("psl-sha256: %s" % digest) not in old:
        print("pslgen: %s was made from another Public Suffix List than %s;"
              " \"make gen\" refreshes it (not an error)" % (OUT_REL, a.psl))
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        old.splitlines(True), text.splitlines(True), OUT_REL, "generated"))
    print("pslgen: %s is stale: run \"make gen\"" % OUT_REL)
    return 1


if __name__ == "__main__":
    sys.exit(main())
