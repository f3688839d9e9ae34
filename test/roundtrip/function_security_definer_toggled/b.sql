CREATE FUNCTION whoami() RETURNS text LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog AS $$SELECT current_user::text$$;
