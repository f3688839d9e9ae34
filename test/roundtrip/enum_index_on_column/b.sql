CREATE TYPE prio AS ENUM ('low', 'mid', 'high');
CREATE TABLE jobs (id int, p prio);
CREATE INDEX jobs_p_idx ON jobs (p);
