/*-------------------------------------------------------------------------
 *
 * graph.c
 *	  The object graph in the middle of pg_migrate, and its canonical
 *	  jsonb form.
 *
 * Nodes are created by the catalog handlers (src/catalog/) while a
 * snapshot runs; every node is found again by its catalog address, and
 * by aliases (a constraint's index, a view's rewrite rule, a type's array
 * type) so that pg_depend rows can be translated into edges.
 *
 * graph_to_jsonb() writes the graph out.  jsonb sorts the keys of every
 * object; arrays are written in an order fixed here (columns by position,
 * dependencies by their text), so the same schema always gives the same
 * bytes.
 *
 *-------------------------------------------------------------------------
 */
#include "graph.h"

#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

/*
 * The kinds, as the document names them.  The order of this table is the
 * order of the ObjKind enum.
 */
const ObjKindInfo pgm_kinds[OBJ_NKINDS] = {
	[OBJ_SCHEMA] = {"schema", "schemas", false, false},
	[OBJ_EXTENSION] = {"extension", "extensions", false, false},
	[OBJ_COLLATION] = {"collation", "collations", false, true},
	[OBJ_TYPE] = {"type", "types", false, true},
	[OBJ_FUNCTION] = {"function", "functions", false, true},
	[OBJ_TABLE] = {"table", "tables", false, true},
	[OBJ_SEQUENCE] = {"sequence", "sequences", false, true},
	[OBJ_VIEW] = {"view", "views", false, true},
	[OBJ_MATVIEW] = {"materialized_view", "materialized_views", false, true},
	[OBJ_COLUMN] = {"column", "columns", true, false},
	[OBJ_CONSTRAINT] = {"constraint", "constraints", false, false},
	[OBJ_INDEX] = {"index", "indexes", false, true},
	[OBJ_TRIGGER] = {"trigger", "triggers", false, false},
	[OBJ_POLICY] = {"policy", "policies", false, false},
};

/*
 * Nodes by catalog address: an open-addressing hash table (simplehash),
 * because a snapshot of 10,000 tables enters ~200,000 addresses and looks
 * up more than twice as many (every pg_depend row, every column name of a
 * definition), and dynahash's chained entries cost a cache miss or two
 * each.
 */
typedef struct AddrEntry
{
	ObjAddr		addr;
	char		status;			/* used by simplehash */
	void	   *value;			/* the graph's maps: a GNode * */
} AddrEntry;

static inline uint32
addr_hash(ObjAddr addr)
{
	return hash_combine(murmurhash32(addr.objid),
						murmurhash32(addr.classid ^ ((uint32) addr.subid << 16)));
}

#define SH_PREFIX		addrmap
#define SH_ELEMENT_TYPE	AddrEntry
#define SH_KEY_TYPE		ObjAddr
#define SH_KEY			addr
#define SH_HASH_KEY(tb, key)	addr_hash(key)
#define SH_EQUAL(tb, a, b)	((a).objid == (b).objid && (a).classid == (b).classid && \
							 (a).subid == (b).subid)
#define SH_FILLFACTOR	(0.5)	/* short probes: lookups outnumber entries */
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/* serials of the graphs made so far, for graph_find_node()'s answers */
static uint64 graph_serials = 0;

