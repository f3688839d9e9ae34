/*-------------------------------------------------------------------------
 *
 * model.c
 *	  Models: the desired state of a schema, stored in migrate_models
 *	  (docs/models.md).
 *
 * migrate_model_set() validates DDL by running it in a throwaway shadow
 * schema, inside a subtransaction that is always rolled back, and stores
 * the snapshot of the shadow schema under the model's schema name.  The
 * other functions store snapshot documents (imported or captured), read
 * them back merged, and drop them.  migrate_check() is written in SQL over
 * migrate_snapshot(), migrate_model() and migrate_diff().
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "access/htup_details.h"
#include "access/relation.h"
#include "access/table.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "commands/dbcommands.h"
#include "commands/extension.h"
#include "commands/matview.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "tcop/tcopprot.h"
#include "tcop/utility.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/resowner.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "checksum.h"
#include "mapped.h"
#include "model_refs.h"
#include "snapshot.h"

PG_FUNCTION_INFO_V1(migrate_model_set);
PG_FUNCTION_INFO_V1(migrate_model_import);
PG_FUNCTION_INFO_V1(migrate_model_capture);
PG_FUNCTION_INFO_V1(migrate_model);
PG_FUNCTION_INFO_V1(migrate_model_drop);

#include "model_int.h"

static int	shadow_counter = 0;

static bool schema_holds_objects(Jsonb *doc, const char *schema);

/* Run a statement of the extension's own through SPI; expect: its SPI_OK_*. */
static void
spi_exec(const char *sql, int nargs, Oid *types, Datum *values, int expect)
{
	pgm_spi_check(SPI_execute_with_args(sql, nargs, types, values, NULL, false, 0),
				  expect, sql);
}

/* A schema name given to a model function: not NULL, not a system schema. */
static char *
model_schema_arg(FunctionCallInfo fcinfo, int argno)
{
	char	   *name;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("schema must not be null")));
	name = NameStr(*PG_GETARG_NAME(argno));
	if (name[0] == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_SCHEMA_NAME),
				 errmsg("schema name must not be empty")));
	if (strcmp(name, "pg_catalog") == 0 ||
		strcmp(name, "information_schema") == 0 ||
		strncmp(name, "pg_", 3) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_RESERVED_NAME),
				 errmsg("schema \"%s\" cannot have a model", name),
				 errdetail("Names starting with \"pg_\" and information_schema are reserved for system schemas.")));
	return name;
}

/* ----------------------------------------------------------------
 * Storing documents
 * ----------------------------------------------------------------
 */

/* Is a document's scope "all" (migrate_snapshot() of every schema)? */
static bool
document_scope_all(Jsonb *doc)
{
	JsonbValue	v;

	return getKeyJsonValueFromContainer(&doc->root, "scope", 5, &v) != NULL &&
		v.type == jbvString && v.val.string.len == 3 &&
		strncmp(v.val.string.val, "all", 3) == 0;
}

/*
 * The database-wide objects of document doc (an SQL expression): its
 * top-level keys but its format, scope, extensions and schemas (casts,
 * default privileges of no schema, publications, ..., and the unmodeled
 * ones), as a jsonb object.
 */
#define MODEL_DATABASE_WIDE(doc) \
	"(SELECT COALESCE(pg_catalog.jsonb_object_agg(g.key, g.value), '{}'::pg_catalog.jsonb)" \
	"   FROM pg_catalog.jsonb_each(" doc ") g" \
	"  WHERE g.key OPERATOR(pg_catalog.<>) ALL" \
	"        ('{format,scope,extensions,schemas}'::pg_catalog.text[]))"

/*
 * Does migrate_models have this column of version 0.2 (checked_hash,
 * snapshot_hash)?  Not while the SQL objects are still those of version
 * 0.1: ALTER EXTENSION pg_migrate UPDATE runs its script with this library
 * loaded, so every function that reads or writes them asks first.  Without
 * checked_hash every stored model is checked when read; without
 * snapshot_hash autogenerate hashes the document it reached as it always
 * did.
 */
static bool
models_column_exists(const char *column)
{
	Oid			ext = get_extension_oid("pg_migrate", false);
	Oid			rel = get_relname_relid("migrate_models", pgm_extension_schema(ext));

	return OidIsValid(rel) && get_attnum(rel, column) != InvalidAttrNumber;
}

/*
 * The checked_hash of a model row: a 64-bit hash of its jsonb value's bytes
 * (hash_bytes_extended(), as PostgreSQL's hash indexes use).  A stored
 * model whose checked_hash is the hash of its model was checked by the
 * strict reader when pg_migrate stored it, and is not checked again when
 * read (docs/models.md); a row written behind pg_migrate's back (UPDATE
 * ... SET model) no longer matches and is checked.
 */
static int64
model_hash(Jsonb *doc)
{
	return (int64) hash_bytes_extended((const unsigned char *) VARDATA_ANY(doc),
									   VARSIZE_ANY_EXHDR(doc), 0);
}

/*
 * Check the rows store_document() wrote (SPI_tuptable: schema_name,
 * model) with the strict reader and record that they passed; with_hash:
 * record the snapshot hash of each row's model too (its snapshot_hash
 * column, which autogenerate takes for the hash of a document it reaches
 * that is this row's model byte for byte: single_model()).
 */
static void
mark_checked(const char *ext, bool with_hash)
{
	SPITupleTable *rows = SPI_tuptable;
	uint64		n = SPI_processed;
	char	   *sql = psprintf("UPDATE %s.migrate_models SET checked_hash = $2%s"
							   " WHERE schema_name OPERATOR(pg_catalog.=) $1",
							   ext, with_hash ? ", snapshot_hash = $3" : "");

	for (uint64 i = 0; i < n; i++)
	{
		Oid			types[3] = {NAMEOID, INT8OID, TEXTOID};
		Datum		values[3];
		bool		isnull;
		Jsonb	   *model;
		int			ret;

		values[0] = SPI_getbinval(rows->vals[i], rows->tupdesc, 1, &isnull);
		model = DatumGetJsonbP(SPI_getbinval(rows->vals[i], rows->tupdesc, 2, &isnull));
		docread_check(model, "of the stored models");
		values[1] = Int64GetDatum(model_hash(model));
		if (with_hash)
			values[2] = CStringGetTextDatum(snapshot_hash(model));
		ret = SPI_execute_with_args(sql, with_hash ? 3 : 2, types, values,
									NULL, false, 0);
		pgm_spi_check(ret, SPI_OK_UPDATE, "storing the model");
	}
	SPI_freetuptable(rows);
}

