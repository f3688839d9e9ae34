-- A view reading a partitioned table whose column type changes.
CREATE TABLE m (id int NOT NULL, amount numeric(12,2)) PARTITION BY LIST (id);
CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);
CREATE VIEW m_totals AS SELECT id, sum(amount) AS total FROM m GROUP BY id;
