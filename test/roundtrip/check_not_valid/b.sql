-- validated in one direction; made NOT VALID (drop and add) in the other
CREATE TABLE parents (
    id integer PRIMARY KEY
);
CREATE TABLE children (
    id integer PRIMARY KEY,
    parent_id integer,
    age integer,
    nick text
);
ALTER TABLE children ADD CONSTRAINT children_parent_fkey FOREIGN KEY (parent_id) REFERENCES parents (id);
ALTER TABLE children ADD CONSTRAINT children_age_check CHECK (age >= 0);
ALTER TABLE children ADD CONSTRAINT children_nick_check CHECK (nick <> '') NOT VALID;
