/*-------------------------------------------------------------------------
 *
 * dirty.c
 *	  What the current transaction changed in the catalogs a snapshot
 *	  reads (see dirty.h).
 *
 * Every catalog a snapshot reads is scanned once, its rows whatever their
 * visibility (as with SnapshotAny), on the pages written since the earlier
 * snapshot (by their LSN): a row
 * whose xmin is this transaction's was inserted (or is the new version of
 * an update) by it, a row whose xmax is this transaction's (and not a mere
 * lock) was deleted (or is the old version of an update).  Each such row
 * names an object (a pg_attribute row its relation, a pg_depend row its
 * dependent object, ...), and each object the top-level object of the
 * document that holds it: its table, view, sequence, type or function.
 * An object the earlier snapshot has is found there (so that one since
 * dropped is found too); a new one through the catalog caches.
 *
 * Only changes to rows decide, so nothing is missed however a statement
 * reached the catalogs (ALTER TABLE's recursion to partitions, CASCADE,
 * event triggers); a change made earlier in the transaction counts too,
 * which only costs re-reading that object (on a page written since).  What a partial snapshot cannot
 * express makes dirty_since() give up: a change to a schema, an extension
 * (or its members), a collation, a language, an operator class or an
 * operator, and the other kinds whose catalogs it does not read (aggregates,
 * casts, default privileges, text search, foreign data, publications, event
 * triggers); and a renamed object, since the documents of the objects that
 * refer to it write its name.
 *
 *-------------------------------------------------------------------------
 */
#include "dirty.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/visibilitymap.h"
#include "access/skey.h"
#include "access/stratnum.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/pg_aggregate.h"
#include "catalog/pg_amop.h"
#include "catalog/pg_amproc.h"
#include "catalog/pg_attrdef.h"
#include "catalog/pg_cast.h"
#include "catalog/pg_default_acl.h"
#include "catalog/pg_foreign_data_wrapper.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_foreign_table.h"
#include "catalog/pg_event_trigger.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_publication.h"
#include "catalog/pg_publication_namespace.h"
#include "catalog/pg_publication_rel.h"
#include "catalog/pg_user_mapping.h"
#include "catalog/pg_ts_config.h"
#include "catalog/pg_ts_config_map.h"
#include "catalog/pg_ts_dict.h"
#include "catalog/pg_ts_parser.h"
#include "catalog/pg_ts_template.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_class.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_description.h"
#include "catalog/pg_enum.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_index.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_language.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_opclass.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_partitioned_table.h"
#include "catalog/pg_policy.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_range.h"
#include "catalog/pg_rewrite.h"
#include "catalog/pg_statistic_ext.h"
#include "catalog/pg_sequence.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "storage/bufpage.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

/* What this transaction did to a row. */
#define ROW_INSERTED	0x01	/* xmin is ours */
#define ROW_DELETED		0x02	/* xmax is ours (deleted or updated) */

typedef struct DirtyCtx
{
	Graph	   *before;
	DirtySet   *set;
	const char *why;			/* set: give up */
	List	   *marks;			/* of ObjAddr *: objects changed, once each */
	AddrMap    *marked;			/* the same, to find them */
	AddrMap    *toast_owner;	/* TOAST relation -> its table (oid) */
	AddrMap    *names;			/* (catalog, oid, subid) -> NameChange */
	List	   *namelist;		/* of NameChange *: the same */
} DirtyCtx;

/* The name of a row before this transaction and after it. */
typedef struct NameChange
{
	char	   *before;
	char	   *after;
} NameChange;

static int
row_change(HeapTuple tup)
{
	HeapTupleHeader h = tup->t_data;
	int			change = 0;

	if (!HeapTupleHeaderXminInvalid(h) &&
		TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(h)))
		change |= ROW_INSERTED;
	if (!(h->t_infomask & HEAP_XMAX_INVALID) &&
		!HEAP_XMAX_IS_LOCKED_ONLY(h->t_infomask))
	{
		TransactionId xmax = HeapTupleHeaderGetUpdateXid(h);

		if (TransactionIdIsValid(xmax) && TransactionIdIsCurrentTransactionId(xmax))
			change |= ROW_DELETED;
	}
	return change;
}

