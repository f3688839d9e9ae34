/*-------------------------------------------------------------------------
 *
 * docread.c
 *	  The one strict reader of snapshot documents.
 *
 * Every document that enters from outside (the arguments of migrate_diff()
 * and migrate_diff_sql(), migrate_model_import(), documents stored in the
 * extension's tables and read back) passes docread_check() before any
 * graph is built from it: graph_from_jsonb() calls it first.  It checks
 * every key, the type of every value and the allowed values against
 * docs/snapshot-format.md (docs/snapshot-format.schema.json is the same
 * description as a JSON Schema), and the SQL-bearing values for what they
 * must be, with PostgreSQL's raw parser: a type name parses as a type name,
 * a default as one expression, a definition as one statement of the
 * expected kind.  Nothing is looked up in the catalogs and nothing is
 * executed.
 *
 * A bad document is refused with 22023 naming the JSON path of the bad
 * value ($.schemas.public.tables.t.columns[2].type) and the value.
 *
 *-------------------------------------------------------------------------
 */
#include "graph.h"
#include "docread_int.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

/* What a value must be. */
typedef enum VType
{
	VT_STRING,
	VT_BOOL,
	VT_INT,						/* an integral number (fits int64) */
	VT_NUMBER,					/* any number */
	VT_STRINGS,					/* array of strings */
	VT_STRINGS_OR_NULL,			/* array of strings and nulls (opclasses) */
	VT_OBJECT,					/* an object of a given spec */
	VT_MAP,						/* name -> object of a given spec */
	VT_ARRAY,					/* array of objects of a given spec */
	VT_PRIVILEGES,				/* grantee -> array of privileges */
	VT_DEPS						/* array of references "kind name" */
} VType;


typedef struct ObjSpec ObjSpec;

typedef struct KeySpec
{
	const char *key;
	VType		type;
	VCheck		check;
	bool		required;
	const char *const *values;	/* VC_ENUM: NULL-terminated */
	const ObjSpec *sub;			/* VT_OBJECT, VT_MAP, VT_ARRAY */
} KeySpec;

typedef enum SpecKind
{
	SK_TOP, SK_EXTENSION, SK_SCHEMA, SK_TABLE, SK_COLUMN, SK_IDSEQ,
	SK_CONSTRAINT, SK_INDEX, SK_TRIGGER, SK_POLICY, SK_VIEW, SK_MATVIEW,
	SK_SEQUENCE, SK_TYPE, SK_FUNCTION, SK_COLLATION, SK_RULE, SK_STATISTICS,
	SK_DEFACL, SK_AGGREGATE, SK_OPERATOR, SK_OPFAMILY, SK_OPCLASS, SK_CAST,
	SK_TSPARSER, SK_TSTEMPLATE, SK_TSDICT, SK_TSCONFIG,
	SK_FDW, SK_SERVER, SK_USERMAPPING, SK_FOREIGN_TABLE, SK_PUBLICATION,
	SK_EVENT_TRIGGER, SK_CONVERSION, SK_LANGUAGE, SK_ACCESS_METHOD,
	SK_UNMODELED
} SpecKind;

struct ObjSpec
{
	SpecKind	kind;
	const char *what;			/* "a column" */
	const KeySpec *keys;
	int			nkeys;
	bool		common;			/* comment, privileges, depends_on allowed */
};

/* The walk: where it is, for messages. */
typedef struct DocCtx
{
	const char *what;			/* "source", "the stored model of ..." */
	StringInfoData path;
	const char *objname;		/* the name of the object being read */
	MemoryContext scratch;		/* the parser's allocations, reset after each
								 * value */
	HTAB	   *good;			/* "<check>\x01<value>" found good already */
} DocCtx;

static const char *const persistence_values[] = {"permanent", "unlogged", NULL};
static const char *const replica_values[] = {"nothing", "full", "index", NULL};
static const char *const identity_values[] = {"always", "by default", NULL};
static const char *const storage_values[] = {"plain", "external", "main", "extended", NULL};
static const char *const compression_values[] = {"pglz", "lz4", NULL};
static const char *const seqtype_values[] = {"smallint", "integer", "bigint", NULL};
static const char *const contype_values[] = {"primary_key", "unique", "check",
"foreign_key", "exclusion", NULL};
static const char *const enabled_values[] = {"disabled", "replica", "always", NULL};
static const char *const command_values[] = {"ALL", "SELECT", "INSERT", "UPDATE", "DELETE", NULL};
static const char *const typekind_values[] = {"enum", "composite", "domain", "range", "base", "shell", NULL};
static const char *const funckind_values[] = {"function", "procedure", "window", NULL};
static const char *const volatility_values[] = {"immutable", "stable", "volatile", NULL};
static const char *const parallel_values[] = {"safe", "restricted", "unsafe", NULL};
static const char *const provider_values[] = {"libc", "icu", "default", NULL};
static const char *const objtype_values[] = {"tables", "sequences", "functions",
"types", "schemas", NULL};
static const char *const aggkind_values[] = {"normal", "ordered-set", "hypothetical", NULL};

static const ObjSpec extension_spec, schema_spec, table_spec, column_spec,
			idseq_spec, constraint_spec, index_spec, trigger_spec, policy_spec,
			view_spec, matview_spec, sequence_spec, type_spec, function_spec,
			collation_spec, rule_spec, statistics_spec, unmodeled_spec,
			defacl_spec, aggregate_spec, operator_spec, opfamily_spec,
			opclass_spec, cast_spec, tsparser_spec, tstemplate_spec,
			tsdict_spec, tsconfig_spec, fdw_spec, server_spec,
			usermapping_spec, foreign_table_spec, publication_spec,
			event_trigger_spec, conversion_spec, language_spec, accessmethod_spec;

#define K(key, type, check) {key, type, check, false, NULL, NULL}
#define KR(key, type, check) {key, type, check, true, NULL, NULL}
#define KE(key, values) {key, VT_STRING, VC_ENUM, false, values, NULL}
#define KER(key, values) {key, VT_STRING, VC_ENUM, true, values, NULL}
#define KS(key, type, sub) {key, type, VC_ANY, false, NULL, &sub}

