/*-------------------------------------------------------------------------
 *
 * mapped_view.c
 *	  The DDL of mapped views and of their functions, generated from the
 *	  properties of a schema (docs/mapped-views.md).
 *
 * The properties of one schema are planned together: each table with a
 * property gets a view (its columns, then its column properties and eager
 * relationships in name order), the views are ordered so that a view that
 * embeds the rows of another comes after it (a cycle is an error), and the
 * lazy relationships and deferred column properties become functions of
 * the view's row type.  The plan is built on the catalogs of a "physical"
 * schema: the schema itself when its properties are applied to the live
 * database, or a shadow schema that holds the objects of its model while
 * migrate_model() adds the generated objects to the model document.
 *
 * Every statement is run as generated; an error is reported with the name
 * of the property (and the position in its expression) that caused it.
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

#include "mapped.h"
#include "snapshot.h"

/* A foreign key, by column names. */
typedef struct MFKey
{
	char	   *name;
	char	   *from;			/* referencing table */
	char	   *to;				/* referenced table */
	List	   *from_cols;		/* of char * */
	List	   *to_cols;
} MFKey;

/* A table of the physical schema, and its mapped view if it gets one. */
typedef struct MTable
{
	char	   *name;
	Oid			relid;
	List	   *columns;		/* of char *, in order */
	List	   *pkey;			/* of char * */
	List	   *fkeys;			/* of MFKey *: those of this table */
	char	   *view;			/* NULL: no property, no view */
	List	   *props;			/* of MappedProp *, by name */
	int			visit;			/* 0 new, 1 on the path, 2 done */
} MTable;

/* A relationship, its join resolved. */
typedef struct MJoin
{
	MappedProp *prop;
	MTable	   *from;
	MTable	   *to;
	MTable	   *sec;			/* association table, or NULL */
	MFKey	   *fk;				/* no association table: the key */
	bool		many_to_one;
	MFKey	   *sec_from;		/* sec -> from */
	MFKey	   *sec_to;			/* sec -> to */
	bool		uselist;
} MJoin;

typedef struct MPlan
{
	const char *schema;			/* the real schema */
	const char *physical;		/* where the tables are now */
	List	   *tables;			/* of MTable *, those with a view */
	List	   *all;			/* of MTable *, every one looked at */
	List	   *joins;			/* of MJoin * */
	List	   *order;			/* of MTable *: views in creation order */
} MPlan;

static const char *const strategy_names[] = {
	"select", "joined", "selectin", "subquery", "raise", "noload"
};

/* The name of a loading strategy, as migrate_relationship() takes it. */
const char *
mapped_strategy_name(LoadStrategy s)
{
	return strategy_names[s];
}

/* Does the strategy load the related rows with the view's own rows? */
bool
mapped_strategy_is_eager(LoadStrategy s)
{
	return s == LOAD_JOINED || s == LOAD_SELECTIN || s == LOAD_SUBQUERY;
}

static LoadStrategy
strategy_from_name(const char *name)
{
	for (int i = 0; i < lengthof(strategy_names); i++)
		if (strcmp(name, strategy_names[i]) == 0)
			return (LoadStrategy) i;
	elog(ERROR, "unknown loading strategy \"%s\" stored", name);
	return LOAD_SELECT;			/* keep the compiler quiet */
}

static void
spi_check(int ret, int expect, const char *what)
{
	pgm_spi_check(ret, expect, what);
}

static char *
spi_text(int row, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
								  col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/* Has the schema (unquoted) a stored model?  Needs SPI. */
bool
mapped_schema_has_model(const char *schema)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(schema)};

	spi_check(SPI_execute_with_args(psprintf("SELECT 1 FROM %s.migrate_models"
											 " WHERE schema_name OPERATOR(pg_catalog.=) $1::pg_catalog.name",
											 mapped_ext_schema()),
									1, types, values, NULL, false, 1),
			  SPI_OK_SELECT, "reading the models");
	return SPI_processed > 0;
}

/* ----------------------------------------------------------------
 * Reading the properties
 * ----------------------------------------------------------------
 */

/* Split a stored relation name "schema.table" (quoted as needed). */
static void
split_relation(const char *relation, char **schema, char **table)
{
	List	   *names = stringToQualifiedNameList(relation);

	if (list_length(names) != 2)
		elog(ERROR, "malformed relation \"%s\" stored", relation);
	*schema = strVal(linitial(names));
	*table = strVal(lsecond(names));
}

/*
 * The properties of the relations of one schema, by relation, then name.
 * Allocated in the current memory context.
 */
