-- A policy of organizations reads organization_memberships, whose foreign
-- key references organizations (as in Graphile Starter's published schema):
-- each table needs the other, so dropping both needs the foreign key (or
-- the policy) dropped before either table.
CREATE TABLE organizations (
    id integer PRIMARY KEY,
    name text NOT NULL
);
CREATE TABLE organization_memberships (
    id integer PRIMARY KEY,
    organization_id integer NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_name text NOT NULL,
    is_owner boolean NOT NULL DEFAULT false
);
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
CREATE POLICY update_owner ON organizations FOR UPDATE
    USING (EXISTS (SELECT 1 FROM organization_memberships m
                   WHERE m.organization_id = organizations.id
                     AND m.user_name = current_user AND m.is_owner));
