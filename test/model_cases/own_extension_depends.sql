-- Used by test/model_roundtrip.sh, in the session that snapshots b.sql run
-- for real.  pg_temp.without_own_extension_depends(snapshot) is the snapshot
-- without the one difference docs/models.md (Limits) documents between a
-- model and a snapshot of the same DDL: "extension E" in depends_on, for an
-- extension E installed in a schema of the snapshot's scope (a depends_on
-- left empty by that goes too).  Nothing else changes.  In pg_temp: the
-- database's schemas are untouched.
CREATE FUNCTION pg_temp.strip_deps(j jsonb, own jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
	k text;
	v jsonb;
	w jsonb;
	r jsonb := '{}';
BEGIN
	IF jsonb_typeof(j) = 'array' THEN
		RETURN COALESCE((SELECT jsonb_agg(pg_temp.strip_deps(e, own) ORDER BY o)
						   FROM jsonb_array_elements(j) WITH ORDINALITY AS a(e, o)), '[]');
	ELSIF jsonb_typeof(j) <> 'object' THEN
		RETURN j;
	END IF;
	FOR k, v IN SELECT * FROM jsonb_each(j) LOOP
		IF k = 'depends_on' AND jsonb_typeof(v) = 'array' THEN
			w := COALESCE((SELECT jsonb_agg(e ORDER BY o)
							 FROM jsonb_array_elements(v) WITH ORDINALITY AS a(e, o)
							WHERE NOT own @> jsonb_build_array(e)), '[]');
			CONTINUE WHEN w = '[]' AND v <> '[]';
			v := w;
		ELSE
			v := pg_temp.strip_deps(v, own);
		END IF;
		r := r || jsonb_build_object(k, v);
	END LOOP;
	RETURN r;
END
$$;
CREATE FUNCTION pg_temp.own_extensions(s jsonb) RETURNS text[]
LANGUAGE sql AS $$
	SELECT COALESCE(array_agg(e.key ORDER BY e.key), '{}')
	  FROM jsonb_each(COALESCE(s -> 'extensions', '{}')) AS e
	 WHERE s -> 'scope' ? (e.value ->> 'schema')
$$;
CREATE FUNCTION pg_temp.without_own_extension_depends(s jsonb) RETURNS jsonb
LANGUAGE sql AS $$
	SELECT pg_temp.strip_deps(s, (SELECT COALESCE(jsonb_agg('extension ' || x), '[]')
									FROM unnest(pg_temp.own_extensions(s)) AS x))
$$;
