CREATE TABLE documents (
    id integer PRIMARY KEY,
    title text,
    body text,
    raw bytea,
    meta jsonb,
    checksum text
);
ALTER TABLE documents ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE documents ALTER COLUMN raw SET COMPRESSION pglz;
ALTER TABLE documents ALTER COLUMN title SET STATISTICS 500;
ALTER TABLE documents ALTER COLUMN checksum SET (n_distinct = -1);
