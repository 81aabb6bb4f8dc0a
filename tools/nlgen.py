#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Render c2guard's netlink contract from its spec, uapi/c2guard.yaml.

    tools/nlgen.py            write the generated files that changed
    tools/nlgen.py --check    exit 1, with a diff, if any is stale
    tools/nlgen.py --list     the generated files
    tools/nlgen.py --schema Documentation/netlink/genetlink-legacy.yaml
                              also validate the spec against the kernel's
                              schema (python3-jsonschema)

What it writes (each says it is generated and from what):
    uapi/linux/c2guard.h      the uapi header: constants, enums, the
                              attributes and commands, and their docs
    kmod/netlink-gen.[ch]     the module's request policies (the ops table
                              stays in kmod/netlink.c: Debian's 6.1 has no
                              split ops)
    ctl/nl-spec.h             the same as data for userspace: attribute
                              lists for c2ctl, policies for the tests
"""

import argparse
import re
import difflib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nlspec  # noqa: E402

TOP = os.path.normpath(os.path.join(os.path.dirname(
    os.path.abspath(__file__)), ".."))
SPEC_REL = "uapi/c2guard.yaml"
GEN_BY = "generated from %s by tools/nlgen.py" % SPEC_REL
WIDTH = 80             # code
DOC_WIDTH = 78         # comments
TRAIL_WIDTH = 100      # a #define with its comment (checkpatch's limit)


def vwidth(s):
    """Columns of @s on a terminal with 8-column tabs."""
    col = 0
    for ch in s:
        col = (col // 8 + 1) * 8 if ch == "\t" else col + 1
    return col


def tabs_to(s, col):
    """Tabs that take a line ending in @s to column @col (at least one)."""
    w = vwidth(s)
    n = 1
    while (w // 8 + n) * 8 < col:
        n += 1
    return "\t" * n


def prose(text):
    """One line of doc text: lines joined, two spaces after a full stop."""
    text = " ".join(line.strip() for line in text.strip().split("\n"))
    return re.sub(r"([.!?]) (?=[A-Z(\"])", r"\1  ", text)


def wrap(text, first, cont, width=DOC_WIDTH):
    """Fill @text into lines starting with @first, then @cont; runs of
    spaces inside the text are kept (two after a full stop)."""
    words = text.split(" ")
    lines = []
    line = first
    fresh = True
    gap = ""
    for w in words:
        if w == "":
            gap += " "
            continue
        piece = " " + gap if not fresh else ""
        if not fresh and vwidth(line + piece + w) > width:
            lines.append(line)
            line = cont + w
        else:
            line += piece + w
        fresh = False
        gap = ""
    lines.append(line)
    return lines


def comment_block(paragraphs, first, cont):
    """Lines of a kernel-doc paragraph list; "" separates paragraphs."""
    out = []
    for p in paragraphs:
        out += wrap(prose(p), first, cont)
    return out


def doc_paragraphs(doc):
    """The first paragraph (summary) and the rest of a doc string."""
    paras = [p.strip() for p in (doc or "").strip().split("\n\n") if p]
    return (paras[0] if paras else ""), paras[1:]


def attr_doc(spec, attr):
    if attr.type == "pad":
        words = "padding for 64-bit attributes"
    elif attr.type == "nest":
        words = "nested enum " + spec.sets[attr.nested].root().enum_name
    elif attr.type == "string":
        words = "NUL-terminated string"
    else:
        words = attr.type
    if attr.multi:
        words = "repeated " + words
    if not attr.doc:
        return words
    doc = prose(attr.doc)
    return words + (" " if doc.startswith("(") else ", ") + doc


def kdoc(title, members, rest):
    """A kernel-doc comment: title line, @members, then more paragraphs."""
    out = ["/**"]
    out += wrap(title, " * ", " *\t")
    for name, doc in members:
        out += wrap("@%s: %s" % (name, prose(doc)), " * ", " *\t")
    for p in rest:
        out.append(" *")
        out += wrap(prose(p), " * ", " * ")
    out.append(" */")
    return out


# ---------------------------------------------------------------------------
# uapi/linux/c2guard.h

def uapi_int(spec, const):
    return const.text + ("" if const.length else "U")


def render_defines(rows):
    """rows: (name, value, doc) -> aligned #defines; a doc that does not
    fit after its define goes above it."""
    out = []
    col = max(vwidth("#define " + n) for n, _v, _d in rows)
    col = (col // 8 + 1) * 8
    vcol = max(col + vwidth(v) for _n, v, _d in rows)
    vcol = (vcol // 8 + 1) * 8
    for name, value, doc in rows:
        head = "#define " + name
        line = head + tabs_to(head, col) + value
        if doc:
            trailing = line + tabs_to(line, vcol) + "/* %s */" % doc
            if vwidth(trailing) <= TRAIL_WIDTH:
                out.append(trailing)
                continue
            if vwidth("/* %s */" % doc) <= WIDTH:
                out.append("/* %s */" % doc)
            else:
                out += ["/*"] + wrap(doc, " * ", " * ") + [" */"]
        out.append(line)
    return out


def render_enum_body(name, entries, cnt_name):
    """entries: (cname, value); values rendered only where they jump."""
    out = ["enum %s {" % name]
    expect = 0
    for cname, value in entries:
        out.append("\t%s%s," % (cname, "" if value == expect else
                                " = %d" % value))
        expect = value + 1
    if cnt_name:
        out.append("\t" + cnt_name)
    out.append("};")
    return out


def render_uapi(spec):
    out = ["/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) "
           "OR MIT */",
           "/* Do not edit: %s. */" % GEN_BY,
           "/*"]
    for line in spec.doc.rstrip("\n").split("\n"):
        out.append((" * " + line).rstrip())
    out += [" *", " * Commands", " * --------"]
    for i, op in enumerate(spec.ops.values()):
        if op.event is not None:
            kind = "notification, group " + spec.mcgrps[op.mcgrp]["cname"]
        else:
            kind = ", ".join(op.kinds())
        if i:
            out.append(" *")
        out.append(" * %s (%s)" % (op.cname, kind))
        for line in op.doc.rstrip("\n").split("\n"):
            out.append((" *\t" + line) if line else " *")
    out.append(" */")
    guard = "_UAPI_LINUX_%s_H" % nlspec.c_upper(spec.name)
    out += ["#ifndef " + guard, "#define " + guard, "",
            "#include <linux/types.h>", ""]
    rows = [(spec.family_cname, '"%s"' % spec.name, None),
            (spec.version_cname, str(spec.version), None)]
    rows += [(g["cname"], '"%s"' % g["name"], None)
             for g in spec.mcgrps.values()]
    out += render_defines(rows)

    consts = []

    def flush_consts():
        if consts:
            out.append("")
            out.extend(render_defines(consts))
            del consts[:]

    for d in spec.definitions:
        if isinstance(d, nlspec.Const):
            consts.append((d.cname, uapi_int(spec, d), d.doc and
                           prose(d.doc)))
            continue
        flush_consts()
        out.append("")
        if d.kind == "flags":
            sfx = "ULL" if d.width > 32 else "U"
            if d.doc:
                out.append("/* %s */" % prose(d.doc))
            out += render_defines([
                (e.cname, "0x%x%s" % (e.value, sfx),
                 e.doc and prose(e.doc))
                for e in d.entries.values()])
            continue
        summary, rest = doc_paragraphs(d.doc)
        members = [(e.cname, e.doc) for e in d.entries.values() if e.doc]
        if summary or members:
            out += kdoc("enum %s - %s" % (d.enum_name, summary) if summary
                        else "enum " + d.enum_name, members, rest)
        out += render_enum_body(d.enum_name, [
            (e.cname, e.value) for e in d.entries.values()],
            d.cnt_cname if d.render_max else None)
        if d.render_max:
            out += ["", "#define %s (%s - 1)" % (d.max_cname, d.cnt_cname)]
    flush_consts()

    out.append("")
    unspec = nlspec.c_upper(spec.op_prefix + "unspec")
    out += render_enum_body(spec.op_enum_name, [(unspec, 0)] + [
        (op.cname, op.value) for op in spec.ops.values()],
        spec.op_cnt_cname)
    out += ["", "#define %s (%s - 1)" % (spec.op_max_cname,
                                         spec.op_cnt_cname)]

    for aset in spec.full_sets():
        summary, rest = doc_paragraphs(aset.doc)
        members = [(a.cname, attr_doc(spec, a)) for a in aset.attrs.values()
                   if a.type != "unused"]
        out.append("")
        out += kdoc("enum %s - %s" % (aset.enum_name, summary), members, rest)
        out += render_enum_body(aset.enum_name, [
            (a.cname, a.value) for a in aset.attrs.values()],
            aset.cnt_cname)
        out += ["", "#define %s (%s - 1)" % (aset.max_cname, aset.cnt_cname)]

    out += ["", "#endif /* %s */" % guard]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# kmod/netlink-gen.[ch]

NLA = {"u8": "NLA_U8", "u16": "NLA_U16", "u32": "NLA_U32", "u64": "NLA_U64",
       "flag": "NLA_FLAG", "string": "NLA_NUL_STRING",
       "binary": "NLA_BINARY"}


def s16(v):
    return -32768 <= v <= 32767


def range_name(attr):
    return attr.cname.lower() + "_range"


def needs_range(attr):
    """An integer check that struct nla_policy's s16 min/max cannot hold."""
    if attr.type not in nlspec.INT_TYPES or attr.mask:
        return False
    return any(b is not None and not s16(b.value)
               for b in (attr.min, attr.max))


