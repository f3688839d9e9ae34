/*-------------------------------------------------------------------------
 *
 * extension.c
 *	  DDL for extensions: CREATE EXTENSION with schema and version, DROP
 *	  EXTENSION, ALTER EXTENSION UPDATE TO / SET SCHEMA.
 *
 * Whether an update path exists and whether an extension can be moved to
 * another schema depends on the extension's control and script files,
 * which only the server knows: both are asked of the server that computes
 * the diff.  When no update path exists the extension is dropped and
 * created again at the target's version, with what depends on it; a
 * version the server cannot install is an error.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

/*
 * Run a query of text parameters that returns at most one row of one
 * column; true when it returns a row whose first column is not false.
 */
static bool
server_says(const char *query, int nargs, const char *arg1,
			const char *arg2, const char *arg3)
{
	Oid			types[3] = {TEXTOID, TEXTOID, TEXTOID};
	Datum		values[3];
	const char *args[3] = {arg1, arg2, arg3};
	bool		result = false;
	int			rc;

	for (int i = 0; i < nargs; i++)
		values[i] = CStringGetTextDatum(args[i]);

	if ((rc = SPI_connect()) != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed: %s",
			 SPI_result_code_string(rc));
	rc = SPI_execute_with_args(query, nargs, types, values, NULL, true, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "extension query failed: %s",
			 SPI_result_code_string(rc));
	if (SPI_processed > 0)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0],
									  SPI_tuptable->tupdesc, 1, &isnull);

		if (isnull)
			result = false;
		else if (SPI_gettypeid(SPI_tuptable->tupdesc, 1) == BOOLOID)
			result = DatumGetBool(d);
		else
			result = true;
	}
	SPI_finish();
	return result;
}

static bool
extension_available(const char *name)
{
	return server_says("SELECT true FROM pg_catalog.pg_available_extensions"
					   " WHERE name OPERATOR(pg_catalog.=) $1",
					   1, name, NULL, NULL);
}

/* Can ALTER EXTENSION name UPDATE TO target run from version source? */
static bool
extension_update_path_exists(const char *name, const char *source,
							 const char *target)
{
	if (!extension_available(name))
		return false;
	return server_says("SELECT true"
					   "  FROM pg_catalog.pg_extension_update_paths($1)"
					   " WHERE source OPERATOR(pg_catalog.=) $2"
					   "   AND target OPERATOR(pg_catalog.=) $3"
					   "   AND path IS NOT NULL",
					   3, name, source, target);
}

/* Can CREATE EXTENSION name VERSION version run on this server? */
static bool
extension_version_available(const char *name, const char *version)
{
	return server_says("SELECT true"
					   "  FROM pg_catalog.pg_available_extension_versions"
					   " WHERE name OPERATOR(pg_catalog.=) $1"
					   "   AND version OPERATOR(pg_catalog.=) $2",
					   2, name, version, NULL);
}

/* Is version "version" of the extension relocatable (SET SCHEMA)? */
static bool
extension_relocatable(const char *name, const char *version)
{
	if (!extension_available(name))
		return false;
	return server_says("SELECT relocatable"
					   "  FROM pg_catalog.pg_available_extension_versions"
					   " WHERE name OPERATOR(pg_catalog.=) $1"
					   "   AND version OPERATOR(pg_catalog.=) $2",
					   2, name, version, NULL);
}

/*
 * The schema an extension is installed in, as a dependency of its node:
 * the engine then creates the schema before the extension and drops it
 * after (a snapshot records no such dependency: the schema is an
 * attribute).
 */
static void
depend_on_schema(DiffContext *cx, Graph *g, GNode *ext)
{
	char	   *schema = gnode_str(ext, "schema");
	GNode	   *node;

	if (schema == NULL)
		return;
	node = graph_find(g, psprintf("%s %s", pgm_kinds[OBJ_SCHEMA].label,
								  quote_identifier(schema)));
	if (node != NULL && !list_member_ptr(ext->deps, node))
		diff_set_deps(cx, ext, lappend(list_copy(ext->deps), node));
}

static void
extension_create(DiffContext *cx, GNode *t)
{
	DiffStep   *step;
	char	   *schema = gnode_str(t, "schema");
	char	   *version = gnode_str(t, "version");

	depend_on_schema(cx, cx->target, t);
	step = diff_step(cx, STEP_CREATE, t, "CREATE EXTENSION IF NOT EXISTS %s",
					 quote_identifier(t->name));
	if (schema != NULL)
		step_append(step, " WITH SCHEMA %s", quote_identifier(schema));
	if (version != NULL)
		step_append(step, " VERSION %s", ddl_literal(version));
	step_append(step, ";");
}

static void
extension_drop(DiffContext *cx, GNode *s)
{
	depend_on_schema(cx, cx->source, s);
	diff_step(cx, STEP_DROP, s, "DROP EXTENSION %s;",
			  quote_identifier(s->name));
}

static void
extension_alter(DiffContext *cx, GNode *s, GNode *t)
{
	char	   *name = t->name;
	char	   *sversion = gnode_str(s, "version");
	char	   *tversion = gnode_str(t, "version");
	char	   *sschema = gnode_str(s, "schema");
	char	   *tschema = gnode_str(t, "schema");
	bool		update = false;
	bool		no_path = false;
	bool		move = false;
	bool		move_first = false;

	depend_on_schema(cx, cx->source, s);
	depend_on_schema(cx, cx->target, t);

	if (sversion != NULL && tversion != NULL && strcmp(sversion, tversion) != 0)
	{
		if (extension_update_path_exists(name, sversion, tversion))
			update = true;
		else
			no_path = true;
	}

	/*
	 * A move needs the extension to be relocatable in the version installed
	 * at that moment: after the update, or else before it.  An extension
	 * that is relocatable in neither is dropped and created again.
	 */
	if (sschema != NULL && tschema != NULL && strcmp(sschema, tschema) != 0)
	{
		move = true;
		if (extension_relocatable(name, update ? tversion : sversion))
			move_first = false;
		else if (update && extension_relocatable(name, sversion))
			move_first = true;
		else
		{
			diff_rebuild(cx, s, t);
			return;
		}
	}

	if (move && move_first)
		diff_step(cx, STEP_ALTER, t, "ALTER EXTENSION %s SET SCHEMA %s;",
				  quote_identifier(name), quote_identifier(tschema));
	if (update)
		diff_step(cx, STEP_ALTER, t, "ALTER EXTENSION %s UPDATE TO %s;",
				  quote_identifier(name), ddl_literal(tversion));

	/*
	 * No update path (a downgrade, mostly): drop the extension and create
	 * it at the target's version, with what depends on it rebuilt (columns
	 * of its types are dropped and added: data_loss).  A version this
	 * server cannot install is refused: no script could reach the target.
	 */
	if (no_path)
	{
		if (!extension_version_available(name, tversion))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("extension \"%s\" cannot go from version \"%s\" to version \"%s\"",
							name, sversion, tversion),
					 errdetail("There is no update path between the two versions, and version \"%s\" cannot be installed on this server.",
							   tversion),
					 errhint("Install the extension's files for version \"%s\", or keep version \"%s\" in the target.",
							 tversion, sversion)));
		diff_rebuild(cx, s, t);
		return;
	}
	if (move && !move_first)
		diff_step(cx, STEP_ALTER, t, "ALTER EXTENSION %s SET SCHEMA %s;",
				  quote_identifier(name), quote_identifier(tschema));
}

const DdlHandler pgm_ddl_extension = {
	.create = extension_create,
	.drop = extension_drop,
	.alter = extension_alter,
	.sql_kind = "EXTENSION",
};
