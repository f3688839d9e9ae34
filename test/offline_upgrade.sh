#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): offline mode (docs/revisions.md).  A database at a
# start revision is copied (CREATE DATABASE ... TEMPLATE); the original is
# upgraded online with migrate_upgrade(), the copy by running the script of
# migrate_upgrade_sql() with psql -f.  Both must end with the same schema
# (migrate_snapshot()), the same migrate_version and the same steps in
# migrate_log.  The same for a downgrade (migrate_downgrade_sql), and for a
# script written elsewhere with from_revision.  Prints one "ok"/"not ok"
# line per check; exits non-zero when any check fails.

set -u
. "$(dirname "$0")/lib/tap.sh"

DBS="pgm_off_online pgm_off_script pgm_off_fresh"
drop_dbs() {
	local db
	for db in $DBS; do
		"$bindir/dropdb" --if-exists "$db" 2>/dev/null
	done
}
trap 'drop_dbs; rm -rf "$work"' EXIT
drop_dbs

# What must be equal: the schema, the version table, the steps logged.
state() { # state DB
	value "$1" "SELECT md5(migrate_snapshot()::text)
	            || ' | ' || coalesce((SELECT string_agg(version_num, ',' ORDER BY version_num) FROM migrate_version), 'base')"
}
logged() { # logged DB: the steps in migrate_log, in order
	value "$1" "SELECT coalesce(string_agg(revision || ' ' || direction || ' ' || left(checksum, 8), ', ' ORDER BY id), '-')
	              FROM migrate_log WHERE direction <> 'stamp'"
}

"$bindir/createdb" pgm_off_online || exit 1
psql_q -d pgm_off_online >/dev/null <<'EOF' || { check "set up pgm_off_online" 0 1; exit 1; }
SET client_min_messages = warning;
CREATE EXTENSION pg_migrate;
CREATE SCHEMA app;
SELECT migrate_revision('create polls', false,
    $$CREATE TABLE app.polls (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, question text NOT NULL)$$,
    'DROP TABLE app.polls', 'aa01');
SELECT migrate_revision('create voters', false,
    $$CREATE TABLE app.voters (id bigserial PRIMARY KEY, poll_id bigint REFERENCES app.polls,
        name text CHECK (name <> ''));
      COMMENT ON TABLE app.voters IS 'who voted';$$,
    'DROP TABLE app.voters;', 'aa02');
SELECT migrate_revision('add email', false,
    'ALTER TABLE app.voters ADD email text; CREATE UNIQUE INDEX voters_email ON app.voters (lower(email));',
    'DROP INDEX app.voters_email; ALTER TABLE app.voters DROP email;', 'bb01', branch_label => 'mail');
SELECT migrate_revision('a function', false,
    $$CREATE FUNCTION app.n_voters(p bigint) RETURNS bigint LANGUAGE sql STABLE
        AS $f$ SELECT count(*) FROM app.voters WHERE poll_id = p $f$;
      -- a comment at the end$$,
    'DROP FUNCTION app.n_voters(bigint)', 'bb02');
SELECT migrate_revision('create votes', false,
    'CREATE TYPE app.choice AS ENUM (''yes'', ''no''); CREATE TABLE app.votes (voter_id bigint REFERENCES app.voters, choice app.choice)',
    'DROP TABLE app.votes; DROP TYPE app.choice', 'cc01', parents => '{aa02}', branch_label => 'votes');
SELECT migrate_merge('merge', '{bb02,cc01}') AS m \gset
SELECT migrate_revision('a view', false,
    'CREATE VIEW app.poll_counts AS SELECT p.id, app.n_voters(p.id) AS n FROM app.polls p',
    'DROP VIEW app.poll_counts', 'dd01', parents => ARRAY[:'m']);
SELECT count(*) FROM migrate_upgrade('aa02');
EOF

# The copy at the start revision, and the script written on the original.
psql_q -d postgres -c "CREATE DATABASE pgm_off_script TEMPLATE pgm_off_online" || exit 1
value pgm_off_online "SELECT migrate_upgrade_sql('heads')" >"$work/up.sql"
check "the offline script names every step" 5 "$(grep -c '^-- Running upgrade' "$work/up.sql")"
check "writing the script changed nothing" "aa02" "$(value pgm_off_online 'SELECT string_agg(version_num, $$,$$) FROM migrate_version')"

# Online on the original, offline on the copy.
psql_q -d pgm_off_online -c "SELECT count(*) FROM migrate_upgrade('heads')" >/dev/null 2>&1 ||
	check "online upgrade" 0 1