def kernel_rule(spec, rule):
    """The initializer of one nla_policy entry: a macro call (str) or the
    fields of a brace initializer (list)."""
    a = rule.attr
    if rule.kind == "reject":
        if rule.message:
            return [".type = NLA_REJECT",
                    '.reject_message = "%s"' % rule.message]
        return [".type = NLA_REJECT"]
    if rule.kind == "nest":
        return "NLA_POLICY_NESTED(%s_nl_policy)" % rule.policy
    t = NLA[a.type]
    if a.type in nlspec.INT_TYPES:
        if a.mask:
            return "NLA_POLICY_MASK(%s, %s)" % (t, a.mask[1])
        if needs_range(a):
            return "NLA_POLICY_FULL_RANGE(%s, &%s)" % (t, range_name(a))
        if a.min and a.max:
            return "NLA_POLICY_RANGE(%s, %s, %s)" % (t, a.min.c, a.max.c)
        if a.min:
            return "NLA_POLICY_MIN(%s, %s)" % (t, a.min.c)
        if a.max:
            return "NLA_POLICY_MAX(%s, %s)" % (t, a.max.c)
        return [".type = " + t]
    if a.type == "string":
        if a.max_len:
            return [".type = NLA_NUL_STRING", ".len = " + a.max_len.c]
        return [".type = NLA_NUL_STRING"]
    if a.type == "binary":
        lo, hi = a.min_len, a.max_len
        if lo and hi and lo is hi:
            return "NLA_POLICY_EXACT_LEN(%s)" % lo.c
        if lo and hi:
            return "NLA_POLICY_RANGE(NLA_BINARY, %s, %s)" % (lo.c, hi.c)
        if lo:
            return "NLA_POLICY_MIN_LEN(%s)" % lo.c
        if hi:
            return [".type = NLA_BINARY", ".len = " + hi.c]
        return [".type = NLA_BINARY"]
    return [".type = " + t]


