-- the function's result type changes: the policy that calls it must be
-- dropped first and created again after
CREATE FUNCTION current_tenant() RETURNS bigint
    LANGUAGE sql STABLE
    AS $$SELECT current_setting('app.tenant', true)::bigint$$;
CREATE FUNCTION is_admin() RETURNS boolean
    LANGUAGE sql STABLE
    AS $$SELECT coalesce(current_setting('app.admin', true), '') = 'on'$$;
CREATE TABLE invoices (
    id integer PRIMARY KEY,
    tenant_id bigint NOT NULL,
    amount numeric
);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoices_tenant ON invoices
    USING (tenant_id = current_tenant() OR is_admin());
CREATE POLICY invoices_positive ON invoices AS RESTRICTIVE FOR INSERT
    WITH CHECK (amount > 0 OR is_admin());
