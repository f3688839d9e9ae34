/*-------------------------------------------------------------------------
 *
 * aggregate.c
 *	  Aggregates (normal, ordered-set, hypothetical-set, with or without a
 *	  moving-aggregate mode): the whole CREATE AGGREGATE statement, written
 *	  from pg_aggregate as pg_dump writes it (options at their defaults
 *	  left out), relative to the schema.  The identity is that of a
 *	  function: "name(argument types)".
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_aggregate.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/memutils.h"

/* A boolean column of the row (false when null). */
static bool
row_bool(SnapRow *row, const char *col)
{
	bool		isnull;
	Datum		d = row_datum(row, col, &isnull);

	return !isnull && DatumGetBool(d);
}

/* ", NAME = function" when the function is set */
static void
append_func(StringInfo buf, const char *opt, Oid fn, GNode *schema)
{
	if (OidIsValid(fn))
		appendStringInfo(buf, ",\n    %s = %s", opt, snap_proc_name(fn, schema));
}

static void
append_modify(StringInfo buf, const char *opt, char modify, char dflt)
{
	if (modify == dflt)
		return;
	appendStringInfo(buf, ",\n    %s = %s", opt,
					 modify == AGGMODIFY_READ_ONLY ? "READ_ONLY" :
					 modify == AGGMODIFY_SHAREABLE ? "SHAREABLE" : "READ_WRITE");
}

static void
aggregate_load(SnapRow *row, GNode *node)
{
	Oid			oid = row_oid(row, "_oid");
	GNode	   *schema = node->schema;
	char		aggkind = row_text(row, "_aggkind")[0];
	char		dfltmodify = (aggkind == AGGKIND_NORMAL) ?
		AGGMODIFY_READ_ONLY : AGGMODIFY_READ_WRITE;
	bool		isnull;
	Datum		argtypes = row_datum(row, "_argtypes", &isnull);
	StringInfoData ident;
	StringInfoData def;
	Datum	   *elems;
	int			n;
	char	   *args;
	char	   *s;

	/* the identity: "name(argument types)", as a function's */
	initStringInfo(&ident);
	deconstruct_array(DatumGetArrayTypeP(argtypes), OIDOID, sizeof(Oid), true,
					  TYPALIGN_INT, &elems, NULL, &n);
	for (int i = 0; i < n; i++)
		appendStringInfo(&ident, "%s%s", i > 0 ? ", " : "",
						 format_type_be(DatumGetObjectId(elems[i])));
	node->name = MemoryContextStrdup(GetMemoryChunkContext(node),
									 psprintf("%s(%s)", node->name, ident.data));
	node->refname = MemoryContextStrdup(GetMemoryChunkContext(node),
										graph_kind_refname(OBJ_AGGREGATE, node->name));

	args = deparse_call(pg_get_function_arguments, 1, ObjectIdGetDatum(oid), 0, 0);
	if (args == NULL)
		return;
	initStringInfo(&def);
	appendStringInfo(&def, "CREATE AGGREGATE %s(%s) (\n    SFUNC = %s,\n    STYPE = %s",
					 quote_identifier(row_text(row, "_name")),
					 *args ? args : "*",
					 snap_proc_name(row_oid(row, "_transfn"), schema),
					 format_type_be(row_oid(row, "_transtype")));
	if (row_int(row, "_transspace") != 0)
		appendStringInfo(&def, ",\n    SSPACE = %d", row_int(row, "_transspace"));
	append_func(&def, "FINALFUNC", row_oid(row, "_finalfn"), schema);
	if (row_bool(row, "_finalextra"))
		appendStringInfoString(&def, ",\n    FINALFUNC_EXTRA");
	append_modify(&def, "FINALFUNC_MODIFY", row_text(row, "_finalmodify")[0],
				  dfltmodify);
	append_func(&def, "COMBINEFUNC", row_oid(row, "_combinefn"), schema);
	append_func(&def, "SERIALFUNC", row_oid(row, "_serialfn"), schema);
	append_func(&def, "DESERIALFUNC", row_oid(row, "_deserialfn"), schema);
	if ((s = row_text(row, "_initval")) != NULL)
		appendStringInfo(&def, ",\n    INITCOND = %s", quote_literal_cstr(s));
	if (OidIsValid(row_oid(row, "_mtransfn")))
	{
		append_func(&def, "MSFUNC", row_oid(row, "_mtransfn"), schema);
		append_func(&def, "MINVFUNC", row_oid(row, "_minvtransfn"), schema);
		appendStringInfo(&def, ",\n    MSTYPE = %s",
						 format_type_be(row_oid(row, "_mtranstype")));
		if (row_int(row, "_mtransspace") != 0)
			appendStringInfo(&def, ",\n    MSSPACE = %d", row_int(row, "_mtransspace"));
		append_func(&def, "MFINALFUNC", row_oid(row, "_mfinalfn"), schema);
		if (row_bool(row, "_mfinalextra"))
			appendStringInfoString(&def, ",\n    MFINALFUNC_EXTRA");
		append_modify(&def, "MFINALFUNC_MODIFY", row_text(row, "_mfinalmodify")[0],
					  dfltmodify);
		if ((s = row_text(row, "_minitval")) != NULL)
			appendStringInfo(&def, ",\n    MINITCOND = %s", quote_literal_cstr(s));
	}
	if (OidIsValid(row_oid(row, "_sortop")))
		appendStringInfo(&def, ",\n    SORTOP = %s",
						 snap_oper_name(row_oid(row, "_sortop"), schema));
	s = row_text(row, "_parallel");
	if (s[0] == PROPARALLEL_SAFE)
		appendStringInfoString(&def, ",\n    PARALLEL = SAFE");
	else if (s[0] == PROPARALLEL_RESTRICTED)
		appendStringInfoString(&def, ",\n    PARALLEL = RESTRICTED");
	if (aggkind == AGGKIND_HYPOTHETICAL)
		appendStringInfoString(&def, ",\n    HYPOTHETICAL");
	appendStringInfoString(&def, "\n)");

	gnode_add_string(node, "definition", def.data);
	gnode_add_string(node, "arguments", args);
	gnode_add_string(node, "result",
					 deparse_call(pg_get_function_result, 1, ObjectIdGetDatum(oid), 0, 0));
}

