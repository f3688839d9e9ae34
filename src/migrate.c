/*-------------------------------------------------------------------------
 *
 * migrate.c
 *	  Upgrade, downgrade and stamp (docs/revisions.md), online and offline.
 *
 * A plan is the set of applied revisions before and after: upgrade adds
 * the ancestors of the target, downgrade removes what lies above it.  The
 * steps of the plan run in topological order (parents first up, children
 * first down); after each one migrate_version is updated exactly as
 * Alembic's HeadMaintainer updates alembic_version:
 *
 *	upgrade r		none of r's down revisions is a row: INSERT r (a new
 *					branch); one is: UPDATE it to r; several are (a merge):
 *					DELETE all but the last, UPDATE the last to r.
 *	downgrade r		the down revisions of r that no other row descends
 *					from come back: none: DELETE r; one or more: UPDATE r
 *					to the last, INSERT the others (an unmerge).
 *
 * Every step runs in the caller's transaction, under the caller's
 * search_path and with pg_migrate.lock_timeout when set, and is logged to
 * migrate_log with the checksum of the revision's SQL as it ran
 * (checksum.h: revision_checksum(), the checksum stored with the revision
 * and recomputed by migrate_verify()).
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"
#include "checksum.h"
#include "migrate.h"
#include "revdag.h"
#include "target.h"

#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/guc_tables.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(migrate_stamp);


/* ----------------------------------------------------------------
 * The search_path the steps run under
 * ----------------------------------------------------------------
 */

/*
 * The caller's search_path: the value the function's own SET clause
 * (search_path = pg_catalog, pg_temp) replaced, found on the setting's
 * stack; the current value when no SET clause of this nest level is there.
 * (PostgreSQL 16 changed get_guc_variables() to return the count too.)
 */
char *
caller_search_path(void)
{
#if PG_VERSION_NUM >= 160000
	int			nvars;
	struct config_generic **vars = get_guc_variables(&nvars);
#else
	struct config_generic **vars = get_guc_variables();
	int			nvars = GetNumConfigOptions();
#endif
	int			level = NewGUCNestLevel() - 1;

	AtEOXact_GUC(true, level + 1);
	for (int i = 0; i < nvars; i++)
	{
		struct config_generic *conf = vars[i];

		if (strcmp(conf->name, "search_path") != 0)
			continue;
		if (conf->stack != NULL && conf->stack->state == GUC_SAVE &&
			conf->stack->nest_level == level &&
			conf->stack->prior.val.stringval != NULL)
			return pstrdup(conf->stack->prior.val.stringval);
		break;
	}
	return pstrdup(GetConfigOption("search_path", false, false));
}

/* ----------------------------------------------------------------
 * Plans and the version table
 * ----------------------------------------------------------------
 */

/*
 * What going down to the target removes from the applied set: what lies
 * above the target (base: everything; below a root: that root and what
 * lies above it), only the revisions of the branch for <label>@-N.
 */
static Bitmapset *
plan_removed(RevDag *dag, Bitmapset *applied, RevTarget *t)
{
	Bitmapset  *removed = NULL;
	Bitmapset  *below = revdag_ancestors(dag, t->revs);
	int			j = -1;

	while ((j = bms_next_member(applied, j)) >= 0)
	{
		bool		above = false;
		int			k = -1;

		if (t->below >= 0)
			above = revdag_is_ancestor(dag, t->below, j);
		else if (bms_is_empty(t->revs))
			above = true;
		else if (!bms_is_member(j, below))
			while ((k = bms_next_member(t->revs, k)) >= 0 && !above)
				if (revdag_is_ancestor(dag, k, j))
					above = true;
		if (above && t->branch != NULL &&
			!revdag_has_label(&dag->nodes[j], t->branch))
			above = false;
		if (above)
			removed = bms_add_member(removed, j);
	}

	/*
	 * What needs a revision that goes must go too: with a branch filter, a
	 * revision of another branch may depend on one of this branch.
	 */
	j = -1;
	while ((j = bms_next_member(applied, j)) >= 0)
		if (!bms_is_member(j, removed) && bms_overlap(dag->nodes[j].anc, removed))
			removed = bms_add_member(removed, j);
	return removed;
}

/*
 * The applied set after moving to the target: up, the target's ancestors
 * join; down, what lies above the target leaves, and the target must be
 * applied.
 */
