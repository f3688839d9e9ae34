/*-------------------------------------------------------------------------
 *
 * rehearsal.c
 *	  Autogenerate's rehearsal (docs/revisions-autogenerate.md, "The
 *	  rehearsal"): the scripts of a revision run on data-free copies of the
 *	  objects they touch, never on a user's table.
 *
 * The scripts do not run on the live schemas: inside the subtransaction
 * that is always rolled back (autogen.c), each live schema of the scope is
 * renamed aside (ALTER SCHEMA ... RENAME, which locks no relation of it)
 * and made again, empty, under its own name; the top-level objects the
 * scripts touch, what depends on them and what they and those depend on
 * are created there from the live document, without rows; the scripts, as
 * they will be stored, run on those copies; the copies are snapshotted and
 * put in the place of their live objects in the live document, which is
 * then compared as before.  A schema renamed aside keeps its extensions'
 * objects: the rebuilt schema puts it on its search_path.
 *
 * While the upgrade runs, what each statement does to each copy of a live
 * table (the locks it takes, a rewrite, a drop) is observed and, after
 * the rollback, weighed with the live table's size: the observed hazards.
 *
 *-------------------------------------------------------------------------
 */
#include "rehearsal.h"

#include "access/xact.h"
#include "access/xlog.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "parser/parser.h"
#include "storage/lmgr.h"
#include "storage/lock.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "diff.h"
#include "pg_migrate.h"
#include "snapshot.h"


/*
 * rehearsal_scope_array(): see rehearsal.h.
 */
ArrayType *
rehearsal_scope_array(List *scope, bool all)
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

	/* what depends on the live object the step changes is copied too */
	if (live_top(t, step->node) != NULL)
	{
		GNode	   *n = step->node->graph == t->live ? step->node :
			graph_find_node(t->live, step->node);

		if (n != NULL)
			t->walk = lappend(t->walk, n);
	}
}

/*
 * The ordered steps of diff(source, target) as one script, in the current
 * memory context.  The graphs are left as they were: the two diffs read
 * the same two.  With touched, what the steps touch is added to it.
 */
static bool is_foreign_key(GNode *node);

/*
 * rehearsal_touch(): see rehearsal.h.
 */
void
rehearsal_touch(Touched *t, GNode *node)
{
	ListCell   *lc;

	if (node->kind != OBJ_SCHEMA)
	{
		touch(t, &t->tops, live_top(t, node));
		if (live_top(t, node) != NULL)
			t->walk = lappend(t->walk, node);
		return;
	}
	foreach(lc, node->children)
	{
		GNode	   *top = lfirst(lc);

		if (top_of(top) == top)
		{
			touch(t, &t->tops, top);
			t->walk = lappend(t->walk, top);
		}
	}
}

/*
 * rehearsal_touch_map(): see rehearsal.h.
 */
void
rehearsal_touch_map(Touched *from, Touched *to)
{
	ListCell   *lc;

	to->extension |= from->extension;
	foreach(lc, from->tops)
	{
		GNode	   *n = graph_find_node(to->live, lfirst(lc));

		if (n != NULL)
			touch(to, &to->tops, n);
	}
	foreach(lc, from->needs)
	{
		GNode	   *n = graph_find_node(to->live, lfirst(lc));

		if (n != NULL)
			to->needs = lappend(to->needs, n);
	}
	foreach(lc, from->walk)
	{
		GNode	   *n = graph_find_node(to->live, lfirst(lc));

		if (n != NULL)
			to->walk = lappend(to->walk, n);
	}
}

/*
 * An index of a partitioned table, or one attached to such an index: the
 * partitions' indexes are attached to it, or it to its parent's.
 */
static bool
partition_tree_index(GNode *index)
{
	return gnode_str(index, "partition_of") != NULL ||
		(index->parent != NULL && index->parent->kind == OBJ_TABLE &&
		 gnode_str(index->parent, "partition_by") != NULL);
}

