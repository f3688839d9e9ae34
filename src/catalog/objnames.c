/*-------------------------------------------------------------------------
 *
 * objnames.c
 *	  Names of functions and operators as a CREATE statement of the kinds
 *	  written whole (aggregates, operators, operator classes and families,
 *	  casts) refers to them: unqualified when they live in the schema the
 *	  object is deparsed for or in pg_catalog, qualified otherwise, as
 *	  everything in a document is (docs/snapshot-format.md, Relative
 *	  names).
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_proc.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

/* Is an object of namespace nsp written unqualified for schema? */
static bool
unqualified_in(Oid nsp, GNode *schema)
{
	char	   *name;

	if (nsp == PG_CATALOG_NAMESPACE)
		return true;
	if (schema == NULL)
		return false;
	name = get_namespace_name(nsp);
	return name != NULL && strcmp(name, schema->name) == 0;
}

/*
 * A function's name alone (CREATE AGGREGATE's SFUNC = name, ...),
 * relative to schema (NULL: database-wide, qualified but for pg_catalog).
 * Palloc'd.
 */
char *
snap_proc_name(Oid procoid, GNode *schema)
{
	char	   *name = get_func_name(procoid);
	Oid			nsp = get_func_namespace(procoid);

	if (name == NULL)
		elog(ERROR, "cache lookup failed for function %u", procoid);
	if (unqualified_in(nsp, schema))
		return pstrdup(quote_identifier(name));
	return quote_qualified_identifier(get_namespace_name(nsp), name);
}

/*
 * A function with its argument types ("f(integer, text)"), relative to
 * schema as snap_proc_name().  Palloc'd.
 */
char *
snap_proc_signature(Oid procoid, GNode *schema)
{
	oidvector  *args;
	StringInfoData buf;
	HeapTuple	tup;

	tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(procoid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for function %u", procoid);
	args = &((Form_pg_proc) GETSTRUCT(tup))->proargtypes;
	initStringInfo(&buf);
	appendStringInfo(&buf, "%s(", snap_proc_name(procoid, schema));
	for (int i = 0; i < args->dim1; i++)
		appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "",
						 format_type_be(args->values[i]));
	appendStringInfoChar(&buf, ')');
	ReleaseSysCache(tup);
	return buf.data;
}

/*
 * An operator's name as CREATE AGGREGATE's SORTOP or an operator's
 * COMMUTATOR takes it: "<" or "OPERATOR(s.<)".  Palloc'd.
 */
char *
snap_oper_name(Oid oproid, GNode *schema)
{
	HeapTuple	tup = SearchSysCache1(OPEROID, ObjectIdGetDatum(oproid));
	Form_pg_operator op;
	char	   *result;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for operator %u", oproid);
	op = (Form_pg_operator) GETSTRUCT(tup);
	if (unqualified_in(op->oprnamespace, schema))
		result = pstrdup(NameStr(op->oprname));
	else
		result = psprintf("OPERATOR(%s.%s)",
						  quote_identifier(get_namespace_name(op->oprnamespace)),
						  NameStr(op->oprname));
	ReleaseSysCache(tup);
	return result;
}
