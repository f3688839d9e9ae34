/*-------------------------------------------------------------------------
 *
 * rename.c
 *	  Renames recorded as intent (docs/models.md, "Renames").
 *
 * A model written as DDL says what the schema should be, not how it got
 * there: a column that the model calls "title" and the live table calls
 * "question" is, to a diff, a column dropped and another added, and its
 * data would be lost.  migrate_model_rename() records the intent with the
 * model of the schema (the "renames" column of migrate_models, an array of
 * entries in the order they were recorded).  Autogenerate and
 * migrate_check() then
 *
 *	1. run the recorded renames in a subtransaction that is always rolled
 *	   back, on the rehearsal's data-free copies of what they touch
 *	   (rename_live.c), and snapshot them there: PostgreSQL itself says
 *	   what the schema looks like once renamed (views keep working, their
 *	   definitions name the new names, an index follows its constraint);
 *	2. write the renames first, then diff(renamed live schema, model):
 *	   a column renamed and widened is renamed, then altered;
 *	3. the downgrade is diff(model, renamed live schema), then the renames
 *	   undone.
 *
 * An entry written into a revision is tagged with that revision and kept as
 * history; it applies again only while that revision is not applied (a
 * downgrade below it, or the revision removed).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/regproc.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/varlena.h"

#include "pg_migrate.h"
#include "graph.h"
#include "rename.h"
#include "rename_int.h"
#include "snapshot.h"

PG_FUNCTION_INFO_V1(migrate_model_rename);
PG_FUNCTION_INFO_V1(migrate_model_rename_drop);
PG_FUNCTION_INFO_V1(migrate_renames);
PG_FUNCTION_INFO_V1(migrate_rename_steps);

typedef struct RenameKindInfo
{
	const char *name;			/* as stored and shown */
	const char *alias;			/* also accepted as input, or NULL */
	ObjKind		obj;			/* the node kind that holds the name */
	int			phase;			/* 0 schemas, 1 objects, 2 inside them */
	const char *group;			/* names that share a namespace */
} RenameKindInfo;

static const RenameKindInfo rename_kinds[RK_NKINDS] = {
	[RK_SCHEMA] = {"schema", NULL, OBJ_SCHEMA, 0, "schema"},
	[RK_TABLE] = {"table", NULL, OBJ_TABLE, 1, "relation"},
	[RK_VIEW] = {"view", NULL, OBJ_VIEW, 1, "relation"},
	[RK_MATVIEW] = {"materialized view", "materialized_view", OBJ_MATVIEW, 1, "relation"},
	[RK_SEQUENCE] = {"sequence", NULL, OBJ_SEQUENCE, 1, "relation"},
	[RK_INDEX] = {"index", NULL, OBJ_INDEX, 1, "relation"},
	[RK_TYPE] = {"type", NULL, OBJ_TYPE, 1, "type"},
	[RK_FUNCTION] = {"function", NULL, OBJ_FUNCTION, 1, "function"},
	[RK_PROCEDURE] = {"procedure", NULL, OBJ_FUNCTION, 1, "function"},
	[RK_COLUMN] = {"column", NULL, OBJ_COLUMN, 2, "column"},
	[RK_CONSTRAINT] = {"constraint", NULL, OBJ_CONSTRAINT, 2, "constraint"},
	[RK_ENUM_LABEL] = {"enum label", "enum_label", OBJ_TYPE, 2, "label"},
};

/* The kinds whose objects share the namespace of relations. */
static const ObjKind relation_kinds[] = {
	OBJ_TABLE, OBJ_VIEW, OBJ_MATVIEW, OBJ_SEQUENCE, OBJ_INDEX
};


/* ----------------------------------------------------------------
 * Helpers
 * ----------------------------------------------------------------
 */

static RenameKind
parse_kind(const char *kind)
{
	StringInfoData names;

	for (int k = 0; k < RK_NKINDS; k++)
		if (pg_strcasecmp(kind, rename_kinds[k].name) == 0 ||
			(rename_kinds[k].alias != NULL &&
			 pg_strcasecmp(kind, rename_kinds[k].alias) == 0))
			return (RenameKind) k;

	initStringInfo(&names);
	for (int k = 0; k < RK_NKINDS; k++)
		appendStringInfo(&names, "%s%s", k > 0 ? ", " : "", rename_kinds[k].name);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown kind of rename \"%s\"", kind),
			 errhint("The kinds are: %s.", names.data)));
	return RK_TABLE;			/* keep the compiler quiet */
}

/*
 * A name as the user wrote it, split at its dots into identifiers as
 * PostgreSQL reads them (unquoted ones folded to lower case): one or two
 * parts, as the kind wants.
 */
static List *
split_name(const char *what, const char *input, int nparts_min, int nparts_max)
{
	char	   *copy = pstrdup(input);
	List	   *parts;

	if (!SplitIdentifierString(copy, '.', &parts) || parts == NIL ||
		list_length(parts) < nparts_min || list_length(parts) > nparts_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_NAME),
				 errmsg("invalid %s \"%s\"", what, input),
				 nparts_max == 1 ?
				 errhint("Write one identifier, double-quoted where SQL needs it.") :
				 nparts_min == 2 ?
				 errhint("Write it as container.name, e.g. 'polls.question'.") :
				 errhint("Write it as name or container.name.")));
	foreach_elem(char, p, parts)
	{
		if (*p == '\0')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_NAME),
					 errmsg("invalid %s \"%s\"", what, input),
					 errdetail("An identifier is empty.")));
	}
	return parts;
}

/* The rename of a kind in a group whose old name is name, or NULL. */
static Rename *
find_rename(List *renames, const char *group, const char *schema,
			const char *parent, const char *old)
{
	foreach_elem(Rename, r, renames)
	{
		if (strcmp(rename_kinds[r->kind].group, group) != 0)
			continue;
		if (r->kind != RK_SCHEMA && strcmp(r->schema, schema) != 0)
			continue;
		if ((r->parent == NULL) != (parent == NULL) ||
			(parent != NULL && strcmp(r->parent, parent) != 0))
			continue;
		if (strcmp(r->old, old) == 0)
			return r;
	}
	return NULL;
}

