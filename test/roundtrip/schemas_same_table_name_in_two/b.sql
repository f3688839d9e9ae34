CREATE SCHEMA s1;
CREATE SCHEMA s2;
CREATE TABLE s1.t (id int, a text);
CREATE TABLE s2.t (id bigint);
