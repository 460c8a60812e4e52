INSERT INTO llmops.prompt_history
    (at, kind, name, version, label, before_versions, before_weights, after_versions, after_weights, actor, reason)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
RETURNING sequence
