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


/*
 * Each relationship's related rows are written inline, as a subquery of
 * the select list, and so are the rows they embed: the shape of a row
 * depends on the path that led to it (SQLAlchemy's joined loader does not
 * follow a relationship back to a table already on the path), so a row of
 * voters embedded in polls_mapped is not a row of voters_mapped.  A view
 * therefore reads tables only, never another mapped view.
 */

/* What a lazy function returns rows of: the target's view, else its table. */
static const char *
target_source(MPlan *plan, MTable *to)
{
	return to->view ? mapped_qualified(plan, to->view) : mapped_table_name(to);
}

/* The alias that stands for the source row when it has the target's name. */
#define PARENT_ALIAS "pg_migrate_parent"

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

/* A join condition the user wrote, parenthesised, its place remembered. */
static void
append_user_join(StringInfo buf, MappedProp *p, const char *text, const char *what,
				 List **spans)
{
	int			start;

	appendStringInfoString(buf, "(\n");
	start = buf->len;
	appendStringInfoString(buf, text);
	if (spans)
		*spans = mapped_add_span(*spans, p, start, buf->len, what);
	appendStringInfoString(buf, "\n)");
}

/*
 * The rows of the target (aliased by its table's name) that belong to the
 * row src (an alias, or "($1)" in a function).  A primaryjoin or
 * secondaryjoin names the two sides by their tables' names; the source is
 * then aliased by its name wherever this is written.
 */
static void
append_join_condition(StringInfo buf, MJoin *j, const char *src, List **spans)
{
	MappedProp *p = j->prop;
	const char *ta = quote_identifier(j->to->name);

	if (j->sec != NULL)
	{
		const char *sa = quote_identifier(j->sec->name);

		appendStringInfo(buf, "EXISTS (SELECT FROM %s AS %s WHERE ",
						 mapped_table_name(j->sec), sa);
		if (p->primaryjoin != NULL)
			append_user_join(buf, p, p->primaryjoin, "primaryjoin", spans);
		else
			append_pairs(buf, sa, j->sec_from->from_cols, src, j->sec_from->to_cols);
		appendStringInfoString(buf, " AND ");
		if (p->secondaryjoin != NULL)
			append_user_join(buf, p, p->secondaryjoin, "secondaryjoin", spans);
		else
			append_pairs(buf, sa, j->sec_to->from_cols, ta, j->sec_to->to_cols);
		appendStringInfoChar(buf, ')');
	}
	else if (p->primaryjoin != NULL)
		append_user_join(buf, p, p->primaryjoin, "primaryjoin", spans);
	else if (j->many_to_one)
		append_pairs(buf, ta, j->fk->to_cols, src, j->fk->from_cols);
	else
		append_pairs(buf, ta, j->fk->from_cols, src, j->fk->to_cols);
}

/* The source's columns that the join reads (for PARENT_ALIAS). */
static List *
source_columns(MJoin *j)
{
	if (j->sec != NULL)
		return j->sec_from->to_cols;
	return j->many_to_one ? j->fk->from_cols : j->fk->to_cols;
}