def indent_to(col):
    return "\t" * (col // 8) + " " * (col % 8)


def kernel_entry(spec, cname, rule):
    init = kernel_rule(spec, rule)
    head = "\t[%s] = " % cname
    if isinstance(init, str):
        if vwidth(head + init + ",") <= WIDTH:
            return [head + init + ","]
        return [head.rstrip(), "\t\t" + init + ","]
    one = head + "{ " + ", ".join(init) + " },"
    if vwidth(one) <= WIDTH:
        return [one]
    lines = [head + "{ " + init[0] + ","]
    pad = indent_to(vwidth(head) + 2)
    for f in init[1:-1]:
        lines.append(pad + f + ",")
    lines.append(pad + init[-1] + " },")
    return lines


def kernel_policies(spec):
    """(name, size C expression, comment, {value: Rule}) of every policy:
    nests first, then one per operation that takes attributes."""
    out = []
    for aset in spec.request_nests():
        rules = spec.nest_policy(aset)
        what = aset.root().enum_name
        if aset.subset_of:
            what += ", as requests carry it (%s)" % aset.name
        out.append((spec.nest_policy_name(aset), aset.root().max_cname,
                    "enum " + what, rules))
    for op in spec.ops.values():
        rules = spec.op_policy(op)
        if rules is not None:
            out.append((spec.op_policy_name(op), op.set.root().max_cname,
                        op.cname, rules))
    return out


def attr_by_value(spec, rules):
    return sorted(rules.items())


def render_kernel_h(spec):
    guard = "_C2GUARD_NETLINK_GEN_H"
    out = ["/* SPDX-License-Identifier: GPL-2.0 */",
           "/* Do not edit: %s. */" % GEN_BY,
           "/*",
           " * The request policies of the family; kmod/netlink.c has the ops",
           " * table that uses them.",
           " */",
           "#ifndef " + guard, "#define " + guard, "",
           "#include <net/netlink.h>", "",
           "#include <linux/%s.h>" % spec.name, ""]
    for name, size, _what, _rules in kernel_policies(spec):
        out.append("extern const struct nla_policy %s_nl_policy[%s + 1];" %
                   (name, size))
    out += ["", "#endif /* %s */" % guard]
    return "\n".join(out) + "\n"


def render_kernel_c(spec):
    out = ["// SPDX-License-Identifier: GPL-2.0",
           "/* Do not edit: %s. */" % GEN_BY, "",
           "#include <net/netlink.h>", "",
           "#include \"compat.h\"",
           "#include \"netlink-gen.h\""]
    policies = kernel_policies(spec)
    seen = set()
    for _name, _size, _what, rules in policies:
        for _v, rule in attr_by_value(spec, rules):
            a = rule.attr
            if rule.kind != "accept" or not needs_range(a) or \
                    range_name(a) in seen:
                continue
            seen.add(range_name(a))
            out += ["", "static C2G_POLICY_RANGE_CONST struct "
                    "netlink_range_validation",
                    "%s = {" % range_name(a)]
            if a.min:
                out.append("\t.min = %s," % a.min.c)
            if a.max:
                out.append("\t.max = %s," % a.max.c)
            out.append("};")
    for name, size, what, rules in policies:
        out += ["", "/* %s */" % what,
                "const struct nla_policy %s_nl_policy[%s + 1] = {" %
                (name, size)]
        for v, rule in attr_by_value(spec, rules):
            out += kernel_entry(spec, rule.attr.cname, rule)
        out.append("};")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# ctl/nl-spec.h

USER_TYPE = {"u8": "U8", "u16": "U16", "u32": "U32", "u64": "U64",
             "flag": "FLAG", "string": "STR", "binary": "BINARY",
             "nest": "NEST"}


def user_rule(spec, rule):
    a = rule.attr
    f = ['.name = "%s"' % a.name]
    if rule.kind == "reject":
        f.insert(0, ".type = C2G_SPEC_REJECT")
        if rule.message:
            f.append('.reject = "%s"' % rule.message)
        return f
    f.insert(0, ".type = C2G_SPEC_" + USER_TYPE[a.type])
    if rule.kind == "nest":
        inner = spec.sets[a.nested]
        f += [".nested = %s_policy" % c_spec_name(spec.nest_policy_name(
              inner)), ".maxtype = %s" % inner.root().max_cname]
        return f
    checks = []
    lo = a.min or a.min_len
    hi = a.max or a.max_len
    if a.mask:
        checks.append("C2G_SPEC_HAS_MASK")
        f.append(".max = %s" % a.mask[1])
    if lo:
        checks.append("C2G_SPEC_HAS_MIN")
        f.append(".min = %s" % lo.c)
    if hi:
        checks.append("C2G_SPEC_HAS_MAX")
        f.append(".max = %s" % hi.c)
    if checks:
        f.insert(1, ".checks = " + " | ".join(checks))
    return f


def c_spec_name(policy_name):
    """c2guard_ind_input -> c2g_spec_ind_input."""
    return "c2g_spec" + policy_name[len("c2guard"):]


def user_entry(cname, fields):
    out = ["\t[%s] = {" % cname]
    line = "\t\t"
    for i, f in enumerate(fields):
        piece = f + ("," if i < len(fields) - 1 else "")
        if line.strip() and vwidth(line + " " + piece) > WIDTH:
            out.append(line)
            line = "\t\t" + piece
        else:
            line += (" " if line.strip() else "") + piece
    out += [line, "\t},"]
    return out


def render_user_h(spec):
    guard = "_C2G_NL_SPEC_H"
    out = ["/* SPDX-License-Identifier: GPL-2.0 */",
           "/* Do not edit: %s. */" % GEN_BY,
           "/*",
           " * The c2guard family as data, for c2ctl and the tests: the",
           " * attributes of every set as X-macro lists, and the policies the",
           " * module applies to requests (kmod/netlink-gen.c) as tables.",
           " */",
           "#ifndef " + guard, "#define " + guard, "",
           "#include <linux/%s.h>" % spec.name, "",
           "enum c2g_spec_type {",
           "\tC2G_SPEC_FLAG = 1,"]
    out += ["\tC2G_SPEC_%s," % t for t in ("U8", "U16", "U32", "U64", "STR",
                                           "BINARY", "NEST")]
    out += ["\tC2G_SPEC_REJECT,\t/* policies: refused */", "};", "",
            "/*",
            " * X(attribute, \"spec-name\", \"c_name\", TYPE) for every "
            "attribute of a",
            " * set but padding; TYPE: FLAG, U8, U16, U32, U64, STR, "
            "BINARY, NEST.",
            " */"]
    for aset in spec.full_sets():
        out.append("#define C2G_SPEC_%s_ATTRS(X) \\" %
                   nlspec.c_upper(aset.name))
        rows = ["\tX(%s, \"%s\", \"%s\", %s)" % (
            a.cname, a.name, a.key(), USER_TYPE[a.type])
            for a in aset.attrs.values() if a.type not in ("unused", "pad")]
        out += [r + " \\" for r in rows[:-1]] + [rows[-1], ""]

    out += ["/*",
            " * X(attribute, \"doc\") for every number of the status: the "
            "first sentence",
            " * of its doc (c2ctl status --prometheus: the metrics' HELP).",
            " */",
            "#define C2G_SPEC_STATUS_DOCS(X) \\"]
    status = [s for s in spec.full_sets() if s.name == "status"][0]
    rows = []
    for a in status.attrs.values():
        if a.type not in ("u32", "u64") or not a.doc:
            continue
        doc = " ".join(a.doc.split())
        doc = doc.split(". ")[0].rstrip(".")
        doc = doc.replace("\\", "\\\\").replace('"', '\\"')
        rows.append("\tX(%s, \"%s\")" % (a.cname, doc))
    out += [r + " \\" for r in rows[:-1]] + [rows[-1], ""]

    out += ["/*",
            " * X(entry, \"spec-name\", n) for every entry of an enum (n: "
            "its value) or",
            " * flags (n: its bit).",
            " */"]
    for d in spec.definitions:
        if isinstance(d, nlspec.Const):
            continue
        out.append("#define C2G_SPEC_%s_ENTRIES(X) \\" %
                   nlspec.c_upper(d.name))
        rows = ["\tX(%s, \"%s\", %d)" % (e.cname, e.name, e.raw)
                for e in d.entries.values()]
        out += [r + " \\" for r in rows[:-1]] + [rows[-1], ""]

    out += ["/*",
            " * What a policy does with one attribute type (the kernel's "
            "struct",
            " * nla_policy as data); a type past the table or of type 0 is "
            "unknown.",
            " */",
            "struct c2g_spec_rule {",
            "\tunsigned char type;\t\t/* enum c2g_spec_type */",
            "\tunsigned char checks;\t\t/* C2G_SPEC_HAS_* */",
            "\tunsigned short maxtype;\t\t/* NEST: of .nested */",
            "\tconst struct c2g_spec_rule *nested;",
            "\tunsigned long long min, max;\t/* value; STR, BINARY: length */",
            "\tconst char *reject;\t\t/* REJECT: extack message, or NULL */",
            "\tconst char *name;\t\t/* the attribute's spec name */",
            "};", "",
            "#define C2G_SPEC_HAS_MIN\t0x1",
            "#define C2G_SPEC_HAS_MAX\t0x2",
            "#define C2G_SPEC_HAS_MASK\t0x4\t/* .max: the bits allowed */",
            ""]
    unused = "__attribute__((__unused__))"
    for name, size, what, rules in kernel_policies(spec):
        out += ["/* %s */" % what,
                "static const struct c2g_spec_rule %s_policy[%s + 1] %s = {"
                % (c_spec_name(name), size, unused)]
        for _v, rule in attr_by_value(spec, rules):
            out += user_entry(rule.attr.cname, user_rule(spec, rule))
        out += ["};", ""]

    out += ["/* An operation: do, dump, and what its requests may carry. */",
            "struct c2g_spec_op {",
            "\tconst char *name;",
            "\tunsigned char flags;\t\t\t/* C2G_SPEC_DO, ... */",
            "\tunsigned short maxtype;",
            "\tconst struct c2g_spec_rule *policy;\t/* NULL: no attributes "
            "*/",
            "};", "",
            "#define C2G_SPEC_DO\t\t0x1",
            "#define C2G_SPEC_DUMP\t\t0x2",
            "#define C2G_SPEC_ADMIN_PERM\t0x4",
            "#define C2G_SPEC_UNS_ADMIN_PERM\t0x8", "",
            "static const struct c2g_spec_op c2g_spec_ops[%s + 1] %s = {" %
            (spec.op_max_cname, unused)]
    for op in spec.ops.values():
        flags = " | ".join(["C2G_SPEC_" + k.upper() for k in op.kinds()] +
                           ["C2G_SPEC_" + nlspec.c_upper(f)
                            for f in op.flags]) or "0"
        rules = spec.op_policy(op)
        f = ['.name = "%s"' % op.name, ".flags = " + flags]
        if rules is not None:
            f += [".maxtype = " + op.set.root().max_cname,
                  ".policy = %s_policy" % c_spec_name(
                      spec.op_policy_name(op))]
        out += user_entry(op.cname, f)
    out += ["};", "",
            "/* X(value) for every bound of a request check, smallest first. "
            "*/",
            "#define C2G_SPEC_BOUNDS(X) \\"]
    vals = spec.ranges()
    line = "\t"
    rows = []
    for v in vals:
        piece = "X(%dULL)" % v
        if line.strip() and vwidth(line + " " + piece + " \\") > WIDTH:
            rows.append(line)
            line = "\t" + piece
        else:
            line += (" " if line.strip() else "") + piece
    rows.append(line)
    out += [r + " \\" for r in rows[:-1]] + [rows[-1]]
    out += ["", "#endif /* %s */" % guard]
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------

OUTPUTS = [
    ("uapi/linux/c2guard.h", render_uapi),
    ("kmod/netlink-gen.h", render_kernel_h),
    ("kmod/netlink-gen.c", render_kernel_c),
    ("ctl/nl-spec.h", render_user_h),
]


def main():
    ap = argparse.ArgumentParser(
        description="Render c2guard's netlink contract from %s." % SPEC_REL)
    ap.add_argument("--spec", default=os.path.join(TOP, SPEC_REL))
    ap.add_argument("--check", action="store_true",
                    help="write nothing; exit 1 if a generated file is stale")
    ap.add_argument("--list", action="store_true",
                    help="print the generated files")
    ap.add_argument("--schema", metavar="FILE",
                    help="also validate the spec against the kernel's "
                    "Documentation/netlink/genetlink-legacy.yaml "
                    "(python3-jsonschema)")
    args = ap.parse_args()
    if args.list:
        print("\n".join(p for p, _f in OUTPUTS))
        return 0
    try:
        spec = nlspec.load(args.spec)
        if args.schema:
            n = nlspec.validate_schema(args.spec, args.schema)
            print("nlgen: %s: valid against %s (%d keys checked)" %
                  (SPEC_REL, args.schema, n))
    except (nlspec.SpecError, OSError) as e:
        print("nlgen: %s" % e, file=sys.stderr)
        return 1
    stale = []
    for rel, render in OUTPUTS:
        path = os.path.join(TOP, rel)
        text = render(spec)
        try:
            with open(path) as f:
                old = f.read()
        except FileNotFoundError:
            old = None
        if old == text:
            continue
        stale.append(rel)
        if args.check:
            diff = list(difflib.unified_diff(
                (old or "").splitlines(True), text.splitlines(True),
                "a/" + rel, "b/" + rel))
            sys.stdout.writelines(diff[:60])
            if len(diff) > 60:
                print("... (%d more diff lines)" % (len(diff) - 60))
        else:
            with open(path, "w") as f:
                f.write(text)
            print("nlgen: wrote %s" % rel)
    if args.check:
        if stale:
            print("gen-check: %s stale: not what %s gives (run \"make gen\")"
                  % (", ".join(stale), SPEC_REL), file=sys.stderr)
            return 1
        print("gen-check: %d generated files match %s" % (len(OUTPUTS),
                                                          SPEC_REL))
    elif not stale:
        print("nlgen: %d generated files up to date" % len(OUTPUTS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
