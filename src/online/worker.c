/*-------------------------------------------------------------------------
 *
 * worker.c
 *	  The background worker of online mode (docs/revisions.md, "Online
 *	  mode"): started by CALL migrate_upgrade_online() (call.c) for one row
 *	  of migrate_online_runs, it connects to the caller's database as the
 *	  caller's role and runs the plan to the run's target, each step in a
 *	  transaction of its own, the concurrent ones outside any transaction
 *	  block, as a client's top-level statement runs.
 *
 *	  The worker holds pg_migrate's advisory lock at session level for the
 *	  whole run: any other call that changes state (a plain upgrade, a
 *	  second online run) waits for it, and only then plans.
 *
 *	  Each step's state is a row of migrate_online_steps, updated in
 *	  transactions of their own, so that it survives the worker: a step
 *	  that runs in a transaction is marked done in that transaction; a
 *	  concurrent index step is marked running (with the table's indexes as
 *	  they were) before, and done after.  A revision's change of
 *	  migrate_version and its row of migrate_log are written in one
 *	  transaction after its last step, with its steps marked finished.  The
 *	  next run resumes a revision whose steps are not finished: it skips
 *	  what is done, runs the settings (SET, RESET) again, and for an index
 *	  build that was running, drops an invalid index the build left
 *	  (concurrently) and builds it again, or takes a valid one as built.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"
#include "checksum.h"
#include "migrate.h"
#include "online/online.h"

#include "access/relation.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "pgstat.h"
#include "postmaster/bgworker.h"
#include "storage/ipc.h"
#include "storage/latch.h"
#include "storage/lmgr.h"
#include "storage/proc.h"
#include "tcop/pquery.h"
#include "tcop/tcopprot.h"
#include "tcop/utility.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

/* The run, as migrate_online_runs holds it. */
typedef struct Run
{
	int64		id;
	bool		upgrade;
	char	   *target;
	char	   *search_path;
	int			lock_timeout;	/* each step's */
	int			tries;
	int			retry_delay;
} Run;

/* One step, as migrate_online_steps holds it. */
typedef struct Step
{
	int			step;
	OnlineKind	kind;
	char	   *sql;
	char		state;			/* 'p'ending, 'r'unning, 'd'one */
	Oid			relation;
	List	   *old_indexes;	/* OID list */
} Step;

static MemoryContext worker_cxt;
static Run	run;

/* the revision and step being run, for the error's detail */
static char *cur_revision;
static Step *cur_step;

/* ----------------------------------------------------------------
 * Transactions
 * ----------------------------------------------------------------
 */
static void
begin_tx(void)
{
	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	PushActiveSnapshot(GetTransactionSnapshot());
}

static void
commit_tx(void)
{
	SPI_finish();
	PopActiveSnapshot();
	CommitTransactionCommand();
	MemoryContextSwitchTo(worker_cxt);
}

/* The caller's search_path, and the step lock_timeout, for the session. */
static void
set_session(const char *name, const char *value)
{
	SetConfigOption(name, value, PGC_USERSET, PGC_S_SESSION);
}

static void
exec_sql(const char *sql, int expected)
{
	int			ret = SPI_execute(sql, false, 0);

	if (ret != expected)
		elog(ERROR, "\"%s\" failed: %s", sql, SPI_result_code_string(ret));
}

static void
exec_args(const char *sql, int nargs, Oid *types, Datum *values, const char *nulls,
		  int expected)
{
	int			ret = SPI_execute_with_args(sql, nargs, types, values, nulls, false, 0);

	if (ret != expected)
		elog(ERROR, "\"%s\" failed: %s", sql, SPI_result_code_string(ret));
}

/*
 * One statement as a client's top-level statement runs (exec_simple_query):
 * outside any transaction block, so that CREATE INDEX CONCURRENTLY and DROP
 * INDEX CONCURRENTLY may commit the transactions they need.  The parse and
 * plan trees live in a context that outlives those transactions.
 */
