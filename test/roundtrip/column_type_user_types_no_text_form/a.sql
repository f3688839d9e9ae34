CREATE TYPE pair AS (a integer, b text);
CREATE TYPE span AS RANGE (subtype = numeric);
CREATE TABLE t (
    id integer PRIMARY KEY,
    c pair,
    d interval,
    e integer[],
    r int4range
);
