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

/*
 * The trigger of the parent partitioned table that a cloned trigger comes
 * from, in the same graph, or NULL.
 */
static GNode *
parent_trigger(Graph *g, GNode *trg)
{
	GNode	   *table = trg->parent;
	char	   *parent = gnode_str(table, "partition_of");
	GNode	   *ptable = NULL;
	ListCell   *lc;

	if (parent == NULL)
		return NULL;
	if (table->schema != NULL)
		ptable = graph_find(g, psprintf("%s %s.%s", pgm_kinds[OBJ_TABLE].label,
										quote_identifier(table->schema->name),
										parent));
	if (ptable == NULL)
		ptable = graph_find(g, psprintf("%s %s", pgm_kinds[OBJ_TABLE].label,
										parent));
	if (ptable == NULL)
		return NULL;
	foreach(lc, ptable->children)
	{
		GNode	   *c = lfirst(lc);

		if (c->kind == OBJ_TRIGGER && strcmp(c->name, trg->name) == 0)
			return c;
	}
	return NULL;
}

/*
 * Does the parent trigger's own step decide its clones' states?  When it is
 * new or rebuilt (the clones are made anew), or its enabled state changes
 * (ALTER TABLE recurses to the partitions).
 */
static bool
parent_decides(DiffContext *cx, GNode *pt)
{
	GNode	   *ps;

	if (pt == NULL)
		return false;
	ps = graph_find_node(cx->source, pt);
	return ps == NULL || !gnode_attr_equal(ps, pt, "definition") ||
		!gnode_attr_equal(ps, pt, "enabled") ||
		gnode_bool(ps, "inherited") != gnode_bool(pt, "inherited");
}

/*
 * After the step "after" has given trigger pt's clones pt's state: set
 * those that differ, and so on down the partition tree.
 */
static void
sync_clones(DiffContext *cx, GNode *pt, DiffStep *after)
{
	ListCell   *lc;

	foreach(lc, pt->parent->dependents)
	{
		GNode	   *part = lfirst(lc);
		ListCell   *cc;

		if (part->kind != OBJ_TABLE || gnode_str(part, "partition_of") == NULL)
			continue;
		foreach(cc, part->children)
		{
			GNode	   *c = lfirst(cc);
			DiffStep   *step = after;

			if (c->kind != OBJ_TRIGGER || strcmp(c->name, pt->name) != 0 ||
				!gnode_bool(c, "inherited"))
				continue;
			if (!ddl_str_equal(gnode_str(c, "enabled"), gnode_str(pt, "enabled")))
			{
				step = diff_step(cx, STEP_ALTER, c, "%s", ddl_enable_statement(c, "TRIGGER"));
				step_after(step, after);
			}
			sync_clones(cx, c, step);
		}
	}
}

/*
 * A cloned trigger whose parent's steps do not decide its state: set it
 * when it is not what cloning, or the source, gave it.
 */
static void
clone_enabled(DiffContext *cx, GNode *s, GNode *t)
{
	GNode	   *pt = parent_trigger(cx->target, t);
	char	   *current;

	if (parent_decides(cx, pt))
		return;
	current = s ? gnode_str(s, "enabled") : pt ? gnode_str(pt, "enabled") : NULL;
	if (!ddl_str_equal(current, gnode_str(t, "enabled")))
		diff_step(cx, STEP_ALTER, t, "%s", ddl_enable_statement(t, "TRIGGER"));
}

static void
trigger_create(DiffContext *cx, GNode *t)
{
	DiffStep   *step;

	if (gnode_bool(t, "inherited"))
	{
		clone_enabled(cx, NULL, t);
		return;
	}
	step = diff_step(cx, STEP_CREATE, t, "%s;", gnode_str_req(t, "definition"));
	if (gnode_str(t, "enabled") != NULL)
		step_append(step, "\n%s", ddl_enable_statement(t, "TRIGGER"));
	sync_clones(cx, t, step);
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
	if (inherited)
		clone_enabled(cx, s, t);
	else if (!ddl_str_equal(gnode_str(s, "enabled"), gnode_str(t, "enabled")))
		sync_clones(cx, t, diff_step(cx, STEP_ALTER, t, "%s", ddl_enable_statement(t, "TRIGGER")));
}

const DdlHandler pgm_ddl_trigger = {
	.create = trigger_create,
	.drop = trigger_drop,
	.alter = trigger_alter,
	.sql_kind = "TRIGGER",
};
