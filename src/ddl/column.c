/*-------------------------------------------------------------------------
 *
 * column.c
 *	  DDL for the columns of tables: ALTER TABLE ... ADD / DROP / ALTER
 *	  COLUMN.  How a column is written (its definition, its settings) is in
 *	  coldef.c, shared with the CREATE TABLE of table.c.
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
 *	- a changed generation expression, or a type the old values cannot be
 *	  converted to, drops and adds the column, which moves it to the end:
 *	  the order of a table's columns is no difference (docs/diff.md), so
 *	  the table is never rebuilt for it.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "parser/scansup.h"
#include "utils/builtins.h"
#include "utils/catcache.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

/*
 * ADD COLUMN and rewrites.  PostgreSQL 15 (ATExecAddColumn()) gives the
 * existing rows of a table the new column's default computed once, stored
 * as the column's "missing" value, unless that default is volatile
 * (contain_volatile_functions() of the planned expression): a stable
 * default such as now() or a STABLE function is no rewrite.  It rewrites
 * the table when the value must be computed or checked per row: a
 * volatile default, an identity or a stored generated column, or a type
 * that is a domain with constraints (DomainHasConstraints(): a CHECK or
 * NOT NULL of the domain or of a domain under it), whose every value, the
 * default or NULL, must be checked.  An array of such a domain is not
 * checked.  The diff sees documents, not plans: it reads the expression's
 * text.
 */

/* Words written like calls that are no function (pg_get_expr()'s output). */
static const char *const call_keywords[] = {
	"coalesce", "nullif", "greatest", "least", "array", "row", "cast", "trim",
	"varying", "current_time", "current_timestamp", "localtime",
	"localtimestamp",
};

/*
 * Read an identifier at *p (quoted or not) into a palloc'd string, as
 * PostgreSQL would take it; NULL when there is none.
 */
static char *
read_identifier(const char **p)
{
	const char *s = *p;
	StringInfoData buf;
	char	   *name;

	if (*s == '"')
	{
		initStringInfo(&buf);
		for (s++; *s != '\0'; s++)
		{
			if (*s == '"' && s[1] == '"')
				s++;
			else if (*s == '"')
				break;
			appendStringInfoChar(&buf, *s);
		}
		*p = *s == '"' ? s + 1 : s;
		return buf.data;
	}
	if (!isalpha((unsigned char) *s) && *s != '_' && !IS_HIGHBIT_SET(*s))
		return NULL;
	while (isalnum((unsigned char) *s) || *s == '_' || *s == '$' ||
		   IS_HIGHBIT_SET(*s))
		s++;
	name = downcase_identifier(*p, s - *p, false, false);
	*p = s;
	return name;
}

/*
 * The volatility of the functions called "name" in namespace "schema" of
 * this server: 'v' when one of them is volatile, 's' or 'i' else, '\0'
 * when there is none (or no such schema).
 */
static char
catalog_volatility(const char *schema, const char *name)
{
	Oid			nsp = get_namespace_oid(schema, true);
	CatCList   *list;
	char		result = '\0';

	if (!OidIsValid(nsp))
		return '\0';
	list = SearchSysCacheList1(PROCNAMEARGSNSP, CStringGetDatum(name));
	for (int i = 0; i < list->n_members; i++)
	{
		Form_pg_proc proc = (Form_pg_proc) GETSTRUCT(&list->members[i]->tuple);

		if (proc->pronamespace != nsp)
			continue;
		if (result == '\0' || proc->provolatile == PROVOLATILE_VOLATILE)
			result = proc->provolatile;
	}
	ReleaseSysCacheList(list);
	return result;
}

/*
 * Is a call of function "name" (of schema "schema", NULL when the call
 * does not say) in an expression of node owner volatile?  The functions
 * of the document that owner depends on are looked at first, then those
 * of this server (the owner's schema, then pg_catalog, as the script's
 * search_path finds them).  A function found nowhere counts as volatile.
 */
static bool
call_is_volatile(GNode *owner, const char *schema, const char *name)
{
	ListCell   *lc;
	bool		found = false;
	char		v;

	foreach(lc, owner->deps)
	{
		GNode	   *f = lfirst(lc);
		size_t		len = strlen(name);

		if (f->kind != OBJ_FUNCTION || strncmp(f->name, name, len) != 0 ||
			f->name[len] != '(' ||
			(schema != NULL && strcmp(f->schema->name, schema) != 0))
			continue;
		found = true;
		if (ddl_str_equal(gnode_str(f, "volatility"), "volatile"))
			return true;
	}
	if (found)
		return false;
	if (schema == NULL)
		for (int i = 0; i < lengthof(call_keywords); i++)
			if (strcmp(name, call_keywords[i]) == 0)
				return false;
	if (schema != NULL)
		v = catalog_volatility(schema, name);
	else if ((v = catalog_volatility(owner->schema ? owner->schema->name : "public",
									 name)) == '\0')
		v = catalog_volatility("pg_catalog", name);
	return v == '\0' || v == PROVOLATILE_VOLATILE;
}