static const KeySpec top_keys[] = {
	KR("format", VT_NUMBER, VC_ANY),	/* checked first, apart */
	KR("scope", VT_STRING, VC_ANY), /* "all" or an array: checked apart */
	KS("extensions", VT_MAP, extension_spec),
	{"schemas", VT_MAP, VC_ANY, true, NULL, &schema_spec},
	KS("unmodeled", VT_MAP, unmodeled_spec),
	KS("default_privileges", VT_MAP, defacl_spec),
	KS("casts", VT_MAP, cast_spec),
	KS("foreign_data_wrappers", VT_MAP, fdw_spec),
	KS("servers", VT_MAP, server_spec),
	KS("user_mappings", VT_MAP, usermapping_spec),
	KS("publications", VT_MAP, publication_spec),
	KS("event_triggers", VT_MAP, event_trigger_spec),
	KS("languages", VT_MAP, language_spec),
	KS("access_methods", VT_MAP, accessmethod_spec),
};
static const ObjSpec top_spec = {SK_TOP, "a snapshot document", top_keys, lengthof(top_keys), false};

static const KeySpec extension_keys[] = {
	K("schema", VT_STRING, VC_NAME),
	K("version", VT_STRING, VC_ANY),
};
static const ObjSpec extension_spec = {SK_EXTENSION, "an extension", extension_keys, lengthof(extension_keys), true};

static const KeySpec schema_keys[] = {
	KS("tables", VT_MAP, table_spec),
	KS("views", VT_MAP, view_spec),
	KS("materialized_views", VT_MAP, matview_spec),
	KS("sequences", VT_MAP, sequence_spec),
	KS("types", VT_MAP, type_spec),
	KS("functions", VT_MAP, function_spec),
	KS("collations", VT_MAP, collation_spec),
	KS("statistics", VT_MAP, statistics_spec),
	KS("default_privileges", VT_MAP, defacl_spec),
	KS("aggregates", VT_MAP, aggregate_spec),
	KS("operators", VT_MAP, operator_spec),
	KS("operator_families", VT_MAP, opfamily_spec),
	KS("operator_classes", VT_MAP, opclass_spec),
	KS("text_search_parsers", VT_MAP, tsparser_spec),
	KS("text_search_templates", VT_MAP, tstemplate_spec),
	KS("text_search_dictionaries", VT_MAP, tsdict_spec),
	KS("text_search_configurations", VT_MAP, tsconfig_spec),
	KS("foreign_tables", VT_MAP, foreign_table_spec),
	KS("conversions", VT_MAP, conversion_spec),
	KS("unmodeled", VT_MAP, unmodeled_spec),
};
static const ObjSpec schema_spec = {SK_SCHEMA, "a schema", schema_keys, lengthof(schema_keys), true};

static const KeySpec table_keys[] = {
	KE("persistence", persistence_values),
	K("row_security", VT_BOOL, VC_ANY),
	K("force_row_security", VT_BOOL, VC_ANY),
	K("options", VT_STRINGS, VC_OPTION),
	KE("replica_identity", replica_values),
	K("replica_identity_index", VT_STRING, VC_NAME),
	K("access_method", VT_STRING, VC_NAME),
	K("tablespace", VT_STRING, VC_NAME),
	K("partition_by", VT_STRING, VC_PARTBY),
	K("partition_of", VT_STRING, VC_QNAME),
	K("partition_bound", VT_STRING, VC_PARTBOUND),
	K("inherits", VT_STRINGS, VC_QNAME),
	K("of_type", VT_STRING, VC_QNAME),
	KS("columns", VT_ARRAY, column_spec),
	KS("constraints", VT_MAP, constraint_spec),
	KS("indexes", VT_MAP, index_spec),
	KS("triggers", VT_MAP, trigger_spec),
	KS("policies", VT_MAP, policy_spec),
	KS("rules", VT_MAP, rule_spec),
};
static const ObjSpec table_spec = {SK_TABLE, "a table", table_keys, lengthof(table_keys), true};

static const KeySpec column_keys[] = {
	KR("name", VT_STRING, VC_NAME),
	KR("type", VT_STRING, VC_TYPENAME),
	K("collation", VT_STRING, VC_QNAME),
	K("not_null", VT_BOOL, VC_ANY),
	K("default", VT_STRING, VC_EXPR),
	K("generated", VT_STRING, VC_EXPR),
	KE("identity", identity_values),
	KS("identity_sequence", VT_OBJECT, idseq_spec),
	KE("storage", storage_values),
	KE("compression", compression_values),
	K("statistics", VT_INT, VC_ANY),
	K("options", VT_STRINGS, VC_OPTION),
	K("inherited", VT_BOOL, VC_ANY),
	K("local", VT_BOOL, VC_ANY),
};
static const ObjSpec column_spec = {SK_COLUMN, "a column", column_keys, lengthof(column_keys), true};

static const KeySpec idseq_keys[] = {
	K("name", VT_STRING, VC_NAME),
	KE("type", seqtype_values),
	K("start", VT_INT, VC_ANY),
	K("increment", VT_INT, VC_ANY),
	K("min", VT_INT, VC_ANY),
	K("max", VT_INT, VC_ANY),
	K("cache", VT_INT, VC_ANY),
	K("cycle", VT_BOOL, VC_ANY),
};
static const ObjSpec idseq_spec = {SK_IDSEQ, "an identity sequence", idseq_keys, lengthof(idseq_keys), false};

static const KeySpec constraint_keys[] = {
	KER("type", contype_values),
	KR("definition", VT_STRING, VC_ANY),	/* checked with "type" */
	K("deferrable", VT_BOOL, VC_ANY),
	K("initially_deferred", VT_BOOL, VC_ANY),
	K("not_valid", VT_BOOL, VC_ANY),
	K("no_inherit", VT_BOOL, VC_ANY),
	K("inherited", VT_BOOL, VC_ANY),
	K("local", VT_BOOL, VC_ANY),
	K("references", VT_STRING, VC_QNAME),
	K("clustered", VT_BOOL, VC_ANY),
	K("tablespace", VT_STRING, VC_NAME),
};
static const ObjSpec constraint_spec = {SK_CONSTRAINT, "a constraint", constraint_keys, lengthof(constraint_keys), true};

static const KeySpec index_keys[] = {
	KR("definition", VT_STRING, VC_INDEXDEF),
	K("method", VT_STRING, VC_NAME),
	K("keys", VT_STRINGS, VC_ANY),
	K("include", VT_STRINGS, VC_ANY),
	K("opclasses", VT_STRINGS_OR_NULL, VC_ANY),
	K("predicate", VT_STRING, VC_EXPR),
	K("unique", VT_BOOL, VC_ANY),
	K("nulls_not_distinct", VT_BOOL, VC_ANY),
	K("clustered", VT_BOOL, VC_ANY),
	K("invalid", VT_BOOL, VC_ANY),
	K("options", VT_STRINGS, VC_OPTION),
	K("column_statistics", VT_STRINGS, VC_OPTION),
	K("partition_of", VT_STRING, VC_QNAME),
	K("tablespace", VT_STRING, VC_NAME),
};
static const ObjSpec index_spec = {SK_INDEX, "an index", index_keys, lengthof(index_keys), true};

