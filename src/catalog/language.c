/*-------------------------------------------------------------------------
 *
 * language.c
 *	  Procedural languages (CREATE [TRUSTED] LANGUAGE): database-wide
 *	  objects, in "all" documents only, each written as its CREATE
 *	  LANGUAGE statement with every name qualified (but pg_catalog's).
 *	  Those initdb made (internal, c, sql) and those of an extension
 *	  (plpgsql and others) are not listed.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/transam.h"
#include "catalog/pg_language.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

static void
language_load(SnapRow *row, GNode *node)
{
	StringInfoData def;
	Oid			inline_fn = row_oid(row, "_inline");
	Oid			validator = row_oid(row, "_validator");

	initStringInfo(&def);
	appendStringInfo(&def, "CREATE %sLANGUAGE %s HANDLER %s",
					 row_bool(row, "_trusted") ? "TRUSTED " : "",
					 quote_identifier(node->name),
					 snap_proc_name(row_oid(row, "_handler"), NULL));
	if (OidIsValid(inline_fn))
		appendStringInfo(&def, " INLINE %s", snap_proc_name(inline_fn, NULL));
	if (OidIsValid(validator))
		appendStringInfo(&def, " VALIDATOR %s", snap_proc_name(validator, NULL));
	gnode_add_string(node, "definition", def.data);
}

const SnapHandler pgm_language_handler = {
	.kind = OBJ_LANGUAGE,
	.classid = LanguageRelationId,
	.query =
	"SELECT l.oid AS _oid, l.lanname AS _name, l.lanpltrusted AS _trusted,"
	"       l.lanplcallfoid AS _handler, l.laninline AS _inline,"
	"       l.lanvalidator AS _validator,"
	"       " PGM_SQL_COMMENT("pg_language", "l.oid") " AS comment,"
	"       " PGM_SQL_ACL("l.lanacl", "l", "l.lanowner", PGM_ACL_DEFAULT_USAGE) " AS privileges"
	"  FROM pg_language l"
	" WHERE $2 AND l.oid >= " CppAsString2(FirstNormalObjectId)
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_language", "l.oid"),
	.load = language_load,
};
