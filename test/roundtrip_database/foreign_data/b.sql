-- Wrapper and server options changed, a server's version dropped, a
-- mapping gone and one added, a foreign table's column changed (made
-- again, with its view), another table gone.
CREATE FOREIGN DATA WRAPPER files_fdw OPTIONS (root '/data', strict 'on');
CREATE SERVER archive TYPE 'disk' FOREIGN DATA WRAPPER files_fdw OPTIONS (mode 'rw', path 'a');
CREATE SERVER mirror FOREIGN DATA WRAPPER files_fdw OPTIONS (path 'm');
COMMENT ON SERVER archive IS 'old files';
GRANT USAGE ON FOREIGN SERVER archive TO rt_writer;
CREATE USER MAPPING FOR rt_writer SERVER archive;
CREATE USER MAPPING FOR PUBLIC SERVER mirror;
CREATE SCHEMA ext;
CREATE FOREIGN TABLE ext.logs (
    id bigint OPTIONS (column_name 'log_id') NOT NULL,
    at timestamp with time zone DEFAULT now(),
    line text COLLATE "C",
    CONSTRAINT logs_id_check CHECK (id > 0)
) SERVER archive OPTIONS (file 'logs.csv');
COMMENT ON FOREIGN TABLE ext.logs IS 'logs';
COMMENT ON COLUMN ext.logs.at IS 'when';
GRANT SELECT ON ext.logs TO rt_reader;
CREATE VIEW ext.recent AS SELECT id, line FROM ext.logs WHERE at > '2020-01-01';
