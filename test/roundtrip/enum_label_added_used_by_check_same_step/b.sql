-- A label added to an enum and a CHECK that compares with it, in one step: PostgreSQL refuses to use an enum label in the transaction that added it.
CREATE TYPE st AS ENUM ('a', 'b', 'c');
CREATE TABLE t (s st CONSTRAINT t_s_not_c CHECK (s <> 'c'));
