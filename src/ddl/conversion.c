/*-------------------------------------------------------------------------
 *
 * conversion.c
 *	  DDL for encoding conversions: the stored CREATE CONVERSION, DROP
 *	  CONVERSION.  ALTER CONVERSION changes only a name, owner or schema:
 *	  a changed conversion is dropped and made again.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

static void
conversion_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "%s;", gnode_str_req(t, "definition"));
}

static void
conversion_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP CONVERSION %s;", gnode_qualname(s));
}

static void
conversion_alter(DiffContext *cx, GNode *s, GNode *t)
{
	if (!gnode_attr_equal(s, t, "definition"))
		diff_rebuild(cx, s, t);
}

const DdlHandler pgm_ddl_conversion = {
	.create = conversion_create,
	.drop = conversion_drop,
	.alter = conversion_alter,
	.sql_kind = "CONVERSION",
};
