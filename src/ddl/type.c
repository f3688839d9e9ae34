/*-------------------------------------------------------------------------
 *
 * type.c
 *	  DDL for types: enums, composite types, domains and ranges.
 *
 * In place when PostgreSQL allows it:
 *	- enum labels added (ALTER TYPE ... ADD VALUE ... BEFORE/AFTER) when the
 *	  labels of the source keep their relative order in the target;
 *	- composite attributes added, dropped or retyped (ALTER TYPE ...
 *	  ADD/DROP/ALTER ATTRIBUTE) when the attributes kept keep their order
 *	  and the new ones come last;
 *	- a domain's default and NOT NULL (ALTER DOMAIN).
 * Anything else (a removed or reordered label, a domain's base type or
 * collation, any change of a range) rebuilds the type with what depends
 * on it.
 *
 * A domain's CHECK constraints are constraint nodes (constraint handler);
 * a composite type's attributes are column nodes written inline here.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/varlena.h"

static bool
is_kind(GNode *node, const char *kind)
{
	char	   *k = gnode_str(node, "kind");

	return k != NULL && strcmp(k, kind) == 0;
}

/* "name type [COLLATE c]" of a composite type's attribute. */
static char *
attribute_definition(GNode *col)
{
	StringInfoData buf;
	char	   *collation = gnode_str(col, "collation");

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s %s", quote_identifier(col->name),
					 gnode_str(col, "type"));
	if (collation != NULL)
		appendStringInfo(&buf, " COLLATE %s", collation);
	return buf.data;
}

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
static char *replace_name(DiffContext *cx, GNode *schema, const char *oldname);

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
	return replace_name(cx, s->schema, s->name);
}

static char *
replace_name(DiffContext *cx, GNode *schema, const char *oldname)
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
static List *
dependent_types(GNode *s)
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
 * Is a rebuilt s replaced in place (renamed, then dropped last) rather than
 * dropped first?  When columns use it, and when types are built on it
 * (they are rebuilt, and their old versions use s until they go).
 */
bool
ddl_replace_needed(DiffContext *cx, GNode *s)
{
	return ddl_replace_columns(cx, s) != NIL || dependent_types(s) != NIL;
}

void
ddl_replace_dependent_types(DiffContext *cx, GNode *s)
{
	ListCell   *lc;

	foreach(lc, dependent_types(s))
	{
		GNode	   *d = lfirst(lc);
		GNode	   *dt = graph_find_node(cx->target, d);

		if (dt != NULL)
			diff_rebuild(cx, d, dt);
	}
}

/* Make "step" wait for every step of the nodes in "nodes" (drops or not). */
static void
after_steps_of(DiffContext *cx, DiffStep *step, List *nodes, bool drops)
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
	if (nt != NULL && depth < 16 && is_kind(nt, "composite") &&
		(ns = diff_source_of(cx, nt)) != NULL && is_kind(ns, "composite"))
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
				d->kind != OBJ_TRIGGER && d->kind != OBJ_POLICY)
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
		step_hazard(step, HAZARD_TABLE_REWRITE);
		step_hazard(step, HAZARD_BLOCKING_LOCK);
		if (lossy)
			step_hazard(step, HAZARD_DATA_LOSS);
		step_after(step, created);
		after_steps_of(cx, step, blockers, true);
		convs = lappend(convs, step);
		/* a new CHECK or index over the column waits for its conversion */
		diff_step_alters(cx, step, tc);

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
					after_steps_of(cx, dstep, list_make1(dep), false);
			}
		}
	}

	foreach(lc, convs)
		before_steps_of(cx, lfirst(lc), recreated);

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
	after_steps_of(cx, final, dependent_types(s), true);
}

/* ---------------------------------------------------------------- create */

/*
 * Can converting a column from s to t lose values?  A removed enum label,
 * a domain's other base type, a composite's removed or retyped attribute,
 * a range's other subtype.
 */