List *
mapped_load_props(const char *schema)
{
	MemoryContext cxt = CurrentMemoryContext;
	List	   *props = NIL;

	spi_check(SPI_execute(psprintf("SELECT p.relation, p.name::pg_catalog.text, p.kind,"
								   " p.definition OPERATOR(pg_catalog.->>) 'view',"
								   " p.definition OPERATOR(pg_catalog.->>) 'expression',"
								   " p.definition OPERATOR(pg_catalog.->>) 'deferred',"
								   " p.definition OPERATOR(pg_catalog.->>) 'target',"
								   " p.definition OPERATOR(pg_catalog.->>) 'lazy',"
								   " p.definition OPERATOR(pg_catalog.->>) 'foreign_key',"
								   " p.definition OPERATOR(pg_catalog.->>) 'secondary',"
								   " p.definition OPERATOR(pg_catalog.->>) 'uselist',"
								   " p.definition OPERATOR(pg_catalog.->>) 'order_by'"
								   " FROM %s.migrate_properties p"
								   " ORDER BY p.relation COLLATE \"C\", p.name COLLATE \"C\"",
								   mapped_ext_schema()),
						  false, 0),
			  SPI_OK_SELECT, "reading the properties");

	for (uint64 i = 0; i < SPI_processed; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);
		MappedProp *p = palloc0(sizeof(MappedProp));
		char	   *kind;
		char	   *s;

		split_relation(spi_text(i, 1), &p->schema, &p->table);
		if (strcmp(p->schema, schema) != 0)
		{
			MemoryContextSwitchTo(old);
			continue;
		}
		p->name = spi_text(i, 2);
		kind = spi_text(i, 3);
		p->uselist = -1;
		if (strcmp(kind, "map") == 0)
		{
			p->kind = PROP_MAP;
			p->view = spi_text(i, 4);
		}
		else if (strcmp(kind, "column_property") == 0)
		{
			p->kind = PROP_COLUMN;
			p->expression = spi_text(i, 5);
			s = spi_text(i, 6);
			p->deferred = s != NULL && strcmp(s, "true") == 0;
		}
		else
		{
			char	   *ts,
					   *tt;

			p->kind = PROP_RELATIONSHIP;
			split_relation(spi_text(i, 7), &ts, &tt);
			p->target_table = tt;
			p->lazy = strategy_from_name(spi_text(i, 8));
			p->foreign_key = spi_text(i, 9);
			s = spi_text(i, 10);
			if (s != NULL)
				split_relation(s, &ts, &p->secondary);
			s = spi_text(i, 11);
			if (s != NULL)
				p->uselist = strcmp(s, "true") == 0 ? 1 : 0;
			p->order_by = spi_text(i, 12);
		}
		props = lappend(props, p);
		MemoryContextSwitchTo(old);
	}
	return props;
}

/* The view of a relation: its map row's name, else <table>_mapped. */
static char *
view_name_of(List *props, const char *table)
{
	ListCell   *lc;

	foreach(lc, props)
	{
		MappedProp *p = lfirst(lc);

		if (p->kind == PROP_MAP && strcmp(p->table, table) == 0)
			return p->view;
	}
	{
		char	   *name = psprintf("%s_mapped", table);

		if (strlen(name) >= NAMEDATALEN)
			name[pg_mbcliplen(name, strlen(name), NAMEDATALEN - 1)] = '\0';
		return name;
	}
}

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
static char *
prop_label(MappedProp *p)
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
						prop_label(p), p->foreign_key, quote_identifier(a->name),
						quote_identifier(sec ? sec->name : b->name))));
	if (candidates == NIL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_FOREIGN_KEY),
				 errmsg("relationship %s: no foreign key joins %s and %s",
						prop_label(p), quote_identifier(a->name),
						quote_identifier(sec ? sec->name : b->name)),
				 sec ? errhint("The association table %s needs a foreign key to each side.",
							   quote_identifier(sec->name)) :
				 errhint("Add a foreign key between the tables, or name an association table with secondary => ...")));
	ereport(ERROR,
			(errcode(ERRCODE_AMBIGUOUS_PARAMETER),
			 errmsg("relationship %s: several foreign keys could join %s and %s: %s",
					prop_label(p), quote_identifier(a->name),
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
								prop_label(p), quote_identifier(j->sec->name),
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

static MJoin *
join_of(MPlan *plan, MappedProp *p)
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
				first = prop_label(j->prop);
			}
			if (on)
				appendStringInfo(&cyc, "%s -> ", prop_label(j->prop));
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
		j = join_of(plan, p);
		if (j->to->view != NULL)
			order_view(plan, j->to, lappend(list_copy(path), j));
	}
	t->visit = 2;
	plan->order = lappend(plan->order, t);
}

static MPlan *
make_plan(const char *schema, const char *physical, List *props, bool skip_missing)
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
			t->view = view_name_of(props, t->name);
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

/* ----------------------------------------------------------------
 * SQL text
 * ----------------------------------------------------------------
 */

static char *
qualified(MPlan *plan, const char *name)
{
	return psprintf("%s.%s", quote_identifier(plan->physical), quote_identifier(name));
}

/* What the related rows are read from: the target's view, else its table. */
static const char *
target_source(MPlan *plan, MTable *to)
{
	return qualified(plan, to->view ? to->view : to->name);
}

/* col = col AND ... between two aliases */
static void
append_pairs(StringInfo buf, const char *l, List *lcols, const char *r, List *rcols)
{
	ListCell   *a,
			   *b;

	forboth(a, lcols, b, rcols)
	{
		if (a != list_head(lcols))
			appendStringInfoString(buf, " AND ");
		appendStringInfo(buf, "%s.%s OPERATOR(pg_catalog.=) %s.%s",
						 l, quote_identifier(lfirst(a)), r, quote_identifier(lfirst(b)));
	}
}

