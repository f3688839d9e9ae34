CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner name NOT NULL DEFAULT current_user,
    tenant integer NOT NULL,
    public boolean NOT NULL DEFAULT false,
    body text
);
ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
CREATE POLICY documents_owner ON documents
    USING (owner = current_user);
