/*-------------------------------------------------------------------------
 *
 * history.c
 *	  Reading the revision DAG (docs/revisions.md): migrate_current,
 *	  migrate_heads, migrate_branches, migrate_history, migrate_show,
 *	  migrate_graph.  None of them changes anything or takes a lock.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"
#include "revdag.h"
#include "target.h"

#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "utils/lsyscache.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(migrate_current);
PG_FUNCTION_INFO_V1(migrate_heads);
PG_FUNCTION_INFO_V1(migrate_branches);
PG_FUNCTION_INFO_V1(migrate_history);
PG_FUNCTION_INFO_V1(migrate_show);
PG_FUNCTION_INFO_V1(migrate_graph);

static RevDag *
load(FunctionCallInfo fcinfo, bool with_sql)
{
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	return revdag_load(with_sql);
}

static void
put_ids(FunctionCallInfo fcinfo, RevDag *dag, List *ids)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	ListCell   *lc;

	foreach(lc, ids)
	{
		Datum		value = CStringGetTextDatum(dag->nodes[lfirst_int(lc)].id);
		bool		isnull = false;

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
}

/* The rows of migrate_version, parents first. */
Datum
migrate_current(PG_FUNCTION_ARGS)
{
	RevDag	   *dag;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	dag = load(fcinfo, false);
	put_ids(fcinfo, dag, revdag_set_topo(dag, dag->current));
	SPI_finish();
	return (Datum) 0;
}

/* The revisions that are no revision's parent. */
Datum
migrate_heads(PG_FUNCTION_ARGS)
{
	RevDag	   *dag;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	dag = load(fcinfo, false);
	put_ids(fcinfo, dag, dag->heads);
	SPI_finish();
	return (Datum) 0;
}

/* The branch points: revisions with several children (alembic branches). */
Datum
migrate_branches(PG_FUNCTION_ARGS)
{
	RevDag	   *dag;
	List	   *ids = NIL;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	dag = load(fcinfo, false);
	for (int t = 0; t < dag->n; t++)
		if (dag->nodes[dag->topo[t]].nchildren > 1)
			ids = lappend_int(ids, dag->topo[t]);
	put_ids(fcinfo, dag, ids);
	SPI_finish();
	return (Datum) 0;
}

static Datum
id_array(RevDag *dag, int *idx, int n)
{
	Datum	   *elems = palloc(sizeof(Datum) * (n + 1));

	for (int i = 0; i < n; i++)
		elems[i] = CStringGetTextDatum(dag->nodes[idx[i]].id);
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

static Datum
label_array(RevNode *r)
{
	List	   *labels = list_copy(r->labels);
	Datum	   *elems = palloc(sizeof(Datum) * (list_length(labels) + 1));
	int			n = 0;
	ListCell   *lc;

	list_sort(labels, pgm_cmp_list_cstring);
	foreach(lc, labels)
		elems[n++] = CStringGetTextDatum((char *) lfirst(lc));
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * When each applied revision was applied: the start of its last upgrade
 * or stamp in migrate_log.
 */
static TimestampTz *
applied_at(RevDag *dag, bool **known)
{
	TimestampTz *at = palloc0(sizeof(TimestampTz) * (dag->n + 1));
	int			ret;

	*known = palloc0(sizeof(bool) * (dag->n + 1));
	ret = SPI_execute(psprintf("SELECT revision, pg_catalog.max(started_at)"
							   " FROM %s.migrate_log"
							   " WHERE direction OPERATOR(pg_catalog.<>) 'downgrade'"
							   " GROUP BY revision",
							   pgm_ext_schema()),
					  true, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading migrate_log");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		char	   *rev = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[i],
															SPI_tuptable->tupdesc, 1, &isnull));
		Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull);
		int			idx = revdag_find(dag, rev);

		if (idx >= 0 && !isnull && bms_is_member(idx, dag->applied))
		{
			at[idx] = DatumGetTimestampTz(d);
			(*known)[idx] = true;
		}
	}
	return at;
}

/*
 * migrate_history() RETURNS TABLE(revision text, parents text[],
 *	 branch_labels text[], message text, is_head boolean, is_applied boolean,
 *	 created_at timestamptz, applied_at timestamptz), parents first.
 */