/*
 * The rows of the target (aliased by its table's name) that belong to the
 * row src (an alias, or "($1)" in a function).
 */
static void
append_join_condition(StringInfo buf, MPlan *plan, MJoin *j, const char *src)
{
	const char *ta = quote_identifier(j->to->name);

	if (j->sec != NULL)
	{
		const char *sa = quote_identifier(j->sec->name);

		appendStringInfo(buf, "EXISTS (SELECT FROM %s AS %s WHERE ",
						 qualified(plan, j->sec->name), sa);
		append_pairs(buf, sa, j->sec_from->from_cols, src, j->sec_from->to_cols);
		appendStringInfoString(buf, " AND ");
		append_pairs(buf, sa, j->sec_to->from_cols, ta, j->sec_to->to_cols);
		appendStringInfoChar(buf, ')');
	}
	else if (j->many_to_one)
		append_pairs(buf, ta, j->fk->to_cols, src, j->fk->from_cols);
	else
		append_pairs(buf, ta, j->fk->from_cols, src, j->fk->to_cols);
}

/* ORDER BY of the related rows: as asked, else the target's key. */
static void
append_order(StringInfo buf, MJoin *j)
{
	ListCell   *lc;

	if (j->many_to_one && !j->uselist && j->prop->order_by == NULL)
		return;					/* one row at most: the key is unique */
	if (j->prop->order_by != NULL)
	{
		appendStringInfo(buf, " ORDER BY \n%s\n", j->prop->order_by);
		return;
	}
	foreach(lc, j->to->pkey)
		appendStringInfo(buf, "%s%s.%s", lc == list_head(j->to->pkey) ? " ORDER BY " : ", ",
						 quote_identifier(j->to->name), quote_identifier(lfirst(lc)));
}

/* The eager column of a relationship (noload included). */
static void
append_eager(StringInfo buf, MPlan *plan, MJoin *j, const char *src)
{
	const char *ta = quote_identifier(j->to->name);

	if (j->prop->lazy == LOAD_NOLOAD)
	{
		appendStringInfoString(buf, j->uselist ? "'[]'::pg_catalog.jsonb" : "NULL::pg_catalog.jsonb");
		return;
	}
	if (!j->uselist)
	{
		appendStringInfo(buf, "(SELECT pg_catalog.to_jsonb(%s) FROM %s AS %s WHERE ",
						 ta, target_source(plan, j->to), ta);
		append_join_condition(buf, plan, j, src);
		append_order(buf, j);
		appendStringInfoString(buf, " LIMIT 1)");
	}
	else
	{
		/*
		 * joined, selectin, subquery: one shape, the fastest measured
		 * (docs/mapped-views.md, docs/performance.md): the rows as an
		 * array, converted to jsonb once.  jsonb_agg(to_jsonb(row)) builds
		 * and reads back one jsonb per row, and is ~1.4x slower.
		 */
		appendStringInfo(buf, "pg_catalog.to_jsonb(ARRAY(SELECT %s FROM %s AS %s WHERE ",
						 ta, target_source(plan, j->to), ta);
		append_join_condition(buf, plan, j, src);
		append_order(buf, j);
		appendStringInfoString(buf, "))");
	}
}

/* Where each property's text is in a statement, to name it in errors. */
typedef struct Span
{
	MappedProp *prop;
	int			start;			/* byte offsets of the property's own text */
	int			end;
	bool		expression;		/* the text is the user's expression */
} Span;

static List *
add_span(List *spans, MappedProp *p, int start, int end, bool expression)
{
	Span	   *s = palloc(sizeof(Span));

	s->prop = p;
	s->start = start;
	s->end = end;
	s->expression = expression;
	return lappend(spans, s);
}

/* CREATE VIEW of a table's mapped view. */
static char *
view_ddl(MPlan *plan, MTable *t, List **spans)
{
	StringInfoData buf;
	ListCell   *lc;
	const char *src = quote_identifier(t->name);
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE VIEW %s AS SELECT", qualified(plan, t->view));
	foreach(lc, t->columns)
	{
		appendStringInfo(&buf, "%s\n    %s.%s", first ? "" : ",", src,
						 quote_identifier(lfirst(lc)));
		first = false;
	}
	foreach(lc, t->props)
	{
		MappedProp *p = lfirst(lc);
		int			start;

		if (p->kind == PROP_COLUMN && p->deferred)
			continue;
		if (p->kind == PROP_RELATIONSHIP &&
			(p->lazy == LOAD_SELECT || p->lazy == LOAD_RAISE))
			continue;
		appendStringInfo(&buf, "%s\n    ", first ? "" : ",");
		first = false;
		if (p->kind == PROP_COLUMN)
		{
			appendStringInfoString(&buf, "(\n");
			start = buf.len;
			appendStringInfoString(&buf, p->expression);
			*spans = add_span(*spans, p, start, buf.len, true);
			appendStringInfoString(&buf, "\n)");
		}
		else
		{
			start = buf.len;
			append_eager(&buf, plan, join_of(plan, p), src);
			*spans = add_span(*spans, p, start, buf.len, false);
		}
		appendStringInfo(&buf, " AS %s", quote_identifier(p->name));
	}
	appendStringInfo(&buf, "\n  FROM %s AS %s", qualified(plan, t->name), src);
	return buf.data;
}

