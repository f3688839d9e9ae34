/*-------------------------------------------------------------------------
 *
 * property.c
 *	  The SQL functions that declare the properties of mapped views
 *	  (docs/mapped-views.md): migrate_map,
 *	  migrate_column_property, migrate_relationship, migrate_property_drop.
 *
 * Each one stores rows of migrate_properties, then regenerates the mapped
 * views of the relation's schema (src/mapped/):
 *
 * - a schema with a stored model changes only through revisions: the
 *   properties are part of its model (migrate_model() shows the generated
 *   views, migrate_revision() writes them), so the live schema is left
 *   alone and the new properties are only checked, by building the model
 *   and its views in a shadow schema that is rolled back;
 * - a schema without a model gets its mapped views at once, in the
 *   caller's transaction.
 *
 * Relations are named as text ('polls', 'app.polls') and resolved against
 * the stored models first and the live database second.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "catalog/dependency.h"
#include "catalog/pg_extension.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"

#include "mapped.h"

PG_FUNCTION_INFO_V1(migrate_map);
PG_FUNCTION_INFO_V1(migrate_column_property);
PG_FUNCTION_INFO_V1(migrate_relationship);
PG_FUNCTION_INFO_V1(migrate_property_drop);

static char *
text_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", what)));
	return text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

static char *
name_arg(FunctionCallInfo fcinfo, int argno, const char *what)
{
	char	   *name;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", what)));
	name = pstrdup(NameStr(*PG_GETARG_NAME(argno)));
	if (name[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_NAME),
				 errmsg("%s must not be empty", what)));
	return name;
}

static char *
opt_text(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NULL : text_to_cstring(PG_GETARG_TEXT_PP(argno));
}

static char *
opt_name(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NULL : pstrdup(NameStr(*PG_GETARG_NAME(argno)));
}

/*
 * A column property is one value per row of its table: the type of its
 * expression is neither a row type (a whole row, such as the expression
 * "polls" of table polls, or a ROW(...)), a domain over one, nor a
 * pseudo-type (record, void, ...), and the expression returns no set.  A
 * deferred property becomes a SQL function returning that type, which
 * PostgreSQL 15 cannot validate for a whole row (the backend crashed); a
 * set would multiply the rows of the mapped view.
 */
void
mapped_check_value_type(const char *label, const char *expression,
						Oid type, bool returns_set)
{
	char		typtype;

	if (returns_set)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("column property %s: the expression returns a set", label),
				 errdetail("Expression: %s", expression),
				 errhint("A column property is one value per row: write a scalar subquery, e.g. (SELECT count(*) FROM ...).")));
	if (!OidIsValid(type))
		return;
	typtype = get_typtype(getBaseType(type));
	if (typtype == TYPTYPE_COMPOSITE || typtype == TYPTYPE_PSEUDO)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column property %s: the expression is of type %s, which is not one value",
						label, format_type_be(type)),
				 errdetail("Expression: %s", expression),
				 typtype == TYPTYPE_COMPOSITE ?
				 errhint("A column property is one value per row, not a row: select one field of it, or use migrate_relationship() to load related rows.") :
				 errhint("A column property is one value of a data type per row.")));
}

/* ----------------------------------------------------------------
 * Resolving relation names
 * ----------------------------------------------------------------
 */

