CREATE TABLE nodes (
    id integer PRIMARY KEY,
    code text CONSTRAINT nodes_code_key UNIQUE DEFERRABLE INITIALLY IMMEDIATE,
    parent_id integer REFERENCES nodes (id) DEFERRABLE INITIALLY DEFERRED,
    position integer NOT NULL,
    CONSTRAINT nodes_position_key UNIQUE (parent_id, position) DEFERRABLE INITIALLY DEFERRED
);
CREATE TABLE edges (
    src integer NOT NULL REFERENCES nodes (id),
    dst integer NOT NULL REFERENCES nodes (id) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (src, dst)
);
