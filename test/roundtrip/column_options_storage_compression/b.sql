CREATE TABLE documents (
    id integer PRIMARY KEY,
    title text,
    body text COMPRESSION lz4,
    raw bytea,
    meta jsonb,
    checksum text
);
ALTER TABLE documents ALTER COLUMN body SET STORAGE MAIN;
ALTER TABLE documents ALTER COLUMN raw SET STORAGE PLAIN;
ALTER TABLE documents ALTER COLUMN meta SET STORAGE EXTERNAL;
ALTER TABLE documents ALTER COLUMN meta SET COMPRESSION lz4;
ALTER TABLE documents ALTER COLUMN id SET STATISTICS 50;
ALTER TABLE documents ALTER COLUMN checksum SET (n_distinct = 1000, n_distinct_inherited = 2000);
