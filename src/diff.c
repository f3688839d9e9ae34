/*-------------------------------------------------------------------------
 *
 * diff.c
 *	  migrate_diff() and migrate_diff_sql(): the ordered DDL steps that turn
 *	  a database whose snapshot is "source" into "target" (docs/diff.md).
 *
 * The engine knows no kind in particular.  It
 *	1. loads both documents into graphs and matches nodes by identity;
 *	2. walks the target: a node without a match is created, a matched node
 *	   whose attributes differ is handed to its kind's "alter", which may
 *	   rebuild it (drop, create, and the same for everything that depends
 *	   on it in the source);
 *	3. walks the source: a node without a match, in scope, whose parent is
 *	   not dropped with it, is dropped;
 *	4. writes comments and privileges for every kind (diff_comment_acl.c);
 *	5. orders the steps by a topological sort over the dependencies: a
 *	   create or alter after the creation of what it needs (target graph),
 *	   a drop before the drop of what it needs (source graph), an alter
 *	   that stops using an object before that object's drop.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "lib/binaryheap.h"
#include "parser/parse_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/memutils.h"

#include "diff.h"
#include "unmodeled.h"

/* What the engine knows about one node of either graph. */
typedef struct NodeState
{
	GNode	   *node;			/* hash key */
	GNode	   *match;			/* the same object in the other graph */
	DiffStep   *create;			/* step that creates it (target) */
	DiffStep   *drop;			/* step that drops it (source) */
	List	   *alters;			/* steps that alter it (target) */
	bool		rebuilt;		/* dropped and created again */
	bool		remade;			/* dropped and added by its handler's alter */
	bool		walked;			/* target walk has handled it */
} NodeState;

#define NODESTATE_BATCH 1024

/* The states of a diff are taken from arrays of them, chained. */
typedef struct StateBatch
{
	struct StateBatch *prev;	/* the batch filled before, or NULL */
	NodeState	states[NODESTATE_BATCH];
} StateBatch;

static NodeState *
state_of(DiffContext *cx, GNode *node)
{
	NodeState  *st = node->diffstate;

	if (st == NULL)
	{
		StateBatch *batch = cx->free;

		/* taken from arrays of them, as a hash table would hold them */
		if (cx->nfree == 0)
		{
			batch = MemoryContextAllocZero(cx->cxt, sizeof(StateBatch));
			batch->prev = cx->free;
			cx->free = batch;
			cx->nfree = NODESTATE_BATCH;
		}
		st = &batch->states[NODESTATE_BATCH - cx->nfree--];
		st->node = node;
		node->diffstate = st;
	}
	return st;
}

/* ----------------------------------------------------------------
 * The step API, for the DDL handlers
 * ----------------------------------------------------------------
 */

/*
 * A new step of the diff running: action on node, its SQL written from fmt
 * (in the diff's memory context).  The first create or drop step of a node
 * is the one others order against; more of the same come after it.
 * Returns the step, for step_append(), step_hazard() and step_after().
 */
DiffStep *
diff_step(DiffContext *cx, StepAction action, GNode *node, const char *fmt,...)
{
	DiffStep   *step = palloc0(sizeof(DiffStep));
	NodeState  *st = state_of(cx, node);
	va_list		args;

	step->id = ++cx->nsteps;
	step->action = action;
	step->node = node;
	initStringInfo(&step->sql);
	va_start(args, fmt);
	pgm_append_va(&step->sql, fmt, args);
	va_end(args);
	cx->steps = lappend(cx->steps, step);

	switch (action)
	{
		case STEP_CREATE:
			if (st->create == NULL)
				st->create = step;
			else
				step_after(step, st->create);
			break;
		case STEP_DROP:
			if (st->drop == NULL)
				st->drop = step;
			else
				step_after(step, st->drop);
			break;
		case STEP_ALTER:
			st->alters = lappend(st->alters, step);
			break;
	}
	return step;
}

/* Append SQL to a step, written from fmt. */
void
step_append(DiffStep *step, const char *fmt,...)
{
	va_list		args;

	va_start(args, fmt);
	pgm_append_va(&step->sql, fmt, args);
	va_end(args);
}

/* Order step after step "before" (no-op when it is the same step). */
void
step_after(DiffStep *step, DiffStep *before)
{
	if (step != before && !list_member_ptr(step->after, before))
		step->after = lappend(step->after, before);
}

/* Is t created by this diff (no source object, or a rebuilt one)? */
bool
diff_is_new(DiffContext *cx, GNode *t)
{
	NodeState  *st = state_of(cx, t);

	if (st->rebuilt)
		return true;
	return diff_source_of(cx, t) == NULL;
}

/* The source object t matches, whether or not the walk has reached it. */
GNode *
diff_source_of(DiffContext *cx, GNode *t)
{
	NodeState  *st = state_of(cx, t);

	if (st->match == NULL && !st->walked)
		return graph_find_node(cx->source, t);
	return st->match;
}

/* The first step that drops s (a source node), or NULL. */
DiffStep *
diff_drop_step(DiffContext *cx, GNode *s)
{
	NodeState  *st = ((NodeState *) s->diffstate);

	return st ? st->drop : NULL;
}

/* ----------------------------------------------------------------
 * Comments and privileges, for every kind (diff_comment_acl.c)
 * ----------------------------------------------------------------
 */

