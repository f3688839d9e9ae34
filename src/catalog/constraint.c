/*-------------------------------------------------------------------------
 *
 * constraint.c
 *	  Constraints of tables and domains: PRIMARY KEY, UNIQUE, CHECK,
 *	  FOREIGN KEY, EXCLUDE, with DEFERRABLE, INITIALLY DEFERRED, NOT VALID,
 *	  NO INHERIT and inheritance; for a key, its index's storage parameters
 *	  (in the definition) and whether the table is clustered on it.  The
 *	  index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint is an alias of the constraint, not an index of
 *	  its own.  Constraint triggers are triggers (trigger.c).
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_class.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_index.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "utils/memutils.h"
#include "utils/syscache.h"
#include "utils/fmgrprotos.h"
#include "utils/regproc.h"
#include "utils/builtins.h"
#include "utils/ruleutils.h"

static const char *
fk_action(const char *code)
{
	switch (code[0])
	{
		case 'r':
			return "RESTRICT";
		case 'c':
			return "CASCADE";
		case 'n':
			return "SET NULL";
		case 'd':
			return "SET DEFAULT";
		default:
			return NULL;		/* 'a': NO ACTION, the default */
	}
}

/* One row of pg_constraint, and the index of a key (or NULL). */
typedef struct ConRow
{
	Graph	   *graph;
	HeapTuple	tuple;
	Form_pg_constraint con;
	SnapRel    *index;
} ConRow;

/* An int2[] column of the row as Datums (NULL, and *n = 0, when null). */
static Datum *
con_array(ConRow *row, AttrNumber attnum, int *n)
{
	bool		isnull;
	Datum		d = SysCacheGetAttr(CONSTROID, row->tuple, attnum, &isnull);

	if (isnull)
	{
		*n = 0;
		return NULL;
	}
	return snap_array(d, INT2OID, n);
}

/*
 * A key's or foreign key's definition, written from the catalog row and the
 * columns of the graph as pg_get_constraintdef() writes it, with the key
 * index's storage parameters (which it writes only in a full command).
 */
static char *
key_definition(ConRow *row, GNode *node, Oid relid)
{
	Graph	   *g = row->graph;
	Form_pg_constraint con = row->con;
	StringInfoData buf;
	int			nkey;
	Datum	   *conkey = con_array(row, Anum_pg_constraint_conkey, &nkey);

	initStringInfo(&buf);
	if (con->contype == CONSTRAINT_FOREIGN)
	{
		int			nref,
					nset;
		Datum	   *confkey = con_array(row, Anum_pg_constraint_confkey, &nref);
		Datum	   *setcols = con_array(row, Anum_pg_constraint_confdelsetcols, &nset);
		const char *upd = fk_action(&con->confupdtype);
		const char *del = fk_action(&con->confdeltype);

		appendStringInfoString(&buf, "FOREIGN KEY (");
		append_column_list(&buf, g, relid, conkey, 0, nkey);
		appendStringInfo(&buf, ") REFERENCES %s(",
						 snap_relation_name(g, con->confrelid));
		append_column_list(&buf, g, con->confrelid, confkey, 0, nref);
		appendStringInfoChar(&buf, ')');
		if (con->confmatchtype == FKCONSTR_MATCH_FULL)
			appendStringInfoString(&buf, " MATCH FULL");
		else if (con->confmatchtype == FKCONSTR_MATCH_PARTIAL)
			appendStringInfoString(&buf, " MATCH PARTIAL");
		if (upd != NULL)
			appendStringInfo(&buf, " ON UPDATE %s", upd);
		if (del != NULL)
			appendStringInfo(&buf, " ON DELETE %s", del);
		if (setcols != NULL)
		{
			appendStringInfoString(&buf, " (");
			append_column_list(&buf, g, relid, setcols, 0, nset);
			appendStringInfoChar(&buf, ')');
		}
	}
	else
	{
		Form_pg_index ind = row->index && row->index->index ?
			(Form_pg_index) GETSTRUCT(row->index->index) : NULL;
		int			natts = 0,
					nopt;
		Datum	   *indkey = NULL;
		Datum	   *options = snap_array(row->index ? row->index->reloptions : (Datum) 0,
										 TEXTOID, &nopt);

		if (ind != NULL)
		{
			natts = ind->indkey.dim1;
			indkey = palloc(sizeof(Datum) * Max(natts, 1));
			for (int i = 0; i < natts; i++)
				indkey[i] = Int16GetDatum(ind->indkey.values[i]);
		}
		appendStringInfoString(&buf, con->contype == CONSTRAINT_PRIMARY ?
							   "PRIMARY KEY " : "UNIQUE ");
		if (ind != NULL && ind->indnullsnotdistinct)
			appendStringInfoString(&buf, "NULLS NOT DISTINCT ");
		appendStringInfoChar(&buf, '(');
		append_column_list(&buf, g, relid, conkey, 0, nkey);
		appendStringInfoChar(&buf, ')');
		if (natts > nkey)
		{
			appendStringInfoString(&buf, " INCLUDE (");
			append_column_list(&buf, g, relid, indkey, nkey, natts);
			appendStringInfoChar(&buf, ')');
		}
		append_storage_options(&buf, options, nopt);
	}
	if (con->condeferrable)
		appendStringInfoString(&buf, " DEFERRABLE");
	if (con->condeferred)
		appendStringInfoString(&buf, " INITIALLY DEFERRED");
	if (!con->convalidated)
		appendStringInfoString(&buf, " NOT VALID");
	return buf.data;
}

