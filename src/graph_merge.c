/*-------------------------------------------------------------------------
 *
 * graph_merge.c
 *	  A partial snapshot merged into the document of a whole one
 *	  (graph_merge_document(), for autogenerate's self-check).
 *
 *-------------------------------------------------------------------------
 */
#include "graph_int.h"

#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

/*
 * Merging a partial snapshot into a whole one (autogenerate's self-check,
 * autogen.c): the document of the whole snapshot, with its top-level
 * objects that may have changed (the "replaced" set) taken out and the
 * top-level objects of the partial snapshot put in.  Everything else is
 * copied from the base document as it is: its containers are canonical
 * already, and a container of jsonb's binary format can be copied
 * anywhere (its offsets are relative to itself).
 */

/* Key of a top-level object in the replaced set: kind, schema and name. */
static char *
replaced_key(ObjKind kind, const char *schema, const char *name, int namelen)
{
	return psprintf("%d:%zu:%s:%.*s", (int) kind, strlen(schema), schema,
					namelen, name);
}

/*
 * An empty set of the top-level objects a merge takes out of the base
 * document (graph_replaced_add()), in cxt.
 */
HTAB *
graph_replaced_create(MemoryContext cxt)
{
	return pgm_string_set_create("pg_migrate replaced objects", 256, cxt);
}

/* Take a top-level object of the base document out of the merge. */
void
graph_replaced_add(HTAB *replaced, GNode *top)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(replaced));
	char	   *key;

	Assert(top->schema != NULL && top->parent == top->schema);
	key = replaced_key(top->kind, top->schema->name, top->name,
					   strlen(top->name));
	hash_search(replaced, &key, HASH_ENTER, NULL);
	MemoryContextSwitchTo(old);
}

static bool
is_replaced(HTAB *replaced, ObjKind kind, const char *schema,
			const JsonbValue *name)
{
	char	   *key = replaced_key(kind, schema, name->val.string.val,
								   name->val.string.len);
	bool		found;

	hash_search(replaced, &key, HASH_FIND, &found);
	pfree(key);
	return found;
}

/* A copy of a value the iterator returned (it points into the document). */
static JsonbValue *
jbv_copy(const JsonbValue *v)
{
	JsonbValue *c = palloc(sizeof(JsonbValue));

	*c = *v;
	return c;
}

/* Append a pair, in the order given, to an array that grows. */
static void
append_pair(WPair **pairs, int *n, int *max, WPair p)
{
	if (*n == *max)
	{
		*max *= 2;
		*pairs = repalloc_huge(*pairs, sizeof(WPair) * *max);
	}
	p.order = *n;
	(*pairs)[(*n)++] = p;
}

/*
 * The pairs of one section of a schema: the base's objects that are not
 * replaced, then the partial snapshot's of that kind (which win on equal
 * names).  *n is set to their number.
 */
static WPair *
merged_section(JsonbValue *base, GNode *pschema, ObjKind kind,
			   const char *schema, HTAB *replaced, int *n)
{
	int			max = 8;
	WPair	   *pairs = palloc(sizeof(WPair) * max);
	ListCell   *lc;

	*n = 0;
	if (base != NULL)
	{
		JsonbIterator *it = JsonbIteratorInit(base->val.binary.data);
		JsonbValue	k;
		JsonbValue	v;
		JsonbIteratorToken tok;

		while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
		{
			if (tok != WJB_KEY)
				continue;
			tok = JsonbIteratorNext(&it, &v, true);
			if (is_replaced(replaced, kind, schema, &k))
				continue;
			append_pair(&pairs, n, &max,
						(WPair) {.key = k.val.string.val, .keylen = k.val.string.len,
						.kind = WV_JBV, .jbv = jbv_copy(&v)});
		}
	}
	if (pschema != NULL)
	{
		foreach(lc, pschema->children)
		{
			GNode	   *child = lfirst(lc);

			if (child->kind != kind)
				continue;
			append_pair(&pairs, n, &max,
						(WPair) {.key = child->name, .keylen = strlen(child->name),
						.kind = WV_NODE, .node = child});
		}
	}
	return pairs;
}

/* The pairs of one schema of the merged document. */
static WPair *
merged_schema(JsonbValue *base, GNode *pschema, const char *schema,
			  HTAB *replaced, bool shadow, int *n)
{
	int			max = OBJ_NKINDS + 8;
	WPair	   *pairs = palloc(sizeof(WPair) * max);
	bool		done[OBJ_NKINDS] = {false};
	JsonbIterator *it = JsonbIteratorInit(base->val.binary.data);
	JsonbValue	k;
	JsonbValue	v;
	JsonbIteratorToken tok;
	ListCell   *lc;

	*n = 0;
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		ObjKind		kind;

		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &v, true);
		kind = section_kind(k.val.string.val, k.val.string.len);
		if (kind != OBJ_NKINDS && v.type == jbvBinary &&
			JsonContainerIsObject(v.val.binary.data))
		{
			int			count;
			WPair	   *sub = merged_section(&v, pschema, kind, schema,
											 replaced, &count);

			done[kind] = true;
			if (count > 0)
				append_pair(&pairs, n, &max,
							(WPair) {.key = k.val.string.val, .keylen = k.val.string.len,
							.kind = WV_PAIRS, .sub = sub, .count = count});
		}
		else if (!(shadow && pschema != NULL))
			append_pair(&pairs, n, &max,
						(WPair) {.key = k.val.string.val, .keylen = k.val.string.len,
						.kind = WV_JBV, .jbv = jbv_copy(&v)});
	}

	/* a rehearsal's schema: its own attributes, not the base's */
	if (shadow && pschema != NULL)
	{
		foreach(lc, pschema->attrs)
		{
			GAttr	   *a = lfirst(lc);

			append_pair(&pairs, n, &max,
						(WPair) {.key = a->key, .keylen = strlen(a->key),
						.kind = WV_JBV, .jbv = &a->value});
		}
	}

	/* kinds the base schema had none of */
	if (pschema != NULL)
	{
		foreach(lc, pschema->children)
		{
			GNode	   *child = lfirst(lc);
			int			count;
			WPair	   *sub;

			if (done[child->kind])
				continue;
			done[child->kind] = true;
			sub = merged_section(NULL, pschema, child->kind, schema, replaced,
								 &count);
			append_pair(&pairs, n, &max,
						(WPair) {.key = pgm_kinds[child->kind].section,
							.keylen = strlen(pgm_kinds[child->kind].section),
						.kind = WV_PAIRS, .sub = sub, .count = count});
		}
	}
	return pairs;
}

