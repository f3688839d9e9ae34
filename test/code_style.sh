#!/usr/bin/env bash
# Shell test, run by `make test` (from the top of the source tree): the
# rules of the code that a reader checks at a glance, checked by a script
# so that they stay kept.  Under a second.
#
#   1. Messages follow PostgreSQL's error style guide: the text of errmsg()
#      starts in lower case and has no full stop at its end; no message
#      carries a "pg_migrate:" prefix; an SPI error shows the code's name
#      (SPI_result_code_string()), never a bare number.  Exceptions: the
#      NOTICEs that repeat Alembic's own words ("Running upgrade ...", "No
#      changes in schema detected."), which users of Alembic recognise.
#   2. Every extern function has a comment at its definition.
#   3. No C source file is over 1,500 lines.
#   4. Nothing in src, sql, docs, test, bench or the README points to a
#      document outside the repository (the product contract's name, or
#      the shared folder beside the checkout).

set -u
cd "$(dirname "$0")/.." || exit 1
failures=0
n=0
check() { # check DESCRIPTION OFFENDERS
	n=$((n + 1))
	if [ -z "$2" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '%s\n' "$2" | sed 's/^/#   /'
		failures=$((failures + 1))
	fi
}

src=$(find src -name '*.c' -o -name '*.h' | sort)

# 1. messages: the first string literal of each errmsg(
msgs=$(grep -n -o 'errmsg\(_plural\)\?("\([^"\\]\|\\.\)*"' $src)
check "errmsg() starts in lower case" "$(printf '%s\n' "$msgs" |
	grep ':errmsg\(_plural\)\?("[A-Z]' |
	grep -v ':errmsg("Running \|:errmsg("No changes in schema detected\."$')"
check "errmsg() has no full stop at its end" "$(printf '%s\n' "$msgs" |
	grep '[^.]\.\(\\n\)\?"$' |
	grep -v ':errmsg("No changes in schema detected\."$')"
check "no message starts with \"pg_migrate:\"" "$(grep -n '\(elog\|errmsg\|errdetail\|errhint\)[a-z_]*(.*"pg_migrate: \|^[[:space:]]*"pg_migrate: ' $src)"
check "SPI errors name the code (SPI_result_code_string), not a number" "$(grep -n 'failed: %d' $src)"

# 2. a comment before every extern function: in a definition, the line
# before "name(" at the start of a line is its return type; the last
# non-blank line before that must close a comment.
nocomment=$(for f in $(find src -name '*.c' | sort); do
	awk -v f="$f" '
		{ line[NR] = $0 }
		/^[A-Za-z_][A-Za-z_0-9]*\(/ && NR > 1 {
			t = line[NR - 1]
			if (t ~ /^static/ || t ~ /static / || t ~ /^[ \t]*$/ || t ~ /^#/ ||
				t ~ /^}/ || t ~ /;[ \t]*$/)
				next
			k = NR - 2
			while (k > 0 && line[k] ~ /^[ \t]*$/)
				k--
			if (line[k] !~ /\*\/[ \t]*$/) {
				name = $0
				sub(/\(.*/, "", name)
				print f ":" NR ": " name
			}
		}' "$f"
done)
check "every extern function has a comment at its definition" "$nocomment"

# 3. file size
check "no C source file is over 1,500 lines" "$(wc -l $(find src -name '*.c') | awk '$2 != "total" && $1 > 1500 { print $2 ": " $1 " lines" }')"

# 4. the contract lives in the repository (the published schemas of
# test/roundtrip/published_* are other projects' text, left as they are)
check "no reference to a document outside the repository" "$(grep -rn 'SPEC\|\.\./shared' src sql docs test bench README.md --include='*.c' --include='*.h' --include='*.sql' --include='*.md' --include='*.sh' --include='*.out' --include='run' --include='*.expect' --include='*.known_failures' --include='relationships' --include='snapshot' --include='diff' --include='autogenerate' --include='upgrade' 2>/dev/null |
	grep -v '^sql/pg_migrate--0\.1\.sql:\|^test/code_style\.sh:' |
	grep -v '^test/roundtrip/published_[^/]*/')"

echo "1..$n"
[ "$failures" = 0 ]
