/*-------------------------------------------------------------------------
 *
 * handlers.h
 *	  One handler per object kind: how its objects are read from the
 *	  catalogs into the object graph.
 *
 * A handler is a set-based catalog query and an optional callback.  The
 * query returns one row per object, for all schemas of the snapshot at once
 * ($1 is the oid[] of those schemas, $2 is true when every schema is
 * in scope, $3 the oid[] of candidate objects, see candidates below), and
 * runs with search_path = pg_catalog, pg_temp.  Kinds with many objects
 * (tables, columns, constraints, indexes) scan the catalogs themselves
 * instead (scan below).  Its columns
 * follow one convention:
 *
 *	_oid		the object's oid (with _subid, a column's attnum)
 *	_name		its name
 *	_nsp		the schema it lives in (objects of a schema)
 *	_parent		the relation it belongs to (columns, constraints, ...)
 *	_parent_type the type it belongs to (domain constraints)
 *	_*			anything else the callback needs, not written out
 *	other		attributes, written out under the column's name; NULLs are
 *				left out.  Arrays become jsonb arrays of strings, reg*
 *				values are written relative to the object's schema.
 *
 * The callback runs with search_path = <object's schema>, pg_catalog, so
 * that what it deparses names objects of that schema unqualified.
 *
 * Adding a kind: one file here, one entry in handlers.c, one ObjKind.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_HANDLERS_H
#define PGM_HANDLERS_H

#include "graph.h"

#include "access/genam.h"
#include "access/htup.h"
#include "access/htup_details.h"
#include "access/xlogdefs.h"
#include "access/tupdesc.h"
#include "catalog/pg_sequence.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "storage/buf.h"
#include "utils/snapshot.h"

/* Column numbers already looked up, by the address of the name asked for. */
#define SNAPROW_CACHE 48

/*
 * What the handlers read once per snapshot and keep while it runs (a
 * graph's "snap", allocated with the graph by snapshot.c; a graph loaded
 * from a document has none).
 */
typedef struct SnapCache
{
	HTAB	   *relinfo;		/* relid -> column names, for
								 * deparsing */
	List	   *pending;		/* work a handler finishes */
	MemoryContext pending_cxt;	/* where that work is kept, or NULL */
	struct GNode *path_schema;	/* the schema search_path is set
								 * to, NULL for the catalog search_path */
	AddrMap    *comments;		/* pg_description, read once */
	AddrMap    *rels;			/* pg_class rows of the scope */
	List	   *relations;		/* those rows, in pg_class order */
	List	   *indexes;		/* their pg_index rows */
	AddrMap    *typarrays;		/* array types of the scope */
	List	   *usertypes;		/* oids of types a type.c reads */
	List	   *basetypes;		/* oids of types basetype.c reads */
	HTAB	   *deparsed;		/* expressions deparsed already */
	Oid			last_nsp;		/* the last schema looked up */
	struct GNode *last_schema;	/* and its node (snap_schema) */
	AddrMap    *ext_objects;	/* objects of any extension */
	AddrMap    *attoptions;		/* attoptions of index columns */
	AddrMap    *stattargets;	/* statistics targets of index columns
								 * (indexstats.c) */
	AddrMap    *sequences;		/* sequence.c: SnapSequence by oid, and by
								 * column for identity and owned sequences */
	List	   *owned;			/* sequences with an OWNED BY to write */
	void	   *last_relinfo;	/* relinfo's entry found last */
	HTAB	   *acls;			/* privileges made of an acl, by its bytes
								 * (snap_add_privileges()) */
	bool		few_relations;	/* the scope holds few of the database's
								 * relations: their columns are read by
								 * the indexes (snap_relation_rows()) */
	XLogRecPtr	since;			/* valid: every row of the scope was written
								 * since, whole scans read only the pages
								 * written since (snap_scan_begin()) */
} SnapCache;

typedef struct SnapColCache
{
	int			n;
	const char *names[SNAPROW_CACHE];
	int			fnos[SNAPROW_CACHE];
} SnapColCache;

typedef struct SnapRow
{
	HeapTuple	tuple;
	TupleDesc	desc;
	Graph	   *graph;
	SnapColCache *cols;			/* shared by the rows of one query */
} SnapRow;

typedef void (*SnapLoadFn) (SnapRow *row, GNode *node);

