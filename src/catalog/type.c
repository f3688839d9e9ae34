/*-------------------------------------------------------------------------
 *
 * type.c
 *	  Types made with CREATE TYPE or CREATE DOMAIN: enums (labels in
 *	  order), composites (their attributes are read as columns), domains
 *	  (base type, default, NOT NULL, collation; their constraints are read
 *	  by constraint.c) and ranges.  Array and multirange types made
 *	  automatically are aliases of the type they belong to.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "utils/builtins.h"

static void
type_load(SnapRow *row, GNode *node)
{
	Graph	   *g = row->graph;
	Oid			alias;
	ObjAddr		addr;
	char	   *kind = row_text(row, "kind");

	if (strcmp(kind, "domain") == 0)
	{
		gnode_add_string(node, "base_type",
						 format_type_with_typemod(row_oid(row, "_basetype"),
												  row_int(row, "_typmod")));
		gnode_add_string(node, "default",
						 deparse_expr(row_text(row, "_default"), InvalidOid));
	}
	else if (strcmp(kind, "range") == 0)
		gnode_add_string(node, "subtype",
						 format_type_be(row_oid(row, "_subtype")));

	/* the array type, multirange and composite relation are this type */
	addr.subid = 0;
	addr.classid = TypeRelationId;
	if (OidIsValid(alias = row_oid(row, "_typarray")))
	{
		addr.objid = alias;
		graph_add_alias(g, &addr, node);
	}
	if (OidIsValid(alias = row_oid(row, "_multirange")))
	{
		addr.objid = alias;
		graph_add_alias(g, &addr, node);
	}
	if (OidIsValid(alias = row_oid(row, "_relid")))
	{
		addr.classid = RelationRelationId;
		addr.objid = alias;
		graph_add_alias(g, &addr, node);
	}
}

const SnapHandler pgm_type_handler = {
	.kind = OBJ_TYPE,
	.classid = TypeRelationId,
	.query =
	"SELECT t.oid AS _oid, t.typnamespace AS _nsp, t.typname AS _name,"
	"       CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'c' THEN 'composite'"
	"                      WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range' END AS kind,"
	"       CASE WHEN t.typtype = 'e' THEN"
	"         (SELECT jsonb_agg(e.enumlabel ORDER BY e.enumsortorder)"
	"            FROM pg_enum e WHERE e.enumtypid = t.oid) END AS labels,"
	"       CASE WHEN t.typtype = 'd' AND t.typnotnull THEN true END AS not_null,"
	"       CASE WHEN t.typtype = 'd' AND t.typcollation <> b.typcollation"
	"            THEN t.typcollation::regcollation END AS collation,"
	"       CASE WHEN r.rngsubopc IS NOT NULL AND NOT oc.opcdefault THEN"
	"         CASE WHEN oc.opcnamespace IN (t.typnamespace, 'pg_catalog'::regnamespace)"
	"              THEN quote_ident(oc.opcname)"
	"              ELSE quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname)"
	"         END END AS subtype_opclass,"
	"       CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation"
	"            THEN r.rngcollation::regcollation END AS collation_of_subtype,"
	"       NULLIF(r.rngcanonical, 0)::regproc AS canonical,"
	"       NULLIF(r.rngsubdiff, 0)::regproc AS subtype_diff,"
	"       NULLIF(r.rngmultitypid, 0)::regtype AS multirange,"
	"       t.typbasetype AS _basetype, t.typtypmod AS _typmod,"
	"       t.typdefaultbin::text AS _default,"
	"       r.rngsubtype AS _subtype, NULLIF(t.typarray, 0) AS _typarray,"
	"       NULLIF(r.rngmultitypid, 0) AS _multirange,"
	"       NULLIF(t.typrelid, 0) AS _relid,"
	"       " PGM_SQL_COMMENT("pg_type", "t.oid") " AS comment,"
	"       " PGM_SQL_ACL("t.typacl", "T", "t.typowner", PGM_ACL_DEFAULT_USAGE) " AS privileges"
	"  FROM pg_type t"
	"  LEFT JOIN pg_type b ON b.oid = t.typbasetype"
	"  LEFT JOIN pg_range r ON r.rngtypid = t.oid"
	"  LEFT JOIN pg_type st ON st.oid = r.rngsubtype"
	"  LEFT JOIN pg_opclass oc ON oc.oid = r.rngsubopc"
	"  LEFT JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace"
	"  LEFT JOIN pg_class tc ON tc.oid = t.typrelid"
	" WHERE t.oid = ANY($3)"
	"   AND t.typnamespace = ANY($1)"
	"   AND t.typtype IN ('e', 'c', 'd', 'r')"
	"   AND (t.typtype <> 'c' OR tc.relkind = 'c')"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_type", "t.oid"),
	.load = type_load,
	.candidates = snap_type_oids,
};
