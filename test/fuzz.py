#!/usr/bin/python3
"""Seeded fuzzer of pg_migrate's SQL API (docs/reliability.md, "Fuzzing").

    test/fuzz.py --seed N --count M [--setup] [--verbose]

Connects with the usual PG* variables to a database where pg_migrate is
installed (--setup first builds the fixture: a schema, a model, revisions,
a mapped view).  Every function of the install script gets bad input:
NULLs, empty and huge strings, odd identifiers, malformed targets, DDL
models with statements a model refuses, and random mutations of real
snapshot documents (keys deleted, types swapped, arrays truncated, cycles
in depends_on, unknown kinds, deep nesting).  For each input:

  - crash:    the connection is lost (the backend died);
  - internal: SQLSTATE XX000 (an elog() that a user can reach);
  - timeout:  the call ran past the statement timeout;
  - unnamed:  a document refused without the JSON path of the bad value;
  - changed:  a call that failed left something changed (a hash of every
              migrate_* table, the catalog counts and every sequence's
              value, taken before and after in the same transaction);
  - accepted-bad: a document that docs/snapshot-format.schema.json refuses
              (so certainly bad) was accepted.

Each input runs in a transaction that is rolled back, so that the next
one meets the same database.  Refusals (any other error) are the expected
outcome and are counted by SQLSTATE.  Exit status 1 when any of the
failure counts above is not 0.
"""

import argparse
import copy
import json
import os
import random
import re
import sys
import time

import psycopg2
import psycopg2.extensions

try:
    import jsonschema
except ImportError:                     # the schema check is skipped
    jsonschema = None

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)

FAILURES = ("crash", "internal", "timeout", "unnamed", "changed", "accepted-bad")

# ----------------------------------------------------------------------
# The fixture
# ----------------------------------------------------------------------

SETUP_SQL = r"""
CREATE EXTENSION IF NOT EXISTS pg_migrate;
CREATE SCHEMA fuzz_app;
CREATE TYPE fuzz_app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN fuzz_app.posint AS integer CHECK (VALUE > 0);
CREATE TYPE fuzz_app.pair AS (a integer, b text);
CREATE SEQUENCE fuzz_app.counter INCREMENT 5;
CREATE TABLE fuzz_app.polls (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    question text NOT NULL CHECK (question <> ''),
    feeling fuzz_app.mood DEFAULT 'ok',
    score fuzz_app.posint,
    n bigint DEFAULT nextval('fuzz_app.counter'),
    UNIQUE (question)
);
CREATE TABLE fuzz_app.votes (
    id serial PRIMARY KEY,
    poll_id bigint NOT NULL REFERENCES fuzz_app.polls ON DELETE CASCADE,
    at timestamptz DEFAULT now()
) PARTITION BY RANGE (id);
CREATE TABLE fuzz_app.votes_1 PARTITION OF fuzz_app.votes FOR VALUES FROM (1) TO (1000);
CREATE INDEX polls_lower ON fuzz_app.polls (lower(question)) WHERE score > 1;
CREATE VIEW fuzz_app.poll_scores AS SELECT id, score FROM fuzz_app.polls;
CREATE MATERIALIZED VIEW fuzz_app.poll_counts AS SELECT count(*) AS n FROM fuzz_app.polls;
CREATE FUNCTION fuzz_app.touch() RETURNS trigger LANGUAGE plpgsql AS
  $$BEGIN RETURN NEW; END$$;
CREATE FUNCTION fuzz_app.add(a integer, b integer DEFAULT 1) RETURNS integer
  LANGUAGE sql IMMUTABLE RETURN a + b;
CREATE TRIGGER polls_touch BEFORE UPDATE ON fuzz_app.polls
  FOR EACH ROW EXECUTE FUNCTION fuzz_app.touch();
ALTER TABLE fuzz_app.polls ENABLE ROW LEVEL SECURITY;
CREATE POLICY polls_all ON fuzz_app.polls USING (score > 0);
COMMENT ON TABLE fuzz_app.polls IS 'the polls';
CREATE SCHEMA fuzz_live;
CREATE TABLE fuzz_live.items (id integer PRIMARY KEY, label text);
CREATE TABLE fuzz_live.tags (id integer PRIMARY KEY,
                             item_id integer REFERENCES fuzz_live.items);
SELECT migrate_model_capture('{fuzz_app}');
SELECT migrate_revision('first', false, 'CREATE TABLE fuzz_live.r1 (a int);',
                        'DROP TABLE fuzz_live.r1;', revision => 'aaaa0001');
SELECT migrate_revision('second', false, 'CREATE TABLE fuzz_live.r2 (a int);',
                        'DROP TABLE fuzz_live.r2;', revision => 'aaaa0002',
                        branch_label => 'trunk');
SELECT migrate_revision('side', false, 'SELECT 1;', 'SELECT 1;',
                        revision => 'bbbb0001', parents => '{aaaa0001}',
                        branch_label => 'side');
SELECT * FROM migrate_upgrade('aaaa0001');
SELECT migrate_map('fuzz_live.items');
SELECT migrate_relationship('fuzz_live.items', 'tags', 'fuzz_live.tags');
"""


