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

#include "mapped.h"
#include "model_refs.h"
#include "snapshot.h"

PG_FUNCTION_INFO_V1(migrate_model_set);
PG_FUNCTION_INFO_V1(migrate_model_import);
PG_FUNCTION_INFO_V1(migrate_model_capture);
PG_FUNCTION_INFO_V1(migrate_model);
PG_FUNCTION_INFO_V1(migrate_model_drop);

/*
 * What a statement says about the model's schema itself (COMMENT ON SCHEMA,
 * GRANT/REVOKE ON SCHEMA, GRANT/REVOKE ON ALL ... IN SCHEMA): it runs
 * against the shadow schema instead.
 */
typedef enum SchemaSays
{
	SAYS_NOTHING,
	SAYS_COMMENT,				/* COMMENT ON SCHEMA */
	SAYS_PRIVILEGES,			/* GRANT/REVOKE ON SCHEMA */
	SAYS_IN_SCHEMA				/* GRANT/REVOKE ON ALL ... IN SCHEMA */
} SchemaSays;

/* One statement of a model's DDL. */
typedef struct ModelStmt
{
	int			number;			/* 1-based */
	char	   *text;			/* its text, without the ";" */
	Node	   *raw;			/* its raw parse tree */
	bool		skip;			/* CREATE EXTENSION of an installed one */
	SchemaSays	says;			/* about the model's schema itself */
} ModelStmt;

static int	shadow_counter = 0;

static bool schema_holds_objects(Jsonb *doc, const char *schema);