/* The signature of a property's function: schema.name(schema.view). */
static char *
function_signature(MPlan *plan, MTable *t, MappedProp *p)
{
	return psprintf("%s(%s)", qualified(plan, p->name), qualified(plan, t->view));
}

static bool
prop_has_function(MappedProp *p)
{
	if (p->kind == PROP_COLUMN)
		return p->deferred;
	if (p->kind == PROP_RELATIONSHIP)
		return p->lazy == LOAD_SELECT || p->lazy == LOAD_RAISE;
	return false;
}

/*
 * The type of a column property's expression, found by preparing it over
 * the table; an error names the property and the position in the
 * expression.
 */
static void report_statement_error(const char *sql, List *spans,
								   MTable *t, ErrorData *edata);

/*
 * The expression must be one SQL expression: it is written into a select
 * list between parentheses, so text that closes them and goes on ("1),
 * (2" or "1) FROM t WHERE (true") would change the view around it.
 */
void
mapped_check_expression(const char *label, const char *expression)
{
	char	   *sql = psprintf("SELECT (\n%s\n)", expression);
	List	   *raw;
	SelectStmt *sel;

	raw = raw_parser(sql, RAW_PARSE_DEFAULT);
	sel = list_length(raw) == 1 && IsA(linitial_node(RawStmt, raw)->stmt, SelectStmt) ?
		(SelectStmt *) linitial_node(RawStmt, raw)->stmt : NULL;
	if (sel == NULL || list_length(sel->targetList) != 1 || sel->fromClause != NIL ||
		sel->whereClause != NULL || sel->groupClause != NIL ||
		sel->havingClause != NULL || sel->sortClause != NIL ||
		sel->limitCount != NULL || sel->limitOffset != NULL ||
		sel->windowClause != NIL || sel->lockingClause != NIL ||
		sel->op != SETOP_NONE || sel->intoClause != NULL ||
		sel->distinctClause != NIL || sel->withClause != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("column property %s: the expression is not one SQL expression",
						label),
				 errdetail("Expression: %s", expression),
				 errhint("Write one value, e.g. a scalar subquery in parentheses.")));
}

static void
check_one_expression(MappedProp *p)
{
	mapped_check_expression(prop_label(p), p->expression);
}

static char *
expression_type(MPlan *plan, MTable *t, MappedProp *p)
{
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData buf;
	int			start;
	List	   *spans = NIL;
	char	   *volatile type = NULL;

	check_one_expression(p);
	initStringInfo(&buf);
	appendStringInfoString(&buf, "SELECT (\n");
	start = buf.len;
	appendStringInfoString(&buf, p->expression);
	spans = add_span(spans, p, start, buf.len, true);
	appendStringInfo(&buf, "\n) FROM %s AS %s", qualified(plan, t->name),
					 quote_identifier(t->name));
	PG_TRY();
	{
		SPIPlanPtr	sp = SPI_prepare(buf.data, 0, NULL);
		TupleDesc	desc;
		Form_pg_attribute att;

		if (sp == NULL)
			elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));
		desc = SPI_plan_get_plan_sources(sp) != NIL ?
			((CachedPlanSource *) linitial(SPI_plan_get_plan_sources(sp)))->resultDesc : NULL;
		if (desc == NULL || desc->natts != 1)
			ereport(ERROR,
					(errcode(ERRCODE_SYNTAX_ERROR),
					 errmsg("the expression is not one value")));
		att = TupleDescAttr(desc, 0);
		type = format_type_with_typemod(att->atttypid, att->atttypmod);
		SPI_freeplan(sp);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		report_statement_error(buf.data, spans, t, edata);
	}
	PG_END_TRY();
	return type;
}

/*
 * An error of a generated statement, reported with the property whose text
 * is at the failing position (and the position in its expression).
 */