/* A rename's object, as messages name it: column "polls.question". */
static char *
rename_display(const Rename *r, bool new_side)
{
	const char *name = new_side ? r->new : r->old;
	const char *parent = new_side && r->new_parent ? r->new_parent : r->parent;

	if (r->parent != NULL)
		return psprintf("%s \"%s.%s\"", rename_kinds[r->kind].name, parent, name);
	if (r->args != NULL)
		return psprintf("%s \"%s%s\"", rename_kinds[r->kind].name, name, r->args);
	return psprintf("%s \"%s\"", rename_kinds[r->kind].name, name);
}

/* ----------------------------------------------------------------
 * Entries: Rename <-> jsonb
 * ----------------------------------------------------------------
 */

static void
push_string(JsonbParseState **st, const char *key, const char *value)
{
	JsonbValue	k;
	JsonbValue	v;

	if (value == NULL)
		return;
	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(st, WJB_KEY, &k);
	v.type = jbvString;
	v.val.string.val = (char *) value;
	v.val.string.len = strlen(value);
	pushJsonbValue(st, WJB_VALUE, &v);
}

static Jsonb *
rename_entry(const Rename *r)
{
	JsonbParseState *st = NULL;
	JsonbValue *res;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
	push_string(&st, "kind", rename_kinds[r->kind].name);
	push_string(&st, "parent", r->parent);
	push_string(&st, "old", r->old);
	push_string(&st, "new", r->new);
	push_string(&st, "args", r->args);
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	return JsonbValueToJsonb(res);
}

static char *
entry_string(Jsonb *entry, const char *key)
{
	JsonbValue *v = getKeyJsonValueFromContainer(&entry->root, key,
												 strlen(key), NULL);

	if (v == NULL || v->type == jbvNull)
		return NULL;
	if (v->type != jbvString)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("recorded rename has a \"%s\" that is not a string", key)));
	return pnstrdup(v->val.string.val, v->val.string.len);
}

static Rename *
rename_from_entry(const char *schema, Jsonb *entry, int ord)
{
	Rename	   *r = palloc0(sizeof(Rename));
	char	   *kind = entry_string(entry, "kind");

	if (kind == NULL || (r->old = entry_string(entry, "old")) == NULL ||
		(r->new = entry_string(entry, "new")) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("recorded rename %d of the model of schema \"%s\" is incomplete",
						ord, schema)));
	r->kind = parse_kind(kind);
	r->schema = pstrdup(schema);
	r->parent = entry_string(entry, "parent");
	r->args = entry_string(entry, "args");
	r->ord = ord;
	return r;
}

/* ----------------------------------------------------------------
 * Loading the renames that still apply
 * ----------------------------------------------------------------
 */

/*
 * Rows of the recorded renames: schema, entry, position, whether it still
 * applies.  $1 the schemas (NULL: all).
 */
static const char *
renames_query(const char *ext)
{
	return psprintf("SELECT m.schema_name, e.value, e.ord::int4,"
					"       (e.value OPERATOR(pg_catalog.->>) 'revision' IS NULL"
					"        OR NOT EXISTS (SELECT FROM %s.migrate_history() AS h"
					"                        WHERE h.is_applied"
					"                          AND h.revision OPERATOR(pg_catalog.=)"
					"                              (e.value OPERATOR(pg_catalog.->>) 'revision'))),"
					"       e.value OPERATOR(pg_catalog.->>) 'revision'"
					"  FROM %s.migrate_models AS m,"
					"       pg_catalog.jsonb_array_elements(m.renames) WITH ORDINALITY AS e(value, ord)"
					" WHERE $1 IS NULL OR m.schema_name OPERATOR(pg_catalog.=) ANY ($1)"
					" ORDER BY m.schema_name, e.ord",
					ext, ext);
}

static Datum
scope_datum(List *scope, bool all, bool *isnull)
{
	Datum	   *elems;
	int			n = 0;

	*isnull = all;
	if (all)
		return (Datum) 0;
	elems = palloc(sizeof(Datum) * (list_length(scope) + 1));
	foreach_elem(char, s, scope)
		elems[n++] = DirectFunctionCall1(namein, CStringGetDatum(s));
	return PointerGetDatum(construct_array(elems, n, NAMEOID, NAMEDATALEN,
										   false, TYPALIGN_CHAR));
}

/*
 * Does migrate_models have its renames column?  Not while the SQL objects
 * are still those of version 0.1 (before ALTER EXTENSION pg_migrate
 * UPDATE): this library then records no rename and finds none.
 */
static bool
renames_column_exists(void)
{
	Oid			ext = get_extension_oid("pg_migrate", false);
	Oid			rel = get_relname_relid("migrate_models", pgm_extension_schema(ext));

	return OidIsValid(rel) && get_attnum(rel, "renames") != InvalidAttrNumber;
}

/* rename_load(), with the renames written into an applied revision too. */
static List *
load_renames(const char *ext, List *scope, bool all, bool pending_only,
			 List **revisions)
{
	Oid			argtypes[1] = {NAMEARRAYOID};
	Datum		values[1];
	char		nulls[1];
	bool		isnull;
	int			ret;
	List	   *result = NIL;
	MemoryContext cxt = CurrentMemoryContext;

	if (revisions)
		*revisions = NIL;
	if (!renames_column_exists())
		return NIL;
	values[0] = scope_datum(scope, all, &isnull);
	nulls[0] = isnull ? 'n' : ' ';
	ret = SPI_execute_with_args(renames_query(ext), 1, argtypes, values, nulls,
								true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading the recorded renames failed: %s",
			 SPI_result_code_string(ret));
	MemoryContextSwitchTo(cxt);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		n1,
					n2,
					n3,
					n4;
		Datum		schema = SPI_getbinval(tup, desc, 1, &n1);
		Datum		entry = SPI_getbinval(tup, desc, 2, &n2);
		Datum		ord = SPI_getbinval(tup, desc, 3, &n3);
		Datum		pending = SPI_getbinval(tup, desc, 4, &n4);
		char	   *rev = SPI_getvalue(tup, desc, 5);

		if (pending_only && !DatumGetBool(pending))
			continue;
		result = lappend(result,
						 rename_from_entry(NameStr(*DatumGetName(schema)),
										   DatumGetJsonbP(entry),
										   DatumGetInt32(ord)));
		if (revisions)
			*revisions = lappend(*revisions,
								 DatumGetBool(pending) && rev == NULL ? NULL :
								 psprintf("%s%s", rev, DatumGetBool(pending) ? "" : " (applied)"));
	}
	return result;
}

