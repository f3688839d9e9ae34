-- A sequence of another schema used by a column's default.
CREATE SCHEMA seqs;
CREATE SEQUENCE seqs.ticket_no AS integer START 1000;
CREATE TABLE t (id int PRIMARY KEY, n int NOT NULL DEFAULT nextval('seqs.ticket_no'));