static bool
replace_loses_data(GNode *s, GNode *t)
{
	ListCell   *lc;

	if (!gnode_attr_equal(s, t, "kind"))
		return true;
	if (is_kind(s, "enum"))
	{
		List	   *tlabels = gnode_strings(t, "labels");

		foreach(lc, gnode_strings(s, "labels"))
		{
			ListCell   *tl;
			bool		found = false;

			foreach(tl, tlabels)
				if (strcmp(lfirst(lc), lfirst(tl)) == 0)
					found = true;
			if (!found)
				return true;
		}
		return false;
	}
	if (is_kind(s, "domain"))
		return !gnode_attr_equal(s, t, "base_type");
	if (is_kind(s, "composite"))
	{
		List	   *tcols = gnode_children(t, OBJ_COLUMN);

		foreach(lc, gnode_children(s, OBJ_COLUMN))
		{
			GNode	   *sc = lfirst(lc);
			GNode	   *tc = ddl_find_node(tcols, sc->name);

			if (tc == NULL || !gnode_attr_equal(sc, tc, "type"))
				return true;
		}
		return false;
	}
	return !gnode_attr_equal(s, t, "subtype");
}

static void
type_create(DiffContext *cx, GNode *t)
{
	char	   *qname = gnode_qualname(t);
	StringInfoData buf;
	ListCell   *lc;
	DiffStep   *step;
	GNode	   *s;

	initStringInfo(&buf);

	if (is_kind(t, "enum"))
	{
		List	   *labels = gnode_strings(t, "labels");

		appendStringInfo(&buf, "CREATE TYPE %s AS ENUM (", qname);
		foreach(lc, labels)
			appendStringInfo(&buf, "%s%s",
							 foreach_current_index(lc) > 0 ? ", " : "",
							 ddl_literal(lfirst(lc)));
		appendStringInfoString(&buf, ");");
	}
	else if (is_kind(t, "composite"))
	{
		List	   *cols = gnode_children(t, OBJ_COLUMN);

		appendStringInfo(&buf, "CREATE TYPE %s AS (", qname);
		foreach(lc, cols)
			appendStringInfo(&buf, "%s%s",
							 foreach_current_index(lc) > 0 ? ", " : "",
							 attribute_definition(lfirst(lc)));
		appendStringInfoString(&buf, ");");
	}
	else if (is_kind(t, "domain"))
	{
		char	   *collation = gnode_str(t, "collation");
		char	   *dflt = gnode_str(t, "default");

		appendStringInfo(&buf, "CREATE DOMAIN %s AS %s", qname,
						 gnode_str(t, "base_type"));
		if (collation != NULL)
			appendStringInfo(&buf, " COLLATE %s", collation);
		if (dflt != NULL)
			appendStringInfo(&buf, " DEFAULT %s", dflt);
		if (gnode_bool(t, "not_null"))
			appendStringInfoString(&buf, " NOT NULL");
		appendStringInfoChar(&buf, ';');
	}
	else if (is_kind(t, "range"))
	{
		static const char *const opts[][2] = {
			{"subtype_opclass", "subtype_opclass"},
			{"collation_of_subtype", "collation"},
			{"canonical", "canonical"},
			{"subtype_diff", "subtype_diff"},
			{"multirange", "multirange_type_name"},
		};

		appendStringInfo(&buf, "CREATE TYPE %s AS RANGE (subtype = %s",
						 qname, gnode_str(t, "subtype"));
		for (int i = 0; i < lengthof(opts); i++)
		{
			char	   *v = gnode_str(t, opts[i][0]);

			if (v != NULL)
				appendStringInfo(&buf, ", %s = %s", opts[i][1], v);
		}
		appendStringInfoString(&buf, ");");
	}
	else
		elog(ERROR, "pg_migrate: type %s has an unknown kind", qname);

	step = diff_step(cx, STEP_CREATE, t, "%s", buf.data);

	/*
	 * A rebuilt type: the types built on it are rebuilt with it; the columns
	 * that use it are converted, and the old type, renamed by type_drop,
	 * dropped last.
	 */
	s = diff_source_of(cx, t);
	if (s != NULL && s->kind == OBJ_TYPE)
	{
		ddl_replace_dependent_types(cx, s);
		if (ddl_replace_needed(cx, s))
			ddl_replace_convert(cx, s, t, step,
								psprintf("DROP %s %s.%s;",
										 is_kind(s, "domain") ? "DOMAIN" : "TYPE",
										 quote_identifier(s->schema->name),
										 quote_identifier(ddl_replace_name(cx, s))),
								false, replace_loses_data(s, t));
	}
}

