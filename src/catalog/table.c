/*-------------------------------------------------------------------------
 *
 * table.c
 *	  Tables, partitioned or not: persistence, partitioning, inheritance,
 *	  typed tables, row level security, options (its TOAST table's as
 *	  "toast.name=value"), replica identity, access
 *	  method, tablespace, comment and privileges.  Columns, constraints, indexes,
 *	  triggers and policies are children read by their own handlers.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_class.h"
#include "catalog/pg_index.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"

/* A row of pg_inherits. */
typedef struct InhRow
{
	Oid			relid;
	Oid			parent;
	int32		seqno;
} InhRow;

static int
cmp_inhrow(const void *a, const void *b)
{
	const InhRow *ia = a;
	const InhRow *ib = b;

	if (ia->relid != ib->relid)
		return ia->relid < ib->relid ? -1 : 1;
	return (ia->seqno > ib->seqno) - (ia->seqno < ib->seqno);
}

/* pg_inherits, sorted by child and position; *n rows. */
static InhRow *
read_inherits(int *n)
{
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	int			max = 64;
	InhRow	   *rows = palloc(sizeof(InhRow) * max);

	*n = 0;
	rel = table_open(InheritsRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, snap_scan_snapshot(), 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_inherits inh = (Form_pg_inherits) GETSTRUCT(tup);

		if (*n == max)
		{
			max *= 2;
			rows = repalloc_huge(rows, sizeof(InhRow) * max);
		}
		rows[*n].relid = inh->inhrelid;
		rows[*n].parent = inh->inhparent;
		rows[*n].seqno = inh->inhseqno;
		(*n)++;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	if (*n > 1)
		qsort(rows, *n, sizeof(InhRow), cmp_inhrow);
	return rows;
}

/* The parents of a relation, by position (bsearch in the sorted rows). */
static List *
parents_of(InhRow *rows, int n, Oid relid)
{
	int			lo = 0,
				hi = n;
	List	   *parents = NIL;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (rows[mid].relid < relid)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && rows[lo].relid == relid; lo++)
		parents = lappend_oid(parents, rows[lo].parent);
	return parents;
}

static int
cmp_option(const ListCell *a, const ListCell *b)
{
	return strcmp((const char *) lfirst(a), (const char *) lfirst(b));
}

/*
 * "options": the table's storage parameters and its TOAST table's as
 * "toast.name=value", sorted, internal ("pg_") ones left out.
 */
static void
add_table_options(Graph *g, GNode *node, SnapRel *r)
{
	SnapRel    *toast = OidIsValid(r->reltoastrelid) ?
		snap_relation(g, r->reltoastrelid) : NULL;
	Datum		toastopts = toast ? toast->reloptions : (Datum) 0;
	List	   *texts = NIL;
	Datum	   *elems;
	int			n;
	ListCell   *lc;

	if (r->reloptions == (Datum) 0 && toastopts == (Datum) 0)
		return;
	elems = snap_array(r->reloptions, TEXTOID, &n);
	for (int i = 0; i < n; i++)
		texts = lappend(texts, TextDatumGetCString(elems[i]));
	elems = snap_array(toastopts, TEXTOID, &n);
	for (int i = 0; i < n; i++)
		texts = lappend(texts, psprintf("toast.%s", TextDatumGetCString(elems[i])));
	foreach(lc, texts)
	{
		if (strncmp((char *) lfirst(lc), "pg_", 3) == 0)
			texts = foreach_delete_current(texts, lc);
	}
	if (texts == NIL)
		return;
	list_sort(texts, cmp_option);
	gnode_add_strings(node, "options", texts);
}

/* The name of the index a table's replica identity uses. */
static char *
replica_identity_index(Graph *g, Oid relid)
{
	ListCell   *lc;

	foreach(lc, snap_indexes(g))
	{
		SnapRel    *r = lfirst(lc);
		Form_pg_index ind = (Form_pg_index) GETSTRUCT(r->index);

		if (ind->indrelid == relid && ind->indisreplident)
			return NameStr(r->relname);
	}
	return NULL;
}

