/*-------------------------------------------------------------------------
 *
 * unmodeled.c
 *	  Objects of the scope that no handler models: found, so that the
 *	  document names them instead of leaving them out without a word
 *	  (docs/snapshot-format.md, "Unmodeled objects").
 *
 * After every handler has run, each catalog that holds objects pg_dump
 * dumps is scanned once (a plain heap scan: one set-based pass per
 * catalog, not one look-up per object).  A row of the scope (its schema is
 * one of the snapshot's, or, for database-wide objects, the snapshot takes
 * every schema) that was created by a user (oid >= FirstNormalObjectId)
 * and that no handler put into the graph is a candidate.  The one scan of
 * pg_depend that the snapshot makes anyway (snapshot.c) then drops the
 * candidates that belong to an extension or are an internal part of
 * another object (an array type, a multirange type, a range's
 * constructors, the row type of a relation), and gives the others'
 * dependencies.  What is left becomes an entry of "unmodeled": in its
 * schema, or at the top level for database-wide objects.
 *
 * An entry is keyed by pg_describe_object()'s text under the schema's
 * search_path (names of its own schema unqualified, as everywhere in the
 * document), and holds the kind pg_identify_object() gives, a definition
 * made of the catalog row's own columns (so that a change of, say, an
 * aggregate's state function or an operator's estimator shows), and the
 * descriptions of the objects it refers to.  Nothing that may hold a
 * secret (user mappings' options, a subscription's connection string) is
 * read.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/heapam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "access/transam.h"
#include "catalog/dependency.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_aggregate.h"
#include "catalog/pg_am.h"
#include "catalog/pg_cast.h"
#include "catalog/pg_class.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_constraint.h"
#include "catalog/pg_conversion.h"
#include "catalog/pg_default_acl.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_event_trigger.h"
#include "catalog/pg_foreign_data_wrapper.h"
#include "catalog/pg_foreign_server.h"
#include "catalog/pg_language.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_opclass.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_opfamily.h"
#include "catalog/pg_policy.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_publication.h"
#include "catalog/pg_publication_namespace.h"
#include "catalog/pg_publication_rel.h"
#include "catalog/pg_rewrite.h"
#include "catalog/pg_statistic_ext.h"
#include "catalog/pg_subscription.h"
#include "catalog/pg_transform.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_ts_config.h"
#include "catalog/pg_ts_dict.h"
#include "catalog/pg_ts_parser.h"
#include "catalog/pg_ts_template.h"
#include "catalog/pg_type.h"
#include "catalog/pg_user_mapping.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"
#include "utils/rel.h"
#include "utils/syscache.h"

#include "unmodeled.h"

/* A catalog whose rows are objects, and how a row finds its scope. */
typedef struct UnmodeledCatalog
{
	Oid			classid;
	AttrNumber	nsp;			/* its schema; 0 (the value) = database-wide */
	AttrNumber	rel;			/* or the relation it belongs to */
	AttrNumber	type;			/* or the type (domain constraints) */
	AttrNumber	secret;			/* a column never read (options with
								 * passwords) */
} UnmodeledCatalog;

/*
 * Every catalog of objects that pg_dump -s dumps on its own (pg_namespace
 * and pg_extension are read whole by their handlers; column defaults,
 * operator class members and the like belong to an object listed here).
 */
static const UnmodeledCatalog catalogs[] = {
	{RelationRelationId, Anum_pg_class_relnamespace},
	{TypeRelationId, Anum_pg_type_typnamespace},
	{ProcedureRelationId, Anum_pg_proc_pronamespace},
	{CollationRelationId, Anum_pg_collation_collnamespace},
	{ConversionRelationId, Anum_pg_conversion_connamespace},
	{OperatorRelationId, Anum_pg_operator_oprnamespace},
	{OperatorClassRelationId, Anum_pg_opclass_opcnamespace},
	{OperatorFamilyRelationId, Anum_pg_opfamily_opfnamespace},
	{StatisticExtRelationId, Anum_pg_statistic_ext_stxnamespace},
	{TSConfigRelationId, Anum_pg_ts_config_cfgnamespace},
	{TSDictionaryRelationId, Anum_pg_ts_dict_dictnamespace},
	{TSParserRelationId, Anum_pg_ts_parser_prsnamespace},
	{TSTemplateRelationId, Anum_pg_ts_template_tmplnamespace},
	{ConstraintRelationId, 0, Anum_pg_constraint_conrelid, Anum_pg_constraint_contypid},
	{TriggerRelationId, 0, Anum_pg_trigger_tgrelid},
	{PolicyRelationId, 0, Anum_pg_policy_polrelid},
	{RewriteRelationId, 0, Anum_pg_rewrite_ev_class},
	{DefaultAclRelationId, Anum_pg_default_acl_defaclnamespace},
	/* database-wide */
	{CastRelationId},
	{TransformRelationId},
	{LanguageRelationId},
	{AccessMethodRelationId},
	{ForeignDataWrapperRelationId},
	{ForeignServerRelationId},
	{UserMappingRelationId, 0, 0, 0, Anum_pg_user_mapping_umoptions},
	{EventTriggerRelationId},
	{PublicationRelationId},
	{PublicationRelRelationId},
	{PublicationNamespaceRelationId},
	{SubscriptionRelationId, 0, 0, 0, Anum_pg_subscription_subconninfo},
};

