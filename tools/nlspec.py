# SPDX-License-Identifier: GPL-2.0
"""The c2guard generic netlink spec (uapi/c2guard.yaml), read and resolved.

The spec is written in the kernel's format (Documentation/netlink/,
protocol genetlink-legacy); this reads the part of that format the family
uses, refuses anything else with a message naming where it is, and works
out what C and the tests need: values and C names of every constant, enum
entry, attribute and command, the checks of every attribute as numbers and
as C expressions, and the request policies (nlgen.py renders them, the
tests read them).

    spec = nlspec.load("uapi/c2guard.yaml")
    spec.cnames["C2GUARD_IND_A_ADDR"]           -> 2
    spec.sets["ind"].attrs["addr"].type         -> "binary"
    spec.op_policy(spec.ops["ind-add"])         -> {type: Rule, ...}

Needs python3-yaml (Debian).
"""

import collections
import os
import re

import yaml

SPEC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                    "uapi", "c2guard.yaml")

INT_TYPES = {"u8": 8, "u16": 16, "u32": 32, "u64": 64}
ATTR_TYPES = set(INT_TYPES) | {"unused", "pad", "flag", "string", "binary",
                               "nest"}
LEN_CHECKS = ("min-len", "max-len", "exact-len")


class SpecError(Exception):
    pass


class Lit(int):
    """An integer that remembers how the spec wrote it (0x00c20000)."""

    def __new__(cls, value, text):
        obj = int.__new__(cls, value)
        obj.text = text
        return obj


class _Loader(yaml.SafeLoader):
    pass


def _int(loader, node):
    return Lit(yaml.SafeLoader.construct_yaml_int(loader, node), node.value)


_Loader.add_constructor("tag:yaml.org,2002:int", _int)


def c_upper(name):
    return name.upper().replace("-", "_")


def c_lower(name):
    return name.lower().replace("-", "_")


def _keys(obj, allowed, where, required=()):
    if not isinstance(obj, dict):
        raise SpecError("%s: expected a mapping" % where)
    for k in obj:
        if k not in allowed:
            raise SpecError("%s: %r is not supported here" % (where, k))
    for k in required:
        if k not in obj:
            raise SpecError("%s: %r missing" % (where, k))


def _list(obj, where):
    if not isinstance(obj, list):
        raise SpecError("%s: expected a list" % where)
    return obj


def _uniq(names, where):
    seen = set()
    for n in names:
        if n in seen:
            raise SpecError("%s: %r defined twice" % (where, n))
        seen.add(n)


class Const:
    def __init__(self, spec, y, where):
        _keys(y, {"type", "name", "doc", "value"}, where,
              ("type", "name", "value"))
        if not isinstance(y["value"], int) or y["value"] < 0:
            raise SpecError("%s: value must be a non-negative integer" % where)
        self.name = y["name"]
        self.doc = y.get("doc")
        self.value = int(y["value"])
        self.text = getattr(y["value"], "text", str(y["value"]))
        self.cname = c_upper("%s-%s" % (spec.name, self.name))
        self.length = False     # bounds a length: stays a plain int in C


class Entry:
    def __init__(self, enum, y, value, where):
        if isinstance(y, str):
            y = {"name": y}
        _keys(y, {"name", "doc", "value"}, where, ("name",))
        self.name = y["name"]
        self.doc = y.get("doc")
        self.raw = y.get("value", value)
        self.value = 1 << self.raw if enum.kind == "flags" else self.raw
        self.cname = c_upper(enum.prefix + self.name)


