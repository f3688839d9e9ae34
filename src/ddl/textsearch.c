/*-------------------------------------------------------------------------
 *
 * textsearch.c
 *	  DDL for text search parsers, templates, dictionaries and
 *	  configurations, from the CREATE statements the snapshot stores.  A
 *	  configuration's mappings change in place (ALTER TEXT SEARCH
 *	  CONFIGURATION ... ADD / ALTER / DROP MAPPING); any other change drops
 *	  the object and makes it again, with what depends on it
 *	  (configurations on a dictionary, indexes and columns on a
 *	  configuration).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/* "DROP TEXT SEARCH DICTIONARY" for the node's kind */
static const char *
ts_word(GNode *node)
{
	return pgm_ddl_handler(node->kind)->sql_kind;
}

/* "name = 'value'" of a dictionary option "name=value" */
static char *
option_sql(const char *opt)
{
	const char *eq = strchr(opt, '=');

	if (eq == NULL)
		return pstrdup(quote_identifier(opt));
	return psprintf("%s = %s", quote_identifier(pnstrdup(opt, eq - opt)),
					quote_literal_cstr(eq + 1));
}

static char *
option_name(const char *opt)
{
	const char *eq = strchr(opt, '=');

	return eq ? pnstrdup(opt, eq - opt) : pstrdup(opt);
}

static void
ts_create(DiffContext *cx, GNode *t)
{
	StringInfoData buf;
	ListCell   *lc;
	const char *def = gnode_str_req(t, "definition");
	List	   *options = gnode_strings(t, "dictionary_options");
	size_t		len = strlen(def);

	initStringInfo(&buf);
	/* a dictionary's options inside the parentheses its definition ends with */
	if (options != NIL && len > 0 && def[len - 1] == ')')
	{
		appendBinaryStringInfo(&buf, def, len - 1);
		foreach(lc, options)
			appendStringInfo(&buf, ", %s", option_sql(lfirst(lc)));
		appendStringInfoString(&buf, ");");
	}
	else
		appendStringInfo(&buf, "%s;", def);
	foreach(lc, gnode_strings(t, "mappings"))
		appendStringInfo(&buf, "\nALTER TEXT SEARCH CONFIGURATION %s ADD MAPPING FOR %s;",
						 gnode_qualname(t), (char *) lfirst(lc));
	diff_step(cx, STEP_CREATE, t, "%s", buf.data);
}

static void
ts_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP %s %s;", ts_word(s), gnode_qualname(s));
}

/* The token type of a mapping "token WITH dict, ...". */
static char *
mapping_token(const char *m)
{
	const char *with = strstr(m, " WITH ");

	return with ? pnstrdup(m, with - m) : pstrdup(m);
}

static const char *
find_mapping(List *mappings, const char *token)
{
	ListCell   *lc;

	foreach(lc, mappings)
		if (strcmp(mapping_token(lfirst(lc)), token) == 0)
			return lfirst(lc);
	return NULL;
}

static void
ts_alter(DiffContext *cx, GNode *s, GNode *t)
{
	List	   *old = gnode_strings(s, "mappings");
	List	   *new = gnode_strings(t, "mappings");
	StringInfoData buf;
	ListCell   *lc;

	if (!gnode_attr_equal(s, t, "definition"))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	initStringInfo(&buf);
	if (!gnode_attr_equal(s, t, "dictionary_options"))
	{
		/*
		 * Every option the target has, in its order (ALTER appends each
		 * option it names after those it does not), and those it has not
		 * without a value (which removes them).
		 */
		List	   *sopts = gnode_strings(s, "dictionary_options");
		List	   *topts = gnode_strings(t, "dictionary_options");
		List	   *tnames = NIL;
		StringInfoData opts;

		initStringInfo(&opts);
		foreach(lc, topts)
			tnames = lappend(tnames, option_name(lfirst(lc)));
		foreach(lc, sopts)
			if (!pgm_list_member_str(tnames, option_name(lfirst(lc))))
				appendStringInfo(&opts, "%s%s", opts.len > 0 ? ", " : "",
								 quote_identifier(option_name(lfirst(lc))));
		foreach(lc, topts)
			appendStringInfo(&opts, "%s%s", opts.len > 0 ? ", " : "",
							 option_sql(lfirst(lc)));
		appendStringInfo(&buf, "ALTER TEXT SEARCH DICTIONARY %s (%s);",
						 gnode_qualname(t), opts.data);
	}
	foreach(lc, old)
		if (find_mapping(new, mapping_token(lfirst(lc))) == NULL)
			appendStringInfo(&buf, "%sALTER TEXT SEARCH CONFIGURATION %s DROP MAPPING FOR %s;",
							 buf.len > 0 ? "\n" : "", gnode_qualname(t),
							 mapping_token(lfirst(lc)));
	foreach(lc, new)
	{
		const char *was = find_mapping(old, mapping_token(lfirst(lc)));

		if (was != NULL && strcmp(was, lfirst(lc)) == 0)
			continue;
		appendStringInfo(&buf, "%sALTER TEXT SEARCH CONFIGURATION %s %s MAPPING FOR %s;",
						 buf.len > 0 ? "\n" : "", gnode_qualname(t),
						 was ? "ALTER" : "ADD", (char *) lfirst(lc));
	}
	if (buf.len > 0)
		diff_step(cx, STEP_ALTER, t, "%s", buf.data);
}

const DdlHandler pgm_ddl_tsparser = {
	.create = ts_create, .drop = ts_drop, .alter = ts_alter,
	.sql_kind = "TEXT SEARCH PARSER",
};

const DdlHandler pgm_ddl_tstemplate = {
	.create = ts_create, .drop = ts_drop, .alter = ts_alter,
	.sql_kind = "TEXT SEARCH TEMPLATE",
};

const DdlHandler pgm_ddl_tsdict = {
	.create = ts_create, .drop = ts_drop, .alter = ts_alter,
	.sql_kind = "TEXT SEARCH DICTIONARY",
};

const DdlHandler pgm_ddl_tsconfig = {
	.create = ts_create, .drop = ts_drop, .alter = ts_alter,
	.sql_kind = "TEXT SEARCH CONFIGURATION",
};
