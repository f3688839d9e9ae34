/*-------------------------------------------------------------------------
 *
 * check.c
 *	  Checking column property expressions, and running generated DDL so
 *	  that an error names the property (and the position in its text) that
 *	  caused it.
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
#include "parser/scanner.h"
#include "common/keywords.h"
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


static void report_statement_error(const char *sql, List *spans,
								   MTable *t, ErrorData *edata);

/*
 * The expression must be one SQL expression: it is written into a select
 * list between parentheses, so text that closes them and goes on ("1),
 * (2" or "1) FROM t WHERE (true") would change the view around it.
 */
static void
check_one_expression(const char *kind, const char *label, const char *what,
					 const char *expression)
{
	char	   *sql = psprintf("SELECT (\n%s\n)", expression);
	List	   *raw;
	SelectStmt *sel;
	bool		closes = false;

	/*
	 * "a) OR (b" parses as one expression, but it would not be one where it
	 * is written (between parentheses, next to AND): no parenthesis may
	 * close one that the expression did not open.  The core scanner tells
	 * them from those in strings and comments.
	 */
	{
		core_yy_extra_type yyextra;
		core_YYSTYPE yylval;
		YYLTYPE		yylloc;
		core_yyscan_t scanner;
		int			depth = 0;
		int			tok;

		scanner = scanner_init(expression, &yyextra, &ScanKeywords, ScanKeywordTokens);
		while ((tok = core_yylex(&yylval, &yylloc, scanner)) != 0)
		{
			if (tok == '(' || tok == '[')
				depth++;
			else if ((tok == ')' || tok == ']') && --depth < 0)
				closes = true;
		}
		scanner_finish(scanner);
	}

	raw = closes ? NIL : raw_parser(sql, RAW_PARSE_DEFAULT);
	sel = list_length(raw) == 1 && IsA(linitial_node(RawStmt, raw)->stmt, SelectStmt) ?
		(SelectStmt *) linitial_node(RawStmt, raw)->stmt : NULL;
	if (sel == NULL || list_length(sel->targetList) != 1 || sel->fromClause != NIL ||
		sel->whereClause != NULL || sel->groupClause != NIL ||
		sel->havingClause != NULL || sel->sortClause != NIL ||
		sel->limitCount != NULL || sel->limitOffset != NULL ||
		sel->windowClause != NIL || sel->lockingClause != NIL ||
		sel->op != SETOP_NONE || sel->intoClause != NULL ||
		sel->distinctClause != NIL || sel->withClause != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("%s %s: the %s is not one SQL expression", kind, label, what),
				 errdetail("%c%s: %s", pg_toupper((unsigned char) what[0]), what + 1, expression),
				 strcmp(what, "expression") == 0 ?
				 errhint("Write one value, e.g. a scalar subquery in parentheses.") :
				 errhint("Write one condition over the two tables, named by their names.")));
}

/*
 * Refuse a property's expression that is not one SQL expression (a
 * statement separator, a closing parenthesis that would end the generated
 * SELECT early, ...): the error names the property (label).
 */
void
mapped_check_expression(const char *label, const char *expression)
{
	check_one_expression("column property", label, "expression", expression);
}

/* A primaryjoin or secondaryjoin must be one SQL expression too. */
void
mapped_check_join_expression(const char *label, const char *what, const char *expression)
{
	check_one_expression("relationship", label, what, expression);
}

/*
 * The type of a column property's expression (format_type), found by
 * preparing it over the table t; an error names the property and the
 * position in its expression.  Palloc'd in the current context.
 */
