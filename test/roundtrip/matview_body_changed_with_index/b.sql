CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE MATERIALIZED VIEW m AS SELECT id, a, b FROM t WHERE a > 0;
CREATE UNIQUE INDEX m_id ON m (id);
