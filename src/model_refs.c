/*-------------------------------------------------------------------------
 *
 * model_refs.c
 *	  References of a model to objects outside its own schema.
 *
 * A snapshot records in "depends_on" the references of its objects to the
 * objects of its scope, and to the extensions installed in a schema of its
 * scope (a reference to an extension's member is one to the extension).
 * A model is stored one schema per row, but read back merged
 * (migrate_model(schemas)), and must then equal the snapshot of the same
 * schemas.  So each stored model keeps every reference to a user object of
 * another schema, and to an extension wherever it is installed, written as
 * a snapshot of both schemas would write it ("type common.mood",
 * "extension citext"); migrate_model() keeps of those the ones that name
 * an object of the document it returns, which is what a snapshot of its
 * scope holds.
 *
 * model_shadow_snapshot() takes the snapshot of a model's shadow schema
 * with the schemas its objects reference loaded too, for their names only;
 * model_outside_refs() finds what they reference (model.c checks the same
 * list for objects of the live schema).  model_prune_refs() is the cut
 * migrate_model() makes.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/transam.h"
#include "access/xact.h"
#include "catalog/catalog.h"
#include "catalog/dependency.h"
#include "catalog/namespace.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_depend.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_namespace.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "portability/instr_time.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "model_refs.h"
#include "snapshot.h"

/* A referenced object: the classid and objid of a pg_depend reference. */
typedef struct RefKey
{
	Oid			classid;
	Oid			objid;
} RefKey;

/*
 * The objects that the objects created by the current subtransaction (and
 * by the subtransactions it started) reference, but did not create: the
 * references of their pg_depend rows, normal and automatic, to objects
 * none of those rows has as dependent (every created object is the
 * dependent of some row).  One scan of pg_depend; a List of
 * ObjectAddress *, each object once, built-in objects (OIDs below
 * FirstNormalObjectId) left out.
 */
