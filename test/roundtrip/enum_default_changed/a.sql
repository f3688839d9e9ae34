CREATE TYPE state AS ENUM ('draft', 'live', 'gone');
CREATE TABLE t (id int, s state DEFAULT 'draft' NOT NULL);
