/*-------------------------------------------------------------------------
 *
 * function.c
 *	  DDL for functions and procedures, written from their parts (the
 *	  document does not hold pg_get_functiondef(), which qualifies names).
 *
 * A change is made with CREATE OR REPLACE when PostgreSQL accepts it: the
 * same kind, the same result type (and OUT parameters), input parameters
 * not renamed and no default removed.  Otherwise the function is rebuilt
 * with what depends on it.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/varlena.h"

/* type.c */

static bool
is_procedure(GNode *node)
{
	return ddl_str_equal(gnode_str(node, "kind"), "procedure");
}

/* The function's name, unqualified: the node's name is "f(argtypes)". */
static char *
bare_name(GNode *node)
{
	const char *paren = strchr(node->name, '(');

	if (paren == NULL)
		return pstrdup(node->name);
	return pnstrdup(node->name, paren - node->name);
}

/* The identity argument types of the node's name, "integer, text". */
static char *
identity_args(GNode *node)
{
	const char *paren = strchr(node->name, '(');
	size_t		len;

	if (paren == NULL)
		return pstrdup("");
	paren++;
	len = strlen(paren);
	if (len > 0 && paren[len - 1] == ')')
		len--;
	return pnstrdup(paren, len);
}

/*
 * Split a list as pg_get_function_arguments() writes it at its top-level
 * commas (", "), outside parentheses, brackets and quotes.
 */
static List *
split_list(const char *s)
{
	List	   *items = NIL;
	int			depth = 0;
	char		quote = 0;
	const char *start = s;
	const char *p;

	if (s == NULL || *s == '\0')
		return NIL;
	for (p = s; *p; p++)
	{
		if (quote)
		{
			if (*p == quote)
			{
				if (p[1] == quote)
					p++;
				else
					quote = 0;
			}
			continue;
		}
		switch (*p)
		{
			case '\'':
			case '"':
				quote = *p;
				break;
			case '(':
			case '[':
				depth++;
				break;
			case ')':
			case ']':
				depth--;
				break;
			case ',':
				if (depth == 0)
				{
					items = lappend(items, pnstrdup(start, p - start));
					start = p + 1;
					while (*start == ' ')
						start++;
				}
				break;
		}
	}
	items = lappend(items, pstrdup(start));
	return items;
}

/* One argument as pg_get_function_arguments() writes it. */
typedef struct FuncArg
{
	const char *mode;			/* "" (IN), "OUT ", "INOUT ", "VARIADIC " */
	char	   *decl;			/* "[name] type" */
	char	   *dflt;			/* the default, or NULL */
} FuncArg;

static FuncArg *
parse_arg(const char *item)
{
	static const char *const modes[] = {"IN ", "OUT ", "INOUT ", "VARIADIC "};
	FuncArg    *arg = palloc0(sizeof(FuncArg));
	const char *p = item;
	char		quote = 0;
	int			depth = 0;
	const char *q;

	arg->mode = "";
	for (int i = 0; i < lengthof(modes); i++)
	{
		size_t		len = strlen(modes[i]);

		if (strncmp(p, modes[i], len) == 0)
		{
			arg->mode = i == 0 ? "" : modes[i];	/* IN is the default */
			p += len;
			break;
		}
	}

	/* " DEFAULT " at the top level, outside quotes, ends the declaration */
	for (q = p; *q; q++)
	{
		if (quote)
		{
			if (*q == quote)
				quote = 0;
			continue;
		}
		if (*q == '"' || *q == '\'')
			quote = *q;
		else if (*q == '(' || *q == '[')
			depth++;
		else if (*q == ')' || *q == ']')
			depth--;
		else if (depth == 0 && strncmp(q, " DEFAULT ", 9) == 0)
		{
			arg->decl = pnstrdup(p, q - p);
			arg->dflt = pstrdup(q + 9);
			return arg;
		}
	}
	arg->decl = pstrdup(p);
	return arg;
}

/*
 * Can CREATE OR REPLACE turn the arguments "sargs" into "targs"?  The
 * types are the same (they are the identity); PostgreSQL refuses to change
 * a mode, to rename an input parameter that had a name, to remove a
 * default, and to change OUT parameters (the result type).
 */
static bool
arguments_replaceable(GNode *s, GNode *t)
{
	List	   *sargs = split_list(gnode_str_req(s, "arguments"));
	List	   *targs = split_list(gnode_str_req(t, "arguments"));
	List	   *types = split_list(identity_args(s));
	int			ti = 0;

	if (list_length(sargs) != list_length(targs))
		return false;
	for (int i = 0; i < list_length(sargs); i++)
	{
		FuncArg    *sa = parse_arg(list_nth(sargs, i));
		FuncArg    *ta = parse_arg(list_nth(targs, i));

		if (strcmp(sa->mode, ta->mode) != 0)
			return false;
		if (strcmp(sa->mode, "OUT ") == 0)
		{
			/* part of the result: its name and type must stay */
			if (strcmp(sa->decl, ta->decl) != 0)
				return false;
			continue;			/* not part of the identity */
		}
		if (sa->dflt != NULL && ta->dflt == NULL)
			return false;

		/*
		 * "[name] type": an input parameter without a name may get one; one
		 * with a name keeps it; an INOUT one is also part of the result.
		 */
		if (strcmp(sa->decl, ta->decl) != 0 &&
			(strcmp(sa->mode, "INOUT ") == 0 || ti >= list_length(types) ||
			 strcmp(sa->decl, (char *) list_nth(types, ti)) != 0))
			return false;
		ti++;
	}
	return true;
}

