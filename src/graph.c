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

#include "utils/builtins.h"
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
	if (node->parent != NULL && !pgm_kinds[node->kind].schema_scoped &&
		node->parent->kind != OBJ_SCHEMA)
		node->refname = psprintf("%s.%s", node->parent->refname, quoted_name);
	else
		node->refname = pstrdup(quoted_name);
}

GNode *
graph_add_node(Graph *g, ObjKind kind, const ObjAddr *addr, const char *name,
			   GNode *schema, GNode *parent)
{
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
	return node;
}

void
gnode_add_attr(GNode *node, const char *key, const JsonbValue *v)
{
	GAttr	   *a = palloc(sizeof(GAttr));

	a->key = pstrdup(key);
	a->value = *v;
	node->attrs = lappend(node->attrs, a);
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
	jbv_string(&v, pstrdup(value));
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

	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(value);
	gnode_add_attr(node, key, &v);
}

/* An array of strings, in the order given. */
void
gnode_add_strings(GNode *node, const char *key, List *values)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;
	ListCell   *lc;
	JsonbValue	v;
	Jsonb	   *jb;

	pushJsonbValue(&st, WJB_BEGIN_ARRAY, NULL);
	foreach(lc, values)
	{
		jbv_string(&v, (char *) lfirst(lc));
		pushJsonbValue(&st, WJB_ELEM, &v);
	}
	res = pushJsonbValue(&st, WJB_END_ARRAY, NULL);
	jb = JsonbValueToJsonb(res);

	v.type = jbvBinary;
	v.val.binary.data = &jb->root;
	v.val.binary.len = VARSIZE(jb) - VARHDRSZ;
	gnode_add_attr(node, key, &v);
}

void
gnode_add_dep(GNode *node, GNode *dep)
{
	node->deps = lappend(node->deps, dep);
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
