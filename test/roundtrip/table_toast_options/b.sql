CREATE TABLE t (id int, body text) WITH (toast_tuple_target = 256, toast.autovacuum_enabled = false);