static bool
model_has_table(const char *schema, const char *table)
{
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		values[2] = {CStringGetTextDatum(schema), CStringGetTextDatum(table)};

	if (SPI_execute_with_args(psprintf("SELECT 1 FROM %s.migrate_models m"
									   " WHERE m.schema_name OPERATOR(pg_catalog.=) $1::pg_catalog.name"
									   "   AND pg_catalog.jsonb_exists(m.model OPERATOR(pg_catalog.->) 'schemas'"
									   "       OPERATOR(pg_catalog.->) $1 OPERATOR(pg_catalog.->) 'tables', $2)",
									   mapped_ext_schema()),
							  2, types, values, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "pg_migrate: reading the models failed");
	return SPI_processed > 0;
}

static bool
live_has_table(const char *schema, const char *table)
{
	Oid			nsp = get_namespace_oid(schema, true);
	Oid			relid;
	char		kind;

	if (!OidIsValid(nsp))
		return false;
	relid = get_relname_relid(table, nsp);
	if (!OidIsValid(relid))
		return false;
	kind = get_rel_relkind(relid);
	return kind == RELKIND_RELATION || kind == RELKIND_PARTITIONED_TABLE;
}

/* The schemas whose model (or, live, whose tables) hold a table of name. */
static List *
schemas_with_table(const char *table, bool in_models)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(table)};
	List	   *out = NIL;
	MemoryContext cxt = CurrentMemoryContext;
	char	   *sql;

	if (in_models)
		sql = psprintf("SELECT m.schema_name::pg_catalog.text FROM %s.migrate_models m"
					   " WHERE pg_catalog.jsonb_exists(m.model OPERATOR(pg_catalog.->) 'schemas'"
					   "       OPERATOR(pg_catalog.->) m.schema_name::pg_catalog.text"
					   "       OPERATOR(pg_catalog.->) 'tables', $1)"
					   " ORDER BY m.schema_name::pg_catalog.text COLLATE \"C\"", mapped_ext_schema());
	else
		sql = "SELECT n.nspname::pg_catalog.text FROM pg_catalog.pg_class c"
			" JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) c.relnamespace"
			" WHERE c.relname OPERATOR(pg_catalog.=) $1::pg_catalog.name"
			"   AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,p}'::pg_catalog.\"char\"[])"
			"   AND n.nspname OPERATOR(pg_catalog.!~) '^pg_'"
			"   AND n.nspname OPERATOR(pg_catalog.<>) 'information_schema'"
			" ORDER BY n.nspname COLLATE \"C\"";
	if (SPI_execute_with_args(sql, 1, types, values, NULL, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "pg_migrate: looking up table \"%s\" failed", table);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);

		out = lappend(out, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
		MemoryContextSwitchTo(old);
	}
	return out;
}

static char *
list_text(List *names)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, names)
		appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", quote_identifier(lfirst(lc)));
	return buf.data;
}

/*
 * A table that belongs to an extension (pg_migrate's own migrate_version,
 * migrate_properties, ...) has no properties: a mapped view depends on its
 * table, so DROP EXTENSION would fail, and snapshots and models leave the
 * objects of extensions out.
 */
static void
refuse_extension_table(const char *text, const char *what,
					   const char *schema, const char *table)
{
	Oid			nsp = get_namespace_oid(schema, true);
	Oid			relid = OidIsValid(nsp) ? get_relname_relid(table, nsp) : InvalidOid;
	Oid			ext = OidIsValid(relid) ?
		getExtensionOfObject(RelationRelationId, relid) : InvalidOid;

	if (OidIsValid(ext))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s \"%s\" is a table of extension \"%s\", which cannot have properties",
						what, text, get_extension_name(ext)),
				 errdetail("A mapped view depends on its table: over a table of an extension it would make DROP EXTENSION fail, and snapshots and models leave the objects of extensions out."),
				 errhint("Map the tables of the application.")));
}

/*
 * Resolve a relation given as text: the stored models first, the live
 * database second.  Returns "schema.table" as stored in migrate_properties.
 */
