-- A label removed from an enum used by columns of two tables (family 13 of issue 14).
CREATE TYPE st AS ENUM ('a', 'c');
CREATE TABLE t1 (s st);
CREATE TABLE t2 (s st DEFAULT 'a');