Graph *
graph_create(MemoryContext parent, bool only_grows)
{
	MemoryContext cxt;
	MemoryContext old;
	Graph	   *g;

	/*
	 * A snapshot's graph only grows until it is dropped whole: a generation
	 * context does not round chunks up to a power of two (a node's 88 bytes
	 * took 128, an attribute's 40 took 64), so the memory the backend
	 * touches, and the kernel zeroes, is smaller.  A loaded document's
	 * graph is worked on by the diff: an AllocSet reuses what it frees.
	 */
	if (only_grows)
		cxt = GenerationContextCreate(parent, "pg_migrate graph",
									  ALLOCSET_DEFAULT_SIZES);
	else
		cxt = AllocSetContextCreate(parent, "pg_migrate graph",
									ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	g = palloc0(sizeof(Graph));
	g->cxt = cxt;
	g->serial = ++graph_serials;
	g->byaddr = addrmap_create(cxt, 16384, NULL);
	g->extmembers = addrmap_create(cxt, 256, NULL);
	MemoryContextSwitchTo(old);
	return g;
}

/*
 * Register a node under an address.  The first registration wins, so that
 * an alias never hides the object that really has that address.
 */
void
graph_add_alias(Graph *g, const ObjAddr *addr, GNode *node)
{
	AddrEntry  *e;
	bool		found;

	e = addrmap_insert(g->byaddr, *addr, &found);
	if (!found)
		e->value = node;
}

GNode *
graph_lookup(Graph *g, Oid classid, Oid objid, int32 subid)
{
	ObjAddr		key;
	AddrEntry  *e;

	key.classid = classid;
	key.objid = objid;
	key.subid = subid;
	e = addrmap_lookup(g->byaddr, key);
	return e ? (GNode *) e->value : NULL;
}

/* Record that an object belongs to an extension. */
void
graph_add_member(Graph *g, Oid classid, Oid objid, GNode *ext)
{
	ObjAddr		key = {classid, objid, 0};
	bool		found;
	AddrEntry  *e = addrmap_insert(g->extmembers, key, &found);

	e->value = ext;
}

/* The extension an object belongs to, if that extension is in the graph. */
GNode *
graph_lookup_member(Graph *g, Oid classid, Oid objid)
{
	ObjAddr		key = {classid, objid, 0};
	AddrEntry  *e = addrmap_lookup(g->extmembers, key);

	return e ? (GNode *) e->value : NULL;
}

/*
 * The same kind of table for other maps keyed by a catalog address (the
 * snapshot's handlers keep catalog rows in them).
 */
AddrMap *
addrmap_new(MemoryContext cxt, uint32 nelements)
{
	return addrmap_create(cxt, nelements, NULL);
}

/* The value slot of an address, entered (as NULL) if new. */
void	  **
addrmap_enter(AddrMap *map, Oid classid, Oid objid, int32 subid, bool *found)
{
	ObjAddr		key = {classid, objid, subid};
	AddrEntry  *e = addrmap_insert(map, key, found);

	if (!*found)
		e->value = NULL;
	return &e->value;
}

void *
addrmap_get(AddrMap *map, Oid classid, Oid objid, int32 subid)
{
	ObjAddr		key = {classid, objid, subid};
	AddrEntry  *e = addrmap_lookup(map, key);

	return e ? e->value : NULL;
}

/* Set the quoted, schema-relative identity used in references. */
void
graph_set_refname(GNode *node, const char *quoted_name)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));

	if (node->parent != NULL && !pgm_kinds[node->kind].schema_scoped &&
		node->parent->kind != OBJ_SCHEMA)
		node->refname = psprintf("%s.%s", node->parent->refname, quoted_name);
	else
		node->refname = pstrdup(quoted_name);
	MemoryContextSwitchTo(old);
}

/*
 * A new node.  Nodes, and everything gnode_add_* attach to them, live in
 * the graph's memory context whatever the current one is: a snapshot runs
 * each row's work in a short-lived context.
 */
GNode *
graph_add_node(Graph *g, ObjKind kind, const ObjAddr *addr, const char *name,
			   GNode *schema, GNode *parent)
{
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	GNode	   *node = palloc0(sizeof(GNode));

	node->kind = kind;
	node->graph = g;
	node->name = pstrdup(name);
	node->schema = schema;
	node->parent = parent;
	if (addr != NULL)
		node->addr = *addr;
	graph_set_refname(node, quote_identifier(name));

	if (parent != NULL)
		parent->children = lappend(parent->children, node);
	else if (kind == OBJ_SCHEMA)
		g->schemas = lappend(g->schemas, node);
	else if (kind == OBJ_EXTENSION)
		g->extensions = lappend(g->extensions, node);
	else
		elog(ERROR, "pg_migrate: %s \"%s\" has no parent",
			 pgm_kinds[kind].label, name);

	if (addr != NULL)
		graph_add_alias(g, addr, node);
	MemoryContextSwitchTo(old);
	return node;
}

/*
 * The value must live in the node's memory context already, and so must
 * the key, which is not copied (handlers pass string literals or names of
 * their query's columns kept for the whole snapshot).
 */
