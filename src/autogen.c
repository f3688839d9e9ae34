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
#include "rename.h"

#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
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

/* pg_migrate.debug_drop_last_step: see autogen_init_settings(). */
static bool debug_drop_last_step = false;

/* pg_migrate.debug_verify_partial_snapshots: see autogen_init_settings(). */
static bool debug_verify_partial = false;

void
autogen_init_settings(void)
{
	DefineCustomBoolVariable("pg_migrate.debug_drop_last_step",
							 "Drops the last step of autogenerate's upgrade SQL before it is checked.",
							 "A developer setting, to see autogenerate's self-check refuse a wrong "
							 "script: the revision is then never stored.",
							 &debug_drop_last_step,
							 false,
							 PGC_USERSET,
							 GUC_NOT_IN_SAMPLE,
							 NULL, NULL, NULL);
	DefineCustomBoolVariable("pg_migrate.debug_verify_partial_snapshots",
							 "Checks each partial snapshot of autogenerate's self-check against a whole one.",
							 "A developer setting: the self-check re-reads only the objects its "
							 "scripts changed; with this on it says so in a NOTICE, also takes "
							 "the whole snapshot, and fails, naming the first object that "
							 "differs, if the two differ.",
							 &debug_verify_partial,
							 false,
							 PGC_USERSET,
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
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "pg_migrate: reading the models failed: %d", ret);
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
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "pg_migrate: reading the models failed: %d", ret);
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		elog(ERROR, "pg_migrate: migrate_model() returned null");
	return copy_jsonb(cxt, DatumGetJsonbP(d));
}

/*
 * The model and its graph (in a child context of graphs).  migrate_model()
 * walks the whole document for references to cut before anyone reads it;
 * autogenerate reads it into a graph anyway, which tells the same: when
 * no reference of the stored document is left dangling (and no property
 * adds mapped views), the stored document is what migrate_model(NULL)
 * returns, and its graph is the model's.  Otherwise migrate_model(NULL)
 * it is.
 */
