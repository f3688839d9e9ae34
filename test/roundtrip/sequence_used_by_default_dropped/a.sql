CREATE SEQUENCE s;
CREATE TABLE t (id bigint DEFAULT nextval('s'));
