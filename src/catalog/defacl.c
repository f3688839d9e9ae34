/*-------------------------------------------------------------------------
 *
 * defacl.c
 *	  Default privileges (ALTER DEFAULT PRIVILEGES): one object per row of
 *	  pg_default_acl, that is per role, kind of object and schema.  Those
 *	  of a schema are objects of the schema; those of no schema are
 *	  database-wide, in "all" documents only.
 *
 * The privileges are written as "grants", grantee -> privileges, as the
 * "privileges" of other objects are.  Those of a schema add to the ones of
 * no schema and are written whole.  Those of no schema replace what
 * PostgreSQL gives by default (the role's own privileges, and EXECUTE or
 * USAGE to PUBLIC on functions and types): the role's own entry is left
 * out when it holds every privilege (it is written, possibly [], when
 * some were revoked).  docs/snapshot-format.md says so for the reader.
 *
 *-------------------------------------------------------------------------
 */
#include "handlers.h"

#include "catalog/pg_default_acl.h"

/* privilege_type with " WITH GRANT OPTION", of aclexplode() row a */
#define DEFACL_PRIV \
	"(a.privilege_type || CASE WHEN a.is_grantable" \
	"  THEN ' WITH GRANT OPTION' ELSE '' END) COLLATE \"C\""

#define DEFACL_GRANTEE \
	"CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END"

#define DEFACL_OBJTYPE \
	"CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'" \
	"  WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types'" \
	"  WHEN 'n' THEN 'schemas' END"

const SnapHandler pgm_defacl_handler = {
	.kind = OBJ_DEFACL,
	.classid = DefaultAclRelationId,
	.query =
	"SELECT d.oid AS _oid, d.defaclnamespace AS _nsp,"
	"       d.defaclrole::regrole::text || ' ' || " DEFACL_OBJTYPE " AS _name,"
	"       d.defaclrole::regrole::text AS role,"
	"       " DEFACL_OBJTYPE " AS object_type,"
	"       (SELECT jsonb_object_agg(g.grantee, g.privs) FROM ("
	"          SELECT " DEFACL_GRANTEE " AS grantee,"
	"                 jsonb_agg(DISTINCT " DEFACL_PRIV ") AS privs"
	"            FROM aclexplode(d.defaclacl) a GROUP BY 1) g) AS grants"
	"  FROM pg_default_acl d"
	" WHERE d.defaclnamespace = ANY($1)",
};

const SnapHandler pgm_defaclglobal_handler = {
	.kind = OBJ_DEFACL,
	.classid = DefaultAclRelationId,
	.query =
	"SELECT d.oid AS _oid,"
	"       d.defaclrole::regrole::text || ' ' || " DEFACL_OBJTYPE " AS _name,"
	"       d.defaclrole::regrole::text AS role,"
	"       " DEFACL_OBJTYPE " AS object_type,"
	"       (SELECT jsonb_object_agg(g.grantee, g.privs) FROM ("
	"          SELECT a.grantee AS gid, " DEFACL_GRANTEE " AS grantee,"
	"                 jsonb_agg(DISTINCT " DEFACL_PRIV ") AS privs"
	"            FROM aclexplode(d.defaclacl) a GROUP BY 1, 2"
	"          UNION ALL"
	"          SELECT d.defaclrole, d.defaclrole::regrole::text, '[]'::jsonb"
	"           WHERE NOT EXISTS (SELECT 1 FROM aclexplode(d.defaclacl) x"
	"                              WHERE x.grantee = d.defaclrole)) g"
	"         WHERE g.gid <> d.defaclrole OR g.privs IS DISTINCT FROM"
	"               (SELECT jsonb_agg(DISTINCT " DEFACL_PRIV ")"
	"                  FROM aclexplode(acldefault(CASE d.defaclobjtype"
	"                         WHEN 'S' THEN 's'::\"char\" ELSE d.defaclobjtype END,"
	"                         d.defaclrole)) a"
	"                 WHERE a.grantee = d.defaclrole)) AS grants"
	"  FROM pg_default_acl d"
	" WHERE d.defaclnamespace = 0 AND $2",
};
