/*-------------------------------------------------------------------------
 *
 * autogen.h
 *	  Autogenerate: the upgrade and downgrade SQL of a revision, computed as
 *	  diff(live, model) and diff(model, live), checked on the real catalogs
 *	  before anything is stored (docs/revisions.md).
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

#include "nodes/pg_list.h"

/*
 * r1 (revision.c): store snapshot_hash in migrate_revisions.snapshot_hash
 * and snapshot in migrate_revisions.snapshot (jsonb, added for this): the
 * document the revision leads to, which migrate_verify() (verify.c)
 * compares with the live schema to name what was changed by hand.  The
 * no-difference NOTICE is migrate_revision's to raise when this returns
 * false.
 */
typedef struct AutogenResult
{
	char	   *upgrade_sql;	/* diff(live, model) as one script */
	char	   *downgrade_sql;	/* diff(model, live) as one script */
	char	   *snapshot_hash;	/* hash of the snapshot the upgrade leads to
								 * (checksum.h: snapshot_hash()) */
	Jsonb	   *snapshot;		/* that snapshot (the model's scope) */
	List	   *observed_hazards;	/* of char *: what the rehearsal saw the
									 * upgrade do to live tables ("rewrites
									 * app.big (2,000,000 rows, 130 MB)
									 * under ACCESS EXCLUSIVE"), sorted */
	List	   *renames;		/* the recorded renames the upgrade runs
								 * first (rename.h), for
								 * rename_mark_written() */
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

/* For verify.c: a document's scope, and the live snapshot of a scope. */
extern List *autogen_document_scope(Jsonb *doc, bool *all);
extern Jsonb *autogen_live_document(List *scope, bool all, MemoryContext cxt);

/* Defines pg_migrate.debug_drop_last_step (called by _PG_init). */
extern void autogen_init_settings(void);

/*
 * datacheck.c: check the statements of an upgrade script that depend on
 * the live rows with read-only queries (ACCESS SHARE); a statement that
 * would fail is an ERROR naming the object and one offending value.
 * Must be called inside SPI.
 */
extern void datacheck_script(const char *script);

#endif							/* PGM_AUTOGEN_H */
