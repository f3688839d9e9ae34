-- A: two columns of the enum.
CREATE TYPE public.mood AS ENUM ('l0', 'l1');
CREATE TABLE public.t (
    id integer NOT NULL,
    c1 public.mood DEFAULT 'l1',
    c2 public.mood
);
