/*-------------------------------------------------------------------------
 *
 * column.c
 *	  Columns of tables, views, materialized views and composite types, in
 *	  their order: type with typmod, collation (when not the type's),
 *	  NOT NULL, default, identity (with its sequence's options), generated
 *	  expression, storage (when not the type's), compression, statistics
 *	  target, options, inheritance, comment, privileges.  A column's
 *	  pg_attrdef row is an alias of the column.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/dependency.h"
#include "catalog/pg_attrdef.h"
#include "catalog/pg_attribute.h"
#include "catalog/pg_class.h"
#include "catalog/pg_sequence.h"
#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "optimizer/optimizer.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/ruleutils.h"
#include "utils/syscache.h"

/* A default or generation expression, deparsed once all columns are in. */
typedef struct PendingExpr
{
	GNode	   *node;
	const char *key;
	char	   *expr;
	Oid			relid;
} PendingExpr;

/* A column's default, from pg_attrdef. */
typedef struct AttrDefEntry
{
	Oid			oid;
	char	   *adbin;
} AttrDefEntry;

/* A row of pg_attribute kept for loading, with the node of its relation. */
typedef struct ColRow
{
	Oid			relid;
	int16		attnum;
	GNode	   *parent;
	HeapTuple	tuple;
} ColRow;

static int
cmp_colrow(const void *a, const void *b)
{
	const ColRow *ca = a;
	const ColRow *cb = b;

	if (ca->relid != cb->relid)
		return ca->relid < cb->relid ? -1 : 1;
	return (ca->attnum > cb->attnum) - (ca->attnum < cb->attnum);
}

/* The defaults of the columns of relations in the graph, by relid/attnum. */
static AddrMap *
read_attrdefs(Graph *g)
{
	AddrMap    *defs = addrmap_new(CurrentMemoryContext, 4096);
	Relation	rel;
	SnapRows	rows;
	HeapTuple	tup;

	/* a partial snapshot: the defaults of its relations, by the index */
	rel = table_open(AttrDefaultRelationId, AccessShareLock);
	snap_relation_rows(&rows, g, rel, AttrDefaultIndexId, Anum_pg_attrdef_adrelid);
	while ((tup = snap_rows_next(&rows)) != NULL)
	{
		Form_pg_attrdef ad;
		AttrDefEntry *e;
		bool		isnull;
		bool		found;
		Datum		bin;

		ad = (Form_pg_attrdef) GETSTRUCT(tup);
		if (graph_lookup(g, RelationRelationId, ad->adrelid, 0) == NULL)
			continue;
		bin = heap_getattr(tup, Anum_pg_attrdef_adbin, RelationGetDescr(rel),
						   &isnull);
		e = palloc(sizeof(AttrDefEntry));
		e->oid = ad->oid;
		e->adbin = isnull ? NULL : TextDatumGetCString(bin);
		*addrmap_enter(defs, 0, ad->adrelid, ad->adnum, &found) = e;
	}
	table_close(rel, AccessShareLock);
	return defs;
}

/* identity_sequence: the identity column's sequence and its options. */
static void
add_identity_sequence(Graph *g, GNode *node, Oid relid, int16 attnum)
{
	Oid			seqid = snap_identity_sequence(g, relid, attnum);
	SnapSequence *s;
	SnapRel    *r;
	Form_pg_sequence seq;
	JsonbParseState *st = NULL;
	JsonbValue *res;
	JsonbValue	v;
	char	   *relname;

	if (!OidIsValid(seqid))
		return;
	s = snap_sequence(g, seqid);
	r = snap_relation(g, seqid);
	relname = r != NULL ? NameStr(r->relname) : get_rel_name(seqid);
	if (!s->has_row || relname == NULL)
		return;
	seq = &s->row;

	pushJsonbValue(&st, WJB_BEGIN_OBJECT, NULL);
#define PUSH_KEY(k) \
	do { v.type = jbvString; v.val.string.val = (k); \
		 v.val.string.len = strlen(k); pushJsonbValue(&st, WJB_KEY, &v); } while (0)
#define PUSH_STR(s) \
	do { v.type = jbvString; v.val.string.val = (s); \
		 v.val.string.len = strlen(s); pushJsonbValue(&st, WJB_VALUE, &v); } while (0)
#define PUSH_INT(i) \
	do { v.type = jbvNumeric; v.val.numeric = int64_to_numeric(i); \
		 pushJsonbValue(&st, WJB_VALUE, &v); } while (0)
	PUSH_KEY("name");
	PUSH_STR(relname);
	PUSH_KEY("type");
	PUSH_STR(format_type_extended(seq->seqtypid, -1, FORMAT_TYPE_ALLOW_INVALID));
	PUSH_KEY("start");
	PUSH_INT(seq->seqstart);
	PUSH_KEY("increment");
	PUSH_INT(seq->seqincrement);
	PUSH_KEY("min");
	PUSH_INT(seq->seqmin);
	PUSH_KEY("max");
	PUSH_INT(seq->seqmax);
	PUSH_KEY("cache");
	PUSH_INT(seq->seqcache);
	PUSH_KEY("cycle");
	v.type = jbvBool;
	v.val.boolean = seq->seqcycle;
	pushJsonbValue(&st, WJB_VALUE, &v);
#undef PUSH_KEY
#undef PUSH_STR
#undef PUSH_INT
	res = pushJsonbValue(&st, WJB_END_OBJECT, NULL);
	gnode_add_built(node, "identity_sequence", res);
}

