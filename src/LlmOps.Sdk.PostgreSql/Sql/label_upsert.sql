INSERT INTO llmops.prompt_labels (name, label, versions, weights, updated_at) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (name, label) DO UPDATE SET versions = excluded.versions, weights = excluded.weights, updated_at = excluded.updated_at
