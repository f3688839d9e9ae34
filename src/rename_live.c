/*-------------------------------------------------------------------------
 *
 * rename_live.c
 *	  The live schema as it is once the recorded renames have run
 *	  (docs/models.md, "Renames"), rehearsed on data-free copies.
 *
 * Autogenerate and migrate_check() diff from the live schema once
 * renamed.  The renames run on the rehearsal's copies (rehearsal.c) of
 * the objects they rename, of what depends on them and of what those
 * depend on, in a subtransaction that is always rolled back: a rename of a
 * table or a column would take ACCESS EXCLUSIVE on the live table, its
 * copy takes it on nothing anybody else can see.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/resowner.h"

#include "pg_migrate.h"
#include "graph.h"
#include "rehearsal.h"
#include "rename.h"
#include "rename_int.h"
#include "snapshot.h"

PG_FUNCTION_INFO_V1(migrate_renamed_snapshot);

/*
 * rename_touch(): see rename.h.
 */
void
rename_touch(List *renames, Touched *t)
{
	foreach_elem(Rename, r, renames)
	{
		GNode	   *node = rename_node(t->live, r, false);

		if (node != NULL)
			rehearsal_touch(t, node);
	}
}

/*
 * rename_schemas(): see rename.h.
 */
void
rename_schemas(List *renames, List **olds, List **news)
{
	*olds = NIL;
	*news = NIL;
	foreach_elem(Rename, r, renames)
	{
		if (r->kind != RK_SCHEMA)
			continue;
		*olds = lappend(*olds, r->old);
		*news = lappend(*news, r->new);
	}
}

/*
 * rename_rehearsal_base(): see rename.h.
 */
void
rename_rehearsal_base(List *renames, Graph *live, Jsonb *livedoc,
					  List *scope, bool all, MemoryContext cxt,
					  Graph **base, Jsonb **basedoc)
{
	List	   *olds;
	List	   *news;
	MemoryContext old;
	Graph	   *g;

	*base = live;
	*basedoc = livedoc;
	rename_schemas(renames, &olds, &news);
	if (olds == NIL || all)
		return;

	/* the live schemas renamed are outside the scope (it names the new) */
	old = MemoryContextSwitchTo(cxt);
	g = snapshot_build(rename_scope_array(list_concat_copy(scope, olds), false),
					   cxt);
	MemoryContextSwitchTo(g->cxt);
	g->scope = NIL;
	foreach_elem(char, name, scope)
		g->scope = lappend(g->scope, pstrdup(name));
	MemoryContextSwitchTo(cxt);
	*basedoc = snapshot_document(g);
	MemoryContextDelete(g->cxt);
	/* a loaded document's graph: its nodes know their dependents */
	*base = graph_from_jsonb(*basedoc, NULL, cxt);
	MemoryContextSwitchTo(old);
}

/*
 * rename_live_document(): see rename.h.
 *
 * The renames run on the rehearsal's copies (rehearsal.c): the live
 * schemas renamed aside in a subtransaction that is always rolled back,
 * the objects the renames touch, what depends on them and what they
 * depend on made again without rows from the live document, the renames
 * run on those, and the copies snapshotted in the place of their live
 * objects.  No live table is locked beyond the ACCESS SHARE of the
 * snapshot.
 */
Jsonb *
rename_live_document(List *renames, Graph *live, Jsonb *livedoc,
					 List *scope, bool all, MemoryContext cxt)
{
	ResourceOwner owner = CurrentResourceOwner;
	MemoryContext work = AllocSetContextCreate(cxt, "pg_migrate renamed snapshot",
											   ALLOCSET_DEFAULT_SIZES);
	Jsonb	   *volatile doc = NULL;
	char	   *script = rename_script(renames, false);
	Graph	   *base;
	Jsonb	   *basedoc;
	Touched		t;
	Rehearsal	rh;
	List	   *olds;
	List	   *news;

	MemoryContextSwitchTo(work);
	rename_rehearsal_base(renames, live, livedoc, scope, all, work,
						  &base, &basedoc);
	rehearsal_touched_init(&t, work);
	t.live = base;
	rename_touch(renames, &t);
	rehearsal_plan(&rh, &t, NULL, scope, all, work);
	rename_schemas(renames, &olds, &news);
	rehearsal_rename_schemas(&rh, olds, news);

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(work);
	PG_TRY();
	{
		rehearsal_setup(&rh, base, basedoc, work);
		rehearsal_run_script(script, work);
		doc = rehearsal_document(&rh, basedoc, cxt);
	}
	PG_CATCH();
	{
		ErrorData  *edata = pgm_subxact_catch(cxt, owner);

		rehearsal_reset();
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("the recorded renames fail on the live schema: %s",
						edata->message),
				 errdetail("Renames: %s", script),
				 errhint("Forget the rename that fails with migrate_model_rename_drop().")));
	}
	PG_END_TRY();
	pgm_subxact_rollback(cxt, owner);
	rehearsal_reset();
	MemoryContextSwitchTo(cxt);
	MemoryContextDelete(work);
	return doc;
}

/*
 * migrate_renamed_snapshot(model jsonb) RETURNS jsonb: the live snapshot of
 * the model's scope as it is once the pending renames have run (they run in
 * a subtransaction that is rolled back): what migrate_check() compares with
 * the model.  Without pending renames, the live snapshot of the scope's
 * schemas that exist.
 */
Datum
migrate_renamed_snapshot(PG_FUNCTION_ARGS)
{
	const char *ext = pgm_ext_schema();
	Jsonb	   *model = rename_jsonb_arg(fcinfo, 0);
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *live;
	List	   *scope;
	bool		all;
	List	   *renames;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	renames = rename_model_renames(ext, model, &live, &scope, &all, cxt);
	if (renames != NIL)
		live = rename_live_document(renames, graph_from_jsonb(live, NULL, cxt),
									live, scope, all, cxt);
	SPI_finish();
	PG_RETURN_JSONB_P(live);
}
