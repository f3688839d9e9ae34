/*-------------------------------------------------------------------------
 *
 * datacheck.c
 *	  What autogenerate's rehearsal cannot see, read from the live rows
 *	  (docs/revisions-autogenerate.md, "Data checks").
 *
 * The rehearsal runs the scripts on copies without rows (autogen.c), so a
 * statement that would fail on the live rows does not fail there.  Before
 * it, each statement of the upgrade script that depends on the rows is
 * checked by a read-only query on the live table, which takes ACCESS
 * SHARE and rewrites nothing:
 *
 *	ADD COLUMN ... NOT NULL (no default)	the table holds a row
 *	ALTER COLUMN ... SET NOT NULL			a row holds NULL there
 *	ADD CONSTRAINT ... CHECK				a row fails the expression
 *	ADD CONSTRAINT ... PRIMARY KEY/UNIQUE,	NULLs (primary key), duplicates
 *	CREATE UNIQUE INDEX
 *	ADD CONSTRAINT ... FOREIGN KEY			a key the referenced table lacks
 *	ALTER COLUMN ... TYPE ... USING			a value the expression fails on
 *											(not for the casts that cannot
 *											fail), or a label the new enum
 *											lacks
 *
 * A finding is the error the statement itself would raise, with its
 * SQLSTATE, naming the object and one offending value.  A check whose
 * query names something the live database lacks (a column the script adds
 * earlier, a type it creates) is skipped: such objects hold no rows the
 * rehearsal would not see, or are documented as not seen.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "parser/parse_coerce.h"
#include "parser/parse_type.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/varlena.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

#include "autogen.h"

/* One statement of the script being checked. */
typedef struct CheckStmt
{
	const char *text;			/* as run_script() names it */
	const char *script;			/* the whole script, for locations */
	int			location;		/* of the statement in the script */
	int			len;
	const char *schema;			/* its search_path's first schema */
} CheckStmt;

/* An enum the script creates: its name and labels. */
typedef struct NewEnum
{
	char	   *schema;			/* NULL: the statement's search_path */
	char	   *name;
	List	   *labels;			/* of char * */
} NewEnum;

static void
report(CheckStmt *cs, int sqlerrcode, const char *message, const char *detail)
{
	ereport(ERROR,
			(errcode(sqlerrcode),
			 errmsg("autogenerate's upgrade fails on the live database: %s",
					message),
			 errdetail("Statement: %s%s%s", cs->text,
					   detail ? "\n" : "", detail ? detail : ""),
			 errhint("Nothing was stored. Change the model so that the live rows fit it, or write the revision by hand with migrate_revision(..., autogenerate => false, upgrade_sql => ..., downgrade_sql => ...).")));
}

/* The first row a data check's query returned, as text. */
typedef struct CheckRow
{
	int			ncols;			/* 0 when it returned no row */
	char	  **values;			/* ncols of them, NULL for a NULL */
} CheckRow;

/*
 * Run a read-only query in a subtransaction, under the statement's
 * search_path.  Returns true when it ran, with its first row in *row (if
 * row is not NULL), copied into the caller's memory context; false when
 * it named something the live database lacks (class 42: skipped), when
 * err is NULL and a value failed (class 22: skipped), or, with *err set,
 * when it failed otherwise and err is not NULL.  Any other failure (a lock
 * timeout) is raised.
 */