static void
give_up(DirtyCtx *cx, const char *why)
{
	if (cx->why == NULL)
		cx->why = why;
}

static void
mark(DirtyCtx *cx, Oid classid, Oid objid)
{
	ObjAddr    *a;
	bool		found;

	if (!OidIsValid(objid))
		return;
	/* most changed rows name an object some row named already */
	*addrmap_enter(cx->marked, classid, objid, 0, &found) = cx;
	if (found)
		return;
	a = palloc(sizeof(ObjAddr));
	a->classid = classid;
	a->objid = objid;
	a->subid = 0;
	cx->marks = lappend(cx->marks, a);
}

/*
 * A row's name before and after this transaction: the version it deleted
 * that it had not inserted, and the version it inserted and kept.
 */
static void
note_name(DirtyCtx *cx, int change, Oid catalog, Oid objid, int32 subid,
		  const char *name, Oid nsp)
{
	NameChange *nc;
	bool		found;
	void	  **slot;

	if (change != ROW_INSERTED && change != ROW_DELETED)
		return;
	slot = addrmap_enter(cx->names, catalog, objid, subid, &found);
	if (!found)
	{
		*slot = palloc0(sizeof(NameChange));
		cx->namelist = lappend(cx->namelist, *slot);
	}
	nc = *slot;
	if (change == ROW_DELETED)
		nc->before = psprintf("%u.%s", nsp, name);
	else
		nc->after = psprintf("%u.%s", nsp, name);
}

/* One changed row of a catalog: what it names. */
static void
dirty_row(DirtyCtx *cx, Oid catalog, HeapTuple tup, int change)
{
	switch (catalog)
	{
		case RelationRelationId:
			{
				Form_pg_class c = (Form_pg_class) GETSTRUCT(tup);

				mark(cx, RelationRelationId, c->oid);
				note_name(cx, change, catalog, c->oid, 0, NameStr(c->relname),
						  c->relnamespace);
				break;
			}
		case AttributeRelationId:
			{
				Form_pg_attribute a = (Form_pg_attribute) GETSTRUCT(tup);

				mark(cx, RelationRelationId, a->attrelid);
				/* DROP COLUMN renames the column it leaves behind */
				if (!a->attisdropped)
					note_name(cx, change, catalog, a->attrelid, a->attnum,
							  NameStr(a->attname), InvalidOid);
				break;
			}
		case AttrDefaultRelationId:
			mark(cx, RelationRelationId, ((Form_pg_attrdef) GETSTRUCT(tup))->adrelid);
			break;
		case ConstraintRelationId:
			{
				Form_pg_constraint con = (Form_pg_constraint) GETSTRUCT(tup);

				mark(cx, RelationRelationId, con->conrelid);
				mark(cx, TypeRelationId, con->contypid);
				note_name(cx, change, catalog, con->oid, 0, NameStr(con->conname),
						  con->connamespace);
				break;
			}
		case IndexRelationId:
			mark(cx, RelationRelationId, ((Form_pg_index) GETSTRUCT(tup))->indrelid);
			break;
		case TypeRelationId:
			{
				Form_pg_type t = (Form_pg_type) GETSTRUCT(tup);

				mark(cx, TypeRelationId, t->oid);
				note_name(cx, change, catalog, t->oid, 0, NameStr(t->typname),
						  t->typnamespace);
				break;
			}
		case ProcedureRelationId:
			{
				Form_pg_proc p = (Form_pg_proc) GETSTRUCT(tup);

				mark(cx, ProcedureRelationId, p->oid);
				note_name(cx, change, catalog, p->oid, 0, NameStr(p->proname),
						  p->pronamespace);
				break;
			}
		case TriggerRelationId:
			mark(cx, RelationRelationId, ((Form_pg_trigger) GETSTRUCT(tup))->tgrelid);
			break;
		case PolicyRelationId:
			mark(cx, RelationRelationId, ((Form_pg_policy) GETSTRUCT(tup))->polrelid);
			break;
		case RewriteRelationId:
			mark(cx, RelationRelationId, ((Form_pg_rewrite) GETSTRUCT(tup))->ev_class);
			break;
		case StatisticExtRelationId:
			{
				Form_pg_statistic_ext s = (Form_pg_statistic_ext) GETSTRUCT(tup);

				mark(cx, StatisticExtRelationId, s->oid);
				note_name(cx, change, catalog, s->oid, 0, NameStr(s->stxname),
						  s->stxnamespace);
				break;
			}
		case SequenceRelationId:
			mark(cx, RelationRelationId, ((Form_pg_sequence) GETSTRUCT(tup))->seqrelid);
			break;
		case InheritsRelationId:
			{
				Form_pg_inherits i = (Form_pg_inherits) GETSTRUCT(tup);

				mark(cx, RelationRelationId, i->inhrelid);
				mark(cx, RelationRelationId, i->inhparent);
				break;
			}
		case PartitionedRelationId:
			mark(cx, RelationRelationId,
				 ((Form_pg_partitioned_table) GETSTRUCT(tup))->partrelid);
			break;
		case EnumRelationId:
			mark(cx, TypeRelationId, ((Form_pg_enum) GETSTRUCT(tup))->enumtypid);
			break;
		case RangeRelationId:
			mark(cx, TypeRelationId, ((Form_pg_range) GETSTRUCT(tup))->rngtypid);
			break;
		case DescriptionRelationId:
			{
				Form_pg_description d = (Form_pg_description) GETSTRUCT(tup);

				mark(cx, d->classoid, d->objoid);
				break;
			}
		case DependRelationId:
			{
				Form_pg_depend d = (Form_pg_depend) GETSTRUCT(tup);

				if (d->deptype == DEPENDENCY_EXTENSION)
					give_up(cx, "the members of an extension changed");
				mark(cx, d->classid, d->objid);
				break;
			}
		case NamespaceRelationId:
			give_up(cx, "a schema changed");
			break;
		case ExtensionRelationId:
			give_up(cx, "an extension changed");
			break;
		default:
			give_up(cx, "an object a partial snapshot does not read changed (a collation, language, operator, aggregate, cast, default privileges, ...)");
			break;
	}
}

