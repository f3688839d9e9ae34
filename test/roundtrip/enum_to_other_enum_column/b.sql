-- A column moves from one enum to another enum (family 2 of issue 14).
CREATE TYPE old_state AS ENUM ('a', 'b');
CREATE TYPE new_state AS ENUM ('a', 'b', 'c');
CREATE TABLE t (id int, s new_state);
