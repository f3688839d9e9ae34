-- Aggregates, operators, operator classes and families, default
-- privileges and casts in the document: relative to their schema, the
-- same whatever the order they were made in (so whatever their OIDs), and
-- the database-wide ones only in "all" documents.
CREATE ROLE snap_more_reader;

-- order 1
CREATE SCHEMA more_one;
SET search_path = more_one;
CREATE TYPE pt AS (x integer, y integer);
CREATE FUNCTION pt_eq(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE FUNCTION pt_lt(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';
CREATE FUNCTION pt_cmp(pt, pt) RETURNS integer LANGUAGE sql IMMUTABLE
	AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 = $2 THEN 0 ELSE 1 END';
CREATE FUNCTION add_state(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE OPERATOR = (FUNCTION = pt_eq, LEFTARG = pt, RIGHTARG = pt, COMMUTATOR = =, RESTRICT = eqsel);
CREATE OPERATOR < (FUNCTION = pt_lt, LEFTARG = pt, RIGHTARG = pt);
CREATE OPERATOR CLASS pt_ops DEFAULT FOR TYPE pt USING btree AS
	OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 pt_cmp(pt, pt);
CREATE OPERATOR FAMILY int_mix USING btree;
ALTER OPERATOR FAMILY int_mix USING btree ADD OPERATOR 1 < (integer, bigint);
CREATE AGGREGATE total(integer) (SFUNC = add_state, STYPE = integer, INITCOND = '0', SORTOP = <);
ALTER DEFAULT PRIVILEGES IN SCHEMA more_one GRANT SELECT ON TABLES TO snap_more_reader;

-- order 2: the same, built the other way round
CREATE SCHEMA more_two;
SET search_path = more_two;
CREATE FUNCTION add_state(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
ALTER DEFAULT PRIVILEGES IN SCHEMA more_two GRANT SELECT ON TABLES TO snap_more_reader;
CREATE AGGREGATE total(integer) (SFUNC = add_state, STYPE = integer, SORTOP = <, INITCOND = '0');
CREATE OPERATOR FAMILY int_mix USING btree;
ALTER OPERATOR FAMILY int_mix USING btree ADD OPERATOR 1 < (integer, bigint);
CREATE TYPE pt AS (x integer, y integer);
CREATE FUNCTION pt_cmp(pt, pt) RETURNS integer LANGUAGE sql IMMUTABLE
	AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 = $2 THEN 0 ELSE 1 END';
CREATE FUNCTION pt_lt(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';
CREATE OPERATOR < (FUNCTION = pt_lt, LEFTARG = pt, RIGHTARG = pt);
CREATE FUNCTION pt_eq(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';
CREATE OPERATOR = (FUNCTION = pt_eq, LEFTARG = pt, RIGHTARG = pt, COMMUTATOR = =, RESTRICT = eqsel);
CREATE OPERATOR FAMILY pt_ops USING btree;
CREATE OPERATOR CLASS pt_ops DEFAULT FOR TYPE pt USING btree FAMILY pt_ops AS
	FUNCTION 1 pt_cmp(pt, pt), OPERATOR 3 =, OPERATOR 1 <;
RESET search_path;

SELECT (migrate_snapshot(ARRAY['more_one']) #> '{schemas,more_one}')
     = (migrate_snapshot(ARRAY['more_two']) #> '{schemas,more_two}') AS same_document;
SELECT a.key, a.value = b.value AS same
  FROM jsonb_each(migrate_snapshot(ARRAY['more_one']) #> '{schemas,more_one}') a
  FULL JOIN jsonb_each(migrate_snapshot(ARRAY['more_two']) #> '{schemas,more_two}') b
    ON a.key = b.key
 ORDER BY 1;

-- what the document holds, relative to the schema
SELECT key, jsonb_pretty(value)
  FROM jsonb_each(migrate_snapshot(ARRAY['more_one']) #> '{schemas,more_one}')
 WHERE key IN ('aggregates', 'operators', 'operator_classes', 'operator_families',
               'default_privileges')
 ORDER BY key;

-- database-wide objects: in "all" documents only
CREATE CAST (text AS more_one.pt) WITH INOUT AS ASSIGNMENT;
ALTER DEFAULT PRIVILEGES FOR ROLE snap_more_reader REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;
SELECT migrate_snapshot(ARRAY['more_one']) ?| ARRAY['casts', 'default_privileges'] AS in_schema_document;
SELECT jsonb_pretty(migrate_snapshot() -> 'casts') AS casts;
SELECT jsonb_pretty(migrate_snapshot() -> 'default_privileges') AS default_privileges;
-- the diff of such a document towards one without them
SELECT action, object_name, sql
  FROM migrate_diff(migrate_snapshot(),
                    migrate_snapshot() - 'casts' - 'default_privileges');

-- foreign data: no secret of a user mapping in the document
CREATE FOREIGN DATA WRAPPER more_fdw;
CREATE SERVER more_srv FOREIGN DATA WRAPPER more_fdw OPTIONS (host 'h');
CREATE USER MAPPING FOR snap_more_reader SERVER more_srv OPTIONS (user 'u', password 'hunter2');
SELECT jsonb_pretty(migrate_snapshot() - 'schemas' - 'extensions' - 'casts' - 'default_privileges' - 'scope' - 'format') AS foreign_data;
SELECT position('hunter2' IN migrate_snapshot()::text) = 0 AS no_secret;
DROP SERVER more_srv CASCADE;
DROP FOREIGN DATA WRAPPER more_fdw;

DROP CAST (text AS more_one.pt);
ALTER DEFAULT PRIVILEGES FOR ROLE snap_more_reader GRANT EXECUTE ON FUNCTIONS TO PUBLIC;
SET client_min_messages = warning;
DROP SCHEMA more_one, more_two CASCADE;
RESET client_min_messages;
DROP ROLE snap_more_reader;
