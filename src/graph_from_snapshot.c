/*-------------------------------------------------------------------------
 *
 * graph_from_snapshot.c
 *	  The graph a snapshot's document reads back into, made while the
 *	  document is written (graph_to_jsonb_loaded() in graph_write.c calls
 *	  these), and the check that two loaded graphs are the same
 *	  (graph_loaded_difference()).
 *
 * Autogenerate snapshots the live schema, writes the document (it needs
 * it: the self-check merges its partial snapshots into it) and diffs the
 * live schema with the model.  The diff works on graphs in the form
 * graph_from_jsonb() gives: nodes in the document's order, attributes in
 * its key order, dependencies resolved from the references it writes.
 * Reading a 15 MB document back into that form costs about a third of a
 * snapshot, though the writer has just had every node's pairs in that very
 * order: graph_adopt_node() makes each node from them, as
 * graph_from_jsonb() would from the object written, and the writer makes
 * the children as it writes them.  A dependency is the node itself, not
 * its reference looked up by name.
 *
 * The result is meant to be the very graph graph_from_jsonb() reads from
 * the document; with pg_migrate.debug_verify_partial_snapshots on,
 * autogenerate reads the document too and fails where the two differ.
 *
 *-------------------------------------------------------------------------
 */
#include "graph_int.h"

#include "utils/memutils.h"

/*
 * The node of g made from src (src's graph_find_node() answer for g), or
 * NULL.
 */
static inline GNode *
adopted(Graph *g, GNode *src)
{
	return src->twin_serial == g->serial ? src->twin : NULL;
}

/*
 * The loaded graph to make beside the document of snap: empty, its scope
 * as the document writes it.
 */
Graph *
graph_loaded_begin(Graph *snap, MemoryContext parent)
{
	Graph	   *g = graph_create(parent, false);
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	ListCell   *lc;

	/* as many slots as graph_from_jsonb() takes for the document */
	graph_keys_create(g, Max(snap->nnodes * 3 / 2, 1024));
	g->scope_all = snap->scope_all;
	if (!snap->scope_all)
	{
		List	   *names = list_copy(snap->scope);

		list_sort(names, pgm_cmp_list_cstring);
		foreach(lc, names)
			g->scope = lappend(g->scope, pstrdup(lfirst(lc)));
		list_free(names);
	}
	MemoryContextSwitchTo(old);
	return g;
}

/*
 * The node of g for src, made as graph_from_jsonb() makes it from src's
 * object in the document, whose pairs (graph_node_pairs()) the writer has
 * just sorted (the first n of np's): under the node made for src's parent
 * (at the top without one), with its attributes in the document's order,
 * and its references, as src's nodes, in depnames until
 * graph_loaded_end() resolves them.  Its children are made as the writer
 * writes them, after it.  false: src or its object is something
 * graph_from_jsonb() would read otherwise (an attribute under a section's
 * key, a section in a column), which the caller leaves to it.
 */
bool
graph_adopt_node(Graph *g, GNode *src, bool with_name, NodePairs *np, int n)
{
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	GNode	   *parent = NULL;
	GNode	   *dst;
	bool		ok = true;

	if (src->parent != NULL && (parent = adopted(g, src->parent)) == NULL)
		ok = false;
	for (int i = 0; i < n && ok; i++)
	{
		WPair	   *p = &np->pairs[i];
		ObjKind		kind;

		if (p->keylen == 10 && memcmp(p->key, "depends_on", 10) == 0)
			ok = p->kind == WV_DEPS;
		else if (src->kind != OBJ_COLUMN &&
				 (kind = section_kind(p->key, p->keylen)) != OBJ_NKINDS)
			ok = p->kind == WV_SECTION && p->section == kind;
		else if (src->kind == OBJ_COLUMN && p->keylen == 4 &&
				 memcmp(p->key, "name", 4) == 0)
			/* the element's name is the node's, not an attribute "name" */
			ok = p->jbv == &np->name;
		else
			ok = p->kind == WV_JBV;
	}
	if (!ok)
	{
		MemoryContextSwitchTo(old);
		return false;
	}

	dst = graph_add_node(g, src->kind, NULL, src->name,
						 parent == NULL ? NULL :
						 parent->kind == OBJ_SCHEMA ? parent : parent->schema,
						 parent);
	src->twin = dst;
	src->twin_serial = g->serial;
	dst->twin = src;
	dst->twin_serial = src->graph->serial;
	graph_register_key(g, dst);
	for (int i = 0; i < n; i++)
	{
		WPair	   *p = &np->pairs[i];
		GAttr	   *a;

		if (p->kind == WV_DEPS)
		{
			for (int d = 0; d < np->ndeps; d++)
				dst->depnames = lappend(dst->depnames, np->depnodes[d]);
			continue;
		}
		if (p->kind != WV_JBV || p->jbv == &np->name)
			continue;
		a = palloc(sizeof(GAttr));
		a->key = (char *) p->key;
		a->value = *p->jbv;
		/* a scalar container is written, and read, as the scalar */
		if (a->value.type == jbvBinary &&
			JsonContainerIsScalar(a->value.val.binary.data) &&
			!JsonbExtractScalar(a->value.val.binary.data, &a->value))
			elog(ERROR, "cannot read a scalar jsonb value");
		dst->attrs = lappend(dst->attrs, a);
	}
	MemoryContextSwitchTo(old);
	return true;
}

