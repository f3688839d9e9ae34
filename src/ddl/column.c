/*-------------------------------------------------------------------------
 *
 * column.c
 *	  DDL for the columns of tables: ALTER TABLE ... ADD / DROP / ALTER
 *	  COLUMN, and the column definitions that a new table's CREATE TABLE
 *	  writes inline (ddl_column_definition).
 *
 * Columns of views, materialized views and composite types belong to the
 * handlers of those kinds, which write them inline; this handler leaves
 * them alone.
 *
 * Columns that come from elsewhere are not created or dropped here: an
 * inherited column that is not also defined locally comes and goes with
 * its parent's (ALTER TABLE parent ADD/DROP COLUMN recurses), a typed
 * table's columns with its type's attributes (ALTER TYPE ... CASCADE).
 * Their own settings (a default of their own, NOT NULL, ...) are still
 * written, relative to what PostgreSQL gives them.
 *
 * Several changes cannot go into one step:
 *	- DROP IDENTITY is a drop step (it drops the identity's sequence, whose
 *	  name a new sequence of the target may take);
 *	- ADD GENERATED ... AS IDENTITY is a create step of the column, after the
 *	  main alter step (which may first drop a default that uses a sequence
 *	  of the same name, which is dropped in between);
 *	- a changed generation expression drops and adds the column, which
 *	  moves it to the end; the table is rebuilt when that, or a new column,
 *	  would leave the columns in another order than the target's
 *	  (ddl_table_columns_rebuild, table.c).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "catalog/pg_type.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* Shared by the relation handlers (table.c, column.c, index.c, ...). */

/* ----------------------------------------------------------------
 * Reading a column
 * ----------------------------------------------------------------
 */

/* One key of identity_sequence, as SQL text, or NULL. */
static char *
identity_opt(const GNode *col, const char *key)
{
	const JsonbValue *v = gnode_attr(col, "identity_sequence");
	JsonbValue	r;

	if (v == NULL || v->type != jbvBinary)
		return NULL;
	if (!getKeyJsonValueFromContainer(v->val.binary.data, key, strlen(key), &r))
		return NULL;
	switch (r.type)
	{
		case jbvString:
			return pnstrdup(r.val.string.val, r.val.string.len);
		case jbvNumeric:
			return DatumGetCString(DirectFunctionCall1(numeric_out,
													   NumericGetDatum(r.val.numeric)));
		case jbvBool:
			return pstrdup(r.val.boolean ? "true" : "false");
		default:
			return NULL;
	}
}

static bool
identity_opt_equal(const GNode *a, const GNode *b, const char *key)
{
	char	   *x = identity_opt(a, key);
	char	   *y = identity_opt(b, key);

	if (x == NULL || y == NULL)
		return x == y;
	return strcmp(x, y) == 0;
}

/* The identity's sequence, qualified by the table's schema. */
static char *
identity_seqname(const GNode *col)
{
	char	   *name = identity_opt(col, "name");

	if (name == NULL)
		return NULL;
	if (col->schema == NULL)
		return pstrdup(quote_identifier(name));
	return psprintf("%s.%s", quote_identifier(col->schema->name),
					quote_identifier(name));
}

static const char *
identity_kind(const GNode *col)
{
	char	   *identity = gnode_str(col, "identity");

	if (identity == NULL)
		return NULL;
	return strcmp(identity, "always") == 0 ? "ALWAYS" : "BY DEFAULT";
}

/*
 * Sequence options of an identity: all of them (base NULL), as the
 * parenthesised list of GENERATED ... AS IDENTITY, or those that differ
 * from base's, as "SET ..." clauses of ALTER COLUMN.
 */
static void
identity_options(StringInfo buf, const GNode *col, const GNode *base)
{
	static const char *const keys[] = {"start", "increment", "min", "max", "cache", "cycle"};
	static const char *const sql[] = {"START WITH", "INCREMENT BY", "MINVALUE", "MAXVALUE", "CACHE", NULL};
	bool		first = true;

	if (base == NULL)
	{
		char	   *seq = identity_seqname(col);

		appendStringInfoString(buf, " (");
		if (seq != NULL)
		{
			appendStringInfo(buf, "SEQUENCE NAME %s", seq);
			first = false;
		}
	}
	for (int i = 0; i < lengthof(keys); i++)
	{
		char	   *v = identity_opt(col, keys[i]);

		if (v == NULL)
			continue;
		if (base != NULL && identity_opt_equal(col, base, keys[i]))
			continue;
		if (base != NULL)
			appendStringInfoString(buf, " SET");
		else if (!first)
			appendStringInfoChar(buf, ' ');
		first = false;
		if (sql[i] != NULL)
			appendStringInfo(buf, base ? " %s %s" : "%s %s", sql[i], v);
		else
			appendStringInfo(buf, base ? " %s" : "%s",
							 strcmp(v, "true") == 0 ? "CYCLE" : "NO CYCLE");
	}
	if (base == NULL)
		appendStringInfoChar(buf, ')');
}

