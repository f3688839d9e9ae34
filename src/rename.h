/*-------------------------------------------------------------------------
 *
 * rename.h
 *	  Renames recorded as intent in a model (docs/models.md, "Renames"):
 *	  migrate_model_rename() stores them with the model of a schema;
 *	  autogenerate and migrate_check() write them as ALTER ... RENAME steps
 *	  before the rest of the diff, which then compares the live schema as
 *	  it is once renamed with the model.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_RENAME_H
#define PGM_RENAME_H

#include "postgres.h"

#include "graph.h"
#include "rehearsal.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/jsonb.h"

/*
 * The renames of the models of a scope (NIL with all: every model) that
 * are still to be applied: recorded and not yet written into a revision,
 * or written into one that is not applied.  In application order.
 * Allocated in the current memory context.  Must be called inside SPI;
 * ext is the extension's schema, quoted.
 */
extern List *rename_load(const char *ext, List *scope, bool all);

/*
 * Check each rename against the live schema and the model, as documents
 * read into graphs: the object to rename exists in the live schema, its
 * new name in the model, and no other object of the live schema holds
 * that name unless a rename moves it away.  An ERROR names the first
 * rename that does not hold.
 */
extern void rename_validate(List *renames, Graph *live, Graph *model);

/*
 * The ALTER ... RENAME statements of the renames, in an order that never
 * needs a name still held (a cycle goes through a temporary name), as
 * one script; reverse undoes them.  palloc'd.
 */
extern char *rename_script(List *renames, bool reverse);

/*
 * The live snapshot of a scope as it is once the renames have run (livedoc,
 * and live its graph as graph_from_jsonb() reads it): they run on the
 * rehearsal's data-free copies (rehearsal.h) in a subtransaction that is
 * always rolled back, and no live table is locked beyond ACCESS SHARE.
 * Allocated in cxt.  Must be called inside SPI.
 */
extern Jsonb *rename_live_document(List *renames, Graph *live, Jsonb *livedoc,
								   List *scope, bool all, MemoryContext cxt);

/* Touch, for the rehearsal, the live objects the renames change (t->live). */
extern void rename_touch(List *renames, Touched *t);

/* The live (*olds) and new (*news) names of the schemas the renames rename. */
extern void rename_schemas(List *renames, List **olds, List **news);

/*
 * What the rehearsal of the renames copies from: the live snapshot of the
 * scope (livedoc, and live its graph as graph_from_jsonb() reads it), or when the renames rename a schema of it, a
 * snapshot of the scope and of the renamed schemas' live names (which the
 * scope, naming the new ones, lacks), in cxt.  Must be called inside SPI.
 */
extern void rename_rehearsal_base(List *renames, Graph *live, Jsonb *livedoc,
								  List *scope, bool all, MemoryContext cxt,
								  Graph **base, Jsonb **basedoc);

/*
 * The SQL of each step of the renames, in the order they run, as
 * migrate_check() numbers them (palloc'd strings).
 */
extern List *rename_steps_sql(List *renames);

/* The name[] of the schemas of a scope that exist (NULL with all). */
extern ArrayType *rename_scope_array(List *scope, bool all);

/*
 * Tag the renames rename_load() returned with the revision that now
 * writes them: they stay recorded, as history, and apply again only while
 * that revision is not applied (or no longer exists).  Must be called
 * inside SPI.
 */
extern void rename_mark_written(const char *ext, List *renames,
								const char *revision);

#endif							/* PGM_RENAME_H */
