CREATE TABLE t (id integer PRIMARY KEY, a integer, b text);
CREATE INDEX t_x ON t ((b::integer));
