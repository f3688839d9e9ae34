/*-------------------------------------------------------------------------
 *
 * snapshot.c
 *	  migrate_snapshot(): the live schema, read from the catalogs, as one
 *	  canonical jsonb document (docs/snapshot-format.md).
 *
 * Each object kind is read by its handler (src/catalog/) in one set-based
 * query over every schema in scope; the dependencies of all objects come
 * from one scan of pg_depend.  Both fill the object graph (graph.c), which
 * is then written out.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "catalog/pg_class.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_proc.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "portability/instr_time.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/syscache.h"

#include "catalog/handlers.h"
#include "snapshot.h"
#include "unmodeled.h"

PG_FUNCTION_INFO_V1(migrate_snapshot);

/* What the generic row reader does with one column of a handler query. */
typedef enum ColConv
{
	CONV_HIDDEN,				/* name starts with "_" */
	CONV_BOOL,
	CONV_INT,
	CONV_NUMBER,				/* float or numeric: through numeric_in */
	CONV_JSONB,
	CONV_ARRAY,					/* array: jsonb array of element texts */
	CONV_TEXT					/* anything else: its output function */
} ColConv;

/* Is this schema one the snapshot never looks at? */
static bool
is_system_schema(const char *name)
{
	return strcmp(name, "pg_catalog") == 0 ||
		strcmp(name, "information_schema") == 0 ||
		strncmp(name, "pg_toast", 8) == 0 ||
		strncmp(name, "pg_temp_", 8) == 0;
}

/*
 * The schemas of the snapshot: every user schema (schemas = NULL), or those
 * named, each of which must exist and be a user schema.
 */
static List *
resolve_scope(Graph *g, ArrayType *schemas)
{
	List	   *oids = NIL;

	if (schemas == NULL)
	{
		int			ret;

		g->scope_all = true;
		ret = SPI_execute("SELECT n.oid FROM pg_namespace n"
						  " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
						  "   AND n.nspname !~ '^pg_(toast|temp_)'"
						  "   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_namespace", "n.oid"),
						  true, 0);
		pgm_spi_check(ret, SPI_OK_SELECT, "schema query");
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			bool		isnull;
			Datum		d = SPI_getbinval(SPI_tuptable->vals[i],
										  SPI_tuptable->tupdesc, 1, &isnull);

			oids = lappend_oid(oids, DatumGetObjectId(d));
		}
		SPI_freetuptable(SPI_tuptable);
		return oids;
	}

	{
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		g->scope_all = false;
		deconstruct_array(schemas, NAMEOID, NAMEDATALEN, false, TYPALIGN_CHAR,
						  &elems, &nulls, &n);
		for (int i = 0; i < n; i++)
		{
			char	   *name;
			Oid			nsp;

			if (nulls[i])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("schema name %d of the list is null", i + 1),
						 errhint("Pass NULL instead of the array to take every user schema.")));
			name = NameStr(*DatumGetName(elems[i]));
			nsp = get_namespace_oid(name, true);
			if (!OidIsValid(nsp))
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_SCHEMA),
						 errmsg("schema \"%s\" does not exist", name)));
			if (is_system_schema(name))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("schema \"%s\" is a system schema", name),
						 errdetail("A snapshot covers user schemas only.")));
			if (getExtensionOfObject(NamespaceRelationId, nsp) != InvalidOid)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("schema \"%s\" belongs to an extension", name),
						 errdetail("Objects of extensions are never part of a snapshot.")));
			if (!list_member_oid(oids, nsp))
			{
				oids = lappend_oid(oids, nsp);
				g->scope = lappend(g->scope, pstrdup(name));
			}
		}
	}
	return oids;
}

/* How one column of a handler's query is read, decided once per query. */
typedef struct ColPlan
{
	ColConv		conv;
	const char *key;			/* the attribute's name, in the graph's context */
	FmgrInfo	out;			/* output function, for CONV_TEXT */
} ColPlan;