const SnapHandler pgm_aggregate_handler = {
	.kind = OBJ_AGGREGATE,
	.classid = ProcedureRelationId,
	.query =
	"SELECT p.oid AS _oid, p.pronamespace AS _nsp, p.proname AS _name,"
	"       p.proargtypes::oid[] AS _argtypes,"
	"       CASE a.aggkind WHEN 'n' THEN 'normal' WHEN 'o' THEN 'ordered-set'"
	"                      ELSE 'hypothetical' END AS kind,"
	"       a.aggkind::text AS _aggkind,"
	"       a.aggtransfn::oid AS _transfn, a.aggfinalfn::oid AS _finalfn,"
	"       a.aggcombinefn::oid AS _combinefn, a.aggserialfn::oid AS _serialfn,"
	"       a.aggdeserialfn::oid AS _deserialfn, a.aggmtransfn::oid AS _mtransfn,"
	"       a.aggminvtransfn::oid AS _minvtransfn, a.aggmfinalfn::oid AS _mfinalfn,"
	"       a.aggfinalextra AS _finalextra, a.aggmfinalextra AS _mfinalextra,"
	"       a.aggfinalmodify::text AS _finalmodify,"
	"       a.aggmfinalmodify::text AS _mfinalmodify,"
	"       a.aggsortop AS _sortop, a.aggtranstype AS _transtype,"
	"       a.aggtransspace AS _transspace, a.aggmtranstype AS _mtranstype,"
	"       a.aggmtransspace AS _mtransspace,"
	"       a.agginitval AS _initval, a.aggminitval AS _minitval,"
	"       p.proparallel::text AS _parallel,"
	"       " PGM_SQL_COMMENT("pg_proc", "p.oid") " AS comment,"
	"       " PGM_SQL_ACL("p.proacl", "f", "p.proowner", PGM_ACL_DEFAULT_EXECUTE) " AS privileges"
	"  FROM pg_proc p"
	"  JOIN pg_aggregate a ON a.aggfnoid = p.oid"
	" WHERE p.pronamespace = ANY($1)"
	"   AND p.prokind = 'a'"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_proc", "p.oid"),
	.load = aggregate_load,
};
