-- A CHECK on the partitioned table is inherited by every partition.
CREATE TABLE m (id int NOT NULL, qty int CONSTRAINT m_qty_check CHECK (qty >= 0)) PARTITION BY RANGE (id);
CREATE TABLE m_a PARTITION OF m FOR VALUES FROM (0) TO (100);
CREATE TABLE m_b PARTITION OF m FOR VALUES FROM (100) TO (200);