/*
 * Store one row per schema of a snapshot document: each row is the
 * document cut down to that schema (scope [schema], the extensions
 * installed in it).  ddl is stored with each row (NULL: none).
 *
 * A document of every schema (scope "all") makes the stored models manage
 * every schema (docs/models.md, *Scope*): it replaces them all (the models
 * of schemas it does not hold are dropped), and its rows keep the scope
 * "all" and also the extensions installed outside its schemas (plpgsql in
 * pg_catalog) and its database-wide objects, so that migrate_model() of
 * every model is that document again.
 */
static void
store_document(Jsonb *doc, const char *ddl)
{
	const char *ext = pgm_ext_schema();
	bool		all = document_scope_all(doc);
	char	   *sql;
	Oid			types[3] = {JSONBOID, TEXTOID, BOOLOID};
	Datum		values[3];
	char		nulls[3] = {' ', ddl ? ' ' : 'n', ' '};
	bool		checked = models_column_exists("checked_hash");
	bool		hashed = models_column_exists("snapshot_hash");
	int			ret;

	values[0] = JsonbPGetDatum(doc);
	values[1] = ddl ? CStringGetTextDatum(ddl) : (Datum) 0;
	values[2] = BoolGetDatum(all);
	if (all)
	{
		ret = SPI_execute_with_args(psprintf("DELETE FROM %s.migrate_models m"
											 " WHERE NOT ($1 OPERATOR(pg_catalog.->) 'schemas')"
											 "   OPERATOR(pg_catalog.?) m.schema_name::pg_catalog.text",
											 ext),
									1, types, values, nulls, false, 0);
		pgm_spi_check(ret, SPI_OK_DELETE, "replacing the models");
	}
	sql = psprintf("INSERT INTO %s.migrate_models AS m (schema_name, model, ddl)"
				   " SELECT s.key, pg_catalog.jsonb_build_object("
				   "   'format', $1 OPERATOR(pg_catalog.->) 'format',"
				   "   'scope', CASE WHEN $3 THEN '\"all\"'::pg_catalog.jsonb"
				   "                 ELSE pg_catalog.jsonb_build_array(s.key) END,"
				   "   'extensions', COALESCE((SELECT pg_catalog.jsonb_object_agg(e.key, e.value)"
				   "       FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.->) 'extensions') e"
				   "       WHERE e.value OPERATOR(pg_catalog.->>) 'schema' OPERATOR(pg_catalog.=) s.key"
				   "          OR ($3 AND NOT ($1 OPERATOR(pg_catalog.->) 'schemas')"
				   "                 OPERATOR(pg_catalog.?) (e.value OPERATOR(pg_catalog.->>) 'schema'))),"
				   "     '{}'::pg_catalog.jsonb),"
				   "   'schemas', pg_catalog.jsonb_build_object(s.key, s.value))"
				   "   OPERATOR(pg_catalog.||) CASE WHEN $3 THEN " MODEL_DATABASE_WIDE("$1")
				   "     ELSE '{}'::pg_catalog.jsonb END, $2"
				   " FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.->) 'schemas') s"
				   " ON CONFLICT (schema_name) DO UPDATE"
				   " SET model = excluded.model, ddl = excluded.ddl,"
				   "     updated_at = pg_catalog.now(), updated_by = CURRENT_USER%s%s",
				   ext,
				   hashed ? ", snapshot_hash = NULL" : "",
				   checked ? ", checked_hash = NULL RETURNING m.schema_name, m.model" : "");
	ret = SPI_execute_with_args(sql, 3, types, values, nulls, false, 0);
	pgm_spi_check(ret, checked ? SPI_OK_INSERT_RETURNING : SPI_OK_INSERT,
				  "storing the model");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the model is empty"),
				 errdetail("The snapshot document holds no schema.")));
	if (checked)
		mark_checked(ext, hashed);
}

/* The transaction-level lock every function that changes state takes. */
static void
model_lock(void)
{
	pgm_advisory_lock();
}

/* ----------------------------------------------------------------
 * migrate_model_set(ddl text, schema name DEFAULT 'public') RETURNS jsonb
 * ----------------------------------------------------------------
 */

/* A unique name for the shadow schema. */
static char *
shadow_name(void)
{
	for (;;)
	{
		char	   *name = psprintf("migrate_shadow_%d_%d", MyProcPid, ++shadow_counter);

		if (!OidIsValid(get_namespace_oid(name, true)))
			return name;
	}
}

/*
 * Run the statements in a shadow schema, in a subtransaction that is
 * always rolled back, and return the snapshot of the shadow schema.
 */

/*
 * With the live schema on the search_path (for its extensions' objects),
 * a statement could also reach an object of the live schema that is no
 * extension's: the model would then depend on something it does not
 * define.  The dependencies the statements recorded (pg_depend rows of
 * this subtransaction) must not name one.
 */
static void
check_live_references(const char *stands_for)
{
	Oid			live = get_namespace_oid(stands_for, false);
	List	   *uses = NIL;
	StringInfoData found;
	ListCell   *lc;

	foreach(lc, model_outside_refs())
	{
		ObjectAddress *addr = lfirst(lc);
		bool		member;

		if (model_ref_namespace(addr, &member) == live && !member)
			uses = lappend(uses, getObjectDescription(addr, false));
	}
	list_sort(uses, pgm_cmp_list_cstring);
	initStringInfo(&found);
	foreach(lc, uses)
		appendStringInfo(&found, "%s%s", found.len > 0 ? ", " : "",
						 (char *) lfirst(lc));
	if (found.len > 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("the model uses objects of the live schema \"%s\" that it does not define",
						stands_for),
				 errdetail("It uses: %s.", found.data),
				 errhint("Define them in the model: a model is the whole content of its schema.")));
}

/*
 * Run a statement about the model's schema itself against the shadow
 * schema: its parse tree, with the schema names replaced by the shadow's.
 */
static void
run_on_shadow(ModelStmt *ms, const char *shadow)
{
	RawStmt    *rs = linitial_node(RawStmt, raw_parser(ms->text, RAW_PARSE_DEFAULT));
	Node	   *stmt = rs->stmt;
	PlannedStmt *ps;

	if (IsA(stmt, CommentStmt))
		((CommentStmt *) stmt)->object = (Node *) makeString(pstrdup(shadow));
	else
	{
		ListCell   *lc;

		foreach(lc, castNode(GrantStmt, stmt)->objects)
			lfirst(lc) = makeString(pstrdup(shadow));
	}
	ps = makeNode(PlannedStmt);
	ps->commandType = CMD_UTILITY;
	ps->canSetTag = false;
	ps->utilityStmt = stmt;
	ps->stmt_location = rs->stmt_location;
	ps->stmt_len = rs->stmt_len;
	ProcessUtility(ps, ms->text, false, PROCESS_UTILITY_QUERY, NULL, NULL,
				   None_Receiver, NULL);
	CommandCounterIncrement();
}

