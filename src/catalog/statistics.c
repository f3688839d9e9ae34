/*-------------------------------------------------------------------------
 *
 * statistics.c
 *	  Extended statistics (CREATE STATISTICS): the definition relative to
 *	  the schema, the statistics target when set, comment.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_statistic_ext.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

/*
 * pg_get_statisticsobjdef() qualifies the object's own name: written
 * unqualified here, as every object of a schema (the table it reads is
 * deparsed relative to the schema already).
 */
static void
statistics_load(SnapRow *row, GNode *node)
{
	char	   *def = deparse_call(pg_get_statisticsobjdef, 1,
								   ObjectIdGetDatum(row_oid(row, "_oid")), 0, 0);
	char	   *prefix = psprintf("CREATE STATISTICS %s",
								  quote_qualified_identifier(row_text(row, "_nspname"),
															 node->name));

	if (def == NULL)
		return;
	if (strncmp(def, prefix, strlen(prefix)) == 0)
		def = psprintf("CREATE STATISTICS %s%s", quote_identifier(node->name),
					   def + strlen(prefix));
	gnode_add_string(node, "definition", def);
}

const SnapHandler pgm_statistics_handler = {
	.kind = OBJ_STATISTICS,
	.classid = StatisticExtRelationId,
	.query =
	"SELECT s.oid AS _oid, s.stxnamespace AS _nsp, s.stxname AS _name,"
	"       n.nspname AS _nspname,"
	"       CASE WHEN s.stxstattarget >= 0 THEN s.stxstattarget END AS target,"
	"       " PGM_SQL_COMMENT("pg_statistic_ext", "s.oid") " AS comment"
	"  FROM pg_statistic_ext s"
	"  JOIN pg_namespace n ON n.oid = s.stxnamespace"
	" WHERE s.stxnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_statistic_ext", "s.oid"),
	.load = statistics_load,
};
