CREATE TABLE t (id int, v int);
CREATE VIEW z_base AS SELECT id, v FROM t;
CREATE VIEW a_top AS SELECT id FROM z_base WHERE v > 0;