/* ----------------------------------------------------------------
 * Nothing of a model's validation reaches past the shadow
 * ----------------------------------------------------------------
 */

/*
 * A statement that changes an object, rather than creating one, must
 * change an object of the shadow schema: one the model created before it.
 * Otherwise it would change a live object (of the model's schema, another
 * schema, or the system) inside the subtransaction, which is rolled back:
 * the model would hold nothing of it.  What the statement would reach,
 * described, or NULL.
 */
static char *
outside(const ObjectAddress *addr, Oid nspid, Oid shadow_ns)
{
	if (!OidIsValid(addr->objectId) || nspid == shadow_ns)
		return NULL;
	if (!OidIsValid(nspid))
		return getObjectDescription(addr, false);
	/* pg_temp_N: N is the session's backend slot, which means nothing here */
	if (isAnyTempNamespace(nspid))
		return psprintf("%s of the session's temporary schema",
						getObjectDescription(addr, false));
	return psprintf("%s of schema \"%s\"", getObjectDescription(addr, false),
					get_namespace_name(nspid));
}

static char *
relation_outside(RangeVar *rv, Oid shadow_ns)
{
	ObjectAddress addr;

	if (rv == NULL)
		return NULL;
	ObjectAddressSet(addr, RelationRelationId, RangeVarGetRelid(rv, NoLock, true));
	if (!OidIsValid(addr.objectId))
		return NULL;			/* the statement fails as PostgreSQL says */
	return outside(&addr, get_rel_namespace(addr.objectId), shadow_ns);
}

static char *
object_outside(ObjectType kind, Node *object, Oid shadow_ns)
{
	ObjectAddress addr;
	Relation	rel = NULL;
	Oid			nspid;

	if (object == NULL)
		return NULL;
	if (IsA(object, RangeVar))
		return relation_outside((RangeVar *) object, shadow_ns);
	/* ALTER TYPE, GRANT ON TYPE: a list of names where a TypeName is meant */
	if ((kind == OBJECT_TYPE || kind == OBJECT_DOMAIN) && IsA(object, List))
		object = (Node *) makeTypeNameFromNameList((List *) object);
	addr = get_object_address(kind, object, &rel, AccessShareLock, true);
	if (!OidIsValid(addr.objectId))
	{
		if (rel != NULL)
			relation_close(rel, NoLock);
		return NULL;
	}
	nspid = rel != NULL ? RelationGetNamespace(rel) : get_object_namespace(&addr);
	if (rel != NULL)
		relation_close(rel, NoLock);
	return outside(&addr, nspid, shadow_ns);
}

/*
 * The object outside the shadow that a statement about existing objects
 * would change, described, or NULL.  Statements that create objects name
 * no existing one (their references to other schemas are references, not
 * changes).
 */
static char *
changes_outside(ModelStmt *ms, Oid shadow_ns)
{
	Node	   *stmt = ms->raw;
	char	   *what = NULL;
	ListCell   *lc;

	if (ms->says != SAYS_NOTHING)
		return NULL;			/* the model's own schema, run on the shadow */
	switch (nodeTag(stmt))
	{
		case T_AlterTableStmt:
			what = relation_outside(((AlterTableStmt *) stmt)->relation, shadow_ns);
			foreach(lc, ((AlterTableStmt *) stmt)->cmds)
			{
				AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);

				if (what == NULL &&
					(cmd->subtype == AT_AttachPartition ||
					 cmd->subtype == AT_DetachPartition))
					what = relation_outside(castNode(PartitionCmd, cmd->def)->name,
											shadow_ns);
			}
			return what;
		case T_AlterSeqStmt:
			return relation_outside(((AlterSeqStmt *) stmt)->sequence, shadow_ns);
		case T_IndexStmt:
			return relation_outside(((IndexStmt *) stmt)->relation, shadow_ns);
		case T_CreateTrigStmt:
			return relation_outside(((CreateTrigStmt *) stmt)->relation, shadow_ns);
		case T_CreatePolicyStmt:
			return relation_outside(((CreatePolicyStmt *) stmt)->table, shadow_ns);
		case T_AlterPolicyStmt:
			return relation_outside(((AlterPolicyStmt *) stmt)->table, shadow_ns);
		case T_AlterEnumStmt:
			return object_outside(OBJECT_TYPE,
								  (Node *) ((AlterEnumStmt *) stmt)->typeName, shadow_ns);
		case T_AlterTypeStmt:
			return object_outside(OBJECT_TYPE,
								  (Node *) ((AlterTypeStmt *) stmt)->typeName, shadow_ns);
		case T_AlterDomainStmt:
			return object_outside(OBJECT_DOMAIN,
								  (Node *) ((AlterDomainStmt *) stmt)->typeName, shadow_ns);
		case T_AlterFunctionStmt:
			return object_outside(((AlterFunctionStmt *) stmt)->objtype,
								  (Node *) ((AlterFunctionStmt *) stmt)->func, shadow_ns);
		case T_AlterCollationStmt:
			return object_outside(OBJECT_COLLATION,
								  (Node *) ((AlterCollationStmt *) stmt)->collname, shadow_ns);
		case T_AlterObjectDependsStmt:
			{
				AlterObjectDependsStmt *ds = (AlterObjectDependsStmt *) stmt;

				if (ds->relation != NULL)
					return relation_outside(ds->relation, shadow_ns);
				return object_outside(ds->objectType, ds->object, shadow_ns);
			}
		case T_RenameStmt:
			{
				RenameStmt *rs = (RenameStmt *) stmt;

				if (rs->relation != NULL)
					return relation_outside(rs->relation, shadow_ns);
				return object_outside(rs->renameType == OBJECT_DOMCONSTRAINT ?
									  OBJECT_DOMAIN : rs->renameType,
									  rs->object, shadow_ns);
			}
		case T_AlterOwnerStmt:
			{
				AlterOwnerStmt *os = (AlterOwnerStmt *) stmt;

				if (os->relation != NULL)
					return relation_outside(os->relation, shadow_ns);
				return object_outside(os->objectType, os->object, shadow_ns);
			}
		case T_CommentStmt:
			return object_outside(((CommentStmt *) stmt)->objtype,
								  ((CommentStmt *) stmt)->object, shadow_ns);
		case T_GrantStmt:
			{
				GrantStmt  *gs = (GrantStmt *) stmt;

				if (gs->targtype != ACL_TARGET_OBJECT)
					return NULL;
				foreach(lc, gs->objects)
				{
					what = object_outside(gs->objtype, lfirst(lc), shadow_ns);
					if (what != NULL)
						return what;
				}
				return NULL;
			}
		default:
			return NULL;
	}
}

