#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): the diff keeps the rows.  For every case of the
# round-trip corpus (test/roundtrip/<case>/{a.sql,b.sql}), a->b (and b->a
# too with DIFF_ROWS_BOTH=1, which about doubles its time), x->y:
#
#   1. database X from x.sql, and the snapshots of x.sql and y.sql (y.sql
#      run in X first, in a transaction rolled back: one database a case);
#   2. one row in every table of X (test/lib/fill_rows.sql: sample values of
#      each type, foreign keys followed; a table where no row fits is
#      skipped and counted);
#   3. migrate_diff_sql(snapX, snapY), which must have no DROP TABLE of a
#      table that Y still has (same schema and name);
#   4. the script applied to X (psql -1), and then, for every table both
#      have, the same number of rows and the same values in the columns
#      both have with the same type (test/lib/kept_rows.sql).
#
# A script that PostgreSQL refuses because of the rows themselves (a data
# exception or an integrity constraint violation, SQLSTATE classes 22 and
# 23: a new NOT NULL column without a default, a CHECK or a type the sample
# values do not fit) is counted apart as "refused by the rows": that is the
# migration telling the user that the data does not fit, not a loss (the
# input functions of some extension types, hstore's, say so with XX000).
# Any other error of the script is a failure.
#
# Prints one line per check and a summary; exits non-zero on any failure,
# and when more than a fifth of the tables had to be skipped.
# The cases are those of test/roundtrip/cases (make test-long: all) without
# the known failures of a->b.  DIFF_ROWS_CASES overrides the list of cases;
# DIFF_ROWS_JOBS (default 2)
# cases run side by side.

set -u
cd "$(dirname "$0")/.." || exit 1
. test/lib/tap.sh
jobs=${DIFF_ROWS_JOBS:-2}
both=${DIFF_ROWS_BOTH:-0}
run_id=pgm_rows_$$
tmpl=${run_id}_tmpl
export PGOPTIONS="${PGOPTIONS:-} -c statement_timeout=300s -c client_min_messages=notice"

if [ -n "${DIFF_ROWS_CASES:-}" ]; then
	CASES=$DIFF_ROWS_CASES
else
	# every case of this tier (test/roundtrip/cases; make test-long: all)
	# but those whose a->b is a known failure of the diff
	# (test/roundtrip/known_failures: its script fails with or without rows)
	CASES=
	for c in $(bash test/roundtrip/cases); do
		grep -q "^$c a->b	" test/roundtrip/known_failures && continue
		CASES="$CASES $c"
	done
fi

