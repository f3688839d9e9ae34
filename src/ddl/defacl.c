/*-------------------------------------------------------------------------
 *
 * defacl.c
 *	  DDL for default privileges: ALTER DEFAULT PRIVILEGES FOR ROLE r
 *	  [IN SCHEMA s] GRANT / REVOKE ... ON TABLES | SEQUENCES | FUNCTIONS |
 *	  TYPES | SCHEMAS, from the privileges one side has and the other has
 *	  not.
 *
 * An absent object is what PostgreSQL has without a row in
 * pg_default_acl: nothing for a schema's, the defaults of the kind (the
 * role's every privilege, and EXECUTE or USAGE to PUBLIC on functions and
 * types) for the database's.  Default privileges decide the privileges of
 * the objects made after them, so the statements that take privileges
 * away run before every other step of the script and those that grant run
 * after every other: the objects the script makes get the privileges the
 * target document lists, not those of defaults changing around them.
 *
 *-------------------------------------------------------------------------
 */
#include "ddl.h"

#include "utils/builtins.h"
#include "utils/formatting.h"
#include "utils/jsonb.h"

/* One privilege a grantee has: its keyword and whether it is grantable. */
typedef struct DefPriv
{
	char	   *grantee;
	char	   *priv;
	bool		grantable;
} DefPriv;

/* The role's every privilege on the kind, as acldefault() gives them. */
static const char *const *
owner_privileges(const char *objtype)
{
	static const char *const tables[] = {"DELETE", "INSERT", "REFERENCES",
	"SELECT", "TRIGGER", "TRUNCATE", "UPDATE", NULL};
	static const char *const sequences[] = {"SELECT", "UPDATE", "USAGE", NULL};
	static const char *const functions[] = {"EXECUTE", NULL};
	static const char *const types[] = {"USAGE", NULL};
	static const char *const schemas[] = {"CREATE", "USAGE", NULL};

	if (strcmp(objtype, "tables") == 0)
		return tables;
	if (strcmp(objtype, "sequences") == 0)
		return sequences;
	if (strcmp(objtype, "functions") == 0)
		return functions;
	if (strcmp(objtype, "types") == 0)
		return types;
	if (strcmp(objtype, "schemas") == 0)
		return schemas;
	elog(ERROR, "unknown kind of default privileges \"%s\"", objtype);
	return NULL;
}

static List *
add_priv(List *privs, const char *grantee, const char *text)
{
	DefPriv    *p = palloc(sizeof(DefPriv));
	const char *opt = strstr(text, " WITH GRANT OPTION");

	p->grantee = pstrdup(grantee);
	p->priv = opt ? pnstrdup(text, opt - text) : pstrdup(text);
	p->grantable = (opt != NULL);
	return lappend(privs, p);
}

/*
 * What the node grants, as a list of DefPriv: its "grants", and for the
 * database's default privileges the role's own when not listed.  node
 * NULL: the state without the object (is_global, role, objtype say which).
 */
static List *
effective_privs(GNode *node, bool is_global, const char *role,
				const char *objtype)
{
	List	   *privs = NIL;
	bool		role_listed = false;

	if (node != NULL)
	{
		const JsonbValue *v = gnode_attr(node, "grants");

		if (v != NULL && v->type == jbvBinary)
		{
			JsonbIterator *it = JsonbIteratorInit(v->val.binary.data);
			JsonbValue	e;
			JsonbIteratorToken tok;
			char	   *grantee = NULL;

			while ((tok = JsonbIteratorNext(&it, &e, false)) != WJB_DONE)
			{
				if (tok == WJB_KEY)
				{
					grantee = pnstrdup(e.val.string.val, e.val.string.len);
					if (strcmp(grantee, role) == 0)
						role_listed = true;
				}
				else if (tok == WJB_ELEM && e.type == jbvString)
					privs = add_priv(privs, grantee,
									 pnstrdup(e.val.string.val, e.val.string.len));
			}
		}
	}
	else if (is_global)
	{
		if (strcmp(objtype, "functions") == 0)
			privs = add_priv(privs, "PUBLIC", "EXECUTE");
		else if (strcmp(objtype, "types") == 0)
			privs = add_priv(privs, "PUBLIC", "USAGE");
	}
	if (is_global && !role_listed)
		for (const char *const *p = owner_privileges(objtype); *p; p++)
			privs = add_priv(privs, role, *p);
	return privs;
}

