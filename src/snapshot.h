/*-------------------------------------------------------------------------
 *
 * snapshot.h
 *	  Taking a snapshot of the catalogs, for the SQL function and for the
 *	  parts of pg_migrate that compare the live schema with something.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_SNAPSHOT_H
#define PGM_SNAPSHOT_H

#include "graph.h"

#include "access/xlogdefs.h"
#include "utils/array.h"

extern Graph *snapshot_build(ArrayType *schemas, MemoryContext parent);
extern Graph *snapshot_build_partial(ArrayType *schemas, MemoryContext parent,
									 Graph *before, AddrMap *only,
									 List *only_list);
extern Graph *snapshot_build_since(ArrayType *schemas, MemoryContext parent,
								   Graph *before, XLogRecPtr since);
extern Jsonb *snapshot_document(Graph *g);
extern Jsonb *snapshot_take(ArrayType *schemas, MemoryContext cxt);

#endif							/* PGM_SNAPSHOT_H */
