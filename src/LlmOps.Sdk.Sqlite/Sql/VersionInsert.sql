INSERT INTO llmops_prompt_versions (name, version, content_hash, document, published_at)
VALUES ($name, $version, $content_hash, $document, $published_at);
