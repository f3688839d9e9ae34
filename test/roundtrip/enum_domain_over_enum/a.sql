CREATE TYPE level AS ENUM ('low', 'mid', 'high');
CREATE TABLE t (id int, l level);