static char *
resolve_relation(const char *text, const char *what, char **schema, char **table)
{
	List	   *names = stringToQualifiedNameList(text);

	if (list_length(names) == 2)
	{
		*schema = strVal(linitial(names));
		*table = strVal(lsecond(names));
		if (model_has_table(*schema, *table))
			return psprintf("%s.%s", quote_identifier(*schema), quote_identifier(*table));
		if (mapped_schema_has_model(*schema))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("%s \"%s\" is not a table of the model of schema \"%s\"",
							what, text, *schema),
					 errhint("Add the table to the model first (migrate_model_set()).")));
		if (!live_has_table(*schema, *table))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("%s \"%s\" does not exist", what, text),
					 errdetail("It is neither a table of a stored model nor a table of the database.")));
	}
	else if (list_length(names) == 1)
	{
		List	   *found;

		*table = strVal(linitial(names));
		found = schemas_with_table(*table, true);
		if (found == NIL)
			found = schemas_with_table(*table, false);
		if (found == NIL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("%s \"%s\" does not exist", what, text),
					 errdetail("It is neither a table of a stored model nor a table of the database.")));
		if (list_length(found) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_AMBIGUOUS_ALIAS),
					 errmsg("%s \"%s\" is ambiguous: schemas %s each have a table of that name",
							what, text, list_text(found)),
					 errhint("Qualify it: '%s.%s'.", quote_identifier(linitial(found)),
							 quote_identifier(*table))));
		*schema = linitial(found);
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_NAME),
				 errmsg("%s \"%s\" is not a table name", what, text),
				 errhint("Write 'table' or 'schema.table'.")));
	refuse_extension_table(text, what, *schema, *table);
	return psprintf("%s.%s", quote_identifier(*schema), quote_identifier(*table));
}

/*
 * The relation of stored properties that text names ("polls", "app.polls"),
 * or NULL: a table that was dropped keeps its properties until they are
 * dropped, so migrate_property_drop() finds them by name first.
 */
static char *
stored_relation(const char *text, char **schema, char **table)
{
	List	   *names = stringToQualifiedNameList(text);
	char	   *found = NULL;
	int			nfound = 0;

	if (list_length(names) < 1 || list_length(names) > 2)
		return NULL;
	if (SPI_execute(psprintf("SELECT DISTINCT p.relation FROM %s.migrate_properties p",
							 mapped_ext_schema()), false, 0) != SPI_OK_SELECT)
		elog(ERROR, "pg_migrate: reading the properties failed");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		char	   *relation = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		List	   *parts = stringToQualifiedNameList(relation);

		if (list_length(parts) != 2 ||
			strcmp(strVal(lsecond(parts)), strVal(llast(names))) != 0 ||
			(list_length(names) == 2 &&
			 strcmp(strVal(linitial(parts)), strVal(linitial(names))) != 0))
			continue;
		found = relation;
		*schema = strVal(linitial(parts));
		*table = strVal(lsecond(parts));
		nfound++;
	}
	return nfound == 1 ? found : NULL;
}

/* ----------------------------------------------------------------
 * Storing and applying
 * ----------------------------------------------------------------
 */

static void
begin_change(void)
{
	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "pg_migrate: SPI_connect failed");
}

