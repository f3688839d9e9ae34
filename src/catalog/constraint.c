/*-------------------------------------------------------------------------
 *
 * constraint.c
 *	  Constraints of tables and domains: PRIMARY KEY, UNIQUE, CHECK,
 *	  FOREIGN KEY, EXCLUDE, with DEFERRABLE, INITIALLY DEFERRED, NOT VALID,
 *	  NO INHERIT and inheritance; for a key, its index's storage parameters
 *	  (in the definition) and whether the table is clustered on it.  The
 *	  index behind a PRIMARY KEY, UNIQUE or EXCLUDE constraint is an alias of the constraint, not an index of
 *	  its own.  Constraint triggers are triggers (trigger.c).
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_class.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_type.h"
#include "utils/fmgrprotos.h"
#include "utils/regproc.h"
#include "utils/builtins.h"
#include "utils/ruleutils.h"

static const char *
fk_action(const char *code)
{
	switch (code[0])
	{
		case 'r':
			return "RESTRICT";
		case 'c':
			return "CASCADE";
		case 'n':
			return "SET NULL";
		case 'd':
			return "SET DEFAULT";
		default:
			return NULL;		/* 'a': NO ACTION, the default */
	}
}

/*
 * A key's or foreign key's definition, written from the catalog row and the
 * columns of the graph as pg_get_constraintdef() writes it, with the key
 * index's storage parameters (which it writes only in a full command).
 */
static char *
key_definition(SnapRow *row, GNode *node, Oid relid)
{
	Graph	   *g = row->graph;
	char	   *type = gnode_str(node, "type");
	StringInfoData buf;
	int			nkey;
	Datum	   *conkey = row_array(row, "_conkey", INT2OID, &nkey);

	initStringInfo(&buf);
	if (strcmp(type, "foreign_key") == 0)
	{
		Oid			confrelid = row_oid(row, "_confrelid");
		int			nref,
					nset;
		Datum	   *confkey = row_array(row, "_confkey", INT2OID, &nref);
		Datum	   *setcols = row_array(row, "_delsetcols", INT2OID, &nset);
		char	   *match = row_text(row, "_match");
		const char *upd = fk_action(row_text(row, "_upd"));
		const char *del = fk_action(row_text(row, "_del"));

		appendStringInfoString(&buf, "FOREIGN KEY (");
		append_column_list(&buf, g, relid, conkey, 0, nkey);
		appendStringInfo(&buf, ") REFERENCES %s(",
						 DatumGetCString(DirectFunctionCall1(regclassout,
															 ObjectIdGetDatum(confrelid))));
		append_column_list(&buf, g, confrelid, confkey, 0, nref);
		appendStringInfoChar(&buf, ')');
		if (match[0] == 'f')
			appendStringInfoString(&buf, " MATCH FULL");
		else if (match[0] == 'p')
			appendStringInfoString(&buf, " MATCH PARTIAL");
		if (upd != NULL)
			appendStringInfo(&buf, " ON UPDATE %s", upd);
		if (del != NULL)
			appendStringInfo(&buf, " ON DELETE %s", del);
		if (setcols != NULL)
		{
			appendStringInfoString(&buf, " (");
			append_column_list(&buf, g, relid, setcols, 0, nset);
			appendStringInfoChar(&buf, ')');
		}
	}
	else
	{
		int			natts,
					nopt;
		Datum	   *indkey = row_array(row, "_indkey", INT2OID, &natts);
		Datum	   *options = row_array(row, "_index_options", TEXTOID, &nopt);

		appendStringInfoString(&buf, strcmp(type, "primary_key") == 0 ?
							   "PRIMARY KEY " : "UNIQUE ");
		if (strcmp(row_text(row, "_nulls_not_distinct"), "t") == 0)
			appendStringInfoString(&buf, "NULLS NOT DISTINCT ");
		appendStringInfoChar(&buf, '(');
		append_column_list(&buf, g, relid, conkey, 0, nkey);
		appendStringInfoChar(&buf, ')');
		if (natts > nkey)
		{
			appendStringInfoString(&buf, " INCLUDE (");
			append_column_list(&buf, g, relid, indkey, nkey, natts);
			appendStringInfoChar(&buf, ')');
		}
		append_storage_options(&buf, options, nopt);
	}
	if (gnode_bool(node, "deferrable"))
		appendStringInfoString(&buf, " DEFERRABLE");
	if (gnode_bool(node, "initially_deferred"))
		appendStringInfoString(&buf, " INITIALLY DEFERRED");
	if (gnode_bool(node, "not_valid"))
		appendStringInfoString(&buf, " NOT VALID");
	return buf.data;
}

