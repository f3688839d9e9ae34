/*-------------------------------------------------------------------------
 *
 * autogen.c
 *	  Autogenerate (docs/revisions-autogenerate.md): the
 *	  upgrade SQL of a revision is diff(live, model), its downgrade SQL
 *	  diff(model, live), and both are checked on the real catalogs before
 *	  migrate_revision() stores anything.
 *
 * The check runs inside a subtransaction that is always rolled back: the
 * upgrade SQL runs, the models' schemas are snapshotted and compared with
 * the model; the downgrade SQL runs, they are snapshotted again and
 * compared with the live schema as it was.  A difference is an error that
 * names the first object that differs.  The snapshot taken after the
 * upgrade is what the revision leads to: its hash and the document itself
 * are stored with the revision, for migrate_verify() (verify.c).
 *
 *-------------------------------------------------------------------------
 */
#include "autogen.h"
#include "rehearsal.h"
#include "rename.h"
#include "unmodeled.h"

#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "parser/parser.h"
#include "portability/instr_time.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/resowner.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/lsyscache.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "catalog/pg_class.h"

#include "checksum.h"
#include "diff.h"
#include "dirty.h"
#include "model_refs.h"
#include "pg_migrate.h"
#include "snapshot.h"

PG_FUNCTION_INFO_V1(migrate_observed_hazards);

/* pg_migrate.debug_drop_last_step: see autogen_init_settings(). */
static bool debug_drop_last_step = false;

/* pg_migrate.debug_verify_partial_snapshots: see autogen_init_settings(). */
static bool debug_verify_partial = false;

/*
 * Define autogenerate's developer settings, pg_migrate.debug_drop_last_step
 * and pg_migrate.debug_verify_partial_snapshots.  Called once, from
 * _PG_init().
 */
void
autogen_init_settings(void)
{
	DefineCustomBoolVariable("pg_migrate.debug_drop_last_step",
							 "Drops the last step of autogenerate's upgrade SQL before it is checked.",
							 "A developer setting, to see autogenerate's self-check refuse a wrong "
							 "script: the revision is then never stored.",
							 &debug_drop_last_step,
							 false,
							 PGC_SUSET,
							 GUC_NOT_IN_SAMPLE,
							 NULL, NULL, NULL);
	DefineCustomBoolVariable("pg_migrate.debug_verify_partial_snapshots",
							 "Checks each partial snapshot of autogenerate's self-check against a whole one.",
							 "A developer setting: the self-check re-reads only the objects its "
							 "scripts changed; with this on it says so in a NOTICE, also takes "
							 "the whole snapshot, and fails, naming the first object that "
							 "differs, if the two differ.  It also checks the live graph "
							 "autogenerate makes from its snapshot against the live document "
							 "read back.",
							 &debug_verify_partial,
							 false,
							 PGC_SUSET,
							 GUC_NOT_IN_SAMPLE,
							 NULL, NULL, NULL);
}

/* elapsed milliseconds since t0, for the DEBUG1 timings */
static double
ms_since(instr_time t0)
{
	instr_time	t1;

	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	return INSTR_TIME_GET_MILLISEC(t1);
}

/* A copy of a jsonb value in cxt. */
static Jsonb *
copy_jsonb(MemoryContext cxt, Jsonb *doc)
{
	Jsonb	   *copy = MemoryContextAlloc(cxt, VARSIZE(doc));

	memcpy(copy, doc, VARSIZE(doc));
	return copy;
}

/* An ERROR unless a model is stored.  Must be called inside SPI. */
static void
require_model(const char *ext)
{
	int			ret;

	/* Said here in autogenerate's words, rather than by migrate_model(). */
	ret = SPI_execute(psprintf("SELECT 1 FROM %s.migrate_models LIMIT 1", ext),
					  true, 1);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the models");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("autogenerate needs a model, and no model is stored"),
				 errdetail("Autogenerate compares the live schema with the model."),
				 errhint("Set one with migrate_model_set(), migrate_model_import() or migrate_model_capture(), or write the revision by hand with autogenerate => false.")));
}

/*
 * The stored models merged into one document: what migrate_model(NULL)
 * returns, read through that function so that there is one definition of
 * it.  Allocated in cxt.  Must be called inside SPI, after require_model().
 */
static Jsonb *
stored_model(const char *ext, MemoryContext cxt)
{
	bool		isnull;
	Datum		d;
	int			ret;

	ret = SPI_execute(psprintf("SELECT %s.migrate_model(NULL)", ext), true, 1);
	pgm_spi_check_one(ret, SPI_OK_SELECT, "reading the models");
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		elog(ERROR, "migrate_model() returned null");
	return copy_jsonb(cxt, DatumGetJsonbP(d));
}

