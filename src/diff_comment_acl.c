/*-------------------------------------------------------------------------
 *
 * diff_comment_acl.c
 *	  Comments and privileges, for every kind: the COMMENT ON, GRANT and
 *	  REVOKE statements of the steps the diff engine (diff.c) makes for
 *	  each node it creates, alters or makes again.  The kinds diff.c does not name
 *	  itself are named by diff_kinds.c.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "utils/builtins.h"

#include "diff.h"

/* "TABLE app.t", "COLUMN app.t.c", "CONSTRAINT c ON app.t", ... */
static char *
comment_target(GNode *n)
{
	switch (n->kind)
	{
		case OBJ_SCHEMA:
			return psprintf("SCHEMA %s", gnode_qualname(n));
		case OBJ_EXTENSION:
			return psprintf("EXTENSION %s", gnode_qualname(n));
		case OBJ_COLLATION:
			return psprintf("COLLATION %s", gnode_qualname(n));
		case OBJ_TYPE:
			return psprintf("TYPE %s", gnode_qualname(n));
		case OBJ_FUNCTION:
			return psprintf("ROUTINE %s", gnode_qualname(n));
		case OBJ_TABLE:
			return psprintf("TABLE %s", gnode_qualname(n));
		case OBJ_SEQUENCE:
			return psprintf("SEQUENCE %s", gnode_qualname(n));
		case OBJ_VIEW:
			return psprintf("VIEW %s", gnode_qualname(n));
		case OBJ_MATVIEW:
			return psprintf("MATERIALIZED VIEW %s", gnode_qualname(n));
		case OBJ_COLUMN:
			return psprintf("COLUMN %s", gnode_qualname(n));
		case OBJ_INDEX:
			return psprintf("INDEX %s", gnode_qualname(n));
		case OBJ_CONSTRAINT:
			return psprintf("CONSTRAINT %s ON %s%s", gnode_qualname(n),
							n->parent->kind == OBJ_TYPE ? "DOMAIN " : "",
							gnode_qualname(n->parent));
		case OBJ_TRIGGER:
			return psprintf("TRIGGER %s ON %s", gnode_qualname(n),
							gnode_qualname(n->parent));
		case OBJ_POLICY:
			return psprintf("POLICY %s ON %s", gnode_qualname(n),
							gnode_qualname(n->parent));
		case OBJ_RULE:
			return psprintf("RULE %s ON %s", quote_identifier(n->name),
							gnode_qualname(n->parent));
		case OBJ_STATISTICS:
			return psprintf("STATISTICS %s", gnode_qualname(n));
		default:
			return diff_kind_comment_target(n);	/* an ERROR if none */
	}
}

/*
 * The COMMENT ON statement of t (a target node) when its comment differs
 * from that of s, its source version (NULL: t is new or made again); NULL
 * when they agree.  Palloc'd.
 */
char *
diff_comment_sql(GNode *s, GNode *t)
{
	char	   *old = s ? gnode_str(s, "comment") : NULL;
	char	   *new = gnode_str(t, "comment");

	if ((old == NULL && new == NULL) ||
		(old != NULL && new != NULL && strcmp(old, new) == 0))
		return NULL;
	return psprintf("COMMENT ON %s IS %s;",
					comment_target(t), new ? quote_literal_cstr(new) : "NULL");
}

/* The GRANT target of a node, or NULL for kinds without privileges. */
static char *
grant_target(GNode *n, const char **column)
{
	*column = NULL;
	switch (n->kind)
	{
		case OBJ_SCHEMA:
			return psprintf("SCHEMA %s", gnode_qualname(n));
		case OBJ_TYPE:
			return psprintf("TYPE %s", gnode_qualname(n));
		case OBJ_FUNCTION:
			return psprintf("ROUTINE %s", gnode_qualname(n));
		case OBJ_SEQUENCE:
			return psprintf("SEQUENCE %s", gnode_qualname(n));
		case OBJ_TABLE:
		case OBJ_VIEW:
		case OBJ_MATVIEW:
			return psprintf("TABLE %s", gnode_qualname(n));
		case OBJ_COLUMN:
			if (n->parent->kind == OBJ_TYPE)
				return NULL;
			*column = quote_identifier(n->name);
			return psprintf("TABLE %s", gnode_qualname(n->parent));
		default:
			return diff_kind_grant_target(n);
	}
}

/* Privileges an object has right after CREATE (owner's left out). */
static const char *
default_privileges(GNode *n)
{
	if (n->kind == OBJ_FUNCTION || n->kind == OBJ_AGGREGATE)
		return "{\"PUBLIC\": [\"EXECUTE\"]}";
	if (n->kind == OBJ_TYPE || n->kind == OBJ_LANGUAGE)
		return "{\"PUBLIC\": [\"USAGE\"]}";
	return NULL;
}

/* grantee -> list of privilege strings, from a privileges attribute */
static List *
privilege_pairs(const JsonbValue *v)
{
	List	   *pairs = NIL;
	JsonbIterator *it;
	JsonbValue	e;
	JsonbIteratorToken tok;
	char	   *grantee = NULL;

	if (v == NULL || v->type != jbvBinary)
		return NIL;
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &e, false)) != WJB_DONE)
	{
		if (tok == WJB_KEY)
			grantee = pnstrdup(e.val.string.val, e.val.string.len);
		else if (tok == WJB_ELEM && e.type == jbvString)
			pairs = lappend(pairs, psprintf("%s\t%.*s", grantee,
											e.val.string.len, e.val.string.val));
	}
	return pairs;
}

