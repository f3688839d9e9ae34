/*-------------------------------------------------------------------------
 *
 * graph_addrmap.c
 *	  Maps keyed by catalog address (class, oid, sub-id): the graph's nodes
 *	  by address, and the catalog rows the snapshot's handlers keep.
 *
 * A snapshot of 10,000 tables enters about 270,000 addresses and looks up
 * more than twice as many.  In a hash table, every one of those operations
 * lands on a random line of a table of 12 to 25 MB, a cache (and TLB) miss
 * each, which made them a fifth of the snapshot's time.  But the oids of a
 * database's objects are handed out from one counter, in the order the
 * objects were made, and the catalogs are read in about that order too
 * (heap order is insertion order, pg_depend's rows of one object follow
 * each other, columns are sorted by relation): so an address without
 * sub-id is kept in a slot of its own, found from its oid alone, in pages
 * of 128 consecutive oids.  Consecutive operations then touch the same
 * page or the next one.
 *
 * What a page cannot hold goes to a hash table (simplehash): addresses with
 * a sub-id (columns), an address whose slot holds another class's object
 * of the same oid, and oids too far from the others for the directory of
 * pages (at most ADDR_MAX_PAGES pages from the lowest to the highest).  A
 * column's address hashes next to the other columns of its relation.
 *
 * Entries are never removed; the first entry of an address stays.
 *
 *-------------------------------------------------------------------------
 */
#include "graph_int.h"

#include "common/hashfn.h"
#include "utils/memutils.h"

#define ADDR_PAGE_BITS	7
#define ADDR_PAGE_SIZE	(1 << ADDR_PAGE_BITS)
#define ADDR_MAX_PAGES	(1 << 18)	/* a directory of 2 MB: oids 32M apart */

/* 128 consecutive oids: the class of each (plus 1; 0: none) and its value */
typedef struct AddrPage
{
	uint32		tag[ADDR_PAGE_SIZE];
	void	   *value[ADDR_PAGE_SIZE];
} AddrPage;

typedef struct AddrEntry
{
	ObjAddr		addr;
	char		status;			/* used by simplehash */
	void	   *value;
} AddrEntry;

/*
 * The sub-id is added after the mixing: the columns of a relation take
 * consecutive buckets, so that its columns are looked up on one or two
 * cache lines.
 */
static inline uint32
addr_hash(ObjAddr addr)
{
	return murmurhash32(addr.objid ^ (addr.classid << 16) ^ (addr.classid >> 16)) +
		(uint32) addr.subid;
}

#define SH_PREFIX		addrhash
#define SH_ELEMENT_TYPE	AddrEntry
#define SH_KEY_TYPE		ObjAddr
#define SH_KEY			addr
#define SH_HASH_KEY(tb, key)	addr_hash(key)
#define SH_EQUAL(tb, a, b)	((a).objid == (b).objid && (a).classid == (b).classid && \
							 (a).subid == (b).subid)
#define SH_FILLFACTOR	(0.5)	/* short probes: lookups outnumber entries */
#define SH_SCOPE		static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

struct AddrMap
{
	MemoryContext cxt;
	uint32		first_page;		/* page number (oid / 128) of dir[0] */
	uint32		npages;			/* length of dir; 0 until the first entry */
	AddrPage  **dir;			/* pages, NULL where no oid is entered */
	addrhash_hash *rest;		/* the other entries, NULL until the first */
	uint32		rest_size;		/* initial size of rest */
	bool		rest_oids;		/* rest holds an address without sub-id */
};

/*
 * A new, empty map in cxt; nelements: about how many addresses with a
 * sub-id it will hold (what goes to its hash table).
 */
AddrMap *
addrmap_new(MemoryContext cxt, uint32 nelements)
{
	AddrMap    *map = MemoryContextAllocZero(cxt, sizeof(AddrMap));

	map->cxt = cxt;
	map->rest_size = Max(nelements, 16);
	return map;
}

/*
 * Make room for about n entries with a sub-id: growing the hash table step
 * by step would move every entry at each doubling.
 */
void
addrmap_reserve(AddrMap *map, uint32 n)
{
	if (map->rest == NULL)
		map->rest_size = Max(map->rest_size, n);
	else if ((uint64) n * 2 > map->rest->size)
		addrhash_grow(map->rest, (uint64) n * 2);	/* SH_FILLFACTOR 0.5 */
}

/*
 * The page of oids pageno, made if create (NULL if it is not there, or if
 * it would make the directory longer than ADDR_MAX_PAGES).
 */