/* A candidate, until pg_depend has been read. */
typedef struct Candidate
{
	ObjAddr		addr;
	GNode	   *schema;			/* NULL: database-wide */
	bool		part;			/* of an extension, or of another object */
	char	   *definition;
	List	   *refs;			/* of ObjAddr * */
} Candidate;

static bool
is_candidate_catalog_row(Graph *g, const UnmodeledCatalog *c, HeapTuple tup,
						 TupleDesc desc, GNode **schema)
{
	bool		isnull;
	Datum		d;

	*schema = NULL;
	if (c->nsp != 0)
	{
		Oid			nsp = DatumGetObjectId(heap_getattr(tup, c->nsp, desc, &isnull));

		if (OidIsValid(nsp))
			return (*schema = snap_schema(g, nsp)) != NULL;
		return g->scope_all;	/* a default ACL of no schema */
	}
	if (c->rel != 0 || c->type != 0)
	{
		Oid			owner = InvalidOid;
		Oid			ownerclass = RelationRelationId;
		GNode	   *parent;

		if (c->rel != 0)
			owner = DatumGetObjectId(heap_getattr(tup, c->rel, desc, &isnull));
		if (!OidIsValid(owner) && c->type != 0)
		{
			owner = DatumGetObjectId(heap_getattr(tup, c->type, desc, &isnull));
			ownerclass = TypeRelationId;
		}
		if (!OidIsValid(owner))
			return false;

		/*
		 * Only what belongs to a modelled relation or type: those of an
		 * extension's are the extension's, and an unmodelled relation is an
		 * entry of its own, with everything it holds.
		 */
		parent = graph_lookup(g, ownerclass, owner, 0);
		if (parent == NULL || parent->kind == OBJ_UNMODELED)
			return false;
		*schema = parent->schema;
		return *schema != NULL;
	}
	/* database-wide */
	if (!g->scope_all)
		return false;
	if (c->classid == SubscriptionRelationId)
	{
		d = heap_getattr(tup, Anum_pg_subscription_subdbid, desc, &isnull);
		return DatumGetObjectId(d) == MyDatabaseId;
	}
	return true;
}

/*
 * The columns of a catalog row that make an object what it is, as
 * "name=value" texts: not its oid, name, schema, owner, nor columns of
 * oids (which differ from database to database) or node trees; regproc
 * columns are written as the function's name.
 */
static void
append_row(StringInfo buf, Relation rel, HeapTuple tup, AttrNumber secret,
		   const char *only)
{
	TupleDesc	desc = RelationGetDescr(rel);
	Oid			classid = RelationGetRelid(rel);
	AttrNumber	skip_name = InvalidAttrNumber;
	AttrNumber	skip_nsp = InvalidAttrNumber;
	AttrNumber	skip_owner = InvalidAttrNumber;

	if (is_objectclass_supported(classid))
	{
		skip_name = get_object_attnum_name(classid);
		skip_nsp = get_object_attnum_namespace(classid);
		skip_owner = get_object_attnum_owner(classid);
	}
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		AttrNumber	attnum = att->attnum;
		Oid			typid = att->atttypid;
		bool		isnull;
		Datum		d;
		Oid			outfunc;
		bool		isvarlena;

		if (att->attisdropped || attnum == 1 || attnum == skip_name ||
			attnum == skip_nsp || attnum == skip_owner || attnum == secret)
			continue;
		if (only != NULL && strstr(only, NameStr(att->attname)) == NULL)
			continue;
		if (typid == OIDOID || typid == OIDVECTOROID || typid == OIDARRAYOID ||
			typid == PG_NODE_TREEOID || typid == XIDOID || typid == REGCLASSOID ||
			typid == REGTYPEOID || typid == PG_LSNOID)
			continue;
		d = heap_getattr(tup, attnum, desc, &isnull);
		if (buf->len > 0)
			appendStringInfoString(buf, ", ");
		appendStringInfo(buf, "%s=", NameStr(att->attname));
		if (isnull)
		{
			appendStringInfoString(buf, "NULL");
			continue;
		}
		if (typid == REGPROCOID)
		{
			Oid			fn = DatumGetObjectId(d);

			appendStringInfoString(buf, OidIsValid(fn) ? format_procedure(fn) : "-");
			continue;
		}
		getTypeOutputInfo(typid, &outfunc, &isvarlena);
		appendStringInfoString(buf, OidOutputFunctionCall(outfunc, d));
	}
}

