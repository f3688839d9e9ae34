/*-------------------------------------------------------------------------
 *
 * graph.h
 *	  The object graph: one node per database object, with its identity,
 *	  its attributes, its children and the objects it depends on.
 *
 * A snapshot fills a graph from the catalogs and writes it out as jsonb;
 * the diff reads documents back into graphs.  Nothing else looks inside
 * the document.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_GRAPH_H
#define PGM_GRAPH_H

#include "pg_migrate.h"

#include "utils/hsearch.h"

/*
 * Object kinds, in the order their handlers load them: a kind is loaded
 * after the kinds its objects can be children of.
 */
typedef enum ObjKind
{
	OBJ_SCHEMA,
	OBJ_EXTENSION,
	OBJ_COLLATION,
	OBJ_TYPE,
	OBJ_FUNCTION,
	OBJ_TABLE,
	OBJ_SEQUENCE,
	OBJ_VIEW,
	OBJ_MATVIEW,
	OBJ_COLUMN,
	OBJ_CONSTRAINT,
	OBJ_INDEX,
	OBJ_TRIGGER,
	OBJ_POLICY,
	OBJ_RULE,
	OBJ_STATISTICS,
	OBJ_DEFACL,					/* default privileges of a role (and schema) */
	OBJ_AGGREGATE,
	OBJ_OPERATOR,
	OBJ_OPFAMILY,
	OBJ_OPCLASS,
	OBJ_CAST,
	OBJ_TSPARSER,
	OBJ_TSTEMPLATE,
	OBJ_TSDICT,
	OBJ_TSCONFIG,
	OBJ_FDW,
	OBJ_SERVER,
	OBJ_USERMAPPING,
	OBJ_FOREIGN_TABLE,
	OBJ_PUBLICATION,
	OBJ_EVENT_TRIGGER,
	OBJ_CONVERSION,
	OBJ_LANGUAGE,
	OBJ_ACCESS_METHOD,
	OBJ_UNMODELED,				/* an object no handler models (unmodeled.c) */
	OBJ_NKINDS
} ObjKind;

/* What the document and the diff need to know about a kind. */
typedef struct ObjKindInfo
{
	const char *label;			/* singular, used in references: "table" */
	const char *section;		/* key of the map (or array) holding them */
	bool		is_array;		/* children kept in order (columns) */
	bool		schema_scoped;	/* name unique in its schema (indexes), not
								 * only in its parent */
} ObjKindInfo;

extern const ObjKindInfo pgm_kinds[OBJ_NKINDS];

/*
 * The kinds whose objects of no schema are database-wide, written at the
 * top level of "all" documents under their section (graph.c).
 */
#define PGM_NGLOBAL_KINDS 9
extern const ObjKind pgm_global_kinds[PGM_NGLOBAL_KINDS];

/* A catalog address, as pg_depend writes it. */
typedef struct ObjAddr
{
	Oid			classid;
	Oid			objid;
	int32		subid;
} ObjAddr;

/* One attribute of a node: a key and a scalar or jsonb container value. */
typedef struct GAttr
{
	char	   *key;
	JsonbValue	value;
} GAttr;

typedef struct GNode
{
	ObjKind		kind;
	ObjAddr		addr;			/* snapshots: its catalog address (0s when
								 * loaded from a document) */
	char	   *name;			/* identity in its scope, unquoted; a
								 * function's is "name(identity args)" */
	char	   *refname;		/* quoted identity relative to its schema:
								 * "polls", "polls.id", "f(integer)" */
	struct GNode *schema;		/* schema the object lives in, or NULL */
	struct GNode *parent;		/* table or type for children, else schema */
	List	   *attrs;			/* of GAttr * */
	List	   *children;		/* of GNode *, in load order */
	List	   *deps;			/* of GNode *, what this object needs */
	List	   *depnames;		/* loaded documents: the references */
	List	   *dependents;		/* loaded documents: inverse of deps */
	char	   *key;			/* absolute identity, see gnode_key() */
	struct Graph *graph;		/* the graph it belongs to */
	struct GNode *twin;			/* graph_find_node()'s last answer, */
	uint64		twin_serial;	/* for the graph of this serial */
	void	   *diffstate;		/* diff.c: its state in the diff running, or
								 * NULL (cleared when that diff ends) */
} GNode;

/* A map keyed by catalog address (graph_addrmap.c). */
typedef struct AddrMap AddrMap;

extern AddrMap *addrmap_new(MemoryContext cxt, uint32 nelements);
extern void addrmap_reserve(AddrMap *map, uint32 n);
extern void **addrmap_enter(AddrMap *map, Oid classid, Oid objid, int32 subid,
							bool *found);
extern void *addrmap_get(AddrMap *map, Oid classid, Oid objid, int32 subid);

