/*-------------------------------------------------------------------------
 *
 * apply.c
 *	  Applying the properties of a schema: the objects they made before are
 *	  dropped and those of the current set created, in the schema itself or
 *	  in a shadow of its model.
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


static void
drop_generated(const char *physical, List *old)
{
	StringInfoData funcs;
	StringInfoData views;
	ListCell   *lc;
	List	   *seen = NIL;
	const char *ph = quote_identifier(physical);

	initStringInfo(&funcs);
	initStringInfo(&views);
	foreach(lc, old)
	{
		MappedProp *p = lfirst(lc);
		char	   *view = mapped_view_name(old, p->table);

		if (mapped_prop_has_function(p))
			appendStringInfo(&funcs, "%s%s.%s(%s.%s)", funcs.len ? ", " : "",
							 ph, quote_identifier(p->name), ph, quote_identifier(view));
		if (!list_member(seen, makeString(view)))
		{
			seen = lappend(seen, makeString(view));
			appendStringInfo(&views, "%s%s.%s", views.len ? ", " : "", ph,
							 quote_identifier(view));
		}
	}
	if (funcs.len > 0)
		mapped_spi_check(SPI_execute(psprintf("DROP FUNCTION IF EXISTS %s", funcs.data), false, 0),
				  SPI_OK_UTILITY, "dropping the functions of mapped views");
	if (views.len > 0)
		mapped_spi_check(SPI_execute(psprintf("DROP VIEW IF EXISTS %s", views.data), false, 0),
				  SPI_OK_UTILITY, "dropping mapped views");
}

/*
 * An expression that names tables of its own schema qualified
 * ("app.voters") would reach the live tables from the shadow schema, and
 * come out qualified there while unqualified in the live schema.  In the
 * shadow, those names lose their qualification: found by the parser
 * (relations, and columns written schema.table.column), cut from the text.
 */
typedef struct Unqualify
{
	const char *schema;
	List	   *locations;
} Unqualify;

static bool
unqualify_walker(Node *node, void *context)
{
	Unqualify  *u = context;

	if (node == NULL)
		return false;
	if (IsA(node, RangeVar))
	{
		RangeVar   *rv = (RangeVar *) node;

		if (rv->schemaname != NULL && rv->catalogname == NULL &&
			strcmp(rv->schemaname, u->schema) == 0 && rv->location >= 0)
			u->locations = lappend_int(u->locations, rv->location);
		return false;
	}
	if (IsA(node, ColumnRef))
	{
		ColumnRef  *cr = (ColumnRef *) node;

		if (list_length(cr->fields) == 3 && IsA(linitial(cr->fields), String) &&
			strcmp(strVal(linitial(cr->fields)), u->schema) == 0 && cr->location >= 0)
			u->locations = lappend_int(u->locations, cr->location);
		return false;
	}
	return raw_expression_tree_walker(node, unqualify_walker, context);
}

static char *
unqualify(const char *expression, const char *schema)
{
	const char *prefix = "SELECT (\n";
	char	   *sql = psprintf("%s%s\n)", prefix, expression);
	Unqualify	u = {schema, NIL};
	List	   *raw = raw_parser(sql, RAW_PARSE_DEFAULT);
	StringInfoData out;
	ListCell   *lc;
	int			done = 0;
	int			plen = strlen(prefix);

	(void) unqualify_walker(linitial_node(RawStmt, raw)->stmt, &u);
	if (u.locations == NIL)
		return (char *) expression;
	list_sort(u.locations, list_int_cmp);
	initStringInfo(&out);
	foreach(lc, u.locations)
	{
		int			at = lfirst_int(lc) - plen;
		int			end = at;

		if (at < done || at >= (int) strlen(expression))
			continue;
		/* the schema's identifier, then ".", with blanks around it */
		if (expression[end] == '"')
		{
			for (end++; expression[end] != '\0'; end++)
				if (expression[end] == '"' && expression[end + 1] != '"')
					break;
				else if (expression[end] == '"')
					end++;
			if (expression[end] == '"')
				end++;
		}
		else
			while (expression[end] != '\0' &&
				   (isalnum((unsigned char) expression[end]) || expression[end] == '_' ||
					expression[end] == '$' || IS_HIGHBIT_SET(expression[end])))
				end++;
		while (isspace((unsigned char) expression[end]))
			end++;
		if (expression[end] != '.')
			continue;
		end++;
		while (isspace((unsigned char) expression[end]))
			end++;
		appendBinaryStringInfo(&out, expression + done, at - done);
		done = end;
	}
	appendStringInfoString(&out, expression + done);
	return out.data;
}

