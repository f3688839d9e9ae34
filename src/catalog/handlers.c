/*-------------------------------------------------------------------------
 *
 * handlers.c
 *	  The table of catalog handlers, and what they share: reading a row of
 *	  their query and calling ruleutils.c's deparse functions.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "common/hashfn.h"
#include "access/stratnum.h"
#include "catalog/dependency.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_description.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_index.h"
#include "access/skey.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "commands/tablespace.h"
#include "executor/spi.h"
#include "nodes/makefuncs.h"
#include "nodes/plannodes.h"
#include "lib/stringinfo.h"
#include "utils/snapmgr.h"
#include "utils/array.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/ruleutils.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/regproc.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/rel.h"

const SnapHandler *const pgm_snapshot_handlers[] = {
	&pgm_schema_handler,
	&pgm_extension_handler,
	&pgm_collation_handler,
	&pgm_type_handler,
	&pgm_basetype_handler,
	&pgm_function_handler,
	&pgm_aggregate_handler,
	&pgm_operator_handler,
	&pgm_opfamily_handler,
	&pgm_opclass_handler,
	&pgm_tsparser_handler,
	&pgm_tstemplate_handler,
	&pgm_tsdict_handler,
	&pgm_tsconfig_handler,
	&pgm_table_handler,
	&pgm_sequence_handler,
	&pgm_view_handler,
	&pgm_matview_handler,
	&pgm_column_handler,
	&pgm_constraint_handler,
	&pgm_index_handler,
	&pgm_trigger_handler,
	&pgm_policy_handler,
	&pgm_rule_handler,
	&pgm_statistics_handler,
	&pgm_defacl_handler,
	&pgm_defaclglobal_handler,
	&pgm_cast_handler,
	&pgm_fdw_handler,
	&pgm_server_handler,
	&pgm_usermapping_handler,
	&pgm_foreigntable_handler,
	&pgm_publication_handler,
	&pgm_eventtrigger_handler,
	&pgm_conversion_handler,
	&pgm_language_handler,
	&pgm_accessmethod_handler,
	NULL
};

/*
 * The column number of a column of the row.  Callers name columns with
 * string literals, so the address of the name finds it again without
 * comparing names row after row.
 */
static int
row_fnumber(SnapRow *row, const char *col)
{
	SnapColCache *c = row->cols;
	int			fno;

	if (c != NULL)
		for (int i = 0; i < c->n; i++)
			if (c->names[i] == col)
				return c->fnos[i];
	fno = SPI_fnumber(row->desc, col);
	if (c != NULL && c->n < SNAPROW_CACHE)
	{
		c->names[c->n] = col;
		c->fnos[c->n++] = fno;
	}
	return fno;
}

/* Does the handler's query have a column named col? */
bool
row_has(SnapRow *row, const char *col)
{
	return row_fnumber(row, col) > 0;
}

/*
 * The value of column col of the row (*isnull set); an ERROR if the query
 * has no such column.  col must be a string literal (its address is the
 * key of the column number cache).  A pass-by-reference value points into
 * the SPI tuple: it lives as long as the row.
 */
Datum
row_datum(SnapRow *row, const char *col, bool *isnull)
{
	int			fno = row_fnumber(row, col);

	if (fno <= 0)
		elog(ERROR, "catalog query has no column \"%s\"", col);
	return SPI_getbinval(row->tuple, row->desc, fno, isnull);
}

/* Column col of the row as an oid, InvalidOid when null. */
Oid
row_oid(SnapRow *row, const char *col)
{
	bool		isnull;
	Datum		d = row_datum(row, col, &isnull);

	return isnull ? InvalidOid : DatumGetObjectId(d);
}

/* Column col of the row as an int4, 0 when null. */
int32
row_int(SnapRow *row, const char *col)
{
	bool		isnull;
	Datum		d = row_datum(row, col, &isnull);

	return isnull ? 0 : DatumGetInt32(d);
}

/* Column col of the row as a boolean, false when null. */
bool
row_bool(SnapRow *row, const char *col)
{
	bool		isnull;
	Datum		d = row_datum(row, col, &isnull);

	return !isnull && DatumGetBool(d);
}

/* The column as text (through its output function), or NULL. */
char *
row_text(SnapRow *row, const char *col)
{
	int			fno = row_fnumber(row, col);
	bool		isnull;
	Datum		d;
	Oid			typid;

	if (fno <= 0)
		elog(ERROR, "catalog query has no column \"%s\"", col);
	/* text and name directly; anything else through its output function */
	typid = SPI_gettypeid(row->desc, fno);
	if (typid == TEXTOID || typid == NAMEOID)
	{
		d = SPI_getbinval(row->tuple, row->desc, fno, &isnull);
		if (isnull)
			return NULL;
		return typid == TEXTOID ? TextDatumGetCString(d) :
			pstrdup(NameStr(*DatumGetName(d)));
	}
	return SPI_getvalue(row->tuple, row->desc, fno);
}

/*
 * Call one of the SQL-callable deparse functions (pg_get_viewdef_ext, ...)
 * directly.  Unlike DirectFunctionCall, a NULL result (an object dropped
 * under our feet) is returned as NULL instead of raising an error.
 */
