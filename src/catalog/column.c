/*-------------------------------------------------------------------------
 *
 * column.c
 *	  Columns of tables, views, materialized views and composite types, in
 *	  their order: type with typmod, collation (when not the type's),
 *	  NOT NULL, default, identity (with its sequence's options), generated
 *	  expression, storage (when not the type's), compression, statistics
 *	  target, options, inheritance, comment, privileges.  A column's
 *	  pg_attrdef row is an alias of the column.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_attrdef.h"
#include "catalog/pg_class.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* A default or generation expression, deparsed once all columns are in. */
typedef struct PendingExpr
{
	GNode	   *node;
	const char *key;
	char	   *expr;
	Oid			relid;
} PendingExpr;

static void
column_load(SnapRow *row, GNode *node)
{
	char	   *expr = row_text(row, "_expr");
	ObjAddr		attrdef = {AttrDefaultRelationId, row_oid(row, "_attrdef"), 0};

	gnode_add_string(node, "type",
					 format_type_with_typemod(row_oid(row, "_typid"),
											  row_int(row, "_typmod")));
	if (expr != NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(row->graph->cxt);
		PendingExpr *p = palloc(sizeof(PendingExpr));

		p->node = node;
		p->key = strcmp(row_text(row, "_generated"), "s") == 0 ?
			"generated" : "default";
		p->expr = pstrdup(expr);
		p->relid = row_oid(row, "_oid");
		row->graph->pending = lappend(row->graph->pending, p);
		MemoryContextSwitchTo(old);
		graph_add_alias(row->graph, &attrdef, node);
	}
}

/* Deparse the expressions: a generated column may name later columns. */
static void
column_finish(Graph *g)
{
	ListCell   *lc;
	GNode	   *schema = NULL;
	MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext,
											  "pg_migrate deparse",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(tmp);

	foreach(lc, g->pending)
	{
		PendingExpr *p = lfirst(lc);

		if (p->node->schema != schema)
		{
			schema = p->node->schema;
			pgm_set_schema_search_path(schema->name);
		}
		gnode_add_string(p->node, p->key, deparse_rel_expr(g, p->expr, p->relid));
		MemoryContextReset(tmp);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(tmp);
	list_free_deep(g->pending);
	g->pending = NIL;
}

const SnapHandler pgm_column_handler = {
	.kind = OBJ_COLUMN,
	.classid = RelationRelationId,
	.query =
	"SELECT a.attrelid AS _oid, a.attnum::int4 AS _subid,"
	"       a.attrelid AS _parent, a.attname AS _name,"
	"       a.atttypid AS _typid, a.atttypmod AS _typmod,"
	"       ad.adbin::text AS _expr, ad.oid AS _attrdef,"
	"       a.attgenerated::text AS _generated,"
	"       CASE WHEN a.attnotnull THEN true END AS not_null,"
	"       CASE a.attidentity WHEN 'a' THEN 'always'"
	"                          WHEN 'd' THEN 'by default' END AS identity,"
	"       CASE WHEN a.attidentity <> '' THEN"
	"         (SELECT jsonb_build_object('name', sc.relname,"
	"                   'type', format_type(s.seqtypid, NULL),"
	"                   'start', s.seqstart, 'increment', s.seqincrement,"
	"                   'min', s.seqmin, 'max', s.seqmax,"
	"                   'cache', s.seqcache, 'cycle', s.seqcycle)"
	"            FROM pg_depend d"
	"            JOIN pg_sequence s ON s.seqrelid = d.objid"
	"            JOIN pg_class sc ON sc.oid = d.objid"
	"           WHERE d.refclassid = 'pg_class'::regclass"
	"             AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum"
	"             AND d.classid = 'pg_class'::regclass AND d.deptype = 'i')"
	"       END AS identity_sequence,"
	"       CASE WHEN a.attcollation <> t.typcollation"
	"            THEN a.attcollation::regcollation END AS collation,"
	"       CASE WHEN a.attstorage <> t.typstorage THEN"
	"         CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external'"
	"                           WHEN 'm' THEN 'main' WHEN 'x' THEN 'extended' END"
	"       END AS storage,"
	"       CASE a.attcompression WHEN 'p' THEN 'pglz'"
	"                             WHEN 'l' THEN 'lz4' END AS compression,"
	"       NULLIF(a.attstattarget, -1) AS statistics,"
	"       a.attoptions AS options,"
	"       CASE WHEN a.attinhcount > 0 THEN true END AS inherited,"
	"       CASE WHEN a.attinhcount > 0 THEN a.attislocal END AS local,"
	"       d.description AS comment,"
	"       " PGM_SQL_ACL("a.attacl", "c", "c.relowner", PGM_ACL_DEFAULT_NONE) " AS privileges"
	"  FROM pg_attribute a"
	"  JOIN pg_class c ON c.oid = a.attrelid"
	"  JOIN pg_type t ON t.oid = a.atttypid"
	"  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum"
	"  LEFT JOIN pg_description d ON d.objoid = a.attrelid"
	"        AND d.classoid = 'pg_class'::regclass AND d.objsubid = a.attnum"
	" WHERE a.attnum > 0 AND NOT a.attisdropped"
	"   AND c.relkind IN ('r', 'p', 'v', 'm', 'c')"
	"   AND c.relnamespace = ANY($1)"
	" ORDER BY a.attrelid, a.attnum",
	.load = column_load,
	.finish = column_finish,
};
