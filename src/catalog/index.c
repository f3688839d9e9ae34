/*-------------------------------------------------------------------------
 *
 * index.c
 *	  Indexes that are not the index of a constraint: the full definition
 *	  (deparsed relative to the schema), and its parts: method, key columns
 *	  or expressions, INCLUDE columns, non-default operator classes,
 *	  predicate, uniqueness, options, the partitioned index it is attached
 *	  to, comment.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_class.h"
#include "utils/fmgrprotos.h"

static void
index_load(SnapRow *row, GNode *node)
{
	Datum		oid = ObjectIdGetDatum(row_oid(row, "_oid"));
	int			nkey = row_int(row, "_nkey");
	int			natts = row_int(row, "_natts");
	List	   *keys = NIL;
	List	   *include = NIL;

	gnode_add_string(node, "definition",
					 deparse_call(pg_get_indexdef_ext, 3, oid,
								  Int32GetDatum(0), BoolGetDatum(true)));
	for (int k = 1; k <= natts; k++)
	{
		char	   *col = deparse_call(pg_get_indexdef_ext, 3, oid,
									   Int32GetDatum(k), BoolGetDatum(true));

		if (k <= nkey)
			keys = lappend(keys, col);
		else
			include = lappend(include, col);
	}
	gnode_add_strings(node, "keys", keys);
	if (include != NIL)
		gnode_add_strings(node, "include", include);
	gnode_add_string(node, "predicate",
					 deparse_expr(row_text(row, "_pred"), row_oid(row, "_parent")));
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
	"       (SELECT array_agg(o ORDER BY o COLLATE \"C\")"
	"          FROM unnest(ic.reloptions) o WHERE o NOT LIKE 'pg\\_%') AS options,"
	"       (SELECT CASE WHEN bool_or(NOT oc.opcdefault) THEN"
	"                 jsonb_agg(CASE WHEN oc.opcdefault THEN NULL"
	"                   WHEN oc.opcnamespace IN (ic.relnamespace, 'pg_catalog'::regnamespace)"
	"                   THEN quote_ident(oc.opcname)"
	"                   ELSE quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname)"
	"                   END ORDER BY k.n) END"
	"          FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS k(opc, n)"
	"          JOIN pg_opclass oc ON oc.oid = k.opc"
	"          JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace) AS opclasses,"
	"       (SELECT pi.inhparent::regclass FROM pg_inherits pi"
	"         WHERE pi.inhrelid = i.indexrelid) AS partition_of,"
	"       i.indnkeyatts::int4 AS _nkey, i.indnatts::int4 AS _natts,"
	"       i.indpred::text AS _pred,"
	"       " PGM_SQL_COMMENT("pg_class", "i.indexrelid") " AS comment"
	"  FROM pg_index i"
	"  JOIN pg_class ic ON ic.oid = i.indexrelid"
	"  JOIN pg_am am ON am.oid = ic.relam"
	" WHERE ic.relnamespace = ANY($1)"
	"   AND NOT EXISTS (SELECT 1 FROM pg_constraint co"
	"                    WHERE co.conindid = i.indexrelid"
	"                      AND co.conrelid = i.indrelid"
	"                      AND co.contype IN ('p', 'u', 'x'))",
	.load = index_load,
};
