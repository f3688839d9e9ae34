CREATE TYPE old_state AS ENUM ('a', 'b');
CREATE TYPE new_state AS ENUM ('a', 'b', 'c');
CREATE TABLE t (id int, s old_state);
