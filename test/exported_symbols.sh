#!/usr/bin/env bash
# Shell test, run by `make test` (from the top of the built tree): the
# shared library exports only what PostgreSQL looks up by name.
#
# pg_migrate.so is loaded into every backend that calls one of its
# functions, so its dynamic symbols share one namespace with the server's
# and every other library's.  It is built with -fvisibility=hidden
# (Makefile); `nm -D --defined-only pg_migrate.so` may show only
#   - the C function of every SQL function of the install script
#     (AS 'MODULE_PATHNAME', 'name') and its pg_finfo_name record,
#   - _PG_init and Pg_magic_func,
#   - names prefixed pgm_ (none today).
# Every SQL function's C function must be there too.  Also checks that
# META.json and the control file name the same version.  Under a second.

set -u
cd "$(dirname "$0")/.." || exit 1
failures=0
n=0
check() { # check DESCRIPTION EXPECTED ACTUAL
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		printf '#   expected: %s\n#   got:      %s\n' "$2" "$3"
		failures=$((failures + 1))
	fi
}

version=$(sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" pg_migrate.control)
script=sql/pg_migrate--$version.sql
[ -f pg_migrate.so ] || { echo "not ok 1 - pg_migrate.so is built"; exit 1; }

sql_functions=$(grep -o "MODULE_PATHNAME', '[A-Za-z0-9_]*'" "$script" |
	sed -E "s/.*', '([^']*)'/\1/" | sort -u)
exported=$(nm -D --defined-only pg_migrate.so | awk '{ print $NF }' | sort -u)

unexpected=$(
	for s in $exported; do
		case $s in
		_PG_init | Pg_magic_func | pgm_*) continue ;;
		esac
		base=${s#pg_finfo_}
		printf '%s\n' "$sql_functions" | grep -x -- "$base" >/dev/null || printf '%s ' "$s"
	done
)
check "only SQL functions, their pg_finfo_ records, _PG_init, Pg_magic_func and pgm_* are exported" "" "$unexpected"

missing=$(
	for f in $sql_functions _PG_init Pg_magic_func; do
		printf '%s\n' "$exported" | grep -x -- "$f" >/dev/null || printf '%s ' "$f"
		case $f in
		_PG_init | Pg_magic_func) ;;
		*) printf '%s\n' "$exported" | grep -x -- "pg_finfo_$f" >/dev/null || printf '%s ' "pg_finfo_$f" ;;
		esac
	done
)
check "every C function of $script, and its pg_finfo_ record, is exported" "" "$missing"

# The SPI debugging aid of the sanitizer build (docs/reliability.md, *SPI
# and memory contexts*) wraps each SPI function that returns in SPI's
# procedure context (PGM_SPI_WRAPPED in the Makefile).  Every SPI function
# the library calls must be one of those, or one known to leave the current
# memory context alone; another one would escape the aid unseen.
wrapped=$(printf 'print:\n\t@echo $(PGM_SPI_WRAPPED)\n' |
	make --no-print-directory -s -f Makefile -f - print)
context_neutral="SPI_finish SPI_commit SPI_rollback SPI_palloc SPI_pfree SPI_repalloc
SPI_getvalue SPI_getbinval SPI_gettype SPI_gettypeid SPI_fnumber SPI_fname
SPI_getrelname SPI_getnspname SPI_copytuple SPI_returntuple SPI_datumTransfer
SPI_freetuptable SPI_freeplan SPI_keepplan SPI_plan_get_plan_sources
SPI_cursor_close SPI_result_code_string SPI_processed SPI_result SPI_tuptable"
unwrapped=$(
	for f in $(nm -D --undefined-only pg_migrate.so | awk '$2 ~ /^SPI_/ { print $2 }' | sort -u); do
		case " $(echo $wrapped $context_neutral) " in
		*" $f "*) ;;
		*) printf '%s ' "$f" ;;
		esac
	done
)
check "every SPI function called is wrapped by MIGRATE_SPI_DEBUG or leaves the memory context alone" "" "$unwrapped"

meta=$(sed -nE 's/^   "version": "([^"]+)".*/\1/p' META.json)
check "META.json's version is the control file's ($version)" "$version.0" "$meta"

echo "1..$n"
[ "$failures" = 0 ]
