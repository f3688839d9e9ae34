/*-------------------------------------------------------------------------
 *
 * table.c
 *	  DDL for tables: CREATE TABLE (plain, unlogged, partitioned, partitions,
 *	  children of INHERITS, typed tables), DROP TABLE, and ALTER TABLE for
 *	  what PostgreSQL changes in place: persistence, storage parameters,
 *	  access method, row level security, replica identity, OF / NOT OF,
 *	  DETACH / ATTACH PARTITION, NO INHERIT / INHERIT.  A new partitioning
 *	  key rebuilds the table.  The order of the columns never does: new
 *	  columns come last, and two tables whose columns differ only in their
 *	  order are the same table (graph_documents_equal()).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "common/string.h"
#include "utils/builtins.h"

static bool table_rebuild_needed(DiffContext *cx, GNode *s, GNode *t,
								 List **removed, List **added);
static bool parent_rebuilds(DiffContext *cx, GNode *t);

/* ----------------------------------------------------------------
 * Whether a table is rebuilt (also asked by the column handler)
 * ----------------------------------------------------------------
 */

/*
 * Rebuild table s as t when it must be (a column of its partition key
 * changes type, ...); true when it did.  For the column handlers: a table whose own attributes do
 * not differ is not altered, its columns are.
 */
bool
ddl_table_columns_rebuild(DiffContext *cx, GNode *s, GNode *t)
{
	List	   *removed;
	List	   *added;

	if (ddl_is_new(cx, t) ||
		(!table_rebuild_needed(cx, s, t, &removed, &added) && !parent_rebuilds(cx, t)))
		return false;
	diff_rebuild(cx, s, t);
	return true;
}

/* ----------------------------------------------------------------
 * The handler
 * ----------------------------------------------------------------
 */

static bool
is_unlogged(GNode *n)
{
	char	   *p = gnode_str(n, "persistence");

	return p != NULL && strcmp(p, "unlogged") == 0;
}

/* "ALTER TABLE t REPLICA IDENTITY ..." for t's replica identity. */
static char *
replica_identity_sql(GNode *t)
{
	char	   *ri = gnode_str(t, "replica_identity");
	char	   *index = gnode_str(t, "replica_identity_index");

	if (ri == NULL)
		return psprintf("ALTER TABLE %s REPLICA IDENTITY DEFAULT;", gnode_qualname(t));
	if (strcmp(ri, "index") == 0)
		return index ? psprintf("ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;",
								gnode_qualname(t), quote_identifier(index)) : NULL;
	return psprintf("ALTER TABLE %s REPLICA IDENTITY %s;", gnode_qualname(t),
					strcmp(ri, "full") == 0 ? "FULL" : "NOTHING");
}

/*
 * A new partition, or child of INHERITS, is created after the columns its
 * parents gain (it takes them, in order), and before the new indexes and
 * keys of its partitioned parent, which it would otherwise clone under
 * names of its own: the partitions' own indexes and keys are created and
 * attached by index.c and constraint.c.  A table attached as a partition
 * (attach true) goes before both: the parent's ADD COLUMN then reaches it.
 */
static void
order_with_parents(DiffContext *cx, GNode *t, DiffStep *step, bool attach)
{
	List	   *parents = NIL;
	GNode	   *p;
	ListCell   *lc;

	if ((p = ddl_find(cx->target, t, OBJ_TABLE, gnode_str(t, "partition_of"))) != NULL)
		parents = lappend(parents, p);
	if (!attach)
		foreach(lc, gnode_strings(t, "inherits"))
			if ((p = ddl_find(cx->target, t, OBJ_TABLE, lfirst(lc))) != NULL)
				parents = lappend(parents, p);

	foreach(lc, parents)
	{
		ListCell   *cc;

		p = lfirst(lc);
		foreach(cc, p->children)
		{
			GNode	   *c = lfirst(cc);
			char	   *type = gnode_str(c, "type");
			DiffStep   *cs;

			if (c->kind == OBJ_COLUMN)
			{
				GNode	   *sc = graph_find_node(cx->source, c);

				/* created (or moved), or for a new table also changed */
				if ((cs = ddl_find_step(cx, c, STEP_CREATE)) != NULL ||
					(sc != NULL && (ddl_column_moves(sc, c) || !attach) &&
					 (cs = ddl_find_step(cx, c, STEP_ALTER)) != NULL))
				{
					if (attach)
						step_after(cs, step);
					else
						step_after(step, cs);
				}
			}
			else if (gnode_str(t, "partition_of") != NULL &&
					 (c->kind == OBJ_INDEX ||
					  (c->kind == OBJ_CONSTRAINT && type != NULL &&
					   (strcmp(type, "primary_key") == 0 || strcmp(type, "unique") == 0 ||
						strcmp(type, "exclusion") == 0))) &&
					 (cs = ddl_find_step(cx, c, STEP_CREATE)) != NULL)
				step_after(cs, step);
		}
	}
}