static ColPlan *
plan_columns(TupleDesc desc)
{
	ColPlan    *plan = palloc0(sizeof(ColPlan) * desc->natts);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		ColConv    *conv = &plan[i].conv;

		plan[i].key = pstrdup(NameStr(att->attname));

		if (NameStr(att->attname)[0] == '_')
			*conv = CONV_HIDDEN;
		else if (att->atttypid == BOOLOID)
			*conv = CONV_BOOL;
		else if (att->atttypid == INT2OID || att->atttypid == INT4OID ||
				 att->atttypid == INT8OID || att->atttypid == OIDOID)
			*conv = CONV_INT;
		else if (att->atttypid == FLOAT4OID || att->atttypid == FLOAT8OID ||
				 att->atttypid == NUMERICOID)
			*conv = CONV_NUMBER;
		else if (att->atttypid == JSONBOID)
			*conv = CONV_JSONB;
		else if (OidIsValid(get_element_type(att->atttypid)))
			*conv = CONV_ARRAY;
		else
		{
			Oid			outfunc;
			bool		isvarlena;

			*conv = CONV_TEXT;
			getTypeOutputInfo(att->atttypid, &outfunc, &isvarlena);
			fmgr_info(outfunc, &plan[i].out);
		}
	}
	return plan;
}

/* Every visible, non-null column of the row becomes an attribute. */
static void
add_row_attrs(GNode *node, SnapRow *row, ColPlan *plan)
{
	TupleDesc	desc = row->desc;

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		const char *key = plan[i].key;
		bool		isnull;
		Datum		d;
		JsonbValue	v;

		if (plan[i].conv == CONV_HIDDEN)
			continue;
		d = SPI_getbinval(row->tuple, desc, i + 1, &isnull);
		if (isnull)
			continue;

		switch (plan[i].conv)
		{
			case CONV_BOOL:
				gnode_add_bool(node, key, DatumGetBool(d));
				break;
			case CONV_INT:
				if (att->atttypid == INT2OID)
					gnode_add_int(node, key, DatumGetInt16(d));
				else if (att->atttypid == INT4OID)
					gnode_add_int(node, key, DatumGetInt32(d));
				else if (att->atttypid == OIDOID)
					gnode_add_int(node, key, DatumGetObjectId(d));
				else
					gnode_add_int(node, key, DatumGetInt64(d));
				break;
			case CONV_NUMBER:
				{
					char	   *text = SPI_getvalue(row->tuple, desc, i + 1);
					MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));

					v.type = jbvNumeric;
					v.val.numeric = DatumGetNumeric(DirectFunctionCall3(numeric_in,
																		CStringGetDatum(text),
																		ObjectIdGetDatum(InvalidOid),
																		Int32GetDatum(-1)));
					MemoryContextSwitchTo(old);
					gnode_add_attr(node, key, &v);
				}
				break;
			case CONV_JSONB:
				{
					MemoryContext old = MemoryContextSwitchTo(GetMemoryChunkContext(node));
					Jsonb	   *jb = DatumGetJsonbPCopy(d);

					MemoryContextSwitchTo(old);

					v.type = jbvBinary;
					v.val.binary.data = &jb->root;
					v.val.binary.len = VARSIZE(jb) - VARHDRSZ;
					gnode_add_attr(node, key, &v);
				}
				break;
			case CONV_ARRAY:
				snap_add_array(node, key, d);
				break;
			case CONV_TEXT:
				if (att->atttypid == TEXTOID)
					gnode_add_string(node, key, TextDatumGetCString(d));
				else if (att->atttypid == NAMEOID)
					gnode_add_string(node, key, NameStr(*DatumGetName(d)));
				else
					gnode_add_string(node, key, OutputFunctionCall(&plan[i].out, d));
				break;
			case CONV_HIDDEN:
				break;
		}
	}
}

/*
 * Run one handler: its query, then one node per row.  Rows whose parent or
 * schema is not in the graph (an index of an extension's table, ...) are
 * objects outside the snapshot and are skipped.
 */
