/*-------------------------------------------------------------------------
 *
 * unmodeled.c
 *	  The diff's side of the objects that pg_migrate does not model: a
 *	  diff refuses while such an object differs between its two sides
 *	  (it could not write the DDL, and leaving it out would be silent),
 *	  naming it, unless pg_migrate.allow_unmodeled is on; then it warns
 *	  and leaves the object as it is.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"

#include "unmodeled.h"

/* pg_migrate.allow_unmodeled: diff while unmodelled objects differ */
static bool allow_unmodeled = false;

/*
 * Define pg_migrate.allow_unmodeled (called once, by _PG_init()).
 */
void
unmodeled_init_settings(void)
{
	DefineCustomBoolVariable("pg_migrate.allow_unmodeled",
							 "Lets a diff go on while objects that pg_migrate does not model differ.",
							 "Off (the default): migrate_diff(), migrate_check() and migrate_revision() "
							 "refuse while such an object differs between the two sides.  On: they warn "
							 "and leave it as it is.",
							 &allow_unmodeled,
							 false,
							 PGC_USERSET, 0,
							 NULL, NULL, NULL);
}

/*
 * Whether pg_migrate.allow_unmodeled is on: a diff then warns about the
 * unmodelled objects that differ instead of refusing, and autogenerate's
 * self-check compares documents without them.
 */
bool
unmodeled_allowed(void)
{
	return allow_unmodeled;
}

/* The entries of a list of nodes that are unmodelled objects. */
static List *
entries_of(List *nodes)
{
	List	   *result = NIL;
	ListCell   *lc;

	foreach(lc, nodes)
	{
		GNode	   *n = lfirst(lc);

		if (n->kind == OBJ_UNMODELED)
			result = lappend(result, n);
	}
	return result;
}

static GNode *
find_entry(List *entries, const char *name)
{
	ListCell   *lc;

	foreach(lc, entries)
		if (strcmp(((GNode *) lfirst(lc))->name, name) == 0)
			return lfirst(lc);
	return NULL;
}

static bool
entries_equal(GNode *a, GNode *b)
{
	return gnode_attr_equal(a, b, "kind") &&
		gnode_attr_equal(a, b, "comment") &&
		gnode_attr_equal(a, b, "definition") &&
		gnode_attr_equal(a, b, "refers_to");
}

/* One entry that differs, as the messages name it. */
typedef struct EntryDiff
{
	const char *name;
	const char *schema;			/* NULL at the top level */
	const char *state;
} EntryDiff;

static void
add_diff(List **diffs, const char *name, const char *schema, const char *state)
{
	EntryDiff  *d = palloc(sizeof(EntryDiff));

	d->name = name;
	d->schema = schema;
	d->state = state;
	*diffs = lappend(*diffs, d);
}

/* "object "..." (of schema "s")" */
static char *
entry_text(EntryDiff *d)
{
	if (d->schema == NULL)
		return psprintf("\"%s\"", d->name);
	return psprintf("\"%s\" of schema \"%s\"", d->name, d->schema);
}

/* Differences between two lists of entries, appended to *diffs. */
static void
compare_entries(List *source, List *target, const char *schema, List **diffs)
{
	ListCell   *lc;

	foreach(lc, target)
	{
		GNode	   *t = lfirst(lc);
		GNode	   *s = find_entry(source, t->name);

		if (s == NULL)
			add_diff(diffs, t->name, schema, "only in the target");
		else if (!entries_equal(s, t))
			add_diff(diffs, t->name, schema, "different on the two sides");
	}
	foreach(lc, source)
	{
		GNode	   *s = lfirst(lc);

		if (find_entry(target, s->name) == NULL)
			add_diff(diffs, s->name, schema, "only in the source");
	}
}

static bool
schema_in_scope(Graph *g, const char *name)
{
	return g->scope_all || pgm_list_member_str(g->scope, name);
}

/*
 * Before a diff: the unmodelled objects of the part of the database the
 * target covers must be the same on both sides.  A difference is an error
 * naming them, or with pg_migrate.allow_unmodeled a warning.
 */
void
unmodeled_check(Graph *source, Graph *target)
{
	List	   *diffs = NIL;
	ListCell   *lc;
	StringInfoData detail;

	if (target->scope_all)
		compare_entries(source->unmodeled, target->unmodeled, NULL, &diffs);
	foreach(lc, target->schemas)
	{
		GNode	   *t = lfirst(lc);
		GNode	   *s = graph_find_node(source, t);

		compare_entries(s ? entries_of(s->children) : NIL,
						entries_of(t->children), t->name, &diffs);
	}
	foreach(lc, source->schemas)
	{
		GNode	   *s = lfirst(lc);

		if (graph_find_node(target, s) == NULL && schema_in_scope(target, s->name))
			compare_entries(entries_of(s->children), NIL, s->name, &diffs);
	}
	if (diffs == NIL)
		return;

	initStringInfo(&detail);
	foreach(lc, diffs)
	{
		EntryDiff  *d = lfirst(lc);

		appendStringInfo(&detail, "%s%s: %s", detail.len > 0 ? "; " : "",
						 entry_text(d), d->state);
	}
	if (!allow_unmodeled)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("object %s is %s, and pg_migrate does not model its kind",
						entry_text(linitial(diffs)),
						((EntryDiff *) linitial(diffs))->state),
				 errdetail("The objects that pg_migrate does not model (the \"unmodeled\" entries of the documents) must be the same on both sides; these are not: %s.",
						   detail.data),
				 errhint("Make them the same by hand, or set pg_migrate.allow_unmodeled = on to diff the rest and leave them as they are.")));
	ereport(WARNING,
			(errmsg("objects that pg_migrate does not model differ, and are left as they are"),
			 errdetail("%s.", detail.data)));
}

/*
 * The document without its "unmodeled" entries (at the top and in each
 * schema): what autogenerate's self-check compares when
 * pg_migrate.allow_unmodeled lets them differ.
 */
Jsonb *
unmodeled_strip(Jsonb *doc)
{
	Datum		d = JsonbPGetDatum(doc);
	JsonbValue	v;
	List	   *schemas = NIL;
	ListCell   *lc;

	d = DirectFunctionCall2(jsonb_delete, d, CStringGetTextDatum("unmodeled"));
	if (getKeyJsonValueFromContainer(&doc->root, "schemas", 7, &v) &&
		v.type == jbvBinary && JsonContainerIsObject(v.val.binary.data))
	{
		JsonbIterator *it = JsonbIteratorInit(v.val.binary.data);
		JsonbValue	k;
		JsonbIteratorToken tok;

		while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
			if (tok == WJB_KEY)
				schemas = lappend(schemas, pnstrdup(k.val.string.val, k.val.string.len));
	}
	foreach(lc, schemas)
	{
		Datum		path[3];

		path[0] = CStringGetTextDatum("schemas");
		path[1] = CStringGetTextDatum(lfirst(lc));
		path[2] = CStringGetTextDatum("unmodeled");
		d = DirectFunctionCall2(jsonb_delete_path, d,
								PointerGetDatum(construct_array(path, 3, TEXTOID, -1,
																false, TYPALIGN_INT)));
	}
	return DatumGetJsonbP(d);
}
