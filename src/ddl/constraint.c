/*-------------------------------------------------------------------------
 *
 * constraint.c
 *	  DDL for constraints of tables (PRIMARY KEY, UNIQUE, CHECK, FOREIGN
 *	  KEY, EXCLUDE) and of domains: ADD CONSTRAINT with the stored
 *	  definition (which says NOT VALID, DEFERRABLE, NO INHERIT itself),
 *	  DROP CONSTRAINT, VALIDATE CONSTRAINT, and ALTER CONSTRAINT for the
 *	  deferrability of a foreign key.  Anything else is a rebuild (the
 *	  engine rebuilds the foreign keys that need a rebuilt key with it).
 *
 * A constraint a table inherits (and does not define itself) comes and
 * goes with its parent's: ALTER TABLE parent ADD/DROP CONSTRAINT recurses,
 * and a partition clones its parent's keys and foreign keys.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"

/* Shared by the relation handlers (table.c). */

static bool
follows_parent(GNode *c)
{
	return gnode_bool(c, "inherited") && !gnode_bool(c, "local");
}

/* "ALTER TABLE app.t" or "ALTER DOMAIN app.d" */
static char *
alter_owner(GNode *c)
{
	return psprintf("ALTER %s %s", c->parent->kind == OBJ_TYPE ? "DOMAIN" : "TABLE",
					gnode_qualname(c->parent));
}

/* A key backed by an index: PRIMARY KEY, UNIQUE, EXCLUDE. */
static bool
is_index_key(GNode *c)
{
	char	   *type = gnode_str(c, "type");

	return type != NULL && (strcmp(type, "primary_key") == 0 ||
							strcmp(type, "unique") == 0 ||
							strcmp(type, "exclusion") == 0);
}

/*
 * The key of the partitioned parent table that partition key c is
 * attached to: the parent's key of the same type and definition.
 */
static GNode *
parent_key(Graph *g, GNode *c)
{
	GNode	   *parent = ddl_find(g, c->parent, OBJ_TABLE,
								  gnode_str(c->parent, "partition_of"));
	ListCell   *lc;

	if (parent == NULL)
		return NULL;
	foreach(lc, gnode_children(parent, OBJ_CONSTRAINT))
	{
		GNode	   *pc = lfirst(lc);

		if (gnode_attr_equal(pc, c, "type") &&
			gnode_attr_equal(pc, c, "definition"))
			return pc;
	}
	return NULL;
}

/* The index of a key, schema-qualified: it has the key's name. */
static char *
key_index(GNode *c)
{
	return psprintf("%s.%s", quote_identifier(c->schema->name),
					quote_identifier(c->name));
}

/*
 * The definition of constraint c as ADD CONSTRAINT takes it, with the
 * tablespace of its index: "USING INDEX TABLESPACE ts" goes after the
 * columns and WITH (...) of a primary key or unique constraint, before
 * what says it is deferrable.  (An exclusion constraint's WHERE would come
 * after it: its index is moved once made, by key_index_tablespace().)
 */
static char *
key_definition(GNode *c)
{
	static const char *const suffixes[] = {" INITIALLY DEFERRED", " DEFERRABLE"};
	char	   *def = gnode_str_req(c, "definition");
	char	   *ts = gnode_str(c, "tablespace");
	char	   *type = gnode_str(c, "type");
	size_t		core;

	if (ts == NULL || type == NULL ||
		(strcmp(type, "primary_key") != 0 && strcmp(type, "unique") != 0))
		return def;
	core = strlen(def);
	for (int i = 0; i < lengthof(suffixes); i++)
	{
		size_t		sl = strlen(suffixes[i]);

		if (core > sl && strncmp(def + core - sl, suffixes[i], sl) == 0)
			core -= sl;
	}
	return psprintf("%.*s USING INDEX TABLESPACE %s%s", (int) core, def,
					quote_identifier(ts), def + core);
}

/* ALTER INDEX ... SET TABLESPACE for a new exclusion constraint's index. */
static void
key_index_tablespace(StringInfo buf, GNode *c)
{
	char	   *type = gnode_str(c, "type");

	if (gnode_str(c, "tablespace") != NULL && type != NULL &&
		strcmp(type, "exclusion") == 0)
		ddl_stmt(buf, "ALTER INDEX %s %s;", key_index(c), ddl_set_tablespace(c));
}

/*
 * Keys of partitioned tables.  ALTER TABLE ADD of a key recurses to the
 * partitions, naming their keys itself, and a partition created later
 * clones the keys of its parent.  So a new key of a partitioned table is
 * added to it ONLY, after its new partitions, and the partitions' keys
 * are added under their own names and attached to it, like pg_dump does
 * (a parent key without them stays as it was: invalid).  A partition key
 * whose parent key is not new was made by PostgreSQL.
 */