/*
 * The relation a statement created, when it is not in the shadow schema,
 * described: a view that reads a temporary table is made temporary by
 * PostgreSQL, and lands in the session's temporary schema.
 */
static char *
created_outside(ModelStmt *ms, Oid shadow_ns)
{
	RangeVar   *rv = model_created_relation(ms->raw);

	return rv != NULL ? relation_outside(rv, shadow_ns) : NULL;
}

/*
 * While the statements run, only built-in functions (pg_catalog's) and
 * functions of installed extensions may run: PostgreSQL runs some
 * functions when a statement runs (the default of a column added by
 * ALTER TABLE, a constant part of an index or check expression), and a
 * function of the caller or of the model could write outside the shadow
 * (its writes to tables are rolled back with the shadow, a sequence it
 * advances is not).  Event trigger functions of the database keep running
 * as for any DDL.  The hooks are installed once and act only while
 * guarding is set.
 */
static bool guarding = false;
static Oid	guarded_shadow = InvalidOid;
static bool hooks_installed = false;
static needs_fmgr_hook_type prev_needs_fmgr_hook = NULL;
static fmgr_hook_type prev_fmgr_hook = NULL;

static bool
function_may_run(Oid fn_oid)
{
	HeapTuple	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn_oid));
	bool		ok;

	if (!HeapTupleIsValid(tup))
		return true;
	ok = ((Form_pg_proc) GETSTRUCT(tup))->pronamespace == PG_CATALOG_NAMESPACE ||
		((Form_pg_proc) GETSTRUCT(tup))->prorettype == EVENT_TRIGGEROID;
	ReleaseSysCache(tup);
	return ok || OidIsValid(getExtensionOfObject(ProcedureRelationId, fn_oid));
}

static bool
model_needs_fmgr_hook(Oid fn_oid)
{
	if (prev_needs_fmgr_hook != NULL && (*prev_needs_fmgr_hook) (fn_oid))
		return true;
	return guarding && !function_may_run(fn_oid);
}

static void
model_fmgr_hook(FmgrHookEventType event, FmgrInfo *flinfo, Datum *arg)
{
	if (guarding && event == FHET_START && !function_may_run(flinfo->fn_oid))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 get_func_namespace(flinfo->fn_oid) == guarded_shadow ?
				 errmsg("function %s of the model would run while the model is validated",
						format_procedure(flinfo->fn_oid)) :
				 errmsg("function %s would run while the model is validated",
						format_procedure_qualified(flinfo->fn_oid)),
				 errhint("Only built-in functions and functions of extensions run while a model is validated. Write the statement so that it runs no other function: set a column's default in CREATE TABLE rather than by ALTER TABLE ... ADD COLUMN, for instance.")));
	if (prev_fmgr_hook != NULL)
		(*prev_fmgr_hook) (event, flinfo, arg);
}

static void
install_guard(void)
{
	if (hooks_installed)
		return;
	prev_needs_fmgr_hook = needs_fmgr_hook;
	prev_fmgr_hook = fmgr_hook;
	needs_fmgr_hook = model_needs_fmgr_hook;
	fmgr_hook = model_fmgr_hook;
	hooks_installed = true;
}

/*
 * CREATE MATERIALIZED VIEW runs its query: it is created WITH NO DATA
 * (nothing runs), then marked populated as the statement says, so that
 * the snapshot reads what the user declared.
 */
static void
run_matview_unpopulated(ModelStmt *ms)
{
	RawStmt    *rs = linitial_node(RawStmt, raw_parser(ms->text, RAW_PARSE_DEFAULT));
	CreateTableAsStmt *ctas = castNode(CreateTableAsStmt, rs->stmt);
	bool		populated = !ctas->into->skipData;
	List	   *plans;
	ListCell   *lc;

	ctas->into->skipData = true;
	plans = pg_plan_queries(pg_analyze_and_rewrite_fixedparams(rs, ms->text,
															   NULL, 0, NULL),
							ms->text, CURSOR_OPT_PARALLEL_OK, NULL);
	foreach(lc, plans)
		ProcessUtility(lfirst_node(PlannedStmt, lc), ms->text, false,
					   PROCESS_UTILITY_QUERY, NULL, NULL, None_Receiver, NULL);
	CommandCounterIncrement();
	if (populated)
	{
		Relation	rel = table_openrv(ctas->into->rel, AccessExclusiveLock);

		SetMatViewPopulatedState(rel, true);
		table_close(rel, NoLock);
		CommandCounterIncrement();
	}
}

