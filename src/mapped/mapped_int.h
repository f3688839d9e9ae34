/*-------------------------------------------------------------------------
 *
 * mapped_int.h
 *	  What the files of src/mapped/ share: the plan of the mapped views of
 *	  one schema (its tables, foreign keys and resolved joins) and the
 *	  helpers each part calls.  Not for use outside src/mapped/.
 *
 * The parts, in the order the data flows:
 *	  props.c	reading migrate_properties into MappedProps
 *	  plan.c	the catalogs of the physical schema, the joins, the plan
 *	  sql.c		the SQL text of the views and functions
 *	  check.c	checking expressions, running DDL, naming the culprit
 *	  apply.c	dropping and creating the generated objects
 *	  model.c	the generated objects of a model, built in a shadow schema
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_MAPPED_INT_H
#define PGM_MAPPED_INT_H

#include "mapped.h"
#include "lib/stringinfo.h"
#include "utils/elog.h"

/* A foreign key, by column names; tables by their real schema and name. */
typedef struct MFKey
{
	char	   *name;
	char	   *from_schema;	/* referencing table */
	char	   *from;
	char	   *to_schema;		/* referenced table */
	char	   *to;
	List	   *from_cols;		/* of char * */
	List	   *to_cols;
} MFKey;

/*
 * A table that a property names, and its mapped view if it gets one.
 * Tables of the planned schema are read where that schema is now (itself,
 * or its shadow); tables of other schemas are read where they are.
 */
typedef struct MTable
{
	char	   *schema;			/* the real schema */
	char	   *physical;		/* where the table is read now */
	char	   *name;
	Oid			relid;
	List	   *columns;		/* of char *, in order */
	List	   *pkey;			/* of char * */
	List	   *fkeys;			/* of MFKey *: those of this table */
	char	   *view;			/* NULL: no property, no view */
	List	   *props;			/* of MappedProp *, by name */
} MTable;

/* A relationship, its join resolved. */
typedef struct MJoin
{
	MappedProp *prop;
	MTable	   *from;
	MTable	   *to;
	MTable	   *sec;			/* association table, or NULL */
	MFKey	   *fk;				/* no association table, no primaryjoin */
	bool		many_to_one;
	MFKey	   *sec_from;		/* sec -> from, unless primaryjoin */
	MFKey	   *sec_to;			/* sec -> to, unless secondaryjoin */
	bool		uselist;
	bool		unique;			/* at most one row by a key: no LIMIT */
} MJoin;

typedef struct MPlan
{
	const char *schema;			/* the real schema */
	const char *physical;		/* where its tables are now */
	List	   *tables;			/* of MTable *, those with a view */
	List	   *all;			/* of MTable *, every one looked at */
	List	   *joins;			/* of MJoin * */
} MPlan;

/* Where each property's text is in a statement, to name it in errors. */
typedef struct Span
{
	MappedProp *prop;
	int			start;			/* byte offsets of the property's own text */
	int			end;
	const char *what;			/* the user's text: "expression", "primaryjoin",
								 * ...; NULL: generated */
} Span;

/* props.c */
/* The one SPI check (util.c). */
#define mapped_spi_check(ret, expect, what) pgm_spi_check(ret, expect, what)
extern char *mapped_spi_text(int row, int col);
extern void mapped_split_relation(const char *relation, char **schema, char **table);
extern char *mapped_view_name(List *props, const char *table);

/* plan.c */
extern char *mapped_prop_label(MappedProp *p);
extern MJoin *mapped_join_of(MPlan *plan, MappedProp *p);
extern MPlan *mapped_make_plan(const char *schema, const char *physical, List *props,
							   bool skip_missing);
extern bool mapped_join_follows(MJoin *j, List *path);
extern bool mapped_join_loads_lazily(MJoin *j);

extern char *mapped_qualified(MPlan *plan, const char *name);
extern char *mapped_table_name(MTable *t);
extern List *mapped_add_span(List *spans, MappedProp *p, int start, int end,
							  const char *what);
extern char *mapped_view_ddl(MPlan *plan, MTable *t, List **spans);
extern char *mapped_function_ddl(MPlan *plan, MTable *t, MappedProp *p, List **spans);
extern bool mapped_prop_has_function(MappedProp *p);

/* check.c */
extern char *mapped_expression_type(MPlan *plan, MTable *t, MappedProp *p);
extern void mapped_run_ddl(const char *sql, List *spans, MTable *t);

/* apply.c */
extern void mapped_apply_plan(const char *schema, const char *physical, List *old,
							  List **views, List **functions, bool skip_missing);

#endif							/* PGM_MAPPED_INT_H */