static bool
partition_key_create(DiffContext *cx, GNode *t, StringInfo buf, GNode **parent)
{
	GNode	   *table = t->parent;

	*parent = NULL;
	if (!is_index_key(t))
		return false;
	if (follows_parent(t) && gnode_str(table, "partition_of") != NULL)
	{
		*parent = parent_key(cx->target, t);
		if (*parent == NULL || !ddl_is_new(cx, *parent))
			return true;		/* made by PostgreSQL (or not at all) */
	}
	else if (gnode_str(table, "partition_by") == NULL)
		return false;
	ddl_stmt(buf, "ALTER TABLE ONLY %s ADD CONSTRAINT %s %s;", gnode_qualname(table),
			 quote_identifier(t->name), key_definition(t));
	key_index_tablespace(buf, t);
	if (*parent != NULL)
		ddl_stmt(buf, "ALTER INDEX %s ATTACH PARTITION %s;", key_index(*parent),
				 key_index(t));
	return true;
}

static void
constraint_create(DiffContext *cx, GNode *t)
{
	GNode	   *parent = t->parent;
	GNode	   *pkey = NULL;
	char	   *type = gnode_str(t, "type");
	StringInfoData buf;
	DiffStep   *step;
	bool		lock;

	if (parent->kind != OBJ_TABLE && parent->kind != OBJ_TYPE)
		return;

	initStringInfo(&buf);
	if (parent->kind == OBJ_TABLE && partition_key_create(cx, t, &buf, &pkey))
	{
		if (buf.len == 0)
			return;
	}
	else if (parent->kind == OBJ_TABLE && follows_parent(t))
		return;
	else
	{
		ddl_stmt(&buf, "%s ADD CONSTRAINT %s %s;", alter_owner(t),
				 quote_identifier(t->name), key_definition(t));
		key_index_tablespace(&buf, t);
	}
	if (parent->kind == OBJ_TABLE)
	{
		char	   *ri = gnode_str(parent, "replica_identity");
		char	   *rindex = gnode_str(parent, "replica_identity_index");

		if (ri != NULL && strcmp(ri, "index") == 0 && rindex != NULL &&
			strcmp(rindex, t->name) == 0)
			ddl_stmt(&buf, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;",
					 gnode_qualname(parent), quote_identifier(t->name));
	}
	if (parent->kind == OBJ_TABLE && gnode_bool(t, "clustered"))
		ddl_stmt(&buf, "ALTER TABLE %s CLUSTER ON %s;", gnode_qualname(parent),
				 quote_identifier(t->name));
	step = diff_step(cx, STEP_CREATE, t, "%s", buf.data);

	/* building the index, checking the rows, holds the table */
	if (type == NULL || strcmp(type, "check") == 0 || strcmp(type, "foreign_key") == 0)
		lock = !gnode_bool(t, "not_valid");
	else
		lock = true;
	if (lock && !ddl_is_new(cx, parent))
		step_hazard(step, HAZARD_BLOCKING_LOCK);

	/* a partition's key: after its parent's, which it is attached to */
	if (pkey != NULL)
	{
		DiffStep   *ps = ddl_find_step(cx, pkey, STEP_CREATE);

		if (ps != NULL)
			step_after(step, ps);
	}
	/* a partitioned table's key: after new partitions, before their keys */
	if (is_index_key(t) && gnode_str(parent, "partition_by") != NULL)
	{
		ListCell   *lc;

		foreach(lc, ddl_partitions(cx->target, parent))
		{
			GNode	   *part = lfirst(lc);
			DiffStep   *ps = ddl_find_step(cx, part, STEP_CREATE);
			ListCell   *cc;

			if (ps != NULL)
				step_after(step, ps);
			foreach(cc, gnode_children(part, OBJ_CONSTRAINT))
			{
				GNode	   *pc = lfirst(cc);
				DiffStep   *cs;

				if (!is_index_key(pc) || parent_key(cx->target, pc) != t)
					continue;
				if ((cs = ddl_find_step(cx, pc, STEP_CREATE)) != NULL)
					step_after(cs, step);
				else if (ddl_partition_detached(cx, part))
				{
					/*
					 * Kept by a partition detached from another parent: a
					 * step of this key (the old version of pc went with
					 * the detach), once the table is attached.
					 */
					cs = diff_step(cx, STEP_ALTER, t,
								   "ALTER INDEX %s ATTACH PARTITION %s;",
								   key_index(t), key_index(pc));
					step_after(cs, step);
					ddl_after_alters_of(cx, cs, part);
				}
			}
		}
	}
}

