SELECT coalesce(max(version), 0) FROM llmops_schema_version;