/* The COMMENT ON step of t, when its comment differs from s's. */
static void
diff_comment(DiffContext *cx, GNode *s, GNode *t)
{
	char	   *sql = diff_comment_sql(s, t);

	if (sql != NULL)
		diff_step(cx, s ? STEP_ALTER : STEP_CREATE, t, "%s", sql);
}

/* A step per GRANT or REVOKE that turns s's privileges into t's. */
static void
diff_privileges(DiffContext *cx, GNode *s, GNode *t)
{
	ListCell   *lc;

	foreach(lc, diff_privileges_sql(s, t))
		diff_step(cx, s ? STEP_ALTER : STEP_CREATE, t, "%s", (char *) lfirst(lc));
}

/* ----------------------------------------------------------------
 * Creating, rebuilding, walking
 * ----------------------------------------------------------------
 */

/* Is an attribute's key "comment" or "privileges"? */
static inline bool
comment_or_privileges(const char *key)
{
	return (key[0] == 'c' && strcmp(key, "comment") == 0) ||
		(key[0] == 'p' && strcmp(key, "privileges") == 0);
}

/* Attributes that differ, comments and privileges aside. */
static bool
attrs_differ(GNode *s, GNode *t)
{
	ListCell   *lc;

	/*
	 * Two nodes read from documents of the same format list their
	 * attributes in the same order, and most are byte for byte the same:
	 * settled pair by pair, without looking each key up on both sides.
	 * The reader shares keys between graphs: equal pointers are equal
	 * keys (and unequal ones are compared).
	 */
	if (list_length(s->attrs) == list_length(t->attrs))
	{
		ListCell   *lcs;

		forboth(lcs, s->attrs, lc, t->attrs)
		{
			GAttr	   *as = lfirst(lcs);
			GAttr	   *at = lfirst(lc);

			if (as->key != at->key && strcmp(as->key, at->key) != 0)
				break;
			if (!comment_or_privileges(at->key) &&
				!jbv_identical(&as->value, &at->value))
				break;
		}
		if (lc == NULL)
			return false;
	}

	foreach(lc, t->attrs)
	{
		GAttr	   *a = lfirst(lc);

		if (strcmp(a->key, "comment") == 0 || strcmp(a->key, "privileges") == 0)
			continue;
		if (!gnode_attr_equal(s, t, a->key))
			return true;
	}
	foreach(lc, s->attrs)
	{
		GAttr	   *a = lfirst(lc);

		if (strcmp(a->key, "comment") == 0 || strcmp(a->key, "privileges") == 0)
			continue;
		if (gnode_attr(t, a->key) == NULL)
			return true;
	}
	return false;
}

/* Does the kind create this child inline with a new parent? */
static bool
is_inline(GNode *n)
{
	return pgm_ddl_handler(n->kind)->inline_in_parent;
}

/*
 * A view's, materialized view's or composite type's columns are part of
 * the parent's definition: the parent's handler changes them, they are not
 * walked on their own.
 */
static bool
columns_belong_to_parent(GNode *n)
{
	return n->kind == OBJ_COLUMN && n->parent != NULL &&
		(n->parent->kind == OBJ_VIEW || n->parent->kind == OBJ_MATVIEW ||
		 n->parent->kind == OBJ_TYPE);
}

/* Do two nodes' attributes differ, comments and privileges aside? */
static bool attrs_differ(GNode *s, GNode *t);

/* Do the columns of s and t differ (names, order, or any attribute)? */
static bool
columns_differ(GNode *s, GNode *t)
{
	List	   *sc = gnode_children(s, OBJ_COLUMN);
	List	   *tc = gnode_children(t, OBJ_COLUMN);
	ListCell   *a;
	ListCell   *b;

	if (list_length(sc) != list_length(tc))
		return true;
	forboth(a, sc, b, tc)
	{
		GNode	   *x = lfirst(a);
		GNode	   *y = lfirst(b);

		if (strcmp(x->name, y->name) != 0 || attrs_differ(x, y))
			return true;
	}
	return false;
}

/* Create t and its whole subtree (t is new, or rebuilt). */
static void
create_subtree(DiffContext *cx, GNode *t)
{
	NodeState  *st = state_of(cx, t);
	ListCell   *lc;

	if (st->create != NULL)
		return;					/* made already (a key of two rebuilt tables) */
	st->walked = true;
	pgm_ddl_handler(t->kind)->create(cx, t);
	diff_comment(cx, NULL, t);
	diff_privileges(cx, NULL, t);
	foreach(lc, t->children)
	{
		GNode	   *c = lfirst(lc);

		if (c->kind == OBJ_UNMODELED)
			continue;			/* unmodeled_check() saw to it */
		if (is_inline(c))
		{
			NodeState  *cst = state_of(cx, c);

			cst->walked = true;
			if (cst->create == NULL)
				cst->create = st->create;
			diff_comment(cx, NULL, c);
			diff_privileges(cx, NULL, c);
		}
		else
			create_subtree(cx, c);
	}
}

/*
 * A column whose default calls an object being rebuilt: the default is
 * taken off before the object is dropped and put back once it exists again.
 */
