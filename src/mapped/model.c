/*-------------------------------------------------------------------------
 *
 * model.c
 *	  The mapped views and functions of a model's properties, built in a
 *	  throwaway shadow schema and added to the model document.
 *
 * See docs/mapped-views.md; src/mapped/mapped_int.h lists the parts.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
#include "utils/regproc.h"
#include "access/genam.h"

#include "mapped_int.h"
#include "snapshot.h"


/* ----------------------------------------------------------------
 * The generated objects in the model document
 * ----------------------------------------------------------------
 */

static int	shadow_counter = 0;

static Datum
names_array(List *names)
{
	Datum	   *elems = palloc(sizeof(Datum) * (list_length(names) + 1));
	ListCell   *lc;
	int			n = 0;

	foreach(lc, names)
		elems[n++] = CStringGetTextDatum(lfirst(lc));
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * Build the model of schema (its objects as diff(empty, model) creates
 * them) in a shadow schema, add the mapped views and functions of the
 * schema's properties, and return them as the snapshot writes them:
 * {"views": {...}, "functions": {...}}.  All in a subtransaction that is
 * always rolled back.
 */
static Jsonb *
generate_in_shadow(const char *schema, Jsonb *doc, List *props, MemoryContext cxt)
{
	ResourceOwner owner = CurrentResourceOwner;
	char	   *shadow;
	bool		exists = OidIsValid(get_namespace_oid(schema, true));
	volatile bool building_model = true;
	Jsonb	   *volatile result = NULL;

	do
		shadow = psprintf("migrate_shadow_map_%d_%d", MyProcPid, ++shadow_counter);
	while (OidIsValid(get_namespace_oid(shadow, true)));

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		Oid			types[4] = {JSONBOID, TEXTOID, TEXTOID, TEXTARRAYOID};
		Datum		values[4];
		char	   *script;
		int			nest;
		List	   *views = NIL;
		List	   *functions = NIL;
		Jsonb	   *snap;
		bool		isnull;
		Datum		d;

		values[0] = JsonbPGetDatum(doc);
		values[1] = CStringGetTextDatum(schema);
		values[2] = CStringGetTextDatum(shadow);
		mapped_spi_check(SPI_execute_with_args(psprintf("SELECT %s.migrate_diff_sql("
												 " pg_catalog.jsonb_build_object('format', $1 OPERATOR(pg_catalog.->) 'format',"
												 "   'scope', pg_catalog.jsonb_build_array($3), 'extensions', '{}'::pg_catalog.jsonb,"
												 "   'schemas', '{}'::pg_catalog.jsonb),"
												 " pg_catalog.jsonb_build_object('format', $1 OPERATOR(pg_catalog.->) 'format',"
												 "   'scope', pg_catalog.jsonb_build_array($3), 'extensions', '{}'::pg_catalog.jsonb,"
												 "   'schemas', pg_catalog.jsonb_build_object($3,"
												 "      $1 OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->) $2)))",
												 mapped_ext_schema()),
										3, types, values, NULL, false, 1),
				  SPI_OK_SELECT, "writing the model's DDL");
		script = mapped_spi_text(0, 1);

		nest = pgm_guc_nest_enter();
		pgm_set_shadow(shadow, exists ? schema : NULL);
		pgm_set_schema_search_path(shadow);
		pgm_set_local("client_min_messages", "warning");
		if (SPI_execute(script, false, 0) < 0)
			elog(ERROR, "pg_migrate: building the model in a shadow schema failed");
		building_model = false;
		pgm_guc_nest_leave(nest);

		mapped_apply_plan(schema, shadow, props, &views, &functions, false);

		CommandCounterIncrement();
		PushCopiedSnapshot(GetActiveSnapshot());
		UpdateActiveSnapshotCommandId();
		d = DirectFunctionCall1(namein, CStringGetDatum(shadow));
		snap = snapshot_take(construct_array(&d, 1, NAMEOID, NAMEDATALEN, false,
											 TYPALIGN_CHAR), cxt);
		PopActiveSnapshot();

		values[0] = JsonbPGetDatum(snap);
		values[1] = CStringGetTextDatum(shadow);
		values[2] = names_array(views);
		values[3] = names_array(functions);
		types[2] = TEXTARRAYOID;
		mapped_spi_check(SPI_execute_with_args("SELECT pg_catalog.jsonb_build_object("
										" 'views', (SELECT pg_catalog.jsonb_object_agg(e.key, e.value)"
										"   FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.->) 'schemas'"
										"          OPERATOR(pg_catalog.->) $2 OPERATOR(pg_catalog.->) 'views') e"
										"   WHERE e.key OPERATOR(pg_catalog.=) ANY ($3)),"
										" 'functions', (SELECT pg_catalog.jsonb_object_agg(e.key, e.value)"
										"   FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.->) 'schemas'"
										"          OPERATOR(pg_catalog.->) $2 OPERATOR(pg_catalog.->) 'functions') e"
										"   WHERE e.key OPERATOR(pg_catalog.=) ANY ($4)))",
										4, types, values, NULL, false, 1),
				  SPI_OK_SELECT, "reading the generated objects");
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		MemoryContextSwitchTo(cxt);
		result = DatumGetJsonbPCopy(d);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		edata = pgm_subxact_catch(cxt, owner);
		pgm_set_shadow(NULL, NULL);
		if (building_model)
			ereport(ERROR,
					(errcode(edata->sqlerrcode),
					 errmsg("the model of schema \"%s\" cannot be built to generate its mapped views: %s",
							schema, edata->message),
					 edata->detail ? errdetail("%s", edata->detail) : 0,
					 errhint("migrate_model() builds the model in a throwaway schema, then adds the mapped views of its properties.")));
		ReThrowError(edata);
	}
	PG_END_TRY();

	pgm_subxact_rollback(cxt, owner);
	pgm_set_shadow(NULL, NULL);
	return result;
}