static bool
check_query(CheckStmt *cs, const char *sql, int nargs, Oid *types,
			Datum *values, ErrorData **err, CheckRow *row)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile bool ok = false;

	if (err)
		*err = NULL;
	if (row)
	{
		row->ncols = 0;
		row->values = NULL;
	}
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		int			nest = pgm_guc_nest_enter();

		if (cs->schema != NULL)
			pgm_set_schema_search_path(cs->schema);
		if (SPI_execute_with_args(sql, nargs, types, values, NULL, true, 1) != SPI_OK_SELECT)
			elog(ERROR, "a data check failed: %s", sql);
		pgm_guc_nest_leave(nest);
		ok = true;
		/*
		 * The row outlives the subtransaction: its text, made in cxt (SPI
		 * left the current context in its own).
		 */
		if (row != NULL && SPI_tuptable != NULL && SPI_processed > 0)
		{
			TupleDesc	desc = SPI_tuptable->tupdesc;
			MemoryContext old = MemoryContextSwitchTo(cxt);

			row->values = palloc(sizeof(char *) * desc->natts);
			for (int i = 0; i < desc->natts; i++)
				row->values[i] = SPI_getvalue(SPI_tuptable->vals[0], desc, i + 1);
			row->ncols = desc->natts;
			MemoryContextSwitchTo(old);
		}
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata = pgm_subxact_catch(cxt, owner);

		/*
		 * A query that names what the live database lacks yet (a function,
		 * type, table or schema the script creates): not checked here.
		 */
		if ((ERRCODE_TO_CATEGORY(edata->sqlerrcode) == ERRCODE_SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION &&
			 edata->sqlerrcode != ERRCODE_INSUFFICIENT_PRIVILEGE) ||
			edata->sqlerrcode == ERRCODE_INVALID_SCHEMA_NAME)
			return false;

		/*
		 * A query that is not itself the finding (err is NULL) and fails
		 * on a value (class 22) reads the live objects as they are, not as
		 * the statements before it leave them: a constant of an enum the
		 * script makes again with a label the live one lacks ('l1'::mood).
		 * Skipped, as a check that names something the live database
		 * lacks.
		 */
		if (err == NULL &&
			ERRCODE_TO_CATEGORY(edata->sqlerrcode) == ERRCODE_DATA_EXCEPTION)
			return false;
		if (err == NULL || edata->sqlerrcode == ERRCODE_LOCK_NOT_AVAILABLE ||
			edata->sqlerrcode == ERRCODE_QUERY_CANCELED ||
			edata->sqlerrcode == ERRCODE_INSUFFICIENT_PRIVILEGE)
			ReThrowError(edata);
		*err = edata;
		return false;
	}
	PG_END_TRY();
	return ok;
}

/* The row's column i (from 1) as text, or NULL. */
static char *
first_value(CheckRow *row, int i)
{
	if (i > row->ncols)
		return NULL;
	return row->values[i - 1];
}

static bool
found_row(CheckRow *row)
{
	return row->ncols > 0;
}

/* The live relation a statement names, or InvalidOid (a new one). */
static Oid
live_relation(CheckStmt *cs, RangeVar *rv)
{
	Oid			relid;
	int			nest = pgm_guc_nest_enter();

	if (cs->schema != NULL)
		pgm_set_schema_search_path(cs->schema);
	relid = RangeVarGetRelid(rv, NoLock, true);
	pgm_guc_nest_leave(nest);
	return relid;
}

static char *
qualified_relation(Oid relid)
{
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									  get_rel_name(relid));
}

/* "a, b" of a list of String nodes, quoted; with prefix "f." if given. */
static char *
column_list(List *names, const char *prefix, const char *suffix)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, names)
		appendStringInfo(&buf, "%s%s%s%s", buf.len ? ", " : "",
						 prefix ? prefix : "", quote_identifier(strVal(lfirst(lc))),
						 suffix ? suffix : "");
	return buf.data;
}

/* "a, b" unquoted, as PostgreSQL's key details write column names. */
static char *
column_names(List *names)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, names)
		appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", strVal(lfirst(lc)));
	return buf.data;
}

/* "v1, v2" of the row's first n columns. */
static char *
row_values(CheckRow *row, int n)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 1; i <= n; i++)
	{
		char	   *v = first_value(row, i);

		appendStringInfo(&buf, "%s%s", i > 1 ? ", " : "", v ? v : "null");
	}
	return buf.data;
}

/*
 * The text of a parenthesised expression that starts at or after from in
 * the script: what is inside the first "(" and its ")", quotes skipped.
 */
static char *
parenthesised(CheckStmt *cs, int from)
{
	const char *s = cs->script;
	int			end = cs->location + cs->len;
	int			depth = 0;
	int			start = -1;

	for (int i = from; i < end; i++)
	{
		char		c = s[i];

		if (c == '\'' || c == '"')
		{
			for (i++; i < end && s[i] != c; i++)
				;
			continue;
		}
		if (c == '(')
		{
			if (depth++ == 0)
				start = i + 1;
		}
		else if (c == ')' && depth > 0 && --depth == 0)
			return pnstrdup(s + start, i - start);
	}
	return NULL;
}

/* The text from a location to the end of the statement, without ";". */
static char *
to_end(CheckStmt *cs, int from)
{
	int			end = cs->location + cs->len;

	while (end > from && (isspace((unsigned char) cs->script[end - 1]) ||
						  cs->script[end - 1] == ';'))
		end--;
	return pnstrdup(cs->script + from, end - from);
}

