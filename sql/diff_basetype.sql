--
-- A base type rebuilt (a change ALTER TYPE cannot make: its category) is
-- dropped with CASCADE, which takes the columns of the type along, and
-- their values: the step says data_loss, directly or through a domain.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_migrate;
CREATE SCHEMA bt;
SET search_path = bt, public;
CREATE TYPE myint;
CREATE FUNCTION myint_in(cstring) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION myint_out(myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE TYPE myint (INPUT = myint_in, OUTPUT = myint_out, LIKE = integer, CATEGORY = 'N');
CREATE DOMAIN posint AS myint;
CREATE TABLE uses (b posint);
-- the same, but for the category
SELECT migrate_model_set($$
CREATE TYPE myint;
CREATE FUNCTION myint_in(cstring) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION myint_out(myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE TYPE myint (INPUT = myint_in, OUTPUT = myint_out, LIKE = integer, CATEGORY = 'U');
CREATE DOMAIN posint AS myint;
CREATE TABLE uses (b posint);
$$, 'bt') IS NOT NULL AS modelled;
SELECT action, object_type, object_name, hazards
  FROM migrate_check(ARRAY['bt'])
 WHERE sql LIKE 'DROP TYPE%'
 ORDER BY step;
-- without a column of the type, nothing is lost
DROP TABLE uses;
SELECT migrate_model_set($$
CREATE TYPE myint;
CREATE FUNCTION myint_in(cstring) RETURNS myint LANGUAGE internal IMMUTABLE STRICT AS 'int4in';
CREATE FUNCTION myint_out(myint) RETURNS cstring LANGUAGE internal IMMUTABLE STRICT AS 'int4out';
CREATE TYPE myint (INPUT = myint_in, OUTPUT = myint_out, LIKE = integer, CATEGORY = 'U');
CREATE DOMAIN posint AS myint;
$$, 'bt') IS NOT NULL AS modelled;
SELECT action, object_type, object_name, hazards
  FROM migrate_check(ARRAY['bt'])
 WHERE sql LIKE 'DROP TYPE%'
 ORDER BY step;
SELECT migrate_model_drop('bt');
DROP SCHEMA bt CASCADE;
