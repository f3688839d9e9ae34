/*-------------------------------------------------------------------------
 *
 * checksum.c
 *	  Checksums of revisions' SQL and hashes of snapshot documents
 *	  (checksum.h says what each covers).
 *
 *-------------------------------------------------------------------------
 */
#include "checksum.h"

#include "common/cryptohash.h"
#include "common/sha2.h"
#include "lib/stringinfo.h"

/* SHA-256 of len bytes, as 64 lowercase hex digits (palloc'd). */
static char *
sha256_hex(const char *data, size_t len)
{
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	char	   *hex = palloc(PG_SHA256_DIGEST_LENGTH * 2 + 1);

	if (ctx == NULL)
		elog(ERROR, "out of memory creating a SHA-256 context");
	if (pg_cryptohash_init(ctx) < 0 ||
		pg_cryptohash_update(ctx, (const uint8 *) data, len) < 0 ||
		pg_cryptohash_final(ctx, digest, sizeof(digest)) < 0)
	{
		const char *why = pg_cryptohash_error(ctx);

		pg_cryptohash_free(ctx);
		elog(ERROR, "SHA-256 failed: %s", why);
	}
	pg_cryptohash_free(ctx);
	for (int i = 0; i < PG_SHA256_DIGEST_LENGTH; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	return hex;
}

/*
 * The checksum of a revision's SQL: SHA-256, in hex, of the upgrade SQL, a
 * zero byte and the downgrade SQL (so that moving text from one to the
 * other changes it).  Returns a palloc'd string of 64 characters.
 */
char *
revision_checksum(const char *upgrade_sql, const char *downgrade_sql)
{
	size_t		ul = strlen(upgrade_sql);
	size_t		dl = strlen(downgrade_sql);
	char	   *buf = palloc(ul + dl + 1);
	char	   *sum;

	memcpy(buf, upgrade_sql, ul);
	buf[ul] = '\0';
	memcpy(buf + ul + 1, downgrade_sql, dl);
	sum = sha256_hex(buf, ul + 1 + dl);
	pfree(buf);
	return sum;
}

/*
 * The hash of a snapshot document: SHA-256, in hex, of its text form
 * (jsonb's output, the same for equal documents).  Returns a palloc'd
 * string of 64 characters.
 */
char *
snapshot_hash(Jsonb *doc)
{
	StringInfoData buf;
	char	   *sum;

	initStringInfo(&buf);
	(void) JsonbToCString(&buf, &doc->root, VARSIZE(doc));
	sum = sha256_hex(buf.data, buf.len);
	pfree(buf.data);
	return sum;
}
