/*-------------------------------------------------------------------------
 *
 * statistics.c
 *	  DDL for extended statistics: CREATE STATISTICS as the snapshot
 *	  stores it, then ALTER STATISTICS ... SET STATISTICS for a target.
 *	  PostgreSQL cannot change what a statistics object covers: a changed
 *	  definition is dropped and made again; the target alone is altered in
 *	  place.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

static void
statistics_create(DiffContext *cx, GNode *t)
{
	DiffStep   *step = diff_step(cx, STEP_CREATE, t, "%s;",
								 gnode_str(t, "definition"));

	if (gnode_attr(t, "target") != NULL)
		step_append(step, "\nALTER STATISTICS %s SET STATISTICS %lld;",
					gnode_qualname(t),
					(long long) gnode_int(t, "target", -1));
}

static void
statistics_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP STATISTICS %s;", gnode_qualname(s));
}

static void
statistics_alter(DiffContext *cx, GNode *s, GNode *t)
{
	if (!gnode_attr_equal(s, t, "definition"))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	if (gnode_int(s, "target", -1) != gnode_int(t, "target", -1))
		diff_step(cx, STEP_ALTER, t, "ALTER STATISTICS %s SET STATISTICS %lld;",
				  gnode_qualname(t), (long long) gnode_int(t, "target", -1));
}

const DdlHandler pgm_ddl_statistics = {
	.create = statistics_create,
	.drop = statistics_drop,
	.alter = statistics_alter,
	.sql_kind = "STATISTICS",
};
