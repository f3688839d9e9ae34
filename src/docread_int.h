/*-------------------------------------------------------------------------
 *
 * docread_int.h
 *	  What the strict document reader (docread.c) and its SQL checks
 *	  (docread_sql.c) share.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_DOCREAD_INT_H
#define PGM_DOCREAD_INT_H

#include "postgres.h"

#include "nodes/parsenodes.h"

/* What a string must hold (each element, for arrays of strings). */
typedef enum VCheck
{
	VC_ANY,						/* any text: written as a literal */
	VC_NAME,					/* a non-empty name: written quoted */
	VC_ENUM,					/* one of the spec's values */
	VC_TYPENAME,				/* a type name */
	VC_EXPR,					/* one expression */
	VC_QNAME,					/* a name, possibly qualified, as quote_identifier
								 * writes it */
	VC_ROLE,					/* a role as regrole writes it, or PUBLIC */
	VC_OPTION,					/* "name=value" */
	VC_VIEWDEF,					/* one SELECT */
	VC_INDEXDEF,				/* one CREATE INDEX of this index */
	VC_TRIGDEF,					/* one CREATE TRIGGER of this trigger */
	VC_RULEDEF,					/* one CREATE RULE of this rule */
	VC_STATSDEF,				/* one CREATE STATISTICS */
	VC_AGGDEF,					/* one CREATE AGGREGATE */
	VC_OPERDEF,					/* one CREATE OPERATOR */
	VC_OPFAMDEF,				/* one CREATE OPERATOR FAMILY */
	VC_OPFAMMEMBER,				/* one member of ALTER OPERATOR FAMILY ADD */
	VC_OPCLASSDEF,				/* one CREATE OPERATOR CLASS */
	VC_CASTDEF,					/* one CREATE CAST */
	VC_TSDEF,					/* one CREATE TEXT SEARCH ... */
	VC_TSMAPPING,				/* one mapping of ADD MAPPING FOR */
	VC_FTDEF,					/* one CREATE FOREIGN TABLE */
	VC_PUBTABLE,				/* one table of FOR TABLE */
	VC_EVTFUNC,					/* "f()" of EXECUTE FUNCTION */
	VC_CONSTRDEF,				/* a constraint of the object's "type" */
	VC_PARTBY,					/* a PARTITION BY clause */
	VC_PARTBOUND				/* a partition bound */
} VCheck;

/*
 * Does s hold what check (an SQL-bearing VCheck, VC_TYPENAME or later)
 * says?  objname is the name of the object being read (a CREATE INDEX must
 * create that index).  On false, *problem says what s is not, and *error
 * the parser's complaint, if any.
 */
extern bool docread_check_sql(VCheck check, const char *s, const char *objname,
							  const char **problem, char **error);

/*
 * The one statement of sql, when it is one statement of kind tag; else
 * NULL and why in *error.  Nothing is looked up or run.
 */
extern Node *docread_parse_one(const char *sql, NodeTag tag, char **error);

/* One constraint definition ("CHECK (...)", ...), or NULL and *error. */
extern Constraint *docread_parse_constraint(const char *s, char **error);

#endif							/* PGM_DOCREAD_INT_H */
