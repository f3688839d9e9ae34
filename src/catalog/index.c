/*-------------------------------------------------------------------------
 *
 * index.c
 *	  Indexes that are not the index of a constraint: the full definition
 *	  (written here as pg_get_indexdef() would, relative to the schema, but
 *	  without opening the table), and its parts: method, key columns or
 *	  expressions, INCLUDE columns, non-default operator classes,
 *	  predicate, uniqueness, options, the partitioned index it is attached
 *	  to, comment.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "access/htup_details.h"
#include "catalog/pg_index.h"
#include "catalog/pg_opclass.h"
#include "utils/syscache.h"
#include "nodes/nodeFuncs.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/memutils.h"
#include "utils/ruleutils.h"

/*
 * An expression that the grammar takes as an index key as it is (a
 * function call and the like); anything else is written in parentheses.
 * The same rule as ruleutils.c follows, so that the definition reads as
 * pg_get_indexdef() would write it.
 */
static bool
looks_like_function(Node *node)
{
	if (node == NULL)
		return false;
	switch (nodeTag(node))
	{
		case T_FuncExpr:
			return ((FuncExpr *) node)->funcformat == COERCE_EXPLICIT_CALL ||
				((FuncExpr *) node)->funcformat == COERCE_SQL_SYNTAX;
		case T_NullIfExpr:
		case T_CoalesceExpr:
		case T_MinMaxExpr:
		case T_SQLValueFunction:
		case T_XmlExpr:
			return true;
		default:
			return false;
	}
}

static bool
opclass_is_default(Oid opclass)
{
	HeapTuple	tup = SearchSysCache1(CLAOID, ObjectIdGetDatum(opclass));
	bool		dflt;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "pg_migrate: cache lookup failed for operator class %u", opclass);
	dflt = ((Form_pg_opclass) GETSTRUCT(tup))->opcdefault;
	ReleaseSysCache(tup);
	return dflt;
}

/*
 * The index's definition, written from the catalog row and the columns of
 * the graph, as pg_get_indexdef() writes it (without pretty-printing), but
 * without opening the table: "CREATE [UNIQUE] INDEX name ON [ONLY] table
 * USING method (keys) [INCLUDE (...)] [NULLS NOT DISTINCT] [WITH (...)]
 * [WHERE predicate]".  Also fills the key and INCLUDE lists.
 */
static char *
index_definition(SnapRow *row, GNode *node, List **keys, List **include)
{
	Graph	   *g = row->graph;
	Oid			relid = row_oid(row, "_parent");
	int			nkey = row_int(row, "_nkey");
	int			natts;
	int			n;
	Datum	   *indkey = row_array(row, "_indkey", INT2OID, &natts);
	Datum	   *indcoll = row_array(row, "_indcoll", OIDOID, &n);
	Datum	   *indoption = row_array(row, "_indoption", INT2OID, &n);
	Datum	   *reloptions = row_array(row, "_reloptions", TEXTOID, &n);
	int			noptions = n;
	int			nclass;
	Datum	   *opclasses = row_array(row, "_opclasses", OIDOID, &nclass);
	List	   *shown = NIL;
	bool		any_shown = false;
	bool		nondefault = strcmp(row_text(row, "_nondefault"), "t") == 0;
	bool		has_attoptions = strcmp(row_text(row, "_has_attoptions"), "t") == 0;
	char	   *exprs = row_text(row, "_exprs");
	ListCell   *expr = NULL;
	List	   *exprlist = NIL;
	bool		canorder = strcmp(row_text(row, "_canorder"), "t") == 0;
	StringInfoData buf;

	if (exprs != NULL)
	{
		exprlist = (List *) stringToNode(exprs);
		expr = list_head(exprlist);
	}

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE %sINDEX %s ON %s%s USING %s (",
					 gnode_bool(node, "unique") ? "UNIQUE " : "",
					 quote_identifier(node->name),
					 strcmp(row_text(row, "_only"), "t") == 0 ? "ONLY " : "",
					 DatumGetCString(DirectFunctionCall1(regclassout,
														 ObjectIdGetDatum(relid))),
					 gnode_str(node, "method"));

	for (int k = 0; k < natts; k++)
	{
		int16		attnum = DatumGetInt16(indkey[k]);
		char	   *key;
		Oid			keycoll;

		if (k == nkey)
			appendStringInfoString(&buf, ") INCLUDE (");
		else if (k > 0)
			appendStringInfoString(&buf, ", ");

		if (attnum != 0)
		{
			GNode	   *col = graph_lookup(g, RelationRelationId, relid, attnum);
			Oid			typid;
			int32		typmod;

			key = pstrdup(quote_identifier(col ? col->name : get_attname(relid, attnum, false)));
			get_atttypetypmodcoll(relid, attnum, &typid, &typmod, &keycoll);
		}
		else
		{
			Node	   *e = (Node *) lfirst(expr);
			char	   *str = deparse_rel_node(g, e, relid);

			expr = lnext(exprlist, expr);
			key = looks_like_function(e) ? str : psprintf("(%s)", str);
			keycoll = exprCollation(e);
		}
		appendStringInfoString(&buf, key);
		if (k < nkey)
		{
			Oid			coll = indcoll ? DatumGetObjectId(indcoll[k]) : InvalidOid;
			int16		opt = indoption ? DatumGetInt16(indoption[k]) : 0;
			Oid			opclass = nondefault && k < nclass ?
				DatumGetObjectId(opclasses[k]) : InvalidOid;
			Datum		attoptions = has_attoptions ?
				get_attoptions(row_oid(row, "_oid"), k + 1) : (Datum) 0;

			if (OidIsValid(opclass) && opclass_is_default(opclass))
				opclass = InvalidOid;

			*keys = lappend(*keys, key);
			if (OidIsValid(coll) && coll != keycoll)
				appendStringInfo(&buf, " COLLATE %s", generate_collation_name(coll));
			/* a non-default operator class, named as the search_path sees it */
			if (OidIsValid(opclass))
			{
				char	   *name = generate_opclass_name(opclass);

				appendStringInfo(&buf, " %s", name);
				shown = lappend(shown, name);
				any_shown = true;
			}
			else
				shown = lappend(shown, NULL);
			if (attoptions != (Datum) 0)
			{
				Datum	   *opts;
				int			nopts;

				deconstruct_array(DatumGetArrayTypeP(attoptions), TEXTOID, -1,
								  false, TYPALIGN_INT, &opts, NULL, &nopts);
				append_options(&buf, " (", opts, nopts);
			}
			if (canorder)
			{
				if (opt & INDOPTION_DESC)
				{
					appendStringInfoString(&buf, " DESC");
					if (!(opt & INDOPTION_NULLS_FIRST))
						appendStringInfoString(&buf, " NULLS LAST");
				}
				else if (opt & INDOPTION_NULLS_FIRST)
					appendStringInfoString(&buf, " NULLS FIRST");
			}
		}
		else
			*include = lappend(*include, key);
	}
	appendStringInfoChar(&buf, ')');

	if (gnode_bool(node, "nulls_not_distinct"))
		appendStringInfoString(&buf, " NULLS NOT DISTINCT");
	append_storage_options(&buf, reloptions, noptions);
	/* "opclasses": per key, the operator class when not the default, or null */
	if (any_shown)
		gnode_add_strings(node, "opclasses", shown);
	if (row_text(row, "_pred") != NULL)
		appendStringInfo(&buf, " WHERE %s",
						 deparse_rel_expr(g, row_text(row, "_pred"), relid));
	return buf.data;
}

