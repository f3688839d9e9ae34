/*-------------------------------------------------------------------------
 *
 * plan.c
 *	  The plan of the mapped views of one schema: its tables as the
 *	  catalogs of the physical schema have them, each relationship's join,
 *	  and the rule that says which rows embed which (SQLAlchemy's joined loader).
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

/*
 * The table schema.name as the catalogs have it now: a table of the
 * planned schema is read in the physical schema (the schema itself, or
 * its shadow), one of another schema where it is.
 */
static MTable *
plan_table(MPlan *plan, const char *schema, const char *name, MappedProp *for_prop)
{
	ListCell   *lc;
	MTable	   *t;
	Oid			nsp;
	Oid			physnsp;
	Relation	rel;
	TupleDesc	desc;
	List	   *fklist;
	Oid			pkidx;

	foreach(lc, plan->all)
	{
		t = lfirst(lc);
		if (strcmp(t->name, name) == 0 && strcmp(t->schema, schema) == 0)
			return t;
	}

	t = palloc0(sizeof(MTable));
	t->schema = pstrdup(schema);
	t->physical = pstrdup(strcmp(schema, plan->schema) == 0 ? plan->physical : schema);
	t->name = pstrdup(name);
	nsp = get_namespace_oid(t->physical, true);
	t->relid = OidIsValid(nsp) ? get_relname_relid(name, nsp) : InvalidOid;
	if (!OidIsValid(t->relid) ||
		(get_rel_relkind(t->relid) != RELKIND_RELATION &&
		 get_rel_relkind(t->relid) != RELKIND_PARTITIONED_TABLE))
	{
		if (for_prop != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("property \"%s\" of %s.%s names table %s.%s, which does not exist",
							for_prop->name, quote_identifier(plan->schema),
							quote_identifier(for_prop->table), quote_identifier(schema),
							quote_identifier(name)),
					 errhint("Drop the property with migrate_property_drop() or keep the table.")));
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.%s has properties but does not exist",
						quote_identifier(plan->schema), quote_identifier(name)),
				 errhint("Drop its properties with migrate_property_drop() or keep the table.")));
	}
	physnsp = get_namespace_oid(plan->physical, false);

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
		Oid			tonsp = get_rel_namespace(fk->confrelid);
		MFKey	   *k;

		k = palloc0(sizeof(MFKey));
		k->name = get_constraint_name(fk->conoid);
		k->from_schema = t->schema;
		k->from = t->name;
		/* the shadow stands for the planned schema */
		k->to_schema = tonsp == physnsp ? pstrdup(plan->schema) : get_namespace_name(tonsp);
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

		if (strcmp(k->to, to->name) == 0 && strcmp(k->to_schema, to->schema) == 0)
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

/* A relationship of a table to itself cannot name both sides by name. */
static void
refuse_self_join_text(MappedProp *p)
{
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("relationship %s: primaryjoin and secondaryjoin are not supported on a table related to itself",
					mapped_prop_label(p)),
			 errdetail("Both sides of the join would have the table's name."),
			 errhint("Join it by a foreign key (foreign_key => '<constraint name>').")));
}

