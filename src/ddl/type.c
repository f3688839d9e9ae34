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

#include "lib/stringinfo.h"
#include "utils/builtins.h"

static bool
is_kind(GNode *node, const char *kind)
{
	char	   *k = gnode_str(node, "kind");

	return k != NULL && strcmp(k, kind) == 0;
}

static bool
str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
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

/* Nodes under "node" (itself included) whose dependencies include "dep". */
static void
collect_users(GNode *node, GNode *dep, List **users)
{
	ListCell   *lc;

	if (list_member_ptr(node->deps, dep))
		*users = lappend(*users, node);
	foreach(lc, node->children)
		collect_users(lfirst(lc), dep, users);
}

static List *
type_users(Graph *g, GNode *type)
{
	List	   *users = NIL;
	ListCell   *lc;

	foreach(lc, g->schemas)
		collect_users(lfirst(lc), type, &users);
	return users;
}

/* ---------------------------------------------------------------- create */

static void
type_create(DiffContext *cx, GNode *t)
{
	char	   *qname = gnode_qualname(t);
	StringInfoData buf;
	ListCell   *lc;

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

	diff_step(cx, STEP_CREATE, t, "%s", buf.data);
}

/* ------------------------------------------------------------------ drop */

static void
type_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP %s %s;",
			  is_kind(s, "domain") ? "DOMAIN" : "TYPE", gnode_qualname(s));
}

/* ----------------------------------------------------------------- alter */

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

static GNode *
find_column(List *cols, const char *name)
{
	ListCell   *lc;

	foreach(lc, cols)
	{
		GNode	   *c = lfirst(lc);

		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
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
	List	   *users = type_users(cx->source, s);
	char	   *qname = gnode_qualname(t);
	bool		stored = false;
	bool		typed = false;
	int			ti = 0;
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

		if (find_column(tcols, sc->name) == NULL)
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

		if (find_column(tcols, sc->name) == NULL)
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
		GNode	   *sc = find_column(scols, tc->name);

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

	if (!str_equal(sdefault, tdefault))
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
