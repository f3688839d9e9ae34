-- Tables whose persistence changes while foreign keys between them stay,
-- come or go: a table and the one that references it both made unlogged
-- (or, the way back, logged), two tables that reference each other, a
-- table made logged that a logged table starts to reference (the way back:
-- the key goes before SET UNLOGGED), an unlogged table that keeps
-- referencing one made logged, a table that references itself.
CREATE UNLOGGED TABLE p1 (id int PRIMARY KEY);
CREATE UNLOGGED TABLE c1 (id int PRIMARY KEY, p1_id int REFERENCES p1);
CREATE TABLE p2 (id int PRIMARY KEY);
CREATE UNLOGGED TABLE c2 (id int, p2_id int REFERENCES p2);
CREATE UNLOGGED TABLE m1 (id int PRIMARY KEY, m2_id int);
CREATE UNLOGGED TABLE m2 (id int PRIMARY KEY, m1_id int REFERENCES m1);
ALTER TABLE m1 ADD CONSTRAINT m1_m2_fk FOREIGN KEY (m2_id) REFERENCES m2;
CREATE TABLE p3 (id int PRIMARY KEY);
CREATE TABLE c3 (id int, p3_id int REFERENCES p3);
CREATE UNLOGGED TABLE s (id int PRIMARY KEY, parent_id int REFERENCES s);
