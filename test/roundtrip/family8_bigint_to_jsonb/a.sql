CREATE TABLE t (id int, payload bigint);
