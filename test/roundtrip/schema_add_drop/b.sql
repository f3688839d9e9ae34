-- one schema (with what is in it) dropped, one created
CREATE TABLE public.users (
    id integer PRIMARY KEY
);
CREATE SCHEMA sales;
CREATE TABLE sales.leads (
    id integer PRIMARY KEY,
    user_id integer REFERENCES public.users (id)
);
