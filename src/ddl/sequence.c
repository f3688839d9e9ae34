/*-------------------------------------------------------------------------
 *
 * sequence.c
 *	  DDL for sequences (identity sequences belong to their column, see
 *	  column.c): CREATE SEQUENCE with every option written out, ALTER
 *	  SEQUENCE for options and persistence, OWNED BY as a step of its own
 *	  (the engine runs it after the column exists: like pg_dump, the
 *	  sequence comes first, then the table whose default uses it, then
 *	  OWNED BY), DROP SEQUENCE.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/* Shared by the relation handlers (table.c). */

static bool
is_unlogged(GNode *n)
{
	char	   *p = gnode_str(n, "persistence");

	return p != NULL && strcmp(p, "unlogged") == 0;
}

/*
 * The options of t as CREATE / ALTER SEQUENCE clauses: all of them (s
 * NULL), or those that differ from s's.  A new type moves the bounds that
 * were the old type's defaults: then the bounds and start are written too.
 */
static char *
sequence_options(GNode *s, GNode *t)
{
	StringInfoData buf;
	bool		all = s == NULL || !gnode_attr_equal(s, t, "type");

	initStringInfo(&buf);
	if (s == NULL || !gnode_attr_equal(s, t, "type"))
		appendStringInfo(&buf, " AS %s", gnode_str_req(t, "type"));
	if (s == NULL || !gnode_attr_equal(s, t, "increment"))
		appendStringInfo(&buf, " INCREMENT BY %s", gnode_attr_text(t, "increment"));
	if (all || !gnode_attr_equal(s, t, "min"))
		appendStringInfo(&buf, " MINVALUE %s", gnode_attr_text(t, "min"));
	if (all || !gnode_attr_equal(s, t, "max"))
		appendStringInfo(&buf, " MAXVALUE %s", gnode_attr_text(t, "max"));
	if (all || !gnode_attr_equal(s, t, "start"))
		appendStringInfo(&buf, " START WITH %s", gnode_attr_text(t, "start"));
	if (s == NULL || !gnode_attr_equal(s, t, "cache"))
		appendStringInfo(&buf, " CACHE %s", gnode_attr_text(t, "cache"));
	if (s == NULL || gnode_bool(s, "cycle") != gnode_bool(t, "cycle"))
		appendStringInfoString(&buf, gnode_bool(t, "cycle") ? " CYCLE" : " NO CYCLE");
	return buf.data;
}

static void
sequence_create(DiffContext *cx, GNode *t)
{
	char	   *q = gnode_qualname(t);
	char	   *owned_by = gnode_str(t, "owned_by");

	diff_step(cx, STEP_CREATE, t, "CREATE %sSEQUENCE %s%s;",
			  is_unlogged(t) ? "UNLOGGED " : "", q, sequence_options(NULL, t));
	/* a later step: after the column it belongs to */
	if (owned_by != NULL)
		diff_step(cx, STEP_CREATE, t, "ALTER SEQUENCE %s OWNED BY %s;", q, owned_by);
}

/*
 * The column named by an owned_by value ("table.column", relative to the
 * sequence's schema) in graph g.
 */
static GNode *
owner_column(Graph *g, GNode *seq, const char *owned_by)
{
	const char *p;
	const char *dot = NULL;
	bool		quoted = false;
	GNode	   *table;
	char	   *col;

	for (p = owned_by; *p; p++)
	{
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '.' && !quoted)
			dot = p;
	}
	if (dot == NULL)
		return NULL;
	table = ddl_find(g, seq, OBJ_TABLE, pnstrdup(owned_by, dot - owned_by));
	if (table == NULL)
		return NULL;
	col = pstrdup(dot + 1);
	if (col[0] == '"')
	{
		/* unquote */
		char	   *out = palloc(strlen(col));
		char	   *o = out;

		for (p = col + 1; *p; p++)
		{
			if (*p == '"')
			{
				if (p[1] != '"')
					break;
				p++;
			}
			*o++ = *p;
		}
		*o = '\0';
		col = out;
	}
	return ddl_find_child(table, OBJ_COLUMN, col);
}

static void
sequence_drop(DiffContext *cx, GNode *s)
{
	StringInfoData buf;
	char	   *owned_by = gnode_str(s, "owned_by");
	DiffStep   *step;

	initStringInfo(&buf);

	/*
	 * The default of the column that owns it uses it: when that column
	 * does not stay as it is (dropped, or its table dropped or rebuilt),
	 * nothing else takes the default away before this drop.
	 */
	if (owned_by != NULL)
	{
		GNode	   *col = owner_column(cx->source, s, owned_by);

		GNode	   *tcol = col ? graph_find_node(cx->target, col) : NULL;
		GNode	   *ttable = col ? graph_find_node(cx->target, col->parent) : NULL;

		/* DROP COLUMN takes it along (and waits for it otherwise) */
		if (col != NULL && tcol == NULL && ttable != NULL && !ddl_is_new(cx, ttable))
			return;
		/* and so does DROP TABLE, also of a table rebuilt */
		if (col != NULL && (ttable == NULL || ddl_is_new(cx, ttable)))
			return;
		if (col != NULL && list_member_ptr(col->deps, s) &&
			gnode_str(col, "default") != NULL &&
			(tcol == NULL || ttable == NULL || ddl_is_new(cx, ttable)))
			ddl_stmt(&buf, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;",
					 gnode_qualname(col->parent), quote_identifier(col->name));
	}
	ddl_stmt(&buf, "DROP SEQUENCE %s;", gnode_qualname(s));
	step = diff_step(cx, STEP_DROP, s, "%s", buf.data);
	step_hazard(step, HAZARD_DATA_LOSS);
}

static void
sequence_alter(DiffContext *cx, GNode *s, GNode *t)
{
	char	   *q = gnode_qualname(t);
	StringInfoData buf;
	char	   *opts = sequence_options(s, t);

	initStringInfo(&buf);
	if (is_unlogged(s) != is_unlogged(t))
		ddl_stmt(&buf, "ALTER SEQUENCE %s SET %s;", q, is_unlogged(t) ? "UNLOGGED" : "LOGGED");
	if (opts[0] != '\0')
	{
		ddl_sequence_clamp(&buf, q, gnode_attr_text(s, "min"), gnode_attr_text(s, "max"),
						   gnode_attr_text(t, "min"), gnode_attr_text(t, "max"));
		ddl_stmt(&buf, "ALTER SEQUENCE %s%s;", q, opts);
	}
	if (buf.len > 0)
		diff_step(cx, STEP_ALTER, t, "%s", buf.data);

	/* a step of its own: after the new owner column exists */
	if (!gnode_attr_equal(s, t, "owned_by"))
	{
		char	   *owned_by = gnode_str(t, "owned_by");

		diff_step(cx, STEP_ALTER, t, "ALTER SEQUENCE %s OWNED BY %s;", q,
				  owned_by ? owned_by : "NONE");
	}
}

const DdlHandler pgm_ddl_sequence = {
	.create = sequence_create,
	.drop = sequence_drop,
	.alter = sequence_alter,
	.inline_in_parent = false,
	.sql_kind = "SEQUENCE",
};
