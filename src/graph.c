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
 * A loaded document's nodes are found by their absolute key (gnode_key())
 * as well.  The graph is written out by graph_write.c, read from a
 * document by graph_read.c, and a partial snapshot is merged into a whole
 * document by graph_merge.c.
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
	[OBJ_RULE] = {"rule", "rules", false, false},
	[OBJ_STATISTICS] = {"statistics", "statistics", false, true},
	[OBJ_DEFACL] = {"default_privileges", "default_privileges", false, false},
	[OBJ_AGGREGATE] = {"aggregate", "aggregates", false, true},
	[OBJ_OPERATOR] = {"operator", "operators", false, true},
	[OBJ_OPFAMILY] = {"operator_family", "operator_families", false, true},
	[OBJ_OPCLASS] = {"operator_class", "operator_classes", false, true},
	[OBJ_CAST] = {"cast", "casts", false, false},
	[OBJ_TSPARSER] = {"text_search_parser", "text_search_parsers", false, true},
	[OBJ_TSTEMPLATE] = {"text_search_template", "text_search_templates", false, true},
	[OBJ_TSDICT] = {"text_search_dictionary", "text_search_dictionaries", false, true},
	[OBJ_TSCONFIG] = {"text_search_configuration", "text_search_configurations", false, true},
	[OBJ_FDW] = {"foreign_data_wrapper", "foreign_data_wrappers", false, false},
	[OBJ_SERVER] = {"server", "servers", false, false},
	[OBJ_USERMAPPING] = {"user_mapping", "user_mappings", false, false},
	[OBJ_FOREIGN_TABLE] = {"foreign_table", "foreign_tables", false, true},
	[OBJ_PUBLICATION] = {"publication", "publications", false, false},
	[OBJ_EVENT_TRIGGER] = {"event_trigger", "event_triggers", false, false},
	[OBJ_CONVERSION] = {"conversion", "conversions", false, true},
	[OBJ_LANGUAGE] = {"language", "languages", false, false},
	[OBJ_ACCESS_METHOD] = {"access_method", "access_methods", false, false},
	[OBJ_UNMODELED] = {"unmodeled", "unmodeled", false, false},
};

const ObjKind pgm_global_kinds[PGM_NGLOBAL_KINDS] = {
	OBJ_DEFACL, OBJ_CAST, OBJ_FDW, OBJ_SERVER, OBJ_USERMAPPING, OBJ_PUBLICATION,
	OBJ_EVENT_TRIGGER, OBJ_LANGUAGE, OBJ_ACCESS_METHOD
};

/* serials of the graphs made so far, for graph_find_node()'s answers */
static uint64 graph_serials = 0;

/*
 * A new, empty graph in a memory context of its own under parent: nodes,
 * attributes and maps all live there, and MemoryContextDelete(g->cxt)
 * frees the lot.  only_grows: a snapshot's graph, which is never freed
 * piece by piece (see below).
 */
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
	g->byaddr = addrmap_new(cxt, 4096);
	g->extmembers = addrmap_new(cxt, 16);
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
	bool		found;
	void	  **slot = addrmap_enter(g->byaddr, addr->classid, addr->objid,
									 addr->subid, &found);

	if (!found)
		*slot = node;
}

/*
 * The node of a snapshot registered under a catalog address (or an alias
 * of it), or NULL.
 */
GNode *
graph_lookup(Graph *g, Oid classid, Oid objid, int32 subid)
{
	return (GNode *) addrmap_get(g->byaddr, classid, objid, subid);
}

/*
 * Make room for n addresses in all: a whole snapshot knows about how many
 * once it has read pg_class, and growing the table step by step would move
 * every entry at each doubling.
 */
void
graph_reserve(Graph *g, uint32 n)
{
	/* columns are about a third of them; the rest have no sub-id */
	addrmap_reserve(g->byaddr, n / 3);
}

/* Record that an object belongs to an extension. */
void
graph_add_member(Graph *g, Oid classid, Oid objid, GNode *ext)
{
	bool		found;

	*addrmap_enter(g->extmembers, classid, objid, 0, &found) = ext;
}

/* The extension an object belongs to, if that extension is in the graph. */
GNode *
graph_lookup_member(Graph *g, Oid classid, Oid objid)
{
	return (GNode *) addrmap_get(g->extmembers, classid, objid, 0);
}

