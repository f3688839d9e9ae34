/*-------------------------------------------------------------------------
 *
 * foreign.c
 *	  Foreign-data wrappers, servers and user mappings (database-wide, in
 *	  "all" documents only) and foreign tables (objects of their schema).
 *
 * No secret is read: a user mapping is recorded by its role and server
 * alone, without its options (which hold passwords); its catalog row is
 * read through the pg_user_mappings view, whose role and server any user
 * may see.  A foreign table is written whole, as its CREATE FOREIGN
 * TABLE statement relative to the schema (columns with their options,
 * defaults and NOT NULL, its CHECK constraints, its server and options);
 * its columns and constraints are aliases of it, so that what depends on
 * them (views) depends on the table.  Foreign tables that are partitions
 * or inherit, or have privileges on columns, are not modelled: they stay
 * entries of "unmodeled".
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/htup_details.h"
#include "access/transam.h"
#include "catalog/pg_attrdef.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_class.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_foreign_data_wrapper.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_type.h"
#include "catalog/pg_user_mapping.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/ruleutils.h"
#include "utils/syscache.h"

/* " OPTIONS (name 'value', ...)" of an options array, in its order */
static void
append_generic_options(StringInfo buf, Datum options)
{
	Datum	   *opts;
	int			n;

	if (options == (Datum) 0)
		return;
	opts = snap_array(options, TEXTOID, &n);
	if (n == 0)
		return;
	appendStringInfoString(buf, " OPTIONS (");
	for (int i = 0; i < n; i++)
	{
		char	   *opt = TextDatumGetCString(opts[i]);
		char	   *eq = strchr(opt, '=');

		if (eq != NULL)
			*eq = '\0';
		appendStringInfo(buf, "%s%s %s", i > 0 ? ", " : "", quote_identifier(opt),
						 quote_literal_cstr(eq ? eq + 1 : ""));
	}
	appendStringInfoChar(buf, ')');
}

static void
fdw_load(SnapRow *row, GNode *node)
{
	Oid			fn;

	if (OidIsValid(fn = row_oid(row, "_handler")))
		gnode_add_string(node, "handler", snap_proc_name(fn, NULL));
	if (OidIsValid(fn = row_oid(row, "_validator")))
		gnode_add_string(node, "validator", snap_proc_name(fn, NULL));
}

const SnapHandler pgm_fdw_handler = {
	.kind = OBJ_FDW,
	.classid = ForeignDataWrapperRelationId,
	.query =
	"SELECT w.oid AS _oid, w.fdwname AS _name,"
	"       w.fdwhandler AS _handler, w.fdwvalidator AS _validator,"
	"       w.fdwoptions AS options,"
	"       " PGM_SQL_COMMENT("pg_foreign_data_wrapper", "w.oid") " AS comment,"
	"       " PGM_SQL_ACL("w.fdwacl", "F", "w.fdwowner", PGM_ACL_DEFAULT_NONE) " AS privileges"
	"  FROM pg_foreign_data_wrapper w"
	" WHERE $2 AND w.oid >= " CppAsString2(FirstNormalObjectId)
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_foreign_data_wrapper", "w.oid"),
	.load = fdw_load,
};

const SnapHandler pgm_server_handler = {
	.kind = OBJ_SERVER,
	.classid = ForeignServerRelationId,
	.query =
	"SELECT s.oid AS _oid, s.srvname AS _name,"
	"       w.fdwname AS wrapper, s.srvtype AS type, s.srvversion AS version,"
	"       s.srvoptions AS options,"
	"       " PGM_SQL_COMMENT("pg_foreign_server", "s.oid") " AS comment,"
	"       " PGM_SQL_ACL("s.srvacl", "S", "s.srvowner", PGM_ACL_DEFAULT_NONE) " AS privileges"
	"  FROM pg_foreign_server s"
	"  JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw"
	" WHERE $2"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_foreign_server", "s.oid"),
};

const SnapHandler pgm_usermapping_handler = {
	.kind = OBJ_USERMAPPING,
	.classid = UserMappingRelationId,
	.query =
	"SELECT u.umid AS _oid,"
	"       CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE u.umuser::regrole::text END"
	"         || ' SERVER ' || quote_ident(u.srvname) AS _name,"
	"       CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE u.umuser::regrole::text END AS role,"
	"       u.srvname AS server"
	"  FROM pg_user_mappings u"
	" WHERE $2",
};

/*
 * A foreign table's CREATE FOREIGN TABLE, read from the catalog caches
 * (few tables): columns in order, then CHECK constraints.
 */