static const KeySpec trigger_keys[] = {
	KR("definition", VT_STRING, VC_TRIGDEF),
	KE("enabled", enabled_values),
	K("inherited", VT_BOOL, VC_ANY),
};
static const ObjSpec trigger_spec = {SK_TRIGGER, "a trigger", trigger_keys, lengthof(trigger_keys), true};

static const KeySpec rule_keys[] = {
	KR("definition", VT_STRING, VC_RULEDEF),
	KE("enabled", enabled_values),
};
static const ObjSpec rule_spec = {SK_RULE, "a rule", rule_keys, lengthof(rule_keys), true};

static const KeySpec statistics_keys[] = {
	KR("definition", VT_STRING, VC_STATSDEF),
	K("target", VT_NUMBER, VC_ANY),
};
static const ObjSpec statistics_spec = {SK_STATISTICS, "an extended statistics object", statistics_keys, lengthof(statistics_keys), true};

static const KeySpec defacl_keys[] = {
	KR("role", VT_STRING, VC_ROLE),
	KER("object_type", objtype_values),
	K("grants", VT_PRIVILEGES, VC_ANY),
};
static const ObjSpec defacl_spec = {SK_DEFACL, "default privileges", defacl_keys, lengthof(defacl_keys), false};

static const KeySpec aggregate_keys[] = {
	KR("definition", VT_STRING, VC_AGGDEF),
	KE("kind", aggkind_values),
	K("arguments", VT_STRING, VC_ANY),	/* compared only */
	K("result", VT_STRING, VC_TYPENAME),
};
static const ObjSpec aggregate_spec = {SK_AGGREGATE, "an aggregate", aggregate_keys, lengthof(aggregate_keys), true};

static const KeySpec operator_keys[] = {
	KR("definition", VT_STRING, VC_OPERDEF),
	K("restrict", VT_STRING, VC_QNAME),
	K("join", VT_STRING, VC_QNAME),
};
static const ObjSpec operator_spec = {SK_OPERATOR, "an operator", operator_keys, lengthof(operator_keys), true};

static const KeySpec opfamily_keys[] = {
	KR("definition", VT_STRING, VC_OPFAMDEF),
	K("members", VT_STRINGS, VC_OPFAMMEMBER),
};
static const ObjSpec opfamily_spec = {SK_OPFAMILY, "an operator family", opfamily_keys, lengthof(opfamily_keys), true};

static const KeySpec opclass_keys[] = {
	KR("definition", VT_STRING, VC_OPCLASSDEF),
};
static const ObjSpec opclass_spec = {SK_OPCLASS, "an operator class", opclass_keys, lengthof(opclass_keys), true};

static const KeySpec cast_keys[] = {
	KR("definition", VT_STRING, VC_CASTDEF),
};
static const ObjSpec cast_spec = {SK_CAST, "a cast", cast_keys, lengthof(cast_keys), true};

static const KeySpec conversion_keys[] = {
	KR("definition", VT_STRING, VC_CONVDEF),
};
static const ObjSpec conversion_spec = {SK_CONVERSION, "a conversion", conversion_keys, lengthof(conversion_keys), true};

static const KeySpec language_keys[] = {
	KR("definition", VT_STRING, VC_LANGDEF),
};
static const ObjSpec language_spec = {SK_LANGUAGE, "a language", language_keys, lengthof(language_keys), true};

static const KeySpec accessmethod_keys[] = {
	KR("definition", VT_STRING, VC_AMDEF),
};
static const ObjSpec accessmethod_spec = {SK_ACCESS_METHOD, "an access method", accessmethod_keys, lengthof(accessmethod_keys), true};

static const KeySpec tsparser_keys[] = {
	KR("definition", VT_STRING, VC_TSDEF),
};
static const ObjSpec tsparser_spec = {SK_TSPARSER, "a text search parser", tsparser_keys, lengthof(tsparser_keys), true};

static const KeySpec tstemplate_keys[] = {
	KR("definition", VT_STRING, VC_TSDEF),
};
static const ObjSpec tstemplate_spec = {SK_TSTEMPLATE, "a text search template", tstemplate_keys, lengthof(tstemplate_keys), true};

static const KeySpec tsdict_keys[] = {
	KR("definition", VT_STRING, VC_TSDEF),
	K("dictionary_options", VT_STRINGS, VC_OPTION),
};
static const ObjSpec tsdict_spec = {SK_TSDICT, "a text search dictionary", tsdict_keys, lengthof(tsdict_keys), true};

static const KeySpec tsconfig_keys[] = {
	KR("definition", VT_STRING, VC_TSDEF),
	K("mappings", VT_STRINGS, VC_TSMAPPING),
};
static const KeySpec fdw_keys[] = {
	K("handler", VT_STRING, VC_QNAME),
	K("validator", VT_STRING, VC_QNAME),
	K("options", VT_STRINGS, VC_OPTION),
};
static const ObjSpec fdw_spec = {SK_FDW, "a foreign-data wrapper", fdw_keys, lengthof(fdw_keys), true};

static const KeySpec server_keys[] = {
	KR("wrapper", VT_STRING, VC_NAME),
	K("type", VT_STRING, VC_ANY),
	K("version", VT_STRING, VC_ANY),
	K("options", VT_STRINGS, VC_OPTION),
};
static const ObjSpec server_spec = {SK_SERVER, "a foreign server", server_keys, lengthof(server_keys), true};

static const KeySpec usermapping_keys[] = {
	KR("role", VT_STRING, VC_ROLE),
	KR("server", VT_STRING, VC_NAME),
};
static const ObjSpec usermapping_spec = {SK_USERMAPPING, "a user mapping", usermapping_keys, lengthof(usermapping_keys), true};

static const KeySpec foreign_table_keys[] = {
	KR("definition", VT_STRING, VC_FTDEF),
	K("column_comments", VT_STRINGS, VC_OPTION),
};
static const ObjSpec foreign_table_spec = {SK_FOREIGN_TABLE, "a foreign table", foreign_table_keys, lengthof(foreign_table_keys), true};