/*
 * The renames recorded in the models of a scope that still apply, in
 * application order (rename.h says which); in the current memory context.
 * Needs SPI; ext is the extension's schema, quoted.
 */
List *
rename_load(const char *ext, List *scope, bool all)
{
	return load_renames(ext, scope, all, true, NULL);
}

/* ----------------------------------------------------------------
 * Resolving and checking the renames against two graphs
 * ----------------------------------------------------------------
 */

static char *
node_key(ObjKind kind, const char *schema, const char *parent,
		 const char *name, const char *args)
{
	if (kind == OBJ_SCHEMA)
		return psprintf("schema %s", quote_identifier(schema));
	if (parent != NULL)
		return psprintf("%s %s.%s.%s", pgm_kinds[kind].label,
						quote_identifier(schema), quote_identifier(parent),
						quote_identifier(name));
	return psprintf("%s %s.%s%s", pgm_kinds[kind].label,
					quote_identifier(schema), quote_identifier(name),
					args ? args : "");
}

/* Does the enum type of a graph hold the label? */
static bool
has_label(GNode *type, const char *label)
{
	if (type == NULL)
		return false;
	foreach_elem(char, l, gnode_strings(type, "labels"))
	{
		if (strcmp(l, label) == 0)
			return true;
	}
	return false;
}

/*
 * The object of a rename in a graph, on the live (old) side or the model
 * (new) side: its node, or for an enum label its type when it holds the
 * label.
 */
GNode *
rename_node(Graph *g, const Rename *r, bool new_side)
{
	const char *schema = new_side ? r->schema : r->live_schema;
	const char *name = new_side ? r->new : r->old;
	const char *parent = new_side ? r->new_parent : r->parent;

	switch (r->kind)
	{
		case RK_SCHEMA:
			return graph_find(g, node_key(OBJ_SCHEMA, name, NULL, NULL, NULL));

		case RK_ENUM_LABEL:
			{
				GNode	   *t = graph_find(g, node_key(OBJ_TYPE, schema, NULL,
													   parent, NULL));

				return has_label(t, name) ? t : NULL;
			}
		case RK_FUNCTION:
		case RK_PROCEDURE:
			{
				GNode	   *f = graph_find(g, node_key(OBJ_FUNCTION, schema, NULL,
													   name, r->args));
				char	   *kind = f ? gnode_str(f, "kind") : NULL;

				/* a procedure is not a function, nor the reverse */
				if (kind != NULL &&
					(strcmp(kind, "procedure") == 0) != (r->kind == RK_PROCEDURE))
					return NULL;
				return f;
			}
		default:
			return graph_find(g, node_key(rename_kinds[r->kind].obj, schema,
										  parent, name, NULL));
	}
}

/* Is the name held in the live graph by an object the rename would clash with? */
static bool
name_taken(Graph *live, const Rename *r)
{
	Rename		probe = *r;

	probe.old = r->new;
	if (r->kind == RK_SCHEMA)
		return OidIsValid(get_namespace_oid(r->new, true));
	if (rename_kinds[r->kind].phase == 1 &&
		strcmp(rename_kinds[r->kind].group, "relation") == 0)
	{
		for (int i = 0; i < lengthof(relation_kinds); i++)
			if (graph_find(live, node_key(relation_kinds[i], r->live_schema,
										  NULL, r->new, NULL)) != NULL)
				return true;
		return false;
	}
	if (r->kind == RK_FUNCTION || r->kind == RK_PROCEDURE)
		return graph_find(live, node_key(OBJ_FUNCTION, r->live_schema, NULL,
										 r->new, r->args)) != NULL;
	return rename_node(live, &probe, false) != NULL;
}

/*
 * Fill in what follows from the other renames: a schema's live name, a
 * container's name in the model.
 */
static void
rename_resolve(List *renames)
{
	foreach_elem(Rename, r, renames)
	{
		Rename	   *s = NULL;

		if (r->kind == RK_SCHEMA)
		{
			r->live_schema = r->old;
			continue;
		}
		foreach_elem(Rename, q, renames)
		{
			if (q->kind == RK_SCHEMA && strcmp(q->new, r->schema) == 0)
				s = q;
		}
		r->live_schema = s ? s->old : r->schema;
		if (r->kind == RK_TYPE)
		{
			Oid			nsp = get_namespace_oid(r->live_schema, true);
			Oid			typ = OidIsValid(nsp) ?
				GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
								CStringGetDatum(r->old),
								ObjectIdGetDatum(nsp)) : InvalidOid;

			r->is_domain = OidIsValid(typ) && get_typtype(typ) == TYPTYPE_DOMAIN;
		}
		r->new_parent = r->parent;
		if (r->parent != NULL)
		{
			Rename	   *p = find_rename(renames,
										r->kind == RK_ENUM_LABEL ? "type" : "relation",
										r->schema, NULL, r->parent);

			if (p != NULL)
				r->new_parent = p->new;
		}
	}
}

/*
 * rename_validate(), of one rename of the list or (only NULL) of all.  When
 * one is recorded, its new name may still be held in the live schema: a
 * swap is recorded in two calls, and the first cannot know of the second.
 */