def state_query(conn):
    """One query whose answer changes when anything the API may touch does."""
    cur = conn.cursor()
    cur.execute("""
        SELECT n.nspname, c.relname FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_depend d ON d.objid = c.oid AND d.classid = 'pg_class'::regclass
                          AND d.deptype = 'e'
          JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'pg_migrate'
         WHERE c.relkind = 'r' ORDER BY 2""")
    parts = []
    for nsp, rel in cur.fetchall():
        q = '%s.%s' % (psycopg2.extensions.quote_ident(nsp, conn),
                       psycopg2.extensions.quote_ident(rel, conn))
        parts.append("(SELECT '%s:' || count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                     " FROM %s t)" % (rel, q))
    for cat in ("pg_class", "pg_type", "pg_proc", "pg_namespace", "pg_constraint",
                "pg_trigger", "pg_policy", "pg_extension", "pg_roles"):
        # user objects only (oids from FirstNormalObjectId): an index range
        parts.append("(SELECT '%s:' || count(*) FROM pg_catalog.%s WHERE oid >= 16384)" % (cat, cat))
    # the session: what a call might leave set behind it
    parts.append("current_setting('search_path')")
    parts.append("current_user")
    parts.append("(SELECT 'seq:' || coalesce(string_agg(schemaname || '.' || sequencename || '=' ||"
                 " coalesce(last_value::text, '-'), ',' ORDER BY 1), '') FROM pg_catalog.pg_sequences)")
    return "SELECT md5(concat_ws(';', %s))" % ", ".join(parts)


# ----------------------------------------------------------------------
# The API, from the install script
# ----------------------------------------------------------------------

def api_functions():
    """[(name, [(argname, type, has_default)])] of every function."""
    scripts = sorted(f for f in os.listdir(os.path.join(TOP, "sql"))
                     if re.match(r"pg_migrate--[0-9.]+\.sql$", f))
    text = open(os.path.join(TOP, "sql", scripts[-1])).read()
    funcs = []
    for m in re.finditer(r"CREATE (?:OR REPLACE )?FUNCTION @extschema@\.(\w+)\((.*?)\)\s*\n?\s*RETURNS",
                         text, re.S):
        name, args = m.group(1), m.group(2)
        parsed = []
        for a in [x.strip() for x in re.split(r",(?![^()]*\))", args) if x.strip()]:
            am = re.match(r"(\w+)\s+([\w\[\]]+(?: \w+)*?)(\s+DEFAULT\s+.*)?$", a, re.S)
            parsed.append((am.group(1), am.group(2), am.group(3) is not None))
        funcs.append((name, parsed))
    return funcs


# ----------------------------------------------------------------------
# Inputs
# ----------------------------------------------------------------------

ODD_STRINGS = [
    "", " ", "\t\n", "x", "a" * 63, "a" * 64, "é" * 40, '"', "'", "''", ";", "--",
    "/*", "$$", "\\", "%s", "%n", "NULL", "null", "{}", "[]", "0", "-1", "1e400",
    "9223372036854775808", "'; DROP TABLE fuzz_live.items; --",
    "x; DROP TABLE fuzz_live.items", "pg_catalog", "information_schema",
    "pg_toast", "pg_temp", "public", "fuzz_app", "fuzz_live", "migrate_version",
    "migrate_models", "migrate_revisions", "migrate_properties", "migrate_log",
    "fuzz_live.items", "fuzz_app.polls", "fuzz_app.poll_scores", "items",
    "fuzz_live.nope", "nope.items", "a.b.c.d", '"fuzz_live"."items"',
    "Select", "SELECT", "\u202e", "\u00a0", "\U0001F600",
]

