/*-------------------------------------------------------------------------
 *
 * call.c
 *	  The entry points of online mode (docs/revisions.md, "Online mode"):
 *
 *	  CALL migrate_upgrade_online(target), CALL migrate_downgrade_online(target)
 *		procedures called outside any transaction block: they check the
 *		target, record the run (migrate_online_runs), commit, start the
 *		background worker (worker.c) and wait for it to stop, holding no
 *		snapshot while they wait, then report what it did, or its error.
 *		A concurrent index build waits for every transaction that holds
 *		an older snapshot: a function that waited for the worker inside
 *		the caller's transaction would wait for itself.
 *
 *	  migrate_upgrade(target, online => true), migrate_downgrade(...)
 *		functions, in the caller's transaction: they record the run and
 *		start the worker, which waits for pg_migrate's advisory lock, held
 *		until the caller's transaction ends, and returns at once.  The
 *		worker then runs on its own; migrate_progress follows it.
 *
 *	  The worker connects as the caller's session user and runs as the
 *	  caller's current role (SET ROLE when they differ): it has the
 *	  caller's rights and nothing more.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"
#include "migrate.h"
#include "online/online.h"

#include <dlfcn.h>

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "postmaster/bgworker.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/snapmgr.h"

PG_FUNCTION_INFO_V1(migrate_upgrade_online);
PG_FUNCTION_INFO_V1(migrate_downgrade_online);
PG_FUNCTION_INFO_V1(migrate_upgrade);
PG_FUNCTION_INFO_V1(migrate_downgrade);
PG_FUNCTION_INFO_V1(migrate_revision_online);

int			pgm_online_lock_timeout = 1000;
int			pgm_online_tries = 30;
int			pgm_online_retry_delay = 100;
bool		pgm_online_default = false;

/* The settings of online mode (called by _PG_init()). */
void
online_init_settings(void)
{
	DefineCustomIntVariable("pg_migrate.online_lock_timeout",
							"Sets the lock_timeout of each step of an online upgrade.",
							"A step that waits longer for a lock gives up and is tried again later, "
							"so that the queries queued behind it wait no longer than this.",
							&pgm_online_lock_timeout,
							1000, 1, INT_MAX, PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);
	DefineCustomIntVariable("pg_migrate.online_tries",
							"Sets how many times a step of an online upgrade is tried.",
							"A step is tried again when it waited too long for a lock or "
							"was chosen as the victim of a deadlock.",
							&pgm_online_tries,
							30, 1, 1000, PGC_USERSET, 0,
							NULL, NULL, NULL);
	DefineCustomIntVariable("pg_migrate.online_retry_delay",
							"Sets the pause before the second try of a step of an online upgrade.",
							"The pause doubles at each further try, up to a minute.",
							&pgm_online_retry_delay,
							100, 0, 60000, PGC_USERSET, GUC_UNIT_MS,
							NULL, NULL, NULL);
	DefineCustomBoolVariable("pg_migrate.online_default",
							 "Marks the revisions created from now on to be applied online.",
							 "migrate_upgrade() refuses a revision so marked, which "
							 "CALL migrate_upgrade_online() applies.",
							 &pgm_online_default,
							 false, PGC_USERSET, 0,
							 NULL, NULL, NULL);
}

/* The file of this library, for the worker to load the same one. */
static void
library_name(char *buf, size_t len)
{
	Dl_info		info;

	if (dladdr((void *) pgm_online_worker_main, &info) != 0 &&
		info.dli_fname != NULL && strlen(info.dli_fname) < len)
		strlcpy(buf, info.dli_fname, len);
	else
		strlcpy(buf, "pg_migrate", len);
}

/*
 * Under the advisory lock: check the target, and record the run.  0: there
 * is nothing to do.
 */