/* ADD COLUMN ... NOT NULL without a default, on a table with rows. */
static void
check_add_column(CheckStmt *cs, Oid relid, ColumnDef *def)
{
	CheckRow	row;
	bool		notnull = def->is_not_null;
	bool		filled = def->raw_default != NULL || def->identity != 0 ||
		def->generated != 0;
	ListCell   *lc;

	foreach(lc, def->constraints)
	{
		Constraint *c = lfirst_node(Constraint, lc);

		if (c->contype == CONSTR_NOTNULL || c->contype == CONSTR_PRIMARY)
			notnull = true;
		if (c->contype == CONSTR_DEFAULT || c->contype == CONSTR_IDENTITY ||
			c->contype == CONSTR_GENERATED)
			filled = true;
	}
	if (!notnull || filled)
		return;
	if (check_query(cs, psprintf("SELECT 1 FROM %s LIMIT 1", qualified_relation(relid)),
					0, NULL, NULL, NULL, &row) && found_row(&row))
		report(cs, ERRCODE_NOT_NULL_VIOLATION,
			   psprintf("column \"%s\" of relation \"%s\" contains null values",
						def->colname, get_rel_name(relid)),
			   psprintf("The table holds rows, and the new column has no default: each row would hold NULL in \"%s\".",
						def->colname));
}

/* NULLs in a column that becomes NOT NULL (or part of a primary key). */
static void
check_not_null(CheckStmt *cs, Oid relid, const char *column)
{
	CheckRow	row;

	if (check_query(cs, psprintf("SELECT 1 FROM %s WHERE %s IS NULL LIMIT 1",
								 qualified_relation(relid), quote_identifier(column)),
					0, NULL, NULL, NULL, &row) && found_row(&row))
		report(cs, ERRCODE_NOT_NULL_VIOLATION,
			   psprintf("column \"%s\" of relation \"%s\" contains null values",
						column, get_rel_name(relid)),
			   psprintf("A row holds NULL in \"%s\".", column));
}

/* Duplicates under a new unique constraint or index. */
static void
check_unique(CheckStmt *cs, Oid relid, const char *index, List *keys,
			 bool nulls_not_distinct, const char *where)
{
	CheckRow	row;
	StringInfoData sql;
	ListCell   *lc;

	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT %s FROM %s WHERE true",
					 column_list(keys, NULL, "::pg_catalog.text"),
					 qualified_relation(relid));
	if (!nulls_not_distinct)
		foreach(lc, keys)
			appendStringInfo(&sql, " AND %s IS NOT NULL", quote_identifier(strVal(lfirst(lc))));
	if (where != NULL)
		appendStringInfo(&sql, " AND (%s)", where);
	appendStringInfo(&sql, " GROUP BY %s HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 1 LIMIT 1",
					 column_list(keys, NULL, NULL));
	if (check_query(cs, sql.data, 0, NULL, NULL, NULL, &row) && found_row(&row))
		report(cs, ERRCODE_UNIQUE_VIOLATION,
			   psprintf("could not create unique index \"%s\"", index ? index : "?"),
			   psprintf("Key (%s)=(%s) is duplicated.", column_names(keys),
						row_values(&row, list_length(keys))));
}

/* The primary key columns of a live table, as String nodes, or NIL. */
static List *
primary_key(CheckStmt *cs, Oid relid)
{
	Oid			types[1] = {OIDOID};
	Datum		values[1] = {ObjectIdGetDatum(relid)};
	List	   *cols = NIL;
	CheckRow	row;
	char	   *v;

	if (!check_query(cs, "SELECT pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ',' ORDER BY k.n)"
					 "  FROM pg_catalog.pg_index i,"
					 "       pg_catalog.unnest(i.indkey) WITH ORDINALITY k(attnum, n),"
					 "       pg_catalog.pg_attribute a"
					 " WHERE i.indrelid OPERATOR(pg_catalog.=) $1 AND i.indisprimary"
					 "   AND a.attrelid OPERATOR(pg_catalog.=) $1"
					 "   AND a.attnum OPERATOR(pg_catalog.=) k.attnum",
					 1, types, values, NULL, &row))
		return NIL;
	v = first_value(&row, 1);
	if (v == NULL)
		return NIL;
	SplitIdentifierString(v, ',', &cols);
	{
		List	   *strs = NIL;
		ListCell   *lc;

		foreach(lc, cols)
			strs = lappend(strs, makeString(pstrdup(lfirst(lc))));
		return strs;
	}
}

