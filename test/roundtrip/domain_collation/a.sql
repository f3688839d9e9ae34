CREATE DOMAIN code AS text;