static void
spi_exec(const char *sql, int nargs, Oid *types, Datum *values, int expect)
{
	int			ret = SPI_execute_with_args(sql, nargs, types, values, NULL,
											false, 0);

	if (ret != expect)
		elog(ERROR, "pg_migrate: query failed (%d): %s", ret, sql);
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
 * Refusing what cannot belong in a model
 * ----------------------------------------------------------------
 */

/* The relation a statement creates, or NULL. */
static RangeVar *
created_relation(Node *stmt)
{
	switch (nodeTag(stmt))
	{
		case T_CreateStmt:
			return ((CreateStmt *) stmt)->relation;
		case T_ViewStmt:
			return ((ViewStmt *) stmt)->view;
		case T_CreateSeqStmt:
			return ((CreateSeqStmt *) stmt)->sequence;
		case T_CreateTableAsStmt:
			return ((CreateTableAsStmt *) stmt)->into->rel;
		default:
			return NULL;
	}
}

/*
 * Whether a value of a partition bound, as written, is a constant: a
 * literal, MINVALUE or MAXVALUE, possibly cast or collated.  Anything else
 * is an expression that PostgreSQL evaluates when the statement runs.
 */
static bool
bound_value_is_constant(Node *value)
{
	if (value == NULL)
		return true;
	switch (nodeTag(value))
	{
		case T_A_Const:
		case T_ColumnRef:		/* MINVALUE, MAXVALUE */
			return true;
		case T_TypeCast:
			return bound_value_is_constant(((TypeCast *) value)->arg);
		case T_CollateClause:
			return bound_value_is_constant(((CollateClause *) value)->arg);
		default:
			return false;
	}
}

static bool
bound_is_constant(PartitionBoundSpec *bound)
{
	List	   *lists[3];

	if (bound == NULL)
		return true;
	lists[0] = bound->listdatums;
	lists[1] = bound->lowerdatums;
	lists[2] = bound->upperdatums;
	for (int i = 0; i < 3; i++)
	{
		ListCell   *lc;

		foreach(lc, lists[i])
		{
			if (!bound_value_is_constant(lfirst(lc)))
				return false;
		}
	}
	return true;
}

/*
 * Why a statement that belongs in a model by its kind cannot as written:
 * a temporary object lands in the session's temporary schema, not in the
 * model's; a partition bound that is an expression runs when the
 * statement runs (nextval() there would advance a live sequence for good).
 */
static const char *
refusal_as_written(Node *stmt)
{
	RangeVar   *rel = created_relation(stmt);

	if (rel != NULL && rel->relpersistence == RELPERSISTENCE_TEMP)
		return "a temporary object lives in the session's temporary schema, not in the model's";
	if (IsA(stmt, CreateStmt) &&
		!bound_is_constant(((CreateStmt *) stmt)->partbound))
		return "a partition bound is written as constants; an expression would run when the model is validated";
	if (IsA(stmt, AlterTableStmt))
	{
		ListCell   *lc;

		foreach(lc, ((AlterTableStmt *) stmt)->cmds)
		{
			AlterTableCmd *cmd = lfirst_node(AlterTableCmd, lc);

			if (cmd->subtype == AT_AttachPartition &&
				!bound_is_constant(castNode(PartitionCmd, cmd->def)->bound))
				return "a partition bound is written as constants; an expression would run when the model is validated";
		}
	}
	return NULL;
}

/* Why a statement cannot belong in a model, or NULL when it can. */
static const char *
refusal(Node *stmt, bool *skip)
{
	const char *why = refusal_as_written(stmt);

	*skip = false;
	if (why != NULL)
		return why;
	switch (nodeTag(stmt))
	{
		case T_CreateStmt:
		case T_IndexStmt:
		case T_ViewStmt:
		case T_CreateSeqStmt:
		case T_AlterSeqStmt:
		case T_CompositeTypeStmt:
		case T_CreateEnumStmt:
		case T_CreateRangeStmt:
		case T_AlterEnumStmt:
		case T_AlterTypeStmt:
		case T_CreateDomainStmt:
		case T_AlterDomainStmt:
		case T_CreateFunctionStmt:
		case T_AlterFunctionStmt:
		case T_CreateTrigStmt:
		case T_CreatePolicyStmt:
		case T_AlterPolicyStmt:
		case T_AlterTableStmt:
		case T_AlterCollationStmt:
		case T_AlterObjectDependsStmt:
			return NULL;
		case T_CommentStmt:
		case T_GrantStmt:
			{
				ObjectType	kind = IsA(stmt, CommentStmt) ?
					((CommentStmt *) stmt)->objtype :
					((GrantStmt *) stmt)->objtype;

				/* objects of the database or the cluster, not of a schema */
				if (kind == OBJECT_DATABASE || kind == OBJECT_EXTENSION ||
					kind == OBJECT_ROLE || kind == OBJECT_TABLESPACE ||
					kind == OBJECT_LANGUAGE || kind == OBJECT_FDW ||
					kind == OBJECT_FOREIGN_SERVER || kind == OBJECT_LARGEOBJECT ||
					kind == OBJECT_EVENT_TRIGGER || kind == OBJECT_PUBLICATION ||
					kind == OBJECT_SUBSCRIPTION || kind == OBJECT_ACCESS_METHOD ||
					kind == OBJECT_PARAMETER_ACL)
					return "it changes something outside the model's schema";
				return NULL;
			}
		case T_RenameStmt:
		case T_AlterOwnerStmt:
			{
				ObjectType	kind = IsA(stmt, RenameStmt) ?
					((RenameStmt *) stmt)->renameType :
					((AlterOwnerStmt *) stmt)->objectType;

				if (kind == OBJECT_SCHEMA || kind == OBJECT_DATABASE ||
					kind == OBJECT_ROLE || kind == OBJECT_TABLESPACE ||
					kind == OBJECT_EXTENSION)
					return "it changes something outside the model's schema";
				return NULL;
			}
		case T_CreateTableAsStmt:
			if (((CreateTableAsStmt *) stmt)->objtype == OBJECT_MATVIEW)
				return NULL;
			return "it fills a table with rows; write CREATE TABLE instead";
		case T_DefineStmt:
			{
				ObjectType	kind = ((DefineStmt *) stmt)->kind;

				if (kind == OBJECT_TYPE || kind == OBJECT_COLLATION)
					return NULL;
				return "a snapshot does not cover this kind of object";
			}
		case T_CreateExtensionStmt:
			{
				const char *ext = ((CreateExtensionStmt *) stmt)->extname;

				if (OidIsValid(get_extension_oid(ext, true)))
				{
					*skip = true;	/* installed: nothing to do */
					return NULL;
				}
				return "the extension is not installed; install it in the database first";
			}
		case T_CreateSchemaStmt:
			return "a model is the content of one schema, which the model names";
		case T_AlterObjectSchemaStmt:
			return "it moves an object out of the model's schema";
		case T_DropStmt:
		case T_DropdbStmt:
		case T_DropRoleStmt:
		case T_DropOwnedStmt:
		case T_DropTableSpaceStmt:
		case T_DropSubscriptionStmt:
			return "a model describes what exists, it drops nothing";
		case T_TransactionStmt:
			return "the model runs inside a subtransaction pg_migrate controls";
		case T_VariableSetStmt:
			return "settings are not part of a model (search_path is set by pg_migrate)";
		case T_InsertStmt:
		case T_UpdateStmt:
		case T_DeleteStmt:
		case T_MergeStmt:
		case T_CopyStmt:
		case T_SelectStmt:
		case T_TruncateStmt:
			return "a model holds no data and runs no query";
		case T_DoStmt:
		case T_CallStmt:
			return "a model runs no code";
		default:
			return "only definitions of objects of the schema belong in a model";
	}
}

/* The length of the white space and comments at the start of text. */
static int
skip_blanks(const char *text, int len)
{
	int			i = 0;

	while (i < len)
	{
		if (isspace((unsigned char) text[i]))
			i++;
		else if (i + 1 < len && text[i] == '-' && text[i + 1] == '-')
		{
			while (i < len && text[i] != '\n')
				i++;
		}
		else if (i + 1 < len && text[i] == '/' && text[i + 1] == '*')
		{
			int			depth = 1;	/* block comments nest in SQL */

			i += 2;
			while (i < len && depth > 0)
			{
				if (i + 1 < len && text[i] == '/' && text[i + 1] == '*')
					depth++, i += 2;
				else if (i + 1 < len && text[i] == '*' && text[i + 1] == '/')
					depth--, i += 2;
				else
					i++;
			}
		}
		else
			break;
	}
	return i;
}

/* The schema a dotted name (a list of String) is qualified with, or NULL. */
static char *
list_schema(List *names)
{
	char	   *schema;
	char	   *objname;

	if (names == NIL || list_length(names) < 2)
		return NULL;
	DeconstructQualifiedName(names, &schema, &objname);
	return schema;
}

static char *
rangevar_schema(RangeVar *rv)
{
	return rv ? rv->schemaname : NULL;
}

/*
 * The schema the object of a COMMENT or GRANT is qualified with, or NULL.
 * Names of columns, constraints, triggers, policies and rules end with the
 * object's own name after their table's.
 */
static char *
object_schema(ObjectType kind, Node *object)
{
	if (object == NULL)
		return NULL;
	switch (kind)
	{
		case OBJECT_TYPE:
		case OBJECT_DOMAIN:
			if (IsA(object, TypeName))
				return list_schema(((TypeName *) object)->names);
			return IsA(object, List) ? list_schema((List *) object) : NULL;
		case OBJECT_DOMCONSTRAINT:
			if (IsA(object, List) && IsA(linitial((List *) object), TypeName))
				return list_schema(linitial_node(TypeName, (List *) object)->names);
			return NULL;
		case OBJECT_FUNCTION:
		case OBJECT_PROCEDURE:
		case OBJECT_ROUTINE:
		case OBJECT_AGGREGATE:
		case OBJECT_OPERATOR:
			if (IsA(object, ObjectWithArgs))
				return list_schema(((ObjectWithArgs *) object)->objname);
			return NULL;
		case OBJECT_COLUMN:
		case OBJECT_TABCONSTRAINT:
		case OBJECT_TRIGGER:
		case OBJECT_POLICY:
		case OBJECT_RULE:
			if (IsA(object, List) && list_length((List *) object) > 2)
				return list_schema(list_truncate(list_copy((List *) object),
												 list_length((List *) object) - 1));
			return NULL;
		default:
			return IsA(object, List) ? list_schema((List *) object) : NULL;
	}
}

/*
 * The schema that the object a statement creates or changes is qualified
 * with, or NULL when its name is unqualified (or the statement names no
 * object of its own).  Objects of a model are written unqualified: a
 * qualified name would reach past the shadow schema, into the live one.
 */
static char *
target_schema(Node *stmt)
{
	switch (nodeTag(stmt))
	{
		case T_CreateStmt:
			return rangevar_schema(((CreateStmt *) stmt)->relation);
		case T_IndexStmt:
			return rangevar_schema(((IndexStmt *) stmt)->relation);
		case T_ViewStmt:
			return rangevar_schema(((ViewStmt *) stmt)->view);
		case T_CreateTableAsStmt:
			return rangevar_schema(((CreateTableAsStmt *) stmt)->into->rel);
		case T_CreateSeqStmt:
			return rangevar_schema(((CreateSeqStmt *) stmt)->sequence);
		case T_AlterSeqStmt:
			return rangevar_schema(((AlterSeqStmt *) stmt)->sequence);
		case T_CompositeTypeStmt:
			return rangevar_schema(((CompositeTypeStmt *) stmt)->typevar);
		case T_CreateEnumStmt:
			return list_schema(((CreateEnumStmt *) stmt)->typeName);
		case T_CreateRangeStmt:
			return list_schema(((CreateRangeStmt *) stmt)->typeName);
		case T_AlterEnumStmt:
			return list_schema(((AlterEnumStmt *) stmt)->typeName);
		case T_CreateDomainStmt:
			return list_schema(((CreateDomainStmt *) stmt)->domainname);
		case T_AlterDomainStmt:
			return list_schema(((AlterDomainStmt *) stmt)->typeName);
		case T_CreateFunctionStmt:
			return list_schema(((CreateFunctionStmt *) stmt)->funcname);
		case T_DefineStmt:
			return list_schema(((DefineStmt *) stmt)->defnames);
		case T_CreateTrigStmt:
			return rangevar_schema(((CreateTrigStmt *) stmt)->relation);
		case T_CreatePolicyStmt:
			return rangevar_schema(((CreatePolicyStmt *) stmt)->table);
		case T_AlterPolicyStmt:
			return rangevar_schema(((AlterPolicyStmt *) stmt)->table);
		case T_AlterTableStmt:
			return rangevar_schema(((AlterTableStmt *) stmt)->relation);
		case T_AlterTypeStmt:
			return list_schema(((AlterTypeStmt *) stmt)->typeName);
		case T_AlterFunctionStmt:
			return list_schema(((AlterFunctionStmt *) stmt)->func->objname);
		case T_AlterCollationStmt:
			return list_schema(((AlterCollationStmt *) stmt)->collname);
		case T_RenameStmt:
			{
				RenameStmt *rs = (RenameStmt *) stmt;

				if (rs->relation)
					return rangevar_schema(rs->relation);
				return object_schema(rs->renameType == OBJECT_DOMCONSTRAINT ?
									 OBJECT_DOMAIN : rs->renameType,
									 rs->object);
			}
		case T_AlterOwnerStmt:
			{
				AlterOwnerStmt *os = (AlterOwnerStmt *) stmt;

				if (os->relation)
					return rangevar_schema(os->relation);
				return object_schema(os->objectType, os->object);
			}
		case T_AlterObjectDependsStmt:
			{
				AlterObjectDependsStmt *ds = (AlterObjectDependsStmt *) stmt;

				if (ds->relation)
					return rangevar_schema(ds->relation);
				return object_schema(ds->objectType, ds->object);
			}
		case T_CommentStmt:
			return object_schema(((CommentStmt *) stmt)->objtype,
								 ((CommentStmt *) stmt)->object);
		case T_GrantStmt:
			{
				GrantStmt  *gs = (GrantStmt *) stmt;
				ListCell   *lc;

				if (gs->targtype != ACL_TARGET_OBJECT)
					return NULL;
				foreach(lc, gs->objects)
				{
					Node	   *obj = lfirst(lc);
					char	   *qual;

					if (IsA(obj, RangeVar))
						qual = rangevar_schema((RangeVar *) obj);
					else
						qual = object_schema(gs->objtype, obj);
					if (qual != NULL)
						return qual;
				}
				return NULL;
			}
		default:
			return NULL;
	}
}

/*
 * COMMENT ON SCHEMA, GRANT/REVOKE ON SCHEMA and ON ALL ... IN SCHEMA name
 * schemas: the model's own, whose shadow they then change, or another,
 * which is refused (a model says its own schema's comment and privileges
 * only; anything else would change a live schema, and be rolled back).
 */
static SchemaSays
schema_statement(Node *stmt, const char *model_schema, ModelStmt *ms)
{
	List	   *names = NIL;
	SchemaSays	says;
	ListCell   *lc;

	if (IsA(stmt, CommentStmt) &&
		((CommentStmt *) stmt)->objtype == OBJECT_SCHEMA)
	{
		names = list_make1(((CommentStmt *) stmt)->object);
		says = SAYS_COMMENT;
	}
	else if (IsA(stmt, GrantStmt) &&
			 ((GrantStmt *) stmt)->targtype == ACL_TARGET_ALL_IN_SCHEMA)
	{
		names = ((GrantStmt *) stmt)->objects;
		says = SAYS_IN_SCHEMA;
	}
	else if (IsA(stmt, GrantStmt) &&
			 ((GrantStmt *) stmt)->objtype == OBJECT_SCHEMA)
	{
		names = ((GrantStmt *) stmt)->objects;
		says = SAYS_PRIVILEGES;
	}
	else
		return SAYS_NOTHING;

	foreach(lc, names)
	{
		const char *name = strVal(lfirst(lc));

		if (strcmp(name, model_schema) != 0)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("statement %d of the model changes schema \"%s\", not the model's schema \"%s\"",
							ms->number, name, model_schema),
					 errdetail("Statement %d: %s", ms->number, ms->text),
					 errhint("Nothing ran: a model says the comment and privileges of its own schema and its objects only; those of schema \"%s\" belong to its own model.",
							 name)));
	}
	return says;
}