/* Keys of existing rows that the referenced table lacks. */
static void
check_foreign_key(CheckStmt *cs, Oid relid, Constraint *c)
{
	CheckRow	row;
	Oid			pkrel = live_relation(cs, c->pktable);
	List	   *pkcols = c->pk_attrs;
	StringInfoData sql;
	ListCell   *lf;
	ListCell   *lp;

	if (!OidIsValid(pkrel))
		return;
	if (pkcols == NIL)
		pkcols = primary_key(cs, pkrel);
	if (list_length(pkcols) != list_length(c->fk_attrs))
		return;
	initStringInfo(&sql);
	appendStringInfo(&sql, "SELECT %s FROM %s f WHERE true",
					 column_list(c->fk_attrs, "f.", "::pg_catalog.text"),
					 qualified_relation(relid));
	foreach(lf, c->fk_attrs)
		appendStringInfo(&sql, " AND f.%s IS NOT NULL", quote_identifier(strVal(lfirst(lf))));
	appendStringInfo(&sql, " AND NOT EXISTS (SELECT 1 FROM %s p WHERE true",
					 qualified_relation(pkrel));
	forboth(lf, c->fk_attrs, lp, pkcols)
		appendStringInfo(&sql, " AND p.%s = f.%s", quote_identifier(strVal(lfirst(lp))),
						 quote_identifier(strVal(lfirst(lf))));
	appendStringInfoString(&sql, ") LIMIT 1");
	if (check_query(cs, sql.data, 0, NULL, NULL, NULL, &row) && found_row(&row))
		report(cs, ERRCODE_FOREIGN_KEY_VIOLATION,
			   psprintf("insert or update on table \"%s\" violates foreign key constraint \"%s\"",
						get_rel_name(relid), c->conname ? c->conname : "?"),
			   psprintf("Key (%s)=(%s) is not present in table \"%s\".",
						column_names(c->fk_attrs), row_values(&row, list_length(c->fk_attrs)),
						get_rel_name(pkrel)));
}

/* A row that fails a new CHECK constraint. */
static void
check_check(CheckStmt *cs, Oid relid, Constraint *c)
{
	char	   *expr = parenthesised(cs, c->location);
	char	   *q = qualified_relation(relid);
	CheckRow	row;

	if (expr == NULL)
		return;
	if (check_query(cs, psprintf("SELECT ROW(r.*)::pg_catalog.text FROM %s r WHERE NOT (%s) LIMIT 1",
								 q, expr),
					0, NULL, NULL, NULL, &row) && found_row(&row))
		report(cs, ERRCODE_CHECK_VIOLATION,
			   psprintf("check constraint \"%s\" of relation \"%s\" is violated by some row",
						c->conname ? c->conname : "?", get_rel_name(relid)),
			   psprintf("Failing row contains %s.", first_value(&row, 1)));
}

/* The enum of that name the script creates, or NULL. */
static NewEnum *
new_enum(List *enums, TypeName *tn, CheckStmt *cs)
{
	char	   *schema;
	char	   *name;
	ListCell   *lc;

	DeconstructQualifiedName(tn->names, &schema, &name);
	foreach(lc, enums)
	{
		NewEnum    *e = lfirst(lc);
		const char *es = e->schema ? e->schema : NULL;
		const char *ts = schema ? schema : cs->schema;

		if (strcmp(e->name, name) == 0 &&
			(es == NULL || ts == NULL || strcmp(es, ts) == 0))
			return e;
	}
	return NULL;
}

/*
 * Can converting values of one type to another fail?  Not from a type to
 * itself without a shorter length, nor along the widening casts of the
 * integer, numeric, floating point and character types.
 */
