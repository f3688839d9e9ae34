-- Rules of tables and views (not a view's own): one rewritten in place
-- (CREATE OR REPLACE RULE), one whose event changes (dropped and made
-- again), one added, one dropped, one disabled, a comment.
CREATE TABLE orders (id integer PRIMARY KEY, status text NOT NULL, qty integer);
CREATE TABLE orders_log (order_id integer, what text, at timestamp with time zone DEFAULT now());
CREATE VIEW open_orders AS SELECT id, qty FROM orders WHERE status = 'open';
CREATE RULE orders_keep AS ON DELETE TO orders
    DO INSTEAD UPDATE orders SET status = 'deleted' WHERE id = OLD.id;
CREATE RULE orders_audit AS ON UPDATE TO orders
    DO ALSO INSERT INTO orders_log (order_id, what) VALUES (NEW.id, 'update');
CREATE RULE orders_gone AS ON INSERT TO orders WHERE NEW.qty < 0
    DO INSTEAD NOTHING;
CREATE RULE open_orders_ins AS ON INSERT TO open_orders
    DO INSTEAD INSERT INTO orders (id, status, qty) VALUES (NEW.id, 'open', NEW.qty);
COMMENT ON RULE orders_keep ON orders IS 'soft delete';
