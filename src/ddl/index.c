/*-------------------------------------------------------------------------
 *
 * index.c
 *	  DDL for indexes (not those of constraints): the stored CREATE INDEX,
 *	  DROP INDEX, CLUSTER ON / SET WITHOUT CLUSTER, storage parameters with
 *	  ALTER INDEX SET / RESET; anything else rebuilds the index.
 *
 * Partitioned indexes.  The stored definition of an index of a partitioned
 * table says ON ONLY: it is created alone, invalid, and each partition's
 * index is then created under its own name and attached to it (ALTER INDEX
 * ... ATTACH PARTITION), which makes it valid once every partition has
 * one.  A partition created after a partitioned index would clone it
 * under a name of PostgreSQL's choosing, so new partitions are created
 * before new indexes of their table.  A partition's index that PostgreSQL
 * makes by itself (the partition is new and clones its parent's existing
 * indexes, or is attached) is not created here, and one attached to a
 * partitioned index goes with it (DROP INDEX of the parent drops it).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/* Shared by the relation handlers (table.c). */

static const char *
rel_word(GNode *rel)
{
	return rel->kind == OBJ_MATVIEW ? "MATERIALIZED VIEW" : "TABLE";
}

/* The partitioned index idx is attached to, in graph g, or NULL. */
static GNode *
parent_index(Graph *g, GNode *idx)
{
	return ddl_find(g, idx, OBJ_INDEX, gnode_str(idx, "partition_of"));
}

/* The indexes of g attached to idx (an index of a partitioned table). */
static List *
attached_indexes(Graph *g, GNode *idx)
{
	List	   *res = NIL;
	ListCell   *lc;

	foreach(lc, ddl_partitions(g, idx->parent))
	{
		ListCell   *ic;

		foreach(ic, gnode_children(lfirst(lc), OBJ_INDEX))
		{
			GNode	   *ci = lfirst(ic);

			if (gnode_str(ci, "partition_of") != NULL && parent_index(g, ci) == idx)
				res = lappend(res, ci);
		}
	}
	return res;
}

/*
 * ALTER INDEX ... ALTER COLUMN n SET STATISTICS for the statistics targets
 * ("n=target") of t that s (NULL: a new index) has not, and -1 for those
 * only s has.
 */
static void
column_statistics(StringInfo buf, GNode *s, GNode *t)
{
	List	   *old = s ? gnode_strings(s, "column_statistics") : NIL;
	List	   *new = gnode_strings(t, "column_statistics");
	ListCell   *lc;

	foreach(lc, old)
	{
		char	   *col = pstrdup(lfirst(lc));
		char	   *eq = strchr(col, '=');
		bool		kept = false;
		ListCell   *nc;

		if (eq == NULL)
			continue;
		*eq = '\0';
		foreach(nc, new)
			if (strncmp(lfirst(nc), col, strlen(col)) == 0 &&
				((char *) lfirst(nc))[strlen(col)] == '=')
				kept = true;
		if (!kept)
			ddl_stmt(buf, "ALTER INDEX %s ALTER COLUMN %d SET STATISTICS -1;",
					 gnode_qualname(t), atoi(col));
	}
	foreach(lc, new)
	{
		char	   *col = pstrdup(lfirst(lc));
		char	   *eq = strchr(col, '=');

		if (eq == NULL || ddl_list_has_string(old, lfirst(lc)))
			continue;
		*eq = '\0';
		ddl_stmt(buf, "ALTER INDEX %s ALTER COLUMN %d SET STATISTICS %d;",
				 gnode_qualname(t), atoi(col), atoi(eq + 1));
	}
}