/*
 * The storage a column of this type has unless told otherwise.  Types of
 * the document are looked up in it; others (built-in ones) in the
 * catalogs.
 */
static char
type_default_storage(Graph *g, GNode *col, const char *typname, int depth)
{
	GNode	   *type;
	size_t		len = strlen(typname);

	if (len > 2 && strcmp(typname + len - 2, "[]") == 0)
		return TYPSTORAGE_EXTENDED;
	if (g != NULL && depth < 10 &&
		(type = ddl_find(g, col, OBJ_TYPE, typname)) != NULL)
	{
		char	   *kind = gnode_str(type, "kind");
		char	   *base = gnode_str(type, "base_type");

		if (kind != NULL && strcmp(kind, "enum") == 0)
			return TYPSTORAGE_PLAIN;
		if (kind != NULL && strcmp(kind, "domain") == 0 && base != NULL)
			return type_default_storage(g, type, base, depth + 1);
		return TYPSTORAGE_EXTENDED;
	}
	{
		Oid			typid;
		int32		typmod;

		parseTypeString(typname, &typid, &typmod, true);
		if (OidIsValid(typid))
			return get_typstorage(typid);
	}
	return TYPSTORAGE_EXTENDED;
}

static const char *
storage_name(char c)
{
	switch (c)
	{
		case TYPSTORAGE_PLAIN:
			return "PLAIN";
		case TYPSTORAGE_EXTERNAL:
			return "EXTERNAL";
		case TYPSTORAGE_MAIN:
			return "MAIN";
		default:
			return "EXTENDED";
	}
}

/* A column's storage as SQL: its own, or its type's. */
static const char *
column_storage(Graph *g, GNode *col)
{
	char	   *storage = gnode_str(col, "storage");

	if (storage != NULL)
	{
		for (char *p = storage; *p; p++)
			*p = pg_toupper((unsigned char) *p);
		return storage;
	}
	return storage_name(type_default_storage(g, col, gnode_str(col, "type"), 0));
}

/* ----------------------------------------------------------------
 * Definitions
 * ----------------------------------------------------------------
 */

/*
 * "name type [COMPRESSION c] [COLLATE c] [GENERATED ALWAYS AS (e) STORED |
 * DEFAULT e] [GENERATED ... AS IDENTITY (...)] [NOT NULL]": a column as
 * CREATE TABLE and ADD COLUMN write it.  Storage, statistics and options
 * need ALTER COLUMN afterwards (ddl_column_settings).
 */
char *
ddl_column_definition(GNode *col)
{
	StringInfoData buf;
	char	   *compression = gnode_str(col, "compression");
	char	   *collation = gnode_str(col, "collation");
	char	   *generated = gnode_str(col, "generated");
	char	   *dflt = gnode_str(col, "default");
	const char *identity = identity_kind(col);

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s %s", quote_identifier(col->name),
					 gnode_str(col, "type"));
	if (compression != NULL)
		appendStringInfo(&buf, " COMPRESSION %s", quote_identifier(compression));
	if (collation != NULL)
		appendStringInfo(&buf, " COLLATE %s", collation);
	if (generated != NULL)
		appendStringInfo(&buf, " GENERATED ALWAYS AS (%s) STORED", generated);
	else if (dflt != NULL)
		appendStringInfo(&buf, " DEFAULT %s", dflt);
	if (identity != NULL)
	{
		appendStringInfo(&buf, " GENERATED %s AS IDENTITY", identity);
		identity_options(&buf, col, NULL);
	}
	if (gnode_bool(col, "not_null"))
		appendStringInfoString(&buf, " NOT NULL");
	return buf.data;
}

/* Does changing s into t drop and add the column (moving it last)? */
bool
ddl_column_moves(GNode *s, GNode *t)
{
	char	   *sg = gnode_str(s, "generated");
	char	   *tg = gnode_str(t, "generated");

	if (t->parent->kind != OBJ_TABLE)
		return false;
	if (gnode_bool(t, "inherited") || gnode_bool(s, "inherited"))
		return false;
	return tg != NULL && (sg == NULL || strcmp(sg, tg) != 0);
}

