-- two tables that reference each other: both must exist before either
-- foreign key, and the foreign keys go before either table is dropped
CREATE TABLE teams (
    id integer PRIMARY KEY,
    name text,
    captain_id integer
);
CREATE TABLE players (
    id integer PRIMARY KEY,
    team_id integer REFERENCES teams (id)
);
ALTER TABLE teams ADD CONSTRAINT teams_captain_fkey FOREIGN KEY (captain_id) REFERENCES players (id);
