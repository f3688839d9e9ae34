-- Operators, a hash operator class of their own and an index using it,
-- made out of nothing in public.
CREATE TYPE code AS (k text);
CREATE FUNCTION code_eq(code, code) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT lower($1.k) = lower($2.k)';
CREATE FUNCTION code_hash(code) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT hashtext(lower($1.k))';
CREATE OPERATOR === (FUNCTION = code_eq, LEFTARG = code, RIGHTARG = code, COMMUTATOR = ===, HASHES);
CREATE OPERATOR CLASS code_hash_ops FOR TYPE code USING hash AS
    OPERATOR 1 ===, FUNCTION 1 code_hash(code);
CREATE TABLE items (c code);
CREATE INDEX items_c ON items USING hash (c code_hash_ops);
