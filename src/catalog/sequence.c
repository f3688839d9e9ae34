/*-------------------------------------------------------------------------
 *
 * sequence.c
 *	  Sequences: type, start, increment, bounds, cache, cycle, persistence,
 *	  OWNED BY, comment and privileges.  Identity sequences belong to their
 *	  column (column.c) and are not listed here.  The current value is
 *	  data, not schema.
 *
 * The sequences of the scope are read from the pg_class rows read once for
 * the snapshot, their pg_sequence rows in one scan and their own pg_depend
 * rows (OWNED BY, identity) in one scan of pg_depend; a partial snapshot
 * looks up the few it reads one by one.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/pg_class.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_sequence.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/syscache.h"

/*
 * Keys of g->snap->sequences: a sequence, a column to its identity
 * sequence, a column to the sequences it owns (a chain of next_owned).
 */
#define SEQ_KEY_SEQUENCE	RelationRelationId
#define SEQ_KEY_IDENTITY	AttributeRelationId
#define SEQ_KEY_OWNED		0

/* Note one pg_depend row of a sequence. */
static void
note_dependency(Graph *g, SnapSequence *s, Form_pg_depend d)
{
	bool		found;

	if (d->deptype == DEPENDENCY_INTERNAL)
	{
		s->internal = true;
		/* getIdentitySequence(): an internal dependency on the column */
		if (d->refclassid == RelationRelationId && d->refobjsubid != 0)
		{
			void	  **slot = addrmap_enter(g->snap->sequences, SEQ_KEY_IDENTITY,
											 d->refobjid, d->refobjsubid, &found);

			if (!found)
				*slot = s;
		}
	}
	else if (d->deptype == DEPENDENCY_AUTO &&
			 d->refclassid == RelationRelationId && d->refobjsubid > 0 &&
			 !OidIsValid(s->owned_rel))
	{
		s->owned_rel = d->refobjid;
		s->owned_att = d->refobjsubid;
	}
}

static SnapSequence *
new_sequence(Graph *g, Oid seqid)
{
	SnapSequence *s = MemoryContextAllocZero(g->cxt, sizeof(SnapSequence));
	bool		found;

	s->oid = seqid;
	*addrmap_enter(g->snap->sequences, SEQ_KEY_SEQUENCE, seqid, 0, &found) = s;
	return s;
}

/*
 * Every sequence of the scope (the pg_class rows of the snapshot), with its
 * pg_sequence row and its dependencies, in one scan of each catalog.
 */
