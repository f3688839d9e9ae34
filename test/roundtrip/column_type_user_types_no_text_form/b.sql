-- family 2 of issue 14, found by the random pairs (test/random/): column
-- types changed between a composite type, an array, a range of the
-- document and built-in types, where no cast exists.  One range to another
-- converts through text; the rest (a composite value read as an array, an
-- interval or an array read as a range) is dropped and added again, with
-- data_loss, instead of a USING cast that does not exist
CREATE TYPE pair AS (a integer, b text);
CREATE TYPE span AS RANGE (subtype = numeric);
CREATE TABLE t (
    id integer PRIMARY KEY,
    c text[],
    d span,
    e span,
    r span
);
