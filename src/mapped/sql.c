/*-------------------------------------------------------------------------
 *
 * sql.c
 *	  The SQL text of the mapped views and of their functions, from a plan.
 *
 * See docs/mapped-views.md; src/mapped/mapped_int.h lists the parts.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
#include "utils/regproc.h"
#include "access/genam.h"

#include "mapped_int.h"
#include "snapshot.h"


/* ----------------------------------------------------------------
 * SQL text
 * ----------------------------------------------------------------
 */

char *
mapped_qualified(MPlan *plan, const char *name)
{
	return psprintf("%s.%s", quote_identifier(plan->physical), quote_identifier(name));
}

/* What the related rows are read from: the target's view, else its table. */
static const char *
target_source(MPlan *plan, MTable *to)
{
	return mapped_qualified(plan, to->view ? to->view : to->name);
}

/* col = col AND ... between two aliases */
static void
append_pairs(StringInfo buf, const char *l, List *lcols, const char *r, List *rcols)
{
	ListCell   *a,
			   *b;

	forboth(a, lcols, b, rcols)
	{
		if (a != list_head(lcols))
			appendStringInfoString(buf, " AND ");
		appendStringInfo(buf, "%s.%s OPERATOR(pg_catalog.=) %s.%s",
						 l, quote_identifier(lfirst(a)), r, quote_identifier(lfirst(b)));
	}
}

/*
 * The rows of the target (aliased by its table's name) that belong to the
 * row src (an alias, or "($1)" in a function).
 */
static void
append_join_condition(StringInfo buf, MPlan *plan, MJoin *j, const char *src)
{
	const char *ta = quote_identifier(j->to->name);

	if (j->sec != NULL)
	{
		const char *sa = quote_identifier(j->sec->name);

		appendStringInfo(buf, "EXISTS (SELECT FROM %s AS %s WHERE ",
						 mapped_qualified(plan, j->sec->name), sa);
		append_pairs(buf, sa, j->sec_from->from_cols, src, j->sec_from->to_cols);
		appendStringInfoString(buf, " AND ");
		append_pairs(buf, sa, j->sec_to->from_cols, ta, j->sec_to->to_cols);
		appendStringInfoChar(buf, ')');
	}
	else if (j->many_to_one)
		append_pairs(buf, ta, j->fk->to_cols, src, j->fk->from_cols);
	else
		append_pairs(buf, ta, j->fk->from_cols, src, j->fk->to_cols);
}

/* ORDER BY of the related rows: as asked, else the target's key. */
static void
append_order(StringInfo buf, MJoin *j)
{
	ListCell   *lc;

	if (j->many_to_one && !j->uselist && j->prop->order_by == NULL)
		return;					/* one row at most: the key is unique */
	if (j->prop->order_by != NULL)
	{
		appendStringInfo(buf, " ORDER BY \n%s\n", j->prop->order_by);
		return;
	}
	foreach(lc, j->to->pkey)
		appendStringInfo(buf, "%s%s.%s", lc == list_head(j->to->pkey) ? " ORDER BY " : ", ",
						 quote_identifier(j->to->name), quote_identifier(lfirst(lc)));
}

/* The eager column of a relationship (noload included). */
static void
append_eager(StringInfo buf, MPlan *plan, MJoin *j, const char *src)
{
	const char *ta = quote_identifier(j->to->name);

	if (j->prop->lazy == LOAD_NOLOAD)
	{
		appendStringInfoString(buf, j->uselist ? "'[]'::pg_catalog.jsonb" : "NULL::pg_catalog.jsonb");
		return;
	}
	if (!j->uselist)
	{
		appendStringInfo(buf, "(SELECT pg_catalog.to_jsonb(%s) FROM %s AS %s WHERE ",
						 ta, target_source(plan, j->to), ta);
		append_join_condition(buf, plan, j, src);
		append_order(buf, j);
		appendStringInfoString(buf, " LIMIT 1)");
	}
	else
	{
		/*
		 * joined, selectin, subquery: one shape, the fastest measured
		 * (docs/mapped-views.md, docs/performance.md): the rows as an
		 * array, converted to jsonb once.  jsonb_agg(to_jsonb(row)) builds
		 * and reads back one jsonb per row, and is ~1.4x slower.
		 */
		appendStringInfo(buf, "pg_catalog.to_jsonb(ARRAY(SELECT %s FROM %s AS %s WHERE ",
						 ta, target_source(plan, j->to), ta);
		append_join_condition(buf, plan, j, src);
		append_order(buf, j);
		appendStringInfoString(buf, "))");
	}
}

List *
mapped_add_span(List *spans, MappedProp *p, int start, int end, bool expression)
{
	Span	   *s = palloc(sizeof(Span));

	s->prop = p;
	s->start = start;
	s->end = end;
	s->expression = expression;
	return lappend(spans, s);
}

