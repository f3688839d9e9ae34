/*-------------------------------------------------------------------------
 *
 * diff_sql.c
 *	  The SQL functions of the diff: migrate_diff() (the steps as rows) and
 *	  migrate_diff_sql() (one script), and how a script is written
 *	  (diff_script()).  The steps themselves come from diff.c.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "diff.h"

PG_FUNCTION_INFO_V1(migrate_diff);
PG_FUNCTION_INFO_V1(migrate_diff_sql);

/* The name of a step's action as migrate_diff() shows it: "create", ... */
const char *
diff_action_name(StepAction a)
{
	switch (a)
	{
		case STEP_DROP:
			return "drop";
		case STEP_CREATE:
			return "create";
		case STEP_ALTER:
			return "alter";
	}
	return "?";
}

static Jsonb *
arg_document(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("argument \"%s\" must not be null", what)));
	return PG_GETARG_JSONB_P(argno);
}

/*
 * migrate_diff(source jsonb, target jsonb) RETURNS TABLE(step int, action
 * text, object_type text, object_name text, sql text, hazards text[])
 */
Datum
migrate_diff(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Jsonb	   *source = arg_document(fcinfo, 0, "source");
	Jsonb	   *target = arg_document(fcinfo, 1, "target");
	MemoryContext work;
	MemoryContext old;
	List	   *steps;
	ListCell   *lc;

	InitMaterializedSRF(fcinfo, 0);
	work = AllocSetContextCreate(CurrentMemoryContext, "pg_migrate diff",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	steps = diff_compute(source, target, work);

	foreach(lc, steps)
	{
		DiffStep   *step = lfirst(lc);
		Datum		values[6];
		bool		nulls[6] = {0};
		Datum	   *hz;
		int			nh = 0;
		ListCell   *hc;

		hz = palloc(sizeof(Datum) * (list_length(step->hazards) + 1));
		foreach(hc, step->hazards)
			hz[nh++] = CStringGetTextDatum(lfirst(hc));
		values[0] = Int32GetDatum(step->number);
		values[1] = CStringGetTextDatum(diff_action_name(step->action));
		values[2] = CStringGetTextDatum(pgm_kinds[step->node->kind].label);
		values[3] = CStringGetTextDatum(diff_object_name(step));
		values[4] = CStringGetTextDatum(step->sql.data);
		values[5] = PointerGetDatum(construct_array(hz, nh, TEXTOID, -1, false,
													TYPALIGN_INT));
		MemoryContextSwitchTo(old);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(work);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return (Datum) 0;
}

/*
 * The steps as one script.  Each step runs with search_path set to its
 * object's schema (the definitions in a snapshot are relative to it); its
 * hazards are written as a comment above it.
 */
char *
diff_script(List *steps)
{
	StringInfoData buf;
	const char *path = NULL;
	ListCell   *lc;

	initStringInfo(&buf);
	if (steps == NIL)
		return buf.data;

	/*
	 * As pg_dump does: a function body written as a string is checked when
	 * first called, not when created, since it may name objects (a sequence
	 * in nextval('...')) that no dependency orders before it.
	 */
	appendStringInfoString(&buf, "SET check_function_bodies = false;\n");
	foreach(lc, steps)
	{
		DiffStep   *step = lfirst(lc);
		const char *schema = step->node->schema ? step->node->schema->name : NULL;

		if (schema != NULL && (path == NULL || strcmp(path, schema) != 0))
		{
			appendStringInfo(&buf, "SET search_path = %s, pg_catalog;\n",
							 quote_identifier(schema));
			path = schema;
		}
		if (step->hazards != NIL)
		{
			ListCell   *hc;

			appendStringInfoString(&buf, "-- hazards:");
			foreach(hc, step->hazards)
				appendStringInfo(&buf, " %s", (char *) lfirst(hc));
			appendStringInfoChar(&buf, '\n');
		}
		appendStringInfo(&buf, "%s\n", step->sql.data);
	}
	if (path != NULL)
		appendStringInfoString(&buf, "RESET search_path;\n");
	appendStringInfoString(&buf, "RESET check_function_bodies;\n");
	return buf.data;
}

/* migrate_diff_sql(source jsonb, target jsonb) RETURNS text */
Datum
migrate_diff_sql(PG_FUNCTION_ARGS)
{
	Jsonb	   *source = arg_document(fcinfo, 0, "source");
	Jsonb	   *target = arg_document(fcinfo, 1, "target");
	MemoryContext work;
	MemoryContext old;
	text	   *result;

	work = AllocSetContextCreate(CurrentMemoryContext, "pg_migrate diff",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	{
		char	   *script = diff_script(diff_compute(source, target, work));

		MemoryContextSwitchTo(old);
		result = cstring_to_text(script);
	}
	MemoryContextDelete(work);
	PG_RETURN_TEXT_P(result);
}