Bitmapset *
plan_applied(RevDag *dag, Bitmapset *applied, RevTarget *t, bool upgrade)
{
	int			j = -1;

	if (upgrade)
		return bms_union(applied, revdag_ancestors(dag, t->revs));

	while ((j = bms_next_member(t->revs, j)) >= 0)
		if (!bms_is_member(j, applied))
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("revision \"%s\" is not applied: downgrade target \"%s\" lies above the current revision",
							dag->nodes[j].id, t->text),
					 errdetail("The applied heads are: %s.",
							   bms_is_empty(applied) ? "none (base)" :
							   revdag_set_string(dag, revdag_normalize_heads(dag, applied))),
					 errhint("Use migrate_upgrade() to go up.")));
	return bms_difference(applied, plan_removed(dag, applied, t));
}

/* Update the heads for one step, as Alembic's HeadMaintainer does. */
List *
step_version_ops(RevDag *dag, Bitmapset **heads, int rev, bool upgrade)
{
	RevNode    *r = &dag->nodes[rev];
	List	   *ops = NIL;
	VersionOp  *op;

	if (upgrade)
	{
		int			last = -1;

		for (int k = 0; k < r->ndown; k++)
		{
			if (!bms_is_member(r->down[k], *heads))
				continue;
			if (last >= 0)
			{
				op = palloc(sizeof(VersionOp));
				op->kind = 'D';
				op->from = last;
				op->to = -1;
				ops = lappend(ops, op);
			}
			last = r->down[k];
			*heads = bms_del_member(*heads, last);
		}
		op = palloc(sizeof(VersionOp));
		op->kind = last >= 0 ? 'U' : 'I';
		op->from = last;
		op->to = rev;
		ops = lappend(ops, op);
		*heads = bms_add_member(*heads, rev);
	}
	else
	{
		Bitmapset  *others = bms_del_member(bms_copy(*heads), rev);
		Bitmapset  *implied = revdag_ancestors(dag, others);
		List	   *back = NIL;

		if (!bms_is_member(rev, *heads))
			elog(ERROR, "revision %s is not an applied head", r->id);
		for (int k = 0; k < r->ndown; k++)
			if (!bms_is_member(r->down[k], implied))
				back = lappend_int(back, r->down[k]);
		*heads = others;
		if (back == NIL)
		{
			op = palloc(sizeof(VersionOp));
			op->kind = 'D';
			op->from = rev;
			op->to = -1;
			ops = lappend(ops, op);
		}
		else
		{
			ListCell   *lc;
			int			last = llast_int(back);

			op = palloc(sizeof(VersionOp));
			op->kind = 'U';
			op->from = rev;
			op->to = last;
			ops = lappend(ops, op);
			foreach(lc, back)
			{
				*heads = bms_add_member(*heads, lfirst_int(lc));
				if (lfirst_int(lc) == last)
					continue;
				op = palloc(sizeof(VersionOp));
				op->kind = 'I';
				op->from = -1;
				op->to = lfirst_int(lc);
				ops = lappend(ops, op);
			}
		}
	}
	return ops;
}

/* The steps from one applied set to another, in the order they run. */
List *
plan_steps(RevDag *dag, Bitmapset *before, Bitmapset *after, bool upgrade)
{
	List	   *order;
	List	   *out = NIL;
	ListCell   *lc;

	if (upgrade)
		return revdag_set_topo(dag, bms_difference(after, before));
	order = revdag_set_topo(dag, bms_difference(before, after));
	foreach(lc, order)
		out = lcons_int(lfirst_int(lc), out);
	return out;
}

/* Alembic's words: "Running upgrade 1a2b -> 3c4d, add voters". */
char *
step_words(RevDag *dag, int rev, bool upgrade)
{
	RevNode    *r = &dag->nodes[rev];
	StringInfoData parents;
	StringInfoData buf;

	initStringInfo(&parents);
	for (int k = 0; k < r->nparents; k++)
		appendStringInfo(&parents, "%s%s", k ? ", " : "", dag->nodes[r->parents[k]].id);
	initStringInfo(&buf);
	appendStringInfo(&buf, "Running %s %s -> %s",
					 upgrade ? "upgrade" : "downgrade",
					 upgrade ? parents.data : r->id,
					 upgrade ? r->id : parents.data);
	if (r->message && r->message[0] != '\0')
		appendStringInfo(&buf, ", %s", r->message);
	return buf.data;
}

