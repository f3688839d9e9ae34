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

/*
 * The containers of the document are walked entry by entry, as jsonb lays
 * them out, rather than with a JsonbIterator (an allocation per container
 * and a call per token): the entries' JEntry words first (an object's keys,
 * then its values, in the same order), then their bytes, each entry's after
 * the previous one's.  The values are those JsonbIteratorNext() returns,
 * in the same order.  The document has passed docread_check() or was
 * written by this backend: its layout is jsonb's.
 */
typedef struct DocCursor
{
	const JsonbContainer *c;
	int			count;			/* pairs of an object, elements of an array */
	bool		object;
	int			next;			/* the pair or element to read next */
	const char *base;			/* where the entries' bytes begin */
	uint32		keyoff;			/* offset of the next key's bytes */
	uint32		valoff;			/* offset of the next value's bytes */
} DocCursor;

static inline void
cursor_init(DocCursor *cur, const JsonbContainer *c)
{
	int			nentries;

	cur->c = c;
	cur->count = JsonContainerSize(c);
	cur->object = JsonContainerIsObject(c);
	nentries = cur->object ? 2 * cur->count : cur->count;
	cur->next = 0;
	cur->base = (const char *) &c->children[nentries];
	cur->keyoff = 0;
	cur->valoff = cur->object && cur->count > 0 ?
		getJsonbOffset(c, cur->count) : 0;
}

/* The entry at index whose bytes start at *off, as fillJsonbValue() does */
static inline void
cursor_entry(const DocCursor *cur, int index, uint32 *off, JsonbValue *v)
{
	JEntry		e = cur->c->children[index];
	uint32		start = *off;
	uint32		len;

	JBE_ADVANCE_OFFSET(*off, e);
	len = *off - start;
	if (JBE_ISSTRING(e))
	{
		v->type = jbvString;
		v->val.string.val = (char *) cur->base + start;
		v->val.string.len = len;
	}
	else if (JBE_ISNUMERIC(e))
	{
		v->type = jbvNumeric;
		v->val.numeric = (Numeric) (cur->base + INTALIGN(start));
	}
	else if (JBE_ISBOOL_TRUE(e))
	{
		v->type = jbvBool;
		v->val.boolean = true;
	}
	else if (JBE_ISBOOL_FALSE(e))
	{
		v->type = jbvBool;
		v->val.boolean = false;
	}
	else if (JBE_ISNULL(e))
		v->type = jbvNull;
	else
	{
		Assert(JBE_ISCONTAINER(e));
		v->type = jbvBinary;
		v->val.binary.data = (JsonbContainer *) (cur->base + INTALIGN(start));
		v->val.binary.len = len - (INTALIGN(start) - start);
	}
}

/*
 * The next pair of an object (key into *k, a string) or element of an
 * array (*k untouched) into *v; false at the end.
 */
static inline bool
cursor_next(DocCursor *cur, JsonbValue *k, JsonbValue *v)
{
	if (cur->next >= cur->count)
		return false;
	if (cur->object)
	{
		cursor_entry(cur, cur->next, &cur->keyoff, k);
		cursor_entry(cur, cur->count + cur->next, &cur->valoff, v);
	}
	else
		cursor_entry(cur, cur->next, &cur->valoff, v);
	cur->next++;
	return true;
}

static void load_node_body(Graph *g, GNode *node, JsonbValue *body,
						   const char *qschema, size_t qslen);

/*
 * The attribute keys of the graphs read, each copied once for the backend:
 * a document holds a few dozen distinct keys hundreds of thousands of
 * times, docread_check() lets through only the keys of the format, and an
 * attribute's key is never written into nor freed.  Two nodes of one
 * kind list the same keys in the same order: the key of the attribute at
 * the same position of the last node of the kind read is tried first,
 * then a table of them all (open addressing).  Past ATTR_KEYS_MAX keys (a
 * backend that read documents of another format?) a key is copied into
 * the graph's memory context each time.  Keys are shared between graphs:
 * equal pointers are equal keys (diff.c's attrs_differ() relies on that
 * only as a fast path, not to tell keys apart).
 */
#define ATTR_KEY_SLOTS 1024
#define ATTR_KEYS_MAX (ATTR_KEY_SLOTS / 2)
#define ATTR_KEY_POSITIONS 48
static char *attr_keys[ATTR_KEY_SLOTS];
static int	attr_nkeys = 0;
static char *attr_last[OBJ_NKINDS][ATTR_KEY_POSITIONS];

static inline bool
key_is(const char *k, const char *key, int len)
{
	return strncmp(k, key, len) == 0 && k[len] == '\0';
}