static AddrPage *
addrmap_page(AddrMap *map, uint32 pageno, bool create)
{
	uint32		lo;
	uint32		hi;
	uint32		newn;
	uint32		newfirst;
	AddrPage  **newdir;

	if (pageno - map->first_page < map->npages)
	{
		AddrPage   *p = map->dir[pageno - map->first_page];

		if (p != NULL || !create)
			return p;
		p = MemoryContextAllocZero(map->cxt, sizeof(AddrPage));
		map->dir[pageno - map->first_page] = p;
		return p;
	}
	if (!create)
		return NULL;

	/* a longer directory: twice as long, at least, toward pageno */
	if (map->npages == 0)
		lo = hi = pageno;
	else
	{
		lo = Min(map->first_page, pageno);
		hi = Max(map->first_page + map->npages - 1, pageno);
	}
	if (hi - lo >= ADDR_MAX_PAGES)
		return NULL;
	newn = Min(Max(Max(hi - lo + 1, map->npages * 2), 64), ADDR_MAX_PAGES);
	if (map->npages == 0 || pageno > map->first_page)
	{
		newfirst = lo;
		if ((uint64) newfirst + newn > (uint64) PG_UINT32_MAX / ADDR_PAGE_SIZE + 1)
			newfirst = PG_UINT32_MAX / ADDR_PAGE_SIZE + 1 - newn;
	}
	else
		newfirst = hi + 1 >= newn ? hi + 1 - newn : 0;
	newdir = MemoryContextAllocZero(map->cxt, sizeof(AddrPage *) * newn);
	if (map->npages > 0)
	{
		memcpy(newdir + (map->first_page - newfirst), map->dir,
			   sizeof(AddrPage *) * map->npages);
		pfree(map->dir);
	}
	map->dir = newdir;
	map->first_page = newfirst;
	map->npages = newn;
	return addrmap_page(map, pageno, true);
}

/* The value slot of an address, entered (as NULL) if new. */
void	  **
addrmap_enter(AddrMap *map, Oid classid, Oid objid, int32 subid, bool *found)
{
	ObjAddr		key;
	AddrEntry  *e;

	if (subid == 0)
	{
		AddrPage   *p = addrmap_page(map, objid >> ADDR_PAGE_BITS, true);

		if (p != NULL)
		{
			int			i = objid & (ADDR_PAGE_SIZE - 1);
			uint32		tag = classid + 1;

			if (p->tag[i] == tag)
			{
				*found = true;
				return &p->value[i];
			}
			if (p->tag[i] == 0 && map->rest_oids)
			{
				/* entered in the hash table before the page was made? */
				key.classid = classid;
				key.objid = objid;
				key.subid = 0;
				e = addrhash_lookup(map->rest, key);
				if (e != NULL)
				{
					*found = true;
					return &e->value;
				}
			}
			if (p->tag[i] == 0)
			{
				p->tag[i] = tag;
				p->value[i] = NULL;
				*found = false;
				return &p->value[i];
			}
			/* another class's object has this oid: the hash table */
		}
	}
	if (map->rest == NULL)
		map->rest = addrhash_create(map->cxt, map->rest_size, NULL);
	key.classid = classid;
	key.objid = objid;
	key.subid = subid;
	if (subid == 0)
		map->rest_oids = true;
	e = addrhash_insert(map->rest, key, found);
	if (!*found)
		e->value = NULL;
	return &e->value;
}

/* The value stored under an address of the map, or NULL. */
void *
addrmap_get(AddrMap *map, Oid classid, Oid objid, int32 subid)
{
	ObjAddr		key;
	AddrEntry  *e;

	if (subid == 0)
	{
		uint32		pageno = objid >> ADDR_PAGE_BITS;

		if (pageno - map->first_page < map->npages)
		{
			AddrPage   *p = map->dir[pageno - map->first_page];
			int			i = objid & (ADDR_PAGE_SIZE - 1);

			if (p != NULL && p->tag[i] == classid + 1)
				return p->value[i];
			/* in the hash table, if another class's object has the slot */
			if ((p == NULL || p->tag[i] == 0) && !map->rest_oids)
				return NULL;
		}
		else if (!map->rest_oids)
			return NULL;
	}
	if (map->rest == NULL)
		return NULL;
	key.classid = classid;
	key.objid = objid;
	key.subid = subid;
	e = addrhash_lookup(map->rest, key);
	return e ? e->value : NULL;
}
