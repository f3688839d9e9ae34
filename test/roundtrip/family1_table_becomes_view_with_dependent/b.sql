-- A table becomes a view of the same name while another view reads it (family 1 of issue 14).
CREATE TABLE base (id int, v text);
CREATE VIEW thing AS SELECT id, v FROM base;
CREATE VIEW thing_ids AS SELECT id FROM thing;
