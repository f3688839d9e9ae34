CREATE TYPE st AS ENUM ('a', 'b', 'c');
CREATE TABLE t1 (s st);
CREATE TABLE t2 (s st DEFAULT 'a');
