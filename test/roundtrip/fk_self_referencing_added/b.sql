CREATE TABLE node (id integer PRIMARY KEY, parent integer CONSTRAINT node_parent REFERENCES node ON DELETE CASCADE);