static void
detach_default(DiffContext *cx, GNode *col, GNode *s, GNode *tcol)
{
	NodeState  *sst = state_of(cx, s);
	NodeState  *tst;
	char	   *def = gnode_str(tcol, "default");
	DiffStep   *off;
	DiffStep   *on;

	if (gnode_str(col, "default") == NULL)
		return;
	off = diff_step(cx, STEP_ALTER, col, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;",
					gnode_qualname(col->parent), quote_identifier(col->name));
	if (sst->drop != NULL)
		step_after(sst->drop, off);
	/* past it, the column uses s no more: its other steps need not wait */
	if (list_member_ptr(col->deps, s))
		diff_set_deps(cx, col, list_delete_ptr(list_copy(col->deps), s));
	if (def == NULL)
		return;
	on = diff_step(cx, STEP_ALTER, tcol, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;",
				   gnode_qualname(tcol->parent), quote_identifier(tcol->name), def);
	step_after(on, off);
	tst = state_of(cx, sst->match ? sst->match : tcol);
	if (tst->create != NULL)
		step_after(on, tst->create);
}

/*
 * Is a column's type (a name relative to its schema) one of pg_catalog's?
 * Else, for a column that depends on an extension, it is the extension's.
 */
static bool
catalog_type(const char *name)
{
	Oid			typid;
	int32		typmod;

	HeapTuple	tup;
	bool		result = false;

	parseTypeString(name, &typid, &typmod, true);
	if (!OidIsValid(typid))
		return false;
	tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(typid));
	if (HeapTupleIsValid(tup))
	{
		result = ((Form_pg_type) GETSTRUCT(tup))->typnamespace == PG_CATALOG_NAMESPACE;
		ReleaseSysCache(tup);
	}
	return result;
}

/*
 * A table column of a type of extension ext, which is dropped and created
 * again (a downgrade with no update path): the column keeps its values as
 * text meanwhile, "TYPE text" before the drop and back to its type after
 * the creation.
 */
static void
detach_extension_type(DiffContext *cx, GNode *col, GNode *ext, GNode *tcol)
{
	NodeState  *sst = state_of(cx, ext);
	NodeState  *tst = state_of(cx, sst->match ? sst->match : ext);
	char	   *stype = gnode_str(col, "type");
	char	   *ttype = gnode_str(tcol, "type");
	DiffStep   *off;
	DiffStep   *on;

	if (col->parent->kind != OBJ_TABLE || tcol->parent->kind != OBJ_TABLE ||
		gnode_bool(col, "inherited") || gnode_str(col, "generated") != NULL ||
		stype == NULL || ttype == NULL || catalog_type(stype))
		return;
	off = diff_step(cx, STEP_ALTER, col,
					"ALTER TABLE %s ALTER COLUMN %s TYPE text USING %s::text;",
					gnode_qualname(col->parent), quote_identifier(col->name),
					quote_identifier(col->name));
	step_hazard(off, HAZARD_TABLE_REWRITE);
	step_hazard(off, HAZARD_BLOCKING_LOCK);
	if (sst->drop != NULL)
		step_after(sst->drop, off);
	on = diff_step(cx, STEP_ALTER, tcol,
				   "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::text::%s;",
				   gnode_qualname(tcol->parent), quote_identifier(tcol->name),
				   ttype, quote_identifier(tcol->name), ttype);
	step_hazard(on, HAZARD_TABLE_REWRITE);
	step_hazard(on, HAZARD_BLOCKING_LOCK);
	step_after(on, off);
	if (tst->create != NULL)
		step_after(on, tst->create);
}

/* Alter steps already made for t or its subtree are obsolete once it is rebuilt. */
static void
discard_alters(DiffContext *cx, GNode *t)
{
	NodeState  *st = ((NodeState *) t->diffstate);
	ListCell   *lc;

	if (st != NULL)
	{
		foreach(lc, st->alters)
		{
			DiffStep   *step = lfirst(lc);

			step->discarded = true;
			cx->steps = list_delete_ptr(cx->steps, step);
		}
		st->alters = NIL;
	}
	foreach(lc, t->children)
		discard_alters(cx, lfirst(lc));
}

/*
 * The handler of t dropped it and added it again in step (a column whose
 * type cannot be converted): what needs t waits for step, and its comment
 * and privileges are written after it as a new object's.
 */
void
diff_remade(DiffContext *cx, GNode *t, DiffStep *step)
{
	NodeState  *st = state_of(cx, t);

	st->remade = true;
	if (st->create == NULL)
		st->create = step;
}

/*
 * Count step, made for another node (a type's rebuild converting a column
 * of a table), as an alter of node too: what needs node then waits for it.
 */
void
diff_step_alters(DiffContext *cx, DiffStep *step, GNode *node)
{
	NodeState  *st = state_of(cx, node);

	if (!list_member_ptr(st->alters, step))
		st->alters = lappend(st->alters, step);
}

/*
 * A table rebuilt (dropped and created again: a new partitioning, ...)
 * keeps its rows: its kind's handler saves them in the drop step and
 * writes the statements that put them back (ddl_table_keep_rows()), a step
 * after the creation.  The copy steps are ordered after the creation of
 * the new table's partitions and before foreign keys and triggers
 * (order_copies()).
 */
static void
keep_rows(DiffContext *cx, GNode *s, GNode *t, DiffStep *drop)
{
	const DdlHandler *h = pgm_ddl_handler(t->kind);
	NodeState  *tst = state_of(cx, t);
	char	   *sql;
	DiffStep   *copy;

	if (h->keep_rows == NULL || s->kind != t->kind ||
		(sql = h->keep_rows(cx, s, t, drop)) == NULL)
		return;
	copy = diff_step(cx, STEP_ALTER, t, "%s", sql);
	step_hazard(copy, HAZARD_TABLE_REWRITE);
	step_hazard(copy, HAZARD_BLOCKING_LOCK);
	/* not an alter that what needs t must wait for (its partitions) */
	tst->alters = list_delete_ptr(tst->alters, copy);
	step_after(copy, tst->create);
	step_after(copy, drop);
	cx->copies = lappend(cx->copies, copy);
}

