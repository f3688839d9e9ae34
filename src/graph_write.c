/*-------------------------------------------------------------------------
 *
 * graph_write.c
 *	  The object graph written out as the canonical document, straight into
 *	  jsonb's binary format (graph_to_jsonb()).  jsonb sorts the keys of
 *	  every object; arrays are written in an order fixed here (columns by
 *	  position, dependencies by their text), so the same schema always gives
 *	  the same bytes.
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
 * Writing the document.
 *
 * The document is written straight into jsonb's binary format (see
 * utils/jsonb.h), in one pass over the graph, into one buffer: building it
 * with pushJsonbValue() first made a JsonbValue tree of the whole 15 MB
 * document of 10,000 tables, then converted it, which cost more than
 * reading the catalogs.  The bytes are those convertToJsonb() writes: each
 * object's keys sorted by length, then bytewise, with the last value kept
 * for a key given twice; every JB_OFFSET_STRIDE'th JEntry holding an
 * offset instead of a length; containers and numerics aligned to 4 bytes,
 * the padding counted in their length; a binary container attribute
 * (already canonical, made by jsonb's own functions) copied as it is.
 */

/* A container being written: where it starts and where its JEntries are. */
typedef struct WContainer
{
	int			base;			/* buffer offset before the padding */
	int			jentries;		/* buffer offset of the JEntry array */
	int			i;				/* next JEntry */
	uint32		totallen;		/* data written so far */
} WContainer;


static JEntry write_node(StringInfo buf, GNode *node, bool with_name);
static JEntry write_sorted_object(StringInfo buf, WPair *pairs, int n);

static int
write_pad(StringInfo buf)
{
	int			padlen = INTALIGN(buf->len) - buf->len;

	if (padlen > 0)
	{
		enlargeStringInfo(buf, padlen);
		memset(buf->data + buf->len, 0, padlen);
		buf->len += padlen;
	}
	return padlen;
}

/* Start a container of n elements (an object: n pairs). */
static void
wc_begin(StringInfo buf, WContainer *c, int n, bool is_object)
{
	uint32		header = n | (is_object ? JB_FOBJECT : JB_FARRAY);
	int			size = sizeof(JEntry) * (is_object ? 2 * n : n);

	c->base = buf->len;
	write_pad(buf);
	appendBinaryStringInfo(buf, (char *) &header, sizeof(uint32));
	c->jentries = buf->len;
	enlargeStringInfo(buf, size);
	buf->len += size;
	c->i = 0;
	c->totallen = 0;
}

/* The JEntry of the next element (or key), whose data was just written. */
static void
wc_add(StringInfo buf, WContainer *c, JEntry meta)
{
	c->totallen += JBE_OFFLENFLD(meta);
	if (c->totallen > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("snapshot document exceeds the maximum jsonb size of %d bytes",
						JENTRY_OFFLENMASK)));
	if (c->i % JB_OFFSET_STRIDE == 0)
		meta = (meta & JENTRY_TYPEMASK) | c->totallen | JENTRY_HAS_OFF;
	memcpy(buf->data + c->jentries + sizeof(JEntry) * c->i, &meta, sizeof(JEntry));
	c->i++;
}

static JEntry
wc_end(StringInfo buf, WContainer *c)
{
	if (buf->len - c->base > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("snapshot document exceeds the maximum jsonb size of %d bytes",
						JENTRY_OFFLENMASK)));
	return JENTRY_ISCONTAINER | (buf->len - c->base);
}

static JEntry
write_string(StringInfo buf, const char *s, int len)
{
	if (len > JENTRY_OFFLENMASK)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("string too long to represent as jsonb string"),
				 errdetail("Due to an implementation restriction, jsonb strings cannot exceed %d bytes.",
						   JENTRY_OFFLENMASK)));
	appendBinaryStringInfo(buf, s, len);
	return (JEntry) len;
}

