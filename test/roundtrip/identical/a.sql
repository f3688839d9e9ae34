-- a and b are the same schema, written differently: every diff is empty
CREATE TYPE kind AS ENUM ('a', 'b');
CREATE TABLE t (
    id integer PRIMARY KEY,
    k kind DEFAULT 'a',
    v numeric(10,2) CHECK (v > 0),
    created timestamptz DEFAULT now()
);
CREATE INDEX t_k_idx ON t (k);
CREATE VIEW tv AS SELECT id, k FROM t WHERE v > 10;
CREATE FUNCTION f(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
