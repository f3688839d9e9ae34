CREATE TABLE parents (
    id integer PRIMARY KEY
);
CREATE TABLE children (
    id integer PRIMARY KEY,
    parent_id integer,
    age integer,
    nick text
);
ALTER TABLE children ADD CONSTRAINT children_parent_fkey FOREIGN KEY (parent_id) REFERENCES parents (id) NOT VALID;
ALTER TABLE children ADD CONSTRAINT children_age_check CHECK (age >= 0) NOT VALID;
ALTER TABLE children ADD CONSTRAINT children_nick_check CHECK (nick <> '');