/* ----------------------------------------------------------------
 * Online
 * ----------------------------------------------------------------
 */
/* Prepare the statements that write migrate_version and migrate_log. */
void
runner_prepare(Runner *run)
{
	const char *s = pgm_ext_schema();
	Oid			two[2] = {TEXTOID, TEXTOID};
	Oid			logtypes[5] = {TEXTOID, TEXTOID, TIMESTAMPTZOID, INTERVALOID, TEXTOID};

	run->ins = SPI_prepare(psprintf("INSERT INTO %s.migrate_version (version_num) VALUES ($1)", s),
						   1, two);
	run->del = SPI_prepare(psprintf("DELETE FROM %s.migrate_version"
									" WHERE version_num OPERATOR(pg_catalog.=) $1", s),
						   1, two);
	run->upd = SPI_prepare(psprintf("UPDATE %s.migrate_version SET version_num = $2"
									" WHERE version_num OPERATOR(pg_catalog.=) $1", s),
						   2, two);
	run->log = SPI_prepare(psprintf("INSERT INTO %s.migrate_log"
									" (revision, direction, started_at, duration, checksum)"
									" VALUES ($1, $2, $3, $4, $5)", s),
						   5, logtypes);
	if (!run->ins || !run->del || !run->upd || !run->log)
		elog(ERROR, "preparing the version statements failed: %s",
			 SPI_result_code_string(SPI_result));
}

/* Apply one step's changes of migrate_version. */
void
run_version_ops(Runner *run, List *ops)
{
	ListCell   *lc;
	int			nest = pgm_guc_nest_enter();

	/* a row of migrate_version that another transaction locked is waited for */
	if (pgm_lock_timeout > 0)
		pgm_set_local("lock_timeout", psprintf("%d", pgm_lock_timeout));

	foreach(lc, ops)
	{
		VersionOp  *op = lfirst(lc);
		Datum		values[2];
		int			ret;
		SPIPlanPtr	plan;

		switch (op->kind)
		{
			case 'I':
				plan = run->ins;
				values[0] = CStringGetTextDatum(run->dag->nodes[op->to].id);
				break;
			case 'D':
				plan = run->del;
				values[0] = CStringGetTextDatum(run->dag->nodes[op->from].id);
				break;
			default:
				plan = run->upd;
				values[0] = CStringGetTextDatum(run->dag->nodes[op->from].id);
				values[1] = CStringGetTextDatum(run->dag->nodes[op->to].id);
				break;
		}
		ret = SPI_execute_plan(plan, values, NULL, false, 0);
		if (ret < 0 || SPI_processed != 1)
			elog(ERROR, "migrate_version was not as expected (%c, %d rows)",
				 op->kind, (int) SPI_processed);
	}
	pgm_guc_nest_leave(nest);
}

/* One row of migrate_log. */
void
log_step(Runner *run, const char *rev, const char *direction,
		 TimestampTz start, TimestampTz end, const char *checksum)
{
	Datum		values[5];
	char		nulls[5] = {' ', ' ', ' ', ' ', checksum ? ' ' : 'n'};
	Interval   *dur = palloc0(sizeof(Interval));

	dur->time = end - start;
	values[0] = CStringGetTextDatum(rev);
	values[1] = CStringGetTextDatum(direction);
	values[2] = TimestampTzGetDatum(start);
	values[3] = IntervalPGetDatum(dur);
	values[4] = checksum ? CStringGetTextDatum(checksum) : (Datum) 0;
	if (SPI_execute_plan(run->log, values, nulls, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "logging the step failed");
}

static void
step_error_context(void *arg)
{
	Runner	   *run = arg;

	errcontext("%s of revision %s",
			   run->upgrade ? "upgrade" : "downgrade",
			   run->dag->nodes[run->rev].id);
}

static bool
blank(const char *sql)
{
	return sql[strspn(sql, " \t\r\n\f\v")] == '\0';
}

/* Run one step's SQL, under the caller's search_path and lock_timeout. */
static void
run_step_sql(Runner *run, const char *sql)
{
	ErrorContextCallback cb;
	int			nest;
	int			ret;

	if (blank(sql))
		return;
	cb.callback = step_error_context;
	cb.arg = run;
	cb.previous = error_context_stack;
	error_context_stack = &cb;

	nest = pgm_guc_nest_enter();
	pgm_set_search_path(run->search_path);
	if (pgm_lock_timeout > 0)
		pgm_set_local("lock_timeout", psprintf("%d", pgm_lock_timeout));
	ret = SPI_execute(sql, false, 0);
	if (ret < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TRANSACTION_TERMINATION),
				 errmsg("the SQL of revision \"%s\" could not run: %s",
						run->dag->nodes[run->rev].id, SPI_result_code_string(ret)),
				 errhint("A step runs inside the caller's transaction: it may not commit, roll back or run statements that cannot run in a transaction block.")));
	pgm_guc_nest_leave(nest);

	error_context_stack = cb.previous;
}