/* ------------------------------------------------------------------ drop */

/*
 * A range type comes with its constructor functions and its multirange
 * type (and the multirange's constructors), which keep their names when
 * the range is renamed: they are renamed too, out of the new range's way.
 */
static void
rename_range_companions(DiffContext *cx, DiffStep *step, GNode *s,
						const char *oldname)
{
	const char *nsp = quote_identifier(s->schema->name);
	char	   *subtype = gnode_str(s, "subtype");
	char	   *multirange = gnode_str(s, "multirange");
	char	   *range = gnode_qualname(s);

	if (subtype != NULL)
	{
		step_append(step, "\nALTER FUNCTION %s(%s, %s) RENAME TO %s;",
					range, subtype, subtype, quote_identifier(oldname));
		step_append(step, "\nALTER FUNCTION %s(%s, %s, text) RENAME TO %s;",
					range, subtype, subtype, quote_identifier(oldname));
	}
	if (multirange != NULL)
	{
		/* "name" or "schema.name", as regtype wrote it */
		char	   *mrname = multirange;
		const char *mrold;
		char	   *oldrange = psprintf("%s.%s", nsp, quote_identifier(oldname));
		List	   *parts = NIL;

		if (SplitIdentifierString(pstrdup(multirange), '.', &parts) &&
			list_length(parts) >= 1)
			mrname = llast(parts);
		mrold = quote_identifier(replace_name(cx, s->schema, mrname));
		step_append(step, "\nALTER TYPE %s RENAME TO %s;", multirange, mrold);
		if (list_length(parts) <= 1)
			multirange = psprintf("%s.%s", nsp, quote_identifier(mrname));
		step_append(step, "\nALTER FUNCTION %s() RENAME TO %s;",
					multirange, mrold);
		step_append(step, "\nALTER FUNCTION %s(%s) RENAME TO %s;",
					multirange, oldrange, mrold);
		step_append(step, "\nALTER FUNCTION %s(%s[]) RENAME TO %s;",
					multirange, oldrange, mrold);
	}
}

/*
 * A rebuilt type that columns use is renamed out of the way (see
 * ddl_replace_convert); any other is dropped.
 */
static void
type_drop(DiffContext *cx, GNode *s)
{
	GNode	   *t = graph_find_node(cx->target, s);
	DiffStep   *step;

	/* a rebuild: the types built on it are rebuilt, and dropped first */
	if (t != NULL)
	{
		ddl_replace_rebuild_tables(cx, s);
		ddl_replace_dependent_types(cx, s);
	}
	if (t != NULL && ddl_replace_needed(cx, s))
	{
		char	   *oldname = ddl_replace_name(cx, s);

		step = diff_step(cx, STEP_DROP, s, "ALTER %s %s RENAME TO %s;",
						 is_kind(s, "domain") ? "DOMAIN" : "TYPE",
						 gnode_qualname(s), quote_identifier(oldname));
		if (is_kind(s, "range"))
			rename_range_companions(cx, step, s, oldname);
		step_hazard(step, HAZARD_BREAKS_DEPENDENTS);
		return;
	}
	step = diff_step(cx, STEP_DROP, s, "DROP %s %s;",
					 is_kind(s, "domain") ? "DOMAIN" : "TYPE", gnode_qualname(s));
	if (t != NULL)
	{
		after_steps_of(cx, step, dependent_types(s), true);
		if (s->dependents != NIL)
			step_hazard(step, HAZARD_BREAKS_DEPENDENTS);
	}
	ddl_replace_drop_after_users(cx, step, s);
	/*
	 * Gone from the target: what survives it is rebuilt around its drop (a
	 * rebuild does that itself).
	 */
	if (graph_find_node(cx->target, s) == NULL)
		diff_rebuild_dependents(cx, s);
}