/*
 * rehearsal_diff_script(): see rehearsal.h.
 */
char *
rehearsal_diff_script(Graph *source, Graph *target, bool drop_last, int *nsteps,
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

	/*
	 * The rehearsal's stubs: without their foreign keys, and without what
	 * nothing else can need of them (indexes but unique ones, which a
	 * foreign key may reference, and those of a partition tree, which the
	 * index of a partition copied may be attached to; triggers, policies,
	 * rules, statistics).
	 */
	if (stubs != NULL)
	{
		ListCell   *lc2;

		foreach(lc2, steps)
		{
			DiffStep   *step = lfirst(lc2);
			GNode	   *top = top_of(step->node);
			ObjKind		kind = step->node->kind;
			char	   *key;
			bool		found = false;

			if (step->action != STEP_CREATE || top == NULL ||
				!(is_foreign_key(step->node) ||
				  (kind == OBJ_INDEX && !gnode_bool(step->node, "unique") &&
				   !partition_tree_index(step->node)) ||
				  kind == OBJ_TRIGGER || kind == OBJ_POLICY ||
				  kind == OBJ_RULE || kind == OBJ_STATISTICS))
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

/* Observed hazards (below): of Observed *, while the upgrade runs. */
static List *observing = NIL;
static void observe_statement(void);

/*
 * The statement of a script that is running, for the error that names it
 * when it fails (rehearsal_statement()).
 */
static const char *running_statement = NULL;

/*
 * rehearsal_run_script(): see rehearsal.h.
 */
void
rehearsal_run_script(const char *script, MemoryContext cxt)
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
			elog(ERROR, "running a statement of the script failed: %s",
				 running_statement);
		if (observing != NIL)
			observe_statement();
	}
	running_statement = NULL;
}


static int	aside_counter = 0;

/*
 * What depends on a live node (not on its children), as top-level
 * objects: a view, a function, a type, a partition or child table depends
 * on the object as a whole and is followed further by the caller; a
 * table only one of whose parts depends on it (a foreign key to it, a
 * column of its type) is copied but not followed: what depends on that
 * table does not depend on this change (a chain of foreign keys would
 * otherwise copy the whole schema).
 */
static void
walk_node_dependents(Touched *t, List **list, GNode *node)
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
}

