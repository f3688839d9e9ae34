# Shared by the shell tests test/*.sh (sourced, not a test itself): the
# server's client programs, a scratch directory, and TAP-style checks that
# print one "ok N - ..." / "not ok N - ..." line each and count failures in
# $failures, which a test turns into its exit status at the end.

bindir=$("${PG_CONFIG:-pg_config}" --bindir)
work=$(mktemp -d)
failures=0
n=0

psql_q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
# One value from a query: value DB SQL
value() { psql_q -At -d "$1" -c "$2"; }

check() { # check DESCRIPTION EXPECTED ACTUAL
	n=$((n + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		echo "#   expected: $2"
		echo "#   got:      $3"
		failures=$((failures + 1))
	fi
}