/*
 * Rebuild: drop s (which drops its subtree), create t and its subtree, and
 * do the same for every source object that depends on s or on anything in
 * its subtree and survives into the target.  A table keeps its rows
 * (keep_rows()).
 */
void
diff_rebuild(DiffContext *cx, GNode *s, GNode *t)
{
	NodeState  *sst = state_of(cx, s);
	NodeState  *tst = state_of(cx, t);

	if (sst->rebuilt)
		return;
	sst->rebuilt = tst->rebuilt = true;
	sst->match = t;
	tst->match = s;
	discard_alters(cx, t);
	pgm_ddl_handler(s->kind)->drop(cx, s);
	diff_rebuild_dependents(cx, s);
	create_subtree(cx, t);
	if (sst->drop != NULL && tst->create != NULL)
		step_after(tst->create, sst->drop);
	if (sst->drop != NULL && tst->create != NULL)
		keep_rows(cx, s, t, sst->drop);
}

static void
rebuild_dependents_of(DiffContext *cx, GNode *s, GNode *root)
{
	ListCell   *lc;

	foreach(lc, s->dependents)
	{
		GNode	   *d = lfirst(lc);
		GNode	   *dt;
		GNode	   *anc;
		bool		inside = false;

		/* dependents inside the object being rebuilt go with it */
		for (anc = d; anc != NULL; anc = anc->parent)
			if (anc == root)
				inside = true;
		if (inside)
			continue;
		dt = graph_find_node(cx->target, d);
		if (dt == NULL || state_of(cx, dt)->create != NULL)
			continue;			/* dropped anyway, or made again already */
		if (d->kind == OBJ_COLUMN)
		{
			/*
			 * A column that uses the object: by its type (handled by the
			 * type's rebuild) or by its default.
			 */
			if (root->kind != OBJ_TYPE && d->parent->kind != OBJ_TYPE)
				detach_default(cx, d, root, dt);
			if (root->kind == OBJ_EXTENSION)
				detach_extension_type(cx, d, root, dt);
			continue;
		}
		if (d->kind == OBJ_TABLE || d->kind == OBJ_TYPE)
			continue;			/* altered in place */
		diff_rebuild(cx, d, dt);

		/* dropped only to be made again: its own dependents see it go */
		{
			NodeState  *dst = state_of(cx, d);

			if (dst->drop != NULL)
				step_hazard(dst->drop, HAZARD_BREAKS_DEPENDENTS);
		}
	}
	foreach(lc, s->children)
		rebuild_dependents_of(cx, lfirst(lc), root);
}

/*
 * Drop and recreate what depends on source node s (outside s itself),
 * because s is dropped: views over it, functions that use it, ...
 */
void
diff_rebuild_dependents(DiffContext *cx, GNode *s)
{
	rebuild_dependents_of(cx, s, s);
}

static void walk_target(DiffContext *cx, GNode *t);

static void
walk_target_children(DiffContext *cx, GNode *t)
{
	ListCell   *lc;

	foreach(lc, t->children)
	{
		GNode	   *c = lfirst(lc);

		if (columns_belong_to_parent(c))
		{
			/* changed by the parent's handler; comments and grants here */
			GNode	   *sc = graph_find_node(cx->source, c);
			NodeState  *cst = state_of(cx, c);

			cst->walked = true;
			cst->match = sc;
			diff_comment(cx, sc, c);
			diff_privileges(cx, sc, c);
			continue;
		}
		walk_target(cx, c);
	}
}

static void
walk_target(DiffContext *cx, GNode *t)
{
	NodeState  *st;
	GNode	   *s;

	if (t->kind == OBJ_UNMODELED)
		return;					/* unmodeled_check() saw to it */
	st = state_of(cx, t);
	if (st->walked)
		return;
	st->walked = true;
	s = graph_find_node(cx->source, t);
	if (s == NULL)
	{
		st->walked = false;
		create_subtree(cx, t);
		return;
	}
	st->match = s;
	state_of(cx, s)->match = t;

	if (attrs_differ(s, t) ||
		((t->kind == OBJ_VIEW || t->kind == OBJ_MATVIEW || t->kind == OBJ_TYPE) &&
		 columns_differ(s, t)))
		pgm_ddl_handler(t->kind)->alter(cx, s, t);
	if (st->rebuilt)
		return;					/* the subtree came with the rebuild */
	/* made again by its handler: its comment and grants as a new one's */
	diff_comment(cx, st->remade ? NULL : s, t);
	diff_privileges(cx, st->remade ? NULL : s, t);
	walk_target_children(cx, t);
}

/* Is a source object inside the part of the database the target covers? */
static bool
in_target_scope(DiffContext *cx, GNode *s)
{
	const char *schema;

	if (cx->target->scope_all)
		return true;
	if (s->schema == NULL && s->kind != OBJ_EXTENSION && s->kind != OBJ_SCHEMA)
		return false;			/* database-wide: "all" documents only */
	if (s->kind == OBJ_EXTENSION)
		schema = gnode_str(s, "schema");
	else if (s->kind == OBJ_SCHEMA)
		schema = s->name;
	else
		schema = s->schema->name;
	return schema != NULL && pgm_list_member_str(cx->target->scope, schema);
}

