/*-------------------------------------------------------------------------
 *
 * util.h
 *	  The toolbox of pg_migrate: settings, search_path and GUC nesting,
 *	  subtransactions that are always rolled back, the advisory lock, the
 *	  SPI error check and the extension's schema.
 *
 * util.c is the bottom layer (docs/architecture.md): every other file may
 * call it, and it calls no other file of pg_migrate.
 *
 *-------------------------------------------------------------------------
 */
#ifndef PGM_UTIL_H
#define PGM_UTIL_H

#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "nodes/pg_list.h"
#include "utils/elog.h"
#include "utils/palloc.h"
#include "utils/resowner.h"

/*
 * The shared library is built with -fvisibility=hidden and the Makefile
 * defines PGDLLEXPORT as visibility("default"), so that only what
 * PostgreSQL looks up by name is exported.  PostgreSQL 15's
 * PG_FUNCTION_INFO_V1 marks the info function PGDLLEXPORT but not the
 * function itself (16 marks both): here it marks both, as 16 does.
 */
#if PG_VERSION_NUM < 160000
#undef PG_FUNCTION_INFO_V1
#define PG_FUNCTION_INFO_V1(funcname) \
extern PGDLLEXPORT Datum funcname(PG_FUNCTION_ARGS); \
extern PGDLLEXPORT const Pg_finfo_record * CppConcat(pg_finfo_,funcname)(void); \
const Pg_finfo_record * \
CppConcat(pg_finfo_,funcname) (void) \
{ \
	static const Pg_finfo_record my_finfo = { 1 }; \
	return &my_finfo; \
} \
extern int no_such_variable
#endif

/* The search_path every catalog query of the extension runs under. */
#define PGM_CATALOG_SEARCH_PATH "pg_catalog, pg_temp"

/*
 * The key of the transaction-level advisory lock that every function that
 * changes state takes first: pg_advisory_xact_lock(PGM_ADVISORY_LOCK_KEY),
 * one bigint, 0x70675f6d69677261 ("pg_migra" in ASCII).
 */
#define PGM_ADVISORY_LOCK_KEY INT64CONST(0x70675f6d69677261)

/* pg_migrate.lock_timeout: the lock_timeout of each step (ms), 0 = inherit */
extern int	pgm_lock_timeout;

extern void pgm_util_init_settings(void);
extern void pgm_check_settings(void);

/* settings, undone at the end of the nest level */
extern int	pgm_guc_nest_enter(void);
extern void pgm_guc_nest_leave(int nestlevel);
extern void pgm_set_local(const char *name, const char *value);
extern void pgm_set_search_path(const char *path);
extern void pgm_set_canonical_output(void);
extern void pgm_set_schema_search_path(const char *schema);
extern void pgm_set_shadow(const char *shadow, const char *stands_for);
extern void pgm_set_path_asides(List *pairs);
extern const char *pgm_path_aside(const char *schema);

/* subtransactions that are always rolled back */
extern void pgm_subxact_rollback(MemoryContext cxt, ResourceOwner owner);
extern ErrorData *pgm_subxact_catch(MemoryContext cxt, ResourceOwner owner);

/* locks */
extern void pgm_advisory_lock(void);

/* text, lists, arguments */
extern int	pgm_cmp_list_cstring(const ListCell *a, const ListCell *b);
extern char *pgm_text_arg(FunctionCallInfo fcinfo, int argno);
extern bool pgm_list_member_str(List *l, const char *s);
extern Datum pgm_text_array(List *strings);
extern text *pgm_spi_text(const char *s);
extern void pgm_append_va(StringInfo buf, const char *fmt, va_list args)
			pg_attribute_printf(2, 0);

/* SPI and the extension's own tables */
extern void pgm_spi_check(int ret, int expected, const char *what);
extern void pgm_spi_check_one(int ret, int expected, const char *what);
extern Oid	pgm_extension_schema(Oid extoid);
extern const char *pgm_ext_schema(void);

#endif							/* PGM_UTIL_H */
