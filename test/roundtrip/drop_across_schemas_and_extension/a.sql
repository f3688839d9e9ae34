CREATE SCHEMA catalog;
CREATE SCHEMA sales;
CREATE SCHEMA ext;
CREATE EXTENSION hstore WITH SCHEMA ext;
CREATE EXTENSION citext;
CREATE TABLE catalog.products (id integer PRIMARY KEY, name text);
CREATE TABLE sales.orders (
    id integer PRIMARY KEY,
    product_id integer REFERENCES catalog.products
);
CREATE TABLE catalog.product_sales (
    order_id integer REFERENCES sales.orders,
    product_id integer REFERENCES catalog.products
);
CREATE TABLE sales.customers (id integer PRIMARY KEY, email citext);
CREATE FUNCTION sales.tags(h ext.hstore) RETURNS text[] LANGUAGE sql AS 'SELECT ext.akeys(h)';
CREATE FUNCTION public.make_tags(t text) RETURNS ext.hstore LANGUAGE sql AS 'SELECT ext.hstore(t, t)';
CREATE FUNCTION public.lower_email(e citext) RETURNS citext LANGUAGE sql AS 'SELECT lower(e)::citext';
