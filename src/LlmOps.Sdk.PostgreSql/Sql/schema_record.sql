INSERT INTO llmops.schema_migrations (version, name) VALUES ($1, $2)
