-- B: the column widened to bigserial (its type and its sequence's).  The
-- column's and the sequence's changes wait for each other (a cycle the step
-- order breaks); the view, dropped before and created again after, must
-- not be the step freed: it waits for the cycle but is not on it.
CREATE TABLE public.authors (
    id bigserial PRIMARY KEY,
    name text NOT NULL
);
CREATE VIEW public.author_ids AS SELECT id FROM public.authors;