static const KeySpec publication_keys[] = {
	K("all_tables", VT_BOOL, VC_ANY),
	K("publish", VT_STRING, VC_ANY),
	K("via_root", VT_BOOL, VC_ANY),
	K("published_tables", VT_STRINGS, VC_PUBTABLE),
	K("published_schemas", VT_STRINGS, VC_NAME),
};
static const ObjSpec publication_spec = {SK_PUBLICATION, "a publication", publication_keys, lengthof(publication_keys), true};

static const KeySpec event_trigger_keys[] = {
	KR("event", VT_STRING, VC_NAME),
	KR("function", VT_STRING, VC_EVTFUNC),
	K("tags", VT_STRINGS, VC_ANY),
	KE("enabled", enabled_values),
};
static const ObjSpec event_trigger_spec = {SK_EVENT_TRIGGER, "an event trigger", event_trigger_keys, lengthof(event_trigger_keys), true};

static const ObjSpec tsconfig_spec = {SK_TSCONFIG, "a text search configuration", tsconfig_keys, lengthof(tsconfig_keys), true};

/*
 * An entry of "unmodeled": only compared, never turned into SQL, so its
 * texts are taken as they are.
 */
static const KeySpec unmodeled_keys[] = {
	KR("kind", VT_STRING, VC_ANY),
	K("definition", VT_STRING, VC_ANY),
	K("refers_to", VT_STRINGS, VC_ANY),
	K("comment", VT_STRING, VC_ANY),
};
static const ObjSpec unmodeled_spec = {SK_UNMODELED, "an unmodeled object", unmodeled_keys, lengthof(unmodeled_keys), false};

static const KeySpec policy_keys[] = {
	KE("command", command_values),
	K("permissive", VT_BOOL, VC_ANY),
	K("roles", VT_STRINGS, VC_ROLE),
	K("using", VT_STRING, VC_EXPR),
	K("with_check", VT_STRING, VC_EXPR),
};
static const ObjSpec policy_spec = {SK_POLICY, "a policy", policy_keys, lengthof(policy_keys), true};

static const KeySpec view_keys[] = {
	KR("definition", VT_STRING, VC_VIEWDEF),
	K("options", VT_STRINGS, VC_OPTION),
	KS("columns", VT_ARRAY, column_spec),
	KS("triggers", VT_MAP, trigger_spec),	/* INSTEAD OF triggers */
	KS("rules", VT_MAP, rule_spec),
};
static const ObjSpec view_spec = {SK_VIEW, "a view", view_keys, lengthof(view_keys), true};

static const KeySpec matview_keys[] = {
	KR("definition", VT_STRING, VC_VIEWDEF),
	K("options", VT_STRINGS, VC_OPTION),
	KS("columns", VT_ARRAY, column_spec),
	K("populated", VT_BOOL, VC_ANY),
	K("tablespace", VT_STRING, VC_NAME),
	KS("indexes", VT_MAP, index_spec),
};
static const ObjSpec matview_spec = {SK_MATVIEW, "a materialized view", matview_keys, lengthof(matview_keys), true};

static const KeySpec sequence_keys[] = {
	KER("type", seqtype_values),
	KR("start", VT_INT, VC_ANY),
	KR("increment", VT_INT, VC_ANY),
	KR("min", VT_INT, VC_ANY),
	KR("max", VT_INT, VC_ANY),
	KR("cache", VT_INT, VC_ANY),
	K("cycle", VT_BOOL, VC_ANY),
	KE("persistence", persistence_values),
	K("owned_by", VT_STRING, VC_QNAME),
};
static const ObjSpec sequence_spec = {SK_SEQUENCE, "a sequence", sequence_keys, lengthof(sequence_keys), true};

static const KeySpec type_keys[] = {
	KER("kind", typekind_values),
	K("labels", VT_STRINGS, VC_ANY),
	KS("columns", VT_ARRAY, column_spec),
	K("base_type", VT_STRING, VC_TYPENAME),
	K("default", VT_STRING, VC_EXPR),
	K("not_null", VT_BOOL, VC_ANY),
	K("collation", VT_STRING, VC_QNAME),
	KS("constraints", VT_MAP, constraint_spec),
	K("subtype", VT_STRING, VC_TYPENAME),
	K("subtype_opclass", VT_STRING, VC_QNAME),
	K("collation_of_subtype", VT_STRING, VC_QNAME),
	K("canonical", VT_STRING, VC_QNAME),
	K("subtype_diff", VT_STRING, VC_QNAME),
	K("multirange", VT_STRING, VC_QNAME),
	K("definition", VT_STRING, VC_TYPEDEF),
	K("receive", VT_STRING, VC_QNAME),
	K("send", VT_STRING, VC_QNAME),
	K("typmod_in", VT_STRING, VC_QNAME),
	K("typmod_out", VT_STRING, VC_QNAME),
	K("analyze", VT_STRING, VC_QNAME),
	K("subscript", VT_STRING, VC_QNAME),
	KE("storage", storage_values),
};
static const ObjSpec type_spec = {SK_TYPE, "a type", type_keys, lengthof(type_keys), true};

static const KeySpec function_keys[] = {
	KER("kind", funckind_values),
	KR("arguments", VT_STRING, VC_ANY), /* checked with the whole object */
	K("result", VT_STRING, VC_ANY), /* idem */
	KR("language", VT_STRING, VC_NAME),
	K("source", VT_STRING, VC_ANY),
	K("sql_body", VT_STRING, VC_ANY),	/* idem */
	K("object_file", VT_STRING, VC_ANY),
	KE("volatility", volatility_values),
	K("strict", VT_BOOL, VC_ANY),
	K("security_definer", VT_BOOL, VC_ANY),
	K("leakproof", VT_BOOL, VC_ANY),
	KE("parallel", parallel_values),
	K("cost", VT_NUMBER, VC_ANY),
	K("rows", VT_NUMBER, VC_ANY),
	K("config", VT_STRINGS, VC_OPTION),
};
static const ObjSpec function_spec = {SK_FUNCTION, "a function", function_keys, lengthof(function_keys), true};

static const KeySpec collation_keys[] = {
	KE("provider", provider_values),
	K("lc_collate", VT_STRING, VC_ANY),
	K("lc_ctype", VT_STRING, VC_ANY),
	K("icu_locale", VT_STRING, VC_ANY),
	K("deterministic", VT_BOOL, VC_ANY),
};
static const ObjSpec collation_spec = {SK_COLLATION, "a collation", collation_keys, lengthof(collation_keys), true};

static const char *const privilege_words[] = {
	"SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "REFERENCES",
	"TRIGGER", "EXECUTE", "USAGE", "CREATE", "CONNECT", "TEMPORARY",
	"TEMP", "SET", "ALTER SYSTEM", NULL
};

