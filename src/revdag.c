/*-------------------------------------------------------------------------
 *
 * revdag.c
 *	  The revision DAG in memory: loaded from migrate_revisions and
 *	  migrate_version, with topological order, ancestry, heads and branch
 *	  labels (docs/revisions.md).
 *
 *-------------------------------------------------------------------------
 */
#include "revdag.h"
#include "util.h"

#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "access/xact.h"
#include "executor/spi.h"
#include "lib/binaryheap.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

/* ----------------------------------------------------------------
 * Loading
 * ----------------------------------------------------------------
 */
static RevDag *sort_dag;		/* for the qsort comparator */

static int
cmp_by_id(const void *a, const void *b)
{
	return strcmp(sort_dag->nodes[*(const int *) a].id,
				  sort_dag->nodes[*(const int *) b].id);
}

/* The index of the revision with exactly that id (no prefix), or -1. */
int
revdag_find(RevDag *dag, const char *id)
{
	int			lo = 0,
				hi = dag->n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strcmp(dag->nodes[dag->sorted[mid]].id, id);

		if (c == 0)
			return dag->sorted[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* The index of the revision that declares a branch label, or -1. */
int
revdag_find_label(RevDag *dag, const char *label)
{
	for (int i = 0; i < dag->n; i++)
		if (dag->nodes[i].label && strcmp(dag->nodes[i].label, label) == 0)
			return i;
	return -1;
}

static char **
text_array_items(Datum d, bool isnull, int *n)
{
	Datum	   *elems;
	bool	   *nulls;
	char	  **out;

	*n = 0;
	if (isnull)
		return NULL;
	deconstruct_array(DatumGetArrayTypeP(d), TEXTOID, -1, false, TYPALIGN_INT,
					  &elems, &nulls, n);
	out = palloc(sizeof(char *) * (*n + 1));
	for (int i = 0; i < *n; i++)
		out[i] = nulls[i] ? NULL : TextDatumGetCString(elems[i]);
	return out;
}

/* A text column of an SPI result row, NULL for SQL NULL. */
char *
revdag_text_col(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

static int *
resolve_ids(RevDag *dag, RevNode *node, char **ids, int n, const char *what)
{
	int		   *out = palloc(sizeof(int) * (n + 1));

	for (int i = 0; i < n; i++)
	{
		out[i] = ids[i] ? revdag_find(dag, ids[i]) : -1;
		if (out[i] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_CORRUPTED),
					 errmsg("revision \"%s\" names unknown %s \"%s\"",
							node->id, what, ids[i] ? ids[i] : "NULL"),
					 errdetail("migrate_revisions was changed by hand.")));
	}
	return out;
}

/* binaryheap comparator: smaller load index first (a max-heap, inverted) */
static int
heap_cmp(Datum a, Datum b, void *arg)
{
	int			ia = DatumGetInt32(a);
	int			ib = DatumGetInt32(b);

	return (ia < ib) ? 1 : (ia > ib) ? -1 : 0;
}

/* Kahn's algorithm over parents and depends_on, ties in load order. */
static void
topo_sort(RevDag *dag)
{
	int		   *indeg = palloc0(sizeof(int) * (dag->n + 1));
	int		   *nnext = palloc0(sizeof(int) * (dag->n + 1));
	int		  **next = palloc0(sizeof(int *) * (dag->n + 1));
	binaryheap *heap = binaryheap_allocate(Max(dag->n, 1), heap_cmp, NULL);
	int			done = 0;

	for (int i = 0; i < dag->n; i++)
	{
		RevNode    *r = &dag->nodes[i];

		indeg[i] = r->nparents + r->ndeps;
		for (int k = 0; k < r->nparents; k++)
			nnext[r->parents[k]]++;
		for (int k = 0; k < r->ndeps; k++)
			nnext[r->deps[k]]++;
	}
	for (int i = 0; i < dag->n; i++)
	{
		next[i] = palloc(sizeof(int) * (nnext[i] + 1));
		nnext[i] = 0;
	}
	for (int i = 0; i < dag->n; i++)
	{
		RevNode    *r = &dag->nodes[i];

		for (int k = 0; k < r->nparents; k++)
			next[r->parents[k]][nnext[r->parents[k]]++] = i;
		for (int k = 0; k < r->ndeps; k++)
			next[r->deps[k]][nnext[r->deps[k]]++] = i;
	}
	for (int i = 0; i < dag->n; i++)
		if (indeg[i] == 0)
			binaryheap_add(heap, Int32GetDatum(i));
	while (!binaryheap_empty(heap))
	{
		int			i = DatumGetInt32(binaryheap_remove_first(heap));

		dag->topo[done++] = i;
		for (int k = 0; k < nnext[i]; k++)
			if (--indeg[next[i][k]] == 0)
				binaryheap_add(heap, Int32GetDatum(next[i][k]));
	}
	if (done < dag->n)
	{
		for (int i = 0; i < dag->n; i++)
			if (indeg[i] > 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
						 errmsg("the revisions form a cycle through revision \"%s\"",
								dag->nodes[i].id),
						 errdetail("migrate_revisions was changed by hand.")));
	}
}

