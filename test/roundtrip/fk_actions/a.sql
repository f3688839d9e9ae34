CREATE TABLE owners (
    id integer PRIMARY KEY,
    region integer NOT NULL,
    UNIQUE (id, region)
);
CREATE TABLE pets (
    id integer PRIMARY KEY,
    owner_id integer,
    owner_region integer,
    vet_owner integer,
    CONSTRAINT pets_owner_fkey FOREIGN KEY (owner_id) REFERENCES owners (id),
    CONSTRAINT pets_owner_region_fkey FOREIGN KEY (owner_id, owner_region) REFERENCES owners (id, region),
    CONSTRAINT pets_vet_owner_fkey FOREIGN KEY (vet_owner) REFERENCES owners (id) ON DELETE CASCADE
);
