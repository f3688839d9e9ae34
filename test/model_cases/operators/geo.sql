-- test/model_cases/operators/geo.sql: the model of schema geo: the statements of
-- test/roundtrip/operators/b.sql that define objects of geo, in b.sql's order,
-- with "geo." (and OPERATOR(geo.op)) left out of the names of geo's own
-- objects (function bodies are kept as written: they are text).  Nothing else is changed.
CREATE TYPE pt AS (x integer, y integer);
CREATE FUNCTION pt_cmp(pt, pt) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$SELECT CASE WHEN $1.x < $2.x OR ($1.x = $2.x AND $1.y < $2.y) THEN -1
                     WHEN $1.x = $2.x AND $1.y = $2.y THEN 0 ELSE 1 END$$;
CREATE FUNCTION pt_lt(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) < ($2.x, $2.y)';
CREATE FUNCTION pt_le(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) <= ($2.x, $2.y)';
CREATE FUNCTION pt_eq(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) = ($2.x, $2.y)';
CREATE FUNCTION pt_ge(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) >= ($2.x, $2.y)';
CREATE FUNCTION pt_gt(pt, pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) > ($2.x, $2.y)';
CREATE FUNCTION neg(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT -$1';
CREATE FUNCTION dist(pt, pt) RETURNS integer LANGUAGE sql IMMUTABLE
    AS 'SELECT abs($1.x - $2.x) + abs($1.y - $2.y)';
CREATE OPERATOR < (FUNCTION = pt_lt, LEFTARG = pt, RIGHTARG = pt,
    COMMUTATOR = >, NEGATOR = >=, RESTRICT = scalarlesel);
CREATE OPERATOR <= (FUNCTION = pt_le, LEFTARG = pt, RIGHTARG = pt);
CREATE OPERATOR = (FUNCTION = pt_eq, LEFTARG = pt, RIGHTARG = pt,
    COMMUTATOR = =, RESTRICT = eqsel, MERGES);
CREATE OPERATOR >= (FUNCTION = pt_ge, LEFTARG = pt, RIGHTARG = pt);
CREATE OPERATOR > (FUNCTION = pt_gt, LEFTARG = pt, RIGHTARG = pt);
CREATE OPERATOR <-> (FUNCTION = dist, LEFTARG = pt, RIGHTARG = pt, COMMUTATOR = <->);
CREATE OPERATOR CLASS pt_ops FOR TYPE pt USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =, OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 pt_cmp(pt, pt);
CREATE OPERATOR FAMILY mixed USING btree;
ALTER OPERATOR FAMILY mixed USING btree ADD
    OPERATOR 1 < (integer, bigint), OPERATOR 2 <= (integer, bigint),
    FUNCTION 1 (bigint, integer) btint84cmp(bigint, integer);
COMMENT ON OPERATOR FAMILY mixed USING btree IS 'cross-type';
CREATE TABLE places (id integer PRIMARY KEY, p pt);
CREATE INDEX places_p ON places (p pt_ops);
CREATE VIEW origin AS SELECT id FROM places WHERE p = ROW(0, 0)::pt;