/* The definition of a candidate, read under its schema's search_path. */
static char *
candidate_definition(Relation rel, HeapTuple tup, const UnmodeledCatalog *c,
					 Oid objid)
{
	StringInfoData buf;

	initStringInfo(&buf);
	switch (c->classid)
	{
		case RewriteRelationId:
			/* pretty: names relative to the schema */
			return TextDatumGetCString(DirectFunctionCall2(pg_get_ruledef_ext,
														   ObjectIdGetDatum(objid),
														   BoolGetDatum(true)));
		case StatisticExtRelationId:
			{
				/* its columns (pg_get_statisticsobjdef() qualifies its name) */
				Datum		d = DirectFunctionCall1(pg_get_statisticsobjdef_columns,
													ObjectIdGetDatum(objid));

				append_row(&buf, rel, tup, 0, NULL);
				appendStringInfo(&buf, "; %s", TextDatumGetCString(d));
				return buf.data;
			}
		case RelationRelationId:
			/* pg_class holds statistics too: only what is defined */
			append_row(&buf, rel, tup, 0,
					   "relkind relpersistence reloptions relacl");
			return buf.data;
		default:
			append_row(&buf, rel, tup, c->secret, NULL);
			break;
	}
	if (c->classid == ProcedureRelationId &&
		((Form_pg_proc) GETSTRUCT(tup))->prokind == PROKIND_AGGREGATE)
	{
		HeapTuple	agg = SearchSysCache1(AGGFNOID, ObjectIdGetDatum(objid));

		if (HeapTupleIsValid(agg))
		{
			Relation	arel = table_open(AggregateRelationId, AccessShareLock);
			StringInfoData abuf;

			initStringInfo(&abuf);
			append_row(&abuf, arel, agg, 0, NULL);
			appendStringInfo(&buf, "; %s", abuf.data);
			table_close(arel, AccessShareLock);
			ReleaseSysCache(agg);
		}
	}
	return buf.data;
}

/*
 * Scan the catalogs for candidates; called once every handler has run,
 * before pg_depend is read.  A partial snapshot reads none: its document
 * keeps the entries of the whole one it completes.
 */
void
unmodeled_collect(Graph *g)
{
	MemoryContext old;
	AddrMap    *arrays;

	if (g->only != NULL)
		return;
	old = MemoryContextSwitchTo(g->cxt);
	g->unmodeled_cands = addrmap_new(g->cxt, 64);
	g->unmodeled_list = NIL;
	arrays = addrmap_new(CurrentMemoryContext, 256);

	for (int i = 0; i < lengthof(catalogs); i++)
	{
		const UnmodeledCatalog *c = &catalogs[i];
		Relation	rel;
		TupleDesc	desc;
		SnapScan	whole;
		HeapTuple	tup;

		if (c->nsp == 0 && c->rel == 0 && c->type == 0 && !g->scope_all)
			continue;
		rel = table_open(c->classid, AccessShareLock);
		desc = RelationGetDescr(rel);
		snap_scan_begin(&whole, g, rel);
		while (HeapTupleIsValid(tup = snap_scan_next(&whole)))
		{
			bool		isnull;
			Oid			objid = DatumGetObjectId(heap_getattr(tup, 1, desc, &isnull));
			GNode	   *schema;
			Candidate  *cand;
			bool		found;

			if (objid < FirstNormalObjectId)
				continue;
			/* the array type of any type of the scope is that type's */
			if (c->classid == TypeRelationId)
			{
				Form_pg_type t = (Form_pg_type) GETSTRUCT(tup);

				if (OidIsValid(t->typarray))
					*addrmap_enter(arrays, TypeRelationId, t->typarray, 0, &found) =
						(void *) 1;
			}
			/* out of the scope (pg_toast's rows, most often): not looked up */
			if (c->nsp != 0)
			{
				Oid			nsp = DatumGetObjectId(heap_getattr(tup, c->nsp, desc, &isnull));

				if (OidIsValid(nsp) && snap_schema(g, nsp) == NULL)
					continue;
			}
			if (c->classid == TriggerRelationId &&
				((Form_pg_trigger) GETSTRUCT(tup))->tgisinternal)
				continue;		/* a foreign key's: part of the constraint */
			if (graph_lookup(g, c->classid, objid, 0) != NULL)
				continue;		/* modelled */
			if (!is_candidate_catalog_row(g, c, tup, desc, &schema))
				continue;

			cand = palloc0(sizeof(Candidate));
			cand->addr.classid = c->classid;
			cand->addr.objid = objid;
			cand->schema = schema;
			snap_use_schema_path(g, schema);
			cand->definition = candidate_definition(rel, tup, c, objid);
			*addrmap_enter(g->unmodeled_cands, c->classid, objid, 0, &found) = cand;
			g->unmodeled_list = lappend(g->unmodeled_list, cand);
		}
		snap_scan_end(&whole);
		table_close(rel, AccessShareLock);
	}
	snap_use_schema_path(g, NULL);

	{
		ListCell   *lc;

		foreach(lc, g->unmodeled_list)
		{
			Candidate  *cand = lfirst(lc);

			if (cand->addr.classid == TypeRelationId &&
				addrmap_get(arrays, TypeRelationId, cand->addr.objid, 0) != NULL)
				cand->part = true;
		}
	}
	if (g->unmodeled_list == NIL)
		g->unmodeled_cands = NULL;	/* pg_depend need not look */
	MemoryContextSwitchTo(old);
}