static DefPriv *
find_priv(List *privs, DefPriv *p)
{
	ListCell   *lc;

	foreach(lc, privs)
	{
		DefPriv    *q = lfirst(lc);

		if (strcmp(q->grantee, p->grantee) == 0 && strcmp(q->priv, p->priv) == 0)
			return q;
	}
	return NULL;
}

/* The grantee as GRANT writes it: PUBLIC is a keyword, roles are quoted. */
static const char *
grantee_sql(const char *grantee)
{
	return grantee;				/* written as regrole writes it already */
}

/*
 * The statements from the privileges of s to those of t (either may be
 * NULL: absent), as two steps on node: what is revoked first, what is
 * granted last.
 */
static void
defacl_change(DiffContext *cx, GNode *node, GNode *s, GNode *t)
{
	char	   *role = gnode_str_req(node, "role");
	char	   *objtype = gnode_str_req(node, "object_type");
	bool		is_global = (node->schema == NULL);
	List	   *from = effective_privs(s, is_global, role, objtype);
	List	   *to = effective_privs(t, is_global, role, objtype);
	StringInfoData prefix;
	StringInfoData revokes;
	StringInfoData grants;
	char	   *on = asc_toupper(objtype, strlen(objtype));
	ListCell   *lc;

	initStringInfo(&prefix);
	appendStringInfo(&prefix, "ALTER DEFAULT PRIVILEGES FOR ROLE %s", role);
	if (!is_global)
		appendStringInfo(&prefix, " IN SCHEMA %s",
						 quote_identifier(node->schema->name));
	initStringInfo(&revokes);
	initStringInfo(&grants);

	foreach(lc, from)
	{
		DefPriv    *p = lfirst(lc);
		DefPriv    *q = find_priv(to, p);

		if (q == NULL)
			appendStringInfo(&revokes, "%s%s REVOKE %s ON %s FROM %s;",
							 revokes.len > 0 ? "\n" : "", prefix.data, p->priv,
							 on, grantee_sql(p->grantee));
		else if (p->grantable && !q->grantable)
			appendStringInfo(&revokes, "%s%s REVOKE GRANT OPTION FOR %s ON %s FROM %s;",
							 revokes.len > 0 ? "\n" : "", prefix.data, p->priv,
							 on, grantee_sql(p->grantee));
	}
	foreach(lc, to)
	{
		DefPriv    *q = lfirst(lc);
		DefPriv    *p = find_priv(from, q);

		if (p == NULL || (q->grantable && !p->grantable))
			appendStringInfo(&grants, "%s%s GRANT %s ON %s TO %s%s;",
							 grants.len > 0 ? "\n" : "", prefix.data, q->priv,
							 on, grantee_sql(q->grantee),
							 q->grantable ? " WITH GRANT OPTION" : "");
	}
	if (revokes.len > 0)
		diff_step(cx, t == NULL ? STEP_DROP : STEP_ALTER, node, "%s",
				  revokes.data)->phase = -1;
	if (grants.len > 0)
		diff_step(cx, s == NULL ? STEP_CREATE : STEP_ALTER, node, "%s",
				  grants.data)->phase = 1;
}

static void
defacl_create(DiffContext *cx, GNode *t)
{
	defacl_change(cx, t, NULL, t);
}

static void
defacl_drop(DiffContext *cx, GNode *s)
{
	defacl_change(cx, s, s, NULL);
}

static void
defacl_alter(DiffContext *cx, GNode *s, GNode *t)
{
	defacl_change(cx, t, s, t);
}

const DdlHandler pgm_ddl_defacl = {
	.create = defacl_create,
	.drop = defacl_drop,
	.alter = defacl_alter,
	.sql_kind = "DEFAULT PRIVILEGES",
};