static void
run_handler(Graph *g, const SnapHandler *h, Datum scope_oids, bool scope_all)
{
	Oid			argtypes[3] = {OIDARRAYOID, BOOLOID, OIDARRAYOID};
	Datum		values[3];
	char		nulls[3] = {' ', ' ', 'n'};
	int			ret;
	SPITupleTable *tt;
	ColPlan    *plan;
	SnapColCache colcache = {0};
	MemoryContext rowcxt;
	MemoryContext outer;
	instr_time	start,
				queried,
				done;
	int			f_subid,
				f_nsp,
				f_parent,
				f_parent_type;

	if (h->scan != NULL)
	{
		uint64		n;

		INSTR_TIME_SET_CURRENT(start);
		n = h->scan(g);
		if (h->finish)
			h->finish(g);
		snap_use_schema_path(g, NULL);
		INSTR_TIME_SET_CURRENT(done);
		INSTR_TIME_SUBTRACT(done, start);
		elog(DEBUG1, "%s: " UINT64_FORMAT " objects, scan %.1f ms",
			 pgm_kinds[h->kind].section, n, INSTR_TIME_GET_MILLISEC(done));
		return;
	}

	/* catalog queries run with pg_catalog first */
	snap_use_schema_path(g, NULL);

	values[0] = scope_oids;
	values[1] = BoolGetDatum(scope_all);
	values[2] = (Datum) 0;
	INSTR_TIME_SET_CURRENT(start);
	if (h->candidates != NULL)
	{
		values[2] = h->candidates(g);
		nulls[2] = ' ';
	}
	ret = SPI_execute_with_args(h->query, 3, argtypes, values, nulls, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "catalog query for %s failed: %s",
			 pgm_kinds[h->kind].section, SPI_result_code_string(ret));

	tt = SPI_tuptable;
	INSTR_TIME_SET_CURRENT(queried);
	plan = plan_columns(tt->tupdesc);
	f_subid = SPI_fnumber(tt->tupdesc, "_subid");
	f_nsp = SPI_fnumber(tt->tupdesc, "_nsp");
	f_parent = SPI_fnumber(tt->tupdesc, "_parent");
	f_parent_type = SPI_fnumber(tt->tupdesc, "_parent_type");
	rowcxt = AllocSetContextCreate(CurrentMemoryContext, "pg_migrate row",
								   ALLOCSET_DEFAULT_SIZES);
	outer = MemoryContextSwitchTo(rowcxt);

	/*
	 * The rows of this result: SPI_processed is the last query's, and a
	 * handler's load may run one of its own.
	 */
	for (uint64 i = 0; i < tt->numvals; i++)
	{
		SnapRow		row;
		ObjAddr		addr;
		GNode	   *schema = NULL;
		GNode	   *parent = NULL;
		GNode	   *node;
		bool		isnull;
		char	   *name;

		row.tuple = tt->vals[i];
		row.desc = tt->tupdesc;
		row.graph = g;
		row.cols = &colcache;

		addr.classid = h->classid;
		addr.objid = row_oid(&row, "_oid");
		addr.subid = 0;
		if (f_subid > 0)
		{
			Datum		d = SPI_getbinval(row.tuple, row.desc, f_subid, &isnull);

			addr.subid = isnull ? 0 : DatumGetInt32(d);
		}

		if (f_parent > 0 || f_parent_type > 0)
		{
			Oid			p;

			if (f_parent > 0 && OidIsValid(p = row_oid(&row, "_parent")))
				parent = graph_lookup(g, RelationRelationId, p, 0);
			else if (f_parent_type > 0 && OidIsValid(p = row_oid(&row, "_parent_type")))
				parent = graph_lookup(g, TypeRelationId, p, 0);
			if (parent == NULL)
				continue;
			schema = parent->schema;
		}
		else if (f_nsp > 0)
		{
			schema = graph_lookup(g, NamespaceRelationId, row_oid(&row, "_nsp"), 0);
			if (schema == NULL)
				continue;
			/* a partial snapshot reads the top-level objects asked for */
			if (h->kind != OBJ_EXTENSION && !snap_wanted(g, addr.classid, addr.objid))
				continue;
			parent = schema;
		}

		name = row_text(&row, "_name");
		node = graph_add_node(g, h->kind, &addr, name, schema, parent);

		/* attributes are read, and deparsed, relative to the schema */
		snap_use_schema_path(g, schema);
		add_row_attrs(node, &row, plan);
		if (h->load)
			h->load(&row, node);
		MemoryContextReset(rowcxt);
	}
	MemoryContextSwitchTo(outer);
	MemoryContextDelete(rowcxt);
	if (h->finish)
	{
		h->finish(g);
		snap_use_schema_path(g, NULL);
	}
	INSTR_TIME_SET_CURRENT(done);
	INSTR_TIME_SUBTRACT(done, queried);
	INSTR_TIME_SUBTRACT(queried, start);
	elog(DEBUG1, "%s: " UINT64_FORMAT " rows, query %.1f ms, load %.1f ms",
		 pgm_kinds[h->kind].section, tt->numvals,
		 INSTR_TIME_GET_MILLISEC(queried), INSTR_TIME_GET_MILLISEC(done));
	SPI_freetuptable(tt);
}