/* A row of pg_depend whose dependent object is a candidate. */
void
unmodeled_note_dependency(Graph *g, Form_pg_depend d)
{
	Candidate  *cand = addrmap_get(g->unmodeled_cands, d->classid, d->objid, 0);
	ObjAddr    *ref;

	if (cand == NULL)
		return;
	if (d->deptype == DEPENDENCY_EXTENSION || d->deptype == DEPENDENCY_INTERNAL)
	{
		cand->part = true;
		return;
	}
	if (d->refclassid == NamespaceRelationId)
		return;					/* its schema: where the entry is */
	ref = MemoryContextAlloc(g->cxt, sizeof(ObjAddr));
	ref->classid = d->refclassid;
	ref->objid = d->refobjid;
	ref->subid = d->refobjsubid;
	cand->refs = lappend(cand->refs, ref);
}

/* The entries, once pg_depend has been read. */
void
unmodeled_finish(Graph *g)
{
	ListCell   *lc;
	MemoryContext old;

	if (g->unmodeled_list == NIL)
		return;
	old = MemoryContextSwitchTo(g->cxt);
	foreach(lc, g->unmodeled_list)
	{
		Candidate  *cand = lfirst(lc);
		ObjectAddress addr;
		char	   *desc;
		GNode	   *node;
		List	   *refs = NIL;
		ListCell   *rc;

		if (cand->part)
			continue;
		addr.classId = cand->addr.classid;
		addr.objectId = cand->addr.objid;
		addr.objectSubId = 0;
		snap_use_schema_path(g, cand->schema);
		desc = getObjectDescription(&addr, true);
		if (desc == NULL)
			continue;			/* gone meanwhile */
		node = graph_add_node(g, OBJ_UNMODELED, NULL, desc, cand->schema,
							  cand->schema);
		gnode_add_string(node, "kind", getObjectTypeDescription(&addr, false));
		gnode_add_string(node, "comment",
						 snap_comment(g, cand->addr.classid, cand->addr.objid, 0));
		if (cand->definition != NULL && cand->definition[0] != '\0')
			gnode_add_string(node, "definition", cand->definition);
		foreach(rc, cand->refs)
		{
			ObjAddr    *r = lfirst(rc);
			ObjectAddress ra;
			char	   *rdesc;
			GNode	   *ext;

			ra.classId = r->classid;
			ra.objectId = r->objid;
			ra.objectSubId = r->subid;
			/* an extension's object is the extension, as in depends_on */
			if ((ext = graph_lookup_member(g, r->classid, r->objid)) != NULL)
				rdesc = psprintf("extension %s", ext->name);
			else
				rdesc = getObjectDescription(&ra, true);
			if (rdesc != NULL && !list_member(refs, makeString(rdesc)))
				refs = lappend(refs, makeString(rdesc));
		}
		if (refs != NIL)
		{
			List	   *texts = NIL;

			foreach(rc, refs)
				texts = lappend(texts, strVal(lfirst(rc)));
			list_sort(texts, pgm_cmp_list_cstring);
			gnode_add_strings(node, "refers_to", texts);
		}
	}
	snap_use_schema_path(g, NULL);
	MemoryContextSwitchTo(old);
}
