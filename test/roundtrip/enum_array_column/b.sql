-- A column of an enum array, and a label added to the enum.
CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE TABLE t (id int, colors color[] DEFAULT '{red}');
