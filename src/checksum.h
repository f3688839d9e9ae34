/*-------------------------------------------------------------------------
 *
 * checksum.h
 *	  The checksum of a revision's SQL and the hash of a snapshot document,
 *	  both SHA-256 as 64 lowercase hex digits.
 *
 * revision_checksum() is the checksum of a revision's SQL: what
 * migrate_revisions.checksum holds, what migrate.c logs in
 * migrate_log.checksum for every step (the revision's SQL as it ran), and
 * what migrate_verify() recomputes from the stored SQL.  It equals
 * revdag.c's revdag_checksum() (sha256 of upgrade_sql, one zero byte,
 * downgrade_sql); the SHA-256 helper here is static so that it never
 * collides with revdag.c's pgm_sha256_hex().
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_CHECKSUM_H
#define PGM_CHECKSUM_H

#include "postgres.h"

#include "utils/jsonb.h"

/*
 * The hash of a snapshot document: SHA-256 of its jsonb text output; in
 * SQL: encode(sha256(convert_to(doc::text, 'UTF8')), 'hex').
 */
extern char *snapshot_hash(Jsonb *doc);

/* The checksum of a revision's SQL (see above). */
extern char *revision_checksum(const char *upgrade_sql, const char *downgrade_sql);

#endif							/* PGM_CHECKSUM_H */