void
gnode_add_attr(GNode *node, const char *key, const JsonbValue *v)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));
	GAttr	   *a = palloc(sizeof(GAttr));

	a->key = (char *) key;
	a->value = *v;
	node->attrs = lappend(node->attrs, a);
	MemoryContextSwitchTo(old);
}

static void
jbv_string(JsonbValue *v, const char *s)
{
	v->type = jbvString;
	v->val.string.val = (char *) s;
	v->val.string.len = strlen(s);
}

void
gnode_add_string(GNode *node, const char *key, const char *value)
{
	JsonbValue	v;

	if (value == NULL)
		return;
	jbv_string(&v, MemoryContextStrdup(GetMemoryChunkContext(node), value));
	gnode_add_attr(node, key, &v);
}

void
gnode_add_bool(GNode *node, const char *key, bool value)
{
	JsonbValue	v;

	v.type = jbvBool;
	v.val.boolean = value;
	gnode_add_attr(node, key, &v);
}

void
gnode_add_int(GNode *node, const char *key, int64 value)
{
	JsonbValue	v;

	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));

	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(value);
	MemoryContextSwitchTo(old);
	gnode_add_attr(node, key, &v);
}

/* An array of strings, in the order given; a NULL element is a JSON null. */
void
gnode_add_strings(GNode *node, const char *key, List *values)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;
	ListCell   *lc;
	JsonbValue	v;

	pushJsonbValue(&st, WJB_BEGIN_ARRAY, NULL);
	foreach(lc, values)
	{
		if (lfirst(lc) == NULL)
			v.type = jbvNull;
		else
			jbv_string(&v, (char *) lfirst(lc));
		pushJsonbValue(&st, WJB_ELEM, &v);
	}
	res = pushJsonbValue(&st, WJB_END_ARRAY, NULL);
	gnode_add_built(node, key, res);
}

/*
 * A container built with pushJsonbValue() (the value its last call
 * returned), converted to jsonb in the node's memory context.
 */
void
gnode_add_built(GNode *node, const char *key, JsonbValue *built)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));
	Jsonb	   *jb = JsonbValueToJsonb(built);
	JsonbValue	v;

	MemoryContextSwitchTo(old);
	v.type = jbvBinary;
	v.val.binary.data = &jb->root;
	v.val.binary.len = VARSIZE(jb) - VARHDRSZ;
	gnode_add_attr(node, key, &v);
}

void
gnode_add_dep(GNode *node, GNode *dep)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));

	node->deps = lappend(node->deps, dep);
	MemoryContextSwitchTo(old);
}

/*
 * Do two nodes live in the same schema?  A partial snapshot's nodes refer
 * to nodes of the whole snapshot it completes (snapshot_build_partial()):
 * their schema nodes are other nodes of the same schema.
 */
static inline bool
same_schema(const GNode *a, const GNode *b)
{
	if (a->schema == b->schema)
		return true;
	if (a->graph == b->graph || a->schema == NULL || b->schema == NULL)
		return false;
	return strcmp(a->schema->name, b->schema->name) == 0;
}

/*
 * A reference to "to" as written inside "from": "table polls",
 * "column polls.id", "type other.mood", "extension hstore".  Objects of
 * the referencing object's own schema are unqualified.
 */
char *
gnode_ref(const GNode *from, const GNode *to)
{
	if (to->schema == NULL || same_schema(to, from))
		return psprintf("%s %s", pgm_kinds[to->kind].label, to->refname);
	return psprintf("%s %s.%s", pgm_kinds[to->kind].label,
					quote_identifier(to->schema->name), to->refname);
}