static char *
attr_key_slow(ObjKind kind, int pos, const char *key, int len)
{
	uint32		h = hash_bytes((const unsigned char *) key, len);
	char	   *k;

	for (;;)
	{
		h &= ATTR_KEY_SLOTS - 1;
		k = attr_keys[h];
		if (k == NULL)
		{
			if (attr_nkeys >= ATTR_KEYS_MAX)
				return pnstrdup(key, len);
			k = MemoryContextAlloc(TopMemoryContext, len + 1);
			memcpy(k, key, len);
			k[len] = '\0';
			attr_keys[h] = k;
			attr_nkeys++;
			break;
		}
		if (key_is(k, key, len))
			break;
		h++;
	}
	if (pos < ATTR_KEY_POSITIONS)
		attr_last[kind][pos] = k;
	return k;
}

static inline char *
attr_key(ObjKind kind, int pos, const char *key, int len)
{
	char	   *k;

	if (pos < ATTR_KEY_POSITIONS && (k = attr_last[kind][pos]) != NULL &&
		key_is(k, key, len))
		return k;
	return attr_key_slow(kind, pos, key, len);
}

/*
 * The strings and attribute arrays of the graph being read are carved from
 * blocks of its memory context: they are never freed, grown or handed to
 * GetMemoryChunkContext(), and most are a few bytes, which palloc() would
 * round up to a power of two and give a header.  Reset by
 * graph_from_jsonb() before each read.
 */
#define ARENA_BLOCK (64 * 1024)
static char *arena_next;
static Size arena_left = 0;

static void *
arena_alloc(Size size)
{
	void	   *p;

	size = MAXALIGN(size);
	if (size > arena_left)
	{
		if (size > ARENA_BLOCK / 8)
			return palloc(size);
		arena_next = palloc(ARENA_BLOCK);
		arena_left = ARENA_BLOCK;
	}
	p = arena_next;
	arena_next += size;
	arena_left -= size;
	return p;
}

/* A jsonb string as a C string, in the arena. */
static inline char *
arena_cstring(const JsonbValue *v)
{
	char	   *s = arena_alloc(v->val.string.len + 1);

	memcpy(s, v->val.string.val, v->val.string.len);
	s[v->val.string.len] = '\0';
	return s;
}

/*
 * Where load_node_body() notes the nodes with references, in the order
 * resolve_deps() resolves them (the order they are loaded in, a node
 * before its children), or NULL for nodes never resolved (unmodeled).
 */
static List **deps_pending;

/* The lengths of the kinds' labels and sections, computed once. */
static int	label_len[OBJ_NKINDS];
static int	section_len[OBJ_NKINDS];

static void
kind_lengths_init(void)
{
	if (label_len[0] != 0)
		return;
	for (int k = 0; k < OBJ_NKINDS; k++)
	{
		section_len[k] = strlen(pgm_kinds[k].section);
		label_len[k] = strlen(pgm_kinds[k].label);
	}
}

/* section_kind(), with the lengths known */
static inline ObjKind
section_kind_len(const char *key, int len)
{
	for (int k = OBJ_COLLATION; k < OBJ_NKINDS; k++)
		if (section_len[k] == len && memcmp(pgm_kinds[k].section, key, len) == 0)
			return (ObjKind) k;
	return OBJ_NKINDS;
}

/*
 * The nodes of the graph being read with their keys' hashes, in the order
 * they were loaded: entered in the graph's map all at once once the
 * document is read (graph_register_keys()).  Nothing looks a key up
 * before; a key held twice is an ERROR then, the first of them in that
 * order, as it would have been when reached (the documents read have
 * passed docread_check(), or come from this backend: no other error is
 * found on the way).
 */
static struct
{
	GNode	  **nodes;
	uint32	   *hashes;
	uint32		n;
	uint32		max;
}			keyed;

/*
 * The node's key (gnode_key()), built with the lengths known and noted for
 * the graph's map: "label quoted-schema.refname", or "label quoted-name"
 * for a node of no schema (qschema NULL).
 */