/* ----------------------------------------------------------------
 * Changes in place
 * ----------------------------------------------------------------
 */

/* Does the change of key from s to t come from a parent's ALTER? */
static bool
from_parent(GNode *s, GNode *t, GNode *ps, GNode *pt, const char *key)
{
	return ps != NULL && pt != NULL &&
		gnode_attr_equal(ps, s, key) && gnode_attr_equal(pt, t, key);
}

/*
 * The statements that change the settings of column s into t's, in
 * place: default, NOT NULL, identity kind and options (not its addition or
 * removal), storage, compression, statistics, options.  ps/pt: the same
 * column of a parent table in source and target, whose change of NOT NULL
 * recurses to this one.
 */
static void
column_changes(StringInfo buf, Graph *g, GNode *s, GNode *t, GNode *ps, GNode *pt,
			   bool *lock)
{
	char	   *prefix = psprintf("ALTER TABLE %s ALTER COLUMN %s",
								  gnode_qualname(t->parent), quote_identifier(t->name));
	char	   *only = psprintf("ALTER TABLE ONLY %s ALTER COLUMN %s",
								gnode_qualname(t->parent), quote_identifier(t->name));
	char	   *tdefault = gnode_str(t, "default");

	/*
	 * Default, storage and statistics are changed on this table ONLY: each
	 * table that inherits the column changes its own (it may differ from
	 * the parent's).  NOT NULL must recurse to partitions: a child follows
	 * its parent's change, and sets its own after it.
	 */

	/* default (a generated column's expression is not a default) */
	if (!gnode_attr_equal(s, t, "default") &&
		gnode_str(t, "generated") == NULL)
	{
		if (tdefault != NULL)
			ddl_stmt(buf, "%s SET DEFAULT %s;", only, tdefault);
		else if (gnode_str(s, "generated") == NULL)
			ddl_stmt(buf, "%s DROP DEFAULT;", only);
	}

	/* NOT NULL (an identity is NOT NULL by itself) */
	if (gnode_bool(s, "not_null") != gnode_bool(t, "not_null") &&
		!from_parent(s, t, ps, pt, "not_null"))
	{
		if (gnode_bool(t, "not_null"))
		{
			ddl_stmt(buf, "%s SET NOT NULL;", prefix);
			*lock = true;
		}
		else
			ddl_stmt(buf, "%s DROP NOT NULL;", prefix);
	}

	/* identity kept: its kind and options, its sequence's name and type */
	if (identity_kind(s) != NULL && identity_kind(t) != NULL)
	{
		StringInfoData opts;

		initStringInfo(&opts);
		if (strcmp(identity_kind(s), identity_kind(t)) != 0)
			appendStringInfo(&opts, " SET GENERATED %s", identity_kind(t));
		identity_options(&opts, t, s);
		if (opts.len > 0)
		{
			ddl_sequence_clamp(buf, identity_seqname(s),
							   identity_opt(s, "min"), identity_opt(s, "max"),
							   identity_opt(t, "min"), identity_opt(t, "max"));
			ddl_stmt(buf, "%s%s;", prefix, opts.data);
		}
		if (!identity_opt_equal(s, t, "name") && identity_opt(t, "name") != NULL)
			ddl_stmt(buf, "ALTER SEQUENCE %s RENAME TO %s;",
					 identity_seqname(s), quote_identifier(identity_opt(t, "name")));
		if (!identity_opt_equal(s, t, "type") && identity_opt(t, "type") != NULL &&
			gnode_attr_equal(s, t, "type"))
			ddl_stmt(buf, "ALTER SEQUENCE %s AS %s;",
					 identity_seqname(t), identity_opt(t, "type"));
	}

	if (!gnode_attr_equal(s, t, "storage"))
	{
		const char *old = column_storage(g, s);
		const char *new = column_storage(g, t);

		if (strcmp(old, new) != 0 || gnode_str(t, "storage") != NULL)
			ddl_stmt(buf, "%s SET STORAGE %s;", only, new);
	}
	if (!gnode_attr_equal(s, t, "compression"))
	{
		char	   *c = gnode_str(t, "compression");

		ddl_stmt(buf, "%s SET COMPRESSION %s;", prefix,
				 c ? quote_identifier(c) : "default");
	}
	if (!gnode_attr_equal(s, t, "statistics"))
		ddl_stmt(buf, "%s SET STATISTICS %lld;", only,
				 (long long) gnode_int(t, "statistics", -1));
	ddl_options_diff(buf, prefix, s, t);
}