static void
report_statement_error(const char *sql, List *spans, MTable *t, ErrorData *edata)
{
	int			cpos = edata->cursorpos;
	int			bpos = -1;
	ListCell   *lc;
	Span	   *hit = NULL;

	if (cpos <= 0 && edata->internalpos > 0 && edata->internalquery != NULL &&
		strcmp(edata->internalquery, sql) == 0)
		cpos = edata->internalpos;
	if (cpos > 0)
	{
		bpos = 0;
		for (int c = 1; c < cpos && sql[bpos] != '\0'; c++)
			bpos += pg_mblen(sql + bpos);
	}
	foreach(lc, spans)
	{
		Span	   *s = lfirst(lc);

		if (bpos >= s->start && bpos <= s->end)
			hit = s;
	}
	if (hit != NULL && hit->expression)
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("column property %s failed: %s", prop_label(hit->prop), edata->message),
				 errdetail("At character %d of its expression: %s%s%s",
						   pg_mbstrlen_with_len(sql + hit->start, bpos - hit->start) + 1,
						   hit->prop->expression,
						   edata->detail ? "\n" : "", edata->detail ? edata->detail : ""),
				 edata->hint ? errhint("%s", edata->hint) : 0));
	if (hit != NULL)
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("relationship %s failed: %s", prop_label(hit->prop), edata->message),
				 errdetail("At character %d of its generated SQL: %s%s%s",
						   pg_mbstrlen_with_len(sql + hit->start, bpos - hit->start) + 1,
						   pnstrdup(sql + hit->start, hit->end - hit->start),
						   edata->detail ? "\n" : "", edata->detail ? edata->detail : ""),
				 hit->prop->order_by ? errhint("Check its order_by: %s", hit->prop->order_by) : 0));
	if (list_length(spans) == 1)
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("%s %s failed: %s",
						((Span *) linitial(spans))->prop->kind == PROP_COLUMN ? "column property" : "relationship",
						prop_label(((Span *) linitial(spans))->prop), edata->message),
				 errdetail("Statement: %s%s%s", sql,
						   edata->detail ? "\n" : "", edata->detail ? edata->detail : ""),
				 edata->hint ? errhint("%s", edata->hint) : 0));
	ereport(ERROR,
			(errcode(edata->sqlerrcode),
			 errmsg("mapped view %s of table %s failed: %s", quote_identifier(t->view),
					quote_identifier(t->name), edata->message),
			 errdetail("Statement: %s%s%s", sql,
					   edata->detail ? "\n" : "", edata->detail ? edata->detail : ""),
			 edata->hint ? errhint("%s", edata->hint) : 0));
}

static void
run_ddl(const char *sql, List *spans, MTable *t)
{
	MemoryContext cxt = CurrentMemoryContext;

	elog(DEBUG1, "%s", sql);
	PG_TRY();
	{
		int			ret = SPI_execute(sql, false, 0);

		if (ret < 0)
			elog(ERROR, "SPI_execute failed: %s", SPI_result_code_string(ret));
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		report_statement_error(sql, spans, t, edata);
	}
	PG_END_TRY();
}

/* CREATE FUNCTION of a lazy relationship, a raise or a deferred property. */
static char *
function_ddl(MPlan *plan, MTable *t, MappedProp *p, List **spans)
{
	StringInfoData buf;

	initStringInfo(&buf);
	if (p->kind == PROP_COLUMN)
	{
		char	   *type = expression_type(plan, t, p);
		ListCell   *lc;
		int			start;

		appendStringInfo(&buf, "CREATE FUNCTION %s RETURNS %s LANGUAGE sql STABLE\n"
						 "BEGIN ATOMIC\n  SELECT (\n",
						 function_signature(plan, t, p), type);
		start = buf.len;
		appendStringInfoString(&buf, p->expression);
		*spans = add_span(*spans, p, start, buf.len, true);
		appendStringInfoString(&buf, "\n) FROM (SELECT");
		foreach(lc, t->columns)
			appendStringInfo(&buf, "%s ($1).%s AS %s", lc == list_head(t->columns) ? "" : ",",
							 quote_identifier(lfirst(lc)), quote_identifier(lfirst(lc)));
		appendStringInfo(&buf, ") AS %s;\nEND", quote_identifier(t->name));
	}
	else
	{
		MJoin	   *j = join_of(plan, p);
		const char *ta = quote_identifier(j->to->name);
		int			start;

		appendStringInfo(&buf, "CREATE FUNCTION %s RETURNS %s%s ",
						 function_signature(plan, t, p), j->uselist ? "SETOF " : "",
						 target_source(plan, j->to));
		start = buf.len;
		if (p->lazy == LOAD_RAISE)
		{
			char	   *body = psprintf("BEGIN\n  RAISE EXCEPTION USING ERRCODE = '55000', MESSAGE = %s, HINT = %s;\nEND",
										quote_literal_cstr(psprintf("relationship %s is not available due to lazy => 'raise'",
																	prop_label(p))),
										quote_literal_cstr("Load it eagerly (lazy => 'joined') or lazily (lazy => 'select') if it is needed here."));

			appendStringInfo(&buf, "LANGUAGE plpgsql STABLE\nSET search_path = pg_catalog, pg_temp\nAS %s",
							 quote_literal_cstr(body));
		}
		else
		{
			appendStringInfo(&buf, "LANGUAGE sql STABLE\nBEGIN ATOMIC\n  SELECT %s.* FROM %s AS %s WHERE ",
							 ta, target_source(plan, j->to), ta);
			append_join_condition(&buf, plan, j, "($1)");
			append_order(&buf, j);
			if (!j->uselist)
				appendStringInfoString(&buf, " LIMIT 1");
			appendStringInfoString(&buf, ";\nEND");
		}
		*spans = add_span(*spans, p, start, buf.len, false);
	}
	return buf.data;
}

