-- The schema's version: the highest migration applied.
SELECT coalesce(max(version), 0) FROM llmops.schema_migrations
