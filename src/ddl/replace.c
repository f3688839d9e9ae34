/*-------------------------------------------------------------------------
 *
 * replace.c
 *	  Replacing a type or a collation that table columns use, for the type
 *	  and collation handlers (and the function handler, whose functions may
 *	  use such a type).  A file of its own so that no kind calls another
 *	  for it.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/varlena.h"

/* ----------------------------------------- replacing an object in use */

/*
 * PostgreSQL cannot drop a collation (or a type) that a table column uses.
 * One rebuilt while columns use it is replaced in place:
 *
 *	1. its dependents that cannot survive are dropped (the engine's rebuild
 *	   of dependents, and here the views, triggers and policies over the
 *	   columns converted);
 *	2. it is renamed out of the way ("<name>_pgm_old"), by the first drop
 *	   step of the source node, so that what depends on the old object is
 *	   dropped before;
 *	3. the target's create step makes the new one;
 *	4. each column is converted: ALTER TABLE ... ALTER COLUMN c TYPE t
 *	   COLLATE q (a type: USING c::text::q, or ROW((c).a, ...)::q for a
 *	   composite type, attribute by attribute, those of a replaced type
 *	   through their text too; its default dropped before and set again
 *	   after; the generated columns that use it dropped before and added
 *	   again after);
 *	5. the dependents are created again, after the conversions;
 *	6. the old object is dropped.
 *
 * A table whose column cannot be converted (a column of a partition key,
 * a generated column using it that would not come back in its place) is
 * rebuilt with the object instead (ddl_replace_rebuild_tables).
 *
 * type_drop and type_create use this for types, collation.c for collations.
 * Types built on a rebuilt type or collation (a domain over an enum, a
 * composite type with an attribute of it) are rebuilt with it, since the
 * engine leaves dependents that are types alone.
 */
static bool
within(GNode *node, GNode *root)
{
	for (; node != NULL; node = node->parent)
		if (node == root)
			return true;
	return false;
}

/*
 * The source columns that are converted to the replacing object: columns
 * of tables, defined there (an inherited column follows its parent's, a
 * typed table's its type's), that use it in the target too.
 */
List *
ddl_replace_columns(DiffContext *cx, GNode *s)
{
	List	   *cols = NIL;
	ListCell   *lc;

	foreach(lc, s->dependents)
	{
		GNode	   *sc = lfirst(lc);
		GNode	   *tc;

		if (sc->kind != OBJ_COLUMN || sc->parent == NULL ||
			sc->parent->kind != OBJ_TABLE)
			continue;
		if (gnode_bool(sc, "inherited") ||
			gnode_str(sc->parent, "of_type") != NULL ||
			gnode_str(sc->parent, "partition_of") != NULL)
			continue;
		tc = graph_find_node(cx->target, sc);
		if (tc == NULL || !gnode_attr_equal(sc, tc, "type") ||
			!gnode_attr_equal(sc, tc, "collation") ||
			!list_member_ptr(tc->deps, graph_find_node(cx->target, s)))
			continue;
		/* a table created again has the new object from the start */
		if (ddl_is_new(cx, tc->parent))
			continue;
		if (!list_member_ptr(cols, sc))
			cols = lappend(cols, sc);
	}
	return cols;
}

/*
 * The generated columns of source table stab that use one of the columns
 * in cols, in the table's order.  PostgreSQL does not change the type of a
 * column that a generated column uses: such columns are dropped before the
 * conversion and added again after it.
 */
static List *
generated_users(GNode *stab, List *cols)
{
	List	   *gens = NIL;
	ListCell   *lc;

	foreach(lc, gnode_children(stab, OBJ_COLUMN))
	{
		GNode	   *c = lfirst(lc);
		ListCell   *dc;

		if (gnode_str(c, "generated") == NULL || list_member_ptr(cols, c))
			continue;
		foreach(dc, c->deps)
			if (list_member_ptr(cols, lfirst(dc)))
			{
				gens = lappend(gens, c);
				break;
			}
	}
	return gens;
}