/* ----------------------------------------------------------------- alter */

/*
 * Does a string attribute of the node hold the literal "lit", or an array
 * of the type ("...<type>[]") with the label in it?
 */
static bool
attrs_contain(GNode *node, const char *lit, const char *label,
			  const char *arraycast)
{
	ListCell   *lc;

	foreach(lc, node->attrs)
	{
		GAttr	   *a = lfirst(lc);
		char	   *v;

		if (a->value.type != jbvString)
			continue;
		v = pnstrdup(a->value.val.string.val, a->value.val.string.len);
		if (strstr(v, lit) != NULL)
			return true;
		if (strstr(v, arraycast) != NULL && strstr(v, label) != NULL)
			return true;
	}
	return false;
}

/*
 * Is a new enum label used by the target: written as a literal by an object
 * that uses the type (a default, a CHECK, an index predicate, a view, a
 * SQL-standard function body, ...) or by the table of a column of the type
 * (a partition bound)?  Such an object is created in the same transaction
 * as the label, where PostgreSQL refuses to use a value that ALTER TYPE ...
 * ADD VALUE made ("unsafe use of new value"); a type created in that
 * transaction has no such limit, so the type is rebuilt instead (and a
 * table partitioned by a column of it with it: a partition key column
 * cannot change its type).  A literal that happens to equal the label only
 * costs a rebuild.
 */
static bool
label_used(GNode *t, const char *label)
{
	char	   *lit = ddl_literal(label);
	char	   *arraycast = psprintf("%s[]", quote_identifier(t->name));
	ListCell   *lc;

	foreach(lc, t->dependents)
	{
		GNode	   *d = lfirst(lc);

		if (attrs_contain(d, lit, label, arraycast))
			return true;
		if (d->kind == OBJ_COLUMN && d->parent != NULL)
		{
			ListCell   *pc;

			if (attrs_contain(d->parent, lit, label, arraycast))
				return true;
			/* partitions of the table: their bounds */
			foreach(pc, d->parent->dependents)
				if (attrs_contain(lfirst(pc), lit, label, arraycast))
					return true;
		}
	}
	return false;
}

/*
 * Enum labels.  New labels are added in place when every label of the
 * source is in the target, in the same relative order: each new label is
 * added after the label that precedes it in the target (which exists by
 * then), or, for new labels before the first old one, before that old one.
 * Returns false when that is not possible.
 */
