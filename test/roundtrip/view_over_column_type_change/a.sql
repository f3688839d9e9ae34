CREATE TABLE payments (
    id integer PRIMARY KEY,
    amount numeric(10,2) NOT NULL,
    currency character(3) NOT NULL,
    paid_at timestamp without time zone
);
CREATE VIEW payments_eur AS
    SELECT id, amount, paid_at FROM payments WHERE currency = 'EUR';
CREATE VIEW payment_totals AS
    SELECT sum(amount) AS total, count(*) AS n FROM payments_eur;
CREATE VIEW unrelated AS SELECT 1 AS one;
