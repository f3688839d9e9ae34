-- test/coverage.sh: every entry of toc_lines (pg_restore -l) against the
-- snapshot document, one line per problem.  kinds and toc_lines are filled
-- by the caller.
SET client_min_messages = warning;
CREATE TEMP TABLE doc AS SELECT migrate_snapshot() AS d;

CREATE TEMP TABLE toc AS
SELECT t.line, t.classid, t.objid, k.descr, k.expect,
       split_part(k.rest, ' ', 1) AS nsp,
       regexp_replace(substr(k.rest, length(split_part(k.rest, ' ', 1)) + 2),
                      ' (' || current_user || ')?$', '') AS tag
  FROM (SELECT l.line, m[1]::oid AS classid, m[2]::oid AS objid, m[3] AS after
          FROM toc_lines l, regexp_match(l.line, '^\d+; (\d+) (\d+) (.*)$') m) t
  LEFT JOIN LATERAL (
        SELECT k.descr, k.expect, substr(t.after, length(k.descr) + 2) AS rest
          FROM kinds k
         WHERE left(t.after, length(k.descr) + 1) = k.descr || ' '
         ORDER BY length(k.descr) DESC LIMIT 1) k ON true;

-- Is the entry where its kind is modelled?
CREATE FUNCTION pg_temp.modelled(e toc, d jsonb) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	s jsonb := d #> ARRAY['schemas', e.nsp];
	rel record;
	sect text;
	kind text;
	obj text;
