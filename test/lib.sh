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
# postgresql-common (pg_virtualenv) comes with it.
required_packages() {
	echo make gcc \
		"postgresql-$PG_MAJOR" "postgresql-server-dev-$PG_MAJOR" \
		"postgresql-$PG_MAJOR-pgtap" libtap-parser-sourcehandler-pgtap-perl
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
		for prog in make gcc "$PG_CONFIG" pg_virtualenv pg_prove; do
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
build_and_install() {
	local sharedir pkglibdir
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
