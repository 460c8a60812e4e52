SELECT version, content_hash FROM llmops_prompt_versions WHERE name = $name ORDER BY version;
