CREATE TABLE m (id int NOT NULL) PARTITION BY RANGE (id);
CREATE TABLE m_a PARTITION OF m FOR VALUES FROM (0) TO (10) WITH (fillfactor = 70, autovacuum_enabled = false);