/* An empty node with some of col's attributes. */
static GNode *
node_with(GNode *col, const char *const *keys, int nkeys)
{
	GNode	   *n = palloc0(sizeof(GNode));
	ListCell   *lc;

	n->kind = col->kind;
	n->name = col->name;
	n->refname = col->refname;
	n->schema = col->schema;
	n->parent = col->parent;
	foreach(lc, col->attrs)
	{
		GAttr	   *a = lfirst(lc);

		for (int i = 0; i < nkeys; i++)
			if (strcmp(a->key, keys[i]) == 0)
				n->attrs = lappend(n->attrs, a);
	}
	return n;
}

/*
 * The column of a parent table (first partition_of, then inherits) or of
 * a typed table's type that col comes from, in graph g; NULL if none.
 */
GNode *
ddl_column_base(Graph *g, GNode *col)
{
	GNode	   *table = col->parent;
	char	   *name;
	ListCell   *lc;

	if (table->kind != OBJ_TABLE)
		return NULL;
	if ((name = gnode_str(table, "of_type")) != NULL)
	{
		GNode	   *type = ddl_find(g, table, OBJ_TYPE, name);

		return type ? ddl_find_child(type, OBJ_COLUMN, col->name) : NULL;
	}
	if (!gnode_bool(col, "inherited"))
		return NULL;
	if ((name = gnode_str(table, "partition_of")) != NULL)
	{
		GNode	   *parent = ddl_find(g, table, OBJ_TABLE, name);

		return parent ? ddl_find_child(parent, OBJ_COLUMN, col->name) : NULL;
	}
	foreach(lc, gnode_strings(table, "inherits"))
	{
		GNode	   *parent = ddl_find(g, table, OBJ_TABLE, lfirst(lc));
		GNode	   *pc;

		if (parent != NULL &&
			(pc = ddl_find_child(parent, OBJ_COLUMN, col->name)) != NULL)
			return pc;
	}
	return NULL;
}

/*
 * After a column is created: what ALTER COLUMN must still set.
 *	base NULL: col was created from ddl_column_definition(col); storage,
 *	statistics and options remain.
 *	base: col came from base (a parent's column, a type's attribute), with
 *	what that gives it: type, collation, default, NOT NULL, storage and
 *	compression of a parent's column, only type and collation of a type's
 *	attribute; a column also defined locally keeps its own default and
 *	NOT NULL and compression.
 */
void
ddl_column_settings(StringInfo buf, GNode *col, GNode *base)
{
	static const char *const own[] = {"type", "collation", "default", "generated",
	"identity", "identity_sequence", "not_null", "compression"};
	static const char *const typed[] = {"type", "collation"};
	static const char *const inherited[] = {"type", "collation", "default",
	"generated", "not_null", "storage", "compression"};
	GNode	   *from;
	bool		lock = false;

	if (base == NULL)
		from = node_with(col, own, lengthof(own));
	else if (base->parent->kind == OBJ_TYPE)
		from = node_with(base, typed, lengthof(typed));
	else
	{
		from = node_with(base, inherited, lengthof(inherited));
		if (gnode_bool(col, "local"))
		{
			/* merged with a local definition: its default, NOT NULL win */
			List	   *attrs = NIL;
			ListCell   *lc;

			foreach(lc, from->attrs)
			{
				GAttr	   *a = lfirst(lc);

				if (strcmp(a->key, "default") == 0 && gnode_attr(col, "default"))
					continue;
				if (strcmp(a->key, "compression") == 0 && gnode_attr(col, "compression") &&
					gnode_attr(from, "compression") == NULL)
					continue;
				attrs = lappend(attrs, a);
			}
			foreach(lc, col->attrs)
			{
				GAttr	   *a = lfirst(lc);

				if (strcmp(a->key, "default") == 0 ||
					(strcmp(a->key, "not_null") == 0 && !gnode_bool(from, "not_null")) ||
					(strcmp(a->key, "compression") == 0 && !gnode_attr(from, "compression")))
					attrs = lappend(attrs, a);
			}
			from->attrs = attrs;
		}
	}
	from->parent = col->parent;
	from->schema = col->schema;

	column_changes(buf, NULL, from, col, NULL, NULL, &lock);

	/* an identity the column did not get from where it came from */
	if (identity_kind(col) != NULL && identity_kind(from) == NULL)
	{
		StringInfoData def;

		initStringInfo(&def);
		identity_options(&def, col, NULL);
		ddl_stmt(buf, "ALTER TABLE %s ALTER COLUMN %s ADD GENERATED %s AS IDENTITY%s;",
				 gnode_qualname(col->parent), quote_identifier(col->name),
				 identity_kind(col), def.data);
	}
}

