#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): a model set by DDL is the snapshot of the same DDL
# run in a real schema (SPEC section 3).  For each case of the round-trip
# corpus below, in a fresh database: migrate_model_set(b.sql, 'public'),
# then b.sql run for real (psql -1), then migrate_model('{public}') must
# equal migrate_snapshot('{public}') byte for byte.
#
# Every case of the corpus (test/roundtrip/*/) but those below, whose b.sql
# cannot be the model of one schema, each with why.  In b.sql, names
# qualified with "public." are written unqualified for the model (objects
# of a model are unqualified: migrate_model_set() refuses a qualified
# target, and a qualified reference would reach the live schema).
# MODEL_ROUNDTRIP_CASES overrides the list.  Prints one "ok"/"not ok" line
# per case; exits non-zero when any fails.

set -u
cd "$(dirname "$0")/.." || exit 1
bindir=$("${PG_CONFIG:-pg_config}" --bindir)
work=$(mktemp -d)
failures=0
n=0
tmpl=pgm_model_rt_tmpl
db=pgm_model_rt

NOT_A_MODEL="
app_helpdesk	several schemas, extensions, SET (a pg_dump -s of a whole database)
app_saas_billing	several schemas, extensions, SET (a pg_dump -s of a whole database)
app_shop	several schemas, extensions, SET (a pg_dump -s of a whole database)
awkward_names	creates a schema of its own
comments_everywhere	creates a schema of its own
drop_everything	empty: a model cannot be empty
exclusion_constraint	creates an extension (a model refuses an extension not installed)
expression_index_extension_opclass	creates an extension
extension_added	creates an extension
extension_schema_changed	creates a schema and extensions
extension_version_upgrade	creates an extension
from_empty	creates a schema of its own
grants_and_revokes	creates a schema of its own
schema_add_drop	creates a schema of its own
schema_comment_and_grant	creates a schema of its own
schema_renamed	creates a schema of its own
search_path_relative_names	creates schemas of its own
several_schemas	creates schemas of its own
types_in_other_schema	creates a schema of its own
"

if [ -n "${MODEL_ROUNDTRIP_CASES:-}" ]; then
	CASES=$MODEL_ROUNDTRIP_CASES
else
	CASES=
	for d in test/roundtrip/*/; do
		c=$(basename "$d")
		[ -f "$d/b.sql" ] || continue
		printf '%s\n' "$NOT_A_MODEL" | grep -q "^$c	" && continue
		CASES="$CASES $c"
	done
fi

psql_q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
	"$bindir/dropdb" --if-exists "$db" 2>/dev/null
	"$bindir/dropdb" --if-exists "$tmpl" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
cleanup
mkdir -p "$work"

# Roles of the corpus (the round-trip runner creates them the same way).
psql_q -d postgres <<-'EOF_ROLES' || exit 1
	SET client_min_messages = warning;
	DO $$
	BEGIN
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_reader') THEN CREATE ROLE rt_reader; END IF;
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_writer') THEN CREATE ROLE rt_writer; END IF;
		IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_admin') THEN CREATE ROLE rt_admin; END IF;
	END
	$$;
EOF_ROLES
"$bindir/createdb" "$tmpl" || exit 1
psql_q -d "$tmpl" -c 'CREATE EXTENSION pg_migrate' || exit 1

for c in $CASES; do
	n=$((n + 1))
	f=test/roundtrip/$c/b.sql
	"$bindir/dropdb" --if-exists "$db" 2>/dev/null
	if ! "$bindir/createdb" -T "$tmpl" "$db"; then
		echo "not ok $n - $c: createdb"
		failures=$((failures + 1))
		continue
	fi
	# psql interpolates :'ddl' (quoted as a literal) only in its input
	# names a model holds are unqualified: b.sql's "public." is left out
	if ! echo "SELECT migrate_model_set(:'ddl', 'public');" |
		psql_q -d "$db" -v ddl="$(sed -E 's/(^|[^A-Za-z0-9_."])public\./\1/g' "$f")" \
			-o /dev/null 2>"$work/err"; then
		echo "not ok $n - $c: migrate_model_set(b.sql) failed"
		sed 's/^/#   /' "$work/err"
		failures=$((failures + 1))
		continue
	fi
	if ! psql_q -d "$db" -1 -f "$f" -o /dev/null 2>"$work/err"; then
		echo "not ok $n - $c: b.sql failed"
		sed 's/^/#   /' "$work/err"
		failures=$((failures + 1))
		continue
	fi
	psql_q -d "$db" -At -c "SELECT jsonb_pretty(migrate_model('{public}'))" >"$work/model"
	psql_q -d "$db" -At -c "SELECT jsonb_pretty(migrate_snapshot('{public}'))" >"$work/snapshot"
	if cmp -s "$work/model" "$work/snapshot"; then
		echo "ok $n - $c"
	else
		echo "not ok $n - $c: model and snapshot differ"
		diff -u "$work/snapshot" "$work/model" | head -40 | sed 's/^/#   /'
		failures=$((failures + 1))
	fi
done
"$bindir/dropdb" --if-exists "$db"

echo "$((n - failures)) of $n cases: model = snapshot"
[ "$failures" = 0 ]
