/*-------------------------------------------------------------------------
 *
 * collation.c
 *	  DDL for collations.  PostgreSQL cannot change a collation in place
 *	  (ALTER COLLATION only renames, moves and refreshes the version), so
 *	  any change rebuilds it with what depends on it.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "lib/stringinfo.h"
#include "utils/builtins.h"

/* type.c: replacing an object that columns use */

static void
collation_create(DiffContext *cx, GNode *t)
{
	StringInfoData opts;
	char	   *provider = gnode_str(t, "provider");
	char	   *icu_locale = gnode_str(t, "icu_locale");
	char	   *lc_collate = gnode_str(t, "lc_collate");
	char	   *lc_ctype = gnode_str(t, "lc_ctype");
	const JsonbValue *det = gnode_attr(t, "deterministic");
	DiffStep   *step;
	GNode	   *s;

	initStringInfo(&opts);
	if (provider != NULL && strcmp(provider, "default") != 0)
		appendStringInfo(&opts, "provider = %s", provider);
	if (icu_locale != NULL)
		appendStringInfo(&opts, "%slocale = %s", opts.len ? ", " : "",
						 ddl_literal(icu_locale));
	if (lc_collate != NULL)
		appendStringInfo(&opts, "%slc_collate = %s", opts.len ? ", " : "",
						 ddl_literal(lc_collate));
	if (lc_ctype != NULL)
		appendStringInfo(&opts, "%slc_ctype = %s", opts.len ? ", " : "",
						 ddl_literal(lc_ctype));
	if (det != NULL && !gnode_bool(t, "deterministic"))
		appendStringInfo(&opts, "%sdeterministic = false",
						 opts.len ? ", " : "");

	step = diff_step(cx, STEP_CREATE, t, "CREATE COLLATION %s (%s);",
					 gnode_qualname(t), opts.data);

	/* rebuilt while columns use it: convert them, then drop the old one */
	s = diff_source_of(cx, t);
	if (s != NULL && s->kind == OBJ_COLLATION && ddl_replace_needed(cx, s))
		ddl_replace_convert(cx, s, t, step,
							psprintf("DROP COLLATION %s.%s;",
									 quote_identifier(s->schema->name),
									 quote_identifier(ddl_replace_name(cx, s))),
							true, false);
}

/*
 * A collation that columns use and that is rebuilt is renamed out of the
 * way (type.c, ddl_replace_convert); any other is dropped.
 */
static void
collation_drop(DiffContext *cx, GNode *s)
{
	GNode	   *t = graph_find_node(cx->target, s);
	DiffStep   *step;

	if (t != NULL)
	{
		ddl_replace_rebuild_tables(cx, s);
		ddl_replace_dependent_types(cx, s);
	}
	if (t != NULL && ddl_replace_needed(cx, s))
	{

		step = diff_step(cx, STEP_DROP, s, "ALTER COLLATION %s RENAME TO %s;",
						 gnode_qualname(s),
						 quote_identifier(ddl_replace_name(cx, s)));
		step_hazard(step, HAZARD_BREAKS_DEPENDENTS);
		return;
	}
	step = diff_step(cx, STEP_DROP, s, "DROP COLLATION %s;", gnode_qualname(s));
	if (t != NULL && s->dependents != NIL)
		step_hazard(step, HAZARD_BREAKS_DEPENDENTS);
	ddl_replace_drop_after_users(cx, step, s);
	/*
	 * Gone from the target: what survives it is rebuilt around its drop (a
	 * rebuild does that itself).
	 */
	if (graph_find_node(cx->target, s) == NULL)
		diff_rebuild_dependents(cx, s);
}

static void
collation_alter(DiffContext *cx, GNode *s, GNode *t)
{
	diff_rebuild(cx, s, t);
}

const DdlHandler pgm_ddl_collation = {
	.create = collation_create,
	.drop = collation_drop,
	.alter = collation_alter,
	.sql_kind = "COLLATION",
};