/*
 * What online mode (src/online/) leaves that a plain upgrade or downgrade
 * must not run over: a revision marked to be applied online (unless the
 * call says online => false), or one whose online run stopped midway.
 * Neither exists in an installation of version 0.1, which the library of
 * 0.2 also serves: the column and the table are looked for first.
 */
static void
check_online_state(FunctionCallInfo fcinfo, RevDag *dag, List *steps, bool upgrade)
{
	Oid			nsp = pgm_extension_schema(get_extension_oid("pg_migrate", false));
	Oid			revs = get_relname_relid("migrate_revisions", nsp);
	Oid			online_steps = get_relname_relid("migrate_online_steps", nsp);
	bool		explicit = PG_NARGS() > 1 && !PG_ARGISNULL(1);
	List	   *ids = NIL;
	ListCell   *lc;
	int			ret;
	Oid			types[1] = {TEXTARRAYOID};
	Datum		values[1];

	if (!OidIsValid(online_steps) || get_attnum(revs, "online") == InvalidAttrNumber)
		return;

	foreach(lc, steps)
		ids = lappend(ids, dag->nodes[lfirst_int(lc)].id);
	values[0] = pgm_text_array(ids);

	/*
	 * A role that may not read the steps of online runs (it was granted
	 * the tables a plain upgrade writes, and not these) cannot have run
	 * one either: the check is left to the roles that can.
	 */
	if (pg_class_aclcheck(online_steps, GetUserId(), ACL_SELECT) == ACLCHECK_OK)
	{
		ret = SPI_execute_with_args(psprintf("SELECT revision, direction FROM %s.migrate_online_steps"
											 " WHERE revision OPERATOR(pg_catalog.=) ANY ($1)"
											 " AND NOT revision_done LIMIT 1", pgm_ext_schema()),
									1, types, values, NULL, true, 0);
		pgm_spi_check(ret, SPI_OK_SELECT, "reading migrate_online_steps");
		if (SPI_processed > 0)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("the online %s of revision \"%s\" stopped midway",
							SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2),
							SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1)),
					 errdetail("Some of its steps ran (migrate_progress shows which); running its SQL as written now would run them twice."),
					 errhint("CALL migrate_%s_online() finishes it.",
							 SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2))));
	}
	if (explicit)
		return;
	ret = SPI_execute_with_args(psprintf("SELECT revision FROM %s.migrate_revisions"
										 " WHERE revision OPERATOR(pg_catalog.=) ANY ($1)"
										 " AND online LIMIT 1", pgm_ext_schema()),
								1, types, values, NULL, true, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading migrate_revisions");
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("revision \"%s\" is marked to be applied online",
						SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1)),
				 errdetail("Its steps would take long locks in this transaction."),
				 errhint("CALL migrate_%s_online(...) applies it online; %s(..., online => false) applies it as written.",
						 upgrade ? "upgrade" : "downgrade",
						 upgrade ? "migrate_upgrade" : "migrate_downgrade")));
}

/*
 * A call that holds a snapshot must not wait for pg_migrate's advisory
 * lock while an online run's worker holds it: the worker's concurrent
 * index builds wait for every transaction with an older snapshot, and so
 * for this one, which waits for the worker's lock.  Such a call fails at
 * once instead.  (CALL migrate_upgrade_online() waits, holding no
 * snapshot.)
 */
