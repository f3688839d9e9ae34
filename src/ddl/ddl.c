/*-------------------------------------------------------------------------
 *
 * ddl.c
 *	  The table of DDL handlers, and the helpers they share: so that no
 *	  handler calls another kind's file for them.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include <ctype.h>

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
	[OBJ_DEFACL] = &pgm_ddl_defacl,
	[OBJ_AGGREGATE] = &pgm_ddl_aggregate,
	[OBJ_OPERATOR] = &pgm_ddl_operator,
	[OBJ_OPFAMILY] = &pgm_ddl_opfamily,
	[OBJ_OPCLASS] = &pgm_ddl_opclass,
	[OBJ_CAST] = &pgm_ddl_cast,
	[OBJ_CONVERSION] = &pgm_ddl_conversion,
	[OBJ_LANGUAGE] = &pgm_ddl_language,
	[OBJ_ACCESS_METHOD] = &pgm_ddl_accessmethod,
	[OBJ_TSPARSER] = &pgm_ddl_tsparser,
	[OBJ_TSTEMPLATE] = &pgm_ddl_tstemplate,
	[OBJ_TSDICT] = &pgm_ddl_tsdict,
	[OBJ_TSCONFIG] = &pgm_ddl_tsconfig,
	[OBJ_FDW] = &pgm_ddl_fdw,
	[OBJ_SERVER] = &pgm_ddl_server,
	[OBJ_USERMAPPING] = &pgm_ddl_usermapping,
	[OBJ_FOREIGN_TABLE] = &pgm_ddl_foreigntable,
	[OBJ_PUBLICATION] = &pgm_ddl_publication,
	[OBJ_EVENT_TRIGGER] = &pgm_ddl_eventtrigger,
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

/* The DDL handler of an object kind (never NULL). */
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

/*
 * "ALTER TABLE t ENABLE ... <what> name;" for a trigger's or a rule's
 * enabled state ("disabled", "replica", "always", or absent for the
 * normal ENABLE).  "what" is TRIGGER or RULE.
 */
char *
ddl_enable_statement(GNode *node, const char *what)
{
	char	   *enabled = gnode_str(node, "enabled");
	const char *how;

	if (enabled == NULL)
		how = "ENABLE";
	else if (strcmp(enabled, "disabled") == 0)
		how = "DISABLE";
	else if (strcmp(enabled, "replica") == 0)
		how = "ENABLE REPLICA";
	else if (strcmp(enabled, "always") == 0)
		how = "ENABLE ALWAYS";
	else
		elog(ERROR, "%s %s has an unknown enabled state \"%s\"",
			 what, node->name, enabled);
	return psprintf("ALTER TABLE %s %s %s %s;",
					gnode_qualname(node->parent), how, what,
					quote_identifier(node->name));
}

/* A string literal, quoted with quote_literal_cstr (E'' when needed). */
char *
ddl_literal(const char *s)
{
	return quote_literal_cstr(s);
}

/* Append one statement to buf, on a line of its own. */
void
ddl_stmt(StringInfo buf, const char *fmt,...)
{
	va_list		args;

	if (buf->len > 0)
		appendStringInfoChar(buf, '\n');
	va_start(args, fmt);
	pgm_append_va(buf, fmt, args);
	va_end(args);
}

/*
 * The node of kind "kind" that a name written in from's document names:
 * relative to from's schema ("orders"), or qualified ("app.orders").
 */
GNode *
ddl_find(Graph *g, const GNode *from, ObjKind kind, const char *name)
{
	GNode	   *n = NULL;

	if (name == NULL)
		return NULL;
	if (from->schema != NULL)
		n = graph_find(g, psprintf("%s %s.%s", pgm_kinds[kind].label,
								   quote_identifier(from->schema->name), name));
	if (n == NULL)
		n = graph_find(g, psprintf("%s %s", pgm_kinds[kind].label, name));
	return n;
}

