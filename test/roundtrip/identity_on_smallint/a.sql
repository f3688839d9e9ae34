CREATE TABLE t (id smallint NOT NULL, v text);