static bool
enum_alter(DiffContext *cx, GNode *s, GNode *t)
{
	List	   *slabels = gnode_strings(s, "labels");
	List	   *tlabels = gnode_strings(t, "labels");
	char	   *qname = gnode_qualname(t);
	int			nt = list_length(tlabels);
	bool	   *isold = palloc0(sizeof(bool) * (nt + 1));
	int			firstold = -1;
	int			si = 0;
	ListCell   *lc;

	/* the old labels must appear in the target in their order */
	foreach(lc, tlabels)
	{
		char	   *label = lfirst(lc);
		int			i = foreach_current_index(lc);

		if (si < list_length(slabels) &&
			strcmp(label, (char *) list_nth(slabels, si)) == 0)
		{
			isold[i] = true;
			si++;
			if (firstold < 0)
				firstold = i;
		}
		else
		{
			ListCell   *lc2;

			/* a label of the source met out of order */
			foreach(lc2, slabels)
				if (strcmp(label, (char *) lfirst(lc2)) == 0)
					return false;
		}
	}
	if (si < list_length(slabels))
		return false;			/* a label removed */
	for (int i = 0; i < nt; i++)
		if (!isold[i] && label_used(t, list_nth(tlabels, i)))
			return false;		/* unusable in the transaction that adds it */

	for (int i = 0; i < nt; i++)
	{
		char	   *label = list_nth(tlabels, i);

		if (isold[i])
			continue;
		if (firstold < 0)
			diff_step(cx, STEP_ALTER, t, "ALTER TYPE %s ADD VALUE %s;",
					  qname, ddl_literal(label));
		else if (i < firstold)
			diff_step(cx, STEP_ALTER, t, "ALTER TYPE %s ADD VALUE %s BEFORE %s;",
					  qname, ddl_literal(label),
					  ddl_literal(list_nth(tlabels, firstold)));
		else
			diff_step(cx, STEP_ALTER, t, "ALTER TYPE %s ADD VALUE %s AFTER %s;",
					  qname, ddl_literal(label),
					  ddl_literal(list_nth(tlabels, i - 1)));
	}
	return true;
}

/*
 * Typed tables that leave the type (ALTER TABLE ... NOT OF, table.c) do so
 * before its attributes change, lest ALTER TYPE ... CASCADE reach them:
 * the alter steps of t made since step first_id wait for their NOT OF
 * steps, when the tables came first in the walk (table.c orders the other
 * case).
 */
static void
after_tables_leave(DiffContext *cx, GNode *s, GNode *t, int first_id)
{
	ListCell   *lc;

	foreach(lc, s->dependents)
	{
		GNode	   *u = lfirst(lc);
		GNode	   *ut;
		ListCell   *nc;

		if (u->kind != OBJ_TABLE ||
			(ut = graph_find_node(cx->target, u)) == NULL ||
			gnode_attr_equal(u, ut, "of_type"))
			continue;
		foreach(nc, cx->steps)
		{
			DiffStep   *notof = lfirst(nc);
			ListCell   *tc;

			if (notof->node != ut || notof->action != STEP_ALTER ||
				strstr(notof->sql.data, " NOT OF;") == NULL)
				continue;
			foreach(tc, cx->steps)
			{
				DiffStep   *ts = lfirst(tc);

				if (ts->node == t && ts->action == STEP_ALTER && ts->id > first_id)
					step_after(ts, notof);
			}
		}
	}
}

/*
 * Composite attributes.  In place when the attributes kept come first in
 * the target, in their source order, and the new ones after them; a
 * retyped attribute needs that no table column stores the type (typed
 * tables follow with CASCADE, and are rewritten).  Returns false when the
 * type must be rebuilt.
 */
