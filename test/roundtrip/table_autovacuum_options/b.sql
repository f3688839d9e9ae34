CREATE TABLE t (id integer PRIMARY KEY, a integer, b text) WITH (autovacuum_enabled=false, toast.autovacuum_enabled=false);