/*
 * Can the generated columns gens of table stab be dropped and added again
 * (added last, in the target's order) and end up where the target has
 * them?  When they are the last columns of the table in both versions,
 * still generated, and the target has no column the source lacks (a new
 * one is added last too).
 */
static bool
generated_readd_in_place(GNode *stab, GNode *ttab, List *gens)
{
	List	   *scols = gnode_children(stab, OBJ_COLUMN);
	List	   *tcols = gnode_children(ttab, OBJ_COLUMN);
	int			n = list_length(gens);
	ListCell   *lc;

	if (n == 0)
		return true;
	if (list_length(scols) < n || list_length(tcols) < n)
		return false;
	foreach(lc, tcols)
	{
		GNode	   *tc = lfirst(lc);
		GNode	   *sc = ddl_find_child(stab, OBJ_COLUMN, tc->name);
		bool		tail = foreach_current_index(lc) >= list_length(tcols) - n;

		if (sc == NULL || tail != list_member_ptr(gens, sc) ||
			(tail && gnode_str(tc, "generated") == NULL))
			return false;
	}
	for (int i = list_length(scols) - n; i < list_length(scols); i++)
		if (!list_member_ptr(gens, list_nth(scols, i)))
			return false;
	return true;
}

/*
 * Before a rebuilt s is replaced: the tables whose columns of it cannot be
 * converted in place are rebuilt with it instead (dropped, and created
 * again with the new object), with their partitions.  A column of a
 * partition key (of the table or of one of its partitions) cannot change
 * its type; generated columns that use a converted column and cannot be
 * added again in their place would leave the columns in another order.
 */
void
ddl_replace_rebuild_tables(DiffContext *cx, GNode *s)
{
	List	   *cols = ddl_replace_columns(cx, s);
	ListCell   *lc;

	foreach(lc, cols)
	{
		GNode	   *sc = lfirst(lc);
		GNode	   *stab = sc->parent;
		GNode	   *ttab = graph_find_node(cx->target, stab);

		if (ttab == NULL || ddl_is_new(cx, ttab))
			continue;
		if (ddl_key_column(cx->source, stab, sc->name) ||
			!generated_readd_in_place(stab, ttab, generated_users(stab, cols)))
			diff_rebuild(cx, stab, ttab);
	}
}

/* "<name>_pgm_old", a name no object of the schema has in either graph. */
char *
ddl_replace_name(DiffContext *cx, GNode *s)
{
	return ddl_replace_name_in(cx, s->schema, s->name);
}

/*
 * The same for any name of a schema: oldname with "_pgm_old" (and a number
 * when taken) appended, free in both graphs (palloc'd).
 */
char *
ddl_replace_name_in(DiffContext *cx, GNode *schema, const char *oldname)
{
	static const ObjKind kinds[] = {OBJ_TYPE, OBJ_TABLE, OBJ_VIEW,
	OBJ_MATVIEW, OBJ_SEQUENCE, OBJ_COLLATION};

	for (int n = 0;; n++)
	{
		char	   *suffix = n == 0 ? pstrdup("_pgm_old") : psprintf("_pgm_old%d", n);
		int			len = pg_mbcliplen(oldname, strlen(oldname),
									   NAMEDATALEN - 1 - strlen(suffix));
		char	   *name = psprintf("%.*s%s", len, oldname, suffix);
		bool		taken = false;

		for (int k = 0; k < lengthof(kinds) && !taken; k++)
		{
			char	   *key = psprintf("%s %s.%s", pgm_kinds[kinds[k]].label,
									   quote_identifier(schema->name),
									   quote_identifier(name));

			taken = graph_find(cx->source, key) != NULL ||
				graph_find(cx->target, key) != NULL;
		}
		if (!taken)
			return name;
	}
}

/*
 * The types built on s (domains over it, composite types with an
 * attribute of it, ranges of it): the engine leaves dependents that are
 * types alone, so they are rebuilt here, before s can go.
 */
