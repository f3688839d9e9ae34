#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster: nothing a
# schema holds is silently left out of a snapshot.  The oracle is pg_dump:
# test/coverage/all_kinds.sql creates one user object of every kind of entry
# that `pg_restore -l` lists for a schema-only dump; each entry of the dump
# of that database must then be in migrate_snapshot()'s document, either
# where its kind is modelled (a table under "tables", a trigger under its
# table's "triggers", a comment as the object's "comment", ...) or as an
# entry of "unmodeled" (keyed by pg_describe_object()).
#
# test/coverage/kinds lists every kind (TOC description) the test knows,
# with what is expected of it:
#   modelled   must be modelled
#   unmodeled  must be listed under "unmodeled" (not modelled yet)
#   either     some objects of the kind are modelled, others listed
# It fails when the dump holds an entry of a kind it does not know (a new
# PostgreSQL kind: give it an object in all_kinds.sql and a line in kinds),
# when a kind it knows has no entry in the dump (the fixture lost it), and
# for every entry that is neither where its kind is modelled nor listed.
# Prints one "ok"/"not ok" line per check; exits non-zero when any fails.

set -u
. "$(dirname "$0")/lib/tap.sh"

db=pgm_coverage
# A database that holds a subscription cannot be dropped: drop it first.
dropdb_cov() {
	psql_q -d "$db" -c 'DROP SUBSCRIPTION IF EXISTS sub' 2>/dev/null
	"$bindir/dropdb" --if-exists "$db" 2>/dev/null
	"$bindir/dropuser" --if-exists cov_role 2>/dev/null
}
trap 'dropdb_cov; rm -rf "$work"' EXIT
dropdb_cov
"$bindir/createdb" "$db" || { check "createdb $db" 0 1; exit 1; }

if ! psql_q -d "$db" -c 'CREATE EXTENSION pg_migrate' -f test/coverage/all_kinds.sql >"$work/setup.log" 2>&1; then
	cat "$work/setup.log"
	check "test/coverage/all_kinds.sql runs" 0 1
	exit 1
fi
if ! "$bindir/pg_dump" -s -Fc -d "$db" -f "$work/dump" ||
	! "$bindir/pg_restore" -l "$work/dump" | grep -v '^;' | grep -v '^$' >"$work/toc"; then
	check "pg_dump -s and pg_restore -l" 0 1
	exit 1
fi

# One line per problem; none when everything is covered.
grep -v '^#' test/coverage/kinds >"$work/kinds"
problems=$({
	echo "CREATE TEMP TABLE kinds (descr text, expect text);"
	echo "CREATE TEMP TABLE toc_lines (line text);"
	echo "\\copy kinds FROM '$work/kinds'"
	echo "\\copy toc_lines FROM '$work/toc' WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')"
	cat test/coverage/check.sql
} | psql_q -At -d "$db" 2>&1)
entries=$(wc -l <"$work/toc")
kinds=$(wc -l <"$work/kinds")
check "each of the $entries entries of pg_dump -s ($kinds kinds) modelled or listed under \"unmodeled\"" "" "$problems"
exit $((failures > 0))