static void
validate(List *renames, Graph *live, Graph *model, Rename *only)
{
	rename_resolve(renames);
	foreach_elem(Rename, r, renames)
	{
		if (only != NULL && r != only)
			continue;

		/*
		 * A schema is looked up in the catalogs: the live snapshot of the
		 * model's scope holds the new name, not the old one.
		 */
		if (r->kind == RK_SCHEMA ?
			!OidIsValid(get_namespace_oid(r->old, true)) :
			rename_node(live, r, false) == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("cannot rename %s: it does not exist in the live schema \"%s\"",
							rename_display(r, false), r->live_schema),
					 errhint("Forget the rename with migrate_model_rename_drop('%s', '%s%s%s', '%s').",
							 rename_kinds[r->kind].name,
							 r->parent ? r->parent : "", r->parent ? "." : "",
							 r->old, r->schema)));
		if (rename_node(model, r, true) == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("cannot rename %s to \"%s\": the model of schema \"%s\" has no %s",
							rename_display(r, false), r->new, r->schema,
							rename_display(r, true)),
					 r->parent != NULL && strcmp(r->parent, r->new_parent) == 0 ?
					 errhint("If the %s is renamed too, record its rename first.",
							 r->kind == RK_ENUM_LABEL ? "type" : "table") :
					 errhint("Set the model first, then record the rename.")));
		/*
		 * The new name must be free in the live schema, unless another
		 * rename moves its holder away (a swap, a cycle).
		 */
		if (only == NULL && name_taken(live, r) &&
			find_rename(renames, rename_kinds[r->kind].group, r->schema,
						r->parent, r->new) == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_OBJECT),
					 errmsg("cannot rename %s to \"%s\": the live schema \"%s\" already has that name",
							rename_display(r, false), r->new, r->live_schema),
					 errhint("Rename or drop the object that holds the name, or record its rename too.")));
	}
}

/*
 * An ERROR naming the first rename that does not hold on the live graph
 * and the model's (rename.h: the old name exists, the new one is the
 * model's, nothing else holds it).
 */
void
rename_validate(List *renames, Graph *live, Graph *model)
{
	validate(renames, live, model, NULL);
}

/* ----------------------------------------------------------------
 * The statements
 * ----------------------------------------------------------------
 */

/* One ALTER ... RENAME statement, from one name to another. */
static void
append_statement(StringInfo buf, const Rename *r, const char *from,
				 const char *to)
{
	const char *sch = quote_identifier(r->schema);

	switch (r->kind)
	{
		case RK_SCHEMA:
			appendStringInfo(buf, "ALTER SCHEMA %s RENAME TO %s;\n",
							 quote_identifier(from), quote_identifier(to));
			break;
		case RK_TABLE:
		case RK_VIEW:
		case RK_MATVIEW:
		case RK_SEQUENCE:
		case RK_INDEX:
			appendStringInfo(buf, "ALTER %s %s.%s RENAME TO %s;\n",
							 r->kind == RK_TABLE ? "TABLE" :
							 r->kind == RK_VIEW ? "VIEW" :
							 r->kind == RK_MATVIEW ? "MATERIALIZED VIEW" :
							 r->kind == RK_SEQUENCE ? "SEQUENCE" : "INDEX",
							 sch, quote_identifier(from), quote_identifier(to));
			break;
		case RK_TYPE:
			appendStringInfo(buf, "ALTER %s %s.%s RENAME TO %s;\n",
							 r->is_domain ? "DOMAIN" : "TYPE",
							 sch, quote_identifier(from), quote_identifier(to));
			break;
		case RK_FUNCTION:
		case RK_PROCEDURE:
			appendStringInfo(buf, "ALTER %s %s.%s%s RENAME TO %s;\n",
							 r->kind == RK_FUNCTION ? "FUNCTION" : "PROCEDURE",
							 sch, quote_identifier(from), r->args,
							 quote_identifier(to));
			break;
		case RK_COLUMN:
		case RK_CONSTRAINT:
			appendStringInfo(buf, "ALTER TABLE %s.%s RENAME %s %s TO %s;\n",
							 sch, quote_identifier(r->new_parent),
							 r->kind == RK_COLUMN ? "COLUMN" : "CONSTRAINT",
							 quote_identifier(from), quote_identifier(to));
			break;
		case RK_ENUM_LABEL:
			appendStringInfo(buf, "ALTER TYPE %s.%s RENAME VALUE %s TO %s;\n",
							 sch, quote_identifier(r->new_parent),
							 quote_literal_cstr(from), quote_literal_cstr(to));
			break;
		case RK_NKINDS:
			elog(ERROR, "unexpected rename kind");
	}
}

/* Do two renames rename within the same namespace? */
static bool
same_namespace(const Rename *a, const Rename *b)
{
	if (strcmp(rename_kinds[a->kind].group, rename_kinds[b->kind].group) != 0)
		return false;
	if (a->kind != RK_SCHEMA && strcmp(a->schema, b->schema) != 0)
		return false;
	if ((a->parent == NULL) != (b->parent == NULL) ||
		(a->parent != NULL && strcmp(a->parent, b->parent) != 0))
		return false;
	if ((a->args == NULL) != (b->args == NULL) ||
		(a->args != NULL && strcmp(a->args, b->args) != 0))
		return false;
	return true;
}

typedef struct Pending
{
	const Rename *r;
	char	   *from;
	char	   *to;
} Pending;

/*
 * The statements of the renames of one phase, each namespace's in an order
 * that never takes a name still held: a rename waits while its new name is
 * another's old one; a cycle (a swap) moves one name aside first.  Appends
 * to *out, as Pendings (rename, from, to), in the order they run.
 */