/* "SET name = value" as pg_get_functiondef() writes it. */
static void
append_config(StringInfo buf, const char *item)
{
	const char *eq = strchr(item, '=');
	char	   *name;
	char	   *value;

	if (eq == NULL)
		return;
	name = pnstrdup(item, eq - item);
	value = pstrdup(eq + 1);
	appendStringInfo(buf, " SET %s TO ", quote_identifier(name));
	if (GetConfigOptionFlags(name, true) & GUC_LIST_QUOTE)
	{
		List	   *names;
		ListCell   *lc;

		if (!SplitGUCList(value, ',', &names))
			elog(ERROR, "invalid list in setting %s of a function",
				 name);
		foreach(lc, names)
			appendStringInfo(buf, "%s%s",
							 foreach_current_index(lc) > 0 ? ", " : "",
							 ddl_literal(lfirst(lc)));
	}
	else
		appendStringInfoString(buf, ddl_literal(value));
}

/* A dollar quote that does not occur in the body. */
static char *
dollar_quote(const char *body)
{
	char	   *tag = pstrdup("$body$");

	for (int n = 1; strstr(body, tag) != NULL; n++)
		tag = psprintf("$body%d$", n);
	return tag;
}

/* The whole CREATE [OR REPLACE] FUNCTION / PROCEDURE statement. */
static char *
function_definition(GNode *t, bool replace)
{
	StringInfoData buf;
	bool		proc = is_procedure(t);
	char	   *args = gnode_str(t, "arguments");
	char	   *volatility = gnode_str(t, "volatility");
	char	   *parallel = gnode_str(t, "parallel");
	char	   *sql_body = gnode_str(t, "sql_body");
	char	   *source = gnode_str(t, "source");
	char	   *object_file = gnode_str(t, "object_file");
	ListCell   *lc;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE %s%s %s.%s(%s)",
					 replace ? "OR REPLACE " : "",
					 proc ? "PROCEDURE" : "FUNCTION",
					 quote_identifier(t->schema->name),
					 quote_identifier(bare_name(t)),
					 args ? args : "");
	if (!proc)
		appendStringInfo(&buf, " RETURNS %s", gnode_str_req(t, "result"));
	appendStringInfo(&buf, " LANGUAGE %s",
					 quote_identifier(gnode_str_req(t, "language")));
	if (!proc)
	{
		if (ddl_str_equal(gnode_str(t, "kind"), "window"))
			appendStringInfoString(&buf, " WINDOW");
		if (ddl_str_equal(volatility, "immutable"))
			appendStringInfoString(&buf, " IMMUTABLE");
		else if (ddl_str_equal(volatility, "stable"))
			appendStringInfoString(&buf, " STABLE");
		else
			appendStringInfoString(&buf, " VOLATILE");
		if (gnode_bool(t, "strict"))
			appendStringInfoString(&buf, " STRICT");
	}
	if (gnode_bool(t, "security_definer"))
		appendStringInfoString(&buf, " SECURITY DEFINER");
	if (!proc)
	{
		if (gnode_bool(t, "leakproof"))
			appendStringInfoString(&buf, " LEAKPROOF");
		if (ddl_str_equal(parallel, "safe"))
			appendStringInfoString(&buf, " PARALLEL SAFE");
		else if (ddl_str_equal(parallel, "restricted"))
			appendStringInfoString(&buf, " PARALLEL RESTRICTED");
		else
			appendStringInfoString(&buf, " PARALLEL UNSAFE");
		if (gnode_attr(t, "cost") != NULL)
			appendStringInfo(&buf, " COST %s", gnode_attr_text(t, "cost"));
		if (gnode_attr(t, "rows") != NULL)
			appendStringInfo(&buf, " ROWS %s", gnode_attr_text(t, "rows"));
	}
	foreach(lc, gnode_strings(t, "config"))
		append_config(&buf, lfirst(lc));

	if (sql_body != NULL)
		appendStringInfo(&buf, "\n%s", sql_body);
	else if (object_file != NULL)
		appendStringInfo(&buf, "\nAS %s, %s", ddl_literal(object_file),
						 ddl_literal(source ? source : ""));
	else
	{
		char	   *tag = dollar_quote(source ? source : "");

		appendStringInfo(&buf, "\nAS %s%s%s", tag, source ? source : "", tag);
	}
	appendStringInfoChar(&buf, ';');
	return buf.data;
}

/*
 * The constructors that CREATE TYPE ... AS RANGE makes for the range and
 * its multirange (language internal, depending on the range type) are
 * made and dropped with the type: never by a step of their own.
 */