/* The child of that kind and name of a node (a table's column), or NULL. */
GNode *
ddl_find_child(GNode *parent, ObjKind kind, const char *name)
{
	ListCell   *lc;

	foreach(lc, parent->children)
	{
		GNode	   *c = lfirst(lc);

		if (c->kind == kind && strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

/*
 * Is t created (or created again) by this diff?  Like diff_is_new(), but
 * also right for a node the engine has not reached yet: such a node is
 * new when it is not in the source, or when its parent is new (a table
 * being rebuilt, whose subtree the engine has not created yet).
 */
bool
ddl_is_new(DiffContext *cx, GNode *t)
{
	if (t->parent != NULL && t->parent->kind != OBJ_SCHEMA &&
		ddl_is_new(cx, t->parent))
		return true;
	if (diff_source_of(cx, t) != NULL)
		return diff_is_new(cx, t);
	return graph_find_node(cx->source, t) == NULL;
}

/* The latest step of that action for node, or NULL. */
DiffStep *
ddl_find_step(DiffContext *cx, GNode *node, StepAction action)
{
	DiffStep   *found = NULL;
	ListCell   *lc;

	if (node == NULL)
		return NULL;
	foreach(lc, cx->steps)
	{
		DiffStep   *st = lfirst(lc);

		if (st->node == node && st->action == action)
			found = st;
	}
	return found;
}

/*
 * Is target table t a partition that the script detaches from its source
 * parent, keeping the table (to attach it to another parent, or with
 * another bound)?  Its indexes and keys then stay, detached, and are
 * attached again to the parent's (ALTER INDEX ... ATTACH PARTITION) rather
 * than created.
 */
bool
ddl_partition_detached(DiffContext *cx, GNode *t)
{
	GNode	   *s;
	char	   *spart;
	char	   *tpart;

	if (t == NULL || t->kind != OBJ_TABLE || ddl_is_new(cx, t) ||
		(s = graph_find_node(cx->source, t)) == NULL)
		return false;
	spart = gnode_str(s, "partition_of");
	tpart = gnode_str(t, "partition_of");
	return spart != NULL &&
		(tpart == NULL || strcmp(spart, tpart) != 0 ||
		 !gnode_attr_equal(s, t, "partition_bound"));
}

/* Make step wait for every alter step of node (an ATTACH PARTITION, ...). */
void
ddl_after_alters_of(DiffContext *cx, DiffStep *step, GNode *node)
{
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *other = lfirst(lc);

		if (other != step && other->node == node && other->action == STEP_ALTER)
			step_after(step, other);
	}
}

/*
 * The tables of g that are partitions of table (with inheriting children
 * too: all), found among the objects that depend on it.
 */
static List *
table_children(Graph *g, GNode *table, bool all)
{
	List	   *res = NIL;
	ListCell   *lc;

	foreach(lc, table->dependents)
	{
		GNode	   *n = lfirst(lc);
		ListCell   *ic;

		if (n->kind != OBJ_TABLE || list_member_ptr(res, n))
			continue;
		if (ddl_find(g, n, OBJ_TABLE, gnode_str(n, "partition_of")) == table)
		{
			res = lappend(res, n);
			continue;
		}
		if (!all)
			continue;
		foreach(ic, gnode_strings(n, "inherits"))
			if (ddl_find(g, n, OBJ_TABLE, lfirst(ic)) == table)
			{
				res = lappend(res, n);
				break;
			}
	}
	return res;
}

/* The tables of g that are partitions of table. */
List *
ddl_partitions(Graph *g, GNode *table)
{
	if (gnode_str(table, "partition_by") == NULL)
		return NIL;
	return table_children(g, table, false);
}

/* The tables of g that inherit from table or are its partitions. */
List *
ddl_child_tables(Graph *g, GNode *table)
{
	return table_children(g, table, true);
}

/*
 * " TABLESPACE name" for a table, index or materialized view whose
 * "tablespace" is set, "" for one in the database's default.  Palloc'd.
 */
char *
ddl_tablespace_clause(GNode *node)
{
	char	   *ts = gnode_str(node, "tablespace");

	return ts ? psprintf(" TABLESPACE %s", quote_identifier(ts)) : pstrdup("");
}

/*
 * "SET TABLESPACE name" that moves a relation or index to the tablespace
 * of node (of the target), pg_default when it has none (the database's
 * default is recorded as no tablespace at all).  Palloc'd.
 */
char *
ddl_set_tablespace(GNode *node)
{
	char	   *ts = gnode_str(node, "tablespace");

	return psprintf("SET TABLESPACE %s", quote_identifier(ts ? ts : "pg_default"));
}

/*
 * What changes between two lists of "key=value" strings whose keys are
 * unique (statistics targets by column number, comments by column name):
 * *gone gets the keys of old that new lacks (palloc'd strings), *set the
 * entries of new that old does not hold as they are (palloc'd
 * DdlKeyValue), each in its list's order.  Strings without "=" are left
 * out.
 */
void
ddl_keyvalue_changes(List *old, List *new, List **gone, List **set)
{
	ListCell   *lc;

	*gone = *set = NIL;
	foreach(lc, old)
	{
		char	   *key = pstrdup(lfirst(lc));
		char	   *eq = strchr(key, '=');
		size_t		klen;
		bool		kept = false;
		ListCell   *nc;

		if (eq == NULL)
			continue;
		*eq = '\0';
		klen = strlen(key);
		foreach(nc, new)
		{
			const char *n = lfirst(nc);

			if (strncmp(n, key, klen) == 0 && n[klen] == '=')
				kept = true;
		}
		if (!kept)
			*gone = lappend(*gone, key);
	}
	foreach(lc, new)
	{
		char	   *key = pstrdup(lfirst(lc));
		char	   *eq = strchr(key, '=');
		DdlKeyValue *kv;

		if (eq == NULL || pgm_list_member_str(old, lfirst(lc)))
			continue;
		*eq = '\0';
		kv = palloc(sizeof(DdlKeyValue));
		kv->key = key;
		kv->value = eq + 1;
		*set = lappend(*set, kv);
	}
}

/* "name=value" storage parameters as a WITH / SET list: name='value'. */
char *
ddl_options_list(List *options)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, options)
	{
		char	   *opt = pstrdup(lfirst(lc));
		char	   *eq = strchr(opt, '=');
		char	   *dot;

		if (buf.len > 0)
			appendStringInfoString(&buf, ", ");
		if (eq != NULL)
			*eq = '\0';
		/* toast.autovacuum_enabled: a namespace and a name */
		if ((dot = strchr(opt, '.')) != NULL)
		{
			*dot = '\0';
			appendStringInfo(&buf, "%s.", quote_identifier(opt));
			opt = dot + 1;
		}
		appendStringInfoString(&buf, quote_identifier(opt));
		if (eq != NULL)
			appendStringInfo(&buf, " = %s", ddl_literal(eq + 1));
	}
	return buf.data;
}