/*
 * Drop what old made, create what the properties of the schema make, in
 * the physical schema.  The snapshot keys of what was made (views, then
 * functions) are appended to *views and *functions when they are given.
 */
void
mapped_apply_plan(const char *schema, const char *physical, List *old,
		   List **views, List **functions, bool skip_missing)
{
	List	   *props = mapped_load_props(schema);
	MPlan	   *plan;
	ListCell   *lc;
	int			nest = pgm_guc_nest_enter();

	pgm_set_schema_search_path(physical);
	pgm_set_local("client_min_messages", "warning");
	pgm_set_local("check_function_bodies", "on");

	drop_generated(physical, old);
	if (props == NIL)
	{
		pgm_guc_nest_leave(nest);
		return;
	}
	if (strcmp(physical, schema) != 0)
	{
		foreach(lc, props)
		{
			MappedProp *p = lfirst(lc);

			if (p->kind == PROP_COLUMN)
			{
				mapped_check_expression(mapped_prop_label(p), p->expression);
				p->expression = unqualify(p->expression, schema);
			}
		}
	}
	plan = mapped_make_plan(schema, physical, props, skip_missing);

	/* Column names: a property may not hide a column of the table. */
	foreach(lc, plan->tables)
	{
		MTable	   *t = lfirst(lc);
		ListCell   *pc;

		foreach(pc, t->props)
		{
			MappedProp *p = lfirst(pc);

			ListCell   *cc;

			foreach(cc, t->columns)
				if (strcmp(lfirst(cc), p->name) == 0)
					ereport(ERROR,
							(errcode(ERRCODE_DUPLICATE_COLUMN),
							 errmsg("property %s has the name of a column of table %s",
									mapped_prop_label(p), quote_identifier(t->name)),
							 errhint("Choose another name: the mapped view has the table's columns, then its properties.")));
			if (p->kind == PROP_COLUMN)
				mapped_check_expression(mapped_prop_label(p), p->expression);
		}
	}

	foreach(lc, plan->order)
	{
		MTable	   *t = lfirst(lc);
		List	   *spans = NIL;
		char	   *sql;

		/* Column properties first, each alone, to name the failing one. */
		{
			ListCell   *pc;

			foreach(pc, t->props)
			{
				MappedProp *p = lfirst(pc);

				if (p->kind == PROP_COLUMN && !p->deferred)
					(void) mapped_expression_type(plan, t, p);
			}
		}
		sql = mapped_view_ddl(plan, t, &spans);
		mapped_run_ddl(sql, spans, t);
		if (views)
			*views = lappend(*views, pstrdup(t->view));
	}
	CommandCounterIncrement();
	foreach(lc, plan->tables)
	{
		MTable	   *t = lfirst(lc);
		ListCell   *pc;

		foreach(pc, t->props)
		{
			MappedProp *p = lfirst(pc);
			List	   *spans = NIL;

			if (!mapped_prop_has_function(p))
				continue;
			mapped_run_ddl(mapped_function_ddl(plan, t, p, &spans), spans, t);
			if (functions)
			{
				Oid			viewid = get_relname_relid(t->view,
													   get_namespace_oid(physical, false));

				*functions = lappend(*functions,
									 psprintf("%s(%s)", p->name,
											  format_type_be(get_rel_type_id(viewid))));
			}
		}
	}
	pgm_guc_nest_leave(nest);
}

/*
 * The live schema: drop what old made, create what the properties make
 * (leaving out the tables that no longer exist when skip_missing).
 */
void
mapped_apply_live(const char *schema, List *old_props, bool skip_missing)
{
	mapped_apply_plan(schema, schema, old_props, NULL, NULL, skip_missing);
}
