/*-------------------------------------------------------------------------
 *
 * checksum.h
 *	  The checksums and hashes pg_migrate stores: of a revision's SQL and of
 *	  a snapshot document.  Both are SHA-256, written as 64 lowercase hex
 *	  digits.
 *
 * r1 (revision.c, migrate.c): migrate_revisions.checksum is
 * revision_checksum(upgrade_sql, downgrade_sql) of the revision's current
 * SQL, and every migrate_log row of an upgrade or downgrade records
 * revision_checksum() of the SQL as it ran (upgrade_sql and downgrade_sql
 * of the revision at that moment, whatever the direction).  migrate_verify
 * (verify.c) compares the checksum of the last upgrade of each applied
 * revision with revision_checksum() of its stored SQL now.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_CHECKSUM_H
#define PGM_CHECKSUM_H

#include "postgres.h"

#include "utils/jsonb.h"

/* SHA-256 of len bytes, as 64 lowercase hex digits (palloc'd). */
extern char *pgm_sha256_hex(const char *data, size_t len);

/*
 * The checksum of a revision's SQL: SHA-256 of
 *	 <length of upgrade_sql in bytes> ":" upgrade_sql
 *	 <length of downgrade_sql in bytes> ":" downgrade_sql
 * (NULL counts as the empty string), so that no two pairs of scripts
 * share one input.  In SQL:
 *	 encode(sha256(convert_to(octet_length(u) || ':' || u ||
 *							  octet_length(d) || ':' || d, 'UTF8')), 'hex')
 * in a UTF8 database.
 */
extern char *revision_checksum(const char *upgrade_sql, const char *downgrade_sql);

/* The hash of a snapshot document: SHA-256 of its jsonb text output. */
extern char *snapshot_hash(Jsonb *doc);

#endif							/* PGM_CHECKSUM_H */