/* One row of pg_depend, kept until every extension member is known. */
typedef struct DepRow
{
	ObjAddr		obj;
	ObjAddr		ref;
} DepRow;

static GNode *
lookup_addr(Graph *g, const ObjAddr *a, bool *is_member)
{
	GNode	   *n = graph_lookup(g, a->classid, a->objid, a->subid);

	*is_member = false;
	if (n == NULL && (n = graph_lookup_member(g, a->classid, a->objid)) != NULL)
		*is_member = true;
	return n;
}

/*
 * Edges from pg_depend, read in one scan.  Normal and automatic
 * dependencies become edges between the nodes of both ends; a reference
 * to an object that belongs to an extension becomes one to the extension.
 */
static void
load_dependencies(Graph *g)
{
	Relation	rel;
	SnapScan	whole;
	HeapTuple	tup;
	DepRow	   *rows;
	int			nrows = 0;
	int			maxrows = 1024;
	List	   *arrays = NIL;	/* of Oid pairs: array type, element type */

	rows = palloc(sizeof(DepRow) * maxrows);
	rel = table_open(DependRelationId, AccessShareLock);
	snap_scan_begin(&whole, g, rel);
	while (HeapTupleIsValid(tup = snap_scan_next(&whole)))
	{
		Form_pg_depend d = (Form_pg_depend) GETSTRUCT(tup);

		if (g->unmodeled_cands != NULL)
			unmodeled_note_dependency(g, d);
		if (d->deptype == DEPENDENCY_EXTENSION)
		{
			GNode	   *ext = graph_lookup(g, ExtensionRelationId, d->refobjid, 0);

			if (ext != NULL)
				graph_add_member(g, d->classid, d->objid, ext);
			continue;
		}

		/*
		 * The array type of a type belongs to the type (an internal
		 * dependency): of an extension's type, to the extension too, so
		 * that a column of hstore[] depends on hstore's extension
		 */
		if (d->deptype == DEPENDENCY_INTERNAL && d->classid == TypeRelationId &&
			d->refclassid == TypeRelationId)
		{
			arrays = lappend_oid(arrays, d->objid);
			arrays = lappend_oid(arrays, d->refobjid);
			continue;
		}
		if (d->deptype != DEPENDENCY_NORMAL && d->deptype != DEPENDENCY_AUTO)
			continue;
		if (nrows == maxrows)
		{
			maxrows *= 2;
			rows = repalloc_huge(rows, sizeof(DepRow) * maxrows);
		}
		rows[nrows].obj.classid = d->classid;
		rows[nrows].obj.objid = d->objid;
		rows[nrows].obj.subid = d->objsubid;
		rows[nrows].ref.classid = d->refclassid;
		rows[nrows].ref.objid = d->refobjid;
		rows[nrows].ref.subid = d->refobjsubid;
		nrows++;
	}
	snap_scan_end(&whole);
	table_close(rel, AccessShareLock);

	for (int i = 0; i + 1 < list_length(arrays); i += 2)
	{
		GNode	   *ext = graph_lookup_member(g, TypeRelationId,
											  list_nth_oid(arrays, i + 1));

		if (ext != NULL)
			graph_add_member(g, TypeRelationId, list_nth_oid(arrays, i), ext);
	}

	/* consecutive rows are mostly of one object: its lookup is kept */
	{
		ObjAddr		last = {InvalidOid, InvalidOid, 0};
		GNode	   *lastobj = NULL;
		bool		lastmember = false;

		for (int i = 0; i < nrows; i++)
		{
			bool		member;
			GNode	   *obj;
			GNode	   *ref;

			if (rows[i].obj.objid == last.objid && rows[i].obj.classid == last.classid &&
				rows[i].obj.subid == last.subid && i > 0)
			{
				obj = lastobj;
				member = lastmember;
			}
			else
			{
				obj = lookup_addr(g, &rows[i].obj, &member);
				last = rows[i].obj;
				lastobj = obj;
				lastmember = member;
			}
			if (obj == NULL || member)
				continue;
			ref = lookup_addr(g, &rows[i].ref, &member);
			/* a partial snapshot refers to the rest of the whole one */
			if (ref == NULL && g->before != NULL)
				ref = lookup_addr(g->before, &rows[i].ref, &member);
			/* a column of a sequence (a view reading it): the sequence */
			if (ref == NULL && rows[i].ref.classid == RelationRelationId &&
				rows[i].ref.subid > 0)
			{
				ObjAddr		seq = rows[i].ref;

				seq.subid = 0;
				ref = lookup_addr(g, &seq, &member);
				if (ref == NULL && g->before != NULL)
					ref = lookup_addr(g->before, &seq, &member);
				if (ref != NULL && ref->kind != OBJ_SEQUENCE)
					ref = NULL;
			}
			if (ref == NULL)
				continue;
			gnode_add_dep(obj, ref);
		}
	}
	pfree(rows);
}