/* DROP of what the properties old made in the physical schema. */
static void
drop_generated(const char *physical, List *old)
{
	StringInfoData funcs;
	StringInfoData views;
	ListCell   *lc;
	List	   *seen = NIL;
	const char *ph = quote_identifier(physical);

	initStringInfo(&funcs);
	initStringInfo(&views);
	foreach(lc, old)
	{
		MappedProp *p = lfirst(lc);
		char	   *view = view_name_of(old, p->table);

		if (prop_has_function(p))
			appendStringInfo(&funcs, "%s%s.%s(%s.%s)", funcs.len ? ", " : "",
							 ph, quote_identifier(p->name), ph, quote_identifier(view));
		if (!list_member(seen, makeString(view)))
		{
			seen = lappend(seen, makeString(view));
			appendStringInfo(&views, "%s%s.%s", views.len ? ", " : "", ph,
							 quote_identifier(view));
		}
	}
	if (funcs.len > 0)
		spi_check(SPI_execute(psprintf("DROP FUNCTION IF EXISTS %s", funcs.data), false, 0),
				  SPI_OK_UTILITY, "dropping the functions of mapped views");
	if (views.len > 0)
		spi_check(SPI_execute(psprintf("DROP VIEW IF EXISTS %s", views.data), false, 0),
				  SPI_OK_UTILITY, "dropping mapped views");
}

/*
 * An expression that names tables of its own schema qualified
 * ("app.voters") would reach the live tables from the shadow schema, and
 * come out qualified there while unqualified in the live schema.  In the
 * shadow, those names lose their qualification: found by the parser
 * (relations, and columns written schema.table.column), cut from the text.
 */
typedef struct Unqualify
{
	const char *schema;
	List	   *locations;
} Unqualify;

static bool
unqualify_walker(Node *node, void *context)
{
	Unqualify  *u = context;

	if (node == NULL)
		return false;
	if (IsA(node, RangeVar))
	{
		RangeVar   *rv = (RangeVar *) node;

		if (rv->schemaname != NULL && rv->catalogname == NULL &&
			strcmp(rv->schemaname, u->schema) == 0 && rv->location >= 0)
			u->locations = lappend_int(u->locations, rv->location);
		return false;
	}
	if (IsA(node, ColumnRef))
	{
		ColumnRef  *cr = (ColumnRef *) node;

		if (list_length(cr->fields) == 3 && IsA(linitial(cr->fields), String) &&
			strcmp(strVal(linitial(cr->fields)), u->schema) == 0 && cr->location >= 0)
			u->locations = lappend_int(u->locations, cr->location);
		return false;
	}
	return raw_expression_tree_walker(node, unqualify_walker, context);
}

static char *
unqualify(const char *expression, const char *schema)
{
	const char *prefix = "SELECT (\n";
	char	   *sql = psprintf("%s%s\n)", prefix, expression);
	Unqualify	u = {schema, NIL};
	List	   *raw = raw_parser(sql, RAW_PARSE_DEFAULT);
	StringInfoData out;
	ListCell   *lc;
	int			done = 0;
	int			plen = strlen(prefix);

	(void) unqualify_walker(linitial_node(RawStmt, raw)->stmt, &u);
	if (u.locations == NIL)
		return (char *) expression;
	list_sort(u.locations, list_int_cmp);
	initStringInfo(&out);
	foreach(lc, u.locations)
	{
		int			at = lfirst_int(lc) - plen;
		int			end = at;

		if (at < done || at >= (int) strlen(expression))
			continue;
		/* the schema's identifier, then ".", with blanks around it */
		if (expression[end] == '"')
		{
			for (end++; expression[end] != '\0'; end++)
				if (expression[end] == '"' && expression[end + 1] != '"')
					break;
				else if (expression[end] == '"')
					end++;
			if (expression[end] == '"')
				end++;
		}
		else
			while (expression[end] != '\0' &&
				   (isalnum((unsigned char) expression[end]) || expression[end] == '_' ||
					expression[end] == '$' || IS_HIGHBIT_SET(expression[end])))
				end++;
		while (isspace((unsigned char) expression[end]))
			end++;
		if (expression[end] != '.')
			continue;
		end++;
		while (isspace((unsigned char) expression[end]))
			end++;
		appendBinaryStringInfo(&out, expression + done, at - done);
		done = end;
	}
	appendStringInfoString(&out, expression + done);
	return out.data;
}

/*
 * Drop what old made, create what the properties of the schema make, in
 * the physical schema.  The snapshot keys of what was made (views, then
 * functions) are appended to *views and *functions when they are given.
 */
