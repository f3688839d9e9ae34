/*-------------------------------------------------------------------------
 *
 * rows.c
 *	  The values of a table carried through a change of its definition:
 *	  how a value of a column converts to the column's new type
 *	  (ddl_column_conversion(), for ALTER COLUMN TYPE and the copies below),
 *	  and the rows of a table that the diff rebuilds, saved before its drop
 *	  and put back into the new table (ddl_table_keep_rows(), the table
 *	  handler's keep_rows).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "catalog/pg_type.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* ----------------------------------------------------------------
 * Converting a column's values
 * ----------------------------------------------------------------
 */

/* The oid of a type name, when it names a type known here; else 0. */
static Oid
known_type(const char *name)
{
	Oid			typid;
	int32		typmod;

	parseTypeString(name, &typid, &typmod, true);
	return typid;
}

static bool
castable(Oid from, Oid to)
{
	Oid			funcid;

	return find_coercion_pathway(to, from, COERCION_EXPLICIT, &funcid) != COERCION_PATH_NONE;
}

/*
 * A column's type name, as far as a conversion cares: a built-in (or
 * otherwise known) type's oid and category, or an enum of the document; a
 * domain of the document is looked through to its base type.  "other" for
 * a user type that is neither (composite, range, array of a user type).
 */
typedef struct ConvType
{
	Oid			oid;
	char		category;		/* TypeCategory(), 'E' for an enum */
	bool		other;
} ConvType;

static ConvType
conv_type(Graph *g, GNode *from, const char *name, int depth)
{
	ConvType	ct = {InvalidOid, '\0', false};
	GNode	   *tn = depth < 10 ? ddl_find(g, from, OBJ_TYPE, name) : NULL;

	if (tn != NULL)
	{
		char	   *kind = gnode_str(tn, "kind");

		if (kind != NULL && strcmp(kind, "domain") == 0)
			return conv_type(g, tn, gnode_str(tn, "base_type"), depth + 1);
		if (kind != NULL && strcmp(kind, "enum") == 0)
			ct.category = 'E';
		else
			ct.other = true;
		return ct;
	}
	ct.oid = known_type(name);
	if (OidIsValid(ct.oid))
		ct.category = TypeCategory(ct.oid);
	else
		ct.other = true;
	return ct;
}

/* Can the text form of a value of type from be read as one of type to? */
static bool
text_readable(ConvType from, ConvType to)
{
	if (to.category == TYPCATEGORY_STRING || from.category == TYPCATEGORY_STRING)
		return true;
	if (from.category == 'E' && to.category == 'E')
		return true;			/* the labels the two have in common */
	if ((to.oid == JSONOID || to.oid == JSONBOID) &&
		(from.category == TYPCATEGORY_NUMERIC || from.category == TYPCATEGORY_BOOLEAN))
		return true;
	return false;
}

/*
 * The expression that converts col, a value of source column s's type, to
 * target column t's type (the USING of ALTER COLUMN TYPE, and the row
 * copies of a rebuilt table): a cast; through integer, bigint or numeric
 * when there is no direct one (boolean to smallint); through text where
 * the text form of the old values can be read as the new type (one enum to
 * another, an enum to text or to a domain over text, bigint to jsonb);
 * NULL when there is no conversion (uuid to bigint): the column is then
 * dropped and added again.  Types are looked up in the documents first (an
 * enum, a domain's base type), then among the types known to this
 * database.
 */
char *
ddl_column_conversion(DiffContext *cx, GNode *s, GNode *t, const char *col)
{
	static const char *const via[] = {"integer", "bigint", "numeric"};
	const char *old = gnode_str_req(s, "type");
	const char *new = gnode_str(t, "type");
	ConvType	from = conv_type(cx->source, s, old, 0);
	ConvType	to = conv_type(cx->target, t, new, 0);

	if (strcmp(old, new) == 0 || from.other || to.other)
		return psprintf("%s::%s", col, new);
	if (OidIsValid(from.oid) && OidIsValid(to.oid))
	{
		if (castable(from.oid, to.oid))
			return psprintf("%s::%s", col, new);
		for (int i = 0; i < lengthof(via); i++)
		{
			Oid			mid = known_type(via[i]);

			if (castable(from.oid, mid) && castable(mid, to.oid))
				return psprintf("%s::%s::%s", col, via[i], new);
		}
	}
	if (text_readable(from, to))
		return psprintf("%s::text::%s", col, new);
	return NULL;
}

/* ----------------------------------------------------------------
 * The rows of a rebuilt table
 * ----------------------------------------------------------------
 */

/* Remove one hazard from a step. */
static void
step_unhazard(DiffStep *step, const char *hazard)
{
	ListCell   *lc;

	foreach(lc, step->hazards)
	{
		if (strcmp((const char *) lfirst(lc), hazard) == 0)
			step->hazards = foreach_delete_current(step->hazards, lc);
	}
}

