/*-------------------------------------------------------------------------
 *
 * diff.h
 *	  The diff engine: two object graphs (source, target) in, ordered DDL
 *	  steps out.  The engine (diff.c) matches nodes by identity, asks the
 *	  kind's DDL handler for steps, and orders them by dependencies; it
 *	  knows nothing about any particular kind.  Comments and privileges are
 *	  handled for every kind by the engine itself.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_DIFF_H
#define PGM_DIFF_H

#include "graph.h"

#include "lib/stringinfo.h"

typedef enum StepAction
{
	STEP_DROP,
	STEP_CREATE,
	STEP_ALTER
} StepAction;

/* Hazards a reviewer must know about (docs/diff.md). */
#define HAZARD_DATA_LOSS "data_loss"
#define HAZARD_TABLE_REWRITE "table_rewrite"
#define HAZARD_BLOCKING_LOCK "blocking_lock"
#define HAZARD_BREAKS_DEPENDENTS "breaks_dependents"
#define HAZARD_RENAME_CANDIDATE "rename_candidate"

typedef struct DiffStep
{
	int			id;				/* creation order: the tie-break */
	StepAction	action;
	GNode	   *node;			/* target node (create, alter) or source
								 * node (drop) */
	StringInfoData sql;			/* statements, each ending with ";" */
	List	   *hazards;		/* of const char * */
	List	   *after;			/* of DiffStep *: steps to run before */
	int			phase;			/* -1: before every other step, 1: after
								 * every other step (what changes how later
								 * statements create objects: default
								 * privileges), 0: by dependencies alone */
	/* ordering state */
	int			npred;
	List	   *succ;
	bool		emitted;
	bool		discarded;		/* made obsolete by a later rebuild */
	int			number;			/* 1-based position once ordered */
	int			visit;			/* cycle search (diff.c): 1 + its slot, 0
								 * when not reached */
} DiffStep;

typedef struct DiffContext
{
	Graph	   *source;
	Graph	   *target;
	List	   *steps;			/* of DiffStep *, in creation order */
	MemoryContext cxt;			/* where the diff allocates its states */
	void	   *free;			/* NodeStates not yet used (diff.c) */
	int			nfree;
	int			nsteps;			/* steps made, for their ids */
	List	   *undo;			/* of DepsUndo (diff.c): diff_set_deps() */
	List	   *copies;			/* of DiffStep *: rows copied back into
								 * rebuilt tables (diff.c) */
	int			ncopies;		/* for the names of their temporary tables */
} DiffContext;

/*
 * What one kind knows: how to create, drop and alter one object.  A
 * handler adds steps with diff_step(); it may call diff_rebuild() when
 * PostgreSQL cannot alter the object in place.  "alter" is called only
 * when some attribute other than comment and privileges differs, or a
 * child list that the kind writes inline (a new table's columns) changed.
 */
typedef struct DdlHandler
{
	void		(*create) (DiffContext *cx, GNode *t);
	void		(*drop) (DiffContext *cx, GNode *s);
	void		(*alter) (DiffContext *cx, GNode *s, GNode *t);
	bool		inline_in_parent;	/* created by the parent's CREATE */
	const char *sql_kind;		/* for COMMENT ON / GRANT: "TABLE", ... */

	/*
	 * For a kind whose objects hold rows (tables), or NULL: called when the
	 * engine rebuilds s as t, with s's drop step, into which it writes what
	 * saves the rows; returns the statements that put them back into t
	 * once created (a step the engine makes), or NULL.
	 */
	char	   *(*keep_rows) (DiffContext *cx, GNode *s, GNode *t, DiffStep *drop);

	/*
	 * Or NULL: called once when both graphs are walked, before the steps
	 * are ordered, for what needs every step known (it may add steps).
	 */
	void		(*finish) (DiffContext *cx);
} DdlHandler;

extern const DdlHandler *pgm_ddl_handler(ObjKind kind);
extern char *diff_script(List *steps);
extern List *diff_compute(Jsonb *source, Jsonb *target, MemoryContext cxt);
extern List *diff_compute_graphs(Graph *source, Graph *target, MemoryContext cxt);
extern const char *diff_action_name(StepAction action);

/* diff_comment_acl.c: COMMENT ON, GRANT and REVOKE statements of a node */
extern char *diff_comment_sql(GNode *s, GNode *t);
extern List *diff_privileges_sql(GNode *s, GNode *t);

/* diff_kinds.c: COMMENT ON and GRANT targets of the kinds diff.c does not name */
extern char *diff_kind_comment_target(GNode *n);
extern char *diff_kind_grant_target(GNode *n);

/* diff_phase.c: the order of the steps of phases -1 and 1 (DiffStep.phase) */
extern void diff_add_phase_edges(List *steps);

/*
 * diff_hints.c: mark the drop and the create that look like one object
 * renamed (hazard rename_candidate; the drop's SQL gets a comment naming
 * both and the migrate_model_rename() call).  steps: the ordered steps of
 * diff(source, target).
 */
extern void diff_rename_hints(List *steps, Graph *source, Graph *target);
extern char *diff_object_name(DiffStep *step);

/* diff.c: for the handlers */
extern DiffStep *diff_step(DiffContext *cx, StepAction action, GNode *node,
						   const char *fmt,...) pg_attribute_printf(4, 5);
extern void step_append(DiffStep *step, const char *fmt,...) pg_attribute_printf(2, 3);
extern void diff_step_alters(DiffContext *cx, DiffStep *step, GNode *node);
extern void diff_remade(DiffContext *cx, GNode *t, DiffStep *step);
extern void step_after(DiffStep *step, DiffStep *before);
extern void diff_rebuild(DiffContext *cx, GNode *s, GNode *t);
extern void diff_rebuild_dependents(DiffContext *cx, GNode *s);
extern bool diff_is_new(DiffContext *cx, GNode *t);
extern GNode *diff_source_of(DiffContext *cx, GNode *t);
extern DiffStep *diff_drop_step(DiffContext *cx, GNode *s);
extern void diff_set_deps(DiffContext *cx, GNode *node, List *deps);

/*
 * Mark a step with a hazard (one of the HAZARD_* names above, not copied:
 * a string that lives as long as the step), once.  Inline, so that the
 * diff's own passes (diff_hints.c) and the handlers add hazards without
 * calling back into diff.c.
 */
static inline void
step_hazard(DiffStep *step, const char *hazard)
{
	ListCell   *lc;

	foreach(lc, step->hazards)
		if (strcmp(lfirst(lc), hazard) == 0)
			return;
	step->hazards = lappend(step->hazards, (char *) hazard);
}

#endif							/* PGM_DIFF_H */
