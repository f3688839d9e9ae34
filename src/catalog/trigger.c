/*-------------------------------------------------------------------------
 *
 * trigger.c
 *	  Triggers (constraint triggers included, internal ones left out): the
 *	  definition deparsed relative to the schema, whether enabled, whether
 *	  cloned from a partitioned table's trigger, comment.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_trigger.h"
#include "utils/fmgrprotos.h"

static void
trigger_load(SnapRow *row, GNode *node)
{
	gnode_add_string(node, "definition",
					 deparse_call(pg_get_triggerdef_ext, 2,
								  ObjectIdGetDatum(row_oid(row, "_oid")),
								  BoolGetDatum(true), 0));
}

const SnapHandler pgm_trigger_handler = {
	.kind = OBJ_TRIGGER,
	.classid = TriggerRelationId,
	.query =
	"SELECT t.oid AS _oid, t.tgrelid AS _parent, t.tgname AS _name,"
	"       CASE t.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'"
	"                        WHEN 'A' THEN 'always' END AS enabled,"
	"       CASE WHEN t.tgparentid <> 0 THEN true END AS inherited,"
	"       " PGM_SQL_COMMENT("pg_trigger", "t.oid") " AS comment"
	"  FROM pg_trigger t"
	"  JOIN pg_class c ON c.oid = t.tgrelid"
	" WHERE NOT t.tgisinternal"
	"   AND c.relnamespace = ANY($1)",
	.load = trigger_load,
};