static void
apply_plan(const char *schema, const char *physical, List *old,
		   List **views, List **functions, bool skip_missing)
{
	List	   *props = mapped_load_props(schema);
	MPlan	   *plan;
	ListCell   *lc;
	int			nest = pgm_guc_nest_enter();

	pgm_set_schema_search_path(physical);
	pgm_set_local("client_min_messages", "warning");
	pgm_set_local("check_function_bodies", "on");

	drop_generated(physical, old);
	if (props == NIL)
	{
		pgm_guc_nest_leave(nest);
		return;
	}
	if (strcmp(physical, schema) != 0)
	{
		foreach(lc, props)
		{
			MappedProp *p = lfirst(lc);

			if (p->kind == PROP_COLUMN)
			{
				mapped_check_expression(prop_label(p), p->expression);
				p->expression = unqualify(p->expression, schema);
			}
		}
	}
	plan = make_plan(schema, physical, props, skip_missing);

	/* Column names: a property may not hide a column of the table. */
	foreach(lc, plan->tables)
	{
		MTable	   *t = lfirst(lc);
		ListCell   *pc;

		foreach(pc, t->props)
		{
			MappedProp *p = lfirst(pc);

			ListCell   *cc;

			foreach(cc, t->columns)
				if (strcmp(lfirst(cc), p->name) == 0)
					ereport(ERROR,
							(errcode(ERRCODE_DUPLICATE_COLUMN),
							 errmsg("property %s has the name of a column of table %s",
									prop_label(p), quote_identifier(t->name)),
							 errhint("Choose another name: the mapped view has the table's columns, then its properties.")));
			if (p->kind == PROP_COLUMN)
				check_one_expression(p);
		}
	}

	foreach(lc, plan->order)
	{
		MTable	   *t = lfirst(lc);
		List	   *spans = NIL;
		char	   *sql;

		/* Column properties first, each alone, to name the failing one. */
		{
			ListCell   *pc;

			foreach(pc, t->props)
			{
				MappedProp *p = lfirst(pc);

				if (p->kind == PROP_COLUMN && !p->deferred)
					(void) expression_type(plan, t, p);
			}
		}
		sql = view_ddl(plan, t, &spans);
		run_ddl(sql, spans, t);
		if (views)
			*views = lappend(*views, pstrdup(t->view));
	}
	CommandCounterIncrement();
	foreach(lc, plan->tables)
	{
		MTable	   *t = lfirst(lc);
		ListCell   *pc;

		foreach(pc, t->props)
		{
			MappedProp *p = lfirst(pc);
			List	   *spans = NIL;

			if (!prop_has_function(p))
				continue;
			run_ddl(function_ddl(plan, t, p, &spans), spans, t);
			if (functions)
			{
				Oid			viewid = get_relname_relid(t->view,
													   get_namespace_oid(physical, false));

				*functions = lappend(*functions,
									 psprintf("%s(%s)", p->name,
											  format_type_be(get_rel_type_id(viewid))));
			}
		}
	}
	pgm_guc_nest_leave(nest);
}

/*
 * The live schema: drop what old made, create what the properties make
 * (leaving out the tables that no longer exist when skip_missing).
 */
void
mapped_apply_live(const char *schema, List *old_props, bool skip_missing)
{
	apply_plan(schema, schema, old_props, NULL, NULL, skip_missing);
}

/* ----------------------------------------------------------------
 * The generated objects in the model document
 * ----------------------------------------------------------------
 */

static int	shadow_counter = 0;

static Datum
names_array(List *names)
{
	Datum	   *elems = palloc(sizeof(Datum) * (list_length(names) + 1));
	ListCell   *lc;
	int			n = 0;

	foreach(lc, names)
		elems[n++] = CStringGetTextDatum(lfirst(lc));
	return PointerGetDatum(construct_array(elems, n, TEXTOID, -1, false, TYPALIGN_INT));
}

/*
 * Build the model of schema (its objects as diff(empty, model) creates
 * them) in a shadow schema, add the mapped views and functions of the
 * schema's properties, and return them as the snapshot writes them:
 * {"views": {...}, "functions": {...}}.  All in a subtransaction that is
 * always rolled back.
 */