/* The catalogs a snapshot reads: every change to them is seen. */
static const Oid scanned_catalogs[] = {
	RelationRelationId, AttributeRelationId, AttrDefaultRelationId,
	ConstraintRelationId, IndexRelationId, TypeRelationId,
	ProcedureRelationId, TriggerRelationId, PolicyRelationId,
	RewriteRelationId, SequenceRelationId, InheritsRelationId,
	StatisticExtRelationId,
	PartitionedRelationId, EnumRelationId, RangeRelationId,
	DescriptionRelationId, DependRelationId, NamespaceRelationId,
	ExtensionRelationId, CollationRelationId, LanguageRelationId,
	OperatorClassRelationId, OperatorRelationId,
	/* what a partial snapshot does not read: a change gives up */
	DefaultAclRelationId, AggregateRelationId, OperatorFamilyRelationId,
	AccessMethodOperatorRelationId, AccessMethodProcedureRelationId,
	CastRelationId, TSParserRelationId, TSTemplateRelationId,
	TSDictionaryRelationId, TSConfigRelationId, TSConfigMapRelationId,
	ForeignDataWrapperRelationId, ForeignServerRelationId,
	UserMappingRelationId, ForeignTableRelationId, PublicationRelationId,
	PublicationRelRelationId, PublicationNamespaceRelationId,
	EventTriggerRelationId
};

/*
 * The rows of a catalog this transaction changed since the WAL position
 * "since".  Every change to a heap page is WAL-logged and sets the page's
 * LSN to the end of its record, so a page whose LSN is older holds no such
 * row: only the pages written since are read, tuple by tuple, as heapam
 * would with SnapshotAny (pageinspect and pgstattuple read pages the same
 * way).  Pages the visibility map marks all-visible are not read at all.
 */
