/*-------------------------------------------------------------------------
 *
 * pg_migrate.c
 *	  Module initialisation, settings, and helpers to run code under a
 *	  given search_path.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "autogen.h"
#include "revdag.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "access/xact.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/memutils.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* pg_migrate.lock_timeout: the lock_timeout of each step (ms), 0 = inherit */
int			pgm_lock_timeout = 0;

void
_PG_init(void)
{
	DefineCustomIntVariable("pg_migrate.lock_timeout",
							"Sets the lock_timeout each migration step runs with.",
							"0 (the default) leaves the session's lock_timeout as it is.",
							&pgm_lock_timeout,
							0, 0, PG_INT32_MAX,
							PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);
	autogen_define_gucs();		/* pg_migrate.debug_drop_last_step */
	MarkGUCPrefixReserved("pg_migrate");
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
