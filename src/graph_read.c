/*-------------------------------------------------------------------------
 *
 * graph_read.c
 *	  A document read back into a graph, for the diff (graph_from_jsonb()):
 *	  every object a node, found again by its key, every reference an edge.
 *
 *-------------------------------------------------------------------------
 */
#include "graph_int.h"

#include "common/hashfn.h"
#include "portability/instr_time.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

static void
bad_document(const char *what) pg_attribute_noreturn();

static void
bad_document(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("not a pg_migrate snapshot document: %s", what),
			 errhint("Pass a document returned by migrate_snapshot().")));
}

static void load_node_body(Graph *g, GNode *node, JsonbValue *body);

/*
 * The attribute keys of the graph being read, each copied once: a document
 * holds a few dozen distinct keys hundreds of thousands of times, and an
 * attribute's key is never written into nor freed.  A slot per hash of the
 * key's length and bytes; a key whose slot holds another is copied again
 * (and takes the slot).  Emptied by graph_from_jsonb() before each read:
 * the copies live in the graph's memory context.
 */
#define ATTR_KEY_SLOTS 256
static char *attr_keys[ATTR_KEY_SLOTS];

static char *
attr_key(const char *key, int len)
{
	uint32		h = hash_bytes((const unsigned char *) key, len) % ATTR_KEY_SLOTS;
	char	   *k = attr_keys[h];

	if (k == NULL || strncmp(k, key, len) != 0 || k[len] != '\0')
		k = attr_keys[h] = pnstrdup(key, len);
	return k;
}

static void
load_children(Graph *g, GNode *parent, ObjKind kind, JsonbValue *section)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;

	if (section->type != jbvBinary)
		bad_document(psprintf("\"%s\" is not a container", pgm_kinds[kind].section));
	it = JsonbIteratorInit(section->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		GNode	   *child;
		char	   *name;

		if (tok == WJB_KEY)
		{
			key = jbv_cstring(&v);
			continue;
		}
		if (tok != WJB_VALUE && tok != WJB_ELEM)
			continue;
		if (v.type != jbvBinary)
			bad_document(psprintf("an entry of \"%s\" is not an object",
								  pgm_kinds[kind].section));
		if (tok == WJB_ELEM)
		{
			JsonbValue	nv;

			if (!getKeyJsonValueFromContainer(v.val.binary.data, "name", 4, &nv) ||
				nv.type != jbvString)
				bad_document(psprintf("an entry of \"%s\" has no name",
									  pgm_kinds[kind].section));
			name = jbv_cstring(&nv);
		}
		else
			name = key;

		child = graph_add_node(g, kind, NULL, name,
							   parent == NULL ? NULL :
							   parent->kind == OBJ_SCHEMA ? parent : parent->schema,
							   parent);
		if ((kind == OBJ_FUNCTION || kind == OBJ_AGGREGATE) &&
			strchr(name, '(') == NULL)
			bad_document(psprintf("%s key \"%s\" has no argument list",
								  pgm_kinds[kind].label, name));
		load_node_body(g, child, &v);
	}
}

static void
load_node_body(Graph *g, GNode *node, JsonbValue *body)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	char	   *key = NULL;
	int			keylen = 0;

	graph_register_key(g, node);
	it = JsonbIteratorInit(body->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		ObjKind		kind;

		if (tok == WJB_KEY)
		{
			key = v.val.string.val;
			keylen = v.val.string.len;
			continue;
		}
		if (tok != WJB_VALUE)
			continue;
		if (keylen == 10 && strncmp(key, "depends_on", 10) == 0)
		{
			JsonbIterator *dit;
			JsonbValue	dv;

			if (v.type != jbvBinary)
				bad_document("\"depends_on\" is not an array");
			/* model_prune_refs() would leave an empty one out */
			if (JsonContainerSize(v.val.binary.data) == 0)
				g->ndangling++;
			dit = JsonbIteratorInit(v.val.binary.data);
			while ((tok = JsonbIteratorNext(&dit, &dv, true)) != WJB_DONE)
				if (tok == WJB_ELEM && dv.type == jbvString)
					node->depnames = lappend(node->depnames, jbv_cstring(&dv));
			continue;
		}
		if (node->kind != OBJ_COLUMN &&
			(kind = section_kind(key, keylen)) != OBJ_NKINDS)
		{
			load_children(g, node, kind, &v);
			continue;
		}
		if (node->kind == OBJ_COLUMN && keylen == 4 && strncmp(key, "name", 4) == 0)
			continue;
		{
			GAttr	   *a = palloc(sizeof(GAttr));

			a->key = attr_key(key, keylen);
			a->value = v;
			node->attrs = lappend(node->attrs, a);
		}
	}
}

