CREATE FUNCTION current_tenant() RETURNS integer
    LANGUAGE sql STABLE
    AS $$SELECT current_setting('app.tenant', true)::integer$$;
CREATE TABLE invoices (
    id integer PRIMARY KEY,
    tenant_id integer NOT NULL,
    amount numeric
);
ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
CREATE POLICY invoices_tenant ON invoices
    USING (tenant_id = current_tenant());
