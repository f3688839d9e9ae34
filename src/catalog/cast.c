/*-------------------------------------------------------------------------
 *
 * cast.c
 *	  User-defined casts: database-wide objects, in "all" documents only,
 *	  each written as its CREATE CAST statement with every name
 *	  qualified (but pg_catalog's).  The identity is "(source AS
 *	  target)".  Casts that are an internal part of another object (those
 *	  a range type makes to its multirange) are that object's.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/transam.h"
#include "catalog/pg_cast.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

static void
cast_load(SnapRow *row, GNode *node)
{
	char	   *ident = psprintf("(%s AS %s)",
								 format_type_be(row_oid(row, "_source")),
								 format_type_be(row_oid(row, "_target")));
	char	   *method = row_text(row, "_method");
	char	   *context = row_text(row, "_context");
	MemoryContext cxt = GetMemoryChunkContext(node);
	StringInfoData def;

	node->name = MemoryContextStrdup(cxt, ident);
	node->refname = MemoryContextStrdup(cxt, ident);
	initStringInfo(&def);
	appendStringInfo(&def, "CREATE CAST %s ", ident);
	if (method[0] == COERCION_METHOD_FUNCTION)
		appendStringInfo(&def, "WITH FUNCTION %s",
						 snap_proc_signature(row_oid(row, "_func"), NULL));
	else if (method[0] == COERCION_METHOD_INOUT)
		appendStringInfoString(&def, "WITH INOUT");
	else
		appendStringInfoString(&def, "WITHOUT FUNCTION");
	if (context[0] == COERCION_CODE_ASSIGNMENT)
		appendStringInfoString(&def, " AS ASSIGNMENT");
	else if (context[0] == COERCION_CODE_IMPLICIT)
		appendStringInfoString(&def, " AS IMPLICIT");
	gnode_add_string(node, "definition", def.data);
}

const SnapHandler pgm_cast_handler = {
	.kind = OBJ_CAST,
	.classid = CastRelationId,
	.query =
	"SELECT c.oid AS _oid, 'cast' AS _name,"
	"       c.castsource AS _source, c.casttarget AS _target,"
	"       c.castfunc AS _func, c.castmethod::text AS _method,"
	"       c.castcontext::text AS _context,"
	"       " PGM_SQL_COMMENT("pg_cast", "c.oid") " AS comment"
	"  FROM pg_cast c"
	" WHERE $2 AND c.oid >= " CppAsString2(FirstNormalObjectId)
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_cast", "c.oid")
	/* a range's casts to its multirange are part of the range type */
	"   AND NOT EXISTS (SELECT 1 FROM pg_depend di"
	"                    WHERE di.classid = 'pg_cast'::regclass AND di.objid = c.oid"
	"                      AND di.deptype = 'i')",
	.load = cast_load,
};
