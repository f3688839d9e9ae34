#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): a model set by DDL is the snapshot of the same DDL
# run in a real schema (docs/models.md).  For each case of the round-trip
# corpus below, in a fresh database: migrate_model_set(b.sql, 'public'),
# then b.sql run for real (psql -1), then migrate_model('{public}') must
# equal migrate_snapshot('{public}') byte for byte.  In b.sql, names
# qualified with "public." are written unqualified for the model (objects
# of a model are unqualified: migrate_model_set() refuses a qualified
# target, and a qualified reference would reach the live schema).
#
# A case with a directory test/model_cases/<case>/ (extensions, schemas of
# its own, several schemas, an empty b.sql) is checked as described above
# model_case() instead, or skipped when that directory has a file "skip"
# (its first line says why).  Every case of the corpus (test/roundtrip/cases: those
# of make test, or all with MIGRATE_TEST_LONG=1) is checked, except the
# published schemas of applications (test/roundtrip/published_*, with a
# SOURCE.md), which are not models.
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

if [ -n "${MODEL_ROUNDTRIP_CASES:-}" ]; then
	CASES=$MODEL_ROUNDTRIP_CASES
else
	# every case of this tier (test/roundtrip/cases; make test-long: all)
	CASES=$(bash test/roundtrip/cases | tr '\n' ' ')
fi

psql_q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