/* Is node n table t or a part of it? */
static bool
part_of(GNode *n, GNode *t)
{
	for (; n != NULL; n = n->parent)
		if (n == t)
			return true;
	return false;
}

/*
 * The functions created by the script that column c's default calls and
 * that read c's table in turn (SQL functions with a BEGIN ATOMIC body): a
 * cycle, which a new table breaks by setting such a default after the
 * functions are created.
 */
static List *
default_cycle_functions(DiffContext *cx, GNode *table, GNode *c)
{
	List	   *fns = NIL;
	ListCell   *lc;

	if (gnode_str(c, "default") == NULL || gnode_str(c, "generated") != NULL)
		return NIL;
	foreach(lc, c->deps)
	{
		GNode	   *f = lfirst(lc);
		ListCell   *dc;

		if (f->kind != OBJ_FUNCTION || !ddl_is_new(cx, f))
			continue;
		foreach(dc, f->deps)
			if (part_of(lfirst(dc), table))
			{
				fns = lappend(fns, f);
				break;
			}
	}
	return fns;
}

static void
table_create(DiffContext *cx, GNode *t)
{
	StringInfoData buf;
	char	   *q = gnode_qualname(t);
	char	   *partition_of = gnode_str(t, "partition_of");
	char	   *of_type = gnode_str(t, "of_type");
	char	   *partition_by = gnode_str(t, "partition_by");
	char	   *am = gnode_str(t, "access_method");
	List	   *inherits = gnode_strings(t, "inherits");
	List	   *options = gnode_strings(t, "options");
	List	   *cols = gnode_children(t, OBJ_COLUMN);
	char	   *ri = gnode_str(t, "replica_identity");
	DiffStep   *step;
	ListCell   *lc;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE %sTABLE %s", is_unlogged(t) ? "UNLOGGED " : "", q);
	if (partition_of != NULL)
		appendStringInfo(&buf, " PARTITION OF %s %s", partition_of,
						 gnode_str(t, "partition_bound"));
	else if (of_type != NULL)
		appendStringInfo(&buf, " OF %s", of_type);
	else
	{
		bool		first = true;

		appendStringInfoString(&buf, " (");
		foreach(lc, cols)
		{
			GNode	   *c = lfirst(lc);

			bool		cycle;

			if (gnode_bool(c, "inherited") && !gnode_bool(c, "local"))
				continue;
			cycle = default_cycle_functions(cx, t, c) != NIL;
			appendStringInfo(&buf, "%s\n    %s", first ? "" : ",",
							 ddl_column_definition_ext(c, !cycle));
			first = false;
		}
		appendStringInfoString(&buf, first ? ")" : "\n)");
		if (inherits != NIL)
		{
			appendStringInfoString(&buf, " INHERITS (");
			foreach(lc, inherits)
				appendStringInfo(&buf, "%s%s", lc == list_head(inherits) ? "" : ", ",
								 (char *) lfirst(lc));
			appendStringInfoChar(&buf, ')');
		}
	}
	if (partition_by != NULL)
		appendStringInfo(&buf, " PARTITION BY %s", partition_by);
	if (am != NULL)
		appendStringInfo(&buf, " USING %s", quote_identifier(am));
	if (options != NIL)
		appendStringInfo(&buf, " WITH (%s)", ddl_options_list(options));
	appendStringInfoString(&buf, ddl_tablespace_clause(t));
	/* a partition goes where its parent says, unless told otherwise */
	if (partition_of != NULL && gnode_str(t, "tablespace") == NULL)
	{
		GNode	   *parent = ddl_find(cx->target, t, OBJ_TABLE, partition_of);

		if (parent != NULL && gnode_str(parent, "tablespace") != NULL)
			appendStringInfoString(&buf, " TABLESPACE pg_default");
	}
	appendStringInfoChar(&buf, ';');

	/* what the columns do not get from their definition or their origin */
	foreach(lc, cols)
	{
		GNode	   *c = lfirst(lc);
		GNode	   *base = ddl_column_base(cx->target, c);

		if (base == NULL && (of_type != NULL ||
							 (gnode_bool(c, "inherited") && !gnode_bool(c, "local"))))
			continue;			/* origin unknown: nothing to compare with */
		ddl_column_settings(&buf, c, base);
	}

	if (gnode_bool(t, "row_security"))
		ddl_stmt(&buf, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY;", q);
	if (gnode_bool(t, "force_row_security"))
		ddl_stmt(&buf, "ALTER TABLE %s FORCE ROW LEVEL SECURITY;", q);
	/* USING INDEX comes with the index (index.c, constraint.c) */
	if (ri != NULL && strcmp(ri, "index") != 0)
		ddl_stmt(&buf, "%s", replica_identity_sql(t));

	step = diff_step(cx, STEP_CREATE, t, "%s", buf.data);
	order_with_parents(cx, t, step, false);
	/* the defaults left out are set by table_finish() */
}

/*
 * The defaults table_create() left out of a new table, as they call a new
 * function that reads the table: each set by a step of its own, once the
 * table and the functions are created.  The column stops needing the
 * functions, lest the table's creation wait for them.
 */
static void
table_finish(DiffContext *cx)
{
	List	   *creates = NIL;
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);

		if (step->action == STEP_CREATE && !step->discarded &&
			step->node->kind == OBJ_TABLE)
			creates = lappend(creates, step);
	}
	foreach(lc, creates)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *t = step->node;
		ListCell   *cc;

		foreach(cc, gnode_children(t, OBJ_COLUMN))
		{
			GNode	   *c = lfirst(cc);
			List	   *fns = default_cycle_functions(cx, t, c);
			List	   *deps = NIL;
			DiffStep   *ds;
			ListCell   *dc;

			if (fns == NIL || gnode_str(t, "partition_of") != NULL ||
				gnode_str(t, "of_type") != NULL ||
				(gnode_bool(c, "inherited") && !gnode_bool(c, "local")))
				continue;
			ds = diff_step(cx, STEP_ALTER, t, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;",
						   gnode_qualname(t), quote_identifier(c->name),
						   gnode_str(c, "default"));
			step_after(ds, step);
			foreach(dc, fns)
			{
				DiffStep   *fs = ddl_find_step(cx, lfirst(dc), STEP_CREATE);

				if (fs != NULL)
					step_after(ds, fs);
			}
			foreach(dc, c->deps)
				if (!list_member_ptr(fns, lfirst(dc)))
					deps = lappend(deps, lfirst(dc));
			diff_set_deps(cx, c, deps);
		}
	}
}

