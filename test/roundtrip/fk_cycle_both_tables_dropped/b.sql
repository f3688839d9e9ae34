-- Two tables that reference each other, as in a published CI server's
-- schema (resource caches and resource configs): dropping both needs the
-- foreign keys dropped before either table.
CREATE TABLE resource_configs (
    id serial PRIMARY KEY,
    resource_cache_id integer
);
CREATE TABLE resource_caches (
    id serial PRIMARY KEY,
    resource_config_id integer REFERENCES resource_configs (id) ON DELETE CASCADE
);
ALTER TABLE resource_configs ADD CONSTRAINT resource_configs_resource_cache_id_fkey
    FOREIGN KEY (resource_cache_id) REFERENCES resource_caches (id) ON DELETE CASCADE;
