/*-------------------------------------------------------------------------
 *
 * script.c
 *	  Online mode without the worker (docs/revisions.md, "Online mode"):
 *
 *	  migrate_upgrade_sql(target, from_revision, online => true)
 *		the steps the worker would run, as a psql script: each step a
 *		statement of its own in autocommit (the concurrent ones outside
 *		any transaction block), under SET lock_timeout, and each
 *		revision's change of migrate_version and migrate_log in a
 *		transaction after its last step.  A script cannot retry a step
 *		that timed out: psql stops at the first error (ON_ERROR_STOP).
 *
 *	  migrate_online_plan(target, direction)
 *		what online mode would do with each statement of the pending
 *		revisions: its steps, and why a statement runs as written.
 *
 *	  Whether a revision runs online: online => true, unless the
 *	  revision is marked to run as written (migrate_revision_online(),
 *	  false); online => NULL (the default), only the revisions marked
 *	  online; online => false, none (the script of migrate.c).
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"
#include "checksum.h"
#include "migrate.h"
#include "online/online.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(migrate_upgrade_sql);
PG_FUNCTION_INFO_V1(migrate_downgrade_sql);
PG_FUNCTION_INFO_V1(migrate_online_plan);

/* The marks of migrate_revisions.online: 't', 'f', or ' ' (none), by index. */
static char *
online_marks(RevDag *dag)
{
	char	   *marks = palloc(dag->n + 1);
	int			ret;

	memset(marks, ' ', dag->n);
	marks[dag->n] = '\0';
	ret = SPI_execute(psprintf("SELECT revision, online FROM %s.migrate_revisions"
							   " WHERE online IS NOT NULL", pgm_ext_schema()), true, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the online marks");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		int			idx = revdag_find(dag, SPI_getvalue(SPI_tuptable->vals[i],
														SPI_tuptable->tupdesc, 1));

		if (idx >= 0)
			marks[idx] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2)[0];
	}
	return marks;
}

/* Does a revision run online, with the call's online argument (-1: NULL)? */
static bool
runs_online(char mark, int online)
{
	if (online < 0)
		return mark == 't';
	return online == 1 && mark != 'f';
}

/* The plan of a script: from this database's version, or from_revision. */
static List *
script_plan(RevDag *dag, const char *target, bool has_from, const char *from_text,
			bool upgrade, Bitmapset **from)
{
	Bitmapset  *applied;
	RevTarget  *t;

	if (!has_from)
		*from = dag->current;
	else
	{
		RevTarget  *f = target_resolve(dag, from_text, dag->current);

		*from = revdag_normalize_heads(dag, f->revs);
	}
	applied = revdag_ancestors(dag, *from);
	t = target_resolve(dag, target, *from);
	return plan_steps(dag, applied, plan_applied(dag, applied, t, upgrade), upgrade);
}

/* A revision's steps, the tables looked up under the caller's search_path. */
static List *
rewrite_under(const char *sql, const char *path, bool rewrite)
{
	int			nest = pgm_guc_nest_enter();
	List	   *steps;

	pgm_set_search_path(path);
	steps = online_rewrite(sql, true, rewrite);
	pgm_guc_nest_leave(nest);
	return steps;
}

#define SCRIPT_PATH_SETTING "pg_migrate_offline.search_path"

static void
append_restore_path(StringInfo buf)
{
	appendStringInfoString(buf, "SELECT pg_catalog.set_config('search_path',"
						   " pg_catalog.current_setting('" SCRIPT_PATH_SETTING "'), false);\n");
}