static void
constraint_drop(DiffContext *cx, GNode *s)
{
	GNode	   *parent = s->parent;

	if (parent->kind != OBJ_TABLE && parent->kind != OBJ_TYPE)
		return;
	if (parent->kind == OBJ_TABLE && follows_parent(s))
		return;
	/* a table rebuilt in the meantime (by a column's drop) takes it along */
	{
		GNode	   *tt = graph_find_node(cx->target, s->parent);

		if (tt != NULL && diff_source_of(cx, tt) != NULL && diff_is_new(cx, tt))
			return;
	}
	diff_step(cx, STEP_DROP, s, "%s DROP CONSTRAINT %s;", alter_owner(s),
			  quote_identifier(s->name));
}

/* The definition without the clauses ALTER can change. */
static char *
core_definition(GNode *c)
{
	static const char *const suffixes[] = {" NOT VALID", " INITIALLY DEFERRED", " DEFERRABLE"};
	char	   *def = gnode_str(c, "definition");
	bool		again = true;

	if (def == NULL)
		return pstrdup("");
	while (again)
	{
		size_t		len = strlen(def);

		again = false;
		for (int i = 0; i < lengthof(suffixes); i++)
		{
			size_t		sl = strlen(suffixes[i]);

			if (len > sl && strcmp(def + len - sl, suffixes[i]) == 0)
			{
				def[len - sl] = '\0';
				again = true;
				break;
			}
		}
	}
	return def;
}

/* Must constraint s be dropped and added again to become t? */
/* Is the target table clustered on another index or key than con's? */
static bool
table_clustered_elsewhere(GNode *con)
{
	ListCell   *lc;

	foreach(lc, con->parent->children)
	{
		GNode	   *c = lfirst(lc);

		if (c != con && (c->kind == OBJ_INDEX || c->kind == OBJ_CONSTRAINT) &&
			gnode_bool(c, "clustered"))
			return true;
	}
	return false;
}

static bool
constraint_rebuild_needed(GNode *s, GNode *t)
{
	char	   *type = gnode_str(t, "type");
	bool		deferral;

	deferral = gnode_bool(s, "deferrable") != gnode_bool(t, "deferrable") ||
		gnode_bool(s, "initially_deferred") != gnode_bool(t, "initially_deferred");
	return !gnode_attr_equal(s, t, "type") ||
		!gnode_attr_equal(s, t, "references") ||
		gnode_bool(s, "no_inherit") != gnode_bool(t, "no_inherit") ||
		strcmp(core_definition(s), core_definition(t)) != 0 ||
		(gnode_bool(t, "not_valid") && !gnode_bool(s, "not_valid")) ||
		(deferral && (type == NULL || strcmp(type, "foreign_key") != 0 ||
					  t->parent->kind != OBJ_TABLE));
}

/*
 * Will something this constraint needs be rebuilt later in the diff (the
 * referenced table, the key it references), bringing it back with it?
 * Then altering it now would only be undone.
 */
static bool
rebuilt_with_what_it_needs(DiffContext *cx, GNode *s, GNode *t)
{
	ListCell   *lc;

	if (ddl_table_rebuilds(cx, ddl_find(cx->target, t, OBJ_TABLE,
										gnode_str(t, "references")), 0))
		return true;
	foreach(lc, s->deps)
	{
		GNode	   *dep = lfirst(lc);
		GNode	   *dt;

		if (dep->kind != OBJ_CONSTRAINT)
			continue;
		dt = graph_find_node(cx->target, dep);
		if (dt == NULL || ddl_table_rebuilds(cx, dt->parent, 0))
			return true;
		if (diff_source_of(cx, dt) != NULL ? diff_is_new(cx, dt)
			: constraint_rebuild_needed(dep, dt))
			return true;
	}
	return false;
}

