/*-------------------------------------------------------------------------
 *
 * revision.c
 *	  Creating and changing revisions (docs/revisions.md): migrate_revision,
 *	  migrate_edit, migrate_remove, migrate_merge, migrate_export.
 *
 * Every function here takes the advisory lock first, then reads the DAG
 * and the version table.  A revision's checksum is checksum.h's
 * revision_checksum(): sha256 of the upgrade SQL, one zero byte and the
 * downgrade SQL, in 64 lowercase hex digits.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"
#include "autogen.h"
#include "rename.h"
#include "checksum.h"
#include "revdag.h"
#include "target.h"

#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "utils/lsyscache.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/snapmgr.h"

PG_FUNCTION_INFO_V1(migrate_revision);
PG_FUNCTION_INFO_V1(migrate_edit);
PG_FUNCTION_INFO_V1(migrate_remove);
PG_FUNCTION_INFO_V1(migrate_merge);
PG_FUNCTION_INFO_V1(migrate_export);

/* ----------------------------------------------------------------
 * Helpers
 * ----------------------------------------------------------------
 */

/* The elements of a text[] argument (NULL elements refused). */
static List *
opt_text_array(FunctionCallInfo fcinfo, int arg, const char *what)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	List	   *out = NIL;

	if (PG_ARGISNULL(arg))
		return NIL;
	deconstruct_array(PG_GETARG_ARRAYTYPE_P(arg), TEXTOID, -1, false,
					  TYPALIGN_INT, &elems, &nulls, &n);
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument \"%s\" must not contain nulls", what)));
		out = lappend(out, TextDatumGetCString(elems[i]));
	}
	return out;
}

static bool
reserved_name(const char *s)
{
	return strcmp(s, "head") == 0 || strcmp(s, "heads") == 0 ||
		strcmp(s, "base") == 0;
}

/*
 * An id or a branch label must be one that a target can name: 1 to 64
 * characters of [A-Za-z0-9_.-], and none of the forms the target grammar
 * reads as something else (head, heads, base, -N): a revision of id "-1"
 * could never be upgraded to by its id.
 */
static void
check_id(const char *id, bool is_label)
{
	const char *form;

	if (!target_valid_id(id))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 is_label ?
				 errmsg("invalid branch label \"%s\"", id) :
				 errmsg("invalid revision id \"%s\"", id),
				 is_label ?
				 errdetail("A branch label is 1 to 64 characters of A-Z, a-z, 0-9, _, . and -.") :
				 errdetail("A revision id is 1 to 64 characters of A-Z, a-z, 0-9, _, . and -."),
				 errhint("Characters such as \"@\", \"+\", spaces and quotes have a meaning in revision targets (<label>@head, <revision>+N).")));
	form = target_form_of(id);
	if (form != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 is_label ?
				 errmsg("invalid branch label \"%s\": it is a revision target of its own", id) :
				 errmsg("invalid revision id \"%s\": it is a revision target of its own", id),
				 is_label ?
				 errdetail("The target \"%s\" names %s, so no target could name this branch label.",
						   id, form) :
				 errdetail("The target \"%s\" names %s, so no target could name this revision id.",
						   id, form),
				 is_label ?
				 errhint("Choose another branch label: not head, heads, base, nor \"-\" followed by digits only.") :
				 errhint("Choose another revision id: not head, heads, base, nor \"-\" followed by digits only.")));
}

/* A parent or dependency: an id, a unique prefix, a label, <label>@head. */
static int
resolve_ref(RevDag *dag, const char *name, const char *what)
{
	int			idx;

	if (strchr(name, '@') != NULL || reserved_name(name))
		return target_resolve_one(dag, name, dag->current);
	idx = target_lookup(dag, name, true);
	if (idx < 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("revision \"%s\" named in \"%s\" does not exist", name, what),
				 errhint("migrate_history() lists the revisions.")));
	return idx;
}

/*
 * Resolve parents or dependencies: no duplicates, none the new revision
 * itself (a cycle), none an ancestor of another.
 */
