/*-------------------------------------------------------------------------
 *
 * graph_int.h
 *	  What the files of the object graph share, and nothing else includes:
 *	  graph.c (the store and its lookups), graph_read.c (a document into a
 *	  graph), graph_write.c (a graph into jsonb's binary format),
 *	  graph_merge.c (a partial snapshot merged into a whole document) and
 *	  graph_compare.c (two documents compared as the diff sees them).
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_GRAPH_INT_H
#define PGM_GRAPH_INT_H

#include "graph.h"

static inline void
jbv_string(JsonbValue *v, const char *s)
{
	v->type = jbvString;
	v->val.string.val = (char *) s;
	v->val.string.len = strlen(s);
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

static inline int
cmp_cstring(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Is candidate a parent, or a parent's parent, ... of node? */
static inline bool
is_ancestor(const GNode *node, const GNode *candidate)
{
	for (node = node->parent; node != NULL; node = node->parent)
		if (node == candidate)
			return true;
	return false;
}

/* The kind whose section ("tables") key is, or OBJ_NKINDS. */
static inline ObjKind
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

/* A jsonb string as a C string, palloc'd. */
static inline char *
jbv_cstring(const JsonbValue *v)
{
	return pnstrdup(v->val.string.val, v->val.string.len);
}

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

/*
 * graph_write.c: write an object of n pairs (sorted and deduplicated
 * there) at the end of buf, in jsonb's binary format; returns its JEntry.
 */
extern JEntry graph_write_object(StringInfo buf, WPair *pairs, int n);

/*
 * graph_write.c: the pairs of the objects the document writes, for a
 * reader of the graph that needs them in the document's order without the
 * document (graph_from_snapshot.c).
 */
typedef struct NodePairs
{
	WPair	   *pairs;			/* n of them, unsorted */
	int			n;
	JsonbValue	name;			/* the value of "name", when written */
	StringInfoData depbuf;		/* the text of the references */
	char	  **deps;			/* "depends_on": sorted, unique references */
	GNode	  **depnodes;		/* the node each of them names */
	int			ndeps;
} NodePairs;

extern int	graph_pairs_sort(WPair *pairs, int n);
extern WPair *graph_map_pairs(List *nodes, ObjKind kind, int count, int *n);
extern void graph_node_pairs(GNode *node, bool with_name, NodePairs *np);
extern void graph_node_pairs_free(NodePairs *np);

/* graph_from_snapshot.c: the loaded graph made beside the document */
extern Graph *graph_loaded_begin(Graph *snap, MemoryContext parent);
extern bool graph_adopt_node(Graph *g, GNode *src, bool with_name,
							 NodePairs *np, int n);
extern void graph_loaded_end(Graph *g);

/* graph.c: the map of a loaded document's nodes by key */
extern char *graph_key_join(const char *label, const char *a, const char *b);
extern void graph_keys_create(Graph *g, uint32 nelements);
extern void graph_register_key(Graph *g, GNode *node);
extern void graph_register_keys(Graph *g, GNode **nodes, const uint32 *hashes,
								uint32 n);
extern GNode *graph_find_len(Graph *g, const char *key, size_t len);
extern GNode *graph_find_hashed(Graph *g, const char *key, uint32 hash);
extern void graph_prefetch_key(Graph *g, uint32 hash);
extern GNode *graph_add_node_named(Graph *g, ObjKind kind, const ObjAddr *addr,
								   char *name, GNode *schema, GNode *parent);

#endif							/* PGM_GRAPH_INT_H */