static bool
cast_cannot_fail(Oid from, int32 fromtypmod, Oid to, int32 totypmod)
{
	static const Oid widen[][2] = {
		{INT2OID, INT4OID}, {INT2OID, INT8OID}, {INT4OID, INT8OID},
		{INT2OID, NUMERICOID}, {INT4OID, NUMERICOID}, {INT8OID, NUMERICOID},
		{INT2OID, FLOAT8OID}, {INT4OID, FLOAT8OID}, {FLOAT4OID, FLOAT8OID},
		{VARCHAROID, TEXTOID}, {BPCHAROID, TEXTOID}, {TEXTOID, VARCHAROID},
		{VARCHAROID, VARCHAROID}, {INT2OID, FLOAT4OID},
	};

	if (from == to)
		return totypmod < 0 || (fromtypmod >= 0 && fromtypmod <= totypmod &&
								from != NUMERICOID);
	if (totypmod >= 0)
		return false;
	for (int i = 0; i < lengthof(widen); i++)
		if (widen[i][0] == from && widen[i][1] == to)
			return true;
	return false;
}

/* Values that do not convert to a column's new type. */
static void
check_type_change(CheckStmt *cs, Oid relid, ColumnDef *def, const char *column,
				  List *enums)
{
	char	   *q = qualified_relation(relid);
	AttrNumber	attnum = get_attnum(relid, column);
	NewEnum    *e = new_enum(enums, def->typeName, cs);
	CheckRow	row;
	Oid			from;
	int32		fromtypmod;
	Oid			fromcoll;
	Oid			to = InvalidOid;
	int32		totypmod = -1;
	char	   *expr;
	ErrorData  *err;

	if (attnum == InvalidAttrNumber)
		return;

	if (e != NULL)
	{
		/* a replaced enum: the labels of the new one */
		StringInfoData labels;
		ListCell   *lc;
		char	   *sql;

		initStringInfo(&labels);
		appendStringInfoString(&labels, "ARRAY[");
		foreach(lc, e->labels)
			appendStringInfo(&labels, "%s%s", lc == list_head(e->labels) ? "" : ", ",
							 quote_literal_cstr(lfirst(lc)));
		appendStringInfoString(&labels, "]::pg_catalog.text[]");
		if (def->typeName->arrayBounds != NIL)
			sql = psprintf("SELECT v::pg_catalog.text FROM %s r, pg_catalog.unnest(r.%s) v"
						   " WHERE v IS NOT NULL AND v::pg_catalog.text OPERATOR(pg_catalog.<>) ALL (%s) LIMIT 1",
						   q, quote_identifier(column), labels.data);
		else
			sql = psprintf("SELECT r.%s::pg_catalog.text FROM %s r"
						   " WHERE r.%s::pg_catalog.text OPERATOR(pg_catalog.<>) ALL (%s) LIMIT 1",
						   quote_identifier(column), q, quote_identifier(column), labels.data);
		if (check_query(cs, sql, 0, NULL, NULL, NULL, &row) && found_row(&row))
			report(cs, ERRCODE_INVALID_TEXT_REPRESENTATION,
				   psprintf("invalid input value for enum %s: \"%s\"",
							NameListToString(def->typeName->names), first_value(&row, 1)),
				   psprintf("Column \"%s\" of relation \"%s\" holds \"%s\", which the new type does not have.",
							column, get_rel_name(relid), first_value(&row, 1)));
		return;
	}

	get_atttypetypmodcoll(relid, attnum, &from, &fromtypmod, &fromcoll);
	{
		int			nest = pgm_guc_nest_enter();
		Type		typ;

		/*
		 * Looked up without raising an error for a type that does not exist
		 * (yet): an error caught here without a subtransaction would leave
		 * the settings' nesting and whatever the lookup held unbalanced.
		 */
		if (cs->schema != NULL)
			pgm_set_schema_search_path(cs->schema);
		typ = LookupTypeName(NULL, def->typeName, &totypmod, true);
		pgm_guc_nest_leave(nest);
		/* a type the script creates: not seen (see the header) */
		if (typ == NULL)
			return;
		if (!((Form_pg_type) GETSTRUCT(typ))->typisdefined)
		{
			ReleaseSysCache(typ);
			return;
		}
		to = typeTypeId(typ);
		ReleaseSysCache(typ);
	}
	if (cast_cannot_fail(getBaseType(from), fromtypmod, getBaseType(to), totypmod) &&
		getBaseType(to) == to)
		return;

	expr = def->raw_default ?
		to_end(cs, exprLocation(def->raw_default)) :
		psprintf("%s::%s", quote_identifier(column), format_type_with_typemod(to, totypmod));
	if (check_query(cs, psprintf("SELECT pg_catalog.count((%s)) FROM %s r", expr, q),
					0, NULL, NULL, &err, NULL) || err == NULL)
		return;

	/* it fails: find a value it fails on, a thousand rows at a time */
	{
		Portal		portal;
		bool		named = false;

		portal = SPI_cursor_open_with_args(NULL,
										   psprintf("SELECT pg_catalog.array_agg(ctid) FROM"
													" (SELECT ctid, (pg_catalog.row_number() OVER ()"
													"  OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog./) 1000 AS b"
													"  FROM %s) s GROUP BY b", q),
										   0, NULL, NULL, NULL, true, 0);
		while (!named)
		{
			Datum		batch;
			bool		isnull;
			Oid			types[1] = {TIDARRAYOID};
			ErrorData  *berr;
			char	   *bsql;

			SPI_cursor_fetch(portal, true, 1);
			if (SPI_processed == 0)
				break;
			batch = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
			batch = datumCopy(batch, false, -1);
			bsql = psprintf("SELECT pg_catalog.count((%s)) FROM %s r"
							" WHERE r.ctid OPERATOR(pg_catalog.=) ANY ($1)", expr, q);
			if (check_query(cs, bsql, 1, types, &batch, &berr, NULL) || berr == NULL)
				continue;
			/* one row at a time in this thousand */
			{
				ArrayType  *arr = DatumGetArrayTypeP(batch);
				Datum	   *tids;
				int			ntids;

				deconstruct_array(arr, TIDOID, sizeof(ItemPointerData), false,
								  TYPALIGN_SHORT, &tids, NULL, &ntids);
				for (int i = 0; i < ntids && !named; i++)
				{
					Oid			ttypes[1] = {TIDOID};
					ErrorData  *rerr;

					if (check_query(cs, psprintf("SELECT pg_catalog.count((%s)) FROM %s r"
												 " WHERE r.ctid OPERATOR(pg_catalog.=) $1",
												 expr, q),
									1, ttypes, &tids[i], &rerr, NULL) || rerr == NULL)
						continue;
					if (check_query(cs, psprintf("SELECT r.%s::pg_catalog.text FROM %s r"
												 " WHERE r.ctid OPERATOR(pg_catalog.=) $1",
												 quote_identifier(column), q),
									1, ttypes, &tids[i], NULL, &row))
					{
						char	   *value = first_value(&row, 1);

						SPI_cursor_close(portal);
						report(cs, rerr->sqlerrcode, rerr->message,
							   psprintf("Column \"%s\" of relation \"%s\" holds %s, which does not convert to %s.",
										column, get_rel_name(relid),
										value ? quote_literal_cstr(value) : "NULL",
										format_type_with_typemod(to, totypmod)));
					}
				}
			}
		}
		SPI_cursor_close(portal);
	}
	/* no one row fails alone: the error the whole query gave */
	report(cs, err->sqlerrcode, err->message,
		   psprintf("Column \"%s\" of relation \"%s\" holds values that do not convert to %s.",
					column, get_rel_name(relid), format_type_with_typemod(to, totypmod)));
}

