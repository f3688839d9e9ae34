-- An extension that requires another one, and a column of the first one's type.
CREATE EXTENSION cube;
CREATE EXTENSION earthdistance;
CREATE TABLE places (id int, loc earth);
