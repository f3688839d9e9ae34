CREATE SCHEMA legacy;
CREATE TABLE legacy.old_users (
    id integer PRIMARY KEY,
    login text
);
CREATE VIEW legacy.old_logins AS SELECT login FROM legacy.old_users;
CREATE TABLE public.users (
    id integer PRIMARY KEY
);
