/*-------------------------------------------------------------------------
 *
 * scan.c
 *	  Scans of a whole catalog for the snapshot's handlers: the whole
 *	  catalog through systable_beginscan(), or, when every row of the
 *	  snapshot's scope was written since a WAL position (the schemas of
 *	  autogenerate's rehearsal: snapshot_build_since()), only the pages
 *	  written since.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/genam.h"
#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/visibilitymap.h"
#include "miscadmin.h"
#include "storage/bufmgr.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

/*
 * The snapshot a handler's direct catalog scan (systable_beginscan) reads
 * with: the active snapshot, so that the scans see what the SPI queries of
 * the same snapshot see; NULL (the catalog snapshot) when there is none.
 */
Snapshot
snap_scan_snapshot(void)
{
	return ActiveSnapshotSet() ? GetActiveSnapshot() : NULL;
}

/*
 * Scans of a whole catalog (snap_scan_begin()).  When every row of the
 * scope was written since a WAL position (the schemas of autogenerate's
 * rehearsal, made in this transaction: snapshot_build_since()), only the
 * pages written since are read, as dirty.c reads them: every change to a
 * heap page is WAL-logged and sets the page's LSN, and changing a page
 * clears its all-visible bit, so an older or all-visible page holds no
 * row of the scope.  The rows come in the order of a whole scan (block by
 * block), those of the pages skipped left out; each is tested against
 * the scan's snapshot as heapam would.
 */
void
snap_scan_begin(SnapScan *s, Graph *g, Relation rel)
{
	memset(s, 0, sizeof(SnapScan));
	s->rel = rel;
	s->buf = InvalidBuffer;
	s->vmbuf = InvalidBuffer;
	if (XLogRecPtrIsInvalid(g->snap->since) || !RelationNeedsWAL(rel))
	{
		s->scan = systable_beginscan(rel, InvalidOid, false, snap_scan_snapshot(), 0, NULL);
		return;
	}
	s->since = g->snap->since;
	s->snapshot = snap_scan_snapshot();
	if (s->snapshot == NULL)
	{
		s->snapshot = RegisterSnapshot(GetCatalogSnapshot(RelationGetRelid(rel)));
		s->registered = true;
	}
	s->nblocks = RelationGetNumberOfBlocks(rel);
}

/* The next row of a snap_scan_begin() scan (valid until the next call). */
HeapTuple
snap_scan_next(SnapScan *s)
{
	if (s->scan != NULL)
		return systable_getnext(s->scan);
	while (s->next >= s->ntuples)
	{
		Page		page;
		OffsetNumber maxoff;
		BlockNumber blk;

		if (BufferIsValid(s->buf))
			ReleaseBuffer(s->buf);
		s->buf = InvalidBuffer;
		s->next = s->ntuples = 0;
		if (s->blk >= s->nblocks)
			return NULL;
		blk = s->blk++;
		CHECK_FOR_INTERRUPTS();
		if (VM_ALL_VISIBLE(s->rel, blk, &s->vmbuf))
			continue;
		s->buf = ReadBufferExtended(s->rel, MAIN_FORKNUM, blk, RBM_NORMAL, NULL);
		LockBuffer(s->buf, BUFFER_LOCK_SHARE);
		page = BufferGetPage(s->buf);
		if (PageIsNew(page) || PageGetLSN(page) < s->since)
		{
			LockBuffer(s->buf, BUFFER_LOCK_UNLOCK);
			continue;
		}
		maxoff = PageGetMaxOffsetNumber(page);
		for (OffsetNumber off = FirstOffsetNumber; off <= maxoff; off++)
		{
			ItemId		itemid = PageGetItemId(page, off);
			HeapTupleData tup;

			if (!ItemIdIsNormal(itemid))
				continue;
			tup.t_data = (HeapTupleHeader) PageGetItem(page, itemid);
			tup.t_len = ItemIdGetLength(itemid);
			tup.t_tableOid = RelationGetRelid(s->rel);
			ItemPointerSet(&tup.t_self, blk, off);
			if (HeapTupleSatisfiesVisibility(&tup, s->snapshot, s->buf))
				s->tuples[s->ntuples++] = tup;
		}
		/* the page stays pinned while its rows are returned */
		LockBuffer(s->buf, BUFFER_LOCK_UNLOCK);
	}
	return &s->tuples[s->next++];
}

/* End a snap_scan_begin() scan. */
void
snap_scan_end(SnapScan *s)
{
	if (s->scan != NULL)
		systable_endscan(s->scan);
	if (BufferIsValid(s->buf))
		ReleaseBuffer(s->buf);
	if (BufferIsValid(s->vmbuf))
		ReleaseBuffer(s->vmbuf);
	if (s->registered)
		UnregisterSnapshot(s->snapshot);
	s->scan = NULL;
	s->buf = InvalidBuffer;
	s->vmbuf = InvalidBuffer;
	s->registered = false;
}