static void
add_label(RevNode *node, char *label)
{
	if (!revdag_has_label(node, label))
		node->labels = lappend(node->labels, label);
}

/*
 * Branch labels, as Alembic spreads them: a label applies to the revision
 * that declares it, to all its descendants (over parents), and to its
 * ancestors up to the nearest branch point or merge.
 */
static void
spread_labels(RevDag *dag)
{
	int		   *stack = palloc(sizeof(int) * (dag->n + 1));

	for (int i = 0; i < dag->n; i++)
	{
		RevNode    *own = &dag->nodes[i];
		Bitmapset  *seen = NULL;
		int			top = 0;
		RevNode    *p;

		if (own->label == NULL)
			continue;
		stack[top++] = i;
		seen = bms_add_member(seen, i);
		while (top > 0)
		{
			RevNode    *r = &dag->nodes[stack[--top]];

			add_label(r, own->label);
			for (int k = 0; k < r->nchildren; k++)
				if (!bms_is_member(r->children[k], seen))
				{
					seen = bms_add_member(seen, r->children[k]);
					stack[top++] = r->children[k];
				}
		}
		bms_free(seen);
		for (p = own; p->nchildren <= 1 && p->nparents <= 1;)
		{
			add_label(p, own->label);
			if (p->nparents == 0)
				break;
			p = &dag->nodes[p->parents[0]];
		}
	}
	pfree(stack);
}

/*
 * Every revision of migrate_revisions (with their SQL when with_sql) and
 * the rows of migrate_version, as a DAG in the caller's current memory
 * context (current again on return, not SPI's own): parents, children,
 * ancestors, topological order, heads, what is applied.  Needs SPI (SPI_connect() done by the caller).  An ERROR when
 * the rows do not form a DAG (a cycle, an unknown parent).
 */