/*
 * What a column needs of its type, kept for the types seen last: the
 * columns of 10,000 tables have a handful of types.  The name depends on
 * the search_path, so the entries are for one schema at a time.
 */
#define TYPE_CACHE_SIZE 16

typedef struct TypeCacheEntry
{
	Oid			typid;
	int32		typmod;
	Oid			typcollation;
	char		typstorage;
	char	   *name;			/* format_type_with_typemod(), in g->cxt */
} TypeCacheEntry;

typedef struct TypeCache
{
	GNode	   *schema;			/* the schema of the search_path in force */
	int			n;
	int			next;			/* the entry replaced when full */
	TypeCacheEntry entries[TYPE_CACHE_SIZE];
} TypeCache;

static TypeCacheEntry *
column_type(Graph *g, TypeCache *tc, Oid typid, int32 typmod)
{
	TypeCacheEntry *e;

	if (tc->schema != g->snap->path_schema)
	{
		tc->schema = g->snap->path_schema;
		tc->n = 0;
		tc->next = 0;
	}
	for (int i = 0; i < tc->n; i++)
		if (tc->entries[i].typid == typid && tc->entries[i].typmod == typmod)
			return &tc->entries[i];
	if (tc->n < TYPE_CACHE_SIZE)
		e = &tc->entries[tc->n++];
	else
	{
		e = &tc->entries[tc->next];
		tc->next = (tc->next + 1) % TYPE_CACHE_SIZE;
	}
	e->typid = typid;
	e->typmod = typmod;
	e->typcollation = get_typcollation(typid);
	e->typstorage = get_typstorage(typid);
	e->name = MemoryContextStrdup(g->cxt, format_type_with_typemod(typid, typmod));
	return e;
}

