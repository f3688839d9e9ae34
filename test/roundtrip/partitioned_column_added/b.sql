-- A column added to a partitioned table reaches every partition.
CREATE TABLE m (id int NOT NULL, a text, b numeric(8,2) DEFAULT 0 NOT NULL) PARTITION BY LIST (id);
CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);
CREATE TABLE m_2 PARTITION OF m FOR VALUES IN (2);
