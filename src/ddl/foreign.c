/*-------------------------------------------------------------------------
 *
 * foreign.c
 *	  DDL for foreign-data wrappers, servers, user mappings and foreign
 *	  tables.
 *
 * A wrapper's handler, validator and options, a server's version and
 * options are changed in place (ALTER ... OPTIONS names every option of
 * the target in its order, after dropping each, so that the options end
 * in that order); a server on another wrapper or of another type is made
 * again, with its user mappings and foreign tables.  A user mapping is
 * made without options: the document holds none (they hold passwords),
 * and the script says which server's mapping needs them set by hand.  A
 * foreign table holds no data of its own: any change to its definition
 * drops it and makes it again, with the views that use it.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/* "name 'value', ..." of "name=value" options */
static char *
options_sql(List *options, bool add)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, options)
	{
		char	   *opt = pstrdup(lfirst(lc));
		char	   *eq = strchr(opt, '=');

		if (eq != NULL)
			*eq = '\0';
		appendStringInfo(&buf, "%s%s%s %s", buf.len > 0 ? ", " : "",
						 add ? "ADD " : "", quote_identifier(opt),
						 quote_literal_cstr(eq ? eq + 1 : ""));
	}
	return buf.data;
}

/*
 * " OPTIONS (DROP a, ADD a 'x', ...)" taking the options of s to those of
 * t, or "" when they are the same.
 */
static char *
options_change(GNode *s, GNode *t)
{
	List	   *sopts = gnode_strings(s, "options");
	List	   *topts = gnode_strings(t, "options");
	StringInfoData buf;
	ListCell   *lc;

	if (gnode_attr_equal(s, t, "options"))
		return "";
	initStringInfo(&buf);
	foreach(lc, sopts)
	{
		char	   *opt = pstrdup(lfirst(lc));
		char	   *eq = strchr(opt, '=');

		if (eq != NULL)
			*eq = '\0';
		appendStringInfo(&buf, "%sDROP %s", buf.len > 0 ? ", " : "",
						 quote_identifier(opt));
	}
	if (topts != NIL)
		appendStringInfo(&buf, "%s%s", buf.len > 0 ? ", " : "", options_sql(topts, true));
	return psprintf(" OPTIONS (%s)", buf.data);
}

/* ---- foreign-data wrappers ---- */

static void
fdw_create(DiffContext *cx, GNode *t)
{
	StringInfoData buf;
	char	   *s;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE FOREIGN DATA WRAPPER %s", quote_identifier(t->name));
	if ((s = gnode_str(t, "handler")) != NULL)
		appendStringInfo(&buf, " HANDLER %s", s);
	if ((s = gnode_str(t, "validator")) != NULL)
		appendStringInfo(&buf, " VALIDATOR %s", s);
	if (gnode_strings(t, "options") != NIL)
		appendStringInfo(&buf, " OPTIONS (%s)", options_sql(gnode_strings(t, "options"), false));
	diff_step(cx, STEP_CREATE, t, "%s;", buf.data);
}

static void
fdw_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP FOREIGN DATA WRAPPER %s;", quote_identifier(s->name));
}

static void
fdw_alter(DiffContext *cx, GNode *s, GNode *t)
{
	StringInfoData buf;
	char	   *v;

	initStringInfo(&buf);
	if (!gnode_attr_equal(s, t, "handler"))
		appendStringInfo(&buf, " %s", (v = gnode_str(t, "handler")) ?
						 psprintf("HANDLER %s", v) : "NO HANDLER");
	if (!gnode_attr_equal(s, t, "validator"))
		appendStringInfo(&buf, " %s", (v = gnode_str(t, "validator")) ?
						 psprintf("VALIDATOR %s", v) : "NO VALIDATOR");
	appendStringInfoString(&buf, options_change(s, t));
	if (buf.len > 0)
		diff_step(cx, STEP_ALTER, t, "ALTER FOREIGN DATA WRAPPER %s%s;",
				  quote_identifier(t->name), buf.data);
}

const DdlHandler pgm_ddl_fdw = {
	.create = fdw_create, .drop = fdw_drop, .alter = fdw_alter,
	.sql_kind = "FOREIGN DATA WRAPPER",
};

/* ---- servers ---- */

