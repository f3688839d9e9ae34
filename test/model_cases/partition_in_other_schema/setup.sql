-- test/model_cases/partition_in_other_schema/setup.sql: the schemas and public's
-- partitioned table, run for real first (archive's model attaches a partition to it).
CREATE SCHEMA archive;
CREATE TABLE logs (id int NOT NULL, day date NOT NULL) PARTITION BY RANGE (day);
