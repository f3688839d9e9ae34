/*
 * pg_migrate 0.1 to 0.2: ALTER EXTENSION pg_migrate UPDATE TO '0.2'.
 *
 * Every change to an SQL-visible object between the two versions goes both
 * here and into pg_migrate--0.2.sql, so that an updated installation and a
 * fresh one are the same (test/upgrade_0_1.sh checks it).  The tables keep
 * their rows: nothing here may drop or rewrite one.
 *
 * The shared library of 0.2 serves an installation of 0.1 until it is
 * updated (its C functions read only the arguments they are given).
 */

\echo Use "ALTER EXTENSION pg_migrate UPDATE TO '0.2'" to load this file. \quit

/*
 * migrate_relationship() takes SQLAlchemy's primaryjoin, secondaryjoin and
 * join_depth, and the arguments of the backref (docs/mapped-views.md):
 * new parameters with defaults at the end, so that every call of 0.1 means
 * the same.  A function's parameter list cannot be extended in place.
 */
DROP FUNCTION @extschema@.migrate_relationship(text, name, text, text, name, name, text, boolean, text);

CREATE FUNCTION @extschema@.migrate_relationship(relation text, name name, target text,
	lazy text DEFAULT 'select', backref name DEFAULT NULL,
	foreign_key name DEFAULT NULL, secondary text DEFAULT NULL,
	uselist boolean DEFAULT NULL, order_by text DEFAULT NULL,
	primaryjoin text DEFAULT NULL, secondaryjoin text DEFAULT NULL,
	join_depth integer DEFAULT NULL, backref_lazy text DEFAULT NULL,
	backref_uselist boolean DEFAULT NULL, backref_order_by text DEFAULT NULL,
	backref_join_depth integer DEFAULT NULL)
RETURNS void
AS 'MODULE_PATHNAME', 'migrate_relationship'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;

COMMENT ON FUNCTION @extschema@.migrate_relationship(text, name, text, text, name, name, text, boolean, text, text, text, integer, text, boolean, text, integer) IS
'SQLAlchemy''s relationship(): the related rows of the target, loaded eagerly (a jsonb column of the mapped view) or lazily (a function of the view''s row type)';
