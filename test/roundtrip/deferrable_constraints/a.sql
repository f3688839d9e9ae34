CREATE TABLE nodes (
    id integer PRIMARY KEY,
    parent_id integer REFERENCES nodes (id),
    position integer NOT NULL,
    CONSTRAINT nodes_position_key UNIQUE (parent_id, position)
);
CREATE TABLE edges (
    src integer NOT NULL REFERENCES nodes (id) DEFERRABLE INITIALLY DEFERRED,
    dst integer NOT NULL REFERENCES nodes (id) DEFERRABLE,
    PRIMARY KEY (src, dst)
);
