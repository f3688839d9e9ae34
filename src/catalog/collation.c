/*-------------------------------------------------------------------------
 *
 * collation.c
 *	  Collations: provider, locales, determinism.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_collation.h"

const SnapHandler pgm_collation_handler = {
	.kind = OBJ_COLLATION,
	.classid = CollationRelationId,
	.query =
	"SELECT c.oid AS _oid, c.collnamespace AS _nsp, c.collname AS _name,"
	"       CASE c.collprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu'"
	"                           ELSE 'default' END AS provider,"
	"       c.collisdeterministic AS deterministic,"
	"       c.collcollate AS lc_collate, c.collctype AS lc_ctype,"
	"       c.colliculocale AS icu_locale,"
	"       " PGM_SQL_COMMENT("pg_collation", "c.oid") " AS comment"
	"  FROM pg_collation c"
	" WHERE c.collnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_collation", "c.oid"),
};
