#!/usr/bin/env bash
# Shell test, run by `make test` inside its throwaway cluster (libpq's PG*
# variables point at it): the round-trip cases of database-wide objects
# (test/roundtrip_database/README.md) through test/roundtrip/run, both
# ways, with its two oracles.  Every check must pass.  About 40 s.

set -u
cd "$(dirname "$0")/.." || exit 1
cases=$(for d in test/roundtrip_database/*/; do
	[ -f "$d/a.sql" ] && [ -f "$d/b.sql" ] && echo "${d%/}"
done)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# shellcheck disable=SC2086
ROUNDTRIP_OUT="$out" bash test/roundtrip/run $cases
