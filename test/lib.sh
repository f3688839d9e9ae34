# Shared shell code of `make test` (test/run-tests) and `make demo`
# (test/run-demo): find PostgreSQL, install what is missing, build, install,
# and run a command on a throwaway cluster.  Sourced, not executed.
#
# Knobs (environment):
#   PG_MAJOR   PostgreSQL major version to build and test against (default 15)
#   PG_CONFIG  pg_config to build with (default the one of PG_MAJOR)
#   MIGRATE_DESTDIR  install into this directory instead of the system's
#              (make install DESTDIR=...) and run the throwaway cluster with
#              extension_destdir pointing at it (a Debian server setting), so
#              that several checkouts can test at once without overwriting
#              each other's installed files

PG_MAJOR=${PG_MAJOR:-15}
if [ -n "${PG_CONFIG:-}" ] && command -v "$PG_CONFIG" >/dev/null 2>&1; then
	PG_MAJOR=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
else
	PG_CONFIG=/usr/lib/postgresql/$PG_MAJOR/bin/pg_config
fi
export PG_MAJOR PG_CONFIG

# Run from the top of the source tree the script lives in, so that a clone
# builds, installs and tests its own files.
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1

say() { printf '==> %s\n' "$*"; }

# The Debian packages a run needs.  On Debian 12 the contrib modules (hstore,
# pg_trgm, used by the tests) are part of postgresql-$PG_MAJOR itself, and
# postgresql-common (pg_virtualenv) comes with it.  python3 (its standard
# library only) runs the random schema pairs of test/random/; the fuzzer
# (test/fuzz.py) needs psycopg2 and jsonschema for it.
required_packages() {
	echo make gcc python3 \
		"postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR" \
		"postgresql-$PG_MAJOR-pgtap" libtap-parser-sourcehandler-pgtap-perl \
		python3-psycopg2 python3-jsonschema
	# the sanitizer run (make test-sanitize): the runtimes gcc links with
	[ "${MIGRATE_SANITIZE:-}" = 1 ] && echo libasan8 libubsan1
}

missing_packages() {
	local p
	for p in $(required_packages); do
		dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed ||
			printf '%s ' "$p"
	done
}

# Install what is missing (root), or say what to install and fail (not root).
ensure_packages() {
	local missing
	if ! command -v dpkg-query >/dev/null 2>&1; then
		# Not Debian: check the programs themselves.
		local prog bad=
		for prog in make gcc python3 "$PG_CONFIG" pg_virtualenv pg_prove; do
			command -v "$prog" >/dev/null 2>&1 || bad="$bad $prog"
		done
		[ -z "$bad" ] && return 0
		echo "Missing:$bad" >&2
		echo "Install make, gcc, the PostgreSQL $PG_MAJOR server and its development files," >&2
		echo "postgresql-common (pg_virtualenv), pgTAP and pg_prove, then run this again." >&2
		return 1
	fi
	missing=$(missing_packages)
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		echo "Missing packages: $missing" >&2
		echo "Install them as root, then run this again:" >&2
		echo "    sudo apt-get update && sudo apt-get install -y $missing" >&2
		return 1
	fi
	say "installing missing packages: $missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q </dev/null &&
		apt-get install -y -q --no-install-recommends $missing </dev/null || {
		echo "apt-get install $missing failed" >&2
		return 1
	}
}

installed_is_current() {
	local f
	cmp -s pg_migrate.so "$2/pg_migrate.so" || return 1
	for f in pg_migrate.control sql/pg_migrate--*.sql; do
		cmp -s "$f" "$1/extension/${f#sql/}" || return 1
	done
}