static Jsonb *
run_in_shadow(List *stmts, const char *shadow, const char *stands_for,
			  List *start)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	ModelStmt  *volatile current = NULL;
	ModelStmt  *volatile refused = NULL;
	char	   *volatile refused_what = NULL;
	bool		volatile refused_created = false;
	Jsonb	   *volatile doc = NULL;

	install_guard();
	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		int			nestlevel;
		Oid			shadow_ns;
		ListCell   *lc;

		spi_exec(psprintf("CREATE SCHEMA %s", quote_identifier(shadow)),
				 0, NULL, NULL, SPI_OK_UTILITY);
		shadow_ns = get_namespace_oid(shadow, false);
		guarded_shadow = shadow_ns;
		foreach(lc, start)
			spi_exec(lfirst(lc), 0, NULL, NULL, SPI_OK_UTILITY);
		nestlevel = pgm_guc_nest_enter();
		pgm_set_shadow(shadow, stands_for);

		/*
		 * pg_catalog is left out of the path, so that PostgreSQL searches it
		 * first: nothing of the caller (nor of the model) hides a built-in.
		 * pg_temp, which would otherwise come first, comes last.  Objects
		 * are created in the first schema of the path, the shadow.
		 */
		pgm_set_search_path(stands_for != NULL ?
							psprintf("%s, %s, pg_temp", quote_identifier(shadow),
									 quote_identifier(stands_for)) :
							psprintf("%s, pg_temp", quote_identifier(shadow)));
		foreach(lc, stmts)
		{
			ModelStmt  *ms = lfirst(lc);
			char	   *what;

			if (ms->skip)
				continue;
			current = ms;
			what = changes_outside(ms, shadow_ns);
			if (what != NULL)
			{
				refused = ms;
				refused_what = MemoryContextStrdup(cxt, what);
				break;
			}
			guarding = true;
			if (ms->says != SAYS_NOTHING)
				run_on_shadow(ms, shadow);
			else if (IsA(ms->raw, CreateTableAsStmt))
				run_matview_unpopulated(ms);
			else
				SPI_execute(ms->text, false, 0);
			guarding = false;
			what = created_outside(ms, shadow_ns);
			if (what != NULL)
			{
				refused = ms;
				refused_what = MemoryContextStrdup(cxt, what);
				refused_created = true;
				break;
			}
		}
		current = NULL;
		pgm_guc_nest_leave(nestlevel);
		if (stands_for != NULL && refused == NULL)
			check_live_references(stands_for);

		/*
		 * The snapshot's queries are read-only: they see what the active
		 * snapshot sees, so it must see the statements' work.
		 */
		if (refused == NULL)
		{
			CommandCounterIncrement();
			PushCopiedSnapshot(GetActiveSnapshot());
			UpdateActiveSnapshotCommandId();
			doc = model_shadow_snapshot(shadow, cxt);
			PopActiveSnapshot();
		}
	}
	PG_CATCH();
	{
		ErrorData  *edata;
		ModelStmt  *ms = current;

		guarding = false;
		edata = pgm_subxact_catch(cxt, owner);
		pgm_set_shadow(NULL, NULL);

		if (ms == NULL)
			ReThrowError(edata);
		/* SPI reports a position inside the statement as an internal one. */
		if (edata->cursorpos <= 0 && edata->internalpos > 0 &&
			edata->internalquery != NULL &&
			strcmp(edata->internalquery, ms->text) == 0)
			edata->cursorpos = edata->internalpos;
		ereport(ERROR,
				(errcode(edata->sqlerrcode),
				 errmsg("statement %d of the model failed: %s",
						ms->number, edata->message),
				 edata->cursorpos > 0 ?
				 errdetail("Statement %d, at character %d: %s%s%s", ms->number,
						   edata->cursorpos, ms->text,
						   edata->detail ? "\n" : "",
						   edata->detail ? edata->detail : "") :
				 errdetail("Statement %d: %s%s%s", ms->number, ms->text,
						   edata->detail ? "\n" : "",
						   edata->detail ? edata->detail : ""),
				 edata->hint ? errhint("%s", edata->hint) : 0,
				 internalerrquery(ms->text),
				 internalerrposition(edata->cursorpos)));
	}
	PG_END_TRY();

	/* Success too is rolled back: nothing of the shadow survives. */
	pgm_subxact_rollback(cxt, owner);
	pgm_set_shadow(NULL, NULL);

	if (refused != NULL && refused_created)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("statement %d of the model creates %s, outside the model's schema",
						refused->number, refused_what),
				 errdetail("Statement %d: %s", refused->number, refused->text),
				 errhint("A view that reads a temporary table is temporary itself; a model defines permanent objects of its schema only. Nothing of the model was kept.")));
	if (refused != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("statement %d of the model changes %s, which the model does not create",
						refused->number, refused_what),
				 errdetail("Statement %d: %s", refused->number, refused->text),
				 IsA(refused->raw, RenameStmt) ?
				 errhint("A model defines the objects of its schema; to rename an object of the live schema, write the model with the new name and record the rename with migrate_model_rename(). Nothing of the model was kept.") :
				 errhint("A model defines the objects of its schema: ALTER, COMMENT, GRANT, CREATE INDEX, CREATE TRIGGER and the like belong in it only for objects it creates before them. Nothing of the model was kept.")));
	return doc;
}

/* Whether the section of schema in a snapshot holds any object. */
static bool
schema_holds_objects(Jsonb *doc, const char *schema)
{
	JsonbValue	v;
	JsonbIterator *it;
	JsonbIteratorToken tok;
	int			level = 0;

	if (doc == NULL ||
		!getKeyJsonValueFromContainer(&doc->root, "schemas", 7, &v) ||
		v.type != jbvBinary ||
		!getKeyJsonValueFromContainer(v.val.binary.data, schema, strlen(schema), &v) ||
		v.type != jbvBinary)
		return false;
	it = JsonbIteratorInit(v.val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_BEGIN_OBJECT)
			level++;
		else if (tok == WJB_END_OBJECT)
			level--;
		else if (tok == WJB_KEY && level == 1 &&
				 !(v.val.string.len == 7 && strncmp(v.val.string.val, "comment", 7) == 0) &&
				 !(v.val.string.len == 10 && strncmp(v.val.string.val, "privileges", 10) == 0))
			return true;
	}
	return false;
}

/*
 * The GRANT statements that give the shadow schema the privileges of the
 * live one (those its snapshot records), for a DDL that changes them: a
 * GRANT or REVOKE in the DDL then changes what the live schema has, as it
 * would run against it.
 */
static List *
live_privileges(Jsonb *live, const char *schema, const char *shadow)
{
	Oid			types[3] = {JSONBOID, TEXTOID, TEXTOID};
	Datum		values[3];
	List	   *grants = NIL;

	values[0] = JsonbPGetDatum(live);
	values[1] = CStringGetTextDatum(schema);
	values[2] = CStringGetTextDatum(shadow);
	spi_exec("SELECT pg_catalog.format('GRANT %s ON SCHEMA %I TO %s%s',"
			 "         pg_catalog.split_part(p, ' ', 1), $3, g.key,"
			 "         CASE WHEN pg_catalog.strpos(p, ' WITH GRANT OPTION') OPERATOR(pg_catalog.>) 0"
			 "              THEN ' WITH GRANT OPTION' ELSE '' END)"
			 "  FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.#>)"
			 "         ARRAY['schemas', $2, 'privileges']::pg_catalog.text[]) g,"
			 "       pg_catalog.jsonb_array_elements_text(g.value) p",
			 3, types, values, SPI_OK_SELECT);
	for (uint64 i = 0; i < SPI_processed; i++)
		grants = lappend(grants, SPI_getvalue(SPI_tuptable->vals[i],
											  SPI_tuptable->tupdesc, 1));
	return grants;
}

