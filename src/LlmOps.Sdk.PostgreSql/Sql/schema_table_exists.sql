-- Whether the migrations table exists: a new database has no schema version yet.
-- Read from pg_tables, under the statement's snapshot: a backend's catalog cache (to_regclass) can miss a table that
-- another instance created while this one waited for the migration lock.
SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = 'llmops' AND tablename = 'schema_migrations')
