CREATE FUNCTION zz_valid_code(c text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$SELECT c ~ '^[A-Z]{3}$'$$;
CREATE TABLE aa_codes (code text CONSTRAINT aa_codes_code_check CHECK (zz_valid_code(code)));
