/*-------------------------------------------------------------------------
 *
 * accessmethod.c
 *	  DDL for access methods: the stored CREATE ACCESS METHOD, DROP ACCESS
 *	  METHOD.  PostgreSQL cannot alter one: a changed access method is
 *	  dropped and made again, with what uses it (operator classes and
 *	  families, tables and indexes).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

static void
accessmethod_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "%s;", gnode_str_req(t, "definition"));
}

static void
accessmethod_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP ACCESS METHOD %s;", gnode_qualname(s));
}

static void
accessmethod_alter(DiffContext *cx, GNode *s, GNode *t)
{
	if (!gnode_attr_equal(s, t, "definition"))
		diff_rebuild(cx, s, t);
}

const DdlHandler pgm_ddl_accessmethod = {
	.create = accessmethod_create,
	.drop = accessmethod_drop,
	.alter = accessmethod_alter,
	.sql_kind = "ACCESS METHOD",
};