static bool
made_by_range_type(GNode *node)
{
	ListCell   *lc;

	if (!ddl_str_equal(gnode_str(node, "language"), "internal"))
		return false;
	foreach(lc, node->deps)
	{
		GNode	   *dep = lfirst(lc);

		if (dep->kind == OBJ_TYPE &&
			ddl_str_equal(gnode_str(dep, "kind"), "range"))
			return true;
	}
	return false;
}

static void
function_create(DiffContext *cx, GNode *t)
{
	if (made_by_range_type(t))
		return;
	diff_step(cx, STEP_CREATE, t, "%s", function_definition(t, false));
}

static void
function_drop(DiffContext *cx, GNode *s)
{
	if (made_by_range_type(s))
		return;
	ddl_replace_drop_after_users(cx,
								 diff_step(cx, STEP_DROP, s, "DROP %s %s;",
										   is_procedure(s) ? "PROCEDURE" : "FUNCTION",
										   gnode_qualname(s)),
								 s);
	/*
	 * Gone from the target: what survives it (an index, a view, ...) is
	 * rebuilt around its drop (a rebuild does that itself).
	 */
	if (graph_find_node(cx->target, s) == NULL)
		diff_rebuild_dependents(cx, s);
}

static void
function_alter(DiffContext *cx, GNode *s, GNode *t)
{
	if (made_by_range_type(t))
		return;
	if (!gnode_attr_equal(s, t, "kind") ||
		!gnode_attr_equal(s, t, "result") ||
		!arguments_replaceable(s, t))
	{
		diff_rebuild(cx, s, t);
		ddl_mark_rebuild(cx, s);
		return;
	}
	diff_step(cx, STEP_ALTER, t, "%s", function_definition(t, true));
}

/*
 * A function's key ("name(argument types)") split: its name, and its
 * argument types as written between the parentheses (identity arguments
 * have no typmods, so a comma outside quotes ends one).
 */
static char *
split_key(const char *key, List **types)
{
	bool		quoted = false;
	const char *p;
	const char *start = NULL;
	char	   *name = NULL;

	*types = NIL;
	for (p = key; *p != '\0'; p++)
	{
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && name == NULL && *p == '(')
		{
			name = pnstrdup(key, p - key);
			start = p + 1;
		}
		else if (!quoted && name != NULL && (*p == ',' || *p == ')'))
		{
			while (*start == ' ')
				start++;
			if (p > start)
				*types = lappend(*types, pnstrdup(start, p - start));
			start = p + 1;
		}
	}
	return name ? name : pstrdup(key);
}

/* How many of a function's arguments have a default. */
static int
defaults_of(GNode *f)
{
	char	   *args = gnode_str(f, "arguments");
	int			n = 0;

	for (char *p = args; p != NULL && (p = strstr(p, " DEFAULT ")) != NULL; p++)
		n++;
	return n;
}

/*
 * Could one call fit both functions a and b of the same name: a number of
 * arguments both accept (counting those with a default), of the same types?
 */
static bool
calls_overlap(GNode *a, List *atypes, GNode *b, List *btypes)
{
	int			na = list_length(atypes);
	int			nb = list_length(btypes);
	int			lo = Max(na - defaults_of(a), nb - defaults_of(b));
	int			hi = Min(na, nb);

	if (lo > hi)
		return false;
	for (int i = 0; i < lo; i++)
		if (strcmp(list_nth(atypes, i), list_nth(btypes, i)) != 0)
			return false;
	return true;
}

/*
 * A new overload of a name the script also drops, when a call could fit
 * both (next_code() replaced by next_code(prefix text DEFAULT ...)): created
 * after the old one is gone, since while both exist such a call (in a
 * default set again) is ambiguous.  What used the old one stops using it
 * before its drop already.
 */
static void
function_finish(DiffContext *cx)
{
	List	   *creates = NIL;
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);

		if (step->action == STEP_CREATE && !step->discarded &&
			step->node->kind == OBJ_FUNCTION)
			creates = lappend(creates, step);
	}
	foreach(lc, creates)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *t = step->node;
		GNode	   *schema = t->schema ? graph_find_node(cx->source, t->schema) : NULL;
		List	   *ttypes;
		char	   *name = split_key(t->name, &ttypes);
		ListCell   *sc;

		foreach(sc, schema ? schema->children : NIL)
		{
			GNode	   *old = lfirst(sc);
			List	   *otypes;
			DiffStep   *drop;

			if (old->kind != OBJ_FUNCTION || strcmp(old->name, t->name) == 0 ||
				strcmp(split_key(old->name, &otypes), name) != 0 ||
				graph_find_node(cx->target, old) != NULL ||
				!calls_overlap(old, otypes, t, ttypes))
				continue;
			if ((drop = ddl_find_step(cx, old, STEP_DROP)) != NULL)
				step_after(step, drop);
		}
	}
}

const DdlHandler pgm_ddl_function = {
	.create = function_create,
	.drop = function_drop,
	.alter = function_alter,
	.sql_kind = "ROUTINE",
	.finish = function_finish,
};
