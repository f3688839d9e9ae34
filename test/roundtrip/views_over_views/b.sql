-- the bottom view loses a column and gets another: every view above it
-- must be rebuilt; big_teams changes its own definition too
CREATE TABLE staff (
    id integer PRIMARY KEY,
    name text NOT NULL,
    team text,
    salary numeric
);
CREATE VIEW staff_public AS
    SELECT id, upper(name) AS name, coalesce(team, 'none') AS team FROM staff;
CREATE VIEW team_sizes AS
    SELECT team, count(*) AS members FROM staff_public GROUP BY team;
CREATE VIEW big_teams AS
    SELECT team, members FROM team_sizes WHERE members > 20;
CREATE VIEW staff_named AS
    SELECT s.name, t.members FROM staff_public s JOIN team_sizes t USING (team);
