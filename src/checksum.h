/*-------------------------------------------------------------------------
 *
 * checksum.h
 *	  The hash of a snapshot document (SHA-256 of its jsonb text output, 64
 *	  lowercase hex digits), stored as migrate_revisions.snapshot_hash.
 *
 * r1: revdag.c defines pgm_sha256_hex() and revdag_checksum(); this file
 * keeps its SHA-256 helper static so that the two never collide.  Until
 * revdag.c is built, revision_checksum() here computes exactly what
 * revdag_checksum() does (sha256 of upgrade_sql, one zero byte,
 * downgrade_sql); verify.c switches to revdag_checksum() and this copy
 * goes once revdag.c is committed.
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

/* Interim copy of revdag_checksum() (see above). */
extern char *revision_checksum(const char *upgrade_sql, const char *downgrade_sql);

#endif							/* PGM_CHECKSUM_H */
