CREATE SCHEMA types;
CREATE DOMAIN types.cents AS bigint;