/* Is a column's type (or its arrays') one of the source document's types? */
static bool
user_type(DiffContext *cx, GNode *col)
{
	char	   *type = gnode_str(col, "type");
	char	   *name;
	size_t		len;

	if (type == NULL)
		return false;
	name = pstrdup(type);
	len = strlen(name);
	while (len > 2 && strcmp(name + len - 2, "[]") == 0)
		name[len -= 2] = '\0';
	return ddl_find(cx->source, col, OBJ_TYPE, name) != NULL;
}

/*
 * The sequence of an identity column of table tq, or the argument of the
 * nextval() of a column's default ("'t_id_seq'::regclass"), as an
 * expression; else NULL.  (An identity's sequence is there as soon as the
 * table is; a serial's is owned by the column only later in the script,
 * so pg_get_serial_sequence() cannot find it yet.)
 */
static char *
sequence_of(GNode *col, const char *tq)
{
	char	   *def = gnode_str(col, "default");
	char	   *p;
	char	   *end;

	if (gnode_str(col, "identity") != NULL)
		return psprintf("pg_catalog.pg_get_serial_sequence(%s, %s)",
						quote_literal_cstr(tq), quote_literal_cstr(col->name));
	if (def == NULL || (p = strstr(def, "nextval(")) == NULL)
		return NULL;
	p += strlen("nextval(");
	if ((end = strstr(p, "::regclass)")) == NULL)
		return NULL;
	return psprintf("%.*s::regclass", (int) (end - p), p);
}

/*
 * A table rebuilt (dropped and created again: a new partitioning, ...)
 * keeps its rows.  Before the drop, they go into a temporary table (the
 * columns of the source's own types as text, since those types may be
 * rebuilt too): that is written into the drop step here.  Returned, for
 * the engine's step after the creation: the statements that insert them
 * back, each column converted to its new type where it changed (as ALTER
 * COLUMN TYPE would: ddl_column_conversion()), and set the sequences of
 * identity and serial columns past the copied values; NULL when no column
 * is kept.  Only the values of columns the target lacks, or cannot
 * convert, are lost (then the drop keeps its data_loss).
 */
char *
ddl_table_keep_rows(DiffContext *cx, GNode *s, GNode *t, DiffStep *drop)
{
	char	   *temp = psprintf("pg_migrate_rows_%d", ++cx->ncopies);
	char	   *sq = gnode_qualname(s);
	char	   *tq = gnode_qualname(t);
	StringInfoData save;
	StringInfoData into;
	StringInfoData from;
	StringInfoData seqs;
	StringInfoData sql;
	bool		lost = false;
	bool		any = false;
	ListCell   *lc;

	initStringInfo(&save);
	initStringInfo(&into);
	initStringInfo(&from);
	initStringInfo(&seqs);
	foreach(lc, s->children)
	{
		GNode	   *sc = lfirst(lc);
		GNode	   *tc;
		bool		as_text;
		char	   *col;
		char	   *expr;
		char	   *seq;

		if (sc->kind != OBJ_COLUMN)
			continue;
		tc = ddl_find_child(t, OBJ_COLUMN, sc->name);
		if (tc == NULL)
		{
			lost = true;
			continue;
		}
		if (gnode_str(tc, "generated") != NULL)
			continue;			/* computed again */
		col = pstrdup(quote_identifier(sc->name));
		as_text = user_type(cx, sc);
		appendStringInfo(&save, "%s%s%s AS %s", any ? ", " : "", col,
						 as_text ? "::text" : "", col);
		if (as_text)
			expr = psprintf("%s::%s", col, gnode_str_req(tc, "type"));
		else if (gnode_attr_equal(sc, tc, "type"))
			expr = col;
		else if ((expr = ddl_column_conversion(cx, sc, tc, col)) == NULL)
		{
			lost = true;
			continue;
		}
		appendStringInfo(&into, "%s%s", into.len > 0 ? ", " : "", col);
		appendStringInfo(&from, "%s%s", from.len > 0 ? ", " : "", expr);
		any = true;
		if ((seq = sequence_of(tc, tq)) != NULL)
			appendStringInfo(&seqs,
							 "\nSELECT pg_catalog.setval(%s, pg_catalog.max(%s)) FROM %s HAVING pg_catalog.max(%s) IS NOT NULL;",
							 seq, col, tq, col);
	}
	if (!any)
		return NULL;

	/* the rows saved first, in the drop step */
	initStringInfo(&sql);
	appendStringInfo(&sql, "CREATE TEMPORARY TABLE %s ON COMMIT DROP AS SELECT %s FROM ONLY %s;\n%s",
					 temp, save.data, sq, drop->sql.data);
	resetStringInfo(&drop->sql);
	appendStringInfoString(&drop->sql, sql.data);
	if (!lost)
		step_unhazard(drop, HAZARD_DATA_LOSS);

	return psprintf("INSERT INTO %s (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM pg_temp.%s;%s\nDROP TABLE pg_temp.%s;",
					tq, into.data, from.data, temp, seqs.data, temp);
}