/*
 * Does the target have, under the name of source relation s, a relation of
 * another kind (a table that becomes a view, a view that becomes a
 * materialized view or a table)?  What depended on s then looks the same in
 * both documents, since it names the object by name only, but cannot stay:
 * s's drop needs it gone, and it must be made again over the new object.
 */
static bool
replaced_by_other_kind(DiffContext *cx, GNode *s)
{
	static const ObjKind rels[] = {OBJ_TABLE, OBJ_VIEW, OBJ_MATVIEW, OBJ_SEQUENCE, OBJ_TYPE};
	bool		is_rel = false;

	if (s->schema == NULL || s->parent != s->schema)
		return false;
	for (int i = 0; i < lengthof(rels); i++)
		if (s->kind == rels[i])
			is_rel = true;
	if (!is_rel)
		return false;
	for (int i = 0; i < lengthof(rels); i++)
	{
		if (rels[i] == s->kind)
			continue;
		if (graph_find(cx->target, psprintf("%s %s.%s", pgm_kinds[rels[i]].label,
											quote_identifier(s->schema->name),
											s->refname)) != NULL)
			return true;
	}
	return false;
}

static void
walk_source(DiffContext *cx, GNode *s)
{
	NodeState  *st;
	ListCell   *lc;

	if (s->kind == OBJ_UNMODELED)
		return;					/* unmodeled_check() saw to it */
	st = state_of(cx, s);
	if (st->rebuilt)
		return;
	/* matched by the target walk, or else looked up */
	if (st->match == NULL && graph_find_node(cx->target, s) == NULL)
	{
		if (!in_target_scope(cx, s))
			return;
		if (columns_belong_to_parent(s))
			return;				/* the parent's handler drops it */
		pgm_ddl_handler(s->kind)->drop(cx, s);

		/*
		 * What the target keeps but depended on s cannot stay while s goes:
		 * a foreign key on a unique constraint or index that is dropped
		 * (renamed, say), a view grouping by a primary key, or anything
		 * over a relation replaced by one of another kind.  Made again.
		 */
		if (s->kind == OBJ_CONSTRAINT || s->kind == OBJ_INDEX ||
			replaced_by_other_kind(cx, s))
			diff_rebuild_dependents(cx, s);
		if (s->kind != OBJ_SCHEMA)
			return;				/* its subtree goes with it */
		/* a schema is dropped empty: its objects one by one, in order */
	}
	foreach(lc, s->children)
		walk_source(cx, lfirst(lc));
}

/* ----------------------------------------------------------------
 * Ordering
 * ----------------------------------------------------------------
 */

/* The step that creates n: its own, or its nearest created ancestor's. */
static DiffStep *
creating_step(DiffContext *cx, GNode *n)
{
	for (; n != NULL; n = n->parent)
	{
		NodeState  *st = ((NodeState *) n->diffstate);

		if (st != NULL && st->create != NULL)
			return st->create;
	}
	return NULL;
}

/*
 * The step that drops n: its own, or its nearest dropped ancestor's, short
 * of its schema (a schema is dropped empty, after its objects' own drops;
 * an object without one goes with something else, an owned sequence with
 * its table).
 */
static DiffStep *
dropping_step(DiffContext *cx, GNode *n)
{
	GNode	   *start = n;

	for (; n != NULL; n = n->parent)
	{
		NodeState  *st;

		if (n->kind == OBJ_SCHEMA && n != start)
			break;
		st = ((NodeState *) n->diffstate);
		if (st != NULL && st->drop != NULL)
			return st->drop;
	}
	return NULL;
}

/*
 * The dependencies of a node and of everything dropped with it (its
 * descendants that have no drop step of their own).
 */
static List *
subtree_deps(DiffContext *cx, GNode *n)
{
	List	   *deps = list_copy(n->deps);
	ListCell   *lc;

	if (n->kind == OBJ_SCHEMA)
		return deps;			/* its objects are dropped one by one */
	foreach(lc, n->children)
	{
		GNode	   *c = lfirst(lc);
		NodeState  *cst = ((NodeState *) c->diffstate);

		if (cst == NULL || cst->drop == NULL)
			deps = list_concat(deps, subtree_deps(cx, c));
	}
	return deps;
}

/*
 * What a create or alter step needs: the node's dependencies, and for its
 * first create step those of the children it creates inline.  A sequence's
 * first step does not wait for the column that owns it: like pg_dump, the
 * sequence comes first, the table next, OWNED BY last (a later step).
 */
static List *
step_needs(DiffContext *cx, DiffStep *step, GNode *n)
{
	NodeState  *st = state_of(cx, n);
	List	   *needs = NIL;
	ListCell   *lc;

	foreach(lc, n->deps)
	{
		GNode	   *dep = lfirst(lc);

		if (n->kind == OBJ_SEQUENCE && dep->kind == OBJ_COLUMN &&
			step == st->create)
			continue;
		needs = lappend(needs, dep);
		/* a domain's new constraints too: none is added once it is used */
		if (dep->kind == OBJ_TYPE && n->kind != OBJ_CONSTRAINT && n->kind != OBJ_FUNCTION)
			needs = list_concat(needs, gnode_children(dep, OBJ_CONSTRAINT));
	}
	if (step != st->create)
		return needs;
	foreach(lc, n->children)
	{
		GNode	   *c = lfirst(lc);
		ListCell   *dc;

		if (!is_inline(c))
			continue;
		foreach(dc, c->deps)
		{
			GNode	   *dep = lfirst(dc);

			if (dep->parent != n && dep != n)
				needs = list_concat(lappend(needs, dep), dep->kind != OBJ_TYPE ? NIL :
									gnode_children(dep, OBJ_CONSTRAINT));
		}
	}
	return needs;
}

