CREATE TABLE t (id int, ref uuid);