/*
 * The model and its graph (in a child context of graphs).  migrate_model()
 * walks the whole document for references to cut before anyone reads it;
 * autogenerate reads it into a graph anyway, which tells the same: when
 * no reference of the stored document is left dangling (and no property
 * adds mapped views), the stored document is what migrate_model(NULL)
 * returns, and its graph is the model's.  Otherwise migrate_model(NULL)
 * it is.  *hash: the snapshot hash stored with the model's row when the
 * document returned is that row's model (model_document_hashed()), else
 * NULL.
 */
static Jsonb *
model_and_graph(MemoryContext cxt, MemoryContext graphs, Graph **graph,
				char **hash)
{
	const char *ext = pgm_ext_schema();
	Jsonb	   *doc;
	bool		checked;

	require_model(ext);
	doc = model_document_hashed(ext, cxt, &checked, hash);
	if (doc != NULL)
	{
		/* a row checked when stored is not checked again (docs/models.md) */
		Graph	   *g = graph_from_jsonb(doc, checked ? NULL : "of the stored models",
										 graphs);

		if (g->ndangling == 0)
		{
			*graph = g;
			return doc;
		}
		MemoryContextDelete(g->cxt);
		pfree(doc);
	}
	*graph = NULL;
	*hash = NULL;
	return stored_model(ext, cxt);
}

/*
 * The schema names of a document's "scope", or NIL with *all set when it
 * is "all".
 */
List *
autogen_document_scope(Jsonb *doc, bool *all)
{
	JsonbValue *v;
	List	   *names = NIL;

	*all = false;
	v = getKeyJsonValueFromContainer(&doc->root, "scope", 5, NULL);
	if (v == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("snapshot document has no \"scope\" key")));
	if (v->type == jbvString)
	{
		*all = true;
		return NIL;
	}
	if (v->type == jbvBinary && JsonContainerIsArray(v->val.binary.data))
	{
		JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
		JsonbValue	e;
		JsonbIteratorToken tok;

		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		{
			if (tok == WJB_ELEM && e.type == jbvString)
				names = lappend(names, pnstrdup(e.val.string.val,
												e.val.string.len));
		}
		return names;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("snapshot document's \"scope\" is neither \"all\" nor a list of schemas")));
	return NIL;					/* keep the compiler quiet */
}
/* Record the scope asked for in the graph: its document says it. */
static void
set_scope(Graph *g, List *scope, bool all)
{
	MemoryContext old;
	ListCell   *lc;

	if (all)
		return;
	old = MemoryContextSwitchTo(g->cxt);
	g->scope = NIL;
	foreach(lc, scope)
		g->scope = lappend(g->scope, pstrdup(lfirst(lc)));
	MemoryContextSwitchTo(old);
}

/*
 * The live snapshot of a scope as a graph (schemas: rehearsal_scope_array() of it),
 * in a child context of cxt.  Must be called inside SPI.
 */
static Graph *
live_graph(List *scope, bool all, ArrayType *schemas, MemoryContext cxt)
{
	Graph	   *g = snapshot_build(schemas, cxt);

	set_scope(g, scope, all);
	MemoryContextSwitchTo(cxt);
	return g;
}

/*
 * The live snapshot of a scope (NIL with all: every user schema), allocated
 * in cxt.  Schemas of the scope that do not exist are left out of the
 * snapshot but kept in its scope: a diff towards it then drops them, a diff
 * from it creates them, as for the schemas that exist.  Must be called
 * inside SPI.
 */
Jsonb *
autogen_live_document(List *scope, bool all, MemoryContext cxt)
{
	Graph	   *g = live_graph(scope, all, rehearsal_scope_array(scope, all), cxt);
	Jsonb	   *doc;

	doc = snapshot_document(g);
	MemoryContextDelete(g->cxt);
	return doc;
}

/*
 * Two documents the same?  graph_documents_equal(): jsonb's own equality
 * (byte for byte first, since documents written by the same code are
 * canonical), but for the order of a table's columns, which the diff does
 * not change.
 */
static bool
documents_equal(Jsonb *a, Jsonb *b)
{
	return graph_documents_equal(a, b);
}

/*
 * The same documents byte for byte or as jsonb values: the quick half of
 * documents_equal(), which goes on to read both documents back when they
 * differ (on a large schema, two reads of 15 MB documents, for an answer
 * that the diff gives anyway: no step).
 */
static bool
documents_identical(Jsonb *a, Jsonb *b)
{
	return (VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0) ||
		compareJsonbContainers(&a->root, &b->root) == 0;
}

