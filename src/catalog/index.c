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

#include "access/amapi.h"
#include "catalog/partition.h"
#include "catalog/pg_class.h"
#include "commands/defrem.h"
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
		elog(ERROR, "cache lookup failed for operator class %u", opclass);
	dflt = ((Form_pg_opclass) GETSTRUCT(tup))->opcdefault;
	ReleaseSysCache(tup);
	return dflt;
}

/* What index_definition() needs of an index. */
typedef struct IndexRow
{
	Graph	   *graph;
	SnapRel    *rel;			/* the index's pg_class row, with pg_index */
	Form_pg_index ind;
	GNode	   *parent;
	const char *method;
	bool		canorder;
} IndexRow;

static Datum
index_attr(IndexRow *row, AttrNumber attnum, bool *isnull)
{
	return SysCacheGetAttr(INDEXRELID, row->rel->index, attnum, isnull);
}

static char *
index_text(IndexRow *row, AttrNumber attnum)
{
	bool		isnull;
	Datum		d = index_attr(row, attnum, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

static Datum *
index_vector(IndexRow *row, AttrNumber attnum, Oid elemtype, int *n)
{
	bool		isnull;
	Datum		d = index_attr(row, attnum, &isnull);

	if (isnull)
	{
		*n = 0;
		return NULL;
	}
	return snap_array(d, elemtype, n);
}

/* An index's expressions as keys of its definition, and their collations. */
typedef struct IndexExprs
{
	int			n;
	char	  **keys;			/* deparsed, in parentheses unless a call */
	Oid		   *colls;
} IndexExprs;

/*
 * The expressions of an index (indexprs), made once per node tree and
 * column names (snap_deparsed): the bench schema's 10,000 lower(name)
 * indexes are one.
 */
static IndexExprs *
index_exprs(Graph *g, const char *tree, Oid relid)
{
	bool		found;
	void	  **slot = snap_deparsed(g, tree, relid, 1, &found);
	MemoryContext old;
	List	   *exprlist;
	IndexExprs *ie;
	ListCell   *lc;
	int			i = 0;

	if (found)
		return (IndexExprs *) *slot;
	exprlist = (List *) stringToNode(tree);
	old = MemoryContextSwitchTo(slot ? g->cxt : CurrentMemoryContext);
	ie = palloc(sizeof(IndexExprs));
	ie->n = list_length(exprlist);
	ie->keys = palloc(sizeof(char *) * Max(ie->n, 1));
	ie->colls = palloc(sizeof(Oid) * Max(ie->n, 1));
	MemoryContextSwitchTo(old);
	foreach(lc, exprlist)
	{
		Node	   *e = (Node *) lfirst(lc);
		char	   *str = deparse_rel_node(g, e, relid);

		str = looks_like_function(e) ? str : psprintf("(%s)", str);
		ie->keys[i] = slot ? MemoryContextStrdup(g->cxt, str) : str;
		ie->colls[i] = exprCollation(e);
		i++;
	}
	if (slot != NULL)
		*slot = ie;
	return ie;
}

/*
 * The index's definition, written from the catalog row and the columns of
 * the graph, as pg_get_indexdef() writes it (without pretty-printing), but
 * without opening the table: "CREATE [UNIQUE] INDEX name ON [ONLY] table
 * USING method (keys) [INCLUDE (...)] [NULLS NOT DISTINCT] [WITH (...)]
 * [WHERE predicate]".  Also fills the key and INCLUDE lists.
 */
static char *
index_definition(IndexRow *row, GNode *node, List **keys, List **include,
				 char *pred)
{
	Graph	   *g = row->graph;
	Form_pg_index ind = row->ind;
	Oid			relid = ind->indrelid;
	Oid			indexid = ind->indexrelid;
	int			nkey = ind->indnkeyatts;
	int			natts = ind->indkey.dim1;
	int			n;
	Datum	   *indcoll = index_vector(row, Anum_pg_index_indcollation, OIDOID, &n);
	Datum	   *indoption = index_vector(row, Anum_pg_index_indoption, INT2OID, &n);
	int			noptions;
	Datum	   *reloptions = snap_array(row->rel->reloptions, TEXTOID, &noptions);
	int			nclass;
	Datum	   *opclasses = index_vector(row, Anum_pg_index_indclass, OIDOID, &nclass);
	List	   *shown = NIL;
	bool		any_shown = false;
	bool		has_attoptions = snap_has_attoptions(g, indexid);
	char	   *exprs = index_text(row, Anum_pg_index_indexprs);
	IndexExprs *ie = exprs ? index_exprs(g, exprs, relid) : NULL;
	int			nexpr = 0;
	SnapRel    *table = snap_relation(g, relid);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE %sINDEX %s ON %s%s USING %s (",
					 ind->indisunique ? "UNIQUE " : "",
					 quote_identifier(node->name),
					 table != NULL && table->relkind == RELKIND_PARTITIONED_TABLE ?
					 "ONLY " : "",
					 snap_relation_name(g, relid),
					 row->method);

	for (int k = 0; k < natts; k++)
	{
		int16		attnum = ind->indkey.values[k];
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
			if (!snap_column_collation(g, relid, attnum, &keycoll))
				get_atttypetypmodcoll(relid, attnum, &typid, &typmod, &keycoll);
		}
		else
		{
			if (ie == NULL || nexpr >= ie->n)
				elog(ERROR, "too few expressions for index %u", indexid);
			key = pstrdup(ie->keys[nexpr]);
			keycoll = ie->colls[nexpr];
			nexpr++;
		}
		appendStringInfoString(&buf, key);
		if (k < nkey)
		{
			Oid			coll = indcoll ? DatumGetObjectId(indcoll[k]) : InvalidOid;
			int16		opt = indoption ? DatumGetInt16(indoption[k]) : 0;
			Oid			opclass = k < nclass ? DatumGetObjectId(opclasses[k]) : InvalidOid;
			Datum		attoptions = has_attoptions ?
				snap_attoptions(g, indexid, k + 1) : (Datum) 0;

			/* the default one too when it has options, as ruleutils.c does */
			if (OidIsValid(opclass) && attoptions == (Datum) 0 &&
				opclass_is_default(opclass))
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
			if (row->canorder)
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

	if (ind->indnullsnotdistinct)
		appendStringInfoString(&buf, " NULLS NOT DISTINCT");
	append_storage_options(&buf, reloptions, noptions);
	/* "opclasses": per key, the operator class when not the default, or null */
	if (any_shown)
		gnode_add_strings(node, "opclasses", shown);
	if (pred != NULL)
		appendStringInfo(&buf, " WHERE %s", pred);
	return buf.data;
}

static void
index_load(IndexRow *row)
{
	Graph	   *g = row->graph;
	Form_pg_index ind = row->ind;
	ObjAddr		addr = {RelationRelationId, ind->indexrelid, 0};
	GNode	   *node;
	List	   *keys = NIL;
	List	   *include = NIL;
	char	   *predtree;
	char	   *pred = NULL;
	const char *comment;
	char	   *def;

	node = graph_add_node(g, OBJ_INDEX, &addr, NameStr(row->rel->relname),
						  row->parent->schema, row->parent);
	snap_use_schema_path(g, row->parent->schema);

	gnode_add_string(node, "method", row->method);
	if (ind->indisunique)
		gnode_add_bool(node, "unique", true);
	if (ind->indnullsnotdistinct)
		gnode_add_bool(node, "nulls_not_distinct", true);
	if (ind->indisclustered)
		gnode_add_bool(node, "clustered", true);
	if (!ind->indisvalid)
		gnode_add_bool(node, "invalid", true);
	if (row->rel->reloptions != (Datum) 0)
		snap_add_array(node, "options", row->rel->reloptions);
	{
		List	   *targets = snap_index_stattargets(g, ind->indexrelid);

		if (targets != NIL)
			gnode_add_strings(node, "column_statistics", targets);
	}
	if (row->rel->relispartition)
	{
		Oid			parent = get_partition_parent(ind->indexrelid, true);

		gnode_add_string(node, "partition_of",
						 DatumGetCString(DirectFunctionCall1(regclassout,
															 ObjectIdGetDatum(parent))));
	}
	comment = snap_comment(g, RelationRelationId, ind->indexrelid, 0);
	if (comment != NULL)
		gnode_add_string(node, "comment", comment);

	predtree = index_text(row, Anum_pg_index_indpred);
	if (predtree != NULL)
		pred = deparse_rel_expr(g, predtree, ind->indrelid);
	def = index_definition(row, node, &keys, &include, pred);
	gnode_add_string(node, "definition", def);
	gnode_add_strings(node, "keys", keys);
	if (include != NIL)
		gnode_add_strings(node, "include", include);
	gnode_add_string(node, "predicate", pred);
}

/* The index access method's name and whether it can order, cached. */
typedef struct AmInfo
{
	Oid			amoid;
	char	   *name;
	bool		canorder;
} AmInfo;

/*
 * The indexes of the scope that are not the index of a constraint
 * (constraint.c, which runs first, marks those), from the pg_class and
 * pg_index rows read once for the snapshot.
 */
static uint64
index_scan(Graph *g)
{
	MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext,
												 "pg_migrate row",
												 ALLOCSET_DEFAULT_SIZES);
	MemoryContext old;
	List	   *indexes = snap_indexes(g);
	AmInfo		ams[8];
	int			nams = 0;
	ListCell   *lc;
	uint64		n = 0;

	old = MemoryContextSwitchTo(rowcxt);
	foreach(lc, indexes)
	{
		SnapRel    *rel = lfirst(lc);
		IndexRow	row;
		AmInfo	   *am = NULL;

		if (rel->of_constraint)
			continue;
		row.graph = g;
		row.rel = rel;
		row.ind = (Form_pg_index) GETSTRUCT(rel->index);
		row.parent = graph_lookup(g, RelationRelationId, row.ind->indrelid, 0);
		if (row.parent == NULL)
			continue;

		for (int i = 0; i < nams; i++)
			if (ams[i].amoid == rel->relam)
				am = &ams[i];
		if (am == NULL)
		{
			AmInfo		info;
			IndexAmRoutine *routine = GetIndexAmRoutineByAmId(rel->relam, false);

			info.amoid = rel->relam;
			info.name = MemoryContextStrdup(g->cxt, get_am_name(rel->relam));
			info.canorder = routine->amcanorder;
			if (nams < lengthof(ams))
				am = &ams[nams++];
			else
				am = MemoryContextAlloc(g->cxt, sizeof(AmInfo));
			*am = info;
		}
		row.method = am->name;
		row.canorder = am->canorder;
		index_load(&row);
		MemoryContextReset(rowcxt);
		n++;
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(rowcxt);
	return n;
}

const SnapHandler pgm_index_handler = {
	.kind = OBJ_INDEX,
	.classid = RelationRelationId,
	.scan = index_scan,
};
