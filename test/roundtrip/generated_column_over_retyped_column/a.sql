CREATE TABLE lines (
    id integer PRIMARY KEY,
    qty integer NOT NULL,
    price numeric(10,2) NOT NULL,
    total numeric GENERATED ALWAYS AS (qty * price) STORED
);
