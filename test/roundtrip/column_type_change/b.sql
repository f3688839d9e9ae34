CREATE TABLE invoices (
    id bigint PRIMARY KEY,
    number text NOT NULL,
    amount numeric(14,4) NOT NULL,
    issued timestamp with time zone NOT NULL,
    paid_at timestamp(3) with time zone,
    flags integer DEFAULT 0,
    payload jsonb,
    ratio double precision
);
CREATE UNIQUE INDEX invoices_number_key ON invoices (number);
