/*-------------------------------------------------------------------------
 *
 * dirty.h
 *	  What the current transaction changed in the catalogs a snapshot
 *	  reads, as the top-level objects of an earlier snapshot (and new ones)
 *	  whose part of the document may have changed since.
 *
 * Autogenerate's self-check (autogen.c) snapshots the schema after its
 * upgrade script and again after its downgrade script; both scripts touch
 * a few objects of a schema that may hold thousands.  With the set this
 * computes, it re-reads those alone (snapshot_build_partial()) and copies
 * the rest of the document it took before (graph_merge_document()).
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_DIRTY_H
#define PGM_DIRTY_H

#include "graph.h"

#include "access/xlogdefs.h"

typedef struct DirtySet
{
	AddrMap    *only;			/* top-level addresses to read again */
	List	   *objects;		/* the same, of ObjAddr * */
	HTAB	   *replaced;		/* before's top-level objects to take out of
								 * its document (graph_replaced_add()) */
	int			nobjects;		/* number of top-level objects in only */
	int			nrows;			/* catalog rows found changed */
	int			npages;			/* catalog pages read for them */
} DirtySet;

/*
 * The top-level objects of before (a whole snapshot taken earlier in this
 * transaction, when the WAL insert position was since) whose catalog
 * rows, or whose children's, this transaction inserted, updated or deleted
 * since, and the new top-level objects.  NULL, with
 * *why set, when a partial snapshot cannot stand for a whole one: a
 * schema, an extension, a collation, ... changed, or an object was
 * renamed (what refers to it would be written differently).  Allocated in
 * the current memory context.
 */
extern DirtySet *dirty_since(Graph *before, XLogRecPtr since,
							  const char **why);

#endif							/* PGM_DIRTY_H */