/* CREATE VIEW of a table's mapped view. */
char *
mapped_view_ddl(MPlan *plan, MTable *t, List **spans)
{
	StringInfoData buf;
	ListCell   *lc;
	const char *src = quote_identifier(t->name);
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE VIEW %s AS SELECT", mapped_qualified(plan, t->view));
	foreach(lc, t->columns)
	{
		appendStringInfo(&buf, "%s\n    %s.%s", first ? "" : ",", src,
						 quote_identifier(lfirst(lc)));
		first = false;
	}
	foreach(lc, t->props)
	{
		MappedProp *p = lfirst(lc);
		int			start;

		if (p->kind == PROP_COLUMN && p->deferred)
			continue;
		if (p->kind == PROP_RELATIONSHIP &&
			(p->lazy == LOAD_SELECT || p->lazy == LOAD_RAISE))
			continue;
		appendStringInfo(&buf, "%s\n    ", first ? "" : ",");
		first = false;
		if (p->kind == PROP_COLUMN)
		{
			appendStringInfoString(&buf, "(\n");
			start = buf.len;
			appendStringInfoString(&buf, p->expression);
			*spans = mapped_add_span(*spans, p, start, buf.len, true);
			appendStringInfoString(&buf, "\n)");
		}
		else
		{
			start = buf.len;
			append_eager(&buf, plan, mapped_join_of(plan, p), src);
			*spans = mapped_add_span(*spans, p, start, buf.len, false);
		}
		appendStringInfo(&buf, " AS %s", quote_identifier(p->name));
	}
	appendStringInfo(&buf, "\n  FROM %s AS %s", mapped_qualified(plan, t->name), src);
	return buf.data;
}

/* The signature of a property's function: schema.name(schema.view). */
static char *
function_signature(MPlan *plan, MTable *t, MappedProp *p)
{
	return psprintf("%s(%s)", mapped_qualified(plan, p->name), mapped_qualified(plan, t->view));
}

bool
mapped_prop_has_function(MappedProp *p)
{
	if (p->kind == PROP_COLUMN)
		return p->deferred;
	if (p->kind == PROP_RELATIONSHIP)
		return p->lazy == LOAD_SELECT || p->lazy == LOAD_RAISE;
	return false;
}

char *
mapped_function_ddl(MPlan *plan, MTable *t, MappedProp *p, List **spans)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (p->kind == PROP_COLUMN)
	{
		char	   *type = mapped_expression_type(plan, t, p);
		ListCell   *lc;
		int			start;

		appendStringInfo(&buf, "CREATE FUNCTION %s RETURNS %s LANGUAGE sql STABLE\n"
						 "BEGIN ATOMIC\n  SELECT (\n",
						 function_signature(plan, t, p), type);
		start = buf.len;
		appendStringInfoString(&buf, p->expression);
		*spans = mapped_add_span(*spans, p, start, buf.len, true);
		appendStringInfoString(&buf, "\n) FROM (SELECT");
		foreach(lc, t->columns)
			appendStringInfo(&buf, "%s ($1).%s AS %s", lc == list_head(t->columns) ? "" : ",",
							 quote_identifier(lfirst(lc)), quote_identifier(lfirst(lc)));
		appendStringInfo(&buf, ") AS %s;\nEND", quote_identifier(t->name));
	}
	else
	{
		MJoin	   *j = mapped_join_of(plan, p);
		const char *ta = quote_identifier(j->to->name);
		int			start;

		appendStringInfo(&buf, "CREATE FUNCTION %s RETURNS %s%s ",
						 function_signature(plan, t, p), j->uselist ? "SETOF " : "",
						 target_source(plan, j->to));
		start = buf.len;
		if (p->lazy == LOAD_RAISE)
		{
			char	   *body = psprintf("BEGIN\n  RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = %s, HINT = %s;\nEND",
										quote_literal_cstr(psprintf("relationship %s is not available due to lazy => 'raise'",
																	mapped_prop_label(p))),
										quote_literal_cstr("Load it eagerly (lazy => 'joined') or lazily (lazy => 'select') if it is needed here."));

			appendStringInfo(&buf, "LANGUAGE plpgsql STABLE\nSET search_path = pg_catalog, pg_temp\nAS %s",
							 quote_literal_cstr(body));
		}
		else
		{
			appendStringInfo(&buf, "LANGUAGE sql STABLE\nBEGIN ATOMIC\n  SELECT %s.* FROM %s AS %s WHERE ",
							 ta, target_source(plan, j->to), ta);
			append_join_condition(&buf, plan, j, "($1)");
			append_order(&buf, j);
			if (!j->uselist)
				appendStringInfoString(&buf, " LIMIT 1");
			appendStringInfoString(&buf, ";\nEND");
		}
		*spans = mapped_add_span(*spans, p, start, buf.len, false);
	}
	return buf.data;
}

/* DROP of what the properties old made in the physical schema. */
