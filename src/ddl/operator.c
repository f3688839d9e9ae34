/*-------------------------------------------------------------------------
 *
 * operator.c
 *	  DDL for operators, operator families and operator classes, from the
 *	  CREATE statements the snapshot stores.
 *
 * PostgreSQL alters in place an operator's restriction and join
 * estimators (ALTER OPERATOR ... SET) and a family's loose members (ALTER
 * OPERATOR FAMILY ... ADD / DROP); any other change drops the object and
 * makes it again, with what depends on it (indexes on an operator class,
 * views calling an operator, ...).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/* ---- operators ---- */

static void
operator_create(DiffContext *cx, GNode *t)
{
	const char *def = gnode_str_req(t, "definition");
	const char *rest = gnode_str(t, "restrict");
	const char *join = gnode_str(t, "join");
	size_t		len = strlen(def);
	StringInfoData buf;

	initStringInfo(&buf);
	/* the estimators inside the parentheses the definition ends with */
	if ((rest != NULL || join != NULL) && len > 2 && strcmp(def + len - 2, "\n)") == 0)
	{
		appendBinaryStringInfo(&buf, def, len - 2);
		if (rest != NULL)
			appendStringInfo(&buf, ",\n    RESTRICT = %s", rest);
		if (join != NULL)
			appendStringInfo(&buf, ",\n    JOIN = %s", join);
		appendStringInfoString(&buf, "\n)");
	}
	else
		appendStringInfoString(&buf, def);
	diff_step(cx, STEP_CREATE, t, "%s;", buf.data);
}

static void
operator_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP OPERATOR %s;", gnode_qualname(s));
}

static void
operator_alter(DiffContext *cx, GNode *s, GNode *t)
{
	const char *rest = gnode_str(t, "restrict");
	const char *join = gnode_str(t, "join");

	if (!gnode_attr_equal(s, t, "definition"))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	if (!gnode_attr_equal(s, t, "restrict") || !gnode_attr_equal(s, t, "join"))
		diff_step(cx, STEP_ALTER, t, "ALTER OPERATOR %s SET (RESTRICT = %s, JOIN = %s);",
				  gnode_qualname(t), rest ? rest : "NONE", join ? join : "NONE");
}

const DdlHandler pgm_ddl_operator = {
	.create = operator_create,
	.drop = operator_drop,
	.alter = operator_alter,
	.sql_kind = "OPERATOR",
};

/* ---- operator families ---- */

/*
 * A member as ALTER OPERATOR FAMILY ... DROP names it: "OPERATOR 1
 * (integer, bigint)" of "OPERATOR 1 <(integer, bigint)", "FUNCTION 1
 * (integer, bigint)" of "FUNCTION 1 (integer, bigint) f(integer, bigint)".
 */
static char *
member_drop_form(const char *member)
{
	const char *open = strchr(member, '(');
	const char *close = open ? strchr(open, ')') : NULL;
	const char *sp;

	if (open == NULL || close == NULL)
		elog(ERROR, "operator family member \"%s\" has no argument types", member);
	sp = strchr(member, ' ');
	sp = sp ? strchr(sp + 1, ' ') : NULL;	/* after "OPERATOR n" */
	if (sp == NULL || sp > open)
		sp = open;
	return psprintf("%.*s (%.*s)", (int) (sp - member), member,
					(int) (close - open - 1), open + 1);
}

static void
opfamily_add(StringInfo buf, GNode *t, List *members, bool add)
{
	ListCell   *lc;

	if (members == NIL)
		return;
	appendStringInfo(buf, "%sALTER OPERATOR FAMILY %s %s", buf->len > 0 ? "\n" : "",
					 gnode_qualname(t), add ? "ADD" : "DROP");
	foreach(lc, members)
		appendStringInfo(buf, "%s\n    %s", foreach_current_index(lc) > 0 ? "," : "",
						 add ? (char *) lfirst(lc) : member_drop_form(lfirst(lc)));
	appendStringInfoChar(buf, ';');
}

static void
opfamily_create(DiffContext *cx, GNode *t)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s;", gnode_str_req(t, "definition"));
	opfamily_add(&buf, t, gnode_strings(t, "members"), true);
	diff_step(cx, STEP_CREATE, t, "%s", buf.data);
}

static void
opfamily_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP OPERATOR FAMILY %s;", gnode_qualname(s));
}

static void
opfamily_alter(DiffContext *cx, GNode *s, GNode *t)
{
	List	   *old = gnode_strings(s, "members");
	List	   *new = gnode_strings(t, "members");
	List	   *gone = NIL;
	List	   *added = NIL;
	ListCell   *lc;
	StringInfoData buf;

	if (!gnode_attr_equal(s, t, "definition"))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	foreach(lc, old)
		if (!pgm_list_member_str(new, lfirst(lc)))
			gone = lappend(gone, lfirst(lc));
	foreach(lc, new)
		if (!pgm_list_member_str(old, lfirst(lc)))
			added = lappend(added, lfirst(lc));
	initStringInfo(&buf);
	opfamily_add(&buf, t, gone, false);
	opfamily_add(&buf, t, added, true);
	if (buf.len > 0)
		diff_step(cx, STEP_ALTER, t, "%s", buf.data);
}

const DdlHandler pgm_ddl_opfamily = {
	.create = opfamily_create,
	.drop = opfamily_drop,
	.alter = opfamily_alter,
	.sql_kind = "OPERATOR FAMILY",
};

/* ---- operator classes ---- */

static void
opclass_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "%s;", gnode_str_req(t, "definition"));
}

static void
opclass_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP OPERATOR CLASS %s;", gnode_qualname(s));
}

static void
opclass_alter(DiffContext *cx, GNode *s, GNode *t)
{
	if (!gnode_attr_equal(s, t, "definition"))
		diff_rebuild(cx, s, t);
}

const DdlHandler pgm_ddl_opclass = {
	.create = opclass_create,
	.drop = opclass_drop,
	.alter = opclass_alter,
	.sql_kind = "OPERATOR CLASS",
};