/* The statements of a model's DDL, refused ones reported before any runs. */
static List *
model_statements(const char *ddl, const char *model_schema)
{
	List	   *raw = raw_parser(ddl, RAW_PARSE_DEFAULT);
	List	   *stmts = NIL;
	ListCell   *lc;
	int			n = 0;

	foreach(lc, raw)
	{
		RawStmt    *rs = lfirst_node(RawStmt, lc);
		ModelStmt  *ms = palloc0(sizeof(ModelStmt));
		int			len = rs->stmt_len > 0 ? rs->stmt_len :
			(int) strlen(ddl) - rs->stmt_location;
		const char *why;
		int			loc = rs->stmt_location;

		/* Leading white space and comments are not its text. */
		{
			int			skip = skip_blanks(ddl + loc, len);

			loc += skip;
			len -= skip;
		}
		ms->number = ++n;
		ms->text = pnstrdup(ddl + loc, len);
		ms->raw = rs->stmt;
		why = refusal(rs->stmt, &ms->skip);
		if (why != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("statement %d of the model is %s, which cannot belong in a model",
							n, GetCommandTagName(CreateCommandTag(rs->stmt))),
					 errdetail("Statement %d: %s", n, ms->text),
					 errhint("Nothing ran: %s.", why)));
		ms->says = ms->skip ? SAYS_NOTHING :
			schema_statement(rs->stmt, model_schema, ms);
		if (!ms->skip && ms->says == SAYS_NOTHING)
		{
			char	   *qual = target_schema(rs->stmt);

			if (qual != NULL)
				ereport(ERROR,
						(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						 errmsg("statement %d of the model names schema \"%s\": objects of a model are written unqualified",
								n, qual),
						 errdetail("Statement %d: %s", n, ms->text),
						 strcmp(qual, model_schema) == 0 ?
						 errhint("Nothing ran: the model is of schema \"%s\" already; remove the qualification.", qual) :
						 errhint("Nothing ran: a model holds the objects of schema \"%s\" only; objects of other schemas belong to their own model.",
								 model_schema)));
		}
		stmts = lappend(stmts, ms);
	}
	if (stmts == NIL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the model is empty"),
				 errdetail("The DDL holds no statement."),
				 errhint("A model is the DDL of every object of the schema; use migrate_model_drop() to remove a model.")));
	return stmts;
}

