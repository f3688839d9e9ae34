CREATE TABLE t (a int, at timestamptz);
CREATE STATISTICS t_expr ON (date_trunc('day', at AT TIME ZONE 'UTC')), a FROM t;
ALTER STATISTICS t_expr SET STATISTICS 200;