static void
exec_toplevel(const char *sql)
{
	MemoryContext cxt = AllocSetContextCreate(worker_cxt, "online statement",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old;
	List	   *raw;
	RawStmt    *rs;
	List	   *plans;
	Portal		portal;
	DestReceiver *dest;
	QueryCompletion qc;

	SetCurrentStatementStartTimestamp();
	StartTransactionCommand();
	old = MemoryContextSwitchTo(cxt);
	debug_query_string = sql;
	pgstat_report_activity(STATE_RUNNING, sql);

	raw = pg_parse_query(sql);
	if (list_length(raw) != 1)
		elog(ERROR, "a concurrent step must be one statement: \"%s\"", sql);
	rs = linitial_node(RawStmt, raw);
	plans = pg_plan_queries(pg_analyze_and_rewrite_fixedparams(rs, sql, NULL, 0, NULL),
							sql, CURSOR_OPT_PARALLEL_OK, NULL);
	portal = CreatePortal("", true, true);
	portal->visible = false;
	PortalDefineQuery(portal, NULL, sql, CreateCommandTag(rs->stmt), plans, NULL);
	PortalStart(portal, NULL, 0, InvalidSnapshot);
	dest = CreateDestReceiver(DestNone);
	MemoryContextSwitchTo(old);
	(void) PortalRun(portal, FETCH_ALL, true, true, dest, dest, &qc);
	PortalDrop(portal, false);
	CommitTransactionCommand();

	pgstat_report_activity(STATE_IDLE, NULL);
	debug_query_string = NULL;
	MemoryContextSwitchTo(worker_cxt);
	MemoryContextDelete(cxt);
}

/* ----------------------------------------------------------------
 * The run's row
 * ----------------------------------------------------------------
 */

/* Read the run (false: it is not there: the caller's transaction rolled back). */
static bool
load_run(int64 id)
{
	Oid			types[1] = {INT8OID};
	Datum		values[1] = {Int64GetDatum(id)};
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull;

	begin_tx();
	exec_args(psprintf("SELECT direction, target, search_path, step_lock_timeout, tries,"
					   " retry_delay FROM %s.migrate_online_runs"
					   " WHERE id OPERATOR(pg_catalog.=) $1", pgm_ext_schema()),
			  1, types, values, NULL, SPI_OK_SELECT);
	if (SPI_processed == 0)
	{
		commit_tx();
		return false;
	}
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	MemoryContextSwitchTo(worker_cxt);
	run.id = id;
	run.upgrade = strcmp(SPI_getvalue(tup, desc, 1), "upgrade") == 0;
	run.target = SPI_getvalue(tup, desc, 2);
	run.search_path = SPI_getvalue(tup, desc, 3);
	run.lock_timeout = DatumGetInt32(SPI_getbinval(tup, desc, 4, &isnull));
	run.tries = DatumGetInt32(SPI_getbinval(tup, desc, 5, &isnull));
	run.retry_delay = DatumGetInt32(SPI_getbinval(tup, desc, 6, &isnull));

	/*
	 * A run still marked running holds no lock now: its worker is gone
	 * (killed, or the server restarted).
	 */
	exec_args(psprintf("UPDATE %s.migrate_online_runs SET state = 'running',"
					   " worker_pid = pg_catalog.pg_backend_pid(),"
					   " started_at = pg_catalog.clock_timestamp()"
					   " WHERE id OPERATOR(pg_catalog.=) $1", pgm_ext_schema()),
			  1, types, values, NULL, SPI_OK_UPDATE);
	exec_args(psprintf("UPDATE %s.migrate_online_runs SET state = 'failed',"
					   " finished_at = pg_catalog.clock_timestamp(),"
					   " error = 'the worker stopped before the run finished'"
					   " WHERE state OPERATOR(pg_catalog.=) 'running'"
					   " AND id OPERATOR(pg_catalog.<>) $1", pgm_ext_schema()),
			  1, types, values, NULL, SPI_OK_UPDATE);
	commit_tx();
	return true;
}

static void
finish_run(const char *state, ErrorData *edata)
{
	Oid			types[5] = {INT8OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Datum		values[5];
	char		nulls[5] = {' ', ' ', 'n', 'n', 'n'};

	values[0] = Int64GetDatum(run.id);
	values[1] = CStringGetTextDatum(state);
	if (edata != NULL)
	{
		StringInfoData detail;

		initStringInfo(&detail);
		if (edata->detail)
			appendStringInfo(&detail, "%s\n", edata->detail);
		if (cur_revision != NULL && cur_step != NULL)
			appendStringInfo(&detail, "It stopped at step %d of revision %s: %s",
							 cur_step->step, cur_revision, cur_step->sql);
		else if (cur_revision != NULL)
			appendStringInfo(&detail, "It stopped at revision %s.", cur_revision);
		values[2] = CStringGetTextDatum(edata->message ? edata->message : "unknown error");
		values[3] = CStringGetTextDatum(unpack_sql_state(edata->sqlerrcode));
		values[4] = CStringGetTextDatum(detail.data);
		nulls[2] = nulls[3] = nulls[4] = ' ';
	}
	begin_tx();
	exec_args(psprintf("UPDATE %s.migrate_online_runs SET state = $2, error = $3,"
					   " sqlstate = $4, error_detail = $5,"
					   " finished_at = pg_catalog.clock_timestamp()"
					   " WHERE id OPERATOR(pg_catalog.=) $1", pgm_ext_schema()),
			  5, types, values, nulls, SPI_OK_UPDATE);
	commit_tx();
}

/* ----------------------------------------------------------------
 * Steps
 * ----------------------------------------------------------------
 */
static const char *
steps_key_sql(void)
{
	return "revision OPERATOR(pg_catalog.=) $1 AND direction OPERATOR(pg_catalog.=) $2"
		" AND step OPERATOR(pg_catalog.=) $3";
}

/* Mark a step; relation and old indexes too when given. */
static void
mark_step(const char *rev, Step *s, const char *state, bool count_try)
{
	Oid			types[6] = {TEXTOID, TEXTOID, INT4OID, TEXTOID, OIDOID, OIDARRAYOID};
	Datum		values[6];
	char		nulls[6] = {' ', ' ', ' ', ' ', 'n', 'n'};

	values[0] = CStringGetTextDatum(rev);
	values[1] = CStringGetTextDatum(run.upgrade ? "upgrade" : "downgrade");
	values[2] = Int32GetDatum(s->step);
	values[3] = CStringGetTextDatum(state);
	if (OidIsValid(s->relation))
	{
		values[4] = ObjectIdGetDatum(s->relation);
		nulls[4] = ' ';
	}
	if (s->old_indexes != NIL)
	{
		int			n = list_length(s->old_indexes);
		Datum	   *elems = palloc(sizeof(Datum) * n);

		for (int i = 0; i < n; i++)
			elems[i] = ObjectIdGetDatum(list_nth_oid(s->old_indexes, i));
		values[5] = PointerGetDatum(construct_array(elems, n, OIDOID, sizeof(Oid), true,
													TYPALIGN_INT));
		nulls[5] = ' ';
	}
	exec_args(psprintf("UPDATE %s.migrate_online_steps SET state = $4, run = %lld,"
					   " relation = COALESCE($5, relation),"
					   " old_indexes = COALESCE($6, old_indexes)%s"
					   " WHERE %s", pgm_ext_schema(), (long long) run.id,
					   strcmp(state, "running") == 0 ?
					   ", started_at = pg_catalog.clock_timestamp(), finished_at = NULL" :
					   ", finished_at = pg_catalog.clock_timestamp()",
					   steps_key_sql()),
			  6, types, values, nulls, SPI_OK_UPDATE);
	if (count_try)
		exec_args(psprintf("UPDATE %s.migrate_online_steps SET tries = tries + 1 WHERE %s",
						   pgm_ext_schema(), steps_key_sql()),
				  3, types, values, nulls, SPI_OK_UPDATE);
	s->state = state[0];
}

/* The OIDs of a table's indexes. */
static List *
table_indexes(Oid relid)
{
	Relation	rel = relation_open(relid, AccessShareLock);
	List	   *result = list_copy(RelationGetIndexList(rel));

	relation_close(rel, AccessShareLock);
	return result;
}

/* Is an index valid (built and usable)? */
static bool
index_is_valid(Oid indexoid)
{
	HeapTuple	tup = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(indexoid));
	bool		valid;

	if (!HeapTupleIsValid(tup))
		return false;
	valid = ((Form_pg_index) GETSTRUCT(tup))->indisvalid;
	ReleaseSysCache(tup);
	return valid;
}

/*
 * Before an index build that ran before (and was interrupted): the indexes
 * of the table that the build made.  One is valid: the build finished
 * (returns true).  Otherwise the invalid ones are dropped concurrently.
 */
static bool
index_build_leftovers(const char *rev, Step *s)
{
	List	   *now;
	List	   *invalid = NIL;
	bool		built = false;
	ListCell   *lc;

	begin_tx();
	if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(s->relation)))
	{
		commit_tx();
		return false;
	}
	now = table_indexes(s->relation);
	foreach(lc, now)
	{
		Oid			idx = lfirst_oid(lc);

		if (list_member_oid(s->old_indexes, idx))
			continue;
		if (index_is_valid(idx))
			built = true;
		else
		{
			MemoryContext old = MemoryContextSwitchTo(worker_cxt);

			invalid = lappend(invalid,
							  quote_qualified_identifier(get_namespace_name(get_rel_namespace(idx)),
														 get_rel_name(idx)));
			MemoryContextSwitchTo(old);
		}
	}
	commit_tx();

	if (built)
		return true;
	foreach(lc, invalid)
	{
		char	   *drop = psprintf("DROP INDEX CONCURRENTLY IF EXISTS %s",
									(char *) lfirst(lc));

		elog(LOG, "pg_migrate online: dropping the invalid index %s that an interrupted build left",
			 (char *) lfirst(lc));
		exec_toplevel(drop);
	}
	return false;
}

