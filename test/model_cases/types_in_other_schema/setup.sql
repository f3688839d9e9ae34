-- test/model_cases/types_in_other_schema/setup.sql: run for real before the models are set.
-- Statements of b.sql, unchanged: the schemas, and the types of common and shop
-- that the models of shop and public reference.
CREATE SCHEMA common;
CREATE SCHEMA shop;
CREATE TYPE common.status AS ENUM ('active', 'inactive', 'archived');
CREATE DOMAIN common.iso_country AS character(2) CHECK (VALUE ~ '^[A-Z]{2}$');
CREATE TYPE shop.status AS ENUM ('open', 'closed');
