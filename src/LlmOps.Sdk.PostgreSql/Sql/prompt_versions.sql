SELECT version, content_hash, document FROM llmops.prompt_versions WHERE name = $1 ORDER BY version
