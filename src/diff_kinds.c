/*-------------------------------------------------------------------------
 *
 * diff_kinds.c
 *	  How COMMENT ON and GRANT name the objects of the kinds a snapshot
 *	  writes whole (aggregates, operators, text search objects, foreign
 *	  data, casts, publications, event triggers, ...): "<kind> <name>",
 *	  the kind as its DDL handler writes it (sql_kind).  diff.c asks here
 *	  for the kinds it does not name itself.
 *
 *-------------------------------------------------------------------------
 */
#include "diff.h"

#include "utils/builtins.h"

/*
 * The COMMENT ON target of n: "AGGREGATE s.a(integer)" (an aggregate
 * without arguments is "s.a(*)"), "OPERATOR s.=(integer, integer)",
 * "SERVER films", ...  An ERROR for a kind without comments.  Palloc'd.
 */
char *
diff_kind_comment_target(GNode *n)
{
	const DdlHandler *h = pgm_ddl_handler(n->kind);
	char	   *name = gnode_qualname(n);
	size_t		len = strlen(name);

	switch (n->kind)
	{
		case OBJ_AGGREGATE:
			if (len >= 2 && strcmp(name + len - 2, "()") == 0)
				return psprintf("AGGREGATE %.*s(*)", (int) (len - 2), name);
			return psprintf("AGGREGATE %s", name);
		case OBJ_DEFACL:
		case OBJ_USERMAPPING:
		case OBJ_UNMODELED:
		case OBJ_NKINDS:
			break;
		default:
			if (h != NULL && h->sql_kind != NULL)
				return psprintf("%s %s", h->sql_kind, name);
			break;
	}
	elog(ERROR, "no comment target for kind %d", n->kind);
	return NULL;
}

/*
 * The GRANT target of n ("FUNCTION s.agg(integer)", "TABLE s.ft",
 * "FOREIGN SERVER films", ...), or NULL for a kind without privileges.
 * Palloc'd.
 */
char *
diff_kind_grant_target(GNode *n)
{
	switch (n->kind)
	{
		case OBJ_AGGREGATE:
			return psprintf("FUNCTION %s", gnode_qualname(n));
		case OBJ_FOREIGN_TABLE:
			return psprintf("TABLE %s", gnode_qualname(n));
		case OBJ_FDW:
			return psprintf("FOREIGN DATA WRAPPER %s", gnode_qualname(n));
		case OBJ_SERVER:
			return psprintf("FOREIGN SERVER %s", gnode_qualname(n));
		default:
			return NULL;
	}
}
