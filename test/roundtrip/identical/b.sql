-- a and b are the same schema, written differently: every diff is empty
CREATE FUNCTION public.f(x int4) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT x + 1';
CREATE TYPE public.kind AS ENUM ('a', 'b');
CREATE TABLE public.t (
    id int NOT NULL,
    k public.kind DEFAULT 'a'::kind,
    v decimal(10,2),
    created timestamp with time zone DEFAULT pg_catalog.now(),
    CONSTRAINT t_pkey PRIMARY KEY (id),
    CONSTRAINT t_v_check CHECK (v > 0::numeric)
);
CREATE VIEW public.tv AS
    SELECT t.id, t.k
      FROM t
     WHERE t.v > 10::numeric;
CREATE INDEX t_k_idx ON public.t USING btree (k);