static void
table_drop(DiffContext *cx, GNode *s)
{
	DiffStep   *step = diff_step(cx, STEP_DROP, s, "DROP TABLE %s;", gnode_qualname(s));

	step_hazard(step, HAZARD_DATA_LOSS);

	/*
	 * Rebuilt: its partitions and the tables that inherit from it are
	 * rebuilt with it (the engine alters dependent tables in place, but DROP
	 * TABLE takes partitions along, and needs the children gone).
	 */
	if (graph_find_node(cx->target, s) != NULL)
	{
		ListCell   *lc;

		foreach(lc, ddl_child_tables(cx->source, s))
		{
			GNode	   *cs = lfirst(lc);
			GNode	   *ct = graph_find_node(cx->target, cs);

			if (ct != NULL)
				diff_rebuild(cx, cs, ct);
		}
	}
}

/*
 * After DETACH PARTITION or NO INHERIT: the columns, constraints and
 * indexes that came from the parent stay, as the table's own.  Those the
 * target does not have are dropped here (their handlers leave inherited
 * objects to the parent).
 */
static void
drop_leftovers(StringInfo buf, GNode *s, GNode *t, List *gone_parents, Graph *source,
			   bool *data_loss)
{
	ListCell   *lc;

	foreach(lc, gnode_children(s, OBJ_CONSTRAINT))
	{
		GNode	   *c = lfirst(lc);

		if (gnode_bool(c, "inherited") && !gnode_bool(c, "local") &&
			ddl_find_child(t, OBJ_CONSTRAINT, c->name) == NULL)
			ddl_stmt(buf, "ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s;",
					 gnode_qualname(t), quote_identifier(c->name));
	}
	foreach(lc, gnode_children(s, OBJ_INDEX))
	{
		GNode	   *i = lfirst(lc);

		if (gnode_str(i, "partition_of") != NULL &&
			ddl_find_child(t, OBJ_INDEX, i->name) == NULL)
			ddl_stmt(buf, "DROP INDEX IF EXISTS %s;", gnode_qualname(i));
	}
	foreach(lc, gnode_children(s, OBJ_COLUMN))
	{
		GNode	   *c = lfirst(lc);
		ListCell   *pc;
		bool		kept_parent = false;

		if (!gnode_bool(c, "inherited") || gnode_bool(c, "local") ||
			ddl_find_child(t, OBJ_COLUMN, c->name) != NULL)
			continue;
		/* still inherited from a parent that stays: goes with its column */
		foreach(pc, gnode_strings(s, "inherits"))
		{
			GNode	   *p = ddl_find(source, s, OBJ_TABLE, lfirst(pc));

			if (p != NULL && !list_member_ptr(gone_parents, p) &&
				ddl_find_child(p, OBJ_COLUMN, c->name) != NULL)
				kept_parent = true;
		}
		if (kept_parent)
			continue;
		ddl_stmt(buf, "ALTER TABLE %s DROP COLUMN %s;", gnode_qualname(t),
				 quote_identifier(c->name));
		*data_loss = true;
	}
}

