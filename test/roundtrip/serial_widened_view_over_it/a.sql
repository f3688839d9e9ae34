-- A: a serial column, and a view over it.
CREATE TABLE public.authors (
    id serial PRIMARY KEY,
    name text NOT NULL
);
CREATE VIEW public.author_ids AS SELECT id FROM public.authors;
