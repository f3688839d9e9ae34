CREATE TABLE p (id int);
CREATE TABLE c (p_id int);