/* The number of statements of text, or -1 when it does not parse. */
static int
count_statements(const char *text)
{
	MemoryContext cxt = CurrentMemoryContext;
	volatile int n = -1;

	PG_TRY();
	{
		n = list_length(raw_parser(text, RAW_PARSE_DEFAULT));
	}
	PG_CATCH();
	{
		MemoryContextSwitchTo(cxt);
		FlushErrorState();
		n = -1;
	}
	PG_END_TRY();
	return n;
}

/*
 * A syntax error in the DDL: raw_parser() reports its position in the
 * whole text.  Find the statement it is in: the statements before it are
 * the longest prefix, ending with ";", that parses.
 */
static void
report_syntax_error(const char *ddl, ErrorData *edata)
{
	int			pos = 0;		/* 0-based, in bytes */
	int			start = 0;
	int			number = 1;
	int			end;
	char	   *text;

	if (edata->cursorpos <= 0)
		ReThrowError(edata);
	for (int c = 1; c < edata->cursorpos && ddl[pos] != '\0'; c++)
		pos += pg_mblen(ddl + pos);
	for (int k = pos - 1; k >= 0; k--)
	{
		int			before;

		if (ddl[k] != ';')
			continue;
		before = count_statements(pnstrdup(ddl, k + 1));
		if (before >= 0)
		{
			start = k + 1;
			number = before + 1;
			break;
		}
	}
	start += skip_blanks(ddl + start, pos - start);
	end = pos;
	while (ddl[end] != '\0' && ddl[end] != ';')
		end++;
	text = pnstrdup(ddl + start, end - start);
	ereport(ERROR,
			(errcode(edata->sqlerrcode),
			 errmsg("statement %d of the model failed: %s", number, edata->message),
			 errdetail("Statement %d, at character %d: %s", number,
					   pg_mbstrlen_with_len(ddl + start, pos - start) + 1, text),
			 internalerrquery(text),
			 internalerrposition(pg_mbstrlen_with_len(ddl + start, pos - start) + 1)));
}

