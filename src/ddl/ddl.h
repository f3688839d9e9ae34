/*-------------------------------------------------------------------------
 *
 * ddl.h
 *	  One DDL handler per object kind: how to create, drop and alter one
 *	  object, as steps of a diff (see diff.h).  The catalog handlers of
 *	  src/catalog/ read objects; these write them.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_DDL_H
#define PGM_DDL_H

#include "diff.h"

extern const DdlHandler pgm_ddl_schema;
extern const DdlHandler pgm_ddl_extension;
extern const DdlHandler pgm_ddl_collation;
extern const DdlHandler pgm_ddl_type;
extern const DdlHandler pgm_ddl_function;
extern const DdlHandler pgm_ddl_table;
extern const DdlHandler pgm_ddl_sequence;
extern const DdlHandler pgm_ddl_view;
extern const DdlHandler pgm_ddl_matview;
extern const DdlHandler pgm_ddl_column;
extern const DdlHandler pgm_ddl_constraint;
extern const DdlHandler pgm_ddl_index;
extern const DdlHandler pgm_ddl_trigger;
extern const DdlHandler pgm_ddl_policy;

/* Helpers shared by the DDL handlers. */
extern char *ddl_literal(const char *s);	/* ddl.c */
extern bool ddl_str_equal(const char *a, const char *b);	/* ddl.c */
extern GNode *ddl_find_node(List *nodes, const char *name);	/* ddl.c */
extern void ddl_mark_rebuild(DiffContext *cx, GNode *s);	/* ddl.c */
extern char *ddl_column_definition(GNode *col);	/* column.c: "name type
												 * [COLLATE] [DEFAULT]..." */

/*
 * Shared between the DDL handlers: replacing a type or collation in use
 * (type.c), tables, columns and their partitions and children (table.c,
 * column.c), finding nodes and steps, writing statements and options.
 */
extern bool ddl_replace_needed(DiffContext *cx, GNode *s);
extern char *ddl_replace_name(DiffContext *cx, GNode *s);
extern void ddl_replace_dependent_types(DiffContext *cx, GNode *s);
extern void ddl_replace_drop_after_users(DiffContext *cx, DiffStep *drop,
										 GNode *s);
extern void ddl_replace_convert(DiffContext *cx, GNode *s, GNode *t,
								DiffStep *created, const char *drop_sql,
								bool collation, bool lossy);
extern void ddl_replace_rebuild_tables(DiffContext *cx, GNode *s);
extern void ddl_column_settings(StringInfo buf, GNode *col, GNode *base);
extern bool ddl_column_moves(GNode *s, GNode *t);
extern char *ddl_column_conversion(DiffContext *cx, GNode *s, GNode *t,
								   const char *col);
extern GNode *ddl_column_base(Graph *g, GNode *col);
extern GNode *ddl_find(Graph *g, const GNode *from, ObjKind kind, const char *name);
extern GNode *ddl_find_child(GNode *parent, ObjKind kind, const char *name);
extern bool ddl_is_new(DiffContext *cx, GNode *t);
extern DiffStep *ddl_find_step(DiffContext *cx, GNode *node, StepAction action);
extern bool ddl_table_columns_rebuild(DiffContext *cx, GNode *s, GNode *t);
extern List *ddl_child_tables(Graph *g, GNode *table);
extern void ddl_options_diff(StringInfo buf, const char *prefix, GNode *s, GNode *t);
extern void ddl_stmt(StringInfo buf, const char *fmt,...) pg_attribute_printf(2, 3);
extern void ddl_sequence_clamp(StringInfo buf, const char *seq, const char *smin,
							   const char *smax, const char *tmin, const char *tmax);
extern bool ddl_table_rebuilds(DiffContext *cx, GNode *t, int depth);
extern List *ddl_partitions(Graph *g, GNode *table);
extern char *ddl_options_list(List *options);
extern bool ddl_key_column(Graph *g, GNode *table, const char *col);
extern List *ddl_replace_columns(DiffContext *cx, GNode *s);

#endif							/* PGM_DDL_H */
