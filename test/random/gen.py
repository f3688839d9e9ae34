#!/usr/bin/env python3
"""Seeded generator of random schema pairs for the diff's property test.

    gen.py pair SEED DIR [--families LIST]       one pair: DIR/a.sql, DIR/b.sql
    gen.py pairs SEED N DIR [--families LIST]    N pairs: DIR/p<pair seed>/
    gen.py batches SEED N PER DIR [--families LIST]
                     N cases DIR/b<SEED>_<k>/ of PER pairs each, the pair of
                     seed S in schemas pS, pS_s1, pS_s2 (public stays empty)

A pair is a random schema A (built from SEED) and a random mutation B of it.
The same SEED always gives the same two scripts (only random.Random(seed)
is used, and only on lists, never on sets), so a failure found by a soak
with a random seed is reproduced by its pair seed alone.  The pair with
index i of `pairs SEED N` (and of `batches SEED N PER`, counting across the
batches) has the pair seed SEED * 100000 + i.

Both scripts are plain DDL for an empty database (the round-trip corpus's
rules: test/roundtrip/README.md), using the roles rt_reader, rt_writer and
rt_admin.

--families names the families of changes to leave out (comma-separated),
so that a family the engine does not handle yet can be kept out of a run
that must pass; test/random/README.md lists them.  `--families none`
leaves nothing out.

Only the Python 3 standard library is used.
"""

import copy
import os
import random
import re
import sys

ROLES = ["rt_reader", "rt_writer", "rt_admin"]

# Families that can be left out with --families (see README.md).
FAMILIES = [
    "column_order",     # a column added anywhere but last
    "nocast_type",      # a built-in type change with no cast between the types
    "user_type_cast",   # a column type change from or to an enum/domain/composite
    "generated",        # generated columns and their changes
    "identity",         # identity columns and their changes
    "partitions",       # partitioned tables
    "enum_rebuild",     # enum labels removed or reordered
    "schema_scope",     # schemas added or dropped
    "kind_change",      # an object replaced by one of another kind, same name
    "names_reused",     # a name of a dropped object reused by a new one
    "pk_referenced",    # a primary key changed while a foreign key references it
]


def q(name):
    """A quoted identifier when needed (the names made here are all simple)."""
    return name


class Gen:
    def __init__(self, seed, skip):
        self.r = random.Random(seed)
        self.skip = set(skip)
        self.n = 0

    def ok(self, family):
        return family not in self.skip

    def uid(self, prefix):
        self.n += 1
        return "%s%d" % (prefix, self.n)

    def chance(self, p):
        return self.r.random() < p

    def pick(self, seq):
        return self.r.choice(list(seq))


# ------------------------------------------------------------------ types
#
# A column type is a tuple: ("b", "integer") for a built-in type, or
# ("enum"|"domain"|"comp"|"range", key) for a user type of the model.

BUILTIN = [
    "integer", "bigint", "smallint", "numeric(10,2)", "real",
    "double precision", "text", "varchar(40)", "char(3)", "boolean",
    "timestamptz", "timestamp", "date", "uuid", "jsonb", "integer[]",
    "text[]", "bytea", "inet", "interval", "int4range",
]

NUMERIC = ["integer", "bigint", "smallint", "numeric(10,2)", "real", "double precision"]
TEXTUAL = ["text", "varchar(40)", "char(3)"]
INTEGRAL = ["integer", "bigint", "smallint"]


def castable(a, b):
    """Whether ALTER COLUMN TYPE from built-in a to built-in b has a cast
    (explicit or via text I/O), so that the change needs no special path."""
    if a == b:
        return True
    if a in TEXTUAL or b in TEXTUAL:
        return True
    if a in NUMERIC and b in NUMERIC:
        return True
    if {a, b} <= {"timestamptz", "timestamp", "date"}:
        return True
    if {a, b} == {"integer", "boolean"}:
        return True
    return False


def type_sql(m, t):
    kind, v = t
    if kind == "b":
        return v
    obj = m["types"][v]
    return "%s.%s" % (obj["schema"], obj["name"])


def base_of(m, t):
    """The built-in type a column's values are of (a domain's base type)."""
    kind, v = t
    if kind == "b":
        return v
    if kind == "domain":
        # None for a domain that a mutation has just dropped (fixup() then
        # takes its columns away)
        return m["types"].get(v, {}).get("base")
    return None


def default_for(g, m, t):
    kind, v = t
    if kind == "enum":
        return "'%s'::{ty:%s}" % (g.pick(m["types"][v]["labels"]), v)
    if kind == "domain":
        b = m["types"].get(v, {}).get("base")
        return {"integer": "7", "text": "'dflt'", "numeric(10,2)": "1.50"}.get(b)
    if kind == "comp":
        return None
    if kind == "range":
        return None
    seq = ["SEQ:" + k for k in m["seqs"]][:1]
    return g.pick({
        "integer": ["0", "42", "(1 + 2)", "FUNC_INT"],
        "bigint": ["0", "100"] + seq,
        "smallint": ["1"],
        "numeric(10,2)": ["0.00", "9.99"],
        "real": ["1.5"],
        "double precision": ["0"],
        "text": ["'x'", "''", "upper('abc')", "'it''s'", "FUNC_TEXT"],
        "varchar(40)": ["'v'::character varying"],
        "char(3)": ["'abc'::bpchar"],
        "boolean": ["true", "false"],
        "timestamptz": ["now()", "CURRENT_TIMESTAMP", "'2020-01-01 00:00:00+00'::timestamptz"],
        "timestamp": ["LOCALTIMESTAMP"],
        "date": ["CURRENT_DATE", "'2021-02-03'::date"],
        "uuid": ["gen_random_uuid()"],
        "jsonb": ["'{}'::jsonb", "'[]'::jsonb"],
        "integer[]": ["'{}'::integer[]", "ARRAY[1, 2]"],
        "text[]": ["'{}'::text[]"],
        "bytea": ["'\\x00'::bytea"],
        "inet": ["'127.0.0.1'::inet"],
        "interval": ["'1 day'::interval"],
        "int4range": ["'[1,5)'::int4range"],
    }[v])


def check_for(g, m, col, t):
    b = base_of(m, t)
    c = col
    if b in INTEGRAL or b in NUMERIC:
        return g.pick(["%s >= 0" % c, "%s <> 13" % c, "%s < 1000000" % c, "FUNC_CHECK"])
    if b in ("text", "varchar(40)"):
        return g.pick(["length(%s) < 200" % c, "%s <> ''" % c, "%s ~ '^[a-z]'" % c])
    if b == "jsonb":
        return "jsonb_typeof(%s) = 'object'" % c
    if b in ("date", "timestamptz"):
        return "%s > '2000-01-01'" % c
    if t[0] == "enum":
        return "%s <> '%s'" % (c, g.pick(m["types"][t[1]]["labels"]))
    return None


def btree_ok(m, t):
    kind, v = t
    if kind == "b":
        return v not in ("int4range",) or True
    return kind in ("enum", "domain", "range")


# ------------------------------------------------------------------ model

def new_model():
    return {
        "schemas": ["public"],
        "schema_meta": {},          # schema -> {comment, grants}
        "types": {},                # key -> type object
        "seqs": {},                 # key -> sequence
        "funcs": {},                # key -> function
        "tables": {},               # key -> table
        "views": {},                # key -> view (also materialized)
    }