/* walk_node_dependents() of a live node and of all its children. */
static void
walk_dependents(Touched *t, List **list, GNode *node)
{
	ListCell   *lc;

	walk_node_dependents(t, list, node);
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
 * The partitions of a partitioned table that is a stub are stubs too: a
 * foreign key to the table is made of one per partition (PostgreSQL's
 * internal keys, in the document), which the copy of the referring table
 * gets only if they are there.
 */
static void
partition_stubs(Touched *t, GNode *table)
{
	ListCell   *lc;

	if (gnode_str(table, "partition_by") == NULL)
		return;
	foreach(lc, table->dependents)
	{
		GNode	   *part = top_of(lfirst(lc));
		bool		found;

		if (part == NULL || part->kind != OBJ_TABLE || part == table ||
			gnode_str(part, "partition_of") == NULL ||
			!list_member_ptr(part->deps, table))
			continue;
		hash_search(t->seen, &part, HASH_FIND, &found);
		if (!found)
		{
			hash_search(t->seen, &part, HASH_ENTER, NULL);
			t->stubs = lappend(t->stubs, part);
		}
	}
}

/*
 * Is a part of a table tied to something outside the table: does it
 * depend on it, or does that depend on the part?  Of a node of the live
 * graph, and of its counterpart in the model (mtable: the table there, or
 * NULL), where the upgrade may add what depends on it (a foreign key to
 * it, a view over it).
 */
static bool
tied_outside(GNode *node, GNode *table, GNode *mtable, Graph *model)
{
	ListCell   *lc;
	GNode	   *m;

	foreach(lc, node->deps)
		if (top_of(lfirst(lc)) != table)
			return true;
	foreach(lc, node->dependents)
		if (top_of(lfirst(lc)) != table)
			return true;
	if (mtable == NULL || (m = graph_find(model, gnode_key(node))) == NULL)
		return false;
	foreach(lc, m->dependents)
		if (top_of(lfirst(lc)) != mtable)
			return true;
	return false;
}

/*
 * The parts of a stub the rehearsal can leave out, their keys entered in
 * the set.  A stub stands for a live table that the scripts neither touch
 * nor could break, and its live document stands for it in every
 * comparison: it needs only what ties it to the rest, the parts something
 * copied (or added by the upgrade) depends on, and those that depend on
 * something copied, which a script could change or drop (a column of a
 * copied type, a check calling a copied function); its primary key; the
 * index its replica identity uses or it is clustered on; and, within the
 * table, what those need (a key's columns).  The rest (in the bench, a
 * unique key nothing refers to, a check, the text columns, and with them
 * the TOAST table) is not made.  A table of a partition tree, of an
 * inheritance tree or of a composite type, or that something depends on
 * as a whole, is kept whole.
 */
static void
stub_leave_out(HTAB *set, GNode *table, Graph *model)
{
	GNode	   *mtable = graph_find(model, gnode_key(table));
	const char *ri = gnode_str(table, "replica_identity_index");
	List	   *keep = NIL;
	ListCell   *lc;

	if (gnode_attr(table, "partition_by") != NULL ||
		gnode_attr(table, "partition_of") != NULL ||
		gnode_attr(table, "inherits") != NULL ||
		gnode_attr(table, "of_type") != NULL ||
		table->dependents != NIL ||
		(mtable != NULL && mtable->dependents != NIL))
		return;
	foreach(lc, table->children)
	{
		GNode	   *c = lfirst(lc);
		bool		kept;

		switch (c->kind)
		{
			case OBJ_COLUMN:
				kept = tied_outside(c, table, mtable, model);
				break;
			case OBJ_CONSTRAINT:
				{
					char	   *type = gnode_str(c, "type");

					/* a stub's own foreign keys are never made */
					kept = !is_foreign_key(c) &&
						((type != NULL && strcmp(type, "primary_key") == 0) ||
						 (ri != NULL && strcmp(ri, c->name) == 0) ||
						 tied_outside(c, table, mtable, model));
				}
				break;
			case OBJ_INDEX:
				kept = gnode_bool(c, "clustered") ||
					(ri != NULL && strcmp(ri, c->name) == 0) ||
					tied_outside(c, table, mtable, model);
				break;
			default:
				/* triggers, policies, rules, statistics: never made */
				kept = false;
				break;
		}
		if (kept)
			keep = lappend(keep, c);
	}
	/* what the kept parts need of the table, transitively */
	for (int i = 0; i < list_length(keep); i++)
	{
		ListCell   *lc2;

		foreach(lc2, ((GNode *) list_nth(keep, i))->deps)
		{
			GNode	   *d = lfirst(lc2);

			if (d->parent == table)
				keep = list_append_unique_ptr(keep, d);
		}
	}
	foreach(lc, table->children)
	{
		GNode	   *c = lfirst(lc);

		if (!list_member_ptr(keep, c))
		{
			char	   *key = pstrdup(gnode_key(c));

			hash_search(set, &key, HASH_ENTER, NULL);
		}
	}
	list_free(keep);
}

/*
 * The parts of the stubs left out (stub_leave_out()) taken out of a graph
 * of the copies, before the diff that makes them: out of their parents'
 * children, and out of the dependents of what they depend on.
 */
static void
stub_prune(Graph *g, HTAB *parts)
{
	HASH_SEQ_STATUS seq;
	char	  **key;

	hash_seq_init(&seq, parts);
	while ((key = hash_seq_search(&seq)) != NULL)
	{
		GNode	   *node = graph_find(g, *key);
		ListCell   *lc;

		if (node == NULL || node->parent == NULL)
			continue;
		node->parent->children = list_delete_ptr(node->parent->children, node);
		foreach(lc, node->deps)
		{
			GNode	   *d = lfirst(lc);

			d->dependents = list_delete_ptr(d->dependents, node);
		}
	}
}

/* Append a copy of name to a list of names unless it holds it already. */
static List *
names_add(List *names, const char *name)
{
	if (pgm_list_member_str(names, name))
		return names;
	return lappend(names, pstrdup(name));
}

/*
 * What the rehearsal copies: the live top-level objects the steps touch,
 * everything that depends on them (transitively), and everything those
 * and the new objects depend on (transitively).  Allocated in cxt.
 */
void
rehearsal_plan(Rehearsal *rh, Touched *t, Graph *model, List *scope, bool all,
			   MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	List	   *copy = list_copy(t->tops);
	ListCell   *lc;

	memset(rh, 0, sizeof(Rehearsal));
	rh->in_place = t->extension;

	/*
	 * What depends on the parts the steps change (a view over a column
	 * whose type changes, a foreign key to a key that is dropped), and on
	 * the touched objects themselves (a column of their row type); then,
	 * transitively, what depends on those dependents as a whole.  What
	 * depends only on parts that no step changes is not copied: the steps
	 * cannot change it (a foreign key to the primary key of a table that
	 * gains a column).
	 */
	{
		int			ntops = list_length(copy);

		foreach(lc, t->walk)
			walk_dependents(t, &copy, lfirst(lc));
		for (int i = 0; i < ntops; i++)
			walk_node_dependents(t, &copy, list_nth(copy, i));
		for (int i = ntops; i < list_length(copy); i++)
			walk_dependents(t, &copy, list_nth(copy, i));
	}
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

		partition_stubs(t, list_nth(t->stubs, i));
		walk_deps(t, &copy, list_nth(t->stubs, i), true);
		for (int j = before; j < list_length(copy); j++)
			walk_deps(t, &copy, list_nth(copy, j), false);
	}

	rh->rebuilt = graph_replaced_create(cxt);
	rh->others = graph_replaced_create(cxt);
	rh->all = graph_replaced_create(cxt);
	rh->stubs = pgm_string_set_create("pg_migrate rehearsal stubs", 64, cxt);
	rh->other_keys = pgm_string_set_create("pg_migrate rehearsal others", 256, cxt);
	rh->stub_parts = pgm_string_set_create("pg_migrate rehearsal stub parts", 256, cxt);
	foreach(lc, t->stubs)
	{
		char	   *key = MemoryContextStrdup(cxt, gnode_key(lfirst(lc)));

		hash_search(rh->stubs, &key, HASH_ENTER, NULL);
		rh->nstubs++;
		if (model != NULL)
			stub_leave_out(rh->stub_parts, lfirst(lc), model);
	}
	foreach(lc, copy)
	{
		GNode	   *top = lfirst(lc);

		graph_replaced_add(rh->rebuilt, top);
		rh->copied = lappend(rh->copied,
							 psprintf("%s %s", pgm_kinds[top->kind].label,
									  gnode_qualname(top)));
	}
	list_sort(rh->copied, pgm_cmp_list_cstring);
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
			{
				char	   *key = MemoryContextStrdup(cxt, gnode_key(top));

				graph_replaced_add(rh->others, top);
				hash_search(rh->other_keys, &key, HASH_ENTER, NULL);
			}
		}
	}

	/* the schemas */
	if (all)
	{
		foreach(lc, t->live->schemas)
			rh->names = lappend(rh->names, pstrdup(((GNode *) lfirst(lc))->name));
		if (model != NULL)
			foreach(lc, model->schemas)
				rh->names = names_add(rh->names, ((GNode *) lfirst(lc))->name);
	}
	else
		rh->names = list_copy(scope);

	MemoryContextSwitchTo(old);
}

