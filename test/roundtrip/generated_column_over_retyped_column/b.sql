-- a column that a generated column reads changes type: ALTER COLUMN TYPE
-- of qty fails while total's expression uses it
CREATE TABLE lines (
    id integer PRIMARY KEY,
    qty bigint NOT NULL,
    price numeric(12,3) NOT NULL,
    total numeric GENERATED ALWAYS AS (qty * price) STORED
);