/* Is column name among the columns of the tables named in parents? */
static bool
in_parents(Graph *g, GNode *table, List *parents, const char *name)
{
	ListCell   *lc;

	foreach(lc, parents)
	{
		GNode	   *p = ddl_find(g, table, OBJ_TABLE, lfirst(lc));

		if (p != NULL && ddl_find_child(p, OBJ_COLUMN, name) != NULL)
			return true;
	}
	return false;
}

/*
 * Can NO INHERIT of the parents removed and INHERIT of those added turn
 * s's inheritance into t's, with the columns t has (inherited, local)?
 */
static bool
inherits_in_place(DiffContext *cx, GNode *s, GNode *t, List **removed, List **added)
{
	List	   *sinh = gnode_strings(s, "inherits");
	List	   *tinh = gnode_strings(t, "inherits");
	List	   *kept = NIL;
	List	   *expect = NIL;
	ListCell   *lc;
	ListCell   *lc2;

	*removed = *added = NIL;
	foreach(lc, sinh)
	{
		if (pgm_list_member_str(tinh, lfirst(lc)))
			kept = lappend(kept, lfirst(lc));
		else
			*removed = lappend(*removed, lfirst(lc));
	}
	foreach(lc, tinh)
		if (!pgm_list_member_str(sinh, lfirst(lc)))
			*added = lappend(*added, lfirst(lc));
	/* INHERIT appends: the order must come out right */
	expect = list_concat(list_copy(kept), *added);
	if (list_length(expect) != list_length(tinh))
		return false;
	forboth(lc, expect, lc2, tinh)
		if (strcmp(lfirst(lc), lfirst(lc2)) != 0)
			return false;

	/*
	 * INHERIT needs the parent's CHECK constraints in the child already;
	 * they then stay the child's own too (local).
	 */
	foreach(lc, *added)
	{
		GNode	   *p = ddl_find(cx->target, t, OBJ_TABLE, lfirst(lc));
		ListCell   *cc;

		if (p == NULL)
			return false;
		foreach(cc, gnode_children(p, OBJ_CONSTRAINT))
		{
			GNode	   *pc = lfirst(cc);
			GNode	   *tc = ddl_find_child(t, OBJ_CONSTRAINT, pc->name);

			if (gnode_bool(pc, "no_inherit") ||
				strcmp(gnode_str(pc, "type") ? gnode_str(pc, "type") : "", "check") != 0)
				continue;
			if (ddl_find_child(s, OBJ_CONSTRAINT, pc->name) == NULL ||
				tc == NULL || !(gnode_bool(tc, "local") || !gnode_bool(tc, "inherited")))
				return false;
		}
	}

	foreach(lc, gnode_children(t, OBJ_COLUMN))
	{
		GNode	   *tc = lfirst(lc);
		GNode	   *sc = ddl_find_child(s, OBJ_COLUMN, tc->name);
		bool		from_kept = in_parents(cx->target, t, kept, tc->name);
		bool		from_added = in_parents(cx->target, t, *added, tc->name);
		bool		inherited = from_kept || from_added;
		bool		local;

		if (sc == NULL)
		{
			/* added by a kept parent's ADD COLUMN, or here (then local) */
			if (from_added)
				return false;	/* INHERIT needs it before; not ordered */
			local = !from_kept;
		}
		else if (from_kept)
			local = !gnode_bool(sc, "inherited") || gnode_bool(sc, "local");
		else
			local = true;
		if (inherited != gnode_bool(tc, "inherited"))
			return false;
		if (inherited && local != gnode_bool(tc, "local"))
			return false;
	}
	return true;
}

