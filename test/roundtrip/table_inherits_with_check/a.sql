CREATE TABLE base (id int, CONSTRAINT base_id_check CHECK (id > 0));
CREATE TABLE child (extra text);
