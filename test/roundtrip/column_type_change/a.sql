CREATE TABLE invoices (
    id integer PRIMARY KEY,
    number character varying(20) NOT NULL,
    amount numeric(10,2) NOT NULL,
    issued date NOT NULL,
    paid_at timestamp without time zone,
    flags smallint DEFAULT 0,
    payload json,
    ratio real
);
CREATE UNIQUE INDEX invoices_number_key ON invoices (number);