static void
register_node(Graph *g, GNode *node, const char *qschema, size_t qslen)
{
	int			llen = label_len[node->kind];
	const char *rest;
	size_t		rlen;
	size_t		len;
	char	   *key;
	char	   *p;

	if (qschema == NULL)
		rest = quote_identifier(node->name);
	else
		rest = node->refname;
	rlen = strlen(rest);
	len = llen + 1 + (qschema ? qslen + 1 : 0) + rlen;
	p = key = arena_alloc(len + 1);
	memcpy(p, pgm_kinds[node->kind].label, llen);
	p += llen;
	*p++ = ' ';
	if (qschema != NULL)
	{
		memcpy(p, qschema, qslen);
		p += qslen;
		*p++ = '.';
	}
	memcpy(p, rest, rlen + 1);
	node->key = key;
	if (keyed.n == keyed.max)
	{
		keyed.max *= 2;
		keyed.nodes = repalloc(keyed.nodes, sizeof(GNode *) * keyed.max);
		keyed.hashes = repalloc(keyed.hashes, sizeof(uint32) * keyed.max);
	}
	keyed.nodes[keyed.n] = node;
	keyed.hashes[keyed.n++] = hash_bytes((const unsigned char *) key, len);
}

/*
 * A list of n pointers (n > 0) in one allocation, as new_list() of
 * pg_list.c makes it: the caller fills its cells.
 */
static List *
list_of_length(int n)
{
	List	   *l = palloc(offsetof(List, initial_elements) + n * sizeof(ListCell));

	l->type = T_List;
	l->length = n;
	l->max_length = n;
	l->elements = l->initial_elements;
	return l;
}

/* A list of the n pointers of items (NIL for none), in one allocation. */
static List *
list_of_pointers(void **items, int n)
{
	List	   *l;

	if (n == 0)
		return NIL;
	l = list_of_length(n);
	for (int i = 0; i < n; i++)
		l->elements[i].ptr_value = items[i];
	return l;
}

static void
load_children(Graph *g, GNode *parent, ObjKind kind, JsonbValue *section)
{
	DocCursor	cur;
	JsonbValue	k = {0};
	JsonbValue	v;
	GNode	   *schema;
	const char *qschema = NULL;
	size_t		qslen = 0;

	if (section->type != jbvBinary)
		bad_document(psprintf("\"%s\" is not a container", pgm_kinds[kind].section));
	schema = parent == NULL ? NULL :
		parent->kind == OBJ_SCHEMA ? parent : parent->schema;
	cursor_init(&cur, section->val.binary.data);
	while (cursor_next(&cur, &k, &v))
	{
		GNode	   *child;
		char	   *name;

		if (v.type != jbvBinary)
			bad_document(psprintf("an entry of \"%s\" is not an object",
								  pgm_kinds[kind].section));
		if (!cur.object)
		{
			DocCursor	body;
			JsonbValue	bk = {0};
			JsonbValue	nv;
			bool		found = false;

			/* "name": keys are in order of length, then bytes */
			if (JsonContainerIsObject(v.val.binary.data))
			{
				cursor_init(&body, v.val.binary.data);
				while (cursor_next(&body, &bk, &nv) && bk.val.string.len <= 4)
					if (bk.val.string.len == 4 &&
						memcmp(bk.val.string.val, "name", 4) == 0)
					{
						found = true;
						break;
					}
			}
			if (!found || nv.type != jbvString)
				bad_document(psprintf("an entry of \"%s\" has no name",
									  pgm_kinds[kind].section));
			name = arena_cstring(&nv);
		}
		else
			name = arena_cstring(&k);

		child = graph_add_node_named(g, kind, NULL, name, schema, parent);
		if ((kind == OBJ_FUNCTION || kind == OBJ_AGGREGATE) &&
			strchr(name, '(') == NULL)
			bad_document(psprintf("%s key \"%s\" has no argument list",
								  pgm_kinds[kind].label, name));
		if (schema != NULL && qschema == NULL)
		{
			qschema = gnode_quoted_schema(child);
			qslen = strlen(qschema);
		}
		load_node_body(g, child, &v, qschema, qslen);
	}
}

/*
 * The references of a node's "depends_on" (v) into its depnames, and the
 * node noted for resolve_deps().
 */
static void
load_depnames(Graph *g, GNode *node, JsonbValue *v)
{
	DocCursor	dc;
	JsonbValue	dk = {0};
	JsonbValue	dv;
	char	   *strs;
	void	   *refbuf[16];
	void	  **refs = refbuf;
	int			n = 0;

	if (v->type != jbvBinary)
		bad_document("\"depends_on\" is not an array");
	/* model_prune_refs() would leave an empty one out */
	if (JsonContainerSize(v->val.binary.data) == 0)
		g->ndangling++;
	cursor_init(&dc, v->val.binary.data);
	if (dc.count == 0 || dc.object)
		return;

	/*
	 * The references, NUL-terminated, in one allocation: their bytes and a
	 * NUL each take less than the container's (a JEntry per element).
	 */
	strs = arena_alloc(v->val.binary.len);
	if (dc.count > lengthof(refbuf))
		refs = palloc(sizeof(void *) * dc.count);
	while (cursor_next(&dc, &dk, &dv))
		if (dv.type == jbvString)
		{
			memcpy(strs, dv.val.string.val, dv.val.string.len);
			strs[dv.val.string.len] = '\0';
			refs[n++] = strs;
			strs += dv.val.string.len + 1;
		}
	node->depnames = list_of_pointers(refs, n);
	if (refs != refbuf)
		pfree(refs);
	if (node->depnames != NIL && deps_pending != NULL)
		*deps_pending = lappend(*deps_pending, node);
}

