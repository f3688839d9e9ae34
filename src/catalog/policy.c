/*-------------------------------------------------------------------------
 *
 * policy.c
 *	  Row level security policies: command, permissive or restrictive,
 *	  roles, USING and WITH CHECK expressions, comment.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_policy.h"

static void
policy_load(SnapRow *row, GNode *node)
{
	Oid			relid = row_oid(row, "_parent");

	gnode_add_string(node, "using", deparse_expr(row_text(row, "_qual"), relid));
	gnode_add_string(node, "with_check",
					 deparse_expr(row_text(row, "_check"), relid));
}

const SnapHandler pgm_policy_handler = {
	.kind = OBJ_POLICY,
	.classid = PolicyRelationId,
	.query =
	"SELECT p.oid AS _oid, p.polrelid AS _parent, p.polname AS _name,"
	"       CASE p.polcmd WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT'"
	"                     WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE'"
	"                     ELSE 'ALL' END AS command,"
	"       p.polpermissive AS permissive,"
	"       (SELECT array_agg(x ORDER BY x COLLATE \"C\") FROM"
	"          (SELECT CASE WHEN r = 0 THEN 'PUBLIC'"
	"                       ELSE r::regrole::text END AS x"
	"             FROM unnest(p.polroles) r) rr) AS roles,"
	"       p.polqual::text AS _qual, p.polwithcheck::text AS _check,"
	"       " PGM_SQL_COMMENT("pg_policy", "p.oid") " AS comment"
	"  FROM pg_policy p"
	"  JOIN pg_class c ON c.oid = p.polrelid"
	" WHERE c.relnamespace = ANY($1)",
	.load = policy_load,
};
