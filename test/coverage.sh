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
. "$(dirname "$0")/lib.sh"	# SANITIZE_*FLAGS, for the mutants below
. "$(dirname "$0")/lib/tap.sh"

db=pgm_coverage
# A database that holds a subscription cannot be dropped: drop it first.
dropdb_cov() {
	psql_q -d "$db" -c 'DROP SUBSCRIPTION IF EXISTS sub' 2>/dev/null
	"$bindir/dropdb" --if-exists "$db" 2>/dev/null
	"$bindir/dropuser" --if-exists cov_role 2>/dev/null
	psql_q -d postgres -c 'DROP TABLESPACE IF EXISTS cov_space' 2>/dev/null
}
# where the mutants below are installed: readable by the server's user
dest=$(mktemp -d /tmp/pgm-coverage-mutant.XXXXXX) && chmod 755 "$dest"
trap 'dropdb_cov; rm -rf "$work" "$dest"' EXIT
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

# The tablespace of each entry that has one, as the plain dump says it
# (SET default_tablespace before the entry's "-- Name: ...; Type: ..."
# header): "type<TAB>schema<TAB>name<TAB>tablespace".  pg_restore -l does
# not show it, yet it is part of the object.
if ! "$bindir/pg_restore" -f - "$work/dump" | awk '
	/^SET default_tablespace = / { ts = $4; sub(/;$/, "", ts); gsub(/'"'"'/, "", ts); next }
	/^-- Name: / {
		line = substr($0, 10)
		n = split(line, parts, "; ")
		name = parts[1]; type = substr(parts[2], 7); nsp = substr(parts[3], 9)
		if (ts != "" && type ~ /^(TABLE|INDEX|MATERIALIZED VIEW|CONSTRAINT)$/)
			print type "\t" nsp "\t" name "\t" ts
	}' >"$work/spaces"; then
	check "pg_restore of the dump" 0 1
	exit 1
fi

# problems: one line per problem, none when everything is covered.  The
# snapshot is taken by the build the session loads (PGOPTIONS may point
# extension_destdir at another one, as the mutants below do).
grep -v '^#' test/coverage/kinds >"$work/kinds"
problems() {
	{
		echo "CREATE TEMP TABLE kinds (descr text, expect text);"
		echo "CREATE TEMP TABLE toc_lines (line text);"
		echo "\\copy kinds FROM '$work/kinds'"
		echo "\\copy toc_lines FROM '$work/toc' WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')"
		echo "CREATE TEMP TABLE toc_spaces (type text, nsp text, name text, space text);"
		echo "\\copy toc_spaces FROM '$work/spaces'"
		cat test/coverage/check.sql
	} | psql_q -At -d "$db" 2>&1
}
entries=$(wc -l <"$work/toc")
kinds=$(wc -l <"$work/kinds")
check "each of the $entries entries of pg_dump -s ($kinds kinds) modelled or listed under \"unmodeled\"" "" "$(problems)"

# The oracle must notice a handler that goes missing.  A mutant is a build
# of this tree whose snapshot lacks one handler of src/catalog/handlers.c
# (its line taken out of pgm_snapshot_handlers): only that file is compiled
# again, in a copy of the built tree, with the flags of the build under
# test, and installed under a directory of its own that the check's session
# loads through extension_destdir.  Every mutant must make the check above
# report a problem.  make test tries the handlers of COVERAGE_MUTANTS (by
# default five, about a second each); make test-long (MIGRATE_TEST_LONG=1)
# tries every handler of the list (37 today: under a minute).
all_handlers=$(sed -n 's/^[[:space:]]*&pgm_\([a-z_]*\)_handler,$/\1/p' src/catalog/handlers.c)
if [ "${MIGRATE_TEST_LONG:-}" = 1 ]; then
	mutants=$all_handlers
else
	mutants=${COVERAGE_MUTANTS:-cast statistics aggregate publication defacl}
fi
check "src/catalog/handlers.c lists the snapshot's handlers" yes \
	"$([ "$(echo "$all_handlers" | wc -w)" -ge 30 ] && echo yes || echo "no: $all_handlers")"
tree=$work/mutant
mkdir -p "$tree"
cp -a Makefile pg_migrate.control src sql "$tree"/
make_flags=()
if [ "${MIGRATE_SANITIZE:-}" = 1 ]; then
	make_flags=(EXTRA_CFLAGS="$SANITIZE_CFLAGS" SHLIB_LINK="$SANITIZE_LDFLAGS")
fi
for h in $mutants; do
	if ! grep -q "^[[:space:]]*&pgm_${h}_handler,\$" src/catalog/handlers.c; then
		check "mutant without the $h handler: handler named in src/catalog/handlers.c" yes no
		continue
	fi
	sed "/^[[:space:]]*&pgm_${h}_handler,\$/d" src/catalog/handlers.c >"$tree/src/catalog/handlers.c"
	rm -rf "${dest:?}"/*
	if ! make -C "$tree" --no-print-directory -s PG_CONFIG="${PG_CONFIG:-pg_config}" "${make_flags[@]}" >"$work/mutant.log" 2>&1 </dev/null ||
		! make -C "$tree" --no-print-directory -s install PG_CONFIG="${PG_CONFIG:-pg_config}" \
			DESTDIR="$dest" >>"$work/mutant.log" 2>&1 </dev/null; then
		cat "$work/mutant.log"
		check "mutant without the $h handler builds" yes no
		continue
	fi
	# the session must load the mutant's library, not the one under test
	loaded=$(PGOPTIONS="-c extension_destdir=$dest" psql_q -At -d "$db" \
		-c "SELECT length(migrate_snapshot()::text) > 0" \
		-c "SELECT count(*) FROM pg_read_file('/proc/self/maps') m WHERE m LIKE '%$dest%pg_migrate.so%'" 2>&1 | tail -1)
	found=$(PGOPTIONS="-c extension_destdir=$dest" problems)
	if [ "$loaded" = 1 ] && [ -n "$found" ]; then
		check "mutant without the $h handler: the check reports $(echo "$found" | wc -l) problem(s), e.g. $(echo "$found" | head -1 | cut -c1-120)" yes yes
	else
		check "mutant without the $h handler: the check reports a problem (library loaded: $loaded)" yes no
	fi
done
exit $((failures > 0))