/* The statements of the DDL; a syntax error names its statement. */
static List *
parse_model(const char *ddl, const char *schema)
{
	MemoryContext cxt = CurrentMemoryContext;
	List	   *volatile stmts = NIL;

	PG_TRY();
	{
		stmts = model_statements(ddl, schema);
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		if (edata->sqlerrcode != ERRCODE_SYNTAX_ERROR || edata->cursorpos <= 0)
			PG_RE_THROW();
		FlushErrorState();
		model_report_syntax_error(ddl, edata);
	}
	PG_END_TRY();
	return stmts;
}

/*
 * migrate_model_set(ddl text, schema name DEFAULT 'public') RETURNS jsonb:
 * run the DDL in a shadow schema (in a subtransaction always rolled back)
 * and store the shadow's snapshot as the schema's model; returns that
 * document (docs/models.md).
 */
Datum
migrate_model_set(PG_FUNCTION_ARGS)
{
	MemoryContext cxt = CurrentMemoryContext;
	char	   *ddl;
	char	   *schema;
	char	   *shadow;
	List	   *stmts = NIL;
	Jsonb	   *shadow_doc;
	Jsonb	   *live = NULL;
	Jsonb	   *doc;
	AclResult	aclres;
	bool		exists;
	bool		says_comment = false;
	bool		says_privileges = false;
	ListCell   *lc;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the DDL of a model must not be null"),
				 errhint("Use migrate_model_drop() to remove a model.")));
	ddl = text_to_cstring(PG_GETARG_TEXT_PP(0));
	schema = model_schema_arg(fcinfo, 1);

	/* Parse and refuse, before anything runs. */
	stmts = parse_model(ddl, schema);

	aclres = pg_database_aclcheck(MyDatabaseId, GetUserId(), ACL_CREATE);
	if (aclres != ACLCHECK_OK)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to validate a model: role \"%s\" may not create the shadow schema",
						GetUserNameFromId(GetUserId(), false)),
				 errdetail("A model is validated in a throwaway schema, which needs the CREATE privilege on the database."),
				 errhint("GRANT CREATE ON DATABASE %s TO %s;",
						 quote_identifier(get_database_name(MyDatabaseId)),
						 quote_identifier(GetUserNameFromId(GetUserId(), false)))));

	model_lock();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/* The live schema's own attributes and extensions, if it exists. */
	exists = OidIsValid(get_namespace_oid(schema, true));
	if (exists)
	{
		Datum		elem = DirectFunctionCall1(namein, CStringGetDatum(schema));

		live = snapshot_take(construct_array(&elem, 1, NAMEOID, NAMEDATALEN,
											 false, TYPALIGN_CHAR), cxt);
	}

	/* What the DDL says about the schema itself. */
	foreach(lc, stmts)
	{
		ModelStmt  *ms = lfirst(lc);

		says_comment |= (ms->says == SAYS_COMMENT);
		says_privileges |= (ms->says == SAYS_PRIVILEGES);
	}

	shadow = shadow_name();
	shadow_doc = run_in_shadow(stmts, shadow, exists ? schema : NULL,
							   says_privileges && live ?
							   live_privileges(live, schema, shadow) : NIL);

	/*
	 * A model defines objects, or says at least its schema's comment or
	 * privileges: one that does neither would drop every object of the
	 * schema at the next check.
	 */
	if (!says_comment && !says_privileges &&
		!schema_holds_objects(shadow_doc, shadow))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the model is empty"),
				 errdetail("The DDL creates no object in the schema (CREATE EXTENSION of an extension installed already does nothing)."),
				 errhint("A model is the DDL of every object of the schema; use migrate_model_drop() to remove a model.")));

	/*
	 * The shadow schema under the model's name: names inside are relative,
	 * so only the key of "schemas" and the scope change.  The extensions
	 * installed in it are the live schema's, and so are its comment and
	 * privileges unless the DDL says them.
	 */
	{
		Oid			types[5] = {JSONBOID, TEXTOID, TEXTOID, JSONBOID, TEXTOID};
		Datum		values[5];
		char		nulls[5] = {' ', ' ', ' ', live ? ' ' : 'n', ' '};
		bool		isnull;
		int			ret;

		values[0] = JsonbPGetDatum(shadow_doc);
		values[1] = CStringGetTextDatum(schema);
		values[2] = CStringGetTextDatum(shadow);
		values[3] = live ? JsonbPGetDatum(live) : (Datum) 0;
		values[4] = CStringGetTextDatum(psprintf("{%s%s%s}",
												 says_comment ? "" : "comment",
												 says_comment || says_privileges ? "" : ",",
												 says_privileges ? "" : "privileges"));
		ret = SPI_execute_with_args(
									"SELECT pg_catalog.jsonb_build_object("
									"  'format', $1 OPERATOR(pg_catalog.->) 'format',"
									"  'scope', pg_catalog.jsonb_build_array($2),"
									"  'extensions', COALESCE($4 OPERATOR(pg_catalog.->) 'extensions', '{}'::pg_catalog.jsonb),"
									"  'schemas', pg_catalog.jsonb_build_object($2,"
									"     ($1 OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->) $3)"
									"       OPERATOR(pg_catalog.-) $5::pg_catalog.text[]"
									"     OPERATOR(pg_catalog.||) COALESCE((SELECT pg_catalog.jsonb_object_agg(a.key, a.value)"
									"        FROM pg_catalog.jsonb_each($4 OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->) $2) a"
									"        WHERE a.key OPERATOR(pg_catalog.=) ANY ($5::pg_catalog.text[])),"
									"       '{}'::pg_catalog.jsonb)))",
									5, types, values, nulls, true, 1);
		pgm_spi_check_one(ret, SPI_OK_SELECT, "renaming the shadow schema");
		doc = DatumGetJsonbP(SPI_getbinval(SPI_tuptable->vals[0],
										   SPI_tuptable->tupdesc, 1, &isnull));
		MemoryContextSwitchTo(cxt);
		doc = (Jsonb *) PG_DETOAST_DATUM_COPY(JsonbPGetDatum(doc));
	}

	store_document(doc, ddl);
	SPI_finish();
	/* what migrate_model('{schema}') returns: as a snapshot of schema */
	PG_RETURN_JSONB_P(model_prune_refs(doc, cxt));
}

/* ----------------------------------------------------------------
 * migrate_model_import(snapshot jsonb) RETURNS void
 * migrate_model_capture(schemas name[] DEFAULT NULL) RETURNS void
 * ----------------------------------------------------------------
 */
