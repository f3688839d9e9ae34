CREATE COLLATION ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TABLE t (a int, b int);
CREATE STATISTICS t_ab ON a, b FROM t;
COMMENT ON COLLATION ci IS 'case-insensitive';
COMMENT ON STATISTICS t_ab IS 'a and b correlate';