static void check_object(DocCtx *cx, const ObjSpec *spec, JsonbValue *v);

/* ----------------------------------------------------------------
 * Errors
 * ----------------------------------------------------------------
 */

/* A value as JSON text, cut short when long. */
static char *
shown_value(const JsonbValue *v)
{
	char	   *s;

	switch (v->type)
	{
		case jbvNull:
			return pstrdup("null");
		case jbvBool:
			return pstrdup(v->val.boolean ? "true" : "false");
		case jbvNumeric:
			s = DatumGetCString(DirectFunctionCall1(numeric_out,
													NumericGetDatum(v->val.numeric)));
			break;
		case jbvString:
			{
				StringInfoData buf;

				initStringInfo(&buf);
				escape_json(&buf, pnstrdup(v->val.string.val,
										   Min(v->val.string.len, 200)));
				if (v->val.string.len > 200)
					appendStringInfoString(&buf, "...");
				return buf.data;
			}
		case jbvBinary:
			s = JsonbToCString(NULL, v->val.binary.data, v->val.binary.len);
			break;
		default:
			s = pstrdup("?");
			break;
	}
	if (strlen(s) > 200)
		s = psprintf("%.*s...", pg_mbcliplen(s, strlen(s), 200), s);
	return s;
}

static void bad_value(DocCtx *cx, const JsonbValue *v, const char *problem,
					  const char *detail) pg_attribute_noreturn();

/*
 * The error of a bad value: "<path> <problem>: <value>", with the parser's
 * complaint (when there is one) as detail.
 */
static void
bad_value(DocCtx *cx, const JsonbValue *v, const char *problem,
		  const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid snapshot document %s: %s %s%s%s",
					cx->what, cx->path.data, problem,
					v ? ": " : "", v ? shown_value(v) : ""),
			 detail ? errdetail("%s", detail) : 0,
			 errhint("Pass a document returned by migrate_snapshot(); docs/snapshot-format.md describes it.")));
}

/* Append ".key" (or ."key" when it is not a plain word) to the path. */
static void
path_push_key(DocCtx *cx, const char *key, int len)
{
	bool		plain = len > 0;

	for (int i = 0; i < len; i++)
	{
		char		c = key[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
			  (i > 0 && c >= '0' && c <= '9')))
			plain = false;
	}
	appendStringInfoChar(&cx->path, '.');
	if (plain)
		appendBinaryStringInfo(&cx->path, key, len);
	else
		escape_json(&cx->path, pnstrdup(key, len));
}

static const char *
vtype_name(VType t)
{
	switch (t)
	{
		case VT_STRING:
			return "a string";
		case VT_BOOL:
			return "a boolean";
		case VT_INT:
			return "an integer";
		case VT_NUMBER:
			return "a number";
		case VT_STRINGS:
			return "an array of strings";
		case VT_STRINGS_OR_NULL:
			return "an array of strings and nulls";
		case VT_OBJECT:
		case VT_MAP:
		case VT_PRIVILEGES:
			return "an object";
		case VT_ARRAY:
		case VT_DEPS:
			return "an array";
	}
	return "?";
}

static bool
is_container(const JsonbValue *v, bool array)
{
	return v->type == jbvBinary &&
		(array ? JsonContainerIsArray(v->val.binary.data) :
		 JsonContainerIsObject(v->val.binary.data)) &&
		!JsonContainerIsScalar(v->val.binary.data);
}

static bool
is_integer(const JsonbValue *v)
{
	char	   *s;
	char	   *end;

	if (v->type != jbvNumeric)
		return false;
	s = DatumGetCString(DirectFunctionCall1(numeric_out,
											NumericGetDatum(v->val.numeric)));
	if (strspn(s + (*s == '-'), "0123456789") != strlen(s + (*s == '-')))
		return false;
	errno = 0;
	(void) strtoi64(s, &end, 10);
	return errno == 0 && *end == '\0';
}

/* One string against its check. */
static void
check_string(DocCtx *cx, const KeySpec *ks, JsonbValue *v)
{
	MemoryContext old;
	char	   *s;
	char	   *error = NULL;
	bool		ok = true;
	const char *problem = NULL;
	char	   *memo = NULL;
	bool		found;

	if (memchr(v->val.string.val, '\0', v->val.string.len) != NULL)
		bad_value(cx, v, "holds a NUL character", NULL);
	/* most strings are names and texts: nothing to copy for them */
	if (ks->check == VC_ANY)
		return;
	if (ks->check == VC_NAME)
	{
		if (v->val.string.len == 0)
			bad_value(cx, v, "is an empty name", NULL);
		return;
	}
	old = MemoryContextSwitchTo(cx->scratch);
	s = pnstrdup(v->val.string.val, v->val.string.len);
	if (ks->check >= VC_TYPENAME)
	{
		/* what the parser said good once is good: types and keys repeat */
		if (ks->check != VC_INDEXDEF && ks->check != VC_TRIGDEF &&
			ks->check != VC_RULEDEF)
		{
			memo = psprintf("%d\x01%s", (int) ks->check, s);
			hash_search(cx->good, &memo, HASH_FIND, &found);
			if (found)
			{
				MemoryContextSwitchTo(old);
				MemoryContextReset(cx->scratch);
				return;
			}
		}
	}
	switch (ks->check)
	{
		case VC_ANY:
			break;
		case VC_NAME:
			ok = *s != '\0';
			problem = "is an empty name";
			break;
		case VC_ENUM:
			ok = false;
			for (const char *const *e = ks->values; *e; e++)
				if (strcmp(*e, s) == 0)
					ok = true;
			problem = "is not a known value";
			break;
		default:
			/* SQL-bearing values: parsed (docread_sql.c) */
			ok = docread_check_sql(ks->check, s, cx->objname, &problem, &error);
			break;
	}
	if (!ok)
		bad_value(cx, v, problem, error);
	MemoryContextSwitchTo(old);
	if (memo != NULL)
	{
		memo = pstrdup(memo);
		hash_search(cx->good, &memo, HASH_ENTER, NULL);
	}
	MemoryContextReset(cx->scratch);
}

/* An array whose every element is a string (or null, when allowed). */
static void
check_strings(DocCtx *cx, const KeySpec *ks, JsonbValue *v, bool nulls)
{
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	int			base = cx->path.len;
	int			i = 0;

	if (!is_container(v, true))
		bad_value(cx, v, psprintf("is not %s", vtype_name(ks->type)), NULL);
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		appendStringInfo(&cx->path, "[%d]", i++);
		if (e.type == jbvNull && nulls)
			;
		else if (e.type != jbvString)
			bad_value(cx, &e, "is not a string", NULL);
		else
			check_string(cx, ks, &e);
		cx->path.len = base;
		cx->path.data[base] = '\0';
	}
}

