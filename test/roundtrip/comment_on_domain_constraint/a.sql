CREATE DOMAIN posint AS integer CONSTRAINT posint_check CHECK (VALUE > 0);