/* Run one try of a step; false when it turned out done already. */
static void
run_step_once(const char *rev, Step *s)
{
	bool		was_running = s->state == 'r';

	switch (s->kind)
	{
		case ONLINE_CREATE_INDEX:
			if (was_running && OidIsValid(s->relation) && index_build_leftovers(rev, s))
				break;			/* built: only its mark was missing */
			begin_tx();
			{
				RangeVar   *rv = online_index_table(s->sql);
				Oid			relid = RangeVarGetRelid(rv, NoLock, true);
				MemoryContext old = MemoryContextSwitchTo(worker_cxt);

				s->relation = relid;
				s->old_indexes = OidIsValid(relid) ? table_indexes(relid) : NIL;
				MemoryContextSwitchTo(old);
			}
			mark_step(rev, s, "running", true);
			commit_tx();
			exec_toplevel(s->sql);
			break;
		case ONLINE_DROP_INDEX:
			begin_tx();
			{
				RangeVar   *rv = online_dropped_index(s->sql);
				Oid			relid = RangeVarGetRelid(rv, NoLock, true);

				if (!OidIsValid(relid) && was_running)
				{
					commit_tx();
					break;		/* dropped before it was marked done */
				}
				s->relation = relid;
			}
			mark_step(rev, s, "running", true);
			commit_tx();
			exec_toplevel(s->sql);
			break;
		default:
			begin_tx();
			mark_step(rev, s, "running", true);
			commit_tx();
			begin_tx();
			debug_query_string = s->sql;
			pgstat_report_activity(STATE_RUNNING, s->sql);
			{
				int			ret = SPI_execute(s->sql, false, 0);

				if (ret < 0)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_TRANSACTION_TERMINATION),
							 errmsg("the step could not run: %s", SPI_result_code_string(ret)),
							 errhint("A step of online mode runs in a transaction of its own: it may not commit or roll back.")));
			}
			pgstat_report_activity(STATE_IDLE, NULL);
			debug_query_string = NULL;
			mark_step(rev, s, "done", false);
			commit_tx();
			return;
	}
	begin_tx();
	mark_step(rev, s, "done", false);
	commit_tx();
}

