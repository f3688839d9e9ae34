-- A partition with grants of its own.
CREATE TABLE m (id int NOT NULL) PARTITION BY LIST (id);
CREATE TABLE m_1 PARTITION OF m FOR VALUES IN (1);
GRANT SELECT ON m TO rt_reader;
GRANT SELECT, INSERT ON m_1 TO rt_writer;
