/*-------------------------------------------------------------------------
 *
 * plan.c
 *	  The plan of the mapped views of one schema: its tables as the
 *	  catalogs of the physical schema have them, each relationship's join,
 *	  and the order the views are created in.
 *
 * See docs/mapped-views.md; src/mapped/mapped_int.h lists the parts.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
#include "utils/regproc.h"
#include "access/genam.h"

#include "mapped_int.h"
#include "snapshot.h"


/* ----------------------------------------------------------------
 * The catalogs of the physical schema
 * ----------------------------------------------------------------
 */

static MTable *
plan_table(MPlan *plan, const char *name, MappedProp *for_prop)
{
	ListCell   *lc;
	MTable	   *t;
	Oid			nsp;
	Relation	rel;
	TupleDesc	desc;
	List	   *fklist;
	Oid			pkidx;

	foreach(lc, plan->all)
	{
		t = lfirst(lc);
		if (strcmp(t->name, name) == 0)
			return t;
	}

	nsp = get_namespace_oid(plan->physical, false);
	t = palloc0(sizeof(MTable));
	t->name = pstrdup(name);
	t->relid = get_relname_relid(name, nsp);
	if (!OidIsValid(t->relid) ||
		(get_rel_relkind(t->relid) != RELKIND_RELATION &&
		 get_rel_relkind(t->relid) != RELKIND_PARTITIONED_TABLE))
	{
		if (for_prop != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("property \"%s\" of %s.%s names table \"%s\", which does not exist",
							for_prop->name, quote_identifier(plan->schema),
							quote_identifier(for_prop->table), name),
					 errhint("Drop the property with migrate_property_drop() or keep the table.")));
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.%s has properties but does not exist",
						quote_identifier(plan->schema), quote_identifier(name)),
				 errhint("Drop its properties with migrate_property_drop() or keep the table.")));
	}

	rel = table_open(t->relid, AccessShareLock);
	desc = RelationGetDescr(rel);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (!att->attisdropped)
			t->columns = lappend(t->columns, pstrdup(NameStr(att->attname)));
	}
	pkidx = RelationGetPrimaryKeyIndex(rel);
	if (OidIsValid(pkidx))
	{
		Relation	idx = index_open(pkidx, AccessShareLock);

		for (int i = 0; i < idx->rd_index->indnkeyatts; i++)
			t->pkey = lappend(t->pkey,
							  get_attname(t->relid, idx->rd_index->indkey.values[i], false));
		index_close(idx, AccessShareLock);
	}
	fklist = RelationGetFKeyList(rel);
	foreach(lc, fklist)
	{
		ForeignKeyCacheInfo *fk = lfirst(lc);
		MFKey	   *k;

		if (get_rel_namespace(fk->confrelid) != nsp)
			continue;			/* relationships stay inside one schema */
		k = palloc0(sizeof(MFKey));
		k->name = get_constraint_name(fk->conoid);
		k->from = t->name;
		k->to = get_rel_name(fk->confrelid);
		for (int i = 0; i < fk->nkeys; i++)
		{
			k->from_cols = lappend(k->from_cols, get_attname(t->relid, fk->conkey[i], false));
			k->to_cols = lappend(k->to_cols, get_attname(fk->confrelid, fk->confkey[i], false));
		}
		t->fkeys = lappend(t->fkeys, k);
	}
	table_close(rel, AccessShareLock);
	plan->all = lappend(plan->all, t);
	return t;
}

/* "polls.voters" */
char *
mapped_prop_label(MappedProp *p)
{
	return psprintf("%s.%s", quote_identifier(p->table), quote_identifier(p->name));
}

static char *
fk_names(List *fks)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, fks)
		appendStringInfo(&buf, "%s%s", buf.len > 0 ? ", " : "",
						 quote_identifier(((MFKey *) lfirst(lc))->name));
	return buf.data;
}

/* The foreign keys of from that reference to, chosen by name if given. */
static List *
keys_between(MTable *from, MTable *to)
{
	List	   *out = NIL;
	ListCell   *lc;

	foreach(lc, from->fkeys)
	{
		MFKey	   *k = lfirst(lc);

		if (strcmp(k->to, to->name) == 0)
			out = lappend(out, k);
	}
	return out;
}

static List *
keys_named(List *fks, const char *name)
{
	List	   *out = NIL;
	ListCell   *lc;

	if (name == NULL)
		return fks;
	foreach(lc, fks)
		if (strcmp(((MFKey *) lfirst(lc))->name, name) == 0)
			out = lappend(out, lfirst(lc));
	return out;
}

static void
join_refused(MappedProp *p, MTable *a, MTable *b, List *candidates, MTable *sec)
{
	if (candidates == NIL && p->foreign_key != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("relationship %s: foreign key \"%s\" does not join %s and %s",
						mapped_prop_label(p), p->foreign_key, quote_identifier(a->name),
						quote_identifier(sec ? sec->name : b->name))));
	if (candidates == NIL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_FOREIGN_KEY),
				 errmsg("relationship %s: no foreign key joins %s and %s",
						mapped_prop_label(p), quote_identifier(a->name),
						quote_identifier(sec ? sec->name : b->name)),
				 sec ? errhint("The association table %s needs a foreign key to each side.",
							   quote_identifier(sec->name)) :
				 errhint("Add a foreign key between the tables, or name an association table with secondary => ...")));
	ereport(ERROR,
			(errcode(ERRCODE_AMBIGUOUS_PARAMETER),
			 errmsg("relationship %s: several foreign keys could join %s and %s: %s",
					mapped_prop_label(p), quote_identifier(a->name),
					quote_identifier(sec ? sec->name : b->name), fk_names(candidates)),
			 errhint("Choose one with foreign_key => '<constraint name>'.")));
}