/*
 * Run a step, retried when it waited too long for a lock (or was chosen
 * as a deadlock's victim), after a pause that doubles at each try.
 */
static void
run_step(const char *rev, Step *s)
{
	for (volatile int attempt = 1;; attempt++)
	{
		MemoryContext cxt = CurrentMemoryContext;
		ErrorData  *volatile edata = NULL;
		long		delay;

		/* no continue or return inside PG_TRY: it is a do ... while (0) */
		PG_TRY();
		{
			run_step_once(rev, s);
		}
		PG_CATCH();
		{
			MemoryContextSwitchTo(cxt);
			edata = CopyErrorData();
			if ((edata->sqlerrcode != ERRCODE_LOCK_NOT_AVAILABLE &&
				 edata->sqlerrcode != ERRCODE_T_R_DEADLOCK_DETECTED) ||
				attempt >= run.tries)
				PG_RE_THROW();
			FlushErrorState();
			AbortCurrentTransaction();
			MemoryContextSwitchTo(worker_cxt);
			debug_query_string = NULL;
			pgstat_report_activity(STATE_IDLE, NULL);
		}
		PG_END_TRY();
		if (edata == NULL)
			return;

		/* the index build left an invalid index, or the step is running */
		s->state = 'r';
		delay = (long) run.retry_delay << Min(attempt - 1, 10);
		delay = Min(delay, 60000L);
		elog(LOG, "pg_migrate online: step %d of revision %s: %s; try %d of %d in %ld ms",
			 s->step, rev, edata->message, attempt + 1, run.tries, delay);
		FreeErrorData(edata);
		(void) WaitLatch(MyLatch, WL_LATCH_SET | WL_TIMEOUT | WL_EXIT_ON_PM_DEATH,
						 delay, PG_WAIT_EXTENSION);
		ResetLatch(MyLatch);
		CHECK_FOR_INTERRUPTS();
	}
}