static JEntry
write_jbv(StringInfo buf, const JsonbValue *v)
{
	switch (v->type)
	{
		case jbvNull:
			return JENTRY_ISNULL;
		case jbvString:
			return write_string(buf, v->val.string.val, v->val.string.len);
		case jbvBool:
			return v->val.boolean ? JENTRY_ISBOOL_TRUE : JENTRY_ISBOOL_FALSE;
		case jbvNumeric:
			{
				int			padlen = write_pad(buf);
				int			numlen = VARSIZE_ANY(v->val.numeric);

				appendBinaryStringInfo(buf, (char *) v->val.numeric, numlen);
				return JENTRY_ISNUMERIC | (padlen + numlen);
			}
		case jbvBinary:
			{
				JsonbContainer *jc = v->val.binary.data;
				int			padlen;

				/* a scalar is stored as itself, not as its one-element array */
				if (JsonContainerIsScalar(jc))
				{
					JsonbValue	scalar;

					if (!JsonbExtractScalar(jc, &scalar))
						elog(ERROR, "cannot read a scalar jsonb value");
					return write_jbv(buf, &scalar);
				}
				padlen = write_pad(buf);
				appendBinaryStringInfo(buf, (char *) jc, v->val.binary.len);
				return JENTRY_ISCONTAINER | (padlen + v->val.binary.len);
			}
		default:
			elog(ERROR, "unexpected jsonb value type %d", (int) v->type);
	}
	return 0;					/* keep compiler quiet */
}

/* jsonb's order of keys: shorter first, then bytewise; equal: last first */
static int
cmp_wpair(const void *a, const void *b)
{
	const WPair *pa = a;
	const WPair *pb = b;

	if (pa->keylen != pb->keylen)
		return pa->keylen > pb->keylen ? 1 : -1;
	if (pa->keylen > 0)
	{
		int			r = memcmp(pa->key, pb->key, pa->keylen);

		if (r != 0)
			return r;
	}
	return pa->order > pb->order ? -1 : 1;
}

/*
 * The pairs of an object of the nodes of a list by name (those of one
 * kind, unless kind is OBJ_NKINDS; count of them), unsorted: *n of them.
 */
WPair *
graph_map_pairs(List *nodes, ObjKind kind, int count, int *n)
{
	WPair	   *pairs = palloc(sizeof(WPair) * Max(count, 1));
	ListCell   *lc;

	*n = 0;
	foreach(lc, nodes)
	{
		GNode	   *node = lfirst(lc);

		if (kind != OBJ_NKINDS && node->kind != kind)
			continue;
		pairs[*n].key = node->name;
		pairs[*n].keylen = strlen(node->name);
		pairs[*n].order = *n;
		pairs[*n].kind = WV_NODE;
		pairs[*n].node = node;
		(*n)++;
	}
	return pairs;
}

static JEntry
write_node_map(StringInfo buf, List *nodes, ObjKind kind, int count)
{
	int			n;
	WPair	   *pairs = graph_map_pairs(nodes, kind, count, &n);
	JEntry		result = graph_write_object(buf, pairs, n);

	pfree(pairs);
	return result;
}

static JEntry
write_section(StringInfo buf, GNode *parent, ObjKind kind, int count)
{
	WContainer	c;
	ListCell   *lc;

	if (pgm_kinds[kind].is_array)
	{
		wc_begin(buf, &c, count, false);
		foreach(lc, parent->children)
		{
			GNode	   *child = lfirst(lc);

			if (child->kind == kind)
				wc_add(buf, &c, write_node(buf, child, true));
		}
		return wc_end(buf, &c);
	}
	return write_node_map(buf, parent->children, kind, count);
}

static JEntry
write_pair_value(StringInfo buf, WPair *p)
{
	WContainer	c;
	ListCell   *lc;

	switch (p->kind)
	{
		case WV_JBV:
			return write_jbv(buf, p->jbv);
		case WV_NODE:
			return write_node(buf, p->node, false);
		case WV_SECTION:
			return write_section(buf, p->node, p->section, p->count);
		case WV_DEPS:
			wc_begin(buf, &c, p->count, false);
			for (int i = 0; i < p->count; i++)
				wc_add(buf, &c, write_string(buf, p->strs[i], strlen(p->strs[i])));
			return wc_end(buf, &c);
		case WV_STRINGS:
			wc_begin(buf, &c, list_length(p->list), false);
			foreach(lc, p->list)
				wc_add(buf, &c, write_string(buf, lfirst(lc), strlen(lfirst(lc))));
			return wc_end(buf, &c);
		case WV_PAIRS:
			return graph_write_object(buf, p->sub, p->count);
		case WV_MAP:
			return write_node_map(buf, p->list, OBJ_NKINDS, list_length(p->list));
	}
	return 0;					/* keep compiler quiet */
}

