/*-------------------------------------------------------------------------
 *
 * publication.c
 *	  Publications and event triggers: database-wide objects, in "all"
 *	  documents only, with every name qualified but pg_catalog's.
 *
 * A publication lists its tables ("published_tables": "s.t (a, b) WHERE (expr)",
 * sorted) and its schemas ("published_schemas"), or says it
 * publishes all tables; the rows of pg_publication_rel and
 * pg_publication_namespace are aliases of it, so that the tables, columns
 * and schemas they use are its dependencies.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_event_trigger.h"
#include "catalog/pg_publication.h"
#include "catalog/pg_publication_namespace.h"
#include "catalog/pg_publication_rel.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

static void
add_aliases(SnapRow *row, GNode *node, const char *col, Oid classid)
{
	Datum	   *oids;
	int			n;

	oids = row_array(row, col, OIDOID, &n);
	for (int i = 0; i < n; i++)
	{
		ObjAddr		addr = {classid, DatumGetObjectId(oids[i]), 0};

		graph_add_alias(node->graph, &addr, node);
	}
}

static void
publication_load(SnapRow *row, GNode *node)
{
	Datum	   *relids;
	Datum	   *quals;
	Datum	   *attrs;
	int			nrel;
	int			nqual;
	int			nattr;
	List	   *tables = NIL;

	add_aliases(row, node, "_prids", PublicationRelRelationId);
	add_aliases(row, node, "_pnids", PublicationNamespaceRelationId);
	relids = row_array(row, "_relids", OIDOID, &nrel);
	quals = row_array(row, "_quals", TEXTOID, &nqual);
	attrs = row_array(row, "_attrs", TEXTOID, &nattr);
	for (int i = 0; i < nrel && i < nqual && i < nattr; i++)
	{
		Oid			relid = DatumGetObjectId(relids[i]);
		char	   *qual = TextDatumGetCString(quals[i]);
		char	   *cols = TextDatumGetCString(attrs[i]);
		StringInfoData buf;

		initStringInfo(&buf);
		appendStringInfoString(&buf,
							   quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
														  get_rel_name(relid)));
		if (cols[0] != '\0')
		{
			char	   *tok;
			char	   *save;
			bool		first = true;

			appendStringInfoString(&buf, " (");
			for (tok = strtok_r(cols, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
			{
				appendStringInfo(&buf, "%s%s", first ? "" : ", ",
								 quote_identifier(get_attname(relid, atoi(tok), false)));
				first = false;
			}
			appendStringInfoChar(&buf, ')');
		}
		if (qual[0] != '\0')
			appendStringInfo(&buf, " WHERE (%s)", deparse_expr(qual, relid));
		tables = lappend(tables, buf.data);
	}
	if (tables != NIL)
	{
		list_sort(tables, pgm_cmp_list_cstring);
		gnode_add_strings(node, "published_tables", tables);
	}
}

const SnapHandler pgm_publication_handler = {
	.kind = OBJ_PUBLICATION,
	.classid = PublicationRelationId,
	.query =
	"SELECT p.oid AS _oid, p.pubname AS _name,"
	"       CASE WHEN p.puballtables THEN true END AS all_tables,"
	"       concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END,"
	"                 CASE WHEN p.pubupdate THEN 'update' END,"
	"                 CASE WHEN p.pubdelete THEN 'delete' END,"
	"                 CASE WHEN p.pubtruncate THEN 'truncate' END) AS publish,"
	"       CASE WHEN p.pubviaroot THEN true END AS via_root,"
	"       ARRAY(SELECT r.oid FROM pg_publication_rel r WHERE r.prpubid = p.oid) AS _prids,"
	"       ARRAY(SELECT r.prrelid FROM pg_publication_rel r WHERE r.prpubid = p.oid) AS _relids,"
	"       ARRAY(SELECT coalesce(r.prqual::text, '') FROM pg_publication_rel r"
	"              WHERE r.prpubid = p.oid) AS _quals,"
	"       ARRAY(SELECT coalesce(r.prattrs::text, '') FROM pg_publication_rel r"
	"              WHERE r.prpubid = p.oid) AS _attrs,"
	"       ARRAY(SELECT n.oid FROM pg_publication_namespace n WHERE n.pnpubid = p.oid) AS _pnids,"
	"       (SELECT array_agg(s.nspname::text ORDER BY s.nspname COLLATE \"C\")"
	"          FROM pg_publication_namespace n JOIN pg_namespace s ON s.oid = n.pnnspid"
	"         WHERE n.pnpubid = p.oid) AS published_schemas,"
	"       " PGM_SQL_COMMENT("pg_publication", "p.oid") " AS comment"
	"  FROM pg_publication p"
	" WHERE $2",
	.load = publication_load,
};

static void
event_trigger_load(SnapRow *row, GNode *node)
{
	gnode_add_string(node, "function",
					 psprintf("%s()", snap_proc_name(row_oid(row, "_foid"), NULL)));
}

const SnapHandler pgm_eventtrigger_handler = {
	.kind = OBJ_EVENT_TRIGGER,
	.classid = EventTriggerRelationId,
	.query =
	"SELECT e.oid AS _oid, e.evtname AS _name, e.evtevent AS event,"
	"       e.evtfoid AS _foid,"
	"       e.evttags AS tags,"
	"       CASE e.evtenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'"
	"                         WHEN 'A' THEN 'always' END AS enabled,"
	"       " PGM_SQL_COMMENT("pg_event_trigger", "e.oid") " AS comment"
	"  FROM pg_event_trigger e"
	" WHERE $2"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_event_trigger", "e.oid"),
	.load = event_trigger_load,
};
