#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): migrate_export() (docs/revisions.md).  The script of
# a history with branch labels, a merge, a dependency, awkward SQL text and
# online marks (docs/revisions.md, "Marking revisions online") replays on a
# fresh install into the same history with the same marks, also in a
# session whose pg_migrate.online_default is on; replayed again it
# changes nothing; a revision changed under the same id is an error that
# leaves everything as it was.  Prints one "ok"/"not ok" line per check;
# exits non-zero when any check fails.

set -u
. "$(dirname "$0")/lib/tap.sh"

DBS="pgm_export_src pgm_export_dst pgm_export_dst2"
drop_dbs() {
	local db
	for db in $DBS; do
		"$bindir/dropdb" --if-exists "$db" 2>/dev/null
	done
}
trap 'drop_dbs; rm -rf "$work"' EXIT
drop_dbs

# The history as the user sees it, and every stored column but the times.
history() { value "$1" "SELECT md5(string_agg(h::text, E'\n')) FROM (SELECT revision, parents, branch_labels, message, is_head FROM migrate_history()) h"; }
content() {
	value "$1" "SELECT md5(string_agg(r::text, E'\n' ORDER BY r.revision))
	              FROM (SELECT revision, parents, branch_labels, depends_on, message,
	                           upgrade_sql, downgrade_sql, checksum FROM migrate_revisions) r"
}
everything() { value "$1" "SELECT md5(string_agg(r::text, E'\n' ORDER BY r.revision)) FROM migrate_revisions r"; }
marks() { value "$1" "SELECT string_agg(revision || '=' || coalesce(online::text, '-'), ',' ORDER BY revision) FROM migrate_revisions"; }
# The same, of the revisions given an id by hand (generated ids are random,
# and may sort anywhere among them).
named_marks() { value "$1" "SELECT string_agg(revision || '=' || coalesce(online::text, '-'), ',' ORDER BY revision) FROM migrate_revisions WHERE revision !~ '^[0-9a-f]{12}\$'"; }

"$bindir/createdb" pgm_export_src || exit 1
psql_q -d pgm_export_src >/dev/null <<'EOF' || { check "set up pgm_export_src" 0 1; exit 1; }
SET client_min_messages = warning;
CREATE EXTENSION pg_migrate;
SELECT migrate_revision('create polls', false, 'CREATE TABLE polls (id int PRIMARY KEY)', 'DROP TABLE polls', '1f00aa');
SELECT migrate_revision(E'quotes '' and \\ backslashes', false,
    E'CREATE TABLE "Odd ""name""" (v text DEFAULT ''it''''s \\n'');\nCOMMENT ON TABLE "Odd ""name""" IS $x$dollar $$ quoted$x$;',
    E'DROP TABLE "Odd ""name""";', '2f00bb.x-y_z', branch_label => 'odd');
SELECT migrate_revision('odd two', false, 'CREATE TABLE odd2 ()', 'DROP TABLE odd2', '2f00bc');
SELECT migrate_revision(NULL, false, '', '', '3f00cc', parents => '{1f00aa}', branch_label => 'empty');
SELECT migrate_revision('depends', false, 'SELECT 1', 'SELECT 2', '4f00dd', parents => '{3f00cc}', depends_on => '{2f00bb.x-y_z}');
SELECT migrate_merge('merge all');
SELECT migrate_revision('after', false, 'CREATE TABLE after_merge ()', 'DROP TABLE after_merge');
SELECT count(*) FROM migrate_upgrade('heads');
SELECT migrate_revision_online('1f00aa', true);
SELECT migrate_revision_online('2f00bc', false);
EOF
value pgm_export_src "SELECT migrate_export()" >"$work/export.sql"
check "export holds every revision" 7 "$(grep -c 'migrate_revision(' "$work/export.sql")"
check "export holds the two online marks" 2 "$(grep -c 'migrate_revision_online(' "$work/export.sql")"

"$bindir/createdb" pgm_export_dst || exit 1
psql_q -d pgm_export_dst -c "SET client_min_messages = warning" -c "CREATE EXTENSION pg_migrate" >/dev/null
if psql_q -d pgm_export_dst -1 -f "$work/export.sql" >/dev/null 2>"$work/err"; then
	check "replay on a fresh install" 0 0
else
	check "replay on a fresh install" 0 1
	cat "$work/err"
fi
check "same history" "$(history pgm_export_src)" "$(history pgm_export_dst)"
check "same revisions, SQL and checksums" "$(content pgm_export_src)" "$(content pgm_export_dst)"
check "same online marks" "1f00aa=true,2f00bb.x-y_z=-,2f00bc=false,3f00cc=-,4f00dd=-" \
	"$(named_marks pgm_export_dst)"
check "same online marks as the source" "$(marks pgm_export_src)" "$(marks pgm_export_dst)"
check "nothing applied on the copy" 0 "$(value pgm_export_dst 'SELECT count(*) FROM migrate_version')"
value pgm_export_dst "SELECT migrate_export()" >"$work/export2.sql"
check "the copy exports the same script" "$(md5sum <"$work/export.sql")" "$(md5sum <"$work/export2.sql")"

# Replayed where new revisions are marked online: the marked ones keep
# their marks (an unmarked one takes the session's default, as any new
# revision does).
"$bindir/createdb" pgm_export_dst2 || exit 1
psql_q -d pgm_export_dst2 -c "SET client_min_messages = warning" -c "CREATE EXTENSION pg_migrate" >/dev/null
PGOPTIONS="${PGOPTIONS:-} -c pg_migrate.online_default=on" psql_q -d pgm_export_dst2 -1 -f "$work/export.sql" >/dev/null 2>&1 ||
	check "replay with pg_migrate.online_default = on" 0 1
check "online_default = on: the marks of the export are kept" "true,false" \
	"$(value pgm_export_dst2 "SELECT string_agg(online::text, ',' ORDER BY revision) FROM migrate_revisions WHERE revision IN ('1f00aa', '2f00bc')")"

before=$(everything pgm_export_dst)
psql_q -d pgm_export_dst -1 -f "$work/export.sql" >/dev/null 2>&1 ||
	check "replayed again" 0 1
check "replayed again: nothing changed" "$before" "$(everything pgm_export_dst)"
psql_q -d pgm_export_src -1 -f "$work/export.sql" >/dev/null 2>&1 ||
	check "replayed on the source itself" 0 1
check "replayed on the source itself: nothing changed" "$(content pgm_export_dst)" "$(content pgm_export_src)"

# The same id with other content.
sed 's/DROP TABLE polls/DROP TABLE IF EXISTS polls/' "$work/export.sql" >"$work/changed.sql"
if psql_q -d pgm_export_dst -1 -f "$work/changed.sql" >/dev/null 2>"$work/err"; then
	check "a changed revision is refused" 1 0
else
	check "a changed revision is refused" 1 1
fi
check "the error names the revision and what differs" 1 \
	"$(grep -c 'revision "1f00aa" already exists with different content' "$work/err")"
check "refused: nothing changed" "$before" "$(everything pgm_export_dst)"

echo "1..$n"
[ "$failures" = 0 ]
