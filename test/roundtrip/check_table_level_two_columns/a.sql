CREATE TABLE t (starts date, ends date);