static void
phase_statements(List **out, List *renames, int phase, bool reverse,
				 int *ntemp)
{
	List	   *pending = NIL;

	foreach_elem(Rename, r, renames)
	{
		Pending    *p;

		if (rename_kinds[r->kind].phase != phase)
			continue;
		p = palloc(sizeof(Pending));
		p->r = r;
		p->from = reverse ? r->new : r->old;
		p->to = reverse ? r->old : r->new;
		pending = lappend(pending, p);
	}

	while (pending != NIL)
	{
		bool		progress = false;
		ListCell   *lc;

		foreach(lc, pending)
		{
			Pending    *p = lfirst(lc);
			bool		blocked = false;

			foreach_elem(Pending, q, pending)
			{
				if (q != p && same_namespace(p->r, q->r) &&
					strcmp(q->from, p->to) == 0)
					blocked = true;
			}
			if (blocked)
				continue;
			*out = lappend(*out, p);
			pending = foreach_delete_current(pending, lc);
			progress = true;
		}
		if (!progress)
		{
			/* a cycle: move the first name aside */
			Pending    *p = linitial(pending);
			Pending    *aside = palloc(sizeof(Pending));

			aside->r = p->r;
			aside->from = p->from;
			aside->to = psprintf("pgm_rename_%d", ++(*ntemp));
			*out = lappend(*out, aside);
			p->from = aside->to;
		}
	}
}

/* The renames as statements (Pendings), in the order they run. */
static List *
rename_statements(List *renames, bool reverse)
{
	List	   *out = NIL;
	int			ntemp = 0;

	for (int i = 0; i <= 2; i++)
		phase_statements(&out, renames, reverse ? 2 - i : i, reverse, &ntemp);
	return out;
}

/* One statement of rename_statements() as SQL, in buf. */
static void
append_pending(StringInfo buf, const Pending *p)
{
	bool		path = p->r->kind == RK_FUNCTION || p->r->kind == RK_PROCEDURE;

	/* argument types are written relative to the function's schema */
	if (path)
		appendStringInfo(buf, "SET search_path = %s, pg_catalog;\n",
						 quote_identifier(p->r->schema));
	append_statement(buf, p->r, p->from, p->to);
	if (path)
		appendStringInfoString(buf, "RESET search_path;\n");
}

/*
 * The ALTER ... RENAME statements of the renames as one script (reverse:
 * the statements that undo them), ordered so that no name is still held
 * when it is taken.  palloc'd.
 */
char *
rename_script(List *renames, bool reverse)
{
	StringInfoData buf;

	initStringInfo(&buf);
	foreach_elem(Pending, p, rename_statements(renames, reverse))
		append_pending(&buf, p);
	return buf.data;
}

/* ----------------------------------------------------------------
 * The live schema once renamed
 * ----------------------------------------------------------------
 */

/*
 * rename_steps_sql(): see rename.h.
 */
List *
rename_steps_sql(List *renames)
{
	List	   *steps = NIL;

	foreach_elem(Pending, p, rename_statements(renames, false))
	{
		StringInfoData sql;

		initStringInfo(&sql);
		append_pending(&sql, p);
		steps = lappend(steps, sql.data);
	}
	return steps;
}

/*
 * The name[] of the schemas of a scope that exist (NULL with all: every
 * user schema), as the live snapshot of a model's scope reads them.
 */
ArrayType *
rename_scope_array(List *scope, bool all)
{
	Datum	   *elems;
	int			n = 0;

	if (all)
		return NULL;
	elems = palloc(sizeof(Datum) * (list_length(scope) + 1));
	foreach_elem(char, name, scope)
	{
		if (OidIsValid(get_namespace_oid(name, true)))
			elems[n++] = DirectFunctionCall1(namein, CStringGetDatum(name));
	}
	return construct_array(elems, n, NAMEOID, NAMEDATALEN, false,
						   TYPALIGN_CHAR);
}

/*
 * UPDATE the renames of one model: renames = <expr>, where $1 is the
 * schema and $2 the one argument of the expression (of type argtype).
 * Inside SPI; what names the change in an error.
 */
static void
update_renames(const char *ext, const char *schema, const char *expr,
			   Oid argtype, Datum arg, const char *what)
{
	Oid			argtypes[2] = {NAMEOID, argtype};
	Datum		values[2];
	int			ret;

	values[0] = DirectFunctionCall1(namein, CStringGetDatum(schema));
	values[1] = arg;
	ret = SPI_execute_with_args(psprintf("UPDATE %s.migrate_models SET renames = %s"
										 " WHERE schema_name OPERATOR(pg_catalog.=) $1",
										 ext, expr),
								2, argtypes, values, NULL, false, 0);
	if (ret != SPI_OK_UPDATE || SPI_processed != 1)
		elog(ERROR, "%s failed: %s", what, SPI_result_code_string(ret));
}

/*
 * Tag the renames with the revision that now writes them (rename.h).
 * Needs SPI; ext is the extension's schema, quoted.
 */
void
rename_mark_written(const char *ext, List *renames, const char *revision)
{
	foreach_elem(Rename, r, renames)
		update_renames(ext, r->schema,
					   psprintf("pg_catalog.jsonb_set(renames, ARRAY['%d', 'revision'],"
								" pg_catalog.to_jsonb($2))", r->ord - 1),
					   TEXTOID, CStringGetTextDatum(revision),
					   "tagging the recorded renames");
}

/* ----------------------------------------------------------------
 * migrate_model_rename(kind text, old_name text, new_name text,
 *                      schema name DEFAULT 'public') RETURNS void
 * ----------------------------------------------------------------
 */

/*
 * The function a "schema.name(types)" names, or InvalidOid (a malformed
 * one is an error, as regprocedure's input says it).  Inside SPI.
 */
static Oid
lookup_function(const char *signature)
{
	Oid			argtypes[1] = {TEXTOID};
	Datum		values[1];
	bool		isnull;
	Datum		d;
	int			ret;

	values[0] = CStringGetTextDatum(signature);
	ret = SPI_execute_with_args("SELECT pg_catalog.to_regprocedure($1)::pg_catalog.oid",
								1, argtypes, values, NULL, true, 1);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "looking up function %s failed: %s", signature,
			 SPI_result_code_string(ret));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? InvalidOid : DatumGetObjectId(d);
}

