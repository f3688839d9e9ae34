-- Conversions made from nothing, with a comment, and dropped again.
CREATE CONVERSION "Odd name" FOR 'WIN1252' TO 'UTF8' FROM win_to_utf8;
COMMENT ON CONVERSION "Odd name" IS 'it''s odd';
CREATE DEFAULT CONVERSION koi8r_to_utf8_ours FOR 'KOI8R' TO 'UTF8' FROM koi8r_to_utf8;