/* Set the quoted, schema-relative identity used in references. */
void
graph_set_refname(GNode *node, const char *quoted_name)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));

	if (node->parent != NULL && !pgm_kinds[node->kind].schema_scoped &&
		node->parent->kind != OBJ_SCHEMA)
	{
		/* exactly the bytes needed: psprintf() takes at least 128 */
		size_t		plen = strlen(node->parent->refname);
		size_t		qlen = strlen(quoted_name);
		char	   *r = palloc(plen + qlen + 2);

		memcpy(r, node->parent->refname, plen);
		r[plen] = '.';
		memcpy(r + plen + 1, quoted_name, qlen + 1);
		node->refname = r;
	}
	else
		node->refname = pstrdup(quoted_name);
	MemoryContextSwitchTo(old);
}

/*
 * The quoted name of an object of a kind, relative to its schema, from its
 * unquoted identity: the name part alone is quoted for the kinds whose
 * identity holds more ("f(integer)", "ops USING btree"), an operator's or
 * a cast's identity is written as it is.  Palloc'd.
 */
char *
graph_kind_refname(ObjKind kind, const char *name)
{
	const char *p;

	switch (kind)
	{
		case OBJ_FUNCTION:
		case OBJ_AGGREGATE:
			if ((p = strchr(name, '(')) != NULL)
				return psprintf("%s%s", quote_identifier(pnstrdup(name, p - name)), p);
			break;
		case OBJ_OPERATOR:
		case OBJ_CAST:
			return pstrdup(name);
		case OBJ_OPFAMILY:
		case OBJ_OPCLASS:
			{
				const char *using = NULL;

				for (p = strstr(name, " USING "); p != NULL; p = strstr(p + 1, " USING "))
					using = p;
				if (using != NULL)
					return psprintf("%s USING %s",
									quote_identifier(pnstrdup(name, using - name)),
									quote_identifier(using + 7));
				break;
			}
		default:
			break;
	}
	return pstrdup(quote_identifier(name));
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
	return graph_add_node_named(g, kind, addr,
								MemoryContextStrdup(g->cxt, name),
								schema, parent);
}

/*
 * graph_add_node() for a name palloc'd in the graph's memory context
 * already, which the node keeps (a loaded document's reader copies each
 * name once).
 */
GNode *
graph_add_node_named(Graph *g, ObjKind kind, const ObjAddr *addr, char *name,
					 GNode *schema, GNode *parent)
{
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	GNode	   *node = palloc0(sizeof(GNode));

	node->kind = kind;
	node->graph = g;
	g->nnodes++;
	node->name = name;
	node->schema = schema;
	node->parent = parent;
	if (addr != NULL)
		node->addr = *addr;

	/*
	 * Most names need no quotes and no prefix: the refname is then the name
	 * itself (refnames and names are replaced, never written into).  The
	 * quoted name of the kinds whose identity is the name alone is used as
	 * it is (quote_identifier() returns a new string when it quotes).
	 */
	if (kind != OBJ_FUNCTION && kind != OBJ_AGGREGATE &&
		kind != OBJ_OPERATOR && kind != OBJ_CAST &&
		kind != OBJ_OPFAMILY && kind != OBJ_OPCLASS)
	{
		const char *quoted = quote_identifier(name);

		if (parent == NULL || pgm_kinds[kind].schema_scoped ||
			parent->kind == OBJ_SCHEMA)
			node->refname = (char *) quoted;
		else
		{
			/* "parent.name", exactly the bytes needed */
			size_t		plen = strlen(parent->refname);
			size_t		qlen = strlen(quoted);
			char	   *r = palloc(plen + qlen + 2);

			memcpy(r, parent->refname, plen);
			r[plen] = '.';
			memcpy(r + plen + 1, quoted, qlen + 1);
			node->refname = r;
		}
	}
	else
		graph_set_refname(node, graph_kind_refname(kind, name));

	if (parent != NULL)
		parent->children = lappend(parent->children, node);
	else if (kind == OBJ_SCHEMA)
		g->schemas = lappend(g->schemas, node);
	else if (kind == OBJ_EXTENSION)
		g->extensions = lappend(g->extensions, node);
	else if (kind == OBJ_UNMODELED)
		g->unmodeled = lappend(g->unmodeled, node);
	else
		g->globals = lappend(g->globals, node);

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

/* A string attribute (copied into the node's context); NULL adds nothing. */
void
gnode_add_string(GNode *node, const char *key, const char *value)
{
	JsonbValue	v;

	if (value == NULL)
		return;
	jbv_string(&v, MemoryContextStrdup(GetMemoryChunkContext(node), value));
	gnode_add_attr(node, key, &v);
}

/* A boolean attribute. */
void
gnode_add_bool(GNode *node, const char *key, bool value)
{
	JsonbValue	v;

	v.type = jbvBool;
	v.val.boolean = value;
	gnode_add_attr(node, key, &v);
}

/* A number attribute. */
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
	Jsonb	   *made = JsonbValueToJsonb(built);
	Jsonb	   *jb;
	JsonbValue	v;

	/*
	 * JsonbValueToJsonb() writes into a StringInfo of at least 1 kB: the
	 * node keeps the bytes it needs (an array of one key takes ~30).
	 */
	jb = MemoryContextAlloc(GetMemoryChunkContext(node), VARSIZE(made));
	memcpy(jb, made, VARSIZE(made));
	pfree(made);
	v.type = jbvBinary;
	v.val.binary.data = &jb->root;
	v.val.binary.len = VARSIZE(jb) - VARHDRSZ;
	gnode_add_attr(node, key, &v);
}

