-- A composite type with its comparison operators, a btree operator class
-- (and the family it makes), an index and a view that use them; a family
-- with loose cross-type members; a prefix operator.
CREATE SCHEMA geo;
CREATE TYPE geo.pt AS (x integer, y integer);
CREATE FUNCTION geo.pt_cmp(geo.pt, geo.pt) RETURNS integer LANGUAGE sql IMMUTABLE
    AS $$SELECT CASE WHEN $1.x < $2.x OR ($1.x = $2.x AND $1.y < $2.y) THEN -1
                     WHEN $1.x = $2.x AND $1.y = $2.y THEN 0 ELSE 1 END$$;
CREATE FUNCTION geo.pt_lt(geo.pt, geo.pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) < ($2.x, $2.y)';
CREATE FUNCTION geo.pt_le(geo.pt, geo.pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) <= ($2.x, $2.y)';
CREATE FUNCTION geo.pt_eq(geo.pt, geo.pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) = ($2.x, $2.y)';
CREATE FUNCTION geo.pt_ge(geo.pt, geo.pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) >= ($2.x, $2.y)';
CREATE FUNCTION geo.pt_gt(geo.pt, geo.pt) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT ($1.x, $1.y) > ($2.x, $2.y)';
CREATE FUNCTION geo.neg(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT -$1';
CREATE OPERATOR geo.< (FUNCTION = geo.pt_lt, LEFTARG = geo.pt, RIGHTARG = geo.pt,
    COMMUTATOR = OPERATOR(geo.>), NEGATOR = OPERATOR(geo.>=), RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR geo.<= (FUNCTION = geo.pt_le, LEFTARG = geo.pt, RIGHTARG = geo.pt);
CREATE OPERATOR geo.= (FUNCTION = geo.pt_eq, LEFTARG = geo.pt, RIGHTARG = geo.pt,
    COMMUTATOR = OPERATOR(geo.=), RESTRICT = eqsel, JOIN = eqjoinsel, MERGES);
CREATE OPERATOR geo.>= (FUNCTION = geo.pt_ge, LEFTARG = geo.pt, RIGHTARG = geo.pt);
CREATE OPERATOR geo.> (FUNCTION = geo.pt_gt, LEFTARG = geo.pt, RIGHTARG = geo.pt);
CREATE OPERATOR geo.~~~ (FUNCTION = geo.neg, RIGHTARG = integer);
COMMENT ON OPERATOR geo.~~~ (NONE, integer) IS 'negation';
CREATE OPERATOR CLASS geo.pt_ops DEFAULT FOR TYPE geo.pt USING btree AS
    OPERATOR 1 geo.<, OPERATOR 2 geo.<=, OPERATOR 3 geo.=, OPERATOR 4 geo.>=, OPERATOR 5 geo.>,
    FUNCTION 1 geo.pt_cmp(geo.pt, geo.pt);
CREATE OPERATOR FAMILY geo.mixed USING btree;
ALTER OPERATOR FAMILY geo.mixed USING btree ADD
    OPERATOR 1 < (integer, bigint), OPERATOR 3 = (integer, bigint),
    FUNCTION 1 (integer, bigint) btint48cmp(integer, bigint);
COMMENT ON OPERATOR FAMILY geo.mixed USING btree IS 'cross-type';
CREATE TABLE geo.places (id integer PRIMARY KEY, p geo.pt);
CREATE INDEX places_p ON geo.places (p geo.pt_ops);
CREATE VIEW geo.origin AS SELECT id FROM geo.places WHERE p OPERATOR(geo.=) ROW(0, 0)::geo.pt;