def gen_schema(g):
    m = new_model()
    for i in range(g.r.randint(0, 2)):
        s = "s%d" % (i + 1)
        m["schemas"].append(s)
        m["schema_meta"][s] = {"comment": g.pick([None, "schema %s" % s]),
                               "grants": g.pick([[], ["rt_reader"]])}
    for _ in range(g.r.randint(0, 2)):
        add_enum(g, m)
    for _ in range(g.r.randint(0, 2)):
        add_domain(g, m)
    if g.chance(0.4):
        add_comp(g, m)
    if g.chance(0.3):
        add_range(g, m)
    for _ in range(g.r.randint(0, 2)):
        add_seq(g, m)
    add_func(g, m, "int")
    add_func(g, m, "text")
    add_func(g, m, "check")
    if g.chance(0.5):
        add_func(g, m, "trigger")
    for _ in range(g.r.randint(2, 6)):
        add_table(g, m)
    if g.ok("partitions") and g.chance(0.3):
        add_partitioned(g, m)
    for _ in range(g.r.randint(0, 3)):
        add_fk(g, m)
    for _ in range(g.r.randint(0, 3)):
        add_view(g, m)
    return m


def any_schema(g, m):
    return g.pick(m["schemas"])


def add_enum(g, m):
    k = g.uid("e")
    n = g.r.randint(2, 5)
    m["types"][k] = {"kind": "enum", "schema": any_schema(g, m), "name": "mood_" + k,
                     "labels": ["l%d" % i for i in range(n)],
                     "comment": g.pick([None, "an enum"])}
    return k


def add_domain(g, m):
    k = g.uid("d")
    base = g.pick(["integer", "text", "numeric(10,2)"])
    chk = {"integer": "VALUE > 0", "text": "length(VALUE) < 50",
           "numeric(10,2)": "VALUE >= 0"}[base]
    m["types"][k] = {"kind": "domain", "schema": any_schema(g, m), "name": "dom_" + k,
                     "base": base, "check": g.pick([chk, None]),
                     "notnull": g.chance(0.2), "comment": None}
    return k


def add_comp(g, m):
    k = g.uid("c")
    m["types"][k] = {"kind": "comp", "schema": any_schema(g, m), "name": "pair_" + k,
                     "fields": [("x", "integer"), ("y", g.pick(["text", "numeric(10,2)"]))],
                     "comment": None}
    return k


def add_range(g, m):
    k = g.uid("r")
    m["types"][k] = {"kind": "range", "schema": any_schema(g, m), "name": "span_" + k,
                     "subtype": g.pick(["float8", "numeric"]), "comment": None}
    return k


def add_seq(g, m):
    k = g.uid("q")
    m["seqs"][k] = {"schema": any_schema(g, m), "name": "seq_" + k,
                    "start": g.pick([1, 10, 1000]), "inc": g.pick([1, 5, -1]),
                    "cache": g.pick([1, 20]), "cycle": g.chance(0.2),
                    "comment": None, "grants": g.pick([[], ["rt_writer"]])}
    return k


def add_func(g, m, role):
    k = g.uid("f")
    f = {"schema": any_schema(g, m), "name": "fn_%s_%s" % (role, k), "role": role,
         "k": g.r.randint(1, 9), "lang": g.pick(["sql", "plpgsql"]),
         "comment": g.pick([None, "function " + k]),
         "revoke_public": g.chance(0.3), "grants": g.pick([[], ["rt_reader"]])}
    if role == "trigger":
        f["lang"] = "plpgsql"
    m["funcs"][k] = f
    return k


def funcs_of(m, role):
    return [k for k, f in m["funcs"].items() if f["role"] == role]


def func_ref(m, k):
    f = m["funcs"][k]
    return "%s.%s" % (f["schema"], f["name"])


def pick_type(g, m, allow_user=True):
    if allow_user and m["types"] and g.chance(0.3):
        k = g.pick(list(m["types"]))
        return (m["types"][k]["kind"], k)
    return ("b", g.pick(BUILTIN))


def new_column(g, m, t, name):
    c = {"name": name, "type": pick_type(g, m), "notnull": g.chance(0.3),
         "default": None, "identity": None, "generated": None,
         "comment": g.pick([None, None, "column " + name])}
    if g.chance(0.4):
        c["default"] = default_for(g, m, c["type"])
    return c


def add_table(g, m):
    k = g.uid("t")
    t = {"schema": any_schema(g, m), "name": "tab_" + k, "cols": [], "pk": None,
         "uniques": [], "checks": [], "fks": [], "indexes": [], "triggers": [],
         "policies": [], "rls": False, "grants": [], "colgrants": [],
         "comment": g.pick([None, "table " + k]), "unlogged": g.chance(0.1),
         "reloptions": g.pick([None, None, "fillfactor=70"]), "part": None}
    idc = {"name": "id", "type": ("b", g.pick(["integer", "bigint"])), "notnull": True,
           "default": None, "identity": None, "generated": None, "comment": None}
    r = g.r.random()
    if r < 0.3 and g.ok("identity"):
        idc["identity"] = g.pick(["ALWAYS", "BY DEFAULT"])
    elif r < 0.5:
        idc["serial"] = True
    t["cols"].append(idc)
    for i in range(g.r.randint(1, 6)):
        t["cols"].append(new_column(g, m, t, "c%d" % (i + 1)))
    if g.chance(0.85):
        t["pk"] = {"name": t["name"] + "_pkey", "cols": ["id"]}
    elif g.chance(0.5):
        t["pk"] = {"name": t["name"] + "_pk", "cols": ["id", t["cols"][1]["name"]]}
        t["cols"][1]["notnull"] = True
    if g.ok("generated") and g.chance(0.25):
        src = [c for c in t["cols"] if c["type"] == ("b", "integer") and not c["generated"]]
        if src:
            s = g.pick(src)["name"]
            t["cols"].append({"name": "gen_" + s, "type": ("b", "integer"), "notnull": False,
                              "default": None, "identity": None,
                              "generated": "(%s * 2)" % s, "comment": None})
    m["tables"][k] = t
    for _ in range(g.r.randint(0, 2)):
        add_check(g, m, t)
    for _ in range(g.r.randint(0, 2)):
        add_unique(g, m, t)
    for _ in range(g.r.randint(0, 3)):
        add_index(g, m, t)
    if g.chance(0.3):
        add_trigger(g, m, t)
    if g.chance(0.25):
        add_policy(g, m, t)
    if g.chance(0.4):
        add_grant(g, m, t)
    if g.chance(0.2) and m["seqs"]:
        sk = g.pick(list(m["seqs"]))
        t["cols"].append({"name": "seqcol", "type": ("b", "bigint"), "notnull": False,
                          "default": "SEQ:" + sk, "identity": None, "generated": None,
                          "comment": None})
    return k


def add_partitioned(g, m):
    k = g.uid("p")
    strategy = g.pick(["RANGE", "LIST"])
    t = {"schema": any_schema(g, m), "name": "part_" + k,
         "cols": [{"name": "id", "type": ("b", "integer"), "notnull": True, "default": None,
                   "identity": None, "generated": None, "comment": None},
                  {"name": "k", "type": ("b", "integer"), "notnull": True, "default": None,
                   "identity": None, "generated": None, "comment": None},
                  {"name": "v", "type": ("b", "text"), "notnull": False, "default": None,
                   "identity": None, "generated": None, "comment": None}],
         "pk": {"name": "part_%s_pkey" % k, "cols": ["id", "k"]},
         "uniques": [], "checks": [], "fks": [], "indexes": [], "triggers": [],
         "policies": [], "rls": False, "grants": [], "colgrants": [], "comment": None,
         "unlogged": False, "reloptions": None,
         "part": {"strategy": strategy, "key": "k", "parts": []}}
    for i in range(g.r.randint(1, 3)):
        add_partition(g, t, i)
    if g.chance(0.5):
        t["indexes"].append({"name": "part_%s_v_idx" % k, "method": "btree",
                             "keys": ["v"], "unique": False, "where": None, "include": []})
    m["tables"][k] = t