Datum
migrate_model_import(PG_FUNCTION_ARGS)
{
	Jsonb	   *doc;
	MemoryContext work;
	MemoryContext old;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the snapshot document must not be null")));
	doc = PG_GETARG_JSONB_P(0);

	/* The reader of the diff checks the document: 22023 when it is bad. */
	work = AllocSetContextCreate(CurrentMemoryContext, "pg_migrate import",
								 ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(work);
	(void) graph_from_jsonb(doc, "\"snapshot\"", work);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);

	model_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	store_document(doc, NULL);
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * migrate_model_capture(schemas name[] DEFAULT NULL): store the live
 * snapshot of each schema (every user schema by default) as its model.
 */
Datum
migrate_model_capture(PG_FUNCTION_ARGS)
{
	ArrayType  *schemas = PG_ARGISNULL(0) ? NULL : PG_GETARG_ARRAYTYPE_P(0);
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *doc;

	model_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	doc = snapshot_take(schemas, cxt);
	store_document(doc, NULL);
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * The one stored model that migrate_model(schemas) merges, as it is stored,
 * when that is the document the merge would build: one row, holding the
 * four keys store_document() writes, "format" this version's, "scope" its
 * schema alone, "schemas" that schema alone.  The merge of one row copies
 * each of them (its extensions are those of the row), so the stored
 * document is the same jsonb, and reading it saves rebuilding 15 MB with
 * jsonb_object_agg.  NULL when some other row is taken too, or the row is
 * not as stored.  *checked: the row's checked_hash says that this document
 * passed the strict reader when it was stored (model_hash()).  *hash (when
 * hash is not NULL): the row's snapshot_hash, the snapshot hash of this
 * document computed when it was stored, if the row is checked (the same
 * checked_hash says that its model is still the one hashed) and has one;
 * else NULL.  Inside SPI; the document and the hash are in the SPI context.
 */
static Jsonb *
single_model(ArrayType *schemas, bool *checked, char **hash)
{
	Oid			types[1] = {NAMEARRAYOID};
	Datum		values[1];
	char		nulls[1] = {schemas ? ' ' : 'n'};
	bool		isnull;
	char	   *schema;
	Jsonb	   *doc;
	JsonbValue	v;
	JsonbValue *e;
	Datum		checked_hash;
	bool		nohash = true;
	int			ret;

	*checked = false;
	if (hash)
		*hash = NULL;
	values[0] = schemas ? PointerGetDatum(schemas) : (Datum) 0;
	ret = SPI_execute_with_args(psprintf("SELECT m.schema_name, m.model, %s, %s FROM %s.migrate_models m"
										 " WHERE $1 IS NULL OR m.schema_name OPERATOR(pg_catalog.=) ANY ($1)"
										 " LIMIT 2",
										 models_column_exists("checked_hash") ? "m.checked_hash" : "NULL::pg_catalog.int8",
										 hash && models_column_exists("snapshot_hash") ? "m.snapshot_hash" : "NULL::pg_catalog.text",
										 pgm_ext_schema()),
								1, types, values, nulls, true, 2);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the models");
	if (SPI_processed != 1)
		return NULL;
	schema = NameStr(*DatumGetName(SPI_getbinval(SPI_tuptable->vals[0],
												 SPI_tuptable->tupdesc, 1, &isnull)));
	checked_hash = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3, &nohash);
	doc = DatumGetJsonbP(SPI_getbinval(SPI_tuptable->vals[0],
									   SPI_tuptable->tupdesc, 2, &isnull));
	if (isnull || !JB_ROOT_IS_OBJECT(doc) || JB_ROOT_COUNT(doc) != 4)
		return NULL;

	if (!getKeyJsonValueFromContainer(&doc->root, "format", 6, &v) ||
		v.type != jbvNumeric ||
		strcmp(DatumGetCString(DirectFunctionCall1(numeric_out,
												   NumericGetDatum(v.val.numeric))),
			   CppAsString2(PGM_SNAPSHOT_FORMAT)) != 0)
		return NULL;
	if (!getKeyJsonValueFromContainer(&doc->root, "scope", 5, &v) ||
		v.type != jbvBinary || !JsonContainerIsArray(v.val.binary.data) ||
		JsonContainerSize(v.val.binary.data) != 1 ||
		(e = getIthJsonbValueFromContainer(v.val.binary.data, 0)) == NULL ||
		e->type != jbvString || e->val.string.len != strlen(schema) ||
		strncmp(e->val.string.val, schema, e->val.string.len) != 0)
		return NULL;
	if (!getKeyJsonValueFromContainer(&doc->root, "extensions", 10, &v) ||
		v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data))
		return NULL;
	if (!getKeyJsonValueFromContainer(&doc->root, "schemas", 7, &v) ||
		v.type != jbvBinary || !JsonContainerIsObject(v.val.binary.data) ||
		JsonContainerSize(v.val.binary.data) != 1 ||
		getKeyJsonValueFromContainer(v.val.binary.data, schema, strlen(schema),
									 NULL) == NULL)
		return NULL;
	*checked = !nohash && DatumGetInt64(checked_hash) == model_hash(doc);
	if (*checked && hash)
	{
		char	   *h = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 4);

		/* only what snapshot_hash() writes: 64 lowercase hex digits */
		if (h != NULL && strlen(h) == 64 && strspn(h, "0123456789abcdef") == 64)
			*hash = h;
	}
	return doc;
}

/*
 * migrate_model(schemas)'s rows merged into one document by SQL: its scope
 * is "all" when every model is asked for and one of them was stored from a
 * document of every schema (store_document()), else the list of the
 * schemas, whose extensions are those installed in them.  Inside SPI; the
 * document is in the SPI context.
 */