/* One column: its attributes, and its default or generation expression. */
static void
column_load(Graph *g, ColRow *cr, TupleDesc desc, AddrMap *defs,
			TypeCache *tc)
{
	Form_pg_attribute att = (Form_pg_attribute) GETSTRUCT(cr->tuple);
	ObjAddr		addr = {RelationRelationId, cr->relid, cr->attnum};
	GNode	   *node;
	AttrDefEntry *def;
	const char *comment;
	bool		isnull;
	Datum		d;
	TypeCacheEntry *type;
	JsonbValue	typename;

	node = graph_add_node(g, OBJ_COLUMN, &addr, NameStr(att->attname),
						  cr->parent->schema, cr->parent);
	snap_owned_by(g, cr->relid, cr->attnum, NameStr(att->attname));
	snap_note_collation(g, cr->relid, cr->attnum, att->attcollation);
	/* type and collation are written relative to the schema */
	snap_use_schema_path(g, cr->parent->schema);

	if (att->attnotnull)
		gnode_add_bool(node, "not_null", true);
	if (att->attidentity == ATTRIBUTE_IDENTITY_ALWAYS)
		gnode_add_string(node, "identity", "always");
	else if (att->attidentity == ATTRIBUTE_IDENTITY_BY_DEFAULT)
		gnode_add_string(node, "identity", "by default");
	if (att->attidentity != '\0')
		add_identity_sequence(g, node, cr->relid, cr->attnum);
	type = column_type(g, tc, att->atttypid, att->atttypmod);
	if (att->attcollation != type->typcollation)
		gnode_add_string(node, "collation",
						 DatumGetCString(DirectFunctionCall1(regcollationout,
															 ObjectIdGetDatum(att->attcollation))));
	if (att->attstorage != type->typstorage)
	{
		switch (att->attstorage)
		{
			case TYPSTORAGE_PLAIN:
				gnode_add_string(node, "storage", "plain");
				break;
			case TYPSTORAGE_EXTERNAL:
				gnode_add_string(node, "storage", "external");
				break;
			case TYPSTORAGE_MAIN:
				gnode_add_string(node, "storage", "main");
				break;
			case TYPSTORAGE_EXTENDED:
				gnode_add_string(node, "storage", "extended");
				break;
		}
	}
	if (att->attcompression == 'p')
		gnode_add_string(node, "compression", "pglz");
	else if (att->attcompression == 'l')
		gnode_add_string(node, "compression", "lz4");
	if (att->attstattarget != -1)
		gnode_add_int(node, "statistics", att->attstattarget);
	d = heap_getattr(cr->tuple, Anum_pg_attribute_attoptions, desc, &isnull);
	if (!isnull)
		snap_add_array(node, "options", d);
	if (att->attinhcount > 0)
	{
		gnode_add_bool(node, "inherited", true);
		gnode_add_bool(node, "local", att->attislocal);
	}
	comment = snap_comment(g, RelationRelationId, cr->relid, cr->attnum);
	if (comment != NULL)
		gnode_add_string(node, "comment", comment);
	d = heap_getattr(cr->tuple, Anum_pg_attribute_attacl, desc, &isnull);
	if (!isnull)
	{
		HeapTuple	reltup = SearchSysCache1(RELOID, ObjectIdGetDatum(cr->relid));

		if (!HeapTupleIsValid(reltup))
			elog(ERROR, "cache lookup failed for relation %u", cr->relid);
		snap_add_privileges(node, d, ((Form_pg_class) GETSTRUCT(reltup))->relowner);
		ReleaseSysCache(reltup);
	}

	/* the name is shared by the columns of that type: it lives in g->cxt */
	typename.type = jbvString;
	typename.val.string.val = type->name;
	typename.val.string.len = strlen(type->name);
	gnode_add_attr(node, "type", &typename);

	def = att->atthasdef ? addrmap_get(defs, 0, cr->relid, cr->attnum) : NULL;
	if (def != NULL)
	{
		ObjAddr		attrdef = {AttrDefaultRelationId, def->oid, 0};

		if (def->adbin != NULL)
		{
			MemoryContext old = MemoryContextSwitchTo(g->snap->pending_cxt);
			PendingExpr *p = palloc(sizeof(PendingExpr));

			p->node = node;
			p->key = att->attgenerated == ATTRIBUTE_GENERATED_STORED ?
				"generated" : "default";
			p->expr = def->adbin;	/* read_attrdefs() put it there */
			p->relid = cr->relid;
			g->snap->pending = lappend(g->snap->pending, p);
			MemoryContextSwitchTo(old);
		}
		graph_add_alias(g, &attrdef, node);
	}
}

/*
 * The columns of the relations and composite types in the graph, in one
 * scan of pg_attribute (and one of pg_attrdef), in the order of the
 * relation's oid and the column's number.
 */