typedef struct SnapHandler
{
	ObjKind		kind;
	Oid			classid;		/* catalog holding objects of this kind */
	const char *query;			/* NULL when scan is set */
	SnapLoadFn	load;			/* NULL: the query says everything */
	void		(*finish) (Graph *g);	/* after the last row, if set */
	/*
	 * Instead of a query: read the catalogs directly (kinds with many
	 * objects, where SPI's rows cost more than the work on them).  Returns
	 * the number of objects added.
	 */
	uint64		(*scan) (Graph *g);
	/*
	 * For a query: the oid[] of the candidate objects, passed as $3, so
	 * that the query reads those rows by their oid instead of scanning a
	 * whole catalog (NULL: $3 is NULL).
	 */
	Datum		(*candidates) (Graph *g);
} SnapHandler;

/* In load order (parents before children); NULL-terminated. */
extern const SnapHandler *const pgm_snapshot_handlers[];

extern const SnapHandler pgm_schema_handler;
extern const SnapHandler pgm_extension_handler;
extern const SnapHandler pgm_collation_handler;
extern const SnapHandler pgm_type_handler;
extern const SnapHandler pgm_basetype_handler;
extern const SnapHandler pgm_function_handler;
extern const SnapHandler pgm_table_handler;
extern const SnapHandler pgm_sequence_handler;
extern const SnapHandler pgm_view_handler;
extern const SnapHandler pgm_matview_handler;
extern const SnapHandler pgm_column_handler;
extern const SnapHandler pgm_constraint_handler;
extern const SnapHandler pgm_index_handler;
extern const SnapHandler pgm_trigger_handler;
extern const SnapHandler pgm_policy_handler;
extern const SnapHandler pgm_rule_handler;
extern const SnapHandler pgm_statistics_handler;
extern const SnapHandler pgm_defacl_handler;
extern const SnapHandler pgm_defaclglobal_handler;
extern const SnapHandler pgm_aggregate_handler;
extern const SnapHandler pgm_operator_handler;
extern const SnapHandler pgm_opfamily_handler;
extern const SnapHandler pgm_opclass_handler;
extern const SnapHandler pgm_cast_handler;
extern const SnapHandler pgm_tsparser_handler;
extern const SnapHandler pgm_tstemplate_handler;
extern const SnapHandler pgm_tsdict_handler;
extern const SnapHandler pgm_tsconfig_handler;
extern const SnapHandler pgm_fdw_handler;
extern const SnapHandler pgm_server_handler;
extern const SnapHandler pgm_usermapping_handler;
extern const SnapHandler pgm_foreigntable_handler;
extern const SnapHandler pgm_publication_handler;
extern const SnapHandler pgm_eventtrigger_handler;
extern const SnapHandler pgm_conversion_handler;
extern const SnapHandler pgm_language_handler;
extern const SnapHandler pgm_accessmethod_handler;

/* Reading the current row (handlers.c). */
/*
 * The snapshot the direct catalog scans read with: the statement's active
 * snapshot, the one the handlers' SPI queries (run read-only) see too, so
 * that one document is one point in time even under REPEATABLE READ while
 * DDL commits around it.  NULL (the latest catalog snapshot) only when no
 * snapshot is active.
 */
extern Snapshot snap_scan_snapshot(void);

/* A scan of a whole catalog, or of its pages written since (handlers.c). */
typedef struct SnapScan
{
	Relation	rel;
	SysScanDesc scan;			/* the whole catalog, or NULL */
	XLogRecPtr	since;			/* else: the pages written since */
	Snapshot	snapshot;
	bool		registered;		/* snapshot registered by the scan */
	BlockNumber nblocks;
	BlockNumber blk;			/* the next block to read */
	Buffer		buf;			/* the page whose rows are returned */
	Buffer		vmbuf;
	int			ntuples;		/* its visible rows */
	int			next;
	HeapTupleData tuples[MaxHeapTuplesPerPage];
} SnapScan;

extern void snap_scan_begin(SnapScan *s, Graph *g, Relation rel);
extern HeapTuple snap_scan_next(SnapScan *s);
extern void snap_scan_end(SnapScan *s);

extern bool row_has(SnapRow *row, const char *col);
extern Datum row_datum(SnapRow *row, const char *col, bool *isnull);
extern Oid	row_oid(SnapRow *row, const char *col);
extern int32 row_int(SnapRow *row, const char *col);
extern bool row_bool(SnapRow *row, const char *col);
extern char *row_text(SnapRow *row, const char *col);

