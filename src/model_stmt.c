/*-------------------------------------------------------------------------
 *
 * model_stmt.c
 *	  The statements of a model's DDL: split and parsed, each told what it
 *	  says about the model's schema, and those that cannot belong in a
 *	  model refused (docs/models.md) before any of them runs.  model.c runs
 *	  the rest in the shadow schema.
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
#include "model_int.h"

/* ----------------------------------------------------------------
 * Refusing what cannot belong in a model
 * ----------------------------------------------------------------
 */

/* The relation a statement creates, or NULL. */
RangeVar *
model_created_relation(Node *stmt)
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
	RangeVar   *rel = model_created_relation(stmt);

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

/*
 * The kinds of object that a model may comment on, grant on, rename or
 * give an owner: those a snapshot of a schema holds, and the schema
 * itself.  An allow-list: any other kind is refused, a kind PostgreSQL
 * adds one day among them.
 */
static bool
model_kind(ObjectType kind)
{
	switch (kind)
	{
		case OBJECT_TABLE:
		case OBJECT_VIEW:
		case OBJECT_MATVIEW:
		case OBJECT_SEQUENCE:
		case OBJECT_INDEX:
		case OBJECT_COLUMN:
		case OBJECT_ATTRIBUTE:
		case OBJECT_TABCONSTRAINT:
		case OBJECT_DOMCONSTRAINT:
		case OBJECT_TYPE:
		case OBJECT_DOMAIN:
		case OBJECT_FUNCTION:
		case OBJECT_PROCEDURE:
		case OBJECT_ROUTINE:
		case OBJECT_TRIGGER:
		case OBJECT_RULE:
		case OBJECT_STATISTIC_EXT:
		case OBJECT_POLICY:
		case OBJECT_COLLATION:
		case OBJECT_AGGREGATE:
		case OBJECT_OPERATOR:
		case OBJECT_OPCLASS:
		case OBJECT_OPFAMILY:
		case OBJECT_TSPARSER:
		case OBJECT_TSTEMPLATE:
		case OBJECT_TSDICTIONARY:
		case OBJECT_TSCONFIGURATION:
		case OBJECT_SCHEMA:
			return true;
		default:
			return false;
	}
}

/* Objects of the database or the cluster, not of a schema. */
static bool
kind_outside_schemas(ObjectType kind)
{
	return kind == OBJECT_DATABASE || kind == OBJECT_EXTENSION ||
		kind == OBJECT_ROLE || kind == OBJECT_TABLESPACE ||
		kind == OBJECT_LANGUAGE || kind == OBJECT_FDW ||
		kind == OBJECT_FOREIGN_SERVER || kind == OBJECT_LARGEOBJECT ||
		kind == OBJECT_EVENT_TRIGGER || kind == OBJECT_PUBLICATION ||
		kind == OBJECT_SUBSCRIPTION || kind == OBJECT_ACCESS_METHOD ||
		kind == OBJECT_PARAMETER_ACL || kind == OBJECT_USER_MAPPING;
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
		case T_RuleStmt:
		case T_CreateStatsStmt:
		case T_AlterStatsStmt:
		case T_CreatePolicyStmt:
		case T_AlterPolicyStmt:
		case T_AlterTableStmt:
		case T_AlterCollationStmt:
		case T_AlterObjectDependsStmt:
		case T_CreateOpClassStmt:
		case T_CreateOpFamilyStmt:
		case T_AlterOpFamilyStmt:
		case T_AlterOperatorStmt:
		case T_AlterTSDictionaryStmt:
		case T_AlterTSConfigurationStmt:
			return NULL;
		case T_CommentStmt:
		case T_GrantStmt:
			{
				ObjectType	kind = IsA(stmt, CommentStmt) ?
					((CommentStmt *) stmt)->objtype :
					((GrantStmt *) stmt)->objtype;

				if (kind_outside_schemas(kind))
					return "it changes something outside the model's schema";
				if (!model_kind(kind))
					return "a snapshot does not cover this kind of object";
				return NULL;
			}
		case T_RenameStmt:
		case T_AlterOwnerStmt:
			{
				ObjectType	kind = IsA(stmt, RenameStmt) ?
					((RenameStmt *) stmt)->renameType :
					((AlterOwnerStmt *) stmt)->objectType;

				if (kind == OBJECT_SCHEMA || kind_outside_schemas(kind))
					return "it changes something outside the model's schema";
				if (!model_kind(kind))
					return "a snapshot does not cover this kind of object";
				return NULL;
			}
		case T_CreateTableAsStmt:
			if (((CreateTableAsStmt *) stmt)->objtype == OBJECT_MATVIEW)
				return NULL;
			return "it fills a table with rows; write CREATE TABLE instead";
		case T_DefineStmt:
			{
				ObjectType	kind = ((DefineStmt *) stmt)->kind;

				if (kind == OBJECT_TYPE || kind == OBJECT_COLLATION ||
					kind == OBJECT_AGGREGATE || kind == OBJECT_OPERATOR ||
					kind == OBJECT_TSPARSER || kind == OBJECT_TSTEMPLATE ||
					kind == OBJECT_TSDICTIONARY || kind == OBJECT_TSCONFIGURATION)
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
		case OBJECT_OPCLASS:
		case OBJECT_OPFAMILY:
			/* the access method first, then the name */
			if (IsA(object, List) && list_length((List *) object) > 1)
				return list_schema(list_copy_tail((List *) object, 1));
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
		case T_RuleStmt:
			return rangevar_schema(((RuleStmt *) stmt)->relation);
		case T_CreateStatsStmt:
			return list_schema(((CreateStatsStmt *) stmt)->defnames);
		case T_CreateOpClassStmt:
			return list_schema(((CreateOpClassStmt *) stmt)->opclassname);
		case T_CreateOpFamilyStmt:
			return list_schema(((CreateOpFamilyStmt *) stmt)->opfamilyname);
		case T_AlterOpFamilyStmt:
			return list_schema(((AlterOpFamilyStmt *) stmt)->opfamilyname);
		case T_AlterOperatorStmt:
			return list_schema(((AlterOperatorStmt *) stmt)->opername->objname);
		case T_AlterTSDictionaryStmt:
			return list_schema(((AlterTSDictionaryStmt *) stmt)->dictname);
		case T_AlterTSConfigurationStmt:
			return list_schema(((AlterTSConfigurationStmt *) stmt)->cfgname);
		case T_AlterStatsStmt:
			return list_schema(((AlterStatsStmt *) stmt)->defnames);
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
List *
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
void
model_report_syntax_error(const char *ddl, ErrorData *edata)
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

