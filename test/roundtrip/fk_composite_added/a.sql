CREATE TABLE p (a integer, b text, PRIMARY KEY (a, b));
CREATE TABLE c (id integer PRIMARY KEY, a integer, b text);
