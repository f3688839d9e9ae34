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

/*
 * Declared weak while the handlers are being written: a kind whose handler
 * is missing is refused with FEATURE_NOT_SUPPORTED (ddl.c).
 */
#define PGM_DDL_WEAK __attribute__((weak))

extern PGM_DDL_WEAK const DdlHandler pgm_ddl_schema;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_extension;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_collation;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_type;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_function;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_table;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_sequence;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_view;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_matview;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_column;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_constraint;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_index;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_trigger;
extern PGM_DDL_WEAK const DdlHandler pgm_ddl_policy;

/* Helpers shared by the DDL handlers. */
extern char *ddl_literal(const char *s);	/* ddl.c */
extern char *ddl_column_definition(GNode *col);	/* column.c: "name type
												 * [COLLATE] [DEFAULT]..." */

#endif							/* PGM_DDL_H */
