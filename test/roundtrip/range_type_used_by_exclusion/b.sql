CREATE EXTENSION btree_gist;
CREATE TABLE booking (room int, during tstzrange,
  CONSTRAINT booking_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
