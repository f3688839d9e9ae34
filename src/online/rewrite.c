/*-------------------------------------------------------------------------
 *
 * rewrite.c
 *	  A revision's SQL in online mode (docs/revisions.md, "Online mode"):
 *	  each statement of it, as PostgreSQL's parser reads it, becomes one or
 *	  more steps that take no long lock where PostgreSQL has such a form:
 *
 *	  CREATE INDEX			CREATE INDEX CONCURRENTLY
 *	  DROP INDEX			DROP INDEX CONCURRENTLY
 *	  DROP INDEX i, then CREATE INDEX i	 (an index changed)
 *							ALTER INDEX i RENAME TO i_pgm_old;
 *							CREATE INDEX CONCURRENTLY i ...;
 *							DROP INDEX CONCURRENTLY i_pgm_old
 *	  ADD CONSTRAINT c FOREIGN KEY / CHECK
 *							ADD CONSTRAINT c ... NOT VALID;
 *							VALIDATE CONSTRAINT c
 *	  ADD CONSTRAINT c UNIQUE / PRIMARY KEY (columns)
 *							CREATE UNIQUE INDEX CONCURRENTLY c ...;
 *							(primary key: each column's NOT NULL proved
 *							 by a validated CHECK first, as below)
 *							ADD CONSTRAINT c ... USING INDEX c
 *	  ALTER COLUMN x SET NOT NULL
 *							ADD CONSTRAINT x_pgm_not_null
 *								CHECK (x IS NOT NULL) NOT VALID;
 *							VALIDATE CONSTRAINT x_pgm_not_null;
 *							ALTER COLUMN x SET NOT NULL (no scan);
 *							DROP CONSTRAINT x_pgm_not_null
 *
 *	  Everything else runs as written, each statement in a transaction of
 *	  its own; so do the statements above on a table created by the same
 *	  revision (it is new: nobody waits for it), on a partitioned table
 *	  (PostgreSQL has no concurrent forms there), and an ALTER TABLE of
 *	  several subcommands.  The reason is kept with the step (its note),
 *	  for migrate_online_plan().
 *
 *	  The text of a rewritten statement is the statement as written with a
 *	  keyword put in at a token boundary that PostgreSQL's own scanner
 *	  finds (CONCURRENTLY after INDEX), or NOT VALID added at its end, or a
 *	  statement built from the names of the parse tree, quoted; each
 *	  rewritten text is parsed again and checked to mean what it should.
 *
 *-------------------------------------------------------------------------
 */
#include "pg_migrate.h"
#include "online/online.h"

#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "mb/pg_wchar.h"
#include "nodes/parsenodes.h"
#include "parser/parser.h"
#include "parser/scanner.h"
#include "parser/gram.h"
#include "parser/scansup.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* What the rewrite of one revision knows as it goes. */
typedef struct Rewrite
{
	const char *sql;
	bool		lookup;			/* look the tables up in the catalogs */
	List	   *created;		/* RangeVar: tables the revision creates */
	List	   *steps;
	int			stmt;
	List	   *raw;			/* the statements (RawStmt) */
	int			pos;			/* of the statement being rewritten */
	bool		skip_next;		/* the next statement was taken already */
} Rewrite;

static const char *const kind_names[] = {
	[ONLINE_PLAIN] = "as written",
	[ONLINE_SESSION] = "setting",
	[ONLINE_REWRITTEN] = "online",
	[ONLINE_CREATE_INDEX] = "create index concurrently",
	[ONLINE_DROP_INDEX] = "drop index concurrently",
};

/* The name of a kind of step, as migrate_online_steps stores it. */
const char *
online_kind_name(OnlineKind kind)
{
	return kind_names[kind];
}

/* The kind of step a stored name stands for. */
OnlineKind
online_kind_from_name(const char *name)
{
	for (int k = 0; k < lengthof(kind_names); k++)
		if (strcmp(kind_names[k], name) == 0)
			return (OnlineKind) k;
	elog(ERROR, "unknown kind of online step \"%s\"", name);
	return ONLINE_PLAIN;		/* keep the compiler quiet */
}

/* Does a kind of step run outside a transaction block? */
bool
online_kind_concurrent(OnlineKind kind)
{
	return kind == ONLINE_CREATE_INDEX || kind == ONLINE_DROP_INDEX;
}

static void
add_step(Rewrite *rw, OnlineKind kind, char *sql, const char *note)
{
	OnlineStep *s = palloc0(sizeof(OnlineStep));

	s->kind = kind;
	s->sql = sql;
	s->stmt = rw->stmt;
	s->note = note;
	rw->steps = lappend(rw->steps, s);
}

