/*-------------------------------------------------------------------------
 *
 * sequence.c
 *	  Sequences: type, start, increment, bounds, cache, cycle, OWNED BY.
 *	  Identity sequences belong to their column (column.c) and are not
 *	  listed here.  The current value is data, not schema.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_class.h"
#include "utils/builtins.h"
#include "utils/regproc.h"

static void
sequence_load(SnapRow *row, GNode *node)
{
	Oid			rel = row_oid(row, "_owned_rel");

	if (OidIsValid(rel))
	{
		char	   *relname = DatumGetCString(DirectFunctionCall1(regclassout,
																  ObjectIdGetDatum(rel)));

		gnode_add_string(node, "owned_by",
						 psprintf("%s.%s", relname,
								  quote_identifier(row_text(row, "_owned_col"))));
	}
}

static Datum
sequence_candidates(Graph *g)
{
	return snap_relation_oids(g, RELKIND_SEQUENCE);
}

const SnapHandler pgm_sequence_handler = {
	.kind = OBJ_SEQUENCE,
	.classid = RelationRelationId,
	.query =
	"SELECT c.oid AS _oid, c.relnamespace AS _nsp, c.relname AS _name,"
	"       s.seqtypid::regtype AS type,"
	"       s.seqstart AS start, s.seqincrement AS increment,"
	"       s.seqmin AS min, s.seqmax AS max, s.seqcache AS cache,"
	"       s.seqcycle AS cycle,"
	"       CASE c.relpersistence WHEN 'u' THEN 'unlogged'"
	"                             ELSE 'permanent' END AS persistence,"
	"       o.refobjid AS _owned_rel, oa.attname AS _owned_col,"
	"       " PGM_SQL_COMMENT("pg_class", "c.oid") " AS comment,"
	"       " PGM_SQL_ACL("c.relacl", "s", "c.relowner", PGM_ACL_DEFAULT_NONE) " AS privileges"
	"  FROM pg_class c"
	"  JOIN pg_sequence s ON s.seqrelid = c.oid"
	"  LEFT JOIN pg_depend o ON o.classid = 'pg_class'::regclass"
	"        AND o.objid = c.oid AND o.refclassid = 'pg_class'::regclass"
	"        AND o.deptype = 'a' AND o.refobjsubid > 0"
	"  LEFT JOIN pg_attribute oa ON oa.attrelid = o.refobjid"
	"        AND oa.attnum = o.refobjsubid"
	" WHERE c.oid = ANY($3)"
	"   AND c.relkind = 'S'"
	"   AND c.relnamespace = ANY($1)"
	"   AND NOT EXISTS (SELECT 1 FROM pg_depend i"
	"                    WHERE i.classid = 'pg_class'::regclass"
	"                      AND i.objid = c.oid AND i.deptype = 'i')"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_class", "c.oid"),
	.load = sequence_load,
	.candidates = sequence_candidates,
};