static int *
resolve_refs(RevDag *dag, List *names, const char *self, const char *what,
			 int *n)
{
	int		   *out = palloc(sizeof(int) * (list_length(names) + 1));
	ListCell   *lc;

	*n = 0;
	foreach(lc, names)
	{
		char	   *name = lfirst(lc);
		int			idx;

		if (self && strcmp(name, self) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
					 errmsg("revision \"%s\" cannot name itself in \"%s\": that is a cycle", self, what)));
		idx = resolve_ref(dag, name, what);
		for (int i = 0; i < *n; i++)
		{
			if (out[i] == idx)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
						 errmsg("revision \"%s\" is named twice in \"%s\"", dag->nodes[idx].id, what)));
			if (revdag_is_ancestor(dag, out[i], idx) || revdag_is_ancestor(dag, idx, out[i]))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
						 errmsg("revisions \"%s\" and \"%s\" named in \"%s\" lie on one line",
								dag->nodes[out[i]].id, dag->nodes[idx].id, what),
						 errdetail("One is an ancestor of the other; name only the later one.")));
		}
		out[(*n)++] = idx;
	}
	return out;
}

static Datum
ids_array(RevDag *dag, int *idx, int n)
{
	Datum	   *elems = palloc(sizeof(Datum) * (n + 1));

	for (int i = 0; i < n; i++)
		elems[i] = CStringGetTextDatum(dag->nodes[idx[i]].id);
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/* A fresh id: 12 lowercase hex digits, not taken. */
static char *
new_revision_id(RevDag *dag)
{
	for (;;)
	{
		uint8		bytes[6];
		char	   *id = palloc(13);

		if (!pg_strong_random(bytes, sizeof(bytes)))
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not generate a random revision id")));
		for (int i = 0; i < 6; i++)
			snprintf(id + 2 * i, 3, "%02x", bytes[i]);
		if (revdag_find(dag, id) < 0 && revdag_find_label(dag, id) < 0)
			return id;
	}
}

typedef struct NewRevision
{
	const char *id;
	const char *message;
	const char *upgrade_sql;
	const char *downgrade_sql;
	int		   *parents;
	int			nparents;
	int		   *deps;
	int			ndeps;
	const char *label;
	bool		autogenerated;
	const char *snapshot_hash;
	Jsonb	   *snapshot;
	List	   *observed_hazards;	/* of char *; NIL: none observed */
} NewRevision;

static void
insert_revision(RevDag *dag, NewRevision *nr)
{
	Oid			types[12] = {TEXTOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID,
		TEXTOID, TEXTOID, TEXTOID, TEXTOID, BOOLOID, TEXTOID, JSONBOID,
	TEXTARRAYOID};
	Datum		values[12];
	char		nulls[12];
	int			ret;
	int			nestlevel;

	memset(nulls, ' ', sizeof(nulls));
	values[0] = CStringGetTextDatum(nr->id);
	values[1] = ids_array(dag, nr->parents, nr->nparents);
	values[2] = pgm_text_array(nr->label ? list_make1((char *) nr->label) : NIL);
	values[3] = ids_array(dag, nr->deps, nr->ndeps);
	if (nr->message)
		values[4] = CStringGetTextDatum(nr->message);
	else
		nulls[4] = 'n';
	values[5] = CStringGetTextDatum(nr->upgrade_sql);
	values[6] = CStringGetTextDatum(nr->downgrade_sql);
	values[7] = CStringGetTextDatum(revision_checksum(nr->upgrade_sql, nr->downgrade_sql));
	values[8] = BoolGetDatum(nr->autogenerated);
	if (nr->snapshot_hash)
		values[9] = CStringGetTextDatum(nr->snapshot_hash);
	else
		nulls[9] = 'n';
	if (nr->snapshot)
		values[10] = JsonbPGetDatum(nr->snapshot);
	else
		nulls[10] = 'n';
	/* autogenerated revisions: what the rehearsal saw, {} for nothing */
	if (nr->autogenerated && nr->snapshot)
		values[11] = pgm_text_array(nr->observed_hazards);
	else
		nulls[11] = 'n';

	/*
	 * The snapshot is large (15 MB of jsonb at 10,000 tables): lz4, where
	 * the server has it, compresses it several times faster than pglz.
	 */
	nestlevel = pgm_guc_nest_enter();
#ifdef USE_LZ4
	if (nr->snapshot)
		pgm_set_local("default_toast_compression", "lz4");
#endif
	/* 0.1's table, before ALTER EXTENSION ... UPDATE, has no observed_hazards */
	{
		Oid			ext = get_extension_oid("pg_migrate", false);
		Oid			rel = get_relname_relid("migrate_revisions", pgm_extension_schema(ext));
		bool		observed = OidIsValid(rel) &&
			get_attnum(rel, "observed_hazards") != InvalidAttrNumber;

		ret = SPI_execute_with_args(psprintf("INSERT INTO %s.migrate_revisions"
											 " (revision, parents, branch_labels, depends_on, message,"
											 "  upgrade_sql, downgrade_sql, checksum, autogenerated,"
											 "  snapshot_hash, snapshot, %s created_at)"
											 " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
											 "  %s pg_catalog.clock_timestamp())",
											 pgm_ext_schema(),
											 observed ? "observed_hazards," : "",
											 observed ? "$12," : ""),
									observed ? 12 : 11, types, values, nulls, false, 0);
	}
	if (ret != SPI_OK_INSERT)
		elog(ERROR, "storing revision %s failed: %s", nr->id, SPI_result_code_string(ret));
	pgm_guc_nest_leave(nestlevel);
}

static void
check_label(RevDag *dag, const char *label)
{
	int			owner;

	check_id(label, true);
	owner = revdag_find_label(dag, label);
	if (owner >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("branch label \"%s\" already exists", label),
				 errdetail("Revision %s declares it.", dag->nodes[owner].id)));
	if (revdag_find(dag, label) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("branch label \"%s\" is the id of a revision", label)));
}

