CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE c (ref int, CONSTRAINT c_ref_fk FOREIGN KEY (ref) REFERENCES p (id));