if psql_q -d pgm_off_script -f "$work/up.sql" >"$work/up.log" 2>&1; then
	check "psql -f of the upgrade script" 0 0
else
	check "psql -f of the upgrade script" 0 1
	cat "$work/up.log"
fi
check "upgrade: same schema and migrate_version" "$(state pgm_off_online)" "$(state pgm_off_script)"
check "upgrade: same steps logged" "$(logged pgm_off_online)" "$(logged pgm_off_script)"
check "upgrade: at dd01" "dd01" "$(value pgm_off_script 'SELECT string_agg(version_num, $$,$$) FROM migrate_version')"

# Down to a revision below the merge: the unmerge and one branch.
value pgm_off_script "SELECT migrate_downgrade_sql('bb01')" >"$work/down.sql"
psql_q -d pgm_off_online -c "SELECT count(*) FROM migrate_downgrade('bb01')" >/dev/null 2>&1 ||
	check "online downgrade" 0 1
psql_q -d pgm_off_script -f "$work/down.sql" >"$work/down.log" 2>&1 ||
	{ check "psql -f of the downgrade script" 0 1; cat "$work/down.log"; }
check "downgrade: same schema and migrate_version" "$(state pgm_off_online)" "$(state pgm_off_script)"
check "downgrade: same steps logged" "$(logged pgm_off_online)" "$(logged pgm_off_script)"
check "downgrade: the votes branch stays" "bb01,cc01" "$(value pgm_off_script 'SELECT string_agg(version_num, $$,$$ ORDER BY version_num) FROM migrate_version')"

# A script for another database, written with from_revision: a fresh
# install holding the same revisions (by migrate_export) goes from base to
# the heads as the original went online.
"$bindir/createdb" pgm_off_fresh || exit 1
value pgm_off_online "SELECT migrate_export()" >"$work/export.sql"
value pgm_off_online "SELECT migrate_upgrade_sql('heads', 'base')" >"$work/full.sql"
psql_q -d pgm_off_fresh -c "SET client_min_messages = warning" -c "CREATE EXTENSION pg_migrate" -c "CREATE SCHEMA app" >/dev/null &&
	psql_q -d pgm_off_fresh -f "$work/export.sql" >/dev/null &&
	psql_q -d pgm_off_fresh -f "$work/full.sql" >/dev/null 2>&1 ||
	check "psql -f of the script from base" 0 1
psql_q -d pgm_off_online -c "SELECT count(*) FROM migrate_upgrade('heads')" >/dev/null 2>&1
check "from base: same schema and migrate_version" "$(state pgm_off_online)" "$(state pgm_off_fresh)"

# Steps run under the search_path the session had when it called the
# upgrade, whatever the step before did: a step that SETs and RESETs
# search_path (as every autogenerated step does) goes back to the session's
# default, not to what the session had SET.  Online each step is isolated;
# the script puts its starting path back after each step.
DBS="$DBS pgm_off_path_online pgm_off_path_script"
"$bindir/createdb" pgm_off_path_online || exit 1
psql_q -d pgm_off_path_online >/dev/null <<'EOF' || { check "set up pgm_off_path_online" 0 1; exit 1; }
SET client_min_messages = warning;
CREATE EXTENSION pg_migrate;
CREATE SCHEMA app2;
SELECT migrate_revision('as autogenerate writes it', false,
    'SET search_path = app2, pg_catalog; CREATE TABLE t1 (id int); RESET search_path;',
    'DROP TABLE app2.t1', 'ff01');
SELECT migrate_revision('unqualified, by hand', false,
    'CREATE TABLE t2 (id int)', 'DROP TABLE t2', 'ff02');
EOF
psql_q -d postgres -c "CREATE DATABASE pgm_off_path_script TEMPLATE pgm_off_path_online" || exit 1
value pgm_off_path_online "SELECT migrate_upgrade_sql('heads')" >"$work/path.sql"
psql_q -d pgm_off_path_online -c "SET search_path = app2" -c "SELECT count(*) FROM public.migrate_upgrade('heads')" >/dev/null 2>&1 ||
	check "online upgrade under search_path app2" 0 1
psql_q -d pgm_off_path_script -c "SET search_path = app2" -f "$work/path.sql" >"$work/path.log" 2>&1 ||
	{ check "psql -f of the script under search_path app2" 0 1; cat "$work/path.log"; }
check "search_path: t2 in app2 online" "app2" "$(value pgm_off_path_online "SELECT relnamespace::regnamespace FROM pg_class WHERE relname = 't2'")"
check "search_path: same schema and migrate_version" "$(state pgm_off_path_online)" "$(state pgm_off_path_script)"

echo "1..$n"
[ "$failures" = 0 ]