char *
deparse_call(PGFunction fn, int nargs, Datum arg1, Datum arg2, Datum arg3)
{
	LOCAL_FCINFO(fcinfo, 3);
	Datum		result;

	InitFunctionCallInfoData(*fcinfo, NULL, nargs, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = arg1;
	fcinfo->args[0].isnull = false;
	fcinfo->args[1].value = arg2;
	fcinfo->args[1].isnull = false;
	fcinfo->args[2].value = arg3;
	fcinfo->args[2].isnull = false;

	result = (*fn) (fcinfo);
	if (fcinfo->isnull)
		return NULL;
	return text_to_cstring(DatumGetTextPP(result));
}

/* A stored expression (pg_node_tree as text) deparsed against relid. */
char *
deparse_expr(const char *nodetree, Oid relid)
{
	if (nodetree == NULL)
		return NULL;
	return deparse_call(pg_get_expr_ext, 3,
						CStringGetTextDatum(nodetree),
						ObjectIdGetDatum(relid),
						BoolGetDatum(true));
}

/*
 * Deparsing expressions of a relation without opening it.
 *
 * pg_get_expr() opens the relation to learn its column names, which builds
 * a relcache entry for every table of the schema: most of the time of a
 * snapshot.  The names are known from the catalog query already, so the
 * deparse context is made from them: a range table entry that is not a
 * relation, whose column names are its alias's (dropped columns are empty
 * names), which ruleutils.c takes as they are.
 */
typedef struct RelInfo
{
	Oid			relid;			/* hash key */
	char	   *relname;
	int			natts;			/* including dropped columns */
	List	   *context;		/* deparse context, made on first use */
	char	   *columns;		/* column names, each NUL-terminated */
	int			columnslen;		/* length of columns, or -1 until made */
	uint32		columnshash;
	Oid		   *collations;		/* attcollation by attnum - 1, or NULL */
	bool	   *has_collation;	/* which of them column.c has noted */
} RelInfo;

/*
 * Expressions already deparsed.  What ruleutils.c writes for an expression
 * of a relation depends on the node tree, the search_path and the names of
 * the relation's columns, not on the relation itself (Vars are written
 * without prefix), unless the tree holds a whole-row Var, written with the
 * relation's name: those are not kept.  The bench schema's 10,000 CHECK
 * constraints and index expressions are one tree each.
 */
typedef struct DeparseKey
{
	GNode	   *schema;			/* the schema of the search_path in force */
	RelInfo    *rel;			/* its columns are compared, not the pointer */
	const char *tree;
	int			variant;		/* what the caller keeps (see snap_deparsed) */
} DeparseKey;

typedef struct DeparseEntry
{
	DeparseKey	key;
	void	   *value;
} DeparseEntry;

static uint32
deparse_key_hash(const void *key, Size keysize)
{
	const DeparseKey *k = key;

	return string_hash(k->tree, 0) ^ k->rel->columnshash ^
		(uint32) (uintptr_t) k->schema ^ (uint32) k->variant;
}

static int
deparse_key_match(const void *a, const void *b, Size keysize)
{
	const DeparseKey *ka = a;
	const DeparseKey *kb = b;

	if (ka->schema != kb->schema || ka->variant != kb->variant ||
		ka->rel->columnslen != kb->rel->columnslen ||
		memcmp(ka->rel->columns, kb->rel->columns, ka->rel->columnslen) != 0)
		return 1;
	return strcmp(ka->tree, kb->tree);
}

/*
 * Note a relation of the snapshot, with its number of attributes, so that
 * expressions over its columns can be deparsed without a relcache entry
 * (deparse_rel_expr()).  relname is copied into the graph's context.
 */
void
pgm_register_relation(Graph *g, Oid relid, const char *relname, int natts)
{
	RelInfo    *ri;

	if (g->snap->relinfo == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(Oid);
		ctl.entrysize = sizeof(RelInfo);
		ctl.hcxt = g->cxt;
		g->snap->relinfo = hash_create("pg_migrate relations", 1024, &ctl,
								 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	}
	ri = hash_search(g->snap->relinfo, &relid, HASH_ENTER, NULL);
	ri->relname = MemoryContextStrdup(g->cxt, relname);
	ri->natts = natts;
	ri->context = NIL;
	ri->columns = NULL;
	ri->columnslen = -1;
	ri->collations = NULL;
	ri->has_collation = NULL;
}

/*
 * Note the collation of a column of a relation registered above (the
 * column handler, from its pg_attribute row), so that index.c need not
 * look it up in the catalog cache.
 */
void
snap_note_collation(Graph *g, Oid relid, int16 attnum, Oid collation)
{
	RelInfo    *ri;

	if (g->snap->relinfo == NULL)
		return;
	ri = g->snap->last_relinfo;
	if (ri == NULL || ri->relid != relid)
	{
		ri = hash_search(g->snap->relinfo, &relid, HASH_FIND, NULL);
		if (ri == NULL)
			return;
		g->snap->last_relinfo = ri;
	}
	if (attnum < 1 || attnum > ri->natts)
		return;
	if (ri->collations == NULL)
	{
		ri->collations = MemoryContextAllocZero(g->cxt, sizeof(Oid) * ri->natts);
		ri->has_collation = MemoryContextAllocZero(g->cxt, sizeof(bool) * ri->natts);
	}
	ri->collations[attnum - 1] = collation;
	ri->has_collation[attnum - 1] = true;
}

/*
 * The collation of a column noted by snap_note_collation(); false when it
 * was not noted.
 */
bool
snap_column_collation(Graph *g, Oid relid, int16 attnum, Oid *collation)
{
	RelInfo    *ri;

	if (g->snap->relinfo == NULL)
		return false;
	ri = g->snap->last_relinfo;
	if (ri == NULL || ri->relid != relid)
	{
		ri = hash_search(g->snap->relinfo, &relid, HASH_FIND, NULL);
		if (ri == NULL)
			return false;
		g->snap->last_relinfo = ri;
	}
	if (attnum < 1 || attnum > ri->natts || ri->has_collation == NULL ||
		!ri->has_collation[attnum - 1])
		return false;
	*collation = ri->collations[attnum - 1];
	return true;
}

/*
 * The names of a relation's columns 1 to natts (NULL: none, dropped), as
 * graph_lookup() finds the columns, from the children of the relation's
 * node: one lookup instead of one per column.
 */
static const char **
relation_column_names(Graph *g, Oid relid, int natts)
{
	const char **names = palloc0(sizeof(char *) * (natts + 1));
	GNode	   *rel = graph_lookup(g, RelationRelationId, relid, 0);
	ListCell   *lc;

	if (rel == NULL)
		return names;
	foreach(lc, rel->children)
	{
		GNode	   *col = lfirst(lc);

		if (col->kind == OBJ_COLUMN && col->addr.classid == RelationRelationId &&
			col->addr.objid == relid && col->addr.subid >= 1 &&
			col->addr.subid <= natts && names[col->addr.subid - 1] == NULL)
			names[col->addr.subid - 1] = col->name;
	}
	return names;
}

/*
 * The slot of what was made of a node tree of a relation's expression
 * under the search_path in force (*found: made already), or NULL when it
 * cannot be kept: the relation is not in the graph, or the tree holds a
 * whole-row Var.  variant tells the callers' values apart: 0 for the
 * deparsed text of deparse_rel_expr(), others for index.c.  The tree and
 * values live as long as the graph.
 */
void	  **
snap_deparsed(Graph *g, const char *tree, Oid relid, int variant, bool *found)
{
	RelInfo    *ri;
	DeparseKey	key;
	DeparseEntry *e;

	*found = false;
	ri = g->snap->relinfo ? hash_search(g->snap->relinfo, &relid, HASH_FIND, NULL) : NULL;
	if (ri == NULL || strstr(tree, ":varattno 0 ") != NULL)
		return NULL;
	if (ri->columnslen < 0)
	{
		StringInfoData buf;
		const char **names = relation_column_names(g, relid, ri->natts);

		initStringInfo(&buf);
		for (int attnum = 1; attnum <= ri->natts; attnum++)
		{
			appendStringInfoString(&buf, names[attnum - 1] ? names[attnum - 1] : "");
			appendStringInfoChar(&buf, '\0');
		}
		pfree(names);
		ri->columns = MemoryContextAlloc(g->cxt, buf.len + 1);
		memcpy(ri->columns, buf.data, buf.len + 1);
		ri->columnslen = buf.len;
		ri->columnshash = hash_bytes((unsigned char *) buf.data, buf.len);
		pfree(buf.data);
	}
	if (g->snap->deparsed == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(DeparseKey);
		ctl.entrysize = sizeof(DeparseEntry);
		ctl.hash = deparse_key_hash;
		ctl.match = deparse_key_match;
		ctl.hcxt = g->cxt;
		g->snap->deparsed = hash_create("pg_migrate deparsed expressions", 256, &ctl,
								  HASH_ELEM | HASH_FUNCTION | HASH_COMPARE |
								  HASH_CONTEXT);
	}
	key.schema = g->snap->path_schema;
	key.rel = ri;
	key.tree = tree;
	key.variant = variant;
	e = hash_search(g->snap->deparsed, &key, HASH_ENTER, found);
	if (!*found)
	{
		e->key.tree = MemoryContextStrdup(g->cxt, tree);
		e->value = NULL;
	}
	return &e->value;
}

/*
 * An expression of a relation whose columns are in the graph already (the
 * column handler has run); NULL in, NULL out.
 */
char *
deparse_rel_expr(Graph *g, const char *nodetree, Oid relid)
{
	void	  **slot;
	bool		found;
	char	   *text;

	if (nodetree == NULL)
		return NULL;
	slot = snap_deparsed(g, nodetree, relid, 0, &found);
	if (found)
		return pstrdup((char *) *slot);
	text = deparse_rel_node(g, stringToNode(nodetree), relid);
	if (slot != NULL)
		*slot = MemoryContextStrdup(g->cxt, text);
	return text;
}

/* The same, for an expression tree already read. */
char *
deparse_rel_node(Graph *g, Node *expr, Oid relid)
{
	RelInfo    *ri;

	ri = g->snap->relinfo ? hash_search(g->snap->relinfo, &relid, HASH_FIND, NULL) : NULL;
	if (ri == NULL)
	{
		List	   *context = deparse_context_for(get_rel_name(relid), relid);

		return deparse_expression(expr, context, false, false);
	}
	if (ri->context == NIL)
	{
		MemoryContext old = MemoryContextSwitchTo(g->cxt);
		RangeTblEntry *rte = makeNode(RangeTblEntry);
		PlannedStmt *stmt = makeNode(PlannedStmt);
		List	   *colnames = NIL;

		for (int attnum = 1; attnum <= ri->natts; attnum++)
		{
			GNode	   *col = graph_lookup(g, RelationRelationId, relid, attnum);

			colnames = lappend(colnames, makeString(col ? col->name : ""));
		}
		rte->rtekind = RTE_FUNCTION;
		rte->functions = NIL;
		rte->eref = makeAlias(ri->relname, colnames);
		rte->inFromCl = true;
		stmt->rtable = list_make1(rte);
		ri->context = deparse_context_for_plan_tree(stmt,
													list_make1(ri->relname));
		MemoryContextSwitchTo(old);
	}
	return deparse_expression(expr, ri->context, false, false);
}

/* An array column of the row as Datums (NULL, and *n = 0, when null). */
Datum *
row_array(SnapRow *row, const char *col, Oid elemtype, int *n)
{
	bool		isnull;
	Datum		d = row_datum(row, col, &isnull);
	Datum	   *elems;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	*n = 0;
	if (isnull)
		return NULL;
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(DatumGetArrayTypeP(d), elemtype, typlen, typbyval,
					  typalign, &elems, NULL, n);
	return elems;
}

/*
 * " WITH (name=value, ...)" of storage parameters (text Datums "name=value"),
 * in their order, values quoted unless they read as identifiers: as
 * flatten_reloptions() writes them in pg_get_indexdef().
 */
void
append_storage_options(StringInfo buf, Datum *options, int n)
{
	append_options(buf, " WITH (", options, n);
}

/*
 * The same with another opening: " (" for an operator class's options.
 * Internal options (names starting with "pg_", see docs/snapshot-format.md)
 * are left out; nothing is written when no option is left.
 */
void
append_options(StringInfo buf, const char *open, Datum *options, int n)
{
	bool		first = true;

	for (int i = 0; i < n; i++)
	{
		char	   *opt = TextDatumGetCString(options[i]);
		char	   *eq = strchr(opt, '=');
		char	   *value = eq ? eq + 1 : "";

		if (eq)
			*eq = '\0';
		if (strncmp(opt, "pg_", 3) == 0)
			continue;
		appendStringInfo(buf, "%s%s=%s", first ? open : ", ", opt,
						 quote_identifier(value) == value ? value :
						 quote_literal_cstr(value));
		first = false;
	}
	if (!first)
		appendStringInfoChar(buf, ')');
}

/*
 * "a, b" for attribute numbers of a relation, names from the graph (or the
 * catalog for a relation outside it), quoted.
 */
void
append_column_list(StringInfo buf, Graph *g, Oid relid, Datum *attnums,
				   int from, int to)
{
	for (int i = from; i < to; i++)
	{
		int16		attnum = DatumGetInt16(attnums[i]);
		GNode	   *col = graph_lookup(g, RelationRelationId, relid, attnum);

		appendStringInfo(buf, "%s%s", i > from ? ", " : "",
						 quote_identifier(col ? col->name :
										  get_attname(relid, attnum, false)));
	}
}

/*
 * Set search_path to "<schema>, pg_catalog" (NULL: the catalog search_path)
 * unless it is set so already.
 */
void
snap_use_schema_path(Graph *g, GNode *schema)
{
	if (schema == g->snap->path_schema)
		return;
	if (schema != NULL)
		pgm_set_schema_search_path(schema->name);
	else
		pgm_set_search_path(PGM_CATALOG_SEARCH_PATH);
	g->snap->path_schema = schema;
}

/*
 * The comment of an object, or NULL.  The first call reads all of
 * pg_description, in one scan, for the rest of the snapshot: one index
 * probe per object costs more.
 */
const char *
snap_comment(Graph *g, Oid classoid, Oid objoid, int32 subid)
{
	if (g->snap->comments == NULL)
	{
		Relation	rel;
		SnapScan	whole;
		HeapTuple	tup;
		MemoryContext old = MemoryContextSwitchTo(g->cxt);

		g->snap->comments = addrmap_new(g->cxt, 4096);
		rel = table_open(DescriptionRelationId, AccessShareLock);
		snap_scan_begin(&whole, g, rel);
		while (HeapTupleIsValid(tup = snap_scan_next(&whole)))
		{
			Form_pg_description d = (Form_pg_description) GETSTRUCT(tup);
			bool		isnull;
			bool		found;
			Datum		descr;

			descr = heap_getattr(tup, Anum_pg_description_description,
								 RelationGetDescr(rel), &isnull);
			if (isnull)
				continue;
			*addrmap_enter(g->snap->comments, d->classoid, d->objoid, d->objsubid,
						   &found) = TextDatumGetCString(descr);
		}
		snap_scan_end(&whole);
		table_close(rel, AccessShareLock);
		MemoryContextSwitchTo(old);
	}
	return addrmap_get(g->snap->comments, classoid, objoid, subid);
}

/* Keep a pg_class row of the scope (read_relations()). */
static SnapRel *
keep_relation(Graph *g, HeapTuple tup, TupleDesc desc)
{
	Form_pg_class c = (Form_pg_class) GETSTRUCT(tup);
	SnapRel    *r;
	bool		isnull;
	bool		found;
	Datum		d;

	r = palloc(sizeof(SnapRel));
	*addrmap_enter(g->snap->rels, RelationRelationId, c->oid, 0, &found) = r;
	r->oid = c->oid;
	r->relname = c->relname;
	r->relnamespace = c->relnamespace;
	r->reltype = c->reltype;
	r->reloftype = c->reloftype;
	r->relowner = c->relowner;
	r->relam = c->relam;
	r->reltablespace = c->reltablespace;
	r->reltoastrelid = c->reltoastrelid;
	r->relnatts = c->relnatts;
	r->relkind = c->relkind;
	r->relpersistence = c->relpersistence;
	r->relreplident = c->relreplident;
	r->relrowsecurity = c->relrowsecurity;
	r->relforcerowsecurity = c->relforcerowsecurity;
	r->relispartition = c->relispartition;
	d = heap_getattr(tup, Anum_pg_class_reloptions, desc, &isnull);
	r->reloptions = isnull ? (Datum) 0 :
		PointerGetDatum(DatumGetArrayTypePCopy(d));
	d = heap_getattr(tup, Anum_pg_class_relacl, desc, &isnull);
	r->relacl = isnull ? (Datum) 0 :
		PointerGetDatum(DatumGetArrayTypePCopy(d));
	r->relpartbound = NULL;
	if (c->relispartition)
	{
		d = heap_getattr(tup, Anum_pg_class_relpartbound, desc, &isnull);
		if (!isnull)
			r->relpartbound = TextDatumGetCString(d);
	}
	r->index = NULL;
	r->of_constraint = false;
	g->snap->relations = lappend(g->snap->relations, r);
	return r;
}

/*
 * A scan of the rows of a catalog whose oid column keycol (of an index
 * that starts with it) equals value, with the snapshot of the direct
 * scans: how a partial snapshot reads the rows of the objects it wants.
 */
SysScanDesc
snap_scan_key(Relation rel, Oid indexoid, AttrNumber keycol, Oid value)
{
	ScanKeyData key;

	ScanKeyInit(&key, keycol, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(value));
	return systable_beginscan(rel, indexoid, true, snap_scan_snapshot(), 1, &key);
}

/*
 * keys with one SnapRowKey more per relation of the graph (a partial
 * snapshot's: those it wants): the rows of indexoid whose keycol is the
 * relation's oid.  keys as they are for a whole snapshot.
 */
List *
snap_relation_keys(Graph *g, List *keys, Oid indexoid, AttrNumber keycol)
{
	ListCell   *lc;

	if (g->only == NULL)
		return keys;
	foreach(lc, snap_relations(g))
	{
		SnapRowKey *k = palloc(sizeof(SnapRowKey));

		k->indexoid = indexoid;
		k->keycol = keycol;
		k->value = ((SnapRel *) lfirst(lc))->oid;
		keys = lappend(keys, k);
	}
	return keys;
}

/*
 * Start reading the rows of rel for a handler: the whole catalog, or in a
 * partial snapshot the rows of keys (none when keys is NIL).
 */
void
snap_rows_begin(SnapRows *rows, Graph *g, Relation rel, List *keys)
{
	rows->rel = rel;
	rows->keys = keys;
	rows->next = list_head(keys);
	rows->cxt = CurrentMemoryContext;
	rows->scan = NULL;
	rows->whole = NULL;
	if (g->only == NULL)
	{
		rows->whole = palloc(sizeof(SnapScan));
		snap_scan_begin(rows->whole, g, rel);
	}
}

/*
 * Start reading the rows of rel that belong to the relations of the
 * scope, found by index indexoid on column keycol (the relation's oid):
 * in a partial snapshot, or in a whole one whose scope holds few of the
 * database's relations (a schema of a few tables beside thousands, as the
 * copies of autogenerate's rehearsal), one index scan per relation, which
 * costs far less than reading the whole catalog; else the whole catalog.
 * For the catalogs whose rows of the scope all belong to its relations
 * (pg_attribute, pg_attrdef).
 */
void
snap_relation_rows(SnapRows *rows, Graph *g, Relation rel, Oid indexoid,
				   AttrNumber keycol)
{
	List	   *keys;

	(void) snap_relations(g);	/* reads the relations, sets few_relations */
	if (g->only != NULL)
		keys = snap_relation_keys(g, NIL, indexoid, keycol);
	else if (g->snap->few_relations)
	{
		ListCell   *lc;

		keys = NIL;
		foreach(lc, snap_relations(g))
		{
			SnapRowKey *k = palloc(sizeof(SnapRowKey));

			k->indexoid = indexoid;
			k->keycol = keycol;
			k->value = ((SnapRel *) lfirst(lc))->oid;
			keys = lappend(keys, k);
		}
		rows->rel = rel;
		rows->keys = keys;
		rows->next = list_head(keys);
		rows->cxt = CurrentMemoryContext;
		rows->scan = NULL;
		rows->whole = NULL;
		return;
	}
	else
		keys = NIL;
	snap_rows_begin(rows, g, rel, keys);
}

/* The next row (valid until the next call), or NULL after the last. */
HeapTuple
snap_rows_next(SnapRows *rows)
{
	for (;;)
	{
		HeapTuple	tup;
		SnapRowKey *k;
		MemoryContext old;

		if (rows->whole != NULL)
		{
			if (HeapTupleIsValid(tup = snap_scan_next(rows->whole)))
				return tup;
			snap_scan_end(rows->whole);
			pfree(rows->whole);
			rows->whole = NULL;
		}
		if (rows->scan != NULL &&
			HeapTupleIsValid(tup = systable_getnext(rows->scan)))
			return tup;
		if (rows->scan != NULL)
			systable_endscan(rows->scan);
		rows->scan = NULL;
		if (rows->next == NULL)
			return NULL;
		k = lfirst(rows->next);
		rows->next = lnext(rows->keys, rows->next);
		old = MemoryContextSwitchTo(rows->cxt);
		rows->scan = snap_scan_key(rows->rel, k->indexoid, k->keycol, k->value);
		MemoryContextSwitchTo(old);
	}
}

/* The relations a partial snapshot wants, their TOAST tables and indexes. */
static void
read_wanted_relations(Graph *g, Relation rel, TupleDesc desc)
{
	Relation	indrel = table_open(IndexRelationId, AccessShareLock);
	ListCell   *lc;

	foreach(lc, g->only_list)
	{
		ObjAddr    *a = lfirst(lc);
		SysScanDesc scan;
		SysScanDesc iscan;
		HeapTuple	tup;
		HeapTuple	itup;
		Oid			toastid = InvalidOid;
		bool		in_scope = false;

		if (a->classid != RelationRelationId)
			continue;
		scan = snap_scan_key(rel, ClassOidIndexId, Anum_pg_class_oid, a->objid);
		if (HeapTupleIsValid(tup = systable_getnext(scan)) &&
			snap_schema(g, ((Form_pg_class) GETSTRUCT(tup))->relnamespace) != NULL &&
			addrmap_get(g->snap->rels, RelationRelationId, a->objid, 0) == NULL)
		{
			keep_relation(g, tup, desc);
			toastid = ((Form_pg_class) GETSTRUCT(tup))->reltoastrelid;
			in_scope = true;
		}
		systable_endscan(scan);
		if (!in_scope)
			continue;

		/* TOAST tables with options, as read_relations() keeps them */
		if (OidIsValid(toastid))
		{
			scan = snap_scan_key(rel, ClassOidIndexId, Anum_pg_class_oid, toastid);
			if (HeapTupleIsValid(tup = systable_getnext(scan)) &&
				!heap_attisnull(tup, Anum_pg_class_reloptions, desc))
				keep_relation(g, tup, desc);
			systable_endscan(scan);
		}

		iscan = snap_scan_key(indrel, IndexIndrelidIndexId, Anum_pg_index_indrelid,
							  a->objid);
		while (HeapTupleIsValid(itup = systable_getnext(iscan)))
		{
			Form_pg_index i = (Form_pg_index) GETSTRUCT(itup);
			SnapRel    *r = NULL;

			scan = snap_scan_key(rel, ClassOidIndexId, Anum_pg_class_oid, i->indexrelid);
			if (HeapTupleIsValid(tup = systable_getnext(scan)) &&
				snap_schema(g, ((Form_pg_class) GETSTRUCT(tup))->relnamespace) != NULL)
				r = keep_relation(g, tup, desc);
			systable_endscan(scan);
			if (r == NULL)
				continue;
			r->index = heap_copytuple(itup);
			g->snap->indexes = lappend(g->snap->indexes, r);
		}
		systable_endscan(iscan);
	}
	table_close(indrel, AccessShareLock);
}

/*
 * Read the pg_class rows of the relations of the scope (and of the
 * pg_migrate extension's, which are left out later as members), then the
 * pg_index rows of their indexes.  A partial snapshot reads those of the
 * relations it wants alone, through the indexes.
 */
static void
read_relations(Graph *g)
{
	Relation	rel;
	TupleDesc	desc;
	SnapScan	whole;
	HeapTuple	tup;
	MemoryContext old = MemoryContextSwitchTo(g->cxt);
	uint32		naddrs = 0;
	int			nall = 0;

	g->snap->rels = addrmap_new(g->cxt, g->only != NULL ? 256 : 4096);
	rel = table_open(RelationRelationId, AccessShareLock);
	desc = RelationGetDescr(rel);
	if (g->only != NULL)
	{
		read_wanted_relations(g, rel, desc);
		table_close(rel, AccessShareLock);
		MemoryContextSwitchTo(old);
		return;
	}
	snap_scan_begin(&whole, g, rel);
	while (HeapTupleIsValid(tup = snap_scan_next(&whole)))
	{
		Form_pg_class c = (Form_pg_class) GETSTRUCT(tup);

		nall++;
		/* the scope's, and TOAST tables with options (table.c shows them) */
		if (snap_schema(g, c->relnamespace) == NULL &&
			!(c->relkind == RELKIND_TOASTVALUE &&
			  !heap_attisnull(tup, Anum_pg_class_reloptions, desc)))
			continue;
		keep_relation(g, tup, desc);
		/* the graph's addresses: see below */
		if (c->relkind == RELKIND_INDEX || c->relkind == RELKIND_PARTITIONED_INDEX)
			naddrs += 2;
		else
			naddrs += 3 + c->relnatts + c->relnatts / 5;
	}
	snap_scan_end(&whole);
	table_close(rel, AccessShareLock);

	/*
	 * A scope of a few relations among many: one index scan of pg_attribute
	 * per relation reads a few pages each, a scan of the whole catalog
	 * (about ten rows per relation of the database) all of them.  The
	 * relations of schemas made since a WAL position (the rehearsal's) are
	 * counted among the few: nall counts the rows of the pages written
	 * since alone, and the other pages of pg_attribute are read to find
	 * that they are older.
	 */
	g->snap->few_relations = list_length(g->snap->relations) * 20 < nall ||
		!XLogRecPtrIsInvalid(g->snap->since);

	/*
	 * About as many addresses as the snapshot will enter: a relation and
	 * its row type and array, its columns and some defaults, an index and
	 * its constraint (within ~15% on the bench schemas).
	 */
	graph_reserve(g, naddrs);

	rel = table_open(IndexRelationId, AccessShareLock);
	snap_scan_begin(&whole, g, rel);
	while (HeapTupleIsValid(tup = snap_scan_next(&whole)))
	{
		Form_pg_index i = (Form_pg_index) GETSTRUCT(tup);
		SnapRel    *r = addrmap_get(g->snap->rels, RelationRelationId, i->indexrelid, 0);

		if (r == NULL)
			continue;
		r->index = heap_copytuple(tup);
		g->snap->indexes = lappend(g->snap->indexes, r);
	}
	snap_scan_end(&whole);
	table_close(rel, AccessShareLock);
	MemoryContextSwitchTo(old);
}

/* The pg_class row of a relation of the scope, or NULL. */
SnapRel *
snap_relation(Graph *g, Oid relid)
{
	if (g->snap->rels == NULL)
		read_relations(g);
	return addrmap_get(g->snap->rels, RelationRelationId, relid, 0);
}

/* The indexes of the scope (SnapRel *), in the order of pg_index. */
List *
snap_indexes(Graph *g)
{
	if (g->snap->rels == NULL)
		read_relations(g);
	return g->snap->indexes;
}

/* The elements of an array (int2vector and oidvector too), or NULL. */
Datum *
snap_array(Datum array, Oid elemtype, int *n)
{
	Datum	   *elems;
	int16		typlen;
	bool		typbyval;
	char		typalign;

	*n = 0;
	if (array == (Datum) 0)
		return NULL;
	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	deconstruct_array(DatumGetArrayTypeP(array), elemtype, typlen, typbyval,
					  typalign, &elems, NULL, n);
	return elems;
}

/*
 * A relation's name as regclassout() writes it under the search_path in
 * force.  A relation of the graph in the schema that search_path starts
 * with is visible by its name alone (unless this session has a temporary
 * schema, which comes first), so the catalog cache is not visited for it.
 */
char *
snap_relation_name(Graph *g, Oid relid)
{
	GNode	   *node = graph_lookup(g, RelationRelationId, relid, 0);
	Oid			tempnsp;
	Oid			temptoastnsp;

	GetTempNamespaceState(&tempnsp, &temptoastnsp);
	if (node != NULL && g->snap->path_schema != NULL && node->schema == g->snap->path_schema &&
		!OidIsValid(tempnsp) &&
		(node->kind == OBJ_TABLE || node->kind == OBJ_VIEW ||
		 node->kind == OBJ_MATVIEW || node->kind == OBJ_SEQUENCE))
		return pstrdup(quote_identifier(node->name));
	return DatumGetCString(DirectFunctionCall1(regclassout,
											   ObjectIdGetDatum(relid)));
}

/*
 * The attoptions of an index's column, kept by the column scan (attnum 0:
 * whether the index has any).
 */
void
snap_keep_attoptions(Graph *g, Oid relid, int16 attnum, Datum options)
{
	bool		found;

	if (g->snap->attoptions == NULL)
		g->snap->attoptions = addrmap_new(g->cxt, 64);
	*addrmap_enter(g->snap->attoptions, 0, relid, attnum, &found) =
		DatumGetArrayTypePCopy(options);
	*addrmap_enter(g->snap->attoptions, 0, relid, 0, &found) = g;
}

/* Has an index column of relation relid attoptions (snap_keep_attoptions)? */
bool
snap_has_attoptions(Graph *g, Oid relid)
{
	return g->snap->attoptions != NULL &&
		addrmap_get(g->snap->attoptions, 0, relid, 0) != NULL;
}

/*
 * The attoptions kept for column attnum of index relid (a text[] in the
 * graph's context), or (Datum) 0 when it has none.
 */
Datum
snap_attoptions(Graph *g, Oid relid, int16 attnum)
{
	void	   *options;

	if (g->snap->attoptions == NULL)
		return (Datum) 0;
	options = addrmap_get(g->snap->attoptions, 0, relid, attnum);
	return options ? PointerGetDatum(options) : (Datum) 0;
}

/* The relations of the scope (SnapRel *), in the order of pg_class. */
List *
snap_relations(Graph *g)
{
	if (g->snap->rels == NULL)
		read_relations(g);
	return g->snap->relations;
}

/*
 * The array type of a type of the scope (a relation's row type), or
 * InvalidOid: all read in one scan of pg_type on first use.
 */
/* Keep a pg_type row of the scope (read_types()). */
static void
keep_type(Graph *g, Form_pg_type t)
{
	bool		found;

	if (OidIsValid(t->typarray))
		*addrmap_enter(g->snap->typarrays, TypeRelationId, t->oid, 0, &found) =
			(void *) (uintptr_t) t->typarray;
	if (!snap_wanted(g, TypeRelationId, t->oid))
		return;
	/* enums, domains, ranges, composites of CREATE TYPE */
	if (t->typtype == TYPTYPE_ENUM || t->typtype == TYPTYPE_DOMAIN ||
		t->typtype == TYPTYPE_RANGE)
		g->snap->usertypes = lappend_oid(g->snap->usertypes, t->oid);
	else if (t->typtype == TYPTYPE_COMPOSITE)
	{
		SnapRel    *r = snap_relation(g, t->typrelid);

		if (r != NULL && r->relkind == RELKIND_COMPOSITE_TYPE)
			g->snap->usertypes = lappend_oid(g->snap->usertypes, t->oid);
	}
	/* base types (not the array of another) and shells */
	else if ((t->typtype == TYPTYPE_BASE && !IsTrueArrayType(t)) ||
			 (t->typtype == TYPTYPE_PSEUDO && !t->typisdefined))
		g->snap->basetypes = lappend_oid(g->snap->basetypes, t->oid);
}

/*
 * Read the types of the scope: the array type of each, and the oids of
 * those a type.c reads.  A partial snapshot reads the types it wants and
 * the row types of the relations it wants, through the index.
 */
static void
read_types(Graph *g)
{
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	MemoryContext old = MemoryContextSwitchTo(g->cxt);

	snap_relations(g);			/* a composite type's relkind, below */
	g->snap->typarrays = addrmap_new(g->cxt, g->only != NULL ? 256 : 4096);
	rel = table_open(TypeRelationId, AccessShareLock);
	if (g->only != NULL)
	{
		List	   *typids = NIL;
		ListCell   *lc;

		foreach(lc, g->only_list)
		{
			ObjAddr    *a = lfirst(lc);

			if (a->classid == TypeRelationId)
				typids = list_append_unique_oid(typids, a->objid);
		}
		/* a composite type's relation: its row type is the type itself */
		foreach(lc, snap_relations(g))
		{
			SnapRel    *r = lfirst(lc);

			if (OidIsValid(r->reltype))
				typids = list_append_unique_oid(typids, r->reltype);
		}
		foreach(lc, typids)
		{
			scan = snap_scan_key(rel, TypeOidIndexId, Anum_pg_type_oid, lfirst_oid(lc));
			if (HeapTupleIsValid(tup = systable_getnext(scan)) &&
				snap_schema(g, ((Form_pg_type) GETSTRUCT(tup))->typnamespace) != NULL)
				keep_type(g, (Form_pg_type) GETSTRUCT(tup));
			systable_endscan(scan);
		}
	}
	else
	{
		SnapScan	whole;

		snap_scan_begin(&whole, g, rel);
		while (HeapTupleIsValid(tup = snap_scan_next(&whole)))
		{
			Form_pg_type t = (Form_pg_type) GETSTRUCT(tup);

			if (snap_schema(g, t->typnamespace) == NULL)
				continue;
			keep_type(g, t);
		}
		snap_scan_end(&whole);
	}
	table_close(rel, AccessShareLock);
	MemoryContextSwitchTo(old);
}

/*
 * The array type of a type of the scope (a relation's row type), or
 * InvalidOid: all read in one scan of pg_type on first use.
 */
Oid
snap_type_array(Graph *g, Oid typid)
{
	if (g->snap->typarrays == NULL)
		read_types(g);
	return (Oid) (uintptr_t) addrmap_get(g->snap->typarrays, TypeRelationId, typid, 0);
}

static Datum
oid_list_array(List *oids)
{
	Datum	   *elems = palloc(sizeof(Datum) * (list_length(oids) + 1));
	int			n = 0;
	ListCell   *lc;

	foreach(lc, oids)
		elems[n++] = ObjectIdGetDatum(lfirst_oid(lc));
	return PointerGetDatum(construct_array(elems, n, OIDOID, sizeof(Oid),
										   true, TYPALIGN_INT));
}

/* The oid[] of the relations of the scope of one relkind. */
Datum
snap_relation_oids(Graph *g, char relkind)
{
	List	   *oids = NIL;
	ListCell   *lc;

	foreach(lc, snap_relations(g))
	{
		SnapRel    *r = lfirst(lc);

		if (r->relkind == relkind)
			oids = lappend_oid(oids, r->oid);
	}
	return oid_list_array(oids);
}

/*
 * The oid[] of the types of the scope that are enums, domains, ranges, or
 * composite types made by CREATE TYPE (not the row type of a relation).
 */
Datum
snap_type_oids(Graph *g)
{
	if (g->snap->typarrays == NULL)
		read_types(g);
	return oid_list_array(g->snap->usertypes);
}

/*
 * The oid[] of the base types (but arrays) and shell types of the scope,
 * extensions' among them (the query leaves those out).
 */
Datum
snap_basetype_oids(Graph *g)
{
	if (g->snap->typarrays == NULL)
		read_types(g);
	return oid_list_array(g->snap->basetypes);
}

/*
 * Whether an object belongs to an extension (any extension: their objects
 * are never part of a snapshot).  The first call reads the members of
 * every extension through pg_depend's index on the referenced object.
 */
bool
snap_extension_member(Graph *g, Oid classid, Oid objid)
{
	if (g->snap->ext_objects == NULL)
	{
		Relation	extrel;
		Relation	deprel;
		SysScanDesc scan;
		HeapTuple	tup;
		List	   *exts = NIL;
		ListCell   *lc;

		g->snap->ext_objects = addrmap_new(g->cxt, 256);
		extrel = table_open(ExtensionRelationId, AccessShareLock);
		scan = systable_beginscan(extrel, InvalidOid, false, snap_scan_snapshot(), 0, NULL);
		while (HeapTupleIsValid(tup = systable_getnext(scan)))
			exts = lappend_oid(exts, ((Form_pg_extension) GETSTRUCT(tup))->oid);
		systable_endscan(scan);
		table_close(extrel, AccessShareLock);

		deprel = table_open(DependRelationId, AccessShareLock);
		foreach(lc, exts)
		{
			ScanKeyData key[2];

			ScanKeyInit(&key[0], Anum_pg_depend_refclassid, BTEqualStrategyNumber,
						F_OIDEQ, ObjectIdGetDatum(ExtensionRelationId));
			ScanKeyInit(&key[1], Anum_pg_depend_refobjid, BTEqualStrategyNumber,
						F_OIDEQ, ObjectIdGetDatum(lfirst_oid(lc)));
			scan = systable_beginscan(deprel, DependReferenceIndexId, true,
									  snap_scan_snapshot(), 2, key);
			while (HeapTupleIsValid(tup = systable_getnext(scan)))
			{
				Form_pg_depend d = (Form_pg_depend) GETSTRUCT(tup);
				bool		found;

				if (d->deptype == DEPENDENCY_EXTENSION)
					*addrmap_enter(g->snap->ext_objects, d->classid, d->objid, 0,
								   &found) = g;
			}
			systable_endscan(scan);
		}
		table_close(deprel, AccessShareLock);
	}
	return addrmap_get(g->snap->ext_objects, classid, objid, 0) != NULL;
}

/*
 * The node of a schema of the scope, or NULL.  Catalog scans ask for every
 * row, and rows of one schema mostly follow each other: the last answer is
 * kept.
 */
GNode *
snap_schema(Graph *g, Oid nspoid)
{
	if (nspoid != g->snap->last_nsp || !OidIsValid(nspoid))
	{
		g->snap->last_nsp = nspoid;
		g->snap->last_schema = graph_lookup(g, NamespaceRelationId, nspoid, 0);
	}
	return g->snap->last_schema;
}

/*
 * Is a top-level object (a child of its schema) to be read?  Always, but
 * in a partial snapshot (snapshot_build_partial()): those asked for.
 */
bool
snap_wanted(Graph *g, Oid classid, Oid objid)
{
	return g->only == NULL || addrmap_get(g->only, classid, objid, 0) != NULL;
}

/*
 * An array value as a jsonb array of its elements' texts.  Option lists
 * ("name=value": reloptions, attoptions, proconfig) are sets: they are
 * sorted, and internal options (names starting with "pg_") left out.
 */
void
snap_add_array(GNode *node, const char *key, Datum value)
{
	bool		is_options = strcmp(key, "options") == 0 ||
		strcmp(key, "config") == 0;
	ArrayType  *arr = DatumGetArrayTypeP(value);
	Oid			elemtype = ARR_ELEMTYPE(arr);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Oid			outfunc;
	bool		isvarlena;
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	List	   *texts = NIL;

	get_typlenbyvalalign(elemtype, &typlen, &typbyval, &typalign);
	getTypeOutputInfo(elemtype, &outfunc, &isvarlena);
	deconstruct_array(arr, elemtype, typlen, typbyval, typalign,
					  &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		char	   *text;

		if (nulls[i])
			continue;
		text = OidOutputFunctionCall(outfunc, elems[i]);
		if (is_options && strncmp(text, "pg_", 3) == 0)
			continue;
		texts = lappend(texts, text);
	}
	if (is_options)
	{
		if (texts == NIL)
			return;
		list_sort(texts, pgm_cmp_list_cstring);
	}
	gnode_add_strings(node, key, texts);
}

/* A relation's row type, and its array, are that relation. */
void
pgm_alias_rowtype(SnapRow *row, GNode *node)
{
	ObjAddr		addr = {TypeRelationId, InvalidOid, 0};

	pgm_register_relation(row->graph, row_oid(row, "_oid"), node->name,
						  row_int(row, "_natts"));

	if (OidIsValid(addr.objid = row_oid(row, "_reltype")))
		graph_add_alias(row->graph, &addr, node);
	if (OidIsValid(addr.objid = row_oid(row, "_reltype_array")))
		graph_add_alias(row->graph, &addr, node);
}

/*
 * "tablespace": the name of the tablespace a relation's storage lives in
 * (reltablespace), nothing for the database's default (0).  The name is
 * allocated in the current memory context and copied by the node.
 */
void
snap_add_tablespace(GNode *node, Oid spcoid)
{
	char	   *name;

	if (!OidIsValid(spcoid))
		return;
	name = get_tablespace_name(spcoid);
	if (name == NULL)
		elog(ERROR, "cache lookup failed for tablespace %u", spcoid);
	gnode_add_string(node, "tablespace", name);
}