void
migrate_refuse_beside_online(void)
{
	int			ret;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute(psprintf("SELECT a.pid FROM pg_catalog.pg_locks l"
							   " JOIN pg_catalog.pg_stat_activity a ON a.pid OPERATOR(pg_catalog.=) l.pid"
							   " WHERE l.locktype OPERATOR(pg_catalog.=) 'advisory' AND l.granted"
							   " AND l.database OPERATOR(pg_catalog.=) %u"
							   " AND l.classid OPERATOR(pg_catalog.=) '%u' AND l.objid OPERATOR(pg_catalog.=) '%u'"
							   " AND l.objsubid OPERATOR(pg_catalog.=) 1"
							   " AND a.backend_type OPERATOR(pg_catalog.=) 'pg_migrate online'",
							   MyDatabaseId,
							   (uint32) (PGM_ADVISORY_LOCK_KEY >> 32),
							   (uint32) PGM_ADVISORY_LOCK_KEY), true, 1);
	pgm_spi_check(ret, SPI_OK_SELECT, "looking for an online run");
	if (SPI_processed > 0)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_IN_USE),
				 errmsg("an online upgrade or downgrade is running"),
				 errdetail("Waiting for it here could deadlock with its concurrent index builds (its worker is process %s).",
						   SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1)),
				 errhint("Follow it in migrate_progress and call again once it has finished, or use CALL migrate_upgrade_online(), which waits for it.")));
	SPI_finish();
}

/* The SQL-callable upgrade and downgrade, in the caller's transaction. */
Datum
migrate_online(FunctionCallInfo fcinfo, bool upgrade)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *target;
	RevDag	   *dag;
	RevTarget  *t;
	Bitmapset  *after;
	Bitmapset  *heads;
	List	   *steps;
	ListCell   *lc;
	Runner		run;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision target must not be null")));
	target = text_to_cstring(PG_GETARG_TEXT_PP(0));

	memset(&run, 0, sizeof(run));
	run.search_path = caller_search_path();
	migrate_refuse_beside_online();
	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	dag = revdag_load(true);
	revdag_check_current();
	run.dag = dag;
	t = target_resolve(dag, target, dag->current);
	after = plan_applied(dag, dag->applied, t, upgrade);
	steps = plan_steps(dag, dag->applied, after, upgrade);
	heads = bms_copy(dag->current);
	if (steps != NIL)
	{
		check_online_state(fcinfo, dag, steps, upgrade);
		runner_prepare(&run);
	}

	foreach(lc, steps)
	{
		int			rev = lfirst_int(lc);
		RevNode    *r = &dag->nodes[rev];
		const char *sql = upgrade ? r->upgrade_sql : r->downgrade_sql;
		TimestampTz start;
		TimestampTz end;
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		Interval   *dur;

		run.rev = rev;
		run.upgrade = upgrade;
		ereport(NOTICE, (errmsg_internal("%s", step_words(dag, rev, upgrade))));
		start = GetCurrentTimestamp();
		run_step_sql(&run, sql);
		run_version_ops(&run, step_version_ops(dag, &heads, rev, upgrade));
		end = GetCurrentTimestamp();
		log_step(&run, r->id, upgrade ? "upgrade" : "downgrade", start, end,
				 revision_checksum(r->upgrade_sql, r->downgrade_sql));

		dur = palloc0(sizeof(Interval));
		dur->time = end - start;
		values[0] = CStringGetTextDatum(r->id);
		values[1] = CStringGetTextDatum(upgrade ? "upgrade" : "downgrade");
		if (r->message)
			values[2] = CStringGetTextDatum(r->message);
		else
			nulls[2] = true;
		values[3] = IntervalPGetDatum(dur);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}

	SPI_finish();
	return (Datum) 0;
}

/*
 * The SQL-callable migrate_upgrade() and migrate_downgrade() are in
 * src/online/call.c: with online => true they start the online worker,
 * otherwise they call migrate_online().
 */

/* ----------------------------------------------------------------
 * Offline: the script
 * ----------------------------------------------------------------
 */