/* The text of one statement, without the space around it. */
static char *
stmt_text(const char *sql, RawStmt *rs)
{
	int			start = rs->stmt_location;
	int			len = rs->stmt_len > 0 ? rs->stmt_len : (int) strlen(sql + start);

	while (len > 0 && scanner_isspace(sql[start]))
		start++, len--;
	while (len > 0 && scanner_isspace(sql[start + len - 1]))
		len--;
	return pnstrdup(sql + start, len);
}

/* A single statement's parse tree; NULL when the text is not one. */
static Node *
parse_one(const char *sql)
{
	List	   *raw = raw_parser(sql, RAW_PARSE_DEFAULT);

	if (list_length(raw) != 1)
		return NULL;
	return linitial_node(RawStmt, raw)->stmt;
}

/*
 * The statement with CONCURRENTLY put in after its first INDEX keyword, as
 * the scanner finds it (not in a string, a comment or a quoted name).
 */
static char *
add_concurrently(const char *text)
{
	core_yy_extra_type yyextra;
	core_YYSTYPE yylval;
	YYLTYPE		yylloc;
	core_yyscan_t scanner;
	int			at = -1;
	int			tok;
	StringInfoData buf;

	scanner = scanner_init(text, &yyextra, &ScanKeywords, ScanKeywordTokens);
	while ((tok = core_yylex(&yylval, &yylloc, scanner)) != 0)
		if (tok == INDEX)
		{
			at = yylloc + strlen("index");
			break;
		}
	scanner_finish(scanner);
	if (at < 0)
		elog(ERROR, "no INDEX keyword in \"%s\"", text);

	initStringInfo(&buf);
	appendBinaryStringInfo(&buf, text, at);
	appendStringInfoString(&buf, " CONCURRENTLY");
	appendStringInfoString(&buf, text + at);
	return buf.data;
}

/* The statement with NOT VALID at its end (after a comment, on a line of its own). */
static char *
add_not_valid(const char *text)
{
	const char *nl = strrchr(text, '\n');
	const char *last = nl ? nl + 1 : text;

	return psprintf("%s%sNOT VALID", text, strstr(last, "--") ? "\n" : " ");
}

/* RangeVar as SQL: [ONLY] schema.name, quoted. */
static char *
rel_sql(RangeVar *rv)
{
	return psprintf("%s%s", rv->inh ? "" : "ONLY ",
					quote_qualified_identifier(rv->schemaname, rv->relname));
}

/* A name made of a base and a suffix, clipped to NAMEDATALEN - 1 bytes. */
static char *
suffixed_name(const char *base, const char *suffix)
{
	int			room = NAMEDATALEN - 1 - strlen(suffix);
	int			len = pg_mbcliplen(base, strlen(base), room);

	return psprintf("%.*s%s", len, base, suffix);
}

static bool
same_table(RangeVar *a, RangeVar *b)
{
	if (strcmp(a->relname, b->relname) != 0)
		return false;
	return a->schemaname == NULL || b->schemaname == NULL ||
		strcmp(a->schemaname, b->schemaname) == 0;
}

/*
 * Why a table's statement must run as written: created by this revision,
 * or partitioned (or NULL: it may be rewritten).  A table the catalogs do
 * not know yet is created by an earlier revision of the same run.
 */
static const char *
table_unfit(Rewrite *rw, RangeVar *rv, bool for_index)
{
	ListCell   *lc;

	foreach(lc, rw->created)
		if (same_table(lfirst(lc), rv))
			return "the table is created by the same revision";
	if (rw->lookup)
	{
		Oid			relid = RangeVarGetRelid(rv, NoLock, true);

		if (OidIsValid(relid))
		{
			char		relkind = get_rel_relkind(relid);

			if (relkind == RELKIND_PARTITIONED_TABLE)
				return "PostgreSQL has no concurrent or NOT VALID form of it for a partitioned table";
			if (relkind != RELKIND_RELATION && !(for_index && relkind == RELKIND_MATVIEW))
				return "not a table";
		}
	}
	return NULL;
}

