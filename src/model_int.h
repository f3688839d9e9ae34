/*-------------------------------------------------------------------------
 *
 * model_int.h
 *	  What model.c and model_stmt.c share, and nothing else includes.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_MODEL_INT_H
#define PGM_MODEL_INT_H

#include "pg_migrate.h"

#include "nodes/parsenodes.h"
#include "nodes/primnodes.h"

/*
 * What a statement says about the model's schema itself (COMMENT ON SCHEMA,
 * GRANT/REVOKE ON SCHEMA, GRANT/REVOKE ON ALL ... IN SCHEMA): it runs
 * against the shadow schema instead.
 */
typedef enum SchemaSays
{
	SAYS_NOTHING,
	SAYS_COMMENT,				/* COMMENT ON SCHEMA */
	SAYS_PRIVILEGES,			/* GRANT/REVOKE ON SCHEMA */
	SAYS_IN_SCHEMA				/* GRANT/REVOKE ON ALL ... IN SCHEMA */
} SchemaSays;

/* One statement of a model's DDL. */
typedef struct ModelStmt
{
	int			number;			/* 1-based */
	char	   *text;			/* its text, without the ";" */
	Node	   *raw;			/* its raw parse tree */
	bool		skip;			/* CREATE EXTENSION of an installed one */
	SchemaSays	says;			/* about the model's schema itself */
} ModelStmt;

/*
 * model_stmt.c: the statements of a model's DDL (a List of ModelStmt *),
 * refused ones reported with an ERROR before any runs.
 */
extern List *model_statements(const char *ddl, const char *model_schema);

/* The relation a statement creates, or NULL. */
extern RangeVar *model_created_relation(Node *stmt);

/* An ERROR for a syntax error of the DDL, naming the statement it is in. */
extern void model_report_syntax_error(const char *ddl, ErrorData *edata);

#endif							/* PGM_MODEL_INT_H */