/* One step's changes of migrate_version, as statements of a script. */
void
append_version_sql(StringInfo buf, RevDag *dag, List *ops)
{
	const char *s = pgm_ext_schema();
	ListCell   *lc;

	foreach(lc, ops)
	{
		VersionOp  *op = lfirst(lc);

		switch (op->kind)
		{
			case 'I':
				appendStringInfo(buf, "INSERT INTO %s.migrate_version (version_num) VALUES (%s);\n",
								 s, quote_literal_cstr(dag->nodes[op->to].id));
				break;
			case 'D':
				appendStringInfo(buf, "DELETE FROM %s.migrate_version WHERE version_num OPERATOR(pg_catalog.=) %s;\n",
								 s, quote_literal_cstr(dag->nodes[op->from].id));
				break;
			default:
				appendStringInfo(buf, "UPDATE %s.migrate_version SET version_num = %s WHERE version_num OPERATOR(pg_catalog.=) %s;\n",
								 s, quote_literal_cstr(dag->nodes[op->to].id),
								 quote_literal_cstr(dag->nodes[op->from].id));
				break;
		}
	}
}

/*
 * The SQL of a step in the script, ended by a semicolon: right after its
 * last character, or on a line of its own when its last line may end in a
 * comment.
 */
void
append_step_sql(StringInfo buf, const char *sql)
{
	int			end = (int) strlen(sql);
	int			line;

	while (end > 0 && strchr(" \t\r\n\f\v", sql[end - 1]) != NULL)
		end--;
	appendBinaryStringInfo(buf, sql, end);
	if (sql[end - 1] != ';')
	{
		for (line = end; line > 0 && sql[line - 1] != '\n'; line--)
			;
		if (strstr(pnstrdup(sql + line, end - line), "--") != NULL)
			appendStringInfoChar(buf, '\n');
		appendStringInfoChar(buf, ';');
	}
	appendStringInfoString(buf, "\n\n");
}

/*
 * A setting of the offline script's own (a placeholder: not under the
 * prefix pg_migrate reserves, so that the script runs whether or not the
 * session has loaded the library), holding the search_path it started
 * with, for the transaction.
 */
#define OFFLINE_PATH_SETTING "pg_migrate_offline.search_path"

/*
 * The upgrade or downgrade as a script (migrate_upgrade_sql(),
 * migrate_downgrade_sql()).
 */
Datum
migrate_offline(FunctionCallInfo fcinfo, bool upgrade)
{
	const char *target;
	RevDag	   *dag;
	RevTarget  *t;
	Bitmapset  *from;
	Bitmapset  *applied;
	Bitmapset  *after;
	Bitmapset  *heads;
	List	   *steps;
	ListCell   *lc;
	StringInfoData buf;
	text	   *result;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision target must not be null")));
	target = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	dag = revdag_load(true);

	/* Where the script starts: this database's version table, or given. */
	if (PG_ARGISNULL(1))
		from = dag->current;
	else
	{
		RevTarget  *f = target_resolve(dag, text_to_cstring(PG_GETARG_TEXT_PP(1)),
									   dag->current);

		from = revdag_normalize_heads(dag, f->revs);
	}
	applied = revdag_ancestors(dag, from);
	t = target_resolve(dag, target, from);
	after = plan_applied(dag, applied, t, upgrade);
	steps = plan_steps(dag, applied, after, upgrade);
	heads = bms_copy(from);

	initStringInfo(&buf);
	appendStringInfo(&buf, "-- pg_migrate: %s from %s to %s\n",
					 upgrade ? "upgrade" : "downgrade",
					 bms_is_empty(from) ? "base" : revdag_set_string(dag, from),
					 target);
	pgm_check_settings();
	appendStringInfoString(&buf, "BEGIN;\n\n");
	/* the advisory lock too is waited for with lock_timeout */
	if (pgm_lock_timeout > 0)
		appendStringInfo(&buf, "SET LOCAL lock_timeout = %d;\n", pgm_lock_timeout);
	appendStringInfo(&buf, "SELECT pg_catalog.pg_advisory_xact_lock(" INT64_FORMAT ");\n",
					 PGM_ADVISORY_LOCK_KEY);

	/*
	 * Online, every step runs under the caller's search_path, whatever the
	 * step before it set or reset (an autogenerated step ends with RESET
	 * search_path, which goes back to the session's default, not to what
	 * the session had SET).  The script keeps the path it starts with, and
	 * puts it back after each step.
	 */
	appendStringInfoString(&buf, "SELECT pg_catalog.set_config('" OFFLINE_PATH_SETTING "',"
						   " pg_catalog.current_setting('search_path'), true);\n");

	foreach(lc, steps)
	{
		int			rev = lfirst_int(lc);
		RevNode    *r = &dag->nodes[rev];
		const char *sql = upgrade ? r->upgrade_sql : r->downgrade_sql;

		appendStringInfo(&buf, "\n-- %s\n\n", step_words(dag, rev, upgrade));
		if (!blank(sql))
		{
			append_step_sql(&buf, sql);
			appendStringInfoString(&buf, "SELECT pg_catalog.set_config('search_path',"
								   " pg_catalog.current_setting('" OFFLINE_PATH_SETTING "'), true);\n");
		}
		append_version_sql(&buf, dag, step_version_ops(dag, &heads, rev, upgrade));
		appendStringInfo(&buf, "INSERT INTO %s.migrate_log (revision, direction, checksum) VALUES (%s, %s, %s);\n",
						 pgm_ext_schema(), quote_literal_cstr(r->id),
						 upgrade ? "'upgrade'" : "'downgrade'",
						 quote_literal_cstr(revision_checksum(r->upgrade_sql, r->downgrade_sql)));
	}
	appendStringInfoString(&buf, "\nCOMMIT;\n");

	/* the result outlives SPI_finish() */
	result = (text *) SPI_palloc(buf.len + VARHDRSZ);
	SET_VARSIZE(result, buf.len + VARHDRSZ);
	memcpy(VARDATA(result), buf.data, buf.len);
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}