static int
cmp_cstring(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
cmp_list_cstring(const ListCell *a, const ListCell *b)
{
	return strcmp((const char *) lfirst(a), (const char *) lfirst(b));
}

static bool
is_ancestor(const GNode *node, const GNode *candidate)
{
	for (node = node->parent; node != NULL; node = node->parent)
		if (node == candidate)
			return true;
	return false;
}

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

/* What a value of an object being written is. */
typedef enum WValKind
{
	WV_JBV,						/* a JsonbValue: scalar or binary container */
	WV_NODE,					/* a node, without its name */
	WV_SECTION,					/* children of one kind of a node */
	WV_DEPS,					/* sorted, unique references */
	WV_MAP,						/* nodes of a list, by name */
	WV_STRINGS,					/* strings of a list */
	WV_PAIRS					/* an object of pairs made already */
} WValKind;

typedef struct WPair
{
	const char *key;
	int			keylen;
	int			order;			/* position given: the last of equal keys wins */
	WValKind	kind;
	const JsonbValue *jbv;		/* WV_JBV */
	GNode	   *node;			/* WV_NODE; WV_SECTION: the parent */
	ObjKind		section;		/* WV_SECTION */
	int			count;			/* WV_SECTION, WV_DEPS: number of elements */
	char	  **strs;			/* WV_DEPS */
	List	   *list;			/* WV_MAP, WV_STRINGS */
	struct WPair *sub;			/* WV_PAIRS: count of them */
} WPair;

static JEntry write_node(StringInfo buf, GNode *node, bool with_name);
static JEntry write_object(StringInfo buf, WPair *pairs, int n);
static ObjKind section_kind(const char *key, int len);
static uint32 key_hash(const void *key, Size keysize);
static int	key_match(const void *a, const void *b, Size keysize);

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
						elog(ERROR, "pg_migrate: cannot read a scalar jsonb value");
					return write_jbv(buf, &scalar);
				}
				padlen = write_pad(buf);
				appendBinaryStringInfo(buf, (char *) jc, v->val.binary.len);
				return JENTRY_ISCONTAINER | (padlen + v->val.binary.len);
			}
		default:
			elog(ERROR, "pg_migrate: unexpected jsonb value type %d", (int) v->type);
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
 * An object of the nodes of a list by name (those of one kind, unless kind
 * is OBJ_NKINDS; count of them).
 */
static JEntry
write_node_map(StringInfo buf, List *nodes, ObjKind kind, int count)
{
	WPair	   *pairs = palloc(sizeof(WPair) * Max(count, 1));
	int			n = 0;
	JEntry		result;
	ListCell   *lc;

	foreach(lc, nodes)
	{
		GNode	   *node = lfirst(lc);

		if (kind != OBJ_NKINDS && node->kind != kind)
			continue;
		pairs[n].key = node->name;
		pairs[n].keylen = strlen(node->name);
		pairs[n].order = n;
		pairs[n].kind = WV_NODE;
		pairs[n].node = node;
		n++;
	}
	result = write_object(buf, pairs, n);
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
			return write_object(buf, p->sub, p->count);
		case WV_MAP:
			return write_node_map(buf, p->list, OBJ_NKINDS, list_length(p->list));
	}
	return 0;					/* keep compiler quiet */
}

/* An object of the pairs given (sorted and made unique here). */
static JEntry
write_object(StringInfo buf, WPair *pairs, int n)
{
	WContainer	c;
	int			nunique = 0;

	if (n > 1)
	{
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
	}
	else
		nunique = n;

	wc_begin(buf, &c, nunique, true);
	for (int i = 0; i < nunique; i++)
		wc_add(buf, &c, write_string(buf, pairs[i].key, pairs[i].keylen));
	for (int i = 0; i < nunique; i++)
		wc_add(buf, &c, write_pair_value(buf, &pairs[i]));
	return wc_end(buf, &c);
}

/*
 * The dependencies of a node, sorted and without duplicates: the texts of
 * gnode_ref(), written into buf (reset here) and pointed into.
 */
static char **
node_deps(GNode *node, StringInfo buf, int *count)
{
	char	  **refs;
	int		   *offsets;
	int			n = 0;
	int			nunique = 0;
	ListCell   *lc;

	*count = 0;
	if (node->deps == NIL)
		return NULL;
	resetStringInfo(buf);
	offsets = palloc(sizeof(int) * list_length(node->deps));
	foreach(lc, node->deps)
	{
		GNode	   *dep = lfirst(lc);

		if (dep == node || dep->kind == OBJ_SCHEMA || is_ancestor(node, dep))
			continue;
		/* as gnode_ref() writes it */
		offsets[n++] = buf->len;
		appendStringInfoString(buf, pgm_kinds[dep->kind].label);
		appendStringInfoChar(buf, ' ');
		if (dep->schema != NULL && !same_schema(dep, node))
		{
			appendStringInfoString(buf, quote_identifier(dep->schema->name));
			appendStringInfoChar(buf, '.');
		}
		appendStringInfoString(buf, dep->refname);
		appendStringInfoChar(buf, '\0');
	}
	if (n == 0)
	{
		pfree(offsets);
		return NULL;
	}
	refs = palloc(sizeof(char *) * n);
	for (int i = 0; i < n; i++)
		refs[i] = buf->data + offsets[i];
	pfree(offsets);
	if (n > 1)
		qsort(refs, n, sizeof(char *), cmp_cstring);
	for (int i = 0; i < n; i++)
		if (nunique == 0 || strcmp(refs[i], refs[nunique - 1]) != 0)
			refs[nunique++] = refs[i];
	*count = nunique;
	return refs;
}