/*
 * Is default expression expr of node owner (a column, a domain) volatile?
 * Every function it calls is looked up (call_is_volatile()); string
 * literals and the type names of casts are skipped.
 */
static bool
expr_is_volatile(GNode *owner, const char *expr)
{
	const char *p = expr;
	bool		after_cast = false;

	while (*p != '\0')
	{
		if (*p == '\'')
		{
			/* a string literal ('' inside it included) */
			for (p++; *p != '\0'; p++)
				if (*p == '\'' && p[1] == '\'')
					p++;
				else if (*p == '\'')
					break;
			if (*p != '\0')
				p++;
			after_cast = false;
			continue;
		}
		if (p[0] == ':' && p[1] == ':')
		{
			p += 2;
			after_cast = true;
			continue;
		}
		if (*p == '"' || isalpha((unsigned char) *p) || *p == '_' ||
			IS_HIGHBIT_SET(*p))
		{
			char	   *first = read_identifier(&p);
			char	   *second = NULL;

			if (*p == '.')
			{
				const char *q = p + 1;

				if ((second = read_identifier(&q)) != NULL)
					p = q;
			}
			if (*p == '(' && !after_cast &&
				(second != NULL ? call_is_volatile(owner, first, second)
				 : call_is_volatile(owner, NULL, first)))
				return true;
			after_cast = false;
			continue;
		}
		if (!isspace((unsigned char) *p))
			after_cast = false;
		p++;
	}
	return false;
}

/*
 * The domain of graph g that a column of type "type" (as a document
 * writes it, relative to owner's schema) has, or NULL.
 */
static GNode *
document_domain(Graph *g, GNode *owner, const char *type)
{
	GNode	   *t = ddl_find(g, owner, OBJ_TYPE, type);

	return t != NULL && ddl_type_is_kind(t, "domain") ? t : NULL;
}

/*
 * A type of this server that type names, when it is a domain: a name,
 * maybe schema-qualified (in owner's schema when it is not, then
 * pg_catalog); InvalidOid for anything else.
 */
static Oid
catalog_domain(GNode *owner, const char *type)
{
	const char *p = type;
	char	   *first = read_identifier(&p);
	char	   *second = NULL;
	Oid			typid = InvalidOid;

	if (first == NULL)
		return InvalidOid;
	if (*p == '.')
	{
		p++;
		if ((second = read_identifier(&p)) == NULL)
			return InvalidOid;
	}
	if (*p != '\0')
		return InvalidOid;		/* typmods, arrays, multiword names */
	if (second != NULL)
	{
		Oid			nsp = get_namespace_oid(first, true);

		if (OidIsValid(nsp))
			typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									CStringGetDatum(second), ObjectIdGetDatum(nsp));
	}
	else
	{
		const char *schemas[] = {owner->schema ? owner->schema->name : "public",
		"pg_catalog"};

		for (int i = 0; i < lengthof(schemas) && !OidIsValid(typid); i++)
		{
			Oid			nsp = get_namespace_oid(schemas[i], true);

			if (OidIsValid(nsp))
				typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										CStringGetDatum(first),
										ObjectIdGetDatum(nsp));
		}
	}
	return OidIsValid(typid) && get_typtype(typid) == TYPTYPE_DOMAIN ? typid : InvalidOid;
}

/*
 * Does ADD COLUMN of col (a column of the target) rewrite its table?
 * See above.
 */