/*
 * Why two documents that should be the same are not: the first step of
 * diff(have, want), as migrate_diff() would name it, in *object ("table
 * app.voters") and that step's action and SQL, with the number of steps,
 * in *detail.
 */
static void
first_difference(Jsonb *have, Jsonb *want, char **object, char **detail)
{
	MemoryContext cxt = CurrentMemoryContext;
	MemoryContext work = AllocSetContextCreate(cxt, "pg_migrate autogenerate check",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(work);
	List	   *steps = diff_compute(have, want, work);

	MemoryContextSwitchTo(old);
	if (steps == NIL)
	{
		char	   *path = graph_documents_difference(have, want);

		*object = path ? psprintf("the snapshot document at %s", path) :
			pstrdup("the snapshot document");
		*detail = psprintf("The documents differ (hashes %s and %s) at %s, in nothing the diff turns into a step.",
						   snapshot_hash(have), snapshot_hash(want),
						   path ? path : "an unknown place");
	}
	else
	{
		DiffStep   *step = linitial(steps);

		*object = psprintf("%s %s", pgm_kinds[step->node->kind].label,
						   diff_object_name(step));
		*detail = psprintf("%d step%s would still be needed; the first, %s %s: %s",
						   list_length(steps), list_length(steps) == 1 ? "" : "s",
						   diff_action_name(step->action), *object,
						   step->sql.data);
	}
	MemoryContextDelete(work);
}

/* What a phase of the check was doing, for its error messages. */
typedef enum CheckPhase
{
	PHASE_NONE,
	PHASE_SETUP,
	PHASE_UPGRADE,
	PHASE_DOWNGRADE
} CheckPhase;

/*
 * What the self-check starts from: the live snapshot, as a graph and as
 * its document, and its scope.
 */
typedef struct CheckStart
{
	Graph	   *graph;
	Jsonb	   *doc;
	List	   *scope;
	bool		all;
	ArrayType  *schemas;		/* its schemas that exist, for snapshot_build() */
	XLogRecPtr	lsn;			/* WAL insert position when it was taken */
	Graph	   *base;			/* what the rehearsal copies from: graph, */
	Jsonb	   *basedoc;		/* or with recorded renames of schemas, a
								 * snapshot of their live names too
								 * (rename_rehearsal_base()) */
} CheckStart;

/*
 * The live snapshot of the scope after the statements run so far: the
 * start's document with the top-level objects those statements changed
 * read again (dirty.c), or a whole snapshot when a partial one cannot
 * stand for it.  Allocated in cxt.
 */
static Jsonb *
snapshot_now(CheckStart *start, const char *what, MemoryContext cxt)
{
	MemoryContext work = AllocSetContextCreate(cxt, "pg_migrate partial snapshot",
											   ALLOCSET_DEFAULT_SIZES);
	Jsonb	   *doc = NULL;
	DirtySet   *dirty;
	const char *why;
	instr_time	t0;

	CommandCounterIncrement();
	PushCopiedSnapshot(GetActiveSnapshot());
	UpdateActiveSnapshotCommandId();

	MemoryContextSwitchTo(work);
	INSTR_TIME_SET_CURRENT(t0);
	dirty = dirty_since(start->graph, start->lsn, &why);
	if (dirty != NULL)
	{
		Graph	   *partial;

		elog(DEBUG1, "autogenerate check: %d changed catalog rows on %d pages, %d objects to read again: %.1f ms",
			 dirty->nrows, dirty->npages, dirty->nobjects, ms_since(t0));
		if (debug_verify_partial)
			elog(NOTICE, "autogenerate check: a partial snapshot after the %s, %d object%s read again",
				 what, dirty->nobjects, dirty->nobjects == 1 ? "" : "s");
		INSTR_TIME_SET_CURRENT(t0);
		partial = snapshot_build_partial(start->schemas, work, start->graph,
										 dirty->only, dirty->objects);
		elog(DEBUG1, "autogenerate check: partial snapshot: %.1f ms", ms_since(t0));
		INSTR_TIME_SET_CURRENT(t0);
		MemoryContextSwitchTo(cxt);
		doc = graph_merge_document(start->doc, partial, dirty->replaced, false);
		elog(DEBUG1, "autogenerate check: merged document: %.1f ms", ms_since(t0));
	}
	else
		elog(debug_verify_partial ? NOTICE : DEBUG1,
			 "autogenerate check: a whole snapshot after the %s, as %s",
			 what, why);
	MemoryContextSwitchTo(cxt);
	MemoryContextDelete(work);

	if (doc == NULL)
		doc = autogen_live_document(start->scope, start->all, cxt);
	else if (debug_verify_partial)
	{
		Jsonb	   *whole = autogen_live_document(start->scope, start->all, cxt);

		if (!documents_equal(doc, whole))
		{
			char	   *object;
			char	   *detail;

			first_difference(doc, whole, &object, &detail);
			elog(ERROR, "the partial snapshot differs from the whole one at %s: %s",
				 object, detail);
		}
	}
	PopActiveSnapshot();
	return doc;
}

/* One script of the self-check run, then the snapshot it leads to. */
static Jsonb *
run_and_snapshot(const char *script, const char *what, CheckStart *start,
				 MemoryContext cxt)
{
	instr_time	t0;
	Jsonb	   *doc;

	INSTR_TIME_SET_CURRENT(t0);
	rehearsal_run_script(script, cxt);
	elog(DEBUG1, "autogenerate check: %s ran: %.1f ms", what, ms_since(t0));
	INSTR_TIME_SET_CURRENT(t0);
	doc = snapshot_now(start, what, cxt);
	elog(DEBUG1, "autogenerate check: snapshot after %s: %.1f ms", what, ms_since(t0));
	return doc;
}

/*
 * Is the snapshot a script led to the one expected?  If not, *object and
 * *detail say the first difference.
 */
static bool
compare(Jsonb *reached, Jsonb *expected, const char *what,
		char **object, char **detail)
{
	instr_time	t0;
	bool		same;

	INSTR_TIME_SET_CURRENT(t0);
	same = documents_equal(reached, expected);
	/* objects that no handler models are left as they are, when allowed */
	if (!same && unmodeled_allowed())
		same = documents_equal(unmodeled_strip(reached), unmodeled_strip(expected));
	elog(DEBUG1, "autogenerate check: compared with %s: %.1f ms", what, ms_since(t0));
	if (!same)
		first_difference(reached, expected, object, detail);
	return same;
}

/* One script of the self-check run on the copies, then the document. */
static Jsonb *
rehearse(const char *script, const char *what, Rehearsal *rh,
		 CheckStart *start, Jsonb *base, MemoryContext cxt)
{
	instr_time	t0;
	Jsonb	   *doc;

	if (rh->in_place)
		return run_and_snapshot(script, what, start, cxt);
	INSTR_TIME_SET_CURRENT(t0);
	doc = rehearsal_run(rh, script, what, base, cxt);
	elog(DEBUG1, "autogenerate check: %s rehearsed and snapshotted: %.1f ms",
		 what, ms_since(t0));
	return doc;
}

/*
 * The self-check (docs/revisions-autogenerate.md), in a subtransaction
 * that is always rolled back: make the rehearsal's copies (rehearsal.c),
 * run the upgrade on them, compare with the model, run the downgrade,
 * compare with the start.  Returns the snapshot the upgrade leads to.
 * Any difference, or a statement that fails, is an ERROR.
 */
static Jsonb *
self_check(AutogenResult *r, CheckStart *start, Jsonb *model, Rehearsal *rh)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile CheckPhase phase = PHASE_NONE;
	Jsonb	   *volatile reached = NULL;
	volatile CheckPhase wrong_phase = PHASE_NONE;
	char	   *volatile object = NULL;
	char	   *volatile detail = NULL;
	Jsonb	   *volatile startdoc = start->doc;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		Jsonb	   *back;
		char	   *o;
		char	   *d;

		if (!rh->in_place)
		{
			instr_time	t0;

			INSTR_TIME_SET_CURRENT(t0);
			phase = PHASE_SETUP;
			rehearsal_setup(rh, start->base, start->basedoc, cxt);
			phase = PHASE_NONE;
			elog(DEBUG1, "autogenerate check: %d copies made: %.1f ms",
				 list_length(rh->copied), ms_since(t0));
			if (debug_verify_partial)
			{
				StringInfoData buf;
				ListCell   *lc;

				initStringInfo(&buf);
				foreach(lc, rh->copied)
					appendStringInfo(&buf, "%s%s", buf.len ? ", " : "",
									 (char *) lfirst(lc));
				elog(NOTICE, "autogenerate check: rehearsed on copies of %d object%s%s%s%s",
					 list_length(rh->copied), list_length(rh->copied) == 1 ? "" : "s",
					 buf.len ? ": " : "", buf.data,
					 rh->nstubs > 0 ? psprintf(" (and %d table%s without their foreign keys)",
											   rh->nstubs, rh->nstubs == 1 ? "" : "s") : "");
			}

			/*
			 * Everything but the copies is the live document's own in the
			 * documents of the rehearsal: the copies and the start compare
			 * as the live document cut down to them, which is small, unless
			 * a rename of a schema makes it stand for two schemas.
			 */
			if (rh->snap_names == NIL)
				startdoc = rh->copies;
		}
		if (!rh->in_place &&
			!compare(rehearsal_document(rh, startdoc, cxt),
					 startdoc, "the start", &o, &d))
		{
			wrong_phase = PHASE_SETUP;
			object = o;
			detail = d;
		}
		else if (phase = PHASE_UPGRADE,
				 reached = rehearse(r->upgrade_sql, "upgrade", rh, start,
									start->doc, cxt),
				 !compare(reached, model, "the model", &o, &d))
		{
			wrong_phase = PHASE_UPGRADE;
			object = o;
			detail = d;
		}
		else
		{
			phase = PHASE_DOWNGRADE;
			back = rehearse(r->downgrade_sql, "downgrade", rh, start,
							startdoc, cxt);
			if (!compare(back, startdoc, "the start", &o, &d))
			{
				wrong_phase = PHASE_DOWNGRADE;
				object = o;
				detail = d;
			}
		}
		phase = PHASE_NONE;
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		CheckPhase	failed = phase;
		const char *statement = rehearsal_statement();

		/*
		 * In cxt: the current context is ErrorContext, which
		 * pgm_subxact_catch() (FlushErrorState()) resets.
		 */
		if (statement != NULL)
			statement = MemoryContextStrdup(cxt, statement);
		edata = pgm_subxact_catch(cxt, owner);
		rehearsal_reset();
		if (failed == PHASE_NONE || statement == NULL)
			ReThrowError(edata);
		if (failed == PHASE_SETUP)
			ereport(ERROR,
					(errcode(edata->sqlerrcode),
					 errmsg("autogenerate's rehearsal cannot copy the live schema: %s",
							edata->message),
					 errdetail("Statement: %s%s%s", statement,
							   edata->detail ? "\n" : "",
							   edata->detail ? edata->detail : ""),
					 errhint("Nothing was stored. The rehearsal renames the model's schemas aside and makes them again, which needs their ownership and the CREATE privilege on the database.")));

		/*
		 * The generated SQL failed on the live database.  A data exception
		 * or an integrity constraint violation (classes 22 and 23) is a
		 * rule the rows break (a NOT NULL column added without a default to
		 * a table with rows); anything else is the generated script itself
		 * failing, which no change of the rows would help, but for a lock
		 * the live database did not grant in time (pg_migrate.lock_timeout,
		 * a deadlock) or a cancel: the script is fine, the moment was not.
		 * The error keeps its SQLSTATE.
		 */
		if (ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_DATA_EXCEPTION &&
			ERRCODE_TO_CATEGORY(edata->sqlerrcode) != ERRCODE_INTEGRITY_CONSTRAINT_VIOLATION &&
			edata->sqlerrcode != ERRCODE_LOCK_NOT_AVAILABLE &&
			edata->sqlerrcode != ERRCODE_QUERY_CANCELED &&
			edata->sqlerrcode != ERRCODE_T_R_DEADLOCK_DETECTED)
			ereport(ERROR,
					(errcode(edata->sqlerrcode),
					 errmsg("autogenerate's generated %s script failed: %s",
							failed == PHASE_UPGRADE ? "upgrade" : "downgrade",
							edata->message),
					 errdetail("Statement: %s%s%s", statement,
							   edata->detail ? "\n" : "",
							   edata->detail ? edata->detail : ""),
					 errhint("Nothing was stored. This is a limit of pg_migrate's diff; write this revision by hand with migrate_revision(..., autogenerate => false, upgrade_sql => ..., downgrade_sql => ...).")));
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 failed == PHASE_UPGRADE ?
				 errmsg("autogenerate's upgrade fails on the live database: %s",
						edata->message) :
				 errmsg("autogenerate's downgrade fails on the live database: %s",
						edata->message),
				 statement ?
				 errdetail("Statement: %s%s%s", statement,
						   edata->detail ? "\n" : "",
						   edata->detail ? edata->detail : "") :
				 (edata->detail ? errdetail("%s", edata->detail) : 0),
				 errhint("Nothing was stored. Change the model so that the live rows fit it, or write the revision by hand with migrate_revision(..., autogenerate => false, upgrade_sql => ..., downgrade_sql => ...).")));
	}
	PG_END_TRY();

	/* Success too is rolled back: the check leaves nothing behind. */
	pgm_subxact_rollback(cxt, owner);
	rehearsal_reset();

	if (wrong_phase != PHASE_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 wrong_phase == PHASE_SETUP ?
				 errmsg("autogenerate's rehearsal does not copy the live schema: %s differs",
						object) :
				 wrong_phase == PHASE_UPGRADE ?
				 errmsg("autogenerate's upgrade does not reach the model: %s differs",
						object) :
				 errmsg("autogenerate's downgrade does not lead back to the live schema: %s differs",
						object),
				 errdetail_internal("%s", detail),
				 debug_drop_last_step ?
				 errhint("Nothing was stored. This is a limit of pg_migrate's diff (or pg_migrate.debug_drop_last_step is on); write this revision by hand with migrate_revision(..., autogenerate => false, upgrade_sql => ..., downgrade_sql => ...).") :
				 errhint("Nothing was stored. This is a limit of pg_migrate's diff; write this revision by hand with migrate_revision(..., autogenerate => false, upgrade_sql => ..., downgrade_sql => ...).")));
	return reached;
}