/*
 * The definition as pg_get_constraintdef() writes it.  A table's CHECK,
 * key and foreign key are written here, from the catalog row and the column
 * names the graph holds, so that neither the table nor the catalog caches
 * are visited once per constraint; exclusion and domain constraints are
 * deparsed by ruleutils.c.
 */
static void
add_definition(ConRow *row, GNode *node)
{
	Form_pg_constraint con = row->con;
	Oid			relid = con->conrelid;

	if (con->contype == CONSTRAINT_CHECK && OidIsValid(relid))
	{
		bool		isnull;
		Datum		conbin = SysCacheGetAttr(CONSTROID, row->tuple,
											 Anum_pg_constraint_conbin, &isnull);

		if (!isnull)
		{
			gnode_add_string(node, "definition",
							 psprintf("CHECK (%s)%s%s",
									  deparse_rel_expr(row->graph,
													   TextDatumGetCString(conbin),
													   relid),
									  con->connoinherit ? " NO INHERIT" : "",
									  !con->convalidated ? " NOT VALID" : ""));
			return;
		}
	}
	if (OidIsValid(relid) &&
		(con->contype == CONSTRAINT_PRIMARY || con->contype == CONSTRAINT_UNIQUE ||
		 con->contype == CONSTRAINT_FOREIGN))
		gnode_add_string(node, "definition", key_definition(row, node, relid));
	else
	{
		StringInfoData buf;
		int			nopt;
		Datum	   *options = snap_array(row->index ? row->index->reloptions : (Datum) 0,
										 TEXTOID, &nopt);
		char	   *def = deparse_call(pg_get_constraintdef_ext, 2,
									   ObjectIdGetDatum(con->oid),
									   BoolGetDatum(false), 0);

		/* an exclusion constraint's storage parameters go before DEFERRABLE */
		initStringInfo(&buf);
		if (nopt > 0)
		{
			char	   *tail = strstr(def, " DEFERRABLE");

			appendBinaryStringInfo(&buf, def, tail ? tail - def : strlen(def));
			append_storage_options(&buf, options, nopt);
			if (tail)
				appendStringInfoString(&buf, tail);
			def = buf.data;
		}
		gnode_add_string(node, "definition", def);
	}
}

static const char *
constraint_type(char contype)
{
	switch (contype)
	{
		case CONSTRAINT_PRIMARY:
			return "primary_key";
		case CONSTRAINT_UNIQUE:
			return "unique";
		case CONSTRAINT_CHECK:
			return "check";
		case CONSTRAINT_FOREIGN:
			return "foreign_key";
		case CONSTRAINT_EXCLUSION:
			return "exclusion";
		default:
			return NULL;
	}
}