/* The rename the arguments say, before it is checked. */
static Rename *
parse_rename(RenameKind kind, const char *old_name, const char *new_name,
			 const char *schema)
{
	Rename	   *r = palloc0(sizeof(Rename));
	List	   *old_parts;
	List	   *new_parts;

	r->kind = kind;
	r->schema = pstrdup(schema);
	switch (kind)
	{
		case RK_COLUMN:
		case RK_CONSTRAINT:
		case RK_ENUM_LABEL:
			old_parts = split_name("old name", old_name, 2, 2);
			new_parts = split_name("new name", new_name, 1, 2);
			r->parent = linitial(old_parts);
			r->old = lsecond(old_parts);
			r->new = llast(new_parts);
			if (list_length(new_parts) == 2)
				r->new_parent = linitial(new_parts);
			if (kind == RK_ENUM_LABEL)
			{
				/* labels are values, not identifiers: taken as written */
				const char *dot = strrchr(old_name, '.');

				r->old = pstrdup(dot + 1);
				dot = strrchr(new_name, '.');
				r->new = pstrdup(dot ? dot + 1 : new_name);
			}
			break;
		case RK_FUNCTION:
		case RK_PROCEDURE:
			{
				const char *paren = strchr(old_name, '(');
				char	   *qualified;
				Oid			fn;
				HeapTuple	tup;
				oidvector  *argtypes;
				StringInfoData buf;
				int			nest;

				if (paren == NULL)
					ereport(ERROR,
							(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
							 errmsg("the old name of a %s must have its argument types: \"%s\"",
									rename_kinds[kind].name, old_name),
							 errhint("Write it as name(type, ...), e.g. 'add(integer, integer)'.")));
				old_parts = split_name("old name", pnstrdup(old_name, paren - old_name), 1, 1);
				new_parts = split_name("new name", new_name, 1, 1);
				r->old = linitial(old_parts);
				r->new = linitial(new_parts);

				/*
				 * The argument types as the snapshot writes them: resolved
				 * and written relative to the schema.
				 */
				nest = pgm_guc_nest_enter();
				pgm_set_schema_search_path(schema);
				qualified = psprintf("%s.%s%s", quote_identifier(schema),
									 quote_identifier(r->old), paren);
				fn = lookup_function(qualified);
				if (!OidIsValid(fn))
					ereport(ERROR,
							(errcode(ERRCODE_UNDEFINED_FUNCTION),
							 errmsg("cannot rename %s \"%s\": it does not exist in the live schema \"%s\"",
									rename_kinds[kind].name, old_name, schema)));
				tup = SearchSysCache1(PROCOID, ObjectIdGetDatum(fn));
				if (!HeapTupleIsValid(tup))
					elog(ERROR, "cache lookup failed for function %u", fn);
				argtypes = &((Form_pg_proc) GETSTRUCT(tup))->proargtypes;
				initStringInfo(&buf);
				appendStringInfoChar(&buf, '(');
				for (int i = 0; i < argtypes->dim1; i++)
					appendStringInfo(&buf, "%s%s", i > 0 ? ", " : "",
									 format_type_be(argtypes->values[i]));
				appendStringInfoChar(&buf, ')');
				ReleaseSysCache(tup);
				pgm_guc_nest_leave(nest);
				r->args = buf.data;
			}
			break;
		default:
			old_parts = split_name("old name", old_name, 1, 1);
			new_parts = split_name("new name", new_name, 1, 1);
			r->old = linitial(old_parts);
			r->new = linitial(new_parts);
			break;
	}
	return r;
}

/* A text argument that must not be null. */
static char *
text_arg(FunctionCallInfo fcinfo, int n, const char *what)
{
	if (PG_ARGISNULL(n))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", what)));
	return text_to_cstring(PG_GETARG_TEXT_PP(n));
}

static char *
name_arg(FunctionCallInfo fcinfo, int n, const char *what)
{
	if (PG_ARGISNULL(n))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be null", what)));
	return pstrdup(NameStr(*PG_GETARG_NAME(n)));
}

/* An ERROR unless the schema has a stored model; locks its row. */
static void
require_model_of(const char *ext, const char *schema)
{
	Oid			argtypes[1] = {NAMEOID};
	Datum		values[1];
	int			ret;

	values[0] = DirectFunctionCall1(namein, CStringGetDatum(schema));
	ret = SPI_execute_with_args(psprintf("SELECT 1 FROM %s.migrate_models"
										 " WHERE schema_name OPERATOR(pg_catalog.=) $1"
										 " FOR UPDATE", ext),
								1, argtypes, values, NULL, false, 1);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading the model of schema \"%s\" failed: %s", schema,
			 SPI_result_code_string(ret));
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("schema \"%s\" has no model", schema),
				 errdetail("A rename is recorded with the model that holds the new name."),
				 errhint("Set the model first with migrate_model_set(), migrate_model_import() or migrate_model_capture().")));
}

/* A jsonb returned by a query of one row and column, copied into cxt. */
static Jsonb *
query_jsonb(const char *sql, Oid argtype, Datum arg, MemoryContext cxt)
{
	Oid			argtypes[1] = {argtype};
	Datum		values[1] = {arg};
	bool		isnull;
	Datum		d;
	Jsonb	   *doc;
	Jsonb	   *copy;
	int			ret;

	ret = SPI_execute_with_args(sql, 1, argtypes, values, NULL, false, 1);
	if (ret != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "query failed: %s", SPI_result_code_string(ret));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		elog(ERROR, "query returned null: %s", sql);
	doc = DatumGetJsonbP(d);
	copy = MemoryContextAlloc(cxt, VARSIZE(doc));
	memcpy(copy, doc, VARSIZE(doc));
	return copy;
}

static Datum
name_array1(const char *name)
{
	Datum		e = DirectFunctionCall1(namein, CStringGetDatum(name));

	return PointerGetDatum(construct_array(&e, 1, NAMEOID, NAMEDATALEN, false,
										   TYPALIGN_CHAR));
}

