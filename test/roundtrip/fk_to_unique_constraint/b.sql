CREATE TABLE p (id integer PRIMARY KEY, code text CONSTRAINT p_code UNIQUE);
CREATE TABLE c (code text CONSTRAINT c_code REFERENCES p (code));