/* One constraint of the scope whose table or domain is in the graph. */
static void
constraint_load(ConRow *row, GNode *parent)
{
	Graph	   *g = row->graph;
	Form_pg_constraint con = row->con;
	ObjAddr		addr = {ConstraintRelationId, con->oid, 0};
	GNode	   *node;
	const char *comment;

	node = graph_add_node(g, OBJ_CONSTRAINT, &addr, NameStr(con->conname),
						  parent->schema, parent);
	snap_use_schema_path(g, parent->schema);

	gnode_add_string(node, "type", constraint_type(con->contype));
	if (con->condeferrable)
		gnode_add_bool(node, "deferrable", true);
	if (con->condeferred)
		gnode_add_bool(node, "initially_deferred", true);
	if (!con->convalidated)
		gnode_add_bool(node, "not_valid", true);
	if (con->contype == CONSTRAINT_CHECK && con->connoinherit)
		gnode_add_bool(node, "no_inherit", true);
	if (con->coninhcount > 0)
	{
		gnode_add_bool(node, "inherited", true);
		gnode_add_bool(node, "local", con->conislocal);
	}
	if (OidIsValid(con->confrelid))
		gnode_add_string(node, "references",
						 snap_relation_name(g, con->confrelid));
	if (row->index != NULL && row->index->index != NULL &&
		((Form_pg_index) GETSTRUCT(row->index->index))->indisclustered)
		gnode_add_bool(node, "clustered", true);
	comment = snap_comment(g, ConstraintRelationId, con->oid, 0);
	if (comment != NULL)
		gnode_add_string(node, "comment", comment);

	add_definition(row, node);
	if (row->index != NULL)
		snap_add_tablespace(node, row->index->reltablespace);
	if (row->index != NULL)
	{
		ObjAddr		index = {RelationRelationId, con->conindid, 0};

		graph_add_alias(g, &index, node);
	}
}

/*
 * Every constraint of the scope, in one scan of pg_constraint.  The index
 * of a key or exclusion constraint is marked as the constraint's, so that
 * index.c leaves it out.
 */
static uint64
constraint_scan(Graph *g)
{
	MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext,
												 "pg_migrate row",
												 ALLOCSET_DEFAULT_SIZES);
	MemoryContext old;
	Relation	rel;
	SnapRows	rows;
	HeapTuple	tup;
	uint64		n = 0;
	List	   *keys;
	ListCell   *lc;

	/*
	 * A partial snapshot reads the constraints of its relations and types
	 * by the indexes, one scan each.
	 */
	keys = snap_relation_keys(g, NIL, ConstraintRelidTypidNameIndexId,
							  Anum_pg_constraint_conrelid);
	foreach(lc, g->only_list)
	{
		ObjAddr    *a = lfirst(lc);
		SnapRowKey *k;

		if (a->classid != TypeRelationId)
			continue;
		k = palloc(sizeof(SnapRowKey));
		k->indexoid = ConstraintTypidIndexId;
		k->keycol = Anum_pg_constraint_contypid;
		k->value = a->objid;
		keys = lappend(keys, k);
	}

	/* the scan lives outside the context reset after each row */
	rel = table_open(ConstraintRelationId, AccessShareLock);
	snap_rows_begin(&rows, g, rel, keys);
	old = MemoryContextSwitchTo(rowcxt);
	while ((tup = snap_rows_next(&rows)) != NULL)
	{
		Form_pg_constraint con;
		ConRow		row;
		GNode	   *parent = NULL;
		bool		has_index;

		con = (Form_pg_constraint) GETSTRUCT(tup);

		if (constraint_type(con->contype) == NULL ||
			snap_schema(g, con->connamespace) == NULL)
			continue;
		has_index = con->contype == CONSTRAINT_PRIMARY ||
			con->contype == CONSTRAINT_UNIQUE ||
			con->contype == CONSTRAINT_EXCLUSION;
		row.graph = g;
		row.tuple = tup;
		row.con = con;
		row.index = has_index ? snap_relation(g, con->conindid) : NULL;
		if (row.index != NULL && row.index->index != NULL &&
			((Form_pg_index) GETSTRUCT(row.index->index))->indrelid == con->conrelid)
			row.index->of_constraint = true;

		if (OidIsValid(con->conrelid))
			parent = graph_lookup(g, RelationRelationId, con->conrelid, 0);
		else if (OidIsValid(con->contypid))
			parent = graph_lookup(g, TypeRelationId, con->contypid, 0);
		if (parent == NULL)
			continue;
		constraint_load(&row, parent);
		MemoryContextReset(rowcxt);
		n++;
	}
	MemoryContextSwitchTo(old);
	table_close(rel, AccessShareLock);
	MemoryContextDelete(rowcxt);
	return n;
}

const SnapHandler pgm_constraint_handler = {
	.kind = OBJ_CONSTRAINT,
	.classid = ConstraintRelationId,
	.scan = constraint_scan,
};
