/*-------------------------------------------------------------------------
 *
 * ddl.c
 *	  The table of DDL handlers, and helpers they share.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

static const DdlHandler *const handlers[OBJ_NKINDS] = {
	[OBJ_SCHEMA] = &pgm_ddl_schema,
	[OBJ_EXTENSION] = &pgm_ddl_extension,
	[OBJ_COLLATION] = &pgm_ddl_collation,
	[OBJ_TYPE] = &pgm_ddl_type,
	[OBJ_FUNCTION] = &pgm_ddl_function,
	[OBJ_TABLE] = &pgm_ddl_table,
	[OBJ_SEQUENCE] = &pgm_ddl_sequence,
	[OBJ_VIEW] = &pgm_ddl_view,
	[OBJ_MATVIEW] = &pgm_ddl_matview,
	[OBJ_COLUMN] = &pgm_ddl_column,
	[OBJ_CONSTRAINT] = &pgm_ddl_constraint,
	[OBJ_INDEX] = &pgm_ddl_index,
	[OBJ_TRIGGER] = &pgm_ddl_trigger,
	[OBJ_POLICY] = &pgm_ddl_policy,
	[OBJ_RULE] = &pgm_ddl_rule,
	[OBJ_STATISTICS] = &pgm_ddl_statistics,
	[OBJ_UNMODELED] = &pgm_ddl_unmodeled,
};

/*
 * Objects no handler models: the engine never asks for their steps
 * (unmodeled_check() refuses a diff in which they differ, or they are left
 * as they are); these do nothing, should it ever.
 */
static void
unmodeled_create(DiffContext *cx, GNode *t)
{
}

static void
unmodeled_drop(DiffContext *cx, GNode *s)
{
}

static void
unmodeled_alter(DiffContext *cx, GNode *s, GNode *t)
{
}

const DdlHandler pgm_ddl_unmodeled = {
	.create = unmodeled_create,
	.drop = unmodeled_drop,
	.alter = unmodeled_alter,
	.inline_in_parent = true,
};

const DdlHandler *
pgm_ddl_handler(ObjKind kind)
{
	Assert(kind >= 0 && kind < OBJ_NKINDS);
	return handlers[kind];
}

/* Two strings, either of which may be NULL, are the same. */
bool
ddl_str_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* The node of that name in a list of nodes (a node's columns), or NULL. */
GNode *
ddl_find_node(List *nodes, const char *name)
{
	ListCell   *lc;

	foreach(lc, nodes)
	{
		GNode	   *n = lfirst(lc);

		if (strcmp(n->name, name) == 0)
			return n;
	}
	return NULL;
}

/*
 * After diff_rebuild(s, ...): the drop of s breaks what depends on it (the
 * engine drops and recreates those).
 */
void
ddl_mark_rebuild(DiffContext *cx, GNode *s)
{
	DiffStep   *drop;

	if (s->dependents != NIL && (drop = diff_drop_step(cx, s)) != NULL)
		step_hazard(drop, HAZARD_BREAKS_DEPENDENTS);
}

/* A string literal, quoted with quote_literal_cstr (E'' when needed). */
char *
ddl_literal(const char *s)
{
	return quote_literal_cstr(s);
}