RevDag *
revdag_load(bool with_sql)
{
	MemoryContext cxt = CurrentMemoryContext;
	RevDag	   *dag = palloc0(sizeof(RevDag));
	char	   *sql;
	char	 ***parent_ids;
	char	 ***dep_ids;
	int		   *nchild;
	int			ret;

	sql = psprintf("SELECT revision, parents, depends_on, branch_labels, message,"
				   " %s, checksum, autogenerated, snapshot_hash, created_at, created_by"
				   " FROM %s.migrate_revisions"
				   " ORDER BY created_at, revision COLLATE \"C\"",
				   with_sql ? "upgrade_sql, downgrade_sql" : "NULL::text, NULL::text",
				   pgm_ext_schema());
	ret = SPI_execute(sql, false, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading migrate_revisions");
	MemoryContextSwitchTo(cxt);	/* SPI returns in its own context */

	dag->n = (int) SPI_processed;
	dag->nodes = palloc0(sizeof(RevNode) * (dag->n + 1));
	dag->sorted = palloc(sizeof(int) * (dag->n + 1));
	dag->topo = palloc(sizeof(int) * (dag->n + 1));
	parent_ids = palloc(sizeof(char **) * (dag->n + 1));
	dep_ids = palloc(sizeof(char **) * (dag->n + 1));

	for (int i = 0; i < dag->n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		RevNode    *r = &dag->nodes[i];
		bool		isnull;
		Datum		d;
		char	  **labels;
		int			nlabels;

		r->idx = i;
		r->id = revdag_text_col(tup, desc, 1);
		d = SPI_getbinval(tup, desc, 2, &isnull);
		parent_ids[i] = text_array_items(d, isnull, &r->nparents);
		d = SPI_getbinval(tup, desc, 3, &isnull);
		dep_ids[i] = text_array_items(d, isnull, &r->ndeps);
		d = SPI_getbinval(tup, desc, 4, &isnull);
		labels = text_array_items(d, isnull, &nlabels);
		r->label = nlabels > 0 ? labels[0] : NULL;
		r->message = revdag_text_col(tup, desc, 5);
		r->upgrade_sql = revdag_text_col(tup, desc, 6);
		r->downgrade_sql = revdag_text_col(tup, desc, 7);
		r->checksum = revdag_text_col(tup, desc, 8);
		r->autogenerated = DatumGetBool(SPI_getbinval(tup, desc, 9, &isnull));
		r->snapshot_hash = revdag_text_col(tup, desc, 10);
		r->created_at = DatumGetTimestampTz(SPI_getbinval(tup, desc, 11, &isnull));
		d = SPI_getbinval(tup, desc, 12, &isnull);
		r->created_by = isnull ? NULL : pstrdup(NameStr(*DatumGetName(d)));
		dag->sorted[i] = i;
	}
	SPI_freetuptable(SPI_tuptable);

	sort_dag = dag;
	qsort(dag->sorted, dag->n, sizeof(int), cmp_by_id);
	sort_dag = NULL;

	nchild = palloc0(sizeof(int) * (dag->n + 1));
	for (int i = 0; i < dag->n; i++)
	{
		RevNode    *r = &dag->nodes[i];

		r->parents = resolve_ids(dag, r, parent_ids[i], r->nparents, "parent");
		r->deps = resolve_ids(dag, r, dep_ids[i], r->ndeps, "dependency");
		for (int k = 0; k < r->nparents; k++)
			nchild[r->parents[k]]++;
	}
	for (int i = 0; i < dag->n; i++)
		dag->nodes[i].children = palloc(sizeof(int) * (nchild[i] + 1));
	for (int i = 0; i < dag->n; i++)
	{
		RevNode    *r = &dag->nodes[i];

		for (int k = 0; k < r->nparents; k++)
		{
			RevNode    *p = &dag->nodes[r->parents[k]];

			p->children[p->nchildren++] = i;
		}
	}

	topo_sort(dag);

	/*
	 * Ancestry and the down revisions, parents first: parents and
	 * dependencies that are no ancestor of another of them.
	 */
	for (int t = 0; t < dag->n; t++)
	{
		RevNode    *r = &dag->nodes[dag->topo[t]];

		r->anc = bms_make_singleton(r->idx);
		for (int k = 0; k < r->nparents; k++)
			r->anc = bms_add_members(r->anc, dag->nodes[r->parents[k]].anc);
		for (int k = 0; k < r->ndeps; k++)
			r->anc = bms_add_members(r->anc, dag->nodes[r->deps[k]].anc);

		r->down = palloc(sizeof(int) * (r->nparents + r->ndeps + 1));
		for (int k = 0; k < r->nparents + r->ndeps; k++)
		{
			int			d = k < r->nparents ? r->parents[k] : r->deps[k - r->nparents];
			bool		implied = false;

			for (int j = 0; j < r->nparents + r->ndeps && !implied; j++)
			{
				int			x = j < r->nparents ? r->parents[j] : r->deps[j - r->nparents];

				if (x != d && bms_is_member(d, dag->nodes[x].anc))
					implied = true;
			}
			for (int j = 0; j < r->ndown && !implied; j++)
				if (r->down[j] == d)
					implied = true;
			if (!implied)
				r->down[r->ndown++] = d;
		}
	}

	for (int t = 0; t < dag->n; t++)
		if (dag->nodes[dag->topo[t]].nchildren == 0)
			dag->heads = lappend_int(dag->heads, dag->topo[t]);

	spread_labels(dag);

	/* The version table. */
	sql = psprintf("SELECT version_num FROM %s.migrate_version"
				   " ORDER BY version_num COLLATE \"C\"",
				   pgm_ext_schema());
	ret = SPI_execute(sql, false, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading migrate_version");
	MemoryContextSwitchTo(cxt);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		char	   *v = revdag_text_col(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		int			idx = revdag_find(dag, v);

		if (idx < 0)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("migrate_version names revision \"%s\", which migrate_revisions does not hold",
							v),
					 errhint("Set the version table with migrate_stamp() or create the revision.")));
		dag->current = bms_add_member(dag->current, idx);
	}
	SPI_freetuptable(SPI_tuptable);
	dag->applied = revdag_ancestors(dag, dag->current);
	return dag;
}

/* ----------------------------------------------------------------
 * Queries
 * ----------------------------------------------------------------
 */
Bitmapset *
revdag_ancestors(RevDag *dag, Bitmapset *set)
{
	Bitmapset  *out = NULL;
	int			i = -1;

	while ((i = bms_next_member(set, i)) >= 0)
		out = bms_add_members(out, dag->nodes[i].anc);
	return out;
}

/* Is revision ancestor an ancestor of rev, or rev itself? */
bool
revdag_is_ancestor(RevDag *dag, int ancestor, int rev)
{
	return bms_is_member(ancestor, dag->nodes[rev].anc);
}

/* Does a branch label apply to a revision (declared or inherited)? */
bool
revdag_has_label(RevNode *node, const char *label)
{
	return pgm_list_member_str(node->labels, label);
}

