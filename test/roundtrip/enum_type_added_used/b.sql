CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE t (id integer PRIMARY KEY, c color DEFAULT 'red');