List *
ddl_replace_dependents(GNode *s)
{
	List	   *types = NIL;
	ListCell   *lc;

	foreach(lc, s->dependents)
	{
		GNode	   *d = lfirst(lc);

		if (d->kind == OBJ_COLUMN && d->parent != NULL &&
			d->parent->kind == OBJ_TYPE)
			d = d->parent;
		if (d->kind == OBJ_TYPE && d != s && !list_member_ptr(types, d))
			types = lappend(types, d);
	}
	return types;
}

/*
 * A drop of an object that a type or collation replaced in place needs (a
 * range's subtype_diff function, a domain's base type, ...): after the old
 * version of that type or collation is dropped.
 */
void
ddl_replace_drop_after_users(DiffContext *cx, DiffStep *drop, GNode *s)
{
	ListCell   *lc;

	foreach(lc, s->dependents)
	{
		GNode	   *d = lfirst(lc);
		GNode	   *dt;
		ListCell   *sc;

		if (d->kind == OBJ_COLUMN && d->parent != NULL &&
			d->parent->kind == OBJ_TYPE)
			d = d->parent;
		if (d->kind != OBJ_TYPE && d->kind != OBJ_COLLATION)
			continue;
		if ((dt = graph_find_node(cx->target, d)) == NULL)
			continue;
		foreach(sc, cx->steps)
		{
			DiffStep   *other = lfirst(sc);

			if (other->node == dt && other->action == STEP_DROP &&
				other != drop)
				step_after(drop, other);
		}
	}
}

/*
 * Does a column of a table that stays (not created again) leave s for
 * another type or collation in the target?  Such a column is changed by a
 * step of its table, which the table's other steps may have to follow (a
 * column dropped and added again keeps its place only after the earlier
 * columns' own steps), while one of those steps may need the new version
 * of s: the old one can then only go last.
 */
static bool
columns_leave(DiffContext *cx, GNode *s)
{
	GNode	   *t = graph_find_node(cx->target, s);
	ListCell   *lc;

	foreach(lc, s->dependents)
	{
		GNode	   *sc = lfirst(lc);
		GNode	   *tc;

		if (sc->kind != OBJ_COLUMN || sc->parent == NULL ||
			sc->parent->kind != OBJ_TABLE || gnode_bool(sc, "inherited"))
			continue;
		tc = graph_find_node(cx->target, sc);
		if (tc != NULL && !ddl_is_new(cx, tc->parent) &&
			(t == NULL || !list_member_ptr(tc->deps, t)))
			return true;
	}
	return false;
}

/*
 * Is a rebuilt s replaced in place (renamed, then dropped last) rather than
 * dropped first?  When columns use it, or leave it for another type, and
 * when types are built on it (they are rebuilt, and their old versions use
 * s until they go).
 */
bool
ddl_replace_needed(DiffContext *cx, GNode *s)
{
	return ddl_replace_columns(cx, s) != NIL || columns_leave(cx, s) ||
		ddl_replace_dependents(s) != NIL;
}

/* Rebuild the types built on type or collation s (ddl_replace_needed()). */
void
ddl_replace_dependent_types(DiffContext *cx, GNode *s)
{
	ListCell   *lc;

	foreach(lc, ddl_replace_dependents(s))
	{
		GNode	   *d = lfirst(lc);
		GNode	   *dt = graph_find_node(cx->target, d);

		if (dt != NULL)
			diff_rebuild(cx, d, dt);
	}
}

/* Make "step" wait for every step of the nodes in "nodes" (drops or not). */
void
ddl_after_steps_of(DiffContext *cx, DiffStep *step, List *nodes, bool drops)
{
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *other = lfirst(lc);
		ListCell   *nc;

		if (other == step || (other->action == STEP_DROP) != drops)
			continue;
		foreach(nc, nodes)
			if (within(other->node, lfirst(nc)))
			{
				step_after(step, other);
				break;
			}
	}
}