def add_partition(g, t, i):
    names = [p["name"] for p in t["part"]["parts"]]
    while "%s_%d" % (t["name"], i) in names:
        i += 1
    if t["part"]["strategy"] == "RANGE":
        bound = "FROM (%d) TO (%d)" % (i * 100, i * 100 + 100)
    else:
        bound = "IN (%d, %d)" % (i * 2, i * 2 + 1)
    t["part"]["parts"].append({"name": "%s_%d" % (t["name"], i), "bound": bound})


def add_check(g, m, t):
    cols = [c for c in t["cols"] if not c["generated"]]
    c = g.pick(cols)
    e = check_for(g, m, c["name"], c["type"])
    if e is None:
        return
    if e == "FUNC_CHECK":
        fk = funcs_of(m, "check")
        if not fk:
            return
        e = "{fn:%s}(%s::integer)" % (fk[0], c["name"])
    t["checks"].append({"name": "%s_%s_chk%d" % (t["name"], c["name"], g.r.randint(1, 99)),
                        "expr": e, "cols": [c["name"]], "for_type": c["type"], "notvalid": g.chance(0.1)})


def add_unique(g, m, t):
    cols = [c for c in t["cols"] if btree_ok(m, c["type"]) and c["type"][0] != "comp"
            and base_of(m, c["type"]) not in ("jsonb", "int4range") and not c["generated"]]
    if not cols:
        return
    n = g.r.randint(1, min(2, len(cols)))
    sel = g.r.sample(cols, n)
    t["uniques"].append({"name": "%s_%s_key" % (t["name"], "_".join(c["name"] for c in sel)),
                         "cols": [c["name"] for c in sel], "nnd": g.chance(0.2),
                         "deferrable": g.pick([None, None, "DEFERRABLE",
                                               "DEFERRABLE INITIALLY DEFERRED"])})


def add_index(g, m, t):
    cols = [c for c in t["cols"]]
    c = g.pick(cols)
    b = base_of(m, c["type"])
    name = "%s_%s_idx%d" % (t["name"], c["name"], g.r.randint(1, 999))
    ix = {"name": name, "method": "btree", "keys": [c["name"]], "unique": False,
          "where": None, "include": []}
    if b == "jsonb" or b in ("integer[]", "text[]"):
        ix["method"] = "gin"
    elif b == "int4range" or c["type"][0] == "range":
        ix["method"] = "gist"
    elif c["type"][0] == "comp":
        return
    elif b in ("text", "varchar(40)") and g.chance(0.4):
        ix["keys"] = ["lower(%s)" % c["name"]]
    elif b in ("integer",) and funcs_of(m, "int") and g.chance(0.3):
        f = m["funcs"][funcs_of(m, "int")[0]]
        if f["lang"] == "sql":
            ix["keys"] = ["{fn:%s}(%s)" % (funcs_of(m, "int")[0], c["name"])]
            ix["fdep"] = funcs_of(m, "int")[0]
    elif b in ("timestamptz", "date") and g.chance(0.4):
        ix["method"] = "brin"
    elif b in INTEGRAL + ["uuid"] and g.chance(0.2):
        ix["method"] = "hash"
    elif g.chance(0.3):
        ix["keys"] = [c["name"] + " DESC NULLS LAST"]
    if ix["method"] == "btree" and g.chance(0.3):
        others = [o for o in t["cols"] if o is not c and base_of(m, o["type"]) in INTEGRAL + TEXTUAL]
        if others:
            ix["include"] = [g.pick(others)["name"]]
    if ix["method"] in ("btree", "gin", "gist") and g.chance(0.3):
        idc = t["cols"][0]["name"]
        ix["where"] = "(%s > 0)" % idc
        ix["wcol"] = idc
    t["indexes"].append(ix)


def add_trigger(g, m, t):
    tf = funcs_of(m, "trigger")
    if not tf or t["part"]:
        return
    name = "trg_%d" % g.r.randint(1, 999)
    if any(x["name"] == name for x in t["triggers"]):
        return
    t["triggers"].append({"name": name, "func": g.pick(tf),
                          "when": g.pick(["BEFORE INSERT", "BEFORE INSERT OR UPDATE",
                                          "AFTER DELETE"]),
                          "level": "ROW"})


def add_policy(g, m, t):
    t["rls"] = True
    name = "pol_%d" % g.r.randint(1, 999)
    if any(x["name"] == name for x in t["policies"]):
        return
    t["policies"].append({"name": name, "cmd": g.pick(["ALL", "SELECT", "UPDATE"]),
                          "to": g.pick(["PUBLIC", "rt_reader", "rt_writer"]),
                          "using": "(%s > 0)" % t["cols"][0]["name"],
                          "permissive": g.pick(["PERMISSIVE", "RESTRICTIVE"])})


def add_grant(g, m, t):
    p = g.pick(["SELECT", "INSERT", "UPDATE", "DELETE", "SELECT, UPDATE", "ALL"])
    t["grants"].append((p, g.pick(ROLES)))
    if g.chance(0.3) and len(t["cols"]) > 1:
        t["colgrants"].append(("SELECT", t["cols"][1]["name"], g.pick(ROLES)))


def fk_candidates(m):
    return [k for k, t in m["tables"].items() if t["pk"] and not t["part"]]


def add_fk(g, m):
    cands = fk_candidates(m)
    tabs = [k for k, t in m["tables"].items() if not t["part"]]
    if not cands or not tabs:
        return
    pk = g.pick(cands)
    ck = g.pick(tabs)
    p, c = m["tables"][pk], m["tables"][ck]
    refcols = p["pk"]["cols"]
    cols = []
    for rc in refcols:
        # an earlier change of the same mutation may have dropped a column
        # of the key (fixup() drops such a key only at the end)
        col = next((x for x in p["cols"] if x["name"] == rc), None)
        if col is None:
            return
        nm = "ref_%s_%s" % (p["name"], rc)
        if any(x["name"] == nm for x in c["cols"]):
            return
        cols.append({"name": nm, "type": col["type"], "notnull": False, "default": None,
                     "identity": None, "generated": None, "comment": None})
    c["cols"].extend(cols)
    c["fks"].append({"name": "%s_%s_fkey" % (c["name"], p["name"]), "ref": pk,
                     "cols": [x["name"] for x in cols], "refcols": list(refcols),
                     "ondelete": g.pick(["NO ACTION", "CASCADE", "SET NULL", "RESTRICT"]),
                     "deferrable": g.pick([None, None, "DEFERRABLE INITIALLY DEFERRED"]),
                     "match": g.pick(["SIMPLE", "SIMPLE", "FULL"])})


def add_view(g, m):
    k = g.uid("v")
    srcs = [("t", tk) for tk in m["tables"]] + [("v", vk) for vk, v in m["views"].items()
                                                 if not v["mat"]]
    if not srcs:
        return
    kind, sk = g.pick(srcs)
    src = m["tables"][sk] if kind == "t" else m["views"][sk]
    cols = src["cols"] if kind == "t" else [{"name": n} for n in src["outcols"]]
    n = g.r.randint(1, min(3, len(cols)))
    sel = [c["name"] for c in g.r.sample(cols, n)]
    mat = g.chance(0.3)
    v = {"schema": any_schema(g, m), "name": ("mv_" if mat else "v_") + k, "mat": mat,
         "src": (kind, sk), "outcols": sel, "where": g.pick([None, "1 = 1"]),
         "variant": g.r.randint(0, 2), "comment": g.pick([None, "view " + k]),
         "grants": g.pick([[], [("SELECT", "rt_reader")]]),
         "options": g.pick([None, None, "security_barrier=true"]) if not mat else None,
         "populated": g.chance(0.5), "index": mat and g.chance(0.5)}
    m["views"][k] = v


