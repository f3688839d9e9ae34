/*-------------------------------------------------------------------------
 *
 * rule.c
 *	  Rewrite rules of tables and views, but a view's own "_RETURN" rule
 *	  (the view's definition): the rule deparsed relative to the schema,
 *	  whether enabled, comment.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_rewrite.h"
#include "utils/fmgrprotos.h"

static void
rule_load(SnapRow *row, GNode *node)
{
	/* pretty: names of the schema unqualified, as everywhere */
	gnode_add_string(node, "definition",
					 deparse_call(pg_get_ruledef_ext, 2,
								  ObjectIdGetDatum(row_oid(row, "_oid")),
								  BoolGetDatum(true), 0));
}

const SnapHandler pgm_rule_handler = {
	.kind = OBJ_RULE,
	.classid = RewriteRelationId,
	.query =
	"SELECT r.oid AS _oid, r.ev_class AS _parent, r.rulename AS _name,"
	"       CASE r.ev_enabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'"
	"                         WHEN 'A' THEN 'always' END AS enabled,"
	"       " PGM_SQL_COMMENT("pg_rewrite", "r.oid") " AS comment"
	"  FROM pg_rewrite r"
	"  JOIN pg_class c ON c.oid = r.ev_class"
	" WHERE r.rulename <> '_RETURN'"
	"   AND c.relnamespace = ANY($1)",
	.load = rule_load,
};
