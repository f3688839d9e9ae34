/*-------------------------------------------------------------------------
 *
 * conversion.c
 *	  Encoding conversions (CREATE [DEFAULT] CONVERSION), objects of their
 *	  schema: each written as its CREATE CONVERSION statement, relative to
 *	  the schema (its function qualified when not visible from there).
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_conversion.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

static void
conversion_load(SnapRow *row, GNode *node)
{
	StringInfoData def;

	initStringInfo(&def);
	appendStringInfo(&def, "CREATE %sCONVERSION %s FOR %s TO %s FROM %s",
					 row_bool(row, "_default") ? "DEFAULT " : "",
					 quote_identifier(node->name),
					 quote_literal_cstr(row_text(row, "_from")),
					 quote_literal_cstr(row_text(row, "_to")),
					 snap_proc_name(row_oid(row, "_proc"), node->schema));
	gnode_add_string(node, "definition", def.data);
}

const SnapHandler pgm_conversion_handler = {
	.kind = OBJ_CONVERSION,
	.classid = ConversionRelationId,
	.query =
	"SELECT c.oid AS _oid, c.connamespace AS _nsp, c.conname AS _name,"
	"       pg_encoding_to_char(c.conforencoding) AS _from,"
	"       pg_encoding_to_char(c.contoencoding) AS _to,"
	"       c.conproc::oid AS _proc, c.condefault AS _default,"
	"       " PGM_SQL_COMMENT("pg_conversion", "c.oid") " AS comment"
	"  FROM pg_conversion c"
	" WHERE c.connamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_conversion", "c.oid"),
	.load = conversion_load,
};
