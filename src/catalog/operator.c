/*-------------------------------------------------------------------------
 *
 * operator.c
 *	  Operators, operator families and operator classes, each written as
 *	  the CREATE statement that makes it, relative to the schema.
 *
 *	  An operator's identity is "name(left type, right type)" (NONE for
 *	  the left type of a prefix operator); its restriction and join
 *	  estimators are apart ("restrict", "join"), since they are the part
 *	  ALTER OPERATOR can change.  A family's and a class's identity is
 *	  "name USING method".  A family lists the members that belong to it
 *	  and to none of its classes ("members", as ALTER OPERATOR FAMILY ...
 *	  ADD takes them); a class's definition holds its own.  The rows of
 *	  pg_amop and pg_amproc are aliases of the family or class they belong
 *	  to, so that what they use (operators, functions) are dependencies
 *	  of it.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/htup_details.h"
#include "catalog/pg_amop.h"
#include "catalog/pg_amproc.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_opclass.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/syscache.h"

/* A type of an operator's signature: NONE for a prefix operator's left. */
static char *
op_type(Oid typid)
{
	return OidIsValid(typid) ? format_type_be(typid) : pstrdup("NONE");
}

/* The operator's bare name, qualified when not of schema (ADD OPERATOR). */
static char *
oper_bare_name(Oid oproid, GNode *schema)
{
	char	   *name = snap_oper_name(oproid, schema);

	if (strncmp(name, "OPERATOR(", 9) == 0)
		return pnstrdup(name + 9, strlen(name) - 10);
	return name;
}

static void
set_identity(GNode *node, const char *name)
{
	MemoryContext cxt = GetMemoryChunkContext(node);

	node->name = MemoryContextStrdup(cxt, name);
	node->refname = MemoryContextStrdup(cxt, graph_kind_refname(node->kind, name));
}

static void
operator_load(SnapRow *row, GNode *node)
{
	Oid			left = row_oid(row, "_left");
	Oid			right = row_oid(row, "_right");
	Oid			oid;
	StringInfoData def;

	set_identity(node, psprintf("%s(%s, %s)", node->name, op_type(left),
								op_type(right)));
	initStringInfo(&def);
	appendStringInfo(&def, "CREATE OPERATOR %s (\n    FUNCTION = %s",
					 row_text(row, "_name"),
					 snap_proc_name(row_oid(row, "_code"), node->schema));
	if (OidIsValid(left))
		appendStringInfo(&def, ",\n    LEFTARG = %s", format_type_be(left));
	appendStringInfo(&def, ",\n    RIGHTARG = %s", format_type_be(right));
	if (OidIsValid(oid = row_oid(row, "_com")))
		appendStringInfo(&def, ",\n    COMMUTATOR = %s", snap_oper_name(oid, node->schema));
	if (OidIsValid(oid = row_oid(row, "_negate")))
		appendStringInfo(&def, ",\n    NEGATOR = %s", snap_oper_name(oid, node->schema));
	if (strcmp(row_text(row, "_hashes"), "true") == 0)
		appendStringInfoString(&def, ",\n    HASHES");
	if (strcmp(row_text(row, "_merges"), "true") == 0)
		appendStringInfoString(&def, ",\n    MERGES");
	appendStringInfoString(&def, "\n)");
	gnode_add_string(node, "definition", def.data);
	if (OidIsValid(oid = row_oid(row, "_rest")))
		gnode_add_string(node, "restrict", snap_proc_name(oid, node->schema));
	if (OidIsValid(oid = row_oid(row, "_join")))
		gnode_add_string(node, "join", snap_proc_name(oid, node->schema));
}

const SnapHandler pgm_operator_handler = {
	.kind = OBJ_OPERATOR,
	.classid = OperatorRelationId,
	.query =
	"SELECT o.oid AS _oid, o.oprnamespace AS _nsp, o.oprname AS _name,"
	"       o.oprleft AS _left, o.oprright AS _right, o.oprcode::oid AS _code,"
	"       o.oprcom AS _com, o.oprnegate AS _negate,"
	"       o.oprrest::oid AS _rest, o.oprjoin::oid AS _join,"
	"       o.oprcanhash::text AS _hashes, o.oprcanmerge::text AS _merges,"
	"       " PGM_SQL_COMMENT("pg_operator", "o.oid") " AS comment"
	"  FROM pg_operator o"
	" WHERE o.oprnamespace = ANY($1)"
	"   AND o.oprcode <> 0"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_operator", "o.oid"),
	.load = operator_load,
};