static bool
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
ids_eq(RevDag *dag, int *a, int na, List *names)
{
	ListCell   *lc;
	int			i = 0;

	if (na != list_length(names))
		return false;
	foreach(lc, names)
		if (!str_eq(dag->nodes[a[i++]].id, lfirst(lc)))
			return false;
	return true;
}

/* ----------------------------------------------------------------
 * migrate_revision(message text, autogenerate boolean DEFAULT true,
 *	 upgrade_sql text, downgrade_sql text, revision text, parents text[],
 *	 branch_label text, depends_on text[]) RETURNS text
 * ----------------------------------------------------------------
 */
Datum
migrate_revision(PG_FUNCTION_ARGS)
{
	char	   *message = pgm_text_arg(fcinfo, 0);
	bool		autogenerate = PG_ARGISNULL(1) ? true : PG_GETARG_BOOL(1);
	char	   *upgrade_sql = pgm_text_arg(fcinfo, 2);
	char	   *downgrade_sql = pgm_text_arg(fcinfo, 3);
	char	   *id = pgm_text_arg(fcinfo, 4);
	bool		parents_given = !PG_ARGISNULL(5);
	List	   *parent_names = opt_text_array(fcinfo, 5, "parents");
	char	   *label = pgm_text_arg(fcinfo, 6);
	List	   *dep_names = opt_text_array(fcinfo, 7, "depends_on");
	RevDag	   *dag;
	NewRevision nr;
	List	   *renames = NIL;
	int			existing;
	text	   *result;

	if (id)
		check_id(id, false);
	if (label)
		check_id(label, true);
	if (autogenerate && (upgrade_sql || downgrade_sql))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("upgrade_sql and downgrade_sql are written by autogenerate"),
				 errhint("Pass autogenerate => false to store hand-written SQL.")));

	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	dag = revdag_load(true);
	revdag_check_current();

	memset(&nr, 0, sizeof(nr));
	nr.message = message;
	nr.label = label;

	/* The same id again: a no-op when the content is the same. */
	existing = id ? revdag_find(dag, id) : -1;
	if (existing >= 0)
	{
		RevNode    *r = &dag->nodes[existing];
		List	   *diffs = NIL;

		if (!str_eq(r->message, message))
			diffs = lappend(diffs, "message");
		if (!autogenerate)
		{
			if (strcmp(r->upgrade_sql, upgrade_sql ? upgrade_sql : "") != 0)
				diffs = lappend(diffs, "upgrade_sql");
			if (strcmp(r->downgrade_sql, downgrade_sql ? downgrade_sql : "") != 0)
				diffs = lappend(diffs, "downgrade_sql");
		}
		if (parents_given && !ids_eq(dag, r->parents, r->nparents, parent_names))
			diffs = lappend(diffs, "parents");
		if (!str_eq(r->label, label))
			diffs = lappend(diffs, "branch_label");
		if (!ids_eq(dag, r->deps, r->ndeps, dep_names))
			diffs = lappend(diffs, "depends_on");
		if (diffs != NIL)
		{
			StringInfoData buf;
			ListCell   *lc;

			initStringInfo(&buf);
			foreach(lc, diffs)
				appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", (char *) lfirst(lc));
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_OBJECT),
					 errmsg("revision \"%s\" already exists with different content", id),
					 errdetail("These differ: %s.", buf.data),
					 errhint("Choose another id, or change the revision with migrate_edit() if it was never applied.")));
		}
		result = pgm_spi_text(id);
		SPI_finish();
		PG_RETURN_TEXT_P(result);
	}
	if (id && revdag_find_label(dag, id) >= 0)
		ereport(ERROR,
				(errcode(ERRCODE_DUPLICATE_OBJECT),
				 errmsg("revision id \"%s\" is the name of a branch label", id)));
	if (label)
		check_label(dag, label);

	/* Parents: as named, else the head. */
	if (parents_given)
		nr.parents = resolve_refs(dag, parent_names, id, "parents", &nr.nparents);
	else
	{
		ListCell   *lc;

		if (list_length(dag->heads) > 1)
		{
			Bitmapset  *h = NULL;

			foreach(lc, dag->heads)
				h = bms_add_member(h, lfirst_int(lc));
			ereport(ERROR,
					(errcode(ERRCODE_CARDINALITY_VIOLATION),
					 errmsg("there are %d heads: the parent of the new revision is ambiguous",
							list_length(dag->heads)),
					 errdetail("The heads are %s.", revdag_set_string(dag, h)),
					 errhint("Name the parents (parents => ARRAY[...]), or merge the heads first with migrate_merge().")));
		}
		nr.parents = palloc(sizeof(int));
		foreach(lc, dag->heads)
			nr.parents[nr.nparents++] = lfirst_int(lc);
	}
	nr.deps = resolve_refs(dag, dep_names, id, "depends_on", &nr.ndeps);

	if (autogenerate)
	{
		AutogenResult res;
		bool		generated;

		if (bms_num_members(dag->applied) != dag->n)
		{
			Bitmapset  *h = NULL;
			ListCell   *lc;

			foreach(lc, dag->heads)
				h = bms_add_member(h, lfirst_int(lc));
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("the database is not at the head revision: upgrade it first"),
					 errdetail("Applied: %s; heads: %s.",
							   bms_is_empty(dag->current) ? "none (base)" :
							   revdag_set_string(dag, dag->current),
							   revdag_set_string(dag, h)),
					 errhint("SELECT migrate_upgrade('heads'); then create the revision.")));
		}
		memset(&res, 0, sizeof(res));

		/*
		 * Read the model and the live schema as they are now: under READ
		 * COMMITTED the statement's snapshot predates the wait for the
		 * advisory lock, and so what the session that held it committed
		 * (a model set, an upgrade); the revision would be generated from
		 * the model before it.
		 */
		PushActiveSnapshot(GetTransactionSnapshot());
		generated = autogen_generate(&res);
		PopActiveSnapshot();
		if (!generated)
		{
			ereport(NOTICE,
					(errmsg("No changes in schema detected."),
					 errdetail("The live schema matches the model: no revision was created.")));
			SPI_finish();
			PG_RETURN_NULL();
		}
		nr.upgrade_sql = res.upgrade_sql;
		nr.downgrade_sql = res.downgrade_sql;
		nr.snapshot_hash = res.snapshot_hash;
		nr.observed_hazards = res.observed_hazards;
		nr.snapshot = res.snapshot;
		nr.autogenerated = true;
		renames = res.renames;
	}
	else
	{
		nr.upgrade_sql = upgrade_sql ? upgrade_sql : "";
		nr.downgrade_sql = downgrade_sql ? downgrade_sql : "";
	}

	nr.id = id ? id : new_revision_id(dag);
	insert_revision(dag, &nr);
	if (autogenerate && renames != NIL)
		rename_mark_written(pgm_ext_schema(), renames, nr.id);
	result = pgm_spi_text(nr.id);
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}

