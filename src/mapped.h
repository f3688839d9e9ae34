/*-------------------------------------------------------------------------
 *
 * mapped.h
 *	  Mapped views: SQLAlchemy's column_property() and relationship() in the
 *	  server (docs/mapped-views.md).
 *
 * src/property.c holds the SQL functions that declare properties (rows of
 * migrate_properties); src/mapped/ turns the properties of a schema
 * into the DDL of its mapped views and their functions, applies it, and
 * adds the generated objects to a model document.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_MAPPED_H
#define PGM_MAPPED_H

#include "postgres.h"

#include "nodes/pg_list.h"
#include "utils/jsonb.h"

typedef enum PropKind
{
	PROP_MAP,					/* names the mapped view */
	PROP_COLUMN,				/* column_property() */
	PROP_RELATIONSHIP			/* relationship() */
} PropKind;

/* Loading strategies, SQLAlchemy's lazy= values. */
typedef enum LoadStrategy
{
	LOAD_SELECT,
	LOAD_JOINED,
	LOAD_SELECTIN,
	LOAD_SUBQUERY,
	LOAD_RAISE,
	LOAD_NOLOAD
} LoadStrategy;

/* One row of migrate_properties, read. */
typedef struct MappedProp
{
	char	   *schema;			/* the relation's schema (the real one) */
	char	   *table;
	char	   *name;
	PropKind	kind;
	/* PROP_MAP */
	char	   *view;
	/* PROP_COLUMN */
	char	   *expression;
	bool		deferred;
	/* PROP_RELATIONSHIP */
	char	   *target_table;	/* in the same schema */
	LoadStrategy lazy;
	char	   *foreign_key;	/* NULL: found from the catalogs */
	char	   *secondary;		/* NULL: no association table */
	int			uselist;		/* -1: from the direction */
	char	   *order_by;		/* NULL: the target's primary key */
} MappedProp;

/* src/mapped/ */
extern const char *mapped_strategy_name(LoadStrategy s);
extern bool mapped_strategy_is_eager(LoadStrategy s);
extern List *mapped_load_props(const char *schema);
extern void mapped_apply_live(const char *schema, List *old_props, bool skip_missing);
extern Jsonb *mapped_model_extend(Jsonb *doc, MemoryContext cxt);
extern const char *mapped_ext_schema(void);
extern bool mapped_schema_has_model(const char *schema);
extern void mapped_check_expression(const char *label, const char *expression);
extern void mapped_check_value_type(const char *label, const char *expression,
									Oid type, bool returns_set);

#endif							/* PGM_MAPPED_H */