/*
 * What autogenerate computes before its check, for autogen_generate() and
 * migrate_observed_hazards(): the live snapshot, the scripts (the recorded
 * renames first) and the rehearsal's plan.
 */
typedef struct Prepared
{
	CheckStart	start;
	Rehearsal	rh;
	AutogenResult r;			/* upgrade_sql, downgrade_sql, renames */
	int			nup;
	int			ndown;
} Prepared;

/*
 * Prepare autogenerate towards a model (its document, and its graph in
 * graphs or NULL); false when the live schema already is the model, or
 * differs from it in nothing the diff turns into a step.  In cxt; graphs
 * is deleted.  Inside SPI.
 */
static bool
prepare(Prepared *p, Jsonb *model, Graph *model_graph, MemoryContext graphs,
		bool drop_last, MemoryContext cxt)
{
	CheckStart *start = &p->start;
	Rehearsal  *rh = &p->rh;
	AutogenResult *r = &p->r;
	List	   *scope;
	bool		all;
	Jsonb	   *live;
	Graph	   *live_g;
	Touched		touched;
	List	   *upsteps = NIL;
	char	   *rename_up = NULL;
	char	   *rename_down = NULL;
	instr_time	t0;

	memset(p, 0, sizeof(Prepared));
	MemoryContextSwitchTo(cxt);
	scope = autogen_document_scope(model, &all);

	INSTR_TIME_SET_CURRENT(t0);
	start->lsn = GetXLogInsertRecPtr();
	start->schemas = rehearsal_scope_array(scope, all);
	start->graph = live_graph(scope, all, start->schemas, cxt);
	/* the graph the diffs read it into, made as it is written */
	live = graph_to_jsonb_loaded(start->graph, graphs, &live_g);
	start->doc = live;
	start->scope = scope;
	start->all = all;
	start->base = start->graph;
	start->basedoc = live;
	elog(DEBUG1, "autogenerate: live snapshot: %.1f ms", ms_since(t0));

	/*
	 * The live schema is the model: nothing to do.  Only the quick half of
	 * the comparison here; documents that differ in their columns' order
	 * alone give no step, which is found below.
	 */
	if (documents_identical(live, model))
	{
		MemoryContextDelete(start->graph->cxt);
		MemoryContextDelete(graphs);
		return false;
	}

	/* what the steps touch, for the rehearsal */
	rehearsal_touched_init(&touched, cxt);

	/*
	 * Both graphs made once, for the diffs both ways: the live one as its
	 * document was written (above), the model's from its document.
	 */
	INSTR_TIME_SET_CURRENT(t0);
	if (live_g == NULL)
		live_g = graph_from_jsonb(live, NULL, graphs);
	else if (debug_verify_partial)
	{
		char	   *why = graph_loaded_difference(live_g,
												  graph_from_jsonb(live, NULL, graphs));

		if (why != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("the live graph made from the snapshot differs from its document read back"),
					 errdetail("First difference: %s.", why)));
	}
	if (model_graph == NULL)
		model_graph = graph_from_jsonb(model, "of the stored models", graphs);
	elog(DEBUG1, "autogenerate: documents read: %.1f ms", ms_since(t0));

	/*
	 * Recorded renames (docs/models.md): they come first, and the diff
	 * compares the live schema as it is once renamed (rehearsed on copies,
	 * rename_live_document()) with the model; the downgrade undoes the
	 * rest, then the renames.
	 */
	MemoryContextSwitchTo(cxt);
	r->renames = rename_load(pgm_ext_schema(), scope, all);
	if (r->renames != NIL && documents_equal(live, model))
	{
		/* recorded renames, but nothing left to rename or change */
		MemoryContextDelete(start->graph->cxt);
		MemoryContextDelete(graphs);
		return false;
	}
	if (r->renames != NIL)
	{
		Jsonb	   *renamed;

		rename_validate(r->renames, live_g, model_graph);
		rename_up = rename_script(r->renames, false);
		rename_down = rename_script(r->renames, true);
		rename_rehearsal_base(r->renames, graph_from_jsonb(live, NULL, cxt),
							  live, scope, all, cxt,
							  &start->base, &start->basedoc);
		INSTR_TIME_SET_CURRENT(t0);
		renamed = rename_live_document(r->renames, start->base, start->basedoc,
									   scope, all, cxt);
		elog(DEBUG1, "autogenerate: renames rehearsed: %.1f ms", ms_since(t0));
		live_g = graph_from_jsonb(renamed, NULL, graphs);
		/* the renames are the first steps of the upgrade */
		{
			ListCell   *lc;

			foreach(lc, rename_steps_sql(r->renames))
			{
				UpStep	   *st = palloc(sizeof(UpStep));

				st->number = list_length(upsteps) + 1;
				st->sql = lfirst(lc);
				upsteps = lappend(upsteps, st);
			}
		}
	}

	INSTR_TIME_SET_CURRENT(t0);
	touched.live = live_g;
	{
		List	   *diffsteps = NIL;
		ListCell   *lc;

		r->upgrade_sql = rehearsal_diff_script(live_g, model_graph, drop_last,
											   &p->nup, &touched, &diffsteps, NULL);
		foreach(lc, diffsteps)
			((UpStep *) lfirst(lc))->number += list_length(upsteps);
		upsteps = list_concat(upsteps, diffsteps);
	}
	elog(DEBUG1, "autogenerate: upgrade diff (%d steps): %.1f ms", p->nup, ms_since(t0));
	INSTR_TIME_SET_CURRENT(t0);
	r->downgrade_sql = rehearsal_diff_script(model_graph, live_g, false, &p->ndown,
											 &touched, NULL, NULL);
	elog(DEBUG1, "autogenerate: downgrade diff (%d steps): %.1f ms", p->ndown, ms_since(t0));

	INSTR_TIME_SET_CURRENT(t0);
	if (r->renames == NIL)
		rehearsal_plan(rh, &touched, model_graph, scope, all, cxt);
	else
	{
		/*
		 * The steps were diffed from the renamed document: what they touch
		 * is found by name among the live objects, and what has a new name
		 * there is touched through its rename.
		 */
		Touched		base;
		List	   *olds;
		List	   *news;

		rehearsal_touched_init(&base, cxt);
		base.live = start->base;
		rename_touch(r->renames, &base);
		rehearsal_touch_map(&touched, &base);
		rehearsal_plan(rh, &base, model_graph, scope, all, cxt);
		rename_schemas(r->renames, &olds, &news);
		rehearsal_rename_schemas(rh, olds, news);
	}
	rh->upsteps = upsteps;
	elog(DEBUG1, "autogenerate: rehearsal planned (%d copies): %.1f ms",
		 list_length(rh->copied), ms_since(t0));
	MemoryContextDelete(graphs);
	if (r->renames != NIL)
	{
		r->upgrade_sql = psprintf("%s%s", rename_up, r->upgrade_sql);
		r->downgrade_sql = psprintf("%s%s", r->downgrade_sql, rename_down);
	}

	/*
	 * Documents that differ in nothing the diff turns into a step: there
	 * is nothing to store (the self-check would refuse them anyway).
	 */
	if (p->nup == 0 && p->ndown == 0 && r->renames == NIL &&
		(!drop_last || documents_equal(live, model)))
	{
		MemoryContextDelete(start->graph->cxt);
		return false;
	}
	return true;
}

