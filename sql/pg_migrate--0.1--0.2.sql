/*
 * pg_migrate 0.1 to 0.2: ALTER EXTENSION pg_migrate UPDATE TO '0.2'.
 *
 * Every change to an SQL-visible object between the two versions goes both
 * here and into pg_migrate--0.2.sql, so that an updated installation and a
 * fresh one are the same (test/upgrade_0_1.sh checks it).  The tables keep
 * their rows: nothing here may drop or rewrite one.
 *
 * 0.2 changes nothing in the SQL objects yet; the new shared library serves
 * both.
 */

\echo Use "ALTER EXTENSION pg_migrate UPDATE TO '0.2'" to load this file. \quit