static bool
composite_alter(DiffContext *cx, GNode *s, GNode *t)
{
	List	   *scols = gnode_children(s, OBJ_COLUMN);
	List	   *tcols = gnode_children(t, OBJ_COLUMN);
	List	   *users = s->dependents;
	char	   *qname = gnode_qualname(t);
	bool		stored = false;
	bool		typed = false;
	int			ti = 0;
	int			first_id = cx->nsteps;
	ListCell   *lc;
	const char *cascade;

	foreach(lc, users)
	{
		GNode	   *u = lfirst(lc);

		if (u->kind == OBJ_COLUMN)
			stored = true;
		else if (u->kind == OBJ_TABLE)
			typed = true;
	}
	cascade = typed ? " CASCADE" : "";

	/* kept attributes first, in order */
	foreach(lc, scols)
	{
		GNode	   *sc = lfirst(lc);
		GNode	   *tc;

		if (ddl_find_node(tcols, sc->name) == NULL)
			continue;
		if (ti >= list_length(tcols))
			return false;
		tc = list_nth(tcols, ti++);
		if (strcmp(tc->name, sc->name) != 0)
			return false;
		if ((!gnode_attr_equal(sc, tc, "type") ||
			 !gnode_attr_equal(sc, tc, "collation")) && stored)
			return false;
	}

	/* then the steps */
	foreach(lc, scols)
	{
		GNode	   *sc = lfirst(lc);

		if (ddl_find_node(tcols, sc->name) == NULL)
		{
			DiffStep   *step;

			step = diff_step(cx, STEP_ALTER, t,
							 "ALTER TYPE %s DROP ATTRIBUTE %s%s;",
							 qname, quote_identifier(sc->name), cascade);
			step_hazard(step, HAZARD_DATA_LOSS);
		}
	}
	for (int i = 0; i < list_length(tcols); i++)
	{
		GNode	   *tc = list_nth(tcols, i);
		GNode	   *sc = ddl_find_node(scols, tc->name);

		if (sc == NULL)
			diff_step(cx, STEP_ALTER, t, "ALTER TYPE %s ADD ATTRIBUTE %s%s;",
					  qname, attribute_definition(tc), cascade);
		else if (!gnode_attr_equal(sc, tc, "type") ||
				 !gnode_attr_equal(sc, tc, "collation"))
		{
			char	   *collation = gnode_str(tc, "collation");
			DiffStep   *step;

			step = diff_step(cx, STEP_ALTER, t,
							 "ALTER TYPE %s ALTER ATTRIBUTE %s TYPE %s%s%s%s;",
							 qname, quote_identifier(tc->name),
							 gnode_str(tc, "type"),
							 collation ? " COLLATE " : "",
							 collation ? collation : "", cascade);
			if (typed)
				step_hazard(step, HAZARD_TABLE_REWRITE);
		}
	}
	after_tables_leave(cx, s, t, first_id);
	return true;
}

/* Domains: default and NOT NULL in place; base type and collation not. */
static bool
domain_alter(DiffContext *cx, GNode *s, GNode *t)
{
	char	   *qname = gnode_qualname(t);
	char	   *sdefault = gnode_str(s, "default");
	char	   *tdefault = gnode_str(t, "default");

	if (!gnode_attr_equal(s, t, "base_type") ||
		!gnode_attr_equal(s, t, "collation"))
		return false;

	if (!ddl_str_equal(sdefault, tdefault))
	{
		if (tdefault != NULL)
			diff_step(cx, STEP_ALTER, t, "ALTER DOMAIN %s SET DEFAULT %s;",
					  qname, tdefault);
		else
			diff_step(cx, STEP_ALTER, t, "ALTER DOMAIN %s DROP DEFAULT;",
					  qname);
	}
	if (gnode_bool(s, "not_null") != gnode_bool(t, "not_null"))
	{
		if (gnode_bool(t, "not_null"))
		{
			DiffStep   *step;

			step = diff_step(cx, STEP_ALTER, t, "ALTER DOMAIN %s SET NOT NULL;",
							 qname);
			step_hazard(step, HAZARD_BLOCKING_LOCK);
		}
		else
			diff_step(cx, STEP_ALTER, t, "ALTER DOMAIN %s DROP NOT NULL;",
					  qname);
	}
	return true;
}

static void
type_alter(DiffContext *cx, GNode *s, GNode *t)
{
	bool		done = false;

	if (gnode_attr_equal(s, t, "kind"))
	{
		if (is_kind(t, "enum"))
			done = enum_alter(cx, s, t);
		else if (is_kind(t, "composite"))
			done = composite_alter(cx, s, t);
		else if (is_kind(t, "domain"))
			done = domain_alter(cx, s, t);
	}
	if (!done)
		diff_rebuild(cx, s, t);
}

const DdlHandler pgm_ddl_type = {
	.create = type_create,
	.drop = type_drop,
	.alter = type_alter,
	.sql_kind = "TYPE",
};