/*
 * migrate_model_rename(...): record in a model that an object is renamed,
 * so that autogenerate renames it instead of dropping and creating it
 * (docs/models.md, *Renames*).
 */
Datum
migrate_model_rename(PG_FUNCTION_ARGS)
{
	const char *ext = pgm_ext_schema();
	MemoryContext cxt = CurrentMemoryContext;
	RenameKind	kind = parse_kind(text_arg(fcinfo, 0, "the kind"));
	char	   *old_name = text_arg(fcinfo, 1, "the old name");
	char	   *new_name = text_arg(fcinfo, 2, "the new name");
	char	   *schema = name_arg(fcinfo, 3, "the schema");
	char	   *said_parent;
	Rename	   *r;
	List	   *renames;
	Graph	   *live;
	Graph	   *model;
	Jsonb	   *doc;

	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	r = parse_rename(kind, old_name, new_name, schema);
	if (kind == RK_SCHEMA)
		r->schema = r->new;		/* the model that holds the new name */
	if (strcmp(r->old, r->new) == 0 &&
		(r->new_parent == NULL || strcmp(r->new_parent, r->parent) == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the old and the new name are the same: \"%s\"", new_name)));
	require_model_of(ext, r->schema);

	/* two renames of one object, two renames to one name */
	renames = rename_load(ext, list_make1(r->schema), false);
	foreach_elem(Rename, e, renames)
	{
		if (!same_namespace(e, r))
			continue;
		if (strcmp(e->old, r->old) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_OBJECT),
					 errmsg("a rename of %s is already recorded: to \"%s\"",
							rename_display(r, false), e->new),
					 errhint("Forget it first with migrate_model_rename_drop().")));
		if (strcmp(e->new, r->new) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DUPLICATE_OBJECT),
					 errmsg("a rename to \"%s\" is already recorded: of %s",
							r->new, rename_display(e, false)),
					 errhint("Forget it first with migrate_model_rename_drop().")));
	}
	said_parent = r->new_parent;
	r->new_parent = NULL;
	renames = lappend(renames, r);
	rename_resolve(renames);
	if (said_parent != NULL && strcmp(said_parent, r->new_parent) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the new name \"%s\" names %s \"%s\", but the %s is \"%s\" in the model",
						new_name, kind == RK_ENUM_LABEL ? "type" : "table",
						said_parent, kind == RK_ENUM_LABEL ? "type" : "table",
						r->new_parent),
				 errhint("If the %s is renamed too, record its rename first.",
						 kind == RK_ENUM_LABEL ? "type" : "table")));
	if (!OidIsValid(get_namespace_oid(r->live_schema, true)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_SCHEMA),
				 errmsg("cannot rename %s: schema \"%s\" does not exist",
						rename_display(r, false), r->live_schema)));

	/* checked against the live schema and the model, as autogenerate will */
	doc = snapshot_take(DatumGetArrayTypeP(name_array1(r->live_schema)), cxt);
	live = graph_from_jsonb(doc, NULL, cxt);
	doc = query_jsonb(psprintf("SELECT %s.migrate_model($1)", ext),
					  NAMEARRAYOID, name_array1(r->schema), cxt);
	model = graph_from_jsonb(doc, NULL, cxt);	/* migrate_model() checked it */
	MemoryContextSwitchTo(cxt);
	validate(renames, live, model, r);

	update_renames(ext, r->schema,
				   "renames OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_array($2)",
				   JSONBOID, JsonbPGetDatum(rename_entry(r)), "recording the rename");
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * migrate_model_rename_drop(kind text, old_name text,
 *                           schema name DEFAULT 'public') RETURNS void
 */
Datum
migrate_model_rename_drop(PG_FUNCTION_ARGS)
{
	const char *ext = pgm_ext_schema();
	RenameKind	kind = parse_kind(text_arg(fcinfo, 0, "the kind"));
	char	   *old_name = text_arg(fcinfo, 1, "the old name");
	char	   *schema = name_arg(fcinfo, 2, "the schema");
	List	   *parts;
	char	   *parent = NULL;
	char	   *old;
	char	   *args = NULL;
	Rename	   *found = NULL;

	pgm_advisory_lock();
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	if (kind == RK_FUNCTION || kind == RK_PROCEDURE)
	{
		const char *paren = strchr(old_name, '(');

		parts = split_name("old name", paren ? pnstrdup(old_name, paren - old_name) : old_name, 1, 1);
		args = paren ? pstrdup(paren) : NULL;
	}
	else
		parts = split_name("old name", old_name, 1,
						   rename_kinds[kind].phase == 2 ? 2 : 1);
	old = llast(parts);
	if (list_length(parts) == 2)
		parent = linitial(parts);
	if (kind == RK_ENUM_LABEL)
		old = pstrdup(strrchr(old_name, '.') ? strrchr(old_name, '.') + 1 : old_name);

	/* every recorded one, written into a revision or not */
	foreach_elem(Rename, r, load_renames(ext, NIL, true, false, NULL))
	{
		if (r->kind != kind || strcmp(r->old, old) != 0 ||
			(kind == RK_SCHEMA ? false : strcmp(r->schema, schema) != 0) ||
			(parent != NULL && (r->parent == NULL || strcmp(r->parent, parent) != 0)))
			continue;
		/* argument types as written by the user may be spelt otherwise */
		if (args != NULL && r->args != NULL && found != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_AMBIGUOUS_FUNCTION),
					 errmsg("several renames of %s \"%s\" are recorded", rename_kinds[kind].name, old),
					 errhint("Name its argument types as migrate_renames() shows them.")));
		if (args != NULL && r->args != NULL && strcmp(r->args, args) != 0 &&
			found == NULL)
		{
			found = r;
			continue;
		}
		found = r;
		if (args == NULL || r->args == NULL || strcmp(r->args, args) == 0)
			break;
	}
	if (found == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("no rename of %s \"%s\" is recorded in the model of schema \"%s\"",
						rename_kinds[kind].name, old_name, schema)));

	update_renames(ext, found->schema, "renames OPERATOR(pg_catalog.-) $2",
				   INT4OID, Int32GetDatum(found->ord - 1), "forgetting the rename");
	SPI_finish();
	PG_RETURN_VOID();
}

