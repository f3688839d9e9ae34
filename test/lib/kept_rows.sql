-- Used by test/diff_rows.sh, with psql variables src and tgt (two snapshot
-- documents): for every table both have (same schema and name), one line
-- "schema.table<TAB>rows<TAB>md5 of the kept columns' values" (of the table
-- alone, or of its whole tree when the target partitions a table that was
-- not partitioned), where the
-- kept columns are those both have with the same type, not generated in
-- the target (computed again from other columns, which may change) and of
-- a type whose definition is the same in both
-- (a rebuilt enum may lose labels, with a data_loss step).  Run before and
-- after a migration from src to tgt, the lines must be the same.
WITH s AS (SELECT :'src'::jsonb AS d), t AS (SELECT :'tgt'::jsonb AS d),
tabs AS (
	SELECT sn.key AS sch, tn.key AS tab, tn.value AS tt, s.d->'schemas'->sn.key->'tables'->tn.key AS st
	  FROM t, s, jsonb_each(t.d->'schemas') sn, jsonb_each(sn.value->'tables') tn
	 WHERE s.d->'schemas'->sn.key->'tables' ? tn.key),
kept AS (
	SELECT tabs.sch, tabs.tab,
	       tabs.tt ? 'partition_by' AND NOT tabs.st ? 'partition_by' AS whole,
	       array_remove(array_agg(tc->>'name' ORDER BY tc->>'name' COLLATE "C"), NULL) AS cols
	  FROM tabs
	  LEFT JOIN LATERAL (
	        SELECT tc FROM jsonb_array_elements(tabs.tt->'columns') tc,
	                       jsonb_array_elements(tabs.st->'columns') sc, s, t
	         WHERE sc->>'name' = tc->>'name' AND sc->'type' = tc->'type'
	           AND tc->'generated' IS NULL
	           AND NOT EXISTS (
	                SELECT FROM jsonb_each(s.d->'schemas') x
	                 WHERE (x.value->'types') ? regexp_replace(regexp_replace(tc->>'type', '\[\]$', ''), '^.*\.', '')
	                   AND (x.value->'types'->regexp_replace(regexp_replace(tc->>'type', '\[\]$', ''), '^.*\.', ''))
	                       IS DISTINCT FROM
	                       (t.d->'schemas'->x.key->'types'->regexp_replace(regexp_replace(tc->>'type', '\[\]$', ''), '^.*\.', '')))
	       ) k ON true
	 GROUP BY tabs.sch, tabs.tab, tabs.tt, tabs.st)
SELECT format('SELECT %L || E''\t'' || count(*) || E''\t'' || coalesce(md5(string_agg(x::text, ''|'' ORDER BY x::text)), '''') FROM (SELECT %s FROM %s %I.%I) x',
              format('%I.%I', sch, tab),
              coalesce(nullif(array_to_string(ARRAY(SELECT quote_ident(c) FROM unnest(cols) c), ', '), ''), '1'),
              CASE WHEN whole THEN '' ELSE 'ONLY' END, sch, tab)
  FROM kept ORDER BY sch, tab
\gexec
