/*-------------------------------------------------------------------------
 *
 * index.c
 *	  Indexes that are not the index of a constraint: the full definition
 *	  (deparsed relative to the schema), and its parts: method, key columns
 *	  or expressions (plain columns named from the graph, only expressions
 *	  deparsed), INCLUDE columns, non-default operator classes,
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
#include "utils/fmgrprotos.h"

static void
index_load(SnapRow *row, GNode *node)
{
	Datum		oid = ObjectIdGetDatum(row_oid(row, "_oid"));
	int			nkey = row_int(row, "_nkey");
	int			natts = row_int(row, "_natts");
	List	   *keys = NIL;
	List	   *include = NIL;
	List	   *plain = NIL;
	bool		isnull;
	Datum		indkey = row_datum(row, "_indkey", &isnull);
	Oid			relid = row_oid(row, "_parent");

	/* key columns are columns of the graph already; 0 is an expression */
	if (!isnull)
	{
		Datum	   *elems;
		int			n;

		deconstruct_array(DatumGetArrayTypeP(indkey), INT2OID, sizeof(int16),
						  true, TYPALIGN_SHORT, &elems, NULL, &n);
		for (int i = 0; i < n; i++)
		{
			int16		attnum = DatumGetInt16(elems[i]);
			GNode	   *col = attnum > 0 ?
				graph_lookup(row->graph, RelationRelationId, relid, attnum) : NULL;

			plain = lappend(plain, col ? (char *) quote_identifier(col->name) : "");
		}
	}

	gnode_add_string(node, "definition",
					 deparse_call(pg_get_indexdef_ext, 3, oid,
								  Int32GetDatum(0), BoolGetDatum(true)));
	for (int k = 1; k <= natts; k++)
	{
		char	   *col = NULL;

		/* plain columns are named by the query; expressions deparsed */
		if (plain != NULL && k <= list_length(plain))
			col = list_nth(plain, k - 1);
		if (col == NULL || col[0] == '\0')
			col = deparse_call(pg_get_indexdef_ext, 3, oid,
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
	"       ic.reloptions AS options,"
	"       CASE WHEN i.indclass::oid[] && (SELECT array_agg(oc.oid) FROM pg_opclass oc"
	"                                        WHERE NOT oc.opcdefault) THEN"
	"         (SELECT jsonb_agg(CASE WHEN oc.opcdefault THEN NULL"
	"                   WHEN oc.opcnamespace IN (ic.relnamespace, 'pg_catalog'::regnamespace)"
	"                   THEN quote_ident(oc.opcname)"
	"                   ELSE quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname)"
	"                   END ORDER BY k.n)"
	"            FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS k(opc, n)"
	"            JOIN pg_opclass oc ON oc.oid = k.opc"
	"            JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace) END AS opclasses,"
	"       CASE WHEN ic.relispartition THEN"
	"         (SELECT pi.inhparent::regclass FROM pg_inherits pi"
	"           WHERE pi.inhrelid = i.indexrelid) END AS partition_of,"
"       i.indnkeyatts::int4 AS _nkey, i.indnatts::int4 AS _natts,"
	"       i.indkey::int2[] AS _indkey,"
	"       i.indpred::text AS _pred,"
	"       d.description AS comment"
	"  FROM pg_index i"
	"  JOIN pg_class ic ON ic.oid = i.indexrelid"
	"  JOIN pg_am am ON am.oid = ic.relam"
	"  LEFT JOIN pg_description d ON d.objoid = i.indexrelid"
	"        AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0"
	" WHERE ic.relnamespace = ANY($1)"
	"   AND NOT EXISTS (SELECT 1 FROM pg_constraint co"
	"                    WHERE co.conindid = i.indexrelid"
	"                      AND co.conrelid = i.indrelid"
	"                      AND co.contype IN ('p', 'u', 'x'))",
	.load = index_load,
};