List *
model_outside_refs(void)
{
	TransactionId xid = GetCurrentTransactionIdIfAny();
	HASHCTL		ctl;
	HTAB	   *created;
	HTAB	   *seen;
	List	   *refs = NIL;
	List	   *outside = NIL;
	Relation	rel;
	SysScanDesc scan;
	HeapTuple	tup;
	ListCell   *lc;

	if (!TransactionIdIsValid(xid))
		return NIL;
	ctl.keysize = sizeof(RefKey);
	ctl.entrysize = sizeof(RefKey);
	ctl.hcxt = CurrentMemoryContext;
	created = hash_create("pg_migrate created objects", 1024, &ctl,
						  HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	seen = hash_create("pg_migrate referenced objects", 256, &ctl,
					   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);

	rel = table_open(DependRelationId, AccessShareLock);
	scan = systable_beginscan(rel, InvalidOid, false, NULL, 0, NULL);
	while (HeapTupleIsValid(tup = systable_getnext(scan)))
	{
		Form_pg_depend d = (Form_pg_depend) GETSTRUCT(tup);
		TransactionId xmin = HeapTupleHeaderGetXmin(tup->t_data);
		RefKey		key;

		/* ours or our children's: the outer transaction's are older */
		if (!TransactionIdIsCurrentTransactionId(xmin) ||
			TransactionIdPrecedes(xmin, xid))
			continue;
		key.classid = d->classid;
		key.objid = d->objid;
		(void) hash_search(created, &key, HASH_ENTER, NULL);
		if ((d->deptype == DEPENDENCY_NORMAL || d->deptype == DEPENDENCY_AUTO) &&
			d->refobjid >= FirstNormalObjectId)
		{
			RefKey	   *ref = palloc(sizeof(RefKey));

			ref->classid = d->refclassid;
			ref->objid = d->refobjid;
			refs = lappend(refs, ref);
		}
	}
	systable_endscan(scan);
	table_close(rel, AccessShareLock);

	foreach(lc, refs)
	{
		RefKey	   *ref = lfirst(lc);
		bool		found;
		ObjectAddress *addr;

		if (hash_search(created, ref, HASH_FIND, NULL) != NULL)
			continue;
		(void) hash_search(seen, ref, HASH_ENTER, &found);
		if (found)
			continue;
		addr = palloc(sizeof(ObjectAddress));
		addr->classId = ref->classid;
		addr->objectId = ref->objid;
		addr->objectSubId = 0;
		outside = lappend(outside, addr);
	}
	hash_destroy(created);
	hash_destroy(seen);
	return outside;
}

/*
 * The schema an object outside the model lives in as a snapshot sees it:
 * for a member of an extension, the extension's schema (the snapshot maps
 * the member to the extension, which it knows when that schema is
 * loaded); else the object's own, or InvalidOid when it has none.  The
 * array type of an extension's type is the extension's too (the snapshot
 * says so: a column of hstore[] depends on hstore's extension), though
 * only its element type is recorded as a member.
 */
Oid
model_ref_namespace(const ObjectAddress *addr, bool *is_member)
{
	Oid			ext = getExtensionOfObject(addr->classId, addr->objectId);

	if (!OidIsValid(ext) && addr->classId == TypeRelationId)
	{
		Oid			elem = get_element_type(addr->objectId);

		if (OidIsValid(elem))
			ext = getExtensionOfObject(TypeRelationId, elem);
	}

	*is_member = OidIsValid(ext);
	if (*is_member)
		return pgm_extension_schema(ext);
	if (!is_objectclass_supported(addr->classId))
		return InvalidOid;
	return get_object_namespace(addr);
}

/*
 * The user schemas, other than the shadow, that the objects created by the
 * model's statements reference (model_outside_refs(), model_ref_namespace()).
 * System schemas, temporary ones and schemas of extensions are no
 * snapshot's.
 */
static List *
referenced_schemas(const char *shadow)
{
	Oid			shadow_nsp = get_namespace_oid(shadow, false);
	List	   *nsps = NIL;
	List	   *names = NIL;
	ListCell   *lc;
	instr_time	start,
				done;

	INSTR_TIME_SET_CURRENT(start);
	foreach(lc, model_outside_refs())
	{
		bool		member;
		Oid			nsp = model_ref_namespace(lfirst(lc), &member);
		char	   *name;

		if (!OidIsValid(nsp) || nsp == shadow_nsp ||
			list_member_oid(nsps, nsp))
			continue;
		nsps = lappend_oid(nsps, nsp);
		name = get_namespace_name(nsp);
		if (name == NULL || IsCatalogNamespace(nsp) || IsToastNamespace(nsp) ||
			isAnyTempNamespace(nsp) || strcmp(name, "information_schema") == 0 ||
			OidIsValid(getExtensionOfObject(NamespaceRelationId, nsp)))
			continue;
		names = lappend(names, name);
	}
	INSTR_TIME_SET_CURRENT(done);
	INSTR_TIME_SUBTRACT(done, start);
	elog(DEBUG1, "schemas the model references: %d, %.1f ms",
		 list_length(names), INSTR_TIME_GET_MILLISEC(done));
	return names;
}

/*
 * The snapshot of the shadow schema, as a document of scope [shadow]
 * allocated in cxt, whose depends_on also name the objects of other
 * schemas and the extensions its objects use.  Called inside SPI, inside
 * the model's subtransaction, with an active snapshot that sees the
 * statements' work.
 *
 * The graph is built over the shadow and every schema it references (the
 * snapshot's own machinery then writes each reference as a snapshot of
 * those schemas would), and cut down to the shadow before it is written.
 */
Jsonb *
model_shadow_snapshot(const char *shadow, MemoryContext cxt)
{
	List	   *refs = referenced_schemas(shadow);
	int			n = list_length(refs) + 1;
	Datum	   *elems = palloc(sizeof(Datum) * n);
	ArrayType  *schemas;
	Graph	   *g;
	List	   *kept = NIL;
	ListCell   *lc;
	Jsonb	   *doc;

	elems[0] = DirectFunctionCall1(namein, CStringGetDatum(shadow));
	n = 1;
	foreach(lc, refs)
		elems[n++] = DirectFunctionCall1(namein, CStringGetDatum(lfirst(lc)));
	schemas = construct_array(elems, n, NAMEOID, NAMEDATALEN, false,
							  TYPALIGN_CHAR);

	g = snapshot_build(schemas, cxt);

	/* Only the shadow is written out; the other schemas lent their names. */
	MemoryContextSwitchTo(g->cxt);
	foreach(lc, g->schemas)
	{
		GNode	   *s = lfirst(lc);

		if (strcmp(s->name, shadow) == 0)
			kept = lappend(kept, s);
	}
	g->schemas = kept;
	g->scope = list_make1(pstrdup(shadow));
	kept = NIL;
	foreach(lc, g->extensions)
	{
		GNode	   *e = lfirst(lc);
		char	   *in = gnode_str(e, "schema");

		if (in != NULL && strcmp(in, shadow) == 0)
			kept = lappend(kept, e);
	}
	g->extensions = kept;
	MemoryContextSwitchTo(cxt);
	doc = snapshot_document(g);
	MemoryContextDelete(g->cxt);
	return doc;
}

/* ----------------------------------------------------------------
 * model_prune_refs: what migrate_model() returns
 * ----------------------------------------------------------------
 */

/* What a level of the document is, as far as references go. */
typedef enum FrameKind
{
	F_ROOT,						/* the document */
	F_NODEMAP,					/* "extensions", "schemas", "tables", ... */
	F_NODEARRAY,				/* "columns" */
	F_NODE,						/* an object */
	F_COLUMN,					/* a column: an object without children */
	F_DEPS,						/* a "depends_on" array */
	F_OTHER						/* a value of an attribute */
} FrameKind;

typedef struct Frame
{
	FrameKind	kind;
	bool		is_schemas;		/* F_NODEMAP: the document's "schemas" */
	const char *schema;			/* the schema the level is in, or NULL */
	char	   *key;			/* objects: the last key read */
} Frame;

/* The section a key names in an object, or OBJ_NKINDS. */
static ObjKind
section_of(const char *key)
{
	for (int k = OBJ_COLLATION; k < OBJ_NKINDS; k++)
		if (strcmp(pgm_kinds[k].section, key) == 0)
			return (ObjKind) k;
	return OBJ_NKINDS;
}

/* What the container that starts under frame "up" is. */
static Frame
child_frame(const Frame *up, JsonbIteratorToken tok)
{
	Frame		f = {F_OTHER, false, up ? up->schema : NULL, NULL};
	bool		is_object = (tok == WJB_BEGIN_OBJECT);

	if (up == NULL)
	{
		f.kind = is_object ? F_ROOT : F_OTHER;
		return f;
	}
	switch (up->kind)
	{
		case F_ROOT:
			if (is_object && up->key != NULL &&
				(strcmp(up->key, "schemas") == 0 ||
				 strcmp(up->key, "extensions") == 0))
			{
				f.kind = F_NODEMAP;
				f.is_schemas = (strcmp(up->key, "schemas") == 0);
			}
			break;
		case F_NODEMAP:
			if (is_object)
			{
				f.kind = F_NODE;
				if (up->is_schemas)
					f.schema = up->key;
			}
			break;
		case F_NODEARRAY:
			if (is_object)
				f.kind = F_COLUMN;
			break;
		case F_NODE:
		case F_COLUMN:
			if (up->key == NULL)
				break;
			if (strcmp(up->key, "depends_on") == 0)
			{
				if (!is_object)
					f.kind = F_DEPS;
			}
			else if (up->kind == F_NODE)
			{
				ObjKind		k = section_of(up->key);

				if (k != OBJ_NKINDS && pgm_kinds[k].is_array != is_object)
					f.kind = pgm_kinds[k].is_array ? F_NODEARRAY : F_NODEMAP;
			}
			break;
		default:
			break;
	}
	return f;
}

/* Does the reference name an object of g, as the diff resolves it? */
static bool
ref_resolves(Graph *g, const char *schema, const char *ref)
{
	const char *space = strchr(ref, ' ');

	if (space == NULL)
		return false;
	if (schema != NULL &&
		graph_find(g, psprintf("%.*s %s.%s", (int) (space - ref), ref,
							   quote_identifier(schema), space + 1)) != NULL)
		return true;
	return graph_find(g, ref) != NULL;
}

static void
push_string(JsonbParseState **st, JsonbIteratorToken tok, const char *s)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) s;
	v.val.string.len = strlen(s);
	pushJsonbValue(st, tok, &v);
}

