-- An index on one partition only, next to the partitioned index.
CREATE TABLE m (id int NOT NULL, name text) PARTITION BY RANGE (id);
CREATE TABLE m_a PARTITION OF m FOR VALUES FROM (0) TO (100);
CREATE TABLE m_b PARTITION OF m FOR VALUES FROM (100) TO (200);
CREATE INDEX m_id_idx ON m (id);
CREATE INDEX m_b_name_idx ON m_b (name);
