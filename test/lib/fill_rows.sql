-- Used by test/diff_rows.sh: put one row into every user table of the
-- database (plain tables, partitioned tables through their parent, children
-- of INHERITS), honouring types, NOT NULL and single-column foreign keys
-- where it can, so that a migration can be checked for the rows it keeps.
-- Columns with a default (but for a foreign key), identity or generated
-- columns take their default;
-- a NOT NULL column without one gets a sample value of its type (or of its
-- domain's base type, an enum's first label); a single-column foreign key
-- takes a value of the referenced table, which therefore gets its row
-- first (tables are tried again until no more succeed).  Each INSERT runs
-- in a subtransaction: a table where it fails (a CHECK, a bound of a
-- partition, a composite foreign key, ...) is tried again with only the NOT
-- NULL columns set, and again with other strings, then counted as
-- skipped.  Prints "filled N skipped M".
CREATE FUNCTION pg_temp.sample(t oid) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	r pg_type;
BEGIN
	SELECT * INTO r FROM pg_type WHERE oid = t;
	IF r.typtype = 'd' THEN
		RETURN pg_temp.sample(r.typbasetype);
	ELSIF r.typtype = 'e' THEN
		RETURN (SELECT enumlabel FROM pg_enum WHERE enumtypid = t
		         ORDER BY enumsortorder LIMIT 1);
	ELSIF r.typtype = 'r' THEN
		RETURN 'empty';
	ELSIF r.typcategory = 'A' THEN
		RETURN '{}';
	END IF;
	RETURN CASE
		WHEN r.typname IN ('time', 'timetz') THEN '12:34:56'
		WHEN r.typname = 'interval' THEN '1 day'
		WHEN r.typname = 'uuid' THEN '00000000-0000-0000-0000-000000000001'
		WHEN r.typname IN ('json', 'jsonb') THEN '{"k": 1}'
		WHEN r.typname = 'bytea' THEN '\x01'
		WHEN r.typname IN ('inet', 'cidr') THEN '10.0.0.1'
		WHEN r.typname IN ('macaddr', 'macaddr8') THEN '08:00:2b:01:02:03'
		WHEN r.typname = 'point' THEN '(1,2)'
		WHEN r.typname = 'tsvector' THEN 'word'
		WHEN r.typname = 'xml' THEN '<a/>'
		WHEN r.typname = 'hstore' THEN 'k=>v'
		WHEN r.typname = 'citext' THEN 'x'
		WHEN r.typname IN ('bit', 'varbit') THEN '1'
		WHEN r.typname = 'char' THEN 'x'
		WHEN r.typcategory = 'N' THEN '1'
		WHEN r.typcategory = 'S' THEN 'x'
		-- strings: more candidates, for domains whose CHECK wants a shape
		-- (pg_temp.value_for() takes the first that casts)
		WHEN r.typcategory = 'B' THEN 'true'
		WHEN r.typcategory = 'D' THEN '2020-01-02 03:04:05'
		ELSE NULL
	END;
END
$f$;

-- A value of type t as text: the first candidate that casts to t (a
-- domain checks its constraints on the cast), or NULL.
CREATE FUNCTION pg_temp.value_for(t oid, pref text) RETURNS text LANGUAGE plpgsql AS $f$
DECLARE
	first text := pg_temp.sample(t);
	c text;
BEGIN
	IF first IS NULL THEN
		RETURN NULL;
	END IF;
	IF (SELECT typcategory FROM pg_type
	     WHERE oid = coalesce(nullif((SELECT typbasetype FROM pg_type WHERE oid = t), 0), t)) <> 'S' THEN
		pref := NULL;
	END IF;
	FOREACH c IN ARRAY ARRAY[coalesce(pref, first), first, 'AB', 'ABC', 'a@b.cd', 'abc-1', 'x1', 'X', '1', 'ab']
	LOOP
		BEGIN
			EXECUTE format('SELECT %L::%s', c, format_type(t, NULL));
			RETURN c;
		EXCEPTION WHEN others THEN
			NULL;
		END;
	END LOOP;
	RETURN NULL;
