-- The version already published with this content, under any number: publishing it again returns it.
SELECT version, content_hash, document FROM llmops.prompt_versions WHERE name = $1 AND content_hash = $2 ORDER BY version LIMIT 1