static JEntry
write_node(StringInfo buf, GNode *node, bool with_name)
{
	int			nattrs = list_length(node->attrs);
	int			nkinds[OBJ_NKINDS] = {0};
	WPair	   *pairs;
	int			n = 0;
	int			ndeps;
	StringInfoData depbuf;
	char	  **deps;
	JsonbValue	name;
	ListCell   *lc;
	JEntry		result;

	depbuf.data = NULL;
	if (node->deps != NIL)
		initStringInfo(&depbuf);
	deps = node_deps(node, &depbuf, &ndeps);
	foreach(lc, node->children)
		nkinds[((GNode *) lfirst(lc))->kind]++;
	pairs = palloc(sizeof(WPair) * (nattrs + OBJ_NKINDS + 2));

	if (with_name)
	{
		name.type = jbvString;
		name.val.string.val = node->name;
		name.val.string.len = strlen(node->name);
		pairs[n].key = "name";
		pairs[n].keylen = 4;
		pairs[n].order = n;
		pairs[n].kind = WV_JBV;
		pairs[n].jbv = &name;
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
	if (ndeps > 0)
	{
		pairs[n].key = "depends_on";
		pairs[n].keylen = 10;
		pairs[n].order = n;
		pairs[n].kind = WV_DEPS;
		pairs[n].strs = deps;
		pairs[n].count = ndeps;
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
	result = write_object(buf, pairs, n);
	pfree(pairs);
	if (deps != NULL)
		pfree(deps);
	if (depbuf.data != NULL)
		pfree(depbuf.data);
	return result;
}

/*
 * The whole document, allocated in the current memory context:
 *	{"format": 1, "scope": "all" | [names], "extensions": {...},
 *	 "schemas": {...}}
 */
Jsonb *
graph_to_jsonb(Graph *g)
{
	StringInfoData buf;
	WPair		pairs[4];
	JsonbValue	format;
	JsonbValue	all;
	List	   *names = NIL;
	MemoryContext work;
	MemoryContext old;

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
		list_sort(names, cmp_list_cstring);
		pairs[1] = (WPair) {.key = "scope", .keylen = 5, .order = 1, .kind = WV_STRINGS, .list = names};
	}
	pairs[2] = (WPair) {.key = "extensions", .keylen = 10, .order = 2, .kind = WV_MAP, .list = g->extensions};
	pairs[3] = (WPair) {.key = "schemas", .keylen = 7, .order = 3, .kind = WV_MAP, .list = g->schemas};

	/* the buffer in the caller's context, the rest in a passing one */
	initStringInfo(&buf);
	enlargeStringInfo(&buf, VARHDRSZ);
	buf.len = VARHDRSZ;
	work = AllocSetContextCreate(CurrentMemoryContext, "pg_migrate document",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	write_object(&buf, pairs, 4);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	SET_VARSIZE(buf.data, buf.len);
	return (Jsonb *) buf.data;
}

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
			  HTAB *replaced, int *n)
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
		else
			append_pair(&pairs, n, &max,
						(WPair) {.key = k.val.string.val, .keylen = k.val.string.len,
						.kind = WV_JBV, .jbv = jbv_copy(&v)});
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
 */
Jsonb *
graph_merge_document(Jsonb *base, Graph *partial, HTAB *replaced)
{
	StringInfoData buf;
	WPair		pairs[8];
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
			elog(ERROR, "pg_migrate: unexpected snapshot document");
		if (k.val.string.len == 7 && memcmp(k.val.string.val, "schemas", 7) == 0 &&
			v.type == jbvBinary)
		{
			JsonbIterator *sit = JsonbIteratorInit(v.val.binary.data);
			JsonbValue	sk;
			JsonbValue	sv;
			int			nschemas = 0;
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
				sub = merged_schema(&sv, pschema, name, replaced, &count);
				append_pair(&schemas, &nschemas, &max,
							(WPair) {.key = sk.val.string.val, .keylen = sk.val.string.len,
							.kind = WV_PAIRS, .sub = sub, .count = count});
			}
			if (nschemas != list_length(partial->schemas))
				elog(ERROR, "pg_migrate: a partial snapshot has schemas its base has not");
			pairs[n] = (WPair) {.key = "schemas", .keylen = 7, .order = n,
			.kind = WV_PAIRS, .sub = schemas, .count = nschemas};
		}
		else
			pairs[n] = (WPair) {.key = k.val.string.val, .keylen = k.val.string.len,
			.order = n, .kind = WV_JBV, .jbv = jbv_copy(&v)};
		n++;
	}
	write_object(&buf, pairs, n);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	SET_VARSIZE(buf.data, buf.len);
	return (Jsonb *) buf.data;
}