static void
add_order_edges(DiffContext *cx)
{
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *n = step->node;
		ListCell   *dc;

		if (step->action == STEP_DROP)
		{
			/*
			 * Drop dependents first: before the drop of what n, or anything
			 * dropped with it, needs.
			 */
			foreach(dc, subtree_deps(cx, n))
			{
				GNode	   *dep = lfirst(dc);
				DiffStep   *d;

				/* an owned sequence goes with its column, not before it */
				if (n->kind == OBJ_SEQUENCE && dep->kind == OBJ_COLUMN)
					continue;
				d = dropping_step(cx, dep);
				if (d != NULL && d != step)
					step_after(d, step);
			}
			if (n->parent != NULL)
			{
				DiffStep   *d = dropping_step(cx, n->parent);

				if (d != NULL && d != step)
					step_after(d, step);
			}
		}
		else
		{
			NodeState  *st = state_of(cx, n);
			DiffStep   *own = creating_step(cx, n);

			/*
			 * After the creation (or change) of what n needs, and of what
			 * the children it creates inline need (a new table's columns).
			 */
			foreach(dc, step_needs(cx, step, n))
			{
				GNode	   *dep = lfirst(dc);
				DiffStep   *c = creating_step(cx, dep);
				NodeState  *dst = ((NodeState *) dep->diffstate);
				ListCell   *ac;

				if (c != NULL && c != step && !list_member_ptr(c->after, step))
					step_after(step, c);
				if (dst != NULL)
					foreach(ac, dst->alters)
						if (lfirst(ac) != step)
							step_after(step, lfirst(ac));
			}
			if (n->parent != NULL)
			{
				DiffStep   *c = creating_step(cx, n->parent);

				if (c != NULL && c != step)
					step_after(step, c);
			}
			/*
			 * An alter or create after the object's own creation.  Here and
			 * above, not when its handler put that creation after it (a
			 * column's ADD GENERATED ... AS IDENTITY is a create step of the
			 * column and of its sequence, after the alter that drops its old
			 * default): that edge would only close a cycle.
			 */
			if (own != NULL && own != step && !list_member_ptr(own->after, step))
				step_after(step, own);

			/*
			 * What the old version needed and is gone from the target: stop
			 * using it first.  A dependency that is rebuilt comes back: the
			 * new version waits for it instead if it still uses it; if not
			 * (a column that leaves a rebuilt enum for another type), it
			 * stops using the old one before that is dropped, whether by
			 * its own drop or, for a rebuild in place, by the drop step of
			 * the new version that ends it.
			 */
			if (st->match != NULL && step->action == STEP_ALTER)
			{
				foreach(dc, st->match->deps)
				{
					GNode	   *olddep = lfirst(dc);
					NodeState  *ost = ((NodeState *) olddep->diffstate);
					DiffStep   *d;

					if (ost != NULL && ost->rebuilt)
					{
						GNode	   *newdep = graph_find_node(cx->target, olddep);

						if (newdep == NULL || list_member_ptr(n->deps, newdep))
							continue;
						/*
						 * Rebuilt in place: renamed out of the way first,
						 * dropped last, by a step of the new version.
						 */
						d = dropping_step(cx, newdep);
						if (d != NULL)
						{
							if (d != step)
								step_after(d, step);
							continue;
						}
					}
					d = dropping_step(cx, olddep);
					if (d != NULL)
						step_after(d, step);
				}
			}
		}
	}
}

static int
step_priority(Datum a, Datum b, void *arg)
{
	DiffStep   *x = (DiffStep *) DatumGetPointer(a);
	DiffStep   *y = (DiffStep *) DatumGetPointer(b);
	int			xr = x->action == STEP_DROP ? 0 : 1;
	int			yr = y->action == STEP_DROP ? 0 : 1;

	/* binaryheap is a max-heap: the smallest (rank, id) must compare largest */
	if (xr != yr)
		return yr - xr;
	return y->id - x->id;
}

/* The table a name written in from's document names (as ddl_find()). */
static GNode *
find_table(Graph *g, GNode *from, const char *name)
{
	GNode	   *n = NULL;

	if (from->schema != NULL)
		n = graph_find(g, psprintf("%s %s.%s", pgm_kinds[OBJ_TABLE].label,
								   quote_identifier(from->schema->name), name));
	if (n == NULL)
		n = graph_find(g, psprintf("%s %s", pgm_kinds[OBJ_TABLE].label, name));
	return n;
}

/* Is table n (of the target) a partition of t, at any depth? */
static bool
partition_of(DiffContext *cx, GNode *n, GNode *t)
{
	for (int depth = 0; n != NULL && depth < 32; depth++)
	{
		char	   *parent = gnode_str(n, "partition_of");

		if (parent == NULL)
			return false;
		n = find_table(cx->target, n, parent);
		if (n == t)
			return true;
	}
	return false;
}

/*
 * The rows copied back into a rebuilt table (keep_rows()) go in once the
 * table can take them, its partitions created, and before what would check
 * or react to them: foreign keys (which may reference rows of another
 * rebuilt table not copied yet) and triggers.
 */
