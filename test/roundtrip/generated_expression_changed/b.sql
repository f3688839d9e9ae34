CREATE TABLE t (id int, price numeric, qty int, total numeric GENERATED ALWAYS AS (price * qty * 1.2) STORED);
