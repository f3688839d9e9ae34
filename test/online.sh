#!/usr/bin/env bash
# Shell test, run by `make test`: an online upgrade (CALL
# migrate_upgrade_online(), docs/revisions.md, "Online mode") interrupted in
# the middle of a concurrent index build is finished by the next call, with
# no invalid index left and migrate_version right.
#
# The index is on an expression whose function waits for an advisory lock
# that this script holds, so that the build stops, in a known phase, at its
# first row; then either
#   kill     the worker is terminated (pg_terminate_backend()), or
#   restart  the server stops at once (pg_ctl stop -m immediate: a crash)
#            and starts again,
# the build having committed its invalid index.  The interrupted call
# fails; the next one drops the invalid index (concurrently), builds it
# again and finishes the revision.
#
# The server is restarted, so the test runs a cluster of its own (initdb,
# a few seconds), with the suite's extension_destdir.  About 15 seconds.
# Prints one "ok"/"not ok" line per check; exits non-zero when any fails.

set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/tap.sh"

destdir=$(value postgres "SELECT current_setting('extension_destdir', true)" 2>/dev/null)
owner=$(id -un)
[ "$(id -u)" = 0 ] && owner=postgres
dir=$(mktemp -d /tmp/pgm-online.XXXXXX)
chmod 755 "$dir"
chown "$owner" "$dir"
port=$((20000 + $$ % 10000))
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		su -s /bin/sh "$owner" -c "$1"
	else
		sh -c "$1"
	fi
}
opts="-p $port -k $dir -c listen_addresses= -c max_locks_per_transaction=1024"
[ -n "$destdir" ] && opts="$opts -c extension_destdir=$destdir"
cleanup() {
	as_owner "$bindir/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1
	rm -rf "$dir" "$work"
}
trap cleanup EXIT
# start_server: with pg_ctl; in the sanitizer run (make test-sanitize) the
# postmaster is started directly with the ASan runtime preloaded, as the
# suite's own cluster is (test/lib.sh), since the sanitized extension
# cannot be loaded without it.
start_server() {
	local env i
	if [ "${MIGRATE_SANITIZE:-}" != 1 ]; then
		as_owner "$bindir/pg_ctl -D $dir/data -o '$opts' -l $dir/server.log -w start" >/dev/null 2>&1
		return
	fi
	env=$(sanitize_server_env) || return 1
	as_owner "cd / && $env exec $bindir/postgres -D $dir/data $opts >>$dir/server.log 2>&1 </dev/null &" || return 1
	for i in $(seq 1 240); do
		"$bindir/pg_isready" -q -h "$dir" -p "$port" && return 0
		sleep 0.5
	done
	return 1
}
if ! as_owner "$bindir/initdb -D $dir/data -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 ||
	! start_server; then
	cat "$dir/initdb.log" "$dir/server.log" 2>/dev/null
	check "a cluster of its own starts" started "not started"
	exit 1
fi
export PGHOST=$dir PGPORT=$port PGUSER=postgres PGDATABASE=postgres
export PGOPTIONS="-c client_min_messages=warning"

psql_q -o /dev/null <<-'EOF' || { check "set up" 0 1; exit 1; }
	CREATE EXTENSION pg_migrate;
	CREATE TABLE big (id int);
	INSERT INTO big SELECT g FROM generate_series(1, 2000) g;
	-- an index expression that waits while another session holds lock 4242
	CREATE FUNCTION gate(i int) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
	BEGIN
		PERFORM pg_catalog.pg_advisory_lock_shared(4242);
		PERFORM pg_catalog.pg_advisory_unlock_shared(4242);
		RETURN i;
	END $$;
	SELECT migrate_revision('gated index', false,
		'CREATE INDEX big_gate ON big (public.gate(id));
		 ALTER TABLE big ADD CONSTRAINT big_pos CHECK (id > 0);',
		'ALTER TABLE big DROP CONSTRAINT big_pos; DROP INDEX big_gate;', 'g1');
EOF

