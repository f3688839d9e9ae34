CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE DOMAIN smallposint AS posint CHECK (VALUE < 100);