static void
constraint_alter(DiffContext *cx, GNode *s, GNode *t)
{
	GNode	   *parent = t->parent;
	StringInfoData buf;
	bool		deferral;

	if (parent->kind != OBJ_TABLE && parent->kind != OBJ_TYPE)
		return;
	/* inherited, then and now: the parent's change reaches it */
	if (parent->kind == OBJ_TABLE && follows_parent(s) && follows_parent(t))
		return;

	if (constraint_rebuild_needed(s, t))
	{
		/* a table that inherits it: the parent's rebuild brings it back */
		if (parent->kind == OBJ_TABLE && follows_parent(t))
			return;
		diff_rebuild(cx, s, t);
		return;
	}
	if (parent->kind == OBJ_TABLE && rebuilt_with_what_it_needs(cx, s, t))
		return;

	deferral = gnode_bool(s, "deferrable") != gnode_bool(t, "deferrable") ||
		gnode_bool(s, "initially_deferred") != gnode_bool(t, "initially_deferred");
	initStringInfo(&buf);
	if (deferral)
		ddl_stmt(&buf, "%s ALTER CONSTRAINT %s %s%s;", alter_owner(t),
				 quote_identifier(t->name),
				 gnode_bool(t, "deferrable") ? "DEFERRABLE" : "NOT DEFERRABLE",
				 gnode_bool(t, "initially_deferred") ? " INITIALLY DEFERRED" :
				 gnode_bool(t, "deferrable") ? " INITIALLY IMMEDIATE" : "");
	if (gnode_bool(s, "not_valid") && !gnode_bool(t, "not_valid"))
		ddl_stmt(&buf, "%s VALIDATE CONSTRAINT %s;", alter_owner(t),
				 quote_identifier(t->name));
	if (parent->kind == OBJ_TABLE && gnode_bool(t, "clustered") &&
		!gnode_bool(s, "clustered"))
		ddl_stmt(&buf, "ALTER TABLE %s CLUSTER ON %s;", gnode_qualname(parent),
				 quote_identifier(t->name));
	else if (parent->kind == OBJ_TABLE && gnode_bool(s, "clustered") &&
			 !gnode_bool(t, "clustered") && !table_clustered_elsewhere(t))
		ddl_stmt(&buf, "ALTER TABLE %s SET WITHOUT CLUSTER;", gnode_qualname(parent));
	if (!gnode_attr_equal(s, t, "tablespace"))
		ddl_stmt(&buf, "ALTER INDEX %s %s;", key_index(t), ddl_set_tablespace(t));
	if (buf.len > 0)
	{
		DiffStep   *step = diff_step(cx, STEP_ALTER, t, "%s", buf.data);

		if (gnode_bool(s, "not_valid") && !gnode_bool(t, "not_valid"))
			step_hazard(step, HAZARD_BLOCKING_LOCK);
		/* a moved index is copied; a partitioned table's has no storage */
		if (!gnode_attr_equal(s, t, "tablespace") &&
			!(parent->kind == OBJ_TABLE && gnode_str(parent, "partition_by") != NULL))
		{
			step_hazard(step, HAZARD_TABLE_REWRITE);
			step_hazard(step, HAZARD_BLOCKING_LOCK);
		}
	}
	/* inherited or local changed alone: nothing ALTER can do, or needs to */
}

/* ----------------------------------------------------------------
 * Which key a new foreign key uses
 * ----------------------------------------------------------------
 */

/* Is c a constraint of that type? */
static bool
is_type(GNode *c, const char *type)
{
	char	   *t = gnode_str(c, "type");

	return t != NULL && strcmp(t, type) == 0;
}

/*
 * The names in the first parenthesized list of a key's definition
 * ("UNIQUE NULLS NOT DISTINCT (a, "b,c")" gives a and "b,c"), as written.
 */
static List *
definition_columns(const char *def)
{
	List	   *cols = NIL;
	const char *p = strchr(def, '(');
	StringInfoData name;
	bool		quoted = false;

	if (p == NULL)
		return NIL;
	initStringInfo(&name);
	for (p++; *p != '\0'; p++)
	{
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == ',' || *p == ')'))
		{
			cols = lappend(cols, pstrdup(name.data));
			resetStringInfo(&name);
			if (*p == ')')
				return cols;
			continue;
		}
		else if (!quoted && *p == ' ' && name.len == 0)
			continue;
		appendStringInfoChar(&name, *p);
	}
	return NIL;					/* not a list of columns */
}

/*
 * The key columns (quoted names, sorted) of a key or index of a table that
 * a foreign key over them could use: PostgreSQL takes a unique index that
 * is immediate, without predicate and without expressions.  NIL for any
 * other object.
 */
static List *
usable_key(GNode *n)
{
	List	   *cols = NIL;
	ListCell   *lc;

	if (n->parent == NULL || n->parent->kind != OBJ_TABLE)
		return NIL;
	if (n->kind == OBJ_CONSTRAINT)
	{
		if ((!is_type(n, "primary_key") && !is_type(n, "unique")) ||
			gnode_bool(n, "deferrable") || gnode_str(n, "definition") == NULL)
			return NIL;
		cols = definition_columns(gnode_str(n, "definition"));
	}
	else if (n->kind == OBJ_INDEX)
	{
		if (!gnode_bool(n, "unique") || gnode_str(n, "predicate") != NULL)
			return NIL;
		cols = list_copy(gnode_strings(n, "keys"));
	}
	foreach(lc, cols)
	{
		ListCell   *cc;
		bool		found = false;

		foreach(cc, gnode_children(n->parent, OBJ_COLUMN))
			if (strcmp(quote_identifier(((GNode *) lfirst(cc))->name),
					   lfirst(lc)) == 0)
				found = true;
		if (!found)
			return NIL;			/* an expression */
	}
	list_sort(cols, pgm_cmp_list_cstring);
	return cols;
}

