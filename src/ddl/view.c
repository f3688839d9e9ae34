/*-------------------------------------------------------------------------
 *
 * view.c
 *	  DDL for views and materialized views.
 *
 * A view's definition is pg_get_viewdef() relative to its schema, ending
 * with ";"; its options (check_option included) go in WITH (...).  A view
 * is changed with CREATE OR REPLACE VIEW when its columns keep their
 * names, types and collations and new ones come last (what PostgreSQL
 * accepts), else rebuilt with its dependents.  Column defaults of views
 * are set with ALTER VIEW ... ALTER COLUMN ... SET DEFAULT.
 *
 * A materialized view whose query changes is rebuilt; its options, its
 * tablespace and whether it is populated change in place (ALTER
 * MATERIALIZED VIEW SET / RESET / SET TABLESPACE, REFRESH).  Its indexes are index nodes, of the index handler.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include <ctype.h>

#include "lib/stringinfo.h"
#include "utils/builtins.h"

/* The query of a view, without pg_get_viewdef()'s final ";". */
static char *
view_query(GNode *node)
{
	char	   *def = gnode_str(node, "definition");
	int			len;

	if (def == NULL)
		elog(ERROR, "view %s has no definition",
			 gnode_qualname(node));
	def = pstrdup(def);
	len = strlen(def);
	while (len > 0 && (def[len - 1] == ';' || isspace((unsigned char) def[len - 1])))
		def[--len] = '\0';
	return def;
}

/* "name = 'value'" of an option written "name=value". */
static char *
option_assignment(const char *opt)
{
	const char *eq = strchr(opt, '=');

	if (eq == NULL)
		return pstrdup(opt);
	return psprintf("%s = %s", pnstrdup(opt, eq - opt), ddl_literal(eq + 1));
}

static char *
option_name(const char *opt)
{
	const char *eq = strchr(opt, '=');

	return eq ? pnstrdup(opt, eq - opt) : pstrdup(opt);
}

/* " WITH (a = 'x', b = 'y')", or "" without options. */
static char *
with_options(GNode *node)
{
	List	   *opts = gnode_strings(node, "options");
	StringInfoData buf;
	ListCell   *lc;

	if (opts == NIL)
		return "";
	initStringInfo(&buf);
	appendStringInfoString(&buf, " WITH (");
	foreach(lc, opts)
		appendStringInfo(&buf, "%s%s", foreach_current_index(lc) > 0 ? ", " : "",
						 option_assignment(lfirst(lc)));
	appendStringInfoChar(&buf, ')');
	return buf.data;
}

static bool
same_column(GNode *a, GNode *b)
{
	return strcmp(a->name, b->name) == 0 &&
		gnode_attr_equal(a, b, "type") &&
		gnode_attr_equal(a, b, "collation");
}

/* Do the target's columns start with the source's, unchanged? */
static bool
columns_extend(GNode *s, GNode *t)
{
	List	   *scols = gnode_children(s, OBJ_COLUMN);
	List	   *tcols = gnode_children(t, OBJ_COLUMN);

	if (list_length(tcols) < list_length(scols))
		return false;
	for (int i = 0; i < list_length(scols); i++)
		if (!same_column(list_nth(scols, i), list_nth(tcols, i)))
			return false;
	return true;
}

/*
 * ALTER VIEW ... ALTER COLUMN ... SET/DROP DEFAULT for the columns of t
 * whose default differs from the source's (s NULL: a new view), each
 * statement after a newline; "" when there is none.
 */
static char *
column_defaults(GNode *s, GNode *t)
{
	List	   *scols = s ? gnode_children(s, OBJ_COLUMN) : NIL;
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, gnode_children(t, OBJ_COLUMN))
	{
		GNode	   *tc = lfirst(lc);
		GNode	   *sc = ddl_find_node(scols, tc->name);
		char	   *tdefault = gnode_str(tc, "default");
		char	   *sdefault = sc ? gnode_str(sc, "default") : NULL;

		if (ddl_str_equal(sdefault, tdefault))
			continue;
		if (tdefault != NULL)
			appendStringInfo(&buf, "\nALTER VIEW %s ALTER COLUMN %s SET DEFAULT %s;",
							 gnode_qualname(t), quote_identifier(tc->name),
							 tdefault);
		else
			appendStringInfo(&buf, "\nALTER VIEW %s ALTER COLUMN %s DROP DEFAULT;",
							 gnode_qualname(t), quote_identifier(tc->name));
	}
	return buf.data;
}

/* ----------------------------------------------------------------- views */

static void
view_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "CREATE VIEW %s%s AS\n%s;%s",
			  gnode_qualname(t), with_options(t), view_query(t),
			  column_defaults(NULL, t));
}

static void
view_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP VIEW %s;", gnode_qualname(s));
	/*
	 * Gone from the target: what survives it is rebuilt around its drop (a
	 * rebuild does that itself).
	 */
	if (graph_find_node(cx->target, s) == NULL)
		diff_rebuild_dependents(cx, s);
}

