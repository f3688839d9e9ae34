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
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

int			pgm_lock_timeout = 0;

/*
 * Define the settings of this layer: pg_migrate.lock_timeout.  Called once,
 * from _PG_init().
 */
void
pgm_util_init_settings(void)
{
	DefineCustomIntVariable("pg_migrate.lock_timeout",
							"Sets the lock_timeout each migration step runs with.",
							"0 (the default) leaves the session's lock_timeout as it is.",
							&pgm_lock_timeout,
							0, 0, PG_INT32_MAX,
							PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);
}

/*
 * Settings changed between pgm_guc_nest_enter() and pgm_guc_nest_leave()
 * are undone by the latter, whatever changed them: also a plain SET or
 * RESET run inside (a revision's step ends with RESET search_path), which a
 * function's SET clause would let through to the session.  Leaving the
 * level as an abort does (AtEOXact_GUC(false)) restores every setting made
 * at it, as PostgreSQL does after running an index expression as the
 * table's owner.
 */
int
pgm_guc_nest_enter(void)
{
	return NewGUCNestLevel();
}

void
pgm_guc_nest_leave(int nestlevel)
{
	AtEOXact_GUC(false, nestlevel);
}

void
pgm_set_local(const char *name, const char *value)
{
	(void) set_config_option(name, value, PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
}

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

/*
 * search_path = <schema>, pg_catalog: the context in which the definitions
 * of a schema's objects are deparsed, so that names of that schema come out
 * unqualified and every other name qualified.
 */
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

void
pgm_set_schema_search_path(const char *schema)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (shadow_name != NULL && shadow_for != NULL &&
		strcmp(schema, shadow_name) == 0)
		appendStringInfo(&buf, "%s, %s, pg_catalog", quote_identifier(schema),
						 quote_identifier(shadow_for));
	else
		appendStringInfo(&buf, "%s, pg_catalog", quote_identifier(schema));
	pgm_set_search_path(buf.data);
	pfree(buf.data);
}

/*
 * Serialise the functions that change state: a transaction-level advisory
 * lock on PGM_ADVISORY_LOCK_KEY, held until the caller's transaction ends.
 */
void
pgm_advisory_lock(void)
{
	DirectFunctionCall1(pg_advisory_xact_lock_int8,
						Int64GetDatum(PGM_ADVISORY_LOCK_KEY));
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