/*
 * A column of the partition key (of the table or of one of its partitions,
 * which ALTER COLUMN TYPE reaches) cannot change its type in place.
 */
static bool
key_column_retyped(DiffContext *cx, GNode *s, GNode *t)
{
	ListCell   *lc;

	foreach(lc, gnode_children(t, OBJ_COLUMN))
	{
		GNode	   *tc = lfirst(lc);
		GNode	   *sc = ddl_find_child(s, OBJ_COLUMN, tc->name);

		if (sc == NULL || (gnode_attr_equal(sc, tc, "type") &&
						   gnode_attr_equal(sc, tc, "collation")))
			continue;
		if (ddl_key_column(cx->target, t, tc->name))
			return true;
	}
	return false;
}

/* Must table s be rebuilt to become t?  (removed, added: for INHERIT) */
static bool
table_rebuild_needed(DiffContext *cx, GNode *s, GNode *t, List **removed, List **added)
{
	char	   *spart = gnode_str(s, "partition_of");
	char	   *tpart = gnode_str(t, "partition_of");

	*removed = *added = NIL;
	return !gnode_attr_equal(s, t, "partition_by") ||
		(is_unlogged(s) != is_unlogged(t) && gnode_str(t, "partition_by") != NULL) ||
		key_column_retyped(cx, s, t) ||
		(!gnode_attr_equal(s, t, "access_method") &&
		 gnode_str(t, "partition_by") != NULL) ||
		(!gnode_attr_equal(s, t, "inherits") &&
		 !inherits_in_place(cx, s, t, removed, added)) ||
		((spart != NULL || tpart != NULL) &&
		 (gnode_attr(s, "inherits") != NULL || gnode_attr(t, "inherits") != NULL));
}

/*
 * Will this diff rebuild table t (of the target)?  For handlers that see
 * objects depending on a table before the table itself: its own reasons,
 * or a parent's (partitions and children of INHERITS depend on their
 * parents, and are rebuilt with them).
 */
bool
ddl_table_rebuilds(DiffContext *cx, GNode *t, int depth)
{
	GNode	   *s;
	List	   *removed;
	List	   *added;
	ListCell   *lc;

	if (t == NULL || t->kind != OBJ_TABLE || depth > 20)
		return false;
	if (diff_source_of(cx, t) != NULL)
		return diff_is_new(cx, t);	/* already decided */
	s = graph_find_node(cx->source, t);
	if (s == NULL)
		return false;
	if (table_rebuild_needed(cx, s, t, &removed, &added))
		return true;
	if (ddl_table_rebuilds(cx, ddl_find(cx->target, t, OBJ_TABLE,
										gnode_str(t, "partition_of")), depth + 1))
		return true;
	foreach(lc, gnode_strings(t, "inherits"))
		if (ddl_table_rebuilds(cx, ddl_find(cx->target, t, OBJ_TABLE, lfirst(lc)),
							   depth + 1))
			return true;
	return false;
}

/*
 * Is a parent of t (partitioned table, parent of INHERITS) rebuilt?  Then
 * t is too: DROP TABLE of a partitioned table drops its partitions, that of
 * a parent of INHERITS needs its children gone.
 */