/*
 * migrate_renames(schemas name[] DEFAULT NULL) RETURNS TABLE(schema_name
 * name, kind text, old_name text, new_name text, pending boolean,
 * revision text, sql text): every recorded rename, in the order recorded.
 */
Datum
migrate_renames(PG_FUNCTION_ARGS)
{
	const char *ext = pgm_ext_schema();
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	List	   *scope = NIL;
	bool		all = PG_ARGISNULL(0);
	List	   *renames;
	List	   *revisions;
	ListCell   *lr;
	ListCell   *lv;

	InitMaterializedSRF(fcinfo, 0);
	if (!all)
	{
		Datum	   *elems;
		bool	   *nulls;
		int			n;

		deconstruct_array(PG_GETARG_ARRAYTYPE_P(0), NAMEOID, NAMEDATALEN, false,
						  TYPALIGN_CHAR, &elems, &nulls, &n);
		for (int i = 0; i < n; i++)
			if (!nulls[i])
				scope = lappend(scope, pstrdup(NameStr(*DatumGetName(elems[i]))));
	}
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	renames = load_renames(ext, scope, all, false, &revisions);
	rename_resolve(renames);
	forboth(lr, renames, lv, revisions)
	{
		Rename	   *r = lfirst(lr);
		char	   *rev = lfirst(lv);
		Datum		values[7];
		bool		nulls[7] = {false};
		StringInfoData sql;
		Pending		p = {r, r->old, r->new};

		initStringInfo(&sql);
		append_pending(&sql, &p);
		sql.data[--sql.len] = '\0';	/* no final newline */
		values[0] = DirectFunctionCall1(namein, CStringGetDatum(r->schema));
		values[1] = CStringGetTextDatum(rename_kinds[r->kind].name);
		values[2] = CStringGetTextDatum(psprintf("%s%s%s%s", r->parent ? r->parent : "",
												 r->parent ? "." : "", r->old,
												 r->args ? r->args : ""));
		values[3] = CStringGetTextDatum(psprintf("%s%s%s", r->new_parent ? r->new_parent : "",
												 r->new_parent ? "." : "", r->new));
		values[4] = BoolGetDatum(rev == NULL || strstr(rev, " (applied)") == NULL);
		if (rev == NULL)
			nulls[5] = true;
		else
			values[5] = CStringGetTextDatum(pnstrdup(rev, strcspn(rev, " ")));
		values[6] = CStringGetTextDatum(sql.data);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	SPI_finish();
	return (Datum) 0;
}

/*
 * The pending renames of a model document's scope, checked against the
 * live schema and the model; *livedoc is the live snapshot of the scope's
 * schemas that exist, as migrate_check() takes it.  Inside SPI.
 */
List *
rename_model_renames(const char *ext, Jsonb *model, Jsonb **livedoc, List **scope,
			  bool *all, MemoryContext cxt)
{
	JsonbValue *v = getKeyJsonValueFromContainer(&model->root, "scope", 5, NULL);
	List	   *renames;

	*scope = NIL;
	*all = true;
	if (v != NULL && v->type == jbvBinary &&
		JsonContainerIsArray(v->val.binary.data))
	{
		JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
		JsonbValue	e;
		JsonbIteratorToken tok;

		*all = false;
		while ((tok = JsonbIteratorNext(&it, &e, true)) != WJB_DONE)
			if (tok == WJB_ELEM && e.type == jbvString)
				*scope = lappend(*scope, pnstrdup(e.val.string.val, e.val.string.len));
	}
	*livedoc = snapshot_take(rename_scope_array(*scope, *all), cxt);
	renames = rename_load(ext, *scope, *all);
	if (renames != NIL)
		rename_validate(renames, graph_from_jsonb(*livedoc, NULL, cxt),
						graph_from_jsonb(model, NULL, cxt));	/* jsonb_arg() checked it */
	MemoryContextSwitchTo(cxt);
	return renames;
}

/* Argument n of a function, a model document read by the strict reader. */
Jsonb *
rename_jsonb_arg(FunctionCallInfo fcinfo, int n)
{
	Jsonb	   *doc;

	if (PG_ARGISNULL(n))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the model document must not be null")));
	doc = PG_GETARG_JSONB_P(n);
	/* the one strict reader, before anything reads it (22023) */
	docread_check(doc, "\"model\"");
	return doc;
}

/*
 * migrate_rename_steps(model jsonb) RETURNS TABLE(step int, object_type
 * text, object_name text, sql text): the pending renames of the model's
 * scope as the statements migrate_check() shows first.
 */
Datum
migrate_rename_steps(PG_FUNCTION_ARGS)
{
	const char *ext = pgm_ext_schema();
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Jsonb	   *model = rename_jsonb_arg(fcinfo, 0);
	MemoryContext cxt = CurrentMemoryContext;
	Jsonb	   *live;
	List	   *scope;
	bool		all;
	List	   *renames;
	int			step = 0;

	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	renames = rename_model_renames(ext, model, &live, &scope, &all, cxt);
	foreach_elem(Pending, p, rename_statements(renames, false))
	{
		Datum		values[4];
		bool		nulls[4] = {false};
		StringInfoData sql;

		initStringInfo(&sql);
		append_pending(&sql, p);
		sql.data[--sql.len] = '\0';	/* no final newline */
		values[0] = Int32GetDatum(++step);
		values[1] = CStringGetTextDatum(rename_kinds[p->r->kind].name);
		values[2] = CStringGetTextDatum(psprintf("%s%s%s%s -> %s",
												 p->r->parent ? p->r->new_parent : "",
												 p->r->parent ? "." : "",
												 p->from, p->r->args ? p->r->args : "",
												 p->to));
		values[3] = CStringGetTextDatum(sql.data);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	SPI_finish();
	return (Datum) 0;
}