/* "privileges": {"grantee": ["SELECT", "UPDATE WITH GRANT OPTION"]} */
static void
check_privileges(DocCtx *cx, JsonbValue *v)
{
	static const KeySpec role = {"grantee", VT_STRING, VC_ROLE, false, NULL, NULL};
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	int			base = cx->path.len;

	if (!is_container(v, false))
		bad_value(cx, v, "is not an object", NULL);
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			path_push_key(cx, e.val.string.val, e.val.string.len);
			check_string(cx, &role, &e);
			continue;
		}
		if (tok != WJB_VALUE)
			continue;
		if (!is_container(&e, true))
			bad_value(cx, &e, "is not an array of privileges", NULL);
		{
			JsonbIterator *pit = JsonbIteratorInit(e.val.binary.data);
			JsonbValue	p;
			int			pbase = cx->path.len;
			int			i = 0;

			while ((tok = JsonbIteratorNext(&pit, &p, true)) != WJB_DONE)
			{
				char	   *s;
				char	   *wgo;
				bool		known = false;

				if (tok != WJB_ELEM)
					continue;
				appendStringInfo(&cx->path, "[%d]", i++);
				if (p.type != jbvString)
					bad_value(cx, &p, "is not a privilege", NULL);
				s = pnstrdup(p.val.string.val, p.val.string.len);
				if ((wgo = strstr(s, " WITH GRANT OPTION")) != NULL &&
					wgo[18] == '\0')
					*wgo = '\0';
				for (const char *const *w = privilege_words; *w; w++)
					if (strcmp(*w, s) == 0)
						known = true;
				if (!known)
					bad_value(cx, &p, "is not a privilege", NULL);
				cx->path.len = pbase;
				cx->path.data[pbase] = '\0';
			}
		}
		cx->path.len = base;
		cx->path.data[base] = '\0';
	}
}

/* "depends_on": ["table polls", "function f(integer)"] */
static void
check_deps(DocCtx *cx, JsonbValue *v)
{
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	int			base = cx->path.len;
	int			i = 0;

	if (!is_container(v, true))
		bad_value(cx, v, "is not an array of references", NULL);
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		const char *space;
		bool		known = false;

		if (tok != WJB_ELEM)
			continue;
		appendStringInfo(&cx->path, "[%d]", i++);
		if (e.type != jbvString)
			bad_value(cx, &e, "is not a reference", NULL);
		space = memchr(e.val.string.val, ' ', e.val.string.len);
		if (space != NULL && space + 1 < e.val.string.val + e.val.string.len)
		{
			int			klen = space - e.val.string.val;

			for (int k = 0; k < OBJ_NKINDS; k++)
				if ((int) strlen(pgm_kinds[k].label) == klen &&
					strncmp(pgm_kinds[k].label, e.val.string.val, klen) == 0)
					known = true;
		}
		if (!known)
			bad_value(cx, &e, "is not a reference \"<kind> <name>\" of a known kind", NULL);
		cx->path.len = base;
		cx->path.data[base] = '\0';
	}
}

/* The members of a map (name -> object) or an array of objects. */
static void
check_members(DocCtx *cx, const KeySpec *ks, JsonbValue *v)
{
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	int			base = cx->path.len;
	int			i = 0;
	char	   *name = NULL;
	bool		array = ks->type == VT_ARRAY;
	List	   *names = NIL;

	if (!is_container(v, array))
		bad_value(cx, v, psprintf("is not %s", vtype_name(ks->type)), NULL);
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			name = pnstrdup(e.val.string.val, e.val.string.len);
			path_push_key(cx, e.val.string.val, e.val.string.len);
			if (*name == '\0' || strlen(name) != e.val.string.len)
				bad_value(cx, &e, "is not a name", NULL);
			continue;
		}
		if (tok != WJB_VALUE && tok != WJB_ELEM)
			continue;
		if (array)
		{
			JsonbValue	nv;

			appendStringInfo(&cx->path, "[%d]", i++);
			name = NULL;
			if (is_container(&e, false) &&
				getKeyJsonValueFromContainer(e.val.binary.data, "name", 4, &nv) &&
				nv.type == jbvString)
			{
				name = pnstrdup(nv.val.string.val, nv.val.string.len);
				if (list_member(names, makeString(name)))
				{
					appendStringInfoString(&cx->path, ".name");
					bad_value(cx, &nv, "is a duplicate name", NULL);
				}
				names = lappend(names, makeString(name));
			}
		}
		cx->objname = name;
		check_object(cx, ks->sub, &e);
		cx->path.len = base;
		cx->path.data[base] = '\0';
	}
}

