/*-------------------------------------------------------------------------
 *
 * policy.c
 *	  DDL for row level security policies.  Roles and expressions change
 *	  with ALTER POLICY; a change of command or of permissive/restrictive,
 *	  or an expression removed (ALTER POLICY cannot remove one), drops and
 *	  creates the policy again.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"

/* Roles as written in the document: PUBLIC, or as regrole quotes them. */
static char *
policy_roles(GNode *node)
{
	List	   *roles = gnode_strings(node, "roles");
	StringInfoData buf;
	ListCell   *lc;

	if (roles == NIL)
		return pstrdup("PUBLIC");
	initStringInfo(&buf);
	foreach(lc, roles)
		appendStringInfo(&buf, "%s%s", foreach_current_index(lc) > 0 ? ", " : "",
						 (char *) lfirst(lc));
	return buf.data;
}

static void
policy_create(DiffContext *cx, GNode *t)
{
	DiffStep   *step;
	char	   *command = gnode_str(t, "command");
	char	   *using = gnode_str(t, "using");
	char	   *with_check = gnode_str(t, "with_check");
	const JsonbValue *permissive = gnode_attr(t, "permissive");

	step = diff_step(cx, STEP_CREATE, t, "CREATE POLICY %s ON %s AS %s FOR %s TO %s",
					 quote_identifier(t->name), gnode_qualname(t->parent),
					 permissive == NULL || gnode_bool(t, "permissive") ?
					 "PERMISSIVE" : "RESTRICTIVE",
					 command ? command : "ALL", policy_roles(t));
	if (using != NULL)
		step_append(step, " USING (%s)", using);
	if (with_check != NULL)
		step_append(step, " WITH CHECK (%s)", with_check);
	step_append(step, ";");
}

static void
policy_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP POLICY %s ON %s;",
			  quote_identifier(s->name), gnode_qualname(s->parent));
}

static void
policy_alter(DiffContext *cx, GNode *s, GNode *t)
{
	char	   *susing = gnode_str(s, "using");
	char	   *tusing = gnode_str(t, "using");
	char	   *scheck = gnode_str(s, "with_check");
	char	   *tcheck = gnode_str(t, "with_check");
	StringInfoData clauses;

	if (!gnode_attr_equal(s, t, "command") ||
		gnode_bool(s, "permissive") != gnode_bool(t, "permissive") ||
		(susing != NULL && tusing == NULL) ||
		(scheck != NULL && tcheck == NULL))
	{
		diff_rebuild(cx, s, t);
		return;
	}

	initStringInfo(&clauses);
	if (!gnode_attr_equal(s, t, "roles"))
		appendStringInfo(&clauses, " TO %s", policy_roles(t));
	if (!ddl_str_equal(susing, tusing))
		appendStringInfo(&clauses, " USING (%s)", tusing);
	if (!ddl_str_equal(scheck, tcheck))
		appendStringInfo(&clauses, " WITH CHECK (%s)", tcheck);
	if (clauses.len > 0)
		diff_step(cx, STEP_ALTER, t, "ALTER POLICY %s ON %s%s;",
				  quote_identifier(t->name), gnode_qualname(t->parent),
				  clauses.data);
}

const DdlHandler pgm_ddl_policy = {
	.create = policy_create,
	.drop = policy_drop,
	.alter = policy_alter,
	.sql_kind = "POLICY",
};