/*
 * The SQL-callable migrate_upgrade_sql() and migrate_downgrade_sql() are in
 * src/online/script.c: the script of online mode, or migrate_offline().
 */

/* ----------------------------------------------------------------
 * migrate_stamp(target text) RETURNS void
 * ----------------------------------------------------------------
 */
Datum
migrate_stamp(PG_FUNCTION_ARGS)
{
	const char *target;
	RevDag	   *dag;
	RevTarget  *t;
	Bitmapset  *after;
	Bitmapset  *heads;
	Bitmapset  *added;
	Bitmapset  *removed;
	Runner		run;
	TimestampTz start = GetCurrentTimestamp();
	int			i;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision target must not be null")));
	target = text_to_cstring(PG_GETARG_TEXT_PP(0));

	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	memset(&run, 0, sizeof(run));
	dag = revdag_load(false);
	revdag_check_current();
	run.dag = dag;
	t = target_resolve(dag, target, dag->current);

	/*
	 * The applied set becomes: the target and its ancestors, plus what was
	 * applied and lies neither above the target nor on the line a
	 * back-walk left.
	 */
	after = bms_union(bms_difference(dag->applied, plan_removed(dag, dag->applied, t)),
					  revdag_ancestors(dag, t->revs));
	heads = revdag_normalize_heads(dag, after);
	added = bms_difference(heads, dag->current);
	removed = bms_difference(dag->current, heads);

	if (!bms_is_empty(added) || !bms_is_empty(removed))
	{
		List	   *ops = NIL;
		VersionOp  *op;

		ereport(NOTICE,
				(errmsg_internal("Running stamp_revision %s -> %s",
								 revdag_set_string(dag, removed),
								 revdag_set_string(dag, added))));
		runner_prepare(&run);
		i = -1;
		while ((i = bms_next_member(removed, i)) >= 0)
		{
			op = palloc(sizeof(VersionOp));
			op->kind = 'D';
			op->from = i;
			op->to = -1;
			ops = lappend(ops, op);
		}
		i = -1;
		while ((i = bms_next_member(added, i)) >= 0)
		{
			op = palloc(sizeof(VersionOp));
			op->kind = 'I';
			op->from = -1;
			op->to = i;
			ops = lappend(ops, op);
		}
		run_version_ops(&run, ops);
		if (bms_is_empty(added))
			log_step(&run, "base", "stamp", start, GetCurrentTimestamp(), NULL);
		else
		{
			ListCell   *lc;

			foreach(lc, revdag_set_topo(dag, added))
				log_step(&run, dag->nodes[lfirst_int(lc)].id, "stamp", start,
						 GetCurrentTimestamp(), NULL);
		}
	}
	SPI_finish();
	PG_RETURN_VOID();
}
