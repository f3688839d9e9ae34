CREATE SCHEMA s1;
CREATE SCHEMA a;
CREATE TYPE s1.mood AS ENUM ('l0', 'l1');
CREATE TABLE a.t (id integer PRIMARY KEY, m s1.mood, CONSTRAINT t_m_check CHECK (m <> 'l1'));
