/*-------------------------------------------------------------------------
 *
 * basetype.c
 *	  DDL for base types and shell types (the type handler, type.c, hands
 *	  them over here).
 *
 * A base type and its input and output functions need each other: the
 * functions take or return the type, the type names the functions.  As
 * pg_dump does, a new base type is made in two steps: its shell (CREATE
 * TYPE name), which the functions can name, then, once they exist, the
 * whole CREATE TYPE.  basetype_finish() orders those steps by hand and
 * takes the cycle out of the dependencies the steps are ordered by (with
 * diff_set_deps(), which the engine undoes).  A base type is dropped with
 * CASCADE, which takes the functions along (their own drops are left
 * out): neither can be dropped first.
 *
 * RECEIVE, SEND, TYPMOD_IN, TYPMOD_OUT, ANALYZE, SUBSCRIPT and STORAGE
 * (but back to plain, which PostgreSQL refuses) are altered in place with
 * ALTER TYPE ... SET; any other change rebuilds the type, with what
 * depends on it.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/* The options ALTER TYPE ... SET changes: attribute, option. */
static const char *const settable[][2] = {
	{"receive", "RECEIVE"},
	{"send", "SEND"},
	{"typmod_in", "TYPMOD_IN"},
	{"typmod_out", "TYPMOD_OUT"},
	{"analyze", "ANALYZE"},
	{"subscript", "SUBSCRIPT"},
	{"storage", "STORAGE"},
};

/*
 * The whole CREATE TYPE of base type t: its definition with the settable
 * options added before the closing parenthesis.
 */
static char *
full_definition(GNode *t)
{
	char	   *def = gnode_str_req(t, "definition");
	size_t		len = strlen(def);
	StringInfoData buf;

	if (len == 0 || def[len - 1] != ')')
		elog(ERROR, "definition of type %s does not end with \")\"",
			 gnode_qualname(t));
	len--;
	while (len > 0 && (def[len - 1] == '\n' || def[len - 1] == ' '))
		len--;
	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, def, len);
	for (int i = 0; i < lengthof(settable); i++)
	{
		char	   *v = gnode_str(t, settable[i][0]);

		if (v != NULL)
			appendStringInfo(&buf, ",\n    %s = %s", settable[i][1], v);
	}
	appendStringInfoString(&buf, "\n)");
	return buf.data;
}

/*
 * ddl_basetype_create(): the steps that make base or shell type t (of the
 * target): the shell, and for a base type the whole definition as an
 * alter step (ordered by basetype_finish()).
 */
void
ddl_basetype_create(DiffContext *cx, GNode *t)
{
	diff_step(cx, STEP_CREATE, t, "CREATE TYPE %s;", gnode_qualname(t));
	if (ddl_type_is_kind(t, "base"))
		diff_step(cx, STEP_ALTER, t, "%s;", full_definition(t));
}

/*
 * Does a column hold values of type n, directly or through a type over it
 * (a domain, an array, a range, a composite type)?  DROP TYPE ... CASCADE
 * then drops the column with its values.
 */
static bool
holds_values(GNode *n, int depth)
{
	ListCell   *lc;

	if (depth > 8)
		return true;			/* deeper than any real chain: say so */
	foreach(lc, n->dependents)
	{
		GNode	   *d = lfirst(lc);

		if (d->kind == OBJ_COLUMN)
			return true;
		if (d->kind == OBJ_TYPE && holds_values(d, depth + 1))
			return true;
	}
	return false;
}

/*
 * ddl_basetype_drop(): drop base or shell type s (of the source); a base
 * type's input and output functions go with it (basetype_finish() leaves
 * out their own drops).
 */
void
ddl_basetype_drop(DiffContext *cx, GNode *s)
{
	DiffStep   *step;

	if (ddl_type_is_kind(s, "shell"))
	{
		diff_step(cx, STEP_DROP, s, "DROP TYPE %s;", gnode_qualname(s));
		return;
	}
	step = diff_step(cx, STEP_DROP, s, "DROP TYPE %s CASCADE;", gnode_qualname(s));
	if (s->dependents != NIL)
		step_hazard(step, HAZARD_BREAKS_DEPENDENTS);
	/* the columns of the type go with it, and their values */
	if (holds_values(s, 0))
		step_hazard(step, HAZARD_DATA_LOSS);
	if (graph_find_node(cx->target, s) == NULL)
		diff_rebuild_dependents(cx, s);
}

/*
 * ddl_basetype_alter(): base or shell type s becomes t (same kind): ALTER
 * TYPE ... SET for the settable options, else a rebuild.
 */
