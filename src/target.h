/*-------------------------------------------------------------------------
 *
 * target.h
 *	  The one parser of revision targets (docs/revisions.md,
 *	  Alembic's grammar): head, heads, base, a full id or a unique prefix of at least
 *	  4 characters, a branch label, +N, -N, <rev>+N, <rev>-N, <label>@head,
 *	  <label>@+N, <label>@-N.  docs/revisions.md describes each form.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_TARGET_H
#define PGM_TARGET_H

#include "revdag.h"

/* The shortest prefix of an id that names a revision. */
#define PGM_MIN_PREFIX 4

typedef struct RevTarget
{
	const char *text;			/* the target as written */
	Bitmapset  *revs;			/* the revisions it names; empty: a base */
	int			below;			/* a back-walk past root revision <below>: the
								 * base of that root's line (-1 if not) */
	const char *branch;			/* <label>@+N, <label>@-N: the branch, whose
								 * revisions alone a downgrade removes */
} RevTarget;

/*
 * Resolve a target on the DAG.  current is the set of applied heads that
 * relative targets (+N, -N, <label>@+N, <label>@-N) start from.  Every
 * malformed, unknown, ambiguous or out-of-range target is an ERROR naming
 * it.
 */
extern RevTarget *target_resolve(RevDag *dag, const char *target,
								 Bitmapset *current);

/* A single revision: an id, a prefix, a label or head (no set, no walk). */
extern int	target_resolve_one(RevDag *dag, const char *target, Bitmapset *current);

/*
 * A plain name: an id, a branch label or a unique prefix; -1 when nothing
 * matches and missing_ok (an ambiguous prefix is always an error).
 */
extern int	target_lookup(RevDag *dag, const char *name, bool missing_ok);

/* Is text a valid revision id / branch label (1-64 of [A-Za-z0-9_.-])? */
extern bool target_valid_id(const char *id);

/*
 * What the grammar reads a valid id or label as when it is a target form
 * of its own (head, heads, base, -N), so that no target could ever name a
 * revision of that id or label; NULL when a target names it.
 */
extern const char *target_form_of(const char *id);

#endif							/* PGM_TARGET_H */
