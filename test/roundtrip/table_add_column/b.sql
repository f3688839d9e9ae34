CREATE TABLE customers (
    id integer PRIMARY KEY,
    name text NOT NULL,
    email character varying(320),
    vip boolean NOT NULL DEFAULT false,
    balance numeric(12,2) DEFAULT 0
);

CREATE TABLE orders (
    id bigint PRIMARY KEY,
    customer_id integer NOT NULL REFERENCES customers (id),
    placed_at timestamp with time zone NOT NULL DEFAULT now(),
    note text COLLATE "C",
    tags text[] NOT NULL DEFAULT '{}'::text[]
);