/*
 * The members of a family or class, from the query's 2-D oid arrays:
 * _ops rows {oid, strategy, operator, lefttype, righttype, sortfamily},
 * _procs rows {oid, number, function, lefttype, righttype}; each row an
 * alias of the node.  Operators and functions as ALTER OPERATOR FAMILY
 * ... ADD writes them; the types of a member are left out when both are
 * intype (a class's own type), always written when intype is invalid.
 */
static List *
member_items(SnapRow *row, GNode *node, Oid intype)
{
	List	   *items = NIL;
	Datum	   *v;
	int			n;

	v = row_array(row, "_ops", OIDOID, &n);
	for (int i = 0; i + 5 < n; i += 6)
	{
		ObjAddr		addr = {AccessMethodOperatorRelationId, DatumGetObjectId(v[i]), 0};
		Oid			left = DatumGetObjectId(v[i + 3]);
		Oid			right = DatumGetObjectId(v[i + 4]);
		Oid			sortfam = DatumGetObjectId(v[i + 5]);
		StringInfoData buf;

		graph_add_alias(node->graph, &addr, node);
		initStringInfo(&buf);
		appendStringInfo(&buf, "OPERATOR %u %s", DatumGetObjectId(v[i + 1]),
						 oper_bare_name(DatumGetObjectId(v[i + 2]), node->schema));
		if (!OidIsValid(intype) || left != intype || right != intype)
			appendStringInfo(&buf, "(%s, %s)", format_type_be(left),
							 format_type_be(right));
		if (OidIsValid(sortfam))
		{
			HeapTuple	tup = SearchSysCache1(OPFAMILYOID, ObjectIdGetDatum(sortfam));
			Form_pg_opfamily f;

			if (!HeapTupleIsValid(tup))
				elog(ERROR, "cache lookup failed for operator family %u", sortfam);
			f = (Form_pg_opfamily) GETSTRUCT(tup);
			if (f->opfnamespace == PG_CATALOG_NAMESPACE ||
				(node->schema != NULL &&
				 strcmp(get_namespace_name(f->opfnamespace), node->schema->name) == 0))
				appendStringInfo(&buf, " FOR ORDER BY %s",
								 quote_identifier(NameStr(f->opfname)));
			else
				appendStringInfo(&buf, " FOR ORDER BY %s",
								 quote_qualified_identifier(get_namespace_name(f->opfnamespace),
															NameStr(f->opfname)));
			ReleaseSysCache(tup);
		}
		items = lappend(items, buf.data);
	}
	v = row_array(row, "_procs", OIDOID, &n);
	for (int i = 0; i + 4 < n; i += 5)
	{
		ObjAddr		addr = {AccessMethodProcedureRelationId, DatumGetObjectId(v[i]), 0};
		Oid			left = DatumGetObjectId(v[i + 3]);
		Oid			right = DatumGetObjectId(v[i + 4]);
		StringInfoData buf;

		graph_add_alias(node->graph, &addr, node);
		initStringInfo(&buf);
		appendStringInfo(&buf, "FUNCTION %u ", DatumGetObjectId(v[i + 1]));
		if (!OidIsValid(intype) || left != intype || right != intype)
			appendStringInfo(&buf, "(%s, %s) ", format_type_be(left),
							 format_type_be(right));
		appendStringInfoString(&buf, snap_proc_signature(DatumGetObjectId(v[i + 2]),
														 node->schema));
		items = lappend(items, buf.data);
	}
	return items;
}

/*
 * The members of a family or class in pg_amop and pg_amproc (SQL): those
 * that belong to (owned "", refoid the class) or are not part of (owned
 * "NOT", refoid any) an operator class.
 */
#define OPC_MEMBERS(refclass, refoid, owned) \
	"       ARRAY(SELECT ARRAY[ao.oid, ao.amopstrategy::integer::oid, ao.amopopr," \
	"                          ao.amoplefttype, ao.amoprighttype, ao.amopsortfamily]" \
	"               FROM pg_amop ao" \
	"              WHERE ao.amopfamily = f.oid AND " owned " EXISTS (" \
	"                    SELECT 1 FROM pg_depend d" \
	"                     WHERE d.classid = 'pg_amop'::regclass AND d.objid = ao.oid" \
	"                       AND d.refclassid = '" refclass "'::regclass" \
	"                       AND d.refobjid = " refoid ")" \
	"              ORDER BY ao.amopstrategy, format_type(ao.amoplefttype, NULL)," \
	"                       format_type(ao.amoprighttype, NULL)) AS _ops," \
	"       ARRAY(SELECT ARRAY[ap.oid, ap.amprocnum::integer::oid, ap.amproc::oid," \
	"                          ap.amproclefttype, ap.amprocrighttype]" \
	"               FROM pg_amproc ap" \
	"              WHERE ap.amprocfamily = f.oid AND " owned " EXISTS (" \
	"                    SELECT 1 FROM pg_depend d" \
	"                     WHERE d.classid = 'pg_amproc'::regclass AND d.objid = ap.oid" \
	"                       AND d.refclassid = '" refclass "'::regclass" \
	"                       AND d.refobjid = " refoid ")" \
	"              ORDER BY ap.amprocnum, format_type(ap.amproclefttype, NULL)," \
	"                       format_type(ap.amprocrighttype, NULL)) AS _procs,"