/*
 * Resolve "kind name" references, relative to the node's schema first.
 * buf is scratch space for the keys looked up (one per reference: built
 * there rather than allocated).
 */
static void
resolve_deps(Graph *g, GNode *node, StringInfo buf)
{
	ListCell   *lc;

	foreach(lc, node->depnames)
	{
		char	   *ref = lfirst(lc);
		char	   *space = strchr(ref, ' ');
		GNode	   *dep = NULL;

		if (space == NULL)
		{
			g->ndangling++;
			continue;
		}
		if (node->schema != NULL)
		{
			/* graph_key_join(kind, quoted schema, name) */
			resetStringInfo(buf);
			appendBinaryStringInfo(buf, ref, space - ref + 1);
			appendStringInfoString(buf, gnode_quoted_schema(node));
			appendStringInfoChar(buf, '.');
			appendStringInfoString(buf, space + 1);
			dep = graph_find(g, buf->data);
		}
		if (dep == NULL)
			dep = graph_find(g, ref);
		if (dep == NULL)
			g->ndangling++;
		if (dep == NULL || dep == node)
			continue;
		node->deps = lappend(node->deps, dep);
		dep->dependents = lappend(dep->dependents, node);
	}
	foreach(lc, node->children)
		resolve_deps(g, lfirst(lc), buf);
}

/*
 * A snapshot document read back into a graph, in a memory context of its
 * own under parent: a node per object, found by its key (graph_find()),
 * with its attributes, children and dependencies (the references of its
 * "depends_on" resolved against the document; references to objects
 * outside it are counted in g->ndangling).  An ERROR (22023) on a document
 * that is not a snapshot document.  The graph's values point into doc,
 * which must live as long as the graph.
 *
 * "what" names the document in messages ("source", "the stored model of
 * ..."): it is checked by docread_check() first, so that what follows
 * meets only documents of the format; NULL for a document this backend has
 * just written itself (migrate_snapshot()'s), which is not checked again.
 */