# ------------------------------------------------------------------ mutation

def mutate(g, m):
    """B: a copy of m with 1 to 6 random changes, then made consistent."""
    ops = [op_add_table, op_drop_table, op_add_column, op_drop_column, op_type_change,
           op_notnull, op_default, op_check, op_unique, op_index, op_pk, op_fk,
           op_view, op_enum, op_domain, op_func, op_trigger, op_policy, op_grant,
           op_comment, op_seq, op_schema, op_partition, op_identity, op_generated,
           op_table_opts, op_types]
    a = m
    m = copy.deepcopy(m)
    for _ in range(g.r.randint(1, 6)):
        g.pick(ops)(g, m)
    fixup(m)
    if not g.ok("column_order"):
        keep_column_order(a, m)
    return m


def order_ok(ta, tb):
    """Whether B's columns follow from A's by dropping and adding columns at
    the end only, both ways: the common columns, in the same order, are a
    prefix of both lists."""
    na = [c["name"] for c in ta["cols"]]
    nb = [c["name"] for c in tb["cols"]]
    common = [x for x in na if x in nb]
    return na[:len(common)] == common and nb[:len(common)] == common


def keep_column_order(a, b):
    """Undo B's changes to a table whose columns could only be reached by a
    column inserted in the middle (either way); drop the table from B when
    even that is not consistent."""
    for _ in range(3):
        bad = [k for k in b["tables"] if k in a["tables"]
               and not order_ok(a["tables"][k], b["tables"][k])]
        if not bad:
            return
        for k in bad:
            b["tables"][k] = copy.deepcopy(a["tables"][k])
        fixup(b)
    for k in [k for k in b["tables"] if k in a["tables"]
              and not order_ok(a["tables"][k], b["tables"][k])]:
        del b["tables"][k]
    fixup(b)


def some_table(g, m, plain=True):
    ks = [k for k, t in m["tables"].items() if not (plain and t["part"])]
    if not ks:
        return None, None
    k = g.pick(ks)
    return k, m["tables"][k]


def op_add_table(g, m):
    add_table(g, m)
    if g.chance(0.5):
        add_fk(g, m)


def op_drop_table(g, m):
    k, t = some_table(g, m, plain=False)
    if k and len(m["tables"]) > 1:
        del m["tables"][k]
        if g.ok("names_reused") and g.chance(0.3):
            nk = add_table(g, m)
            m["tables"][nk]["name"] = t["name"]
            m["tables"][nk]["schema"] = t["schema"]


def op_add_column(g, m):
    k, t = some_table(g, m)
    if not k:
        return
    names = [c["name"] for c in t["cols"]]
    i = 1
    while "n%d" % i in names:
        i += 1
    c = new_column(g, m, t, "n%d" % i)
    if g.ok("column_order") and g.chance(0.3):
        t["cols"].insert(g.r.randint(1, len(t["cols"])), c)
    else:
        t["cols"].append(c)


def op_drop_column(g, m):
    k, t = some_table(g, m)
    if not k:
        return
    cols = [c for c in t["cols"] if c["name"] != "id"]
    if cols:
        t["cols"].remove(g.pick(cols))


def op_type_change(g, m):
    k, t = some_table(g, m)
    if not k:
        return
    cols = [c for c in t["cols"] if c["name"] != "id" and not c["generated"]]
    if not cols:
        return
    c = g.pick(cols)
    old = c["type"]
    # what the diff sees is the change from A's type, which an earlier
    # mutation of this pair may have changed already (date to text, then
    # text to bigint: two casts, but no cast from date to bigint)
    first = c.get("type_in_a", old)
    for _ in range(10):
        new = pick_type(g, m, allow_user=g.ok("user_type_cast"))
        if new == old:
            continue
        if first[0] != "b" or new[0] != "b":
            if not g.ok("user_type_cast"):
                continue
        elif not g.ok("nocast_type") and not castable(first[1], new[1]):
            continue
        c["type"] = new
        c["type_in_a"] = first
        if c["default"]:
            c["default"] = default_for(g, m, new) if g.chance(0.5) else None
        return


def op_notnull(g, m):
    k, t = some_table(g, m, plain=False)
    if k:
        cols = [c for c in t["cols"] if not c["identity"] and not (t["pk"] and c["name"] in t["pk"]["cols"])]
        if cols:
            c = g.pick(cols)
            c["notnull"] = not c["notnull"]


def op_default(g, m):
    k, t = some_table(g, m)
    if k:
        cols = [c for c in t["cols"] if not c["identity"] and not c["generated"]
                and not c.get("serial")]
        if cols:
            c = g.pick(cols)
            c["default"] = None if c["default"] and g.chance(0.4) else default_for(g, m, c["type"])


def op_check(g, m):
    k, t = some_table(g, m)
    if not k:
        return
    if t["checks"] and g.chance(0.5):
        t["checks"].pop(g.r.randrange(len(t["checks"])))
    else:
        add_check(g, m, t)


def op_unique(g, m):
    k, t = some_table(g, m)
    if not k:
        return
    if t["uniques"] and g.chance(0.5):
        u = g.pick(t["uniques"])
        if g.chance(0.5):
            t["uniques"].remove(u)
        else:
            u["deferrable"] = g.pick([None, "DEFERRABLE"])
            u["nnd"] = not u["nnd"]
    else:
        add_unique(g, m, t)


def op_index(g, m):
    k, t = some_table(g, m, plain=False)
    if not k:
        return
    if t["indexes"] and g.chance(0.5):
        ix = g.pick(t["indexes"])
        r = g.r.random()
        if r < 0.4:
            t["indexes"].remove(ix)
        elif r < 0.7 and ix["method"] == "btree":
            ix["unique"] = not ix["unique"] and not t["part"]
        elif ix["method"] in ("btree", "gin", "gist"):
            idc = t["cols"][0]["name"]
            ix["where"] = None if ix["where"] else "(%s > 0)" % idc
            ix["wcol"] = idc
    elif not t["part"]:
        add_index(g, m, t)


def referenced(m, k):
    return any(f["ref"] == k for t in m["tables"].values() for f in t["fks"])


def op_pk(g, m):
    k, t = some_table(g, m)
    if not k or (not g.ok("pk_referenced") and referenced(m, k)):
        return
    if t["pk"] and g.chance(0.5):
        t["pk"] = None
    else:
        cand = [c for c in t["cols"][1:] if base_of(m, c["type"]) in INTEGRAL + TEXTUAL
                and not c["generated"]]
        cols = ["id"] + ([g.pick(cand)["name"]] if cand and g.chance(0.5) else [])
        for c in t["cols"]:
            if c["name"] in cols:
                c["notnull"] = True
        t["pk"] = {"name": t["name"] + g.pick(["_pkey", "_pk"]), "cols": cols}


def op_fk(g, m):
    k, t = some_table(g, m)
    if k and t["fks"] and g.chance(0.5):
        f = g.pick(t["fks"])
        if g.chance(0.5):
            t["fks"].remove(f)
        else:
            f["ondelete"] = g.pick(["NO ACTION", "CASCADE", "SET NULL"])
            f["deferrable"] = g.pick([None, "DEFERRABLE", "DEFERRABLE INITIALLY DEFERRED"])
    else:
        add_fk(g, m)