/*
 * rehearsal_rename_schemas(): see rehearsal.h.
 */
void
rehearsal_rename_schemas(Rehearsal *rh, List *olds, List *news)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(rh->rebuilt));
	ListCell   *lc;

	if (olds == NIL && news == NIL)
	{
		MemoryContextSwitchTo(old);
		return;
	}
	rh->snap_names = list_copy(rh->names);
	foreach(lc, news)
		rh->snap_names = names_add(rh->snap_names, lfirst(lc));
	foreach(lc, olds)
		rh->names = names_add(rh->names, lfirst(lc));
	MemoryContextSwitchTo(old);
}

/*
 * The document of the live schema as the rehearsal has it now: the copies
 * (and the objects the scripts made) snapshotted, in the place of their
 * live objects.  Allocated in cxt.
 */
static Jsonb *
rehearsal_snapshot(Rehearsal *rh, Jsonb *live, HTAB *replaced, bool setup,
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
	/*
	 * What the copies refer to outside their schemas (an extension, as the
	 * language of a function) is found in the live graph, so that their
	 * depends_on are those of the live objects.
	 */
	g = snapshot_build_since(rehearsal_scope_array(setup || rh->snap_names == NIL ?
												   rh->names : rh->snap_names,
												   false),
							 work, rh->live, rh->since);

	/*
	 * The stubs are not what they copy: the live document stands for them.
	 * Nor, in a document cut down to the copies, does an object the
	 * copies made of themselves that the live document has apart (the
	 * multirange constructor functions of a range type copied).
	 */
	if (rh->nstubs > 0 || live == rh->copies)
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

				key = gnode_key(top);
				if (top->kind == OBJ_TABLE)
					hash_search(rh->stubs, &key, HASH_FIND, &found);
				if (!found && live == rh->copies)
					hash_search(rh->other_keys, &key, HASH_FIND, &found);
				if (found)
					schema->children = foreach_delete_current(schema->children, lc2);
			}
		}
	}
	MemoryContextSwitchTo(cxt);
	doc = graph_merge_document(live, g, replaced, true);
	MemoryContextDelete(work);
	PopActiveSnapshot();
	return doc;
}

