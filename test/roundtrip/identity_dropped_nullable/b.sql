-- the identity goes and the column becomes nullable: DROP IDENTITY must
-- come before DROP NOT NULL (an identity column is always NOT NULL), also
-- when the column's default, type or key change with it
CREATE TABLE tickets (
    id integer,
    subject text
);
CREATE TABLE notes (
    id bigint DEFAULT 0,
    body text
);
CREATE TABLE tags (
    id integer,
    name text
);
CREATE VIEW tag_ids AS SELECT id FROM tags;