def op_view(g, m):
    if m["views"] and g.chance(0.6):
        k = g.pick(list(m["views"]))
        v = m["views"][k]
        r = g.r.random()
        if r < 0.3:
            del m["views"][k]
        elif r < 0.7:
            v["variant"] = (v["variant"] + 1) % 3
            v["where"] = None if v["where"] else "1 = 1"
        elif r < 0.85 and v["mat"]:
            v["populated"] = not v["populated"]
        elif g.ok("kind_change"):
            v["mat"] = not v["mat"]
            v["options"] = None
            v["index"] = False
        else:
            v["comment"] = None if v["comment"] else "changed"
    else:
        add_view(g, m)


def op_enum(g, m):
    ek = [k for k, t in m["types"].items() if t["kind"] == "enum"]
    if not ek:
        add_enum(g, m)
        return
    key = g.pick(ek)
    e = m["types"][key]
    r = g.r.random()
    if not g.ok("enum_rebuild") and any(x["for_type"] == ("enum", key)
                                        for t in m["tables"].values() for x in t["checks"]):
        r = 0.9     # a label removed (the way back from an added one) rebuilds the type
    if r < 0.3:
        e["labels"].append("n%d" % g.r.randint(1, 999))
    elif r < 0.5:
        e["labels"].insert(g.r.randint(0, len(e["labels"])), "m%d" % g.r.randint(1, 999))
    elif r < 0.7 and g.ok("enum_rebuild") and len(e["labels"]) > 1:
        e["labels"].pop(g.r.randrange(len(e["labels"])))
    elif r < 0.8 and g.ok("enum_rebuild"):
        g.r.shuffle(e["labels"])
    else:
        i = g.r.randrange(len(e["labels"]))
        e["labels"][i] = e["labels"][i] + "_r"
    e["labels"] = list(dict.fromkeys(e["labels"]))


def op_domain(g, m):
    dk = [k for k, t in m["types"].items() if t["kind"] == "domain"]
    if not dk:
        add_domain(g, m)
        return
    d = m["types"][g.pick(dk)]
    if g.chance(0.5):
        d["check"] = None if d["check"] else {"integer": "VALUE < 100000",
                                              "text": "VALUE <> ''",
                                              "numeric(10,2)": "VALUE < 1000"}[d["base"]]
    else:
        d["notnull"] = not d["notnull"]


def op_func(g, m):
    k = g.pick(list(m["funcs"]))
    f = m["funcs"][k]
    r = g.r.random()
    if r < 0.6:
        f["k"] = f["k"] % 9 + 1
    elif r < 0.8:
        f["comment"] = None if f["comment"] else "changed"
    else:
        f["revoke_public"] = not f["revoke_public"]


def op_trigger(g, m):
    k, t = some_table(g, m)
    if not k:
        return
    if t["triggers"] and g.chance(0.5):
        t["triggers"].pop()
    else:
        if not funcs_of(m, "trigger"):
            add_func(g, m, "trigger")
        add_trigger(g, m, t)


def op_policy(g, m):
    k, t = some_table(g, m)
    if not k:
        return
    if t["policies"] and g.chance(0.5):
        p = g.pick(t["policies"])
        if g.chance(0.5):
            t["policies"].remove(p)
        else:
            p["to"] = g.pick(["PUBLIC", "rt_admin"])
    elif t["rls"] and g.chance(0.2):
        t["rls"] = False
        t["policies"] = []
    else:
        add_policy(g, m, t)


def op_grant(g, m):
    k, t = some_table(g, m, plain=False)
    if not k:
        return
    if t["grants"] and g.chance(0.5):
        t["grants"].pop()
    elif g.chance(0.3) and len(m["schemas"]) > 1:
        s = g.pick(m["schemas"][1:])
        gr = m["schema_meta"][s]["grants"]
        m["schema_meta"][s]["grants"] = [] if gr else ["rt_writer"]
    else:
        add_grant(g, m, t)


def op_comment(g, m):
    k, t = some_table(g, m, plain=False)
    if not k:
        return
    if g.chance(0.5):
        t["comment"] = None if t["comment"] else "new comment"
    else:
        c = g.pick(t["cols"])
        c["comment"] = None if c["comment"] else "it's a column"


def op_seq(g, m):
    if not m["seqs"] or g.chance(0.3):
        add_seq(g, m)
        return
    k = g.pick(list(m["seqs"]))
    s = m["seqs"][k]
    r = g.r.random()
    if r < 0.3:
        s["inc"] = g.pick([1, 2, 10])
    elif r < 0.6:
        s["cache"] = g.pick([1, 5])
    elif r < 0.8:
        s["cycle"] = not s["cycle"]
    else:
        del m["seqs"][k]


def op_schema(g, m):
    if not g.ok("schema_scope"):
        return
    if len(m["schemas"]) > 1 and g.chance(0.4):
        s = g.pick(m["schemas"][1:])
        m["schemas"].remove(s)
    else:
        i = 1
        while "s%d" % i in m["schemas"]:
            i += 1
        s = "s%d" % i
        m["schemas"].append(s)
        m["schema_meta"][s] = {"comment": None, "grants": []}
        if g.chance(0.7):
            k = add_table(g, m)
            m["tables"][k]["schema"] = s


def op_partition(g, m):
    if not g.ok("partitions"):
        return
    pk = [k for k, t in m["tables"].items() if t["part"]]
    if not pk:
        add_partitioned(g, m)
        return
    t = m["tables"][g.pick(pk)]
    if t["part"]["parts"] and g.chance(0.5):
        t["part"]["parts"].pop(g.r.randrange(len(t["part"]["parts"])))
    elif g.chance(0.7):
        add_partition(g, t, g.r.randint(0, 5))
    else:
        t["cols"].append({"name": "extra", "type": ("b", "text"), "notnull": False,
                          "default": None, "identity": None, "generated": None,
                          "comment": None}) if not any(c["name"] == "extra" for c in t["cols"]) else None


def op_identity(g, m):
    if not g.ok("identity"):
        return
    k, t = some_table(g, m)
    if not k:
        return
    c = t["cols"][0]
    if c.get("serial"):
        return
    c["identity"] = g.pick([None, "ALWAYS", "BY DEFAULT"])
    c["default"] = None


def op_generated(g, m):
    if not g.ok("generated"):
        return
    k, t = some_table(g, m)
    if not k:
        return
    gens = [c for c in t["cols"] if c["generated"]]
    if gens and g.chance(0.5):
        c = g.pick(gens)
        if g.chance(0.5):
            t["cols"].remove(c)
        else:
            c["generated"] = c["generated"].replace("* 2", "* 3") if "* 2" in c["generated"] else c["generated"].replace("* 3", "* 2")
    else:
        src = [c for c in t["cols"] if c["type"] == ("b", "integer") and not c["generated"]]
        if src and not any(c["name"] == "gen_x" for c in t["cols"]):
            t["cols"].append({"name": "gen_x", "type": ("b", "bigint"), "notnull": False,
                              "default": None, "identity": None,
                              "generated": "(%s + 1)" % g.pick(src)["name"], "comment": None})


def op_table_opts(g, m):
    k, t = some_table(g, m)
    if not k:
        return
    r = g.r.random()
    if r < 0.4:
        t["reloptions"] = None if t["reloptions"] else "fillfactor=80"
    elif r < 0.6:
        t["unlogged"] = not t["unlogged"]
    else:
        for c in t["cols"]:
            pass
        t["comment"] = "opts changed"