Datum
migrate_history(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	RevDag	   *dag;
	TimestampTz *at;
	bool	   *known;

	InitMaterializedSRF(fcinfo, 0);
	dag = load(fcinfo, false);
	at = applied_at(dag, &known);
	for (int t = 0; t < dag->n; t++)
	{
		RevNode    *r = &dag->nodes[dag->topo[t]];
		Datum		values[8];
		bool		nulls[8] = {false, false, false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(r->id);
		values[1] = id_array(dag, r->parents, r->nparents);
		values[2] = label_array(r);
		if (r->message)
			values[3] = CStringGetTextDatum(r->message);
		else
			nulls[3] = true;
		values[4] = BoolGetDatum(r->nchildren == 0);
		values[5] = BoolGetDatum(bms_is_member(r->idx, dag->applied));
		values[6] = TimestampTzGetDatum(r->created_at);
		if (known[r->idx])
			values[7] = TimestampTzGetDatum(at[r->idx]);
		else
			nulls[7] = true;
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	SPI_finish();
	return (Datum) 0;
}

/* ----------------------------------------------------------------
 * migrate_show(revision text) RETURNS TABLE(field text, value text)
 * ----------------------------------------------------------------
 */
static void
show_row(ReturnSetInfo *rsinfo, const char *field, const char *value)
{
	Datum		values[2];
	bool		nulls[2] = {false, value == NULL};

	values[0] = CStringGetTextDatum(field);
	values[1] = value ? CStringGetTextDatum(value) : (Datum) 0;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/*
 * What autogenerate's rehearsal saw a revision's upgrade do to live tables,
 * one per line ("none" when nothing; NULL for revisions written by hand).
 */
static char *
observed_hazards_text(const char *revision)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(revision)};
	Oid			ext = get_extension_oid("pg_migrate", false);
	Oid			rel = get_relname_relid("migrate_revisions", pgm_extension_schema(ext));

	/* 0.1's table, before ALTER EXTENSION ... UPDATE, has no such column */
	if (!OidIsValid(rel) || get_attnum(rel, "observed_hazards") == InvalidAttrNumber)
		return NULL;
	if (SPI_execute_with_args(psprintf("SELECT CASE WHEN pg_catalog.cardinality(observed_hazards) OPERATOR(pg_catalog.=) 0"
									   "            THEN 'none'"
									   "            ELSE pg_catalog.array_to_string(observed_hazards, E'\\n') END"
									   "  FROM %s.migrate_revisions WHERE revision OPERATOR(pg_catalog.=) $1",
									   pgm_ext_schema()),
							  1, types, values, NULL, true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		return NULL;
	return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
}

static char *
ids_text(RevDag *dag, int *idx, int n)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < n; i++)
		appendStringInfo(&buf, "%s%s", i ? ", " : "", dag->nodes[idx[i]].id);
	return buf.data;
}

/*
 * migrate_show(revision text) RETURNS TABLE(field text, value text): one
 * revision, field by field, as `alembic show` prints it (docs/revisions.md).
 */
Datum
migrate_show(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	RevDag	   *dag;
	RevNode    *r;
	TimestampTz *at;
	bool	   *known;
	StringInfoData labels;
	ListCell   *lc;
	List	   *sorted;

	InitMaterializedSRF(fcinfo, 0);
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision must not be null")));
	dag = load(fcinfo, true);
	r = &dag->nodes[target_resolve_one(dag, text_to_cstring(PG_GETARG_TEXT_PP(0)),
									   dag->current)];
	at = applied_at(dag, &known);

	initStringInfo(&labels);
	sorted = list_copy(r->labels);
	list_sort(sorted, pgm_cmp_list_cstring);
	foreach(lc, sorted)
		appendStringInfo(&labels, "%s%s", labels.len ? ", " : "", (char *) lfirst(lc));

	show_row(rsinfo, "revision", r->id);
	show_row(rsinfo, "message", r->message);
	show_row(rsinfo, "parents", ids_text(dag, r->parents, r->nparents));
	show_row(rsinfo, "children", ids_text(dag, r->children, r->nchildren));
	show_row(rsinfo, "depends_on", ids_text(dag, r->deps, r->ndeps));
	show_row(rsinfo, "branch_label", r->label);
	show_row(rsinfo, "branches", labels.data);
	show_row(rsinfo, "is_head", r->nchildren == 0 ? "true" : "false");
	show_row(rsinfo, "is_applied", bms_is_member(r->idx, dag->applied) ? "true" : "false");
	show_row(rsinfo, "applied_at", known[r->idx] ? timestamptz_to_str(at[r->idx]) : NULL);
	show_row(rsinfo, "autogenerated", r->autogenerated ? "true" : "false");
	show_row(rsinfo, "checksum", r->checksum);
	show_row(rsinfo, "snapshot_hash", r->snapshot_hash);
	show_row(rsinfo, "observed_hazards", observed_hazards_text(r->id));
	show_row(rsinfo, "created_at", timestamptz_to_str(r->created_at));
	show_row(rsinfo, "created_by", r->created_by);
	show_row(rsinfo, "upgrade_sql", r->upgrade_sql);
	show_row(rsinfo, "downgrade_sql", r->downgrade_sql);
	SPI_finish();
	return (Datum) 0;
}

/* ----------------------------------------------------------------
 * migrate_graph() RETURNS text: the DAG in Graphviz DOT
 * ----------------------------------------------------------------
 */
static void
append_dot_string(StringInfo buf, const char *s)
{
	appendStringInfoChar(buf, '"');
	for (; *s; s++)
	{
		if (*s == '"' || *s == '\\')
			appendStringInfoChar(buf, '\\');
		if (*s == '\n')
		{
			appendStringInfoString(buf, "\\n");
			continue;
		}
		appendStringInfoChar(buf, *s);
	}
	appendStringInfoChar(buf, '"');
}

/*
 * migrate_graph() RETURNS text: the revision DAG in Graphviz's dot
 * language (docs/revisions.md).
 */
Datum
migrate_graph(PG_FUNCTION_ARGS)
{
	RevDag	   *dag;
	StringInfoData buf;
	text	   *result;

	dag = load(fcinfo, false);
	initStringInfo(&buf);
	appendStringInfoString(&buf,
						   "digraph migrate_revisions {\n"
						   "  rankdir = BT;\n"
						   "  node [shape = box, fontname = \"monospace\"];\n");
	for (int t = 0; t < dag->n; t++)
	{
		RevNode    *r = &dag->nodes[dag->topo[t]];
		StringInfoData label;

		initStringInfo(&label);
		appendStringInfoString(&label, r->id);
		if (r->label)
			appendStringInfo(&label, " (%s)", r->label);
		if (r->message)
			appendStringInfo(&label, "\n%s", r->message);
		appendStringInfoString(&buf, "  ");
		append_dot_string(&buf, r->id);
		appendStringInfoString(&buf, " [label = ");
		append_dot_string(&buf, label.data);
		if (bms_is_member(r->idx, dag->current))
			appendStringInfoString(&buf, ", style = \"filled,bold\", fillcolor = \"palegreen\"");
		else if (bms_is_member(r->idx, dag->applied))
			appendStringInfoString(&buf, ", style = filled, fillcolor = \"honeydew\"");
		if (r->nchildren == 0)
			appendStringInfoString(&buf, ", peripheries = 2");
		appendStringInfoString(&buf, "];\n");
	}
	for (int t = 0; t < dag->n; t++)
	{
		RevNode    *r = &dag->nodes[dag->topo[t]];

		for (int k = 0; k < r->nparents + r->ndeps; k++)
		{
			int			p = k < r->nparents ? r->parents[k] : r->deps[k - r->nparents];

			appendStringInfoString(&buf, "  ");
			append_dot_string(&buf, r->id);
			appendStringInfoString(&buf, " -> ");
			append_dot_string(&buf, dag->nodes[p].id);
			if (k >= r->nparents)
				appendStringInfoString(&buf, " [style = dashed, label = \"depends_on\"]");
			appendStringInfoString(&buf, ";\n");
		}
	}
	appendStringInfoString(&buf, "}\n");

	result = pgm_spi_text(buf.data);
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}