/* ----------------------------------------------------------------
 * migrate_edit, migrate_remove: only for revisions not applied
 * ----------------------------------------------------------------
 */
static int
unapplied_revision(RevDag *dag, const char *name, bool edit)
{
	int			idx = target_lookup(dag, name, false);

	if (bms_is_member(idx, dag->applied))
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 edit ?
				 errmsg("revision \"%s\" is applied: it cannot be edited", dag->nodes[idx].id) :
				 errmsg("revision \"%s\" is applied: it cannot be removed", dag->nodes[idx].id),
				 errdetail("The database is at %s.", revdag_set_string(dag, dag->current)),
				 errhint("Downgrade below it first (migrate_downgrade), or write a new revision.")));
	return idx;
}

/*
 * The common start of migrate_edit and migrate_remove: the revision named
 * by the first argument, under the advisory lock, in the DAG loaded (with
 * its SQL or not) inside the SPI connection this opens; it must not be
 * applied.
 */
static RevNode *
unapplied_argument(FunctionCallInfo fcinfo, bool with_sql, bool edit,
				   RevDag **dagp)
{
	char	   *name;
	RevDag	   *dag;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the revision must not be null")));
	name = text_to_cstring(PG_GETARG_TEXT_PP(0));

	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	dag = revdag_load(with_sql);
	revdag_check_current();
	*dagp = dag;
	return &dag->nodes[unapplied_revision(dag, name, edit)];
}