Graph *
graph_from_jsonb(Jsonb *doc, const char *what, MemoryContext parent)
{
	Graph	   *g;
	MemoryContext old;
	JsonbValue	v;
	ListCell   *lc;

	if (what != NULL)
	{
		instr_time	t0,
					t1;

		INSTR_TIME_SET_CURRENT(t0);
		docread_check(doc, what);
		INSTR_TIME_SET_CURRENT(t1);
		INSTR_TIME_SUBTRACT(t1, t0);
		elog(DEBUG1, "document %s checked: %.1f ms", what,
			 INSTR_TIME_GET_MILLISEC(t1));
	}
	g = graph_create(parent, false);
	old = MemoryContextSwitchTo(g->cxt);
	memset(attr_keys, 0, sizeof(attr_keys));

	/* about one key per 80 bytes of document */
	graph_keys_create(g, Max(VARSIZE(doc) / 80, 1024));

	if (!JB_ROOT_IS_OBJECT(doc))
		bad_document("it is not a jsonb object");
	if (!getKeyJsonValueFromContainer(&doc->root, "format", 6, &v))
		bad_document("it has no \"format\" key");
	if (v.type != jbvNumeric ||
		strcmp(DatumGetCString(DirectFunctionCall1(numeric_out,
												   NumericGetDatum(v.val.numeric))),
			   CppAsString2(PGM_SNAPSHOT_FORMAT)) != 0)
	{
		char	   *shown = v.type == jbvString ? jbv_cstring(&v) :
			v.type == jbvNumeric ? DatumGetCString(DirectFunctionCall1(numeric_out,
																	   NumericGetDatum(v.val.numeric))) :
			"a non-number";

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown snapshot format \"%s\"", shown),
				 errdetail("This version of pg_migrate reads format %d.",
						   PGM_SNAPSHOT_FORMAT)));
	}

	/* scope */
	if (!getKeyJsonValueFromContainer(&doc->root, "scope", 5, &v))
		bad_document("it has no \"scope\" key");
	if (v.type == jbvString && v.val.string.len == 3 &&
		strncmp(v.val.string.val, "all", 3) == 0)
		g->scope_all = true;
	else if (v.type == jbvBinary && JsonContainerIsArray(v.val.binary.data))
	{
		JsonbIterator *it = JsonbIteratorInit(v.val.binary.data);
		JsonbValue	e;
		JsonbIteratorToken tok;

		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
			if (tok == WJB_ELEM)
			{
				if (e.type != jbvString)
					bad_document("\"scope\" holds something else than schema names");
				g->scope = lappend(g->scope, jbv_cstring(&e));
			}
	}
	else
		bad_document("\"scope\" is neither \"all\" nor an array of schema names");

	/* extensions and schemas */
	if (getKeyJsonValueFromContainer(&doc->root, "extensions", 10, &v))
	{
		JsonbIterator *it;
		JsonbValue	e;
		JsonbIteratorToken tok;
		char	   *name = NULL;

		if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
			bad_document("\"extensions\" is not an object");
		it = JsonbIteratorInit(v.val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY)
				name = jbv_cstring(&e);
			else if (tok == WJB_VALUE)
			{
				GNode	   *n;

				if (e.type != jbvBinary)
					bad_document("an extension is not an object");
				n = graph_add_node(g, OBJ_EXTENSION, NULL, name, NULL, NULL);
				load_node_body(g, n, &e);
			}
		}
	}
	if (!getKeyJsonValueFromContainer(&doc->root, "schemas", 7, &v) ||
		v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
		bad_document("it has no \"schemas\" object");
	{
		JsonbIterator *it = JsonbIteratorInit(v.val.binary.data);
		JsonbValue	e;
		JsonbIteratorToken tok;
		char	   *name = NULL;

		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY)
				name = jbv_cstring(&e);
			else if (tok == WJB_VALUE)
			{
				GNode	   *n;

				if (e.type != jbvBinary)
					bad_document(psprintf("schema \"%s\" is not an object", name));
				n = graph_add_node(g, OBJ_SCHEMA, NULL, name, NULL, NULL);
				load_node_body(g, n, &e);
			}
		}
	}

	/* database-wide objects no handler models */
	if (getKeyJsonValueFromContainer(&doc->root, "unmodeled", 9, &v))
	{
		JsonbIterator *it;
		JsonbValue	e;
		JsonbIteratorToken tok;
		char	   *name = NULL;

		if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
			bad_document("\"unmodeled\" is not an object");
		it = JsonbIteratorInit(v.val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY)
				name = jbv_cstring(&e);
			else if (tok == WJB_VALUE)
			{
				GNode	   *n;

				if (e.type != jbvBinary)
					bad_document("an entry of \"unmodeled\" is not an object");
				n = graph_add_node(g, OBJ_UNMODELED, NULL, name, NULL, NULL);
				load_node_body(g, n, &e);
			}
		}
	}

	/* database-wide objects of the modelled kinds */
	for (int k = 0; k < lengthof(pgm_global_kinds); k++)
	{
		const char *sec = pgm_kinds[pgm_global_kinds[k]].section;

		if (getKeyJsonValueFromContainer(&doc->root, sec, strlen(sec), &v))
		{
			if (v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
				bad_document(psprintf("\"%s\" is not an object", sec));
			load_children(g, NULL, pgm_global_kinds[k], &v);
		}
	}

	{
		StringInfoData buf;

		initStringInfo(&buf);
		foreach(lc, g->extensions)
			resolve_deps(g, lfirst(lc), &buf);
		foreach(lc, g->globals)
			resolve_deps(g, lfirst(lc), &buf);
		foreach(lc, g->schemas)
			resolve_deps(g, lfirst(lc), &buf);
		pfree(buf.data);
	}

	MemoryContextSwitchTo(old);
	return g;
}
