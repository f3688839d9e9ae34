/*-------------------------------------------------------------------------
 *
 * verify.c
 *	  migrate_verify() (docs/revisions-autogenerate.md):
 *	  what changed behind pg_migrate's back.
 *
 * Two checks, one row per finding, no rows when all is well:
 *
 *	- sql_changed: an applied revision whose stored SQL no longer has the
 *	  checksum logged when its last upgrade ran (checksum.h:
 *	  revision_checksum(), the same function the upgrade logs with);
 *	- drift: an object of the live schema that differs from the snapshot
 *	  recorded with the applied head (migrate_revisions.snapshot, written by
 *	  autogenerate), one row per step of diff(recorded, live), named as
 *	  migrate_diff() names it;
 *	- unknown_revision: a row of migrate_version naming no revision.
 *
 * The drift check needs one applied head with a recorded snapshot; when
 * there are several applied heads, or the head was written by hand, a
 * NOTICE says that drift was not checked and why.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "autogen.h"
#include "revdag.h"
#include "checksum.h"
#include "diff.h"

PG_FUNCTION_INFO_V1(migrate_verify);

#define VERIFY_COLUMNS 4

static void
put_row(ReturnSetInfo *rsinfo, const char *revision, const char *problem,
		const char *object, const char *detail)
{
	Datum		values[VERIFY_COLUMNS];
	bool		nulls[VERIFY_COLUMNS] = {0};
	const char *cols[VERIFY_COLUMNS] = {revision, problem, object, detail};

	for (int i = 0; i < VERIFY_COLUMNS; i++)
	{
		if (cols[i] == NULL)
			nulls[i] = true;
		else
			values[i] = CStringGetTextDatum(cols[i]);
	}
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/* The first 12 hex digits of a checksum: enough for a person to compare. */
static char *
short_sum(const char *sum)
{
	return pnstrdup(sum, 12);
}

/* Applied revisions whose SQL changed since their last upgrade. */
static void
verify_checksums(ReturnSetInfo *rsinfo, const char *ext, MemoryContext cxt)
{
	int			ret;

	ret = SPI_execute(psprintf("WITH RECURSIVE applied(revision) AS ("
							   "  SELECT v.version_num FROM %s.migrate_version v"
							   "  UNION"
							   "  SELECT p.parent FROM applied a"
							   "    JOIN %s.migrate_revisions r"
							   "      ON r.revision OPERATOR(pg_catalog.=) a.revision,"
							   "    LATERAL pg_catalog.unnest(r.parents OPERATOR(pg_catalog.||) r.depends_on) p(parent))"
							   " SELECT r.revision, r.upgrade_sql, r.downgrade_sql,"
							   "        l.checksum, l.started_at::pg_catalog.text"
							   "   FROM applied a"
							   "   JOIN %s.migrate_revisions r"
							   "     ON r.revision OPERATOR(pg_catalog.=) a.revision,"
							   "   LATERAL (SELECT l.checksum, l.started_at"
							   "              FROM %s.migrate_log l"
							   "             WHERE l.revision OPERATOR(pg_catalog.=) r.revision"
							   "               AND l.direction OPERATOR(pg_catalog.=) 'upgrade'"
							   "             ORDER BY l.id DESC LIMIT 1) l"
							   "  WHERE l.checksum IS NOT NULL"
							   "  ORDER BY r.created_at, r.revision COLLATE \"C\"",
							   ext, ext, ext, ext),
					  true, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the applied revisions");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		char	   *revision = revdag_text_col(tup, desc, 1);
		char	   *logged = revdag_text_col(tup, desc, 4);
		char	   *now = revision_checksum(revdag_text_col(tup, desc, 2),
											revdag_text_col(tup, desc, 3));

		if (strcmp(logged, now) != 0)
		{
			MemoryContext old = MemoryContextSwitchTo(cxt);

			put_row(rsinfo, revision, "sql_changed", NULL,
					psprintf("upgraded at %s with SQL of checksum %s; its stored SQL now has checksum %s",
							 revdag_text_col(tup, desc, 5), short_sum(logged),
							 short_sum(now)));
			MemoryContextSwitchTo(old);
		}
	}
}

