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
extern const DdlHandler pgm_ddl_conversion;
extern const DdlHandler pgm_ddl_language;
extern const DdlHandler pgm_ddl_accessmethod;
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
extern const DdlHandler pgm_ddl_rule;
extern const DdlHandler pgm_ddl_statistics;
extern const DdlHandler pgm_ddl_defacl;
extern const DdlHandler pgm_ddl_aggregate;
extern const DdlHandler pgm_ddl_operator;
extern const DdlHandler pgm_ddl_opfamily;
extern const DdlHandler pgm_ddl_opclass;
extern const DdlHandler pgm_ddl_cast;
extern const DdlHandler pgm_ddl_tsparser;
extern const DdlHandler pgm_ddl_tstemplate;
extern const DdlHandler pgm_ddl_tsdict;
extern const DdlHandler pgm_ddl_tsconfig;
extern const DdlHandler pgm_ddl_fdw;
extern const DdlHandler pgm_ddl_server;
extern const DdlHandler pgm_ddl_usermapping;
extern const DdlHandler pgm_ddl_foreigntable;
extern const DdlHandler pgm_ddl_publication;
extern const DdlHandler pgm_ddl_eventtrigger;
extern const DdlHandler pgm_ddl_unmodeled;

/* ddl.c: helpers shared by the DDL handlers. */
extern char *ddl_literal(const char *s);
extern char *ddl_enable_statement(GNode *node, const char *what);
extern bool ddl_str_equal(const char *a, const char *b);
extern GNode *ddl_find_node(List *nodes, const char *name);
extern void ddl_mark_rebuild(DiffContext *cx, GNode *s);
extern void ddl_stmt(StringInfo buf, const char *fmt,...) pg_attribute_printf(2, 3);
extern GNode *ddl_find(Graph *g, const GNode *from, ObjKind kind, const char *name);
extern GNode *ddl_find_child(GNode *parent, ObjKind kind, const char *name);
extern bool ddl_is_new(DiffContext *cx, GNode *t);
extern DiffStep *ddl_find_step(DiffContext *cx, GNode *node, StepAction action);
extern List *ddl_partitions(Graph *g, GNode *table);
extern bool ddl_partition_detached(DiffContext *cx, GNode *t);
extern void ddl_after_alters_of(DiffContext *cx, DiffStep *step, GNode *node);
extern List *ddl_child_tables(Graph *g, GNode *table);

/* One entry of a list of "key=value" strings, split. */
typedef struct DdlKeyValue
{
	char	   *key;
	char	   *value;
} DdlKeyValue;

extern void ddl_keyvalue_changes(List *old, List *new, List **gone, List **set);
extern char *ddl_options_list(List *options);
extern char *ddl_tablespace_clause(GNode *node);

/* basetype.c: base and shell types, for type.c */
extern void ddl_basetype_create(DiffContext *cx, GNode *t);
extern void ddl_basetype_drop(DiffContext *cx, GNode *s);
extern void ddl_basetype_alter(DiffContext *cx, GNode *s, GNode *t);
extern void ddl_basetype_finish(DiffContext *cx);
extern char *ddl_set_tablespace(GNode *node);
extern void ddl_options_diff(StringInfo buf, const char *prefix, GNode *s, GNode *t);
extern void ddl_sequence_clamp(StringInfo buf, const char *seq, const char *smin,
							   const char *smax, const char *tmin, const char *tmax);
extern bool ddl_type_is_kind(GNode *node, const char *kind);
extern bool ddl_in_partition_key(GNode *table, const char *col);
extern bool ddl_key_column(Graph *g, GNode *table, const char *col);
extern GNode *ddl_fk_referenced(GNode *fk);

/* replace.c: replacing a type or collation in use (type.c, collation.c, function.c) */
extern bool ddl_replace_needed(DiffContext *cx, GNode *s);
extern char *ddl_replace_name(DiffContext *cx, GNode *s);
extern void ddl_replace_dependent_types(DiffContext *cx, GNode *s);
extern void ddl_replace_drop_after_users(DiffContext *cx, DiffStep *drop,
										 GNode *s);
extern void ddl_replace_convert(DiffContext *cx, GNode *s, GNode *t,
								DiffStep *created, const char *drop_sql,
								bool collation, bool lossy);
extern void ddl_replace_rebuild_tables(DiffContext *cx, GNode *s);
extern List *ddl_replace_columns(DiffContext *cx, GNode *s);
extern char *ddl_replace_name_in(DiffContext *cx, GNode *schema, const char *oldname);
extern List *ddl_replace_dependents(GNode *s);
extern void ddl_after_steps_of(DiffContext *cx, DiffStep *step, List *nodes, bool drops);

/* rows.c: a column's values converted, a rebuilt table's rows kept */
extern char *ddl_column_conversion(DiffContext *cx, GNode *s, GNode *t,
								   const char *col);
extern bool ddl_column_conversion_rewrites(DiffContext *cx, GNode *s, GNode *t,
										   const char *using);
extern char *ddl_table_keep_rows(DiffContext *cx, GNode *s, GNode *t,
								 DiffStep *drop);

/* coldef.c: how a column is written (for table.c and column.c) */
extern char *ddl_column_definition(GNode *col);	/* "name type [COLLATE]
												 * [DEFAULT]..." */
extern char *ddl_column_definition_ext(GNode *col, bool with_default);
extern void ddl_column_settings(StringInfo buf, GNode *col, GNode *base);
extern bool ddl_column_moves(GNode *s, GNode *t);
extern GNode *ddl_column_base(Graph *g, GNode *col);
extern const char *ddl_identity_kind(const GNode *col);
extern void ddl_identity_options(StringInfo buf, const GNode *col,
								 const GNode *base);
extern void ddl_column_changes(StringInfo buf, Graph *g, GNode *s, GNode *t,
							   GNode *ps, GNode *pt, bool *lock);

/* table.c: whether a table is rebuilt (also for column.c, constraint.c) */
extern bool ddl_table_columns_rebuild(DiffContext *cx, GNode *s, GNode *t);
extern bool ddl_table_rebuilds(DiffContext *cx, GNode *t, int depth);

#endif							/* PGM_DDL_H */
