/*-------------------------------------------------------------------------
 *
 * basetype.c
 *	  Base types made with CREATE TYPE name (INPUT = ..., OUTPUT = ...),
 *	  and shell types (CREATE TYPE name, not defined yet).  A base type's
 *	  "definition" is the CREATE TYPE statement with what ALTER TYPE cannot
 *	  change, written from pg_type as pg_dump writes it (options at their
 *	  defaults left out), relative to the schema; what ALTER TYPE ... SET
 *	  can change (RECEIVE, SEND, TYPMOD_IN, TYPMOD_OUT, ANALYZE, SUBSCRIPT,
 *	  STORAGE) are attributes of their own.  Its array type is an alias.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_collation.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"

/* The function of an optional column, as an attribute, when set. */
static void
add_function(SnapRow *row, GNode *node, const char *col, const char *key)
{
	Oid			fn = row_oid(row, col);

	if (OidIsValid(fn))
		gnode_add_string(node, key, snap_proc_name(fn, node->schema));
}

static const char *
alignment_name(char align)
{
	switch (align)
	{
		case TYPALIGN_CHAR:
			return "char";
		case TYPALIGN_SHORT:
			return "int2";
		case TYPALIGN_DOUBLE:
			return "double";
		default:
			return "int4";
	}
}

static const char *
storage_name(char storage)
{
	switch (storage)
	{
		case TYPSTORAGE_EXTERNAL:
			return "external";
		case TYPSTORAGE_MAIN:
			return "main";
		case TYPSTORAGE_EXTENDED:
			return "extended";
		default:
			return "plain";
	}
}

static void
basetype_load(SnapRow *row, GNode *node)
{
	Graph	   *g = row->graph;
	GNode	   *schema = node->schema;
	StringInfoData buf;
	int32		typlen = row_int(row, "_typlen");
	char	   *category = row_text(row, "_category");
	char	   *delim = row_text(row, "_delim");
	char	   *dflt = row_text(row, "_default");
	Oid			elem = row_oid(row, "_elem");
	char	   *storage = row_text(row, "_storage");
	ObjAddr		addr = {TypeRelationId, InvalidOid, 0};

	if (!row_bool(row, "_defined"))
	{
		gnode_add_string(node, "kind", "shell");
		return;
	}
	gnode_add_string(node, "kind", "base");
	snap_use_schema_path(g, schema);

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE TYPE %s (\n    INTERNALLENGTH = ",
					 quote_identifier(node->name));
	if (typlen == -1)
		appendStringInfoString(&buf, "variable");
	else
		appendStringInfo(&buf, "%d", typlen);
	appendStringInfo(&buf, ",\n    INPUT = %s,\n    OUTPUT = %s",
					 snap_proc_name(row_oid(row, "_input"), schema),
					 snap_proc_name(row_oid(row, "_output"), schema));
	if (OidIsValid(elem))
		appendStringInfo(&buf, ",\n    ELEMENT = %s", format_type_be(elem));
	if (category != NULL && strcmp(category, "U") != 0)
		appendStringInfo(&buf, ",\n    CATEGORY = %s", quote_literal_cstr(category));
	if (row_bool(row, "_preferred"))
		appendStringInfoString(&buf, ",\n    PREFERRED = true");
	if (dflt != NULL)
		appendStringInfo(&buf, ",\n    DEFAULT = %s", quote_literal_cstr(dflt));
	if (delim != NULL && strcmp(delim, ",") != 0)
		appendStringInfo(&buf, ",\n    DELIMITER = %s", quote_literal_cstr(delim));
	if (OidIsValid(row_oid(row, "_collation")))
		appendStringInfoString(&buf, ",\n    COLLATABLE = true");
	appendStringInfo(&buf, ",\n    ALIGNMENT = %s",
					 alignment_name(row_text(row, "_align")[0]));
	if (row_bool(row, "_byval"))
		appendStringInfoString(&buf, ",\n    PASSEDBYVALUE");
	appendStringInfoString(&buf, "\n)");
	gnode_add_string(node, "definition", buf.data);

	add_function(row, node, "_receive", "receive");
	add_function(row, node, "_send", "send");
	add_function(row, node, "_typmodin", "typmod_in");
	add_function(row, node, "_typmodout", "typmod_out");
	add_function(row, node, "_analyze", "analyze");
	add_function(row, node, "_subscript", "subscript");
	if (storage != NULL && storage[0] != TYPSTORAGE_PLAIN)
		gnode_add_string(node, "storage", storage_name(storage[0]));

	/* the array type made with it is this type */
	if (OidIsValid(addr.objid = row_oid(row, "_typarray")))
		graph_add_alias(g, &addr, node);
}

/*
 * The oid[] of the base and shell types of the scope that users made (not
 * an array type that comes with another).
 */
static Datum
basetype_candidates(Graph *g)
{
	return snap_basetype_oids(g);
}

const SnapHandler pgm_basetype_handler = {
	.kind = OBJ_TYPE,
	.classid = TypeRelationId,
	.query =
	"SELECT t.oid AS _oid, t.typnamespace AS _nsp, t.typname AS _name,"
	"       t.typisdefined AS _defined, t.typlen::int4 AS _typlen,"
	"       t.typinput::oid AS _input, t.typoutput::oid AS _output,"
	"       t.typreceive::oid AS _receive, t.typsend::oid AS _send,"
	"       t.typmodin::oid AS _typmodin, t.typmodout::oid AS _typmodout,"
	"       t.typanalyze::oid AS _analyze, t.typsubscript::oid AS _subscript,"
	"       t.typbyval AS _byval, t.typalign::text AS _align,"
	"       t.typstorage::text AS _storage, t.typcategory::text AS _category,"
	"       t.typispreferred AS _preferred, t.typdefault AS _default,"
	"       t.typelem AS _elem, t.typdelim::text AS _delim,"
	"       t.typcollation AS _collation, NULLIF(t.typarray, 0) AS _typarray,"
	"       " PGM_SQL_COMMENT("pg_type", "t.oid") " AS comment,"
	"       " PGM_SQL_ACL("t.typacl", "T", "t.typowner", PGM_ACL_DEFAULT_USAGE) " AS privileges"
	"  FROM pg_type t"
	" WHERE t.oid = ANY($3)"
	"   AND t.typnamespace = ANY($1)"
	"   AND (t.typtype = 'b' OR (t.typtype = 'p' AND NOT t.typisdefined))"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_type", "t.oid"),
	.load = basetype_load,
	.candidates = basetype_candidates,
};
