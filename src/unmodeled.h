/*-------------------------------------------------------------------------
 *
 * unmodeled.h
 *	  Objects that no handler models: found by the snapshot
 *	  (catalog/unmodeled.c), listed under "unmodeled" in the document, and
 *	  refused by the diff while they differ (unmodeled.c), unless
 *	  pg_migrate.allow_unmodeled is on.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_UNMODELED_H
#define PGM_UNMODELED_H

#include "graph.h"

#include "catalog/pg_depend.h"

/* catalog/unmodeled.c: the snapshot's part */
extern void unmodeled_collect(Graph *g);
extern void unmodeled_note_dependency(Graph *g, Form_pg_depend d);
extern void unmodeled_finish(Graph *g);

/* unmodeled.c: the diff's part */
extern void unmodeled_init_settings(void);
extern bool unmodeled_allowed(void);
extern void unmodeled_check(Graph *source, Graph *target);
extern Jsonb *unmodeled_strip(Jsonb *doc);

#endif							/* PGM_UNMODELED_H */
