INSERT INTO llmops.prompt_versions (name, version, content_hash, document, published_at) VALUES ($1, $2, $3, $4, $5)
