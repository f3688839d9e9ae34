/*-------------------------------------------------------------------------
 *
 * privileges.c
 *	  The "privileges" attribute of every object that has an acl: the
 *	  GRANTs of its acl but the owner's own, as PGM_SQL_ACL writes them,
 *	  worked out once per distinct acl and owner in a snapshot.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "handlers.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "utils/hsearch.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

#include "util.h"

/*
 * What PGM_SQL_ACL makes of one acl and owner depends on nothing else (the
 * role names do not change while a snapshot runs), and most objects that
 * have an acl share it with many others (the same GRANTs on every table):
 * each distinct pair is run once per snapshot, by key of its bytes.
 */
typedef struct AclKey
{
	Oid			owner;
	int			len;			/* of data: the aclitem[] as stored */
	const char *data;
} AclKey;

typedef struct AclEntry
{
	AclKey		key;
	Jsonb	   *privileges;		/* NULL: nothing is left */
} AclEntry;

static uint32
acl_key_hash(const void *key, Size keysize)
{
	const AclKey *k = key;

	return hash_bytes((const unsigned char *) k->data, k->len) ^ k->owner;
}

static int
acl_key_match(const void *a, const void *b, Size keysize)
{
	const AclKey *ka = a;
	const AclKey *kb = b;

	if (ka->owner != kb->owner || ka->len != kb->len)
		return 1;
	return memcmp(ka->data, kb->data, ka->len);
}

/*
 * "privileges" of an object whose acl is not NULL, as PGM_SQL_ACL writes
 * them (the owner's own left out; nothing when nothing is left), from the
 * same SQL run once per distinct acl and owner (AclEntry).
 */
void
snap_add_privileges(GNode *node, Datum acl, Oid owner)
{
	Graph	   *g = node->graph;
	struct varlena *a = PG_DETOAST_DATUM_PACKED(acl);
	AclKey		key;
	AclEntry   *e;
	bool		found;

	if (g->snap->acls == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(AclKey);
		ctl.entrysize = sizeof(AclEntry);
		ctl.hash = acl_key_hash;
		ctl.match = acl_key_match;
		ctl.hcxt = g->cxt;
		g->snap->acls = hash_create("pg_migrate acls", 64, &ctl,
									HASH_ELEM | HASH_FUNCTION | HASH_COMPARE |
									HASH_CONTEXT);
	}
	key.owner = owner;
	key.len = VARSIZE_ANY_EXHDR(a);
	key.data = VARDATA_ANY(a);
	e = hash_search(g->snap->acls, &key, HASH_ENTER, &found);
	if (!found)
	{
		Oid			argtypes[2] = {ACLITEMARRAYOID, OIDOID};
		Datum		values[2];
		int			ret;
		bool		isnull;
		Datum		d;
		MemoryContext caller = CurrentMemoryContext;

		e->key.data = MemoryContextAlloc(g->cxt, key.len);
		memcpy((char *) e->key.data, key.data, key.len);
		e->privileges = NULL;
		values[0] = acl;
		values[1] = ObjectIdGetDatum(owner);
		ret = SPI_execute_with_args("SELECT " PGM_SQL_ACL("$1", "", "$2", PGM_ACL_DEFAULT_NONE),
									2, argtypes, values, NULL, true, 1);
		pgm_spi_check_one(ret, SPI_OK_SELECT, "privileges query");
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		if (!isnull)
		{
			MemoryContext old = MemoryContextSwitchTo(g->cxt);

			e->privileges = DatumGetJsonbPCopy(d);
			MemoryContextSwitchTo(old);
		}
		SPI_freetuptable(SPI_tuptable);
		/* SPI leaves us in its own context: back to the handler's row */
		MemoryContextSwitchTo(caller);
	}
	if ((Pointer) a != DatumGetPointer(acl))
		pfree(a);
	if (e->privileges != NULL)
	{
		JsonbValue	v;

		/* the nodes share it: the graph never changes an attribute's value */
		v.type = jbvBinary;
		v.val.binary.data = &e->privileges->root;
		v.val.binary.len = VARSIZE(e->privileges) - VARHDRSZ;
		gnode_add_attr(node, "privileges", &v);
	}
}