static void
check_alter_table(CheckStmt *cs, AlterTableStmt *stmt, List *enums)
{
	Oid			relid;
	ListCell   *lc;

	if (stmt->objtype != OBJECT_TABLE)
		return;
	relid = live_relation(cs, stmt->relation);
	if (!OidIsValid(relid))
		return;
	foreach(lc, stmt->cmds)
	{
		AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);

		switch (cmd->subtype)
		{
			case AT_AddColumn:
				check_add_column(cs, relid, castNode(ColumnDef, cmd->def));
				break;
			case AT_SetNotNull:
				check_not_null(cs, relid, cmd->name);
				break;
			case AT_AlterColumnType:
				if (list_length(stmt->cmds) == 1)
					check_type_change(cs, relid, castNode(ColumnDef, cmd->def),
									  cmd->name, enums);
				break;
			case AT_AddConstraint:
				{
					Constraint *c = castNode(Constraint, cmd->def);
					ListCell   *lk;

					if (c->skip_validation)
						break;
					switch (c->contype)
					{
						case CONSTR_CHECK:
							check_check(cs, relid, c);
							break;
						case CONSTR_PRIMARY:
							if (c->indexname != NULL)
								break;
							foreach(lk, c->keys)
								check_not_null(cs, relid, strVal(lfirst(lk)));
							check_unique(cs, relid, c->conname, c->keys, false, NULL);
							break;
						case CONSTR_UNIQUE:
							if (c->indexname == NULL)
								check_unique(cs, relid, c->conname, c->keys,
											 c->nulls_not_distinct, NULL);
							break;
						case CONSTR_FOREIGN:
							check_foreign_key(cs, relid, c);
							break;
						default:
							break;
					}
					break;
				}
			default:
				break;
		}
	}
}