/* ----------------------------------------------------------------
 * Revisions
 * ----------------------------------------------------------------
 */

/* The steps of a revision: those stored (resumed), or its SQL rewritten. */
static List *
revision_steps(const char *rev, bool *resumed)
{
	Oid			types[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Datum		values[4];
	const char *s = pgm_ext_schema();
	const char *direction = run.upgrade ? "upgrade" : "downgrade";
	char	   *sql;
	char	   *checksum;
	bool		rewrite;
	List	   *result = NIL;
	HeapTuple	tup;
	TupleDesc	desc;

	values[0] = CStringGetTextDatum(rev);
	values[1] = CStringGetTextDatum(direction);
	exec_args(psprintf("SELECT %s, checksum, online IS DISTINCT FROM false FROM %s.migrate_revisions"
					   " WHERE revision OPERATOR(pg_catalog.=) $1",
					   run.upgrade ? "upgrade_sql" : "downgrade_sql", s),
			  1, types, values, NULL, SPI_OK_SELECT);
	if (SPI_processed != 1)
		elog(ERROR, "revision %s is gone", rev);
	sql = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	checksum = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	rewrite = strcmp(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3), "t") == 0;
	values[2] = CStringGetTextDatum(checksum);

	/* the steps of an earlier, finished run of this revision are history */
	exec_args(psprintf("DELETE FROM %s.migrate_online_steps"
					   " WHERE revision OPERATOR(pg_catalog.=) $1 AND revision_done", s),
			  1, types, values, NULL, SPI_OK_DELETE);
	exec_args(psprintf("SELECT DISTINCT checksum FROM %s.migrate_online_steps"
					   " WHERE revision OPERATOR(pg_catalog.=) $1"
					   " AND direction OPERATOR(pg_catalog.=) $2", s),
			  2, types, values, NULL, SPI_OK_SELECT);
	*resumed = SPI_processed > 0;
	if (*resumed)
	{
		if (SPI_processed != 1 ||
			strcmp(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1), checksum) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("the interrupted online %s of revision \"%s\" was begun from other SQL",
							direction, rev),
					 errdetail("The revision was edited after its online %s stopped midway.", direction),
					 errhint("Undo by hand what its finished steps did (see migrate_progress), then DELETE its rows from migrate_online_steps.")));
	}
	else
	{
		ListCell   *lc;
		int			n = 0;
		Oid			ins_types[7] = {TEXTOID, TEXTOID, TEXTOID, INT4OID, INT4OID, TEXTOID, TEXTOID};

		foreach(lc, online_rewrite(sql, true, rewrite))
		{
			OnlineStep *os = lfirst(lc);
			Datum		v[7];
			char		nulls[7] = {' ', ' ', ' ', ' ', ' ', ' ', ' '};

			v[0] = values[0];
			v[1] = values[1];
			v[2] = values[2];
			v[3] = Int32GetDatum(++n);
			v[4] = Int32GetDatum(os->stmt);
			v[5] = CStringGetTextDatum(online_kind_name(os->kind));
			v[6] = CStringGetTextDatum(os->sql);
			exec_args(psprintf("INSERT INTO %s.migrate_online_steps"
							   " (revision, direction, checksum, step, statement, kind, sql, run)"
							   " VALUES ($1, $2, $3, $4, $5, $6, $7, %lld)", s, (long long) run.id),
					  7, ins_types, v, nulls, SPI_OK_INSERT);
		}
	}

	exec_args(psprintf("SELECT step, kind, sql, state, relation, old_indexes"
					   " FROM %s.migrate_online_steps"
					   " WHERE revision OPERATOR(pg_catalog.=) $1"
					   " AND direction OPERATOR(pg_catalog.=) $2 ORDER BY step", s),
			  2, types, values, NULL, SPI_OK_SELECT);
	desc = SPI_tuptable->tupdesc;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(worker_cxt);
		Step	   *st = palloc0(sizeof(Step));
		bool		isnull;
		Datum		d;

		tup = SPI_tuptable->vals[i];
		st->step = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		st->kind = online_kind_from_name(SPI_getvalue(tup, desc, 2));
		st->sql = SPI_getvalue(tup, desc, 3);
		st->state = SPI_getvalue(tup, desc, 4)[0];
		d = SPI_getbinval(tup, desc, 5, &isnull);
		st->relation = isnull ? InvalidOid : DatumGetObjectId(d);
		d = SPI_getbinval(tup, desc, 6, &isnull);
		if (!isnull)
		{
			Datum	   *elems;
			int			n;

			deconstruct_array(DatumGetArrayTypeP(d), OIDOID, sizeof(Oid), true,
							  TYPALIGN_INT, &elems, NULL, &n);
			for (int k = 0; k < n; k++)
				st->old_indexes = lappend_oid(st->old_indexes, DatumGetObjectId(elems[k]));
		}
		result = lappend(result, st);
		MemoryContextSwitchTo(old);
	}
	return result;
}

