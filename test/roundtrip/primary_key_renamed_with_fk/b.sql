-- A primary key that a foreign key depends on is renamed.
CREATE TABLE p (id int CONSTRAINT p_id_key PRIMARY KEY);
CREATE TABLE c (p_id int REFERENCES p (id));
