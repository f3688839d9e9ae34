-- B: a label renamed (a rebuild: the enum renamed out of the way, the new
-- one created, the columns that keep it converted, the old one dropped),
-- while one column leaves the enum for a type it cannot be cast to: the
-- old enum may only be dropped after that column has left it (random pair
-- 51242378903278).
CREATE TYPE public.mood AS ENUM ('l0', 'l1_r');
CREATE TABLE public.t (
    id integer NOT NULL,
    c1 public.mood,
    c2 timestamp DEFAULT LOCALTIMESTAMP
);