static void
table_load(Graph *g, SnapRel *r, GNode *schema, InhRow *inh, int ninh)
{
	ObjAddr		addr = {RelationRelationId, r->oid, 0};
	ObjAddr		type = {TypeRelationId, InvalidOid, 0};
	GNode	   *node;
	const char *comment;
	List	   *parents;

	node = graph_add_node(g, OBJ_TABLE, &addr, NameStr(r->relname), schema, schema);
	snap_use_schema_path(g, schema);

	gnode_add_string(node, "persistence",
					 r->relpersistence == RELPERSISTENCE_UNLOGGED ? "unlogged" : "permanent");
	gnode_add_bool(node, "row_security", r->relrowsecurity);
	gnode_add_bool(node, "force_row_security", r->relforcerowsecurity);
	add_table_options(g, node, r);
	switch (r->relreplident)
	{
		case REPLICA_IDENTITY_NOTHING:
			gnode_add_string(node, "replica_identity", "nothing");
			break;
		case REPLICA_IDENTITY_FULL:
			gnode_add_string(node, "replica_identity", "full");
			break;
		case REPLICA_IDENTITY_INDEX:
			gnode_add_string(node, "replica_identity", "index");
			gnode_add_string(node, "replica_identity_index",
							 replica_identity_index(g, r->oid));
			break;
	}
	if (OidIsValid(r->relam))
	{
		char	   *am = get_am_name(r->relam);

		if (am != NULL && strcmp(am, "heap") != 0)
			gnode_add_string(node, "access_method", am);
	}
	snap_add_tablespace(node, r->reltablespace);
	parents = ninh > 0 ? parents_of(inh, ninh, r->oid) : NIL;
	if (parents != NIL)
	{
		List	   *names = NIL;
		ListCell   *lc;

		foreach(lc, parents)
			names = lappend(names, snap_relation_name(g, lfirst_oid(lc)));
		if (r->relispartition)
			gnode_add_string(node, "partition_of", linitial(names));
		else
			gnode_add_strings(node, "inherits", names);
	}
	if (OidIsValid(r->reloftype))
		gnode_add_string(node, "of_type",
						 DatumGetCString(DirectFunctionCall1(regtypeout,
															 ObjectIdGetDatum(r->reloftype))));
	comment = snap_comment(g, RelationRelationId, r->oid, 0);
	if (comment != NULL)
		gnode_add_string(node, "comment", comment);
	if (r->relacl != (Datum) 0)
		snap_add_privileges(node, r->relacl, r->relowner);

	if (r->relkind == RELKIND_PARTITIONED_TABLE)
		gnode_add_string(node, "partition_by",
						 deparse_call(pg_get_partkeydef, 1,
									  ObjectIdGetDatum(r->oid), 0, 0));
	gnode_add_string(node, "partition_bound",
					 deparse_expr(r->relpartbound, r->oid));

	/* the row type and its array are this table */
	pgm_register_relation(g, r->oid, node->name, r->relnatts);
	if (OidIsValid(type.objid = r->reltype))
	{
		graph_add_alias(g, &type, node);
		if (OidIsValid(type.objid = snap_type_array(g, r->reltype)))
			graph_add_alias(g, &type, node);
	}
}

/*
 * The tables of the scope, from the pg_class rows read once for the
 * snapshot, but those of extensions.
 */
static uint64
table_scan(Graph *g)
{
	MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext,
												 "pg_migrate row",
												 ALLOCSET_DEFAULT_SIZES);
	MemoryContext old;
	List	   *rels = snap_relations(g);
	int			ninh;
	InhRow	   *inh = read_inherits(&ninh);
	ListCell   *lc;
	uint64		n = 0;

	old = MemoryContextSwitchTo(rowcxt);
	foreach(lc, rels)
	{
		SnapRel    *r = lfirst(lc);
		GNode	   *schema;

		if (r->relkind != RELKIND_RELATION && r->relkind != RELKIND_PARTITIONED_TABLE)
			continue;
		schema = snap_schema(g, r->relnamespace);
		if (schema == NULL || snap_extension_member(g, RelationRelationId, r->oid))
			continue;
		table_load(g, r, schema, inh, ninh);
		MemoryContextReset(rowcxt);
		n++;
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(rowcxt);
	pfree(inh);
	return n;
}

const SnapHandler pgm_table_handler = {
	.kind = OBJ_TABLE,
	.classid = RelationRelationId,
	.scan = table_scan,
};
