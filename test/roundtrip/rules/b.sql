-- See a.sql.
CREATE TABLE orders (id integer PRIMARY KEY, status text NOT NULL, qty integer);
CREATE TABLE orders_log (order_id integer, what text, at timestamp with time zone DEFAULT now());
CREATE VIEW open_orders AS SELECT id, qty FROM orders WHERE status = 'open';
CREATE RULE orders_keep AS ON DELETE TO orders
    DO INSTEAD UPDATE orders SET status = 'archived' WHERE id = OLD.id;
CREATE RULE orders_audit AS ON DELETE TO orders
    DO ALSO INSERT INTO orders_log (order_id, what) VALUES (OLD.id, 'delete');
CREATE RULE orders_noop AS ON UPDATE TO orders_log DO INSTEAD NOTHING;
CREATE RULE open_orders_ins AS ON INSERT TO open_orders
    DO INSTEAD INSERT INTO orders (id, status, qty) VALUES (NEW.id, 'open', NEW.qty);
ALTER TABLE orders_log DISABLE RULE orders_noop;
COMMENT ON RULE orders_keep ON orders IS 'soft delete, archived';
