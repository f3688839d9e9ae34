/*-------------------------------------------------------------------------
 *
 * rule.c
 *	  DDL for rewrite rules: the stored definition (pg_get_ruledef(),
 *	  relative to the schema), then ALTER TABLE ... DISABLE / ENABLE
 *	  REPLICA / ENABLE ALWAYS RULE when it is not enabled normally.  A
 *	  changed rule is replaced in place (CREATE OR REPLACE RULE), as
 *	  PostgreSQL allows for a rule of the same name, table and event; a
 *	  rule whose event or table changes cannot be: it is dropped and made
 *	  again.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/* The event of a definition: "ON INSERT", ... up to "TO". */
static char *
rule_event(const char *definition)
{
	const char *on = strstr(definition, " ON ");
	const char *to = on ? strstr(on, " TO ") : NULL;

	if (on == NULL || to == NULL)
		return pstrdup(definition);
	return pnstrdup(on, to - on);
}

static void
rule_create(DiffContext *cx, GNode *t)
{
	DiffStep   *step;

	step = diff_step(cx, STEP_CREATE, t, "%s", gnode_str(t, "definition"));
	if (gnode_str(t, "enabled") != NULL)
		step_append(step, "\n%s", ddl_enable_statement(t, "RULE"));
}

static void
rule_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP RULE %s ON %s;",
			  quote_identifier(s->name), gnode_qualname(s->parent));
}

static void
rule_alter(DiffContext *cx, GNode *s, GNode *t)
{
	if (!gnode_attr_equal(s, t, "definition"))
	{
		char	   *def = gnode_str(t, "definition");

		if (strcmp(rule_event(gnode_str(s, "definition")), rule_event(def)) != 0 ||
			strncmp(def, "CREATE RULE ", 12) != 0)
		{
			diff_rebuild(cx, s, t);
			return;
		}
		diff_step(cx, STEP_ALTER, t, "CREATE OR REPLACE RULE %s", def + 12);
	}
	if (!ddl_str_equal(gnode_str(s, "enabled"), gnode_str(t, "enabled")))
		diff_step(cx, STEP_ALTER, t, "%s", ddl_enable_statement(t, "RULE"));
}

const DdlHandler pgm_ddl_rule = {
	.create = rule_create,
	.drop = rule_drop,
	.alter = rule_alter,
	.sql_kind = "RULE",
};