/* Calling a deparse function of ruleutils.c; NULL if it returns NULL. */
extern char *deparse_call(PGFunction fn, int nargs, Datum arg1, Datum arg2,
						  Datum arg3);
extern char *deparse_expr(const char *nodetree, Oid relid);
extern void pgm_register_relation(Graph *g, Oid relid, const char *relname,
								  int natts);
extern void snap_note_collation(Graph *g, Oid relid, int16 attnum,
								Oid collation);
extern bool snap_column_collation(Graph *g, Oid relid, int16 attnum,
								  Oid *collation);
extern char *deparse_rel_expr(Graph *g, const char *nodetree, Oid relid);
extern char *deparse_rel_node(Graph *g, Node *expr, Oid relid);
extern void **snap_deparsed(Graph *g, const char *tree, Oid relid, int variant,
							bool *found);
extern Datum *row_array(SnapRow *row, const char *col, Oid elemtype, int *n);
extern void append_storage_options(StringInfo buf, Datum *options, int n);
extern void append_options(StringInfo buf, const char *open, Datum *options,
						   int n);
extern void append_column_list(StringInfo buf, Graph *g, Oid relid,
							   Datum *attnums, int from, int to);

/* For handlers that scan the catalogs themselves (handlers.c). */
extern void snap_use_schema_path(Graph *g, GNode *schema);
extern const char *snap_comment(Graph *g, Oid classoid, Oid objoid,
								int32 subid);
extern void snap_add_privileges(GNode *node, Datum acl, Oid owner);
extern void snap_add_array(GNode *node, const char *key, Datum value);
extern void snap_add_tablespace(GNode *node, Oid spcoid);

/*
 * The pg_class row of a relation of the scope, and for an index its
 * pg_index row: all read in one scan of each catalog, on first use.
 */
typedef struct SnapRel
{
	Oid			oid;
	NameData	relname;
	Oid			relnamespace;
	Oid			reltype;
	Oid			reloftype;
	Oid			relowner;
	Oid			relam;
	Oid			reltablespace;	/* 0: the database's default */
	Oid			reltoastrelid;
	int16		relnatts;
	char		relkind;
	char		relpersistence;
	char		relreplident;
	bool		relrowsecurity;
	bool		relforcerowsecurity;
	bool		relispartition;
	Datum		reloptions;		/* text[], or 0 when NULL */
	Datum		relacl;			/* aclitem[], or 0 when NULL */
	char	   *relpartbound;	/* a partition's bound (node tree), or NULL */
	HeapTuple	index;			/* an index's pg_index row, or NULL */
	bool		of_constraint;	/* an index that a constraint owns */
} SnapRel;

/* A sequence of the scope: its pg_sequence row and dependencies. */
typedef struct SnapSequence
{
	Oid			oid;
	bool		has_row;		/* its pg_sequence row was found */
	FormData_pg_sequence row;
	bool		internal;		/* an identity sequence (deptype 'i') */
	Oid			owned_rel;		/* OWNED BY (deptype 'a' on a column), */
	int32		owned_att;		/* or InvalidOid */
	struct GNode *node;			/* its node, once sequence.c made it */
	bool		owned_done;		/* "owned_by" written (by column.c) */
	struct SnapSequence *next_owned;	/* another of the same column */
} SnapSequence;

extern SnapSequence *snap_sequence(Graph *g, Oid seqid);
extern Oid	snap_identity_sequence(Graph *g, Oid relid, int16 attnum);
extern void snap_owned_by(Graph *g, Oid relid, int16 attnum,
						  const char *attname);
extern void snap_owned_by_rest(Graph *g);

extern GNode *snap_schema(Graph *g, Oid nspoid);
extern bool snap_wanted(Graph *g, Oid classid, Oid objid);
extern SysScanDesc snap_scan_key(Relation rel, Oid indexoid, AttrNumber keycol,
								 Oid value);

/*
 * The rows of a catalog a handler reads: the whole catalog, or in a
 * partial snapshot the rows of the objects it wants, one index scan per
 * key (snap_scan_key()) in turn.  Scans live in the memory context
 * current at snap_rows_begin().
 */
typedef struct SnapRowKey
{
	Oid			indexoid;
	AttrNumber	keycol;
	Oid			value;
} SnapRowKey;

typedef struct SnapRows
{
	Relation	rel;
	SysScanDesc scan;			/* the one running, or NULL */
	struct SnapScan *whole;		/* or the whole catalog's */
	List	   *keys;			/* partial: of SnapRowKey *, NIL: whole */
	ListCell   *next;			/* the key to scan next */
	MemoryContext cxt;
} SnapRows;