static void
opfamily_load(SnapRow *row, GNode *node)
{
	char	   *am = row_text(row, "_am");
	List	   *members;

	set_identity(node, psprintf("%s USING %s", node->name, am));
	gnode_add_string(node, "definition",
					 psprintf("CREATE OPERATOR FAMILY %s USING %s",
							  quote_identifier(row_text(row, "_name")),
							  quote_identifier(am)));
	members = member_items(row, node, InvalidOid);
	if (members != NIL)
		gnode_add_strings(node, "members", members);
}

const SnapHandler pgm_opfamily_handler = {
	.kind = OBJ_OPFAMILY,
	.classid = OperatorFamilyRelationId,
	.query =
	"SELECT f.oid AS _oid, f.opfnamespace AS _nsp, f.opfname AS _name,"
	"       am.amname AS _am,"
	OPC_MEMBERS("pg_opclass", "d.refobjid", "NOT")
	"       " PGM_SQL_COMMENT("pg_opfamily", "f.oid") " AS comment"
	"  FROM pg_opfamily f"
	"  JOIN pg_am am ON am.oid = f.opfmethod"
	" WHERE f.opfnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_opfamily", "f.oid"),
	.load = opfamily_load,
};

static void
opclass_load(SnapRow *row, GNode *node)
{
	char	   *am = row_text(row, "_am");
	Oid			intype = row_oid(row, "_intype");
	Oid			keytype = row_oid(row, "_keytype");
	char	   *fname = row_text(row, "_fname");
	char	   *fnsp = row_text(row, "_fnsp");
	StringInfoData def;
	List	   *items;
	ListCell   *lc;

	set_identity(node, psprintf("%s USING %s", node->name, am));
	initStringInfo(&def);
	appendStringInfo(&def, "CREATE OPERATOR CLASS %s%s FOR TYPE %s USING %s",
					 quote_identifier(row_text(row, "_name")),
					 strcmp(row_text(row, "_default"), "true") == 0 ? " DEFAULT" : "",
					 format_type_be(intype), quote_identifier(am));
	if (strcmp(fname, row_text(row, "_name")) != 0 ||
		strcmp(fnsp, node->schema->name) != 0)
		appendStringInfo(&def, " FAMILY %s",
						 strcmp(fnsp, node->schema->name) == 0 ||
						 strcmp(fnsp, "pg_catalog") == 0 ?
						 quote_identifier(fname) :
						 quote_qualified_identifier(fnsp, fname));
	items = member_items(row, node, intype);
	if (OidIsValid(keytype))
		items = lappend(items, psprintf("STORAGE %s", format_type_be(keytype)));
	appendStringInfoString(&def, " AS");
	foreach(lc, items)
		appendStringInfo(&def, "%s\n    %s", foreach_current_index(lc) > 0 ? "," : "",
						 (char *) lfirst(lc));
	gnode_add_string(node, "definition", def.data);
}

const SnapHandler pgm_opclass_handler = {
	.kind = OBJ_OPCLASS,
	.classid = OperatorClassRelationId,
	.query =
	"SELECT c.oid AS _oid, c.opcnamespace AS _nsp, c.opcname AS _name,"
	"       am.amname AS _am, c.opcintype AS _intype, c.opckeytype AS _keytype,"
	"       c.opcdefault::text AS _default,"
	"       f.opfname AS _fname, fn.nspname AS _fnsp,"
	OPC_MEMBERS("pg_opclass", "c.oid", "")
	"       " PGM_SQL_COMMENT("pg_opclass", "c.oid") " AS comment"
	"  FROM pg_opclass c"
	"  JOIN pg_am am ON am.oid = c.opcmethod"
	"  JOIN pg_opfamily f ON f.oid = c.opcfamily"
	"  JOIN pg_namespace fn ON fn.oid = f.opfnamespace"
	" WHERE c.opcnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_opclass", "c.oid"),
	.load = opclass_load,
};
