/*-------------------------------------------------------------------------
 *
 * extension.c
 *	  Extensions: name, schema and version.  Their member objects are never
 *	  part of a snapshot; a reference to one is a reference to the
 *	  extension.  pg_migrate itself is left out.
 *
 *	  With every schema in scope, every extension is listed; otherwise only
 *	  those installed in a schema of the scope.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_extension.h"

const SnapHandler pgm_extension_handler = {
	.kind = OBJ_EXTENSION,
	.classid = ExtensionRelationId,
	.query =
	"SELECT e.oid AS _oid, e.extname AS _name,"
	"       n.nspname AS schema, e.extversion AS version,"
	"       " PGM_SQL_COMMENT("pg_extension", "e.oid") " AS comment"
	"  FROM pg_extension e"
	"  JOIN pg_namespace n ON n.oid = e.extnamespace"
	" WHERE e.extname <> 'pg_migrate'"
	"   AND ($2 OR e.extnamespace = ANY($1))",
};