/*
 * migrate_edit(revision text, upgrade_sql, downgrade_sql, message): change
 * a revision that is not applied; NULL keeps a field (docs/revisions.md).
 */
Datum
migrate_edit(PG_FUNCTION_ARGS)
{
	char	   *upgrade_sql = pgm_text_arg(fcinfo, 1);
	char	   *downgrade_sql = pgm_text_arg(fcinfo, 2);
	char	   *message = pgm_text_arg(fcinfo, 3);
	RevDag	   *dag;
	RevNode    *r;
	Oid			types[5] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Datum		values[5];
	char		nulls[5] = {' ', ' ', ' ', ' ', ' '};
	int			ret;

	r = unapplied_argument(fcinfo, true, true, &dag);

	if (upgrade_sql == NULL)
		upgrade_sql = r->upgrade_sql;
	if (downgrade_sql == NULL)
		downgrade_sql = r->downgrade_sql;
	if (message == NULL)
		message = r->message;

	values[0] = CStringGetTextDatum(r->id);
	values[1] = CStringGetTextDatum(upgrade_sql);
	values[2] = CStringGetTextDatum(downgrade_sql);
	if (message)
		values[3] = CStringGetTextDatum(message);
	else
		nulls[3] = 'n';
	values[4] = CStringGetTextDatum(revision_checksum(upgrade_sql, downgrade_sql));

	/*
	 * SQL changed by hand is no longer what autogenerate checked: the
	 * snapshot it recorded may no longer be where the upgrade leads.
	 */
	ret = SPI_execute_with_args(psprintf("UPDATE %s.migrate_revisions"
										 " SET upgrade_sql = $2, downgrade_sql = $3, message = $4,"
										 "     checksum = $5,"
										 "     autogenerated = autogenerated AND checksum OPERATOR(pg_catalog.=) $5,"
										 "     snapshot_hash = CASE WHEN upgrade_sql OPERATOR(pg_catalog.=) $2"
										 "                     THEN snapshot_hash END,"
										 "     snapshot = CASE WHEN upgrade_sql OPERATOR(pg_catalog.=) $2"
										 "                THEN snapshot END,"
										 "     observed_hazards = CASE WHEN upgrade_sql OPERATOR(pg_catalog.=) $2"
										 "                        THEN observed_hazards END"
										 " WHERE revision OPERATOR(pg_catalog.=) $1",
										 pgm_ext_schema()),
								5, types, values, nulls, false, 0);
	if (ret != SPI_OK_UPDATE || SPI_processed != 1)
		elog(ERROR, "updating revision %s failed: %s", r->id,
			 ret == SPI_OK_UPDATE ? "not one row" : SPI_result_code_string(ret));
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * migrate_remove(revision text): delete a revision that is not applied and
 * that no other revision names as parent or dependency.
 */
Datum
migrate_remove(PG_FUNCTION_ARGS)
{
	RevDag	   *dag;
	RevNode    *r;
	Oid			types[1] = {TEXTOID};
	Datum		values[1];
	int			ret;

	r = unapplied_argument(fcinfo, false, false, &dag);

	for (int i = 0; i < dag->n; i++)
	{
		RevNode    *c = &dag->nodes[i];

		for (int k = 0; k < c->nparents + c->ndeps; k++)
		{
			int			p = k < c->nparents ? c->parents[k] : c->deps[k - c->nparents];

			if (p == r->idx)
				ereport(ERROR,
						(errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
						 k < c->nparents ?
						 errmsg("revision \"%s\" cannot be removed: revision \"%s\" is a child of it",
								r->id, c->id) :
						 errmsg("revision \"%s\" cannot be removed: revision \"%s\" depends on it",
								r->id, c->id),
						 errhint("Remove the revisions above it first.")));
		}
	}

	values[0] = CStringGetTextDatum(r->id);
	ret = SPI_execute_with_args(psprintf("DELETE FROM %s.migrate_revisions"
										 " WHERE revision OPERATOR(pg_catalog.=) $1",
										 pgm_ext_schema()),
								1, types, values, NULL, false, 0);
	if (ret != SPI_OK_DELETE || SPI_processed != 1)
		elog(ERROR, "removing revision %s failed: %s", r->id,
			 ret == SPI_OK_DELETE ? "not one row" : SPI_result_code_string(ret));
	SPI_finish();
	PG_RETURN_VOID();
}

/* ----------------------------------------------------------------
 * migrate_merge(message text, revisions text[] DEFAULT NULL) RETURNS text
 * ----------------------------------------------------------------
 */
Datum
migrate_merge(PG_FUNCTION_ARGS)
{
	char	   *message = pgm_text_arg(fcinfo, 0);
	List	   *names = opt_text_array(fcinfo, 1, "revisions");
	RevDag	   *dag;
	NewRevision nr;
	text	   *result;

	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	dag = revdag_load(false);
	revdag_check_current();

	memset(&nr, 0, sizeof(nr));
	nr.message = message;
	if (PG_ARGISNULL(1))
	{
		/* every head that another does not already include (depends_on) */
		Bitmapset  *heads = NULL;
		ListCell   *lc;

		foreach(lc, dag->heads)
			heads = bms_add_member(heads, lfirst_int(lc));
		heads = revdag_normalize_heads(dag, heads);
		nr.parents = palloc(sizeof(int) * (list_length(dag->heads) + 1));
		foreach(lc, revdag_set_topo(dag, heads))
			nr.parents[nr.nparents++] = lfirst_int(lc);
	}
	else
		nr.parents = resolve_refs(dag, names, NULL, "revisions", &nr.nparents);
	if (nr.nparents < 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a merge needs at least two revisions, not %d", nr.nparents),
				 PG_ARGISNULL(1) ?
				 errdetail("There %s %d head%s.", list_length(dag->heads) == 1 ? "is" : "are",
						   list_length(dag->heads), list_length(dag->heads) == 1 ? "" : "s") : 0));
	nr.upgrade_sql = "";
	nr.downgrade_sql = "";
	nr.id = new_revision_id(dag);
	insert_revision(dag, &nr);
	result = pgm_spi_text(nr.id);
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}