class Enum:
    """An enum or flags definition."""

    def __init__(self, spec, y, where):
        _keys(y, {"type", "name", "doc", "entries", "name-prefix",
                  "enum-name", "render-max"}, where,
              ("type", "name", "entries"))
        self.kind = y["type"]
        self.name = y["name"]
        self.doc = y.get("doc")
        self.prefix = y.get("name-prefix", "%s-%s-" % (spec.name, self.name))
        self.enum_name = c_lower(y.get("enum-name",
                                       "%s-%s" % (spec.name, self.name)))
        self.render_max = y.get("render-max", False)
        if self.render_max and self.kind != "enum":
            raise SpecError("%s: render-max is for enums" % where)
        self.entries = collections.OrderedDict()
        value = 0
        for i, e in enumerate(_list(y["entries"], where + ".entries")):
            entry = Entry(self, e, value, "%s.entries[%d]" % (where, i))
            if entry.name in self.entries:
                raise SpecError("%s: entry %r twice" % (where, entry.name))
            self.entries[entry.name] = entry
            value = entry.raw + 1
        self.max_cname = c_upper(self.prefix + "max")
        self.cnt_cname = "__" + self.max_cname
        self.width = 32         # of the widest attribute carrying it

    def highest(self):
        return max(e.value for e in self.entries.values())

    def mask(self):
        m = 0
        for e in self.entries.values():
            m |= e.value
        return m


class Bound:
    """One limit of a check: its value and how C writes it."""

    def __init__(self, value, c):
        self.value = value
        self.c = c


class Attr:
    def __init__(self, aset, y, value, where):
        _keys(y, {"name", "type", "doc", "value", "nested-attributes",
                  "enum", "checks", "multi-attr"}, where, ("name", "type"))
        self.set = aset
        self.name = y["name"]
        self.type = y["type"]
        if self.type not in ATTR_TYPES:
            raise SpecError("%s: type %r is not supported" % (where,
                                                                self.type))
        self.doc = y.get("doc")
        self.value = int(y.get("value", value))
        self.nested = y.get("nested-attributes")
        if (self.type == "nest") != (self.nested is not None):
            raise SpecError("%s: nested-attributes goes with type nest, and "
                            "only with it" % where)
        self.enum = y.get("enum")
        self.multi = bool(y.get("multi-attr", False))
        self.checks_y = y.get("checks", {})
        _keys(self.checks_y, {"min", "max", "flags-mask"} | set(LEN_CHECKS),
              where + ".checks")
        self.cname = c_upper(aset.prefix + self.name)
        self.where = where
        # resolved by Spec
        self.min = self.max = None      # Bound of the value
        self.min_len = self.max_len = None      # Bound of the length
        self.mask = None                # (value, C expression)

    def key(self):
        """The name as C and JSON write it: ind_v4."""
        return c_lower(self.name)


class AttrSet:
    def __init__(self, spec, y, where):
        _keys(y, {"name", "name-prefix", "enum-name", "doc", "subset-of",
                  "attributes"}, where, ("name", "attributes"))
        self.name = y["name"]
        self.doc = y.get("doc")
        self.subset_of = y.get("subset-of")
        self.y = y
        self.where = where
        self.attrs = collections.OrderedDict()
        if self.subset_of:
            if "name-prefix" in y or "enum-name" in y:
                raise SpecError("%s: a subset takes its parent's names" %
                                where)
            return
        self.prefix = y.get("name-prefix", "%s-%s-a-" % (spec.name,
                                                          self.name))
        self.enum_name = c_lower(y.get("enum-name", "%s-%s-attrs" %
                                       (spec.name, self.name)))
        self.max_cname = c_upper(self.prefix + "max")
        self.cnt_cname = "__" + self.max_cname
        value = 1
        for i, a in enumerate(_list(y["attributes"], where + ".attributes")):
            attr = Attr(self, a, value, "%s.attributes[%d]" % (where, i))
            if attr.name in self.attrs:
                raise SpecError("%s: attribute %r twice" % (where, attr.name))
            if self.attrs and attr.value <= self.max_value():
                raise SpecError("%s: attribute values must increase" %
                                attr.where)
            self.attrs[attr.name] = attr
            value = attr.value + 1

    def max_value(self):
        return max(a.value for a in self.attrs.values())

    def root(self):
        return self.parent if self.subset_of else self


class Msg:
    """The attributes of a request, reply or event."""

    def __init__(self, y, where):
        _keys(y, {"attributes"}, where)
        self.attrs = list(_list(y.get("attributes", []),
                                where + ".attributes"))


