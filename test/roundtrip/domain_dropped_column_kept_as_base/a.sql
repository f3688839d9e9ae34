CREATE DOMAIN code AS varchar(8) NOT NULL;
CREATE TABLE t (id int, c code);
