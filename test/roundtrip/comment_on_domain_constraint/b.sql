CREATE DOMAIN posint AS integer CONSTRAINT posint_check CHECK (VALUE > 0);
COMMENT ON CONSTRAINT posint_check ON DOMAIN posint IS 'positive';