/*
 * Does model_prune_refs() have anything to cut?  One walk of the document
 * over the levels child_frame() tells apart, reading only: it notes the
 * key of every object (what graph_from_jsonb() registers and graph_find()
 * looks up: "label schema.refname", quoted as gnode_key() writes it) and
 * every reference of a "depends_on", and stops at an empty "depends_on"
 * (the cut leaves it out).  Then each reference is looked up as
 * ref_resolves() does.  Most documents of the stored models hold nothing
 * the cut removes: this costs a fraction of reading the document into a
 * graph, and of writing it again with pushJsonbValue().
 */
typedef struct CutRef
{
	const char *schema;			/* the schema of the object that has it */
	char	   *ref;
} CutRef;

typedef struct CutScan
{
	HTAB	   *keys;			/* of char *: the objects of the document */
	List	   *refs;			/* of CutRef * */
	bool		empty_deps;		/* a "depends_on" that is empty */
} CutScan;

static bool
cut_key_known(CutScan *cs, const char *key)
{
	return hash_search(cs->keys, &key, HASH_FIND, NULL) != NULL;
}

/*
 * An object (a column if is_column) of the document and what is under it:
 * name unquoted; schema the name of its schema (NULL: a schema or an
 * extension); parent_ref the quoted refname of its parent, NULL when that
 * is a schema or there is none.
 */