TARGETS = [
    "heads", "head", "base", "aaaa0001", "aaaa0002", "bbbb0001", "aaaa", "aaa",
    "aaaa0001+1", "aaaa0001-1", "aaaa0002-2", "aaaa0002-3", "+1", "-1", "+0",
    "-0", "+999999999999", "-99999999999999999999", "trunk", "trunk@head",
    "side@head", "trunk@+1", "side@-1", "nope@head", "@head", "@", "@@",
    "+", "-", "++1", "+-1", "1+", "heads+1", "base-1", "base+1", "head-1",
    "heads@head", "aaaa0001@head", "-1@head", "a b", "a\nb", "aaaa0001,aaaa0002",
]

REFUSED_DDL = [
    "ALTER TABLE fuzz_app.polls ADD COLUMN extra integer;",
    "ALTER TABLE polls ADD COLUMN extra integer;",
    "GRANT SELECT ON fuzz_app.polls TO PUBLIC;",
    "COMMENT ON TABLE fuzz_app.polls IS 'x';",
    "COMMENT ON DATABASE current_database IS 'x';",
    "ALTER TABLE fuzz_app.polls RENAME TO polls2;",
    "ALTER TABLE public.x RENAME TO y;",
    "ALTER TABLE fuzz_app.polls DROP CONSTRAINT polls_pkey;",
    "CREATE TEMP TABLE t (a int);",
    "CREATE TEMPORARY VIEW v AS SELECT 1;",
    "CREATE EXTENSION pg_migrate;",
    "DROP TABLE fuzz_live.items;",
    "DROP SCHEMA fuzz_live CASCADE;",
    "INSERT INTO fuzz_live.items VALUES (1, 'x');",
    "SELECT nextval('fuzz_app.counter');",
    "CREATE MATERIALIZED VIEW mv AS SELECT nextval('fuzz_app.counter');",
    "CREATE TABLE t (a int DEFAULT nextval('fuzz_app.counter'));",
    "CREATE TABLE t AS SELECT nextval('fuzz_app.counter') AS n;",
    "CREATE TABLE fuzz_live.escaped (a int);",
    "CREATE TABLE pg_catalog.t (a int);",
    "CREATE SCHEMA other; CREATE TABLE other.t (a int);",
    "SET search_path = fuzz_live; CREATE TABLE t (a int);",
    "BEGIN; CREATE TABLE t (a int); COMMIT;",
    "SAVEPOINT s; CREATE TABLE t (a int);",
    "ROLLBACK;",
    "VACUUM;",
    "COPY fuzz_live.items TO STDOUT;",
    "DO $$BEGIN EXECUTE 'CREATE TABLE fuzz_live.dox (a int)'; END$$;",
    "CREATE ROLE fuzz_role;",
    "CREATE DATABASE fuzz_db;",
    "LISTEN x; NOTIFY x;",
    "SELECT pg_advisory_lock(1);",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'INSERT INTO fuzz_live.items VALUES (9) RETURNING 1';"
    " CREATE TABLE t (a int DEFAULT f());",
    "PREPARE p AS SELECT 1;",
    "DISCARD ALL;",
    "RESET ALL;",
    "LOAD 'pg_migrate';",
    "CHECKPOINT;",
    "CREATE TABLE t (a int",
    "CREATE TABLE t (a nosuchtype);",
    "",
    "   ",
    "-- only a comment",
    ";;;",
]

GOOD_DDL = [
    "CREATE TABLE t (a int PRIMARY KEY, b text);",
    "CREATE TYPE e AS ENUM ('a', 'b'); CREATE TABLE t (x e);",
    "CREATE TABLE t (a int); CREATE INDEX ON t (a); CREATE VIEW v AS SELECT a FROM t;",
    "CREATE SEQUENCE s; CREATE TABLE t (a bigint DEFAULT nextval('s'));",
]

EXPRESSIONS = [
    "1", "score * 2", "polls", "p1", "(SELECT count(*) FROM fuzz_live.tags)",
    "nextval('fuzz_app.counter')", "1; DROP TABLE fuzz_live.items",
    "label || 'x'", "items", "items.*", "row(items.*)", "NULL", "", "(",
    "pg_sleep(0)", "txid_current()", "current_setting('search_path')",
]