/* Were these schemas (their pg_namespace rows) written by this transaction? */
static bool
schemas_made_here(List *oids)
{
	ListCell   *lc;

	foreach(lc, oids)
	{
		HeapTuple	tup = SearchSysCache1(NAMESPACEOID, ObjectIdGetDatum(lfirst_oid(lc)));
		bool		here;

		if (!HeapTupleIsValid(tup))
			return false;
		here = TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(tup->t_data));
		ReleaseSysCache(tup);
		if (!here)
			return false;
	}
	return true;
}

/* snapshot_build() and snapshot_build_partial() */
static Graph *
build(ArrayType *schemas, MemoryContext parent, Graph *before, AddrMap *only,
	  List *only_list, XLogRecPtr since)
{
	Graph	   *g = graph_create(parent, true);
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	int			nestlevel = pgm_guc_nest_enter();
	List	   *oids;
	ArrayType  *oidarr;
	Datum	   *elems;
	int			n;
	ListCell   *lc;

	g->snap = palloc0(sizeof(SnapCache));
	g->before = before;
	g->only = only;
	g->only_list = only_list;
	pgm_set_canonical_output();
	pgm_set_local("jit", "off");	/* short queries; compiling costs more */
	pgm_set_local("work_mem", "64MB");	/* sorts of every column in memory */
	pgm_set_search_path(PGM_CATALOG_SEARCH_PATH);

	oids = resolve_scope(g, schemas);
	if (!XLogRecPtrIsInvalid(since) && !g->scope_all && only == NULL &&
		schemas_made_here(oids))
		g->snap->since = since;
	n = list_length(oids);
	elems = palloc(sizeof(Datum) * (n + 1));
	n = 0;
	foreach(lc, oids)
		elems[n++] = ObjectIdGetDatum(lfirst_oid(lc));
	oidarr = construct_array(elems, n, OIDOID, sizeof(Oid), true, TYPALIGN_INT);

	for (int i = 0; pgm_snapshot_handlers[i] != NULL; i++)
		run_handler(g, pgm_snapshot_handlers[i], PointerGetDatum(oidarr),
					g->scope_all);

	{
		instr_time	t0,
					t1;

		INSTR_TIME_SET_CURRENT(t0);
		unmodeled_collect(g);
		INSTR_TIME_SET_CURRENT(t1);
		INSTR_TIME_SUBTRACT(t1, t0);
		elog(DEBUG1, "unmodeled candidates: %d, %.1f ms",
			 list_length(g->unmodeled_list), INSTR_TIME_GET_MILLISEC(t1));
		INSTR_TIME_SET_CURRENT(t0);
		load_dependencies(g);
		unmodeled_finish(g);
		INSTR_TIME_SET_CURRENT(t1);
		INSTR_TIME_SUBTRACT(t1, t0);
		elog(DEBUG1, "dependencies: %.1f ms", INSTR_TIME_GET_MILLISEC(t1));
		elog(DEBUG1, "graph memory: %zu kB",
			 MemoryContextMemAllocated(g->cxt, true) / 1024);
	}

	pgm_guc_nest_leave(nestlevel);
	MemoryContextSwitchTo(old);
	return g;
}

