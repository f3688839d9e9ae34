/*-------------------------------------------------------------------------
 *
 * indexstats.c
 *	  The statistics targets of index columns (ALTER INDEX ... ALTER
 *	  COLUMN n SET STATISTICS, on expression columns): kept by the column
 *	  scan (column.c), which reads the pg_attribute rows of indexes too,
 *	  and written by index.c as the index's "column_statistics".
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "nodes/pg_list.h"

/*
 * Keep the statistics target of column attnum of index relid (a target
 * that is set: >= 0).
 */
void
snap_keep_index_stattarget(Graph *g, Oid relid, int16 attnum, int32 target)
{
	bool		found;
	List	  **targets;
	MemoryContext old = MemoryContextSwitchTo(g->cxt);

	if (g->snap->stattargets == NULL)
		g->snap->stattargets = addrmap_new(g->cxt, 16);
	targets = (List **) addrmap_enter(g->snap->stattargets, 0, relid, 0, &found);
	if (!found)
		*targets = NIL;
	*targets = lappend(*targets, psprintf("%d=%d", attnum, target));
	MemoryContextSwitchTo(old);
}

/*
 * The statistics targets set on the columns of index relid, "attnum=target"
 * in column order (the graph's memory), or NIL.
 */
List *
snap_index_stattargets(Graph *g, Oid relid)
{
	if (g->snap->stattargets == NULL)
		return NIL;
	return (List *) addrmap_get(g->snap->stattargets, 0, relid, 0);
}