/* Does a privileges attribute hold no pair (privilege_pairs() NIL)? */
static bool
no_privileges(const JsonbValue *v)
{
	return v == NULL || v->type != jbvBinary ||
		JsonContainerSize(v->val.binary.data) == 0;
}

static List *
default_pairs(GNode *n)
{
	const char *def = default_privileges(n);
	Jsonb	   *jb;
	JsonbValue	v;

	if (def == NULL)
		return NIL;
	jb = DatumGetJsonbP(DirectFunctionCall1(jsonb_in, CStringGetDatum(def)));
	v.type = jbvBinary;
	v.val.binary.data = &jb->root;
	v.val.binary.len = VARSIZE(jb) - VARHDRSZ;
	return privilege_pairs(&v);
}

/* How a grantee holds a privilege: 0 not, 1 plainly, 2 with grant option. */
static int
privilege_state(List *pairs, const char *grantee, const char *priv)
{
	if (pgm_list_member_str(pairs, psprintf("%s\t%s WITH GRANT OPTION", grantee, priv)))
		return 2;
	if (pgm_list_member_str(pairs, psprintf("%s\t%s", grantee, priv)))
		return 1;
	return 0;
}

/*
 * GRANT or REVOKE one privilege of one grantee, from how it holds it in
 * the source (old) to how it must in the target (new).
 */
static List *
privilege_change(List *out, const char *target, const char *column,
				 const char *grantee, const char *priv, int old, int new)
{
	char	   *what = column ? psprintf("%s (%s)", priv, column) : (char *) priv;

	if (old == new)
		return out;
	if (new == 0)
		return lappend(out, psprintf("REVOKE %s ON %s FROM %s;", what, target, grantee));
	if (new == 1 && old == 2)
		return lappend(out, psprintf("REVOKE GRANT OPTION FOR %s ON %s FROM %s;",
									 what, target, grantee));
	return lappend(out, psprintf("GRANT %s ON %s TO %s%s;", what, target, grantee,
								 new == 2 ? " WITH GRANT OPTION" : ""));
}

/* Split "grantee\tPRIVILEGE[ WITH GRANT OPTION]" into its grantee and privilege. */
static void
split_pair(const char *pair, char **grantee, char **priv)
{
	const char *tab = strchr(pair, '\t');
	const char *wgo = strstr(tab + 1, " WITH GRANT OPTION");

	*grantee = pnstrdup(pair, tab - pair);
	*priv = wgo ? pnstrdup(tab + 1, wgo - (tab + 1)) : pstrdup(tab + 1);
}

/*
 * A column's privileges as they are once its table's privileges have
 * changed: REVOKE p ON TABLE also revokes p on every column of the table
 * (and REVOKE GRANT OPTION FOR p, the grant option of p on every column),
 * so a column privilege the table's step took away must be granted again
 * when the target keeps it.  old is the column's source pairs; the result
 * holds each of them at most as strongly as the table holds it afterwards,
 * when the table's step lowered it.
 */
static List *
column_pairs_after_table(List *old, GNode *stable, GNode *ttable)
{
	List	   *tab_old = privilege_pairs(gnode_attr(stable, "privileges"));
	List	   *tab_new = privilege_pairs(gnode_attr(ttable, "privileges"));
	List	   *result = NIL;
	ListCell   *lc;

	foreach(lc, old)
	{
		char	   *grantee;
		char	   *priv;
		int			before;
		int			after;
		int			col;

		split_pair(lfirst(lc), &grantee, &priv);
		before = privilege_state(tab_old, grantee, priv);
		after = privilege_state(tab_new, grantee, priv);
		col = privilege_state(old, grantee, priv);
		if (after < before && col > after)
			col = after;
		if (col == 2)
			result = lappend(result, psprintf("%s\t%s WITH GRANT OPTION", grantee, priv));
		else if (col == 1)
			result = lappend(result, psprintf("%s\t%s", grantee, priv));
	}
	return result;
}

/*
 * The GRANT and REVOKE statements that turn the privileges of s (NULL: the
 * defaults a new object gets) into those of t, in order, one per
 * privilege of a grantee.  NIL when they agree.
 */
List *
diff_privileges_sql(GNode *s, GNode *t)
{
	List	   *out = NIL;
	const char *column;
	char	   *target;
	List	   *old;
	List	   *new;
	List	   *done = NIL;
	ListCell   *lc;

	/*
	 * Most objects of a diff are in both documents, neither with privileges
	 * of its own: no pair on either side, nothing to grant or revoke (and
	 * no GRANT target to write for each of them).
	 */
	if (s != NULL && no_privileges(gnode_attr(s, "privileges")) &&
		no_privileges(gnode_attr(t, "privileges")))
		return NIL;
	target = grant_target(t, &column);
	if (target == NULL)
		return NIL;
	old = s ? privilege_pairs(gnode_attr(s, "privileges")) : default_pairs(t);
	if (s != NULL && column != NULL && s->parent != NULL)
		old = column_pairs_after_table(old, s->parent, t->parent);
	new = privilege_pairs(gnode_attr(t, "privileges"));
	foreach(lc, list_concat(list_copy(old), new))
	{
		char	   *grantee;
		char	   *priv;
		char	   *key;

		split_pair(lfirst(lc), &grantee, &priv);
		key = psprintf("%s\t%s", grantee, priv);
		if (pgm_list_member_str(done, key))
			continue;
		done = lappend(done, key);
		out = privilege_change(out, target, column, grantee, priv,
							   privilege_state(old, grantee, priv),
							   privilege_state(new, grantee, priv));
	}
	return out;
}