static bool
parent_rebuilds(DiffContext *cx, GNode *t)
{
	ListCell   *lc;

	if (ddl_table_rebuilds(cx, ddl_find(cx->target, t, OBJ_TABLE,
										gnode_str(t, "partition_of")), 1))
		return true;
	foreach(lc, gnode_strings(t, "inherits"))
		if (ddl_table_rebuilds(cx, ddl_find(cx->target, t, OBJ_TABLE, lfirst(lc)), 1))
			return true;
	return false;
}

static void
table_alter(DiffContext *cx, GNode *s, GNode *t)
{
	char	   *q = gnode_qualname(t);
	StringInfoData buf;
	DiffStep   *step;
	DiffStep   *detach = NULL;
	DiffStep   *notof = NULL;
	bool		rewrite = false;
	char	   *spart = gnode_str(s, "partition_of");
	char	   *tpart = gnode_str(t, "partition_of");
	List	   *removed = NIL;
	List	   *added = NIL;

	/* what ALTER TABLE cannot do */
	if (table_rebuild_needed(cx, s, t, &removed, &added) || parent_rebuilds(cx, t))
	{
		diff_rebuild(cx, s, t);
		return;
	}

	/* leave the old parent first: a drop step, before every attach */
	if (spart != NULL &&
		(tpart == NULL || strcmp(spart, tpart) != 0 ||
		 !gnode_attr_equal(s, t, "partition_bound")))
	{
		bool		loss = false;

		initStringInfo(&buf);
		ddl_stmt(&buf, "ALTER TABLE %s DETACH PARTITION %s;", spart, q);
		drop_leftovers(&buf, s, t, NIL, cx->source, &loss);
		detach = diff_step(cx, STEP_DROP, s, "%s", buf.data);
		if (loss)
			step_hazard(detach, HAZARD_DATA_LOSS);
	}
	if (removed != NIL)
	{
		bool		loss = false;
		List	   *gone = NIL;
		ListCell   *lc;

		initStringInfo(&buf);
		foreach(lc, removed)
		{
			ddl_stmt(&buf, "ALTER TABLE %s NO INHERIT %s;", q, (char *) lfirst(lc));
			gone = lappend(gone, ddl_find(cx->source, s, OBJ_TABLE, lfirst(lc)));
		}
		drop_leftovers(&buf, s, t, gone, cx->source, &loss);
		step = diff_step(cx, STEP_DROP, s, "%s", buf.data);
		if (loss)
			step_hazard(step, HAZARD_DATA_LOSS);
	}

	/*
	 * NOT OF: a step of its own, before the changes of the old type's
	 * attributes (ALTER TYPE ... CASCADE would reach the table otherwise).
	 */
	if (!gnode_attr_equal(s, t, "of_type") && gnode_str(s, "of_type") != NULL)
	{
		GNode	   *stype = ddl_find(cx->source, s, OBJ_TYPE, gnode_str(s, "of_type"));
		GNode	   *ttype = stype ? graph_find_node(cx->target, stype) : NULL;

		notof = diff_step(cx, STEP_ALTER, t, "ALTER TABLE %s NOT OF;", q);
		if (ttype != NULL)
		{
			ListCell   *lc;

			foreach(lc, cx->steps)
			{
				DiffStep   *ts = lfirst(lc);

				if (ts->node == ttype && ts->action == STEP_ALTER)
					step_after(ts, notof);
			}
		}
	}

	initStringInfo(&buf);
	if (!gnode_attr_equal(s, t, "of_type") && gnode_str(t, "of_type") != NULL)
		ddl_stmt(&buf, "ALTER TABLE %s OF %s;", q, gnode_str(t, "of_type"));
	if (is_unlogged(s) != is_unlogged(t))
	{
		/* a step of its own, ordered against foreign keys (order_persistence()) */
		step = diff_step(cx, STEP_ALTER, t, "ALTER TABLE %s SET %s;", q,
						 is_unlogged(t) ? "UNLOGGED" : "LOGGED");
		step_hazard(step, HAZARD_TABLE_REWRITE);
		step_hazard(step, HAZARD_BLOCKING_LOCK);
		if (notof != NULL)
			step_after(step, notof);
	}
	if (!gnode_attr_equal(s, t, "access_method"))
	{
		char	   *am = gnode_str(t, "access_method");

		ddl_stmt(&buf, "ALTER TABLE %s SET ACCESS METHOD %s;", q,
				 quote_identifier(am ? am : "heap"));
		rewrite = true;
	}
	if (!gnode_attr_equal(s, t, "tablespace"))
	{
		ddl_stmt(&buf, "ALTER TABLE %s %s;", q, ddl_set_tablespace(t));
		/* a partitioned table has no storage: only its partitions' default */
		if (gnode_str(t, "partition_by") == NULL)
			rewrite = true;
	}
	ddl_options_diff(&buf, psprintf("ALTER TABLE %s", q), s, t);
	if (gnode_bool(s, "row_security") != gnode_bool(t, "row_security"))
		ddl_stmt(&buf, "ALTER TABLE %s %s ROW LEVEL SECURITY;", q,
				 gnode_bool(t, "row_security") ? "ENABLE" : "DISABLE");
	if (gnode_bool(s, "force_row_security") != gnode_bool(t, "force_row_security"))
		ddl_stmt(&buf, "ALTER TABLE %s %s ROW LEVEL SECURITY;", q,
				 gnode_bool(t, "force_row_security") ? "FORCE" : "NO FORCE");
	if (!gnode_attr_equal(s, t, "replica_identity") ||
		!gnode_attr_equal(s, t, "replica_identity_index"))
	{
		char	   *ri = gnode_str(t, "replica_identity");
		char	   *index = gnode_str(t, "replica_identity_index");
		bool		index_new = false;

		/* a new index sets it when it is created */
		if (ri != NULL && strcmp(ri, "index") == 0 && index != NULL)
		{
			GNode	   *i = ddl_find_child(t, OBJ_INDEX, index);

			if (i == NULL)
				i = ddl_find_child(t, OBJ_CONSTRAINT, index);
			index_new = i == NULL || ddl_is_new(cx, i);
		}
		if (!index_new && replica_identity_sql(t) != NULL)
			ddl_stmt(&buf, "%s", replica_identity_sql(t));
	}
	if (added != NIL)
	{
		ListCell   *lc;

		/* the parents' NOT NULL columns must be NOT NULL here first */
		foreach(lc, gnode_children(t, OBJ_COLUMN))
		{
			GNode	   *tc = lfirst(lc);
			GNode	   *sc = ddl_find_child(s, OBJ_COLUMN, tc->name);

			if (sc != NULL && gnode_bool(tc, "not_null") && !gnode_bool(sc, "not_null"))
				ddl_stmt(&buf, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", q,
						 quote_identifier(tc->name));
		}
		foreach(lc, added)
			ddl_stmt(&buf, "ALTER TABLE %s INHERIT %s;", q, (char *) lfirst(lc));
	}
	if (buf.len > 0)
	{
		step = diff_step(cx, STEP_ALTER, t, "%s", buf.data);
		if (notof != NULL)
			step_after(step, notof);
		if (rewrite)
		{
			step_hazard(step, HAZARD_TABLE_REWRITE);
			step_hazard(step, HAZARD_BLOCKING_LOCK);
		}
	}

	/* join the new parent: the columns it needs NOT NULL first */
	if (tpart != NULL &&
		(spart == NULL || strcmp(spart, tpart) != 0 ||
		 !gnode_attr_equal(s, t, "partition_bound")))
	{
		ListCell   *lc;

		initStringInfo(&buf);
		foreach(lc, gnode_children(t, OBJ_COLUMN))
		{
			GNode	   *tc = lfirst(lc);
			GNode	   *sc = ddl_find_child(s, OBJ_COLUMN, tc->name);

			if (sc != NULL && gnode_bool(tc, "not_null") && !gnode_bool(sc, "not_null"))
				ddl_stmt(&buf, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", q,
						 quote_identifier(tc->name));
		}
		/* and the CHECK constraints of the parent (they become inherited) */
		{
			GNode	   *parent = ddl_find(cx->target, t, OBJ_TABLE, tpart);

			foreach(lc, parent ? gnode_children(parent, OBJ_CONSTRAINT) : NIL)
			{
				GNode	   *pc = lfirst(lc);
				char	   *type = gnode_str(pc, "type");

				if (type != NULL && strcmp(type, "check") == 0 &&
					!gnode_bool(pc, "no_inherit") &&
					ddl_find_child(s, OBJ_CONSTRAINT, pc->name) == NULL)
					ddl_stmt(&buf, "ALTER TABLE %s ADD CONSTRAINT %s %s;", q,
							 quote_identifier(pc->name), gnode_str(pc, "definition"));
			}
		}
		ddl_stmt(&buf, "ALTER TABLE %s ATTACH PARTITION %s %s;", tpart, q,
				 gnode_str(t, "partition_bound"));
		step = diff_step(cx, STEP_ALTER, t, "%s", buf.data);
		step_hazard(step, HAZARD_BLOCKING_LOCK);
		if (detach != NULL)
			step_after(step, detach);
		order_with_parents(cx, t, step, true);
	}
}

