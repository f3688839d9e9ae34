#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): autogenerate's self-check, with its partial
# snapshots checked against whole ones, on every case of the round-trip
# corpus (test/roundtrip/<case>/{a.sql,b.sql}) in both directions.
#
# Per case: databases A and B, each a copy of a template with pg_migrate,
# get a.sql and b.sql (psql -1) and their snapshot, migrate_snapshot() of
# every user schema, taken with the schemas only the other database has
# created empty (rolled back; see snap() below).  Then, for a->b, in A:
#
#   SET pg_migrate.debug_verify_partial_snapshots = on;
#   BEGIN;
#   SELECT migrate_model_import(<B's snapshot>);   -- each schema of B a model
#   SELECT migrate_revision('corpus');
#   ROLLBACK;
#
# must give a revision id, or the NOTICE "No changes in schema detected."
# (the pair does not differ within the model's scope); and b->a the same in
# B with A's snapshot.  Everything is rolled back, so A and B serve as the
# source of one direction and the target of the other.
#
# The model's scope is the schemas of the target's snapshot.  A model
# cannot say "no such schema", so a schema only the source has is in the
# model as an empty schema: the revision empties it instead of dropping it.
#
# With the setting on, each partial snapshot of the self-check is compared
# with a whole one: "pg_migrate: the partial snapshot differs from the whole
# one at ..." is always a failure.  Other refusals that are autogenerate's
# own limits are listed in test/autogen_corpus.known_failures ("<case>
# <a->b|b->a><TAB><why>"): such a check prints "not ok ... # known failure"
# and does not fail the test; a listed check that passes fails it, so that
# its line is taken out.
#
# The revision's observed rewrites (what the rehearsal saw PostgreSQL do:
# a live table's copy given a new file) are compared step by step with the
# diff's static table_rewrite hazards (migrate_check(), taken before the
# revision): a check whose differences are not those
# test/autogen_corpus.hazards lists for it fails.  Locks are not compared:
# the diff's blocking_lock marks a statement that holds its lock while it
# reads or builds over the rows, which the rehearsal on copies without rows
# cannot time; it records the mode of every lock (most ALTER TABLEs take
# ACCESS EXCLUSIVE, if only briefly).
#
# Prints one "ok <case> a->b" / "not ok <case> a->b: <first error line>"
# line per check, then "N passed, M failed (K known failures)"; exits
# non-zero when any check fails.  AUTOGEN_CORPUS_CASES overrides the list of
# cases; AUTOGEN_CORPUS_JOBS (default 2) cases run side by side.

set -u
cd "$(dirname "$0")/.." || exit 1
. test/lib/tap.sh
known=test/autogen_corpus.known_failures
hazards=test/autogen_corpus.hazards
jobs=${AUTOGEN_CORPUS_JOBS:-2}
run_id=pgm_ac_$$
tmpl=${run_id}_tmpl
# One statement (the revision, its self-check) may not hang the suite.
export PGOPTIONS="${PGOPTIONS:-} -c statement_timeout=300s"

if [ -n "${AUTOGEN_CORPUS_CASES:-}" ]; then
	CASES=$AUTOGEN_CORPUS_CASES
else
	# every case of this tier (test/roundtrip/cases; make test-long: all)
	CASES=$(bash test/roundtrip/cases | tr '\n' ' ')
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

# Roles of the corpus (the round-trip runner creates them the same way).
psql_q -d postgres -f test/lib/corpus_roles.sql || exit 1
psql_q -d postgres -c "CREATE DATABASE $tmpl TEMPLATE template0 ENCODING 'UTF8'" || exit 1
psql_q -d "$tmpl" -c 'CREATE EXTENSION pg_migrate' || exit 1

# build DB SCRIPT DIR: DB from the template and SCRIPT run in it; the names
# of its user schemas (those a snapshot covers) in DIR/schemas, as an array
# literal.  Prints the first error on failure.
build() {
	local db=$1 script=$2 w=$3
	if ! psql_q -d postgres -c "CREATE DATABASE $db TEMPLATE $tmpl" 2>"$w/err" ||
		! psql_q -d "$db" -1 -f "$script" -o /dev/null 2>"$w/err" ||
		! psql_q -At -d "$db" >"$w/schemas" 2>"$w/err" <<-'EOF'; then
			SELECT array_agg(nspname ORDER BY nspname) FROM pg_namespace
			 WHERE nspname NOT IN ('pg_catalog', 'information_schema')
			   AND nspname !~ '^pg_(toast|temp_)';
		EOF
		grep -m1 'ERROR' "$w/err" || head -1 "$w/err"
		return 1
	fi
}

