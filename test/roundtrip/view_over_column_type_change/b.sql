-- the columns under two views change type: the views go first (in
-- dependency order) and come back after
CREATE TABLE payments (
    id integer PRIMARY KEY,
    amount numeric(14,4) NOT NULL,
    currency character(3) NOT NULL,
    paid_at timestamp with time zone
);
CREATE VIEW payments_eur AS
    SELECT id, amount, paid_at FROM payments WHERE currency = 'EUR';
CREATE VIEW payment_totals AS
    SELECT sum(amount) AS total, count(*) AS n FROM payments_eur;
CREATE VIEW unrelated AS SELECT 1 AS one;