/*
 * The dependencies of a node and its children, in the order
 * resolve_deps() (graph_read.c) gives them: a reference to a node not in
 * the document counts as dangling.
 */
static void
adopt_deps(Graph *g, GNode *node)
{
	ListCell   *lc;

	foreach(lc, node->depnames)
	{
		GNode	   *dep = adopted(g, lfirst(lc));

		if (dep == NULL)
			g->ndangling++;
		if (dep == NULL || dep == node)
			continue;
		node->deps = lappend(node->deps, dep);
		dep->dependents = lappend(dep->dependents, node);
	}
	list_free(node->depnames);
	node->depnames = NIL;
	foreach(lc, node->children)
		adopt_deps(g, lfirst(lc));
}

/* the database-wide kinds in the order graph_from_jsonb() reads them */
static int
global_rank(const ListCell *a)
{
	ObjKind		kind = ((GNode *) lfirst(a))->kind;

	for (int k = 0; k < lengthof(pgm_global_kinds); k++)
		if (pgm_global_kinds[k] == kind)
			return k;
	return lengthof(pgm_global_kinds);
}

/*
 * The loaded graph once the whole document is written: the database-wide
 * objects in the order graph_from_jsonb() reads their sections (kind by
 * kind: the writer wrote them in the order of the sections' names), and
 * the references resolved in the order it resolves them.
 */
void
graph_loaded_end(Graph *g)
{
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	ListCell   *lc;

	/* kind by kind, each kind's objects in the order written */
	if (list_length(g->globals) > 1)
	{
		List	   *kinds[PGM_NGLOBAL_KINDS + 1] = {NIL};

		foreach(lc, g->globals)
			kinds[global_rank(lc)] = lappend(kinds[global_rank(lc)], lfirst(lc));
		list_free(g->globals);
		g->globals = NIL;
		for (int k = 0; k <= PGM_NGLOBAL_KINDS; k++)
			g->globals = list_concat(g->globals, kinds[k]);
	}

	foreach(lc, g->extensions)
		adopt_deps(g, lfirst(lc));
	foreach(lc, g->globals)
		adopt_deps(g, lfirst(lc));
	foreach(lc, g->schemas)
		adopt_deps(g, lfirst(lc));
	/* graph_from_jsonb() resolves no reference of the top's unmodeled */
	foreach(lc, g->unmodeled)
	{
		list_free(((GNode *) lfirst(lc))->depnames);
		((GNode *) lfirst(lc))->depnames = NIL;
	}
	MemoryContextSwitchTo(old);
}

/* ----------------------------------------------------------------
 * Two loaded graphs compared
 * ----------------------------------------------------------------
 */

/* the same value: jbv_identical(), and numbers byte for byte */
static bool
values_same(const JsonbValue *a, const JsonbValue *b)
{
	if (a->type == jbvNumeric && b->type == jbvNumeric)
		return VARSIZE_ANY(a->val.numeric) == VARSIZE_ANY(b->val.numeric) &&
			memcmp(a->val.numeric, b->val.numeric,
				   VARSIZE_ANY(a->val.numeric)) == 0;
	return jbv_identical(a, b);
}

static bool
same_key(GNode *a, GNode *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(gnode_key(a), gnode_key(b)) == 0;
}

