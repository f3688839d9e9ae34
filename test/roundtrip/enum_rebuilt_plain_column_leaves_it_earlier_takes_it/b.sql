-- B: the enum loses a label (a rebuild) while no column keeps it: c2
-- leaves it for a type it cannot be cast to, and the earlier c1 takes the
-- new enum.  Neither column can be converted, so both are dropped and
-- added again in the table's order (c1 first); the old enum may only go
-- after c2 has left it and the new one must exist before c1 is added, so
-- the enum is replaced in place (renamed out of the way, the new one
-- created, the old one dropped last) rather than dropped first (random
-- pair 2471259100334).
CREATE TYPE public.mood AS ENUM ('l0', 'l2');
CREATE TYPE public.pair AS (x integer, y integer);
CREATE TABLE public.t (
    id integer NOT NULL,
    c1 public.mood,
    c2 public.pair
);
