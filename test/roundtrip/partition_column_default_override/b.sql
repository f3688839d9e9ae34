-- One partition has its own default for a column of the parent.
CREATE TABLE m (id int NOT NULL, state text DEFAULT 'new') PARTITION BY LIST (id);
CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);
CREATE TABLE m_2 PARTITION OF m FOR VALUES IN (2);
ALTER TABLE m_2 ALTER COLUMN state SET DEFAULT 'archived';