static uint64
column_scan(Graph *g)
{
	MemoryContext work = AllocSetContextCreate(CurrentMemoryContext,
											   "pg_migrate columns",
											   ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(work);
	MemoryContext rowcxt = AllocSetContextCreate(work, "pg_migrate row",
												 ALLOCSET_DEFAULT_SIZES);
	AddrMap    *defs;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	tup;
	ColRow	   *rows;
	int			nrows = 0;
	int			maxrows = 4096;
	Oid			lastrel = InvalidOid;
	GNode	   *lastparent = NULL;
	TypeCache	tc = {0};
	SnapRows	srows;

	/*
	 * The defaults' node trees are kept until column_finish() deparses them,
	 * outside the graph's memory, which would keep them to the end.
	 */
	g->snap->pending_cxt = AllocSetContextCreate(old, "pg_migrate defaults",
												 ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(g->snap->pending_cxt);
	defs = read_attrdefs(g);
	MemoryContextSwitchTo(work);

	rows = palloc(sizeof(ColRow) * maxrows);
	rel = table_open(AttributeRelationId, AccessShareLock);
	desc = RelationGetDescr(rel);

	/* a partial snapshot, or few relations: their columns, by the index */
	snap_relation_rows(&srows, g, rel, AttributeRelidNumIndexId,
					   Anum_pg_attribute_attrelid);
	while ((tup = snap_rows_next(&srows)) != NULL)
	{
		Form_pg_attribute att;
		GNode	   *parent;

		att = (Form_pg_attribute) GETSTRUCT(tup);
		if (att->attnum <= 0 || att->attisdropped)
			continue;
		if (att->attrelid == lastrel)
			parent = lastparent;
		else
		{
			parent = graph_lookup(g, RelationRelationId, att->attrelid, 0);
			/* tables, views, materialized views, composite types */
			if (parent != NULL &&
				parent->kind != OBJ_TABLE && parent->kind != OBJ_VIEW &&
				parent->kind != OBJ_MATVIEW && parent->kind != OBJ_TYPE)
				parent = NULL;
			lastrel = att->attrelid;
			lastparent = parent;
		}
		if (parent == NULL)
		{
			/* an index's column statistics target and options, for index.c */
			if (att->attstattarget >= 0)
				snap_keep_index_stattarget(g, att->attrelid, att->attnum,
										   att->attstattarget);
			if (!heap_attisnull(tup, Anum_pg_attribute_attoptions, desc))
			{
				bool		isnull;
				MemoryContext cxt = MemoryContextSwitchTo(g->cxt);

				snap_keep_attoptions(g, att->attrelid, att->attnum,
									 heap_getattr(tup, Anum_pg_attribute_attoptions,
												  desc, &isnull));
				MemoryContextSwitchTo(cxt);
			}
			continue;
		}
		if (nrows == maxrows)
		{
			maxrows *= 2;
			rows = repalloc_huge(rows, sizeof(ColRow) * maxrows);
		}
		rows[nrows].relid = att->attrelid;
		rows[nrows].attnum = att->attnum;
		rows[nrows].parent = parent;
		rows[nrows].tuple = heap_copytuple(tup);
		nrows++;
	}

	qsort(rows, nrows, sizeof(ColRow), cmp_colrow);
	MemoryContextSwitchTo(rowcxt);
	for (int i = 0; i < nrows; i++)
	{
		column_load(g, &rows[i], desc, defs, &tc);
		MemoryContextReset(rowcxt);
	}
	snap_owned_by_rest(g);
	table_close(rel, AccessShareLock);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(work);
	return nrows;
}

/*
 * Defaults already deparsed, by schema and node tree.  A default names no
 * column (PostgreSQL forbids it), so its text depends only on the tree and
 * the search_path: the 10,000 tables of the bench schema have three
 * distinct defaults.  Generated columns are deparsed each time.
 */
typedef struct DefaultKey
{
	GNode	   *schema;
	const char *expr;
} DefaultKey;

typedef struct DefaultEntry
{
	DefaultKey	key;
	char	   *text;
} DefaultEntry;

static uint32
default_hash(const void *key, Size keysize)
{
	const DefaultKey *k = key;

	return string_hash(k->expr, 0) ^ (uint32) (uintptr_t) k->schema;
}

static int
default_match(const void *a, const void *b, Size keysize)
{
	const DefaultKey *ka = a;
	const DefaultKey *kb = b;

	if (ka->schema != kb->schema)
		return 1;
	return strcmp(ka->expr, kb->expr);
}

/*
 * The sequence of a default nextval('seq'::regclass), the default of every
 * serial column, or InvalidOid.
 */
static Oid
nextval_sequence(Node *tree)
{
	FuncExpr   *f = (FuncExpr *) tree;
	Const	   *c;

	if (!IsA(tree, FuncExpr) || f->funcid != F_NEXTVAL ||
		f->funcformat != COERCE_EXPLICIT_CALL || f->funcvariadic ||
		list_length(f->args) != 1 || !IsA(linitial(f->args), Const))
		return InvalidOid;
	c = linitial(f->args);
	if (c->consttype != REGCLASSOID || c->constisnull || c->consttypmod != -1 ||
		OidIsValid(c->constcollid))
		return InvalidOid;
	return DatumGetObjectId(c->constvalue);
}

/*
 * nextval('seq'::regclass) as ruleutils.c writes it: the function's name
 * (qualified or not, by the search_path), the sequence's name as
 * regclassout() writes it, in a literal as simple_quote_literal() writes
 * it, and the constant's type.
 */
static char *
nextval_text(Graph *g, Oid seqid)
{
	StringInfoData buf;
	const char *name = snap_relation_name(g, seqid);

	initStringInfo(&buf);
	appendStringInfoString(&buf, "nextval('");
	for (const char *p = name; *p; p++)
	{
		if (SQL_STR_DOUBLE(*p, !standard_conforming_strings))
			appendStringInfoChar(&buf, *p);
		appendStringInfoChar(&buf, *p);
	}
	appendStringInfoString(&buf, "'::regclass)");
	return buf.data;
}

/* Whether nextval_text() writes what ruleutils.c does, by schema. */
typedef struct NextvalCheck
{
	GNode	   *schema;
	bool		same;
} NextvalCheck;

/*
 * A default: its node tree names no column (PostgreSQL forbids it), so the
 * relation's deparse context is not needed, unless the tree has a Var all
 * the same.  A serial column's nextval() is written directly once the
 * first one of the schema, deparsed, has come out the same (*checks).
 */
static char *
deparse_default(Graph *g, PendingExpr *p, List **checks, MemoryContext cache)
{
	Node	   *tree = stringToNode(p->expr);
	Oid			seqid = nextval_sequence(tree);
	NextvalCheck *check = NULL;
	ListCell   *lc;
	char	   *text;

	if (OidIsValid(seqid))
	{
		foreach(lc, *checks)
		{
			NextvalCheck *c = lfirst(lc);

			if (c->schema == p->node->schema)
				check = c;
		}
		if (check != NULL && check->same)
			return nextval_text(g, seqid);
	}
	if (contain_var_clause(tree))
		text = deparse_rel_node(g, tree, p->relid);
	else
		text = deparse_expression(tree, NIL, false, false);
	if (OidIsValid(seqid) && check == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(cache);

		check = palloc(sizeof(NextvalCheck));
		check->schema = p->node->schema;
		check->same = strcmp(text, nextval_text(g, seqid)) == 0;
		*checks = lappend(*checks, check);
		MemoryContextSwitchTo(old);
	}
	return text;
}

/* Deparse the expressions: a generated column may name later columns. */
static void
column_finish(Graph *g)
{
	ListCell   *lc;
	MemoryContext cache = AllocSetContextCreate(CurrentMemoryContext,
												"pg_migrate defaults",
												ALLOCSET_DEFAULT_SIZES);
	MemoryContext tmp = AllocSetContextCreate(CurrentMemoryContext,
											  "pg_migrate deparse",
											  ALLOCSET_DEFAULT_SIZES);
	MemoryContext old = MemoryContextSwitchTo(tmp);
	HASHCTL		ctl;
	HTAB	   *done;
	List	   *checks = NIL;

	ctl.keysize = sizeof(DefaultKey);
	ctl.entrysize = sizeof(DefaultEntry);
	ctl.hash = default_hash;
	ctl.match = default_match;
	ctl.hcxt = cache;
	done = hash_create("pg_migrate deparsed defaults", 64, &ctl,
					   HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);

	foreach(lc, g->snap->pending)
	{
		PendingExpr *p = lfirst(lc);
		DefaultKey	key = {p->node->schema, p->expr};
		DefaultEntry *e = NULL;
		bool		found = false;

		snap_use_schema_path(g, p->node->schema);
		if (strcmp(p->key, "default") == 0)
			e = hash_search(done, &key, HASH_ENTER, &found);
		if (!found)
		{
			char	   *text = e != NULL ? deparse_default(g, p, &checks, cache) :
				deparse_rel_expr(g, p->expr, p->relid);

			if (e != NULL)
				e->text = text ? MemoryContextStrdup(cache, text) : NULL;
			gnode_add_string(p->node, p->key, text);
		}
		else
			gnode_add_string(p->node, p->key, e->text);
		MemoryContextReset(tmp);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(tmp);
	MemoryContextDelete(cache);
	g->snap->pending = NIL;
	if (g->snap->pending_cxt != NULL)
		MemoryContextDelete(g->snap->pending_cxt);
	g->snap->pending_cxt = NULL;
}

const SnapHandler pgm_column_handler = {
	.kind = OBJ_COLUMN,
	.classid = RelationRelationId,
	.scan = column_scan,
	.finish = column_finish,
};
