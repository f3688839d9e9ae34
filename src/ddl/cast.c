/*-------------------------------------------------------------------------
 *
 * cast.c
 *	  DDL for casts: the stored CREATE CAST, DROP CAST.  PostgreSQL cannot
 *	  alter a cast: a changed one is dropped and made again.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

static void
cast_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "%s;", gnode_str_req(t, "definition"));
}

static void
cast_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP CAST %s;", s->refname);
}

static void
cast_alter(DiffContext *cx, GNode *s, GNode *t)
{
	if (!gnode_attr_equal(s, t, "definition"))
		diff_rebuild(cx, s, t);
}

const DdlHandler pgm_ddl_cast = {
	.create = cast_create,
	.drop = cast_drop,
	.alter = cast_alter,
	.sql_kind = "CAST",
};