static void
order_copies(DiffContext *cx)
{
	ListCell   *cl;

	foreach(cl, cx->copies)
	{
		DiffStep   *copy = lfirst(cl);
		ListCell   *lc;

		if (copy->discarded)
			continue;
		foreach(lc, cx->steps)
		{
			DiffStep   *step = lfirst(lc);
			GNode	   *node = step->node;

			if (step == copy || step->discarded || step->action != STEP_CREATE)
				continue;
			if (node->kind == OBJ_TABLE && partition_of(cx, node, copy->node))
				step_after(copy, step);
			else if ((node->kind == OBJ_CONSTRAINT &&
					  strcmp(gnode_str(node, "type") ? gnode_str(node, "type") : "",
							 "foreign_key") == 0) ||
					 (node->kind == OBJ_TRIGGER && node->parent == copy->node))
				step_after(step, copy);
		}
	}
}

/* Is "before" a step that "step" still waits for? */
static inline bool
pending_pred(DiffStep *before)
{
	return !before->discarded && !before->emitted;
}

/*
 * When every step left waits for another: the step to free.  The steps
 * left form cycles, and steps that only wait for a cycle; freeing one of
 * those would run it before what it needs.  So the search starts at the
 * step waiting for the fewest (the oldest of those) and walks what it
 * waits for (Tarjan's strongly connected components, without recursion):
 * the first component it completes waits for nothing outside itself, a
 * cycle whose steps wait only for each other.  Of that cycle, the step
 * waiting for the fewest, the oldest of those, is freed.
 */
typedef struct CycleSlot		/* its index in slots[] is its visit order */
{
	DiffStep   *step;
	int			lowlink;
	bool		onstack;
	ListCell   *next;			/* the next of step->after to visit */
} CycleSlot;

static DiffStep *
cycle_step(DiffContext *cx)
{
	int			n = list_length(cx->steps);
	CycleSlot  *slots = palloc0(sizeof(CycleSlot) * n);
	int		   *stack = palloc(sizeof(int) * n);	/* Tarjan's stack */
	int		   *path = palloc(sizeof(int) * n);	/* the depth-first walk */
	int			nslots = 0,
				sp = 0,
				depth = 0;
	DiffStep   *start = NULL;
	DiffStep   *best = NULL;
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);

		step->visit = 0;
		if (!step->emitted && (start == NULL || step->npred < start->npred))
			start = step;
	}
	Assert(start != NULL);

	start->visit = ++nslots;
	slots[0] = (CycleSlot)
	{
		start, 0, true, list_head(start->after)
	};
	stack[sp++] = 0;
	path[depth++] = 0;
	while (depth > 0 && best == NULL)
	{
		int			v = path[depth - 1];
		CycleSlot  *sv = &slots[v];

		if (sv->next != NULL)
		{
			DiffStep   *w = lfirst(sv->next);

			sv->next = lnext(sv->step->after, sv->next);
			if (!pending_pred(w))
				continue;
			if (w->visit == 0)
			{
				int			k = nslots++;

				w->visit = k + 1;
				slots[k] = (CycleSlot)
				{
					w, k, true, list_head(w->after)
				};
				stack[sp++] = k;
				path[depth++] = k;
			}
			else if (slots[w->visit - 1].onstack)
				sv->lowlink = Min(sv->lowlink, w->visit - 1);
			continue;
		}

		/* all of v's predecessors seen */
		depth--;
		if (depth > 0)
			slots[path[depth - 1]].lowlink =
				Min(slots[path[depth - 1]].lowlink, sv->lowlink);
		if (sv->lowlink == v)
		{
			/* the first component completed: pick its step */
			int			w;

			do
			{
				DiffStep   *step;

				w = stack[--sp];
				slots[w].onstack = false;
				step = slots[w].step;
				if (best == NULL || step->npred < best->npred ||
					(step->npred == best->npred && step->id < best->id))
					best = step;
			} while (w != v);
		}
	}
	foreach(lc, cx->steps)
		((DiffStep *) lfirst(lc))->visit = 0;
	pfree(slots);
	pfree(stack);
	pfree(path);
	return best != NULL ? best : start;
}

/* A topological order of the steps; a cycle is broken at one of its steps. */
static List *
order_steps(DiffContext *cx)
{
	int			n = list_length(cx->steps);
	binaryheap *heap;
	List	   *ordered = NIL;
	ListCell   *lc;

	if (n == 0)
		return NIL;
	add_order_edges(cx);
	order_copies(cx);
	diff_add_phase_edges(cx->steps);
	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);
		ListCell   *ac;

		foreach(ac, step->after)
		{
			DiffStep   *before = lfirst(ac);

			if (before->discarded)
				continue;
			before->succ = lappend(before->succ, step);
			step->npred++;
		}
	}

	heap = binaryheap_allocate(n, step_priority, NULL);
	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);

		if (step->npred == 0)
			binaryheap_add_unordered(heap, PointerGetDatum(step));
	}
	binaryheap_build(heap);

	while (list_length(ordered) < n)
	{
		DiffStep   *step;

		if (binaryheap_empty(heap))
		{
			/*
			 * A cycle: free one of its steps (cycle_step()), one that waits
			 * for the fewest others (a schema, which waits for all it holds,
			 * comes last).
			 */
			DiffStep   *best = cycle_step(cx);

			elog(DEBUG1, "step order: a cycle, the step of %s freed (waiting for %d): %.80s",
				 diff_object_name(best), best->npred, best->sql.data);
			best->npred = 0;
			binaryheap_add(heap, PointerGetDatum(best));
		}
		step = (DiffStep *) DatumGetPointer(binaryheap_remove_first(heap));
		if (step->emitted)
			continue;
		step->emitted = true;
		step->number = list_length(ordered) + 1;
		ordered = lappend(ordered, step);
		foreach(lc, step->succ)
		{
			DiffStep   *next = lfirst(lc);

			if (!next->emitted && --next->npred == 0)
				binaryheap_add(heap, PointerGetDatum(next));
		}
	}
	return ordered;
}