static bool
add_column_rewrites(DiffContext *cx, GNode *col)
{
	char	   *dflt = gnode_str(col, "default");
	char	   *type = gnode_str(col, "type");
	GNode	   *domain;

	if (gnode_str(col, "generated") != NULL || gnode_str(col, "identity") != NULL)
		return true;
	if (dflt != NULL && expr_is_volatile(col, dflt))
		return true;
	if (type == NULL)
		return false;
	domain = document_domain(cx->target, col, type);
	if (domain == NULL)
	{
		Oid			typid;

		/* a type of the document but no domain, an array, ... */
		if (strchr(type, '[') != NULL ||
			ddl_find(cx->target, col, OBJ_TYPE, type) != NULL)
			return false;
		typid = catalog_domain(col, type);
		return OidIsValid(typid) && DomainHasConstraints(typid);
	}
	/* a domain's default is the column's when it has none of its own */
	if (dflt == NULL && (dflt = gnode_str(domain, "default")) != NULL &&
		expr_is_volatile(domain, dflt))
		return true;
	for (int depth = 0; domain != NULL && depth < 32; depth++)
	{
		char	   *base = gnode_str(domain, "base_type");
		GNode	   *next;

		if (gnode_bool(domain, "not_null") ||
			gnode_children(domain, OBJ_CONSTRAINT) != NIL)
			return true;
		if (base == NULL)
			return false;
		if ((next = document_domain(cx->target, domain, base)) == NULL)
		{
			Oid			typid = catalog_domain(domain, base);

			return OidIsValid(typid) && DomainHasConstraints(typid);
		}
		domain = next;
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

	if (add_column_rewrites(cx, t))
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
			d->kind != OBJ_RULE && d->kind != OBJ_FUNCTION)
			continue;
		dt = graph_find_node(cx->target, d);
		if (dt != NULL)
			diff_rebuild(cx, d, dt);
	}
}

/*
 * The USING expression of column s's type change into t's
 * (ddl_column_conversion(), rows.c); NULL when the old values cannot be
 * converted: the column is then dropped and added again.
 */
static char *
using_cast(DiffContext *cx, GNode *s, GNode *t)
{
	return ddl_column_conversion(cx, s, t, quote_identifier(t->name));
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
	bool		retyped = !inherited && !typed &&
		(!gnode_attr_equal(s, t, "type") || !gnode_attr_equal(s, t, "collation"));
	char	   *using = NULL;	/* of a type or collation change */

	if (table->kind != OBJ_TABLE)
		return;
	if (ddl_table_columns_rebuild(cx, s->parent, table))
		return;
	if (retyped)
		using = using_cast(cx, s, t);
	q = gnode_qualname(table);
	prefix = psprintf("ALTER TABLE %s ALTER COLUMN %s", q, quote_identifier(t->name));
	initStringInfo(&buf);

	/*
	 * A new or changed generation expression, or a type the old values
	 * cannot be converted to: drop and add
	 */
	if (ddl_column_moves(s, t) || (retyped && using == NULL))
	{
		diff_rebuild_dependents(cx, s);
		ddl_stmt(&buf, "ALTER TABLE %s DROP COLUMN %s;", q, quote_identifier(s->name));
		ddl_stmt(&buf, "ALTER TABLE %s ADD COLUMN %s;", q, ddl_column_definition(t));
		ddl_column_settings(&buf, t, NULL);
		main = diff_step(cx, STEP_ALTER, t, "%s", buf.data);
		diff_remade(cx, t, main);
		after_previous_column_step(cx, main);
		children_after(cx, table, main);
		/* DROP COLUMN rewrites nothing: the ADD COLUMN may */
		if (add_column_rewrites(cx, t))
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
	if (ddl_identity_kind(s) != NULL && ddl_identity_kind(t) == NULL)
		diff_step(cx, STEP_DROP, s, "%s DROP IDENTITY;", prefix);

	/* a generated column made plain keeps its values */
	if (gnode_str(s, "generated") != NULL && gnode_str(t, "generated") == NULL)
		ddl_stmt(&buf, "%s DROP EXPRESSION;", prefix);

	/* type and collation: not for columns that follow a parent or type */
	if (retyped)
	{
		char	   *type = gnode_str_req(t, "type");
		char	   *collation = gnode_str(t, "collation");
		bool		redefault = gnode_str(s, "default") != NULL &&
			!gnode_attr_equal(s, t, "default");

		rebuild_type_blockers(cx, s);
		if (redefault)
			ddl_stmt(&buf, "%s DROP DEFAULT;", prefix);
		ddl_stmt(&buf, "%s TYPE %s%s%s USING %s;", prefix, type,
				 collation ? " COLLATE " : "", collation ? collation : "",
				 using);
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
		rewrite = ddl_column_conversion_rewrites(cx, s, t, using);
	}

	ddl_column_changes(&buf, cx->target, s, t, ps, pt, &lock);

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
	if (ddl_identity_kind(t) != NULL && ddl_identity_kind(s) == NULL)
	{
		StringInfoData def;
		DiffStep   *step;

		initStringInfo(&def);
		ddl_identity_options(&def, t, NULL);
		step = diff_step(cx, STEP_CREATE, t, "%s ADD GENERATED %s AS IDENTITY%s;",
						 prefix, ddl_identity_kind(t), def.data);
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
