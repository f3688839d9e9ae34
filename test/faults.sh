#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): a migrate_upgrade() interrupted in the middle of
# its steps leaves the schema, migrate_version and migrate_log as they were
# (docs/reliability.md, Faults).  One fault of each kind, with two psql
# sessions: the first upgrades through a step that creates a table, then
# waits (pg_sleep) or fails; the second interrupts it:
#   cancel            pg_cancel_backend() of the upgrading session
#   terminate         pg_terminate_backend() of it (the connection is lost)
#   statement_timeout the upgrading session's own statement_timeout
#   lock_timeout      pg_migrate.lock_timeout, a step waiting behind the
#                     second session's lock
#   failing step      a step that fails (1/0) after one that succeeded
# For each: the state before and after (a digest of migrate_snapshot(),
# the rows of migrate_version and of migrate_log) must be equal, and the
# upgrade must then succeed.  About 5 seconds.  Prints one "ok"/"not ok"
# line per check; exits non-zero when any fails.

set -u
. "$(dirname "$0")/lib/tap.sh"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

db=pgm_faults
trap '"$bindir/dropdb" --if-exists "$db" 2>/dev/null; rm -rf "$work"' EXIT
"$bindir/dropdb" --if-exists "$db" 2>/dev/null
"$bindir/createdb" "$db" || { check "createdb $db" 0 1; exit 1; }

psql_q -d "$db" -o /dev/null <<-'EOF' || { check "set up $db" 0 1; exit 1; }
	SET client_min_messages = warning;
	CREATE EXTENSION pg_migrate;
	CREATE TABLE locked (id int);
	-- three bases, one for each way a step is interrupted:
	-- f1 creates a table, then waits: the session is interrupted there
	SELECT migrate_revision('create f_t, then wait', false,
		'CREATE TABLE f_t (id int); SELECT pg_catalog.pg_sleep(60);', 'DROP TABLE f_t;', 'f1');
	-- fl waits for a lock that another session holds
	SELECT migrate_revision('lock', false, 'CREATE TABLE f_l (); LOCK TABLE locked;', 'DROP TABLE f_l;',
		'fl', parents => '{}');
	-- fa succeeds, fb after it fails
	SELECT migrate_revision('create f_a', false, 'CREATE TABLE f_a ();', 'DROP TABLE f_a;',
		'fa', parents => '{}');
	SELECT migrate_revision('fails', false, 'CREATE TABLE f_b (); SELECT 1/0;', 'DROP TABLE f_b;',
		'fb', parents => '{fa}');
EOF

state() {
	value "$db" "SELECT md5(migrate_snapshot()::text)
	              || ' version=' || coalesce((SELECT string_agg(version_num, ',' ORDER BY version_num) FROM migrate_version), '-')
	              || ' log=' || (SELECT count(*) FROM migrate_log)"
}

# The pid of the session whose query matches $1, once it waits on $2
# (a wait event, e.g. PgSleep or a lock): polls pg_stat_activity.
wait_for() {
	local pid i
	for i in $(seq 1 200); do
		pid=$(value "$db" "SELECT pid FROM pg_stat_activity
		                    WHERE datname = current_database() AND pid <> pg_backend_pid()
		                      AND query LIKE '%$1%' AND wait_event = '$2' LIMIT 1")
		[ -n "$pid" ] && { echo "$pid"; return 0; }
		sleep 0.05
	done
	return 1
}

# fault NAME TARGET EXPECTED-ERROR-PATTERN SETTINGS INTERRUPT: runs the
# upgrade to TARGET in the background with SETTINGS, interrupts it with
# INTERRUPT (a command that gets the pid of the upgrading session as $pid)
# once it sleeps in its step, and checks the error and that nothing
# changed.
fault() {
	local name=$1 target=$2 pattern=$3 settings=$4 interrupt=$5 before after pid bg
	before=$(state)
	"$bindir/psql" -X -q -d "$db" -c "$settings" \
		-c "SELECT * FROM migrate_upgrade('$target')" >"$work/$name.out" 2>&1 &
	bg=$!
	if [ -n "$interrupt" ]; then
		if pid=$(wait_for "migrate_upgrade" PgSleep); then
			eval "$interrupt" >/dev/null
		else
			check "$name: the upgrade reached its step" reached "not reached"
		fi
	fi
	wait "$bg"
	if grep -q "$pattern" "$work/$name.out"; then
		check "$name: the upgrade fails ($pattern)" yes yes
	else
		check "$name: the upgrade fails ($pattern)" "$pattern" "$(tr '\n' ' ' <"$work/$name.out")"
	fi
	after=$(state)
	check "$name: schema, migrate_version and migrate_log as they were" "$before" "$after"
}

fault cancel f1 "canceling statement due to user request" "SELECT 1" \
	'value "$db" "SELECT pg_cancel_backend($pid)"'
fault terminate f1 "terminating connection due to administrator command\|server closed the connection" "SELECT 1" \
	'value "$db" "SELECT pg_terminate_backend($pid)"'
fault statement_timeout f1 "canceling statement due to statement timeout" "SET statement_timeout = '300ms'" ""

# lock_timeout: the step waits for a lock that a second session holds.
"$bindir/psql" -X -q -d "$db" -c "BEGIN; LOCK TABLE locked; SELECT pg_sleep(30); COMMIT;" >/dev/null 2>&1 &
holder=$!
wait_for "LOCK TABLE locked; SELECT pg_sleep" PgSleep >/dev/null
fault lock_timeout fl "canceling statement due to lock timeout" "SET pg_migrate.lock_timeout = '200ms'" ""
value "$db" "SELECT pg_cancel_backend(pid) FROM pg_stat_activity
             WHERE datname = current_database() AND query LIKE 'BEGIN; LOCK TABLE locked%'" >/dev/null
wait "$holder" 2>/dev/null

# A failing step after one that succeeded: nothing of either is kept.
fault failing_step fb "division by zero" "SELECT 1" ""

# After every fault, an upgrade runs.
value "$db" "SELECT count(*) FROM migrate_upgrade('fa')" >/dev/null
check "after the faults, an upgrade runs" "fa" "$(value "$db" "SELECT version_num FROM migrate_version")"

[ "$failures" = 0 ]
