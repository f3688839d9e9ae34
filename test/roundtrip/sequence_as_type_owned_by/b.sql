-- the sequences change type and owner; loose_seq gets one
CREATE TABLE shelves (
    id integer NOT NULL,
    code text NOT NULL
);
CREATE SEQUENCE shelves_id_seq AS integer OWNED BY shelves.id;
ALTER TABLE shelves ALTER COLUMN id SET DEFAULT nextval('shelves_id_seq');

CREATE TABLE boxes (
    id integer NOT NULL,
    alt_id integer
);
CREATE SEQUENCE boxes_seq AS bigint OWNED BY boxes.alt_id;
ALTER TABLE boxes ALTER COLUMN alt_id SET DEFAULT nextval('boxes_seq');
CREATE SEQUENCE loose_seq OWNED BY shelves.code;