/*
 * Is a default (or generation) expression volatile, so that ADD COLUMN
 * rewrites the table?  Only the text is known: any function call but a
 * few well-known stable or immutable ones counts as volatile.
 */
static bool
expr_maybe_volatile(const char *expr)
{
	static const char *const known[] = {
		"now", "transaction_timestamp", "statement_timestamp", "current_setting",
		"lower", "upper", "length", "coalesce", "nullif", "greatest", "least",
		"jsonb_build_object", "json_build_object", "jsonb_build_array",
		"json_build_array", "array", "row", "make_date", "make_interval",
		"date_trunc", "abs", "round", "trim", "btrim", "concat", "format",
		"to_char", "to_date", "to_timestamp", "timezone", "interval",
	};
	const char *p = expr;

	while (*p)
	{
		if (*p == '\'')
		{
			/* skip a string literal ('' inside it included) */
			for (p++; *p; p++)
				if (*p == '\'' && p[1] != '\'')
					break;
				else if (*p == '\'')
					p++;
			if (*p)
				p++;
			continue;
		}
		if (*p == '"' || isalpha((unsigned char) *p) || *p == '_')
		{
			const char *start = p;
			char	   *name;
			bool		ok = false;

			if (*p == '"')
			{
				for (p++; *p && *p != '"'; p++)
					;
				if (*p)
					p++;
			}
			else
				while (isalnum((unsigned char) *p) || *p == '_' || *p == '$' || *p == '.')
					p++;
			if (*p != '(')
				continue;
			name = pnstrdup(start, p - start);
			if (strchr(name, '.'))
				name = strrchr(name, '.') + 1;
			for (int i = 0; i < lengthof(known); i++)
				if (pg_strcasecmp(name, known[i]) == 0)
					ok = true;
			if (!ok)
				return true;
			continue;
		}
		p++;
	}
	return false;
}

/*
 * Ordering helper: the column steps of one table run in the order they were
 * made (target column order), so that added columns land in that order.
 */
static void
after_previous_column_step(DiffContext *cx, DiffStep *step)
{
	ListCell   *lc;
	DiffStep   *prev = NULL;

	foreach(lc, cx->steps)
	{
		DiffStep   *st = lfirst(lc);

		if (st == step)
			break;
		if (st->node->kind == OBJ_COLUMN && st->node->parent == step->node->parent &&
			st->action != STEP_DROP)
			prev = st;
	}
	if (prev != NULL)
		step_after(step, prev);
}

/* ----------------------------------------------------------------
 * The handler
 * ----------------------------------------------------------------
 */

/*
 * New tables that inherit from table (or are its partitions) take its
 * columns, in order, when they are created: after the columns it gains.
 */
static void
children_after(DiffContext *cx, GNode *table, DiffStep *step)
{
	ListCell   *lc;

	foreach(lc, ddl_child_tables(cx->target, table))
	{
		DiffStep   *cs = ddl_find_step(cx, lfirst(lc), STEP_CREATE);

		if (cs != NULL)
			step_after(cs, step);
	}
}

static void
column_create(DiffContext *cx, GNode *t)
{
	GNode	   *table = t->parent;
	GNode	   *stable;
	StringInfoData buf;
	DiffStep   *step;
	char	   *dflt = gnode_str(t, "default");
	bool		from_elsewhere;

	if (table->kind != OBJ_TABLE)
		return;
	stable = diff_source_of(cx, table);
	if (stable != NULL && ddl_table_columns_rebuild(cx, stable, table))
		return;

	initStringInfo(&buf);
	from_elsewhere = gnode_str(table, "of_type") != NULL ||
		(gnode_bool(t, "inherited") && !gnode_bool(t, "local"));
	if (from_elsewhere)
	{
		/* the parent's ADD COLUMN, the type's ADD ATTRIBUTE made it */
		GNode	   *base = ddl_column_base(cx->target, t);

		if (base == NULL)
			return;
		ddl_column_settings(&buf, t, base);
		if (buf.len == 0)
			return;
		step = diff_step(cx, STEP_ALTER, t, "%s", buf.data);
		/* after the change of the parent column or type that made it */
		{
			DiffStep   *made = ddl_find_step(cx, base, STEP_CREATE);

			if (made == NULL)
				made = ddl_find_step(cx, base->parent, STEP_ALTER);
			if (made != NULL)
				step_after(step, made);
		}
		return;
	}

	ddl_stmt(&buf, "ALTER TABLE %s ADD COLUMN %s;", gnode_qualname(table),
			 ddl_column_definition(t));
	ddl_column_settings(&buf, t, NULL);
	step = diff_step(cx, STEP_CREATE, t, "%s", buf.data);
	after_previous_column_step(cx, step);
	children_after(cx, table, step);

	if (gnode_str(t, "generated") != NULL || gnode_str(t, "identity") != NULL ||
		(dflt != NULL && expr_maybe_volatile(dflt)))
		step_hazard(step, HAZARD_TABLE_REWRITE);
	else if (gnode_bool(t, "not_null") && dflt == NULL)
		step_hazard(step, HAZARD_BLOCKING_LOCK);
}

