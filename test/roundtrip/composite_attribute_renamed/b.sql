CREATE TYPE point2 AS (x float8, ordinate float8);