static void
index_load(SnapRow *row, GNode *node)
{
	List	   *keys = NIL;
	List	   *include = NIL;
	char	   *def = index_definition(row, node, &keys, &include);

	gnode_add_string(node, "definition", def);
	gnode_add_strings(node, "keys", keys);
	if (include != NIL)
		gnode_add_strings(node, "include", include);
	gnode_add_string(node, "predicate",
					 deparse_rel_expr(row->graph, row_text(row, "_pred"),
									  row_oid(row, "_parent")));
}

const SnapHandler pgm_index_handler = {
	.kind = OBJ_INDEX,
	.classid = RelationRelationId,
	.query =
	"SELECT i.indexrelid AS _oid, i.indrelid AS _parent, ic.relname AS _name,"
	"       am.amname AS method,"
	"       CASE WHEN i.indisunique THEN true END AS unique,"
	"       CASE WHEN i.indnullsnotdistinct THEN true END AS nulls_not_distinct,"
	"       CASE WHEN i.indisclustered THEN true END AS clustered,"
	"       CASE WHEN NOT i.indisvalid THEN true END AS invalid,"
	"       ic.reloptions AS options,"
	"       i.indclass::oid[] AS _opclasses,"
	"       i.indclass::oid[] && (SELECT array_agg(oc.oid) FROM pg_opclass oc"
	"                             WHERE NOT oc.opcdefault) AS _nondefault,"
	"       ao.attrelid IS NOT NULL AS _has_attoptions,"
	"       CASE WHEN ic.relispartition THEN"
	"         (SELECT pi.inhparent::regclass FROM pg_inherits pi"
	"           WHERE pi.inhrelid = i.indexrelid) END AS partition_of,"
"       i.indnkeyatts::int4 AS _nkey, i.indnatts::int4 AS _natts,"
	"       i.indkey::int2[] AS _indkey,"
	"       i.indcollation::oid[] AS _indcoll,"
	"       i.indoption::int2[] AS _indoption,"
	"       ic.reloptions AS _reloptions,"
	"       i.indexprs::text AS _exprs,"
	"       i.indpred::text AS _pred,"
	"       pg_indexam_has_property(am.oid, 'can_order') AS _canorder,"
	"       tc.relkind = 'p' AS _only,"
	"       d.description AS comment"
	"  FROM pg_index i"
	"  JOIN pg_class ic ON ic.oid = i.indexrelid"
	"  JOIN pg_am am ON am.oid = ic.relam"
	"  JOIN pg_class tc ON tc.oid = i.indrelid"
	"  LEFT JOIN (SELECT a.attrelid FROM pg_attribute a"
	"               JOIN pg_index x ON x.indexrelid = a.attrelid"
	"              WHERE a.attoptions IS NOT NULL GROUP BY 1) ao"
	"        ON ao.attrelid = i.indexrelid"
	"  LEFT JOIN pg_description d ON d.objoid = i.indexrelid"
	"        AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0"
	" WHERE ic.relnamespace = ANY($1)"
	"   AND NOT EXISTS (SELECT 1 FROM pg_constraint co"
	"                    WHERE co.conindid = i.indexrelid"
	"                      AND co.conrelid = i.indrelid"
	"                      AND co.contype IN ('p', 'u', 'x'))",
	.load = index_load,
};