/*
 * The body of a node: its attributes, its children, its references.
 * qschema: the quoted name of its schema (gnode_quoted_schema()), of
 * length qslen, or NULL when it has none.
 */
static void
load_node_body(Graph *g, GNode *node, JsonbValue *body,
			   const char *qschema, size_t qslen)
{
	DocCursor	cur;
	JsonbValue	k = {0};
	JsonbValue	v;
	GAttr		attrbuf[64];
	GAttr	   *attrs = attrbuf;
	int			nattrs = 0;
	bool		refs_read = false;

	register_node(g, node, qschema, qslen);

	/*
	 * Its references first: keys come in order of length, and the children
	 * of the sections of shorter names would be loaded before them.
	 */
	cursor_init(&cur, body->val.binary.data);
	while (cursor_next(&cur, &k, &v) && k.val.string.len <= 10)
		if (k.val.string.len == 10 &&
			memcmp(k.val.string.val, "depends_on", 10) == 0)
		{
			if (v.type == jbvBinary)
			{
				load_depnames(g, node, &v);
				refs_read = true;
			}
			break;
		}

	cursor_init(&cur, body->val.binary.data);
	/* gathered here first, then copied into one allocation */
	if (cur.count > lengthof(attrbuf))
		attrs = palloc(sizeof(GAttr) * cur.count);
	while (cursor_next(&cur, &k, &v))
	{
		const char *key = k.val.string.val;
		int			keylen = k.val.string.len;
		ObjKind		kind;

		if (keylen == 10 && memcmp(key, "depends_on", 10) == 0)
		{
			if (!refs_read)
				load_depnames(g, node, &v);
			continue;
		}
		if (node->kind != OBJ_COLUMN &&
			(kind = section_kind_len(key, keylen)) != OBJ_NKINDS)
		{
			load_children(g, node, kind, &v);
			continue;
		}
		if (node->kind == OBJ_COLUMN && keylen == 4 && memcmp(key, "name", 4) == 0)
			continue;
		{
			GAttr	   *a = &attrs[nattrs];

			a->key = attr_key(node->kind, nattrs, key, keylen);
			a->value = v;
			nattrs++;
		}
	}
	if (nattrs > 0)
	{
		GAttr	   *kept = arena_alloc(sizeof(GAttr) * nattrs);
		List	   *l;

		memcpy(kept, attrs, sizeof(GAttr) * nattrs);
		l = list_of_length(nattrs);
		for (int i = 0; i < nattrs; i++)
			l->elements[i].ptr_value = &kept[i];
		node->attrs = l;
	}
	if (attrs != attrbuf)
		pfree(attrs);
}

/*
 * A reference of a node being resolved: where its name starts, and the key
 * relative to the node's schema (graph_key_join(kind, quoted schema,
 * name)) built in the scratch buffer, with its hash.
 */
typedef struct RefKey
{
	const char *space;			/* the space after the kind, or NULL */
	size_t		reflen;
	int			reloff;			/* in the buffer, or -1: no schema */
	uint32		relhash;
} RefKey;

#define RESOLVE_CHUNK 64

/*
 * Resolve the "kind name" references of the nodes load_node_body() noted,
 * in order (those of the extensions, of the database-wide objects, of the
 * schemas: each object before its children, children in order), relative
 * to the node's schema first.  The lookups wait on memory: a chunk of
 * nodes at a time, the keys are built and their buckets asked for first,
 * then looked up in the same order as one by one.
 */