/* ----------------------------------------------------------------
 * Reading a document back into a graph (for the diff)
 * ----------------------------------------------------------------
 */

/*
 * Nodes of a loaded document by absolute key: simplehash again, each entry
 * keeping its key's hash, so that a probe compares strings only on equal
 * hashes (a document of 10,000 tables enters ~200,000 keys, and the diff
 * looks up about as many).
 */
typedef struct KeyEntry
{
	char	   *key;			/* the node's gnode_key() */
	GNode	   *node;
	uint32		hash;
	char		status;			/* used by simplehash */
} KeyEntry;

#define SH_PREFIX		keymap
#define SH_ELEMENT_TYPE	KeyEntry
#define SH_KEY_TYPE		char *
#define SH_KEY			key
#define SH_HASH_KEY(tb, k)	hash_bytes((const unsigned char *) (k), strlen(k))
#define SH_EQUAL(tb, a, b)	(strcmp((a), (b)) == 0)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a)	((a)->hash)
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

/*
 * "label a" or "label a.b", in the current memory context: what
 * psprintf() would write, without its format parsing (a loaded document
 * writes a key per object and resolves a key per reference).
 */
static char *
key_join(const char *label, const char *a, const char *b)
{
	size_t		llen = strlen(label);
	size_t		alen = strlen(a);
	size_t		blen = b ? strlen(b) : 0;
	char	   *key = palloc(llen + alen + blen + 3);
	char	   *p = key;

	memcpy(p, label, llen);
	p += llen;
	*p++ = ' ';
	memcpy(p, a, alen);
	p += alen;
	if (b != NULL)
	{
		*p++ = '.';
		memcpy(p, b, blen);
		p += blen;
	}
	*p = '\0';
	return key;
}

/*
 * The absolute identity of a node: "table app.polls",
 * "column app.polls.id", "schema app", "extension hstore".
 */
char *
gnode_key(const GNode *node)
{
	if (node->key != NULL)
		return node->key;
	if (node->schema == NULL)
		((GNode *) node)->key = key_join(pgm_kinds[node->kind].label,
										 quote_identifier(node->name), NULL);
	else
		((GNode *) node)->key = key_join(pgm_kinds[node->kind].label,
										 quote_identifier(node->schema->name),
										 node->refname);
	return node->key;
}

static void
register_key(Graph *g, GNode *node)
{
	char	   *key = gnode_key(node);
	KeyEntry   *e;
	bool		found;

	e = keymap_insert(g->bykey, key, &found);
	if (found)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("snapshot document holds %s twice", key)));
	e->key = key;
	e->node = node;
}

/* string hashing for keys of any length: the entry holds a pointer */
static uint32
key_hash(const void *key, Size keysize)
{
	return string_hash(*(char *const *) key, 0);
}

static int
key_match(const void *a, const void *b, Size keysize)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/*
 * A set of strings of any length: a dynahash whose entries are a char *
 * to the string (entered with &pointer; the string must outlive the set).
 */
HTAB *
pgm_string_set_create(const char *name, long nelem, MemoryContext cxt)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(char *);
	ctl.entrysize = sizeof(char *);
	ctl.hash = key_hash;
	ctl.match = key_match;
	ctl.hcxt = cxt;
	return hash_create(name, nelem, &ctl,
					   HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
}

