#!/usr/bin/env bash
# Shell test, run by `make test` (from the top of the built tree): the calls
# between source files run one way (docs/architecture.md, *Which file may
# call which*).
#
# From `nm` of every object file: file A depends on file B when A uses a
# symbol B defines.  The graph of those dependencies must have no cycle,
# and no file may use a file of a higher layer:
#   0 util      src/util.c
#   1 engine    graph*, snapshot, dirty, checksum, unmodeled, docread*, diff*,
#               catalog/, ddl/
#   2 features  autogen, verify, revision, migrate, history, target, revdag,
#               model, model_refs, property, mapped/ (and any new file)
#   3 start     src/pg_migrate.c
#
# One kind of edge is left out: references to a handler registry.  The
# snapshot and the diff reach the handler of an object kind through a table
# (pgm_snapshot_handlers in catalog/handlers.c, pgm_ddl_handler() over the
# table in ddl/ddl.c, filled with each kind's pgm_<kind>_handler or
# pgm_ddl_<kind>), and the handlers call the engine back to add nodes or
# steps.  That is the one place where a lower file reaches a higher one,
# by a table of function pointers, so that the engine knows no kind in
# particular; every other dependency must be acyclic.  Under a second.

set -u
cd "$(dirname "$0")/.." || exit 1
failures=0
n=0
check() { # check DESCRIPTION EXPECTED ACTUAL
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '#   expected: %s\n#   got:      %s\n' "$2" "$3"
		failures=$((failures + 1))
	fi
}

# the objects of the sources there are (not one left from a removed file)
objs=$(for o in $(find src -name '*.o' | sort); do [ -f "${o%.o}.c" ] && echo "$o"; done)
[ -n "$objs" ] || { echo "not ok 1 - the object files are built"; exit 1; }

# "FILE D SYMBOL" for what a file defines, "FILE U SYMBOL" for what it uses.
symbols=$(for o in $objs; do
	nm "$o" | awk -v f="${o%.o}.c" '
		$1 == "U" { print f, "U", $2; next }
		NF == 3 && $2 ~ /^[TDBRCG]$/ { print f, "D", $3 }'
done)

# "A B": file A uses a symbol of file B (registry references left out).
edges=$(printf '%s\n' "$symbols" | awk '
	$2 == "D" { def[$3] = $1; next }
	{ use[NR] = $1 " " $3 }
	END {
		for (i in use) {
			split(use[i], p, " ")
			s = p[2]
			if (!(s in def) || def[s] == p[1]) continue
			if (s == "pgm_snapshot_handlers" || s == "pgm_ddl_handler" ||
				s ~ /^pgm_ddl_[a-z]+$/ || s ~ /^pgm_[a-z]+_handler$/) continue
			print p[1], def[s]
		}
	}' | sort -u)

loops=$(printf '%s\n' "$edges" | tsort 2>&1 >/dev/null | grep -v 'input contains a loop' |
	sed 's/^tsort: //' | sort -u | tr '\n' ' ')
check "no cycle between source files (but the handler registries)" "" "$loops"
if [ -n "$loops" ]; then
	echo "# the dependencies among those files:"
	for f in $loops; do
		printf '%s\n' "$edges" | awk -v f="$f" '$1 == f { print "#   " $0 }'
	done
fi

upward=$(printf '%s\n' "$edges" | awk '
	function layer(f) {
		if (f == "src/util.c") return 0
		if (f == "src/pg_migrate.c") return 3
		if (f ~ /^src\/(catalog|ddl)\// || f ~ /^src\/graph/ ||
			f ~ /^src\/(snapshot|dirty|checksum|unmodeled|docread[a-z_]*|diff[a-z_]*)\.c$/) return 1
		return 2
	}
	NF == 2 && layer($1) < layer($2) { printf "%s -> %s; ", $1, $2 }')
check "no file calls a file of a higher layer (util < engine < features < _PG_init)" "" "$upward"

echo "1..$n"
[ "$failures" = 0 ]
