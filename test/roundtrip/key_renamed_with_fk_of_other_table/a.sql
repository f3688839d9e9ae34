CREATE TABLE polls (id integer CONSTRAINT polls_old_pkey PRIMARY KEY, question text);
CREATE TABLE ballots (id integer PRIMARY KEY, poll_id integer REFERENCES polls);
CREATE TABLE tags (name text CONSTRAINT tags_name_key UNIQUE);
CREATE TABLE tagged (tag text REFERENCES tags (name));