/*
 * Fill a graph with the objects of the given schemas (NULL: every user
 * schema).  Must be called inside SPI; the graph lives in its own memory
 * context, a child of the caller's.
 */
Graph *
snapshot_build(ArrayType *schemas, MemoryContext parent)
{
	return build(schemas, parent, NULL, NULL, NIL, InvalidXLogRecPtr);
}

/*
 * The same, for the top-level objects of the only set alone (addresses
 * (class, oid, 0) of tables, views, sequences, types, functions, ... that
 * are children of their schema; a composite type under both of its
 * addresses; only_list lists them), with everything they hold, read
 * through the catalogs' indexes where there are many rows.  The schemas and extensions are
 * read whole.  A reference to an object outside the set is resolved in
 * before, the whole snapshot this one completes (graph_merge_document()),
 * which must outlive it.
 */
Graph *
snapshot_build_partial(ArrayType *schemas, MemoryContext parent,
					   Graph *before, AddrMap *only, List *only_list)
{
	return build(schemas, parent, before, only, only_list, InvalidXLogRecPtr);
}

/*
 * The same as snapshot_build_partial() without an only set, of schemas
 * this transaction made after the WAL position since (the schemas of
 * autogenerate's rehearsal, rebuilt from the live document): every row of
 * their objects was written since, so the scans of whole catalogs read
 * only the pages written since (snap_scan_begin()), a few among thousands.
 * A schema of the scope that this transaction did not make: as
 * snapshot_build_partial().  The caller vouches for the rest: no object
 * of the scope was moved into it with rows older than since (an
 * extension's members, moved by ALTER EXTENSION ... SET SCHEMA, keep
 * their pg_depend rows).
 */
Graph *
snapshot_build_since(ArrayType *schemas, MemoryContext parent, Graph *before,
					 XLogRecPtr since)
{
	return build(schemas, parent, before, NULL, NIL, since);
}

/* The document of a graph, allocated in the current memory context. */
Jsonb *
snapshot_document(Graph *g)
{
	instr_time	t0,
				t1;
	Jsonb	   *doc;

	INSTR_TIME_SET_CURRENT(t0);
	doc = graph_to_jsonb(g);
	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	elog(DEBUG1, "document: %u nodes, %u bytes, %.1f ms", g->nnodes,
		 (unsigned) VARSIZE(doc), INSTR_TIME_GET_MILLISEC(t1));
	return doc;
}

/*
 * The snapshot of the given schemas (NULL: every user schema) as a
 * document allocated in cxt; the graph is freed.  Must be called inside
 * SPI, with cxt a context that outlives it.
 */
Jsonb *
snapshot_take(ArrayType *schemas, MemoryContext cxt)
{
	Graph	   *g = snapshot_build(schemas, cxt);
	Jsonb	   *doc;

	MemoryContextSwitchTo(cxt);
	doc = snapshot_document(g);
	MemoryContextDelete(g->cxt);
	return doc;
}

/*
 * migrate_snapshot(schemas name[] DEFAULT NULL) RETURNS jsonb
 */
Datum
migrate_snapshot(PG_FUNCTION_ARGS)
{
	ArrayType  *schemas = PG_ARGISNULL(0) ? NULL : PG_GETARG_ARRAYTYPE_P(0);
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *doc;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	doc = snapshot_take(schemas, cxt);
	SPI_finish();

	PG_RETURN_JSONB_P(doc);
}
