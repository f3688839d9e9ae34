CREATE TYPE color AS ENUM ('red', 'green');
CREATE TABLE t (id int, colors color[] DEFAULT '{}');
