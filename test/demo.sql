-- The pg_migrate walkthrough of `make demo` (test/run-demo runs it with
-- psql -e on a throwaway cluster, in a fresh database).  It follows the
-- Alembic/SQLAlchemy cheatsheet's Poll/Voter example.  For now it shows the
-- parts that exist: installing the extension and the snapshot of the live
-- schema; models, revisions and mapped views will join it as they land.
\set ON_ERROR_STOP 1
\set QUIET on
\pset pager off
\set QUIET off

\echo
\echo '=== 1. alembic init  ->  CREATE EXTENSION pg_migrate'
\echo '    creates migrate_version (the layout of alembic_version) and the other tables of pg_migrate'
\echo
CREATE EXTENSION pg_migrate;
\dx pg_migrate
\dt migrate_*
SELECT * FROM migrate_version;

\echo
\echo '=== 2. The models of the cheatsheet, as DDL'
\echo '    class Poll(Base):  id = Column(sa.BigInteger, autoincrement=True, primary_key=True, index=True)'
\echo '    class Voter(Base): id = ... ; poll_id = Column(sa.BigInteger, ForeignKey("polls.id"), nullable=False)'
\echo '    (what SQLAlchemy creates for them on PostgreSQL)'
\echo
CREATE TABLE polls (
    id bigserial NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_polls_id ON polls (id);

CREATE TABLE voters (
    id bigserial NOT NULL,
    poll_id bigint NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (poll_id) REFERENCES polls (id)
);
CREATE INDEX ix_voters_id ON voters (id);

\echo
\echo '=== 3. Reflection  ->  migrate_snapshot(): the live schema as one canonical jsonb document'
\echo '    (read from the catalogs in C; the format is described in docs/snapshot-format.md)'
\echo
\set QUIET on
\pset format unaligned
\pset tuples_only on
\set QUIET off
SELECT jsonb_pretty(migrate_snapshot(ARRAY['public']));
\set QUIET on
\pset format aligned
\pset tuples_only off
\set QUIET off

\echo
\echo '=== Coming next: models (migrate_model_set), diff, revisions (migrate_revision,'
\echo '    migrate_upgrade, migrate_downgrade) and mapped views (n_voters, polls.voters).'
