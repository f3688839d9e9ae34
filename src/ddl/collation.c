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

static void
collation_create(DiffContext *cx, GNode *t)
{
	StringInfoData opts;
	char	   *provider = gnode_str(t, "provider");
	char	   *icu_locale = gnode_str(t, "icu_locale");
	char	   *lc_collate = gnode_str(t, "lc_collate");
	char	   *lc_ctype = gnode_str(t, "lc_ctype");
	const JsonbValue *det = gnode_attr(t, "deterministic");

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

	diff_step(cx, STEP_CREATE, t, "CREATE COLLATION %s (%s);",
			  gnode_qualname(t), opts.data);
}

static void
collation_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP COLLATION %s;", gnode_qualname(s));
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