def op_types(g, m):
    r = g.r.random()
    if r < 0.3:
        add_domain(g, m)
    elif r < 0.5:
        add_comp(g, m)
    elif r < 0.6:
        add_range(g, m)
    else:
        ks = [k for k, t in m["types"].items() if t["kind"] != "enum"]
        if ks:
            del m["types"][g.pick(ks)]


# ------------------------------------------------------------------ consistency

def fixup(m):
    """Remove what refers to something that is gone or no longer fits."""
    schemas = set(m["schemas"])
    for k in [k for k, o in m["types"].items() if o["schema"] not in schemas]:
        del m["types"][k]
    for d in (m["seqs"], m["funcs"], m["tables"], m["views"]):
        for k in [k for k, o in d.items() if o["schema"] not in schemas]:
            del d[k]
    # composite fields of a dropped... (fields are built-in only)
    for t in m["tables"].values():
        # columns of user types that are gone
        t["cols"] = [c for c in t["cols"] if c["type"][0] == "b" or c["type"][1] in m["types"]
                     or c["name"] == "id"]
        # a table keeps its id: when the id's type is gone, it becomes integer
        for c in t["cols"]:
            if c["type"][0] != "b" and c["type"][1] not in m["types"]:
                c["type"] = ("b", "integer")
                c["default"] = None
        for c in t["cols"]:
            if c["default"] and c["default"].startswith("SEQ:") and c["default"][4:] not in m["seqs"]:
                c["default"] = None
            if c["default"] and c["type"][0] == "enum" and \
                    c["default"].split("'")[1] not in m["types"][c["type"][1]]["labels"]:
                c["default"] = None
            if c["default"] == "FUNC_INT" and c["type"] != ("b", "integer") \
                    or c["default"] == "FUNC_TEXT" and c["type"] != ("b", "text"):
                c["default"] = None
            if c["identity"]:
                c["notnull"] = True
                c["default"] = None
                if base_of(m, c["type"]) not in INTEGRAL:
                    c["identity"] = None
            if c["type"][0] == "b" and c["type"][1] == "int4range" and c["default"] and "[" not in c["default"]:
                c["default"] = None
        names = {c["name"]: c for c in t["cols"]}
        # generated columns over a column that is gone or no longer integer
        keep = []
        for c in t["cols"]:
            if c["generated"]:
                src = c["generated"].strip("()").split()[0]
                if src not in names or names[src]["type"] != ("b", "integer") or names[src]["generated"]:
                    continue
            keep.append(c)
        t["cols"] = keep
        names = {c["name"]: c for c in t["cols"]}
        if t["pk"] and not all(x in names for x in t["pk"]["cols"]):
            t["pk"] = None
        if t["pk"]:
            for x in t["pk"]["cols"]:
                names[x]["notnull"] = True
        t["checks"] = [x for x in t["checks"] if all(c in names for c in x["cols"])
                       and check_fits(m, x, names)]
        t["uniques"] = [x for x in t["uniques"] if all(c in names for c in x["cols"])
                        and all(uniq_ok(m, names[c]["type"]) for c in x["cols"])]
        t["indexes"] = [x for x in t["indexes"] if index_fits(m, x, names)]
        t["policies"] = [x for x in t["policies"] if "id" in names]
        t["colgrants"] = [x for x in t["colgrants"] if x[1] in names]
        t["triggers"] = [x for x in t["triggers"] if x["func"] in m["funcs"]]
        if not t["policies"] and not t["rls"]:
            pass
    # foreign keys: the referenced table and its key must still be there, same types
    for t in m["tables"].values():
        keep = []
        names = {c["name"]: c for c in t["cols"]}
        for f in t["fks"]:
            p = m["tables"].get(f["ref"])
            if not p or not p["pk"] or p["pk"]["cols"] != f["refcols"]:
                continue
            pn = {c["name"]: c for c in p["cols"]}
            if not all(c in names for c in f["cols"]):
                continue
            if any(names[c]["type"] != pn[r]["type"] for c, r in zip(f["cols"], f["refcols"])):
                continue
            if f["ondelete"] == "SET NULL" and any(names[c]["notnull"] for c in f["cols"]):
                f["ondelete"] = "NO ACTION"
            if any(names[c]["generated"] for c in f["cols"]):
                continue
            if p["unlogged"] and not t["unlogged"]:
                continue
            keep.append(f)
        t["fks"] = keep
    # unique names of constraints and indexes within a schema
    for s in m["schemas"]:
        seen = set()
        for t in m["tables"].values():
            if t["schema"] != s:
                continue
            seen.add(t["name"])
        for t in m["tables"].values():
            if t["schema"] != s:
                continue
            for lst in ("uniques", "indexes"):
                keep = []
                for x in t[lst]:
                    if x["name"] in seen:
                        continue
                    seen.add(x["name"])
                    keep.append(x)
                t[lst] = keep
            if t["pk"]:
                if t["pk"]["name"] in seen:
                    t["pk"] = None
                else:
                    seen.add(t["pk"]["name"])
            for p in (t["part"]["parts"] if t["part"] else []):
                seen.add(p["name"])
            t["checks"] = dedup(t["checks"])
            t["fks"] = dedup(t["fks"])
            t["triggers"] = dedup(t["triggers"])
            t["policies"] = dedup(t["policies"])
    # views: their source must still be there with the columns they read
    changed = True
    while changed:
        changed = False
        for k in list(m["views"]):
            v = m["views"][k]
            kind, sk = v["src"]
            if kind == "t":
                src = m["tables"].get(sk)
                cols = [c["name"] for c in src["cols"]] if src else []
            else:
                src = m["views"].get(sk)
                cols = src["outcols"] if src and not src["mat"] else []
            if not src or not all(c in cols for c in v["outcols"]):
                del m["views"][k]
                changed = True
    # names unique per schema across relations and types
    for s in m["schemas"]:
        seen = set()
        for d in (m["tables"], m["views"], m["seqs"], m["types"]):
            for k in list(d):
                if d[k]["schema"] != s:
                    continue
                if d[k]["name"] in seen:
                    del d[k]
                else:
                    seen.add(d[k]["name"])


def dedup(lst):
    seen, out = set(), []
    for x in lst:
        if x["name"] not in seen:
            seen.add(x["name"])
            out.append(x)
    return out


def uniq_ok(m, t):
    b = base_of(m, t)
    return t[0] != "comp" and b not in ("jsonb", "int4range") and t[0] != "range"


def check_fits(m, x, names):
    """A check fits while its column keeps the type it was written for (and
    the enum label or function it names is still there)."""
    c = names[x["cols"][0]]
    if c["type"] != x["for_type"]:
        return False
    e = x["expr"]
    if "{fn:" in e:
        return e[4:e.index("}")] in m["funcs"]
    if c["type"][0] == "enum":
        return e.split("'")[1] in m["types"][c["type"][1]]["labels"]
    return True


