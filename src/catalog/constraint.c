/*-------------------------------------------------------------------------
 *
 * constraint.c
 *	  Constraints of tables and domains: PRIMARY KEY, UNIQUE, CHECK,
 *	  FOREIGN KEY, EXCLUDE, with DEFERRABLE, INITIALLY DEFERRED, NOT VALID,
 *	  NO INHERIT and inheritance; for a key, its index's storage parameters
 *	  (in the definition) and whether the table is clustered on it.  The index behind a PRIMARY KEY, UNIQUE
 *	  or EXCLUDE constraint is an alias of the constraint, not an index of
 *	  its own.  Constraint triggers are triggers (trigger.c).
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_class.h"
#include "catalog/pg_constraint.h"
#include "utils/fmgrprotos.h"
#include "utils/builtins.h"
#include "utils/ruleutils.h"

/*
 * The definition as pg_get_constraintdef() writes it.  A table's CHECK is
 * deparsed here, from the column names the graph holds, so that the table
 * need not be opened (see deparse_rel_expr).
 */
static void
constraint_load(SnapRow *row, GNode *node)
{
	ObjAddr		index = {RelationRelationId, row_oid(row, "_index"), 0};
	char	   *conbin = row_text(row, "_conbin");
	Oid			relid = row_oid(row, "_parent");

	if (conbin != NULL && OidIsValid(relid))
		gnode_add_string(node, "definition",
						 psprintf("CHECK (%s)%s%s",
								  deparse_rel_expr(row->graph, conbin, relid),
								  gnode_bool(node, "no_inherit") ? " NO INHERIT" : "",
								  gnode_bool(node, "not_valid") ? " NOT VALID" : ""));
	else if (row_text(row, "_index_options") != NULL)
	{
		/*
		 * A key whose index has storage parameters: only the full command
		 * writes them ("... WITH (fillfactor='80')"), so take it from there.
		 */
		char	   *cmd = pg_get_constraintdef_command(row_oid(row, "_oid"));
		char	   *marker = psprintf(" ADD CONSTRAINT %s ", quote_identifier(node->name));
		char	   *at = strstr(cmd, marker);
		char	   *def = at ? at + strlen(marker) : cmd;
		size_t		len = strlen(def);

		if (len > 0 && def[len - 1] == ';')
			def[len - 1] = '\0';
		gnode_add_string(node, "definition", def);
	}
	else
		gnode_add_string(node, "definition",
						 deparse_call(pg_get_constraintdef_ext, 2,
									  ObjectIdGetDatum(row_oid(row, "_oid")),
									  BoolGetDatum(false), 0));
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
	"       CASE WHEN co.contype IN ('p', 'u', 'x') THEN"
	"         (SELECT ic.reloptions::text FROM pg_class ic"
	"           WHERE ic.oid = co.conindid) END AS _index_options,"
	"       CASE WHEN co.contype IN ('p', 'u', 'x') AND"
	"         (SELECT i.indisclustered FROM pg_index i"
	"           WHERE i.indexrelid = co.conindid) THEN true END AS clustered,"
	"       " PGM_SQL_COMMENT("pg_constraint", "co.oid") " AS comment"
	"  FROM pg_constraint co"
	" WHERE co.connamespace = ANY($1)"
	"   AND co.contype IN ('p', 'u', 'c', 'f', 'x')",
	.load = constraint_load,
};