/* ----------------------------------------------------------------
 * migrate_export() RETURNS text
 * ----------------------------------------------------------------
 */
static void
append_ids(StringInfo buf, RevDag *dag, int *idx, int n)
{
	if (n == 0)
	{
		appendStringInfoString(buf, "'{}'::pg_catalog.text[]");
		return;
	}
	appendStringInfoString(buf, "ARRAY[");
	for (int i = 0; i < n; i++)
		appendStringInfo(buf, "%s%s", i ? ", " : "", quote_literal_cstr(dag->nodes[idx[i]].id));
	appendStringInfoString(buf, "]::pg_catalog.text[]");
}

/*
 * migrate_export() RETURNS text: every revision as one psql script that
 * recreates them elsewhere, in topological order (docs/revisions.md), each
 * marked online or as written as it is here.  A revision without a mark
 * gets none from the script (and so the replaying session's
 * pg_migrate.online_default, as any new revision): the script of a
 * history without marks stays as it was before marks existed.
 */
Datum
migrate_export(PG_FUNCTION_ARGS)
{
	RevDag	   *dag;
	StringInfoData buf;
	text	   *result;
	const char *s;
	char	   *marks;

	s = pgm_ext_schema();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	dag = revdag_load(true);
	marks = revdag_online_marks(dag);

	initStringInfo(&buf);
	appendStringInfo(&buf,
					 "-- pg_migrate: %d revision%s, parents first.\n"
					 "-- Replays on a fresh install; a revision that exists with the same content is left as it is,\n"
					 "-- one that exists with other content is an error.\n",
					 dag->n, dag->n == 1 ? "" : "s");
	for (int t = 0; t < dag->n; t++)
	{
		RevNode    *r = &dag->nodes[dag->topo[t]];

		appendStringInfo(&buf, "\nSELECT %s.migrate_revision(\n", s);
		appendStringInfo(&buf, "    message => %s,\n",
						 r->message ? quote_literal_cstr(r->message) : "NULL");
		appendStringInfoString(&buf, "    autogenerate => false,\n");
		appendStringInfo(&buf, "    upgrade_sql => %s,\n", quote_literal_cstr(r->upgrade_sql));
		appendStringInfo(&buf, "    downgrade_sql => %s,\n", quote_literal_cstr(r->downgrade_sql));
		appendStringInfo(&buf, "    revision => %s,\n", quote_literal_cstr(r->id));
		appendStringInfoString(&buf, "    parents => ");
		append_ids(&buf, dag, r->parents, r->nparents);
		appendStringInfo(&buf, ",\n    branch_label => %s,\n",
						 r->label ? quote_literal_cstr(r->label) : "NULL");
		appendStringInfoString(&buf, "    depends_on => ");
		append_ids(&buf, dag, r->deps, r->ndeps);
		appendStringInfoString(&buf, ");\n");
		if (marks[r->idx] != ' ')
			appendStringInfo(&buf, "SELECT %s.migrate_revision_online(%s, %s);\n",
							 s, quote_literal_cstr(r->id), marks[r->idx] == 't' ? "true" : "false");
	}
	result = pgm_spi_text(buf.data);
	SPI_finish();
	PG_RETURN_TEXT_P(result);
}
