CREATE TYPE addr AS (street text, city text);
COMMENT ON TYPE addr IS 'a postal address';
COMMENT ON COLUMN addr.city IS 'city or town';
