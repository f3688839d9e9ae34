-- A conversion becomes the default of its schema (dropped and made again:
-- ALTER CONVERSION cannot), its comment changes; one is dropped, another
-- made.
CREATE DEFAULT CONVERSION latin1_utf8 FOR 'LATIN1' TO 'UTF8' FROM iso8859_1_to_utf8;
COMMENT ON CONVERSION latin1_utf8 IS 'ours, the default';
CREATE CONVERSION win1250_utf8 FOR 'WIN1250' TO 'UTF8' FROM win_to_utf8;
