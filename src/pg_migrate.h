/*-------------------------------------------------------------------------
 *
 * pg_migrate.h
 *	  Declarations shared by every part of pg_migrate.
 *
 * The path of the data (see docs/architecture.md):
 *
 *	catalogs --snapshot--> object graph --serialise--> jsonb document
 *
 * src/graph.c holds the object graph, src/snapshot.c drives the catalog
 * handlers of src/catalog/ (one file per object kind) that fill it.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PG_MIGRATE_H
#define PG_MIGRATE_H

#include "postgres.h"

#include "nodes/pg_list.h"
#include "utils/jsonb.h"
#include "utils/resowner.h"

#if PG_VERSION_NUM < 150000
#error "pg_migrate needs PostgreSQL 15 or later"
#endif

/* Version of the snapshot document written by migrate_snapshot(). */
#define PGM_SNAPSHOT_FORMAT 1

/* The search_path every catalog query of the extension runs under. */
#define PGM_CATALOG_SEARCH_PATH "pg_catalog, pg_temp"

/*
 * The key of the transaction-level advisory lock that every function that
 * changes state takes first: pg_advisory_xact_lock(PGM_ADVISORY_LOCK_KEY),
 * one bigint, 0x70675f6d69677261 ("pg_migra" in ASCII).
 */
#define PGM_ADVISORY_LOCK_KEY INT64CONST(0x70675f6d69677261)

/* pg_migrate.c */
extern int	pgm_lock_timeout;
extern void pgm_advisory_lock(void);
extern int	pgm_guc_nest_enter(void);
extern void pgm_guc_nest_leave(int nestlevel);
extern void pgm_set_local(const char *name, const char *value);
extern void pgm_set_search_path(const char *path);
extern void pgm_set_canonical_output(void);
extern void pgm_set_schema_search_path(const char *schema);
extern void pgm_set_shadow(const char *shadow, const char *stands_for);
extern void pgm_set_path_asides(List *pairs);
extern const char *pgm_path_aside(const char *schema);
extern void pgm_subxact_rollback(MemoryContext cxt, ResourceOwner owner);
extern ErrorData *pgm_subxact_catch(MemoryContext cxt, ResourceOwner owner);

#endif							/* PG_MIGRATE_H */
