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

#include "utils/builtins.h"

/* Shared by the relation handlers (table.c). */
extern bool ddl_is_new(DiffContext *cx, GNode *t);
extern GNode *ddl_find(Graph *g, const GNode *from, ObjKind kind, const char *name);
extern bool ddl_table_rebuilds(DiffContext *cx, GNode *t, int depth);
extern void ddl_stmt(StringInfo buf, const char *fmt,...) pg_attribute_printf(2, 3);

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

static void
constraint_create(DiffContext *cx, GNode *t)
{
	GNode	   *parent = t->parent;
	char	   *type = gnode_str(t, "type");
	StringInfoData buf;
	DiffStep   *step;
	bool		lock;

	if (parent->kind != OBJ_TABLE && parent->kind != OBJ_TYPE)
		return;
	if (parent->kind == OBJ_TABLE && follows_parent(t))
		return;

	initStringInfo(&buf);
	ddl_stmt(&buf, "%s ADD CONSTRAINT %s %s;", alter_owner(t),
			 quote_identifier(t->name), gnode_str(t, "definition"));
	if (parent->kind == OBJ_TABLE)
	{
		char	   *ri = gnode_str(parent, "replica_identity");
		char	   *rindex = gnode_str(parent, "replica_identity_index");

		if (ri != NULL && strcmp(ri, "index") == 0 && rindex != NULL &&
			strcmp(rindex, t->name) == 0)
			ddl_stmt(&buf, "ALTER TABLE %s REPLICA IDENTITY USING INDEX %s;",
					 gnode_qualname(parent), quote_identifier(t->name));
	}
	step = diff_step(cx, STEP_CREATE, t, "%s", buf.data);

	/* building the index, checking the rows, holds the table */
	if (type == NULL || strcmp(type, "check") == 0 || strcmp(type, "foreign_key") == 0)
		lock = !gnode_bool(t, "not_valid");
	else
		lock = true;
	if (lock && !ddl_is_new(cx, parent))
		step_hazard(step, HAZARD_BLOCKING_LOCK);
}

static void
constraint_drop(DiffContext *cx, GNode *s)
{
	GNode	   *parent = s->parent;

	if (parent->kind != OBJ_TABLE && parent->kind != OBJ_TYPE)
		return;
	if (parent->kind == OBJ_TABLE && follows_parent(s))
		return;
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
		dt = graph_find(cx->target, gnode_key(dep));
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
	if (buf.len > 0)
	{
		DiffStep   *step = diff_step(cx, STEP_ALTER, t, "%s", buf.data);

		if (gnode_bool(s, "not_valid") && !gnode_bool(t, "not_valid"))
			step_hazard(step, HAZARD_BLOCKING_LOCK);
	}
	/* inherited or local changed alone: nothing ALTER can do, or needs to */
}

const DdlHandler pgm_ddl_constraint = {
	.create = constraint_create,
	.drop = constraint_drop,
	.alter = constraint_alter,
	.inline_in_parent = false,
	.sql_kind = "CONSTRAINT",
};
