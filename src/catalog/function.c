/*-------------------------------------------------------------------------
 *
 * function.c
 *	  Functions and procedures, by their parts rather than as one CREATE
 *	  statement (pg_get_functiondef() always qualifies the name).  A
 *	  function's identity in the document is "name(identity arguments)".
 *	  Aggregates are not read yet (docs/snapshot-format.md).
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/fmgrprotos.h"

/*
 * The identity of a function is its name and the types of its arguments
 * (argument names and defaults can change in place): "f(integer, text)".
 */
static void
function_load(SnapRow *row, GNode *node)
{
	Datum		oid = ObjectIdGetDatum(row_oid(row, "_oid"));
	bool		isnull;
	Datum		argtypes = row_datum(row, "_argtypes", &isnull);
	StringInfoData ident;
	Datum	   *elems;
	int			n;

	initStringInfo(&ident);
	deconstruct_array(DatumGetArrayTypeP(argtypes), OIDOID, sizeof(Oid), true,
					  TYPALIGN_INT, &elems, NULL, &n);
	for (int i = 0; i < n; i++)
		appendStringInfo(&ident, "%s%s", i > 0 ? ", " : "",
						 format_type_be(DatumGetObjectId(elems[i])));
	node->name = MemoryContextStrdup(GetMemoryChunkContext(node),
									 psprintf("%s(%s)", node->name, ident.data));
	node->refname = MemoryContextStrdup(GetMemoryChunkContext(node),
										psprintf("%s(%s)",
												 quote_identifier(row_text(row, "_name")),
												 ident.data));

	gnode_add_string(node, "arguments",
					 deparse_call(pg_get_function_arguments, 1, oid, 0, 0));
	if (strcmp(row_text(row, "kind"), "procedure") != 0)
		gnode_add_string(node, "result",
						 deparse_call(pg_get_function_result, 1, oid, 0, 0));
	if (strcmp(row_text(row, "_has_sqlbody"), "t") == 0)
		gnode_add_string(node, "sql_body",
						 deparse_call(pg_get_function_sqlbody, 1, oid, 0, 0));
}

const SnapHandler pgm_function_handler = {
	.kind = OBJ_FUNCTION,
	.classid = ProcedureRelationId,
	.query =
	"SELECT p.oid AS _oid, p.pronamespace AS _nsp, p.proname AS _name,"
	"       CASE p.prokind WHEN 'f' THEN 'function' WHEN 'p' THEN 'procedure'"
	"                      WHEN 'w' THEN 'window' END AS kind,"
	"       l.lanname AS language,"
	"       CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable'"
	"                          ELSE 'volatile' END AS volatility,"
	"       p.proisstrict AS strict,"
	"       p.prosecdef AS security_definer,"
	"       p.proleakproof AS leakproof,"
	"       CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted'"
	"                          ELSE 'unsafe' END AS parallel,"
	"       p.procost AS cost,"
	"       CASE WHEN p.proretset THEN p.prorows END AS rows,"
	"       p.proconfig AS config,"
	"       CASE WHEN p.prosqlbody IS NULL THEN p.prosrc END AS source,"
	"       NULLIF(p.probin, '') AS object_file,"
	"       p.prosqlbody IS NOT NULL AS _has_sqlbody,"
	"       p.proargtypes::oid[] AS _argtypes,"
	"       " PGM_SQL_COMMENT("pg_proc", "p.oid") " AS comment,"
	"       " PGM_SQL_ACL("p.proacl", "f", "p.proowner", PGM_ACL_DEFAULT_EXECUTE) " AS privileges"
	"  FROM pg_proc p"
	"  JOIN pg_language l ON l.oid = p.prolang"
	" WHERE p.pronamespace = ANY($1)"
	"   AND p.prokind IN ('f', 'p', 'w')"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_proc", "p.oid"),
	.load = function_load,
};