static void
column_drop(DiffContext *cx, GNode *s)
{
	GNode	   *table = s->parent;
	GNode	   *ttable;
	DiffStep   *step;

	if (table->kind != OBJ_TABLE)
		return;
	/* the columns left must still be in the target's order */
	ttable = graph_find_node(cx->target, table);
	if (ttable != NULL &&
		((diff_source_of(cx, ttable) != NULL && diff_is_new(cx, ttable)) ||
		 ddl_table_columns_rebuild(cx, table, ttable)))
		return;
	/* inherited ones go with the parent's; a typed table's with the type */
	if (gnode_bool(s, "inherited") && !gnode_bool(s, "local"))
		return;
	if (gnode_str(table, "of_type") != NULL)
		return;
	step = diff_step(cx, STEP_DROP, s, "ALTER TABLE %s DROP COLUMN %s;",
					 gnode_qualname(table), quote_identifier(s->name));
	step_hazard(step, HAZARD_DATA_LOSS);
}

/*
 * Objects that keep ALTER COLUMN TYPE from running: views and materialized
 * views over the column, triggers and policies that name it, SQL-standard
 * function bodies that read it.  (Indexes and constraints PostgreSQL
 * rebuilds by itself.)
 */
static void
rebuild_type_blockers(DiffContext *cx, GNode *s)
{
	ListCell   *lc;

	foreach(lc, s->dependents)
	{
		GNode	   *d = lfirst(lc);
		GNode	   *dt;

		while (d->kind == OBJ_COLUMN && d->parent != NULL &&
			   (d->parent->kind == OBJ_VIEW || d->parent->kind == OBJ_MATVIEW))
			d = d->parent;

		/*
		 * A generated column that reads s: PostgreSQL 15 cannot change its
		 * expression, so it is dropped before and added after (its values
		 * are computed again)
		 */
		if (d->kind == OBJ_COLUMN && d->parent == s->parent &&
			gnode_str(d, "generated") != NULL)
		{
			dt = graph_find_node(cx->target, d);
			if (dt != NULL && gnode_str(dt, "generated") != NULL)
				diff_rebuild(cx, d, dt);
			continue;
		}
		if (d->kind != OBJ_VIEW && d->kind != OBJ_MATVIEW &&
			d->kind != OBJ_TRIGGER && d->kind != OBJ_POLICY &&
			d->kind != OBJ_FUNCTION)
			continue;
		dt = graph_find_node(cx->target, d);
		if (dt != NULL)
			diff_rebuild(cx, d, dt);
	}
}

/* Can ALTER COLUMN TYPE skip the rewrite?  (A guess from the names.) */
static bool
type_change_rewrites(const char *old, const char *new)
{
	int			n,
				m;

	if (strcmp(old, new) == 0)
		return false;			/* a collation only */
	if (strncmp(old, "character varying", 17) == 0 &&
		(strcmp(new, "text") == 0 || strcmp(new, "character varying") == 0))
		return false;
	if (sscanf(old, "character varying(%d)", &n) == 1 &&
		sscanf(new, "character varying(%d)", &m) == 1 && m >= n)
		return false;
	if (strncmp(old, "numeric(", 8) == 0 && strcmp(new, "numeric") == 0)
		return false;
	return true;
}

/* The oid of a type name, when it names a type known here; else 0. */
static Oid
known_type(const char *name)
{
	Oid			typid;
	int32		typmod;

	parseTypeString(name, &typid, &typmod, true);
	return typid;
}

static bool
castable(Oid from, Oid to)
{
	Oid			funcid;

	return find_coercion_pathway(to, from, COERCION_EXPLICIT, &funcid) != COERCION_PATH_NONE;
}

/*
 * A column's type name, as far as a conversion cares: a built-in (or
 * otherwise known) type's oid and category, or an enum of the document; a
 * domain of the document is looked through to its base type.  "other" for
 * a user type that is neither (composite, range, array of a user type).
 */
typedef struct ConvType
{
	Oid			oid;
	char		category;		/* TypeCategory(), 'E' for an enum */
	bool		other;
} ConvType;

