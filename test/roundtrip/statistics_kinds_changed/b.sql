CREATE TABLE t (a int, b int, c int);
CREATE STATISTICS t_stats (ndistinct, dependencies, mcv) ON a, b, c FROM t;