static void
server_create(DiffContext *cx, GNode *t)
{
	StringInfoData buf;
	char	   *s;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE SERVER %s", quote_identifier(t->name));
	if ((s = gnode_str(t, "type")) != NULL)
		appendStringInfo(&buf, " TYPE %s", quote_literal_cstr(s));
	if ((s = gnode_str(t, "version")) != NULL)
		appendStringInfo(&buf, " VERSION %s", quote_literal_cstr(s));
	appendStringInfo(&buf, " FOREIGN DATA WRAPPER %s",
					 quote_identifier(gnode_str_req(t, "wrapper")));
	if (gnode_strings(t, "options") != NIL)
		appendStringInfo(&buf, " OPTIONS (%s)", options_sql(gnode_strings(t, "options"), false));
	diff_step(cx, STEP_CREATE, t, "%s;", buf.data);
}

static void
server_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP SERVER %s;", quote_identifier(s->name));
}

static void
server_alter(DiffContext *cx, GNode *s, GNode *t)
{
	StringInfoData buf;

	if (!gnode_attr_equal(s, t, "wrapper") || !gnode_attr_equal(s, t, "type"))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	initStringInfo(&buf);
	if (!gnode_attr_equal(s, t, "version"))
		appendStringInfo(&buf, " VERSION %s", gnode_str(t, "version") ?
						 quote_literal_cstr(gnode_str(t, "version")) : "NULL");
	appendStringInfoString(&buf, options_change(s, t));
	if (buf.len > 0)
		diff_step(cx, STEP_ALTER, t, "ALTER SERVER %s%s;", quote_identifier(t->name), buf.data);
}

const DdlHandler pgm_ddl_server = {
	.create = server_create, .drop = server_drop, .alter = server_alter,
	.sql_kind = "SERVER",
};

/* ---- user mappings ---- */

static void
usermapping_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t,
			  "-- its options (user, password, ...) are not in the document: set them by hand\n"
			  "CREATE USER MAPPING FOR %s SERVER %s;",
			  gnode_str_req(t, "role"), quote_identifier(gnode_str_req(t, "server")));
}

static void
usermapping_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP USER MAPPING FOR %s SERVER %s;",
			  gnode_str_req(s, "role"), quote_identifier(gnode_str_req(s, "server")));
}

static void
usermapping_alter(DiffContext *cx, GNode *s, GNode *t)
{
	/* role and server are its identity: nothing else is recorded */
}

const DdlHandler pgm_ddl_usermapping = {
	.create = usermapping_create, .drop = usermapping_drop, .alter = usermapping_alter,
	.sql_kind = "USER MAPPING",
};

/* ---- foreign tables ---- */

static void
column_comments(StringInfo buf, GNode *s, GNode *t)
{
	List	   *old = s ? gnode_strings(s, "column_comments") : NIL;
	List	   *new = gnode_strings(t, "column_comments");
	ListCell   *lc;

	foreach(lc, old)
	{
		char	   *col = pstrdup(lfirst(lc));
		char	   *eq = strchr(col, '=');
		bool		kept = false;
		ListCell   *nc;

		if (eq == NULL)
			continue;
		*eq = '\0';
		foreach(nc, new)
			if (strncmp(lfirst(nc), col, strlen(col)) == 0 &&
				((char *) lfirst(nc))[strlen(col)] == '=')
				kept = true;
		if (!kept)
			appendStringInfo(buf, "%sCOMMENT ON COLUMN %s.%s IS NULL;",
							 buf->len > 0 ? "\n" : "", gnode_qualname(t),
							 quote_identifier(col));
	}
	foreach(lc, new)
	{
		char	   *col = pstrdup(lfirst(lc));
		char	   *eq = strchr(col, '=');

		if (eq == NULL || ddl_list_has_string(old, lfirst(lc)))
			continue;
		*eq = '\0';
		appendStringInfo(buf, "%sCOMMENT ON COLUMN %s.%s IS %s;",
						 buf->len > 0 ? "\n" : "", gnode_qualname(t),
						 quote_identifier(col), quote_literal_cstr(eq + 1));
	}
}

static void
foreign_table_create(DiffContext *cx, GNode *t)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s;", gnode_str_req(t, "definition"));
	column_comments(&buf, NULL, t);
	diff_step(cx, STEP_CREATE, t, "%s", buf.data);
}

static void
foreign_table_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP FOREIGN TABLE %s;", gnode_qualname(s));
}

static void
foreign_table_alter(DiffContext *cx, GNode *s, GNode *t)
{
	StringInfoData buf;

	if (!gnode_attr_equal(s, t, "definition"))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	initStringInfo(&buf);
	column_comments(&buf, s, t);
	if (buf.len > 0)
		diff_step(cx, STEP_ALTER, t, "%s", buf.data);
}

const DdlHandler pgm_ddl_foreigntable = {
	.create = foreign_table_create, .drop = foreign_table_drop,
	.alter = foreign_table_alter,
	.sql_kind = "FOREIGN TABLE",
};
