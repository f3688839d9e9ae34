/*
 * pg_migrate 0.1 to 0.2: ALTER EXTENSION pg_migrate UPDATE TO '0.2'.
 *
 * Every change to an SQL-visible object between the two versions goes both
 * here and into pg_migrate--0.2.sql, so that an updated installation and a
 * fresh one are the same (test/upgrade_0_1.sh checks it).  The tables keep
 * their rows: nothing here may drop or rewrite one.
 *
 * The new shared library serves both.
 */

\echo Use "ALTER EXTENSION pg_migrate UPDATE TO '0.2'" to load this file. \quit

-- What autogenerate's rehearsal saw each step of a revision's upgrade do to
-- live tables (docs/revisions-autogenerate.md): NULL for the revisions
-- stored before, as for those written by hand.  No default: no rewrite.
ALTER TABLE @extschema@.migrate_revisions ADD COLUMN observed_hazards text[];
