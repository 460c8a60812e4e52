-- Whether the migrations table exists: a new database has no schema version yet.
SELECT to_regclass('llmops.schema_migrations') IS NOT NULL
