SELECT sequence, at, kind, name, version, label, before_versions, before_weights, after_versions, after_weights, actor, reason
FROM llmops.prompt_history WHERE name = $1 ORDER BY sequence