extern List *snap_relation_keys(Graph *g, List *keys, Oid indexoid,
								AttrNumber keycol);
extern void snap_rows_begin(SnapRows *rows, Graph *g, Relation rel, List *keys);
extern void snap_relation_rows(SnapRows *rows, Graph *g, Relation rel,
							   Oid indexoid, AttrNumber keycol);
extern HeapTuple snap_rows_next(SnapRows *rows);
extern SnapRel *snap_relation(Graph *g, Oid relid);
extern List *snap_relations(Graph *g);
extern List *snap_indexes(Graph *g);
extern Oid	snap_type_array(Graph *g, Oid typid);
extern Datum snap_relation_oids(Graph *g, char relkind);
extern Datum snap_type_oids(Graph *g);
extern Datum snap_basetype_oids(Graph *g);
extern bool snap_extension_member(Graph *g, Oid classid, Oid objid);
extern Datum *snap_array(Datum array, Oid elemtype, int *n);
extern char *snap_relation_name(Graph *g, Oid relid);
extern void snap_keep_attoptions(Graph *g, Oid relid, int16 attnum,
								 Datum options);
extern bool snap_has_attoptions(Graph *g, Oid relid);
extern Datum snap_attoptions(Graph *g, Oid relid, int16 attnum);
extern void snap_keep_index_stattarget(Graph *g, Oid relid, int16 attnum,
									   int32 target);
extern List *snap_index_stattargets(Graph *g, Oid relid);

/* Names of functions and operators relative to a schema (objnames.c). */
extern char *snap_proc_name(Oid procoid, GNode *schema);
extern char *snap_proc_signature(Oid procoid, GNode *schema);
extern char *snap_oper_name(Oid oproid, GNode *schema);

/* A relation's row type and its array are aliases of it (handlers.c). */
extern void pgm_alias_rowtype(SnapRow *row, GNode *node);

/*
 * SQL fragments shared by the queries.
 *
 * PGM_SQL_COMMENT(classname, oidexpr): the object's comment.
 * PGM_SQL_ACL(acl, kind, owner, default_json): privileges as
 *	{"grantee": ["PRIVILEGE", ...]}, the owner's own left out (they follow
 *	ownership, which a snapshot does not record); a NULL acl (the defaults
 *	of acldefault(kind, owner)) gives default_json, one of PGM_ACL_DEFAULT_*.
 * PGM_SQL_NOT_EXTENSION_MEMBER(classname, oidexpr): excludes objects that
 *	belong to an extension.
 */
#define PGM_SQL_COMMENT(classname, oidexpr) \
	"(SELECT d.description FROM pg_description d " \
	" WHERE d.objoid = " oidexpr \
	"   AND d.classoid = '" classname "'::regclass AND d.objsubid = 0)"

#define PGM_SQL_ACL(acl, kind, owner, default_json) \
	"CASE WHEN " acl " IS NULL THEN " default_json " ELSE" \
	" (SELECT jsonb_object_agg(g.grantee, g.privs) FROM (" \
	"   SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC'" \
	"               ELSE a.grantee::regrole::text END AS grantee," \
	"          jsonb_agg(DISTINCT (a.privilege_type" \
	"                    || CASE WHEN a.is_grantable" \
	"                            THEN ' WITH GRANT OPTION' ELSE '' END)" \
	"                    COLLATE \"C\") AS privs" \
	"     FROM aclexplode(" acl ") a" \
	"    WHERE a.grantee <> " owner \
	"    GROUP BY 1) g) END"

/* What a NULL acl means, owner left out (acldefault() of each kind). */
#define PGM_ACL_DEFAULT_NONE "NULL::jsonb"
#define PGM_ACL_DEFAULT_EXECUTE "'{\"PUBLIC\": [\"EXECUTE\"]}'::jsonb"
#define PGM_ACL_DEFAULT_USAGE "'{\"PUBLIC\": [\"USAGE\"]}'::jsonb"

#define PGM_SQL_NOT_EXTENSION_MEMBER(classname, oidexpr) \
	"NOT EXISTS (SELECT 1 FROM pg_depend dx " \
	"  WHERE dx.classid = '" classname "'::regclass AND dx.objid = " oidexpr \
	"    AND dx.deptype = 'e')"

#endif							/* PGM_HANDLERS_H */
