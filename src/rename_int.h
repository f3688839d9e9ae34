/*-------------------------------------------------------------------------
 *
 * rename_int.h
 *	  What rename.c and rename_live.c share of a recorded rename: not an
 *	  interface of the renames (rename.h is).
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_RENAME_INT_H
#define PGM_RENAME_INT_H

#include "postgres.h"

#include "fmgr.h"
#include "nodes/pg_list.h"
#include "utils/jsonb.h"

#include "graph.h"

/*
 * foreach over a List of pointers with the element in a typed variable, as
 * PostgreSQL 17's foreach_elem() does (not in 15).
 */
#define foreach_elem(type, var, lst) \
	for (ForEachState var##__state = {(lst), 0}; \
		 var##__state.l != NIL && var##__state.i < var##__state.l->length; \
		 var##__state.i++) \
		for (type *var = lfirst(&var##__state.l->elements[var##__state.i]), \
			 *var##__once = var; var##__once != NULL; var##__once = NULL)

/*
 * The kinds of object a rename names, in the order the renames run: a
 * schema first (what follows names it by its new name), then the objects
 * of a schema, then what lives inside a table or a type (named through
 * its container's new name).
 */
typedef enum RenameKind
{
	RK_SCHEMA,
	RK_TABLE,
	RK_VIEW,
	RK_MATVIEW,
	RK_SEQUENCE,
	RK_INDEX,
	RK_TYPE,
	RK_FUNCTION,
	RK_PROCEDURE,
	RK_COLUMN,
	RK_CONSTRAINT,
	RK_ENUM_LABEL,
	RK_NKINDS
} RenameKind;

/* One recorded rename. */
typedef struct Rename
{
	RenameKind	kind;
	char	   *schema;			/* the model's schema (a schema: its new
								 * name) */
	char	   *parent;			/* column, constraint: its table; label: its
								 * type; by their live names */
	char	   *old;			/* name in the live schema */
	char	   *new;			/* name in the model */
	char	   *args;			/* function: "(argument types)" */
	int			ord;			/* 1-based position in its model's list */
	/* filled by rename_resolve() */
	char	   *live_schema;	/* the schema's live name */
	char	   *new_parent;		/* the parent's name in the model */
	bool		is_domain;		/* type: a domain (ALTER DOMAIN) */
} Rename;

/*
 * The object of a rename in a graph, on the live (old) side or the model
 * (new) side: its node, or for an enum label its type when it holds the
 * label.
 */
extern GNode *rename_node(Graph *g, const Rename *r, bool new_side);

/*
 * The pending renames of a model document's scope, checked against the
 * live schema and the model; *livedoc is the live snapshot of the scope's
 * schemas that exist, *scope and *all the document's scope.  Inside SPI.
 */
extern List *rename_model_renames(const char *ext, Jsonb *model, Jsonb **livedoc,
								  List **scope, bool *all, MemoryContext cxt);

/* Argument n of a function, a model document read by the strict reader. */
extern Jsonb *rename_jsonb_arg(FunctionCallInfo fcinfo, int n);

#endif							/* PGM_RENAME_INT_H */