END
$f$;

CREATE FUNCTION pg_temp.try_fill(rel oid, all_columns boolean, pref text) RETURNS boolean
LANGUAGE plpgsql AS $f$
DECLARE
	a record;
	cols text[] := '{}';
	vals text[] := '{}';
	v text;
BEGIN
	FOR a IN
		SELECT att.attname, att.atttypid, att.attnotnull, att.atthasdef AS hasdef,
		       (SELECT format('(SELECT %I FROM ONLY %s LIMIT 1)', ra.attname, c.confrelid::regclass)
		          FROM pg_constraint c
		          JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
		         WHERE c.conrelid = rel AND c.contype = 'f' AND c.conkey = ARRAY[att.attnum]
		         LIMIT 1) AS fk
		  FROM pg_attribute att
		 WHERE att.attrelid = rel AND att.attnum > 0 AND NOT att.attisdropped
		   AND att.attidentity = '' AND att.attgenerated = ''
		 ORDER BY att.attnum
	LOOP
		IF a.hasdef AND a.fk IS NULL THEN
			CONTINUE;
		END IF;
		IF NOT (a.attnotnull OR all_columns) THEN
			CONTINUE;
		END IF;
		IF a.fk IS NOT NULL THEN
			v := a.fk;
		ELSE
			v := pg_temp.value_for(a.atttypid, pref);
			IF v IS NULL THEN
				CONTINUE;
			END IF;
			v := format('%L::%s', v, format_type(a.atttypid, NULL));
		END IF;
		cols := cols || quote_ident(a.attname);
		vals := vals || v;
	END LOOP;
	BEGIN
		IF cardinality(cols) = 0 THEN
			EXECUTE format('INSERT INTO %s DEFAULT VALUES', rel::regclass);
		ELSE
			EXECUTE format('INSERT INTO %s (%s) VALUES (%s)', rel::regclass,
			               array_to_string(cols, ', '), array_to_string(vals, ', '));
		END IF;
		RETURN true;
	EXCEPTION WHEN others THEN
		RETURN false;
	END;
END
$f$;

DO $d$
DECLARE
	todo oid[];
	left_over oid[];
	rel oid;
	progress boolean := true;
	filled int := 0;
	ok boolean;
	pref text;
BEGIN
	-- every table of a user schema but partitions (filled through their
	-- parent), not of an extension
	SELECT array_agg(c.oid ORDER BY n.nspname, c.relname) INTO todo
	  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
	   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
	   AND n.nspname !~ '^pg_(toast|temp_)'
	   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
	                    AND d.objid = c.oid AND d.deptype = 'e');
	todo := coalesce(todo, '{}');
	WHILE progress AND cardinality(todo) > 0 LOOP
		progress := false;
		left_over := '{}';
		FOREACH rel IN ARRAY todo LOOP
			-- every string column the same candidate: a CHECK of a table
			-- often wants a shape ('^[A-Z]{3}$', an e-mail, ...)
			ok := false;
			FOREACH pref IN ARRAY ARRAY['x', 'ABC', 'abc', 'AB', 'ab', 'a@b.cd', 'abc-1', '1']
			LOOP
				IF pg_temp.try_fill(rel, true, pref) OR pg_temp.try_fill(rel, false, pref) THEN
					ok := true;
					EXIT;
				END IF;
			END LOOP;
			IF ok THEN
				filled := filled + 1;
				progress := true;
			ELSE
				left_over := left_over || rel;
			END IF;
		END LOOP;
		todo := left_over;
	END LOOP;
	RAISE NOTICE 'filled % skipped %: %', filled, cardinality(todo),
		(SELECT string_agg(t::regclass::text, ' ') FROM unnest(todo) t);
END
$d$;
