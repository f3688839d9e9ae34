CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy', 'ecstatic');
CREATE TABLE diary (
    day date PRIMARY KEY,
    mood mood NOT NULL DEFAULT 'ok',
    moods mood[],
    CONSTRAINT diary_not_sad CHECK (mood <> 'sad')
);
CREATE INDEX diary_happy_idx ON diary (day) WHERE mood = 'happy';
CREATE VIEW happy_days AS SELECT day FROM diary WHERE mood >= 'happy';
CREATE FUNCTION is_good(m mood) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$SELECT m >= 'ok'$$;