/*
 * The foreign keys over converted columns (source nodes cols): both their
 * sides are of the type, and converting one side first leaves the key
 * between the old type and the new one, which have no equality operator
 * ("foreign key constraint ... cannot be implemented").  They are dropped
 * before the conversions (convs) and created after.
 */
static void
rebuild_foreign_keys(DiffContext *cx, List *cols, List *convs)
{
	ListCell   *lc;

	foreach(lc, cols)
	{
		GNode	   *sc = lfirst(lc);
		ListCell   *dc;

		foreach(dc, sc->dependents)
		{
			GNode	   *fk = lfirst(dc);
			char	   *type = gnode_str(fk, "type");
			GNode	   *tfk;
			DiffStep   *drop;
			ListCell   *cc;

			if (fk->kind != OBJ_CONSTRAINT || type == NULL ||
				strcmp(type, "foreign_key") != 0 ||
				(gnode_bool(fk, "inherited") && !gnode_bool(fk, "local")) ||
				(tfk = graph_find_node(cx->target, fk)) == NULL)
				continue;
			diff_rebuild(cx, fk, tfk);
			if ((drop = ddl_find_step(cx, fk, STEP_DROP)) == NULL)
				continue;
			foreach(cc, convs)
				step_after(lfirst(cc), drop);
		}
	}
}

/* Make every create or alter step of the nodes wait for "step". */
static void
before_steps_of(DiffContext *cx, DiffStep *step, List *nodes)
{
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *other = lfirst(lc);
		ListCell   *nc;

		if (other == step || other->action == STEP_DROP)
			continue;
		foreach(nc, nodes)
			if (within(other->node, lfirst(nc)))
			{
				step_after(other, step);
				break;
			}
	}
}

/* The type as the column's type text names it, when it is the type. */
static bool
column_of_type(GNode *tc, GNode *t)
{
	char	   *type = gnode_str(tc, "type");

	if (type == NULL)
		return false;
	if (tc->schema == t->schema)
		return strcmp(type, quote_identifier(t->name)) == 0;
	return strcmp(type, psprintf("%s.%s", quote_identifier(t->schema->name),
								 quote_identifier(t->name))) == 0;
}

/*
 * "expr", a value of the source column or attribute sa, as a value of the
 * target's ta.  A type this diff creates or rebuilds is another type than
 * the old one of the same name (renamed "<name>_pgm_old"): no cast leads
 * from one to the other, so such a value goes through its text, and a
 * composite one attribute by attribute (ROW(...)::t needs a cast of every
 * attribute, which two enums or two composite types do not have).
 */
static char *
convert_value(DiffContext *cx, const char *expr, GNode *sa, GNode *ta, int depth)
{
	char	   *type = gnode_str(ta, "type");
	GNode	   *nt = NULL;
	GNode	   *ns;
	bool		uses_new = false;
	ListCell   *lc;

	foreach(lc, ta->deps)
	{
		GNode	   *d = lfirst(lc);

		if (d->kind != OBJ_TYPE || !diff_is_new(cx, d))
			continue;
		uses_new = true;
		if (column_of_type(ta, d))
			nt = d;
	}

	/* a composite value, attribute by attribute (their text may differ) */
	if (nt != NULL && depth < 16 && ddl_type_is_kind(nt, "composite") &&
		(ns = diff_source_of(cx, nt)) != NULL && ddl_type_is_kind(ns, "composite"))
	{
		List	   *scols = gnode_children(ns, OBJ_COLUMN);
		StringInfoData buf;

		initStringInfo(&buf);
		appendStringInfo(&buf, "CASE WHEN %s IS NULL THEN NULL ELSE ROW(", expr);
		foreach(lc, gnode_children(nt, OBJ_COLUMN))
		{
			GNode	   *tattr = lfirst(lc);
			GNode	   *sattr = ddl_find_node(scols, tattr->name);

			if (foreach_current_index(lc) > 0)
				appendStringInfoString(&buf, ", ");
			if (sattr == NULL)
				appendStringInfo(&buf, "NULL::%s", gnode_str(tattr, "type"));
			else
				appendStringInfoString(&buf,
									   convert_value(cx,
													 psprintf("(%s).%s", expr,
															  quote_identifier(tattr->name)),
													 sattr, tattr, depth + 1));
		}
		appendStringInfo(&buf, ")::%s END", type);
		return buf.data;
	}
	if (uses_new || depth == 0)
		return psprintf("%s::text::%s", expr, type);
	if (sa != NULL && gnode_attr_equal(sa, ta, "type"))
		return pstrdup(expr);
	return psprintf("%s::%s", expr, type);
}