static char *
option_name(const char *opt)
{
	const char *eq = strchr(opt, '=');

	return eq ? pnstrdup(opt, eq - opt) : pstrdup(opt);
}

static bool
option_member(List *opts, const char *opt, bool by_name)
{
	ListCell   *lc;
	char	   *name = option_name(opt);

	foreach(lc, opts)
	{
		if (by_name ? strcmp(option_name(lfirst(lc)), name) == 0
			: strcmp(lfirst(lc), opt) == 0)
			return true;
	}
	return false;
}

/*
 * "<prefix> RESET (...)" and "<prefix> SET (...)" for the "options" of s
 * and t (tables, columns, indexes, sequences alike).
 */
void
ddl_options_diff(StringInfo buf, const char *prefix, GNode *s, GNode *t)
{
	List	   *sopts = gnode_strings(s, "options");
	List	   *topts = gnode_strings(t, "options");
	List	   *reset = NIL;
	List	   *set = NIL;
	ListCell   *lc;

	foreach(lc, sopts)
		if (!option_member(topts, lfirst(lc), true))
			reset = lappend(reset, option_name(lfirst(lc)));
	foreach(lc, topts)
		if (!option_member(sopts, lfirst(lc), false))
			set = lappend(set, lfirst(lc));
	if (reset != NIL)
		ddl_stmt(buf, "%s RESET (%s);", prefix, ddl_options_list(reset));
	if (set != NIL)
		ddl_stmt(buf, "%s SET (%s);", prefix, ddl_options_list(set));
}

