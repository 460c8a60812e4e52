SELECT version FROM llmops.prompt_versions WHERE name = $1 ORDER BY version