static Jsonb *
merged_models(ArrayType *schemas)
{
	Oid			types[1] = {NAMEARRAYOID};
	Datum		values[1];
	char		nulls[1] = {schemas ? ' ' : 'n'};
	bool		isnull;
	int			ret;

	values[0] = schemas ? PointerGetDatum(schemas) : (Datum) 0;
	ret = SPI_execute_with_args(
								psprintf("SELECT pg_catalog.jsonb_build_object("
										 "  'format', %d,"
										 "  'scope', CASE WHEN $1 IS NULL AND pg_catalog.bool_or("
										 "       m.model OPERATOR(pg_catalog.->) 'scope' OPERATOR(pg_catalog.=) '\"all\"')"
										 "     THEN '\"all\"'::pg_catalog.jsonb"
										 "     ELSE pg_catalog.jsonb_agg(m.schema_name::pg_catalog.text"
										 "             ORDER BY m.schema_name COLLATE \"C\") END,"
										 "  'extensions', COALESCE((SELECT pg_catalog.jsonb_object_agg(e.key, e.value)"
										 "     FROM %s.migrate_models m2,"
										 "          pg_catalog.jsonb_each(m2.model OPERATOR(pg_catalog.->) 'extensions') e"
										 "     WHERE $1 IS NULL OR (m2.schema_name OPERATOR(pg_catalog.=) ANY ($1)"
										 "       AND (e.value OPERATOR(pg_catalog.->>) 'schema')::pg_catalog.name"
										 "           OPERATOR(pg_catalog.=) ANY ($1))),"
										 "    '{}'::pg_catalog.jsonb),"
										 "  'schemas', pg_catalog.jsonb_object_agg(m.schema_name,"
										 "     m.model OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->)"
										 "     m.schema_name::pg_catalog.text))"
										 " OPERATOR(pg_catalog.||) CASE WHEN $1 IS NULL AND pg_catalog.bool_or("
										 "       m.model OPERATOR(pg_catalog.->) 'scope' OPERATOR(pg_catalog.=) '\"all\"')"
										 "     THEN (SELECT " MODEL_DATABASE_WIDE("m4.model")
										 "             FROM %s.migrate_models m4"
										 "            WHERE m4.model OPERATOR(pg_catalog.->) 'scope'"
										 "                  OPERATOR(pg_catalog.=) '\"all\"'"
										 "            ORDER BY m4.schema_name LIMIT 1)"
										 "     ELSE '{}'::pg_catalog.jsonb END"
										 " FROM %s.migrate_models m"
										 " WHERE $1 IS NULL OR m.schema_name OPERATOR(pg_catalog.=) ANY ($1)"
										 " HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 0",
										 PGM_SNAPSHOT_FORMAT, pgm_ext_schema(), pgm_ext_schema(),
										 pgm_ext_schema()),
								1, types, values, nulls, true, 0);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the models");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("no model is stored"),
				 errhint("Set one with migrate_model_set(), migrate_model_import() or migrate_model_capture().")));
	return DatumGetJsonbP(SPI_getbinval(SPI_tuptable->vals[0],
										SPI_tuptable->tupdesc, 1, &isnull));
}

/*
 * model_document_unpruned(): see model_refs.h.
 */
Jsonb *
model_document_unpruned(const char *extschema, MemoryContext cxt,
						bool *checked)
{
	return model_document_hashed(extschema, cxt, checked, NULL);
}

/*
 * model_document_hashed(): see model_refs.h.
 */
Jsonb *
model_document_hashed(const char *extschema, MemoryContext cxt,
					  bool *checked, char **hash)
{
	Jsonb	   *doc;
	Jsonb	   *copy;
	int			ret;

	*checked = false;
	if (hash)
		*hash = NULL;

	ret = SPI_execute(psprintf("SELECT 1 FROM %s.migrate_properties LIMIT 1", extschema),
					  true, 1);
	pgm_spi_check(ret, SPI_OK_SELECT, "reading the properties");
	if (SPI_processed > 0)
		return NULL;
	doc = single_model(NULL, checked, hash);
	if (doc == NULL)
		doc = merged_models(NULL);
	if (hash && *hash)
		*hash = MemoryContextStrdup(cxt, *hash);
	copy = MemoryContextAlloc(cxt, VARSIZE(doc));
	memcpy(copy, doc, VARSIZE(doc));
	return copy;
}

/* ----------------------------------------------------------------
 * migrate_model(schemas name[] DEFAULT NULL) RETURNS jsonb
 * migrate_model_drop(schema name) RETURNS void
 * ----------------------------------------------------------------
 */
Datum
migrate_model(PG_FUNCTION_ARGS)
{
	ArrayType  *schemas = PG_ARGISNULL(0) ? NULL : PG_GETARG_ARRAYTYPE_P(0);
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *doc;
	bool		checked;
	int			ret;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	if (schemas != NULL)
	{
		Datum	   *elems;
		bool	   *enulls;
		int			n;

		deconstruct_array(schemas, NAMEOID, NAMEDATALEN, false, TYPALIGN_CHAR,
						  &elems, &enulls, &n);
		for (int i = 0; i < n; i++)
		{
			Oid			t[1] = {NAMEOID};
			char	   *name;

			if (enulls[i])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("schema name %d of the list is null", i + 1),
						 errhint("Pass NULL instead of the array to take every model.")));
			name = NameStr(*DatumGetName(elems[i]));
			ret = SPI_execute_with_args(psprintf("SELECT 1 FROM %s.migrate_models"
												 " WHERE schema_name OPERATOR(pg_catalog.=) $1",
												 pgm_ext_schema()),
										1, t, &elems[i], NULL, true, 1);
			pgm_spi_check(ret, SPI_OK_SELECT, "reading the models");
			if (SPI_processed == 0)
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_OBJECT),
						 errmsg("schema \"%s\" has no model", name),
						 errhint("Set one with migrate_model_set(), migrate_model_import() or migrate_model_capture().")));
		}
		if (n == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the list of schemas is empty"),
					 errhint("Pass NULL to take every model.")));
	}

	doc = single_model(schemas, &checked, NULL);
	if (doc == NULL)
		doc = merged_models(schemas);
	MemoryContextSwitchTo(cxt);

	/*
	 * Stored models were checked when they were stored, but the table can
	 * be written behind pg_migrate's back: a model is checked again before
	 * anything reads it, unless its row says that pg_migrate checked this
	 * very document when it stored it (checked_hash).
	 */
	if (!checked)
		docread_check(doc, "of the stored models");
	/* references to objects outside the merged schemas: as a snapshot */
	doc = model_prune_refs(doc, cxt);
	/* The mapped views of the properties are part of the model (docs/mapped-views.md). */
	doc = mapped_model_extend(doc, cxt);
	SPI_finish();
	PG_RETURN_JSONB_P(doc);
}

/* migrate_model_drop(schema name): forget the model of a schema. */
Datum
migrate_model_drop(PG_FUNCTION_ARGS)
{
	char	   *schema;
	Oid			types[1] = {TEXTOID};
	Datum		values[1];
	int			ret;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("schema must not be null")));
	schema = NameStr(*PG_GETARG_NAME(0));
	model_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	values[0] = CStringGetTextDatum(schema);
	ret = SPI_execute_with_args(psprintf("DELETE FROM %s.migrate_models"
										 " WHERE schema_name OPERATOR(pg_catalog.=) $1::pg_catalog.name",
										 pgm_ext_schema()),
								1, types, values, NULL, false, 0);
	pgm_spi_check(ret, SPI_OK_DELETE, "dropping the model");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("schema \"%s\" has no model", schema)));
	SPI_finish();
	PG_RETURN_VOID();
}
