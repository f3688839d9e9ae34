/*-------------------------------------------------------------------------
 *
 * publication.c
 *	  DDL for publications and event triggers.
 *
 * A publication's tables and schemas are set in place (ALTER PUBLICATION
 * ... SET, or DROP when the target publishes none), and so are its
 * options; one that starts or stops publishing all tables is made again.
 * An event trigger's enabled state is altered in place; any other change
 * makes it again.  An event trigger would fire on the script's own
 * statements: it is dropped (or disabled) before, and made (or enabled)
 * after, every other step (DiffStep.phase).
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"

/* "TABLE a, b, TABLES IN SCHEMA s" of a publication's lists, or "" */
static char *
publication_objects(GNode *node, bool names_only)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	foreach(lc, gnode_strings(node, "published_tables"))
	{
		char	   *t = lfirst(lc);

		/* DROP TABLE takes the names alone */
		if (names_only)
		{
			char	   *sp = strchr(t, ' ');

			if (sp != NULL)
				t = pnstrdup(t, sp - t);
		}
		appendStringInfo(&buf, "%s%s", buf.len > 0 ? ", " : "TABLE ", t);
	}
	foreach(lc, gnode_strings(node, "published_schemas"))
		appendStringInfo(&buf, "%s%s%s", buf.len > 0 ? ", " : "",
						 foreach_current_index(lc) == 0 ? "TABLES IN SCHEMA " : "",
						 quote_identifier(lfirst(lc)));
	return buf.data;
}

static char *
publication_with(GNode *node)
{
	return psprintf("(publish = %s, publish_via_partition_root = %s)",
					quote_literal_cstr(gnode_str(node, "publish") ?
									   gnode_str(node, "publish") : ""),
					gnode_bool(node, "via_root") ? "true" : "false");
}

static void
publication_create(DiffContext *cx, GNode *t)
{
	char	   *objects = publication_objects(t, false);

	diff_step(cx, STEP_CREATE, t, "CREATE PUBLICATION %s%s%s WITH %s;",
			  quote_identifier(t->name),
			  gnode_bool(t, "all_tables") ? " FOR ALL TABLES" : "",
			  objects[0] ? psprintf(" FOR %s", objects) : "",
			  publication_with(t));
}

static void
publication_drop(DiffContext *cx, GNode *s)
{
	diff_step(cx, STEP_DROP, s, "DROP PUBLICATION %s;", quote_identifier(s->name));
}

static void
publication_alter(DiffContext *cx, GNode *s, GNode *t)
{
	StringInfoData buf;

	if (gnode_bool(s, "all_tables") != gnode_bool(t, "all_tables"))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	initStringInfo(&buf);
	if (!gnode_attr_equal(s, t, "published_tables") || !gnode_attr_equal(s, t, "published_schemas"))
	{
		char	   *objects = publication_objects(t, false);

		if (objects[0])
			ddl_stmt(&buf, "ALTER PUBLICATION %s SET %s;", quote_identifier(t->name), objects);
		else
			ddl_stmt(&buf, "ALTER PUBLICATION %s DROP %s;", quote_identifier(t->name),
					 publication_objects(s, true));
	}
	if (!gnode_attr_equal(s, t, "publish") || !gnode_attr_equal(s, t, "via_root"))
		ddl_stmt(&buf, "ALTER PUBLICATION %s SET %s;", quote_identifier(t->name),
				 publication_with(t));
	if (buf.len > 0)
		diff_step(cx, STEP_ALTER, t, "%s", buf.data);
}

const DdlHandler pgm_ddl_publication = {
	.create = publication_create, .drop = publication_drop,
	.alter = publication_alter,
	.sql_kind = "PUBLICATION",
};

static char *
enable_sql(GNode *node)
{
	char	   *enabled = gnode_str(node, "enabled");

	if (enabled == NULL)
		return "ENABLE";
	if (strcmp(enabled, "disabled") == 0)
		return "DISABLE";
	if (strcmp(enabled, "replica") == 0)
		return "ENABLE REPLICA";
	return "ENABLE ALWAYS";
}

static void
event_trigger_create(DiffContext *cx, GNode *t)
{
	StringInfoData buf;
	ListCell   *lc;

	initStringInfo(&buf);
	appendStringInfo(&buf, "CREATE EVENT TRIGGER %s ON %s", quote_identifier(t->name),
					 quote_identifier(gnode_str_req(t, "event")));
	foreach(lc, gnode_strings(t, "tags"))
		appendStringInfo(&buf, "%s%s", foreach_current_index(lc) == 0 ?
						 " WHEN TAG IN (" : ", ", quote_literal_cstr(lfirst(lc)));
	if (gnode_strings(t, "tags") != NIL)
		appendStringInfoChar(&buf, ')');
	appendStringInfo(&buf, " EXECUTE FUNCTION %s;", gnode_str_req(t, "function"));
	if (gnode_str(t, "enabled") != NULL)
		appendStringInfo(&buf, "\nALTER EVENT TRIGGER %s %s;", quote_identifier(t->name),
						 enable_sql(t));
	/* made after the script's other statements, so that it fires on none */
	diff_step(cx, STEP_CREATE, t, "%s", buf.data)->phase = 1;
}

static void
event_trigger_drop(DiffContext *cx, GNode *s)
{
	/* dropped before the script's other statements: it fires on none */
	diff_step(cx, STEP_DROP, s, "DROP EVENT TRIGGER %s;",
			  quote_identifier(s->name))->phase = -1;
}

static void
event_trigger_alter(DiffContext *cx, GNode *s, GNode *t)
{
	if (!gnode_attr_equal(s, t, "event") || !gnode_attr_equal(s, t, "function") ||
		!gnode_attr_equal(s, t, "tags"))
	{
		diff_rebuild(cx, s, t);
		return;
	}
	/* disabled first, enabled last: as for a new one */
	if (!gnode_attr_equal(s, t, "enabled"))
		diff_step(cx, STEP_ALTER, t, "ALTER EVENT TRIGGER %s %s;",
				  quote_identifier(t->name), enable_sql(t))->phase =
			ddl_str_equal(gnode_str(t, "enabled"), "disabled") ? -1 : 1;
}

const DdlHandler pgm_ddl_eventtrigger = {
	.create = event_trigger_create, .drop = event_trigger_drop,
	.alter = event_trigger_alter,
	.sql_kind = "EVENT TRIGGER",
};