def index_fits(m, x, names):
    for key in x["keys"]:
        col = key.split(" ")[0]
        if "(" in col:
            col = col[col.index("(") + 1:col.index(")")]
        if col not in names:
            return False
        c = names[col]
        b = base_of(m, c["type"])
        if key.startswith("lower(") and b not in ("text", "varchar(40)"):
            return False
        if "{fn:" in key:
            if b != "integer" or x.get("fdep") not in m["funcs"] or \
                    m["funcs"][x["fdep"]]["lang"] != "sql":
                return False
        if x["method"] == "gin" and b not in ("jsonb", "integer[]", "text[]"):
            return False
        if x["method"] == "gist" and not (b == "int4range" or c["type"][0] == "range"):
            return False
        if x["method"] == "brin" and b not in ("timestamptz", "date"):
            return False
        if x["method"] == "hash" and b not in INTEGRAL + ["uuid"]:
            return False
        if x["method"] == "btree" and c["type"][0] == "comp":
            return False
        if x["method"] == "btree" and c["type"][0] == "b" and b in ("jsonb",) and x["unique"]:
            return False
        if x["unique"] and not uniq_ok(m, c["type"]):
            return False
    for col in x["include"]:
        if col not in names:
            return False
    if x["where"] and x.get("wcol") not in names:
        return False
    if x["where"] and base_of(m, names[x["wcol"]]["type"]) not in INTEGRAL + NUMERIC:
        return False
    return True


# ------------------------------------------------------------------ rendering

def lit(s):
    return "'" + s.replace("'", "''") + "'"


def with_prefix(m, prefix):
    """m with its schemas renamed for a batch: public becomes PREFIX, sN
    becomes PREFIX_sN, so that the pairs of a batch share no name."""
    if not prefix:
        return m
    m = copy.deepcopy(m)
    ren = {s: (prefix if s == "public" else "%s_%s" % (prefix, s)) for s in m["schemas"]}
    m["schemas"] = ["public"] + [ren[s] for s in m["schemas"]]
    m["schema_meta"] = {ren[s]: v for s, v in m["schema_meta"].items() if s in ren}
    m["schema_meta"][prefix] = {"comment": None, "grants": []}
    for d in (m["types"], m["seqs"], m["funcs"], m["tables"], m["views"]):
        for o in d.values():
            o["schema"] = ren[o["schema"]]
    return m


def resolve(m, text):
    """Function references {fn:KEY} in expressions, as schema.name."""
    text = re.sub(r"\{fn:([a-z0-9]+)\}", lambda mo: func_ref(m, mo.group(1)), text)
    return re.sub(r"\{ty:([a-z0-9]+)\}",
                  lambda mo: type_sql(m, (m["types"][mo.group(1)]["kind"], mo.group(1))), text)


def render(m, prefix=None):
    m = with_prefix(m, prefix)
    out = ["-- generated by test/random/gen.py"]
    add = out.append
    for s in m["schemas"][1:]:
        add("CREATE SCHEMA %s;" % s)
        meta = m["schema_meta"][s]
        if meta["comment"]:
            add("COMMENT ON SCHEMA %s IS %s;" % (s, lit(meta["comment"])))
        for r in meta["grants"]:
            add("GRANT USAGE ON SCHEMA %s TO %s;" % (s, r))
    for k, t in m["types"].items():
        n = type_sql(m, (t["kind"], k))
        if t["kind"] == "enum":
            add("CREATE TYPE %s AS ENUM (%s);" % (n, ", ".join(lit(x) for x in t["labels"])))
        elif t["kind"] == "domain":
            s = "CREATE DOMAIN %s AS %s" % (n, t["base"])
            if t["notnull"]:
                s += " NOT NULL"
            if t["check"]:
                s += " CONSTRAINT %s_check CHECK (%s)" % (t["name"], t["check"])
            add(s + ";")
        elif t["kind"] == "comp":
            add("CREATE TYPE %s AS (%s);" % (n, ", ".join("%s %s" % f for f in t["fields"])))
        elif t["kind"] == "range":
            add("CREATE TYPE %s AS RANGE (subtype = %s);" % (n, t["subtype"]))
        if t.get("comment"):
            add("COMMENT ON TYPE %s IS %s;" % (n, lit(t["comment"])))
    for k, s in m["seqs"].items():
        n = "%s.%s" % (s["schema"], s["name"])
        stmt = "CREATE SEQUENCE %s INCREMENT %d" % (n, s["inc"])
        if s["inc"] < 0:
            stmt += " MINVALUE -1000000 MAXVALUE %d START %d" % (s["start"], s["start"])
        else:
            stmt += " START %d" % s["start"]
        stmt += " CACHE %d%s;" % (s["cache"], " CYCLE" if s["cycle"] else "")
        add(stmt)
        for r in s["grants"]:
            add("GRANT USAGE ON SEQUENCE %s TO %s;" % (n, r))
    for k, f in m["funcs"].items():
        n = func_ref(m, k)
        if f["role"] == "int":
            sig, ret = "()", "integer"
            body_sql, body_pl = "SELECT %d" % f["k"], "BEGIN RETURN %d; END" % f["k"]
            if f["lang"] == "sql":
                sig = "(x integer)"
                body_sql = "SELECT x * %d" % f["k"]
                vol = "IMMUTABLE"
            else:
                vol = "STABLE"
        elif f["role"] == "text":
            sig, ret, vol = "()", "text", "STABLE"
            body_sql = "SELECT 'k%d'::text" % f["k"]
            body_pl = "BEGIN RETURN 'k%d'; END" % f["k"]
        elif f["role"] == "check":
            sig, ret, vol = "(v integer)", "boolean", "IMMUTABLE"
            body_sql = "SELECT v > -%d" % f["k"]
            body_pl = "BEGIN RETURN v > -%d; END" % f["k"]
        else:
            sig, ret, vol = "()", "trigger", "VOLATILE"
            body_pl = "BEGIN\n    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;\n    RETURN NEW; -- v%d\nEND" % f["k"]
        if f["lang"] == "sql":
            add("CREATE FUNCTION %s%s RETURNS %s LANGUAGE sql %s AS $f$%s$f$;" % (n, sig, ret, vol, body_sql))
        else:
            add("CREATE FUNCTION %s%s RETURNS %s LANGUAGE plpgsql %s AS $f$%s$f$;" % (n, sig, ret, vol, body_pl))
        ident = "%s%s" % (n, "(integer)" if "integer" in sig else "()")
        if f["comment"]:
            add("COMMENT ON FUNCTION %s IS %s;" % (ident, lit(f["comment"])))
        if f["revoke_public"]:
            add("REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC;" % ident)
        for r in f["grants"]:
            add("GRANT EXECUTE ON FUNCTION %s TO %s;" % (ident, r))
    for k, t in m["tables"].items():
        render_table(m, t, add)
    for k, t in m["tables"].items():
        n = "%s.%s" % (t["schema"], t["name"])
        for f in t["fks"]:
            p = m["tables"][f["ref"]]
            s = "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s.%s (%s)" % (
                n, f["name"], ", ".join(f["cols"]), p["schema"], p["name"], ", ".join(f["refcols"]))
            if f["match"] == "FULL":
                s += " MATCH FULL"
            if f["ondelete"] != "NO ACTION":
                s += " ON DELETE " + f["ondelete"]
            if f["deferrable"]:
                s += " " + f["deferrable"]
            add(s + ";")
    for k, v in m["views"].items():
        render_view(m, k, v, add)
    return resolve(m, "\n".join(out)) + "\n"


def col_default_sql(m, t, c):
    d = c["default"]
    if d is None:
        return None
    if d.startswith("SEQ:"):
        s = m["seqs"][d[4:]]
        return "nextval('%s.%s'::regclass)" % (s["schema"], s["name"])
    if d == "FUNC_INT":
        fs = [k for k in funcs_of(m, "int") if m["funcs"][k]["lang"] == "plpgsql"]
        return "%s()" % func_ref(m, fs[0]) if fs else "0"
    if d == "FUNC_TEXT":
        fs = funcs_of(m, "text")
        return "%s()" % func_ref(m, fs[0]) if fs else "'t'"
    return d