/*
 * The step that changes table t's persistence (SET LOGGED or UNLOGGED), or
 * NULL.
 */
static DiffStep *
persistence_step(DiffContext *cx, GNode *t)
{
	GNode	   *s;
	ListCell   *lc;

	if (t == NULL || t->kind != OBJ_TABLE ||
		(s = diff_source_of(cx, t)) == NULL || is_unlogged(s) == is_unlogged(t))
		return NULL;
	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);

		if (step->node == t && step->action == STEP_ALTER && !step->discarded &&
			strncmp(step->sql.data, "ALTER TABLE ", 12) == 0 &&
			(pg_str_endswith(step->sql.data, " SET LOGGED;") ||
			 pg_str_endswith(step->sql.data, " SET UNLOGGED;")))
			return step;
	}
	return NULL;
}

/*
 * A foreign key of a permanent table may reference only a permanent table,
 * SET LOGGED fails while the table references an unlogged one, and SET
 * UNLOGGED while a permanent table references it.  So a foreign key
 * between two tables is dropped before either changes its persistence and
 * created after both have; one that both documents have between two tables
 * that both change is dropped and created again (going from one state to
 * the other, the first table to change would break the rule either way
 * round when they reference each other).  Between a table that changes and
 * one that does not, a key that stays is legal all along: both states are.
 */