/* A function: its key, arguments, result and body, as one statement. */
static void
check_function(DocCtx *cx, JsonbValue *obj)
{
	const char *key = cx->objname;
	const char *paren = key ? strchr(key, '(') : NULL;
	JsonbValue	kind,
				args,
				result,
				body;
	bool		proc;
	bool		has_result;
	char	   *error = NULL;
	Node	   *stmt;
	int			base = cx->path.len;

	/* the key: name(identity arguments) */
	if (paren == NULL || paren == key)
	{
		JsonbValue	kv = {.type = jbvString};

		kv.val.string.val = (char *) (key ? key : "");
		kv.val.string.len = key ? strlen(key) : 0;
		bad_value(cx, &kv, "is not a function key \"name(argument types)\"", NULL);
	}
	stmt = docread_parse_one(psprintf("DROP FUNCTION f%s", paren), T_DropStmt, &error);
	if (stmt == NULL || list_length(((DropStmt *) stmt)->objects) != 1 ||
		((DropStmt *) stmt)->behavior != DROP_RESTRICT ||
		((DropStmt *) stmt)->missing_ok)
	{
		JsonbValue	kv = {.type = jbvString};

		kv.val.string.val = (char *) key;
		kv.val.string.len = strlen(key);
		bad_value(cx, &kv, "is not a function key \"name(argument types)\"", error);
	}

	(void) getKeyJsonValueFromContainer(obj->val.binary.data, "kind", 4, &kind);
	proc = kind.val.string.len == 9 &&
		strncmp(kind.val.string.val, "procedure", 9) == 0;
	(void) getKeyJsonValueFromContainer(obj->val.binary.data, "arguments", 9, &args);
	has_result = getKeyJsonValueFromContainer(obj->val.binary.data, "result", 6, &result);
	if (!proc && !has_result)
		bad_value(cx, NULL, "has no \"result\"", NULL);

	/* arguments and result: one CREATE FUNCTION with nothing more */
	stmt = docread_parse_one(psprintf("CREATE %s f(%.*s)%s%.*s LANGUAGE sql AS ''",
							  proc ? "PROCEDURE" : "FUNCTION",
							  args.val.string.len, args.val.string.val,
							  proc ? "" : " RETURNS ",
							  proc ? 0 : result.val.string.len,
							  proc ? "" : result.val.string.val),
					 T_CreateFunctionStmt, &error);
	if (stmt == NULL || list_length(((CreateFunctionStmt *) stmt)->options) != 2 ||
		((CreateFunctionStmt *) stmt)->sql_body != NULL ||
		((CreateFunctionStmt *) stmt)->is_procedure != proc)
	{
		appendStringInfoString(&cx->path, ".arguments");
		bad_value(cx, &args, proc ? "is not an argument list" :
				  "is not an argument list with the \"result\" a result type",
				  error);
	}

	/* sql_body: BEGIN ATOMIC ... END or RETURN expression */
	if (getKeyJsonValueFromContainer(obj->val.binary.data, "sql_body", 8, &body))
	{
		stmt = docread_parse_one(psprintf("CREATE %s f() %s LANGUAGE sql\n%.*s",
								  proc ? "PROCEDURE" : "FUNCTION",
								  proc ? "" : "RETURNS int",
								  body.val.string.len, body.val.string.val),
						 T_CreateFunctionStmt, &error);
		if (stmt == NULL || list_length(((CreateFunctionStmt *) stmt)->options) != 1 ||
			((CreateFunctionStmt *) stmt)->sql_body == NULL)
		{
			appendStringInfoString(&cx->path, ".sql_body");
			bad_value(cx, &body, "is not an SQL-standard function body", error);
		}
	}
	cx->path.len = base;
	cx->path.data[base] = '\0';
}

/* What a kind needs beyond the types of its keys. */
static void
check_kind_rules(DocCtx *cx, const ObjSpec *spec, JsonbValue *obj)
{
	JsonbValue	v;
	JsonbContainer *c = obj->val.binary.data;

	switch (spec->kind)
	{
		case SK_CONSTRAINT:
			{
				JsonbValue	def;
				char	   *error = NULL;
				Constraint *con;
				ConstrType	want;

				char	   *memo;
				bool		found;
				MemoryContext old;

				(void) getKeyJsonValueFromContainer(c, "type", 4, &v);
				(void) getKeyJsonValueFromContainer(c, "definition", 10, &def);
				memo = psprintf("C%.*s\x01%.*s", v.val.string.len, v.val.string.val,
								def.val.string.len, def.val.string.val);
				hash_search(cx->good, &memo, HASH_FIND, &found);
				if (found)
					break;
				old = MemoryContextSwitchTo(cx->scratch);
				con = docread_parse_constraint(pnstrdup(def.val.string.val, def.val.string.len),
									   &error);
				if (strncmp(v.val.string.val, "primary_key", v.val.string.len) == 0)
					want = CONSTR_PRIMARY;
				else if (strncmp(v.val.string.val, "unique", v.val.string.len) == 0)
					want = CONSTR_UNIQUE;
				else if (strncmp(v.val.string.val, "check", v.val.string.len) == 0)
					want = CONSTR_CHECK;
				else if (strncmp(v.val.string.val, "foreign_key", v.val.string.len) == 0)
					want = CONSTR_FOREIGN;
				else
					want = CONSTR_EXCLUSION;
				if (con == NULL || con->contype != want)
				{
					appendStringInfoString(&cx->path, ".definition");
					bad_value(cx, &def, "is not a constraint of its \"type\"", error);
				}
				MemoryContextSwitchTo(old);
				MemoryContextReset(cx->scratch);
				hash_search(cx->good, &memo, HASH_ENTER, NULL);
				break;
			}
		case SK_TYPE:
			{
				static const char *const need[][2] = {
					{"enum", "labels"}, {"composite", "columns"},
					{"domain", "base_type"}, {"range", "subtype"},
					{"base", "definition"}
				};

				(void) getKeyJsonValueFromContainer(c, "kind", 4, &v);
				for (int i = 0; i < lengthof(need); i++)
				{
					JsonbValue	x;

					if (strlen(need[i][0]) == v.val.string.len &&
						strncmp(need[i][0], v.val.string.val, v.val.string.len) == 0 &&
						!getKeyJsonValueFromContainer(c, need[i][1],
													  strlen(need[i][1]), &x))
						bad_value(cx, NULL,
								  psprintf("is a type of kind \"%s\" without \"%s\"",
										   need[i][0], need[i][1]), NULL);
				}
				break;
			}
		case SK_FUNCTION:
			{
				MemoryContext old = MemoryContextSwitchTo(cx->scratch);

				check_function(cx, obj);
				MemoryContextSwitchTo(old);
				MemoryContextReset(cx->scratch);
				break;
			}
		default:
			break;
	}
}

