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

typedef struct AddrEntry
{
	ObjAddr		addr;			/* hash key: must be first */
	GNode	   *node;
} AddrEntry;

static HTAB *
addr_hash_create(const char *name, MemoryContext cxt)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(ObjAddr);
	ctl.entrysize = sizeof(AddrEntry);
	ctl.hcxt = cxt;
	return hash_create(name, 4096, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}

Graph *
graph_create(MemoryContext parent)
{
	MemoryContext cxt;
	MemoryContext old;
	Graph	   *g;

	cxt = AllocSetContextCreate(parent, "pg_migrate graph",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	g = palloc0(sizeof(Graph));
	g->cxt = cxt;
	g->byaddr = addr_hash_create("pg_migrate objects", cxt);
	g->extmembers = addr_hash_create("pg_migrate extension members", cxt);
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

	e = hash_search(g->byaddr, addr, HASH_ENTER, &found);
	if (!found)
		e->node = node;
}

GNode *
graph_lookup(Graph *g, Oid classid, Oid objid, int32 subid)
{
	ObjAddr		key;
	AddrEntry  *e;

	key.classid = classid;
	key.objid = objid;
	key.subid = subid;
	e = hash_search(g->byaddr, &key, HASH_FIND, NULL);
	return e ? e->node : NULL;
}

/* Record that an object belongs to an extension. */
void
graph_add_member(Graph *g, Oid classid, Oid objid, GNode *ext)
{
	ObjAddr		key = {classid, objid, 0};
	AddrEntry  *e = hash_search(g->extmembers, &key, HASH_ENTER, NULL);

	e->node = ext;
}

/* The extension an object belongs to, if that extension is in the graph. */
GNode *
graph_lookup_member(Graph *g, Oid classid, Oid objid)
{
	ObjAddr		key = {classid, objid, 0};
	AddrEntry  *e = hash_search(g->extmembers, &key, HASH_FIND, NULL);

	return e ? e->node : NULL;
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
	node->name = pstrdup(name);
	node->schema = schema;
	node->parent = parent;
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
	Jsonb	   *jb;
	MemoryContext old;

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
	old = MemoryContextSwitchTo(GetMemoryChunkContext(node));
	jb = JsonbValueToJsonb(res);
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
 * A reference to "to" as written inside "from": "table polls",
 * "column polls.id", "type other.mood", "extension hstore".  Objects of
 * the referencing object's own schema are unqualified.
 */
char *
gnode_ref(const GNode *from, const GNode *to)
{
	if (to->schema == NULL || to->schema == from->schema)
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

static void
push_key(JsonbParseState **st, const char *key)
{
	JsonbValue	k;

	jbv_string(&k, key);
	pushJsonbValue(st, WJB_KEY, &k);
}

static void
push_string(JsonbParseState **st, JsonbIteratorToken tok, const char *s)
{
	JsonbValue	v;

	jbv_string(&v, s);
	pushJsonbValue(st, tok, &v);
}

static bool
is_ancestor(const GNode *node, const GNode *candidate)
{
	for (node = node->parent; node != NULL; node = node->parent)
		if (node == candidate)
			return true;
	return false;
}

/* Write the dependencies of a node, sorted and without duplicates. */
static void
emit_deps(JsonbParseState **st, GNode *node)
{
	char	  **refs;
	int			n = 0;
	ListCell   *lc;

	if (node->deps == NIL)
		return;
	refs = palloc(sizeof(char *) * list_length(node->deps));
	foreach(lc, node->deps)
	{
		GNode	   *dep = lfirst(lc);

		if (dep == node || dep->kind == OBJ_SCHEMA || is_ancestor(node, dep))
			continue;
		refs[n++] = gnode_ref(node, dep);
	}
	if (n == 0)
		return;
	qsort(refs, n, sizeof(char *), cmp_cstring);

	push_key(st, "depends_on");
	pushJsonbValue(st, WJB_BEGIN_ARRAY, NULL);
	for (int i = 0; i < n; i++)
	{
		if (i > 0 && strcmp(refs[i], refs[i - 1]) == 0)
			continue;
		push_string(st, WJB_ELEM, refs[i]);
	}
	pushJsonbValue(st, WJB_END_ARRAY, NULL);
}

static void
emit_node(JsonbParseState **st, GNode *node, bool with_name)
{
	ListCell   *lc;

	pushJsonbValue(st, WJB_BEGIN_OBJECT, NULL);
	if (with_name)
	{
		push_key(st, "name");
		push_string(st, WJB_VALUE, node->name);
	}
	foreach(lc, node->attrs)
	{
		GAttr	   *a = lfirst(lc);

		push_key(st, a->key);
		pushJsonbValue(st, WJB_VALUE, &a->value);
	}
	emit_deps(st, node);

	/* children, one section per kind */
	if (node->children != NIL)
	{
		for (int k = 0; k < OBJ_NKINDS; k++)
		{
			const ObjKindInfo *info = &pgm_kinds[k];
			bool		opened = false;

			foreach(lc, node->children)
			{
				GNode	   *child = lfirst(lc);

				if (child->kind != (ObjKind) k)
					continue;
				if (!opened)
				{
					push_key(st, info->section);
					pushJsonbValue(st, info->is_array ? WJB_BEGIN_ARRAY : WJB_BEGIN_OBJECT, NULL);
					opened = true;
				}
				if (!info->is_array)
					push_key(st, child->name);
				emit_node(st, child, info->is_array);
			}
			if (opened)
				pushJsonbValue(st, info->is_array ? WJB_END_ARRAY : WJB_END_OBJECT, NULL);
		}
	}
	pushJsonbValue(st, WJB_END_OBJECT, NULL);
}

static void
emit_map(JsonbParseState **st, const char *key, List *nodes)
{
	ListCell   *lc;

	push_key(st, key);
	pushJsonbValue(st, WJB_BEGIN_OBJECT, NULL);
	foreach(lc, nodes)
	{
		GNode	   *n = lfirst(lc);

		push_key(st, n->name);
		emit_node(st, n, false);
	}
	pushJsonbValue(st, WJB_END_OBJECT, NULL);
}

/*
 * The whole document:
 *	{"format": 1, "scope": "all" | [names], "extensions": {...},
 *	 "schemas": {...}}
 */
Jsonb *
graph_to_jsonb(Graph *g)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;
	ListCell   *lc;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);

	push_key(&st, "format");
	{
		JsonbValue	v;

		v.type = jbvNumeric;
		v.val.numeric = int64_to_numeric(PGM_SNAPSHOT_FORMAT);
		pushJsonbValue(&st, WJB_VALUE, &v);
	}

	push_key(&st, "scope");
	if (g->scope_all)
		push_string(&st, WJB_VALUE, "all");
	else
	{
		List	   *names = list_copy(g->scope);

		list_sort(names, cmp_list_cstring);
		pushJsonbValue(&st, WJB_BEGIN_ARRAY, NULL);
		foreach(lc, names)
			push_string(&st, WJB_ELEM, lfirst(lc));
		pushJsonbValue(&st, WJB_END_ARRAY, NULL);
	}

	emit_map(&st, "extensions", g->extensions);
	emit_map(&st, "schemas", g->schemas);

	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(res);
}

/* ----------------------------------------------------------------
 * Reading a document back into a graph (for the diff)
 * ----------------------------------------------------------------
 */

typedef struct KeyEntry
{
	char	   *key;			/* hash key: a pointer to the key string */
	GNode	   *node;
} KeyEntry;

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
		((GNode *) node)->key = psprintf("%s %s", pgm_kinds[node->kind].label,
										 quote_identifier(node->name));
	else
		((GNode *) node)->key = psprintf("%s %s.%s", pgm_kinds[node->kind].label,
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

	e = hash_search(g->bykey, &key, HASH_ENTER, &found);
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

/* The node of a loaded document with that absolute key, or NULL. */
GNode *
graph_find(Graph *g, const char *key)
{
	KeyEntry   *e = hash_search(g->bykey, &key, HASH_FIND, NULL);

	return e ? e->node : NULL;
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
			continue;
		if (node->schema != NULL)
		{
			char	   *rel = psprintf("%.*s %s.%s", (int) (space - ref), ref,
									   quote_identifier(node->schema->name),
									   space + 1);

			dep = graph_find(g, rel);
		}
		if (dep == NULL)
			dep = graph_find(g, ref);
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
	Graph	   *g = graph_create(parent);
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	JsonbValue	v;
	HASHCTL		ctl;
	ListCell   *lc;

	ctl.keysize = sizeof(char *);
	ctl.entrysize = sizeof(KeyEntry);
	ctl.hash = key_hash;
	ctl.match = key_match;
	ctl.hcxt = g->cxt;
	g->bykey = hash_create("pg_migrate keys", 4096, &ctl,
						   HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);

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
	char	   *x = gnode_attr_text(a, key);
	char	   *y = gnode_attr_text(b, key);

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