static bool
same_names(List *a, List *b)
{
	ListCell   *la;
	ListCell   *lb;

	if (list_length(a) != list_length(b))
		return false;
	forboth(la, a, lb, b)
	{
		if (strcmp(lfirst(la), lfirst(lb)) != 0)
			return false;
	}
	return true;
}

/* Does a foreign key of the target use key n? */
static bool
used_by_foreign_key(GNode *n)
{
	ListCell   *lc;

	foreach(lc, n->dependents)
	{
		GNode	   *d = lfirst(lc);

		if (d->kind == OBJ_CONSTRAINT && is_type(d, "foreign_key"))
			return true;
	}
	return false;
}

/*
 * A foreign key created by the script uses key "key" of the target.
 * PostgreSQL binds a new foreign key to the first unique index over the
 * referenced columns in the order of their oids, whichever the target's
 * used: when "key" is created by the script while another key over the
 * same columns is there already, the foreign key would take that one
 * (invisible in a dump, but a later drop of that key then fails).  Such a
 * key is dropped before the foreign key and created again after it, unless
 * a foreign key of the target uses it too (no order of creation gives
 * both).
 */
static void
bind_foreign_key(DiffContext *cx, DiffStep *fkstep, GNode *key)
{
	List	   *cols = usable_key(key);
	ListCell   *lc;

	if (cols == NIL || ddl_find_step(cx, key, STEP_CREATE) == NULL)
		return;
	foreach(lc, key->parent->children)
	{
		GNode	   *other = lfirst(lc);
		GNode	   *sother;
		DiffStep   *create;
		DiffStep   *drop;

		if (other == key || !same_names(usable_key(other), cols) ||
			used_by_foreign_key(other))
			continue;
		create = ddl_find_step(cx, other, STEP_CREATE);
		sother = graph_find_node(cx->source, other);
		if (create == NULL && sother != NULL)
		{
			diff_rebuild(cx, sother, other);
			create = ddl_find_step(cx, other, STEP_CREATE);
		}
		if (create == NULL)
			continue;
		step_after(create, fkstep);
		if (sother != NULL && (drop = ddl_find_step(cx, sother, STEP_DROP)) != NULL)
			step_after(fkstep, drop);
	}
}

/* ----------------------------------------------------------------
 * Cycles among the tables the script drops
 *
 * DROP TABLE takes a table's foreign keys, policies and the rest along,
 * but fails while another object still needs the table, so the steps
 * order the drops by what needs what.  Dropped tables that need each
 * other (two tables that reference each other, a table whose policy reads
 * the table whose foreign key references it, a partitioned table and the
 * partitions of another) cannot be ordered that way: like pg_dump, the
 * foreign keys that close such cycles are dropped first, on their own.
 * ----------------------------------------------------------------
 */

/* The table that n is, or belongs to (a column, constraint, policy...), or NULL. */
static GNode *
enclosing_table(GNode *n)
{
	for (; n != NULL && n->kind != OBJ_SCHEMA; n = n->parent)
	{
		if (n->kind == OBJ_TABLE)
			return n;
	}
	return NULL;
}

/* Is table n a partition of table "of" (of graph g), at any depth? */
static bool
is_partition_of(Graph *g, GNode *n, GNode *of)
{
	for (int depth = 0; n != NULL && depth < 32; depth++)
	{
		n = ddl_find(g, n, OBJ_TABLE, gnode_str(n, "partition_of"));
		if (n == of)
			return true;
	}
	return false;
}

/* "FOREIGN KEY (a, b)" of a foreign key's definition: what its clones share. */
static bool
same_referencing_columns(GNode *a, GNode *b)
{
	char	   *da = gnode_str(a, "definition");
	char	   *db = gnode_str(b, "definition");
	char	   *ra;
	char	   *rb;

	if (da == NULL || db == NULL ||
		(ra = strstr(da, " REFERENCES ")) == NULL ||
		(rb = strstr(db, " REFERENCES ")) == NULL)
		return false;
	return ra - da == rb - db && strncmp(da, db, ra - da) == 0;
}

