INSERT INTO llmops_schema_version (version, applied_at) VALUES ($version, $applied_at);
