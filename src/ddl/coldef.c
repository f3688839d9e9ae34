/*-------------------------------------------------------------------------
 *
 * coldef.c
 *	  How a column of a table is written: its definition as CREATE TABLE
 *	  and ADD COLUMN write it, and the statements that change its settings
 *	  in place.  Shared by the table and column handlers, so that neither
 *	  calls the other for it.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "catalog/pg_type.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

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

/* The identity kind of a column ("ALWAYS", "BY DEFAULT"), or NULL. */
const char *
ddl_identity_kind(const GNode *col)
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
void
ddl_identity_options(StringInfo buf, const GNode *col, const GNode *base)
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
	return storage_name(type_default_storage(g, col, gnode_str_req(col, "type"), 0));
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
	return ddl_column_definition_ext(col, true);
}

/*
 * ddl_column_definition(), or with with_default false the same without
 * the column's default (which a later step sets).
 */
char *
ddl_column_definition_ext(GNode *col, bool with_default)
{
	StringInfoData buf;
	char	   *compression = gnode_str(col, "compression");
	char	   *collation = gnode_str(col, "collation");
	char	   *generated = gnode_str(col, "generated");
	char	   *dflt = gnode_str(col, "default");
	const char *identity = ddl_identity_kind(col);

	initStringInfo(&buf);
	appendStringInfo(&buf, "%s %s", quote_identifier(col->name),
					 gnode_str(col, "type"));
	if (compression != NULL)
		appendStringInfo(&buf, " COMPRESSION %s", quote_identifier(compression));
	if (collation != NULL)
		appendStringInfo(&buf, " COLLATE %s", collation);
	if (generated != NULL)
		appendStringInfo(&buf, " GENERATED ALWAYS AS (%s) STORED", generated);
	else if (dflt != NULL && with_default)
		appendStringInfo(&buf, " DEFAULT %s", dflt);
	if (identity != NULL)
	{
		appendStringInfo(&buf, " GENERATED %s AS IDENTITY", identity);
		ddl_identity_options(&buf, col, NULL);
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
void
ddl_column_changes(StringInfo buf, Graph *g, GNode *s, GNode *t, GNode *ps, GNode *pt,
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
	if (ddl_identity_kind(s) != NULL && ddl_identity_kind(t) != NULL)
	{
		StringInfoData opts;

		initStringInfo(&opts);
		if (strcmp(ddl_identity_kind(s), ddl_identity_kind(t)) != 0)
			appendStringInfo(&opts, " SET GENERATED %s", ddl_identity_kind(t));
		ddl_identity_options(&opts, t, s);
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

	ddl_column_changes(buf, NULL, from, col, NULL, NULL, &lock);

	/* an identity the column did not get from where it came from */
	if (ddl_identity_kind(col) != NULL && ddl_identity_kind(from) == NULL)
	{
		StringInfoData def;

		initStringInfo(&def);
		ddl_identity_options(&def, col, NULL);
		ddl_stmt(buf, "ALTER TABLE %s ALTER COLUMN %s ADD GENERATED %s AS IDENTITY%s;",
				 gnode_qualname(col->parent), quote_identifier(col->name),
				 ddl_identity_kind(col), def.data);
	}
}
