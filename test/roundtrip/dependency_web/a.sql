CREATE FUNCTION clamp_pct(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE
    AS $$SELECT greatest(0, least(100, $1))$$;
CREATE DOMAIN pct AS numeric CHECK (VALUE = clamp_pct(VALUE));
CREATE TYPE grade AS ENUM ('A', 'B', 'C');
CREATE TYPE result AS (score pct, grade grade);
CREATE TABLE exams (
    id integer PRIMARY KEY,
    student text NOT NULL,
    res result,
    score pct GENERATED ALWAYS AS ((res).score) STORED
);
CREATE INDEX exams_grade_idx ON exams (((res).grade));
CREATE VIEW passed AS SELECT id, student, (res).grade AS grade FROM exams WHERE (res).grade <= 'B';
CREATE FUNCTION passed_count() RETURNS bigint LANGUAGE sql STABLE
    BEGIN ATOMIC SELECT count(*) FROM passed; END;
CREATE TABLE stats (
    name text PRIMARY KEY,
    n bigint DEFAULT passed_count()
);
ALTER TABLE exams ENABLE ROW LEVEL SECURITY;
CREATE POLICY exams_passed ON exams USING ((res).grade IN ('A', 'B'));
