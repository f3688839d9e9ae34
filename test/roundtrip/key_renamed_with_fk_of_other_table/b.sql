-- a primary key and a unique constraint renamed (dropped and added again)
-- while a foreign key of another table references them: the foreign key
-- must be dropped first and added again after
CREATE TABLE polls (id integer CONSTRAINT polls_pkey PRIMARY KEY, question text);
CREATE TABLE ballots (id integer PRIMARY KEY, poll_id integer REFERENCES polls);
CREATE TABLE tags (name text CONSTRAINT tags_unique_name UNIQUE);
CREATE TABLE tagged (tag text REFERENCES tags (name));