static Jsonb *
generate_in_shadow(const char *schema, Jsonb *doc, List *props, MemoryContext cxt)
{
	ResourceOwner owner = CurrentResourceOwner;
	char	   *shadow;
	bool		exists = OidIsValid(get_namespace_oid(schema, true));
	volatile bool building_model = true;
	Jsonb	   *volatile result = NULL;

	do
		shadow = psprintf("migrate_shadow_map_%d_%d", MyProcPid, ++shadow_counter);
	while (OidIsValid(get_namespace_oid(shadow, true)));

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		Oid			types[4] = {JSONBOID, TEXTOID, TEXTOID, TEXTARRAYOID};
		Datum		values[4];
		char	   *script;
		int			nest;
		List	   *views = NIL;
		List	   *functions = NIL;
		Jsonb	   *snap;
		bool		isnull;
		Datum		d;

		values[0] = JsonbPGetDatum(doc);
		values[1] = CStringGetTextDatum(schema);
		values[2] = CStringGetTextDatum(shadow);
		spi_check(SPI_execute_with_args(psprintf("SELECT %s.migrate_diff_sql("
												 " pg_catalog.jsonb_build_object('format', $1 OPERATOR(pg_catalog.->) 'format',"
												 "   'scope', pg_catalog.jsonb_build_array($3), 'extensions', '{}'::pg_catalog.jsonb,"
												 "   'schemas', '{}'::pg_catalog.jsonb),"
												 " pg_catalog.jsonb_build_object('format', $1 OPERATOR(pg_catalog.->) 'format',"
												 "   'scope', pg_catalog.jsonb_build_array($3), 'extensions', '{}'::pg_catalog.jsonb,"
												 "   'schemas', pg_catalog.jsonb_build_object($3,"
												 "      $1 OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->) $2)))",
												 mapped_ext_schema()),
										3, types, values, NULL, false, 1),
				  SPI_OK_SELECT, "writing the model's DDL");
		script = spi_text(0, 1);

		nest = pgm_guc_nest_enter();
		pgm_set_shadow(shadow, exists ? schema : NULL);
		pgm_set_schema_search_path(shadow);
		pgm_set_local("client_min_messages", "warning");
		if (SPI_execute(script, false, 0) < 0)
			elog(ERROR, "building the model in a shadow schema failed");
		building_model = false;
		pgm_guc_nest_leave(nest);

		apply_plan(schema, shadow, props, &views, &functions, false);

		CommandCounterIncrement();
		PushCopiedSnapshot(GetActiveSnapshot());
		UpdateActiveSnapshotCommandId();
		d = DirectFunctionCall1(namein, CStringGetDatum(shadow));
		snap = snapshot_take(construct_array(&d, 1, NAMEOID, NAMEDATALEN, false,
											 TYPALIGN_CHAR), cxt);
		PopActiveSnapshot();

		values[0] = JsonbPGetDatum(snap);
		values[1] = CStringGetTextDatum(shadow);
		values[2] = names_array(views);
		values[3] = names_array(functions);
		types[2] = TEXTARRAYOID;
		spi_check(SPI_execute_with_args("SELECT pg_catalog.jsonb_build_object("
										" 'views', (SELECT pg_catalog.jsonb_object_agg(e.key, e.value)"
										"   FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.->) 'schemas'"
										"          OPERATOR(pg_catalog.->) $2 OPERATOR(pg_catalog.->) 'views') e"
										"   WHERE e.key OPERATOR(pg_catalog.=) ANY ($3)),"
										" 'functions', (SELECT pg_catalog.jsonb_object_agg(e.key, e.value)"
										"   FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.->) 'schemas'"
										"          OPERATOR(pg_catalog.->) $2 OPERATOR(pg_catalog.->) 'functions') e"
										"   WHERE e.key OPERATOR(pg_catalog.=) ANY ($4)))",
										4, types, values, NULL, false, 1),
				  SPI_OK_SELECT, "reading the generated objects");
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		MemoryContextSwitchTo(cxt);
		result = DatumGetJsonbPCopy(d);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		edata = pgm_subxact_catch(cxt, owner);
		pgm_set_shadow(NULL, NULL);
		if (building_model)
			ereport(ERROR,
					(errcode(edata->sqlerrcode),
					 errmsg("the model of schema \"%s\" cannot be built to generate its mapped views: %s",
							schema, edata->message),
					 edata->detail ? errdetail("%s", edata->detail) : 0,
					 errhint("migrate_model() builds the model in a throwaway schema, then adds the mapped views of its properties.")));
		ReThrowError(edata);
	}
	PG_END_TRY();

	pgm_subxact_rollback(cxt, owner);
	pgm_set_shadow(NULL, NULL);
	return result;
}

/*
 * The model document with the mapped views and functions of the
 * properties of its schemas added (docs/models.md,
 * docs/mapped-views.md).  Needs SPI.
 */
Jsonb *
mapped_model_extend(Jsonb *doc, MemoryContext cxt)
{
	Oid			types[3] = {JSONBOID, TEXTOID, JSONBOID};
	Datum		values[3];
	List	   *schemas = NIL;
	ListCell   *lc;

	values[0] = JsonbPGetDatum(doc);
	spi_check(SPI_execute_with_args("SELECT k FROM pg_catalog.jsonb_object_keys($1 OPERATOR(pg_catalog.->) 'schemas') k"
									" ORDER BY k COLLATE \"C\"",
									1, types, values, NULL, false, 0),
			  SPI_OK_SELECT, "reading the model's schemas");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);

		schemas = lappend(schemas, spi_text(i, 1));
		MemoryContextSwitchTo(old);
	}

	foreach(lc, schemas)
	{
		const char *schema = lfirst(lc);
		List	   *props = mapped_load_props(schema);
		Jsonb	   *made;
		bool		isnull;
		Datum		d;

		if (props == NIL)
			continue;
		made = generate_in_shadow(schema, doc, props, cxt);
		values[0] = JsonbPGetDatum(doc);
		values[1] = CStringGetTextDatum(schema);
		values[2] = JsonbPGetDatum(made);
		spi_check(SPI_execute_with_args("SELECT pg_catalog.jsonb_set($1, ARRAY['schemas', $2],"
										" ($1 OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->) $2)"
										" OPERATOR(pg_catalog.||) (SELECT COALESCE(pg_catalog.jsonb_object_agg(k.key,"
										"     COALESCE($1 OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->) $2"
										"              OPERATOR(pg_catalog.->) k.key, '{}'::pg_catalog.jsonb)"
										"     OPERATOR(pg_catalog.||) k.value), '{}'::pg_catalog.jsonb)"
										"   FROM pg_catalog.jsonb_each($3) k"
										"   WHERE pg_catalog.jsonb_typeof(k.value) OPERATOR(pg_catalog.=) 'object'))",
										3, types, values, NULL, false, 1),
				  SPI_OK_SELECT, "adding the mapped views to the model");
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		MemoryContextSwitchTo(cxt);
		doc = DatumGetJsonbPCopy(d);
	}
	return doc;
}
