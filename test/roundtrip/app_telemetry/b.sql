-- A sensor telemetry store, written from scratch in the shape such
-- applications take (see README.md): devices with tags, maintenance
-- windows that may not overlap, readings partitioned by month, a point
-- type with its own operators and operator class, a moving-average
-- aggregate, extended statistics and rollups.
CREATE EXTENSION btree_gist;
CREATE EXTENSION hstore;
CREATE SCHEMA telemetry;

CREATE TYPE telemetry.geopoint AS (lat double precision, lon double precision);
CREATE FUNCTION telemetry.geopoint_cmp(telemetry.geopoint, telemetry.geopoint) RETURNS integer
    LANGUAGE sql IMMUTABLE STRICT
    AS $$SELECT CASE WHEN ($1.lat, $1.lon) < ($2.lat, $2.lon) THEN -1
                     WHEN ($1.lat, $1.lon) = ($2.lat, $2.lon) THEN 0 ELSE 1 END$$;
CREATE FUNCTION telemetry.geopoint_lt(telemetry.geopoint, telemetry.geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) < ($2.lat, $2.lon)';
CREATE FUNCTION telemetry.geopoint_le(telemetry.geopoint, telemetry.geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) <= ($2.lat, $2.lon)';
CREATE FUNCTION telemetry.geopoint_eq(telemetry.geopoint, telemetry.geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) = ($2.lat, $2.lon)';
CREATE FUNCTION telemetry.geopoint_ge(telemetry.geopoint, telemetry.geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) >= ($2.lat, $2.lon)';
CREATE FUNCTION telemetry.geopoint_gt(telemetry.geopoint, telemetry.geopoint) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT AS 'SELECT ($1.lat, $1.lon) > ($2.lat, $2.lon)';
CREATE OPERATOR telemetry.< (FUNCTION = telemetry.geopoint_lt, LEFTARG = telemetry.geopoint,
    RIGHTARG = telemetry.geopoint, COMMUTATOR = OPERATOR(telemetry.>), RESTRICT = scalarltsel);
CREATE OPERATOR telemetry.<= (FUNCTION = telemetry.geopoint_le, LEFTARG = telemetry.geopoint,
    RIGHTARG = telemetry.geopoint);
CREATE OPERATOR telemetry.= (FUNCTION = telemetry.geopoint_eq, LEFTARG = telemetry.geopoint,
    RIGHTARG = telemetry.geopoint, COMMUTATOR = OPERATOR(telemetry.=), RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR telemetry.>= (FUNCTION = telemetry.geopoint_ge, LEFTARG = telemetry.geopoint,
    RIGHTARG = telemetry.geopoint);
CREATE OPERATOR telemetry.> (FUNCTION = telemetry.geopoint_gt, LEFTARG = telemetry.geopoint,
    RIGHTARG = telemetry.geopoint);
CREATE OPERATOR CLASS telemetry.geopoint_ops DEFAULT FOR TYPE telemetry.geopoint USING btree AS
    OPERATOR 1 telemetry.<, OPERATOR 2 telemetry.<=, OPERATOR 3 telemetry.=,
    OPERATOR 4 telemetry.>=, OPERATOR 5 telemetry.>,
    FUNCTION 1 telemetry.geopoint_cmp(telemetry.geopoint, telemetry.geopoint);

-- a mean that a window can slide: moving-aggregate mode with an inverse
CREATE FUNCTION telemetry.mean_add(double precision[], double precision) RETURNS double precision[]
    LANGUAGE sql IMMUTABLE AS 'SELECT ARRAY[$1[1] + $2, $1[2] + 1]';
CREATE FUNCTION telemetry.mean_remove(double precision[], double precision) RETURNS double precision[]
    LANGUAGE sql IMMUTABLE AS 'SELECT ARRAY[$1[1] - $2, $1[2] - 1]';
CREATE FUNCTION telemetry.mean_final(double precision[]) RETURNS double precision
    LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1[2] = 0 THEN NULL ELSE $1[1] / $1[2] END';
CREATE AGGREGATE telemetry.mean(double precision) (
    SFUNC = telemetry.mean_add, STYPE = double precision[], FINALFUNC = telemetry.mean_final,
    INITCOND = '{0,0}',
    MSFUNC = telemetry.mean_add, MINVFUNC = telemetry.mean_remove,
    MSTYPE = double precision[], MFINALFUNC = telemetry.mean_final, MINITCOND = '{0,0}');

CREATE TABLE telemetry.devices (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    serial text NOT NULL UNIQUE,
    location telemetry.geopoint,
    tags public.hstore NOT NULL DEFAULT ''::public.hstore,
    installed_on date NOT NULL
);
CREATE INDEX devices_location ON telemetry.devices (location);
CREATE INDEX devices_tags ON telemetry.devices USING gin (tags);
CREATE INDEX devices_site ON telemetry.devices ((tags OPERATOR(public.->) 'site'));
ALTER INDEX telemetry.devices_site ALTER COLUMN 1 SET STATISTICS 500;

CREATE TABLE telemetry.maintenance (
    device_id integer NOT NULL REFERENCES telemetry.devices (id) ON DELETE CASCADE,
    during tstzrange NOT NULL,
    note text,
    CONSTRAINT maintenance_no_overlap EXCLUDE USING gist (device_id WITH =, during WITH &&)
);

CREATE TABLE telemetry.readings (
    device_id integer NOT NULL,
    taken_at timestamp with time zone NOT NULL,
    metric text NOT NULL,
    value double precision NOT NULL,
    PRIMARY KEY (device_id, metric, taken_at)
) PARTITION BY RANGE (taken_at);
CREATE TABLE telemetry.readings_2026_11 PARTITION OF telemetry.readings
    FOR VALUES FROM ('2026-11-01 00:00:00+00') TO ('2026-12-01 00:00:00+00');
CREATE TABLE telemetry.readings_2026_12 PARTITION OF telemetry.readings
    FOR VALUES FROM ('2026-12-01 00:00:00+00') TO ('2027-01-01 00:00:00+00');
CREATE TABLE telemetry.readings_default PARTITION OF telemetry.readings DEFAULT;
CREATE INDEX readings_metric_time ON telemetry.readings (metric, taken_at);
CREATE STATISTICS telemetry.readings_device_metric (ndistinct, dependencies)
    ON device_id, metric FROM telemetry.readings;
ALTER TABLE telemetry.readings ALTER COLUMN metric SET STATISTICS 1000;

CREATE VIEW telemetry.hourly AS
    SELECT device_id, metric, date_trunc('hour', taken_at) AS hour,
           telemetry.mean(value) AS mean, min(value) AS low, max(value) AS high
      FROM telemetry.readings
     GROUP BY device_id, metric, date_trunc('hour', taken_at);
CREATE VIEW telemetry.smoothed AS
    SELECT device_id, metric, taken_at,
           telemetry.mean(value) OVER (PARTITION BY device_id, metric ORDER BY taken_at
                                       ROWS BETWEEN 5 PRECEDING AND CURRENT ROW) AS value
      FROM telemetry.readings;
CREATE MATERIALIZED VIEW telemetry.daily AS
    SELECT device_id, metric, date_trunc('day', taken_at) AS day, telemetry.mean(value) AS mean
      FROM telemetry.readings
     GROUP BY 1, 2, 3
    WITH NO DATA;
COMMENT ON MATERIALIZED VIEW telemetry.daily IS 'refreshed nightly';