/* The node of a loaded document with that absolute key, or NULL. */
GNode *
graph_find(Graph *g, const char *key)
{
	KeyEntry   *e = keymap_lookup(g->bykey, (char *) key);

	return e ? e->node : NULL;
}

/*
 * The node of a loaded document with the same key as a node of another
 * one, or NULL: graph_find(g, gnode_key(node)), with the answer kept on
 * both nodes.  A diff asks for the counterpart of nearly every node, and
 * autogenerate diffs the same two graphs both ways: the second diff, and
 * every question after the first about the same pair, costs no lookup.
 * The keys of a loaded graph never change, so neither do the answers; a
 * graph's serial is never reused, so an answer about a graph since freed
 * is never taken for one about another.
 */
GNode *
graph_find_node(Graph *g, GNode *node)
{
	GNode	   *found;

	if (node->twin_serial == g->serial)
		return node->twin;
	found = graph_find(g, gnode_key(node));
	node->twin = found;
	node->twin_serial = g->serial;
	if (found != NULL && node->graph != NULL)
	{
		found->twin = node;
		found->twin_serial = node->graph->serial;
	}
	return found;
}

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

static ObjKind
section_kind(const char *key, int len)
{
	for (int k = OBJ_COLLATION; k < OBJ_NKINDS; k++)
	{
		const char *sec = pgm_kinds[k].section;

		if ((int) strlen(sec) == len && strncmp(sec, key, len) == 0)
			return (ObjKind) k;
	}
	return OBJ_NKINDS;
}

static char *
jbv_cstring(const JsonbValue *v)
{
	return pnstrdup(v->val.string.val, v->val.string.len);
}

static void load_node_body(Graph *g, GNode *node, JsonbValue *body);

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
							   parent->kind == OBJ_SCHEMA ? parent : parent->schema,
							   parent);
		if (kind == OBJ_FUNCTION)
		{
			/* "name(args)": quote the name part only */
			char	   *paren = strchr(name, '(');

			if (paren == NULL)
				bad_document(psprintf("function key \"%s\" has no argument list", name));
			child->refname = psprintf("%s%s",
									  quote_identifier(pnstrdup(name, paren - name)),
									  paren);
		}
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

	register_key(g, node);
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

			a->key = pnstrdup(key, keylen);
			a->value = v;
			node->attrs = lappend(node->attrs, a);
		}
	}
}

/* Resolve "kind name" references, relative to the node's schema first. */
static void
resolve_deps(Graph *g, GNode *node)
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
			char	   *kind = pnstrdup(ref, space - ref);
			char	   *rel = key_join(kind, quote_identifier(node->schema->name),
									   space + 1);

			dep = graph_find(g, rel);
			pfree(rel);
			pfree(kind);
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
		resolve_deps(g, lfirst(lc));
}

Graph *
graph_from_jsonb(Jsonb *doc, MemoryContext parent)
{
	Graph	   *g = graph_create(parent, false);
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	JsonbValue	v;
	ListCell   *lc;

	/* about one key per 80 bytes of document */
	g->bykey = keymap_create(g->cxt, Max(VARSIZE(doc) / 80, 1024), NULL);

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

	foreach(lc, g->extensions)
		resolve_deps(g, lfirst(lc));
	foreach(lc, g->schemas)
		resolve_deps(g, lfirst(lc));

	MemoryContextSwitchTo(old);
	return g;
}

/* ----------------------------------------------------------------
 * Reading the attributes of a node
 * ----------------------------------------------------------------
 */

const JsonbValue *
gnode_attr(const GNode *node, const char *key)
{
	ListCell   *lc;

	foreach(lc, node->attrs)
	{
		GAttr	   *a = lfirst(lc);

		if (strcmp(a->key, key) == 0)
			return &a->value;
	}
	return NULL;
}

/* A string attribute, or NULL when absent (or not a string). */
char *
gnode_str(const GNode *node, const char *key)
{
	const JsonbValue *v = gnode_attr(node, key);

	if (v == NULL || v->type != jbvString)
		return NULL;
	return jbv_cstring(v);
}

