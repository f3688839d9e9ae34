/*-------------------------------------------------------------------------
 *
 * docread_sql.c
 *	  The checks of the strict document reader (docread.c) on values that
 *	  are written into DDL as SQL: each is parsed with PostgreSQL's raw
 *	  parser (nothing is looked up or run) and must be what it claims, a
 *	  type name, one expression, one CREATE statement of the expected kind.
 *
 *-------------------------------------------------------------------------
 */
#include "docread_int.h"

#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* ----------------------------------------------------------------
 * The raw parser
 * ----------------------------------------------------------------
 */

/*
 * raw_parser() of sql, or NIL and the parser's message in *error.  The raw
 * parser only allocates memory: an error it raises can be caught here and
 * turned into ours without a subtransaction.  Cancels and the like are
 * rethrown.
 */
static List *
parse_quietly(const char *sql, RawParseMode mode, char **error)
{
	MemoryContext cxt = CurrentMemoryContext;
	List	   *volatile result = NIL;

	*error = NULL;
	PG_TRY();
	{
		result = raw_parser(sql, mode);
	}
	PG_CATCH();
	{
		ErrorData  *ed;

		MemoryContextSwitchTo(cxt);
		ed = CopyErrorData();
		if (ERRCODE_TO_CATEGORY(ed->sqlerrcode) != ERRCODE_SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION &&
			ERRCODE_TO_CATEGORY(ed->sqlerrcode) != ERRCODE_DATA_EXCEPTION &&
			ed->sqlerrcode != ERRCODE_STATEMENT_TOO_COMPLEX)
			PG_RE_THROW();
		FlushErrorState();
		*error = ed->message ? ed->message : pstrdup("syntax error");
		result = NIL;
	}
	PG_END_TRY();
	return result;
}

/* The one statement of sql, if it is one statement of that node type. */
Node *
docread_parse_one(const char *sql, NodeTag tag, char **error)
{
	List	   *raw = parse_quietly(sql, RAW_PARSE_DEFAULT, error);
	Node	   *stmt;

	if (*error != NULL)
		return NULL;
	if (list_length(raw) != 1)
	{
		*error = pstrdup(raw == NIL ? "It holds no statement." :
						 "It holds more than one statement.");
		return NULL;
	}
	stmt = linitial_node(RawStmt, raw)->stmt;
	if (nodeTag(stmt) != tag)
	{
		*error = pstrdup("It is another kind of statement.");
		return NULL;
	}
	return stmt;
}

static bool
is_type_name(const char *s, char **error)
{
	List	   *raw = parse_quietly(s, RAW_PARSE_TYPE_NAME, error);

	return *error == NULL && list_length(raw) == 1 && IsA(linitial(raw), TypeName);
}

/* One expression, and nothing else (no FROM, no alias, no second one). */
static bool
is_expression(const char *s, char **error)
{
	List	   *raw = parse_quietly(s, RAW_PARSE_PLPGSQL_EXPR, error);
	SelectStmt *sel;

	if (*error != NULL)
		return false;
	if (list_length(raw) != 1 || !IsA(linitial_node(RawStmt, raw)->stmt, SelectStmt))
		return false;
	sel = (SelectStmt *) linitial_node(RawStmt, raw)->stmt;
	if (sel->op != SETOP_NONE || list_length(sel->targetList) != 1 ||
		sel->distinctClause != NIL || sel->intoClause != NULL ||
		sel->fromClause != NIL || sel->whereClause != NULL ||
		sel->groupClause != NIL || sel->havingClause != NULL ||
		sel->windowClause != NIL || sel->sortClause != NIL ||
		sel->limitOffset != NULL || sel->limitCount != NULL ||
		sel->lockingClause != NIL || sel->withClause != NULL ||
		sel->valuesLists != NIL)
	{
		*error = pstrdup("It is more than one expression.");
		return false;
	}
	if (castNode(ResTarget, linitial(sel->targetList))->name != NULL)
	{
		*error = pstrdup("It has an alias.");
		return false;
	}
	return true;
}

/* A name of one to three parts, as quote_identifier() writes each. */
static bool
is_qualified_name(const char *s, char **error)
{
	DropStmt   *drop = (DropStmt *) docread_parse_one(psprintf("DROP TABLE %s", s),
											  T_DropStmt, error);

	if (drop == NULL)
		return false;
	if (list_length(drop->objects) != 1 || drop->behavior != DROP_RESTRICT ||
		drop->missing_ok || drop->concurrent)
	{
		*error = pstrdup("It is more than a name.");
		return false;
	}
	return true;
}