/*
 * The constraints PostgreSQL made for foreign key fk (a constraint the
 * table defines itself) of graph g, appended to clones: one on each
 * partition of fk's table, at any depth, with the same definition; and,
 * when the table it references is partitioned, one on fk's own table per
 * partition of that table, at any depth, which references the partition.
 * They are dropped with fk, and only with it.
 */
static List *
fk_clones(Graph *g, GNode *fk, List *clones)
{
	GNode	   *table = fk->parent;
	GNode	   *ref = ddl_find(g, fk, OBJ_TABLE, gnode_str(fk, "references"));
	ListCell   *lc;

	/* the referencing side, which follows the partitions of fk's table */
	foreach(lc, ddl_partitions(g, table))
	{
		ListCell   *cc;

		foreach(cc, gnode_children(lfirst(lc), OBJ_CONSTRAINT))
		{
			GNode	   *c = lfirst(cc);

			if (is_type(c, "foreign_key") && follows_parent(c) &&
				gnode_attr_equal(c, fk, "definition"))
			{
				clones = lappend(clones, c);
				clones = fk_clones(g, c, clones);
			}
		}
	}
	/* the referenced side, made once, on the table of the top key */
	if (follows_parent(fk) || ref == NULL ||
		gnode_str(ref, "partition_by") == NULL)
		return clones;
	foreach(lc, gnode_children(table, OBJ_CONSTRAINT))
	{
		GNode	   *c = lfirst(lc);

		if (c != fk && is_type(c, "foreign_key") && follows_parent(c) &&
			same_referencing_columns(c, fk) &&
			is_partition_of(g, ddl_find(g, c, OBJ_TABLE,
										gnode_str(c, "references")), ref))
			clones = lappend(clones, c);
	}
	return clones;
}

/*
 * Foreign key fk (of the source) is dropped on its own: its clones go with
 * it.  Their dependencies become the key's, so that the key is dropped
 * before what they need (a partition of the table it references) and they
 * no longer hold the drop of their tables after it.
 */
static void
drop_clones_with(DiffContext *cx, GNode *fk)
{
	List	   *deps = list_copy(fk->deps);
	ListCell   *lc;

	foreach(lc, fk_clones(cx->source, fk, NIL))
	{
		GNode	   *c = lfirst(lc);

		if (c->deps == NIL)
			continue;
		deps = list_concat(deps, c->deps);
		diff_set_deps(cx, c, NIL);
	}
	diff_set_deps(cx, fk, deps);
}

/* A table the script drops, as a vertex of the graph of what needs what. */
typedef struct DroppedTable
{
	GNode	   *table;			/* hash key */
	int			index;			/* order of the search's visit, from 1 */
	int			lowlink;		/* lowest index it reaches back to */
	bool		on_stack;
	bool		listed;			/* its foreign keys looked at */
	struct DroppedTable *component; /* the first of its cycle, or itself */
} DroppedTable;

typedef struct DropGraph
{
	DiffContext *cx;
	HTAB	   *tables;			/* of DroppedTable */
	int			visited;
	List	   *stack;			/* of DroppedTable *, the search's */
} DropGraph;

static DroppedTable *
dropped_table(DropGraph *dg, GNode *table)
{
	if (table == NULL)
		return NULL;
	return hash_search(dg->tables, &table, HASH_FIND, NULL);
}

/*
 * The tables the drop of n needs gone after it, appended to needs: those
 * that n, or anything dropped with it (its columns, constraints, policies,
 * triggers..., but not what goes in a step of its own), needs.
 */
static List *
drop_needs(DropGraph *dg, GNode *n, GNode *table, List *needs)
{
	ListCell   *lc;

	foreach(lc, n->deps)
	{
		DroppedTable *d = dropped_table(dg, enclosing_table(lfirst(lc)));

		if (d != NULL && d->table != table)
			needs = list_append_unique_ptr(needs, d);
	}
	foreach(lc, n->children)
	{
		GNode	   *c = lfirst(lc);

		if (diff_drop_step(dg->cx, c) == NULL)
			needs = drop_needs(dg, c, table, needs);
	}
	return needs;
}

/*
 * Tarjan's search for the strongly connected components of the graph:
 * the tables of one component (a cycle, or cycles that share tables) get
 * the same "component".
 */
