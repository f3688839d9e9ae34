CREATE TABLE t (id integer PRIMARY KEY, email varchar(80));
CREATE INDEX t_lower_email ON t (lower(email));