/*
 * The model document with the mapped views and functions of the
 * properties of its schemas added (docs/models.md,
 * docs/mapped-views.md).  Needs SPI.
 */
Jsonb *
mapped_model_extend(Jsonb *doc, MemoryContext cxt)
{
	Oid			types[3] = {JSONBOID, TEXTOID, JSONBOID};
	Datum		values[3];
	List	   *schemas = NIL;
	ListCell   *lc;

	values[0] = JsonbPGetDatum(doc);
	mapped_spi_check(SPI_execute_with_args("SELECT k FROM pg_catalog.jsonb_object_keys($1 OPERATOR(pg_catalog.->) 'schemas') k"
									" ORDER BY k COLLATE \"C\"",
									1, types, values, NULL, false, 0),
			  SPI_OK_SELECT, "reading the model's schemas");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);

		schemas = lappend(schemas, mapped_spi_text(i, 1));
		MemoryContextSwitchTo(old);
	}

	foreach(lc, schemas)
	{
		const char *schema = lfirst(lc);
		List	   *props = mapped_load_props(schema);
		Jsonb	   *made;
		bool		isnull;
		Datum		d;

		if (props == NIL)
			continue;
		made = generate_in_shadow(schema, doc, props, cxt);
		values[0] = JsonbPGetDatum(doc);
		values[1] = CStringGetTextDatum(schema);
		values[2] = JsonbPGetDatum(made);
		mapped_spi_check(SPI_execute_with_args("SELECT pg_catalog.jsonb_set($1, ARRAY['schemas', $2],"
										" ($1 OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->) $2)"
										" OPERATOR(pg_catalog.||) (SELECT COALESCE(pg_catalog.jsonb_object_agg(k.key,"
										"     COALESCE($1 OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->) $2"
										"              OPERATOR(pg_catalog.->) k.key, '{}'::pg_catalog.jsonb)"
										"     OPERATOR(pg_catalog.||) k.value), '{}'::pg_catalog.jsonb)"
										"   FROM pg_catalog.jsonb_each($3) k"
										"   WHERE pg_catalog.jsonb_typeof(k.value) OPERATOR(pg_catalog.=) 'object'))",
										3, types, values, NULL, false, 1),
				  SPI_OK_SELECT, "adding the mapped views to the model");
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		MemoryContextSwitchTo(cxt);
		doc = DatumGetJsonbPCopy(d);
	}
	return doc;
}
