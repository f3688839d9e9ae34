/*-------------------------------------------------------------------------
 *
 * props.c
 *	  Reading the properties of a schema from migrate_properties, and the
 *	  small helpers every part of src/mapped/ uses.
 *
 * See docs/mapped-views.md; src/mapped/mapped_int.h lists the parts.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"

#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/nodeFuncs.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/plancache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
#include "utils/regproc.h"
#include "access/genam.h"

#include "mapped_int.h"
#include "snapshot.h"


static const char *const strategy_names[] = {
	"select", "joined", "selectin", "subquery", "raise", "noload"
};

const char *
mapped_strategy_name(LoadStrategy s)
{
	return strategy_names[s];
}

bool
mapped_strategy_is_eager(LoadStrategy s)
{
	return s == LOAD_JOINED || s == LOAD_SELECTIN || s == LOAD_SUBQUERY;
}

static LoadStrategy
strategy_from_name(const char *name)
{
	for (int i = 0; i < lengthof(strategy_names); i++)
		if (strcmp(name, strategy_names[i]) == 0)
			return (LoadStrategy) i;
	elog(ERROR, "pg_migrate: unknown loading strategy \"%s\" stored", name);
	return LOAD_SELECT;			/* keep the compiler quiet */
}

/* The extension's schema, quoted.  Needs SPI. */
const char *
mapped_ext_schema(void)
{
	return pgm_ext_schema();
}

void
mapped_spi_check(int ret, int expect, const char *what)
{
	if (ret != expect)
		elog(ERROR, "pg_migrate: %s failed: %d", what, ret);
}

char *
mapped_spi_text(int row, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc,
								  col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

bool
mapped_schema_has_model(const char *schema)
{
	Oid			types[1] = {TEXTOID};
	Datum		values[1] = {CStringGetTextDatum(schema)};

	mapped_spi_check(SPI_execute_with_args(psprintf("SELECT 1 FROM %s.migrate_models"
											 " WHERE schema_name OPERATOR(pg_catalog.=) $1::pg_catalog.name",
											 mapped_ext_schema()),
									1, types, values, NULL, false, 1),
			  SPI_OK_SELECT, "reading the models");
	return SPI_processed > 0;
}

/* ----------------------------------------------------------------
 * Reading the properties
 * ----------------------------------------------------------------
 */

/* Split a stored relation name "schema.table" (quoted as needed). */
void
mapped_split_relation(const char *relation, char **schema, char **table)
{
	List	   *names = stringToQualifiedNameList(relation);

	if (list_length(names) != 2)
		elog(ERROR, "pg_migrate: malformed relation \"%s\" stored", relation);
	*schema = strVal(linitial(names));
	*table = strVal(lsecond(names));
}

/*
 * The properties of the relations of one schema, by relation, then name.
 * Allocated in the current memory context.
 */
List *
mapped_load_props(const char *schema)
{
	MemoryContext cxt = CurrentMemoryContext;
	List	   *props = NIL;

	mapped_spi_check(SPI_execute(psprintf("SELECT p.relation, p.name::pg_catalog.text, p.kind,"
								   " p.definition OPERATOR(pg_catalog.->>) 'view',"
								   " p.definition OPERATOR(pg_catalog.->>) 'expression',"
								   " p.definition OPERATOR(pg_catalog.->>) 'deferred',"
								   " p.definition OPERATOR(pg_catalog.->>) 'target',"
								   " p.definition OPERATOR(pg_catalog.->>) 'lazy',"
								   " p.definition OPERATOR(pg_catalog.->>) 'foreign_key',"
								   " p.definition OPERATOR(pg_catalog.->>) 'secondary',"
								   " p.definition OPERATOR(pg_catalog.->>) 'uselist',"
								   " p.definition OPERATOR(pg_catalog.->>) 'order_by'"
								   " FROM %s.migrate_properties p"
								   " ORDER BY p.relation COLLATE \"C\", p.name COLLATE \"C\"",
								   mapped_ext_schema()),
						  false, 0),
			  SPI_OK_SELECT, "reading the properties");

	for (uint64 i = 0; i < SPI_processed; i++)
	{
		MemoryContext old = MemoryContextSwitchTo(cxt);
		MappedProp *p = palloc0(sizeof(MappedProp));
		char	   *kind;
		char	   *s;

		mapped_split_relation(mapped_spi_text(i, 1), &p->schema, &p->table);
		if (strcmp(p->schema, schema) != 0)
		{
			MemoryContextSwitchTo(old);
			continue;
		}
		p->name = mapped_spi_text(i, 2);
		kind = mapped_spi_text(i, 3);
		p->uselist = -1;
		if (strcmp(kind, "map") == 0)
		{
			p->kind = PROP_MAP;
			p->view = mapped_spi_text(i, 4);
		}
		else if (strcmp(kind, "column_property") == 0)
		{
			p->kind = PROP_COLUMN;
			p->expression = mapped_spi_text(i, 5);
			s = mapped_spi_text(i, 6);
			p->deferred = s != NULL && strcmp(s, "true") == 0;
		}
		else
		{
			char	   *ts,
					   *tt;

			p->kind = PROP_RELATIONSHIP;
			mapped_split_relation(mapped_spi_text(i, 7), &ts, &tt);
			p->target_table = tt;
			p->lazy = strategy_from_name(mapped_spi_text(i, 8));
			p->foreign_key = mapped_spi_text(i, 9);
			s = mapped_spi_text(i, 10);
			if (s != NULL)
				mapped_split_relation(s, &ts, &p->secondary);
			s = mapped_spi_text(i, 11);
			if (s != NULL)
				p->uselist = strcmp(s, "true") == 0 ? 1 : 0;
			p->order_by = mapped_spi_text(i, 12);
		}
		props = lappend(props, p);
		MemoryContextSwitchTo(old);
	}
	return props;
}

/* The view of a relation: its map row's name, else <table>_mapped. */
char *
mapped_view_name(List *props, const char *table)
{
	ListCell   *lc;

	foreach(lc, props)
	{
		MappedProp *p = lfirst(lc);

		if (p->kind == PROP_MAP && strcmp(p->table, table) == 0)
			return p->view;
	}
	{
		char	   *name = psprintf("%s_mapped", table);

		if (strlen(name) >= NAMEDATALEN)
			name[pg_mbcliplen(name, strlen(name), NAMEDATALEN - 1)] = '\0';
		return name;
	}
}