static void
cut_scan_node(CutScan *cs, JsonbContainer *node, ObjKind kind,
			  const char *name, const char *schema, const char *parent_ref)
{
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	v;
	JsonbValue	key = {0};
	char	   *refname;
	char	   *fullkey;
	bool		is_column = (kind == OBJ_COLUMN);

	/* graph_set_refname(), and load_children() for functions */
	if (kind == OBJ_FUNCTION || kind == OBJ_AGGREGATE || kind == OBJ_OPERATOR ||
		kind == OBJ_OPFAMILY || kind == OBJ_OPCLASS || kind == OBJ_CAST)
		refname = graph_kind_refname(kind, name);
	else if (parent_ref != NULL && !pgm_kinds[kind].schema_scoped)
		refname = psprintf("%s.%s", parent_ref, quote_identifier(name));
	else
		refname = (char *) quote_identifier(name);
	/* gnode_key() */
	if (schema == NULL)
		fullkey = psprintf("%s %s", pgm_kinds[kind].label, quote_identifier(name));
	else
		fullkey = psprintf("%s %s.%s", pgm_kinds[kind].label,
						   quote_identifier(schema), refname);
	(void) hash_search(cs->keys, &fullkey, HASH_ENTER, NULL);

	/* the schema the children and references of this object are in */
	if (kind == OBJ_SCHEMA)
		schema = name;

	it = JsonbIteratorInit(node);
	while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
	{
		JsonbContainer *c;
		ObjKind		k;

		if (tok == WJB_KEY)
		{
			key = v;
			continue;
		}
		if (tok != WJB_VALUE || v.type != jbvBinary)
			continue;
		c = v.val.binary.data;
		if (key.val.string.len == 10 &&
			strncmp(key.val.string.val, "depends_on", 10) == 0)
		{
			JsonbIterator *dit;
			JsonbValue	dv;

			/* a depends_on that is no array is kept as it is */
			if (!JsonContainerIsArray(c))
				continue;
			if (JsonContainerSize(c) == 0)
				cs->empty_deps = true;
			dit = JsonbIteratorInit(c);
			while ((tok = JsonbIteratorNext(&dit, &dv, true)) != WJB_DONE)
				if (tok == WJB_ELEM && dv.type == jbvString)
				{
					CutRef	   *r = palloc(sizeof(CutRef));

					r->schema = (kind == OBJ_EXTENSION) ? NULL : schema;
					r->ref = pnstrdup(dv.val.string.val, dv.val.string.len);
					cs->refs = lappend(cs->refs, r);
				}
			continue;
		}
		if (is_column)
			continue;
		k = section_of(pnstrdup(key.val.string.val, key.val.string.len));
		if (k == OBJ_NKINDS ||
			pgm_kinds[k].is_array != JsonContainerIsArray(c))
			continue;
		{
			JsonbIterator *cit = JsonbIteratorInit(c);
			JsonbValue	cv;
			char	   *cname = NULL;

			while ((tok = JsonbIteratorNext(&cit, &cv, true)) != WJB_DONE)
			{
				JsonbValue	nv;

				if (tok == WJB_KEY)
				{
					cname = pnstrdup(cv.val.string.val, cv.val.string.len);
					continue;
				}
				if ((tok != WJB_VALUE && tok != WJB_ELEM) ||
					cv.type != jbvBinary ||
					!JsonContainerIsObject(cv.val.binary.data))
					continue;
				if (tok == WJB_ELEM)
				{
					/* columns: named by their "name" */
					if (!getKeyJsonValueFromContainer(cv.val.binary.data,
													  "name", 4, &nv) ||
						nv.type != jbvString)
						continue;
					cname = pnstrdup(nv.val.string.val, nv.val.string.len);
				}
				cut_scan_node(cs, cv.val.binary.data, k, cname, schema,
							  kind == OBJ_SCHEMA ? NULL : refname);
			}
		}
	}
}