/*
 * node depends on dep (an edge of the graph, written as a reference in
 * node's "depends_on").
 */
void
gnode_add_dep(GNode *node, GNode *dep)
{
	MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));

	node->deps = lappend(node->deps, dep);
	MemoryContextSwitchTo(old);
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

/* ----------------------------------------------------------------
 * Nodes by absolute key (loaded documents)
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
char *
graph_key_join(const char *label, const char *a, const char *b)
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
		((GNode *) node)->key = graph_key_join(pgm_kinds[node->kind].label,
										 quote_identifier(node->name), NULL);
	else
		((GNode *) node)->key = graph_key_join(pgm_kinds[node->kind].label,
										 gnode_quoted_schema(node),
										 node->refname);
	return node->key;
}

/*
 * The quoted name of a node's schema, as its key writes it: taken from the
 * schema's own key ("schema app"), which every node of the schema needs,
 * rather than quoted again for each of them.  The node must have a schema.
 */
const char *
gnode_quoted_schema(const GNode *node)
{
	const GNode *schema = node->schema;

	if (schema->kind == OBJ_SCHEMA && schema->schema == NULL)
		return gnode_key(schema) + strlen(pgm_kinds[OBJ_SCHEMA].label) + 1;
	return quote_identifier(schema->name);
}

/*
 * Enter a node of a loaded document under its key; an ERROR if the
 * document holds that key twice.
 */
void
graph_register_key(Graph *g, GNode *node)
{
	char	   *key = gnode_key(node);
	KeyEntry   *e;
	bool		found;

	e = keymap_insert(g->bykey, key, &found);
	if (found)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("snapshot document holds object \"%s\" twice", key)));
	e->key = key;
	e->node = node;
}

/* how many insertions ahead graph_register_keys() asks for a bucket */
#define KEY_PREFETCH_AHEAD 16

/*
 * graph_register_key() of n nodes whose keys the reader has set, with
 * their hashes (hash_bytes() of the key), in that order.  The map of a
 * large document spans megabytes, and an insertion mostly waits for its
 * bucket to come from memory: the buckets of the next few are asked for
 * ahead.
 */
void
graph_register_keys(Graph *g, GNode **nodes, const uint32 *hashes, uint32 n)
{
	keymap_hash *tb = g->bykey;

	for (uint32 i = 0; i < n; i++)
	{
		KeyEntry   *e;
		bool		found;

#ifdef __GNUC__
		if (i + KEY_PREFETCH_AHEAD < n)
			__builtin_prefetch(&tb->data[hashes[i + KEY_PREFETCH_AHEAD] & tb->sizemask], 1);
#endif
		e = keymap_insert_hash(tb, nodes[i]->key, hashes[i], &found);
		if (found)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("snapshot document holds object \"%s\" twice",
							nodes[i]->key)));
		e->key = nodes[i]->key;
		e->node = nodes[i];
	}
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

/*
 * Create the map of a loaded document's nodes by key, for about nelements
 * nodes, in the graph's memory context.
 */
void
graph_keys_create(Graph *g, uint32 nelements)
{
	g->bykey = keymap_create(g->cxt, nelements, NULL);
}

/* The node of a loaded document with that absolute key, or NULL. */
GNode *
graph_find(Graph *g, const char *key)
{
	KeyEntry   *e = keymap_lookup(g->bykey, (char *) key);

	return e ? e->node : NULL;
}

