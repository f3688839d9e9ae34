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
 * The toolbox every file uses is declared in src/util.h.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PG_MIGRATE_H
#define PG_MIGRATE_H

#include "postgres.h"

#include "nodes/pg_list.h"
#include "utils/jsonb.h"
#include "utils/resowner.h"

#include "util.h"

#if PG_VERSION_NUM < 150000
#error "pg_migrate needs PostgreSQL 15 or later"
#endif

/* Version of the snapshot document written by migrate_snapshot(). */
#define PGM_SNAPSHOT_FORMAT 1

#endif							/* PG_MIGRATE_H */