/* ----------------------------------------------------------------
 * Storing documents
 * ----------------------------------------------------------------
 */

/*
 * Store one row per schema of a snapshot document: each row is the
 * document cut down to that schema (scope [schema], the extensions
 * installed in it).  ddl is stored with each row (NULL: none).
 */
static void
store_document(Jsonb *doc, const char *ddl)
{
	char	   *sql;
	Oid			types[2] = {JSONBOID, TEXTOID};
	Datum		values[2];
	char		nulls[2] = {' ', ddl ? ' ' : 'n'};
	int			ret;

	sql = psprintf("INSERT INTO %s.migrate_models AS m (schema_name, model, ddl)"
				   " SELECT s.key, pg_catalog.jsonb_build_object("
				   "   'format', $1 OPERATOR(pg_catalog.->) 'format',"
				   "   'scope', pg_catalog.jsonb_build_array(s.key),"
				   "   'extensions', COALESCE((SELECT pg_catalog.jsonb_object_agg(e.key, e.value)"
				   "       FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.->) 'extensions') e"
				   "       WHERE e.value OPERATOR(pg_catalog.->>) 'schema' OPERATOR(pg_catalog.=) s.key),"
				   "     '{}'::pg_catalog.jsonb),"
				   "   'schemas', pg_catalog.jsonb_build_object(s.key, s.value)), $2"
				   " FROM pg_catalog.jsonb_each($1 OPERATOR(pg_catalog.->) 'schemas') s"
				   " ON CONFLICT (schema_name) DO UPDATE"
				   " SET model = excluded.model, ddl = excluded.ddl,"
				   "     updated_at = pg_catalog.now(), updated_by = CURRENT_USER",
				   pgm_ext_schema());
	values[0] = JsonbPGetDatum(doc);
	values[1] = ddl ? CStringGetTextDatum(ddl) : (Datum) 0;
	ret = SPI_execute_with_args(sql, 2, types, values, nulls, false, 0);
	if (ret != SPI_OK_INSERT)
		elog(ERROR, "pg_migrate: storing the model failed: %d", ret);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the model is empty"),
				 errdetail("The snapshot document holds no schema.")));
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
static int
cmp_cstring(const ListCell *a, const ListCell *b)
{
	return strcmp((const char *) lfirst(a), (const char *) lfirst(b));
}

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
	list_sort(uses, cmp_cstring);
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
	RangeVar   *rv = created_relation(ms->raw);

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
		report_syntax_error(ddl, edata);
	}
	PG_END_TRY();
	return stmts;
}

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
		elog(ERROR, "pg_migrate: SPI_connect failed");

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
		if (ret != SPI_OK_SELECT || SPI_processed != 1)
			elog(ERROR, "pg_migrate: renaming the shadow schema failed: %d", ret);
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
	(void) graph_from_jsonb(doc, work);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);

	model_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "pg_migrate: SPI_connect failed");
	store_document(doc, NULL);
	SPI_finish();
	PG_RETURN_VOID();
}