static MJoin *
resolve_join(MPlan *plan, MTable *from, MappedProp *p)
{
	MJoin	   *j = palloc0(sizeof(MJoin));
	List	   *cand;

	j->prop = p;
	j->from = from;
	j->to = plan_table(plan, p->target_schema, p->target_table, p);
	if ((p->primaryjoin != NULL || p->secondaryjoin != NULL) && from == j->to)
		refuse_self_join_text(p);
	if (p->secondary != NULL)
	{
		List	   *to_from;
		List	   *to_to;

		j->sec = plan_table(plan, p->secondary_schema, p->secondary, p);
		if ((p->primaryjoin != NULL || p->secondaryjoin != NULL) &&
			(j->sec == from || j->sec == j->to))
			refuse_self_join_text(p);
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
			if (p->primaryjoin == NULL)
			{
				cand = keys_named(to_from, p->foreign_key);
				if (list_length(cand) != 1)
					join_refused(p, from, j->to, cand, j->sec);
				j->sec_from = linitial(cand);
			}
			if (p->secondaryjoin == NULL)
			{
				if (list_length(to_to) != 1)
					join_refused(p, j->to, from, to_to, j->sec);
				j->sec_to = linitial(to_to);
			}
		}
		j->uselist = p->uselist != 0;
		return j;
	}

	/* Keys of the target to the relation (one-to-many), then back. */
	cand = keys_between(j->to, from);
	if (from != j->to)
		cand = list_concat(cand, keys_between(from, j->to));
	cand = keys_named(cand, p->foreign_key);
	if (p->primaryjoin != NULL)
	{
		ListCell   *lc;
		int			n_m2o = 0;

		/*
		 * The join is the expression; a foreign key between the tables (or
		 * uselist) only gives the direction, as SQLAlchemy's foreign_keys=
		 * does.
		 */
		foreach(lc, cand)
			if (strcmp(((MFKey *) lfirst(lc))->from, from->name) == 0 &&
				strcmp(((MFKey *) lfirst(lc))->from_schema, from->schema) == 0)
				n_m2o++;
		if (p->uselist >= 0)
			j->many_to_one = p->uselist == 0;
		else if (cand != NIL && (n_m2o == 0 || n_m2o == list_length(cand)))
			j->many_to_one = n_m2o > 0;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_FOREIGN_KEY),
					 errmsg("relationship %s: the direction of its primaryjoin is unknown",
							mapped_prop_label(p)),
					 cand == NIL ?
					 errdetail("No foreign key joins %s and %s.", quote_identifier(from->name),
							   quote_identifier(j->to->name)) :
					 errdetail("Foreign keys join %s and %s both ways: %s.",
							   quote_identifier(from->name), quote_identifier(j->to->name),
							   fk_names(cand)),
					 errhint("Say uselist => true for one-to-many, false for many-to-one, or name a key with foreign_key => '<constraint name>'.")));
		j->uselist = p->uselist >= 0 ? p->uselist == 1 : !j->many_to_one;
		return j;
	}
	if (list_length(cand) != 1)
		join_refused(p, from, j->to, cand, NULL);
	j->fk = linitial(cand);
	j->many_to_one = from != j->to && strcmp(j->fk->from, from->name) == 0 &&
		strcmp(j->fk->from_schema, from->schema) == 0;
	j->uselist = p->uselist >= 0 ? p->uselist == 1 : !j->many_to_one;
	j->unique = j->many_to_one;
	return j;
}

/* ----------------------------------------------------------------
 * Planning: views and joins
 * ----------------------------------------------------------------
 */

/* The resolved join of relationship p (NULL if p is not one of the plan). */
MJoin *
mapped_join_of(MPlan *plan, MappedProp *p)
{
	ListCell   *lc;

	foreach(lc, plan->joins)
		if (((MJoin *) lfirst(lc))->prop == p)
			return lfirst(lc);
	return NULL;
}

/*
 * Whether the rows embedded through j, at the end of path (the tables from
 * the view's own table to j->from), carry j's related rows: as SQLAlchemy's
 * joined loader decides, not when j leads back to a table already on the
 * path; with join_depth, as long as the path, j included, has at most
 * join_depth relationships.
 */
bool
mapped_join_follows(MJoin *j, List *path)
{
	if (j->prop->join_depth > 0)
		return list_length(path) <= j->prop->join_depth;
	return !list_member_ptr(path, j->to);
}

/*
 * Whether a relationship is loaded by a function of the view's row:
 * lazy => 'select' and 'raise', and an eager relationship that its own
 * view does not follow (a table related to itself without join_depth, which
 * SQLAlchemy leaves to be loaded lazily).
 */
bool
mapped_join_loads_lazily(MJoin *j)
{
	LoadStrategy s = j->prop->lazy;

	if (s == LOAD_SELECT || s == LOAD_RAISE)
		return true;
	if (s == LOAD_NOLOAD)
		return false;
	return j->prop->join_depth == 0 && j->to == j->from;
}

/*
 * The plan of the properties props of schema, on the catalogs of the
 * physical schema: the tables that get a view, their properties by name,
 * every relationship's join.  With skip_missing, the properties of tables
 * that no longer exist are left out.  Palloc'd in the current context.
 */
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
		MTable	   *t = plan_table(plan, schema, p->table, NULL);

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
								  resolve_join(plan, plan_table(plan, schema, p->table, NULL), p));
	}
	return plan;
}

/* A name of the planned schema, qualified by where it is now (palloc'd). */
char *
mapped_qualified(MPlan *plan, const char *name)
{
	return psprintf("%s.%s", quote_identifier(plan->physical), quote_identifier(name));
}

/* The table, qualified by where it is read now. */
char *
mapped_table_name(MTable *t)
{
	return psprintf("%s.%s", quote_identifier(t->physical), quote_identifier(t->name));
}

/*
 * Record that bytes start..end of a statement are property p's text (what:
 * "expression", "primaryjoin", "secondaryjoin"; NULL: generated for it).
 */
List *
mapped_add_span(List *spans, MappedProp *p, int start, int end, const char *what)
{
	Span	   *s = palloc(sizeof(Span));

	s->prop = p;
	s->start = start;
	s->end = end;
	s->what = what;
	return lappend(spans, s);
}