static void
scan_catalog(DirtyCtx *cx, Oid catalog, XLogRecPtr since)
{
	Relation	rel = table_open(catalog, AccessShareLock);
	BlockNumber nblocks = RelationGetNumberOfBlocks(rel);
	Buffer		vmbuf = InvalidBuffer;

	/*
	 * A catalog rewritten in this transaction under wal_level = minimal
	 * (CLUSTER of a catalog) is not WAL-logged: its pages keep no LSN.
	 */
	if (!RelationNeedsWAL(rel))
		since = InvalidXLogRecPtr;

	for (BlockNumber blk = 0; blk < nblocks; blk++)
	{
		Buffer		buf;
		Page		page;
		OffsetNumber maxoff;

		CHECK_FOR_INTERRUPTS();

		/*
		 * A page all visible to every transaction holds no row that one in
		 * progress inserted or deleted: changing a page clears its bit.
		 */
		if (VM_ALL_VISIBLE(rel, blk, &vmbuf))
			continue;
		buf = ReadBufferExtended(rel, MAIN_FORKNUM, blk, RBM_NORMAL, NULL);
		LockBuffer(buf, BUFFER_LOCK_SHARE);
		page = BufferGetPage(buf);
		if (PageIsNew(page) || PageGetLSN(page) < since)
		{
			UnlockReleaseBuffer(buf);
			continue;
		}
		cx->set->npages++;
		maxoff = PageGetMaxOffsetNumber(page);
		for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
		{
			ItemId		itemid = PageGetItemId(page, off);
			HeapTupleData tup;
			int			change;

			if (!ItemIdIsNormal(itemid))
				continue;
			tup.t_data = (HeapTupleHeader) PageGetItem(page, itemid);
			tup.t_len = ItemIdGetLength(itemid);
			tup.t_tableOid = RelationGetRelid(rel);
			ItemPointerSet(&tup.t_self, blk, off);
			if ((change = row_change(&tup)) == 0)
				continue;
			cx->set->nrows++;
			dirty_row(cx, catalog, &tup, change);
		}
		UnlockReleaseBuffer(buf);
	}
	if (BufferIsValid(vmbuf))
		ReleaseBuffer(vmbuf);
	table_close(rel, AccessShareLock);
}

/*
 * The table a TOAST relation belongs to: pg_class has no index on
 * reltoastrelid, so all of it is read once, when first needed.
 */
static Oid
toast_owner(DirtyCtx *cx, Oid toastid)
{
	if (cx->toast_owner == NULL)
	{
		Relation	rel = table_open(RelationRelationId, AccessShareLock);
		SysScanDesc scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
		HeapTuple	tup;

		cx->toast_owner = addrmap_new(CurrentMemoryContext, 4096);
		while (HeapTupleIsValid(tup = systable_getnext(scan)))
		{
			Form_pg_class c = (Form_pg_class) GETSTRUCT(tup);
			bool		found;

			if (OidIsValid(c->reltoastrelid))
				*addrmap_enter(cx->toast_owner, 0, c->reltoastrelid, 0, &found) =
					(void *) (uintptr_t) c->oid;
		}
		systable_endscan(scan);
		table_close(rel, AccessShareLock);
	}
	return (Oid) (uintptr_t) addrmap_get(cx->toast_owner, 0, toastid, 0);
}

static void
add_address(DirtyCtx *cx, Oid classid, Oid objid)
{
	ObjAddr    *a = palloc(sizeof(ObjAddr));

	a->classid = classid;
	a->objid = objid;
	a->subid = 0;
	cx->set->objects = lappend(cx->set->objects, a);
}

/* Read this object again, and take it out of before's document. */
static void
add_object(DirtyCtx *cx, Oid classid, Oid objid, GNode *old)
{
	bool		found;

	if (old != NULL)
		graph_replaced_add(cx->set->replaced, old);
	*addrmap_enter(cx->set->only, classid, objid, 0, &found) = cx;
	if (found)
		return;
	cx->set->nobjects++;
	add_address(cx, classid, objid);

	/* a composite type's relation holds its columns */
	if (classid == TypeRelationId)
	{
		Oid			relid = get_typ_typrelid(objid);

		if (OidIsValid(relid))
		{
			*addrmap_enter(cx->set->only, RelationRelationId, relid, 0, &found) = cx;
			if (!found)
				add_address(cx, RelationRelationId, relid);
		}
	}
}