static bool
nodes_difference(GNode *a, GNode *b, StringInfo why);

/* lists of nodes: the same nodes (by key) in the same order */
static bool
node_keys_difference(List *a, List *b, const char *what, GNode *of,
					 StringInfo why)
{
	ListCell   *la;
	ListCell   *lb;

	if (list_length(a) != list_length(b))
	{
		appendStringInfo(why, "%s of %s: %d, not %d", what, gnode_key(of),
						 list_length(a), list_length(b));
		return true;
	}
	forboth(la, a, lb, b)
	{
		if (!same_key(lfirst(la), lfirst(lb)))
		{
			appendStringInfo(why, "%s of %s: %s, not %s", what, gnode_key(of),
							 gnode_key(lfirst(la)), gnode_key(lfirst(lb)));
			return true;
		}
	}
	return false;
}

/* lists of nodes compared node by node, in order */
static bool
lists_difference(List *a, List *b, const char *what, StringInfo why)
{
	ListCell   *la;
	ListCell   *lb;

	if (list_length(a) != list_length(b))
	{
		appendStringInfo(why, "%s: %d, not %d", what, list_length(a),
						 list_length(b));
		return true;
	}
	forboth(la, a, lb, b)
		if (nodes_difference(lfirst(la), lfirst(lb), why))
		return true;
	return false;
}

static bool
nodes_difference(GNode *a, GNode *b, StringInfo why)
{
	ListCell   *la;
	ListCell   *lb;

	if (a->kind != b->kind || strcmp(a->name, b->name) != 0 ||
		strcmp(a->refname, b->refname) != 0 ||
		strcmp(gnode_key(a), gnode_key(b)) != 0 ||
		memcmp(&a->addr, &b->addr, sizeof(ObjAddr)) != 0 ||
		!same_key(a->schema, b->schema) || !same_key(a->parent, b->parent))
	{
		appendStringInfo(why, "%s, not %s", gnode_key(a), gnode_key(b));
		return true;
	}
	if (list_length(a->attrs) != list_length(b->attrs))
	{
		appendStringInfo(why, "the attributes of %s: %d, not %d", gnode_key(a),
						 list_length(a->attrs), list_length(b->attrs));
		return true;
	}
	forboth(la, a->attrs, lb, b->attrs)
	{
		GAttr	   *x = lfirst(la);
		GAttr	   *y = lfirst(lb);

		if (strcmp(x->key, y->key) != 0 || !values_same(&x->value, &y->value))
		{
			appendStringInfo(why, "attribute \"%s\" of %s", x->key, gnode_key(a));
			return true;
		}
	}
	return node_keys_difference(a->deps, b->deps, "the dependencies", a, why) ||
		node_keys_difference(a->dependents, b->dependents, "the dependents", a, why) ||
		lists_difference(a->children, b->children, "children", why);
}

/*
 * Where two loaded graphs differ, in words ("attribute \"type\" of column
 * app.t.a"), or NULL when they hold the same nodes, attributes, children,
 * dependencies and dependents, in the same order.
 */
char *
graph_loaded_difference(Graph *a, Graph *b)
{
	StringInfoData why;
	ListCell   *la;
	ListCell   *lb;

	initStringInfo(&why);
	if (a->scope_all != b->scope_all ||
		list_length(a->scope) != list_length(b->scope))
		appendStringInfoString(&why, "the scope");
	else
		forboth(la, a->scope, lb, b->scope)
			if (strcmp(lfirst(la), lfirst(lb)) != 0)
		{
			appendStringInfoString(&why, "the scope");
			break;
		}
	if (why.len == 0 && a->nnodes != b->nnodes)
		appendStringInfo(&why, "%u nodes, not %u", a->nnodes, b->nnodes);
	if (why.len == 0 && a->ndangling != b->ndangling)
		appendStringInfo(&why, "%d dangling references, not %d",
						 a->ndangling, b->ndangling);
	if (why.len == 0 &&
		!lists_difference(a->extensions, b->extensions, "extensions", &why) &&
		!lists_difference(a->schemas, b->schemas, "schemas", &why) &&
		!lists_difference(a->unmodeled, b->unmodeled, "unmodeled", &why))
		(void) lists_difference(a->globals, b->globals, "database-wide objects", &why);
	if (why.len == 0)
	{
		pfree(why.data);
		return NULL;
	}
	return why.data;
}
