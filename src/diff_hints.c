/*-------------------------------------------------------------------------
 *
 * diff_hints.c
 *	  Rename candidates: a drop and a create that look like one rename.
 *
 * A diff matches objects by name, so a renamed object is one dropped and
 * another created, and a renamed column loses its data.  Where a dropped
 * object and a created one of the same kind are alike but for their name
 * (a column of the same type at the same position of the same table, a
 * constraint or an index of the same definition, a table of the same
 * columns, a view of the same query, an enum label replaced at the same
 * position), both steps get the hazard "rename_candidate", and the drop's
 * SQL a comment that names both and the migrate_model_rename() call that
 * records the intent (docs/models.md, "Renames").  Nothing else changes:
 * the steps are the same with or without the note.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "nodes/value.h"
#include "utils/builtins.h"

#include "diff.h"

/* the attributes that must be equal for two objects to be alike */
static const char *const column_keys[] = {"type", "collation", "generated", "identity", NULL};
static const char *const constraint_keys[] = {"type", "definition", NULL};
static const char *const index_keys[] = {"method", "keys", "include", "opclasses",
"predicate", "unique", "nulls_not_distinct", NULL};
static const char *const view_keys[] = {"definition", "columns", "options", NULL};
static const char *const sequence_keys[] = {"type", "start", "increment", "min", "max", NULL};
static const char *const function_keys[] = {"kind", "arguments", "result", "language",
"source", "sql_body", NULL};
static const char *const type_keys[] = {"kind", "labels", "columns", "base_type",
"subtype", NULL};

static const char *const *
alike_keys(ObjKind kind)
{
	switch (kind)
	{
		case OBJ_COLUMN:
			return column_keys;
		case OBJ_CONSTRAINT:
			return constraint_keys;
		case OBJ_INDEX:
			return index_keys;
		case OBJ_VIEW:
		case OBJ_MATVIEW:
			return view_keys;
		case OBJ_SEQUENCE:
			return sequence_keys;
		case OBJ_FUNCTION:
			return function_keys;
		case OBJ_TYPE:
			return type_keys;
		default:
			return NULL;
	}
}

/* The index of a column among its table's columns, or -1. */
static int
column_position(GNode *col)
{
	int			i = 0;
	ListCell   *lc;

	foreach(lc, col->parent->children)
	{
		GNode	   *c = lfirst(lc);

		if (c->kind != OBJ_COLUMN)
			continue;
		if (c == col)
			return i;
		i++;
	}
	return -1;
}

/* The columns of two tables: the same names and types, in order? */
static bool
tables_alike(GNode *a, GNode *b)
{
	List	   *ca = gnode_children(a, OBJ_COLUMN);
	List	   *cb = gnode_children(b, OBJ_COLUMN);
	ListCell   *la;
	ListCell   *lb;

	if (ca == NIL || list_length(ca) != list_length(cb))
		return false;
	forboth(la, ca, lb, cb)
	{
		GNode	   *x = lfirst(la);
		GNode	   *y = lfirst(lb);

		if (strcmp(x->name, y->name) != 0 || !gnode_attr_equal(x, y, "type"))
			return false;
	}
	return true;
}

/* Are a dropped node and a created one alike but for their name? */
static bool
alike(GNode *s, GNode *t)
{
	const char *const *keys;

	if (s->kind != t->kind)
		return false;
	if (s->kind == OBJ_TABLE)
		return tables_alike(s, t);
	keys = alike_keys(s->kind);
	if (keys == NULL)
		return false;
	for (int i = 0; keys[i] != NULL; i++)
		if (!gnode_attr_equal(s, t, keys[i]))
			return false;

	/* children of a table: of the same table (by name), columns in place */
	if (s->parent != NULL && s->parent->kind != OBJ_SCHEMA &&
		strcmp(gnode_key(s->parent), gnode_key(t->parent)) != 0)
		return false;
	if (s->kind == OBJ_COLUMN && column_position(s) != column_position(t))
		return false;
	if (s->schema != NULL && t->schema != NULL &&
		strcmp(s->schema->name, t->schema->name) != 0)
		return false;
	/* a function's arguments are part of its key: only the name part differs */
	return true;
}

/* The kind's word in migrate_model_rename() */
static const char *
rename_kind(ObjKind kind)
{
	switch (kind)
	{
		case OBJ_MATVIEW:
			return "materialized view";
		default:
			return pgm_kinds[kind].label;
	}
}