# Every item of issue 12's "Seen" list that is a call of the API, run first
# with its expected outcome: a refusal (any SQLSTATE but XX000) or, with
# "22023", the strict reader's refusal naming the bad value.
DOC = '{"format": 1, "scope": ["public"], "schemas": {"public": %s}}'
EMPTY = '{"format": 1, "scope": ["public"], "schemas": {"public": {}}}'
SEEN = [
    ("column type missing", "migrate_diff",
     [DOC % '{"tables": {"t": {"columns": [{"name": "a"}]}}}', EMPTY], "22023"),
    ("column type not a string", "migrate_diff_sql",
     [DOC % '{"tables": {"t": {"columns": [{"name": "a", "type": 1}]}}}', EMPTY], "22023"),
    ("column type missing, imported", "migrate_model_import",
     [DOC % '{"tables": {"t": {"columns": [{"name": "a"}]}}}'], "22023"),
    ("enum label not a string", "migrate_diff",
     [EMPTY, DOC % '{"types": {"e": {"kind": "enum", "labels": ["a", 1]}}}'], "22023"),
    ("index without a string definition", "migrate_model_import",
     [DOC % '{"tables": {"t": {"columns": [{"name": "a", "type": "integer"}], '
      '"indexes": {"i": {"definition": 1}}}}}'], "22023"),
    ("view without definition", "migrate_diff",
     [DOC % '{"views": {"v": {}}}', EMPTY], "22023"),
    ("materialized view without definition", "migrate_diff_sql",
     [EMPTY, DOC % '{"materialized_views": {"m": {}}}'], "22023"),
    ("type of an unknown kind", "migrate_diff",
     [DOC % '{"types": {"x": {"kind": "blob"}}}', EMPTY], "22023"),
    ("schema section that is an array", "migrate_diff",
     ['{"format": 1, "scope": "all", "schemas": {"public": []}}', EMPTY], "22023"),
    ("schema named \"\"", "migrate_model_import",
     ['{"format": 1, "scope": [""], "schemas": {"": {}}}'], "22023"),
    ("SQL in a numeric field", "migrate_diff_sql",
     [EMPTY, DOC % '{"sequences": {"s": {"type": "bigint", "start": 1, '
      '"increment": "1; DROP TABLE t; --", "min": 1, "max": 9, "cache": 1}}}'], "22023"),
    # refused since the hardening of issue 12 (part B); "unchanged": accepted
    # or refused, but nothing left changed behind it, not even a sequence
    ("nextval() in a model's materialized view", "migrate_model_set",
     ["CREATE MATERIALIZED VIEW mv AS SELECT nextval('fuzz_app.counter');", "fuzz_app"], "unchanged"),
    ("whole-row deferred column property", "migrate_column_property",
     ["fuzz_live.items", "p1", "items", True], "refused"),
    ("a model of ALTER TABLE only", "migrate_model_set",
     ["ALTER TABLE fuzz_app.polls ADD COLUMN x int;", "fuzz_app"], "refused"),
    ("a model of GRANT only", "migrate_model_set",
     ["GRANT SELECT ON fuzz_app.polls TO PUBLIC;", "fuzz_app"], "refused"),
    ("a model of COMMENT only", "migrate_model_set",
     ["COMMENT ON TABLE fuzz_app.polls IS 'x';", "fuzz_app"], "refused"),
    ("a model of RENAME only", "migrate_model_set",
     ["ALTER TABLE fuzz_app.polls RENAME TO p2;", "fuzz_app"], "refused"),
    ("a model of DROP CONSTRAINT only", "migrate_model_set",
     ["ALTER TABLE fuzz_app.polls DROP CONSTRAINT polls_pkey;", "fuzz_app"], "refused"),
    ("a model of CREATE TEMP TABLE", "migrate_model_set",
     ["CREATE TEMP TABLE t (a int);", "fuzz_app"], "refused"),
    ("a model of CREATE EXTENSION pg_migrate", "migrate_model_set",
     ["CREATE EXTENSION pg_migrate;", "fuzz_app"], "refused"),
    ("a mapped view on the extension's own table", "migrate_map",
     ["migrate.migrate_version", None], "refused"),
    ("a revision id no target can name", "migrate_revision",
     ["m", False, "SELECT 1;", "SELECT 1;", "-1", None, None, None], "refused"),
]


