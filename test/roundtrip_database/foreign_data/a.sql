-- A wrapper of its own (no handler: it only stores definitions), servers,
-- user mappings without options, foreign tables with column options,
-- defaults, a CHECK, comments and privileges, and a view over one.
CREATE FOREIGN DATA WRAPPER files_fdw OPTIONS (root '/srv');
CREATE SERVER archive TYPE 'disk' VERSION '1' FOREIGN DATA WRAPPER files_fdw OPTIONS (path 'a', mode 'ro');
CREATE SERVER mirror FOREIGN DATA WRAPPER files_fdw;
COMMENT ON SERVER archive IS 'old files';
GRANT USAGE ON FOREIGN SERVER archive TO rt_reader;
CREATE USER MAPPING FOR rt_reader SERVER archive;
CREATE USER MAPPING FOR PUBLIC SERVER mirror;
CREATE SCHEMA ext;
CREATE FOREIGN TABLE ext.logs (
    id integer OPTIONS (column_name 'log_id') NOT NULL,
    at timestamp with time zone DEFAULT now(),
    line text COLLATE "C",
    CONSTRAINT logs_id_check CHECK (id > 0)
) SERVER archive OPTIONS (file 'logs.csv');
COMMENT ON FOREIGN TABLE ext.logs IS 'logs';
COMMENT ON COLUMN ext.logs.line IS 'raw line';
GRANT SELECT ON ext.logs TO rt_reader;
CREATE FOREIGN TABLE ext.old (k text) SERVER mirror;
CREATE VIEW ext.recent AS SELECT id, line FROM ext.logs WHERE at > '2020-01-01';
