CREATE TABLE shelves (
    id smallint NOT NULL,
    code text NOT NULL
);
CREATE SEQUENCE shelves_id_seq AS smallint OWNED BY shelves.id;
ALTER TABLE shelves ALTER COLUMN id SET DEFAULT nextval('shelves_id_seq');

CREATE TABLE boxes (
    id integer NOT NULL,
    alt_id integer
);
CREATE SEQUENCE boxes_seq AS integer OWNED BY boxes.id;
ALTER TABLE boxes ALTER COLUMN id SET DEFAULT nextval('boxes_seq');
CREATE SEQUENCE loose_seq;
