CREATE TABLE t (id integer PRIMARY KEY, email text);
CREATE INDEX t_lower_email ON t (lower(email));