/*
 * rehearsal_document(): see rehearsal.h.
 */
Jsonb *
rehearsal_document(Rehearsal *rh, Jsonb *livedoc, MemoryContext cxt)
{
	return rehearsal_snapshot(rh, livedoc, rh->rebuilt, false, cxt);
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
void
rehearsal_setup(Rehearsal *rh, Graph *live, Jsonb *livedoc, MemoryContext cxt)
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

	rh->live = live;
	if (pgm_lock_timeout > 0)
		pgm_set_local("lock_timeout", psprintf("%d", pgm_lock_timeout));
	/* the copies' function bodies may name objects not copied */
	pgm_set_local("check_function_bodies", "off");

	/*
	 * Every row of the rebuilt schemas' objects is written from here on:
	 * their snapshots read only the catalog pages written since, unless an
	 * extension moves into them (below) with its members' older rows.
	 */
	rh->since = GetXLogInsertRecPtr();

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
			elog(ERROR, "renaming a schema aside failed");
		running_statement = MemoryContextStrdup(cxt,
												psprintf("CREATE SCHEMA %s",
														 quote_identifier(schema)));
		if (SPI_execute(running_statement, false, 0) != SPI_OK_UTILITY)
			elog(ERROR, "making a schema again failed");

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
				elog(ERROR, "reading the extensions failed");
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
			if (moves != NIL)
				rh->since = InvalidXLogRecPtr;
			foreach(lc2, moves)
			{
				running_statement = MemoryContextStrdup(cxt, lfirst(lc2));
				if (SPI_execute(running_statement, false, 0) != SPI_OK_UTILITY)
					elog(ERROR, "moving an extension failed");
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
	empty = rehearsal_snapshot(rh, livedoc, rh->all, true, work);
	bare = graph_create(work, false);
	foreach(lc, live->schemas)
	{

		graph_add_node(bare, OBJ_SCHEMA, NULL, ((GNode *) lfirst(lc))->name,
					   NULL, NULL);
	}
	copies = graph_merge_document(livedoc, bare, rh->others, false);
	rh->copies = MemoryContextAlloc(cxt, VARSIZE(copies));
	memcpy(rh->copies, copies, VARSIZE(copies));
	ge = graph_from_jsonb(empty, NULL, work);
	gc = graph_from_jsonb(copies, NULL, work);
	if (rh->stub_parts != NULL)
		stub_prune(gc, rh->stub_parts);
	script = rehearsal_diff_script(ge, gc, false, &n, NULL, NULL, rh->stubs);
	MemoryContextSwitchTo(cxt);
	rehearsal_run_script(script, cxt);
	MemoryContextDelete(work);
	MemoryContextSwitchTo(old);
}

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
	ArrayType  *names = rehearsal_scope_array(rh->names, false);
	Oid			types[1] = {NAMEARRAYOID};
	Datum		values[1] = {PointerGetDatum(names)};

	CommandCounterIncrement();
	if (SPI_execute_with_args("SELECT c.oid, n.nspname, c.relname, c.relfilenode"
							  "  FROM pg_catalog.pg_class c"
							  "  JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace"
							  " WHERE n.nspname OPERATOR(pg_catalog.=) ANY ($1)"
							  "   AND c.relkind IN ('r', 'p', 'm')",
							  1, types, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading the copies failed");
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
observed_hazards(List *events, List **steps)
{
	MemoryContext cxt = CurrentMemoryContext;
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

		/*
		 * SPI_execute_with_args() returns in the SPI procedure's context,
		 * which the caller's SPI_finish() frees: the lines belong to the
		 * caller's context.
		 */
		MemoryContextSwitchTo(cxt);
		lines = lappend(lines,
						psprintf("%s%s %s (%s, %s) under %s",
								 steps ? "" : psprintf("step %d: ", e->step),
								 verb,
								 quote_qualified_identifier(o->schema, o->name),
								 rows, size, lock_mode_names[e->mode]));
		if (steps)
			*steps = lappend_int(*steps, e->step);
	}
	return lines;
}

/*
 * rehearsal_hazards(): see rehearsal.h.
 */
List *
rehearsal_hazards(Rehearsal *rh, List **steps)
{
	List	   *lines;

	if (steps)
		*steps = NIL;
	lines = observed_hazards(rh->observed, steps);

	rh->observed = NIL;
	return lines;
}

/*
 * rehearsal_run(): see rehearsal.h.
 */
Jsonb *
rehearsal_run(Rehearsal *rh, const char *script, const char *what,
			  Jsonb *livedoc, MemoryContext cxt)
{
	if (strcmp(what, "upgrade") == 0)
	{
		observe_start(rh, cxt);
		obs_events = NIL;
		obs_steps = rh->upsteps;
		obs_step = 0;
	}
	rehearsal_run_script(script, cxt);
	if (observing != NIL)
	{
		rh->observed = obs_events;
		observing = NIL;
		obs_events = NIL;
		obs_steps = NIL;
	}
	return rehearsal_document(rh, livedoc, cxt);
}

/*
 * rehearsal_statement(): see rehearsal.h.
 */
const char *
rehearsal_statement(void)
{
	return running_statement;
}

/*
 * rehearsal_reset(): see rehearsal.h.
 */
void
rehearsal_reset(void)
{
	pgm_set_path_asides(NIL);
	observing = NIL;
	obs_events = NIL;
	obs_steps = NIL;
	running_statement = NULL;
}

/*
 * rehearsal_touched_init(): see rehearsal.h.
 */
void
rehearsal_touched_init(Touched *t, MemoryContext cxt)
{
	HASHCTL		ctl;

	memset(t, 0, sizeof(Touched));
	ctl.keysize = sizeof(GNode *);
	ctl.entrysize = sizeof(GNode *);
	ctl.hcxt = cxt;
	t->seen = hash_create("pg_migrate touched objects", 256, &ctl,
						  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}