# snap DB OTHER-SCHEMAS DIR: the snapshot of DB as a target, in DIR/snap
# (one line of jsonb text): migrate_snapshot() of every user schema, with
# the schemas of OTHER-SCHEMAS (the source's, a file written by build())
# that DB lacks created empty first (rolled back).  A model cannot say "no
# such schema", so this is how the model says that what the source has in
# them goes: without them, the model's scope would leave them out and a
# drop in a modelled schema could fail on their objects that depend on it.
snap() {
	local db=$1 other=$2 w=$3
	if ! psql_q -At -d "$db" >"$w/snap" 2>"$w/err" <<-EOF; then
		\\set other \`cat $other\`
		SET client_min_messages = warning;
		BEGIN;
		SELECT format('CREATE SCHEMA %I', s) FROM unnest(:'other'::name[]) s
		 WHERE NOT EXISTS (SELECT FROM pg_namespace WHERE nspname = s) \\gexec
		SELECT migrate_snapshot();
		ROLLBACK;
	EOF
		grep -m1 'ERROR' "$w/err" || head -1 "$w/err"
		return 1
	fi
}

# revise DB SNAPSHOT-FILE LOG: the target's snapshot as the model of DB, one
# autogenerated revision, all rolled back.  Prints the outcome: "revision
# <id>", "no difference", or the error (with its detail).
revise() {
	local db=$1 snap=$2 log=$3 out
	out=$(psql_q -At -d "$db" -v VERBOSITY=default 2>"$log" <<-EOF
		\\set snap \`cat $snap\`
		SET pg_migrate.debug_verify_partial_snapshots = on;
		BEGIN;
		SELECT migrate_model_import(:'snap') \\g /dev/null
		CREATE TEMP TABLE static_hazards AS SELECT step, hazards FROM migrate_check();
		SELECT 'revision ' || coalesce(migrate_revision('corpus'), '(none)');
		SELECT 'hazards ' || coalesce(string_agg(format('%s:%s/%s', step, st, ob), ' ' ORDER BY step), '')
		  FROM (SELECT c.step,
		               CASE WHEN 'table_rewrite' = ANY (c.hazards) THEN 'rewrite' ELSE '' END AS st,
		               CASE WHEN EXISTS (SELECT FROM unnest(r.observed_hazards) h
		                                  WHERE h LIKE 'step ' || c.step || ': rewrites %') THEN 'rewrite' ELSE '' END AS ob
		          FROM pg_temp.static_hazards c, migrate_revisions r WHERE r.autogenerated) d
		 WHERE st <> ob;
		ROLLBACK;
	EOF
	)
	hz=$(printf '%s\n' "$out" | sed -n 's/^hazards //p')
	out=$(printf '%s\n' "$out" | grep -v '^hazards ')
	if grep -q '^ERROR:' "$log"; then
		sed -n '/^ERROR:/,$p' "$log" | grep -v '^CONTEXT:\|^DEBUG:\|^ \|^LINE\|^psql:' | head -3
		return 1
	fi
	case $out in
	"revision (none)")
		if grep -q 'No changes in schema detected' "$log"; then
			echo "no difference"
			return 0
		fi
		echo "no revision and no NOTICE: $(head -1 "$log")"
		return 1
		;;
	"revision "*)
		# How the self-check's snapshots were taken (the setting's NOTICEs):
		# partial ones are those compared with a whole one.
		echo "$out; partial snapshots: $(grep -c 'a partial snapshot after the' "$log"), whole: $(grep -c 'a whole snapshot after the' "$log")"
		grep -o 'a whole snapshot after the .*' "$log" | sed 's/^/# /'
		echo "# hazards $hz"
		return 0
		;;
	esac
	echo "unexpected output: ${out:-(none)} $(head -1 "$log")"
	return 1
}

# check CASE DIRECTION OUTCOME STATUS: one result line, to stdout.
report() {
	local c=$1 d=$2 outcome=$3 st=$4 first
	first=$(printf '%s\n' "$outcome" | head -1)
	if grep -q "^$c $d	" "$known" 2>/dev/null; then
		if [ "$st" = 0 ]; then
			echo "not ok $c $d: passes ($first), take it off $known"
			echo FAIL >&3
		elif printf '%s' "$outcome" | grep -q 'partial snapshot differs'; then
			echo "not ok $c $d: $first"
			printf '%s\n' "$outcome" | tail -n +2 | sed 's/^/#   /'
			echo FAIL >&3
		else
			echo "not ok $c $d: $first # known failure"
			echo KNOWN >&3
		fi
	elif [ "$st" = 0 ]; then
		# The hazards the rehearsal observed against the diff's, step by
		# step: the same, or the differences documented in $hazards.
		hz=$(printf '%s\n' "$outcome" | sed -n 's/^# hazards //p')
		listed=$(grep "^$c $d	" "$hazards" 2>/dev/null | cut -f2)
		if [ "$listed" != "$hz" ]; then
			echo "not ok $c $d: hazards: static/observed per step differ: \"$hz\"; $hazards says \"$listed\""
			echo FAIL >&3
		else
			echo "ok $c $d ($first)"
			printf '%s\n' "$outcome" | tail -n +2
			echo PASS >&3
		fi
	else
		echo "not ok $c $d: $first"
		printf '%s\n' "$outcome" | tail -n +2 | sed 's/^/#   /'
		echo FAIL >&3
	fi
}

# run_case CASE INDEX: both directions of one case; result lines to
# $work/INDEX.out, statuses to $work/INDEX.st.
run_case() {
	local c=$1 i=$2 w=$work/$2 A=${run_id}_$2_a B=${run_id}_$2_b err o st
	mkdir -p "$w/a" "$w/b"
	exec 3>"$w.st" >"$w.out"
	if ! err=$(build "$A" "test/roundtrip/$c/a.sql" "$w/a"); then
		report "$c" 'a->b' "a.sql: $err" 1
		report "$c" 'b->a' "a.sql: $err" 1
	elif ! err=$(build "$B" "test/roundtrip/$c/b.sql" "$w/b"); then
		report "$c" 'a->b' "b.sql: $err" 1
		report "$c" 'b->a' "b.sql: $err" 1
	else
		if err=$(snap "$B" "$w/a/schemas" "$w/b"); then
			o=$(revise "$A" "$w/b/snap" "$w/a-b.log"); st=$?
		else
			o="snapshot of B: $err"; st=1
		fi
		report "$c" 'a->b' "$o" $st
		if err=$(snap "$A" "$w/b/schemas" "$w/a"); then
			o=$(revise "$B" "$w/a/snap" "$w/b-a.log"); st=$?
		else
			o="snapshot of A: $err"; st=1
		fi
		report "$c" 'b->a' "$o" $st
	fi
	drop_db "$A"
	drop_db "$B"
	rm -rf "$w"
}

start=$(date +%s)
i=0
for c in $CASES; do
	i=$((i + 1))
	(run_case "$c" "$i") &
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
done
wait
for j in $(seq 1 "$i"); do
	cat "$work/$j.out"
done
pass=$(cat "$work"/*.st 2>/dev/null | grep -c '^PASS$')
fail=$(cat "$work"/*.st 2>/dev/null | grep -c '^FAIL$')
kn=$(cat "$work"/*.st 2>/dev/null | grep -c '^KNOWN$')
missing=$((2 * i - pass - fail - kn))
if [ "$missing" -gt 0 ]; then
	echo "not ok: $missing checks gave no result"
	fail=$((fail + missing))
fi
read -r partial whole < <(cat "$work"/*.out | awk -F 'partial snapshots: |, whole: |[)]$' \
	'/^ok .*partial snapshots: / { p += $2; w += $3 } END { print p + 0, w + 0 }')
echo "# self-checks of the passing revisions: $partial partial snapshots, each compared with a whole one; $whole whole snapshots instead"
echo "$pass passed, $fail failed ($kn known failures) in $(($(date +%s) - start)) s"
[ "$fail" = 0 ]
