CREATE TABLE p (id int PRIMARY KEY, code int UNIQUE);
CREATE TABLE c (id int, pid int REFERENCES p, pcode int REFERENCES p (code));
CREATE TABLE p2 (id int PRIMARY KEY);
CREATE TABLE c2 (id int, pid int REFERENCES p2);
CREATE TYPE mood AS ENUM ('a', 'b', 'c');
CREATE TABLE p3 (m mood PRIMARY KEY);
CREATE TABLE c3 (id int, m mood REFERENCES p3);