# Build and install the extension with $PG_CONFIG.  make inherits the
# caller's make variables (e.g. EXTRA_CFLAGS=-Werror) through MAKEFLAGS.
# With MIGRATE_SANITIZE=1, a build from clean with the sanitizers
# (SANITIZE_CFLAGS), installed under MIGRATE_DESTDIR only.
SANITIZE_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g -DMIGRATE_SPI_DEBUG"
SANITIZE_LDFLAGS="-fsanitize=address,undefined"
build_and_install() {
	local sharedir pkglibdir
	if [ "${MIGRATE_SANITIZE:-}" = 1 ]; then
		say "building with $PG_CONFIG and $SANITIZE_CFLAGS"
		make --no-print-directory clean >/dev/null &&
			make --no-print-directory PG_CONFIG="$PG_CONFIG" \
				EXTRA_CFLAGS="$SANITIZE_CFLAGS" \
				SHLIB_LINK="$SANITIZE_LDFLAGS" </dev/null &&
			make --no-print-directory install PG_CONFIG="$PG_CONFIG" \
				DESTDIR="$MIGRATE_DESTDIR" </dev/null &&
			gcc -shared -fPIC -O2 -o "$MIGRATE_DESTDIR/nls_shim.so" test/sanitize/nls_shim.c
		return
	fi
	say "building with $PG_CONFIG"
	make --no-print-directory PG_CONFIG="$PG_CONFIG" </dev/null || return 1
	if [ -n "${MIGRATE_DESTDIR:-}" ]; then
		say "installing under $MIGRATE_DESTDIR (extension_destdir)"
		make --no-print-directory install PG_CONFIG="$PG_CONFIG" \
			DESTDIR="$MIGRATE_DESTDIR" </dev/null
		return
	fi
	sharedir=$("$PG_CONFIG" --sharedir)
	pkglibdir=$("$PG_CONFIG" --pkglibdir)
	if ! { [ -w "$sharedir/extension" ] && [ -w "$pkglibdir" ]; }; then
		# Not root: fine if what is installed is already this build.
		if installed_is_current "$sharedir" "$pkglibdir"; then
			say "installed files are up to date"
			return 0
		fi
		echo "Cannot write to $sharedir/extension and $pkglibdir:" >&2
		echo "run this as root, or run 'sudo make install PG_CONFIG=$PG_CONFIG' first." >&2
		return 1
	fi
	say "installing into $sharedir and $pkglibdir"
	make --no-print-directory install PG_CONFIG="$PG_CONFIG" </dev/null
}

# A TCP port that nothing listens on and no socket file names, picked at
# random in 20000-39999: pg_createcluster's own choice (the first free port
# from 5432) races when several throwaway clusters start at once (parallel
# checkouts, CI beside a developer), and two clusters on one port stop each
# other.
free_port() {
	local p i
	for i in $(seq 100); do
		p=$((20000 + RANDOM % 20000))
		[ -e "/var/run/postgresql/.s.PGSQL.$p" ] && continue
		[ -e "/tmp/.s.PGSQL.$p" ] && continue
		(exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && continue
		echo "$p"
		return
	done
	echo 5432
}

# with_cluster COMMAND...: run COMMAND on a throwaway cluster of its own,
# started by pg_virtualenv (which also handles running as root) and dropped
# again afterwards, whatever COMMAND does.  The caller's libpq and
# postgresql-common variables are cleared first so that neither the cluster
# choice nor the connection can fall through to another server.
with_cluster() {
	(
		for v in $(compgen -e); do
			case $v in
			PG_CONFIG | PG_MAJOR) ;;
			PG*) unset "$v" ;;
			esac
		done
		# One locale whatever the caller's: without LANG initdb would make a
		# SQL_ASCII cluster, and with a locale that is not installed
		# pg_createcluster refuses to run.  C.UTF-8 is always there on Debian.
		export LANG=C.UTF-8 LC_ALL=C.UTF-8
		unset LANGUAGE
		# pg_virtualenv drops the cluster from a signal trap that itself
		# prints: with SIGPIPE ignored, a reader that goes away early
		# (`make demo | head`) cannot kill it half-way and leave the
		# cluster running.
		trap '' PIPE
		# -t: a cluster in a fresh temporary directory even as root, so a
		# run never collides with a left-over or concurrent 15/regress.
		local destdir_opt=() port
		[ -n "${MIGRATE_DESTDIR:-}" ] &&
			destdir_opt=(-o "extension_destdir=$MIGRATE_DESTDIR")
		port=$(free_port)
		pg_virtualenv -t -v "$PG_MAJOR" -c "-p $port --locale=C.UTF-8 --encoding=UTF8" \
			-o max_locks_per_transaction=1024 "${destdir_opt[@]}" "$@" </dev/null
	)
}

# ----------------------------------------------------------------------
# The sanitizer run (make test-sanitize; docs/reliability.md, "Sanitizers")
#
# The extension is built with AddressSanitizer and UndefinedBehaviorSanitizer
# (SANITIZE_CFLAGS; -fno-sanitize-recover=all: every UBSan finding is fatal)
# and the whole suite runs on a throwaway cluster whose postmaster has the
# ASan runtime preloaded (LD_PRELOAD), so that every backend has it before
# pg_migrate.so is loaded.  A report ends the backend (abort_on_error) and
# is written to a file under MIGRATE_SANITIZE_LOGS; any such file fails
# the run.  test/sanitize/nls_shim.c explains the second preloaded library.

