-- The columns on both sides of a foreign key change type (text, uuid
-- without a cast, an enum rebuilt): the key is dropped before and added
-- after (converting one side first leaves it between two types without an
-- equality operator).  One side alone (code) keeps its key.  From bench/soak.
CREATE TABLE p (id text PRIMARY KEY, code bigint UNIQUE);
CREATE TABLE c (id int, pid text REFERENCES p, pcode int REFERENCES p (code));
CREATE TABLE p2 (id uuid PRIMARY KEY);
CREATE TABLE c2 (id int, pid uuid REFERENCES p2);
CREATE TYPE mood AS ENUM ('a', 'c');
CREATE TABLE p3 (m mood PRIMARY KEY);
CREATE TABLE c3 (id int, m mood REFERENCES p3);
