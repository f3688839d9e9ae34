-- one column stops being generated while another becomes generated, in a
-- table whose serial and primary key change too
CREATE TABLE parts (
    id integer NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    area integer,
    perimeter integer GENERATED ALWAYS AS (2 * (width + height)) STORED,
    CONSTRAINT parts_key PRIMARY KEY (id, width)
);
