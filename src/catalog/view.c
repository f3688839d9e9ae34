/*-------------------------------------------------------------------------
 *
 * view.c
 *	  Views and materialized views: definition (deparsed relative to their
 *	  schema), options, comment, privileges; a matview also whether it is
 *	  populated and its tablespace.  Their columns are read by column.c, a
 *	  matview's indexes by index.c.  A view's _RETURN rule, through which pg_depend records what
 *	  the view reads, is an alias of the view.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_class.h"
#include "catalog/pg_rewrite.h"
#include "utils/fmgrprotos.h"



static void
view_load(SnapRow *row, GNode *node)
{
	ObjAddr		rule = {RewriteRelationId, row_oid(row, "_rule"), 0};

	gnode_add_string(node, "definition",
					 deparse_call(pg_get_viewdef_ext, 2,
								  ObjectIdGetDatum(row_oid(row, "_oid")),
								  BoolGetDatum(true), 0));
	if (OidIsValid(rule.objid))
		graph_add_alias(row->graph, &rule, node);
	pgm_alias_rowtype(row, node);
}

static Datum
view_candidates(Graph *g)
{
	return snap_relation_oids(g, RELKIND_VIEW);
}

static Datum
matview_candidates(Graph *g)
{
	return snap_relation_oids(g, RELKIND_MATVIEW);
}

#define VIEW_QUERY(relkind, extra) \
	"SELECT c.oid AS _oid, c.relnamespace AS _nsp, c.relname AS _name," \
	"       c.reloptions AS options," \
	extra \
	"       (SELECT r.oid FROM pg_rewrite r" \
	"         WHERE r.ev_class = c.oid AND r.rulename = '_RETURN') AS _rule," \
	"       c.reltype AS _reltype, t.typarray AS _reltype_array," \
	"       c.relnatts::int4 AS _natts," \
	"       " PGM_SQL_COMMENT("pg_class", "c.oid") " AS comment," \
	"       " PGM_SQL_ACL("c.relacl", "r", "c.relowner", PGM_ACL_DEFAULT_NONE) " AS privileges" \
	"  FROM pg_class c" \
	"  LEFT JOIN pg_type t ON t.oid = c.reltype" \
	" WHERE c.oid = ANY($3)" \
	"   AND c.relkind = '" relkind "'" \
	"   AND c.relnamespace = ANY($1)" \
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_class", "c.oid")

const SnapHandler pgm_view_handler = {
	.kind = OBJ_VIEW,
	.classid = RelationRelationId,
	.query = VIEW_QUERY("v", ""),
	.load = view_load,
	.candidates = view_candidates,
};

const SnapHandler pgm_matview_handler = {
	.kind = OBJ_MATVIEW,
	.classid = RelationRelationId,
	.query = VIEW_QUERY("m", "c.relispopulated AS populated,"
							  "       (SELECT s.spcname FROM pg_tablespace s"
							  "         WHERE s.oid = c.reltablespace) AS tablespace,"),
	.load = view_load,
	.candidates = matview_candidates,
};