static Jsonb *
model_and_graph(MemoryContext cxt, MemoryContext graphs, Graph **graph)
{
	const char *ext = pgm_ext_schema();
	Jsonb	   *doc;

	require_model(ext);
	doc = model_document_unpruned(ext, cxt);
	if (doc != NULL)
	{
		Graph	   *g = graph_from_jsonb(doc, graphs);

		if (g->ndangling == 0)
		{
			*graph = g;
			return doc;
		}
		MemoryContextDelete(g->cxt);
		pfree(doc);
	}
	*graph = NULL;
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

/*
 * The name[] of the schemas of a scope that exist (NULL with all: every
 * user schema), for snapshot_build().
 */
static ArrayType *
scope_array(List *scope, bool all)
{
	Datum	   *elems;
	int			n = 0;
	ListCell   *lc;

	if (all)
		return NULL;
	elems = palloc(sizeof(Datum) * (list_length(scope) + 1));
	foreach(lc, scope)
	{
		const char *name = lfirst(lc);

		if (OidIsValid(get_namespace_oid(name, true)))
			elems[n++] = DirectFunctionCall1(namein, CStringGetDatum(name));
	}
	return construct_array(elems, n, NAMEOID, NAMEDATALEN, false,
						   TYPALIGN_CHAR);
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
 * The live snapshot of a scope as a graph (schemas: scope_array() of it),
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
	Graph	   *g = live_graph(scope, all, scope_array(scope, all), cxt);
	Jsonb	   *doc;

	doc = snapshot_document(g);
	MemoryContextDelete(g->cxt);
	return doc;
}

/*
 * Two documents the same?  jsonb's own equality.  Documents written by the
 * same code are byte for byte the same when equal (jsonb's binary form is
 * canonical), which memcmp() sees without walking 15 MB of containers.
 */
static bool
documents_equal(Jsonb *a, Jsonb *b)
{
	if (VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0)
		return true;
	return compareJsonbContainers(&a->root, &b->root) == 0;
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
		*object = pstrdup("the snapshot document");
		*detail = psprintf("The documents differ (hashes %s and %s) in nothing the diff turns into a step.",
						   snapshot_hash(have), snapshot_hash(want));
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

/*
 * What the steps of autogenerate's two scripts touch, for the rehearsal:
 * the top-level objects of the live graph the rehearsal must rebuild
 * (rehearsal_plan()).
 */
typedef struct Touched
{
	Graph	   *live;			/* the live document's graph */
	HTAB	   *seen;			/* of GNode * of live: in tops already */
	List	   *tops;			/* of GNode * of live: changed by a step */
	List	   *needs;			/* of GNode * of live: what a new object
								 * needs */
	bool		extension;		/* a step creates, drops or alters an
								 * extension */
	List	   *leaves;			/* of GNode * of live: tables copied, not
								 * followed (walk_dependents()) */
	List	   *stubs;			/* of GNode * of live: tables copied as
								 * stubs (rehearsal_plan()) */
} Touched;

/* The upgrade's steps, to attribute statements to them. */
typedef struct UpStep
{
	int			number;
	char	   *sql;			/* its statements */
} UpStep;

/* The top-level object (a table, a view, a type, ...) holding a node. */
static GNode *
top_of(GNode *node)
{
	while (node->parent != NULL && node->parent != node->schema)
		node = node->parent;
	if (node->schema == NULL || node->parent != node->schema ||
		node->kind == OBJ_SCHEMA || node->kind == OBJ_EXTENSION)
		return NULL;
	return node;
}

/* The live top-level object of a node of either graph, or NULL. */
static GNode *
live_top(Touched *t, GNode *node)
{
	GNode	   *top = top_of(node);

	if (top == NULL)
		return NULL;
	if (top->graph != t->live)
		top = graph_find_node(t->live, top);
	return top;
}

/* Add a live top-level object to a list unless seen already. */
static void
touch(Touched *t, List **list, GNode *top)
{
	bool		found;

	if (top == NULL)
		return;
	hash_search(t->seen, &top, HASH_ENTER, &found);
	if (!found)
		*list = lappend(*list, top);
}

/*
 * The live top-level objects a node of the model's graph and its children
 * depend on: what the rehearsal needs to create or change it.
 */
static void
touch_needs(Touched *t, GNode *node)
{
	ListCell   *lc;

	foreach(lc, node->deps)
	{
		GNode	   *top = live_top(t, lfirst(lc));

		if (top != NULL)
			t->needs = lappend(t->needs, top);
	}
	foreach(lc, node->children)
		touch_needs(t, lfirst(lc));
}

/* What one step touches. */
static void
touch_step(Touched *t, DiffStep *step)
{
	if (step->node->kind == OBJ_EXTENSION)
		t->extension = true;
	touch(t, &t->tops, live_top(t, step->node));
	if (step->node->graph != t->live)
		touch_needs(t, step->node);
}

/*
 * The ordered steps of diff(source, target) as one script, in the current
 * memory context.  The graphs are left as they were: the two diffs read
 * the same two.  With touched, what the steps touch is added to it.
 */
static bool is_foreign_key(GNode *node);

static char *
diff_as_script(Graph *source, Graph *target, bool drop_last, int *nsteps,
			   Touched *touched, List **upsteps, HTAB *stubs)
{
	MemoryContext cxt = CurrentMemoryContext;
	MemoryContext work = AllocSetContextCreate(cxt, "pg_migrate autogenerate diff",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(work);
	List	   *steps = diff_compute_graphs(source, target, work);
	char	   *script;
	ListCell   *lc;

	if (drop_last && steps != NIL)
		steps = list_delete_last(steps);

	/* the rehearsal's stubs: without their foreign keys */
	if (stubs != NULL)
	{
		ListCell   *lc2;

		foreach(lc2, steps)
		{
			DiffStep   *step = lfirst(lc2);
			GNode	   *top = top_of(step->node);
			char	   *key;
			bool		found = false;

			if (step->action != STEP_CREATE || !is_foreign_key(step->node) ||
				top == NULL)
				continue;
			key = gnode_key(top);
			hash_search(stubs, &key, HASH_FIND, &found);
			if (found)
				steps = foreach_delete_current(steps, lc2);
		}
	}
	*nsteps = list_length(steps);
	script = diff_script(steps);
	MemoryContextSwitchTo(old);
	if (touched != NULL)
		foreach(lc, steps)
			touch_step(touched, lfirst(lc));
	if (upsteps != NULL)
		foreach(lc, steps)
		{
			DiffStep   *step = lfirst(lc);
			UpStep	   *st = palloc(sizeof(UpStep));

			st->number = foreach_current_index(lc) + 1;
			st->sql = pstrdup(step->sql.data);
			*upsteps = lappend(*upsteps, st);
		}
	script = pstrdup(script);
	MemoryContextDelete(work);
	return script;
}

/* What a phase of the check was doing, for its error messages. */
typedef enum CheckPhase
{
	PHASE_NONE,
	PHASE_SETUP,
	PHASE_UPGRADE,
	PHASE_DOWNGRADE
} CheckPhase;

/* Observed hazards (below): of Observed *, while the upgrade runs. */
static List *observing = NIL;
static void observe_statement(void);

/*
 * The statement of a script that is running, for the error that names it
 * when it fails.  Set and read by self_check() only.
 */
static const char *running_statement = NULL;

/*
 * Run a script as it will be stored, one statement at a time (split by
 * PostgreSQL's own parser), so that a statement that fails can be named.
 */
static void
run_script(const char *script, MemoryContext cxt)
{
	List	   *stmts = raw_parser(script, RAW_PARSE_DEFAULT);
	ListCell   *lc;

	foreach(lc, stmts)
	{
		RawStmt    *rs = lfirst_node(RawStmt, lc);
		int			len = rs->stmt_len > 0 ? rs->stmt_len :
			(int) strlen(script) - rs->stmt_location;
		const char *start = script + rs->stmt_location;

		/* the hazard comments above a statement are not its text */
		while (len > 0 && (isspace((unsigned char) *start) ||
						   (start[0] == '-' && start[1] == '-')))
		{
			if (*start == '-')
			{
				while (len > 0 && *start != '\n')
					start++, len--;
			}
			else
				start++, len--;
		}
		running_statement = MemoryContextStrdup(cxt, pnstrdup(start, len));

		/*
		 * In the rehearsal, a schema whose live copy is renamed aside keeps
		 * its extensions' objects there: they stay on the search_path.
		 */
		if (IsA(rs->stmt, VariableSetStmt))
		{
			VariableSetStmt *vs = (VariableSetStmt *) rs->stmt;
			Node	   *arg = vs->args ? linitial(vs->args) : NULL;

			if (vs->kind == VAR_SET_VALUE && vs->name != NULL &&
				strcmp(vs->name, "search_path") == 0 &&
				arg != NULL && IsA(arg, A_Const) &&
				IsA(&((A_Const *) arg)->val, String))
			{
				const char *schema = strVal(&((A_Const *) arg)->val);
				const char *aside = pgm_path_aside(schema);

				if (aside != NULL)
				{
					pgm_set_schema_search_path(schema);
					continue;
				}
			}
		}
		if (SPI_execute(running_statement, false, 0) < 0)
			elog(ERROR, "pg_migrate: running a statement of the script failed: %s",
				 running_statement);
		if (observing != NIL)
			observe_statement();
	}
	running_statement = NULL;
}

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

		elog(DEBUG1, "pg_migrate: autogenerate check: %d changed catalog rows on %d pages, %d objects to read again: %.1f ms",
			 dirty->nrows, dirty->npages, dirty->nobjects, ms_since(t0));
		if (debug_verify_partial)
			elog(NOTICE, "pg_migrate: autogenerate check: a partial snapshot after the %s, %d object%s read again",
				 what, dirty->nobjects, dirty->nobjects == 1 ? "" : "s");
		INSTR_TIME_SET_CURRENT(t0);
		partial = snapshot_build_partial(start->schemas, work, start->graph,
										 dirty->only, dirty->objects);
		elog(DEBUG1, "pg_migrate: autogenerate check: partial snapshot: %.1f ms", ms_since(t0));
		INSTR_TIME_SET_CURRENT(t0);
		MemoryContextSwitchTo(cxt);
		doc = graph_merge_document(start->doc, partial, dirty->replaced, false);
		elog(DEBUG1, "pg_migrate: autogenerate check: merged document: %.1f ms", ms_since(t0));
	}
	else
		elog(debug_verify_partial ? NOTICE : DEBUG1,
			 "pg_migrate: autogenerate check: a whole snapshot after the %s, as %s",
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
			elog(ERROR, "pg_migrate: the partial snapshot differs from the whole one at %s: %s",
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
	run_script(script, cxt);
	elog(DEBUG1, "pg_migrate: autogenerate check: %s ran: %.1f ms", what, ms_since(t0));
	INSTR_TIME_SET_CURRENT(t0);
	doc = snapshot_now(start, what, cxt);
	elog(DEBUG1, "pg_migrate: autogenerate check: snapshot after %s: %.1f ms", what, ms_since(t0));
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
	elog(DEBUG1, "pg_migrate: autogenerate check: compared with %s: %.1f ms", what, ms_since(t0));
	if (!same)
		first_difference(reached, expected, object, detail);
	return same;
}

/* ----------------------------------------------------------------
 * The rehearsal
 *
 * The scripts do not run on the live schemas: inside the subtransaction
 * that is always rolled back, each live schema of the scope is renamed
 * aside (ALTER SCHEMA ... RENAME, which locks no relation of it) and made
 * again, empty, under its own name; the top-level objects the scripts
 * touch, what depends on them and what they and those depend on are
 * created there from the live document, without rows; the scripts, as
 * they will be stored, run on those copies; the copies are snapshotted
 * and put in the place of their live objects in the live document, which
 * is then compared as before.  A schema renamed aside keeps its
 * extensions' objects: the rebuilt schema puts it on its search_path.
 * ----------------------------------------------------------------
 */
typedef struct Rehearsal
{
	List	   *names;			/* the schemas either document names */
	HTAB	   *rebuilt;		/* the live top-level objects copied */
	HTAB	   *others;			/* the other live top-level objects */
	HTAB	   *all;			/* every live top-level object */
	List	   *copied;			/* keys of the copied ones, sorted */
	bool		in_place;		/* a step on an extension: on the live
								 * schemas, as before */
	HTAB	   *stubs;			/* keys of the live tables copied as stubs */
	int			nstubs;
	List	   *observed;		/* of ObsEvent *: what the upgrade did */
	List	   *upsteps;		/* of UpStep *: the upgrade's steps */
} Rehearsal;

static int	aside_counter = 0;

static int
cmp_key(const ListCell *a, const ListCell *b)
{
	return strcmp(lfirst(a), lfirst(b));
}

/*
 * What depends on a live node and its children, as top-level objects: a
 * view, a function, a type, a partition or child table depends on the
 * object as a whole and is followed further (walk_dependents() again); a
 * table only one of whose parts depends on it (a foreign key to it, a
 * column of its type) is copied but not followed: what depends on that
 * table does not depend on this change (a chain of foreign keys would
 * otherwise copy the whole schema).
 */
static void
walk_dependents(Touched *t, List **list, GNode *node)
{
	ListCell   *lc;

	foreach(lc, node->dependents)
	{
		GNode	   *d = lfirst(lc);
		GNode	   *top = top_of(d);
		bool		found;

		if (top == NULL)
			continue;
		if (top->kind == OBJ_TABLE && top != d)
		{
			hash_search(t->seen, &top, HASH_FIND, &found);
			if (!found)
			{
				hash_search(t->seen, &top, HASH_ENTER, NULL);
				t->leaves = lappend(t->leaves, top);
			}
			continue;
		}
		touch(t, list, top);
	}
	foreach(lc, node->children)
		walk_dependents(t, list, lfirst(lc));
}

/* A foreign key constraint? */
static bool
is_foreign_key(GNode *node)
{
	char	   *type;

	if (node->kind != OBJ_CONSTRAINT)
		return false;
	type = gnode_str(node, "type");
	return type != NULL && strcmp(type, "foreign_key") == 0;
}

/*
 * What a live node and its children depend on, as top-level objects: a
 * table is a stub (below) unless copied already, anything else is copied
 * (and followed by the caller).  A stub's foreign keys are not followed.
 */
static void
walk_deps(Touched *t, List **list, GNode *node, bool stub)
{
	ListCell   *lc;

	if (stub && is_foreign_key(node))
		return;
	foreach(lc, node->deps)
	{
		GNode	   *top = top_of(lfirst(lc));
		bool		found;

		if (top == NULL)
			continue;
		if (top->kind == OBJ_TABLE)
		{
			hash_search(t->seen, &top, HASH_FIND, &found);
			if (!found)
			{
				hash_search(t->seen, &top, HASH_ENTER, NULL);
				t->stubs = lappend(t->stubs, top);
			}
			continue;
		}
		touch(t, list, top);
	}
	foreach(lc, node->children)
		walk_deps(t, list, lfirst(lc), stub);
}

/*
 * What the rehearsal copies: the live top-level objects the steps touch,
 * everything that depends on them (transitively), and everything those
 * and the new objects depend on (transitively).  Allocated in cxt.
 */
static void
rehearsal_plan(Rehearsal *rh, Touched *t, Graph *model, List *scope, bool all,
			   MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	List	   *copy = list_copy(t->tops);
	ListCell   *lc;

	memset(rh, 0, sizeof(Rehearsal));
	rh->in_place = t->extension;

	for (int i = 0; i < list_length(copy); i++)
		walk_dependents(t, &copy, list_nth(copy, i));
	copy = list_concat(copy, t->leaves);

	/*
	 * What the copies need, transitively.  A table they need but that the
	 * scripts neither touch nor could break (the target of a foreign key,
	 * the table under a view) is a stub: created with everything but its
	 * own foreign keys, so that what it references is not needed in turn,
	 * and left out of the comparisons (its live document stands).
	 */
	foreach(lc, t->needs)
	{
		GNode	   *top = lfirst(lc);
		bool		found;

		hash_search(t->seen, &top, HASH_FIND, &found);
		if (found)
			continue;
		if (top->kind == OBJ_TABLE)
		{
			hash_search(t->seen, &top, HASH_ENTER, NULL);
			t->stubs = lappend(t->stubs, top);
		}
		else
			touch(t, &copy, top);
	}
	for (int i = 0; i < list_length(copy); i++)
		walk_deps(t, &copy, list_nth(copy, i), false);
	for (int i = 0; i < list_length(t->stubs); i++)
	{
		int			before = list_length(copy);

		walk_deps(t, &copy, list_nth(t->stubs, i), true);
		for (int j = before; j < list_length(copy); j++)
			walk_deps(t, &copy, list_nth(copy, j), false);
	}

	rh->rebuilt = graph_replaced_create(cxt);
	rh->others = graph_replaced_create(cxt);
	rh->all = graph_replaced_create(cxt);
	rh->stubs = pgm_string_set_create("pg_migrate rehearsal stubs", 64, cxt);
	foreach(lc, t->stubs)
	{
		char	   *key = MemoryContextStrdup(cxt, gnode_key(lfirst(lc)));

		hash_search(rh->stubs, &key, HASH_ENTER, NULL);
		rh->nstubs++;
	}
	foreach(lc, copy)
	{
		GNode	   *top = lfirst(lc);

		graph_replaced_add(rh->rebuilt, top);
		rh->copied = lappend(rh->copied,
							 psprintf("%s %s", pgm_kinds[top->kind].label,
									  gnode_qualname(top)));
	}
	list_sort(rh->copied, cmp_key);
	foreach(lc, t->live->schemas)
	{
		GNode	   *schema = lfirst(lc);
		ListCell   *lc2;

		foreach(lc2, schema->children)
		{
			GNode	   *top = lfirst(lc2);
			bool		found;

			if (top_of(top) != top)
				continue;
			graph_replaced_add(rh->all, top);
			hash_search(t->seen, &top, HASH_FIND, &found);
			if (!found)
				graph_replaced_add(rh->others, top);
		}
	}

	/* the schemas */
	if (all)
	{
		foreach(lc, t->live->schemas)
			rh->names = lappend(rh->names, pstrdup(((GNode *) lfirst(lc))->name));
		foreach(lc, model->schemas)
		{
			char	   *name = ((GNode *) lfirst(lc))->name;

			ListCell   *lc2;
			bool		have = false;

			foreach(lc2, rh->names)
				have |= (strcmp(lfirst(lc2), name) == 0);
			if (!have)
				rh->names = lappend(rh->names, pstrdup(name));
		}
	}
	else
		rh->names = list_copy(scope);

	MemoryContextSwitchTo(old);
}

/*
 * The document of the live schema as the rehearsal has it now: the copies
 * (and the objects the scripts made) snapshotted, in the place of their
 * live objects.  Allocated in cxt.
 */
static Jsonb *
rehearsal_document(Rehearsal *rh, Jsonb *live, HTAB *replaced, bool shadow,
				   MemoryContext cxt)
{
	MemoryContext work = AllocSetContextCreate(cxt, "pg_migrate rehearsal snapshot",
											   ALLOCSET_DEFAULT_SIZES);
	Graph	   *g;
	Jsonb	   *doc;

	CommandCounterIncrement();
	PushCopiedSnapshot(GetActiveSnapshot());
	UpdateActiveSnapshotCommandId();
	MemoryContextSwitchTo(work);
	g = snapshot_build(scope_array(rh->names, false), work);

	/* the stubs are not what they copy: the live document stands for them */
	if (rh->nstubs > 0)
	{
		ListCell   *lc;

		foreach(lc, g->schemas)
		{
			GNode	   *schema = lfirst(lc);
			ListCell   *lc2;

			foreach(lc2, schema->children)
			{
				GNode	   *top = lfirst(lc2);
				char	   *key;
				bool		found = false;

				if (top->kind != OBJ_TABLE)
					continue;
				key = gnode_key(top);
				hash_search(rh->stubs, &key, HASH_FIND, &found);
				if (found)
					schema->children = foreach_delete_current(schema->children, lc2);
			}
		}
	}
	MemoryContextSwitchTo(cxt);
	doc = graph_merge_document(live, g, replaced, shadow);
	MemoryContextDelete(work);
	PopActiveSnapshot();
	return doc;
}

/* A unique name for a schema renamed aside. */
static char *
aside_name(void)
{
	for (;;)
	{
		char	   *name = psprintf("migrate_rehearsal_%d_%d", MyProcPid, ++aside_counter);

		if (!OidIsValid(get_namespace_oid(name, true)))
			return name;
	}
}

/*
 * The rehearsal's stage, inside the subtransaction: the live schemas
 * renamed aside and made again, empty, and the copies created in them
 * from the live document (the script of diff(those empty schemas, the
 * live document cut down to the copies)).
 */
static void
rehearsal_setup(Rehearsal *rh, CheckStart *start, MemoryContext cxt)
{
	MemoryContext work = AllocSetContextCreate(cxt, "pg_migrate rehearsal",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(work);
	List	   *pairs = NIL;
	Jsonb	   *empty;
	Jsonb	   *copies;
	Graph	   *bare;
	Graph	   *ge;
	Graph	   *gc;
	char	   *script;
	int			n;
	ListCell   *lc;

	if (pgm_lock_timeout > 0)
		pgm_set_local("lock_timeout", psprintf("%d", pgm_lock_timeout));
	/* the copies' function bodies may name objects not copied */
	pgm_set_local("check_function_bodies", "off");

	foreach(lc, rh->names)
	{
		const char *schema = lfirst(lc);
		char	   *aside;
		ListCell   *lc2;

		if (!OidIsValid(get_namespace_oid(schema, true)))
			continue;
		aside = aside_name();
		running_statement = MemoryContextStrdup(cxt,
												psprintf("ALTER SCHEMA %s RENAME TO %s",
														 quote_identifier(schema),
														 quote_identifier(aside)));
		if (SPI_execute(running_statement, false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "pg_migrate: renaming a schema aside failed");
		running_statement = MemoryContextStrdup(cxt,
												psprintf("CREATE SCHEMA %s",
														 quote_identifier(schema)));
		if (SPI_execute(running_statement, false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "pg_migrate: making a schema again failed");

		/*
		 * The extensions installed in it go with the schema made again when
		 * they can (their objects move; no relation of a user's is
		 * touched); the objects of the others stay aside, on the
		 * search_path of the schema made again.
		 */
		{
			Oid			types[1] = {TEXTOID};
			Datum		values[1] = {CStringGetTextDatum(aside)};
			List	   *moves = NIL;
			bool		stays = false;

			if (SPI_execute_with_args("SELECT e.extname, e.extrelocatable"
									  "  FROM pg_catalog.pg_extension e"
									  "  JOIN pg_catalog.pg_namespace n"
									  "    ON n.oid OPERATOR(pg_catalog.=) e.extnamespace"
									  " WHERE n.nspname OPERATOR(pg_catalog.=) $1"
									  "   AND e.extname OPERATOR(pg_catalog.<>) 'pg_migrate'"
									  " ORDER BY 1",
									  1, types, values, NULL, false, 0) != SPI_OK_SELECT)
				elog(ERROR, "pg_migrate: reading the extensions failed");
			for (uint64 i = 0; i < SPI_processed; i++)
			{
				bool		isnull;
				char	   *ext = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);

				if (DatumGetBool(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull)))
					moves = lappend(moves, psprintf("ALTER EXTENSION %s SET SCHEMA %s",
													quote_identifier(ext),
													quote_identifier(schema)));
				else
					stays = true;
			}
			foreach(lc2, moves)
			{
				running_statement = MemoryContextStrdup(cxt, lfirst(lc2));
				if (SPI_execute(running_statement, false, 0) != SPI_OK_UTILITY)
					elog(ERROR, "pg_migrate: moving an extension failed");
			}
			if (stays)
				pairs = lappend(pairs, list_make2(pstrdup(schema), aside));
		}
	}
	running_statement = NULL;
	{
		List	   *flat = NIL;

		foreach(lc, pairs)
			flat = list_concat(flat, lfirst(lc));
		pgm_set_path_asides(flat);
	}

	/* the empty schemas as they are, with the live extensions */
	empty = rehearsal_document(rh, start->doc, rh->all, true, work);
	bare = graph_create(work, false);
	foreach(lc, start->graph->schemas)
	{

		graph_add_node(bare, OBJ_SCHEMA, NULL, ((GNode *) lfirst(lc))->name,
					   NULL, NULL);
	}
	copies = graph_merge_document(start->doc, bare, rh->others, false);
	ge = graph_from_jsonb(empty, work);
	gc = graph_from_jsonb(copies, work);
	script = diff_as_script(ge, gc, false, &n, NULL, NULL, rh->stubs);
	MemoryContextSwitchTo(cxt);
	run_script(script, cxt);
	MemoryContextDelete(work);
	MemoryContextSwitchTo(old);
}

/*
 * The self-check (docs/revisions.md), in a subtransaction that is always
 * rolled back: run the upgrade, compare with the model, run the
 * downgrade, compare with the start.  Returns the snapshot the upgrade
 * leads to.  Any difference, or a statement that fails, is an ERROR.
 */
/* ----------------------------------------------------------------
 * Observed hazards
 *
 * While the upgrade runs on the copies, the rehearsal notes what each
 * statement did to each copy of a live table: the strongest lock it took
 * on it (LockHeldByMe(), the locks of the copies released before each
 * statement, nobody else can see them) and whether it rewrote it (its
 * relfilenode changed) or dropped it.  After the rollback these are
 * weighed with the live tables' sizes (autogen_observed_hazards()).
 * ----------------------------------------------------------------
 */
typedef struct Observed
{
	Oid			relid;			/* the copy */
	char	   *schema;			/* its (and its live table's) schema */
	char	   *name;
	Oid			relfilenode;	/* when last seen */
	LOCKMODE	mode;			/* the strongest lock a statement took */
	bool		rewritten;
	bool		dropped;
} Observed;


static const char *const lock_mode_names[] = {
	"", "ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE",
	"SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"
};

/*
 * What one step did to one copy: the events of its statements merged
 * (observed_hazards()).
 */
typedef struct ObsEvent
{
	int			step;			/* 1-based number of the upgrade's step */
	Observed   *copy;
	LOCKMODE	mode;
	bool		rewritten;
	bool		dropped;
} ObsEvent;

static List *obs_events = NIL;	/* of ObsEvent *, in the order seen */
static List *obs_steps = NIL;	/* of UpStep *, the upgrade's */
static int	obs_step = 0;		/* index in obs_steps of the running one */

/*
 * The step a statement of the script belongs to: the running one if its
 * SQL holds the statement, else the next that does (the script's own SET
 * lines belong to none and leave it where it is).
 */
static int
step_of_statement(const char *stmt)
{
	for (int i = obs_step; i < list_length(obs_steps); i++)
	{
		UpStep	   *st = list_nth(obs_steps, i);

		if (strstr(st->sql, stmt) != NULL)
		{
			obs_step = i;
			return st->number;
		}
	}
	return obs_step < list_length(obs_steps) ?
		((UpStep *) list_nth(obs_steps, obs_step))->number : 0;
}

/* The strongest lock this backend holds on a relation, every one released. */
static LOCKMODE
take_back_locks(Oid relid)
{
	LOCKTAG		tag;
	LOCKMODE	strongest = NoLock;

	SET_LOCKTAG_RELATION(tag, MyDatabaseId, relid);
	for (LOCKMODE m = AccessExclusiveLock; m > NoLock; m--)
	{
		for (int guard = 0; guard < 1000 && LockHeldByMe(&tag, m); guard++)
		{
			if (strongest == NoLock)
				strongest = m;
			if (!LockRelease(&tag, m, false))
				break;
		}
	}
	return strongest;
}

/*
 * Start observing: the copies of live tables (the relations of the
 * rebuilt schemas with storage or partitions), their files, and no lock of
 * ours on them.  Allocated in cxt.
 */
static void
observe_start(Rehearsal *rh, MemoryContext cxt)
{
	MemoryContext old;
	ArrayType  *names = scope_array(rh->names, false);
	Oid			types[1] = {NAMEARRAYOID};
	Datum		values[1] = {PointerGetDatum(names)};

	CommandCounterIncrement();
	if (SPI_execute_with_args("SELECT c.oid, n.nspname, c.relname, c.relfilenode"
							  "  FROM pg_catalog.pg_class c"
							  "  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace"
							  " WHERE n.nspname OPERATOR(pg_catalog.=) ANY ($1)"
							  "   AND c.relkind IN ('r', 'p', 'm')",
							  1, types, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "pg_migrate: reading the copies failed");
	old = MemoryContextSwitchTo(cxt);
	observing = NIL;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		Observed   *o = palloc0(sizeof(Observed));
		bool		isnull;

		o->relid = DatumGetObjectId(SPI_getbinval(tup, desc, 1, &isnull));
		o->schema = SPI_getvalue(tup, desc, 2);
		o->name = SPI_getvalue(tup, desc, 3);
		o->relfilenode = DatumGetObjectId(SPI_getbinval(tup, desc, 4, &isnull));
		observing = lappend(observing, o);
	}
	MemoryContextSwitchTo(old);
	{
		ListCell   *lc;

		foreach(lc, observing)
			(void) take_back_locks(((Observed *) lfirst(lc))->relid);
	}
}

/* After a statement: what it did to each copy, as events of its step. */
static void
observe_statement(void)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(linitial(observing)));
	int			step = step_of_statement(running_statement);
	ListCell   *lc;

	CommandCounterIncrement();
	foreach(lc, observing)
	{
		Observed   *o = lfirst(lc);
		LOCKMODE	mode;
		HeapTuple	tup;
		bool		rewritten = false;
		bool		dropped = false;

		if (o->dropped)
			continue;
		mode = take_back_locks(o->relid);
		tup = SearchSysCache1(RELOID, ObjectIdGetDatum(o->relid));
		if (!HeapTupleIsValid(tup))
			o->dropped = dropped = true;
		else
		{
			Form_pg_class c = (Form_pg_class) GETSTRUCT(tup);

			if (c->relfilenode != o->relfilenode)
			{
				rewritten = true;
				o->relfilenode = c->relfilenode;
			}
			ReleaseSysCache(tup);
		}
		if (mode >= ShareLock || rewritten || dropped)
		{
			ObsEvent   *e = palloc0(sizeof(ObsEvent));

			e->step = step;
			e->copy = o;
			e->mode = mode;
			e->rewritten = rewritten;
			e->dropped = dropped;
			obs_events = lappend(obs_events, e);
		}
	}
	MemoryContextSwitchTo(old);
}

/* "2,000,000" */
static char *
thousands(double n)
{
	char	   *digits = psprintf("%.0f", n);
	int			len = strlen(digits);
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < len; i++)
	{
		if (i > 0 && (len - i) % 3 == 0)
			appendStringInfoChar(&buf, ',');
		appendStringInfoChar(&buf, digits[i]);
	}
	return buf.data;
}

/*
 * The observed hazards, one line per step and live table: "step 2:
 * rewrites app.big (2,000,000 rows, 130 MB) under ACCESS EXCLUSIVE",
 * "step 3: locks ... under SHARE ROW EXCLUSIVE", "step 1: drops ...".
 * Only locks that block writers (SHARE and stronger), rewrites and drops
 * are hazards.  Must be called inside SPI, after the rehearsal was rolled
 * back (the live names are back); events is consumed.
 */
static List *
observed_hazards(List *events)
{
	List	   *lines = NIL;
	ListCell   *lc;

	/* the events of one step on one copy merged into its first */
	foreach(lc, events)
	{
		ObsEvent   *e = lfirst(lc);
		ListCell   *lc2;

		if (e->copy == NULL)
			continue;
		for_each_cell(lc2, events, lnext(events, lc))
		{
			ObsEvent   *f = lfirst(lc2);

			if (f->copy == e->copy && f->step == e->step)
			{
				e->mode = Max(e->mode, f->mode);
				e->rewritten |= f->rewritten;
				e->dropped |= f->dropped;
				f->copy = NULL;
			}
		}
	}
	foreach(lc, events)
	{
		ObsEvent   *e = lfirst(lc);
		Observed   *o = e->copy;
		Oid			nsp;
		Oid			live;
		Oid			types[1] = {OIDOID};
		Datum		values[1];
		const char *verb;
		char	   *rows = "? rows";
		char	   *size = "?";

		if (o == NULL)
			continue;
		nsp = get_namespace_oid(o->schema, true);
		live = OidIsValid(nsp) ? get_relname_relid(o->name, nsp) : InvalidOid;
		if (!OidIsValid(live))
			continue;
		verb = e->dropped ? "drops" : e->rewritten ? "rewrites" : "locks";
		values[0] = ObjectIdGetDatum(live);
		if (SPI_execute_with_args("SELECT c.reltuples::pg_catalog.float8,"
								  "       pg_catalog.pg_size_pretty(pg_catalog.pg_relation_size(c.oid))"
								  "  FROM pg_catalog.pg_class c WHERE c.oid OPERATOR(pg_catalog.=) $1",
								  1, types, values, NULL, true, 1) == SPI_OK_SELECT &&
			SPI_processed == 1)
		{
			bool		isnull;
			double		n = DatumGetFloat8(SPI_getbinval(SPI_tuptable->vals[0],
														 SPI_tuptable->tupdesc, 1, &isnull));

			if (n >= 0)
				rows = psprintf("%s row%s", thousands(n), n == 1 ? "" : "s");
			size = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
		}
		lines = lappend(lines,
						psprintf("step %d: %s %s (%s, %s) under %s", e->step, verb,
								 quote_qualified_identifier(o->schema, o->name),
								 rows, size, lock_mode_names[e->mode]));
	}
	return lines;
}

/* One script of the rehearsal run, then the document it leads to. */
static Jsonb *
rehearse(const char *script, const char *what, Rehearsal *rh,
		 CheckStart *start, MemoryContext cxt)
{
	instr_time	t0;
	Jsonb	   *doc;

	if (rh->in_place)
		return run_and_snapshot(script, what, start, cxt);
	INSTR_TIME_SET_CURRENT(t0);
	if (strcmp(what, "upgrade") == 0)
	{
		observe_start(rh, cxt);
		obs_events = NIL;
		obs_steps = rh->upsteps;
		obs_step = 0;
	}
	run_script(script, cxt);
	if (observing != NIL)
	{
		rh->observed = obs_events;
		observing = NIL;
		obs_events = NIL;
		obs_steps = NIL;
	}
	elog(DEBUG1, "pg_migrate: autogenerate check: %s ran: %.1f ms", what, ms_since(t0));
	INSTR_TIME_SET_CURRENT(t0);
	doc = rehearsal_document(rh, start->doc, rh->rebuilt, true, cxt);
	elog(DEBUG1, "pg_migrate: autogenerate check: snapshot after %s: %.1f ms", what, ms_since(t0));
	return doc;
}

static Jsonb *
self_check(AutogenResult *r, CheckStart *start, Jsonb *model, Rehearsal *rh)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile CheckPhase phase = PHASE_NONE;
	Jsonb	   *volatile reached = NULL;
	char	   *volatile wrong_phase = NULL;
	char	   *volatile object = NULL;
	char	   *volatile detail = NULL;

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
			rehearsal_setup(rh, start, cxt);
			phase = PHASE_NONE;
			elog(DEBUG1, "pg_migrate: autogenerate check: %d copies made: %.1f ms",
				 list_length(rh->copied), ms_since(t0));
			if (debug_verify_partial)
			{
				StringInfoData buf;
				ListCell   *lc;

				initStringInfo(&buf);
				foreach(lc, rh->copied)
					appendStringInfo(&buf, "%s%s", buf.len ? ", " : "",
									 (char *) lfirst(lc));
				elog(NOTICE, "pg_migrate: autogenerate check: rehearsed on copies of %d object%s%s%s%s",
					 list_length(rh->copied), list_length(rh->copied) == 1 ? "" : "s",
					 buf.len ? ": " : "", buf.data,
					 rh->nstubs > 0 ? psprintf(" (and %d table%s without their foreign keys)",
											   rh->nstubs, rh->nstubs == 1 ? "" : "s") : "");
			}
		}
		if (!rh->in_place &&
			!compare(rehearsal_document(rh, start->doc, rh->rebuilt, true, cxt),
					 start->doc, "the start", &o, &d))
		{
			wrong_phase = "rehearsal does not copy the live schema";
			object = o;
			detail = d;
		}
		else if (phase = PHASE_UPGRADE,
				 reached = rehearse(r->upgrade_sql, "upgrade", rh, start, cxt),
				 !compare(reached, model, "the model", &o, &d))
		{
			wrong_phase = "upgrade does not reach the model";
			object = o;
			detail = d;
		}
		else
		{
			phase = PHASE_DOWNGRADE;
			back = rehearse(r->downgrade_sql, "downgrade", rh, start, cxt);
			if (!compare(back, start->doc, "the start", &o, &d))
			{
				wrong_phase = "downgrade does not lead back to the live schema";
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
		const char *statement = running_statement;

		edata = pgm_subxact_catch(cxt, owner);
		pgm_set_path_asides(NIL);
		observing = NIL;
		obs_events = NIL;
		obs_steps = NIL;
		running_statement = NULL;
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
		 * The generated SQL failed on the live database: typically a rule
		 * its rows break (a NOT NULL column added without a default to a
		 * table with rows).  The error keeps its SQLSTATE.
		 */
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("autogenerate's %s fails on the live database: %s",
						failed == PHASE_UPGRADE ? "upgrade" : "downgrade",
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
	pgm_set_path_asides(NIL);

	if (wrong_phase != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("autogenerate's %s: %s differs", wrong_phase, object),
				 errdetail("%s", detail),
				 errhint("Nothing was stored. This is a limit of pg_migrate's diff%s; write this revision by hand with migrate_revision(..., autogenerate => false, upgrade_sql => ..., downgrade_sql => ...).",
						 debug_drop_last_step ? " (or pg_migrate.debug_drop_last_step is on)" : "")));
	return reached;
}

/*
 * autogen_generate(): see autogen.h.
 */
bool
autogen_generate(AutogenResult *result)
{
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *model;
	Jsonb	   *live;
	Jsonb	   *reached;
	List	   *scope;
	bool		all;
	MemoryContext graphs;
	Graph	   *live_g;
	Graph	   *model_graph;
	CheckStart	start;
	Touched		touched;
	Rehearsal	rh;
	List	   *upsteps;
	int			nup;
	int			nest;
	int			ndown;
	instr_time	t0;
	AutogenResult r;
	char	   *rename_up = NULL;
	char	   *rename_down = NULL;
	const char *ext;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "pg_migrate: SPI_connect failed");

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
	model = model_and_graph(cxt, graphs, &model_graph);
	MemoryContextSwitchTo(cxt);
	scope = autogen_document_scope(model, &all);
	elog(DEBUG1, "pg_migrate: autogenerate: model read: %.1f ms", ms_since(t0));

	INSTR_TIME_SET_CURRENT(t0);
	start.lsn = GetXLogInsertRecPtr();
	start.schemas = scope_array(scope, all);
	start.graph = live_graph(scope, all, start.schemas, cxt);
	live = snapshot_document(start.graph);
	start.doc = live;
	start.scope = scope;
	start.all = all;
	elog(DEBUG1, "pg_migrate: autogenerate: live snapshot: %.1f ms", ms_since(t0));

	if (documents_equal(live, model))
	{
		MemoryContextDelete(start.graph->cxt);
		MemoryContextDelete(graphs);
		pgm_guc_nest_leave(nest);
		SPI_finish();
		return false;
	}

	/* what the steps touch, for the rehearsal */
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(GNode *);
		ctl.entrysize = sizeof(GNode *);
		ctl.hcxt = cxt;
		touched.seen = hash_create("pg_migrate touched objects", 256, &ctl,
								   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		touched.tops = NIL;
		touched.needs = NIL;
		touched.leaves = NIL;
		touched.stubs = NIL;
		touched.extension = false;
	}

	/* both documents read once, for the diffs both ways */
	INSTR_TIME_SET_CURRENT(t0);
	live_g = graph_from_jsonb(live, graphs);
	if (model_graph == NULL)
		model_graph = graph_from_jsonb(model, graphs);
	elog(DEBUG1, "pg_migrate: autogenerate: documents read: %.1f ms", ms_since(t0));

	/*
	 * Recorded renames (docs/models.md): they come first, and the diff
	 * compares the live schema as it is once renamed (PostgreSQL renames
	 * it, in a subtransaction that is rolled back) with the model; the
	 * downgrade undoes the rest, then the renames.
	 */
	ext = pgm_ext_schema();
	MemoryContextSwitchTo(cxt);
	r.renames = rename_load(ext, scope, all);
	if (r.renames != NIL)
	{
		Jsonb	   *renamed;

		rename_validate(r.renames, live_g, model_graph);
		rename_up = rename_script(r.renames, false);
		rename_down = rename_script(r.renames, true);
		renamed = rename_live_document(rename_up, scope, all, cxt);
		live_g = graph_from_jsonb(renamed, graphs);
	}

	INSTR_TIME_SET_CURRENT(t0);
	touched.live = live_g;
	upsteps = NIL;
	r.upgrade_sql = diff_as_script(live_g, model_graph, debug_drop_last_step, &nup,
								   &touched, &upsteps, NULL);
	elog(DEBUG1, "pg_migrate: autogenerate: upgrade diff (%d steps): %.1f ms", nup, ms_since(t0));
	INSTR_TIME_SET_CURRENT(t0);
	r.downgrade_sql = diff_as_script(model_graph, live_g, false, &ndown,
									 &touched, NULL, NULL);
	elog(DEBUG1, "pg_migrate: autogenerate: downgrade diff (%d steps): %.1f ms", ndown, ms_since(t0));
	INSTR_TIME_SET_CURRENT(t0);
	rehearsal_plan(&rh, &touched, model_graph, scope, all, cxt);
	rh.upsteps = upsteps;

	/*
	 * Recorded renames run first on the live objects, by their live names,
	 * while the steps after them were diffed from the renamed document:
	 * the copies of that document cannot stand for both.  Such a revision
	 * is rehearsed on the live schemas, as a change of extension is.
	 */
	if (r.renames != NIL)
		rh.in_place = true;
	elog(DEBUG1, "pg_migrate: autogenerate: rehearsal planned (%d copies): %.1f ms",
		 list_length(rh.copied), ms_since(t0));
	MemoryContextDelete(graphs);
	if (r.renames != NIL)
	{
		r.upgrade_sql = psprintf("%s%s", rename_up, r.upgrade_sql);
		r.downgrade_sql = psprintf("%s%s", r.downgrade_sql, rename_down);
	}

	/*
	 * Documents that differ in nothing the diff turns into a step: there
	 * is nothing to store (the self-check would refuse them anyway).
	 */
	if (nup == 0 && ndown == 0 && r.renames == NIL && !debug_drop_last_step)
	{
		MemoryContextDelete(start.graph->cxt);
		pgm_guc_nest_leave(nest);
		SPI_finish();
		return false;
	}

	/* the live graph stays: the check re-reads only what its scripts change */
	/* what copies without rows cannot see: read from the live rows */
	if (!rh.in_place)
	{
		INSTR_TIME_SET_CURRENT(t0);
		datacheck_script(r.upgrade_sql);
		elog(DEBUG1, "pg_migrate: autogenerate: data checks: %.1f ms", ms_since(t0));
	}
	reached = self_check(&r, &start, model, &rh);
	MemoryContextDelete(start.graph->cxt);
	r.observed_hazards = observed_hazards(rh.observed);

	INSTR_TIME_SET_CURRENT(t0);
	r.snapshot = reached;
	r.snapshot_hash = snapshot_hash(reached);
	elog(DEBUG1, "pg_migrate: autogenerate: hash: %.1f ms", ms_since(t0));

	pgm_guc_nest_leave(nest);
	SPI_finish();
	*result = r;
	return true;
}

/*
 * autogen_live_snapshot_hash(): see autogen.h.
 */
char *
autogen_live_snapshot_hash(ArrayType *schemas)
{
	MemoryContext cxt = CurrentMemoryContext;
	List	   *scope = NIL;
	bool		all = false;
	Jsonb	   *doc;
	char	   *hash;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "pg_migrate: SPI_connect failed");
	if (schemas == NULL)
	{
		const char *ext = pgm_ext_schema();
		Jsonb	   *model;

		require_model(ext);
		model = stored_model(ext, cxt);

		MemoryContextSwitchTo(cxt);
		scope = autogen_document_scope(model, &all);
	}
	else
	{
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		deconstruct_array(schemas, NAMEOID, NAMEDATALEN, false, TYPALIGN_CHAR,
						  &elems, &nulls, &n);
		for (int i = 0; i < n; i++)
			if (!nulls[i])
				scope = lappend(scope, pstrdup(NameStr(*DatumGetName(elems[i]))));
	}
	doc = autogen_live_document(scope, all, cxt);
	hash = snapshot_hash(doc);
	SPI_finish();
	return hash;
}
