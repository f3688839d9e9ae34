-- A: one column of the enum, after a column of another type.
CREATE TYPE public.mood AS ENUM ('l0', 'l1', 'l2');
CREATE TYPE public.pair AS (x integer, y integer);
CREATE TABLE public.t (
    id integer NOT NULL,
    c1 timestamp NOT NULL,
    c2 public.mood NOT NULL
);
