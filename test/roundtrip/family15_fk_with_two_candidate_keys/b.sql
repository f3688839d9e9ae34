-- A foreign key to columns that both a unique constraint and the primary key cover (family 15 of issue 14).
CREATE TABLE p (id int PRIMARY KEY, CONSTRAINT p_id_key UNIQUE (id));
CREATE TABLE c (p_id int REFERENCES p (id));