/* ----------------------------------------------------------------
 * The diff itself
 * ----------------------------------------------------------------
 */

/* A node's dependency list as it was before diff_set_deps() changed it. */
typedef struct DepsUndo
{
	GNode	   *node;
	List	   *deps;
} DepsUndo;

/*
 * A handler that needs a node to depend on other objects than the document
 * says (for the order of its steps) changes the node's list through this:
 * deps must be a new list, the old one is kept as it was, and the diff puts
 * it back when it ends.  The graphs a diff reads are then the same after
 * it, and can be read by another diff (autogenerate diffs the same two
 * graphs both ways).
 */
void
diff_set_deps(DiffContext *cx, GNode *node, List *deps)
{
	DepsUndo   *u = palloc(sizeof(DepsUndo));

	u->node = node;
	u->deps = node->deps;
	cx->undo = lcons(u, cx->undo);
	node->deps = deps;
}

/*
 * The states of a diff that ends, off the nodes they were made for: the
 * nodes of the graphs that have one, and the nodes handlers made for a
 * while (those live in the diff's memory context, which outlives this).
 * The arrays of states are read in order, rather than the graphs walked
 * again.
 */
static void
clear_states(DiffContext *cx)
{
	StateBatch *batch;
	int			used = NODESTATE_BATCH - cx->nfree;

	for (batch = cx->free; batch != NULL; batch = batch->prev)
	{
		for (int i = 0; i < used; i++)
		{
			NodeState  *st = &batch->states[i];

			if (st->node->diffstate == st)
				st->node->diffstate = NULL;
		}
		used = NODESTATE_BATCH;
	}
}

static List *
compute_graphs(Graph *source, Graph *target)
{
	DiffContext *cx = palloc0(sizeof(DiffContext));
	ListCell   *lc;
	List	   *steps;

	/* what no handler can write DDL for must not differ */
	unmodeled_check(source, target);

	cx->source = source;
	cx->target = target;

	/*
	 * A node's state hangs from the node itself (GNode.diffstate), in the
	 * caller's context: no hash lookup per visit.  They are all cleared
	 * when the diff ends, so that the next diff of the same graphs starts
	 * from none.  (An error on the way leaves them set: the graphs of a
	 * diff that failed are not diffed again.)
	 */
	cx->cxt = CurrentMemoryContext;

	foreach(lc, cx->target->extensions)
		walk_target(cx, lfirst(lc));
	foreach(lc, cx->target->schemas)
		walk_target(cx, lfirst(lc));
	foreach(lc, cx->target->globals)
		walk_target(cx, lfirst(lc));
	foreach(lc, cx->source->extensions)
		walk_source(cx, lfirst(lc));
	foreach(lc, cx->source->schemas)
		walk_source(cx, lfirst(lc));
	foreach(lc, cx->source->globals)
		walk_source(cx, lfirst(lc));
	for (int k = 0; k < OBJ_NKINDS; k++)
	{
		const DdlHandler *h = pgm_ddl_handler((ObjKind) k);

		if (h != NULL && h->finish != NULL)
			h->finish(cx);
	}
	steps = order_steps(cx);
	diff_rename_hints(steps, source, target);

	/* the graphs as they were read, the last change undone first */
	foreach(lc, cx->undo)
	{
		DepsUndo   *u = lfirst(lc);

		u->node->deps = u->deps;
	}
	clear_states(cx);
	return steps;
}

static List *
compute_diff(Jsonb *source, Jsonb *target, MemoryContext cxt)
{
	return compute_graphs(graph_from_jsonb(source, "\"source\"", cxt),
						  graph_from_jsonb(target, "\"target\"", cxt));
}

/* The name shown for a step's object: "app.polls", "app.polls.id". */
static char *
display_name(GNode *n)
{
	if (n->schema == NULL || pgm_kinds[n->kind].schema_scoped ||
		n->kind == OBJ_COLUMN)
		return gnode_qualname(n);
	return psprintf("%s.%s", gnode_qualname(n->parent), quote_identifier(n->name));
}

/*
 * For migrate_diff() and migrate_diff_sql() (diff_sql.c) and C callers
 * (autogen.c, verify.c): the ordered steps from source to target,
 * allocated in the current memory context (the graphs in cxt).
 */
List *
diff_compute(Jsonb *source, Jsonb *target, MemoryContext cxt)
{
	return compute_diff(source, target, cxt);
}

/*
 * The steps of the diff of two graphs read from documents, in cxt.  The
 * graphs are left as they were read: autogenerate diffs the same two both
 * ways.
 */
List *
diff_compute_graphs(Graph *source, Graph *target, MemoryContext cxt)
{
	MemoryContext old = MemoryContextSwitchTo(cxt);
	List	   *steps = compute_graphs(source, target);

	MemoryContextSwitchTo(old);
	return steps;
}

/* The name of a step's object as migrate_diff() shows it (palloc'd). */
char *
diff_object_name(DiffStep *step)
{
	return display_name(step->node);
}
