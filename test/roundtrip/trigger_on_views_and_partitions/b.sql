-- a row trigger on the partitioned table (cloned on every partition), a
-- trigger of one partition, an INSTEAD OF trigger on a view
CREATE TABLE measurements (
    city text NOT NULL,
    at date NOT NULL,
    temp numeric
) PARTITION BY LIST (city);
CREATE TABLE measurements_berlin PARTITION OF measurements FOR VALUES IN ('Berlin');
CREATE TABLE measurements_paris PARTITION OF measurements FOR VALUES IN ('Paris');
CREATE VIEW berlin AS SELECT at, temp FROM measurements WHERE city = 'Berlin';
CREATE FUNCTION round_temp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.temp := round(NEW.temp, 1);
    RETURN NEW;
END
$$;
CREATE FUNCTION berlin_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO measurements VALUES ('Berlin', NEW.at, NEW.temp);
    RETURN NEW;
END
$$;
CREATE TRIGGER measurements_round BEFORE INSERT OR UPDATE ON measurements
    FOR EACH ROW EXECUTE FUNCTION round_temp();
CREATE TRIGGER paris_round BEFORE INSERT ON measurements_paris
    FOR EACH ROW EXECUTE FUNCTION round_temp();
CREATE TRIGGER berlin_insert INSTEAD OF INSERT ON berlin
    FOR EACH ROW EXECUTE FUNCTION berlin_insert();