/* migrate_version, migrate_log and the steps' mark, in one transaction. */
static void
finish_revision(const char *rev, TimestampTz start)
{
	RevDag	   *dag;
	Runner		r;
	int			idx;
	Bitmapset  *heads;
	Oid			types[3] = {TEXTOID, TEXTOID, INT8OID};
	Datum		values[3];
	const char *s;

	begin_tx();
	s = pgm_ext_schema();
	dag = revdag_load(true);
	idx = revdag_find(dag, rev);
	if (idx < 0)
		elog(ERROR, "revision %s is gone", rev);
	memset(&r, 0, sizeof(r));
	r.dag = dag;
	r.rev = idx;
	r.upgrade = run.upgrade;
	runner_prepare(&r);
	heads = bms_copy(dag->current);
	run_version_ops(&r, step_version_ops(dag, &heads, idx, run.upgrade));
	log_step(&r, rev, run.upgrade ? "upgrade" : "downgrade", start, GetCurrentTimestamp(),
			 revision_checksum(dag->nodes[idx].upgrade_sql, dag->nodes[idx].downgrade_sql));
	values[0] = CStringGetTextDatum(rev);
	values[1] = CStringGetTextDatum(step_words(dag, idx, run.upgrade));
	values[2] = Int64GetDatum(run.id);
	exec_args(psprintf("UPDATE %s.migrate_online_steps SET revision_done = true"
					   " WHERE revision OPERATOR(pg_catalog.=) $1"
					   " AND direction OPERATOR(pg_catalog.=) '%s'", s,
					   run.upgrade ? "upgrade" : "downgrade"),
			  1, types, values, NULL, SPI_OK_UPDATE);
	exec_args(psprintf("UPDATE %s.migrate_online_runs"
					   " SET revisions = revisions OPERATOR(pg_catalog.||) $2"
					   " WHERE id OPERATOR(pg_catalog.=) $3", s),
			  3, types, values, NULL, SPI_OK_UPDATE);
	commit_tx();
}

