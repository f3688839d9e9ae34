/*-------------------------------------------------------------------------
 *
 * online.h
 *	  Online mode (docs/revisions.md, "Online mode"): the steps of a
 *	  revision rewritten to the forms that take no long lock, and the
 *	  background worker that runs them each in a transaction of its own.
 *
 *	  rewrite.c   a revision's SQL as a list of OnlineStep
 *	  worker.c    the background worker that runs them
 *	  call.c      CALL migrate_upgrade_online(), the worker's launch
 *	  script.c    the same steps as a psql script; migrate_online_plan()
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_ONLINE_H
#define PGM_ONLINE_H

#include "postgres.h"

#include "nodes/pg_list.h"
#include "nodes/primnodes.h"
#include "postmaster/bgworker.h"

/* How a step runs. */
typedef enum OnlineKind
{
	ONLINE_PLAIN,				/* as written, in a transaction of its own */
	ONLINE_SESSION,				/* SET/RESET: run again when a revision resumes */
	ONLINE_REWRITTEN,			/* a short statement of a rewrite, own transaction */
	ONLINE_CREATE_INDEX,		/* CREATE INDEX CONCURRENTLY: outside any transaction */
	ONLINE_DROP_INDEX			/* DROP INDEX CONCURRENTLY: outside any transaction */
} OnlineKind;

/* One step of a revision in online mode. */
typedef struct OnlineStep
{
	OnlineKind	kind;
	char	   *sql;			/* the statement, without its semicolon */
	int			stmt;			/* the statement of the revision it comes from, from 1 */
	const char *note;			/* why a statement runs as written, or NULL */
} OnlineStep;

/* rewrite.c */
extern List *online_rewrite(const char *sql, bool lookup, bool rewrite);
extern const char *online_kind_name(OnlineKind kind);
extern OnlineKind online_kind_from_name(const char *name);
extern bool online_kind_concurrent(OnlineKind kind);
extern RangeVar *online_index_table(const char *sql);
extern RangeVar *online_dropped_index(const char *sql);

/* settings (call.c) */
extern int	pgm_online_lock_timeout;
extern int	pgm_online_tries;
extern int	pgm_online_retry_delay;
extern bool pgm_online_default;
extern void online_init_settings(void);

/* What the launching session hands the worker (bgw_extra). */
typedef struct OnlineWorkerArgs
{
	Oid			database;
	Oid			session_user;	/* the role the worker connects as */
	Oid			current_user;	/* the role it then runs as (SET ROLE) */
	int			lock_timeout;	/* pg_migrate.lock_timeout: the advisory lock's */
	int64		run;			/* the row of migrate_online_runs */
} OnlineWorkerArgs;

StaticAssertDecl(sizeof(OnlineWorkerArgs) <= BGW_EXTRALEN,
				 "OnlineWorkerArgs does not fit in bgw_extra");

/* worker.c */
extern PGDLLEXPORT void pgm_online_worker_main(Datum arg);

#endif							/* PGM_ONLINE_H */
