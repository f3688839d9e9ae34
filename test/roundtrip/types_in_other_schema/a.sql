CREATE SCHEMA common;
CREATE TYPE common.status AS ENUM ('active', 'inactive');
CREATE DOMAIN common.iso_country AS character(2) CHECK (VALUE ~ '^[A-Z]{2}$');
CREATE TABLE public.stores (
    id integer PRIMARY KEY,
    status common.status NOT NULL DEFAULT 'active',
    country common.iso_country
);
