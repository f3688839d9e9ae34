CREATE TABLE base (id int, v text);
CREATE TABLE thing (id int, v text);
CREATE VIEW thing_ids AS SELECT id FROM thing;
