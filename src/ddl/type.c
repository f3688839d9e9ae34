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
	if (ddl_type_is_kind(s, "enum"))
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
	if (ddl_type_is_kind(s, "domain"))
		return !gnode_attr_equal(s, t, "base_type");
	if (ddl_type_is_kind(s, "composite"))
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

	if (ddl_type_is_kind(t, "base") || ddl_type_is_kind(t, "shell"))
	{
		ddl_basetype_create(cx, t);
		return;
	}
	initStringInfo(&buf);

	if (ddl_type_is_kind(t, "enum"))
	{
		List	   *labels = gnode_strings(t, "labels");

		appendStringInfo(&buf, "CREATE TYPE %s AS ENUM (", qname);
		foreach(lc, labels)
			appendStringInfo(&buf, "%s%s",
							 foreach_current_index(lc) > 0 ? ", " : "",
							 ddl_literal(lfirst(lc)));
		appendStringInfoString(&buf, ");");
	}
	else if (ddl_type_is_kind(t, "composite"))
	{
		List	   *cols = gnode_children(t, OBJ_COLUMN);

		appendStringInfo(&buf, "CREATE TYPE %s AS (", qname);
		foreach(lc, cols)
			appendStringInfo(&buf, "%s%s",
							 foreach_current_index(lc) > 0 ? ", " : "",
							 attribute_definition(lfirst(lc)));
		appendStringInfoString(&buf, ");");
	}
	else if (ddl_type_is_kind(t, "domain"))
	{
		char	   *collation = gnode_str(t, "collation");
		char	   *dflt = gnode_str(t, "default");

		appendStringInfo(&buf, "CREATE DOMAIN %s AS %s", qname,
						 gnode_str_req(t, "base_type"));
		if (collation != NULL)
			appendStringInfo(&buf, " COLLATE %s", collation);
		if (dflt != NULL)
			appendStringInfo(&buf, " DEFAULT %s", dflt);
		if (gnode_bool(t, "not_null"))
			appendStringInfoString(&buf, " NOT NULL");
		appendStringInfoChar(&buf, ';');
	}
	else if (ddl_type_is_kind(t, "range"))
	{
		static const char *const opts[][2] = {
			{"subtype_opclass", "subtype_opclass"},
			{"collation_of_subtype", "collation"},
			{"canonical", "canonical"},
			{"subtype_diff", "subtype_diff"},
			{"multirange", "multirange_type_name"},
		};

		appendStringInfo(&buf, "CREATE TYPE %s AS RANGE (subtype = %s",
						 qname, gnode_str_req(t, "subtype"));
		for (int i = 0; i < lengthof(opts); i++)
		{
			char	   *v = gnode_str(t, opts[i][0]);

			if (v != NULL)
				appendStringInfo(&buf, ", %s = %s", opts[i][1], v);
		}
		appendStringInfoString(&buf, ");");
	}
	else
		elog(ERROR, "type %s has an unknown kind", qname);

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
										 ddl_type_is_kind(s, "domain") ? "DOMAIN" : "TYPE",
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
		mrold = quote_identifier(ddl_replace_name_in(cx, s->schema, mrname));
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

	if (ddl_type_is_kind(s, "base") || ddl_type_is_kind(s, "shell"))
	{
		ddl_basetype_drop(cx, s);
		return;
	}
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
						 ddl_type_is_kind(s, "domain") ? "DOMAIN" : "TYPE",
						 gnode_qualname(s), quote_identifier(oldname));
		if (ddl_type_is_kind(s, "range"))
			rename_range_companions(cx, step, s, oldname);
		step_hazard(step, HAZARD_BREAKS_DEPENDENTS);
		return;
	}
	step = diff_step(cx, STEP_DROP, s, "DROP %s %s;",
					 ddl_type_is_kind(s, "domain") ? "DOMAIN" : "TYPE", gnode_qualname(s));
	if (t != NULL)
	{
		ddl_after_steps_of(cx, step, ddl_replace_dependents(s), true);
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
		if (ddl_type_is_kind(t, "enum"))
			done = enum_alter(cx, s, t);
		else if (ddl_type_is_kind(t, "composite"))
			done = composite_alter(cx, s, t);
		else if (ddl_type_is_kind(t, "domain"))
			done = domain_alter(cx, s, t);
		else if (ddl_type_is_kind(t, "base") || ddl_type_is_kind(t, "shell"))
		{
			ddl_basetype_alter(cx, s, t);
			done = true;
		}
	}
	if (!done)
		diff_rebuild(cx, s, t);
}

const DdlHandler pgm_ddl_type = {
	.create = type_create,
	.drop = type_drop,
	.alter = type_alter,
	.sql_kind = "TYPE",
	.finish = ddl_basetype_finish,
};