/* ORDER BY of the related rows: as asked, else the target's key. */
static void
append_order(StringInfo buf, MJoin *j)
{
	ListCell   *lc;

	if (j->unique && !j->uselist && j->prop->order_by == NULL)
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

/*
 * Spans from the n-th to the end-th (excluded; -1: all) were recorded in a
 * buffer that is then copied into another at offset delta.
 */
static void
shift_spans(List **spans, int n, int end, int delta)
{
	if (spans == NULL)
		return;
	if (end < 0)
		end = list_length(*spans);
	for (int i = n; i < end; i++)
	{
		Span	   *s = list_nth(*spans, i);

		s->start += delta;
		s->end += delta;
	}
}

static int
n_spans(List **spans)
{
	return spans ? list_length(*spans) : 0;
}

static void append_eager(StringInfo buf, MPlan *plan, MJoin *j, const char *src,
						 List *path, List **spans);

/*
 * The properties that a row of t carries at the end of path (the tables
 * from the view's own table to t, t included), as ",\n <expr> AS name"
 * items of a select list over t aliased by its name.  Returns whether
 * there was any.  Tables of other schemas carry none: their properties
 * belong to the views of their own schema.
 */
static bool
append_row_properties(StringInfo buf, MPlan *plan, MTable *t, List *path, List **spans)
{
	ListCell   *lc;
	bool		any = false;
	const char *src = quote_identifier(t->name);

	foreach(lc, t->props)
	{
		MappedProp *p = lfirst(lc);
		int			start;

		if (p->kind == PROP_COLUMN)
		{
			if (p->deferred)
				continue;
			appendStringInfoString(buf, ",\n    (\n");
			start = buf->len;
			appendStringInfoString(buf, p->expression);
			if (spans)
				*spans = mapped_add_span(*spans, p, start, buf->len, "expression");
			appendStringInfoString(buf, "\n)");
		}
		else if (p->kind == PROP_RELATIONSHIP)
		{
			MJoin	   *j = mapped_join_of(plan, p);

			if (p->lazy != LOAD_NOLOAD &&
				(!mapped_strategy_is_eager(p->lazy) || !mapped_join_follows(j, path)))
				continue;
			appendStringInfoString(buf, ",\n    ");
			start = buf->len;
			append_eager(buf, plan, j, src, path, spans);
			if (spans)
				*spans = mapped_add_span(*spans, p, start, buf->len, NULL);
		}
		else
			continue;
		appendStringInfo(buf, " AS %s", quote_identifier(p->name));
		any = true;
	}
	return any;
}

/*
 * The jsonb of the related rows of j for the row src (the alias of
 * j->from's table), embedded at the end of path: each row with its
 * columns and the properties it carries there.
 *
 * joined, selectin, subquery: one shape, the fastest measured
 * (docs/mapped-views.md, docs/performance.md): the rows as an array,
 * converted to jsonb once.  jsonb_agg(to_jsonb(row)) builds and reads back
 * one jsonb per row, and is ~1.4x slower.
 */
static void
append_eager(StringInfo buf, MPlan *plan, MJoin *j, const char *src, List *path,
			 List **spans)
{
	const char *ta = quote_identifier(j->to->name);
	List	   *inner = lappend(list_copy(path), j->to);
	StringInfoData row;
	StringInfoData from;
	bool		extra;
	bool		self = j->from == j->to && j->prop->primaryjoin == NULL;
	int			row_spans,
				from_spans;

	if (j->prop->lazy == LOAD_NOLOAD)
	{
		appendStringInfoString(buf, j->uselist ? "'[]'::pg_catalog.jsonb" : "NULL::pg_catalog.jsonb");
		return;
	}

	/* The row: the target's columns, then what it carries here. */
	initStringInfo(&row);
	{
		ListCell   *lc;

		foreach(lc, j->to->columns)
			appendStringInfo(&row, "%s%s.%s", lc == list_head(j->to->columns) ? "" : ", ",
							 ta, quote_identifier(lfirst(lc)));
	}
	row_spans = n_spans(spans);
	extra = append_row_properties(&row, plan, j->to, inner, spans);
	from_spans = n_spans(spans);

	/*
	 * FROM and WHERE.  A table related to itself: inside, the target's
	 * alias hides the source's, so the source's key columns come in
	 * through a subquery of the outer row (which the planner pulls up).
	 */
	initStringInfo(&from);
	if (self)
	{
		ListCell   *lc;
		List	   *cols = source_columns(j);

		appendStringInfoString(&from, "(SELECT ");
		foreach(lc, cols)
			appendStringInfo(&from, "%s%s.%s", lc == list_head(cols) ? "" : ", ",
							 src, quote_identifier(lfirst(lc)));
		appendStringInfo(&from, ") AS %s, ", PARENT_ALIAS);
		src = PARENT_ALIAS;
	}
	appendStringInfo(&from, "%s AS %s WHERE ", mapped_table_name(j->to), ta);
	append_join_condition(&from, j, src, spans);

	if (j->uselist)
		appendStringInfoString(buf, "pg_catalog.to_jsonb(ARRAY(SELECT ");
	else
		appendStringInfoString(buf, "(SELECT pg_catalog.to_jsonb(");
	appendStringInfoString(buf, ta);
	if (!j->uselist)
		appendStringInfoChar(buf, ')');
	if (extra)
	{
		appendStringInfoString(buf, " FROM (SELECT ");
		shift_spans(spans, row_spans, from_spans, buf->len);
		appendStringInfo(buf, "%s\n  FROM ", row.data);
		shift_spans(spans, from_spans, -1, buf->len);
		appendStringInfo(buf, "%s) AS %s", from.data, ta);
	}
	else
	{
		appendStringInfoString(buf, " FROM ");
		shift_spans(spans, from_spans, -1, buf->len);
		appendStringInfoString(buf, from.data);
	}

	append_order(buf, j);
	if (j->uselist)
		appendStringInfoString(buf, "))");
	else
		appendStringInfoString(buf, j->unique ? ")" : " LIMIT 1)");
}

/* CREATE VIEW of a table's mapped view. */
char *
mapped_view_ddl(MPlan *plan, MTable *t, List **spans)
{
	StringInfoData buf;
	ListCell   *lc;
	const char *src = quote_identifier(t->name);

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE VIEW %s AS SELECT", mapped_qualified(plan, t->view));
	foreach(lc, t->columns)
		appendStringInfo(&buf, "%s\n    %s.%s", lc == list_head(t->columns) ? "" : ",", src,
						 quote_identifier(lfirst(lc)));
	(void) append_row_properties(&buf, plan, t, list_make1(t), spans);
	appendStringInfo(&buf, "\n  FROM %s AS %s", mapped_table_name(t), src);
	return buf.data;
}

/* The signature of a property's function: schema.name(schema.view). */
static char *
function_signature(MPlan *plan, MTable *t, MappedProp *p)
{
	return psprintf("%s(%s)", mapped_qualified(plan, p->name), mapped_qualified(plan, t->view));
}

/*
 * Whether a property is a function of the view's row: a deferred column
 * property, and a relationship loaded lazily (mapped_join_loads_lazily(),
 * told from the property alone so that the objects of an old set of
 * properties can be dropped without planning them).
 */
bool
mapped_prop_has_function(MappedProp *p)
{
	if (p->kind == PROP_COLUMN)
		return p->deferred;
	if (p->kind != PROP_RELATIONSHIP)
		return false;
	if (p->lazy == LOAD_SELECT || p->lazy == LOAD_RAISE)
		return true;
	return mapped_strategy_is_eager(p->lazy) && p->join_depth == 0 &&
		strcmp(p->target_table, p->table) == 0 &&
		strcmp(p->target_schema, p->schema) == 0;
}

/* FROM items that give the function's argument row its table's name. */
static void
append_argument_row(StringInfo buf, MTable *t)
{
	ListCell   *lc;

	appendStringInfoString(buf, "(SELECT");
	foreach(lc, t->columns)
		appendStringInfo(buf, "%s ($1).%s AS %s", lc == list_head(t->columns) ? "" : ",",
						 quote_identifier(lfirst(lc)), quote_identifier(lfirst(lc)));
	appendStringInfo(buf, ") AS %s", quote_identifier(t->name));
}

/*
 * CREATE FUNCTION of a lazy relationship (select, raise, or an eager one
 * its view does not follow) or of a deferred column property; spans of the
 * user's text are appended to *spans.
 */
char *
mapped_function_ddl(MPlan *plan, MTable *t, MappedProp *p, List **spans)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (p->kind == PROP_COLUMN)
	{
		char	   *type = mapped_expression_type(plan, t, p);
		int			start;

		appendStringInfo(&buf, "CREATE FUNCTION %s RETURNS %s LANGUAGE sql STABLE\n"
						 "BEGIN ATOMIC\n  SELECT (\n",
						 function_signature(plan, t, p), type);
		start = buf.len;
		appendStringInfoString(&buf, p->expression);
		*spans = mapped_add_span(*spans, p, start, buf.len, "expression");
		appendStringInfoString(&buf, "\n) FROM ");
		append_argument_row(&buf, t);
		appendStringInfoString(&buf, ";\nEND");
	}
	else
	{
		MJoin	   *j = mapped_join_of(plan, p);
		const char *ta = quote_identifier(j->to->name);
		int			start;

		/*
		 * SETOF for one row too (ROWS 1): PostgreSQL inlines a set-returning
		 * SQL function into the query that calls it in FROM.
		 */
		appendStringInfo(&buf, "CREATE FUNCTION %s RETURNS SETOF %s ",
						 function_signature(plan, t, p), target_source(plan, j->to));
		start = buf.len;
		if (p->lazy == LOAD_RAISE)
		{
			char	   *body = psprintf("BEGIN\n  RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = %s, HINT = %s;\nEND",
										quote_literal_cstr(psprintf("relationship %s is not available due to lazy => 'raise'",
																	mapped_prop_label(p))),
										quote_literal_cstr("Load it eagerly (lazy => 'joined') or lazily (lazy => 'select') if it is needed here."));

			appendStringInfo(&buf, "LANGUAGE plpgsql STABLE%s\nSET search_path = pg_catalog, pg_temp\nAS %s",
							 j->uselist ? "" : " ROWS 1", quote_literal_cstr(body));
		}
		else
		{
			appendStringInfo(&buf, "LANGUAGE sql STABLE%s\nBEGIN ATOMIC\n  SELECT %s.* FROM ",
							 j->uselist ? "" : " ROWS 1", ta);
			if (p->primaryjoin != NULL)
			{
				/* the user's join names the argument row by its table */
				append_argument_row(&buf, t);
				appendStringInfoString(&buf, ", ");
			}
			appendStringInfo(&buf, "%s AS %s WHERE ", target_source(plan, j->to), ta);
			append_join_condition(&buf, j, "($1)", spans);
			append_order(&buf, j);
			if (!j->uselist && !j->unique)
				appendStringInfoString(&buf, " LIMIT 1");
			appendStringInfoString(&buf, ";\nEND");
		}
		*spans = mapped_add_span(*spans, p, start, buf.len, NULL);
	}
	return buf.data;
}

/* DROP of what the properties old made in the physical schema. */
