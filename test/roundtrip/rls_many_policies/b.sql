CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner name NOT NULL DEFAULT current_user,
    tenant integer NOT NULL,
    public boolean NOT NULL DEFAULT false,
    body text
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE documents FORCE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents
    USING (owner = current_user)
    WITH CHECK (owner = current_user AND tenant > 0);
CREATE POLICY documents_public_read ON documents AS PERMISSIVE
    FOR SELECT TO PUBLIC
    USING (public);
CREATE POLICY documents_reader ON documents
    FOR SELECT TO rt_reader, rt_writer
    USING (tenant = current_setting('app.tenant')::integer);
CREATE POLICY documents_writer_insert ON documents
    FOR INSERT TO rt_writer
    WITH CHECK (tenant = current_setting('app.tenant')::integer);
CREATE POLICY documents_writer_update ON documents
    FOR UPDATE TO rt_writer
    USING (owner = current_user)
    WITH CHECK (owner = current_user);
CREATE POLICY documents_no_delete ON documents AS RESTRICTIVE
    FOR DELETE
    USING (false);
CREATE POLICY documents_tenant_fence ON documents AS RESTRICTIVE
    TO rt_reader, rt_writer
    USING (tenant > 0);

CREATE TABLE audit (
    id integer PRIMARY KEY,
    line text
);
ALTER TABLE audit FORCE ROW LEVEL SECURITY;
