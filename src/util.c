/*-------------------------------------------------------------------------
 *
 * util.c
 *	  The toolbox of pg_migrate (see util.h): settings and the GUC nest
 *	  levels that undo them, search_path, subtransactions that are always
 *	  rolled back, the advisory lock, the SPI error check and the
 *	  extension's schema.  Calls nothing else of pg_migrate.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "util.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "storage/lmgr.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

int			pgm_lock_timeout = 0;

/*
 * A value of pg_migrate.lock_timeout set before the library was loaded (by
 * SET in the session, ALTER ROLE/DATABASE ... SET or postgresql.conf: a
 * placeholder, which PostgreSQL takes as any string) that is not a valid
 * time.  When the library is loaded, PostgreSQL only warns and leaves the
 * default, 0: no limit at all, silently.  The value is kept here, and the
 * first call that would wait for a lock fails instead, naming it
 * (pgm_check_settings()), until the setting is set again or reset.
 */
static char *lock_timeout_invalid = NULL;
static bool lock_timeout_defined = false;

static void
lock_timeout_assign(int newval, void *extra)
{
	/* any assignment once defined replaces the invalid value */
	if (lock_timeout_defined && lock_timeout_invalid != NULL)
	{
		pfree(lock_timeout_invalid);
		lock_timeout_invalid = NULL;
	}
}

/*
 * Define the settings of this layer: pg_migrate.lock_timeout.  Called once,
 * from _PG_init().
 */
void
pgm_util_init_settings(void)
{
	const char *raw = GetConfigOption("pg_migrate.lock_timeout", true, false);
	int			ms;

	if (raw != NULL && (!parse_int(raw, &ms, GUC_UNIT_MS, NULL) || ms < 0))
		lock_timeout_invalid = MemoryContextStrdup(TopMemoryContext, raw);
	DefineCustomIntVariable("pg_migrate.lock_timeout",
							"Sets the lock_timeout of every lock a pg_migrate call waits for.",
							"The advisory lock of pg_migrate, the locks on its tables and the locks "
							"each migration step waits for. 0 (the default) leaves the session's "
							"lock_timeout as it is.",
							&pgm_lock_timeout,
							0, 0, PG_INT32_MAX,
							PGC_USERSET, GUC_UNIT_MS,
							NULL, lock_timeout_assign, NULL);
	lock_timeout_defined = true;
}

/*
 * An invalid pg_migrate.lock_timeout given before the library was loaded
 * is an error where the setting matters (see lock_timeout_invalid).
 */
void
pgm_check_settings(void)
{
	if (lock_timeout_invalid != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value for parameter \"pg_migrate.lock_timeout\": \"%s\"",
						lock_timeout_invalid),
				 errdetail("It was set before pg_migrate was loaded, and PostgreSQL left the default, 0 (no limit), in its place."),
				 errhint("Set it again with a valid time, e.g. SET pg_migrate.lock_timeout = '200ms', or RESET it.")));
}

/*
 * Settings changed between pgm_guc_nest_enter() and pgm_guc_nest_leave()
 * are undone by the latter, whatever changed them: also a plain SET or
 * RESET run inside (a revision's step ends with RESET search_path), which a
 * function's SET clause would let through to the session.  Leaving the
 * level as an abort does (AtEOXact_GUC(false)) restores every setting made
 * at it, as PostgreSQL does after running an index expression as the
 * table's owner.  Returns the nest level to hand to pgm_guc_nest_leave().
 */
int
pgm_guc_nest_enter(void)
{
	return NewGUCNestLevel();
}

/* Undo the settings made since pgm_guc_nest_enter() returned nestlevel. */
void
pgm_guc_nest_leave(int nestlevel)
{
	AtEOXact_GUC(false, nestlevel);
}

/*
 * Set a setting until the current GUC nest level ends (the caller must have
 * entered one with pgm_guc_nest_enter()); an ERROR if the value is bad.
 */
