CREATE TABLE t (id int);
CREATE TABLE t_log (id int);
CREATE RULE t_log_insert AS ON INSERT TO t DO ALSO INSERT INTO t_log VALUES (NEW.id);