/* CREATE INDEX: CONCURRENTLY. */
static void
rewrite_index(Rewrite *rw, IndexStmt *stmt, char *text)
{
	const char *why;
	char	   *sql;
	Node	   *check;

	if (stmt->concurrent)
	{
		add_step(rw, ONLINE_CREATE_INDEX, text, NULL);
		return;
	}
	why = table_unfit(rw, stmt->relation, true);
	if (why != NULL)
	{
		add_step(rw, ONLINE_PLAIN, text, why);
		return;
	}
	sql = add_concurrently(text);
	check = parse_one(sql);
	if (check == NULL || !IsA(check, IndexStmt) || !((IndexStmt *) check)->concurrent)
		elog(ERROR, "CONCURRENTLY could not be added to \"%s\"", text);
	add_step(rw, ONLINE_CREATE_INDEX, sql, NULL);
}

/*
 * DROP INDEX: CONCURRENTLY; followed by a CREATE INDEX of the same name
 * (the index changed), the old one is renamed away and dropped once the
 * new one is built, so that the table always has one.
 */
static void
rewrite_drop_index(Rewrite *rw, DropStmt *stmt, char *text)
{
	List	   *name;
	RangeVar   *rv;
	char	   *sql;
	Node	   *check;
	RawStmt    *next;

	if (stmt->concurrent)
	{
		add_step(rw, ONLINE_DROP_INDEX, text, NULL);
		return;
	}
	if (list_length(stmt->objects) != 1)
	{
		add_step(rw, ONLINE_PLAIN, text,
				 "DROP INDEX CONCURRENTLY drops one index: write one statement per index");
		return;
	}
	if (stmt->behavior == DROP_CASCADE)
	{
		add_step(rw, ONLINE_PLAIN, text, "DROP INDEX CONCURRENTLY has no CASCADE");
		return;
	}
	name = linitial(stmt->objects);
	rv = makeRangeVarFromNameList(name);
	if (rw->lookup)
	{
		Oid			relid = RangeVarGetRelid(rv, NoLock, true);

		if (OidIsValid(relid) && get_rel_relkind(relid) == RELKIND_PARTITIONED_INDEX)
		{
			add_step(rw, ONLINE_PLAIN, text,
					 "PostgreSQL cannot drop the index of a partitioned table concurrently");
			return;
		}
	}

	/* the index changed: dropped, then created again under its name */
	next = rw->pos + 1 < list_length(rw->raw) ? list_nth_node(RawStmt, rw->raw, rw->pos + 1) : NULL;
	if (next != NULL && IsA(next->stmt, IndexStmt) && !stmt->missing_ok)
	{
		IndexStmt  *idx = (IndexStmt *) next->stmt;

		if (idx->idxname != NULL && strcmp(idx->idxname, rv->relname) == 0 &&
			!idx->concurrent && table_unfit(rw, idx->relation, true) == NULL)
		{
			char	   *old = suffixed_name(rv->relname, "_pgm_old");

			add_step(rw, ONLINE_REWRITTEN,
					 psprintf("ALTER INDEX %s RENAME TO %s",
							  quote_qualified_identifier(rv->schemaname, rv->relname),
							  quote_identifier(old)), NULL);
			rw->stmt++;
			rewrite_index(rw, idx, stmt_text(rw->sql, next));
			add_step(rw, ONLINE_DROP_INDEX,
					 psprintf("DROP INDEX CONCURRENTLY %s",
							  quote_qualified_identifier(rv->schemaname, old)), NULL);
			rw->skip_next = true;
			return;
		}
	}

	sql = add_concurrently(text);
	check = parse_one(sql);
	if (check == NULL || !IsA(check, DropStmt) || !((DropStmt *) check)->concurrent)
		elog(ERROR, "CONCURRENTLY could not be added to \"%s\"", text);
	add_step(rw, ONLINE_DROP_INDEX, sql, NULL);
}

/* The steps that prove a column NOT NULL by a validated CHECK. */
static char *
add_not_null_check(Rewrite *rw, const char *rel, const char *column)
{
	char	   *check = suffixed_name(column, "_pgm_not_null");

	add_step(rw, ONLINE_REWRITTEN,
			 psprintf("ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID",
					  rel, quote_identifier(check), quote_identifier(column)), NULL);
	add_step(rw, ONLINE_REWRITTEN,
			 psprintf("ALTER TABLE %s VALIDATE CONSTRAINT %s", rel, quote_identifier(check)),
			 NULL);
	return check;
}