Datum
migrate_model_capture(PG_FUNCTION_ARGS)
{
	ArrayType  *schemas = PG_ARGISNULL(0) ? NULL : PG_GETARG_ARRAYTYPE_P(0);
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *doc;


	model_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "pg_migrate: SPI_connect failed");
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
 * not as stored.  Inside SPI; the document is in the SPI context.
 */
static Jsonb *
single_model(ArrayType *schemas)
{
	Oid			types[1] = {NAMEARRAYOID};
	Datum		values[1];
	char		nulls[1] = {schemas ? ' ' : 'n'};
	bool		isnull;
	char	   *schema;
	Jsonb	   *doc;
	JsonbValue	v;
	JsonbValue *e;
	int			ret;

	values[0] = schemas ? PointerGetDatum(schemas) : (Datum) 0;
	ret = SPI_execute_with_args(psprintf("SELECT m.schema_name, m.model FROM %s.migrate_models m"
										 " WHERE $1 IS NULL OR m.schema_name OPERATOR(pg_catalog.=) ANY ($1)"
										 " LIMIT 2", pgm_ext_schema()),
								1, types, values, nulls, true, 2);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "pg_migrate: reading the models failed: %d", ret);
	if (SPI_processed != 1)
		return NULL;
	schema = NameStr(*DatumGetName(SPI_getbinval(SPI_tuptable->vals[0],
												 SPI_tuptable->tupdesc, 1, &isnull)));
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
	return doc;
}