static MJoin *
resolve_join(MPlan *plan, MTable *from, MappedProp *p)
{
	MJoin	   *j = palloc0(sizeof(MJoin));
	List	   *cand;

	j->prop = p;
	j->from = from;
	j->to = plan_table(plan, p->target_table, p);
	if (p->secondary != NULL)
	{
		List	   *to_from;
		List	   *to_to;

		j->sec = plan_table(plan, p->secondary, p);
		to_from = keys_between(j->sec, from);
		to_to = keys_between(j->sec, j->to);
		if (from == j->to)
		{
			/* Self-referential: foreign_key names the relation's side. */
			if (list_length(to_from) != 2)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_FOREIGN_KEY),
						 errmsg("relationship %s: association table %s needs two foreign keys to %s, it has %d",
								mapped_prop_label(p), quote_identifier(j->sec->name),
								quote_identifier(from->name), list_length(to_from))));
			cand = keys_named(to_from, p->foreign_key);
			if (list_length(cand) != 1)
				join_refused(p, from, j->to, cand, j->sec);
			j->sec_from = linitial(cand);
			j->sec_to = linitial(to_from) == j->sec_from ? lsecond(to_from) : linitial(to_from);
		}
		else
		{
			cand = keys_named(to_from, p->foreign_key);
			if (list_length(cand) != 1)
				join_refused(p, from, j->to, cand, j->sec);
			j->sec_from = linitial(cand);
			if (list_length(to_to) != 1)
				join_refused(p, j->to, from, to_to, j->sec);
			j->sec_to = linitial(to_to);
		}
		j->uselist = p->uselist != 0;
		return j;
	}

	/* Keys of the target to the relation (one-to-many), then back. */
	cand = keys_between(j->to, from);
	if (from != j->to)
		cand = list_concat(cand, keys_between(from, j->to));
	cand = keys_named(cand, p->foreign_key);
	if (list_length(cand) != 1)
		join_refused(p, from, j->to, cand, NULL);
	j->fk = linitial(cand);
	j->many_to_one = from != j->to && strcmp(j->fk->from, from->name) == 0;
	j->uselist = p->uselist >= 0 ? p->uselist == 1 : !j->many_to_one;
	return j;
}

/* ----------------------------------------------------------------
 * Planning: views, joins, order
 * ----------------------------------------------------------------
 */

MJoin *
mapped_join_of(MPlan *plan, MappedProp *p)
{
	ListCell   *lc;

	foreach(lc, plan->joins)
		if (((MJoin *) lfirst(lc))->prop == p)
			return lfirst(lc);
	return NULL;
}

/* Depth-first: a view comes after the views whose rows it embeds. */
static void
order_view(MPlan *plan, MTable *t, List *path)
{
	ListCell   *lc;

	if (t->visit == 2)
		return;
	if (t->visit == 1)
	{
		/* The path from t's own relationship round to t again. */
		StringInfoData cyc;
		bool		on = false;
		char	   *first = NULL;

		initStringInfo(&cyc);
		foreach(lc, path)
		{
			MJoin	   *j = lfirst(lc);

			if (j->from == t && !on)
			{
				on = true;
				first = mapped_prop_label(j->prop);
			}
			if (on)
				appendStringInfo(&cyc, "%s -> ", mapped_prop_label(j->prop));
		}
		appendStringInfoString(&cyc, first);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_RECURSION),
				 errmsg("eager relationships form a cycle: %s", cyc.data),
				 errdetail("Each mapped view of the cycle would embed the rows of the next one."),
				 errhint("Load one of them lazily (lazy => 'select').")));
	}
	t->visit = 1;
	foreach(lc, t->props)
	{
		MappedProp *p = lfirst(lc);
		MJoin	   *j;

		if (p->kind != PROP_RELATIONSHIP || !mapped_strategy_is_eager(p->lazy))
			continue;
		j = mapped_join_of(plan, p);
		if (j->to->view != NULL)
			order_view(plan, j->to, lappend(list_copy(path), j));
	}
	t->visit = 2;
	plan->order = lappend(plan->order, t);
}

MPlan *
mapped_make_plan(const char *schema, const char *physical, List *props, bool skip_missing)
{
	MPlan	   *plan = palloc0(sizeof(MPlan));
	ListCell   *lc;
	List	   *kept = NIL;

	plan->schema = schema;
	plan->physical = physical;

	/*
	 * Properties of a table that no longer exists are left out when asked
	 * (a drop), so that they can be dropped one by one.
	 */
	foreach(lc, props)
	{
		MappedProp *p = lfirst(lc);

		if (skip_missing &&
			!OidIsValid(get_relname_relid(p->table, get_namespace_oid(physical, false))))
			continue;
		kept = lappend(kept, p);
	}
	props = kept;

	/* Tables with a view, and their properties. */
	foreach(lc, props)
	{
		MappedProp *p = lfirst(lc);
		MTable	   *t = plan_table(plan, p->table, NULL);

		if (t->view == NULL)
		{
			t->view = mapped_view_name(props, t->name);
			plan->tables = lappend(plan->tables, t);
		}
		if (p->kind != PROP_MAP)
			t->props = lappend(t->props, p);
	}

	/* Joins. */
	foreach(lc, props)
	{
		MappedProp *p = lfirst(lc);

		if (p->kind == PROP_RELATIONSHIP)
			plan->joins = lappend(plan->joins,
								  resolve_join(plan, plan_table(plan, p->table, NULL), p));
	}

	foreach(lc, plan->tables)
		order_view(plan, lfirst(lc), NIL);
	return plan;
}
