/*-------------------------------------------------------------------------
 *
 * aggregate.c
 *	  DDL for aggregates: the stored CREATE AGGREGATE statement.  A change
 *	  is made with CREATE OR REPLACE AGGREGATE when PostgreSQL accepts it:
 *	  the same kind (normal, ordered-set, hypothetical), result type and
 *	  arguments (names included); otherwise the aggregate is dropped and
 *	  made again, with what uses it (views, ...).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/*
 * The aggregate as DROP AGGREGATE and COMMENT ON AGGREGATE name it:
 * "s.name(integer)", and "s.name(*)" for one without arguments.
 */
static char *
aggregate_signature(GNode *node)
{
	char	   *name = gnode_qualname(node);
	size_t		len = strlen(name);

	if (len >= 2 && strcmp(name + len - 2, "()") == 0)
		return psprintf("%.*s(*)", (int) (len - 2), name);
	return name;
}

static void
aggregate_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "%s;", gnode_str_req(t, "definition"));
}

static void
aggregate_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP AGGREGATE %s;", aggregate_signature(s));
}

static void
aggregate_alter(DiffContext *cx, GNode *s, GNode *t)
{
	const char *def = gnode_str_req(t, "definition");

	if (!gnode_attr_equal(s, t, "kind") || !gnode_attr_equal(s, t, "result") ||
		!gnode_attr_equal(s, t, "arguments") ||
		strncmp(def, "CREATE AGGREGATE ", 17) != 0)
	{
		diff_rebuild(cx, s, t);
		return;
	}
	if (!gnode_attr_equal(s, t, "definition"))
		diff_step(cx, STEP_ALTER, t, "CREATE OR REPLACE AGGREGATE %s;", def + 17);
}

const DdlHandler pgm_ddl_aggregate = {
	.create = aggregate_create,
	.drop = aggregate_drop,
	.alter = aggregate_alter,
	.sql_kind = "AGGREGATE",
};
