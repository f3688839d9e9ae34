/*-------------------------------------------------------------------------
 *
 * schema.c
 *	  DDL for schemas.  The engine drops the objects inside a schema before
 *	  the schema itself, so DROP SCHEMA never needs CASCADE; the hazards of
 *	  losing those objects are carried by their own steps.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

static void
schema_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "CREATE SCHEMA %s;",
			  quote_identifier(t->name));
}

static void
schema_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP SCHEMA %s;", quote_identifier(s->name));
}

/* A schema has no attribute but its comment and privileges. */
static void
schema_alter(DiffContext *cx, GNode *s, GNode *t)
{
}

const DdlHandler pgm_ddl_schema = {
	.create = schema_create,
	.drop = schema_drop,
	.alter = schema_alter,
	.sql_kind = "SCHEMA",
};