/*
 * Pairs sorted in jsonb's order of keys and made unique (the last given of
 * equal keys kept): the number left at the start of the array.
 */
int
graph_pairs_sort(WPair *pairs, int n)
{
	int			nunique = 0;

	if (n <= 1)
		return n;
	qsort(pairs, n, sizeof(WPair), cmp_wpair);
	for (int i = 0; i < n; i++)
	{
		if (nunique > 0 && pairs[i].keylen == pairs[nunique - 1].keylen &&
			memcmp(pairs[i].key, pairs[nunique - 1].key, pairs[i].keylen) == 0)
			continue;
		if (i != nunique)
			pairs[nunique] = pairs[i];
		nunique++;
	}
	return nunique;
}

/* An object of n pairs sorted and made unique already. */
static JEntry
write_sorted_object(StringInfo buf, WPair *pairs, int n)
{
	WContainer	c;

	wc_begin(buf, &c, n, true);
	for (int i = 0; i < n; i++)
		wc_add(buf, &c, write_string(buf, pairs[i].key, pairs[i].keylen));
	for (int i = 0; i < n; i++)
		wc_add(buf, &c, write_pair_value(buf, &pairs[i]));
	return wc_end(buf, &c);
}

/* An object of the pairs given (sorted and made unique here). */
JEntry
graph_write_object(StringInfo buf, WPair *pairs, int n)
{
	return write_sorted_object(buf, pairs, graph_pairs_sort(pairs, n));
}

/* a reference of a node's "depends_on" and the node it names */
typedef struct DepRef
{
	char	   *ref;
	GNode	   *dep;
} DepRef;

static int
cmp_depref(const void *a, const void *b)
{
	return strcmp(((const DepRef *) a)->ref, ((const DepRef *) b)->ref);
}

/*
 * The dependencies of a node as its "depends_on" writes them: the texts of
 * gnode_ref(), sorted and without duplicates (np->deps, written into
 * np->depbuf and pointed into), with the node each names (np->depnodes).
 */
static void
node_deps(GNode *node, NodePairs *np)
{
	DepRef	   *refs;
	int		   *offsets;
	int			n = 0;
	int			nunique = 0;
	ListCell   *lc;

	np->ndeps = 0;
	np->deps = NULL;
	np->depnodes = NULL;
	np->depbuf.data = NULL;
	if (node->deps == NIL)
		return;
	initStringInfo(&np->depbuf);
	offsets = palloc(sizeof(int) * list_length(node->deps));
	refs = palloc(sizeof(DepRef) * list_length(node->deps));
	foreach(lc, node->deps)
	{
		GNode	   *dep = lfirst(lc);

		if (dep == node || dep->kind == OBJ_SCHEMA || is_ancestor(node, dep))
			continue;
		/* as gnode_ref() writes it */
		offsets[n] = np->depbuf.len;
		refs[n].dep = dep;
		n++;
		appendStringInfoString(&np->depbuf, pgm_kinds[dep->kind].label);
		appendStringInfoChar(&np->depbuf, ' ');
		if (dep->schema != NULL && !same_schema(dep, node))
		{
			appendStringInfoString(&np->depbuf, quote_identifier(dep->schema->name));
			appendStringInfoChar(&np->depbuf, '.');
		}
		appendStringInfoString(&np->depbuf, dep->refname);
		appendStringInfoChar(&np->depbuf, '\0');
	}
	if (n == 0)
	{
		pfree(offsets);
		pfree(refs);
		return;
	}
	/* the buffer no longer moves: point into it */
	for (int i = 0; i < n; i++)
		refs[i].ref = np->depbuf.data + offsets[i];
	pfree(offsets);
	if (n > 1)
		qsort(refs, n, sizeof(DepRef), cmp_depref);
	np->deps = palloc(sizeof(char *) * n);
	np->depnodes = palloc(sizeof(GNode *) * n);
	for (int i = 0; i < n; i++)
		if (nunique == 0 || strcmp(refs[i].ref, np->deps[nunique - 1]) != 0)
		{
			np->deps[nunique] = refs[i].ref;
			np->depnodes[nunique] = refs[i].dep;
			nunique++;
		}
	pfree(refs);
	np->ndeps = nunique;
}