char *
mapped_expression_type(MPlan *plan, MTable *t, MappedProp *p)
{
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData buf;
	int			start;
	List	   *spans = NIL;
	char	   *volatile type = NULL;
	volatile Oid typid = InvalidOid;
	volatile bool retset = false;

	mapped_check_expression(mapped_prop_label(p), p->expression);
	initStringInfo(&buf);
	appendStringInfoString(&buf, "SELECT (\n");
	start = buf.len;
	appendStringInfoString(&buf, p->expression);
	spans = mapped_add_span(spans, p, start, buf.len, "expression");
	appendStringInfo(&buf, "\n) FROM %s AS %s", mapped_qualified(plan, t->name),
					 quote_identifier(t->name));
	PG_TRY();
	{
		SPIPlanPtr	sp = SPI_prepare(buf.data, 0, NULL);
		TupleDesc	desc;
		Form_pg_attribute att;

		if (sp == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		MemoryContextSwitchTo(cxt); /* SPI returns in its own context */
		desc = SPI_plan_get_plan_sources(sp) != NIL ?
			((CachedPlanSource *) linitial(SPI_plan_get_plan_sources(sp)))->resultDesc : NULL;
		if (desc == NULL || desc->natts != 1)
			ereport(ERROR,
					(errcode(ERRCODE_SYNTAX_ERROR),
					 errmsg("the expression is not one value")));
		att = TupleDescAttr(desc, 0);
		type = format_type_with_typemod(att->atttypid, att->atttypmod);
		typid = att->atttypid;
		retset = linitial_node(Query, ((CachedPlanSource *) linitial(SPI_plan_get_plan_sources(sp)))->query_list)->hasTargetSRFs;
		SPI_freeplan(sp);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		report_statement_error(buf.data, spans, t, edata);
	}
	PG_END_TRY();
	mapped_check_value_type(mapped_prop_label(p), p->expression, typid, retset);
	return type;
}

/*
 * An error of a generated statement, reported with the property whose text
 * is at the failing position (and the position in its expression).
 */
static void
report_statement_error(const char *sql, List *spans, MTable *t, ErrorData *edata)
{
	int			cpos = edata->cursorpos;
	int			bpos = -1;
	ListCell   *lc;
	Span	   *hit = NULL;

	if (cpos <= 0 && edata->internalpos > 0 && edata->internalquery != NULL &&
		strcmp(edata->internalquery, sql) == 0)
		cpos = edata->internalpos;
	if (cpos > 0)
	{
		bpos = 0;
		for (int c = 1; c < cpos && sql[bpos] != '\0'; c++)
			bpos += pg_mblen(sql + bpos);
	}
	/* the narrowest span: a property's text inside another's rows */
	foreach(lc, spans)
	{
		Span	   *s = lfirst(lc);

		if (bpos >= s->start && bpos <= s->end &&
			(hit == NULL || s->end - s->start < hit->end - hit->start))
			hit = s;
	}
	if (hit != NULL && hit->what != NULL)
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("%s %s failed: %s",
						hit->prop->kind == PROP_COLUMN ? "column property" : "relationship",
						mapped_prop_label(hit->prop), edata->message),
				 errdetail("At character %d of its %s: %s%s%s",
						   pg_mbstrlen_with_len(sql + hit->start, bpos - hit->start) + 1,
						   hit->what, pnstrdup(sql + hit->start, hit->end - hit->start),
						   edata->detail ? "\n" : "", edata->detail ? edata->detail : ""),
				 edata->hint ? errhint("%s", edata->hint) : 0));
	if (hit != NULL)
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("relationship %s failed: %s", mapped_prop_label(hit->prop), edata->message),
				 errdetail("At character %d of its generated SQL: %s%s%s",
						   pg_mbstrlen_with_len(sql + hit->start, bpos - hit->start) + 1,
						   pnstrdup(sql + hit->start, hit->end - hit->start),
						   edata->detail ? "\n" : "", edata->detail ? edata->detail : ""),
				 hit->prop->order_by ? errhint("Check its order_by: %s", hit->prop->order_by) : 0));
	if (list_length(spans) == 1)
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("%s %s failed: %s",
						((Span *) linitial(spans))->prop->kind == PROP_COLUMN ? "column property" : "relationship",
						mapped_prop_label(((Span *) linitial(spans))->prop), edata->message),
				 errdetail("Statement: %s%s%s", sql,
						   edata->detail ? "\n" : "", edata->detail ? edata->detail : ""),
				 edata->hint ? errhint("%s", edata->hint) : 0));
	ereport(ERROR,
			(errcode(edata->sqlerrcode),
			 errmsg("mapped view %s of table %s failed: %s", quote_identifier(t->view),
					quote_identifier(t->name), edata->message),
			 errdetail("Statement: %s%s%s", sql,
					   edata->detail ? "\n" : "", edata->detail ? edata->detail : ""),
			 edata->hint ? errhint("%s", edata->hint) : 0));
}

/*
 * Run one generated statement through SPI; an error is reported by
 * report_statement_error() with the property whose text (a span) is at
 * the failing position.
 */
void
mapped_run_ddl(const char *sql, List *spans, MTable *t)
{
	MemoryContext cxt = CurrentMemoryContext;

	elog(DEBUG1, "%s", sql);
	PG_TRY();
	{
		int			ret = SPI_execute(sql, false, 0);

		if (ret < 0)
			elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		report_statement_error(sql, spans, t, edata);
	}
	PG_END_TRY();
}

/* CREATE FUNCTION of a lazy relationship, a raise or a deferred property. */

/*
 * A column property is one value per row of its table: the type of its
 * expression is neither a row type (a whole row, such as the expression
 * "polls" of table polls, or a ROW(...)), a domain over one, nor a
 * pseudo-type (record, void, ...), and the expression returns no set.  A
 * deferred property becomes a SQL function returning that type, which
 * PostgreSQL 15 cannot validate for a whole row (the backend crashed); a
 * set would multiply the rows of the mapped view.
 */
void
mapped_check_value_type(const char *label, const char *expression,
						Oid type, bool returns_set)
{
	char		typtype;

	if (returns_set)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("column property %s: the expression returns a set", label),
				 errdetail("Expression: %s", expression),
				 errhint("A column property is one value per row: write a scalar subquery, e.g. (SELECT count(*) FROM ...).")));
	if (!OidIsValid(type))
		return;
	typtype = get_typtype(getBaseType(type));
	if (typtype == TYPTYPE_COMPOSITE || typtype == TYPTYPE_PSEUDO)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column property %s: the expression is of type %s, which is not one value",
						label, format_type_be(type)),
				 errdetail("Expression: %s", expression),
				 typtype == TYPTYPE_COMPOSITE ?
				 errhint("A column property is one value per row, not a row: select one field of it, or use migrate_relationship() to load related rows.") :
				 errhint("A column property is one value of a data type per row.")));
}