/* An oid column of a catalog row found by its oid, or InvalidOid. */
static Oid
oid_field(Oid catalog, Oid oidindex, AttrNumber oidcol, Oid objid,
		  AttrNumber field)
{
	Relation	rel = table_open(catalog, AccessShareLock);
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			result = InvalidOid;

	ScanKeyInit(&key, oidcol, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(objid));
	scan = systable_beginscan(rel, oidindex, true, NULL, 1, &key);
	if (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		bool		isnull;
		Datum		d = heap_getattr(tup, field, RelationGetDescr(rel), &isnull);

		if (!isnull)
			result = DatumGetObjectId(d);
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return result;
}

/*
 * The top-level object that holds an object: in before if it was there,
 * else as the catalogs say now.  An object that is in neither was made
 * and dropped again, or is outside any snapshot: nothing to read.
 */
static void
resolve(DirtyCtx *cx, Oid classid, Oid objid, int depth)
{
	GNode	   *n;
	HeapTuple	tup;

	if (!OidIsValid(objid) || cx->why != NULL)
		return;
	if (depth > 4)
	{
		give_up(cx, "an object is held by another too deeply");
		return;
	}
	n = graph_lookup(cx->before, classid, objid, 0);
	if (n != NULL)
	{
		GNode	   *top = n;

		while (top->parent != NULL && top->parent->kind != OBJ_SCHEMA)
			top = top->parent;
		if (top->parent == NULL || top->addr.classid == InvalidOid)
		{
			give_up(cx, "a schema or an extension changed");
			return;
		}
		add_object(cx, top->addr.classid, top->addr.objid, top);
		return;
	}
	if (graph_lookup_member(cx->before, classid, objid) != NULL)
		return;					/* an extension's: never in a snapshot */

	switch (classid)
	{
		case RelationRelationId:
			{
				char		relkind;
				Oid			reltype;
				Oid			other;

				tup = SearchSysCache1(RELOID, ObjectIdGetDatum(objid));
				if (!HeapTupleIsValid(tup))
					return;
				relkind = ((Form_pg_class) GETSTRUCT(tup))->relkind;
				reltype = ((Form_pg_class) GETSTRUCT(tup))->reltype;
				ReleaseSysCache(tup);
				switch (relkind)
				{
					case RELKIND_INDEX:
					case RELKIND_PARTITIONED_INDEX:
						tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(objid));
						if (!HeapTupleIsValid(tup))
							return;
						other = ((Form_pg_index) GETSTRUCT(tup))->indrelid;
						ReleaseSysCache(tup);
						resolve(cx, RelationRelationId, other, depth + 1);
						break;
					case RELKIND_TOASTVALUE:
						other = toast_owner(cx, objid);
						resolve(cx, RelationRelationId, other, depth + 1);
						break;
					case RELKIND_COMPOSITE_TYPE:
						resolve(cx, TypeRelationId, reltype, depth + 1);
						break;
					case RELKIND_SEQUENCE:
						{
							Oid			tableid;
							int32		colid;

							add_object(cx, RelationRelationId, objid, NULL);

							/*
							 * An identity column's sequence is no object
							 * of a snapshot: its options are the column's.
							 */
							if (sequenceIsOwned(objid, DEPENDENCY_INTERNAL,
												&tableid, &colid))
								resolve(cx, RelationRelationId, tableid, depth + 1);
							break;
						}
					default:
						add_object(cx, RelationRelationId, objid, NULL);
						break;
				}
				break;
			}
		case TypeRelationId:
			{
				Form_pg_type t;
				Oid			relid;
				Oid			elem;
				char		typtype;
				bool		is_array;

				tup = SearchSysCache1(TYPEOID, ObjectIdGetDatum(objid));
				if (!HeapTupleIsValid(tup))
					return;
				t = (Form_pg_type) GETSTRUCT(tup);
				relid = t->typrelid;
				elem = t->typelem;
				typtype = t->typtype;
				is_array = IsTrueArrayType(t);
				ReleaseSysCache(tup);
				if (OidIsValid(relid) && get_rel_relkind(relid) != RELKIND_COMPOSITE_TYPE)
					resolve(cx, RelationRelationId, relid, depth + 1);
				else if (is_array)
					resolve(cx, TypeRelationId, elem, depth + 1);
				else if (typtype == TYPTYPE_MULTIRANGE)
					give_up(cx, "a multirange type was made");
				else
					add_object(cx, TypeRelationId, objid, NULL);
				break;
			}
		case ProcedureRelationId:
			if (SearchSysCacheExists1(PROCOID, ObjectIdGetDatum(objid)))
				add_object(cx, ProcedureRelationId, objid, NULL);
			break;
		case StatisticExtRelationId:
			if (SearchSysCacheExists1(STATEXTOID, ObjectIdGetDatum(objid)))
				add_object(cx, StatisticExtRelationId, objid, NULL);
			break;
		case ConstraintRelationId:
			{
				Form_pg_constraint con;
				Oid			relid;
				Oid			typid;

				tup = SearchSysCache1(CONSTROID, ObjectIdGetDatum(objid));
				if (!HeapTupleIsValid(tup))
					return;
				con = (Form_pg_constraint) GETSTRUCT(tup);
				relid = con->conrelid;
				typid = con->contypid;
				ReleaseSysCache(tup);
				resolve(cx, RelationRelationId, relid, depth + 1);
				resolve(cx, TypeRelationId, typid, depth + 1);
				break;
			}
		case AttrDefaultRelationId:
			resolve(cx, RelationRelationId,
					oid_field(AttrDefaultRelationId, AttrDefaultOidIndexId, Anum_pg_attrdef_oid, objid,
							  Anum_pg_attrdef_adrelid), depth + 1);
			break;
		case RewriteRelationId:
			resolve(cx, RelationRelationId,
					oid_field(RewriteRelationId, RewriteOidIndexId, Anum_pg_rewrite_oid, objid,
							  Anum_pg_rewrite_ev_class), depth + 1);
			break;
		case TriggerRelationId:
			resolve(cx, RelationRelationId,
					oid_field(TriggerRelationId, TriggerOidIndexId, Anum_pg_trigger_oid, objid,
							  Anum_pg_trigger_tgrelid), depth + 1);
			break;
		case PolicyRelationId:
			resolve(cx, RelationRelationId,
					oid_field(PolicyRelationId, PolicyOidIndexId, Anum_pg_policy_oid, objid,
							  Anum_pg_policy_polrelid), depth + 1);
			break;
		case NamespaceRelationId:
			give_up(cx, "a schema changed");
			break;
		case ExtensionRelationId:
			give_up(cx, "an extension changed");
			break;
		default:
			give_up(cx, "an object of a kind a partial snapshot does not read changed");
			break;
	}
}