/* One object against its spec: every key known, of its type, checked. */
static void
check_object(DocCtx *cx, const ObjSpec *spec, JsonbValue *obj)
{
	JsonbIterator *it;
	JsonbValue	v;
	JsonbIteratorToken tok;
	int			base = cx->path.len;
	const KeySpec *ks = NULL;
	const char *objname = cx->objname;
	int			nfound = 0;
	bool		found[32] = {false};

	Assert(spec->nkeys <= lengthof(found));
	check_stack_depth();
	if (!is_container(obj, false))
		bad_value(cx, obj, psprintf("is not an object (%s)", spec->what), NULL);

	it = JsonbIteratorInit(obj->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
		{
			ks = NULL;
			for (int i = 0; i < spec->nkeys; i++)
				if (strncmp(spec->keys[i].key, v.val.string.val, v.val.string.len) == 0 &&
					spec->keys[i].key[v.val.string.len] == '\0')
				{
					ks = &spec->keys[i];
					found[i] = true;
					nfound++;
				}
			path_push_key(cx, v.val.string.val, v.val.string.len);
			if (ks == NULL && spec->common &&
				!((v.val.string.len == 7 && strncmp(v.val.string.val, "comment", 7) == 0) ||
				  (v.val.string.len == 10 && strncmp(v.val.string.val, "privileges", 10) == 0) ||
				  (v.val.string.len == 10 && strncmp(v.val.string.val, "depends_on", 10) == 0)))
				bad_value(cx, NULL, psprintf("is not a key of %s", spec->what), NULL);
			if (ks == NULL && !spec->common)
				bad_value(cx, NULL, psprintf("is not a key of %s", spec->what), NULL);
			continue;
		}
		if (tok != WJB_VALUE)
			continue;

		if (ks == NULL)
		{
			/* comment, privileges or depends_on */
			char	   *last = strrchr(cx->path.data, '.') + 1;

			if (strcmp(last, "comment") == 0)
			{
				if (v.type != jbvString)
					bad_value(cx, &v, "is not a string", NULL);
			}
			else if (strcmp(last, "privileges") == 0)
				check_privileges(cx, &v);
			else
				check_deps(cx, &v);
		}
		else if (spec->kind == SK_TOP && strcmp(ks->key, "scope") == 0)
		{
			if (!(v.type == jbvString && v.val.string.len == 3 &&
				  strncmp(v.val.string.val, "all", 3) == 0))
			{
				static const KeySpec names = {"scope", VT_STRINGS, VC_NAME, false, NULL, NULL};

				if (!is_container(&v, true))
					bad_value(cx, &v, "is neither \"all\" nor an array of schema names", NULL);
				check_strings(cx, &names, &v, false);
			}
		}
		else if (spec->kind == SK_TOP && strcmp(ks->key, "format") == 0)
			;					/* checked already */
		else
		{
			switch (ks->type)
			{
				case VT_STRING:
					if (v.type != jbvString)
						bad_value(cx, &v, "is not a string", NULL);
					check_string(cx, ks, &v);
					break;
				case VT_BOOL:
					if (v.type != jbvBool)
						bad_value(cx, &v, "is not a boolean", NULL);
					break;
				case VT_INT:
					if (!is_integer(&v))
						bad_value(cx, &v, "is not an integer", NULL);
					break;
				case VT_NUMBER:
					if (v.type != jbvNumeric)
						bad_value(cx, &v, "is not a number", NULL);
					break;
				case VT_STRINGS:
				case VT_STRINGS_OR_NULL:
					check_strings(cx, ks, &v, ks->type == VT_STRINGS_OR_NULL);
					break;
				case VT_OBJECT:
					check_object(cx, ks->sub, &v);
					break;
				case VT_MAP:
				case VT_ARRAY:
					check_members(cx, ks, &v);
					break;
				case VT_PRIVILEGES:
					check_privileges(cx, &v);
					break;
				case VT_DEPS:
					check_deps(cx, &v);
					break;
			}
		}
		cx->path.len = base;
		cx->path.data[base] = '\0';
		cx->objname = objname;
	}

	for (int i = 0; i < spec->nkeys; i++)
		if (spec->keys[i].required && !found[i])
			bad_value(cx, NULL, psprintf("has no \"%s\" (%s needs one)",
										 spec->keys[i].key, spec->what), NULL);
	cx->objname = objname;
	check_kind_rules(cx, spec, obj);
}

/* Schema and extension names a document may not hold. */
static void
check_top_names(DocCtx *cx, JsonbContainer *root)
{
	JsonbValue	v;
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;

	if (getKeyJsonValueFromContainer(root, "schemas", 7, &v) && is_container(&v, false))
	{
		it = JsonbIteratorInit(v.val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
		{
			char	   *name;

			if (tok != WJB_KEY)
				continue;
			name = pnstrdup(e.val.string.val, e.val.string.len);
			if (strcmp(name, "pg_catalog") == 0 ||
				strcmp(name, "information_schema") == 0 ||
				strncmp(name, "pg_toast", 8) == 0 ||
				strncmp(name, "pg_temp", 7) == 0)
			{
				appendStringInfoString(&cx->path, ".schemas");
				path_push_key(cx, e.val.string.val, e.val.string.len);
				bad_value(cx, &e, "is a system schema", NULL);
			}
		}
	}
	if (getKeyJsonValueFromContainer(root, "extensions", 10, &v) && is_container(&v, false))
	{
		it = JsonbIteratorInit(v.val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
			if (tok == WJB_KEY && e.val.string.len == 10 &&
				strncmp(e.val.string.val, "pg_migrate", 10) == 0)
			{
				appendStringInfoString(&cx->path, ".extensions");
				path_push_key(cx, e.val.string.val, e.val.string.len);
				bad_value(cx, &e, "is pg_migrate itself, which no snapshot holds", NULL);
			}
	}
}

/*
 * Check a whole document; "what" says where it comes from in messages
 * ("source", "target", "snapshot", "the stored model of schema \"app\"").
 * Returns quietly when it is good; allocates in a context of its own.
 */
void
docread_check(Jsonb *doc, const char *what)
{
	MemoryContext cxt = AllocSetContextCreate(CurrentMemoryContext,
											  "pg_migrate document check",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	DocCtx		cx;
	JsonbValue	v;
	JsonbValue	root;

	cx.what = what;
	cx.objname = NULL;
	cx.scratch = AllocSetContextCreate(cxt, "pg_migrate document check parses",
									   ALLOCSET_DEFAULT_SIZES);
	cx.good = pgm_string_set_create("pg_migrate document check", 1024, cxt);
	initStringInfo(&cx.path);
	appendStringInfoChar(&cx.path, '$');

	if (!JB_ROOT_IS_OBJECT(doc) || JB_ROOT_IS_SCALAR(doc))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("not a pg_migrate snapshot document: it is not a jsonb object"),
				 errdetail("The document is %s.", what),
				 errhint("Pass a document returned by migrate_snapshot().")));
	if (!getKeyJsonValueFromContainer(&doc->root, "format", 6, &v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("not a pg_migrate snapshot document: it has no \"format\" key"),
				 errdetail("The document is %s.", what),
				 errhint("Pass a document returned by migrate_snapshot().")));
	if (v.type != jbvNumeric ||
		strcmp(DatumGetCString(DirectFunctionCall1(numeric_out,
												   NumericGetDatum(v.val.numeric))),
			   CppAsString2(PGM_SNAPSHOT_FORMAT)) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown snapshot format \"%s\"",
						v.type == jbvString ? pnstrdup(v.val.string.val, v.val.string.len) :
						v.type == jbvNumeric ? shown_value(&v) : "a non-number"),
				 errdetail("This version of pg_migrate reads format %d.",
						   PGM_SNAPSHOT_FORMAT)));

	check_top_names(&cx, &doc->root);
	root.type = jbvBinary;
	root.val.binary.data = &doc->root;
	root.val.binary.len = VARSIZE(doc) - VARHDRSZ;
	check_object(&cx, &top_spec, &root);

	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);
}