/* The old and new names as migrate_model_rename() takes them. */
static void
note(DiffStep *drop, DiffStep *create)
{
	GNode	   *s = drop->node;
	GNode	   *t = create->node;
	StringInfoData buf;
	const char *old_name = s->refname;
	const char *new_name = t->kind == OBJ_FUNCTION ?
		quote_identifier(pnstrdup(t->name, strcspn(t->name, "("))) :
		quote_identifier(t->name);

	step_hazard(drop, HAZARD_RENAME_CANDIDATE);
	step_hazard(create, HAZARD_RENAME_CANDIDATE);

	initStringInfo(&buf);
	appendStringInfo(&buf,
					 "-- rename_candidate: %s %s is dropped and %s %s created alike;"
					 " if it is a rename, record it so that it is kept:"
					 " SELECT migrate_model_rename(%s, %s, %s, %s);\n%s",
					 rename_kind(s->kind), gnode_qualname(s),
					 rename_kind(t->kind), gnode_qualname(t),
					 quote_literal_cstr(rename_kind(s->kind)),
					 quote_literal_cstr(old_name),
					 quote_literal_cstr(new_name),
					 quote_literal_cstr(s->schema ? s->schema->name : s->name),
					 drop->sql.data);
	resetStringInfo(&drop->sql);
	appendStringInfoString(&drop->sql, buf.data);
	pfree(buf.data);
}

/* An enum type whose labels differ by one replaced at the same place. */
static void
label_hint(DiffStep *step, Graph *source, Graph *target)
{
	GNode	   *s = step->node->graph == source ? step->node :
		graph_find_node(source, step->node);
	GNode	   *t = step->node->graph == target ? step->node :
		graph_find_node(target, step->node);
	List	   *ls;
	List	   *lt;
	const char *old_label = NULL;
	const char *new_label = NULL;
	ListCell   *a;
	ListCell   *b;
	StringInfoData buf;
	char	   *kind;

	if (s == NULL || t == NULL)
		return;
	kind = gnode_str(t, "kind");
	if (kind == NULL || strcmp(kind, "enum") != 0)
		return;
	ls = gnode_strings(s, "labels");
	lt = gnode_strings(t, "labels");
	if (list_length(ls) != list_length(lt))
		return;
	forboth(a, ls, b, lt)
	{
		if (strcmp(lfirst(a), lfirst(b)) == 0)
			continue;
		if (old_label != NULL)
			return;				/* more than one */
		old_label = lfirst(a);
		new_label = lfirst(b);
	}
	if (old_label == NULL)
		return;
	/* the old label gone, not moved */
	if (pgm_list_member_str(lt, old_label))
		return;

	step_hazard(step, HAZARD_RENAME_CANDIDATE);
	initStringInfo(&buf);
	appendStringInfo(&buf,
					 "-- rename_candidate: label %s of type %s is replaced by %s at the same place;"
					 " if it is a rename, record it so that the values are kept:"
					 " SELECT migrate_model_rename('enum label', %s, %s, %s);\n%s",
					 quote_literal_cstr(old_label), gnode_qualname(t),
					 quote_literal_cstr(new_label),
					 quote_literal_cstr(psprintf("%s.%s", t->refname, old_label)),
					 quote_literal_cstr(new_label),
					 quote_literal_cstr(t->schema->name),
					 step->sql.data);
	resetStringInfo(&step->sql);
	appendStringInfoString(&step->sql, buf.data);
	pfree(buf.data);
}

/*
 * diff_rename_hints(): see diff.h.
 */
void
diff_rename_hints(List *steps, Graph *source, Graph *target)
{
	ListCell   *lc;
	List	   *drops = NIL;
	List	   *creates = NIL;
	List	   *typesteps = NIL;

	foreach(lc, steps)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *n = step->node;

		if (step->discarded)
			continue;
		if (step->action == STEP_DROP && n->graph == source &&
			graph_find_node(target, n) == NULL)
			drops = lappend(drops, step);
		else if (step->action == STEP_CREATE && n->graph == target &&
				 graph_find_node(source, n) == NULL)
			creates = lappend(creates, step);
		if (n->kind == OBJ_TYPE && !list_member(typesteps, makeString(gnode_key(n))))
		{
			/* the first step of a type whose labels change */
			typesteps = lappend(typesteps, makeString(gnode_key(n)));
			label_hint(step, source, target);
		}
	}

	foreach(lc, drops)
	{
		DiffStep   *drop = lfirst(lc);
		DiffStep   *match = NULL;
		int			nmatch = 0;
		ListCell   *lc2;

		/* a column of a dropped table goes with it: the table says it */
		if (drop->node->kind == OBJ_COLUMN &&
			graph_find_node(target, drop->node->parent) == NULL)
			continue;
		foreach(lc2, creates)
		{
			DiffStep   *create = lfirst(lc2);

			if (alike(drop->node, create->node))
			{
				match = create;
				nmatch++;
			}
		}
		/* one candidate, or it is a guess the note should not make */
		if (nmatch == 1)
			note(drop, match);
	}
}