/*
 * autogen_generate(): see autogen.h.
 */
bool
autogen_generate(AutogenResult *result)
{
	MemoryContext cxt = CurrentMemoryContext;
	MemoryContext graphs;
	Jsonb	   *model;
	Graph	   *model_graph;
	Jsonb	   *reached;
	char	   *stored_hash;
	Prepared	p;
	int			nest;
	instr_time	t0;
	bool		cached;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/*
	 * pg_migrate.lock_timeout bounds every lock autogenerate waits for: the
	 * snapshots', the data checks', the rehearsal's.
	 */
	nest = pgm_guc_nest_enter();
	if (pgm_lock_timeout > 0)
		pgm_set_local("lock_timeout", psprintf("%d", pgm_lock_timeout));

	INSTR_TIME_SET_CURRENT(t0);
	graphs = AllocSetContextCreate(cxt, "pg_migrate autogenerate graphs",
								   ALLOCSET_DEFAULT_SIZES);
	model = model_and_graph(cxt, graphs, &model_graph, &stored_hash);
	elog(DEBUG1, "autogenerate: model read: %.1f ms", ms_since(t0));

	if (!prepare(&p, model, model_graph, graphs, debug_drop_last_step, cxt))
	{
		pgm_guc_nest_leave(nest);
		SPI_finish();
		return false;
	}

	/* what copies without rows cannot see: read from the live rows */
	if (!p.rh.in_place)
	{
		INSTR_TIME_SET_CURRENT(t0);
		datacheck_script(p.r.upgrade_sql);
		elog(DEBUG1, "autogenerate: data checks: %.1f ms", ms_since(t0));
	}
	MemoryContextSwitchTo(cxt);
	reached = self_check(&p.r, &p.start, model, &p.rh);
	MemoryContextDelete(p.start.graph->cxt);
	MemoryContextSwitchTo(cxt);
	p.r.observed_hazards = rehearsal_hazards(&p.rh, NULL);

	/* the results outlive this SPI connection */
	MemoryContextSwitchTo(cxt);
	INSTR_TIME_SET_CURRENT(t0);
	p.r.snapshot = reached;

	/*
	 * The self-check found the document reached equal to the model; when
	 * it is the stored row's model byte for byte, its hash is the one
	 * stored with that row (docs/models.md: snapshot_hash): equal bytes,
	 * equal text.  A document equal only as jsonb, or as the diff sees it
	 * (the order of a table's columns), is hashed.
	 */
	cached = stored_hash != NULL && VARSIZE(reached) == VARSIZE(model) &&
		memcmp(reached, model, VARSIZE(model)) == 0;
	p.r.snapshot_hash = cached ? stored_hash : snapshot_hash(reached);
	elog(DEBUG1, "autogenerate: hash: %.1f ms%s", ms_since(t0),
		 cached ? " (the stored model's)" : "");

	pgm_guc_nest_leave(nest);
	SPI_finish();
	*result = p.r;
	return true;
}