void
pgm_set_local(const char *name, const char *value)
{
	(void) set_config_option(name, value, PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
}

/* search_path = path until the current GUC nest level ends. */
void
pgm_set_search_path(const char *path)
{
	pgm_set_local("search_path", path);
}

/*
 * Settings under which constants are deparsed the same way in every
 * session (as pg_dump pins them): dates in ISO, intervals in PostgreSQL's
 * style, floats exact, time stamps with time zone in UTC.
 */
void
pgm_set_canonical_output(void)
{
	pgm_set_local("DateStyle", "ISO, YMD");
	pgm_set_local("IntervalStyle", "postgres");
	pgm_set_local("extra_float_digits", "3");
	pgm_set_local("TimeZone", "UTC");
	pgm_set_local("lc_monetary", "C");
}

/* The shadow schema of pgm_set_shadow(), and the schema it stands for. */
static char *shadow_name = NULL;
static char *shadow_for = NULL;

/*
 * While a model is validated (model.c): the shadow schema stands for
 * schema stands_for, whose extensions' objects the model may name
 * unqualified.  The shadow's definitions are then deparsed with
 * search_path = shadow, stands_for, pg_catalog, so that those objects come
 * out unqualified as in a snapshot of stands_for itself.  NULL, NULL ends it.
 */
void
pgm_set_shadow(const char *shadow, const char *stands_for)
{
	if (shadow_name)
		pfree(shadow_name);
	if (shadow_for)
		pfree(shadow_for);
	shadow_name = shadow ? MemoryContextStrdup(TopMemoryContext, shadow) : NULL;
	shadow_for = stands_for ? MemoryContextStrdup(TopMemoryContext, stands_for) : NULL;
}

/*
 * While autogenerate rehearses its scripts (autogen.c): the live schemas
 * renamed aside whose extensions' objects the rebuilt schemas may name
 * unqualified, as pairs of (schema, aside) names.  NIL ends it.
 */
static List *path_asides = NIL;

/*
 * Set the (schema, aside) pairs of the rehearsal, copied into
 * TopMemoryContext; NIL ends the rehearsal's asides.
 */
void
pgm_set_path_asides(List *pairs)
{
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
	ListCell   *lc;

	list_free_deep(path_asides);
	path_asides = NIL;
	foreach(lc, pairs)
		path_asides = lappend(path_asides, pstrdup(lfirst(lc)));
	MemoryContextSwitchTo(old);
}

/* The aside name of a rehearsed schema, or NULL. */
const char *
pgm_path_aside(const char *schema)
{
	for (int i = 0; i + 1 < list_length(path_asides); i += 2)
		if (strcmp(list_nth(path_asides, i), schema) == 0)
			return list_nth(path_asides, i + 1);
	return NULL;
}

/*
 * search_path = <schema>, pg_catalog until the current GUC nest level ends:
 * the context in which the definitions of a schema's objects are deparsed,
 * so that names of that schema come out unqualified and every other name
 * qualified.  schema is unquoted; for the shadow schema of
 * pgm_set_shadow(), the schema it stands for comes second, and for a
 * live schema renamed aside by a rehearsal (pgm_set_path_asides()), its
 * aside name.
 */
void
pgm_set_schema_search_path(const char *schema)
{
	StringInfoData buf;
	const char *aside = pgm_path_aside(schema);

	initStringInfo(&buf);
	if (shadow_name != NULL && shadow_for != NULL &&
		strcmp(schema, shadow_name) == 0)
		appendStringInfo(&buf, "%s, %s, pg_catalog", quote_identifier(schema),
						 quote_identifier(shadow_for));
	else if (aside != NULL)
		appendStringInfo(&buf, "%s, %s, pg_catalog", quote_identifier(schema),
						 quote_identifier(aside));
	else
		appendStringInfo(&buf, "%s, pg_catalog", quote_identifier(schema));
	pgm_set_search_path(buf.data);
	pfree(buf.data);
}

/*
 * Serialise the functions that change state: a transaction-level advisory
 * lock on PGM_ADVISORY_LOCK_KEY, held until the caller's transaction ends.
 * Then the tables of pg_migrate are locked as a call that writes them
 * (ROW EXCLUSIVE), so that a session holding a stronger lock on one (LOCK
 * TABLE migrate_version) is waited for here, before anything has run.
 * pg_migrate.lock_timeout, when set, bounds both waits: the advisory lock
 * is waited for through the lock manager, as any lock.
 */
void
pgm_advisory_lock(void)
{
	static const char *const tables[] = {"migrate_version", "migrate_revisions",
	"migrate_log", "migrate_models", "migrate_properties"};
	Oid			ext;
	int			nest;

	pgm_check_settings();
	nest = pgm_guc_nest_enter();
	if (pgm_lock_timeout > 0)
		pgm_set_local("lock_timeout", psprintf("%d", pgm_lock_timeout));
	DirectFunctionCall1(pg_advisory_xact_lock_int8,
						Int64GetDatum(PGM_ADVISORY_LOCK_KEY));
	ext = get_extension_oid("pg_migrate", true);
	if (OidIsValid(ext))
	{
		Oid			nsp = pgm_extension_schema(ext);

		for (int i = 0; i < lengthof(tables); i++)
		{
			Oid			relid = get_relname_relid(tables[i], nsp);

			if (OidIsValid(relid))
				LockRelationOid(relid, RowExclusiveLock);
		}
	}
	pgm_guc_nest_leave(nest);
}

/*
 * The end of a subtransaction that pg_migrate always rolls back (a model's
 * shadow schema, the shadow of mapped views, autogenerate's self-check):
 * roll it back and return to the caller's memory context and resource
 * owner, which BeginInternalSubTransaction() had replaced.
 */
void
pgm_subxact_rollback(MemoryContext cxt, ResourceOwner owner)
{
	RollbackAndReleaseCurrentSubTransaction();
	MemoryContextSwitchTo(cxt);
	CurrentResourceOwner = owner;
}

/*
 * In the PG_CATCH() block of such a subtransaction: the error, copied into
 * cxt, once the error state is cleared and the subtransaction rolled back.
 */
ErrorData *
pgm_subxact_catch(MemoryContext cxt, ResourceOwner owner)
{
	ErrorData  *edata;

	MemoryContextSwitchTo(cxt);
	edata = CopyErrorData();
	FlushErrorState();
	pgm_subxact_rollback(cxt, owner);
	return edata;
}

/*
 * Append to buf what fmt and args write, enlarging buf as often as needed
 * (appendStringInfoVA() writes nothing when the buffer is too small): the
 * loop of appendStringInfo() for callers that take a variable argument
 * list themselves.  args is not consumed (it is copied for each try).
 */
void
pgm_append_va(StringInfo buf, const char *fmt, va_list args)
{
	for (;;)
	{
		va_list		copy;
		int			needed;

		va_copy(copy, args);
		needed = appendStringInfoVA(buf, fmt, copy);
		va_end(copy);
		if (needed == 0)
			break;
		enlargeStringInfo(buf, needed);
	}
}

/* list_sort() comparator of a List of C strings, by strcmp(). */
int
pgm_cmp_list_cstring(const ListCell *a, const ListCell *b)
{
	return strcmp((const char *) lfirst(a), (const char *) lfirst(b));
}

/* A text argument of a C function as a C string (palloc'd), NULL if null. */
char *
pgm_text_arg(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

/* Is a C string equal to s among the members of List l (of C strings)? */
bool
pgm_list_member_str(List *l, const char *s)
{
	ListCell   *lc;

	foreach(lc, l)
		if (strcmp(lfirst(lc), s) == 0)
			return true;
	return false;
}

/* A List of C strings as a text[] Datum (palloc'd in the current context). */
Datum
pgm_text_array(List *strings)
{
	Datum	   *elems = palloc(sizeof(Datum) * (list_length(strings) + 1));
	int			n = 0;
	ListCell   *lc;

	foreach(lc, strings)
		elems[n++] = CStringGetTextDatum((char *) lfirst(lc));
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * A C string as text in the memory of the caller of SPI_connect(), so
 * that it outlives SPI_finish(): what a function inside SPI returns.
 */
text *
pgm_spi_text(const char *s)
{
	size_t		len = strlen(s);
	text	   *t = (text *) SPI_palloc(len + VARHDRSZ);

	SET_VARSIZE(t, len + VARHDRSZ);
	memcpy(VARDATA(t), s, len);
	return t;
}

/*
 * An ERROR unless an SPI call returned what was expected: ret is what the
 * SPI function returned, expected the SPI_OK_* code it should have, what
 * says what the call was doing ("reading the models").  SPI errors are
 * can't-happen cases (the queries are the extension's own), hence elog.
 */
void
pgm_spi_check(int ret, int expected, const char *what)
{
	if (ret != expected)
		elog(ERROR, "%s failed: %s", what, SPI_result_code_string(ret));
}

/*
 * pgm_spi_check(), and exactly one row must have come back (SPI_processed).
 */
void
pgm_spi_check_one(int ret, int expected, const char *what)
{
	pgm_spi_check(ret, expected, what);
	if (SPI_processed != 1)
		elog(ERROR, "%s failed: " UINT64_FORMAT " rows instead of one",
			 what, SPI_processed);
}

#ifdef MIGRATE_SPI_DEBUG

/*
 * The SPI debugging aid of the sanitizer build (docs/reliability.md, *SPI
 * and memory contexts*).  SPI_connect() and every SPI call that runs a
 * query leave CurrentMemoryContext in SPI's procedure context, which
 * SPI_finish() deletes (and a subtransaction's rollback, for a connection
 * opened inside it).  PostgreSQL keeps the first block of a deleted
 * context of the default sizes for the next one: what was allocated there
 * and is read after SPI_finish() reads stale memory that ASan does not see
 * as freed.  Here, with the library linked with --wrap for each of these
 * functions (Makefile, when EXTRA_CFLAGS defines MIGRATE_SPI_DEBUG), the
 * caller is left instead in a child of the procedure context that is never
 * recycled: it dies with its parent, and every block of it goes back to
 * malloc(), so that a read after SPI_finish() is a heap-use-after-free
 * report.  The lifetime of what is allocated is the same.
 */
#define SPI_DEBUG_CONTEXT "pg_migrate SPI debug"

static void
spi_debug_enter(void)
{
	MemoryContext proc = CurrentMemoryContext;
	MemoryContext c;

	/* only when the call left us in SPI's procedure context */
	if (proc == NULL || strcmp(proc->name, "SPI Proc") != 0)
		return;
	for (c = proc->firstchild; c != NULL; c = c->nextchild)
		if (strcmp(c->name, SPI_DEBUG_CONTEXT) == 0)
			break;

	/*
	 * Sizes that match no freelist of aset.c: the context, its first
	 * block included, is free()d when it is deleted.
	 */
	if (c == NULL)
		c = AllocSetContextCreate(proc, SPI_DEBUG_CONTEXT, 0, 2 * 1024,
								  ALLOCSET_DEFAULT_MAXSIZE);
	MemoryContextSwitchTo(c);
}

extern int	__real_SPI_connect(void);
extern int	__real_SPI_connect_ext(int options);
extern int	__real_SPI_execute(const char *src, bool read_only, long tcount);
extern int	__real_SPI_execute_with_args(const char *src, int nargs,
										 Oid *argtypes, Datum *values,
										 const char *nulls, bool read_only,
										 long tcount);
extern int	__real_SPI_execute_plan(SPIPlanPtr plan, Datum *values,
									const char *nulls, bool read_only,
									long tcount);
extern int	__real_SPI_execute_snapshot(SPIPlanPtr plan, Datum *values,
										const char *nulls, Snapshot snapshot,
										Snapshot crosscheck_snapshot,
										bool read_only, bool fire_triggers,
										long tcount);
extern SPIPlanPtr __real_SPI_prepare(const char *src, int nargs, Oid *argtypes);
extern Portal __real_SPI_cursor_open_with_args(const char *name, const char *src,
											   int nargs, Oid *argtypes,
											   Datum *values, const char *nulls,
											   bool read_only, int cursorOptions);
extern void __real_SPI_cursor_fetch(Portal portal, bool forward, long count);

extern int	__wrap_SPI_connect(void);
extern int	__wrap_SPI_connect_ext(int options);
extern int	__wrap_SPI_execute(const char *src, bool read_only, long tcount);
extern int	__wrap_SPI_execute_with_args(const char *src, int nargs,
										 Oid *argtypes, Datum *values,
										 const char *nulls, bool read_only,
										 long tcount);
extern int	__wrap_SPI_execute_plan(SPIPlanPtr plan, Datum *values,
									const char *nulls, bool read_only,
									long tcount);
extern int	__wrap_SPI_execute_snapshot(SPIPlanPtr plan, Datum *values,
										const char *nulls, Snapshot snapshot,
										Snapshot crosscheck_snapshot,
										bool read_only, bool fire_triggers,
										long tcount);
extern SPIPlanPtr __wrap_SPI_prepare(const char *src, int nargs, Oid *argtypes);
extern Portal __wrap_SPI_cursor_open_with_args(const char *name, const char *src,
											   int nargs, Oid *argtypes,
											   Datum *values, const char *nulls,
											   bool read_only, int cursorOptions);
extern void __wrap_SPI_cursor_fetch(Portal portal, bool forward, long count);

/* SPI_connect(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
int
__wrap_SPI_connect(void)
{
	int			ret = __real_SPI_connect();

	spi_debug_enter();
	return ret;
}

/* SPI_connect_ext(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
int
__wrap_SPI_connect_ext(int options)
{
	int			ret = __real_SPI_connect_ext(options);

	spi_debug_enter();
	return ret;
}

/* SPI_execute(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
int
__wrap_SPI_execute(const char *src, bool read_only, long tcount)
{
	int			ret = __real_SPI_execute(src, read_only, tcount);

	spi_debug_enter();
	return ret;
}

/* SPI_execute_with_args(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
int
__wrap_SPI_execute_with_args(const char *src, int nargs, Oid *argtypes,
							 Datum *values, const char *nulls, bool read_only,
							 long tcount)
{
	int			ret = __real_SPI_execute_with_args(src, nargs, argtypes, values,
												   nulls, read_only, tcount);

	spi_debug_enter();
	return ret;
}

/* SPI_execute_plan(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
int
__wrap_SPI_execute_plan(SPIPlanPtr plan, Datum *values, const char *nulls,
						bool read_only, long tcount)
{
	int			ret = __real_SPI_execute_plan(plan, values, nulls, read_only,
											  tcount);

	spi_debug_enter();
	return ret;
}

/* SPI_execute_snapshot(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
int
__wrap_SPI_execute_snapshot(SPIPlanPtr plan, Datum *values, const char *nulls,
							Snapshot snapshot, Snapshot crosscheck_snapshot,
							bool read_only, bool fire_triggers, long tcount)
{
	int			ret = __real_SPI_execute_snapshot(plan, values, nulls, snapshot,
												  crosscheck_snapshot, read_only,
												  fire_triggers, tcount);

	spi_debug_enter();
	return ret;
}

/* SPI_prepare(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
SPIPlanPtr
__wrap_SPI_prepare(const char *src, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = __real_SPI_prepare(src, nargs, argtypes);

	spi_debug_enter();
	return plan;
}

/* SPI_cursor_open_with_args(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
Portal
__wrap_SPI_cursor_open_with_args(const char *name, const char *src, int nargs,
								 Oid *argtypes, Datum *values, const char *nulls,
								 bool read_only, int cursorOptions)
{
	Portal		portal = __real_SPI_cursor_open_with_args(name, src, nargs, argtypes,
														  values, nulls, read_only,
														  cursorOptions);

	spi_debug_enter();
	return portal;
}

/* SPI_cursor_fetch(), then spi_debug_enter() (MIGRATE_SPI_DEBUG builds only). */
void
__wrap_SPI_cursor_fetch(Portal portal, bool forward, long count)
{
	__real_SPI_cursor_fetch(portal, forward, count);
	spi_debug_enter();
}

#endif							/* MIGRATE_SPI_DEBUG */

/*
 * The schema of an extension, by the extension's OID; InvalidOid if there
 * is no such extension.  PostgreSQL 16 has get_extension_schema() for this;
 * 15 keeps it static in commands/extension.c.
 */
Oid
pgm_extension_schema(Oid extoid)
{
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			nsp = InvalidOid;

	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(extoid));
	scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
	if (HeapTupleIsValid(tup = systable_getnext(scan)))
		nsp = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return nsp;
}

/*
 * The schema of the extension, quoted, to qualify the names of its tables
 * and functions in the SQL the C code runs.  Found through the catalogs
 * (pg_extension) on every call, so that a DROP and CREATE EXTENSION in
 * another schema within a session is followed.  Returns a palloc'd string
 * in the current memory context; an ERROR if the extension is not there.
 */
const char *
pgm_ext_schema(void)
{
	Oid			ext = get_extension_oid("pg_migrate", false);
	char	   *name = get_namespace_name(pgm_extension_schema(ext));

	if (name == NULL)
		elog(ERROR, "the schema of extension \"pg_migrate\" was not found");
	return quote_identifier(name);
}