static ConvType
conv_type(Graph *g, GNode *from, const char *name, int depth)
{
	ConvType	ct = {InvalidOid, '\0', false};
	GNode	   *tn = depth < 10 ? ddl_find(g, from, OBJ_TYPE, name) : NULL;

	if (tn != NULL)
	{
		char	   *kind = gnode_str(tn, "kind");

		if (kind != NULL && strcmp(kind, "domain") == 0)
			return conv_type(g, tn, gnode_str(tn, "base_type"), depth + 1);
		if (kind != NULL && strcmp(kind, "enum") == 0)
			ct.category = 'E';
		else
			ct.other = true;
		return ct;
	}
	ct.oid = known_type(name);
	if (OidIsValid(ct.oid))
		ct.category = TypeCategory(ct.oid);
	else
		ct.other = true;
	return ct;
}

/* Can the text form of a value of type from be read as one of type to? */
static bool
text_readable(ConvType from, ConvType to)
{
	if (to.category == TYPCATEGORY_STRING || from.category == TYPCATEGORY_STRING)
		return true;
	if (from.category == 'E' && to.category == 'E')
		return true;			/* the labels the two have in common */
	if ((to.oid == JSONOID || to.oid == JSONBOID) &&
		(from.category == TYPCATEGORY_NUMERIC || from.category == TYPCATEGORY_BOOLEAN))
		return true;
	return false;
}

/*
 * The USING expression of column s's type change into t's: a cast; through
 * integer, bigint or numeric when there is no direct one (boolean to
 * smallint); through text where the text form of the old values can be
 * read as the new type (one enum to another, an enum to text or to a
 * domain over text, bigint to jsonb); NULL when there is no conversion
 * (uuid to bigint): the column is then dropped and added again.  Types
 * are looked up in the documents first (an enum, a domain's base type),
 * then among the types known to this database.
 */
static char *
using_cast(DiffContext *cx, GNode *s, GNode *t)
{
	return ddl_column_conversion(cx, s, t, quote_identifier(t->name));
}

/* using_cast() of an expression col of s's type (diff.c's row copies) */
char *
ddl_column_conversion(DiffContext *cx, GNode *s, GNode *t, const char *col)
{
	static const char *const via[] = {"integer", "bigint", "numeric"};
	const char *old = gnode_str(s, "type");
	const char *new = gnode_str(t, "type");
	ConvType	from = conv_type(cx->source, s, old, 0);
	ConvType	to = conv_type(cx->target, t, new, 0);

	if (strcmp(old, new) == 0 || from.other || to.other)
		return psprintf("%s::%s", col, new);
	if (OidIsValid(from.oid) && OidIsValid(to.oid))
	{
		if (castable(from.oid, to.oid))
			return psprintf("%s::%s", col, new);
		for (int i = 0; i < lengthof(via); i++)
		{
			Oid			mid = known_type(via[i]);

			if (castable(from.oid, mid) && castable(mid, to.oid))
				return psprintf("%s::%s::%s", col, via[i], new);
		}
	}
	if (text_readable(from, to))
		return psprintf("%s::text::%s", col, new);
	return NULL;
}

/*
 * The change of a column that tables inherit recurses to theirs (NOT NULL,
 * type): their own changes go after it.
 */
static void
after_parent_column(DiffContext *cx, GNode *t, DiffStep *step)
{
	GNode	   *base = gnode_bool(t, "inherited") ? ddl_column_base(cx->target, t) : NULL;
	DiffStep   *bs;
	ListCell   *lc;

	if (base != NULL && base->parent->kind == OBJ_TABLE &&
		(bs = ddl_find_step(cx, base, STEP_ALTER)) != NULL)
		step_after(step, bs);
	foreach(lc, ddl_child_tables(cx->target, t->parent))
	{
		GNode	   *cc = ddl_find_child(lfirst(lc), OBJ_COLUMN, t->name);
		DiffStep   *cs = cc ? ddl_find_step(cx, cc, STEP_ALTER) : NULL;

		if (cs != NULL)
			step_after(cs, step);
	}
}

