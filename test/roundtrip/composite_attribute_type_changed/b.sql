CREATE TYPE pt AS (x bigint, y integer);