bool
gnode_bool(const GNode *node, const char *key)
{
	const JsonbValue *v = gnode_attr(node, key);

	return v != NULL && v->type == jbvBool && v->val.boolean;
}

int64
gnode_int(const GNode *node, const char *key, int64 dflt)
{
	const JsonbValue *v = gnode_attr(node, key);

	if (v == NULL || v->type != jbvNumeric)
		return dflt;
	return DatumGetInt64(DirectFunctionCall1(numeric_int8,
											 NumericGetDatum(v->val.numeric)));
}

/* Any attribute as text (SQL text of a number, JSON of a container). */
char *
gnode_attr_text(const GNode *node, const char *key)
{
	const JsonbValue *v = gnode_attr(node, key);

	if (v == NULL)
		return NULL;
	switch (v->type)
	{
		case jbvString:
			return jbv_cstring(v);
		case jbvNumeric:
			return DatumGetCString(DirectFunctionCall1(numeric_out,
													   NumericGetDatum(v->val.numeric)));
		case jbvBool:
			return pstrdup(v->val.boolean ? "true" : "false");
		case jbvNull:
			return pstrdup("null");
		case jbvBinary:
			return JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
		default:
			elog(ERROR, "pg_migrate: unexpected jsonb value type %d", v->type);
	}
	return NULL;
}

bool
gnode_attr_equal(const GNode *a, const GNode *b, const char *key)
{
	const JsonbValue *va = gnode_attr(a, key);
	const JsonbValue *vb = gnode_attr(b, key);
	char	   *x;
	char	   *y;

	/*
	 * The same as comparing the two texts, without writing them when the
	 * values settle it alone: a diff compares every attribute of every
	 * object both graphs have.  Values of different types, numbers, and
	 * containers whose bytes differ are compared by their text.
	 */
	if (va == NULL || vb == NULL)
		return va == vb;
	if (va->type == vb->type)
	{
		switch (va->type)
		{
			case jbvString:
				return va->val.string.len == vb->val.string.len &&
					memcmp(va->val.string.val, vb->val.string.val,
						   va->val.string.len) == 0;
			case jbvBool:
				return va->val.boolean == vb->val.boolean;
			case jbvNull:
				return true;
			case jbvBinary:
				if (va->val.binary.len == vb->val.binary.len &&
					memcmp(va->val.binary.data, vb->val.binary.data,
						   va->val.binary.len) == 0)
					return true;
				break;
			default:
				break;
		}
	}
	x = gnode_attr_text(a, key);
	y = gnode_attr_text(b, key);

	if (x == NULL || y == NULL)
		return x == y;
	return strcmp(x, y) == 0;
}

/* An array of strings, as a List of char * (NIL when absent). */
List *
gnode_strings(const GNode *node, const char *key)
{
	const JsonbValue *v = gnode_attr(node, key);
	List	   *res = NIL;
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;

	if (v == NULL || v->type != jbvBinary)
		return NIL;
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		if (tok == WJB_ELEM)
			res = lappend(res, e.type == jbvString ? jbv_cstring(&e) : NULL);
	return res;
}

/*
 * The name to write in SQL: "app.polls", "app.f(integer)"; a column
 * "app.polls.id"; a constraint, trigger or policy just its quoted name
 * (the statement names its table).
 */
char *
gnode_qualname(const GNode *node)
{
	if (node->schema == NULL)
		return pstrdup(quote_identifier(node->name));
	if (node->kind == OBJ_COLUMN)
		return psprintf("%s.%s", gnode_qualname(node->parent),
						quote_identifier(node->name));
	if (!pgm_kinds[node->kind].schema_scoped)
		return pstrdup(quote_identifier(node->name));
	if (node->kind == OBJ_FUNCTION)
		return psprintf("%s.%s", quote_identifier(node->schema->name),
						node->refname);
	return psprintf("%s.%s", quote_identifier(node->schema->name),
					quote_identifier(node->name));
}

List *
gnode_children(const GNode *node, ObjKind kind)
{
	List	   *res = NIL;
	ListCell   *lc;

	foreach(lc, node->children)
	{
		GNode	   *c = lfirst(lc);

		if (c->kind == kind)
			res = lappend(res, c);
	}
	return res;
}

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
	Graph	   *g = graph_from_jsonb(doc, cxt);
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