static int64
request_run(const char *target, const char *search_path, bool upgrade)
{
	RevDag	   *dag;
	RevTarget  *t;
	Bitmapset  *after;
	List	   *steps;
	Oid			types[6] = {TEXTOID, TEXTOID, TEXTOID, INT4OID, INT4OID, INT4OID};
	Datum		values[6];
	bool		isnull;
	int			ret;

	pgm_advisory_lock();
	dag = revdag_load(false);
	revdag_check_current();
	t = target_resolve(dag, target, dag->current);
	after = plan_applied(dag, dag->applied, t, upgrade);
	steps = plan_steps(dag, dag->applied, after, upgrade);
	if (steps == NIL)
		return 0;

	values[0] = CStringGetTextDatum(upgrade ? "upgrade" : "downgrade");
	values[1] = CStringGetTextDatum(target);
	values[2] = CStringGetTextDatum(search_path);
	values[3] = Int32GetDatum(pgm_online_lock_timeout);
	values[4] = Int32GetDatum(pgm_online_tries);
	values[5] = Int32GetDatum(pgm_online_retry_delay);
	ret = SPI_execute_with_args(psprintf("INSERT INTO %s.migrate_online_runs"
										 " (direction, target, search_path, step_lock_timeout,"
										 " tries, retry_delay) VALUES ($1, $2, $3, $4, $5, $6)"
										 " RETURNING id", pgm_ext_schema()),
								6, types, values, NULL, false, 0);
	pgm_spi_check_one(ret, SPI_OK_INSERT_RETURNING, "recording the online run");
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/* Start the worker of a run. */
static BackgroundWorkerHandle *
launch(int64 run, bool wait)
{
	BackgroundWorker worker;
	BackgroundWorkerHandle *handle;
	OnlineWorkerArgs args;
	pid_t		pid;

	memset(&worker, 0, sizeof(worker));
	memset(&args, 0, sizeof(args));
	args.database = MyDatabaseId;
	args.session_user = GetSessionUserId();
	args.current_user = GetUserId();
	args.lock_timeout = pgm_lock_timeout;
	args.run = run;

	worker.bgw_flags = BGWORKER_SHMEM_ACCESS | BGWORKER_BACKEND_DATABASE_CONNECTION;
	worker.bgw_start_time = BgWorkerStart_RecoveryFinished;
	worker.bgw_restart_time = BGW_NEVER_RESTART;
	library_name(worker.bgw_library_name, sizeof(worker.bgw_library_name));
	strlcpy(worker.bgw_function_name, "pgm_online_worker_main", BGW_MAXLEN);
	snprintf(worker.bgw_name, BGW_MAXLEN, "pg_migrate online run %lld", (long long) run);
	strlcpy(worker.bgw_type, "pg_migrate online", BGW_MAXLEN);
	memcpy(worker.bgw_extra, &args, sizeof(args));
	worker.bgw_main_arg = Int64GetDatum(run);
	worker.bgw_notify_pid = MyProcPid;

	if (!RegisterDynamicBackgroundWorker(&worker, &handle))
		ereport(ERROR,
				(errcode(ERRCODE_CONFIGURATION_LIMIT_EXCEEDED),
				 errmsg("could not start the background worker of an online upgrade"),
				 errdetail("Every background worker slot is taken."),
				 errhint("Raise max_worker_processes, or try again once other background workers have stopped.")));
	if (wait && WaitForBackgroundWorkerStartup(handle, &pid) == BGWH_POSTMASTER_DIED)
		ereport(ERROR,
				(errcode(ERRCODE_ADMIN_SHUTDOWN),
				 errmsg("the server stopped while the online upgrade's worker started")));
	return handle;
}

/* The worker's report: NOTICEs of what ran, or its error. */
static void
report_run(int64 run, bool upgrade)
{
	Oid			types[1] = {INT8OID};
	Datum		values[1] = {Int64GetDatum(run)};
	int			ret;
	HeapTuple	tup;
	TupleDesc	desc;
	char	   *state;
	const char *call = upgrade ? "migrate_upgrade_online" : "migrate_downgrade_online";

	ret = SPI_execute_with_args(psprintf("SELECT state, error, sqlstate, error_detail,"
										 " pg_catalog.array_to_string(revisions, E'\\n')"
										 " FROM %s.migrate_online_runs"
										 " WHERE id OPERATOR(pg_catalog.=) $1", pgm_ext_schema()),
								1, types, values, NULL, true, 0);
	pgm_spi_check_one(ret, SPI_OK_SELECT, "reading the online run");
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	state = SPI_getvalue(tup, desc, 1);
	if (SPI_getvalue(tup, desc, 5) != NULL)
	{
		char	   *words = SPI_getvalue(tup, desc, 5);
		char	   *line;
		char	   *save;

		for (line = strtok_r(words, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			ereport(NOTICE, (errmsg_internal("%s", line)));
	}
	if (strcmp(state, "done") == 0)
		return;
	if (strcmp(state, "failed") == 0)
	{
		char	   *sqlstate = SPI_getvalue(tup, desc, 3);

		ereport(ERROR,
				(errcode(sqlstate ? MAKE_SQLSTATE(sqlstate[0], sqlstate[1], sqlstate[2],
												  sqlstate[3], sqlstate[4])
						 : ERRCODE_INTERNAL_ERROR),
				 errmsg("%s", SPI_getvalue(tup, desc, 2)),
				 errdetail("%s", SPI_getvalue(tup, desc, 4) ? SPI_getvalue(tup, desc, 4) : ""),
				 errhint("The steps that finished are kept (migrate_progress): CALL %s() again resumes the run.",
						 call)));
	}
	ereport(ERROR,
			(errcode(ERRCODE_OPERATOR_INTERVENTION),
			 errmsg("the worker of the online %s stopped before it finished",
					upgrade ? "upgrade" : "downgrade"),
			 errdetail("It was terminated, or the server restarted."),
			 errhint("The steps that finished are kept (migrate_progress): CALL %s() again resumes the run.",
					 call)));
}

static Datum
online_call(FunctionCallInfo fcinfo, bool upgrade)
{
	CallContext *cc = (CallContext *) fcinfo->context;
	const char *call = upgrade ? "migrate_upgrade_online" : "migrate_downgrade_online";
	char	   *path = caller_search_path();
	char	   *target;
	int64		run;
	BackgroundWorkerHandle *handle;
	BgwHandleStatus status;

	if (cc == NULL || !IsA(cc, CallContext) || cc->atomic)
		ereport(ERROR,
				(errcode(ERRCODE_ACTIVE_SQL_TRANSACTION),
				 errmsg("%s() cannot run inside a transaction block", call),
				 errdetail("It commits before it waits for its worker, which builds indexes concurrently."),
				 errhint("Run CALL %s(...) on its own, outside BEGIN ... COMMIT and not from a function; "
						 "or use %s(target, online => true), which returns at once.",
						 call, upgrade ? "migrate_upgrade" : "migrate_downgrade")));
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision target must not be null")));
	target = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (SPI_connect_ext(SPI_OPT_NONATOMIC) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/*
	 * The CALL statement's snapshot goes before the advisory lock is waited
	 * for: a running worker's index build would wait for it.
	 */
	SPI_commit();
	run = request_run(target, path, upgrade);
	if (run == 0)
	{
		SPI_finish();
		PG_RETURN_VOID();
	}
	SPI_commit();

	handle = launch(run, false);

	/* no snapshot while waiting: the worker's index builds wait for those */
	if (ActiveSnapshotSet() || MyProc->xmin != InvalidTransactionId)
		elog(ERROR, "%s() holds a snapshot while it waits for its worker", call);
	PG_TRY();
	{
		status = WaitForBackgroundWorkerShutdown(handle);
	}
	PG_CATCH();
	{
		/* cancelled: the worker stops too, leaving what the next call resumes */
		TerminateBackgroundWorker(handle);
		PG_RE_THROW();
	}
	PG_END_TRY();
	if (status == BGWH_POSTMASTER_DIED)
		ereport(ERROR,
				(errcode(ERRCODE_ADMIN_SHUTDOWN),
				 errmsg("the server stopped during the online %s", upgrade ? "upgrade" : "downgrade")));

	report_run(run, upgrade);
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * CALL migrate_upgrade_online(target text DEFAULT 'heads'): the upgrade in
 * online mode, by a background worker that this call waits for.
 */
Datum
migrate_upgrade_online(PG_FUNCTION_ARGS)
{
	return online_call(fcinfo, true);
}

/* CALL migrate_downgrade_online(target text): the same downwards. */
Datum
migrate_downgrade_online(PG_FUNCTION_ARGS)
{
	return online_call(fcinfo, false);
}

/*
 * migrate_upgrade(target, online => true) and migrate_downgrade(...): the
 * worker starts once the caller's transaction commits; nothing is returned.
 */
static Datum
online_start(FunctionCallInfo fcinfo, bool upgrade)
{
	char	   *path = caller_search_path();
	char	   *target;
	int64		run;
	BackgroundWorkerHandle *handle;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision target must not be null")));
	target = text_to_cstring(PG_GETARG_TEXT_PP(0));
	migrate_refuse_beside_online();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	run = request_run(target, path, upgrade);
	SPI_finish();
	if (run == 0)
		return (Datum) 0;
	handle = launch(run, false);
	(void) handle;
	ereport(NOTICE,
			(errmsg("the online %s to \"%s\" is run %lld: its worker starts when this transaction commits",
					upgrade ? "upgrade" : "downgrade", target, (long long) run),
			 errhint("Follow it in migrate_progress and migrate_online_runs.")));
	return (Datum) 0;
}

static Datum
upgrade_any(FunctionCallInfo fcinfo, bool upgrade)
{
	if (PG_NARGS() > 1 && !PG_ARGISNULL(1) && PG_GETARG_BOOL(1))
		return online_start(fcinfo, upgrade);
	return migrate_online(fcinfo, upgrade);
}

/*
 * migrate_upgrade(target text DEFAULT 'heads', online boolean DEFAULT
 * false): in the caller's transaction (migrate.c), or online.
 */
Datum
migrate_upgrade(PG_FUNCTION_ARGS)
{
	return upgrade_any(fcinfo, true);
}

/* migrate_downgrade(target text, online boolean DEFAULT false). */
Datum
migrate_downgrade(PG_FUNCTION_ARGS)
{
	return upgrade_any(fcinfo, false);
}

/*
 * migrate_revision_online(revision text, online boolean): mark a revision
 * to be applied online (true), as written (false), or as the call says
 * (NULL).
 */
Datum
migrate_revision_online(PG_FUNCTION_ARGS)
{
	Oid			types[2] = {TEXTOID, BOOLOID};
	Datum		values[2];
	char		nulls[2] = {' ', PG_ARGISNULL(1) ? 'n' : ' '};
	int			ret;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision must not be null")));
	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	values[0] = PG_GETARG_DATUM(0);
	values[1] = PG_ARGISNULL(1) ? (Datum) 0 : PG_GETARG_DATUM(1);
	ret = SPI_execute_with_args(psprintf("UPDATE %s.migrate_revisions SET online = $2"
										 " WHERE revision OPERATOR(pg_catalog.=) $1",
										 pgm_ext_schema()),
								2, types, values, nulls, false, 0);
	if (ret != SPI_OK_UPDATE)
		elog(ERROR, "marking the revision failed: %s", SPI_result_code_string(ret));
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("revision \"%s\" does not exist", text_to_cstring(PG_GETARG_TEXT_PP(0))),
				 errhint("migrate_history() lists the revisions.")));
	SPI_finish();
	PG_RETURN_VOID();
}