/*
 * The definition as pg_get_constraintdef() writes it.  A table's CHECK,
 * key and foreign key are written here, from the catalog row and the column
 * names the graph holds, so that neither the table nor the catalog caches
 * are visited once per constraint; exclusion and domain constraints are
 * deparsed by ruleutils.c.
 */
static void
constraint_load(SnapRow *row, GNode *node)
{
	ObjAddr		index = {RelationRelationId, row_oid(row, "_index"), 0};
	char	   *conbin = row_text(row, "_conbin");
	char	   *type = gnode_str(node, "type");
	Oid			relid = row_oid(row, "_parent");

	if (conbin != NULL && OidIsValid(relid))
		gnode_add_string(node, "definition",
						 psprintf("CHECK (%s)%s%s",
								  deparse_rel_expr(row->graph, conbin, relid),
								  gnode_bool(node, "no_inherit") ? " NO INHERIT" : "",
								  gnode_bool(node, "not_valid") ? " NOT VALID" : ""));
	else if (OidIsValid(relid) && type != NULL &&
			 (strcmp(type, "primary_key") == 0 || strcmp(type, "unique") == 0 ||
			  strcmp(type, "foreign_key") == 0))
		gnode_add_string(node, "definition", key_definition(row, node, relid));
	else
	{
		StringInfoData buf;
		int			nopt;
		Datum	   *options = row_array(row, "_index_options", TEXTOID, &nopt);
		char	   *def = deparse_call(pg_get_constraintdef_ext, 2,
									   ObjectIdGetDatum(row_oid(row, "_oid")),
									   BoolGetDatum(false), 0);

		/* an exclusion constraint's storage parameters go before DEFERRABLE */
		initStringInfo(&buf);
		if (nopt > 0)
		{
			char	   *tail = strstr(def, " DEFERRABLE");

			appendBinaryStringInfo(&buf, def, tail ? tail - def : strlen(def));
			append_storage_options(&buf, options, nopt);
			if (tail)
				appendStringInfoString(&buf, tail);
			def = buf.data;
		}
		gnode_add_string(node, "definition", def);
	}
	if (OidIsValid(index.objid))
		graph_add_alias(row->graph, &index, node);
}

const SnapHandler pgm_constraint_handler = {
	.kind = OBJ_CONSTRAINT,
	.classid = ConstraintRelationId,
	.query =
	"SELECT co.oid AS _oid, co.conname AS _name,"
	"       NULLIF(co.conrelid, 0) AS _parent,"
	"       NULLIF(co.contypid, 0) AS _parent_type,"
	"       CASE co.contype WHEN 'p' THEN 'primary_key' WHEN 'u' THEN 'unique'"
	"                       WHEN 'c' THEN 'check' WHEN 'f' THEN 'foreign_key'"
	"                       WHEN 'x' THEN 'exclusion' END AS type,"
	"       CASE WHEN co.condeferrable THEN true END AS deferrable,"
	"       CASE WHEN co.condeferred THEN true END AS initially_deferred,"
	"       CASE WHEN NOT co.convalidated THEN true END AS not_valid,"
	"       CASE WHEN co.contype = 'c' AND co.connoinherit THEN true END AS no_inherit,"
	"       CASE WHEN co.coninhcount > 0 THEN true END AS inherited,"
	"       CASE WHEN co.coninhcount > 0 THEN co.conislocal END AS local,"
	"       NULLIF(co.confrelid, 0)::regclass AS references,"
	"       CASE WHEN co.contype IN ('p', 'u', 'x') THEN co.conindid END AS _index,"
	"       CASE WHEN co.contype = 'c' THEN co.conbin::text END AS _conbin,"
	"       ic.reloptions AS _index_options,"
	"       CASE WHEN i.indisclustered THEN true END AS clustered,"
	"       co.conkey AS _conkey, co.confkey AS _confkey,"
	"       co.confrelid AS _confrelid, co.confmatchtype::text AS _match,"
	"       co.confupdtype::text AS _upd, co.confdeltype::text AS _del,"
	"       co.confdelsetcols AS _delsetcols,"
	"       i.indkey::int2[] AS _indkey,"
	"       COALESCE(i.indnullsnotdistinct, false) AS _nulls_not_distinct,"
"       " PGM_SQL_COMMENT("pg_constraint", "co.oid") " AS comment"
	"  FROM pg_constraint co"
	"  LEFT JOIN pg_index i ON i.indexrelid = co.conindid"
	"        AND co.contype IN ('p', 'u', 'x')"
	"  LEFT JOIN pg_class ic ON ic.oid = i.indexrelid"
	" WHERE co.connamespace = ANY($1)"
	"   AND co.contype IN ('p', 'u', 'c', 'f', 'x')",
	.load = constraint_load,
};