/*
 * graph_merge_document(): the document of base (written by
 * graph_to_jsonb()) with the top-level objects of the replaced set taken
 * out and those of the partial graph put in, allocated in the current
 * memory context.  The partial graph's schemas must all be in base.
 *
 * With shadow (autogenerate's rehearsal, autogen.c), the partial graph is
 * a whole snapshot of schemas rebuilt under the base's names: a schema of
 * base the partial graph has takes its attributes (comment, privileges)
 * from it, one base lacks is written whole, and one of base the partial
 * graph lacks (dropped) is left out.
 */
Jsonb *
graph_merge_document(Jsonb *base, Graph *partial, HTAB *replaced, bool shadow)
{
	StringInfoData buf;
	WPair		pairs[5 + PGM_NGLOBAL_KINDS];	/* the keys graph_to_jsonb() writes */
	int			n = 0;
	JsonbIterator *it;
	JsonbValue	k;
	JsonbValue	v;
	JsonbIteratorToken tok;
	MemoryContext work;
	MemoryContext old;
	ListCell   *lc;

	initStringInfo(&buf);
	enlargeStringInfo(&buf, VARSIZE(base));
	buf.len = VARHDRSZ;
	work = AllocSetContextCreate(CurrentMemoryContext, "pg_migrate document",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);

	it = JsonbIteratorInit(&base->root);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		if (tok != WJB_KEY)
			continue;
		tok = JsonbIteratorNext(&it, &v, true);
		if (n == lengthof(pairs))
			elog(ERROR, "unexpected snapshot document");
		if (k.val.string.len == 7 && memcmp(k.val.string.val, "schemas", 7) == 0 &&
			v.type == jbvBinary)
		{
			JsonbIterator *sit = JsonbIteratorInit(v.val.binary.data);
			JsonbValue	sk;
			JsonbValue	sv;
			int			nschemas = 0;
			int			nbase = 0;
			int			max = 16;
			WPair	   *schemas = palloc(sizeof(WPair) * max);

			while ((tok = JsonbIteratorNext(&sit, &sk, true)) != WJB_DONE)
			{
				char	   *name;
				GNode	   *pschema = NULL;
				int			count;
				WPair	   *sub;

				if (tok != WJB_KEY)
					continue;
				tok = JsonbIteratorNext(&sit, &sv, true);
				name = pnstrdup(sk.val.string.val, sk.val.string.len);
				foreach(lc, partial->schemas)
				{
					if (strcmp(((GNode *) lfirst(lc))->name, name) == 0)
						pschema = lfirst(lc);
				}
				if (shadow && pschema == NULL)
					continue;
				nbase++;
				sub = merged_schema(&sv, pschema, name, replaced, shadow, &count);
				append_pair(&schemas, &nschemas, &max,
							(WPair) {.key = sk.val.string.val, .keylen = sk.val.string.len,
							.kind = WV_PAIRS, .sub = sub, .count = count});
			}
			if (shadow)
			{
				/* the schemas the partial graph has and base has not */
				foreach(lc, partial->schemas)
				{
					GNode	   *ps = lfirst(lc);
					bool		inbase = false;

					for (int i = 0; i < nbase && !inbase; i++)
						inbase = (schemas[i].keylen == strlen(ps->name) &&
								  memcmp(schemas[i].key, ps->name, schemas[i].keylen) == 0);
					if (!inbase)
						append_pair(&schemas, &nschemas, &max,
									(WPair) {.key = ps->name, .keylen = strlen(ps->name),
									.kind = WV_NODE, .node = ps});
				}
			}
			else if (nschemas != list_length(partial->schemas))
				elog(ERROR, "a partial snapshot has schemas its base has not");
			pairs[n] = (WPair) {.key = "schemas", .keylen = 7, .order = n,
			.kind = WV_PAIRS, .sub = schemas, .count = nschemas};
		}
		else
			pairs[n] = (WPair) {.key = k.val.string.val, .keylen = k.val.string.len,
			.order = n, .kind = WV_JBV, .jbv = jbv_copy(&v)};
		n++;
	}
	graph_write_object(&buf, pairs, n);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	SET_VARSIZE(buf.data, buf.len);
	return (Jsonb *) buf.data;
}
