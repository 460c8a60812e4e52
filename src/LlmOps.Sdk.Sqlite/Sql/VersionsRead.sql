SELECT version, content_hash, document FROM llmops_prompt_versions WHERE name = $name ORDER BY version;
