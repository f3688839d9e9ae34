CREATE EXTENSION citext;
COMMENT ON EXTENSION citext IS 'case-insensitive text, for e-mail addresses';
