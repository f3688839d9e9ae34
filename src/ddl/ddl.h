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
extern char *ddl_column_definition(GNode *col);	/* column.c: "name type
												 * [COLLATE] [DEFAULT]..." */

#endif							/* PGM_DDL_H */
