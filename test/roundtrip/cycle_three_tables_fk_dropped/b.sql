-- Three tables whose foreign keys form a cycle (and one that references
-- itself, one table outside the cycle): the way back drops them all, the
-- keys of the cycle first.
CREATE TABLE keep (id int);
CREATE TABLE t1 (id int PRIMARY KEY, t3_id int, parent_id int REFERENCES t1);
CREATE TABLE t2 (id int PRIMARY KEY, t1_id int REFERENCES t1);
CREATE TABLE t3 (id int PRIMARY KEY, t2_id int REFERENCES t2);
ALTER TABLE t1 ADD CONSTRAINT t1_t3_fk FOREIGN KEY (t3_id) REFERENCES t3;
CREATE TABLE leaf (id int, t2_id int REFERENCES t2, t3_id int REFERENCES t3);
