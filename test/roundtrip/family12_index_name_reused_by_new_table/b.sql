-- A dropped table's index name is taken by a new table's index (family 12 of issue 14).
CREATE TABLE new_t (id int);
CREATE INDEX by_id ON new_t (id);
