#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): the fuzzer (test/fuzz.py, docs/reliability.md
# "Fuzzing") over 5,000 inputs with a fixed seed, in a database of its own,
# and the consistency of docs/snapshot-format.schema.json with the reader
# (test/snapshot_schema.py).  Fails on any crash, XX000, timeout, refused
# document that does not name its bad value, change left by a failed call,
# or certainly bad document accepted.  FUZZ_SEED and FUZZ_COUNT override
# the seed and the count (bench/fuzz runs it long with a random seed).

set -u
. "$(dirname "$0")/lib/tap.sh"

db=pgm_fuzz
trap '"$bindir/dropdb" --if-exists "$db" 2>/dev/null; rm -rf "$work"' EXIT
"$bindir/dropdb" --if-exists "$db" 2>/dev/null
"$bindir/createdb" "$db" || exit 1

python=/usr/bin/python3
[ -x "$python" ] || python=python3

if PGDATABASE=$db "$python" "$(dirname "$0")/snapshot_schema.py"; then
	check "docs/snapshot-format.schema.json agrees with src/docread.c" 0 0
else
	check "docs/snapshot-format.schema.json agrees with src/docread.c" 0 1
fi

start=$SECONDS
PGDATABASE=$db "$python" "$(dirname "$0")/fuzz.py" --setup \
	--seed "${FUZZ_SEED:-20261207}" --count "${FUZZ_COUNT:-5000}"
rc=$?
echo "# fuzzing took $((SECONDS - start)) s"
check "the fuzzer finds no failure" 0 "$rc"

exit $((failures > 0))
