-- The row writers lock; created by the first publish of a name.
INSERT INTO llmops.prompts (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING
