/*-------------------------------------------------------------------------
 *
 * pg_migrate.c
 *	  The module's start: _PG_init() asks each part to define its settings.
 *	  Nothing else lives here; the toolbox every file uses is in util.c.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "autogen.h"
#include "online/online.h"
#include "unmodeled.h"
#include "util.h"

#include "fmgr.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

extern PGDLLEXPORT void _PG_init(void);

/*
 * Called once when the library is loaded: every part defines its own
 * settings, then the prefix pg_migrate is reserved so that a misspelt
 * setting is an error.
 */
void
_PG_init(void)
{
	pgm_util_init_settings();	/* pg_migrate.lock_timeout */
	autogen_init_settings();	/* pg_migrate.debug_* */
	unmodeled_init_settings();	/* pg_migrate.allow_unmodeled */
	online_init_settings();		/* pg_migrate.online_* */
	MarkGUCPrefixReserved("pg_migrate");
}