/*
 * The pairs of a node's object as write_node() writes them, unsorted: its
 * name (with_name: an element of an array), its attributes, its
 * "depends_on" and a section per kind of its children.  Freed by
 * graph_node_pairs_free().
 */
void
graph_node_pairs(GNode *node, bool with_name, NodePairs *np)
{
	int			nattrs = list_length(node->attrs);
	int			nkinds[OBJ_NKINDS] = {0};
	WPair	   *pairs;
	int			n = 0;
	ListCell   *lc;

	node_deps(node, np);
	foreach(lc, node->children)
		nkinds[((GNode *) lfirst(lc))->kind]++;
	pairs = palloc(sizeof(WPair) * (nattrs + OBJ_NKINDS + 2));

	if (with_name)
	{
		np->name.type = jbvString;
		np->name.val.string.val = node->name;
		np->name.val.string.len = strlen(node->name);
		pairs[n].key = "name";
		pairs[n].keylen = 4;
		pairs[n].order = n;
		pairs[n].kind = WV_JBV;
		pairs[n].jbv = &np->name;
		n++;
	}
	foreach(lc, node->attrs)
	{
		GAttr	   *a = lfirst(lc);

		pairs[n].key = a->key;
		pairs[n].keylen = strlen(a->key);
		pairs[n].order = n;
		pairs[n].kind = WV_JBV;
		pairs[n].jbv = &a->value;
		n++;
	}
	if (np->ndeps > 0)
	{
		pairs[n].key = "depends_on";
		pairs[n].keylen = 10;
		pairs[n].order = n;
		pairs[n].kind = WV_DEPS;
		pairs[n].strs = np->deps;
		pairs[n].count = np->ndeps;
		n++;
	}
	for (int k = 0; k < OBJ_NKINDS; k++)
	{
		if (nkinds[k] == 0)
			continue;
		pairs[n].key = pgm_kinds[k].section;
		pairs[n].keylen = strlen(pgm_kinds[k].section);
		pairs[n].order = n;
		pairs[n].kind = WV_SECTION;
		pairs[n].node = node;
		pairs[n].section = (ObjKind) k;
		pairs[n].count = nkinds[k];
		n++;
	}
	np->pairs = pairs;
	np->n = n;
}

/* What graph_node_pairs() allocated. */
void
graph_node_pairs_free(NodePairs *np)
{
	pfree(np->pairs);
	if (np->deps != NULL)
	{
		pfree(np->deps);
		pfree(np->depnodes);
	}
	if (np->depbuf.data != NULL)
		pfree(np->depbuf.data);
}

/*
 * graph_to_jsonb_loaded(): the loaded graph made beside the document, and
 * whether a node could not be made (then it is dropped).
 */
static Graph *adopt_into = NULL;
static bool adopt_failed = false;

static JEntry
write_node(StringInfo buf, GNode *node, bool with_name)
{
	NodePairs	np;
	JEntry		result;
	int			n;

	graph_node_pairs(node, with_name, &np);
	n = graph_pairs_sort(np.pairs, np.n);
	/* its node first: its children are made as they are written */
	if (adopt_into != NULL && !adopt_failed)
		adopt_failed = !graph_adopt_node(adopt_into, node, with_name, &np, n);
	result = write_sorted_object(buf, np.pairs, n);
	graph_node_pairs_free(&np);
	return result;
}

/*
 * The whole document, allocated in the current memory context:
 *	{"format": 1, "scope": "all" | [names], "extensions": {...},
 *	 "schemas": {...}}, and "unmodeled": {...} when there is any.
 */