static void
check_unique_index(CheckStmt *cs, IndexStmt *stmt)
{
	Oid			relid;
	List	   *keys = NIL;
	char	   *where = NULL;
	ListCell   *lc;

	if (!stmt->unique)
		return;
	relid = live_relation(cs, stmt->relation);
	if (!OidIsValid(relid))
		return;
	foreach(lc, stmt->indexParams)
	{
		IndexElem  *ie = lfirst_node(IndexElem, lc);

		if (ie->name == NULL)
			return;				/* an expression: not checked */
		keys = lappend(keys, makeString(ie->name));
	}
	if (stmt->whereClause != NULL)
	{
		/* pg_get_indexdef() writes "WHERE (predicate)" last */
		const char *text = cs->script + cs->location;
		const char *w = NULL;
		const char *p = text;

		while ((p = strstr(p, " WHERE ")) != NULL && p < text + cs->len)
			w = p++;
		if (w == NULL)
			return;
		where = to_end(cs, (int) (w - cs->script) + 7);
	}
	check_unique(cs, relid, stmt->idxname, keys, stmt->nulls_not_distinct, where);
}

/*
 * datacheck_script(): see autogen.h.
 */
void
datacheck_script(const char *script)
{
	List	   *stmts = raw_parser(script, RAW_PARSE_DEFAULT);
	List	   *enums = NIL;
	char	   *schema = NULL;
	int			nest = pgm_guc_nest_enter();
	ListCell   *lc;

	/* every lock a check waits for is bounded as a step's is */
	if (pgm_lock_timeout > 0)
		pgm_set_local("lock_timeout", psprintf("%d", pgm_lock_timeout));

	foreach(lc, stmts)
	{
		RawStmt    *rs = lfirst_node(RawStmt, lc);
		CheckStmt	cs;
		int			len = rs->stmt_len > 0 ? rs->stmt_len :
			(int) strlen(script) - rs->stmt_location;
		const char *start = script + rs->stmt_location;
		int			slen = len;

		while (slen > 0 && (isspace((unsigned char) *start) ||
							(start[0] == '-' && start[1] == '-')))
		{
			if (*start == '-')
			{
				while (slen > 0 && *start != '\n')
					start++, slen--;
			}
			else
				start++, slen--;
		}
		cs.text = pnstrdup(start, slen);
		cs.script = script;
		cs.location = rs->stmt_location;
		cs.len = len;
		cs.schema = schema;

		switch (nodeTag(rs->stmt))
		{
			case T_VariableSetStmt:
				{
					VariableSetStmt *vs = (VariableSetStmt *) rs->stmt;

					if (vs->name != NULL && strcmp(vs->name, "search_path") == 0)
					{
						Node	   *arg = vs->args ? linitial(vs->args) : NULL;

						schema = NULL;
						if (vs->kind == VAR_SET_VALUE && arg != NULL &&
							IsA(arg, A_Const) && IsA(&((A_Const *) arg)->val, String))
							schema = pstrdup(strVal(&((A_Const *) arg)->val));
					}
					break;
				}
			case T_CreateEnumStmt:
				{
					CreateEnumStmt *ce = (CreateEnumStmt *) rs->stmt;
					NewEnum    *e = palloc0(sizeof(NewEnum));
					ListCell   *lv;

					DeconstructQualifiedName(ce->typeName, &e->schema, &e->name);
					if (e->schema == NULL && schema != NULL)
						e->schema = schema;
					foreach(lv, ce->vals)
						e->labels = lappend(e->labels, strVal(lfirst(lv)));
					enums = lappend(enums, e);
					break;
				}
			case T_AlterTableStmt:
				check_alter_table(&cs, (AlterTableStmt *) rs->stmt, enums);
				break;
			case T_IndexStmt:
				check_unique_index(&cs, (IndexStmt *) rs->stmt);
				break;
			default:
				break;
		}
	}
	pgm_guc_nest_leave(nest);
}