static void
index_create(DiffContext *cx, GNode *t)
{
	GNode	   *rel = t->parent;
	GNode	   *parent = NULL;
	StringInfoData buf;
	DiffStep   *step;
	ListCell   *lc;

	if (gnode_str(t, "partition_of") != NULL)
	{
		parent = parent_index(cx->target, t);
		/* PostgreSQL makes it: cloned by a new partition, or on ATTACH */
		if (parent == NULL || !ddl_is_new(cx, parent))
			return;
	}

	initStringInfo(&buf);
	ddl_stmt(&buf, "%s;", gnode_str_req(t, "definition"));
	if (parent != NULL)
		ddl_stmt(&buf, "ALTER INDEX %s ATTACH PARTITION %s;",
				 gnode_qualname(parent), gnode_qualname(t));
	column_statistics(&buf, NULL, t);
	if (gnode_bool(t, "clustered"))
		ddl_stmt(&buf, "ALTER %s %s CLUSTER ON %s;", rel_word(rel),
				 gnode_qualname(rel), quote_identifier(t->name));
	if (rel->kind == OBJ_TABLE)
	{
		char	   *ri = gnode_str(rel, "replica_identity");
		char	   *rindex = gnode_str(rel, "replica_identity_index");

		if (ri != NULL && strcmp(ri, "index") == 0 && rindex != NULL &&
			strcmp(rindex, t->name) == 0)
			ddl_stmt(&buf, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;",
					 gnode_qualname(rel), quote_identifier(t->name));
	}
	step = diff_step(cx, STEP_CREATE, t, "%s", buf.data);
	if (!ddl_is_new(cx, rel))
		step_hazard(step, HAZARD_BLOCKING_LOCK);

	/* attached after the creation of the index it is attached to */
	if (parent != NULL)
	{
		DiffStep   *pc = ddl_find_step(cx, parent, STEP_CREATE);

		if (pc != NULL)
			step_after(step, pc);
	}

	/*
	 * A partitioned index: after the creation of the new partitions (which
	 * would clone it), before that of the indexes attached to it.
	 */
	if (rel->kind == OBJ_TABLE && gnode_str(rel, "partition_by") != NULL)
	{
		foreach(lc, ddl_partitions(cx->target, rel))
		{
			DiffStep   *pc = ddl_find_step(cx, lfirst(lc), STEP_CREATE);

			if (pc != NULL)
				step_after(step, pc);
		}
		foreach(lc, attached_indexes(cx->target, t))
		{
			DiffStep   *cc = ddl_find_step(cx, lfirst(lc), STEP_CREATE);

			if (cc != NULL)
				step_after(cc, step);
		}
	}
}

static void
index_drop(DiffContext *cx, GNode *s)
{
	/* attached to a partitioned index: goes with it */
	if (gnode_str(s, "partition_of") != NULL)
		return;
	/* a table rebuilt in the meantime (by a column's drop) takes it along */
	{
		GNode	   *tt = graph_find_node(cx->target, s->parent);

		if (tt != NULL && diff_source_of(cx, tt) != NULL && diff_is_new(cx, tt))
			return;
	}

	diff_step(cx, STEP_DROP, s, "DROP INDEX %s;", gnode_qualname(s));
}

/*
 * A definition without its WITH (...) clause: storage parameters are
 * changed in place.
 */
static char *
definition_without_options(GNode *idx)
{
	char	   *def = gnode_str(idx, "definition");
	char	   *with;
	char	   *p;
	int			depth = 0;
	bool		quoted = false;

	if (def == NULL || (with = strstr(def, " WITH (")) == NULL)
		return def;
	for (p = with + 6; *p; p++)
	{
		if (quoted)
		{
			if (*p == '\'')
				quoted = false;
		}
		else if (*p == '\'')
			quoted = true;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			break;
	}
	if (*p == '\0')
		return def;
	return psprintf("%.*s%s", (int) (with - def), def, p + 1);
}

static bool
only_keys_differ(GNode *s, GNode *t, const char *const *keys, int nkeys)
{
	ListCell   *lc;
	List	   *all = list_concat(list_copy(s->attrs), t->attrs);

	foreach(lc, all)
	{
		GAttr	   *a = lfirst(lc);
		bool		ignored = false;

		for (int i = 0; i < nkeys; i++)
			if (strcmp(a->key, keys[i]) == 0)
				ignored = true;
		if (!ignored && !gnode_attr_equal(s, t, a->key))
			return false;
	}
	return true;
}

/* The inside of the definition's WITH (...) clause, or NULL. */
static char *
definition_options(GNode *idx)
{
	char	   *def = gnode_str(idx, "definition");
	char	   *without = definition_without_options(idx);
	char	   *with;
	size_t		wlen;

	if (def == NULL || without == def || strcmp(without, def) == 0)
		return NULL;
	with = strstr(def, " WITH (");
	wlen = strlen(def) - strlen(without);	/* " WITH (...)" */
	return pnstrdup(with + 7, wlen - 8);
}

static bool
has_option(GNode *idx, const char *name)
{
	ListCell   *lc;
	size_t		len = strlen(name);

	foreach(lc, gnode_strings(idx, "options"))
	{
		const char *o = lfirst(lc);

		if (strncmp(o, name, len) == 0 && (o[len] == '=' || o[len] == '\0'))
			return true;
	}
	return false;
}

/* Is another index of idx's table clustered in the target? */
static bool
other_clustered(GNode *idx)
{
	ListCell   *lc;

	foreach(lc, idx->parent->children)
	{
		GNode	   *i = lfirst(lc);

		/* an index, or the index of a key */
		if (i != idx && (i->kind == OBJ_INDEX || i->kind == OBJ_CONSTRAINT) &&
			gnode_bool(i, "clustered"))
			return true;
	}
	return false;
}