static bool
is_role(const char *s, char **error)
{
	GrantRoleStmt *grant = (GrantRoleStmt *)
		docread_parse_one(psprintf("GRANT r TO %s", s), T_GrantRoleStmt, error);

	if (grant == NULL)
		return false;
	if (list_length(grant->grantee_roles) != 1 || grant->admin_opt ||
		grant->grantor != NULL)
	{
		*error = pstrdup("It is more than a role name.");
		return false;
	}
	return true;
}

static bool
is_view_definition(const char *s, char **error)
{
	SelectStmt *sel = (SelectStmt *) docread_parse_one(s, T_SelectStmt, error);

	if (sel == NULL)
		return false;
	if (sel->intoClause != NULL)
	{
		*error = pstrdup("It is a SELECT INTO.");
		return false;
	}
	return true;
}

static bool
is_index_definition(const char *objname, const char *s, char **error)
{
	IndexStmt  *idx = (IndexStmt *) docread_parse_one(s, T_IndexStmt, error);

	if (idx == NULL)
		return false;
	if (idx->idxname == NULL || objname == NULL ||
		strcmp(idx->idxname, objname) != 0)
	{
		*error = psprintf("It does not create index \"%s\".",
						  objname ? objname : "");
		return false;
	}
	if (idx->concurrent || idx->if_not_exists)
	{
		*error = pstrdup("It has options a snapshot never writes.");
		return false;
	}
	return true;
}

static bool
is_trigger_definition(const char *objname, const char *s, char **error)
{
	CreateTrigStmt *trig = (CreateTrigStmt *) docread_parse_one(s, T_CreateTrigStmt, error);

	if (trig == NULL)
		return false;
	if (trig->trigname == NULL || objname == NULL ||
		strcmp(trig->trigname, objname) != 0)
	{
		*error = psprintf("It does not create trigger \"%s\".",
						  objname ? objname : "");
		return false;
	}
	if (trig->replace)
	{
		*error = pstrdup("It has options a snapshot never writes.");
		return false;
	}
	return true;
}

/* One CREATE RULE statement that creates the rule being read. */
static bool
is_rule_definition(const char *objname, const char *s, char **error)
{
	RuleStmt   *rule = (RuleStmt *) docread_parse_one(s, T_RuleStmt, error);

	if (rule == NULL)
		return false;
	if (rule->rulename == NULL || objname == NULL ||
		strcmp(rule->rulename, objname) != 0)
	{
		*error = psprintf("It does not create rule \"%s\".",
						  objname ? objname : "");
		return false;
	}
	return true;
}

/* "ALTER TABLE x ADD CONSTRAINT c <definition>": one constraint. */
Constraint *
docread_parse_constraint(const char *s, char **error)
{
	AlterTableStmt *alter = (AlterTableStmt *)
		docread_parse_one(psprintf("ALTER TABLE x ADD CONSTRAINT c %s", s),
				  T_AlterTableStmt, error);
	AlterTableCmd *cmd;

	if (alter == NULL)
		return NULL;
	if (list_length(alter->cmds) != 1 ||
		(cmd = linitial_node(AlterTableCmd, alter->cmds))->subtype != AT_AddConstraint ||
		cmd->def == NULL || !IsA(cmd->def, Constraint))
	{
		*error = pstrdup("It is more than one constraint.");
		return NULL;
	}
	return (Constraint *) cmd->def;
}

static bool
is_partition_clause(const char *s, bool bound, char **error)
{
	CreateStmt *create = (CreateStmt *)
		docread_parse_one(bound ? psprintf("CREATE TABLE x PARTITION OF y %s", s) :
				  psprintf("CREATE TABLE x () PARTITION BY %s", s),
				  T_CreateStmt, error);

	if (create == NULL)
		return false;
	if ((bound ? create->partbound == NULL || create->partspec != NULL :
		 create->partspec == NULL || create->partbound != NULL) ||
		create->tableElts != NIL || create->options != NIL ||
		create->tablespacename != NULL || create->accessMethod != NULL ||
		create->oncommit != ONCOMMIT_NOOP || create->constraints != NIL)
	{
		*error = pstrdup("It is more than a partitioning clause.");
		return false;
	}
	return true;
}

/* ----------------------------------------------------------------
 * Values
 * ----------------------------------------------------------------
 */

/*
 * docread_check_sql(): see docread_int.h.  Allocates in the current memory
 * context (the reader's scratch context, reset after each value).
 */
