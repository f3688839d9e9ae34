CREATE TABLE members (uid text, team int);
CREATE VIEW my_teams AS SELECT team FROM members WHERE uid = current_user;
CREATE TABLE docs (id int, team int);
