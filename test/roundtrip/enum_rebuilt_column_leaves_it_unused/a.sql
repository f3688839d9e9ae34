-- A: a column of another type; the enum has two labels.
CREATE TYPE public.mood AS ENUM ('l0', 'l1');
CREATE TABLE public.t (
    id integer NOT NULL,
    c1 timestamp DEFAULT LOCALTIMESTAMP
);