BEGIN
	IF e.descr = 'SCHEMA' THEN
		RETURN d -> 'schemas' ? e.tag;
	ELSIF e.descr = 'EXTENSION' THEN
		RETURN d -> 'extensions' ? e.tag;
	ELSIF e.descr IN ('TABLE', 'VIEW', 'MATERIALIZED VIEW', 'SEQUENCE', 'FOREIGN TABLE') THEN
		SELECT CASE c.relkind WHEN 'r' THEN 'tables' WHEN 'p' THEN 'tables' WHEN 'v' THEN 'views'
		       WHEN 'm' THEN 'materialized_views' WHEN 'S' THEN 'sequences'
		       WHEN 'f' THEN 'foreign_tables' END INTO sect
		  FROM pg_class c WHERE c.oid = e.objid;
		RETURN s -> sect ? e.tag;
	ELSIF e.descr IN ('TYPE', 'DOMAIN', 'SHELL TYPE') THEN
		RETURN s -> 'types' ? (SELECT typname::text FROM pg_type WHERE oid = e.objid);
	ELSIF e.descr IN ('FUNCTION', 'PROCEDURE', 'AGGREGATE') THEN
		sect := CASE e.descr WHEN 'AGGREGATE' THEN 'aggregates' ELSE 'functions' END;
		RETURN EXISTS (SELECT 1 FROM jsonb_object_keys(s -> sect) f, pg_proc p
		                WHERE p.oid = e.objid AND left(f, length(p.proname) + 1) = p.proname || '(');
	ELSIF e.descr = 'COLLATION' THEN
		RETURN s -> 'collations' ? e.tag;
	ELSIF e.descr = 'STATISTICS' THEN
		RETURN s -> 'statistics' ? e.tag;
	ELSIF e.descr = 'OPERATOR' THEN
		RETURN EXISTS (SELECT 1 FROM jsonb_object_keys(s -> 'operators') f, pg_operator o
		                WHERE o.oid = e.objid AND left(f, length(o.oprname) + 1) = o.oprname || '(');
	ELSIF e.descr = 'OPERATOR CLASS' THEN
		RETURN s -> 'operator_classes' ?
		       (SELECT c.opcname || ' USING ' || am.amname FROM pg_opclass c
		          JOIN pg_am am ON am.oid = c.opcmethod WHERE c.oid = e.objid);
	ELSIF e.descr = 'OPERATOR FAMILY' THEN
		RETURN s -> 'operator_families' ?
		       (SELECT f.opfname || ' USING ' || am.amname FROM pg_opfamily f
		          JOIN pg_am am ON am.oid = f.opfmethod WHERE f.oid = e.objid);
	ELSIF e.descr LIKE 'TEXT SEARCH %' THEN
		RETURN s -> ('text_search_' || CASE e.descr
		                 WHEN 'TEXT SEARCH PARSER' THEN 'parsers'
		                 WHEN 'TEXT SEARCH TEMPLATE' THEN 'templates'
		                 WHEN 'TEXT SEARCH DICTIONARY' THEN 'dictionaries'
		                 ELSE 'configurations' END) ? e.tag;
	ELSIF e.descr = 'FOREIGN DATA WRAPPER' THEN
		RETURN d -> 'foreign_data_wrappers' ? e.tag;
	ELSIF e.descr = 'SERVER' THEN
		RETURN d -> 'servers' ? e.tag;
	ELSIF e.descr = 'USER MAPPING' THEN
		RETURN d -> 'user_mappings' ?
		       regexp_replace(e.tag, '^USER MAPPING (.*) SERVER (.*)$', '\1 SERVER \2');
	ELSIF e.descr = 'EVENT TRIGGER' THEN
		RETURN d -> 'event_triggers' ? e.tag;
	ELSIF e.descr = 'PUBLICATION' THEN
		RETURN d -> 'publications' ? e.tag;
	ELSIF e.descr = 'PUBLICATION TABLE' THEN
		SELECT p.pubname::text AS pub,
		       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS tab INTO rel
		  FROM pg_publication_rel r JOIN pg_publication p ON p.oid = r.prpubid
		  JOIN pg_class c ON c.oid = r.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace
		 WHERE r.oid = e.objid;
		RETURN EXISTS (SELECT 1 FROM jsonb_array_elements_text(
		                  d #> ARRAY['publications', rel.pub, 'published_tables']) t
		                WHERE t = rel.tab OR t LIKE rel.tab || ' %');
	ELSIF e.descr = 'PUBLICATION TABLES IN SCHEMA' THEN
		SELECT p.pubname::text AS pub, s2.nspname::text AS nsp INTO rel
		  FROM pg_publication_namespace pn JOIN pg_publication p ON p.oid = pn.pnpubid
		  JOIN pg_namespace s2 ON s2.oid = pn.pnnspid WHERE pn.oid = e.objid;
		RETURN d #> ARRAY['publications', rel.pub, 'published_schemas'] ? rel.nsp;
	ELSIF e.descr = 'CAST' THEN
		-- keyed by its types as format_type() writes them under pg_catalog
		PERFORM set_config('search_path', 'pg_catalog', true);
		SELECT '(' || format_type(c.castsource, NULL) || ' AS ' ||
		       format_type(c.casttarget, NULL) || ')' INTO obj
		  FROM pg_cast c WHERE c.oid = e.objid;
		PERFORM set_config('search_path', 'pg_catalog, pg_temp', true);
		RETURN d -> 'casts' ? obj;
	ELSIF e.descr = 'DEFAULT ACL' THEN
		SELECT a.defaclnamespace AS nsp,
		       a.defaclrole::regrole::text || ' ' ||
		       CASE a.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences'
		            WHEN 'f' THEN 'functions' WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' END AS key
		  INTO rel FROM pg_default_acl a WHERE a.oid = e.objid;
		IF rel.nsp = 0 THEN
			RETURN d -> 'default_privileges' ? rel.key;
		END IF;
		RETURN s -> 'default_privileges' ? rel.key;
	ELSIF e.descr IN ('CONSTRAINT', 'FK CONSTRAINT', 'CHECK CONSTRAINT') THEN
		SELECT c.conname::text AS name, r.relname::text AS rel, t.typname::text AS typ INTO rel
		  FROM pg_constraint c LEFT JOIN pg_class r ON r.oid = c.conrelid
		  LEFT JOIN pg_type t ON t.oid = c.contypid WHERE c.oid = e.objid;
		IF rel.typ IS NOT NULL THEN
			RETURN s #> ARRAY['types', rel.typ, 'constraints'] ? rel.name;
		END IF;
		RETURN s #> ARRAY['tables', rel.rel, 'constraints'] ? rel.name;
	ELSIF e.descr = 'INDEX' THEN
		SELECT r.relname::text AS rel, r.relkind INTO rel
		  FROM pg_index i JOIN pg_class r ON r.oid = i.indrelid WHERE i.indexrelid = e.objid;
		RETURN s #> ARRAY[CASE rel.relkind WHEN 'm' THEN 'materialized_views' ELSE 'tables' END,
		                  rel.rel, 'indexes'] ? e.tag;
	ELSIF e.descr IN ('TRIGGER', 'POLICY', 'RULE') THEN
		sect := CASE e.descr WHEN 'TRIGGER' THEN 'triggers' WHEN 'POLICY' THEN 'policies' ELSE 'rules' END;
		RETURN s #> ARRAY['tables', split_part(e.tag, ' ', 1), sect] ? split_part(e.tag, ' ', 2);
	ELSIF e.descr = 'ROW SECURITY' THEN
		RETURN (s #> ARRAY['tables', e.tag, 'row_security'])::boolean;
	ELSIF e.descr = 'DEFAULT' THEN
		SELECT r.relname::text AS rel, r.relkind, a.attname::text AS col INTO rel
		  FROM pg_attrdef ad JOIN pg_class r ON r.oid = ad.adrelid
		  JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
		 WHERE ad.oid = e.objid;
		RETURN jsonb_path_exists(s #> ARRAY[CASE rel.relkind WHEN 'v' THEN 'views' ELSE 'tables' END, rel.rel],
		                         '$.columns[*] ? (@.name == $c).default', jsonb_build_object('c', rel.col));
	ELSIF e.descr IN ('COMMENT', 'ACL') THEN
		kind := split_part(e.tag, ' ', 1);
		obj := substr(e.tag, length(kind) + 2);
		sect := CASE e.descr WHEN 'COMMENT' THEN 'comment' ELSE 'privileges' END;
		IF kind = 'EXTENSION' THEN
			RETURN obj = 'pg_migrate' OR d #> ARRAY['extensions', obj] ? sect;
		ELSIF kind = 'SCHEMA' THEN
			RETURN d #> ARRAY['schemas', obj] ? sect;
		ELSIF kind = 'TABLE' THEN
			RETURN s #> ARRAY['tables', obj] ? sect;
		END IF;
		RETURN false;
	ELSIF e.descr = 'SEQUENCE OWNED BY' THEN
		RETURN s #> ARRAY['sequences', e.tag] ? 'owned_by';
	ELSIF e.descr = 'TABLE ATTACH' THEN
		RETURN s #> ARRAY['tables', e.tag] ? 'partition_of';
	ELSIF e.descr = 'INDEX ATTACH' THEN
		RETURN jsonb_path_exists(s, '$.tables.*.indexes.* ? (@.partition_of != null)')
		   AND EXISTS (SELECT 1 FROM jsonb_each(s -> 'tables') t WHERE t.value -> 'indexes' ? e.tag);
	END IF;
	RETURN false;
END $$;

-- The description of an object under a search_path.
CREATE FUNCTION pg_temp.describe(classid oid, objid oid, path text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	key text;
BEGIN
	PERFORM set_config('search_path', path, true);
	key := pg_describe_object(classid, objid, 0);
	PERFORM set_config('search_path', 'pg_catalog, pg_temp', true);
	RETURN key;
END $$;

-- Is it an entry of "unmodeled" (keyed by pg_describe_object(): in its
-- schema relative to that schema, at the top level qualified)?  A comment
-- or privileges of such an object are part of its entry.
CREATE FUNCTION pg_temp.unmodeled(e toc, d jsonb) RETURNS boolean
LANGUAGE plpgsql AS $$
DECLARE
	classid oid := e.classid;
	objid oid := e.objid;
	kind text;
BEGIN
	IF e.descr = 'USER MAPPING' THEN
		RETURN d -> 'unmodeled' ?
			regexp_replace(e.tag, '^USER MAPPING (.*) SERVER (.*)$', 'user mapping for \1 on server \2');
	ELSIF e.descr = 'SHELL TYPE' OR (e.descr IN ('COMMENT', 'ACL') AND e.tag LIKE 'TYPE %') THEN
		classid := 'pg_type'::regclass;
		objid := to_regtype(quote_ident(e.nsp) || '.' || regexp_replace(e.tag, '^TYPE ', ''));
	ELSIF e.classid = 0 THEN
		RETURN false;
	END IF;
	IF e.descr IN ('COMMENT', 'ACL') AND NOT EXISTS (
		SELECT 1 FROM doc, jsonb_each(doc.d #> ARRAY['schemas', e.nsp, 'unmodeled']) u
		 WHERE u.key = pg_temp.describe(classid, objid, quote_ident(e.nsp) || ', pg_catalog')
		   AND u.value ? CASE e.descr WHEN 'COMMENT' THEN 'comment' ELSE 'definition' END) THEN
		RETURN false;
	END IF;
	RETURN coalesce(d -> 'unmodeled' ? pg_temp.describe(classid, objid, 'pg_catalog'), false)
	    OR coalesce(d #> ARRAY['schemas', e.nsp, 'unmodeled'] ?
	                pg_temp.describe(classid, objid, quote_ident(e.nsp) || ', pg_catalog'), false);
END $$;

CREATE TEMP TABLE verdicts AS
SELECT e.line, e.descr, e.expect,
       CASE WHEN e.descr IS NULL THEN 'unknown'
            WHEN pg_temp.modelled(e, doc.d) THEN 'modelled'
            WHEN pg_temp.unmodeled(e, doc.d) THEN 'unmodeled'
            ELSE 'missing' END AS got
  FROM toc e, doc
 WHERE NOT (e.descr = 'EXTENSION' AND e.tag = 'pg_migrate');

SELECT format('%s: %s', CASE got
                          WHEN 'unknown' THEN 'a kind test/coverage/kinds does not know'
                          WHEN 'missing' THEN 'neither modelled nor listed under "unmodeled"'
                          ELSE format('%s, expected %s', got, expect) END, line)
  FROM verdicts
 WHERE got IN ('unknown', 'missing') OR (expect <> 'either' AND got <> expect)
UNION ALL
SELECT format('no entry of kind %s in the dump of test/coverage/all_kinds.sql', k.descr)
  FROM kinds k
 WHERE NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.descr = k.descr);