/* Insert or replace one row of migrate_properties. */
static void
store_property(const char *relation, const char *name, const char *kind,
			   const char *definition_sql, int nargs, Oid *types, Datum *values,
			   const char *nulls)
{
	char	   *sql;
	Oid			t[16];
	Datum		v[16];
	char		n[16];

	Assert(nargs + 2 <= 16);
	t[0] = TEXTOID;
	t[1] = TEXTOID;
	v[0] = CStringGetTextDatum(relation);
	v[1] = CStringGetTextDatum(name);
	n[0] = ' ';
	n[1] = ' ';
	for (int i = 0; i < nargs; i++)
	{
		t[i + 2] = types[i];
		v[i + 2] = values[i];
		n[i + 2] = nulls ? nulls[i] : ' ';
	}
	sql = psprintf("INSERT INTO %s.migrate_properties AS p (relation, name, kind, definition)"
				   " VALUES ($1, $2::pg_catalog.name, %s, %s)"
				   " ON CONFLICT (relation, name) DO UPDATE"
				   " SET kind = excluded.kind, definition = excluded.definition,"
				   "     created_at = pg_catalog.now()",
				   mapped_ext_schema(), quote_literal_cstr(kind), definition_sql);
	if (SPI_execute_with_args(sql, nargs + 2, t, v, n, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "pg_migrate: storing property \"%s\" failed", name);
}

/* Delete the rows that backref of relation.name created. */
static void
delete_backrefs(const char *relation, const char *name)
{
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		values[2] = {CStringGetTextDatum(relation), CStringGetTextDatum(name)};

	if (SPI_execute_with_args(psprintf("DELETE FROM %s.migrate_properties p"
									   " WHERE p.definition OPERATOR(pg_catalog.->) 'backref_of'"
									   "   OPERATOR(pg_catalog.=) pg_catalog.jsonb_build_array($1, $2)",
									   mapped_ext_schema()),
							  2, types, values, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "pg_migrate: deleting a backref failed");
}

/*
 * The properties of schema changed: with a model, check them by building
 * the model and its views in a shadow schema; without one, rebuild the
 * mapped views of the live schema.
 */
static void
end_change(const char *schema, List *old, bool check)
{
	if (mapped_schema_has_model(schema) && !check)
	{
		/*
		 * A drop in a modelled schema is not checked: a model change may
		 * have broken several properties, which are dropped one by one.
		 * migrate_model() checks what is left.
		 */
	}
	else if (mapped_schema_has_model(schema))
	{
		Oid			types[1] = {TEXTOID};
		Datum		values[1] = {CStringGetTextDatum(schema)};
		bool		isnull;
		Jsonb	   *doc;

		if (SPI_execute_with_args(psprintf("SELECT m.model FROM %s.migrate_models m"
										   " WHERE m.schema_name OPERATOR(pg_catalog.=) $1::pg_catalog.name",
										   mapped_ext_schema()),
								  1, types, values, NULL, false, 1) != SPI_OK_SELECT ||
			SPI_processed != 1)
			elog(ERROR, "pg_migrate: reading the model of \"%s\" failed", schema);
		doc = DatumGetJsonbPCopy(SPI_getbinval(SPI_tuptable->vals[0],
											   SPI_tuptable->tupdesc, 1, &isnull));
		(void) mapped_model_extend(doc, CurrentMemoryContext);
		ereport(NOTICE,
				(errmsg("the mapped views of schema \"%s\" are part of its model",
						schema),
				 errhint("migrate_check() shows the change; migrate_revision() writes it into a revision.")));
	}
	else
		mapped_apply_live(schema, old, !check);
	SPI_finish();
}

/* ----------------------------------------------------------------
 * migrate_map(relation text, view name DEFAULT NULL) RETURNS void
 * ----------------------------------------------------------------
 */
Datum
migrate_map(PG_FUNCTION_ARGS)
{
	char	   *rel = text_arg(fcinfo, 0, "relation");
	char	   *view = opt_name(fcinfo, 1);
	char	   *schema,
			   *table,
			   *relation;
	List	   *old;
	Oid			types[1] = {TEXTOID};
	Datum		values[1];

	if (view != NULL && view[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_NAME),
				 errmsg("the name of the mapped view must not be empty")));
	begin_change();
	relation = resolve_relation(rel, "relation", &schema, &table);
	old = mapped_load_props(schema);
	if (view == NULL)
		view = psprintf("%s_mapped", table);

	values[0] = CStringGetTextDatum(relation);
	if (SPI_execute_with_args(psprintf("DELETE FROM %s.migrate_properties p"
									   " WHERE p.relation OPERATOR(pg_catalog.=) $1"
									   "   AND p.kind OPERATOR(pg_catalog.=) 'map'",
									   mapped_ext_schema()),
							  1, types, values, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "pg_migrate: deleting the map of \"%s\" failed", relation);
	values[0] = CStringGetTextDatum(view);
	store_property(relation, view, "map",
				   "pg_catalog.jsonb_build_object('view', $3)", 1, types, values, NULL);
	end_change(schema, old, true);
	PG_RETURN_VOID();
}

/* ----------------------------------------------------------------
 * migrate_column_property(relation text, name name, expression text,
 *						   deferred boolean DEFAULT false) RETURNS void
 * ----------------------------------------------------------------
 */
Datum
migrate_column_property(PG_FUNCTION_ARGS)
{
	char	   *rel = text_arg(fcinfo, 0, "relation");
	char	   *name = name_arg(fcinfo, 1, "the name of a column property");
	char	   *expression = text_arg(fcinfo, 2, "the expression of a column property");
	bool		deferred = PG_ARGISNULL(3) ? false : PG_GETARG_BOOL(3);
	char	   *schema,
			   *table,
			   *relation;
	List	   *old;
	Oid			types[2] = {TEXTOID, BOOLOID};
	Datum		values[2];

	begin_change();
	relation = resolve_relation(rel, "relation", &schema, &table);
	mapped_check_expression(psprintf("%s.%s", quote_identifier(table), quote_identifier(name)),
							expression);
	old = mapped_load_props(schema);
	delete_backrefs(relation, name);
	values[0] = CStringGetTextDatum(expression);
	values[1] = BoolGetDatum(deferred);
	store_property(relation, name, "column_property",
				   "pg_catalog.jsonb_build_object('expression', $3, 'deferred', $4)",
				   2, types, values, NULL);
	end_change(schema, old, true);
	PG_RETURN_VOID();
}

/* ----------------------------------------------------------------
 * migrate_relationship(relation text, name name, target text,
 *		lazy text DEFAULT 'select', backref name DEFAULT NULL,
 *		foreign_key name DEFAULT NULL, secondary text DEFAULT NULL,
 *		uselist boolean DEFAULT NULL, order_by text DEFAULT NULL)
 * ----------------------------------------------------------------
 */
Datum
migrate_relationship(PG_FUNCTION_ARGS)
{
	char	   *rel = text_arg(fcinfo, 0, "relation");
	char	   *name = name_arg(fcinfo, 1, "the name of a relationship");
	char	   *target_arg = text_arg(fcinfo, 2, "the target of a relationship");
	char	   *lazy = PG_ARGISNULL(3) ? "select" : text_to_cstring(PG_GETARG_TEXT_PP(3));
	char	   *backref = opt_name(fcinfo, 4);
	char	   *foreign_key = opt_name(fcinfo, 5);
	char	   *secondary_arg = opt_text(fcinfo, 6);
	char	   *order_by = opt_text(fcinfo, 8);
	char	   *schema,
			   *table,
			   *relation;
	char	   *tschema,
			   *ttable,
			   *target;
	char	   *secondary = NULL;
	List	   *old;
	bool		known = false;
	Oid			types[7] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, BOOLOID, TEXTOID, TEXTOID};
	Datum		values[7];
	char		nulls[7];

	for (int s = LOAD_SELECT; s <= LOAD_NOLOAD; s++)
		if (strcmp(lazy, mapped_strategy_name((LoadStrategy) s)) == 0)
			known = true;
	if (!known)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown loading strategy \"%s\" for relationship \"%s\"", lazy, name),
				 errhint("lazy is one of SQLAlchemy's: select, joined, selectin, subquery, raise, noload.")));
	if (backref != NULL && backref[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_NAME),
				 errmsg("backref must not be empty")));
	if (order_by != NULL && strchr(order_by, ';') != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_SYNTAX_ERROR),
				 errmsg("order_by of relationship \"%s\" is not an ORDER BY list: %s",
						name, order_by)));

	begin_change();
	relation = resolve_relation(rel, "relation", &schema, &table);
	target = resolve_relation(target_arg, "target", &tschema, &ttable);
	if (strcmp(schema, tschema) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("relationship %s.%s: target %s is in another schema",
						quote_identifier(table), quote_identifier(name), target),
				 errdetail("A mapped view and the views it embeds belong to one schema (and one model).")));
	if (secondary_arg != NULL)
	{
		char	   *sschema,
				   *stable;

		secondary = resolve_relation(secondary_arg, "secondary", &sschema, &stable);
		if (strcmp(schema, sschema) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("relationship %s.%s: association table %s is in another schema",
							quote_identifier(table), quote_identifier(name), secondary)));
	}
	if (backref != NULL && strcmp(relation, target) == 0 && strcmp(backref, name) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("relationship %s.%s cannot be its own backref",
						quote_identifier(table), quote_identifier(name))));

	old = mapped_load_props(schema);
	delete_backrefs(relation, name);

	memset(nulls, ' ', sizeof(nulls));
	values[0] = CStringGetTextDatum(target);
	values[1] = CStringGetTextDatum(lazy);
	values[2] = foreign_key ? CStringGetTextDatum(foreign_key) : (Datum) 0;
	nulls[2] = foreign_key ? ' ' : 'n';
	values[3] = secondary ? CStringGetTextDatum(secondary) : (Datum) 0;
	nulls[3] = secondary ? ' ' : 'n';
	values[4] = PG_ARGISNULL(7) ? (Datum) 0 : BoolGetDatum(PG_GETARG_BOOL(7));
	nulls[4] = PG_ARGISNULL(7) ? 'n' : ' ';
	values[5] = order_by ? CStringGetTextDatum(order_by) : (Datum) 0;
	nulls[5] = order_by ? ' ' : 'n';
	values[6] = backref ? CStringGetTextDatum(backref) : (Datum) 0;
	nulls[6] = backref ? ' ' : 'n';
	store_property(relation, name, "relationship",
				   "pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object("
				   "'target', $3, 'lazy', $4, 'foreign_key', $5, 'secondary', $6,"
				   " 'uselist', $7, 'order_by', $8, 'backref', $9))",
				   7, types, values, nulls);

	if (backref != NULL)
	{
		/* The reverse relationship, on the target, with the same strategy. */
		values[0] = CStringGetTextDatum(relation);
		values[4] = CStringGetTextDatum(name);
		nulls[4] = ' ';
		types[4] = TEXTOID;
		values[5] = CStringGetTextDatum(relation);
		nulls[5] = ' ';
		store_property(target, backref, "relationship",
					   "pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object("
					   "'target', $3, 'lazy', $4, 'foreign_key', $5, 'secondary', $6,"
					   " 'backref_of', pg_catalog.jsonb_build_array($8, $7)))",
					   6, types, values, nulls);
	}
	end_change(schema, old, true);
	PG_RETURN_VOID();
}