static Datum
online_script(FunctionCallInfo fcinfo, bool upgrade)
{
	int			online;
	const char *target;
	RevDag	   *dag;
	Bitmapset  *from;
	Bitmapset  *heads;
	List	   *steps;
	ListCell   *lc;
	char	   *marks;
	bool		any = false;
	StringInfoData buf;
	text	   *result;
	char	   *path;

	/* a 0.1 installation (two arguments) knows no online mode */
	if (PG_NARGS() < 3)
		return migrate_offline(fcinfo, upgrade);
	online = PG_ARGISNULL(2) ? -1 : PG_GETARG_BOOL(2);
	if (online == 0)
		return migrate_offline(fcinfo, upgrade);
	path = caller_search_path();
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision target must not be null")));
	target = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	dag = revdag_load(true);
	marks = online_marks(dag);
	steps = script_plan(dag, target, !PG_ARGISNULL(1),
						PG_ARGISNULL(1) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(1)),
						upgrade, &from);
	foreach(lc, steps)
		any |= runs_online(marks[lfirst_int(lc)], online);
	if (!any)
	{
		SPI_finish();
		return migrate_offline(fcinfo, upgrade);
	}
	heads = bms_copy(from);

	initStringInfo(&buf);
	appendStringInfo(&buf, "-- pg_migrate: online %s from %s to %s\n",
					 upgrade ? "upgrade" : "downgrade",
					 bms_is_empty(from) ? "base" : revdag_set_string(dag, from), target);
	appendStringInfoString(&buf,
						   "-- Run with psql -f, not in one transaction (no -1): each step commits on its own,\n"
						   "-- the concurrent ones outside any transaction block.  psql stops at the first\n"
						   "-- error; a step that timed out waiting for a lock is not tried again.\n"
						   "\\set ON_ERROR_STOP on\n\n");
	pgm_check_settings();
	if (pgm_lock_timeout > 0)
		appendStringInfo(&buf, "SET lock_timeout = %d;\n", pgm_lock_timeout);
	appendStringInfo(&buf, "SELECT pg_catalog.pg_advisory_lock(" INT64_FORMAT ");\n",
					 PGM_ADVISORY_LOCK_KEY);
	appendStringInfo(&buf, "SET lock_timeout = %d;\n", pgm_online_lock_timeout);
	appendStringInfoString(&buf, "SELECT pg_catalog.set_config('" SCRIPT_PATH_SETTING "',"
						   " pg_catalog.current_setting('search_path'), false);\n");

	foreach(lc, steps)
	{
		int			rev = lfirst_int(lc);
		RevNode    *r = &dag->nodes[rev];
		const char *sql = upgrade ? r->upgrade_sql : r->downgrade_sql;
		bool		rewrite = runs_online(marks[rev], online);
		ListCell   *sc;

		appendStringInfo(&buf, "\n-- %s\n\n", step_words(dag, rev, upgrade));
		if (!rewrite)
			appendStringInfoString(&buf, "BEGIN;\n");
		foreach(sc, rewrite_under(sql, path, rewrite))
		{
			OnlineStep *s = lfirst(sc);

			if (s->note != NULL && rewrite)
				appendStringInfo(&buf, "-- as written: %s\n", s->note);
			append_step_sql(&buf, s->sql);
		}
		append_restore_path(&buf);
		if (rewrite)
			appendStringInfoString(&buf, "BEGIN;\n");
		append_version_sql(&buf, dag, step_version_ops(dag, &heads, rev, upgrade));
		appendStringInfo(&buf, "INSERT INTO %s.migrate_log (revision, direction, checksum) VALUES (%s, %s, %s);\n",
						 pgm_ext_schema(), quote_literal_cstr(r->id),
						 upgrade ? "'upgrade'" : "'downgrade'",
						 quote_literal_cstr(revision_checksum(r->upgrade_sql, r->downgrade_sql)));
		appendStringInfoString(&buf, "COMMIT;\n");
	}
	appendStringInfo(&buf, "\nRESET lock_timeout;\nSELECT pg_catalog.pg_advisory_unlock(" INT64_FORMAT ");\n",
					 PGM_ADVISORY_LOCK_KEY);

	result = (text *) SPI_palloc(buf.len + VARHDRSZ);
	SET_VARSIZE(result, buf.len + VARHDRSZ);
	memcpy(VARDATA(result), buf.data, buf.len);
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}

/*
 * migrate_upgrade_sql(target text DEFAULT 'heads', from_revision text
 * DEFAULT NULL, online boolean DEFAULT NULL): the upgrade as a psql script,
 * in online mode for the revisions that run online.
 */
Datum
migrate_upgrade_sql(PG_FUNCTION_ARGS)
{
	return online_script(fcinfo, true);
}

/* migrate_downgrade_sql(target text, from_revision text, online boolean). */
Datum
migrate_downgrade_sql(PG_FUNCTION_ARGS)
{
	return online_script(fcinfo, false);
}

/*
 * migrate_online_plan(target text DEFAULT 'heads', direction text DEFAULT
 * 'upgrade') RETURNS TABLE(revision text, step int, statement int, kind
 * text, sql text, note text): the steps online mode would run from this
 * database's version to the target.
 */
Datum
migrate_online_plan(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *target;
	const char *direction;
	bool		upgrade;
	RevDag	   *dag;
	Bitmapset  *from;
	List	   *steps;
	ListCell   *lc;
	char	   *marks;
	char	   *path = caller_search_path();

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision target and the direction must not be null")));
	target = text_to_cstring(PG_GETARG_TEXT_PP(0));
	direction = text_to_cstring(PG_GETARG_TEXT_PP(1));
	if (strcmp(direction, "upgrade") != 0 && strcmp(direction, "downgrade") != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown direction \"%s\"", direction),
				 errhint("The direction is \"upgrade\" or \"downgrade\".")));
	upgrade = direction[0] == 'u';

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	dag = revdag_load(true);
	marks = online_marks(dag);
	steps = script_plan(dag, target, false, NULL, upgrade, &from);
	foreach(lc, steps)
	{
		RevNode    *r = &dag->nodes[lfirst_int(lc)];
		ListCell   *sc;
		int			n = 0;

		foreach(sc, rewrite_under(upgrade ? r->upgrade_sql : r->downgrade_sql, path,
								  marks[r->idx] != 'f'))
		{
			OnlineStep *s = lfirst(sc);
			Datum		values[6];
			bool		nulls[6] = {false, false, false, false, false, s->note == NULL};

			values[0] = CStringGetTextDatum(r->id);
			values[1] = Int32GetDatum(++n);
			values[2] = Int32GetDatum(s->stmt);
			values[3] = CStringGetTextDatum(online_kind_name(s->kind));
			values[4] = CStringGetTextDatum(s->sql);
			values[5] = s->note ? CStringGetTextDatum(s->note) : (Datum) 0;
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	SPI_finish();
	return (Datum) 0;
}
