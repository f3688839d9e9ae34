/*-------------------------------------------------------------------------
 *
 * textsearch.c
 *	  Text search parsers, templates, dictionaries and configurations,
 *	  each written as its CREATE statement relative to the schema; a
 *	  configuration's token mappings apart ("mappings", one per token
 *	  type: "asciiword WITH english_stem, simple"), since they are what
 *	  ALTER TEXT SEARCH CONFIGURATION changes in place.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/htup_details.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_ts_config.h"
#include "catalog/pg_ts_dict.h"
#include "catalog/pg_ts_parser.h"
#include "catalog/pg_ts_template.h"
#include "catalog/pg_type.h"
#include "commands/defrem.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"

/* An object of namespace nsp named relative to schema (objnames.c's rule). */
static char *
relative_name(Oid nsp, const char *name, GNode *schema)
{
	char	   *nspname = get_namespace_name(nsp);

	if (nsp == PG_CATALOG_NAMESPACE ||
		(schema != NULL && nspname != NULL && strcmp(nspname, schema->name) == 0))
		return pstrdup(quote_identifier(name));
	return quote_qualified_identifier(nspname, name);
}

static char *
dict_name(Oid dictoid, GNode *schema)
{
	HeapTuple	tup = SearchSysCache1(TSDICTOID, ObjectIdGetDatum(dictoid));
	Form_pg_ts_dict d;
	char	   *name;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for text search dictionary %u", dictoid);
	d = (Form_pg_ts_dict) GETSTRUCT(tup);
	name = relative_name(d->dictnamespace, NameStr(d->dictname), schema);
	ReleaseSysCache(tup);
	return name;
}

static void
append_func(StringInfo buf, const char *opt, Oid fn, GNode *schema, bool *first)
{
	if (!OidIsValid(fn))
		return;
	appendStringInfo(buf, "%s\n    %s = %s", *first ? "" : ",", opt,
					 snap_proc_name(fn, schema));
	*first = false;
}

static void
tsparser_load(SnapRow *row, GNode *node)
{
	StringInfoData def;
	bool		first = true;

	initStringInfo(&def);
	appendStringInfo(&def, "CREATE TEXT SEARCH PARSER %s (", quote_identifier(node->name));
	append_func(&def, "START", row_oid(row, "_start"), node->schema, &first);
	append_func(&def, "GETTOKEN", row_oid(row, "_token"), node->schema, &first);
	append_func(&def, "END", row_oid(row, "_end"), node->schema, &first);
	append_func(&def, "LEXTYPES", row_oid(row, "_lextype"), node->schema, &first);
	append_func(&def, "HEADLINE", row_oid(row, "_headline"), node->schema, &first);
	appendStringInfoString(&def, "\n)");
	gnode_add_string(node, "definition", def.data);
}

const SnapHandler pgm_tsparser_handler = {
	.kind = OBJ_TSPARSER,
	.classid = TSParserRelationId,
	.query =
	"SELECT p.oid AS _oid, p.prsnamespace AS _nsp, p.prsname AS _name,"
	"       p.prsstart::oid AS _start, p.prstoken::oid AS _token,"
	"       p.prsend::oid AS _end, p.prslextype::oid AS _lextype,"
	"       p.prsheadline::oid AS _headline,"
	"       " PGM_SQL_COMMENT("pg_ts_parser", "p.oid") " AS comment"
	"  FROM pg_ts_parser p"
	" WHERE p.prsnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_ts_parser", "p.oid"),
	.load = tsparser_load,
};

static void
tstemplate_load(SnapRow *row, GNode *node)
{
	StringInfoData def;
	bool		first = true;

	initStringInfo(&def);
	appendStringInfo(&def, "CREATE TEXT SEARCH TEMPLATE %s (", quote_identifier(node->name));
	append_func(&def, "INIT", row_oid(row, "_init"), node->schema, &first);
	append_func(&def, "LEXIZE", row_oid(row, "_lexize"), node->schema, &first);
	appendStringInfoString(&def, "\n)");
	gnode_add_string(node, "definition", def.data);
}

const SnapHandler pgm_tstemplate_handler = {
	.kind = OBJ_TSTEMPLATE,
	.classid = TSTemplateRelationId,
	.query =
	"SELECT t.oid AS _oid, t.tmplnamespace AS _nsp, t.tmplname AS _name,"
	"       t.tmplinit::oid AS _init, t.tmpllexize::oid AS _lexize,"
	"       " PGM_SQL_COMMENT("pg_ts_template", "t.oid") " AS comment"
	"  FROM pg_ts_template t"
	" WHERE t.tmplnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_ts_template", "t.oid"),
	.load = tstemplate_load,
};

/*
 * A dictionary: its template in the definition, its options apart
 * ("dictionary_options", "name=value" in their order), which ALTER TEXT
 * SEARCH DICTIONARY changes in place.
 */
