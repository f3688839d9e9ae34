/*-------------------------------------------------------------------------
 *
 * graph_compare.c
 *	  Two snapshot documents compared as the diff sees them
 *	  (graph_documents_equal(): the order of a table's columns is no
 *	  difference) and the first path where they differ
 *	  (graph_documents_difference(), for messages).
 *
 *-------------------------------------------------------------------------
 */
#include "graph_int.h"

#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

/*
 * Documents compared the way the diff compares them for tables: the order
 * of a table's columns is not part of the schema (the diff never rebuilds
 * a table to reorder its columns, docs/diff.md), so two documents that
 * differ only in it are the same.  A fast byte comparison first; then both
 * documents read back, the columns of every table put in name order, and
 * written again.
 */
static int
cmp_column_name(const ListCell *a, const ListCell *b)
{
	return strcmp(((GNode *) lfirst(a))->name, ((GNode *) lfirst(b))->name);
}

static Jsonb *
document_columns_by_name(Jsonb *doc, MemoryContext cxt)
{
	Graph	   *g = graph_from_jsonb(doc, NULL, cxt);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	ListCell   *sl;
	Jsonb	   *result;

	foreach(sl, g->schemas)
	{
		GNode	   *schema = lfirst(sl);
		ListCell   *tl;

		foreach(tl, schema->children)
		{
			GNode	   *table = lfirst(tl);
			List	   *columns = NIL;
			List	   *others = NIL;
			ListCell   *cl;

			if (table->kind != OBJ_TABLE)
				continue;
			foreach(cl, table->children)
			{
				GNode	   *c = lfirst(cl);

				if (c->kind == OBJ_COLUMN)
					columns = lappend(columns, c);
				else
					others = lappend(others, c);
			}
			list_sort(columns, cmp_column_name);
			table->children = list_concat(others, columns);
		}
	}
	result = graph_to_jsonb(g);
	MemoryContextSwitchTo(old);
	return result;
}

/*
 * Are two snapshot documents the same schema, but for the order of their
 * tables' columns?  (migrate_check(), autogenerate's self-check and
 * migrate_verify() compare documents with this.)
 */
bool
graph_documents_equal(Jsonb *a, Jsonb *b)
{
	MemoryContext work;
	MemoryContext old;
	bool		same;

	if (VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0)
		return true;
	if (compareJsonbContainers(&a->root, &b->root) == 0)
		return true;
	work = AllocSetContextCreate(CurrentMemoryContext, "pg_migrate document comparison",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	{
		Jsonb	   *sa = document_columns_by_name(a, work);
		Jsonb	   *sb = document_columns_by_name(b, work);

		same = compareJsonbContainers(&sa->root, &sb->root) == 0;
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return same;
}

/* Two scalar jsonb values the same? */
static bool
scalar_equal(const JsonbValue *a, const JsonbValue *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type)
	{
		case jbvNull:
			return true;
		case jbvBool:
			return a->val.boolean == b->val.boolean;
		case jbvString:
			return a->val.string.len == b->val.string.len &&
				memcmp(a->val.string.val, b->val.string.val, a->val.string.len) == 0;
		case jbvNumeric:
			return DatumGetBool(DirectFunctionCall2(numeric_eq,
													NumericGetDatum(a->val.numeric),
													NumericGetDatum(b->val.numeric)));
		default:
			return false;
	}
}

/*
 * Where two containers first differ, appended to path as "a.b[3].c" (keys
 * of a first, then those only b has); false when they do not differ.
 */
static bool
container_difference(JsonbContainer *a, JsonbContainer *b, StringInfo path)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			len = path->len;

	if (compareJsonbContainers(a, b) == 0)
		return false;
	if (JsonContainerIsObject(a) && JsonContainerIsObject(b))
	{
		for (int side = 0; side < 2; side++)
		{
			JsonbContainer *x = side == 0 ? a : b;
			JsonbContainer *y = side == 0 ? b : a;

			it = JsonbIteratorInit(x);
			while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
			{
				JsonbValue	key;
				JsonbValue	xv;
				JsonbValue	yv;

				if (tok != WJB_KEY)
					continue;
				key = v;
				tok = JsonbIteratorNext(&it, &xv, true);
				appendStringInfo(path, "%s%.*s", len > 0 ? "." : "",
								 key.val.string.len, key.val.string.val);
				if (!getKeyJsonValueFromContainer(y, key.val.string.val,
												  key.val.string.len, &yv))
				{
					appendStringInfoString(path, side == 0 ?
										   " (only in the first)" : " (only in the second)");
					return true;
				}
				if (xv.type == jbvBinary && yv.type == jbvBinary)
				{
					if (container_difference(side == 0 ? xv.val.binary.data : yv.val.binary.data,
											 side == 0 ? yv.val.binary.data : xv.val.binary.data,
											 path))
						return true;
				}
				else if (xv.type != yv.type ||
						 (xv.type != jbvBinary && !scalar_equal(&xv, &yv)))
					return true;
				path->len = len;
				path->data[len] = '\0';
			}
		}
	}
	else if (JsonContainerIsArray(a) && JsonContainerIsArray(b))
	{
		uint32		na = JsonContainerSize(a);
		uint32		nb = JsonContainerSize(b);

		for (uint32 i = 0; i < Max(na, nb); i++)
		{
			JsonbValue *av = i < na ? getIthJsonbValueFromContainer(a, i) : NULL;
			JsonbValue *bv = i < nb ? getIthJsonbValueFromContainer(b, i) : NULL;

			appendStringInfo(path, "[%u]", i);
			if (av == NULL || bv == NULL || av->type != bv->type)
				return true;
			if (av->type == jbvBinary)
			{
				if (container_difference(av->val.binary.data, bv->val.binary.data, path))
					return true;
			}
			else if (!scalar_equal(av, bv))
				return true;
			path->len = len;
			path->data[len] = '\0';
		}
	}
	return true;
}

/*
 * The path where two documents first differ ("schemas.app.tables.t.comment"),
 * for messages about documents that differ in nothing the diff turns into
 * a step; NULL when they are the same.
 */
char *
graph_documents_difference(Jsonb *a, Jsonb *b)
{
	StringInfoData path;

	initStringInfo(&path);
	if (!container_difference(&a->root, &b->root, &path))
		return NULL;
	return path.data;
}