/*
 * dirty_since(): see dirty.h.
 */
DirtySet *
dirty_since(Graph *before, XLogRecPtr since, const char **why)
{
	DirtyCtx	cx;
	ListCell   *lc;

	cx.before = before;
	cx.set = palloc0(sizeof(DirtySet));
	cx.set->only = addrmap_new(CurrentMemoryContext, 256);
	cx.set->replaced = graph_replaced_create(CurrentMemoryContext);
	cx.why = NULL;
	cx.marks = NIL;
	cx.marked = addrmap_new(CurrentMemoryContext, 256);
	cx.toast_owner = NULL;
	cx.names = addrmap_new(CurrentMemoryContext, 256);
	cx.namelist = NIL;

	for (int i = 0; i < lengthof(scanned_catalogs) && cx.why == NULL; i++)
		scan_catalog(&cx, scanned_catalogs[i], since);

	/* a renamed object: the objects that refer to it write its name */
	foreach(lc, cx.namelist)
	{
		NameChange *nc = lfirst(lc);

		if (nc->before != NULL && nc->after != NULL &&
			strcmp(nc->before, nc->after) != 0)
			give_up(&cx, "an object was renamed or moved to another schema");
	}

	foreach(lc, cx.marks)
	{
		ObjAddr    *a = lfirst(lc);

		if (cx.why != NULL)
			break;
		resolve(&cx, a->classid, a->objid, 0);
	}

	*why = cx.why;
	if (cx.why != NULL)
		return NULL;
	return cx.set;
}
