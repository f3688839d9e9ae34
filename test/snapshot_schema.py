#!/usr/bin/python3
"""docs/snapshot-format.schema.json against src/docread.c (test/fuzz.sh).

The JSON Schema of the snapshot document and the tables of the C reader
describe the same format: for every kind of object, the same keys, the
same required keys, the same JSON types and the same allowed values.  This
reads the KeySpec tables of src/docread.c and compares.  (The fuzzer checks
the other way round: every mutated document the schema refuses must be
refused by the reader, and every real snapshot must satisfy the schema.)
"""

import json
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = open(os.path.join(TOP, "src", "docread.c")).read()
schema = json.load(open(os.path.join(TOP, "docs", "snapshot-format.schema.json")))

SPEC_DEF = {"extension": "extension", "schema": "schema", "table": "table",
            "column": "column", "idseq": "identity_sequence",
            "constraint": "constraint", "index": "index", "trigger": "trigger",
            "policy": "policy", "view": "view", "matview": "materialized_view",
            "sequence": "sequence", "type": "type", "function": "function",
            "collation": "collation", "rule": "rule",
            "statistics": "statistics", "unmodeled": "unmodeled",
            "defacl": "default_privileges", "aggregate": "aggregate",
            "operator": "operator", "opfamily": "operator_family",
            "opclass": "operator_class", "cast": "cast",
            "tsparser": "text_search_parser", "tstemplate": "text_search_template",
            "tsdict": "text_search_dictionary",
            "tsconfig": "text_search_configuration",
            "fdw": "foreign_data_wrapper", "server": "server",
            "usermapping": "user_mapping", "foreign_table": "foreign_table",
            "publication": "publication", "event_trigger": "event_trigger",
            "top": None}
JSON_TYPE = {"VT_STRING": "string", "VT_BOOL": "boolean", "VT_INT": "integer",
             "VT_NUMBER": "number", "VT_STRINGS": "array",
             "VT_STRINGS_OR_NULL": "array", "VT_OBJECT": None, "VT_MAP": "object",
             "VT_ARRAY": "array", "VT_PRIVILEGES": "object"}

enums = {m.group(1): re.findall(r'"([^"]*)"', m.group(2)) for m in
         re.finditer(r"static const char \*const (\w+)_values\[\] = \{(.*?)\};", src, re.S)}
common = set(re.findall(r'strncmp\(v\.val\.string\.val, "(\w+)", \d+\)', src)) & \
    {"comment", "privileges", "depends_on"}
errors = []


def resolve(s):
    while "$ref" in s:
        s = schema["$defs"][s["$ref"].split("/")[-1]]
    return s


for m in re.finditer(r"static const KeySpec (\w+)_keys\[\] = \{(.*?)\n\};", src, re.S):
    spec, body = m.group(1), m.group(2)
    d = schema if SPEC_DEF[spec] is None else schema["$defs"].get(SPEC_DEF[spec])
    if d is None:
        errors.append("no $defs/%s in the schema" % SPEC_DEF[spec])
        continue
    keys, required = {}, set()
    for km in re.finditer(r'\b(K|KR|KE|KER|KS)\("(\w+)",\s*([^)]*)\)', body):
        kind, key, rest = km.groups()
        args = [x.strip() for x in rest.split(",")]
        keys[key] = (kind, args)
        if kind in ("KR", "KER"):
            required.add(key)
    for km in re.finditer(r'\{"(\w+)", (VT_\w+), (VC_\w+), (true|false), NULL, &(\w+)\}', body):
        keys[km.group(1)] = ("KS", [km.group(2), km.group(5)])
        if km.group(4) == "true":
            required.add(km.group(1))
    common_here = re.search(r"ObjSpec %s_spec = \{[^}]*, (true|false)\};" % spec, src).group(1) == "true"
    want = set(keys) | (common if common_here else set())
    have = set(d.get("properties", {}))
    if want != have:
        errors.append("%s: keys only in the C reader %s, only in the schema %s"
                      % (spec, sorted(want - have), sorted(have - want)))
    if required != set(d.get("required", [])):
        errors.append("%s: required in C %s, in the schema %s"
                      % (spec, sorted(required), sorted(d.get("required", []))))
    if d.get("additionalProperties") is not False:
        errors.append("%s: the schema allows other keys" % spec)
    for key, (kind, args) in keys.items():
        p = d.get("properties", {}).get(key)
        if p is None or key in ("format", "scope"):
            continue
        p = resolve(p)
        if kind in ("KE", "KER"):
            if p.get("enum") != enums[args[0].replace("_values", "")]:
                errors.append("%s.%s: values %s in C, %s in the schema"
                              % (spec, key, enums[args[0].replace("_values", "")], p.get("enum")))
            continue
        jt = JSON_TYPE[args[0]]
        if jt is not None and p.get("type") != jt:
            errors.append("%s.%s: %s in C, %s in the schema" % (spec, key, jt, p.get("type")))

for e in errors:
    print("snapshot_schema: " + e)
print("snapshot_schema: %s" % ("the schema and the reader disagree" if errors else "ok"))
sys.exit(1 if errors else 0)