static void
read_sequences(Graph *g)
{
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	ListCell   *lc;

	g->snap->sequences = addrmap_new(g->cxt, 1024);
	foreach(lc, snap_relations(g))
	{
		SnapRel    *r = lfirst(lc);

		if (r->relkind == RELKIND_SEQUENCE)
			new_sequence(g, r->oid);
	}

	rel = table_open(SequenceRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, snap_scan_snapshot(), 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_sequence seq = (Form_pg_sequence) GETSTRUCT(tup);
		SnapSequence *s = addrmap_get(g->snap->sequences, SEQ_KEY_SEQUENCE,
									  seq->seqrelid, 0);

		if (s == NULL)
			continue;
		s->row = *seq;
		s->has_row = true;
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);

	/*
	 * The dependencies of sequences: a heap scan of pg_depend costs less than
	 * an index scan of the rows of every relation (a third of them).
	 */
	rel = table_open(DependRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, snap_scan_snapshot(), 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_depend d = (Form_pg_depend) GETSTRUCT(tup);
		SnapSequence *s;

		if (d->classid != RelationRelationId ||
			(d->deptype != DEPENDENCY_INTERNAL && d->deptype != DEPENDENCY_AUTO))
			continue;
		s = addrmap_get(g->snap->sequences, SEQ_KEY_SEQUENCE, d->objid, 0);
		if (s != NULL)
			note_dependency(g, s, d);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
}

/* One sequence, read by itself (a partial snapshot). */
static SnapSequence *
read_sequence(Graph *g, Oid seqid)
{
	SnapSequence *s = new_sequence(g, seqid);
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	ScanKeyData key[2];

	tup = SearchSysCache1(SEQRELID, ObjectIdGetDatum(seqid));
	if (HeapTupleIsValid(tup))
	{
		s->row = *(Form_pg_sequence) GETSTRUCT(tup);
		s->has_row = true;
		ReleaseSysCache(tup);
	}

	rel = table_open(DependRelationId, AccessShareLock);
	ScanKeyInit(&key[0], Anum_pg_depend_classid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(RelationRelationId));
	ScanKeyInit(&key[1], Anum_pg_depend_objid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(seqid));
	scan = systable_beginscan(rel, DependDependerIndexId, true,
							  snap_scan_snapshot(), 2, key);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
		note_dependency(g, s, (Form_pg_depend) GETSTRUCT(tup));
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return s;
}

/* The map of snap_sequence(): a whole snapshot reads every sequence. */
static void
init_sequences(Graph *g)
{
	MemoryContext old = MemoryContextSwitchTo(g->cxt);

	if (g->only != NULL)
		g->snap->sequences = addrmap_new(g->cxt, 64);
	else
		read_sequences(g);
	MemoryContextSwitchTo(old);
}

/*
 * A sequence of the snapshot's scope: its pg_sequence row (has_row), its
 * identity and OWNED BY dependencies.  A whole snapshot reads all of them
 * on the first call.
 */
SnapSequence *
snap_sequence(Graph *g, Oid seqid)
{
	SnapSequence *s;

	if (g->snap->sequences == NULL)
		init_sequences(g);
	s = addrmap_get(g->snap->sequences, SEQ_KEY_SEQUENCE, seqid, 0);
	if (s == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(g->cxt);

		s = read_sequence(g, seqid);
		MemoryContextSwitchTo(old);
	}
	return s;
}

/*
 * The identity sequence of a column, as getIdentitySequence() finds it, or
 * InvalidOid.
 */
Oid
snap_identity_sequence(Graph *g, Oid relid, int16 attnum)
{
	SnapSequence *s;

	if (g->only == NULL)
	{
		if (g->snap->sequences == NULL)
			init_sequences(g);
		s = addrmap_get(g->snap->sequences, SEQ_KEY_IDENTITY, relid, attnum);
		if (s != NULL)
			return s->oid;
	}
	/* a partial snapshot, or a sequence outside the scope */
	return getIdentitySequence(relid, attnum, true);
}

/* One sequence: its node and attributes. */
static void
sequence_load(Graph *g, SnapRel *r, GNode *schema, SnapSequence *s)
{
	ObjAddr		addr = {RelationRelationId, r->oid, 0};
	GNode	   *node;
	const char *comment;

	node = graph_add_node(g, OBJ_SEQUENCE, &addr, NameStr(r->relname), schema, schema);
	/* the type and OWNED BY are written relative to the schema */
	snap_use_schema_path(g, schema);

	gnode_add_string(node, "type",
					 DatumGetCString(DirectFunctionCall1(regtypeout,
														 ObjectIdGetDatum(s->row.seqtypid))));
	gnode_add_int(node, "start", s->row.seqstart);
	gnode_add_int(node, "increment", s->row.seqincrement);
	gnode_add_int(node, "min", s->row.seqmin);
	gnode_add_int(node, "max", s->row.seqmax);
	gnode_add_int(node, "cache", s->row.seqcache);
	gnode_add_bool(node, "cycle", s->row.seqcycle);
	gnode_add_string(node, "persistence",
					 r->relpersistence == RELPERSISTENCE_UNLOGGED ? "unlogged" : "permanent");
	comment = snap_comment(g, RelationRelationId, r->oid, 0);
	if (comment != NULL)
		gnode_add_string(node, "comment", comment);
	if (r->relacl != (Datum) 0)
		snap_add_privileges(node, r->relacl, r->relowner);

	/*
	 * OWNED BY names the column: column.c writes it from the column's row
	 * (snap_owned_by()), which spares a catalog cache visit per sequence.
	 */
	s->node = node;
	if (OidIsValid(s->owned_rel))
	{
		MemoryContext old = MemoryContextSwitchTo(g->cxt);
		bool		found;
		void	  **slot = addrmap_enter(g->snap->sequences, SEQ_KEY_OWNED,
										 s->owned_rel, s->owned_att, &found);

		s->next_owned = found ? *slot : NULL;
		*slot = s;
		g->snap->owned = lappend(g->snap->owned, s);
		MemoryContextSwitchTo(old);
	}
}

/* "owned_by" of a sequence: "table.column" relative to its schema. */
static void
add_owned_by(Graph *g, SnapSequence *s, const char *attname)
{
	snap_use_schema_path(g, s->node->schema);
	gnode_add_string(s->node, "owned_by",
					 psprintf("%s.%s", snap_relation_name(g, s->owned_rel),
							  quote_identifier(attname)));
	s->owned_done = true;
}

/*
 * A column of the snapshot (column.c): write the OWNED BY of the sequences
 * it owns.  Sets the search_path.
 */
void
snap_owned_by(Graph *g, Oid relid, int16 attnum, const char *attname)
{
	SnapSequence *s;

	if (g->snap->owned == NIL)
		return;
	for (s = addrmap_get(g->snap->sequences, SEQ_KEY_OWNED, relid, attnum);
		 s != NULL; s = s->next_owned)
		add_owned_by(g, s, attname);
}

/*
 * The OWNED BY of sequences whose column the snapshot did not read (a
 * table outside the scope or the partial snapshot), from the catalog cache.
 */
void
snap_owned_by_rest(Graph *g)
{
	ListCell   *lc;

	foreach(lc, g->snap->owned)
	{
		SnapSequence *s = lfirst(lc);
		char	   *attname;

		if (s->owned_done)
			continue;
		attname = get_attname(s->owned_rel, s->owned_att, true);
		if (attname != NULL)
			add_owned_by(g, s, attname);
	}
	list_free(g->snap->owned);
	g->snap->owned = NIL;
}

/*
 * The sequences of the scope but identity sequences and those of
 * extensions.
 */
static uint64
sequence_scan(Graph *g)
{
	MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext,
												 "pg_migrate row",
												 ALLOCSET_DEFAULT_SIZES);
	MemoryContext old;
	ListCell   *lc;
	uint64		n = 0;

	old = MemoryContextSwitchTo(rowcxt);
	foreach(lc, snap_relations(g))
	{
		SnapRel    *r = lfirst(lc);
		GNode	   *schema;
		SnapSequence *s;

		if (r->relkind != RELKIND_SEQUENCE)
			continue;
		schema = snap_schema(g, r->relnamespace);
		if (schema == NULL || !snap_wanted(g, RelationRelationId, r->oid) ||
			snap_extension_member(g, RelationRelationId, r->oid))
			continue;
		s = snap_sequence(g, r->oid);
		if (!s->has_row || s->internal)
			continue;
		sequence_load(g, r, schema, s);
		MemoryContextReset(rowcxt);
		n++;
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(rowcxt);
	return n;
}

const SnapHandler pgm_sequence_handler = {
	.kind = OBJ_SEQUENCE,
	.classid = RelationRelationId,
	.scan = sequence_scan,
};
