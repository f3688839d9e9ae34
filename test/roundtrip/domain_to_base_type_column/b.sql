-- A column of a domain becomes its base type (family 2 of issue 14).
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TABLE t (id int, n integer);
