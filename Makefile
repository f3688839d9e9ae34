# pg_migrate — built with PGXS against any pg_config (PostgreSQL 15 and later)

EXTENSION = pg_migrate
MODULE_big = pg_migrate
EXTVERSION = 0.2

OBJS = \
	src/pg_migrate.o \
	src/util.o \
	src/graph.o \
	src/graph_addrmap.o \
	src/graph_read.o \
	src/graph_from_snapshot.o \
	src/graph_write.o \
	src/graph_merge.o \
	src/graph_compare.o \
	src/docread.o \
	src/docread_sql.o \
	src/snapshot.o \
	src/dirty.o \
	src/catalog/handlers.o \
	src/catalog/scan.o \
	src/catalog/privileges.o \
	src/catalog/schema.o \
	src/catalog/extension.o \
	src/catalog/collation.o \
	src/catalog/type.o \
	src/catalog/basetype.o \
	src/catalog/conversion.o \
	src/catalog/language.o \
	src/catalog/accessmethod.o \
	src/catalog/function.o \
	src/catalog/table.o \
	src/catalog/sequence.o \
	src/catalog/view.o \
	src/catalog/column.o \
	src/catalog/constraint.o \
	src/catalog/index.o \
	src/catalog/trigger.o \
	src/catalog/policy.o \
	src/catalog/rule.o \
	src/catalog/statistics.o \
	src/catalog/defacl.o \
	src/catalog/objnames.o \
	src/catalog/aggregate.o \
	src/catalog/operator.o \
	src/catalog/cast.o \
	src/catalog/indexstats.o \
	src/catalog/textsearch.o \
	src/catalog/foreign.o \
	src/catalog/publication.o \
	src/catalog/unmodeled.o \
	src/unmodeled.o \
	src/diff.o \
	src/diff_phase.o \
	src/diff_kinds.o \
	src/diff_comment_acl.o \
	src/diff_hints.o \
	src/diff_sql.o \
	src/model.o \
	src/model_stmt.o \
	src/mapped/props.o \
	src/mapped/plan.o \
	src/mapped/sql.o \
	src/mapped/check.o \
	src/mapped/apply.o \
	src/mapped/model.o \
	src/property.o \
	src/model_refs.o \
	src/rename.o \
	src/rename_live.o \
	src/checksum.o \
	src/autogen.o \
	src/datacheck.o \
	src/rehearsal.o \
	src/verify.o \
	src/revdag.o \
	src/target.o \
	src/migrate.o \
	src/revision.o \
	src/history.o \
	src/online/rewrite.o \
	src/online/worker.o \
	src/online/call.o \
	src/online/script.o \
	$(patsubst %.c,%.o,$(wildcard src/ddl/*.c))

# Every install and upgrade script: sql/pg_migrate--X.Y.sql (full) and
# sql/pg_migrate--X.Y--X.Z.sql (update).  The pg_regress inputs share sql/
# with them, as PGXS expects; REGRESS names the tests one by one, so that the
# scripts are installed, never run as tests (docs/architecture.md).
DATA = $(wildcard sql/$(EXTENSION)--*.sql)

# pg_regress tests: sql/<name>.sql against expected/<name>.out
REGRESS = \
	install \
	snapshot_scope \
	snapshot_tables \
	snapshot_columns \
	snapshot_constraints \
	snapshot_indexes \
	snapshot_sequences \
	snapshot_views \
	snapshot_types \
	snapshot_functions \
	snapshot_triggers_policies \
	snapshot_misc \
	snapshot_determinism \
	snapshot_unmodeled \
	snapshot_more_kinds \
	diff_errors \
	diff_hazards \
	diff_basetype \
	doc_validation \
	revisions_targets \
	revisions_manual \
	models \
	revisions_autogen \
	revisions_rehearsal \
	revisions_walkthrough \
	mapped_views \
	mapped_sqlalchemy \
	mapped_autogen \
	mapped_sqlalchemy_autogen \
	hardening \
	model_renames \
	models_all \
	models_database_wide \
	model_snapshot_hash \
	online
REGRESS_OPTS = --inputdir=. --load-extension=plpgsql

# isolation tests: specs/<name>.spec against expected/<name>.out
ISOLATION = concurrent_upgrade upgrade_lock_timeout snapshot_repeatable_read concurrent_revision lock_timeout_advisory online_concurrent online_beside_plain autogen_rehearsal rehearsal_locks datacheck_locks
ISOLATION_OPTS = --inputdir=.

# Only what PostgreSQL looks up by name is exported from the shared library
# (the SQL-callable functions, their pg_finfo_ records, _PG_init and
# Pg_magic_func): everything is hidden but what is marked PGDLLEXPORT,
# which is defined here as the default visibility (PostgreSQL 16 does the
# same; 15 leaves it empty on Linux).  src/util.h makes PG_FUNCTION_INFO_V1
# mark the function itself too, as 16 does.
PG_CPPFLAGS = -I$(srcdir)/src -I$(srcdir)/src/ddl -I$(srcdir)/src/mapped '-DPGDLLEXPORT=__attribute__((visibility("default")))'
PG_CFLAGS = -MMD -MP -fvisibility=hidden -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare $(EXTRA_CFLAGS)

# No JIT bitcode: it would need clang on every build machine and buys nothing here.
override with_llvm = no

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The SPI debugging aid of the sanitizer build (src/util.c, docs/reliability.md):
# with -DMIGRATE_SPI_DEBUG in EXTRA_CFLAGS, the calls of these SPI functions
# go through the wrappers __wrap_<name> of src/util.c.  Every SPI function
# that leaves CurrentMemoryContext in SPI's procedure context belongs here.
PGM_SPI_WRAPPED = SPI_connect SPI_connect_ext SPI_execute SPI_execute_with_args \
	SPI_execute_plan SPI_execute_snapshot SPI_prepare SPI_cursor_open_with_args \
	SPI_cursor_fetch
pgm_comma := ,
ifneq ($(filter -DMIGRATE_SPI_DEBUG,$(EXTRA_CFLAGS)),)
override SHLIB_LINK += $(foreach f,$(PGM_SPI_WRAPPED),-Wl$(pgm_comma)--wrap=$(f))
endif

# Header dependencies: the compiler writes src/.../x.d next to each object
# (-MMD), with an empty rule per header (-MP) so that a removed header does
# not break the build; they are read here once they exist.
# The objects are rebuilt when the Makefile (their flags) changes, which
# also writes the .d files of a tree built before they existed.
-include $(OBJS:.o=.d)
$(OBJS): Makefile
EXTRA_CLEAN = $(OBJS:.o=.d)

.PHONY: test test-long test-sanitize demo pgtap
# The two commands of the README. Both install what is missing (as root),
# build, install and run on a throwaway cluster that they stop again.
test:
	./test/run-tests

# The whole suite with every case of the round-trip corpus, those of
# test/roundtrip/long_cases included (test/roundtrip/README.md): about
# five minutes more than make test.
test-long:
	MIGRATE_TEST_LONG=1 ./test/run-tests

# The whole suite again with the extension built with AddressSanitizer and
# UndefinedBehaviorSanitizer (test/lib.sh, docs/reliability.md): fails on
# any report.  Installs under MIGRATE_DESTDIR (a directory of its own when
# unset), never into the system.
test-sanitize:
	MIGRATE_SANITIZE=1 ./test/run-tests

demo:
	./test/run-demo

# pgTAP suite alone, against an already running server (PG* variables).
pgtap:
	pg_prove --ext .sql -r test/pgtap