static void
run_revision(const char *rev)
{
	List	   *steps;
	ListCell   *lc;
	bool		resumed;
	TimestampTz start = GetCurrentTimestamp();

	cur_revision = (char *) rev;
	cur_step = NULL;
	elog(LOG, "pg_migrate online: %s of revision %s", run.upgrade ? "upgrade" : "downgrade", rev);

	/* each revision starts from the caller's search_path, as online */
	begin_tx();
	set_session("search_path", run.search_path);
	steps = revision_steps(rev, &resumed);
	commit_tx();

	set_session("lock_timeout", psprintf("%d", run.lock_timeout));
	foreach(lc, steps)
	{
		Step	   *s = lfirst(lc);

		cur_step = s;
		if (s->state == 'd')
		{
			/* resumed: the settings the done steps made are made again */
			if (s->kind == ONLINE_SESSION)
			{
				begin_tx();
				exec_sql(s->sql, SPI_OK_UTILITY);
				commit_tx();
			}
			continue;
		}
		run_step(rev, s);
	}
	cur_step = NULL;
	set_session("lock_timeout", "0");
	finish_revision(rev, start);
}

/* The revisions to run, in order (ids), planned under the lock. */
static List *
plan_run(void)
{
	RevDag	   *dag;
	RevTarget  *t;
	Bitmapset  *after;
	List	   *order;
	List	   *result = NIL;
	ListCell   *lc;

	begin_tx();
	set_session("search_path", run.search_path);
	dag = revdag_load(false);
	t = target_resolve(dag, run.target, dag->current);
	after = plan_applied(dag, dag->applied, t, run.upgrade);
	order = plan_steps(dag, dag->applied, after, run.upgrade);
	MemoryContextSwitchTo(worker_cxt);
	foreach(lc, order)
		result = lappend(result, pstrdup(dag->nodes[lfirst_int(lc)].id));
	commit_tx();
	return result;
}

/*
 * The worker's entry point (bgw_function_name): bgw_extra holds an
 * OnlineWorkerArgs.
 */
void
pgm_online_worker_main(Datum arg)
{
	OnlineWorkerArgs args;

	memcpy(&args, MyBgworkerEntry->bgw_extra, sizeof(args));
	pqsignal(SIGTERM, die);
	BackgroundWorkerUnblockSignals();
	BackgroundWorkerInitializeConnectionByOid(args.database, args.session_user, 0);
	pgstat_report_appname("pg_migrate online");

	worker_cxt = AllocSetContextCreate(TopMemoryContext, "pg_migrate online",
									   ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(worker_cxt);

	/* the caller's role, when it is not the one it logged in as */
	if (args.current_user != args.session_user)
	{
		StartTransactionCommand();
		set_session("role", GetUserNameFromId(args.current_user, false));
		CommitTransactionCommand();
		MemoryContextSwitchTo(worker_cxt);
	}

	/*
	 * The lock first, then the run's row: a run requested by a transaction
	 * that has not ended yet (migrate_upgrade(online => true)) is read once
	 * that transaction committed, and is not there if it rolled back.
	 */
	StartTransactionCommand();
	if (args.lock_timeout > 0)
		set_session("lock_timeout", psprintf("%d", args.lock_timeout));
	DirectFunctionCall1(pg_advisory_lock_int8, Int64GetDatum(PGM_ADVISORY_LOCK_KEY));
	set_session("lock_timeout", "0");
	CommitTransactionCommand();
	MemoryContextSwitchTo(worker_cxt);

	if (!load_run(args.run))
		proc_exit(0);

	PG_TRY();
	{
		List	   *revs = plan_run();
		ListCell   *lc;

		foreach(lc, revs)
			run_revision(lfirst(lc));
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(worker_cxt);
		edata = CopyErrorData();
		FlushErrorState();
		AbortCurrentTransaction();
		MemoryContextSwitchTo(worker_cxt);
		debug_query_string = NULL;
		set_session("lock_timeout", "0");
		finish_run("failed", edata);
		ereport(LOG,
				(errmsg("pg_migrate online: run %lld failed: %s", (long long) run.id,
						edata->message)));
		proc_exit(1);
	}
	PG_END_TRY();

	finish_run("done", NULL);
	proc_exit(0);
}