/*
 * ALTER SEQUENCE checks the current value against the new bounds.  When
 * the bounds narrow, bring the current value inside them first (widening
 * them for a moment if the new ones are not inside the old ones): the
 * position of a sequence is data, but one outside its bounds is of no use.
 * For sequences (sequence.c) and the sequences of identity columns
 * (coldef.c).
 */
void
ddl_sequence_clamp(StringInfo buf, const char *seq, const char *smin, const char *smax,
				   const char *tmin, const char *tmax)
{
	int64		smi,
				sma,
				tmi,
				tma;

	if (smin == NULL || smax == NULL || tmin == NULL || tmax == NULL)
		return;
	smi = pg_strtoint64(smin);
	sma = pg_strtoint64(smax);
	tmi = pg_strtoint64(tmin);
	tma = pg_strtoint64(tmax);
	if (tmi <= smi && tma >= sma)
		return;
	if (tmi < smi || tma > sma)
		ddl_stmt(buf, "ALTER SEQUENCE %s MINVALUE " INT64_FORMAT " MAXVALUE " INT64_FORMAT ";",
				 seq, Min(smi, tmi), Max(sma, tma));
	ddl_stmt(buf, "SELECT pg_catalog.setval(%s, CASE WHEN last_value > " INT64_FORMAT
			 " THEN " INT64_FORMAT " ELSE " INT64_FORMAT " END, false) FROM %s"
			 " WHERE last_value > " INT64_FORMAT " OR last_value < " INT64_FORMAT ";",
			 ddl_literal(seq), tma, tma, tmi, seq, tma, tmi);
}

/* Is a type node of that kind ("enum", "composite", "domain", "range")? */
bool
ddl_type_is_kind(GNode *node, const char *kind)
{
	char	   *k = gnode_str(node, "kind");

	return k != NULL && strcmp(k, kind) == 0;
}

/* Does the partition key text of table name column col (a whole word)? */
bool
ddl_in_partition_key(GNode *table, const char *col)
{
	char	   *key = gnode_str(table, "partition_by");
	const char *q = quote_identifier(col);
	size_t		len = strlen(q);
	char	   *p;

	if (key == NULL)
		return false;
	for (p = strstr(key, q); p != NULL; p = strstr(p + 1, q))
	{
		bool		start = p == key || !(isalnum((unsigned char) p[-1]) ||
										  p[-1] == '_' || p[-1] == '"');
		bool		end = !(isalnum((unsigned char) p[len]) || p[len] == '_' ||
							p[len] == '"');

		if (start && end)
			return true;
	}
	return false;
}

/*
 * Is column col part of the partition key of table, or of one of its
 * partitions (which ALTER COLUMN TYPE of the table reaches)?
 */
bool
ddl_key_column(Graph *g, GNode *table, const char *col)
{
	List	   *tables = list_make1(table);
	ListCell   *tl;

	foreach(tl, tables)
	{
		GNode	   *tab = lfirst(tl);

		if (ddl_in_partition_key(tab, col))
			return true;
		if (list_length(tables) < 1000)
			tables = list_concat(tables, ddl_partitions(g, tab));
	}
	return false;
}

/*
 * The table whose key foreign key fk references, when it is another table
 * than fk's own (NULL for a self-reference or another constraint).
 */
GNode *
ddl_fk_referenced(GNode *fk)
{
	char	   *type = gnode_str(fk, "type");
	ListCell   *lc;

	if (fk->kind != OBJ_CONSTRAINT || type == NULL ||
		strcmp(type, "foreign_key") != 0)
		return NULL;
	foreach(lc, fk->deps)
	{
		GNode	   *n;

		for (n = lfirst(lc); n != NULL && n->kind != OBJ_TABLE; n = n->parent)
			;
		if (n != NULL && n != fk->parent)
			return n;
	}
	return NULL;
}
