/*-------------------------------------------------------------------------
 *
 * table.c
 *	  Tables, partitioned or not: persistence, partitioning, inheritance,
 *	  typed tables, row level security, options (its TOAST table's as
 *	  "toast.name=value"), replica identity, access
 *	  method, comment and privileges.  Columns, constraints, indexes,
 *	  triggers and policies are children read by their own handlers.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "utils/fmgrprotos.h"

/* A relation's row type, and its array, are that relation. */
void
pgm_alias_rowtype(SnapRow *row, GNode *node)
{
	ObjAddr		addr = {TypeRelationId, InvalidOid, 0};

	pgm_register_relation(row->graph, row_oid(row, "_oid"), node->name,
						  row_int(row, "_natts"));

	if (OidIsValid(addr.objid = row_oid(row, "_reltype")))
		graph_add_alias(row->graph, &addr, node);
	if (OidIsValid(addr.objid = row_oid(row, "_reltype_array")))
		graph_add_alias(row->graph, &addr, node);
}

static void
table_load(SnapRow *row, GNode *node)
{
	Oid			relid = row_oid(row, "_oid");

	if (strcmp(row_text(row, "_partitioned"), "t") == 0)
		gnode_add_string(node, "partition_by",
						 deparse_call(pg_get_partkeydef, 1,
									  ObjectIdGetDatum(relid), 0, 0));
	gnode_add_string(node, "partition_bound",
					 deparse_expr(row_text(row, "_bound"), relid));
	pgm_alias_rowtype(row, node);
}

const SnapHandler pgm_table_handler = {
	.kind = OBJ_TABLE,
	.classid = RelationRelationId,
	.query =
	"SELECT c.oid AS _oid, c.relnamespace AS _nsp, c.relname AS _name,"
	"       CASE c.relpersistence WHEN 'u' THEN 'unlogged'"
	"                             ELSE 'permanent' END AS persistence,"
	"       c.relrowsecurity AS row_security,"
	"       c.relforcerowsecurity AS force_row_security,"
	"       CASE WHEN c.reloptions IS NOT NULL OR tc.reloptions IS NOT NULL THEN"
	"         COALESCE(c.reloptions, '{}') ||"
	"         ARRAY(SELECT 'toast.' || o FROM unnest(tc.reloptions) o) END AS options,"
	"       CASE c.relreplident WHEN 'n' THEN 'nothing' WHEN 'f' THEN 'full'"
	"                           WHEN 'i' THEN 'index' END AS replica_identity,"
	"       CASE WHEN c.relreplident = 'i' THEN"
	"         (SELECT ic.relname FROM pg_index i"
	"            JOIN pg_class ic ON ic.oid = i.indexrelid"
	"           WHERE i.indrelid = c.oid AND i.indisreplident) END AS replica_identity_index,"
	"       NULLIF(am.amname, 'heap') AS access_method,"
	"       (SELECT array_agg(i.inhparent::regclass ORDER BY i.inhseqno)"
	"          FROM pg_inherits i"
	"         WHERE i.inhrelid = c.oid AND NOT c.relispartition) AS inherits,"
	"       CASE WHEN c.relispartition THEN"
	"         (SELECT i.inhparent::regclass FROM pg_inherits i"
	"           WHERE i.inhrelid = c.oid) END AS partition_of,"
	"       NULLIF(c.reloftype, 0)::regtype AS of_type,"
	"       c.relkind = 'p' AS _partitioned,"
	"       c.relpartbound::text AS _bound,"
	"       c.reltype AS _reltype, t.typarray AS _reltype_array,"
	"       c.relnatts::int4 AS _natts,"
	"       d.description AS comment,"
	"       " PGM_SQL_ACL("c.relacl", "r", "c.relowner", PGM_ACL_DEFAULT_NONE) " AS privileges"
	"  FROM pg_class c"
	"  LEFT JOIN pg_am am ON am.oid = c.relam"
	"  LEFT JOIN pg_type t ON t.oid = c.reltype"
	"  LEFT JOIN pg_class tc ON tc.oid = c.reltoastrelid"
	"  LEFT JOIN pg_description d ON d.objoid = c.oid"
	"        AND d.classoid = 'pg_class'::regclass AND d.objsubid = 0"
	" WHERE c.relkind IN ('r', 'p')"
	"   AND c.relnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_class", "c.oid"),
	.load = table_load,
};