cleanup() {
	"$bindir/dropdb" --if-exists "$db" 2>/dev/null
	"$bindir/dropdb" --if-exists "${db}_real" 2>/dev/null
	"$bindir/dropdb" --if-exists "$tmpl" 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT
cleanup
mkdir -p "$work"

# Roles of the corpus (the round-trip runner creates them the same way).
psql_q -d postgres -f test/lib/corpus_roles.sql || exit 1
"$bindir/createdb" "$tmpl" || exit 1
psql_q -d "$tmpl" -c 'CREATE EXTENSION pg_migrate' || exit 1

# A case with a directory test/model_cases/<case>/ (its README says how
# it was made from b.sql) is checked as models of the schemas b.sql
# creates, instead of b.sql as the model of public:
#   setup.sql   run for real first, in the model's database (optional):
#               what a model cannot say (CREATE EXTENSION, CREATE SCHEMA)
#               and the objects of a schema that another schema's model
#               references; the same statements as b.sql
#   schemas     the modelled schemas, one a line, in the order they are set
#   pgoptions   settings of the session that sets the models (PGOPTIONS),
#               when b.sql itself SETs them (a model cannot say SET)
#   <schema>.sql  b.sql's statements that define objects of <schema> or
#               say the comment and privileges of <schema>, with the
#               qualification of the schema's own objects left out
# then b.sql runs for real in another fresh database, and for each schema
# s, migrate_model('{s}') of the first must equal migrate_snapshot('{s}')
# of the second, and so must migrate_model() and migrate_snapshot() of all
# the schemas at once when there are several.  A file "empty" instead
# says that b.sql holds no statement: its model must be refused with
# 22023 "the model is empty" (docs/models.md, Errors).
model_case() {
	local c=$1 dir=test/model_cases/$1 s schemas
	# a case that is no model of its own (a random pair of several schemas
	# that refer to each other): autogen_corpus.sh checks it through
	# models imported from its snapshots
	if [ -f "$dir/skip" ]; then
		echo "ok $n - $c # SKIP $(head -1 "$dir/skip")"
		return 0
	fi
	if [ -f "$dir/empty" ]; then
		if echo "SELECT migrate_model_set(:'ddl', 'public');" |
			psql_q -d "$db" -v ddl="$(cat "test/roundtrip/$c/b.sql")" \
				-v VERBOSITY=verbose -o /dev/null 2>"$work/err"; then
			echo "not ok $n - $c: an empty model was accepted"
			return 1
		fi
		if grep -q '^ERROR:  22023: the model is empty' "$work/err"; then
			echo "ok $n - $c (an empty model is refused: 22023 the model is empty)"
			return 0
		fi
		echo "not ok $n - $c: not the error of an empty model"
		sed 's/^/#   /' "$work/err"
		return 1
	fi
	if [ -f "$dir/setup.sql" ] &&
		! psql_q -d "$db" -1 -f "$dir/setup.sql" -o /dev/null 2>"$work/err"; then
		echo "not ok $n - $c: setup.sql failed"
		sed 's/^/#   /' "$work/err"
		return 1
	fi
	schemas=
	while IFS= read -r s; do
		[ -n "$s" ] || continue
		schemas="$schemas${schemas:+,}\"$s\""
		if ! echo "SELECT migrate_model_set(:'ddl', :'schema');" |
			PGOPTIONS="${PGOPTIONS:-} $(cat "$dir/pgoptions" 2>/dev/null)" \
			psql_q -d "$db" -v ddl="$(cat "$dir/$s.sql")" -v schema="$s" \
				-o /dev/null 2>"$work/err"; then
			echo "not ok $n - $c: migrate_model_set($s.sql, '$s') failed"
			sed 's/^/#   /' "$work/err"
			return 1
		fi
	done <"$dir/schemas"
	"$bindir/dropdb" --if-exists "${db}_real" 2>/dev/null
	if ! "$bindir/createdb" -T "$tmpl" "${db}_real"; then
		echo "not ok $n - $c: createdb"
		return 1
	fi
	if ! psql_q -d "${db}_real" -1 -f "test/roundtrip/$c/b.sql" -o /dev/null 2>"$work/err"; then
		echo "not ok $n - $c: b.sql failed"
		sed 's/^/#   /' "$work/err"
		return 1
	fi
	# Schema by schema, migrate_model('{s}') = migrate_snapshot('{s}'); then,
	# when there are several, all of them at once: the merged models equal
	# the snapshot of their scope, with the depends_on between the schemas
	# (a column of public of a type of common) and on the extensions
	# installed in them.  Whole documents, nothing left out.
	local bad= scopes
	scopes=$(grep -v '^$' "$dir/schemas")
	if [ "$(printf '%s\n' "$scopes" | wc -l)" -gt 1 ]; then
		scopes="$scopes
$(printf '%s\n' "$scopes" | paste -sd '\t')"
	fi
	: >"$work/diffs"
	while IFS= read -r s; do
		[ -n "$s" ] || continue
		psql_q -d "$db" -At -v s="$s" >"$work/model" <<-'EOF'
			SELECT jsonb_pretty(migrate_model(string_to_array(:'s', E'\t')::name[]));
		EOF
		psql_q -d "${db}_real" -At -v s="$s" >"$work/snapshot" <<-'EOF'
			SELECT jsonb_pretty(migrate_snapshot(string_to_array(:'s', E'\t')::name[]));
		EOF
		if ! cmp -s "$work/model" "$work/snapshot"; then
			bad="$bad {$(printf '%s' "$s" | tr '\t' ',')}"
			echo "# $c: model and snapshot of {$s} differ" >>"$work/diffs"
			diff -u "$work/snapshot" "$work/model" | head -40 | sed 's/^/#   /' >>"$work/diffs"
		fi
	done <<<"$scopes"
	"$bindir/dropdb" --if-exists "${db}_real"
	if [ -z "$bad" ]; then
		echo "ok $n - $c (models of $schemas, one by one$([ "$(grep -vc '^$' "$dir/schemas")" -gt 1 ] && echo ' and merged'))"
		return 0
	fi
	echo "not ok $n - $c: models and snapshots differ:$bad"
	cat "$work/diffs"
	return 1
}

for c in $CASES; do
	n=$((n + 1))
	f=test/roundtrip/$c/b.sql
	"$bindir/dropdb" --if-exists "$db" 2>/dev/null
	if ! "$bindir/createdb" -T "$tmpl" "$db"; then
		echo "not ok $n - $c: createdb"
		failures=$((failures + 1))
		continue
	fi
	if [ -d "test/model_cases/$c" ]; then
		model_case "$c" || failures=$((failures + 1))
		continue
	fi
	# A published application's schema (SOURCE.md names it) is its own
	# migrations or dump: INSERTs, SETs, ALTERs and DROPs that a model
	# cannot hold, by design.  autogen_corpus.sh checks it through models
	# imported from its snapshot instead.
	if [ -f "test/roundtrip/$c/SOURCE.md" ]; then
		echo "ok $n - $c # SKIP a published schema, not a model (autogen_corpus.sh imports its snapshot)"
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
