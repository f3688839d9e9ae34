CREATE TABLE t (id serial PRIMARY KEY, a text, b text);
