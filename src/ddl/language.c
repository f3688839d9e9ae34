/*-------------------------------------------------------------------------
 *
 * language.c
 *	  DDL for procedural languages: the stored CREATE LANGUAGE, DROP
 *	  LANGUAGE.  A changed handler, inline handler, validator or trust is
 *	  replaced in place (CREATE OR REPLACE LANGUAGE), which keeps the
 *	  functions written in it; privileges are granted on trusted languages
 *	  only, so one that stops being trusted loses them first.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

static void
language_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "%s;", gnode_str_req(t, "definition"));
}

static void
language_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP LANGUAGE %s;", gnode_qualname(s));
}

static void
language_alter(DiffContext *cx, GNode *s, GNode *t)
{
	const char *def = gnode_str_req(t, "definition");

	if (strncmp(def, "CREATE ", 7) != 0)
	{
		diff_rebuild(cx, s, t);
		return;
	}
	if (!gnode_attr_equal(s, t, "definition"))
		diff_step(cx, STEP_ALTER, t, "CREATE OR REPLACE %s;", def + 7);
}

static bool
is_trusted(GNode *n)
{
	return strncmp(gnode_str_req(n, "definition"), "CREATE TRUSTED ", 15) == 0;
}

/*
 * A language that stops being trusted: its privileges are revoked first,
 * since PostgreSQL refuses GRANT and REVOKE on an untrusted language (one
 * that becomes trusted is replaced first, as the steps were made).
 */
static void
language_finish(DiffContext *cx)
{
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *replace = lfirst(lc);
		GNode	   *s;
		ListCell   *oc;

		if (replace->node->kind != OBJ_LANGUAGE || replace->action != STEP_ALTER ||
			strncmp(replace->sql.data, "CREATE OR REPLACE ", 18) != 0 ||
			is_trusted(replace->node) ||
			(s = diff_source_of(cx, replace->node)) == NULL || !is_trusted(s))
			continue;
		foreach(oc, cx->steps)
		{
			DiffStep   *other = lfirst(oc);

			if (other != replace && other->node == replace->node &&
				other->action == STEP_ALTER)
				step_after(replace, other);
		}
	}
}

const DdlHandler pgm_ddl_language = {
	.create = language_create,
	.drop = language_drop,
	.alter = language_alter,
	.sql_kind = "LANGUAGE",
	.finish = language_finish,
};