def render_table(m, t, add):
    n = "%s.%s" % (t["schema"], t["name"])
    lines = []
    for c in t["cols"]:
        ty = type_sql(m, c["type"])
        if c.get("serial") and base_of(m, c["type"]) in ("integer", "bigint") and not c["identity"]:
            ty = "serial" if c["type"][1] == "integer" else "bigserial"
            s = "    %s %s" % (c["name"], ty)
        else:
            s = "    %s %s" % (c["name"], ty)
            d = col_default_sql(m, t, c)
            if c["generated"]:
                s += " GENERATED ALWAYS AS %s STORED" % c["generated"]
            elif c["identity"]:
                s += " GENERATED %s AS IDENTITY" % c["identity"]
            elif d:
                s += " DEFAULT " + d
        if c["notnull"]:
            s += " NOT NULL"
        lines.append(s)
    if t["pk"]:
        lines.append("    CONSTRAINT %s PRIMARY KEY (%s)" % (t["pk"]["name"], ", ".join(t["pk"]["cols"])))
    for u in t["uniques"]:
        s = "    CONSTRAINT %s UNIQUE%s (%s)" % (u["name"], " NULLS NOT DISTINCT" if u["nnd"] else "",
                                               ", ".join(u["cols"]))
        if u["deferrable"]:
            s += " " + u["deferrable"]
        lines.append(s)
    for x in t["checks"]:
        lines.append("    CONSTRAINT %s CHECK (%s)" % (x["name"], x["expr"]))
    stmt = "CREATE %sTABLE %s (\n%s\n)" % ("UNLOGGED " if t["unlogged"] and not t["part"] else "",
                                          n, ",\n".join(lines))
    if t["part"]:
        stmt += " PARTITION BY %s (%s)" % (t["part"]["strategy"], t["part"]["key"])
    elif t["reloptions"]:
        stmt += " WITH (%s)" % t["reloptions"]
    add(stmt + ";")
    if t["part"]:
        for p in t["part"]["parts"]:
            add("CREATE TABLE %s.%s PARTITION OF %s FOR VALUES %s;" % (t["schema"], p["name"], n, p["bound"]))
    for x in t["checks"]:
        pass
    for ix in t["indexes"]:
        s = "CREATE %sINDEX %s ON %s USING %s (%s)" % (
            "UNIQUE " if ix["unique"] else "", ix["name"], n, ix["method"],
            ", ".join(("(%s)" % k) if "(" in k and not k.startswith("(") else k for k in ix["keys"]))
        if ix["include"]:
            s += " INCLUDE (%s)" % ", ".join(ix["include"])
        if ix["where"]:
            s += " WHERE " + ix["where"]
        add(s + ";")
    for tr in t["triggers"]:
        add("CREATE TRIGGER %s %s ON %s FOR EACH %s EXECUTE FUNCTION %s();" % (
            tr["name"], tr["when"], n, tr["level"], func_ref(m, tr["func"])))
    if t["rls"]:
        add("ALTER TABLE %s ENABLE ROW LEVEL SECURITY;" % n)
    for p in t["policies"]:
        add("CREATE POLICY %s ON %s AS %s FOR %s TO %s USING %s;" % (
            p["name"], n, p["permissive"], p["cmd"], p["to"], p["using"]))
    for priv, role in t["grants"]:
        add("GRANT %s ON %s TO %s;" % (priv, n, role))
    for priv, col, role in t["colgrants"]:
        add("GRANT %s (%s) ON %s TO %s;" % (priv, col, n, role))
    if t["comment"]:
        add("COMMENT ON TABLE %s IS %s;" % (n, lit(t["comment"])))
    for c in t["cols"]:
        if c["comment"]:
            add("COMMENT ON COLUMN %s.%s IS %s;" % (n, c["name"], lit(c["comment"])))


def render_view(m, k, v, add):
    kind, sk = v["src"]
    src = m["tables"][sk] if kind == "t" else m["views"][sk]
    sn = "%s.%s" % (src["schema"], src["name"])
    n = "%s.%s" % (v["schema"], v["name"])
    cols = ", ".join(v["outcols"])
    if v["variant"] == 0:
        body = "SELECT %s FROM %s" % (cols, sn)
    elif v["variant"] == 1:
        body = "SELECT DISTINCT %s FROM %s" % (cols, sn)
    else:
        body = "SELECT %s FROM %s s ORDER BY 1" % (", ".join("s." + c for c in v["outcols"]), sn)
    if v["where"]:
        body += " WHERE " + v["where"] if v["variant"] != 2 else ""
    if v["mat"]:
        add("CREATE MATERIALIZED VIEW %s AS %s WITH %sDATA;" % (n, body, "" if v["populated"] else "NO "))
        if v["index"]:
            add("CREATE INDEX %s_idx ON %s (%s);" % (v["name"], n, v["outcols"][0]))
    else:
        opt = " WITH (%s)" % v["options"] if v["options"] else ""
        add("CREATE VIEW %s%s AS %s;" % (n, opt, body))
    if v["comment"]:
        add("COMMENT ON %sVIEW %s IS %s;" % ("MATERIALIZED " if v["mat"] else "", n, lit(v["comment"])))
    for priv, role in v["grants"]:
        add("GRANT %s ON %s TO %s;" % (priv, n, role))


# ------------------------------------------------------------------ main

def make_pair(seed, skip, prefix=None):
    g = Gen(seed, skip)
    a = gen_schema(g)
    fixup(a)
    b = mutate(g, a)
    return render(a, prefix), render(b, prefix)


def write_batch(seeds, d, skip):
    """One case of several pairs side by side, each in schemas of its own."""
    os.makedirs(d, exist_ok=True)
    fa = open(os.path.join(d, "a.sql"), "w")
    fb = open(os.path.join(d, "b.sql"), "w")
    for ps in seeds:
        a, b = make_pair(ps, skip, "p%d" % ps)
        fa.write("-- pair seed %d\n" % ps + a)
        fb.write("-- pair seed %d\n" % ps + b)
    fa.close()
    fb.close()


def write_pair(seed, d, skip):
    a, b = make_pair(seed, skip)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "a.sql"), "w") as f:
        f.write("-- pair seed %d\n" % seed + a)
    with open(os.path.join(d, "b.sql"), "w") as f:
        f.write("-- pair seed %d\n" % seed + b)


def main(argv):
    skip = []
    if "--families" in argv:
        i = argv.index("--families")
        v = argv[i + 1]
        skip = [] if v == "none" else v.split(",")
        bad = [x for x in skip if x not in FAMILIES]
        if bad:
            sys.exit("gen.py: unknown family %s (known: %s)" % (", ".join(bad), ", ".join(FAMILIES)))
        del argv[i:i + 2]
    if len(argv) == 4 and argv[1] == "pair":
        write_pair(int(argv[2]), argv[3], skip)
    elif len(argv) == 5 and argv[1] == "pairs":
        seed, n, d = int(argv[2]), int(argv[3]), argv[4]
        for i in range(n):
            ps = seed * 100000 + i
            write_pair(ps, os.path.join(d, "p%d" % ps), skip)
    elif len(argv) == 6 and argv[1] == "batches":
        seed, n, per, d = int(argv[2]), int(argv[3]), int(argv[4]), argv[5]
        for i in range(n):
            seeds = [seed * 100000 + i * per + j for j in range(per)]
            write_batch(seeds, os.path.join(d, "b%d_%d" % (seed, i)), skip)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