static void
index_alter(DiffContext *cx, GNode *s, GNode *t)
{
	static const char *const in_place[] = {"comment", "clustered", "invalid",
	"partition_of", "options", "column_statistics", "definition"};
	GNode	   *rel = t->parent;
	StringInfoData buf;
	char	   *spart = gnode_str(s, "partition_of");
	char	   *tpart = gnode_str(t, "partition_of");
	DiffStep   *step;

	/*
	 * Attached to another partitioned index: when the script detaches its
	 * table from its parent, it stays (detached) and is attached to the
	 * new one; else the old one's drop takes it along.
	 */
	bool		moved = spart != NULL && tpart != NULL && strcmp(spart, tpart) != 0;
	bool		reattached = moved && ddl_partition_detached(cx, rel);

	if (!only_keys_differ(s, t, in_place, lengthof(in_place)) ||
		strcmp(definition_without_options(s), definition_without_options(t)) != 0 ||
		(moved && !reattached))
	{
		/* with the indexes attached to it, which its drop takes along */
		List	   *attached = NIL;
		ListCell   *lc;

		if (rel->kind == OBJ_TABLE && gnode_str(s->parent, "partition_by") != NULL)
			attached = attached_indexes(cx->source, s);
		diff_rebuild(cx, s, t);
		foreach(lc, attached)
		{
			GNode	   *cs = lfirst(lc);
			GNode	   *ct = graph_find_node(cx->target, cs);

			if (ct != NULL)
				diff_rebuild(cx, cs, ct);
		}
		return;
	}

	initStringInfo(&buf);
	if (!gnode_attr_equal(s, t, "options"))
	{
		/*
		 * SET appends what it sets after the options it keeps: setting all
		 * of them, in the order of the target's definition, gives that order.
		 */
		List	   *sopts = gnode_strings(s, "options");
		char	   *with = definition_options(t);
		StringInfoData reset;
		ListCell   *lc;

		initStringInfo(&reset);
		foreach(lc, sopts)
		{
			char	   *name = pstrdup(lfirst(lc));
			char	   *eq = strchr(name, '=');

			if (eq != NULL)
				*eq = '\0';
			if (!has_option(t, name))
				appendStringInfo(&reset, "%s%s", reset.len ? ", " : "", name);
		}
		if (reset.len > 0)
			ddl_stmt(&buf, "ALTER INDEX %s RESET (%s);", gnode_qualname(t), reset.data);
		if (with != NULL)
			ddl_stmt(&buf, "ALTER INDEX %s SET (%s);", gnode_qualname(t), with);
	}
	column_statistics(&buf, s, t);
	/* CLUSTER ON another index takes the mark off this one by itself */
	if (gnode_bool(s, "clustered") && !gnode_bool(t, "clustered") &&
		!other_clustered(t))
		ddl_stmt(&buf, "ALTER %s %s SET WITHOUT CLUSTER;", rel_word(rel),
				 gnode_qualname(rel));
	if (gnode_bool(t, "clustered") && !gnode_bool(s, "clustered"))
		ddl_stmt(&buf, "ALTER %s %s CLUSTER ON %s;", rel_word(rel),
				 gnode_qualname(rel), quote_identifier(t->name));
	/* attached now: an ATTACH PARTITION of its table may have done it */
	if (tpart != NULL && spart == NULL)
	{
		GNode	   *parent = parent_index(cx->target, t);

		if (parent != NULL)
			ddl_stmt(&buf, "ALTER INDEX %s ATTACH PARTITION %s;",
					 gnode_qualname(parent), gnode_qualname(t));
	}
	if (reattached && parent_index(cx->target, t) != NULL)
	{
		GNode	   *parent = parent_index(cx->target, t);

		/*
		 * A step of the parent index (this one's old version went with the
		 * detach of its table): after the parent's creation, once its
		 * table is a partition of the new parent.
		 */
		step = diff_step(cx, STEP_ALTER, parent, "ALTER INDEX %s ATTACH PARTITION %s;",
						 gnode_qualname(parent), gnode_qualname(t));
		ddl_after_alters_of(cx, step, rel);
	}
	if (buf.len == 0)
		return;
	step = diff_step(cx, STEP_ALTER, t, "%s", buf.data);
	if (tpart != NULL && spart == NULL)
	{
		GNode	   *parent = parent_index(cx->target, t);
		DiffStep   *pc = parent ? ddl_find_step(cx, parent, STEP_CREATE) : NULL;

		if (pc != NULL)
			step_after(step, pc);
	}
}

const DdlHandler pgm_ddl_index = {
	.create = index_create,
	.drop = index_drop,
	.alter = index_alter,
	.inline_in_parent = false,
	.sql_kind = "INDEX",
};
