-- B: a label more, and the column of the enum.  B to A rebuilds the enum
-- (a label removed) while the only column using it leaves it for a type it
-- cannot be cast to (dropped and added again): the old enum may only be
-- dropped after that column has left it (random pair 51242378903114).
CREATE TYPE public.mood AS ENUM ('l0', 'l1', 'n1');
CREATE TABLE public.t (
    id integer NOT NULL,
    c1 public.mood
);