/*
 * migrate_observed_hazards(model jsonb) RETURNS TABLE(step int, hazard
 * text): what the upgrade towards a model document (the recorded renames,
 * then diff(renamed live schema, model), numbered as migrate_check()
 * numbers its steps) does to the live tables, seen by rehearsing it on
 * data-free copies as autogenerate does (rehearsal.c), in a subtransaction
 * that is always rolled back: "rewrites app.big (2,000,000 rows, 130 MB)
 * under ACCESS EXCLUSIVE".  No rows when nothing is to be done, nothing
 * blocks writers, or the upgrade creates, drops or updates an extension
 * (which is rehearsed on the live schemas only by autogenerate).
 * migrate_check(..., observe => true) shows them.
 */
Datum
migrate_observed_hazards(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	MemoryContext graphs;
	Jsonb	   *model;
	Prepared	p;
	List	   *lines = NIL;
	List	   *steps = NIL;
	int			nest;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the model document must not be null")));
	model = PG_GETARG_JSONB_P(0);
	docread_check(model, "\"model\"");
	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	nest = pgm_guc_nest_enter();
	if (pgm_lock_timeout > 0)
		pgm_set_local("lock_timeout", psprintf("%d", pgm_lock_timeout));
	graphs = AllocSetContextCreate(cxt, "pg_migrate observed hazards graphs",
								   ALLOCSET_DEFAULT_SIZES);
	if (prepare(&p, model, NULL, graphs, false, cxt) && !p.rh.in_place)
	{
		BeginInternalSubTransaction(NULL);
		MemoryContextSwitchTo(cxt);
		PG_TRY();
		{
			rehearsal_setup(&p.rh, p.start.base, p.start.basedoc, cxt);
			(void) rehearsal_run(&p.rh, p.r.upgrade_sql, "upgrade",
								 p.start.doc, cxt);
		}
		PG_CATCH();
		{
			ErrorData  *edata = pgm_subxact_catch(cxt, owner);
			const char *statement = rehearsal_statement();

			statement = statement ? pstrdup(statement) : NULL;
			rehearsal_reset();
			ereport(ERROR,
					(errcode(edata->sqlerrcode),
					 errmsg("the rehearsal of the upgrade fails: %s",
							edata->message),
					 statement ?
					 errdetail("Statement: %s", statement) : 0,
					 errhint("The rehearsal renames the model's schemas aside and makes them again, which needs their ownership and the CREATE privilege on the database; migrate_check() without observe shows the static hazards alone.")));
		}
		PG_END_TRY();
		pgm_subxact_rollback(cxt, owner);
		rehearsal_reset();
		MemoryContextDelete(p.start.graph->cxt);
		lines = rehearsal_hazards(&p.rh, &steps);
	}
	pgm_guc_nest_leave(nest);
	SPI_finish();

	for (int i = 0; i < list_length(lines); i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = Int32GetDatum(list_nth_int(steps, i));
		values[1] = CStringGetTextDatum(list_nth(lines, i));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
