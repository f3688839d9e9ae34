CREATE TABLE slots (room int, during tsrange, EXCLUDE USING gist (during WITH &&));
