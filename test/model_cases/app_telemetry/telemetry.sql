-- test/model_cases/app_telemetry/telemetry.sql: the model of schema telemetry: the statements of
-- test/roundtrip/app_telemetry/b.sql that define objects of telemetry, in b.sql's order,
-- with "telemetry." (and OPERATOR(telemetry.op)) left out of the names of telemetry's own
-- objects (function bodies are kept as written: they are text).  Nothing else is changed.
CREATE TYPE geopoint AS (lat double precision, lon double precision);
CREATE FUNCTION geopoint_cmp(geopoint, geopoint) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT CASE WHEN ($1.lat, $1.lon) < ($2.lat, $2.lon) THEN -1
                     WHEN ($1.lat, $1.lon) = ($2.lat, $2.lon) THEN 0 ELSE 1 END$$;
CREATE FUNCTION geopoint_lt(geopoint, geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) < ($2.lat, $2.lon)';
CREATE FUNCTION geopoint_le(geopoint, geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) <= ($2.lat, $2.lon)';
CREATE FUNCTION geopoint_eq(geopoint, geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) = ($2.lat, $2.lon)';
CREATE FUNCTION geopoint_ge(geopoint, geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) >= ($2.lat, $2.lon)';
CREATE FUNCTION geopoint_gt(geopoint, geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) > ($2.lat, $2.lon)';
CREATE OPERATOR < (FUNCTION = geopoint_lt, LEFTARG = geopoint,
    RIGHTARG = geopoint, COMMUTATOR = >, RESTRICT = scalarltsel);
CREATE OPERATOR <= (FUNCTION = geopoint_le, LEFTARG = geopoint,
    RIGHTARG = geopoint);
CREATE OPERATOR = (FUNCTION = geopoint_eq, LEFTARG = geopoint,
    RIGHTARG = geopoint, COMMUTATOR = =, RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR >= (FUNCTION = geopoint_ge, LEFTARG = geopoint,
    RIGHTARG = geopoint);
CREATE OPERATOR > (FUNCTION = geopoint_gt, LEFTARG = geopoint,
    RIGHTARG = geopoint);
CREATE OPERATOR CLASS geopoint_ops DEFAULT FOR TYPE geopoint USING btree AS
    OPERATOR 1 <, OPERATOR 2 <=, OPERATOR 3 =,
    OPERATOR 4 >=, OPERATOR 5 >,
    FUNCTION 1 geopoint_cmp(geopoint, geopoint);

CREATE FUNCTION mean_add(double precision[], double precision) RETURNS double precision[]
    LANGUAGE sql IMMUTABLE AS 'SELECT ARRAY[$1[1] + $2, $1[2] + 1]';
CREATE FUNCTION mean_remove(double precision[], double precision) RETURNS double precision[]
    LANGUAGE sql IMMUTABLE AS 'SELECT ARRAY[$1[1] - $2, $1[2] - 1]';
CREATE FUNCTION mean_final(double precision[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1[2] = 0 THEN NULL ELSE $1[1] / $1[2] END';
CREATE AGGREGATE mean(double precision) (
    SFUNC = mean_add, STYPE = double precision[], FINALFUNC = mean_final,
    INITCOND = '{0,0}',
    MSFUNC = mean_add, MINVFUNC = mean_remove,
    MSTYPE = double precision[], MFINALFUNC = mean_final, MINITCOND = '{0,0}');

CREATE TABLE devices (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    serial text NOT NULL UNIQUE,
    location geopoint,
    tags public.hstore NOT NULL DEFAULT ''::public.hstore,
    installed_on date NOT NULL
);
CREATE INDEX devices_location ON devices (location);
CREATE INDEX devices_tags ON devices USING gin (tags);
CREATE INDEX devices_site ON devices ((tags OPERATOR(public.->) 'site'));
ALTER INDEX devices_site ALTER COLUMN 1 SET STATISTICS 500;

CREATE TABLE maintenance (
    device_id integer NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    during tstzrange NOT NULL,
    note text,
    CONSTRAINT maintenance_no_overlap EXCLUDE USING gist (device_id WITH =, during WITH &&)
);

CREATE TABLE readings (
    device_id integer NOT NULL,
    taken_at timestamp with time zone NOT NULL,
    metric text NOT NULL,
    value double precision NOT NULL,
    PRIMARY KEY (device_id, metric, taken_at)
) PARTITION BY RANGE (taken_at);
CREATE TABLE readings_2026_11 PARTITION OF readings
    FOR VALUES FROM ('2026-11-01 00:00:00+00') TO ('2026-12-01 00:00:00+00');
CREATE TABLE readings_2026_12 PARTITION OF readings
    FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');
CREATE TABLE readings_default PARTITION OF readings DEFAULT;
CREATE INDEX readings_metric_time ON readings (metric, taken_at);
CREATE STATISTICS readings_device_metric (ndistinct, dependencies)
    ON device_id, metric FROM readings;
ALTER TABLE readings ALTER COLUMN metric SET STATISTICS 1000;

CREATE VIEW hourly AS
    SELECT device_id, metric, date_trunc('hour', taken_at) AS hour,
           mean(value) AS mean, min(value) AS low, max(value) AS high
      FROM readings
     GROUP BY device_id, metric, date_trunc('hour', taken_at);
CREATE VIEW smoothed AS
    SELECT device_id, metric, taken_at,
           mean(value) OVER (PARTITION BY device_id, metric ORDER BY taken_at
                                       ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) AS value
      FROM readings;
CREATE MATERIALIZED VIEW daily AS
    SELECT device_id, metric, date_trunc('day', taken_at) AS day, mean(value) AS mean
      FROM readings
     GROUP BY 1, 2, 3
    WITH NO DATA;
COMMENT ON MATERIALIZED VIEW daily IS 'refreshed nightly';