static void
find_components(DropGraph *dg, DroppedTable *v)
{
	ListCell   *lc;

	check_stack_depth();
	v->index = v->lowlink = ++dg->visited;
	dg->stack = lappend(dg->stack, v);
	v->on_stack = true;
	foreach(lc, drop_needs(dg, v->table, v->table, NIL))
	{
		DroppedTable *w = lfirst(lc);

		if (w->index == 0)
		{
			find_components(dg, w);
			v->lowlink = Min(v->lowlink, w->lowlink);
		}
		else if (w->on_stack)
			v->lowlink = Min(v->lowlink, w->index);
	}
	if (v->lowlink == v->index)
	{
		DroppedTable *w;

		do
		{
			w = llast(dg->stack);
			dg->stack = list_delete_last(dg->stack);
			w->on_stack = false;
			w->component = v;
		} while (w != v);
	}
}

/*
 * Does foreign key fk (of a dropped table, with no step of its own) close
 * a cycle of dropped tables?  It does when it, or one of its clones,
 * references a table (another one) that needs its table in turn: both
 * are in one component.
 */
static bool
fk_closes_cycle(DropGraph *dg, GNode *fk)
{
	List	   *family = fk_clones(dg->cx->source, fk, list_make1(fk));
	ListCell   *lc;

	foreach(lc, family)
	{
		GNode	   *c = lfirst(lc);
		DroppedTable *from = dropped_table(dg, c->parent);
		DroppedTable *to = dropped_table(dg, ddl_fk_referenced(c));

		if (from != NULL && to != NULL && from != to &&
			from->component == to->component)
			return true;
	}
	return false;
}

/*
 * The foreign keys that close a cycle among the tables the script drops
 * (for good, or to create them again), dropped first, on their own.  The
 * clones of a foreign key dropped on its own, by this or by another step,
 * go with it (drop_clones_with()).
 */
static void
drop_cycle_keys(DiffContext *cx)
{
	DropGraph	dg;
	HASHCTL		ctl;
	List	   *fks = NIL;
	ListCell   *lc;

	dg.cx = cx;
	dg.visited = 0;
	dg.stack = NIL;
	ctl.keysize = sizeof(GNode *);
	ctl.entrysize = sizeof(DroppedTable);
	ctl.hcxt = CurrentMemoryContext;
	dg.tables = hash_create("pg_migrate dropped tables", 64, &ctl,
							HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	/* the keys dropped on their own already, and the tables */
	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *n = step->node;

		if (step->action != STEP_DROP || step->discarded)
			continue;
		if (n->kind == OBJ_CONSTRAINT && is_type(n, "foreign_key") &&
			!follows_parent(n) && n->parent->kind == OBJ_TABLE &&
			diff_drop_step(cx, n) == step)
			drop_clones_with(cx, n);
		else if (n->kind == OBJ_TABLE)
		{
			bool		found;
			DroppedTable *d = hash_search(dg.tables, &n, HASH_ENTER, &found);

			if (!found)
			{
				d->index = d->lowlink = 0;
				d->on_stack = d->listed = false;
				d->component = NULL;
			}
		}
	}
	if (hash_get_num_entries(dg.tables) < 2)
		return;

	/* list the keys closing a cycle, then drop them */
	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);
		DroppedTable *d;
		ListCell   *cc;

		if (step->action != STEP_DROP || step->discarded ||
			(d = dropped_table(&dg, step->node)) == NULL || d->listed)
			continue;
		d->listed = true;
		if (d->index == 0)
			find_components(&dg, d);
		foreach(cc, gnode_children(d->table, OBJ_CONSTRAINT))
		{
			GNode	   *fk = lfirst(cc);

			if (is_type(fk, "foreign_key") && !follows_parent(fk) &&
				diff_drop_step(cx, fk) == NULL)
				fks = lappend(fks, fk);
		}
	}
	foreach(lc, fks)
	{
		GNode	   *fk = lfirst(lc);

		if (!fk_closes_cycle(&dg, fk))
			continue;
		diff_step(cx, STEP_DROP, fk, "%s DROP CONSTRAINT %s;", alter_owner(fk),
				  quote_identifier(fk->name));
		drop_clones_with(cx, fk);
	}
	hash_destroy(dg.tables);
}

/* Does the type of column tc (of the target) differ from its source's? */
static bool
retyped(DiffContext *cx, GNode *tc)
{
	GNode	   *sc;

	return tc->kind == OBJ_COLUMN && !ddl_is_new(cx, tc) &&
		(sc = diff_source_of(cx, tc)) != NULL &&
		!ddl_str_equal(gnode_str(sc, "type"), gnode_str(tc, "type"));
}

/*
 * A foreign key that stays while the types of columns on both its sides
 * change: ALTER COLUMN ... TYPE of the first side checks the key against
 * the other side's old type, which may have no equality operator with the
 * new one ("foreign key constraint ... cannot be implemented").  Such a
 * key is dropped before the columns change and created after.  (When one
 * side alone changes, the key is checked against the target's types: the
 * target's own key.)
 */
