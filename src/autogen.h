/*-------------------------------------------------------------------------
 *
 * autogen.h
 *	  Autogenerate: the upgrade and downgrade SQL of a revision, computed as
 *	  diff(live, model) and diff(model, live), checked on the real catalogs
 *	  before anything is stored (SPEC section 5).
 *
 * The interface between revision.c (migrate_revision, which stores the
 * revision) and autogen.c (which computes and checks its SQL).
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_AUTOGEN_H
#define PGM_AUTOGEN_H

#include "postgres.h"
#include "utils/jsonb.h"

typedef struct AutogenResult
{
	char	   *upgrade_sql;	/* diff(live, model) as one script */
	char	   *downgrade_sql;	/* diff(model, live) as one script */
	char	   *snapshot_hash;	/* hash of the snapshot the upgrade leads to */
	Jsonb	   *snapshot;		/* that snapshot (the model's scope) */
} AutogenResult;

/*
 * Compute the SQL between the live schemas of the stored models and the
 * models, then check it (upgrade, compare with the model, downgrade,
 * compare with the start, in a subtransaction that is always rolled back).
 * A difference is an ERROR naming the first object that differs.  Returns
 * false, leaving *result untouched, when live and model do not differ.
 * Runs in the caller's transaction and memory context; the caller holds
 * the advisory lock.
 */
extern bool autogen_generate(AutogenResult *result);

/* Hash of the live snapshot of the given scope (NULL: the models' scope). */
extern char *autogen_live_snapshot_hash(ArrayType *schemas);

#endif							/* PGM_AUTOGEN_H */
