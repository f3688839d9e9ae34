CREATE DOMAIN email AS text CHECK (position('@' in VALUE) > 1);
CREATE TYPE contact AS (name text);
