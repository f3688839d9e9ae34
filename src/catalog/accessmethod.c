/*-------------------------------------------------------------------------
 *
 * accessmethod.c
 *	  Access methods (CREATE ACCESS METHOD ... TYPE TABLE | INDEX):
 *	  database-wide objects, in "all" documents only, each written as its
 *	  CREATE ACCESS METHOD statement with its handler qualified (but
 *	  pg_catalog's).  Those of initdb and of an extension are not listed.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/transam.h"
#include "catalog/pg_am.h"
#include "utils/builtins.h"

static void
accessmethod_load(SnapRow *row, GNode *node)
{
	char	   *type = row_text(row, "_type");

	gnode_add_string(node, "definition",
					 psprintf("CREATE ACCESS METHOD %s TYPE %s HANDLER %s",
							  quote_identifier(node->name),
							  type[0] == AMTYPE_TABLE ? "TABLE" : "INDEX",
							  snap_proc_name(row_oid(row, "_handler"), NULL)));
}

const SnapHandler pgm_accessmethod_handler = {
	.kind = OBJ_ACCESS_METHOD,
	.classid = AccessMethodRelationId,
	.query =
	"SELECT a.oid AS _oid, a.amname AS _name, a.amtype::text AS _type,"
	"       a.amhandler::oid AS _handler,"
	"       " PGM_SQL_COMMENT("pg_am", "a.oid") " AS comment"
	"  FROM pg_am a"
	" WHERE $2 AND a.oid >= " CppAsString2(FirstNormalObjectId)
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_am", "a.oid"),
	.load = accessmethod_load,
};