# Functions that write nothing, not even a sequence: no new baseline after
# them (the state query is a third of the time of an input).
READERS = {"migrate_snapshot", "migrate_diff", "migrate_diff_sql", "migrate_current",
           "migrate_heads", "migrate_branches", "migrate_history", "migrate_show",
           "migrate_graph", "migrate_export", "migrate_upgrade_sql",
           "migrate_downgrade_sql"}


class Gen:
    def __init__(self, rng, seeds, docs_bad):
        self.rng = rng
        self.seeds = seeds              # real snapshot documents
        self.docs_bad = docs_bad        # JSON Schema validator or None

    def pick(self, xs):
        return self.rng.choice(xs)

    def string(self):
        r = self.rng.random()
        if r < 0.05:
            return None
        if r < 0.1:
            return self.pick(["x", "'", "é", "a;"]) * self.rng.choice([1000, 100000, 1000000])
        if r < 0.8:
            return self.pick(ODD_STRINGS)
        return "".join(self.rng.choice("abc;'\"()$-+@. \n\\") for _ in range(self.rng.randint(0, 30)))

    def name(self):
        s = self.string()
        return s

    def target(self):
        r = self.rng.random()
        if r < 0.05:
            return None
        if r < 0.7:
            return self.pick(TARGETS)
        if r < 0.85:
            return self.pick(TARGETS) + self.pick(["", "+", "-", "@", "@head", "+1", "-2"]) + \
                self.pick(["", "1", "x", "head", "99999999999999999999"])
        return self.string()

    def ddl(self):
        r = self.rng.random()
        if r < 0.7:
            return self.pick(REFUSED_DDL)
        if r < 0.85:
            return self.pick(GOOD_DDL) + " " + self.pick(REFUSED_DDL)
        if r < 0.9:
            return self.pick(GOOD_DDL)
        return self.string()

    def text_array(self, targets=False):
        r = self.rng.random()
        if r < 0.1:
            return None
        if r < 0.2:
            return []
        return [self.target() if targets else self.string()
                for _ in range(self.rng.randint(1, 4))]

    # ---- documents ---------------------------------------------------

    def paths(self, doc, path=()):
        """Every path in doc, with its value."""
        yield path, doc
        if len(path) > 40:
            return
        if isinstance(doc, dict):
            for k, v in doc.items():
                yield from self.paths(v, path + (k,))
        elif isinstance(doc, list):
            for i, v in enumerate(doc):
                yield from self.paths(v, path + (i,))

    @staticmethod
    def get(doc, path):
        for p in path:
            doc = doc[p]
        return doc

    def set(self, doc, path, value):
        if not path:
            return value
        self.get(doc, path[:-1])[path[-1]] = value
        return doc

    def odd_value(self):
        return self.pick([None, True, False, 0, -1, 1.5, 1e300, 2 ** 70, "", "x",
                          "1; DROP TABLE fuzz_live.items; --", [], {}, [1, "a", None],
                          {"x": 1}, "integer DEFAULT 5", "CREATE INDEX x ON y (z)",
                          self.string() or ""])

    def mutate(self, doc):
        paths = list(self.paths(doc))
        path, value = self.pick(paths)
        op = self.rng.randrange(12)
        if op == 0 and path:                        # delete a key / element
            parent = self.get(doc, path[:-1])
            del parent[path[-1]]
        elif op == 1:                               # swap the type
            doc = self.set(doc, path, self.odd_value())
        elif op == 2 and isinstance(value, list) and value:   # truncate
            del value[self.rng.randrange(len(value)):]
        elif op == 3 and isinstance(value, dict):   # unknown key
            value[self.pick(["colour", "", "kind", "type", "definition", "x" * 100])] = self.odd_value()
        elif op == 4 and isinstance(value, str):    # SQL in a string
            doc = self.set(doc, path, value + self.pick(["; DROP TABLE fuzz_live.items; --", ")", "'", " CASCADE", ""]))
        elif op == 5:                               # unknown kinds
            for p, v in paths:
                if p and p[-1] == "kind":
                    doc = self.set(doc, p, self.pick(["blob", "", "ENUM", 1, None]))
                    break
        elif op == 6:                               # a cycle in depends_on
            objs = [(p, v) for p, v in paths if len(p) == 4 and p[0] == "schemas" and isinstance(v, dict)]
            if len(objs) >= 2:
                (p1, a), (p2, b) = self.rng.sample(objs, 2)
                label = {"tables": "table", "views": "view", "types": "type", "sequences": "sequence",
                         "functions": "function", "materialized_views": "materialized_view",
                         "collations": "collation"}
                for x, p in ((a, p2), (b, p1)):
                    if not isinstance(x.get("depends_on"), list):
                        x["depends_on"] = []
                    x["depends_on"].append("%s %s" % (label.get(p[2], "table"), p[3]))
        elif op == 7:                               # deep nesting (in the text)
            doc = self.set(doc, path, "__DEEP_%d__" % self.rng.choice([10, 1000, 5000]))
        elif op == 8 and isinstance(value, dict) and value:   # rename a member
            k = self.pick(list(value))
            value[self.pick(["", " ", "pg_catalog", "a" * 100, k + "(", "\"", "pg_temp_1"])] = value.pop(k)
        elif op == 9 and isinstance(value, list) and value:   # duplicate an element
            value.append(copy.deepcopy(self.pick(value)))
        elif op == 10 and isinstance(value, (int, float)) and not isinstance(value, bool):
            doc = self.set(doc, path, self.pick([-value, value * 1e30, 0.5, -2 ** 63, 2 ** 63, "1"]))
        else:                                       # any value anywhere
            doc = self.set(doc, path, self.odd_value())
        return doc

    def document(self):
        """(json text, certainly bad?)"""
        r = self.rng.random()
        if r < 0.05:
            return None, False
        if r < 0.1:
            return self.pick(["{}", "[]", "1", "null", '"x"', '{"format": 1}',
                              '{"format": 1, "scope": "all", "schemas": {"public": []}}',
                              '{"format": 1, "scope": "all", "schemas": {"": {}}}',
                              '{"format": 2, "scope": "all", "schemas": {}}']), True
        doc = copy.deepcopy(self.pick(self.seeds))
        for _ in range(self.rng.randint(1, 3)):
            try:
                doc = self.mutate(doc)
            except (KeyError, IndexError, TypeError, AttributeError):
                pass            # a mutation that no longer fits: the next one
        try:
            text = json.dumps(doc)
        except (ValueError, RecursionError):
            return None, False
        bad = self.docs_bad(doc) if self.docs_bad else False
        deep = re.search(r'"__DEEP_(\d+)__"', text)
        if deep:
            n = int(deep.group(1))
            text = text[:deep.start()] + "[" * n + '"x"' + "]" * n + text[deep.end():]
            bad = self.docs_bad(json.loads(text.replace('"__DEEP_', '"_'))) if False else bad
        return text, bad