/*
 * migrate_model(schemas)'s rows merged into one document by SQL.  Inside
 * SPI; the document is in the SPI context.
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
										 "  'scope', pg_catalog.jsonb_agg(m.schema_name::pg_catalog.text"
										 "             ORDER BY m.schema_name COLLATE \"C\"),"
										 "  'extensions', COALESCE((SELECT pg_catalog.jsonb_object_agg(e.key, e.value)"
										 "     FROM %s.migrate_models m2,"
										 "          pg_catalog.jsonb_each(m2.model OPERATOR(pg_catalog.->) 'extensions') e"
										 "     WHERE $1 IS NULL OR m2.schema_name OPERATOR(pg_catalog.=) ANY ($1)),"
										 "    '{}'::pg_catalog.jsonb),"
										 "  'schemas', pg_catalog.jsonb_object_agg(m.schema_name,"
										 "     m.model OPERATOR(pg_catalog.->) 'schemas' OPERATOR(pg_catalog.->)"
										 "     m.schema_name::pg_catalog.text))"
										 " FROM %s.migrate_models m"
										 " WHERE $1 IS NULL OR m.schema_name OPERATOR(pg_catalog.=) ANY ($1)"
										 " HAVING pg_catalog.count(*) OPERATOR(pg_catalog.>) 0",
										 PGM_SNAPSHOT_FORMAT, pgm_ext_schema(), pgm_ext_schema()),
								1, types, values, nulls, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "pg_migrate: reading the models failed: %d", ret);
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
model_document_unpruned(const char *extschema, MemoryContext cxt)
{
	Jsonb	   *doc;
	Jsonb	   *copy;
	int			ret;

	ret = SPI_execute(psprintf("SELECT 1 FROM %s.migrate_properties LIMIT 1", extschema),
					  true, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "pg_migrate: reading the properties failed: %d", ret);
	if (SPI_processed > 0)
		return NULL;
	doc = single_model(NULL);
	if (doc == NULL)
		doc = merged_models(NULL);
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
	int			ret;


	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "pg_migrate: SPI_connect failed");

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
			if (ret != SPI_OK_SELECT)
				elog(ERROR, "pg_migrate: reading the models failed: %d", ret);
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

	doc = single_model(schemas);
	if (doc == NULL)
		doc = merged_models(schemas);
	MemoryContextSwitchTo(cxt);
	/* references to objects outside the merged schemas: as a snapshot */
	doc = model_prune_refs(doc, cxt);
	/* The mapped views of the properties are part of the model (docs/mapped-views.md). */
	doc = mapped_model_extend(doc, cxt);
	SPI_finish();
	PG_RETURN_JSONB_P(doc);
}

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
		elog(ERROR, "pg_migrate: SPI_connect failed");
	values[0] = CStringGetTextDatum(schema);
	ret = SPI_execute_with_args(psprintf("DELETE FROM %s.migrate_models"
										 " WHERE schema_name OPERATOR(pg_catalog.=) $1::pg_catalog.name",
										 pgm_ext_schema()),
								1, types, values, NULL, false, 0);
	if (ret != SPI_OK_DELETE)
		elog(ERROR, "pg_migrate: dropping the model failed: %d", ret);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("schema \"%s\" has no model", schema)));
	SPI_finish();
	PG_RETURN_VOID();
}
