CREATE TABLE t (a int, b int, c int);
CREATE STATISTICS t_stats (ndistinct) ON a, b FROM t;
