CREATE TYPE point2 AS (x float8, y float8);