def args_for(gen, fname, params):
    """The arguments of one call, and whether the input is certainly bad."""
    vals = []
    bad = False
    for pname, ptype, _ in params:
        if ptype == "jsonb":
            v, b = gen.document()
            bad = bad or b
        elif fname == "migrate_model_set" and pname == "ddl":
            v = gen.ddl()
        elif pname in ("target", "revision", "from_revision") and ptype == "text":
            v = gen.target()
        elif ptype == "text[]" and pname in ("parents", "revisions", "depends_on"):
            v = gen.text_array(targets=True)
        elif pname in ("expression", "order_by") and ptype == "text":
            v = gen.pick(EXPRESSIONS) if gen.rng.random() < 0.7 else gen.string()
        elif pname == "relation" or (fname == "migrate_relationship" and pname in ("target", "secondary")):
            v = gen.pick(["fuzz_live.items", "fuzz_live.tags", "fuzz_app.polls", "items"]) \
                if gen.rng.random() < 0.5 else gen.string()
        elif pname == "lazy":
            v = gen.pick(["select", "joined", "dynamic", "noload", "", None, "SELECT", "x"])
        elif ptype == "boolean":
            v = gen.pick([None, True, False])
        elif ptype in ("text[]", "name[]"):
            v = gen.text_array()
        elif ptype in ("text", "name"):
            v = gen.string()
        else:
            v = gen.string()
        vals.append(v)
    # DDL that a model must refuse: not counted as accepted-bad (the
    # refusals are another piece of work); only documents are certain
    return vals, bad


def call_sql(fname, params):
    return "SELECT * FROM migrate.%s(%s)" % (
        fname, ", ".join("%s => %%s::%s" % (p, t) for p, t, _ in params))


# ----------------------------------------------------------------------
# The run
# ----------------------------------------------------------------------

def connect(timeout_ms):
    conn = psycopg2.connect("")
    conn.autocommit = False
    cur = conn.cursor()
    cur.execute("SET statement_timeout = %s", (timeout_ms,))
    cur.execute("SET client_min_messages = error")
    cur.execute("SET search_path = public")
    conn.commit()
    return conn


