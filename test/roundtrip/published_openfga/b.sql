-- assets/migrations/postgres/001_initialize_schema.sql (its -- +goose Up part)
-- +goose Up
CREATE TABLE tuple (
		store TEXT NOT NULL,
		object_type TEXT NOT NULL,
		object_id TEXT NOT NULL,
		relation TEXT NOT NULL,
		_user TEXT NOT NULL,
		user_type TEXT NOT NULL,
		ulid TEXT NOT NULL,
		inserted_at TIMESTAMPTZ NOT NULL,
		PRIMARY KEY (store, object_type, object_id, relation, _user)
);

CREATE INDEX idx_tuple_partial_user ON tuple (store, object_type, object_id, relation, _user) WHERE user_type = 'user';
CREATE INDEX idx_tuple_partial_userset ON tuple (store, object_type, object_id, relation, _user) WHERE user_type = 'userset';
CREATE UNIQUE INDEX idx_tuple_ulid ON tuple (ulid);

CREATE TABLE authorization_model (
	store TEXT NOT NULL,
	authorization_model_id TEXT NOT NULL,
	type TEXT NOT NULL,
	type_definition BYTEA,
	PRIMARY KEY (store, authorization_model_id, type)
);

CREATE TABLE store (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL,
	updated_at TIMESTAMPTZ,
	deleted_at TIMESTAMPTZ
);

CREATE TABLE assertion (
	store TEXT NOT NULL,
	authorization_model_id TEXT NOT NULL,
	assertions BYTEA,
	PRIMARY KEY (store, authorization_model_id)
);

CREATE TABLE changelog (
	store TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id TEXT NOT NULL,
	relation TEXT NOT NULL,
	_user TEXT NOT NULL,
	operation INTEGER NOT NULL,
	ulid TEXT NOT NULL,
	inserted_at TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (store, ulid, object_type)
);


-- assets/migrations/postgres/002_add_authorization_model_version.sql (its -- +goose Up part)
-- +goose Up
ALTER TABLE authorization_model ADD COLUMN schema_version TEXT NOT NULL DEFAULT '1.0';


-- assets/migrations/postgres/003_add_reverse_lookup_index.sql (its -- +goose Up part)
-- +goose Up
CREATE INDEX idx_reverse_lookup_user on tuple (store, object_type, relation, _user);


-- assets/migrations/postgres/004_add_authorization_model_serialized_protobuf.sql (its -- +goose Up part)
-- +goose Up
ALTER TABLE authorization_model ADD COLUMN serialized_protobuf BYTEA;


-- assets/migrations/postgres/005_add_conditions_to_tuples.sql (its -- +goose Up part)
-- +goose Up
ALTER TABLE tuple ADD COLUMN condition_name TEXT, ADD COLUMN condition_context BYTEA;
ALTER TABLE changelog ADD COLUMN condition_name TEXT, ADD COLUMN condition_context BYTEA;


-- assets/migrations/postgres/006_add_collate_index.sql (its -- +goose Up part)
-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX IF NOT EXISTS idx_user_lookup on tuple (
    store,
    _user,
    relation,
    object_type,
    object_id collate "C"
);

DROP INDEX IF EXISTS idx_reverse_lookup_user;