/* ADD CONSTRAINT: NOT VALID then VALIDATE, or a unique index built first. */
static void
rewrite_add_constraint(Rewrite *rw, AlterTableStmt *stmt, Constraint *con, char *text)
{
	char	   *rel = rel_sql(stmt->relation);
	const char *why;

	if (con->contype != CONSTR_FOREIGN && con->contype != CONSTR_CHECK &&
		con->contype != CONSTR_PRIMARY && con->contype != CONSTR_UNIQUE)
	{
		add_step(rw, ONLINE_PLAIN, text, NULL);
		return;
	}
	if (con->skip_validation)
	{
		add_step(rw, ONLINE_PLAIN, text, NULL);	/* NOT VALID already */
		return;
	}
	if (con->conname == NULL)
	{
		add_step(rw, ONLINE_PLAIN, text,
				 "the constraint has no name: name it (ADD CONSTRAINT name ...) to add it online");
		return;
	}
	why = table_unfit(rw, stmt->relation, false);
	if (why != NULL)
	{
		add_step(rw, ONLINE_PLAIN, text, why);
		return;
	}

	if (con->contype == CONSTR_FOREIGN || con->contype == CONSTR_CHECK)
	{
		char	   *sql = add_not_valid(text);
		Node	   *check = parse_one(sql);
		AlterTableCmd *cmd;

		if (check == NULL || !IsA(check, AlterTableStmt) ||
			list_length(((AlterTableStmt *) check)->cmds) != 1 ||
			(cmd = linitial(((AlterTableStmt *) check)->cmds))->subtype != AT_AddConstraint ||
			!castNode(Constraint, cmd->def)->skip_validation)
			elog(ERROR, "NOT VALID could not be added to \"%s\"", text);
		add_step(rw, ONLINE_REWRITTEN, sql, NULL);
		add_step(rw, ONLINE_REWRITTEN,
				 psprintf("ALTER TABLE %s VALIDATE CONSTRAINT %s", rel,
						  quote_identifier(con->conname)), NULL);
		return;
	}

	/* UNIQUE, PRIMARY KEY: from a unique index built concurrently */
	if (con->indexname != NULL || con->keys == NIL || con->including != NIL ||
		con->options != NIL || con->indexspace != NULL || con->deferrable ||
		con->nulls_not_distinct || !stmt->relation->inh)
	{
		add_step(rw, ONLINE_PLAIN, text,
				 "only a constraint of plain columns, without options, is built from a concurrent index");
		return;
	}
	{
		StringInfoData cols;
		ListCell   *lc;
		List	   *checks = NIL;

		initStringInfo(&cols);
		foreach(lc, con->keys)
			appendStringInfo(&cols, "%s%s", cols.len ? ", " : "",
							 quote_identifier(strVal(lfirst(lc))));
		add_step(rw, ONLINE_CREATE_INDEX,
				 psprintf("CREATE UNIQUE INDEX CONCURRENTLY %s ON %s (%s)",
						  quote_identifier(con->conname), rel, cols.data), NULL);
		if (con->contype == CONSTR_PRIMARY)
			foreach(lc, con->keys)
				checks = lappend(checks, add_not_null_check(rw, rel, strVal(lfirst(lc))));
		add_step(rw, ONLINE_REWRITTEN,
				 psprintf("ALTER TABLE %s ADD CONSTRAINT %s %s USING INDEX %s", rel,
						  quote_identifier(con->conname),
						  con->contype == CONSTR_PRIMARY ? "PRIMARY KEY" : "UNIQUE",
						  quote_identifier(con->conname)), NULL);
		foreach(lc, checks)
			add_step(rw, ONLINE_REWRITTEN,
					 psprintf("ALTER TABLE %s DROP CONSTRAINT %s", rel,
							  quote_identifier(lfirst(lc))), NULL);
	}
}