static bool
document_needs_cut(Jsonb *doc)
{
	static const char *const maps[] = {"extensions", "schemas"};
	CutScan		cs = {NULL, NIL, false};
	ListCell   *lc;

	if (!JB_ROOT_IS_OBJECT(doc))
		return true;			/* the rewrite says what is wrong */
	cs.keys = pgm_string_set_create("pg_migrate model keys", 4096,
									CurrentMemoryContext);
	for (int i = 0; i < lengthof(maps); i++)
	{
		JsonbValue	m;
		JsonbIterator *it;
		JsonbIteratorToken tok;
		JsonbValue	v;
		char	   *name = NULL;

		if (!getKeyJsonValueFromContainer(&doc->root, maps[i],
										  strlen(maps[i]), &m) ||
			m.type != jbvBinary || !JsonContainerIsObject(m.val.binary.data))
			continue;
		it = JsonbIteratorInit(m.val.binary.data);
		while ((tok = JsonbIteratorNext(&it, &v, true)) != WJB_DONE)
		{
			if (tok == WJB_KEY)
				name = pnstrdup(v.val.string.val, v.val.string.len);
			else if (tok == WJB_VALUE && v.type == jbvBinary &&
					 JsonContainerIsObject(v.val.binary.data))
				cut_scan_node(&cs, v.val.binary.data,
							  i == 0 ? OBJ_EXTENSION : OBJ_SCHEMA,
							  name, NULL, NULL);
		}
	}
	if (cs.empty_deps)
		return true;

	/* ref_resolves(), on the keys */
	foreach(lc, cs.refs)
	{
		CutRef	   *r = lfirst(lc);
		const char *space = strchr(r->ref, ' ');

		if (space == NULL)
			return true;
		if (r->schema != NULL &&
			cut_key_known(&cs, psprintf("%.*s %s.%s", (int) (space - r->ref), r->ref,
										quote_identifier(r->schema), space + 1)))
			continue;
		if (!cut_key_known(&cs, r->ref))
			return true;
	}
	return false;
}

/*
 * The document with every reference in depends_on that names no object of
 * the document left out (and a depends_on left empty by that), in cxt.
 * A snapshot names no object outside its scope: this makes the merge of
 * stored models the snapshot of their scope.  Everything else is kept as
 * it is.
 */
