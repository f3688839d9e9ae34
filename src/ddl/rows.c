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
#include "nodes/makefuncs.h"
#include "optimizer/optimizer.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

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
 * A column's type name, as far as a conversion cares: a type known here
 * (its oid and category), or a type of the document: an enum ('E'), a
 * range ('R') or a composite type ('C'), a domain looked through to its
 * base type; "array" for an array of such a type.  "other" for a name that
 * is neither (a base type of the document, a type of an extension that is
 * not installed here).
 */
typedef struct ConvType
{
	Oid			oid;			/* a type known here, else InvalidOid */
	char		category;		/* TypeCategory(), or as above */
	bool		array;
	bool		other;
} ConvType;

static ConvType
conv_type(Graph *g, GNode *from, const char *name, int depth)
{
	ConvType	ct = {InvalidOid, '\0', false, false};
	size_t		len = strlen(name);
	GNode	   *tn;

	if (depth >= 10)
	{
		ct.other = true;
		return ct;
	}
	if (len > 2 && strcmp(name + len - 2, "[]") == 0)
	{
		ct = conv_type(g, from, pnstrdup(name, len - 2), depth + 1);
		ct.array = true;
		if (OidIsValid(ct.oid))
			ct.oid = known_type(name);
		return ct;
	}
	if ((tn = ddl_find(g, from, OBJ_TYPE, name)) != NULL)
	{
		if (ddl_type_is_kind(tn, "domain"))
			return conv_type(g, tn, gnode_str_req(tn, "base_type"), depth + 1);
		if (ddl_type_is_kind(tn, "enum"))
			ct.category = 'E';
		else if (ddl_type_is_kind(tn, "range"))
			ct.category = TYPCATEGORY_RANGE;
		else if (ddl_type_is_kind(tn, "composite"))
			ct.category = TYPCATEGORY_COMPOSITE;
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

/*
 * Can the text form of a value of type from be read as one of type to
 * (elements of arrays, when both are)?  From or to a string type; one enum
 * to another (the labels the two have in common); one range to another
 * (bounds of the new subtype); a number or a boolean to json.  Never a
 * composite value into another type, nor an array into a scalar.
 */
static bool
text_readable(ConvType from, ConvType to)
{
	if (from.array != to.array)
		return (from.category == TYPCATEGORY_STRING && !from.array) ||
			(to.category == TYPCATEGORY_STRING && !to.array);
	if (to.category == TYPCATEGORY_STRING || from.category == TYPCATEGORY_STRING)
		return true;
	if (from.category == 'E' && to.category == 'E')
		return true;
	if (from.category == TYPCATEGORY_RANGE && to.category == TYPCATEGORY_RANGE)
		return true;
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
 * another, an enum to text or to a domain over text, bigint to jsonb; an
 * array element by element, through text[]); NULL when there is no
 * conversion (uuid to bigint, a composite type to an array): the column is
 * then dropped and added again.  Types are looked up in the documents
 * first (an enum, a domain's base type), then among the types known to
 * this database.  A name neither knows gets a plain cast.
 */
char *
ddl_column_conversion(DiffContext *cx, GNode *s, GNode *t, const char *col)
{
	static const char *const via[] = {"integer", "bigint", "numeric"};
	const char *old = gnode_str_req(s, "type");
	const char *new = gnode_str_req(t, "type");
	ConvType	from = conv_type(cx->source, s, old, 0);
	ConvType	to = conv_type(cx->target, t, new, 0);

	if (strcmp(old, new) == 0 || from.other || to.other)
		return psprintf("%s::%s", col, new);
	if (OidIsValid(from.oid) && OidIsValid(to.oid))
	{
		if (castable(from.oid, to.oid))
			return psprintf("%s::%s", col, new);
		for (int i = 0; i < lengthof(via) && !from.array && !to.array; i++)
		{
			Oid			mid = known_type(via[i]);

			if (castable(from.oid, mid) && castable(mid, to.oid))
				return psprintf("%s::%s::%s", col, via[i], new);
		}
	}
	if (text_readable(from, to))
		return psprintf("%s::%s::%s", col,
						from.array && to.array ? "text[]" : "text", new);
	return NULL;
}

/*
 * How a column of type "name" stores its values: a domain (of the document,
 * or of this database) looked through to its base type and modifier, and
 * *constrained set when a domain on the way has a constraint, *domain (when
 * not NULL) when there is a domain on the way.  False when
 * the name is not known here (a type of the document that is not a domain,
 * a type of an extension not installed).
 */
static bool
stored_type(Graph *g, GNode *from, const char *name, Oid *typid,
			int32 *typmod, bool *constrained, bool *domain, int depth)
{
	GNode	   *tn;

	if (depth >= 10)
		return false;
	if ((tn = ddl_find(g, from, OBJ_TYPE, name)) != NULL)
	{
		if (!ddl_type_is_kind(tn, "domain"))
			return false;
		if (gnode_bool(tn, "not_null") ||
			gnode_children(tn, OBJ_CONSTRAINT) != NIL)
			*constrained = true;
		if (domain != NULL)
			*domain = true;
		return stored_type(g, tn, gnode_str_req(tn, "base_type"), typid,
						   typmod, constrained, domain, depth + 1);
	}
	parseTypeString(name, typid, typmod, true);
	if (!OidIsValid(*typid))
		return false;
	if (get_typtype(*typid) == TYPTYPE_DOMAIN)
	{
		if (DomainHasConstraints(*typid))
			*constrained = true;
		if (domain != NULL)
			*domain = true;
		*typid = getBaseTypeAndTypmod(*typid, typmod);
	}
	return true;
}

/*
 * For types this database does not know: a guess from the names (a longer
 * varchar, varchar to text, numeric to unconstrained numeric).
 */
static bool
rewrites_by_names(const char *old, const char *new)
{
	int			n,
				m;

	if (strncmp(old, "character varying", 17) == 0 &&
		(strcmp(new, "text") == 0 || strcmp(new, "character varying") == 0))
		return false;
	if (sscanf(old, "character varying(%d)", &n) == 1 &&
		sscanf(new, "character varying(%d)", &m) == 1 && m >= n)
		return false;
	if (strncmp(old, "numeric(", 8) == 0 && strcmp(new, "numeric") == 0)
		return false;
	return true;
}

/*
 * Does ALTER COLUMN TYPE of source column s into target column t rewrite
 * the table?  "using" is the conversion ddl_column_conversion() gave for
 * the column's name.  PostgreSQL (15,
 * ATColumnChangeRequiresRewrite()) plans the conversion of the column and
 * keeps the table's file when what is left is the column itself, through
 * binary-coercible relabellings, domains without constraints and, when the
 * session's time zone is UTC, timestamp to timestamptz and back; a length
 * coercion that cannot fail (a longer varchar, a wider numeric) is planned
 * away.  The same conversion is planned here, on the types looked up in the
 * documents and in this database; a conversion through another type
 * rewrites.  A collation alone changes no stored value.
 */
bool
ddl_column_conversion_rewrites(DiffContext *cx, GNode *s, GNode *t,
							   const char *using)
{
	const char *old = gnode_str_req(s, "type");
	const char *new = gnode_str_req(t, "type");
	Oid			fromtyp,
				totyp;
	int32		fromtypmod,
				totypmod;
	bool		fromcons = false,
				tocons = false,
				fromdomain = false;
	Node	   *expr;

	if (strcmp(old, new) == 0)
		return false;
	if (using == NULL ||
		strcmp(using, psprintf("%s::%s", quote_identifier(t->name), new)) != 0)
		return true;			/* through another type */
	if (!stored_type(cx->source, s, old, &fromtyp, &fromtypmod, &fromcons,
					 &fromdomain, 0) ||
		!stored_type(cx->target, t, new, &totyp, &totypmod, &tocons,
					 NULL, 0))
		return rewrites_by_names(old, new);

	/*
	 * A column of a domain has no modifier of its own: the value, relabelled
	 * to the base type, has none either, so a length coercion to the new
	 * type's is not planned away.
	 */
	if (fromdomain)
		fromtypmod = -1;
	if (tocons)
		return true;			/* every value is checked */

	expr = coerce_to_target_type(NULL,
								 (Node *) makeVar(1, 1, fromtyp, fromtypmod,
												  InvalidOid, 0),
								 fromtyp, totyp, totypmod,
								 COERCION_EXPLICIT, COERCE_EXPLICIT_CAST, -1);
	if (expr == NULL)
		return true;
	expr = (Node *) expression_planner((Expr *) expr);
	for (;;)
	{
		if (IsA(expr, Var))
			return false;
		else if (IsA(expr, RelabelType))
			expr = (Node *) ((RelabelType *) expr)->arg;
		else if (IsA(expr, CoerceToDomain))
		{
			if (DomainHasConstraints(((CoerceToDomain *) expr)->resulttype))
				return true;
			expr = (Node *) ((CoerceToDomain *) expr)->arg;
		}
		else if (IsA(expr, FuncExpr) &&
				 (((FuncExpr *) expr)->funcid == F_TIMESTAMPTZ_TIMESTAMP ||
				  ((FuncExpr *) expr)->funcid == F_TIMESTAMP_TIMESTAMPTZ) &&
				 !TimestampTimestampTzRequiresRewrite())
			expr = linitial(((FuncExpr *) expr)->args);
		else
			return true;
	}
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