class Op:
    def __init__(self, spec, y, value, where):
        _keys(y, {"name", "doc", "value", "attribute-set", "flags", "do",
                  "dump", "event", "mcgrp"}, where, ("name", "doc"))
        self.name = y["name"]
        self.doc = y["doc"]
        self.value = int(y.get("value", value))
        self.set_name = y.get("attribute-set")
        self.flags = list(_list(y.get("flags", []), where + ".flags"))
        for f in self.flags:
            if f not in ("admin-perm", "uns-admin-perm"):
                raise SpecError("%s: flag %r" % (where, f))
        self.cname = c_upper(spec.op_prefix + self.name)
        self.where = where
        self.do = self.dump = self.event = None
        for kind in ("do", "dump"):
            if kind in y:
                sub = y[kind]
                _keys(sub, {"request", "reply"}, "%s.%s" % (where, kind))
                setattr(self, kind, {
                    part: Msg(sub[part], "%s.%s.%s" % (where, kind, part))
                    for part in ("request", "reply") if part in sub})
        if "event" in y:
            self.event = Msg(y["event"], where + ".event")
        self.mcgrp = y.get("mcgrp")
        if (self.event is None) != (self.mcgrp is None):
            raise SpecError("%s: an event goes with an mcgrp" % where)
        if self.event and self.kinds():
            raise SpecError("%s: an event is neither do nor dump" % where)
        if not self.kinds() and self.event is None:
            raise SpecError("%s: no do, dump or event" % where)

    def request_attrs(self):
        """Names of the request attributes, do and dump together."""
        names = []
        for sub in (self.do, self.dump):
            if sub and "request" in sub:
                names += [n for n in sub["request"].attrs if n not in names]
        return names

    def kinds(self):
        return [k for k in ("do", "dump") if getattr(self, k) is not None]


class Rule:
    """How a request policy treats one attribute type.

    kind: "accept" (the attribute's checks apply), "reject" (message may
    be None) or "nest" (rule.policy is the nested policy's name).
    """

    def __init__(self, kind, attr, message=None, policy=None):
        self.kind = kind
        self.attr = attr
        self.message = message
        self.policy = policy


