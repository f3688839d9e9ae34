CREATE DOMAIN percent AS numeric(5,2);
ALTER DOMAIN percent ADD CONSTRAINT percent_range CHECK (VALUE BETWEEN 0 AND 100) NOT VALID;
ALTER DOMAIN percent SET NOT NULL;
COMMENT ON CONSTRAINT percent_range ON DOMAIN percent IS 'not yet validated';
CREATE TABLE scores (
    id integer PRIMARY KEY,
    score percent
);