typedef struct Graph
{
	MemoryContext cxt;
	uint64		serial;			/* unique in the backend, from 1 */
	AddrMap    *byaddr;			/* ObjAddr -> GNode * (and aliases) */
	AddrMap    *extmembers;		/* ObjAddr -> extension GNode * */
	List	   *schemas;		/* of GNode * */
	List	   *extensions;		/* of GNode * */
	List	   *unmodeled;		/* of GNode *: database-wide objects that no
								 * handler models ("all" documents) */
	List	   *globals;		/* of GNode *: database-wide objects of the
								 * modelled kinds ("all" documents): casts,
								 * default privileges of no schema, ... */
	uint32		nnodes;			/* nodes added so far */
	bool		scope_all;		/* every user schema, or those named */
	List	   *scope;			/* of char *: the schema names asked for */
	struct keymap_hash *bykey;	/* loaded documents: key -> GNode * */
	int			ndangling;		/* loaded documents: references naming no
								 * object of the document, and empty
								 * depends_on (what model_prune_refs()
								 * leaves out) */
	struct SnapCache *snap;		/* snapshots: what the catalog handlers read
								 * once (catalog/handlers.h) */
	AddrMap    *only;			/* partial snapshots: the top-level objects
								 * to read (snapshot_build_partial()) */
	List	   *only_list;		/* the same, of ObjAddr * */
	struct Graph *before;		/* partial snapshots: the whole snapshot it
								 * completes, for references out of it */
	AddrMap    *unmodeled_cands;	/* snapshots: objects of the scope no
									 * handler read (catalog/unmodeled.c) */
	List	   *unmodeled_list;	/* the same, in the order they were found */
} Graph;

extern Graph *graph_create(MemoryContext parent, bool only_grows);
extern GNode *graph_add_node(Graph *g, ObjKind kind, const ObjAddr *addr,
							 const char *name, GNode *schema, GNode *parent);
extern void graph_add_alias(Graph *g, const ObjAddr *addr, GNode *node);
extern void graph_reserve(Graph *g, uint32 n);
extern GNode *graph_lookup(Graph *g, Oid classid, Oid objid, int32 subid);
extern GNode *graph_find(Graph *g, const char *key);
extern GNode *graph_find_node(Graph *g, GNode *node);
extern void graph_add_member(Graph *g, Oid classid, Oid objid, GNode *ext);
extern GNode *graph_lookup_member(Graph *g, Oid classid, Oid objid);
extern void graph_set_refname(GNode *node, const char *quoted_name);
extern char *graph_kind_refname(ObjKind kind, const char *name);

extern void gnode_add_attr(GNode *node, const char *key, const JsonbValue *v);
extern void gnode_add_string(GNode *node, const char *key, const char *value);
extern void gnode_add_bool(GNode *node, const char *key, bool value);
extern void gnode_add_int(GNode *node, const char *key, int64 value);
extern void gnode_add_strings(GNode *node, const char *key, List *values);
extern void gnode_add_built(GNode *node, const char *key, JsonbValue *built);
extern void gnode_add_dep(GNode *node, GNode *dep);

extern char *gnode_ref(const GNode *from, const GNode *to);
extern Jsonb *graph_to_jsonb(Graph *g);
extern Jsonb *graph_merge_document(Jsonb *base, Graph *partial, HTAB *replaced,
								   bool shadow);
extern HTAB *graph_replaced_create(MemoryContext cxt);
extern HTAB *pgm_string_set_create(const char *name, long nelem,
								   MemoryContext cxt);
extern void graph_replaced_add(HTAB *replaced, GNode *top);

/* graph.c: reading a loaded node */
extern const JsonbValue *gnode_attr(const GNode *node, const char *key);
extern char *gnode_str(const GNode *node, const char *key);
extern char *gnode_str_req(const GNode *node, const char *key);
extern bool gnode_bool(const GNode *node, const char *key);
extern int64 gnode_int(const GNode *node, const char *key, int64 dflt);
extern char *gnode_attr_text(const GNode *node, const char *key);
extern bool gnode_attr_equal(const GNode *a, const GNode *b, const char *key);
extern bool jbv_identical(const JsonbValue *a, const JsonbValue *b);
extern List *gnode_strings(const GNode *node, const char *key);
extern char *gnode_qualname(const GNode *node);
extern char *gnode_key(const GNode *node);
extern const char *gnode_quoted_schema(const GNode *node);
extern List *gnode_children(const GNode *node, ObjKind kind);

/* graph.c: a document back into a graph (errors 22023 on a bad one) */
extern Graph *graph_from_jsonb(Jsonb *doc, const char *what,
							   MemoryContext parent);

/*
 * graph_write.c, graph_from_snapshot.c: a snapshot's document and the
 * graph it reads back into, made as it is written
 */
extern Jsonb *graph_to_jsonb_loaded(Graph *snap, MemoryContext parent,
									Graph **loaded);
extern char *graph_loaded_difference(Graph *a, Graph *b);

/* graph_compare.c: documents compared as the diff sees them */
extern bool graph_documents_equal(Jsonb *a, Jsonb *b);
extern char *graph_documents_difference(Jsonb *a, Jsonb *b);

/* docread.c: the strict reader of documents (22023 naming the bad value) */
extern void docread_check(Jsonb *doc, const char *what);

#endif							/* PGM_GRAPH_H */