class Spec:
    def __init__(self, y, path):
        self.path = path
        _keys(y, {"name", "doc", "protocol", "version", "c-family-name",
                  "c-version-name", "max-by-define", "kernel-policy",
                  "definitions", "attribute-sets", "operations",
                  "mcast-groups"}, "spec",
              ("name", "doc", "attribute-sets", "operations"))
        if y.get("protocol") != "genetlink-legacy":
            raise SpecError("spec: protocol must be genetlink-legacy")
        if y.get("kernel-policy") != "per-op":
            raise SpecError("spec: kernel-policy must be per-op (6.1 has "
                            "no split ops)")
        if not y.get("max-by-define"):
            raise SpecError("spec: max-by-define must be true")
        self.name = y["name"]
        self.doc = y["doc"]
        self.version = int(y.get("version", 1))
        self.family_cname = c_upper(y.get("c-family-name",
                                          self.name + "-family-name"))
        self.version_cname = c_upper(y.get("c-version-name",
                                           self.name + "-family-version"))
        self.consts = collections.OrderedDict()
        self.enums = collections.OrderedDict()
        self.definitions = []
        for i, d in enumerate(_list(y.get("definitions", []),
                                    "definitions")):
            where = "definitions[%d]" % i
            if not isinstance(d, dict):
                raise SpecError("%s: expected a mapping" % where)
            if d.get("type") == "const":
                obj = Const(self, d, where)
                self.consts[obj.name] = obj
            elif d.get("type") in ("enum", "flags"):
                obj = Enum(self, d, where)
                self.enums[obj.name] = obj
            else:
                raise SpecError("%s: type %r is not supported" %
                                (where, d.get("type")))
            if obj.name in [o.name for o in self.definitions]:
                raise SpecError("%s: %r defined twice" % (where, obj.name))
            self.definitions.append(obj)

        ops_y = y["operations"]
        _keys(ops_y, {"name-prefix", "enum-name", "list"}, "operations",
              ("list",))
        self.op_prefix = ops_y.get("name-prefix", self.name + "-cmd-")
        self.op_enum_name = c_lower(ops_y.get("enum-name",
                                              self.name + "-commands"))
        self.op_max_cname = c_upper(self.op_prefix + "max")
        self.op_cnt_cname = "__" + self.op_max_cname

        self.sets = collections.OrderedDict()
        for i, s in enumerate(_list(y["attribute-sets"], "attribute-sets")):
            aset = AttrSet(self, s, "attribute-sets[%d]" % i)
            if aset.name in self.sets:
                raise SpecError("attribute set %r twice" % aset.name)
            self.sets[aset.name] = aset
        for aset in self.sets.values():
            if aset.subset_of:
                self._resolve_subset(aset)
        for aset in self.sets.values():
            for attr in aset.attrs.values():
                self._resolve_attr(attr)

        self.mcgrps = collections.OrderedDict()
        mc = y.get("mcast-groups", {"list": []})
        _keys(mc, {"list"}, "mcast-groups", ("list",))
        for i, g in enumerate(_list(mc["list"], "mcast-groups.list")):
            where = "mcast-groups.list[%d]" % i
            _keys(g, {"name", "flags", "c-define-name"}, where, ("name",))
            g = dict(g)
            g["cname"] = c_upper(g.get("c-define-name", "%s-mcgrp-%s" %
                                       (self.name, g["name"])))
            self.mcgrps[g["name"]] = g

        self.ops = collections.OrderedDict()
        value = 1
        for i, o in enumerate(_list(ops_y["list"], "operations.list")):
            op = Op(self, o, value, "operations.list[%d]" % i)
            if op.name in self.ops:
                raise SpecError("%s: operation %r twice" % (op.where,
                                                            op.name))
            if self.ops and op.value <= max(p.value for p in
                                            self.ops.values()):
                raise SpecError("%s: values must increase" % op.where)
            self._resolve_op(op)
            self.ops[op.name] = op
            value = op.value + 1

        self.cnames = self._cnames()

    # -- resolution ---------------------------------------------------------

    def _resolve_subset(self, aset):
        parent = self.sets.get(aset.subset_of)
        if parent is None or parent.subset_of:
            raise SpecError("%s: subset-of %r: no such full set" %
                            (aset.where, aset.subset_of))
        aset.parent = parent
        aset.prefix = parent.prefix
        for i, a in enumerate(_list(aset.y["attributes"],
                                    aset.where + ".attributes")):
            where = "%s.attributes[%d]" % (aset.where, i)
            _keys(a, {"name", "nested-attributes"}, where, ("name",))
            orig = parent.attrs.get(a["name"])
            if orig is None:
                raise SpecError("%s: %r is not in %r" % (where, a["name"],
                                                         parent.name))
            attr = Attr.__new__(Attr)
            attr.__dict__.update(orig.__dict__)
            attr.where = where
            if "nested-attributes" in a:
                if orig.type != "nest":
                    raise SpecError("%s: not a nest" % where)
                attr.nested = a["nested-attributes"]
            aset.attrs[attr.name] = attr

    def _const_bound(self, v, where, length):
        """A limit written as a number, a constant's name (with " - 1" for
        lengths), or u8-max and the like."""
        if isinstance(v, int):
            return Bound(int(v), getattr(v, "text", str(v)))
        m = re.fullmatch(r"([0-9a-z-]+)( - 1)?", str(v))
        if m and m.group(1) in self.consts:
            c = self.consts[m.group(1)]
            if length:
                c.length = True
            if m.group(2):
                if not length:
                    raise SpecError("%s: \" - 1\" is for lengths" % where)
                return Bound(c.value - 1, c.cname + " - 1")
            return Bound(c.value, c.cname)
        m = re.fullmatch(r"([su])(8|16|32|64)-(min|max)", str(v))
        if m and not length:
            bits = int(m.group(2))
            if m.group(1) == "s":
                raise SpecError("%s: signed limits are not supported" % where)
            val = 0 if m.group(3) == "min" else (1 << bits) - 1
            return Bound(val, str(val))
        raise SpecError("%s: limit %r is not a number or a constant" %
                        (where, v))

    def _resolve_attr(self, attr):
        where = attr.where
        if attr.nested is not None:
            target = self.sets.get(attr.nested)
            if target is None:
                raise SpecError("%s: no attribute set %r" % (where,
                                                             attr.nested))
        if attr.enum is not None:
            enum = self.enums.get(attr.enum)
            if enum is None:
                raise SpecError("%s: no enum %r" % (where, attr.enum))
            if attr.type not in INT_TYPES:
                raise SpecError("%s: enum on a %s" % (where, attr.type))
            enum.width = max(enum.width, INT_TYPES[attr.type])
        ch = attr.checks_y
        if attr.type in INT_TYPES:
            bits = INT_TYPES[attr.type]
            for k in LEN_CHECKS:
                if k in ch:
                    raise SpecError("%s: %s on an integer" % (where, k))
            if "min" in ch:
                attr.min = self._const_bound(ch["min"], where, False)
            if "max" in ch:
                attr.max = self._const_bound(ch["max"], where, False)
            if attr.enum and self.enums[attr.enum].kind == "enum" and \
                    attr.max is None:
                enum = self.enums[attr.enum]
                hi = max(enum.entries.values(), key=lambda e: e.value)
                attr.max = Bound(hi.value, hi.cname)
            if "flags-mask" in ch:
                enum = self.enums.get(ch["flags-mask"])
                if enum is None or enum.kind != "flags":
                    raise SpecError("%s: flags-mask %r: no such flags" %
                                    (where, ch["flags-mask"]))
                if attr.min or attr.max:
                    raise SpecError("%s: flags-mask with min/max" % where)
                enum.width = max(enum.width, bits)
                attr.mask = (enum.mask(), " | ".join(
                    e.cname for e in enum.entries.values()))
            for b in (attr.min, attr.max):
                if b is not None and b.value >= 1 << bits:
                    raise SpecError("%s: limit %d does not fit a %s" %
                                    (where, b.value, attr.type))
            if attr.min and attr.max and attr.min.value > attr.max.value:
                raise SpecError("%s: min above max" % where)
        elif attr.type in ("string", "binary"):
            for k in ("min", "max", "flags-mask"):
                if k in ch:
                    raise SpecError("%s: %s on a %s" % (where, k, attr.type))
            if "exact-len" in ch:
                if "min-len" in ch or "max-len" in ch:
                    raise SpecError("%s: exact-len with min/max-len" % where)
                attr.min_len = attr.max_len = self._const_bound(
                    ch["exact-len"], where, True)
            if "min-len" in ch:
                if attr.type == "string":
                    raise SpecError("%s: min-len on a string" % where)
                attr.min_len = self._const_bound(ch["min-len"], where, True)
            if "max-len" in ch:
                attr.max_len = self._const_bound(ch["max-len"], where, True)
        elif ch:
            raise SpecError("%s: checks on a %s" % (where, attr.type))

    def _resolve_op(self, op):
        aset = self.sets.get(op.set_name)
        if aset is None:
            raise SpecError("%s: attribute-set %r: no such set" %
                            (op.where, op.set_name))
        op.set = aset
        msgs = [m for sub in (op.do, op.dump) if sub for m in sub.values()]
        if op.event:
            msgs.append(op.event)
            if op.mcgrp not in self.mcgrps:
                raise SpecError("%s: mcgrp %r: no such group" %
                                (op.where, op.mcgrp))
        for m in msgs:
            for n in m.attrs:
                if n not in aset.attrs:
                    raise SpecError("%s: %r is not in %r" % (op.where, n,
                                                            aset.name))

    def _cnames(self):
        """Every C name of the uapi header and its value."""
        c = {self.family_cname: self.name,
             self.version_cname: self.version}
        for g in self.mcgrps.values():
            c[g["cname"]] = g["name"]
        for k in self.consts.values():
            c[k.cname] = k.value
        for e in self.enums.values():
            for entry in e.entries.values():
                c[entry.cname] = entry.value
            if e.render_max:
                c[e.cnt_cname] = e.highest() + 1
                c[e.max_cname] = e.highest()
        for s in self.full_sets():
            c[c_upper(s.prefix + "unspec")] = 0
            for a in s.attrs.values():
                c[a.cname] = a.value
            c[s.cnt_cname] = s.max_value() + 1
            c[s.max_cname] = s.max_value()
        c[c_upper(self.op_prefix + "unspec")] = 0
        for op in self.ops.values():
            c[op.cname] = op.value
        top = max(op.value for op in self.ops.values())
        c[self.op_cnt_cname] = top + 1
        c[self.op_max_cname] = top
        return c

    # -- queries ------------------------------------------------------------

    def full_sets(self):
        return [s for s in self.sets.values() if not s.subset_of]

    def attr(self, set_name, name):
        return self.sets[set_name].attrs[name]

    def nest_policy_name(self, aset):
        return c_lower("%s-%s" % (self.name, aset.name))

    def nest_policy(self, aset):
        """{value: Rule} of the policy of a nest of @aset in a request: the
        whole set, what a subset leaves out refused as reply-only."""
        rules = {}
        for a in aset.root().attrs.values():
            if a.type == "unused":
                continue
            if a.type == "pad":
                rules[a.value] = Rule("reject", a)
            elif a.name not in aset.attrs:
                rules[a.value] = Rule("reject", a, "%s is reply-only" %
                                      a.name)
            else:
                rules[a.value] = self._rule(aset.attrs[a.name])
        return rules

    def _rule(self, attr):
        if attr.type == "nest":
            return Rule("nest", attr,
                        policy=self.nest_policy_name(self.sets[attr.nested]))
        if attr.type == "pad":
            return Rule("reject", attr)
        return Rule("accept", attr)

    def op_policy_name(self, op):
        return c_lower("%s-%s" % (self.name, op.name))

    def op_policy(self, op):
        """{value: Rule} of the op's request attributes, or None when the
        op takes none (genetlink then refuses any)."""
        names = op.request_attrs()
        if not names:
            return None
        return {op.set.attrs[n].value: self._rule(op.set.attrs[n])
                for n in names}

    def request_nests(self):
        """The attribute sets nested in requests, innermost first."""
        out = []

        def visit(aset):
            for a in aset.attrs.values():
                if a.type == "nest":
                    inner = self.sets[a.nested]
                    if inner.root() is aset.root():
                        raise SpecError("%s: recursive nest" % a.where)
                    visit(inner)
                    if inner not in out:
                        out.append(inner)

        for op in self.ops.values():
            for n in op.request_attrs():
                a = op.set.attrs[n]
                if a.type == "nest":
                    inner = self.sets[a.nested]
                    visit(inner)
                    if inner not in out:
                        out.append(inner)
        return out

    def ranges(self):
        """Every distinct bound of a request check (values and lengths)."""
        attrs = [a for aset in self.request_nests()
                 for a in aset.attrs.values()]
        attrs += [op.set.attrs[n] for op in self.ops.values()
                  for n in op.request_attrs()]
        vals = set()
        for a in attrs:
            for b in (a.min, a.max, a.min_len, a.max_len):
                if b is not None:
                    vals.add(b.value)
        return sorted(vals)


def validate_schema(path, schema_path):
    """Check the spec against the kernel's JSON schema of its protocol
    (Documentation/netlink/genetlink-legacy.yaml of a kernel tree); returns
    the number of mapping keys checked."""
    import jsonschema    # python3-jsonschema; only for this

    with open(schema_path) as f:
        schema = yaml.safe_load(f)
    with open(path) as f:
        y = yaml.safe_load(f)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(y),
                    key=lambda e: list(e.path))
    if errors:
        raise SpecError("%s: not valid against %s:\n%s" % (
            path, schema_path, "\n".join(
                "  %s: %s" % ("/".join(str(p) for p in e.path), e.message)
                for e in errors)))

    def count(o):
        if isinstance(o, dict):
            return len(o) + sum(count(v) for v in o.values())
        if isinstance(o, list):
            return sum(count(v) for v in o)
        return 0
    return count(y)


def load(path=None):
    path = path or SPEC
    with open(path) as f:
        y = yaml.load(f, Loader=_Loader)
    try:
        return Spec(y, path)
    except SpecError as e:
        raise SpecError("%s: %s" % (path, e)) from None