void
ddl_basetype_alter(DiffContext *cx, GNode *s, GNode *t)
{
	StringInfoData set;
	char	   *sstorage = gnode_str(s, "storage");

	if (ddl_type_is_kind(t, "shell"))
		return;
	if (!gnode_attr_equal(s, t, "definition") ||
		(sstorage != NULL && gnode_str(t, "storage") == NULL))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	initStringInfo(&set);
	for (int i = 0; i < lengthof(settable); i++)
	{
		char	   *v = gnode_str(t, settable[i][0]);

		if (gnode_attr_equal(s, t, settable[i][0]))
			continue;
		appendStringInfo(&set, "%s%s = %s", set.len > 0 ? ", " : "",
						 settable[i][1], v ? v : "NONE");
	}
	if (set.len > 0)
		diff_step(cx, STEP_ALTER, t, "ALTER TYPE %s SET (%s);",
				  gnode_qualname(t), set.data);
}

/*
 * The steps of new base type n: its first (the shell, *shell) and the one
 * that makes it whole (CREATE TYPE with its options), returned; its
 * others (comment, privileges, which a shell cannot have) are put after
 * the whole one.
 */
static DiffStep *
whole_definition(DiffContext *cx, GNode *n, DiffStep **shell)
{
	DiffStep   *whole = NULL;
	ListCell   *lc;

	*shell = NULL;
	foreach(lc, cx->steps)
	{
		DiffStep   *st = lfirst(lc);

		if (st->node != n || st->action == STEP_DROP)
			continue;
		if (*shell == NULL && st->action == STEP_CREATE)
			*shell = st;
		else if (st->action == STEP_ALTER &&
				 strncmp(st->sql.data, "CREATE TYPE ", 12) == 0)
			whole = st;
	}
	foreach(lc, whole ? cx->steps : NIL)
	{
		DiffStep   *st = lfirst(lc);

		if (st->node == n && st->action != STEP_DROP && st != whole && st != *shell)
			step_after(st, whole);
	}
	return whole;
}

/* deps without node (a new list) */
static List *
deps_without(List *deps, GNode *node)
{
	return list_delete_ptr(list_copy(deps), node);
}

/*
 * The functions base type n and which need each other (its input and
 * output functions, and any other it names that takes or returns it).
 */
static List *
mutual_functions(GNode *n)
{
	List	   *res = NIL;
	ListCell   *lc;

	foreach(lc, n->deps)
	{
		GNode	   *f = lfirst(lc);

		if (f->kind == OBJ_FUNCTION && list_member_ptr(f->deps, n))
			res = lappend(res, f);
	}
	return res;
}

/*
 * ddl_basetype_finish(): the cycle between a base type and its functions
 * taken out of the dependencies the steps are ordered by.  A new base
 * type: its functions after its shell, its whole definition after them.
 * A changed one (ALTER TYPE ... SET RECEIVE = a new function): the new
 * functions need it as it is.  A dropped one: its functions' drops left
 * out (DROP TYPE ... CASCADE drops them).
 */
void
ddl_basetype_finish(DiffContext *cx)
{
	List	   *steps = list_copy(cx->steps);
	List	   *done = NIL;
	ListCell   *lc;

	foreach(lc, steps)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *n = step->node;
		DiffStep   *create;
		DiffStep   *whole;
		List	   *fns;
		ListCell   *fc;

		if (step->discarded || n->kind != OBJ_TYPE || !ddl_type_is_kind(n, "base") ||
			list_member_ptr(done, n))
			continue;
		done = lappend(done, n);
		fns = mutual_functions(n);
		if (fns == NIL)
			continue;
		if (step->action == STEP_DROP)
		{
			diff_set_deps(cx, n, list_difference_ptr(n->deps, fns));
			foreach(fc, fns)
			{
				GNode	   *f = lfirst(fc);
				DiffStep   *fdrop = ddl_find_step(cx, f, STEP_DROP);

				diff_set_deps(cx, f, deps_without(f->deps, n));
				if (fdrop != NULL)
				{
					fdrop->discarded = true;
					cx->steps = list_delete_ptr(cx->steps, fdrop);
				}
			}
			continue;
		}
		whole = whole_definition(cx, n, &create);
		if (create != NULL)
			diff_set_deps(cx, n, list_difference_ptr(n->deps, fns));
		foreach(fc, fns)
		{
			GNode	   *f = lfirst(fc);
			DiffStep   *fcreate = ddl_find_step(cx, f, STEP_CREATE);

			diff_set_deps(cx, f, deps_without(f->deps, n));
			if (create == NULL || fcreate == NULL)
				continue;
			step_after(fcreate, create);
			if (whole != NULL)
				step_after(whole, fcreate);
		}
	}
}
