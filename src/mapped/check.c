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
 * The type of a column property's expression, found by preparing it over
 * the table; an error names the property and the position in the
 * expression.
 */
static void report_statement_error(const char *sql, List *spans,
								   MTable *t, ErrorData *edata);

/*
 * The expression must be one SQL expression: it is written into a select
 * list between parentheses, so text that closes them and goes on ("1),
 * (2" or "1) FROM t WHERE (true") would change the view around it.
 */
void
mapped_check_expression(const char *label, const char *expression)
{
	char	   *sql = psprintf("SELECT (\n%s\n)", expression);
	List	   *raw;
	SelectStmt *sel;

	raw = raw_parser(sql, RAW_PARSE_DEFAULT);
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
				 errmsg("column property %s: the expression is not one SQL expression",
						label),
				 errdetail("Expression: %s", expression),
				 errhint("Write one value, e.g. a scalar subquery in parentheses.")));
}

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
	spans = mapped_add_span(spans, p, start, buf.len, true);
	appendStringInfo(&buf, "\n) FROM %s AS %s", mapped_qualified(plan, t->name),
					 quote_identifier(t->name));
	PG_TRY();
	{
		SPIPlanPtr	sp = SPI_prepare(buf.data, 0, NULL);
		TupleDesc	desc;
		Form_pg_attribute att;

		if (sp == NULL)
			elog(ERROR, "pg_migrate: SPI_prepare failed: %d", SPI_result);
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
	foreach(lc, spans)
	{
		Span	   *s = lfirst(lc);

		if (bpos >= s->start && bpos <= s->end)
			hit = s;
	}
	if (hit != NULL && hit->expression)
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("column property %s failed: %s", mapped_prop_label(hit->prop), edata->message),
				 errdetail("At character %d of its expression: %s%s%s",
						   pg_mbstrlen_with_len(sql + hit->start, bpos - hit->start) + 1,
						   hit->prop->expression,
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

void
mapped_run_ddl(const char *sql, List *spans, MTable *t)
{
	MemoryContext cxt = CurrentMemoryContext;

	elog(DEBUG1, "pg_migrate: %s", sql);
	PG_TRY();
	{
		int			ret = SPI_execute(sql, false, 0);

		if (ret < 0)
			elog(ERROR, "pg_migrate: SPI_execute failed: %d", ret);
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