Jsonb *
model_prune_refs(Jsonb *doc, MemoryContext cxt)
{
	MemoryContext work = AllocSetContextCreate(CurrentMemoryContext,
											   "pg_migrate model references",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(work);
	Graph	   *g;
	JsonbParseState *st = NULL;
	JsonbValue *res = NULL;
	JsonbIterator *it;
	JsonbIteratorToken tok;
	JsonbValue	v;
	Frame	   *stack;
	int			depth = 0;
	int			maxdepth = 16;
	List	   *deps = NIL;		/* F_DEPS: the references kept */
	Jsonb	   *out;

	/* nothing to cut: the document as it is (jsonb's form is canonical) */
	if (!document_needs_cut(doc))
	{
		MemoryContextSwitchTo(old);
		MemoryContextDelete(work);
		out = MemoryContextAlloc(cxt, VARSIZE(doc));
		memcpy(out, doc, VARSIZE(doc));
		return out;
	}
	g = graph_from_jsonb(doc, "of the stored models", work);

	stack = palloc(sizeof(Frame) * maxdepth);
	it = JsonbIteratorInit(&doc->root);
	while ((tok = JsonbIteratorNext(&it, &v, false)) != WJB_DONE)
	{
		Frame	   *top = depth > 0 ? &stack[depth - 1] : NULL;

		switch (tok)
		{
			case WJB_BEGIN_OBJECT:
			case WJB_BEGIN_ARRAY:
				if (depth == maxdepth)
				{
					maxdepth *= 2;
					stack = repalloc(stack, sizeof(Frame) * maxdepth);
					top = depth > 0 ? &stack[depth - 1] : NULL;
				}
				stack[depth] = child_frame(top, tok);
				if (stack[depth].kind == F_DEPS)
					deps = NIL;
				else
				{
					/* a depends_on that is no array: as it is */
					if (top != NULL && top->key != NULL &&
						(top->kind == F_NODE || top->kind == F_COLUMN) &&
						strcmp(top->key, "depends_on") == 0)
						push_string(&st, WJB_KEY, "depends_on");
					pushJsonbValue(&st, tok, NULL);
				}
				depth++;
				break;
			case WJB_END_OBJECT:
			case WJB_END_ARRAY:
				depth--;
				if (stack[depth].kind == F_DEPS)
				{
					ListCell   *lc;

					if (deps == NIL)
						break;
					push_string(&st, WJB_KEY, "depends_on");
					pushJsonbValue(&st, WJB_BEGIN_ARRAY, NULL);
					foreach(lc, deps)
						pushJsonbValue(&st, WJB_ELEM, lfirst(lc));
					res = pushJsonbValue(&st, WJB_END_ARRAY, NULL);
					deps = NIL;
				}
				else
					res = pushJsonbValue(&st, tok, NULL);
				break;
			case WJB_KEY:
				top->key = pnstrdup(v.val.string.val, v.val.string.len);
				/* depends_on is written when its array ends */
				if ((top->kind == F_NODE || top->kind == F_COLUMN) &&
					strcmp(top->key, "depends_on") == 0)
					break;
				pushJsonbValue(&st, WJB_KEY, &v);
				break;
			case WJB_VALUE:
				if ((top->kind == F_NODE || top->kind == F_COLUMN) &&
					strcmp(top->key, "depends_on") == 0)
					push_string(&st, WJB_KEY, "depends_on");
				pushJsonbValue(&st, WJB_VALUE, &v);
				break;
			case WJB_ELEM:
				if (top->kind == F_DEPS)
				{
					if (v.type != jbvString ||
						ref_resolves(g, top->schema,
									 pnstrdup(v.val.string.val, v.val.string.len)))
					{
						JsonbValue *keep = palloc(sizeof(JsonbValue));

						*keep = v;
						deps = lappend(deps, keep);
					}
					break;
				}
				pushJsonbValue(&st, WJB_ELEM, &v);
				break;
			default:
				break;
		}
	}
	MemoryContextSwitchTo(cxt);
	out = JsonbValueToJsonb(res);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return out;
}