/* ALTER TABLE of one subcommand that has an online form. */
static void
rewrite_alter(Rewrite *rw, AlterTableStmt *stmt, char *text)
{
	AlterTableCmd *cmd;
	ListCell   *lc;

	if (stmt->objtype != OBJECT_TABLE)
	{
		add_step(rw, ONLINE_PLAIN, text, NULL);
		return;
	}
	if (list_length(stmt->cmds) != 1)
	{
		foreach(lc, stmt->cmds)
		{
			cmd = lfirst(lc);
			if (cmd->subtype == AT_SetNotNull || cmd->subtype == AT_AddConstraint)
			{
				add_step(rw, ONLINE_PLAIN, text,
						 "an ALTER TABLE of several subcommands runs as written: write one statement per constraint to have it online");
				return;
			}
		}
		add_step(rw, ONLINE_PLAIN, text, NULL);
		return;
	}
	cmd = linitial(stmt->cmds);
	if (cmd->subtype == AT_AddConstraint)
		rewrite_add_constraint(rw, stmt, castNode(Constraint, cmd->def), text);
	else if (cmd->subtype == AT_SetNotNull)
	{
		const char *why = table_unfit(rw, stmt->relation, false);
		char	   *rel = rel_sql(stmt->relation);
		char	   *check;

		if (why != NULL)
		{
			add_step(rw, ONLINE_PLAIN, text, why);
			return;
		}
		check = add_not_null_check(rw, rel, cmd->name);
		add_step(rw, ONLINE_REWRITTEN,
				 psprintf("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", rel,
						  quote_identifier(cmd->name)), NULL);
		add_step(rw, ONLINE_REWRITTEN,
				 psprintf("ALTER TABLE %s DROP CONSTRAINT %s", rel, quote_identifier(check)),
				 NULL);
	}
	else
		add_step(rw, ONLINE_PLAIN, text, NULL);
}

/*
 * The steps of a revision's SQL in online mode, in order.  With lookup,
 * the tables named are looked up (under the current search_path) to
 * leave partitioned ones as written.  Without rewrite (a revision marked
 * to run as written), every statement runs as written, each in a
 * transaction of its own but those written CONCURRENTLY.  A syntax error
 * is reported as the parser reports it.
 */
List *
online_rewrite(const char *sql, bool lookup, bool rewrite)
{
	Rewrite		rw;
	ListCell   *lc;

	memset(&rw, 0, sizeof(rw));
	rw.sql = sql;
	rw.lookup = lookup;
	rw.raw = raw_parser(sql, RAW_PARSE_DEFAULT);

	foreach(lc, rw.raw)
	{
		RawStmt    *rs = lfirst_node(RawStmt, lc);
		Node	   *stmt = rs->stmt;
		char	   *text;

		rw.pos = foreach_current_index(lc);
		if (rw.skip_next)
		{
			rw.skip_next = false;
			continue;
		}
		rw.stmt++;
		text = stmt_text(sql, rs);
		if (!rewrite)
		{
			if (IsA(stmt, IndexStmt) && ((IndexStmt *) stmt)->concurrent)
				add_step(&rw, ONLINE_CREATE_INDEX, text, NULL);
			else if (IsA(stmt, DropStmt) && ((DropStmt *) stmt)->concurrent)
				add_step(&rw, ONLINE_DROP_INDEX, text, NULL);
			else if (IsA(stmt, VariableSetStmt))
				add_step(&rw, ONLINE_SESSION, text, NULL);
			else
				add_step(&rw, ONLINE_PLAIN, text, "the revision is marked to be applied as written");
			continue;
		}
		switch (nodeTag(stmt))
		{
			case T_VariableSetStmt:
				add_step(&rw, ONLINE_SESSION, text, NULL);
				break;
			case T_CreateStmt:
				rw.created = lappend(rw.created, ((CreateStmt *) stmt)->relation);
				add_step(&rw, ONLINE_PLAIN, text, NULL);
				break;
			case T_IndexStmt:
				rewrite_index(&rw, (IndexStmt *) stmt, text);
				break;
			case T_DropStmt:
				if (((DropStmt *) stmt)->removeType == OBJECT_INDEX)
					rewrite_drop_index(&rw, (DropStmt *) stmt, text);
				else
					add_step(&rw, ONLINE_PLAIN, text, NULL);
				break;
			case T_AlterTableStmt:
				rewrite_alter(&rw, (AlterTableStmt *) stmt, text);
				break;
			default:
				add_step(&rw, ONLINE_PLAIN, text, NULL);
				break;
		}
	}
	return rw.steps;
}

/* The table of a CREATE INDEX step. */
RangeVar *
online_index_table(const char *sql)
{
	Node	   *stmt = parse_one(sql);

	if (stmt == NULL || !IsA(stmt, IndexStmt))
		elog(ERROR, "not a CREATE INDEX: \"%s\"", sql);
	return ((IndexStmt *) stmt)->relation;
}

/* The index of a DROP INDEX step. */
RangeVar *
online_dropped_index(const char *sql)
{
	Node	   *stmt = parse_one(sql);

	if (stmt == NULL || !IsA(stmt, DropStmt) ||
		list_length(((DropStmt *) stmt)->objects) != 1)
		elog(ERROR, "not a DROP INDEX of one index: \"%s\"", sql);
	return makeRangeVarFromNameList(linitial(((DropStmt *) stmt)->objects));
}