Jsonb *
graph_to_jsonb(Graph *g)
{
	StringInfoData buf;
	WPair		pairs[5 + lengthof(pgm_global_kinds)];
	int			npairs = 4;
	List	   *globals[lengthof(pgm_global_kinds)] = {NIL};
	JsonbValue	format;
	JsonbValue	all;
	List	   *names = NIL;
	MemoryContext work;
	MemoryContext old;
	ListCell   *lc;

	format.type = jbvNumeric;
	format.val.numeric = int64_to_numeric(PGM_SNAPSHOT_FORMAT);
	pairs[0] = (WPair) {.key = "format", .keylen = 6, .order = 0, .kind = WV_JBV, .jbv = &format};
	if (g->scope_all)
	{
		jbv_string(&all, "all");
		pairs[1] = (WPair) {.key = "scope", .keylen = 5, .order = 1, .kind = WV_JBV, .jbv = &all};
	}
	else
	{
		names = list_copy(g->scope);
		list_sort(names, pgm_cmp_list_cstring);
		pairs[1] = (WPair) {.key = "scope", .keylen = 5, .order = 1, .kind = WV_STRINGS, .list = names};
	}
	pairs[2] = (WPair) {.key = "extensions", .keylen = 10, .order = 2, .kind = WV_MAP, .list = g->extensions};
	pairs[3] = (WPair) {.key = "schemas", .keylen = 7, .order = 3, .kind = WV_MAP, .list = g->schemas};
	if (g->unmodeled != NIL)
		pairs[npairs++] = (WPair) {.key = "unmodeled", .keylen = 9, .order = 4, .kind = WV_MAP, .list = g->unmodeled};
	foreach(lc, g->globals)
	{
		GNode	   *n = lfirst(lc);

		for (int k = 0; k < lengthof(pgm_global_kinds); k++)
			if (pgm_global_kinds[k] == n->kind)
				globals[k] = lappend(globals[k], n);
	}
	for (int k = 0; k < lengthof(pgm_global_kinds); k++)
		if (globals[k] != NIL)
		{
			const char *sec = pgm_kinds[pgm_global_kinds[k]].section;

			pairs[npairs] = (WPair) {.key = sec, .keylen = strlen(sec), .order = npairs, .kind = WV_MAP, .list = globals[k]};
			npairs++;
		}

	/*
	 * The buffer in the caller's context, the rest in a passing one.  The
	 * buffer is made a little larger than the document will be (a node
	 * takes 162 bytes of it in the wide bench schema's 27 MB document), so
	 * that it is not doubled and copied over and over on the way; pages of
	 * it never written are never touched.
	 */
	initStringInfo(&buf);
	enlargeStringInfo(&buf, Min((Size) g->nnodes * 200, MaxAllocSize / 4));
	buf.len = VARHDRSZ;
	work = AllocSetContextCreate(CurrentMemoryContext, "pg_migrate document",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	graph_write_object(&buf, pairs, npairs);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	SET_VARSIZE(buf.data, buf.len);
	return (Jsonb *) buf.data;
}

/*
 * graph_to_jsonb(snap), and in *loaded the graph graph_from_jsonb() reads
 * back from that document (in a memory context of its own under parent),
 * made as the document is written rather than by reading it: each node as
 * the writer has its pairs sorted (graph_adopt_node()), its children as
 * they are written.  *loaded is NULL when snap holds something the
 * document would not give back as it is; read the document then.  The
 * loaded graph's keys and values point into snap's memory, which must
 * outlive it, and its nodes have no depnames (nothing reads them once a
 * graph is made).  Autogenerate's live graph: reading a 15 MB document
 * back costs about a third of a snapshot.
 */
Jsonb *
graph_to_jsonb_loaded(Graph *snap, MemoryContext parent, Graph **loaded)
{
	Graph	   *g = graph_loaded_begin(snap, parent);
	Jsonb	   *doc;

	adopt_into = g;
	adopt_failed = false;
	PG_TRY();
	{
		doc = graph_to_jsonb(snap);
	}
	PG_FINALLY();
	{
		adopt_into = NULL;
	}
	PG_END_TRY();
	if (adopt_failed)
	{
		MemoryContextDelete(g->cxt);
		*loaded = NULL;
	}
	else
	{
		graph_loaded_end(g);
		*loaded = g;
	}
	return doc;
}