/* graph_find() of a key whose length is known. */
GNode *
graph_find_len(Graph *g, const char *key, size_t len)
{
	return graph_find_hashed(g, key,
							 hash_bytes((const unsigned char *) key, len));
}

/* graph_find() of a key whose hash (hash_bytes()) is known. */
GNode *
graph_find_hashed(Graph *g, const char *key, uint32 hash)
{
	KeyEntry   *e = keymap_lookup_hash(g->bykey, (char *) key, hash);

	return e ? e->node : NULL;
}

/*
 * Ask for the bucket of a key of that hash to be brought from memory, for
 * a graph_find_hashed() a little later.
 */
void
graph_prefetch_key(Graph *g, uint32 hash)
{
#ifdef __GNUC__
	__builtin_prefetch(&g->bykey->data[hash & g->bykey->sizemask]);
#endif
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

/* ----------------------------------------------------------------
 * Reading the attributes of a node
 * ----------------------------------------------------------------
 */

const JsonbValue *
gnode_attr(const GNode *node, const char *key)
{
	ListCell   *lc;

	/* most keys differ from the first byte: no call for those */
	foreach(lc, node->attrs)
	{
		GAttr	   *a = lfirst(lc);

		if (a->key[0] == key[0] && strcmp(a->key, key) == 0)
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

/*
 * A string attribute the format requires of the node's kind.  docread.c
 * refuses a document without it before any graph is built, so a missing
 * one is a bug: an error, never a NULL to dereference.
 */
char *
gnode_str_req(const GNode *node, const char *key)
{
	char	   *s = gnode_str(node, key);

	if (s == NULL)
		elog(ERROR, "%s \"%s\" has no string \"%s\"",
			 pgm_kinds[node->kind].label, node->name, key);
	return s;
}

/* A boolean attribute; false when absent or not a boolean. */
bool
gnode_bool(const GNode *node, const char *key)
{
	const JsonbValue *v = gnode_attr(node, key);

	return v != NULL && v->type == jbvBool && v->val.boolean;
}

/* A number attribute as an int8; dflt when absent or not a number. */
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
			elog(ERROR, "unexpected jsonb value type %d", v->type);
	}
	return NULL;
}

/*
 * Are two attribute values the same without writing them as text: strings,
 * booleans and nulls equal, containers byte for byte the same?  False
 * for anything else (numbers, values of different types), which
 * gnode_attr_equal() compares by their text.
 */
bool
jbv_identical(const JsonbValue *a, const JsonbValue *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type)
	{
		case jbvString:
			return a->val.string.len == b->val.string.len &&
				memcmp(a->val.string.val, b->val.string.val,
					   a->val.string.len) == 0;
		case jbvBool:
			return a->val.boolean == b->val.boolean;
		case jbvNull:
			return true;
		case jbvBinary:
			return a->val.binary.len == b->val.binary.len &&
				memcmp(a->val.binary.data, b->val.binary.data,
					   a->val.binary.len) == 0;
		default:
			return false;
	}
}

/*
 * Do nodes a and b (of any graphs) have the same value for key?  Absent on
 * both sides counts as equal; values are compared as gnode_attr_text()
 * would write them.
 */
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
			case jbvBool:
			case jbvNull:
				return jbv_identical(va, vb);
			case jbvBinary:
				if (jbv_identical(va, vb))
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
		{
			/* docread.c lets only strings through */
			if (e.type != jbvString)
				elog(ERROR, "\"%s\" of %s \"%s\" holds something else than strings",
					 key, pgm_kinds[node->kind].label, node->name);
			res = lappend(res, jbv_cstring(&e));
		}
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
		return pstrdup(node->refname);
	if (node->kind == OBJ_COLUMN)
		return psprintf("%s.%s", gnode_qualname(node->parent),
						quote_identifier(node->name));
	if (!pgm_kinds[node->kind].schema_scoped)
		return pstrdup(quote_identifier(node->name));
	if (node->kind == OBJ_FUNCTION || node->kind == OBJ_AGGREGATE ||
		node->kind == OBJ_OPERATOR || node->kind == OBJ_OPFAMILY ||
		node->kind == OBJ_OPCLASS)
		return psprintf("%s.%s", quote_identifier(node->schema->name),
						node->refname);
	return psprintf("%s.%s", quote_identifier(node->schema->name),
					quote_identifier(node->name));
}

/* The children of a node of one kind, in load order (a new List). */
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
