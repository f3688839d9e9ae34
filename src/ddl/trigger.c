/*-------------------------------------------------------------------------
 *
 * trigger.c
 *	  DDL for triggers: the stored definition (pg_get_triggerdef(), relative
 *	  to the schema), then ALTER TABLE ... DISABLE / ENABLE REPLICA /
 *	  ENABLE ALWAYS TRIGGER when it is not enabled normally.
 *
 * Triggers cloned on partitions from a partitioned table's trigger
 * ("inherited") are made and dropped by PostgreSQL with their parent's:
 * only their enabled state is ever changed here.  A trigger whose
 * definition changes is dropped and created again.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

static bool
str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* "ALTER TABLE t ENABLE ... TRIGGER name;" for the node's enabled state. */
static char *
enable_statement(GNode *node)
{
	char	   *enabled = gnode_str(node, "enabled");
	const char *what;

	if (enabled == NULL)
		what = "ENABLE";
	else if (strcmp(enabled, "disabled") == 0)
		what = "DISABLE";
	else if (strcmp(enabled, "replica") == 0)
		what = "ENABLE REPLICA";
	else if (strcmp(enabled, "always") == 0)
		what = "ENABLE ALWAYS";
	else
		elog(ERROR, "pg_migrate: trigger %s has an unknown enabled state \"%s\"",
			 node->name, enabled);
	return psprintf("ALTER TABLE %s %s TRIGGER %s;",
					gnode_qualname(node->parent), what,
					quote_identifier(node->name));
}

static void
trigger_create(DiffContext *cx, GNode *t)
{
	DiffStep   *step;

	if (gnode_bool(t, "inherited"))
		return;
	step = diff_step(cx, STEP_CREATE, t, "%s;", gnode_str(t, "definition"));
	if (gnode_str(t, "enabled") != NULL)
		step_append(step, "\n%s", enable_statement(t));
}

static void
trigger_drop(DiffContext *cx, GNode *s)
{
	if (gnode_bool(s, "inherited"))
		return;
	diff_step(cx, STEP_DROP, s, "DROP TRIGGER %s ON %s;",
			  quote_identifier(s->name), gnode_qualname(s->parent));
}

static void
trigger_alter(DiffContext *cx, GNode *s, GNode *t)
{
	bool		inherited = gnode_bool(t, "inherited");

	if (gnode_bool(s, "inherited") != inherited ||
		(!inherited && !gnode_attr_equal(s, t, "definition")))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	if (!str_equal(gnode_str(s, "enabled"), gnode_str(t, "enabled")))
		diff_step(cx, STEP_ALTER, t, "%s", enable_statement(t));
}

const DdlHandler pgm_ddl_trigger = {
	.create = trigger_create,
	.drop = trigger_drop,
	.alter = trigger_alter,
	.sql_kind = "TRIGGER",
};
