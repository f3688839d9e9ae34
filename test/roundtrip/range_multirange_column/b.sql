CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE TABLE t (id int, spans floatmultirange, one floatrange);
