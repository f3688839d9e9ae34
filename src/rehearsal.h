/*-------------------------------------------------------------------------
 *
 * rehearsal.h
 *	  Autogenerate's rehearsal (docs/revisions-autogenerate.md): the
 *	  scripts of a revision run, inside a subtransaction that is always
 *	  rolled back, on data-free copies of the live objects they touch, and
 *	  what they do to each copy of a live table is observed.
 *
 * The interface between autogen.c (which diffs and checks) and
 * rehearsal.c (which plans the copies, makes them, runs the scripts on
 * them and observes the hazards).  rehearsal.c calls nothing of
 * autogen.c.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_REHEARSAL_H
#define PGM_REHEARSAL_H

#include "postgres.h"

#include "access/xlogdefs.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/hsearch.h"
#include "utils/jsonb.h"

#include "graph.h"

/*
 * What the steps of autogenerate's two scripts touch: the top-level
 * objects of the live graph the rehearsal must rebuild (rehearsal_plan()).
 * rehearsal_touched_init() makes an empty one.
 */
typedef struct Touched
{
	Graph	   *live;			/* the live document's graph */
	HTAB	   *seen;			/* of GNode * of live: in tops already */
	List	   *tops;			/* of GNode * of live: changed by a step */
	List	   *needs;			/* of GNode * of live: what a new object
								 * needs */
	bool		extension;		/* a step creates, drops or alters an
								 * extension */
	List	   *leaves;			/* of GNode * of live: tables copied, not
								 * followed */
	List	   *stubs;			/* of GNode * of live: tables copied as
								 * stubs */
	List	   *walk;			/* of GNode * of live: the parts the steps
								 * change, whose dependents are copied */
} Touched;

/* What the rehearsal copies and what it saw (rehearsal_plan()). */
typedef struct Rehearsal
{
	List	   *names;			/* the schemas renamed aside and rebuilt:
								 * those either document names */
	List	   *snap_names;		/* the schemas snapshotted after a script
								 * (NIL: names); set by the caller when
								 * a script renames a schema */
	HTAB	   *rebuilt;		/* the live top-level objects copied */
	HTAB	   *others;			/* the other live top-level objects */
	HTAB	   *all;			/* every live top-level object */
	List	   *copied;			/* "kind schema.name" of the copied ones,
								 * sorted */
	bool		in_place;		/* a step on an extension: on the live
								 * schemas */
	HTAB	   *stubs;			/* keys of the live tables copied as stubs */
	HTAB	   *stub_parts;		/* keys of the parts of the stubs not made
								 * (rehearsal.c) */
	HTAB	   *other_keys;		/* gnode_key()s of the live top-level
								 * objects not copied */
	int			nstubs;
	Jsonb	   *copies;			/* the live document cut down to the
								 * copies and the stubs (rehearsal_setup()) */
	Graph	   *live;			/* the live graph (rehearsal_setup()): what
								 * the copies refer to and do not hold */
	XLogRecPtr	since;			/* WAL position before the schemas were
								 * rebuilt, or invalid: the snapshots of the
								 * rebuilt schemas read only the pages
								 * written since (snapshot_build_since()) */
	List	   *observed;		/* what the upgrade did (rehearsal.c) */
	List	   *upsteps;		/* the upgrade's steps (rehearsal.c) */
} Rehearsal;

/* One step of the upgrade, to attribute its statements to it. */
typedef struct UpStep
{
	int			number;			/* as migrate_check() numbers it */
	char	   *sql;			/* its statements */
} UpStep;

/* An empty Touched whose set lives in cxt; live is set by the caller. */
extern void rehearsal_touched_init(Touched *t, MemoryContext cxt);

/*
 * Touch a node of t->live: its top-level object is copied, with what
 * depends on it; a schema: every top-level object of it.
 */
extern void rehearsal_touch(Touched *t, GNode *node);

/*
 * What from touched, found by key in to->live (a graph of the same live
 * schemas): what a diff from a renamed live document touched, as the live
 * objects to copy.  An object from has and to->live has not was renamed:
 * touched through its rename (rehearsal_touch()).
 */
extern void rehearsal_touch_map(Touched *from, Touched *to);

/*
 * The ordered steps of diff(source, target) as one script, in the current
 * memory context (drop_last: without its last step; *nsteps: how many).
 * The graphs are left as they were.  With touched, what the steps touch
 * is added to it; with upsteps, the steps are appended to it for the
 * observed hazards (Rehearsal.upsteps); with stubs (a set of node keys),
 * the foreign keys of those tables are left out.
 */
extern char *rehearsal_diff_script(Graph *source, Graph *target,
								   bool drop_last, int *nsteps,
								   Touched *touched, List **upsteps,
								   HTAB *stubs);

/*
 * The name[] of the schemas of a scope that exist (NULL with all: every
 * user schema), for snapshot_build().
 */
extern ArrayType *rehearsal_scope_array(List *scope, bool all);

/*
 * Run a script as it will be stored, one statement at a time (split by
 * PostgreSQL's own parser), so that a statement that fails can be named
 * by rehearsal_statement().  Inside SPI.
 */
extern void rehearsal_run_script(const char *script, MemoryContext cxt);

/* The statement running (or that failed), or NULL. */
extern const char *rehearsal_statement(void);

/*
 * After an error in the rehearsal's subtransaction, or after its
 * rollback: forget the statement, the observation and the schemas set
 * aside.
 */
extern void rehearsal_reset(void);

/*
 * What the rehearsal copies, from what the steps touched (t), the model's
 * graph and the scope; allocated in cxt.
 */
extern void rehearsal_plan(Rehearsal *rh, Touched *t, Graph *model,
						   List *scope, bool all, MemoryContext cxt);

/*
 * A script of the rehearsal renames schemas: olds (their live names) are
 * rebuilt too (a schema renamed is copied whole: rehearsal_touch() of it),
 * and news are snapshotted after a script.  After rehearsal_plan().
 */
extern void rehearsal_rename_schemas(Rehearsal *rh, List *olds, List *news);

/*
 * The rehearsal's stage, inside the rolled-back subtransaction: the live
 * schemas renamed aside and made again, empty, and the copies created in
 * them from the live document (live: its graph, livedoc: the document).
 * rehearsal_statement() names a statement that fails.
 */
extern void rehearsal_setup(Rehearsal *rh, Graph *live, Jsonb *livedoc,
							MemoryContext cxt);

/*
 * The document of the live schema as the rehearsal has it now: the copies
 * snapshotted in the place of their live objects.  Allocated in cxt.
 */
extern Jsonb *rehearsal_document(Rehearsal *rh, Jsonb *livedoc,
								 MemoryContext cxt);

/*
 * Run one script of the rehearsal (what: "upgrade", whose statements are
 * observed, or "downgrade") on the copies; returns rehearsal_document().
 */
extern Jsonb *rehearsal_run(Rehearsal *rh, const char *script,
							const char *what, Jsonb *livedoc,
							MemoryContext cxt);

/*
 * The observed hazards of the upgrade, one line per step and live table
 * ("step 2: rewrites app.big (2,000,000 rows, 130 MB) under ACCESS
 * EXCLUSIVE"), weighed with the live sizes; with steps, the lines say no
 * step and *steps gets the step of each (an integer List).  After the
 * rollback, inside SPI.
 */
extern List *rehearsal_hazards(Rehearsal *rh, List **steps);

#endif							/* PGM_REHEARSAL_H */