/* The USING expression that converts column sc to tc, of the new type. */
static char *
conversion(DiffContext *cx, GNode *sc, GNode *tc)
{
	return convert_value(cx, quote_identifier(tc->name), sc, tc, 0);
}

/*
 * Steps 4 to 6 above, once the target's create step "created" is made:
 * convert the columns, make the dependents' creates wait for that, and
 * drop the old object with drop_sql.
 */
void
ddl_replace_convert(DiffContext *cx, GNode *s, GNode *t, DiffStep *created,
					const char *drop_sql, bool collation, bool lossy)
{
	List	   *cols = ddl_replace_columns(cx, s);
	List	   *blockers = NIL;		/* source nodes */
	List	   *recreated = NIL;	/* target nodes */
	List	   *convs = NIL;
	DiffStep   *final;
	ListCell   *lc;

	/* views, triggers and policies over the columns keep them as they are */
	foreach(lc, cols)
	{
		GNode	   *sc = lfirst(lc);
		ListCell   *dc;

		foreach(dc, sc->dependents)
		{
			GNode	   *d = lfirst(dc);
			GNode	   *dt;

			while (d->kind == OBJ_COLUMN && d->parent != NULL &&
				   (d->parent->kind == OBJ_VIEW || d->parent->kind == OBJ_MATVIEW))
				d = d->parent;
			if (d->kind != OBJ_VIEW && d->kind != OBJ_MATVIEW &&
				d->kind != OBJ_TRIGGER && d->kind != OBJ_POLICY &&
				d->kind != OBJ_RULE)
				continue;
			if (!list_member_ptr(blockers, d))
				blockers = lappend(blockers, d);
			dt = graph_find_node(cx->target, d);
			if (dt != NULL)
			{
				diff_rebuild(cx, d, dt);
				recreated = lappend(recreated, dt);
			}
		}
	}

	/* what the engine rebuilt as dependents of s comes back after */
	foreach(lc, s->dependents)
	{
		GNode	   *d = lfirst(lc);
		GNode	   *dt;

		while (d->kind == OBJ_COLUMN && d->parent != NULL &&
			   d->parent->kind != OBJ_SCHEMA && d->parent->kind != OBJ_TABLE &&
			   d->parent->kind != OBJ_TYPE)
			d = d->parent;
		if (d->kind == OBJ_COLUMN || d->kind == OBJ_TABLE || d->kind == OBJ_TYPE)
			continue;
		dt = graph_find_node(cx->target, d);
		if (dt != NULL)
			recreated = lappend(recreated, dt);
	}

	foreach(lc, cols)
	{
		GNode	   *sc = lfirst(lc);
		GNode	   *tc = graph_find_node(cx->target, sc);
		GNode	   *table = tc->parent;
		char	   *q = gnode_qualname(table);
		const char *col = quote_identifier(tc->name);
		char	   *coll = gnode_str(tc, "collation");
		char	   *sdefault = gnode_str(sc, "default");
		char	   *tdefault = gnode_str(tc, "default");
		StringInfoData buf;
		DiffStep   *step;

		initStringInfo(&buf);
		if (sdefault != NULL && !collation)
			appendStringInfo(&buf, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;\n",
							 q, col);
		appendStringInfo(&buf, "ALTER TABLE %s ALTER COLUMN %s TYPE %s", q, col,
						 gnode_str(tc, "type"));
		if (coll != NULL)
			appendStringInfo(&buf, " COLLATE %s", coll);
		if (!collation)
			appendStringInfo(&buf, " USING %s", conversion(cx, sc, tc));
		appendStringInfoChar(&buf, ';');

		step = diff_step(cx, STEP_ALTER, table, "%s", buf.data);
		/* a new collation changes no stored value (its indexes are rebuilt) */
		if (!collation)
			step_hazard(step, HAZARD_TABLE_REWRITE);
		step_hazard(step, HAZARD_BLOCKING_LOCK);
		if (lossy)
			step_hazard(step, HAZARD_DATA_LOSS);
		step_after(step, created);
		ddl_after_steps_of(cx, step, blockers, true);
		convs = lappend(convs, step);
		/* a new CHECK or index over the column waits for its conversion */
		diff_step_alters(cx, step, tc);

		/*
		 * So does whatever else uses the new type, in whichever order the
		 * walk reaches it: a default or CHECK of another column or table
		 * compares the column's values, of the new type once converted.
		 */
		if (!collation)
			diff_step_alters(cx, step, t);

		/*
		 * The generated columns that use it: dropped before, added again
		 * after, in the target's order (ddl_replace_rebuild_tables made sure
		 * they are the table's last columns).
		 */
		{
			List	   *gens = generated_users(sc->parent, list_make1(sc));
			ListCell   *gc;

			foreach(gc, gnode_children(table, OBJ_COLUMN))
			{
				GNode	   *gt = lfirst(gc);
				GNode	   *gs = ddl_find_child(sc->parent, OBJ_COLUMN, gt->name);
				DiffStep   *gstep;

				if (gs == NULL || !list_member_ptr(gens, gs))
					continue;
				diff_rebuild(cx, gs, gt);
				if ((gstep = ddl_find_step(cx, gs, STEP_DROP)) != NULL)
					step_after(step, gstep);
				if ((gstep = ddl_find_step(cx, gt, STEP_CREATE)) != NULL)
					step_after(gstep, step);
			}
		}

		if (sdefault != NULL && tdefault != NULL && !collation)
		{
			DiffStep   *dstep;
			ListCell   *dc;

			dstep = diff_step(cx, STEP_ALTER, table,
							  "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;",
							  q, col, tdefault);
			step_after(dstep, step);
			/* what the default uses, when it is created too */
			foreach(dc, tc->deps)
			{
				GNode	   *dep = lfirst(dc);

				if (dep->kind != OBJ_COLUMN)
					ddl_after_steps_of(cx, dstep, list_make1(dep), false);
			}
		}
	}

	foreach(lc, convs)
		before_steps_of(cx, lfirst(lc), recreated);
	rebuild_foreign_keys(cx, cols, convs);

	/*
	 * The columns of tables that use s in the source and t in the target
	 * (those converted, and the inherited ones that follow them) do not
	 * stop using the type: forget their dependency on s, lest the engine
	 * order their other changes, which need t, before the rename of s.
	 */
	foreach(lc, s->dependents)
	{
		GNode	   *sc = lfirst(lc);
		GNode	   *tc;

		if (sc->kind != OBJ_COLUMN || sc->parent == NULL ||
			sc->parent->kind != OBJ_TABLE)
			continue;
		tc = graph_find_node(cx->target, sc);
		if (tc != NULL && list_member_ptr(tc->deps, t))
			diff_set_deps(cx, sc, list_delete_ptr(list_copy(sc->deps), s));
	}

	/*
	 * The old object's drop is a step of the target node: the engine puts
	 * the source node's drops (here its rename) before the drops of what it
	 * needs, and the old versions of the types built on it must go first.
	 */
	final = diff_step(cx, STEP_DROP, t, "%s", drop_sql);
	foreach(lc, convs)
		step_after(final, lfirst(lc));
	/* the types built on it go first */
	ddl_after_steps_of(cx, final, ddl_replace_dependents(s), true);
}
