CREATE EXTENSION btree_gist;
CREATE TABLE slots (room int, during tsrange, EXCLUDE USING gist (room WITH =, during WITH &&) WHERE (room > 0));