static void
resolve_all(Graph *g, List *nodes, StringInfo buf)
{
	GNode	   *schema = NULL;
	const char *qschema = NULL;
	size_t		qslen = 0;
	int			nnodes = list_length(nodes);
	int			maxrefs = 256;
	RefKey	   *refs = palloc(sizeof(RefKey) * maxrefs);
	void	  **deps = palloc(sizeof(void *) * maxrefs);

	for (int start = 0; start < nnodes; start += RESOLVE_CHUNK)
	{
		int			end = Min(start + RESOLVE_CHUNK, nnodes);
		int			nrefs = 0;
		int			r;

		/* the relative keys, hashed, their buckets asked for */
		resetStringInfo(buf);
		for (int i = start; i < end; i++)
		{
			GNode	   *node = list_nth(nodes, i);
			ListCell   *lc;

			if (node->schema != NULL && node->schema != schema)
			{
				schema = node->schema;
				qschema = gnode_quoted_schema(node);
				qslen = strlen(qschema);
			}
			if (nrefs + list_length(node->depnames) > maxrefs)
			{
				maxrefs = 2 * (nrefs + list_length(node->depnames));
				refs = repalloc(refs, sizeof(RefKey) * maxrefs);
				deps = repalloc(deps, sizeof(void *) * maxrefs);
			}
			foreach(lc, node->depnames)
			{
				char	   *ref = lfirst(lc);
				RefKey	   *rk = &refs[nrefs++];

				rk->space = strchr(ref, ' ');
				rk->reloff = -1;
				if (rk->space == NULL)
					continue;
				rk->reflen = (rk->space - ref) + strlen(rk->space);
				if (node->schema != NULL)
				{
					size_t		klen = rk->space - ref + 1;

					rk->reloff = buf->len;
					appendBinaryStringInfo(buf, ref, klen);
					appendBinaryStringInfo(buf, qschema, qslen);
					appendStringInfoChar(buf, '.');
					appendBinaryStringInfo(buf, rk->space + 1, rk->reflen - klen);
					rk->relhash = hash_bytes((const unsigned char *) buf->data + rk->reloff,
											 buf->len - rk->reloff);
					appendStringInfoChar(buf, '\0');
					buf->len++;
					graph_prefetch_key(g, rk->relhash);
				}
			}
		}

		/* looked up, in order */
		r = 0;
		for (int i = start; i < end; i++)
		{
			GNode	   *node = list_nth(nodes, i);
			ListCell   *lc;
			int			ndeps = 0;

			foreach(lc, node->depnames)
			{
				char	   *ref = lfirst(lc);
				RefKey	   *rk = &refs[r++];
				GNode	   *dep = NULL;

				if (rk->space == NULL)
				{
					g->ndangling++;
					continue;
				}
				if (rk->reloff >= 0)
					dep = graph_find_hashed(g, buf->data + rk->reloff, rk->relhash);
				if (dep == NULL)
					dep = graph_find_len(g, ref, rk->reflen);
				if (dep == NULL)
					g->ndangling++;
				if (dep == NULL || dep == node)
					continue;
				deps[ndeps++] = dep;
				dep->dependents = lappend(dep->dependents, node);
			}
			node->deps = list_of_pointers(deps, ndeps);
		}
	}
	pfree(refs);
	pfree(deps);
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
	List	   *ext_refs = NIL;
	List	   *schema_refs = NIL;
	List	   *global_refs = NIL;

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
	kind_lengths_init();
	arena_left = 0;
	keyed.n = 0;
	keyed.max = Max(VARSIZE(doc) / 80, 1024);
	keyed.nodes = palloc(sizeof(GNode *) * keyed.max);
	keyed.hashes = palloc(sizeof(uint32) * keyed.max);
	deps_pending = &ext_refs;

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
				load_node_body(g, n, &e, NULL, 0);
			}
		}
	}
	if (!getKeyJsonValueFromContainer(&doc->root, "schemas", 7, &v) ||
		v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
		bad_document("it has no \"schemas\" object");
	deps_pending = &schema_refs;
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
				load_node_body(g, n, &e, NULL, 0);
			}
		}
	}

	/* database-wide objects no handler models */
	deps_pending = NULL;
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
				load_node_body(g, n, &e, NULL, 0);
			}
		}
	}

	/* database-wide objects of the modelled kinds */
	deps_pending = &global_refs;
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

		deps_pending = NULL;
		graph_register_keys(g, keyed.nodes, keyed.hashes, keyed.n);
		pfree(keyed.nodes);
		pfree(keyed.hashes);
		keyed.nodes = NULL;
		keyed.hashes = NULL;
		initStringInfo(&buf);
		resolve_all(g, ext_refs, &buf);
		resolve_all(g, global_refs, &buf);
		resolve_all(g, schema_refs, &buf);
		pfree(buf.data);
		list_free(ext_refs);
		list_free(global_refs);
		list_free(schema_refs);
	}

	MemoryContextSwitchTo(old);
	return g;
}