static void
tsdict_load(SnapRow *row, GNode *node)
{
	bool		isnull;
	Datum		options = row_datum(row, "_options", &isnull);

	gnode_add_string(node, "definition",
					 psprintf("CREATE TEXT SEARCH DICTIONARY %s (TEMPLATE = %s)",
							  quote_identifier(node->name),
							  relative_name(row_oid(row, "_tmplnsp"),
											row_text(row, "_tmplname"),
											node->schema)));
	if (!isnull)
	{
		List	   *opts = NIL;
		ListCell   *lc;

		foreach(lc, deserialize_deflist(options))
		{
			DefElem    *def = lfirst(lc);

			opts = lappend(opts, psprintf("%s=%s", def->defname, defGetString(def)));
		}
		if (opts != NIL)
			gnode_add_strings(node, "dictionary_options", opts);
	}
}

const SnapHandler pgm_tsdict_handler = {
	.kind = OBJ_TSDICT,
	.classid = TSDictionaryRelationId,
	.query =
	"SELECT dc.oid AS _oid, dc.dictnamespace AS _nsp, dc.dictname AS _name,"
	"       t.tmplnamespace AS _tmplnsp, t.tmplname AS _tmplname,"
	"       dc.dictinitoption AS _options,"
	"       " PGM_SQL_COMMENT("pg_ts_dict", "dc.oid") " AS comment"
	"  FROM pg_ts_dict dc"
	"  JOIN pg_ts_template t ON t.oid = dc.dicttemplate"
	" WHERE dc.dictnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_ts_dict", "dc.oid"),
	.load = tsdict_load,
};

/*
 * A configuration: its parser in the definition, its mappings from the
 * query's parallel arrays _tokens (token type alias per pg_ts_config_map
 * row) and _dicts (its dictionary), in token type and sequence order.
 */
static void
tsconfig_load(SnapRow *row, GNode *node)
{
	HeapTuple	tup;
	Form_pg_ts_parser prs;
	Datum	   *tokens;
	Datum	   *dicts;
	int			ntok;
	int			ndict;
	List	   *mappings = NIL;
	StringInfoData cur;
	char	   *curtok = NULL;

	tup = SearchSysCache1(TSPARSEROID, ObjectIdGetDatum(row_oid(row, "_parser")));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for text search parser %u",
			 row_oid(row, "_parser"));
	prs = (Form_pg_ts_parser) GETSTRUCT(tup);
	gnode_add_string(node, "definition",
					 psprintf("CREATE TEXT SEARCH CONFIGURATION %s (PARSER = %s)",
							  quote_identifier(node->name),
							  relative_name(prs->prsnamespace, NameStr(prs->prsname),
											node->schema)));
	ReleaseSysCache(tup);

	tokens = row_array(row, "_tokens", TEXTOID, &ntok);
	dicts = row_array(row, "_dicts", OIDOID, &ndict);
	initStringInfo(&cur);
	for (int i = 0; i < ntok && i < ndict; i++)
	{
		char	   *tok = TextDatumGetCString(tokens[i]);

		if (curtok == NULL || strcmp(curtok, tok) != 0)
		{
			if (curtok != NULL)
				mappings = lappend(mappings, pstrdup(cur.data));
			resetStringInfo(&cur);
			appendStringInfo(&cur, "%s WITH ", quote_identifier(tok));
			curtok = tok;
		}
		else
			appendStringInfoString(&cur, ", ");
		appendStringInfoString(&cur, dict_name(DatumGetObjectId(dicts[i]), node->schema));
	}
	if (curtok != NULL)
		mappings = lappend(mappings, pstrdup(cur.data));
	if (mappings != NIL)
		gnode_add_strings(node, "mappings", mappings);
}

const SnapHandler pgm_tsconfig_handler = {
	.kind = OBJ_TSCONFIG,
	.classid = TSConfigRelationId,
	.query =
	"SELECT c.oid AS _oid, c.cfgnamespace AS _nsp, c.cfgname AS _name,"
	"       c.cfgparser AS _parser,"
	"       ARRAY(SELECT t.alias FROM pg_ts_config_map m"
	"               JOIN ts_token_type(c.cfgparser) t ON t.tokid = m.maptokentype"
	"              WHERE m.mapcfg = c.oid ORDER BY m.maptokentype, m.mapseqno) AS _tokens,"
	"       ARRAY(SELECT m.mapdict FROM pg_ts_config_map m"
	"              WHERE m.mapcfg = c.oid ORDER BY m.maptokentype, m.mapseqno) AS _dicts,"
	"       " PGM_SQL_COMMENT("pg_ts_config", "c.oid") " AS comment"
	"  FROM pg_ts_config c"
	" WHERE c.cfgnamespace = ANY($1)"
	"   AND " PGM_SQL_NOT_EXTENSION_MEMBER("pg_ts_config", "c.oid"),
	.load = tsconfig_load,
};
