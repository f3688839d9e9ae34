/*-------------------------------------------------------------------------
 *
 * schema.c
 *	  Schemas: their comment and privileges.  The owner is not recorded:
 *	  a snapshot is owner-independent.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_namespace.h"

const SnapHandler pgm_schema_handler = {
	.kind = OBJ_SCHEMA,
	.classid = NamespaceRelationId,
	.query =
	"SELECT n.oid AS _oid, n.nspname AS _name,"
	"       " PGM_SQL_COMMENT("pg_namespace", "n.oid") " AS comment,"
	"       " PGM_SQL_ACL("n.nspacl", "n", "n.nspowner", PGM_ACL_DEFAULT_NONE) " AS privileges"
	"  FROM pg_namespace n"
	" WHERE n.oid = ANY($1)",
};