static void
order_persistence(DiffContext *cx)
{
	List	   *fks = NIL;
	ListCell   *lc;

	/* keys that stay between two tables that both change */
	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *t = step->node;
		ListCell   *cc;

		if (step->discarded || step->action != STEP_ALTER ||
			persistence_step(cx, t) != step)
			continue;
		foreach(cc, t->children)
		{
			GNode	   *fk = lfirst(cc);
			GNode	   *ref = ddl_fk_referenced(fk);
			GNode	   *sfk;

			if (ref != NULL && persistence_step(cx, ref) != NULL &&
				!ddl_is_new(cx, fk) &&
				(sfk = diff_source_of(cx, fk)) != NULL &&
				ddl_fk_referenced(sfk) != NULL &&
				strcmp(gnode_key(ddl_fk_referenced(sfk)), gnode_key(ref)) == 0)
				fks = lappend(fks, list_make2(sfk, fk));
		}
	}
	foreach(lc, fks)
	{
		List	   *pair = lfirst(lc);

		diff_rebuild(cx, linitial(pair), lsecond(pair));
	}

	/* then every key created or dropped between such tables */
	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *fk = step->node;
		GNode	   *ref = ddl_fk_referenced(fk);
		GNode	   *tables[2];

		if (step->discarded || ref == NULL ||
			(step->action != STEP_CREATE && step->action != STEP_DROP))
			continue;
		tables[0] = fk->parent;
		tables[1] = ref;
		for (int i = 0; i < 2; i++)
		{
			GNode	   *t = tables[i];
			DiffStep   *change;

			if (step->action == STEP_DROP)
				t = graph_find_node(cx->target, t);
			if ((change = persistence_step(cx, t)) == NULL)
				continue;
			if (step->action == STEP_CREATE)
				step_after(step, change);
			else
				step_after(change, step);
		}
	}
}

/* The table handler's finish hook: both passes above, in turn. */
static void
table_finish_all(DiffContext *cx)
{
	table_finish(cx);
	order_persistence(cx);
}

const DdlHandler pgm_ddl_table = {
	.create = table_create,
	.drop = table_drop,
	.alter = table_alter,
	.inline_in_parent = false,
	.sql_kind = "TABLE",
	.keep_rows = ddl_table_keep_rows,
	.finish = table_finish_all,
};
