CREATE TABLE tree (id int, parent int);