static void
column_alter(DiffContext *cx, GNode *s, GNode *t)
{
	GNode	   *table = t->parent;
	char	   *q;
	char	   *prefix;
	StringInfoData buf;
	DiffStep   *main = NULL;
	GNode	   *ps = NULL;
	GNode	   *pt = NULL;
	bool		lock = false;
	bool		rewrite = false;
	bool		inherited = gnode_bool(s, "inherited") && gnode_bool(t, "inherited");
	bool		typed = gnode_str(table, "of_type") != NULL &&
		gnode_str(s->parent, "of_type") != NULL;

	if (table->kind != OBJ_TABLE)
		return;
	if (ddl_table_columns_rebuild(cx, s->parent, table))
		return;
	q = gnode_qualname(table);
	prefix = psprintf("ALTER TABLE %s ALTER COLUMN %s", q, quote_identifier(t->name));
	initStringInfo(&buf);

	/*
	 * A new or changed generation expression, or a type the old values
	 * cannot be converted to: drop and add
	 */
	if (ddl_column_moves(s, t) ||
		(!inherited && !typed && !gnode_attr_equal(s, t, "type") &&
		 using_cast(cx, s, t) == NULL))
	{
		diff_rebuild_dependents(cx, s);
		ddl_stmt(&buf, "ALTER TABLE %s DROP COLUMN %s;", q, quote_identifier(s->name));
		ddl_stmt(&buf, "ALTER TABLE %s ADD COLUMN %s;", q, ddl_column_definition(t));
		ddl_column_settings(&buf, t, NULL);
		main = diff_step(cx, STEP_ALTER, t, "%s", buf.data);
		after_previous_column_step(cx, main);
		children_after(cx, table, main);
		step_hazard(main, HAZARD_TABLE_REWRITE);
		step_hazard(main, HAZARD_BREAKS_DEPENDENTS);
		if (gnode_str(s, "generated") == NULL)
			step_hazard(main, HAZARD_DATA_LOSS);
		return;
	}

	if (inherited)
	{
		GNode	   *base = ddl_column_base(cx->target, t);

		if (base != NULL)
		{
			pt = base;
			ps = graph_find_node(cx->source, base);
		}
	}

	/* an identity that goes: first of all (its sequence goes with it) */
	if (identity_kind(s) != NULL && identity_kind(t) == NULL)
		diff_step(cx, STEP_DROP, s, "%s DROP IDENTITY;", prefix);

	/* a generated column made plain keeps its values */
	if (gnode_str(s, "generated") != NULL && gnode_str(t, "generated") == NULL)
		ddl_stmt(&buf, "%s DROP EXPRESSION;", prefix);

	/* type and collation: not for columns that follow a parent or type */
	if ((!gnode_attr_equal(s, t, "type") || !gnode_attr_equal(s, t, "collation")) &&
		!inherited && !typed)
	{
		char	   *type = gnode_str(t, "type");
		char	   *collation = gnode_str(t, "collation");
		bool		redefault = gnode_str(s, "default") != NULL &&
			!gnode_attr_equal(s, t, "default");

		rebuild_type_blockers(cx, s);
		if (redefault)
			ddl_stmt(&buf, "%s DROP DEFAULT;", prefix);
		ddl_stmt(&buf, "%s TYPE %s%s%s USING %s;", prefix, type,
				 collation ? " COLLATE " : "", collation ? collation : "",
				 using_cast(cx, s, t));
		if (redefault)
		{
			/* the default is set again below */
			GNode	   *s2 = palloc(sizeof(GNode));
			List	   *attrs = NIL;
			ListCell   *lc;

			*s2 = *s;
			foreach(lc, s->attrs)
				if (strcmp(((GAttr *) lfirst(lc))->key, "default") != 0)
					attrs = lappend(attrs, lfirst(lc));
			s2->attrs = attrs;
			s = s2;
		}
		lock = true;
		rewrite = type_change_rewrites(gnode_str(s, "type"), type);
	}

	column_changes(&buf, cx->target, s, t, ps, pt, &lock);

	if (buf.len > 0)
	{
		main = diff_step(cx, STEP_ALTER, t, "%s", buf.data);
		if (lock)
			step_hazard(main, HAZARD_BLOCKING_LOCK);
		if (rewrite)
			step_hazard(main, HAZARD_TABLE_REWRITE);
		after_parent_column(cx, t, main);
	}

	/* an identity that comes: after the main step, as a step of its own */
	if (identity_kind(t) != NULL && identity_kind(s) == NULL)
	{
		StringInfoData def;
		DiffStep   *step;

		initStringInfo(&def);
		identity_options(&def, t, NULL);
		step = diff_step(cx, STEP_CREATE, t, "%s ADD GENERATED %s AS IDENTITY%s;",
						 prefix, identity_kind(t), def.data);
		if (main != NULL)
			step_after(step, main);
	}
}

const DdlHandler pgm_ddl_column = {
	.create = column_create,
	.drop = column_drop,
	.alter = column_alter,
	.inline_in_parent = true,
	.sql_kind = "COLUMN",
};