static void
foreign_table_load(SnapRow *row, GNode *node)
{
	Oid			relid = row_oid(row, "_oid");
	int			natts = row_int(row, "_natts");
	StringInfoData def;
	List	   *comments = NIL;
	bool		first = true;
	Datum	   *conoids;
	Datum	   *defnums;
	Datum	   *defbins;
	int			ncon;
	int			ndef;
	int			nbin;

	pgm_alias_rowtype(row, node);
	defnums = row_array(row, "_defnums", INT2OID, &ndef);
	defbins = row_array(row, "_defbins", TEXTOID, &nbin);
	{
		int			noid;
		Datum	   *defoids = row_array(row, "_defoids", OIDOID, &noid);

		/* what a default uses is what the table uses */
		for (int i = 0; i < noid; i++)
		{
			ObjAddr		addr = {AttrDefaultRelationId, DatumGetObjectId(defoids[i]), 0};

			graph_add_alias(node->graph, &addr, node);
		}
	}
	initStringInfo(&def);
	appendStringInfo(&def, "CREATE FOREIGN TABLE %s (", quote_identifier(node->name));
	for (int attnum = 1; attnum <= natts; attnum++)
	{
		HeapTuple	tup = SearchSysCache2(ATTNUM, ObjectIdGetDatum(relid),
										  Int16GetDatum(attnum));
		Form_pg_attribute att;
		ObjAddr		addr = {RelationRelationId, relid, attnum};
		bool		isnull;
		Datum		d;
		const char *comment;

		if (!HeapTupleIsValid(tup))
			continue;
		att = (Form_pg_attribute) GETSTRUCT(tup);
		if (att->attisdropped)
		{
			ReleaseSysCache(tup);
			continue;
		}
		graph_add_alias(node->graph, &addr, node);
		appendStringInfo(&def, "%s\n    %s %s", first ? "" : ",",
						 quote_identifier(NameStr(att->attname)),
						 format_type_with_typemod(att->atttypid, att->atttypmod));
		first = false;
		d = SysCacheGetAttr(ATTNUM, tup, Anum_pg_attribute_attfdwoptions, &isnull);
		if (!isnull)
			append_generic_options(&def, d);
		if (OidIsValid(att->attcollation) &&
			att->attcollation != get_typcollation(att->atttypid))
			appendStringInfo(&def, " COLLATE %s", generate_collation_name(att->attcollation));
		if (att->attnotnull)
			appendStringInfoString(&def, " NOT NULL");
		for (int i = 0; i < ndef && i < nbin; i++)
			if (DatumGetInt16(defnums[i]) == attnum)
				appendStringInfo(&def, " DEFAULT %s",
								 deparse_rel_expr(node->graph,
												  TextDatumGetCString(defbins[i]), relid));
		if ((comment = snap_comment(node->graph, RelationRelationId, relid, attnum)) != NULL)
			comments = lappend(comments, psprintf("%s=%s", NameStr(att->attname), comment));
		ReleaseSysCache(tup);
	}
	conoids = row_array(row, "_checks", OIDOID, &ncon);
	for (int i = 0; i < ncon; i++)
	{
		Oid			conoid = DatumGetObjectId(conoids[i]);
		ObjAddr		addr = {ConstraintRelationId, conoid, 0};
		char	   *condef = deparse_call(pg_get_constraintdef, 1,
										  ObjectIdGetDatum(conoid), 0, 0);

		graph_add_alias(node->graph, &addr, node);
		appendStringInfo(&def, "%s\n    CONSTRAINT %s %s", first ? "" : ",",
						 quote_identifier(get_constraint_name(conoid)), condef);
		first = false;
	}
	appendStringInfo(&def, "\n) SERVER %s", quote_identifier(row_text(row, "_server")));
	{
		bool		isnull;
		Datum		d = row_datum(row, "_ftoptions", &isnull);

		if (!isnull)
			append_generic_options(&def, d);
	}
	gnode_add_string(node, "definition", def.data);
	if (comments != NIL)
		gnode_add_strings(node, "column_comments", comments);
}

/* The foreign tables of the scope, from the pg_class rows read once. */
static Datum
foreign_table_candidates(Graph *g)
{
	return snap_relation_oids(g, RELKIND_FOREIGN_TABLE);
}

const SnapHandler pgm_foreigntable_handler = {
	.kind = OBJ_FOREIGN_TABLE,
	.classid = RelationRelationId,
	.query =
	"SELECT c.oid AS _oid, c.relnamespace AS _nsp, c.relname AS _name,"
	"       c.relnatts::int4 AS _natts, c.reltype AS _reltype, t.typarray AS _reltype_array,"
	"       s.srvname AS _server, f.ftoptions AS _ftoptions,"
	"       ARRAY(SELECT ad.adnum FROM pg_attrdef ad WHERE ad.adrelid = c.oid"
	"              ORDER BY ad.adnum) AS _defnums,"
	"       ARRAY(SELECT ad.adbin::text FROM pg_attrdef ad WHERE ad.adrelid = c.oid"
	"              ORDER BY ad.adnum) AS _defbins,"
	"       ARRAY(SELECT ad.oid FROM pg_attrdef ad WHERE ad.adrelid = c.oid"
	"              ORDER BY ad.adnum) AS _defoids,"
	"       ARRAY(SELECT k.oid FROM pg_constraint k"
	"              WHERE k.conrelid = c.oid AND k.contype = 'c'"
	"              ORDER BY k.conname COLLATE \"C\") AS _checks,"
	"       " PGM_SQL_COMMENT("pg_class", "c.oid") " AS comment,"
	"       " PGM_SQL_ACL("c.relacl", "r", "c.relowner", PGM_ACL_DEFAULT_NONE) " AS privileges"
	"  FROM pg_class c"
	"  JOIN pg_foreign_table f ON f.ftrelid = c.oid"
	"  JOIN pg_foreign_server s ON s.oid = f.ftserver"
	"  LEFT JOIN pg_type t ON t.oid = c.reltype"
	" WHERE c.oid = ANY($3) AND c.relnamespace = ANY($1) AND c.relkind = 'f'"
	"   AND NOT c.relispartition"
	"   AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid)"
	"   AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid"
	"                      AND a.attacl IS NOT NULL)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_class", "c.oid"),
	.load = foreign_table_load,
	.candidates = foreign_table_candidates,
};