def wait_for_server(limit=60):
    t0 = time.time()
    while time.time() - t0 < limit:
        try:
            c = psycopg2.connect("")
            c.close()
            return True
        except psycopg2.OperationalError:
            time.sleep(0.5)
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--setup", action="store_true")
    ap.add_argument("--timeout-ms", type=int, default=20000)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--max-seconds", type=float, default=None,
                    help="stop after this long, with the counts so far")
    opts = ap.parse_args()
    seed = opts.seed if opts.seed is not None else random.SystemRandom().randrange(2 ** 31)
    rng = random.Random(seed)
    print("fuzz: seed %d, %d inputs" % (seed, opts.count), flush=True)

    conn = connect(opts.timeout_ms)
    cur = conn.cursor()
    if opts.setup:
        cur.execute("CREATE SCHEMA IF NOT EXISTS migrate")
        cur.execute("SET search_path = migrate, public")
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_migrate SCHEMA migrate")
        cur.execute(SETUP_SQL)
        conn.commit()
    cur.execute("SET search_path = public")
    cur.execute("SELECT migrate.migrate_snapshot(), migrate.migrate_snapshot('{fuzz_app}'),"
                " migrate.migrate_model()")
    seeds = [json.loads(x) if isinstance(x, str) else x for x in cur.fetchone()]
    conn.rollback()

    docs_bad = None
    if jsonschema is not None:
        schema = json.load(open(os.path.join(TOP, "docs", "snapshot-format.schema.json")))
        validator = jsonschema.Draft202012Validator(schema)
        for s in seeds:
            errs = list(validator.iter_errors(s))
            if errs:
                print("fuzz: a seed document fails the JSON Schema: %s %s"
                      % (errs[0].json_path, errs[0].message), flush=True)
                return 1

        def docs_bad(doc):
            try:
                return not validator.is_valid(doc)
            except RecursionError:
                return False
    else:
        print("fuzz: python3-jsonschema missing: accepted-bad documents not counted")

    funcs = api_functions()
    # the slow ones get fewer inputs (each still gets at least 1 in 60)
    slow = {"migrate_revision", "migrate_merge", "migrate_model_set", "migrate_check",
            "migrate_model", "migrate_model_capture", "migrate_upgrade", "migrate_downgrade",
            "migrate_verify", "migrate_map", "migrate_column_property",
            "migrate_relationship", "migrate_property_drop", "migrate_model_import"}
    weights = [1 if f in slow else 3 for f, _ in funcs]
    gen = Gen(rng, seeds, docs_bad)
    state_sql = state_query(conn)
    conn.rollback()

    counts = {k: 0 for k in FAILURES}
    counts["ok"] = 0
    refusals = {}
    per_func = {f: 0 for f, _ in funcs}
    examples = []
    t_start = time.time()
    t_gen = [0.0]
    last_code = [None]
    t_func = {}

    cur = conn.cursor()
    cur.execute(state_sql)
    baseline = cur.fetchone()[0]
    conn.rollback()

    byname = dict(funcs)
    seen_results = []
    i = 0
    while i < opts.count:
        if opts.max_seconds is not None and time.time() - t_start > opts.max_seconds:
            print("fuzz: stopped after %.0f s (--max-seconds)" % opts.max_seconds)
            break
        expect = None
        t_in = time.time()
        if i < len(SEEN):                # the "Seen" items first
            label, fname, vals, expect = SEEN[i]
            seen_baseline = baseline
            params = byname[fname][:len(vals)]
            bad = expect == "22023"
        elif i < len(SEEN) + len(funcs):  # then every function once
            fname, params = funcs[i - len(SEEN)]
            vals, bad = args_for(gen, fname, params)
        else:
            fname, params = rng.choices(funcs, weights)[0]
            vals, bad = args_for(gen, fname, params)
        i += 1
        per_func[fname] += 1
        t_gen[0] += time.time() - t_in
        sql = call_sql(fname, params)
        outcome = None
        detail = ""
        try:
            cur = conn.cursor()
            cur.execute("SAVEPOINT fuzz")
            try:
                cur.execute(sql, vals)
                cur.fetchall() if cur.description else None
                outcome = "accepted-bad" if bad else "ok"
            except psycopg2.Error as e:
                if e.pgcode is None or isinstance(e, (psycopg2.OperationalError, psycopg2.InterfaceError)) \
                        and conn.closed:
                    raise
                code = e.pgcode
                msg = (e.diag.message_primary or "")
                if code == "XX000":
                    outcome, detail = "internal", msg
                elif code == "57014":
                    outcome, detail = "timeout", msg
                elif code == "22023" and msg.startswith("invalid snapshot document") and " $" not in msg:
                    outcome, detail = "unnamed", msg
                else:
                    outcome = "refused"
                    refusals[code] = refusals.get(code, 0) + 1
                last_code[0] = code
                cur.execute("ROLLBACK TO SAVEPOINT fuzz")
                cur.execute(state_sql)
                now = cur.fetchone()[0]
                if now != baseline:
                    # a sequence advanced for good, a table written...
                    counts["changed"] += 1
                    examples.append(("changed", fname, vals, msg))
                    baseline = now
            conn.rollback()
            if outcome in ("ok", "accepted-bad") and fname not in READERS:
                # what an accepted call did is rolled back, but not its
                # sequences' advances (migrate_log's id): a new baseline
                cur = conn.cursor()
                cur.execute(state_sql)
                baseline = cur.fetchone()[0]
                conn.rollback()
        except (psycopg2.OperationalError, psycopg2.InterfaceError) as e:
            outcome, detail = "crash", str(e).strip()
            try:
                conn.close()
            except Exception:
                pass
            if not wait_for_server():
                print("fuzz: the server did not come back", flush=True)
                counts["crash"] += 1
                break
            conn = connect(opts.timeout_ms)
            cur = conn.cursor()
            cur.execute(state_sql)
            baseline = cur.fetchone()[0]
            conn.rollback()
        t_func[fname] = t_func.get(fname, 0) + time.time() - t_in
        if expect is not None:
            if expect == "refused" and outcome == "ok":
                outcome, detail = "accepted-bad", "accepted, but must be refused"
            if expect == "unchanged" and outcome in ("ok", "accepted-bad") and not conn.closed:
                cur = conn.cursor()
                cur.execute(state_sql)
                now = cur.fetchone()[0]
                conn.rollback()
                if now != seen_baseline:
                    outcome, detail = "changed", "accepted, and left something changed"
                baseline = now
            if expect == "22023" and outcome == "refused" and last_code[0] != "22023":
                outcome, detail = "internal", "refused with %s instead of 22023" % last_code[0]
            seen_results.append((label, outcome if outcome != "refused" else "refused (%s)" % last_code[0]))
        if outcome in counts:
            counts[outcome] += 1
        if outcome in FAILURES:
            examples.append((outcome, fname, vals, detail))
            if opts.verbose:
                print("FAIL %s %s %r: %s" % (outcome, fname,
                                             [v if not isinstance(v, str) or len(v) < 300 else v[:300] + "..."
                                              for v in vals], detail), flush=True)
        if opts.verbose and i % 1000 == 0:
            print("fuzz: %d inputs, %.0f s" % (i, time.time() - t_start), flush=True)

    elapsed = time.time() - t_start
    nfail = sum(counts[k] for k in FAILURES)
    print("fuzz: seed %d: %d inputs in %.0f s over %d functions" % (seed, i, elapsed, len(funcs)))
    print("fuzz: " + ", ".join("%s %d" % (k, counts[k]) for k in FAILURES))
    print("fuzz: accepted %d, refused %d (%s)" % (
        counts["ok"], sum(refusals.values()),
        ", ".join("%s %d" % kv for kv in sorted(refusals.items(), key=lambda kv: -kv[1]))))
    print("fuzz: \"Seen\" items of issue 12: " + "; ".join("%s: %s" % r for r in seen_results))
    print("fuzz: inputs per function: " + ", ".join("%s %d" % kv for kv in sorted(per_func.items())))
    if opts.verbose:
        print("fuzz: generating %.1f s; slowest: %s" % (t_gen[0], ", ".join(
            "%s %.1f s" % kv for kv in sorted(t_func.items(), key=lambda kv: -kv[1])[:8])))
    for outcome, fname, vals, detail in examples[:20]:
        print("fuzz: FAIL %s: %s(%s): %s" % (
            outcome, fname, ", ".join(repr(v)[:200] for v in vals), detail))
    return 1 if nfail else 0


if __name__ == "__main__":
    sys.exit(main())