sanitize_setup() {
	if [ -z "${MIGRATE_DESTDIR:-}" ]; then
		MIGRATE_DESTDIR=/tmp/pgm-sanitize-$$	# never the system's files
		SANITIZE_OWN_DESTDIR=1
	fi
	export MIGRATE_DESTDIR
	MIGRATE_SANITIZE_LOGS=$(mktemp -d /tmp/pgm-sanitize-logs.XXXXXX) || return 1
	chmod 1777 "$MIGRATE_SANITIZE_LOGS"
	export MIGRATE_SANITIZE_LOGS
}

# Inside pg_virtualenv: restart its cluster with the runtime preloaded into
# the postmaster alone.  Not through pg_ctlcluster and the cluster's
# environment file: that would preload it into pg_ctl and psql too, which
# hang at exit under it (glibc's locale lock, as above); postgres itself is
# fine with the shim.  pg_virtualenv stops this postmaster as its own.
# sanitize_server_env: the environment (shell assignments) a postmaster
# needs to load the sanitized pg_migrate.so: the very ASan runtime the
# extension was linked with, preloaded, and reports written under
# MIGRATE_SANITIZE_LOGS.  Also used by the shell tests that start a server
# of their own (test/online.sh): without the runtime preloaded, the first
# backend that loads the extension dies.
sanitize_server_env() {
	local so asan
	so=$MIGRATE_DESTDIR$("$PG_CONFIG" --pkglibdir)/pg_migrate.so
	asan=$(ldd "$so" | awk '/libasan\.so/ { print $3 }')
	[ -n "$asan" ] && [ -e "$asan" ] || { echo "no libasan in ldd $so" >&2; return 1; }
	printf '%s' "LD_PRELOAD='$asan $MIGRATE_DESTDIR/nls_shim.so'"
	printf '%s' " ASAN_OPTIONS='detect_leaks=0:abort_on_error=1:disable_coredump=1:log_path=$MIGRATE_SANITIZE_LOGS/asan'"
	printf '%s' " UBSAN_OPTIONS='halt_on_error=1:abort_on_error=1:print_stacktrace=1:disable_coredump=1:log_path=$MIGRATE_SANITIZE_LOGS/ubsan'"
}

sanitize_restart_cluster() {
	local conf env pid owner data log cmd i
	conf=${PG_CLUSTER_CONF_ROOT:-/etc/postgresql}/$PG_MAJOR/regress
	env=$(sanitize_server_env) || return 1
	read -r owner data log < <(pg_lsclusters -h | awk -v v="$PG_MAJOR" '$1 == v && $2 == "regress" { print $5, $6, $7 }')
	[ -n "$owner" ] || { echo "no cluster $PG_MAJOR/regress" >&2; return 1; }
	pg_ctlcluster "$PG_MAJOR" regress stop || return 1
	say "restarting the cluster with the ASan runtime preloaded"
	cmd="cd / && $env exec $("$PG_CONFIG" --bindir)/postgres -c config_file=$conf/postgresql.conf >>$log 2>&1 </dev/null &"
	if [ "$(id -u)" = 0 ] && [ "$owner" != root ]; then
		su -s /bin/sh "$owner" -c "$cmd" || return 1
	else
		sh -c "$cmd" || return 1
	fi
	for i in $(seq 1 120); do
		pg_isready -q && break
		sleep 0.5
	done
	psql -X -At -d postgres -c 'SELECT 1' >/dev/null || return 1
	# the postmaster (every backend is its fork)
	pid=$(head -1 "$data/postmaster.pid")
	grep -q libasan "/proc/$pid/maps" || { echo "postmaster $pid has no libasan" >&2; return 1; }
}

# After the run: every report is a failure; no sanitized object is left.
sanitize_finish() {
	local f n=0
	for f in "$MIGRATE_SANITIZE_LOGS"/*; do
		[ -s "$f" ] || continue
		n=$((n + 1))
		say "sanitizer report $f:"
		cat "$f"
	done
	if [ "$n" = 0 ]; then
		record PASS "sanitizer: no AddressSanitizer or UBSan report"
	else
		record FAIL "sanitizer: $n reports"
	fi
	make --no-print-directory clean >/dev/null
	rm -rf "$MIGRATE_SANITIZE_LOGS"
	[ -n "${SANITIZE_OWN_DESTDIR:-}" ] && rm -rf "$MIGRATE_DESTDIR"
	return 0
}
