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

/* A foreign key, by column names. */
typedef struct MFKey
{
	char	   *name;
	char	   *from;			/* referencing table */
	char	   *to;				/* referenced table */
	List	   *from_cols;		/* of char * */
	List	   *to_cols;
} MFKey;

/* A table of the physical schema, and its mapped view if it gets one. */
typedef struct MTable
{
	char	   *name;
	Oid			relid;
	List	   *columns;		/* of char *, in order */
	List	   *pkey;			/* of char * */
	List	   *fkeys;			/* of MFKey *: those of this table */
	char	   *view;			/* NULL: no property, no view */
	List	   *props;			/* of MappedProp *, by name */
	int			visit;			/* 0 new, 1 on the path, 2 done */
} MTable;

/* A relationship, its join resolved. */
typedef struct MJoin
{
	MappedProp *prop;
	MTable	   *from;
	MTable	   *to;
	MTable	   *sec;			/* association table, or NULL */
	MFKey	   *fk;				/* no association table: the key */
	bool		many_to_one;
	MFKey	   *sec_from;		/* sec -> from */
	MFKey	   *sec_to;			/* sec -> to */
	bool		uselist;
} MJoin;

typedef struct MPlan
{
	const char *schema;			/* the real schema */
	const char *physical;		/* where the tables are now */
	List	   *tables;			/* of MTable *, those with a view */
	List	   *all;			/* of MTable *, every one looked at */
	List	   *joins;			/* of MJoin * */
	List	   *order;			/* of MTable *: views in creation order */
} MPlan;

/* Where each property's text is in a statement, to name it in errors. */
typedef struct Span
{
	MappedProp *prop;
	int			start;			/* byte offsets of the property's own text */
	int			end;
	bool		expression;		/* the text is the user's expression */
} Span;

/* props.c */
extern void mapped_spi_check(int ret, int expect, const char *what);
extern char *mapped_spi_text(int row, int col);
extern void mapped_split_relation(const char *relation, char **schema, char **table);
extern char *mapped_view_name(List *props, const char *table);

/* plan.c */
extern char *mapped_prop_label(MappedProp *p);
extern MJoin *mapped_join_of(MPlan *plan, MappedProp *p);
extern MPlan *mapped_make_plan(const char *schema, const char *physical, List *props,
							   bool skip_missing);

/* sql.c */
extern char *mapped_qualified(MPlan *plan, const char *name);
extern List *mapped_add_span(List *spans, MappedProp *p, int start, int end, bool expression);
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