drop_db() { psql_q -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" 2>/dev/null; }

cleanup() {
	local db
	for db in $(psql_q -At -d postgres -c \
		"SELECT datname FROM pg_database WHERE datname LIKE '${run_id}_%'" 2>/dev/null); do
		drop_db "$db"
	done
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

psql_q -d postgres -f test/lib/corpus_roles.sql || exit 1
psql_q -d postgres -c "CREATE DATABASE $tmpl TEMPLATE template0 ENCODING 'UTF8'" || exit 1
psql_q -d "$tmpl" -c 'CREATE EXTENSION pg_migrate' || exit 1

# vars SRC TGT: psql commands that set the variables src and tgt to the
# documents of two snapshot files (too big for a command line argument)
vars() {
	printf '\\set src `cat %s`\n\\set tgt `cat %s`\n' "$1" "$2"
}

# direction CASE X Y XDB XSNAP YSNAP DIR: one direction; prints one result
# line "ok ..." / "not ok ..." / "refused ..." and a line "tables F S".
# Two sessions: the rows, their state and the script; then the script
# applied (in one transaction) and the state again.
direction() {
	local c=$1 x=$2 y=$3 db=$4 xs=$5 ys=$6 w=$7 fill
	mkdir -p "$w"
	if ! {
		vars "$xs" "$ys"
		cat test/lib/fill_rows.sql
		printf '\\o %s\n' "$w/before"
		cat test/lib/kept_rows.sql
		printf '\\o %s\n' "$w/script.sql"
		echo "SELECT migrate_diff_sql(:'src', :'tgt');"
		printf '\\o %s\n' "$w/drops"
		cat <<-'SQL'
			-- DROP TABLE steps of tables the target still has, but for
			-- a rebuild that saves the rows first, in the same step
			SELECT d.sql FROM migrate_diff(:'src', :'tgt') d,
			       jsonb_each((:'tgt')::jsonb->'schemas') s,
			       jsonb_object_keys(s.value->'tables') t,
			       LATERAL (SELECT regexp_replace(format('%I.%I', s.key, t),
			                                      '([.$^*+?()\[\]{}|\\])', '\\\1', 'g') AS re) q
			 WHERE d.sql ~ ('(^|\n)DROP TABLE (IF EXISTS )?' || q.re || '( CASCADE)?;')
			   AND d.sql !~ ('(^|\n)CREATE TEMPORARY TABLE pg_migrate_rows_[0-9]+ ON COMMIT DROP AS SELECT .* FROM ONLY ' || q.re || ';');
		SQL
	} | psql_q -At -d "$db" >"$w/prepare.log" 2>&1; then
		echo "not ok $c $x->$y: $(grep -m1 ERROR "$w/prepare.log")"
		return
	fi
	fill=$(sed -n 's/.*NOTICE:  filled \([0-9]*\) skipped \([0-9]*\).*/\1 \2/p' "$w/prepare.log")
	echo "tables ${fill:-0 0}"
	if [ -s "$w/drops" ]; then
		echo "not ok $c $x->$y: a step drops a table the target still has: $(grep -m1 'DROP TABLE' "$w/drops")"
		return
	fi
	if ! {
		echo '\set VERBOSITY verbose'
		echo 'BEGIN;'
		printf '\\i %s\n' "$w/script.sql"
		echo 'COMMIT;'
		echo 'RESET ALL;'
		vars "$xs" "$ys"
		printf '\\o %s\n' "$w/after"
		cat test/lib/kept_rows.sql
	} | psql_q -At -d "$db" >"$w/apply.log" 2>&1; then
		if [ ! -e "$w/after" ] && grep -q -m1 'ERROR:  \(2[23]...\|XX000\)' "$w/apply.log"; then
			echo "refused $c $x->$y: $(grep -m1 ERROR "$w/apply.log" | sed 's/^psql:[^ ]* //')"
		elif [ ! -e "$w/after" ]; then
			echo "not ok $c $x->$y: the script failed: $(grep -m1 ERROR "$w/apply.log" | sed 's/^psql:[^ ]* //')"
		else
			echo "not ok $c $x->$y: reading the rows after failed: $(grep -m1 ERROR "$w/apply.log")"
		fi
		return
	fi
	if ! diff "$w/before" "$w/after" >"$w/rows.diff"; then
		echo "not ok $c $x->$y: rows differ after the upgrade: $(grep -m1 '^[<>]' "$w/rows.diff" | cut -f1)"
		return
	fi
	echo "ok $c $x->$y ($(wc -l <"$w/before") tables checked)"
}

# snap DB FILE SQL COMMIT: run SQL (a case script) in one transaction in DB,
# write migrate_snapshot() to FILE, and COMMIT or ROLLBACK.
snap() {
	{
		echo 'BEGIN;'
		printf '\\i %s\n' "$3"
		echo 'RESET ALL;'
		printf '\\o %s\n' "$2"
		echo 'SELECT migrate_snapshot();'
		printf '\\o\n'
		echo "$4;"
	} | psql_q -At -d "$1" >/dev/null
}

# run_case CASE N: one database for x.sql; y.sql's snapshot is taken in it
# first, in a transaction rolled back (a second database only for both
# directions, which needs y.sql for real).
run_case() {
	local c=$1 i=$2 w=$work/$2 A=${run_id}_$2_a B=${run_id}_$2_b dbs
	mkdir -p "$w"
	exec >"$w.out" 2>&1
	dbs=$A
	[ "$both" = 1 ] && dbs="$A $B"
	for db in $dbs; do
		if ! psql_q -d postgres -c "CREATE DATABASE $db TEMPLATE $tmpl" >/dev/null 2>"$w/create.err"; then
			echo "not ok $c: $(grep -m1 ERROR "$w/create.err")"
			drop_db "$A"; drop_db "$B"
			return
		fi
	done
	if ! snap "$A" "$w/b.snap" "test/roundtrip/$c/b.sql" ROLLBACK 2>"$w/b.err"; then
		echo "not ok $c: b.sql: $(grep -m1 ERROR "$w/b.err")"
	elif ! snap "$A" "$w/a.snap" "test/roundtrip/$c/a.sql" COMMIT 2>"$w/a.err"; then
		echo "not ok $c: a.sql: $(grep -m1 ERROR "$w/a.err")"
	elif [ "$both" = 1 ] &&
		! snap "$B" "$w/b.snap" "test/roundtrip/$c/b.sql" COMMIT 2>"$w/b.err"; then
		echo "not ok $c: b.sql: $(grep -m1 ERROR "$w/b.err")"
	else
		direction "$c" a b "$A" "$w/a.snap" "$w/b.snap" "$w/a-b"
		[ "$both" = 1 ] && direction "$c" b a "$B" "$w/b.snap" "$w/a.snap" "$w/b-a"
	fi
	for db in $dbs; do
		psql_q -d postgres -c "DROP DATABASE $db WITH (FORCE)" >/dev/null 2>&1
	done
}

start=$SECONDS
i=0
for c in $CASES; do
	i=$((i + 1))
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
	run_case "$c" "$i" &
done
wait

passed=0 failed=0 refused=0 filled=0 skipped=0
for f in "$work"/*.out; do
	while IFS= read -r line; do
		case $line in
		"ok "*) passed=$((passed + 1)); echo "$line" ;;
		"not ok "*) failed=$((failed + 1)); echo "$line" ;;
		"refused "*) refused=$((refused + 1)); echo "# $line" ;;
		"tables "*) set -- $line; filled=$((filled + $2)); skipped=$((skipped + $3)) ;;
		*) echo "# $line" ;;
		esac
	done <"$f"
done
echo "# tables filled: $filled, skipped: $skipped; scripts refused by the rows: $refused; $((SECONDS - start)) s"
if [ $((skipped * 5)) -gt $((filled + skipped)) ]; then
	echo "not ok: more than a fifth of the tables were skipped"
	failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