/* ----------------------------------------------------------------
 * migrate_property_drop(relation text, name name) RETURNS void
 * ----------------------------------------------------------------
 */
Datum
migrate_property_drop(PG_FUNCTION_ARGS)
{
	char	   *rel = text_arg(fcinfo, 0, "relation");
	char	   *name = name_arg(fcinfo, 1, "the name of a property");
	char	   *schema,
			   *table,
			   *relation;
	List	   *old;
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		values[2];

	begin_change();
	relation = stored_relation(rel, &schema, &table);
	if (relation == NULL)
		relation = resolve_relation(rel, "relation", &schema, &table);
	old = mapped_load_props(schema);
	values[0] = CStringGetTextDatum(relation);
	values[1] = CStringGetTextDatum(name);
	if (SPI_execute_with_args(psprintf("DELETE FROM %s.migrate_properties p"
									   " WHERE p.relation OPERATOR(pg_catalog.=) $1"
									   "   AND p.name OPERATOR(pg_catalog.=) $2::pg_catalog.name",
									   mapped_ext_schema()),
							  2, types, values, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "pg_migrate: dropping property \"%s\" failed", name);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("table %s has no property \"%s\"", relation, name),
				 errhint("The table migrate_properties lists them.")));
	delete_backrefs(relation, name);
	end_change(schema, old, false);
	PG_RETURN_VOID();
}