static void
view_alter(DiffContext *cx, GNode *s, GNode *t)
{
	char	   *defaults;

	if (!columns_extend(s, t))
	{
		diff_rebuild(cx, s, t);
		ddl_mark_rebuild(cx, s);
		return;
	}
	defaults = column_defaults(s, t);
	if (!gnode_attr_equal(s, t, "definition") ||
		!gnode_attr_equal(s, t, "options") ||
		list_length(gnode_children(s, OBJ_COLUMN)) !=
		list_length(gnode_children(t, OBJ_COLUMN)))
		diff_step(cx, STEP_ALTER, t, "CREATE OR REPLACE VIEW %s%s AS\n%s;%s",
				  gnode_qualname(t), with_options(t), view_query(t), defaults);
	else if (defaults[0] != '\0')
		diff_step(cx, STEP_ALTER, t, "%s", defaults + 1);
}

const DdlHandler pgm_ddl_view = {
	.create = view_create,
	.drop = view_drop,
	.alter = view_alter,
	.sql_kind = "VIEW",
};

/* ---------------------------------------------------- materialized views */

static bool
matview_populated(GNode *node)
{
	return gnode_attr(node, "populated") == NULL ||
		gnode_bool(node, "populated");
}

static void
matview_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "CREATE MATERIALIZED VIEW %s%s%s AS\n%s\nWITH %sDATA;",
			  gnode_qualname(t), with_options(t), ddl_tablespace_clause(t),
			  view_query(t),
			  matview_populated(t) ? "" : "NO ");
}

static void
matview_drop(DiffContext *cx, GNode *s)
{
	DiffStep   *step;

	step = diff_step(cx, STEP_DROP, s, "DROP MATERIALIZED VIEW %s;",
					 gnode_qualname(s));
	/* dropped for good: its contents go */
	if (graph_find_node(cx->target, s) == NULL)
		step_hazard(step, HAZARD_DATA_LOSS);
	/*
	 * Gone from the target: what survives it is rebuilt around its drop (a
	 * rebuild does that itself).
	 */
	if (graph_find_node(cx->target, s) == NULL)
		diff_rebuild_dependents(cx, s);
}

/* Options: RESET those gone, SET those new or changed. */
static void
matview_options(DiffContext *cx, GNode *s, GNode *t)
{
	List	   *sopts = gnode_strings(s, "options");
	List	   *topts = gnode_strings(t, "options");
	StringInfoData reset;
	StringInfoData set;
	ListCell   *lc;

	initStringInfo(&reset);
	initStringInfo(&set);
	foreach(lc, sopts)
	{
		char	   *name = option_name(lfirst(lc));
		ListCell   *lc2;
		bool		kept = false;

		foreach(lc2, topts)
			if (strcmp(option_name(lfirst(lc2)), name) == 0)
				kept = true;
		if (!kept)
			appendStringInfo(&reset, "%s%s", reset.len ? ", " : "", name);
	}
	foreach(lc, topts)
	{
		char	   *opt = lfirst(lc);

		if (!pgm_list_member_str(sopts, opt))
			appendStringInfo(&set, "%s%s", set.len ? ", " : "",
							 option_assignment(opt));
	}
	if (reset.len > 0)
		diff_step(cx, STEP_ALTER, t, "ALTER MATERIALIZED VIEW %s RESET (%s);",
				  gnode_qualname(t), reset.data);
	if (set.len > 0)
		diff_step(cx, STEP_ALTER, t, "ALTER MATERIALIZED VIEW %s SET (%s);",
				  gnode_qualname(t), set.data);
}

static void
matview_alter(DiffContext *cx, GNode *s, GNode *t)
{
	List	   *scols = gnode_children(s, OBJ_COLUMN);
	List	   *tcols = gnode_children(t, OBJ_COLUMN);
	bool		same = gnode_attr_equal(s, t, "definition") &&
		list_length(scols) == list_length(tcols);

	for (int i = 0; same && i < list_length(scols); i++)
		same = same_column(list_nth(scols, i), list_nth(tcols, i));
	if (!same)
	{
		diff_rebuild(cx, s, t);
		ddl_mark_rebuild(cx, s);
		return;
	}

	if (!gnode_attr_equal(s, t, "options"))
		matview_options(cx, s, t);
	if (!gnode_attr_equal(s, t, "tablespace"))
	{
		DiffStep   *step;

		step = diff_step(cx, STEP_ALTER, t, "ALTER MATERIALIZED VIEW %s %s;",
						 gnode_qualname(t), ddl_set_tablespace(t));
		step_hazard(step, HAZARD_TABLE_REWRITE);
		step_hazard(step, HAZARD_BLOCKING_LOCK);
	}
	if (matview_populated(s) != matview_populated(t))
	{
		DiffStep   *step;

		step = diff_step(cx, STEP_ALTER, t, "REFRESH MATERIALIZED VIEW %s%s;",
						 gnode_qualname(t),
						 matview_populated(t) ? "" : " WITH NO DATA");
		step_hazard(step, HAZARD_BLOCKING_LOCK);
		if (!matview_populated(t))
			step_hazard(step, HAZARD_DATA_LOSS);
	}
}

const DdlHandler pgm_ddl_matview = {
	.create = matview_create,
	.drop = matview_drop,
	.alter = matview_alter,
	.sql_kind = "MATERIALIZED VIEW",
};