/* Rows of migrate_version that name no revision. */
static void
verify_versions(ReturnSetInfo *rsinfo, const char *ext, MemoryContext cxt)
{
	int			ret;

	ret = SPI_execute(psprintf("SELECT v.version_num FROM %s.migrate_version v"
							   " WHERE NOT EXISTS (SELECT 1 FROM %s.migrate_revisions r"
							   "        WHERE r.revision OPERATOR(pg_catalog.=) v.version_num)"
							   " ORDER BY v.version_num COLLATE \"C\"", ext, ext),
					  true, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the version table");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		char	   *revision = revdag_text_col(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		MemoryContext old = MemoryContextSwitchTo(cxt);

		put_row(rsinfo, revision, "unknown_revision", NULL,
				"migrate_version names a revision that migrate_revisions does not hold");
		MemoryContextSwitchTo(old);
	}
}

static const char *
drift_verb(StepAction action)
{
	switch (action)
	{
		case STEP_CREATE:
			return "added by hand";
		case STEP_DROP:
			return "dropped by hand";
		case STEP_ALTER:
			return "changed by hand";
	}
	return "changed by hand";
}

/* Differences between the live schema and the head's recorded snapshot. */
static void
verify_drift(ReturnSetInfo *rsinfo, const char *ext, MemoryContext cxt)
{
	int			ret;
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull;
	Datum		d;
	char	   *head;
	char	   *recorded_hash;
	Jsonb	   *recorded;
	Jsonb	   *live;
	List	   *scope;
	bool		all;
	MemoryContext work;
	MemoryContext old;
	List	   *steps;
	ListCell   *lc;

	ret = SPI_execute(psprintf("SELECT v.version_num, r.snapshot, r.snapshot_hash"
							   "  FROM %s.migrate_version v"
							   "  JOIN %s.migrate_revisions r"
							   "    ON r.revision OPERATOR(pg_catalog.=) v.version_num"
							   " ORDER BY v.version_num COLLATE \"C\"", ext, ext),
					  true, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the version table");
	if (SPI_processed == 0)
		return;					/* at base: nothing is recorded */
	if (SPI_processed > 1)
	{
		ereport(NOTICE,
				(errmsg("drift not checked: %d heads are applied",
						(int) SPI_processed),
				 errdetail("The snapshot recorded with a revision is the schema it leads to on its own branch; with several applied heads no one snapshot describes the live schema."),
				 errhint("Merge the heads with migrate_merge() and autogenerate from the merge.")));
		return;
	}
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	head = revdag_text_col(tup, desc, 1);
	d = SPI_getbinval(tup, desc, 2, &isnull);
	if (isnull)
	{
		ereport(NOTICE,
				(errmsg("drift not checked: revision \"%s\" has no recorded snapshot", head),
				 errdetail("Only autogenerated revisions record the schema they lead to; \"%s\" was written by hand.",
						   head)));
		return;
	}
	old = MemoryContextSwitchTo(cxt);
	recorded = (Jsonb *) PG_DETOAST_DATUM_COPY(d);
	recorded_hash = revdag_text_col(tup, desc, 3);
	/* the table can be written behind pg_migrate's back */
	docread_check(recorded, psprintf("recorded with revision \"%s\"", head));
	scope = autogen_document_scope(recorded, &all);
	live = autogen_live_document(scope, all, cxt);
	MemoryContextSwitchTo(cxt);
	if (recorded_hash != NULL && strcmp(snapshot_hash(live), recorded_hash) == 0)
	{
		MemoryContextSwitchTo(old);
		return;
	}

	work = AllocSetContextCreate(cxt, "pg_migrate verify", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(work);
	steps = diff_compute(recorded, live, work);
	if (steps == NIL && !graph_documents_equal(recorded, live))
	{
		char	   *path = graph_documents_difference(recorded, live);

		put_row(rsinfo, head, "drift", NULL,
				psprintf("the live snapshot differs from the one recorded at %s, in something the diff names no step for",
						 path ? path : "an unknown place"));
	}
	foreach(lc, steps)
	{
		DiffStep   *step = lfirst(lc);

		put_row(rsinfo, head, "drift",
				psprintf("%s %s", pgm_kinds[step->node->kind].label,
						 diff_object_name(step)),
				psprintf("%s: %s", drift_verb(step->action), step->sql.data));
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
}

/*
 * migrate_verify() RETURNS TABLE(revision text, problem text, object text,
 * detail text)
 */
Datum
migrate_verify(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt = CurrentMemoryContext;
	const char *ext;

	InitMaterializedSRF(fcinfo, 0);
	ext = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	verify_versions(rsinfo, ext, cxt);
	verify_checksums(rsinfo, ext, cxt);
	verify_drift(rsinfo, ext, cxt);
	SPI_finish();
	return (Datum) 0;
}