# The pid of the worker once its build waits at the gate.
worker_at_gate() {
	local pid i
	for i in $(seq 1 300); do
		pid=$(value postgres "SELECT pid FROM pg_stat_activity
		                       WHERE backend_type = 'pg_migrate online' AND wait_event = 'advisory'")
		[ -n "$pid" ] && { echo "$pid"; return 0; }
		sleep 0.1
	done
	return 1
}

state() {
	value postgres "SELECT coalesce((SELECT string_agg(version_num, ',') FROM migrate_version), '-')
	                || ' invalid=' || (SELECT count(*) FROM pg_index WHERE indrelid = 'big'::regclass AND NOT indisvalid)
	                || ' indexes=' || (SELECT count(*) FROM pg_index WHERE indrelid = 'big'::regclass)
	                || ' log=' || (SELECT count(*) FROM migrate_log)"
}

# interrupt NAME COMMAND: the build stops at the gate, COMMAND interrupts it
# (with $pid the worker's), then the next call finishes the upgrade.
interrupt() {
	local name=$1 command=$2 pid bg holder before
	before=$(value postgres "SELECT count(*) FROM migrate_log")
	"$bindir/psql" -X -q -c "SELECT pg_advisory_lock(4242)" -c "SELECT pg_sleep(120)" >/dev/null 2>&1 &
	holder=$!
	until [ "$(value postgres "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND granted")" = 1 ]; do
		sleep 0.05
	done
	PGOPTIONS="$PGOPTIONS -c pg_migrate.online_lock_timeout=120s" \
		"$bindir/psql" -X -q -c "CALL migrate_upgrade_online('g1')" >"$work/$name.out" 2>&1 &
	bg=$!
	if ! pid=$(worker_at_gate); then
		check "$name: the build reached the gate" reached "not reached"
		kill "$holder" "$bg" 2>/dev/null
		return
	fi
	check "$name: migrate_progress shows the build running, and its phase" "1 running building index" \
		"$(value postgres "SELECT step || ' ' || state || ' ' || split_part(phase, ':', 1) FROM migrate_progress WHERE state = 'running'")"
	eval "$command"
	wait "$bg"
	value postgres "SELECT pg_terminate_backend(pid) FROM pg_locks
	                 WHERE locktype = 'advisory' AND objid = 4242 AND granted" >/dev/null 2>&1
	wait "$holder" 2>/dev/null
	if grep -q "stopped before it finished\|terminating connection\|server closed the connection\|connection to server was lost" "$work/$name.out"; then
		check "$name: the interrupted call fails" yes yes
	else
		check "$name: the interrupted call fails" failure "$(tr '\n' ' ' <"$work/$name.out")"
	fi
	check "$name: an invalid index is left, the version and the log as they were" \
		"- invalid=1 indexes=1 log=$before" "$(state)"

	psql_q -c "CALL migrate_upgrade_online('g1')" >"$work/$name.again" 2>&1
	check "$name: the next call finishes: no invalid index, the version is g1" \
		"g1 invalid=0 indexes=1 log=$((before + 1))" "$(state)"
	check "$name: the constraint is validated once" "t" \
		"$(value postgres "SELECT convalidated FROM pg_constraint WHERE conname = 'big_pos'")"
	check "$name: the build ran twice, the constraint's steps once" "1:2 2:1 3:1" \
		"$(value postgres "SELECT string_agg(step || ':' || tries, ' ' ORDER BY step) FROM migrate_progress WHERE revision = 'g1'")"
	psql_q -c "CALL migrate_downgrade_online('base')" >/dev/null 2>&1
	check "$name: and down again" "- invalid=0 indexes=0 log=$((before + 2))" "$(state)"
}

interrupt kill 'value postgres "SELECT pg_terminate_backend($pid)" >/dev/null'
interrupt restart 'as_owner "$bindir/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1
	start_server'

# A step that waits too long for a lock gives up and is tried again: a
# session holds a lock on the table for a while; the step's lock_timeout
# is shorter.
value postgres "SELECT migrate_revision('a check', false,
	'ALTER TABLE big ADD CONSTRAINT big_small CHECK (id < 1000000)',
	'ALTER TABLE big DROP CONSTRAINT big_small', 'g2', parents => '{}')" >/dev/null
"$bindir/psql" -X -q -c "BEGIN" -c "LOCK TABLE big IN ACCESS SHARE MODE" -c "SELECT pg_sleep(1.5)" \
	-c "COMMIT" >/dev/null 2>&1 &
holder=$!
until [ "$(value postgres "SELECT count(*) FROM pg_locks WHERE relation = 'big'::regclass AND mode = 'AccessShareLock' AND granted AND pid <> pg_backend_pid()")" = 1 ]; do
	sleep 0.05
done
PGOPTIONS="$PGOPTIONS -c pg_migrate.online_lock_timeout=100ms -c pg_migrate.online_retry_delay=50ms" \
	psql_q -c "CALL migrate_upgrade_online('g2')" >"$work/retry.out" 2>&1
wait "$holder"
check "retry: the upgrade finishes once the lock is free" "g2" "$(value postgres "SELECT version_num FROM migrate_version")"
check "retry: the first step was tried more than once, the second once" "true 1" \
	"$(value postgres "SELECT string_agg(CASE WHEN step = 1 THEN (tries > 1)::text ELSE tries::text END, ' ' ORDER BY step) FROM migrate_progress WHERE revision = 'g2'")"

echo "1..$n"
[ "$failures" = 0 ]