bool
docread_check_sql(VCheck check, const char *s, const char *objname,
				  const char **problem, char **error)
{
	bool		ok = true;

	switch (check)
	{
	case VC_TYPENAME:
		ok = is_type_name(s, error);
		*problem = "is not a type name";
		break;
	case VC_EXPR:
		ok = is_expression(s, error);
		*problem = "is not one SQL expression";
		break;
	case VC_QNAME:
		ok = is_qualified_name(s, error);
		*problem = "is not a name";
		break;
	case VC_ROLE:
		ok = is_role(s, error);
		*problem = "is not a role name";
		break;
	case VC_OPTION:
		ok = strchr(s, '=') != NULL && *s != '=';
		*problem = "is not \"name=value\"";
		break;
	case VC_VIEWDEF:
		ok = is_view_definition(s, error);
		*problem = "is not one SELECT statement";
		break;
	case VC_INDEXDEF:
		ok = is_index_definition(objname, s, error);
		*problem = "is not the CREATE INDEX statement of the index";
		break;
	case VC_TRIGDEF:
		ok = is_trigger_definition(objname, s, error);
		*problem = "is not the CREATE TRIGGER statement of the trigger";
		break;
	case VC_RULEDEF:
		ok = is_rule_definition(objname, s, error);
		*problem = "is not the CREATE RULE statement of the rule";
		break;
	case VC_STATSDEF:
		ok = docread_parse_one(s, T_CreateStatsStmt, error) != NULL;
		*problem = "is not one CREATE STATISTICS statement";
		break;
	case VC_AGGDEF:
		{
			DefineStmt *d = (DefineStmt *) docread_parse_one(s, T_DefineStmt, error);

			ok = d != NULL && d->kind == OBJECT_AGGREGATE;
			*problem = "is not one CREATE AGGREGATE statement";
			break;
		}
	case VC_OPERDEF:
		{
			DefineStmt *d = (DefineStmt *) docread_parse_one(s, T_DefineStmt, error);

			ok = d != NULL && d->kind == OBJECT_OPERATOR;
			*problem = "is not one CREATE OPERATOR statement";
			break;
		}
	case VC_OPFAMDEF:
		ok = docread_parse_one(s, T_CreateOpFamilyStmt, error) != NULL;
		*problem = "is not one CREATE OPERATOR FAMILY statement";
		break;
	case VC_OPFAMMEMBER:
		{
			AlterOpFamilyStmt *a = (AlterOpFamilyStmt *)
				docread_parse_one(psprintf("ALTER OPERATOR FAMILY f USING m ADD %s", s),
						  T_AlterOpFamilyStmt, error);

			ok = a != NULL && list_length(a->items) == 1;
			*problem = "is not one member of an operator family";
			break;
		}
	case VC_OPCLASSDEF:
		ok = docread_parse_one(s, T_CreateOpClassStmt, error) != NULL;
		*problem = "is not one CREATE OPERATOR CLASS statement";
		break;
	case VC_CASTDEF:
		ok = docread_parse_one(s, T_CreateCastStmt, error) != NULL;
		*problem = "is not one CREATE CAST statement";
		break;
	case VC_TSDEF:
		{
			DefineStmt *d = (DefineStmt *) docread_parse_one(s, T_DefineStmt, error);

			ok = d != NULL && (d->kind == OBJECT_TSPARSER ||
							   d->kind == OBJECT_TSTEMPLATE ||
							   d->kind == OBJECT_TSDICTIONARY ||
							   d->kind == OBJECT_TSCONFIGURATION);
			*problem = "is not one CREATE TEXT SEARCH statement";
			break;
		}
	case VC_PUBTABLE:
		{
			CreatePublicationStmt *p = (CreatePublicationStmt *)
				docread_parse_one(psprintf("CREATE PUBLICATION p FOR TABLE %s", s),
						  T_CreatePublicationStmt, error);

			ok = p != NULL && list_length(p->pubobjects) == 1;
			*problem = "is not one table of a publication";
			break;
		}
	case VC_EVTFUNC:
		ok = docread_parse_one(psprintf("CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION %s", s),
					   T_CreateEventTrigStmt, error) != NULL;
		*problem = "is not a function call of an event trigger";
		break;
	case VC_FTDEF:
		ok = docread_parse_one(s, T_CreateForeignTableStmt, error) != NULL;
		*problem = "is not one CREATE FOREIGN TABLE statement";
		break;
	case VC_TSMAPPING:
		ok = docread_parse_one(psprintf("ALTER TEXT SEARCH CONFIGURATION c ADD MAPPING FOR %s", s),
					   T_AlterTSConfigurationStmt, error) != NULL;
		*problem = "is not one mapping of a text search configuration";
		break;
	case VC_CONSTRDEF:
		ok = docread_parse_constraint(s, error) != NULL;
		*problem = "is not a constraint definition";
		break;
	case VC_PARTBY:
		ok = is_partition_clause(s, false, error);
		*problem = "is not a partition key";
		break;
	case VC_PARTBOUND:
		ok = is_partition_clause(s, true, error);
		*problem = "is not a partition bound";
		break;
		default:
			elog(ERROR, "unexpected check %d of a document value", (int) check);
	}
	return ok;
}
