/*-------------------------------------------------------------------------
 *
 * migrate.h
 *	  The plans of upgrade and downgrade (migrate.c), shared with the
 *	  online mode (src/online/): which revisions run in which order, how
 *	  migrate_version changes after each, and the statements that write
 *	  the version table and the log.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_MIGRATE_H
#define PGM_MIGRATE_H

#include "postgres.h"

#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/bitmapset.h"
#include "nodes/pg_list.h"
#include "utils/timestamp.h"

#include "revdag.h"
#include "target.h"

/* One change of migrate_version. */
typedef struct VersionOp
{
	char		kind;			/* 'I'nsert to, 'D'elete from, 'U'pdate */
	int			from;
	int			to;
} VersionOp;

/* What runs the steps of a plan: the prepared statements of the tables. */
typedef struct Runner
{
	RevDag	   *dag;
	char	   *search_path;
	SPIPlanPtr	ins,
				del,
				upd,
				log;
	/* for the error context */
	int			rev;
	bool		upgrade;
} Runner;

/* the caller's search_path, under a function's SET clause */
extern char *caller_search_path(void);

/* fail at once when an online run holds the advisory lock */
extern void migrate_refuse_beside_online(void);

/* plans */
extern Bitmapset *plan_applied(RevDag *dag, Bitmapset *applied, RevTarget *t,
							   bool upgrade);
extern List *plan_steps(RevDag *dag, Bitmapset *before, Bitmapset *after,
						bool upgrade);
extern List *step_version_ops(RevDag *dag, Bitmapset **heads, int rev,
							  bool upgrade);
extern char *step_words(RevDag *dag, int rev, bool upgrade);

/* the version table and the log, inside SPI */
extern void runner_prepare(Runner *run);
extern void run_version_ops(Runner *run, List *ops);
extern void log_step(Runner *run, const char *rev, const char *direction,
					 TimestampTz start, TimestampTz end, const char *checksum);

/* scripts */
extern void append_version_sql(StringInfo buf, RevDag *dag, List *ops);
extern void append_step_sql(StringInfo buf, const char *sql);

/* the SQL-callable bodies */
extern Datum migrate_online(FunctionCallInfo fcinfo, bool upgrade);
extern Datum migrate_offline(FunctionCallInfo fcinfo, bool upgrade);

#endif							/* PGM_MIGRATE_H */