static void
rebuild_keys_over_retyped(DiffContext *cx)
{
	List	   *pairs = NIL;
	ListCell   *lc;

	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);
		GNode	   *tc = step->node;
		ListCell   *dc;

		if (step->action != STEP_ALTER || step->discarded || !retyped(cx, tc))
			continue;
		foreach(dc, tc->dependents)
		{
			GNode	   *fk = lfirst(dc);
			GNode	   *sfk;
			bool		local = false;
			bool		referenced = false;
			ListCell   *cc;

			if (fk->kind != OBJ_CONSTRAINT || !is_type(fk, "foreign_key") ||
				follows_parent(fk) || ddl_is_new(cx, fk) ||
				(sfk = diff_source_of(cx, fk)) == NULL ||
				list_member_ptr(pairs, fk))
				continue;
			foreach(cc, fk->deps)
			{
				GNode	   *col = lfirst(cc);

				if (col->kind != OBJ_COLUMN || !retyped(cx, col))
					continue;
				if (col->parent == fk->parent)
					local = true;
				else
					referenced = true;
			}
			if (local && referenced)
				pairs = lappend(pairs, fk);
		}
	}
	foreach(lc, pairs)
	{
		GNode	   *fk = lfirst(lc);
		GNode	   *sfk = diff_source_of(cx, fk);
		DiffStep   *drop;
		ListCell   *sc;

		diff_rebuild(cx, sfk, fk);
		if ((drop = ddl_find_step(cx, sfk, STEP_DROP)) == NULL)
			continue;
		foreach(sc, cx->steps)
		{
			DiffStep   *step = lfirst(sc);

			if (step->action == STEP_ALTER && list_member_ptr(fk->deps, step->node))
				step_after(step, drop);
		}
	}
}

/*
 * A foreign key referencing key "key" of a partitioned table: PostgreSQL
 * finds no usable unique constraint there while the key's index is
 * invalid, that is until the index of every partition's key is attached to
 * it (and, for a partition partitioned in turn, until its own are).  So
 * the foreign key comes after the steps that create and attach them.
 */
static void
after_partition_keys(DiffContext *cx, DiffStep *fkstep, GNode *key)
{
	ListCell   *lc;

	if (!is_index_key(key) || key->parent->kind != OBJ_TABLE)
		return;
	foreach(lc, ddl_partitions(cx->target, key->parent))
	{
		ListCell   *cc;

		foreach(cc, gnode_children(lfirst(lc), OBJ_CONSTRAINT))
		{
			GNode	   *pc = lfirst(cc);
			DiffStep   *cs;

			if (!is_index_key(pc) || parent_key(cx->target, pc) != key)
				continue;
			if ((cs = ddl_find_step(cx, pc, STEP_CREATE)) != NULL && cs != fkstep)
				step_after(fkstep, cs);
			/* the attachments of its own partitions' keys (ALTER steps) */
			ddl_after_alters_of(cx, fkstep, pc);
			after_partition_keys(cx, fkstep, pc);
		}
	}
}

/*
 * The foreign keys that close a cycle of dropped tables, dropped first;
 * the foreign keys the script creates, bound to the key they use, and
 * after the keys of its partitions when that key is a partitioned table's.
 */
static void
constraint_finish(DiffContext *cx)
{
	List	   *fks = NIL;
	ListCell   *lc;

	rebuild_keys_over_retyped(cx);
	drop_cycle_keys(cx);
	foreach(lc, cx->steps)
	{
		DiffStep   *step = lfirst(lc);

		if (step->action == STEP_CREATE && !step->discarded &&
			step->node->kind == OBJ_CONSTRAINT &&
			is_type(step->node, "foreign_key"))
			fks = lappend(fks, step);
	}
	foreach(lc, fks)
	{
		DiffStep   *step = lfirst(lc);
		ListCell   *dc;

		foreach(dc, step->node->deps)
		{
			GNode	   *d = lfirst(dc);

			if (d->kind == OBJ_CONSTRAINT || d->kind == OBJ_INDEX)
				bind_foreign_key(cx, step, d);
			if (d->kind == OBJ_CONSTRAINT)
				after_partition_keys(cx, step, d);
		}
	}
}

const DdlHandler pgm_ddl_constraint = {
	.create = constraint_create,
	.drop = constraint_drop,
	.alter = constraint_alter,
	.inline_in_parent = false,
	.sql_kind = "CONSTRAINT",
	.finish = constraint_finish,
};