/* The members of set that are ancestors of no other member (a new set). */
Bitmapset *
revdag_normalize_heads(RevDag *dag, Bitmapset *set)
{
	Bitmapset  *out = NULL;
	int			i = -1;

	while ((i = bms_next_member(set, i)) >= 0)
	{
		int			j = -1;
		bool		below = false;

		while ((j = bms_next_member(set, j)) >= 0 && !below)
			if (j != i && revdag_is_ancestor(dag, i, j))
				below = true;
		if (!below)
			out = bms_add_member(out, i);
	}
	return out;
}

/* The members of a set in topological order (a new integer List). */
List *
revdag_set_topo(RevDag *dag, Bitmapset *set)
{
	List	   *out = NIL;

	if (bms_is_empty(set))
		return NIL;
	for (int t = 0; t < dag->n; t++)
		if (bms_is_member(dag->topo[t], set))
			out = lappend_int(out, dag->topo[t]);
	return out;
}

/* The ids of a set, comma-separated, in topological order (palloc'd). */
char *
revdag_set_string(RevDag *dag, Bitmapset *set)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, revdag_set_topo(dag, set))
	{
		if (buf.len > 0)
			appendStringInfoString(&buf, ", ");
		appendStringInfoString(&buf, dag->nodes[lfirst_int(lc)].id);
	}
	return buf.data;
}

/*
 * Under REPEATABLE READ or SERIALIZABLE, the transaction's snapshot may
 * predate the commit of a session that held the advisory lock before us:
 * the revisions and versions read would then be stale, and a step could
 * run twice.  Compare them with the latest committed state and fail as a
 * serialization failure when they differ (the caller retries).  Under
 * READ COMMITTED each query already sees the latest state.
 */
void
revdag_check_current(void)
{
	SPIPlanPtr	plan;
	char	   *sql;
	char	   *mine;
	char	   *latest;
	bool		isnull;
	int			ret;

	if (!IsolationUsesXactSnapshot())
		return;
	sql = psprintf("SELECT pg_catalog.md5(COALESCE((SELECT pg_catalog.string_agg(version_num, ',' ORDER BY version_num COLLATE \"C\")"
				   "                                FROM %s.migrate_version), '')"
				   " OPERATOR(pg_catalog.||) ';' OPERATOR(pg_catalog.||)"
				   " COALESCE((SELECT pg_catalog.string_agg(revision OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) checksum"
				   "                  OPERATOR(pg_catalog.||) ':' OPERATOR(pg_catalog.||) parents::pg_catalog.text,"
				   "                  ',' ORDER BY revision COLLATE \"C\")"
				   "            FROM %s.migrate_revisions), ''))",
				   pgm_ext_schema(), pgm_ext_schema());
	plan = SPI_prepare(sql, 0, NULL);
	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
	ret = SPI_execute_plan(plan, NULL, NULL, true, 1);
	pgm_spi_check_one(ret, SPI_OK_SELECT, "reading the state");
	mine = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	ret = SPI_execute_snapshot(plan, NULL, NULL, GetLatestSnapshot(), InvalidSnapshot,
							   true, false, 1);
	pgm_spi_check_one(ret, SPI_OK_SELECT, "reading the state");
	latest = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (strcmp(mine, latest) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
				 errmsg("could not serialize access: migrate_version or migrate_revisions was changed by a concurrent transaction"),
				 errdetail("This transaction's snapshot predates that change."),
				 errhint("Retry the transaction, or run it under READ COMMITTED.")));
}

/*
 * The marks of migrate_revisions.online by index: 't' (apply online), 'f'
 * (as written) or ' ' (none: as the call says).  An installation of 0.1,
 * which the library of 0.2 also serves, has no such column: no marks.
 */
char *
revdag_online_marks(RevDag *dag)
{
	char	   *marks = palloc(dag->n + 1);
	Oid			revs = get_relname_relid("migrate_revisions",
										 pgm_extension_schema(get_extension_oid("pg_migrate", false)));
	int			ret;

	memset(marks, ' ', dag->n);
	marks[dag->n] = '\0';
	if (get_attnum(revs, "online") == InvalidAttrNumber)
		return marks;
	ret = SPI_execute(psprintf("SELECT revision, online FROM %s.migrate_revisions"
							   " WHERE online IS NOT NULL", pgm_ext_schema()), true, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the online marks");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		int			idx = revdag_find(dag, SPI_getvalue(SPI_tuptable->vals[i],
														SPI_tuptable->tupdesc, 1));

		if (idx >= 0)
			marks[idx] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2)[0];
	}
	return marks;
}
