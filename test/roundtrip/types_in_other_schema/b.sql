CREATE SCHEMA common;
CREATE SCHEMA shop;
CREATE TYPE common.status AS ENUM ('active', 'inactive', 'archived');
CREATE DOMAIN common.iso_country AS character(2) CHECK (VALUE ~ '^[A-Z]{2}$');
CREATE TYPE shop.status AS ENUM ('open', 'closed');
CREATE TABLE public.stores (
    id integer PRIMARY KEY,
    status common.status NOT NULL DEFAULT 'active',
    country common.iso_country,
    shop_status shop.status
);
CREATE TABLE shop.stores (
    id integer PRIMARY KEY,
    status shop.status,
    global_status common.status
);
